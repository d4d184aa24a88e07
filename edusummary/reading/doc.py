"""Word 97–2003 reports (.doc, and WPS's .wps saved in that format), read with olefile.

A .doc is an OLE2 compound file. Its ``WordDocument`` stream starts with the File
Information Block (FIB), which says where the rest is; the text lies in pieces whose order
and encoding the piece table (the CLX, in the ``0Table`` or ``1Table`` stream) gives. The
text is Word's own characters: control characters mark paragraph ends, table cells, fields
and pictures, and :func:`word_lines` turns them into lines, as the RTF reader does too.
Paragraph properties (heading style, table row ends, the list a paragraph is numbered in)
come from the paragraphs' formatting pages (FKPs); styles are not read beyond Word's fixed
ids of Heading 1 to 9 and the lists a style numbers its paragraphs in. Word's automatic
numbering comes from the list tables (PlfLst, PlfLfo) in the table stream, and is counted as
a .docx's is.

Every offset read from the file is checked against the data it points into: a damaged
file is a :class:`ReadError`, never an IndexError.
"""

from __future__ import annotations

import bisect
import functools
import io
import re
import struct
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import NamedTuple

from ..errors import ReadError
from ._common import HEADING, NOTE, SOFT_BREAK, TABLE_CELL_SEPARATOR, Document, tidy_marked
from ._wordnumbers import NFC_FORMATS, Level, Numbering, NumberList, drawn_number, inherit
from .pptx import SUFFIXES as PPTX_SUFFIXES

#: The first bytes of an OLE2 compound file.
OLE2_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
#: What to do with a Word file edusummary cannot read.
_CONVERT = (
    "open it in Word, WPS or LibreOffice and save it as .docx "
    "(or convert it with: libreoffice --headless --convert-to docx FILE)"
)
#: What an OLE2 file without a WordDocument stream is, by a stream only it has.
_OTHER_OLE2 = [
    ("EncryptedPackage", None),  # a .docx, .pptx or .xlsx with a password: said apart
    ("Workbook", "an Excel workbook (.xls)"),
    ("Book", "an Excel 5.0/95 workbook (.xls)"),
    ("PowerPoint Document", "a PowerPoint 97–2003 presentation (.ppt, or WPS's .dps)"),
]
_SAVE_AS = "save the report as .docx, .pdf or .txt"
#: PowerPoint's own formats are read from .pptx.
_SAVE_SLIDES_AS = "open it in PowerPoint or WPS and save it as .pptx or .pdf"
#: A workbook may hold reports one a row, as a sheet does (see reading._REFUSALS).
_WORKBOOK_ADVICE = (
    "for reports held one per row, read it with pandas and pass the column of their text "
    f"to edusummary.tag_texts; for one report, {_SAVE_AS}"
)
_REMOVE_PASSWORD = "remove the password and try again"
_ENCRYPTED = f"the Word document is encrypted; {_REMOVE_PASSWORD}"

_FIB_IDENT = 0xA5EC
#: Word 97 wrote nFib 193, and later versions keep it in the FIB's base; below are Word 6
#: and 95, whose text lies elsewhere and is 8-bit in the system's code page.
_FIB_WORD97 = 0xC0
_F_ENCRYPTED = 0x0100
_F_WHICH_TABLE = 0x0200
#: Indexes of the counts of characters in FibRgLw97: the main text, then the subdocuments
#: that follow it in this order.
_CCP_TEXT, _CCP_FOOTNOTES, _CCP_HEADERS, _CCP_COMMENTS, _CCP_ENDNOTES, _CCP_BOXES = (
    3, 4, 5, 7, 8, 9
)
#: Indexes of (fc, lcb) pairs in FibRgFcLcb97.
_STSHF, _PLCF_BTE_PAPX, _CLX, _PLF_LST, _PLF_LFO = 1, 13, 33, 73, 74
_COMPRESSED = 0x40000000
_FC_MASK = 0x3FFFFFFF
_PAGE = 512
#: Paragraph sprms read: in a table, the end of a row (at the outer level, and nested),
#: and the outline level that a heading's paragraph may carry.
_SPRM_IN_TABLE, _SPRM_ROW_END, _SPRM_INNER_ROW_END, _SPRM_OUTLINE = 0x2416, 0x2417, 0x244C, 0x2640
#: The list a paragraph is numbered in (an ilfo: 1 and on, an override of the list table;
#: 0 numbering taken off), and its level there.
_SPRM_ILFO, _SPRM_ILVL = 0x460B, 0x260A
#: A list level's number hidden (a character property of its number).
_SPRM_VANISH = 0x083C
#: Operand sizes by a sprm's spra (its top three bits); 6 is variable.
_OPERAND_BYTES = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
_SPRM_TABLE_DEFINITION = 0xD608
#: A list level linked to no style; after its number nothing (not a tab, not a space).
_NO_STYLE, _FOLLOW_NOTHING = 0x0FFF, 2
#: A style's kind (stk) that is a paragraph style.
_PARAGRAPH_STYLE = 1
#: A list level's number text, its placeholders as the .docx writes them.
_PLACEHOLDERS = {level: f"%{level + 1}" for level in range(9)}
#: Word's fixed style ids of Heading 1 to 9.
_HEADING_STYLES = range(1, 10)
_BODY_TEXT_LEVEL = 9


class _Damaged(Exception):
    """What is wrong with a damaged .doc, for the message."""


class _Refused(Exception):
    """What the FIB says of a .doc that is not read (encrypted, Word 6/95): the message."""


class Paragraph(NamedTuple):
    """What :func:`word_lines` needs to know of the paragraph a mark ends."""

    heading: bool = False
    in_table: bool = False
    row_end: bool = False
    list: int | None = None  # the ilfo it names, if any
    level: int | None = None  # its level in that list, if it names one
    style: int | None = None  # its style's istd


def read_doc_file(path: Path) -> Document:
    """Read a Word 97–2003 report (.doc, or a .wps WPS saved in that format).

    The main text is read paragraph by paragraph, a line each; a table row gives a line,
    its cells parted by tabs, a cell's paragraphs joined by a space. Of a field (a page
    number, a hyperlink) only its result is kept, pictures are left out. The text of the
    text boxes follows the main text (the paragraph holding each is not read), and the
    footnotes and endnotes follow them, marked as notes; headers, footers, comments and
    their text boxes are left out.
    Paragraphs in Word's Heading 1 to 9 styles, or given an outline level, are headings.
    The numbers of Word's automatic numbering (a paragraph's own list or its style's) are
    drawn before their paragraphs, counted as in a .docx (see :mod:`._wordnumbers`); a
    file whose list tables are damaged is read without them, with a warning.

    Parameters
    ----------
    path : pathlib.Path

    Returns
    -------
    Document
        With ``format="doc"`` and no encoding.

    Raises
    ------
    ReadError
        The file is no Word 97–2003 document (an older Word or WPS format, another
        program's OLE2 file such as an .xls), is encrypted, or is damaged.
    """
    data = path.read_bytes()
    if not data:
        return Document(text="", source=str(path), format="doc")
    if not data.startswith(OLE2_SIGNATURE):
        raise ReadError(f"{path}: is in an old Word or WPS format edusummary does not read; "
                        f"{_CONVERT}")
    word, table = _streams(path, data)
    try:
        lines, damage = _document_lines(word, table)
    except _Refused as exc:
        raise ReadError(f"{path}: {exc}") from None
    except _Damaged as exc:
        raise ReadError(f"{path}: a damaged Word document ({exc}); {_CONVERT}") from exc
    text, marks = tidy_marked(lines)
    warnings = () if damage is None else (
        f"{path}: read without Word's automatic numbering, as its list tables are damaged "
        f"({damage}); {_CONVERT} to have the numbers",
    )
    return Document(
        text=text, source=str(path), format="doc", headings=marks.get(HEADING, ()),
        notes=marks.get(NOTE, ()), warnings=warnings,
    )


def _streams(path: Path, data: bytes) -> tuple[bytes, Callable[[bool], bytes | None]]:
    """The WordDocument stream, and a function giving the 1Table (True) or 0Table stream."""
    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if not ole.exists("WordDocument"):
                raise ReadError(_not_word(path, ole))
            word = ole.openstream("WordDocument").read()
            tables = {
                name: ole.openstream(name).read()
                for name in ("0Table", "1Table") if ole.exists(name)
            }
    except ReadError:
        raise
    except Exception as exc:
        # olefile meets a damaged compound file with OSError and with whatever the broken
        # structure makes Python raise; to the user they all mean the same.
        raise ReadError(f"{path}: a damaged OLE2 file, not readable as a .doc ({exc}); "
                        f"{_CONVERT}") from exc
    return word, lambda which: tables.get("1Table" if which else "0Table")


def _not_word(path: Path, ole) -> str:
    for stream, what in _OTHER_OLE2:
        if ole.exists(stream):
            if what is None:
                # The encrypted package does not say what it holds; its name does.
                if path.suffix.lower() in PPTX_SUFFIXES:
                    return f"{path}: the presentation is encrypted; {_REMOVE_PASSWORD}"
                return f"{path}: {_ENCRYPTED}"
            advice = (
                _WORKBOOK_ADVICE if "workbook" in what
                else _SAVE_SLIDES_AS if "PowerPoint" in what else _SAVE_AS
            )
            return f"{path}: is {what}, not a Word document; {advice}"
    streams = ", ".join("/".join(entry) for entry in ole.listdir()[:5])
    return (f"{path}: is an OLE2 file of another program than Word (its streams: "
            f"{streams or 'none'}); {_SAVE_AS}")


def _unpack(fmt: str, data: bytes, at: int, what: str) -> tuple:
    if at < 0 or at + struct.calcsize(fmt) > len(data):
        raise _Damaged(f"{what} lies past the end of its stream")
    return struct.unpack_from(fmt, data, at)


def _slice(data: bytes, at: int, size: int, what: str) -> bytes:
    if at < 0 or size < 0 or at + size > len(data):
        raise _Damaged(f"{what} lies past the end of its stream")
    return data[at:at + size]


class _Fib(NamedTuple):
    counts: tuple[int, ...]  # FibRgLw97
    places: list[tuple[int, int]]  # FibRgFcLcb97's (fc, lcb) pairs
    table: bytes


def _fib(word: bytes, table_stream: Callable[[bool], bytes | None]) -> _Fib:
    ident, version = _unpack("<HH", word, 0, "the file information block")
    if ident != _FIB_IDENT:
        raise _Damaged("its WordDocument stream does not start with a file information block")
    if version < _FIB_WORD97:
        raise _Refused(f"is a Word 6.0/95 document, which edusummary does not read; {_CONVERT}")
    (flags,) = _unpack("<H", word, 0x0A, "the file information block")
    if flags & _F_ENCRYPTED:
        raise _Refused(_ENCRYPTED)
    at = 0x20
    (csw,) = _unpack("<H", word, at, "the file information block")
    at += 2 + 2 * csw
    (cslw,) = _unpack("<H", word, at, "the file information block")
    counts = _unpack(f"<{cslw}I", word, at + 2, "the file information block")
    at += 2 + 4 * cslw
    (pairs,) = _unpack("<H", word, at, "the file information block")
    raw = _unpack(f"<{2 * pairs}I", word, at + 2, "the file information block")
    if len(counts) <= _CCP_TEXT or pairs <= _CLX:
        raise _Damaged("its file information block is too short")
    table = table_stream(bool(flags & _F_WHICH_TABLE))
    if table is None:
        raise _Damaged("the table stream is missing")
    return _Fib(counts, list(zip(raw[::2], raw[1::2], strict=True)), table)


class _Piece(NamedTuple):
    start: int  # the piece's first character position
    end: int
    offset: int  # of its first byte in the WordDocument stream
    width: int  # bytes a character: 1 (cp1252) or 2 (UTF-16LE)


def _pieces(fib: _Fib) -> list[_Piece]:
    """The piece table: where each run of characters lies, and how wide they are."""
    fc, lcb = fib.places[_CLX]
    clx = _slice(fib.table, fc, lcb, "the piece table")
    at = 0
    # Runs of formatting (Prc, clxt 1) come first, then the piece table (Pcdt, clxt 2).
    while at < len(clx) and clx[at] == 1:
        (size,) = _unpack("<h", clx, at + 1, "the piece table")
        at += 3 + max(size, 0)
    (kind, size) = _unpack("<BI", clx, at, "the piece table")
    if kind != 2 or size < 16 or (size - 4) % 12:
        raise _Damaged("its piece table is malformed")
    plc = _slice(clx, at + 5, size, "the piece table")
    count = (size - 4) // 12
    positions = struct.unpack_from(f"<{count + 1}I", plc)
    pieces = []
    for i in range(count):
        _, fc, _ = struct.unpack_from("<HIH", plc, 4 * (count + 1) + 8 * i)
        start, end = positions[i], positions[i + 1]
        if end < start or (pieces and start != pieces[-1].end) or (not pieces and start):
            raise _Damaged("the pieces of its text are out of order")
        compressed = bool(fc & _COMPRESSED)
        offset = (fc & _FC_MASK) // 2 if compressed else fc & _FC_MASK
        pieces.append(_Piece(start, end, offset, 1 if compressed else 2))
    return pieces


def _text(word: bytes, pieces: list[_Piece], end: int) -> str:
    """Characters 0 to ``end`` (or as far as the pieces go)."""
    parts = []
    for piece in pieces:
        if piece.start >= end:
            break
        count = min(piece.end, end) - piece.start
        data = _slice(word, piece.offset, count * piece.width, "a piece of its text")
        # Lone surrogates pass, for read() to replace and count with the others it meets.
        parts.append(data.decode("utf-16-le", "surrogatepass") if piece.width == 2
                     else data.decode("cp1252", "replace"))
    return "".join(parts)


class _Formatting:
    """The paragraph properties of a mark, from the formatting pages (PapxFkp) that the
    bin table (PlcBtePapx) lists."""

    def __init__(self, word: bytes, fib: _Fib, pieces: list[_Piece]):
        self.word, self.pieces = word, pieces
        self.starts = [piece.start for piece in pieces]
        fc, lcb = fib.places[_PLCF_BTE_PAPX]
        # Without it (a damaged file), where a table row ends is guessed.
        count = (lcb - 4) // 8 if lcb >= 12 and (lcb - 4) % 8 == 0 else 0
        plc = _slice(fib.table, fc, lcb, "the paragraphs' bin table") if count else b""
        self.bounds = list(struct.unpack_from(f"<{count + 1}I", plc)) if count else []
        self.pages = [
            number & 0x3FFFFF for number in struct.unpack_from(f"<{count}I", plc, 4 * (count + 1))
        ] if count else []
        self.read: dict[int, tuple[list[int], list[Paragraph]]] = {}

    def __bool__(self) -> bool:
        return bool(self.pages)

    def at(self, position: int) -> Paragraph:
        """The properties of the paragraph whose mark is character ``position``."""
        piece = self.pieces[bisect.bisect_right(self.starts, position) - 1]
        fc = piece.offset + (position - piece.start) * piece.width
        page = bisect.bisect_right(self.bounds, fc) - 1
        if not 0 <= page < len(self.pages):
            return Paragraph()
        if page not in self.read:
            self.read[page] = self._page(self.pages[page])
        bounds, paragraphs = self.read[page]
        run = bisect.bisect_right(bounds, fc) - 1
        return paragraphs[run] if 0 <= run < len(paragraphs) else Paragraph()

    def _page(self, number: int) -> tuple[list[int], list[Paragraph]]:
        page = _slice(self.word, number * _PAGE, _PAGE, "a page of paragraph formatting")
        runs = page[-1]
        if 4 * (runs + 1) + 13 * runs > _PAGE - 1:
            raise _Damaged("a page of paragraph formatting is malformed")
        bounds = list(struct.unpack_from(f"<{runs + 1}I", page))
        paragraphs = []
        for i in range(runs):
            at = 2 * page[4 * (runs + 1) + 13 * i]
            if not at:
                paragraphs.append(Paragraph())
                continue
            (size,) = _unpack("<B", page, at, "a paragraph's formatting")
            if size:
                at, size = at + 1, 2 * size - 1
            else:
                (size,) = _unpack("<B", page, at + 1, "a paragraph's formatting")
                at, size = at + 2, 2 * size
            properties = _slice(page, at, size, "a paragraph's formatting")
            paragraphs.append(_paragraph(properties))
        return bounds, paragraphs


def _sprms(properties: bytes, at: int, what: str) -> dict[int, int]:
    """The operands of the sprms (Prls) from ``properties[at:]`` on, of those of one, two
    or four bytes, by sprm."""
    sprms: dict[int, int] = {}
    while at + 2 <= len(properties):
        (sprm,) = struct.unpack_from("<H", properties, at)
        at += 2
        size = _OPERAND_BYTES.get(sprm >> 13)
        if size is None:  # variable: a byte of size, or two for a table's definition
            if sprm == _SPRM_TABLE_DEFINITION:
                (size,) = _unpack("<H", properties, at, what)
                size += 1
            else:
                (size,) = _unpack("<B", properties, at, what)
                size += 1
        elif size != 3 and at + size <= len(properties):
            sprms[sprm] = int.from_bytes(properties[at:at + size], "little")
        at += size
    return sprms


@functools.lru_cache(maxsize=1024)  # a document's paragraphs share a few formats
def _paragraph(properties: bytes) -> Paragraph:
    """A paragraph's style id and sprms (GrpPrlAndIstd) read for what matters here."""
    (style,) = _unpack("<H", properties, 0, "a paragraph's formatting")
    sprms = _sprms(properties, 2, "a paragraph's formatting")
    outline = sprms.get(_SPRM_OUTLINE, _BODY_TEXT_LEVEL)
    ilfo = sprms.get(_SPRM_ILFO)
    return Paragraph(
        heading=style in _HEADING_STYLES or outline < _BODY_TEXT_LEVEL,
        in_table=bool(sprms.get(_SPRM_IN_TABLE)),
        row_end=bool(sprms.get(_SPRM_ROW_END) or sprms.get(_SPRM_INNER_ROW_END)),
        list=_signed(ilfo),
        level=sprms.get(_SPRM_ILVL),
        style=style,
    )


def _signed(ilfo: int | None) -> int | None:
    # Below 0 stand for Word 6's kind of numbering (sprmPAnld), not read.
    return None if ilfo is None else ilfo - 0x10000 if ilfo & 0x8000 else ilfo


class _Lists(NamedTuple):
    """What of the list tables (PlfLst) a list's numbering needs, by its lsid."""

    levels: dict[int, dict[int, Level]]
    styles: dict[tuple[str, str], int]  # by an lsid and a style (istd), the level it links to


def _numbering(fib: _Fib) -> Numbering | None:
    """Word's automatic numbering: the lists (PlfLst) and their overrides (PlfLfo) in the
    table stream, a paragraph's ilfo naming one of the overrides, which names its list."""
    if len(fib.places) <= _PLF_LFO or not fib.places[_PLF_LST][1] or not fib.places[_PLF_LFO][1]:
        return None
    lists = _lists(fib.table, fib.places[_PLF_LST][0])
    fc = fib.places[_PLF_LFO][0]
    (count,) = _unpack("<I", fib.table, fc, "the list override table")
    overrides = [
        _unpack("<i8xB3x", fib.table, fc + 4 + 16 * i, "the list override table")
        for i in range(count)
    ]
    at = fc + 4 + 16 * count
    numbered: dict[str, NumberList] = {}
    for ilfo, (lsid, changed) in enumerate(overrides, 1):
        at += 4  # the LFOData's cp
        levels, starts = dict(lists.levels.get(lsid, {})), {}
        for _ in range(changed):
            start, flags = _unpack("<iI", fib.table, at, "a list override")
            at += 8
            index = flags & 0xF
            if flags & 0x10:  # fStartAt
                starts[index] = start
            if flags & 0x20:  # fFormatting: a level of its own follows
                level, at = _level(fib.table, at, index)
                levels[index] = level
        if lsid in lists.levels:
            numbered[str(ilfo)] = NumberList(str(lsid), levels, starts)
    return Numbering(numbered, _style_numbers(fib), lists.styles)


def _style_numbers(fib: _Fib) -> dict[str, tuple[str | None, int | None]]:
    """By a paragraph style's istd, the list (ilfo) and level its paragraphs take, from the
    style sheet (STSH): the style's own properties (UpxPapx), or those of the style it is
    based on."""
    fc, lcb = fib.places[_STSHF]
    if not lcb:
        return {}
    (size,) = _unpack("<H", fib.table, fc, "the style sheet")
    count, base_size = _unpack("<HH", fib.table, fc + 2, "the style sheet")
    at = fc + 2 + size
    numbers: dict[str, tuple[str | None, int | None]] = {}
    parents: dict[str, str] = {}
    for istd in range(count):
        (size,) = _unpack("<H", fib.table, at, "a style")
        style = _slice(fib.table, at + 2, size, "a style")
        at += 2 + size
        if size < base_size:
            continue  # no style at this istd
        (kind_and_base,) = _unpack("<H", style, 2, "a style")
        if kind_and_base & 0xF != _PARAGRAPH_STYLE:
            continue
        if kind_and_base >> 4 != _NO_STYLE:
            parents[str(istd)] = str(kind_and_base >> 4)
        (name,) = _unpack("<H", style, base_size, "a style")
        upx = base_size + 2 + 2 * name + 2  # past the name and its terminating zero
        (upx_size,) = _unpack("<H", style, upx, "a style")
        # The paragraph properties' UPX: the style's istd, then its sprms.
        sprms = _sprms(_slice(style, upx + 2, upx_size, "a style"), 2, "a style")
        if _SPRM_ILFO in sprms:
            numbers[str(istd)] = (str(_signed(sprms[_SPRM_ILFO])), sprms.get(_SPRM_ILVL))
    inherit(numbers, parents)
    return numbers


def _lists(table: bytes, at: int) -> _Lists:
    (count,) = _unpack("<h", table, at, "the list table")
    lists = [_unpack("<i4x9hB1x", table, at + 2 + 28 * i, "the list table") for i in range(count)]
    # Each list's levels (LVL) follow the list table: nine, or one for a simple list.
    at += 2 + 28 * max(count, 0)
    levels: dict[int, dict[int, Level]] = {}
    styles: dict[tuple[str, str], int] = {}
    for lsid, *linked, flags in lists:
        levels[lsid] = {}
        for index in range(1 if flags & 1 else 9):
            levels[lsid][index], at = _level(table, at, index)
        for index, style in enumerate(linked):
            if style != _NO_STYLE:
                styles[str(lsid), str(style)] = index
    return _Lists(levels, styles)


def _level(table: bytes, at: int, index: int) -> tuple[Level, int]:
    """The list level (LVL) at ``at`` in ``table``, ``index`` in its list, and where it
    ends."""
    start, nfc, flags, follow, chpx, papx, restart = _unpack(
        "<iBB9xB8xBBB1x", table, at, "a list level"
    )
    at += 28 + papx
    hidden = _sprms(_slice(table, at, chpx, "a list level"), 0, "a list level")
    at += chpx
    (size,) = _unpack("<H", table, at, "a list level")
    text = _slice(table, at + 2, 2 * size, "a list level").decode("utf-16-le", "replace")
    # Restarted when a level above it is numbered, or (fNoRestart) only a level above
    # ilvlRestartLim.
    restart = restart if flags & 0x08 else index
    return Level(
        start=start,
        format=NFC_FORMATS.get(nfc, "decimal"),
        # Characters 0 to 8 of a level's text stand for those levels' numbers.
        text=text.translate(_PLACEHOLDERS),
        restart=restart if restart > 0 else -1,
        legal=bool(flags & 0x04),
        hidden=bool(hidden.get(_SPRM_VANISH, 0) & 1),
        space=follow != _FOLLOW_NOTHING,
    ), at + 2 + 2 * size


def _document_lines(
    word: bytes, table_stream: Callable[[bool], bytes | None]
) -> tuple[list[tuple[str, str | None]], str | None]:
    """The lines of a .doc's text, and what is damaged in its list tables if they are."""
    fib = _fib(word, table_stream)
    pieces = _pieces(fib)
    count = fib.counts[_CCP_TEXT]
    if not pieces or pieces[-1].end < count:
        raise _Damaged("its text is shorter than its header says")

    def length(index: int) -> int:
        return fib.counts[index] if index < len(fib.counts) else 0

    # Footnotes and endnotes come after the main text, headers and comments between them;
    # then the main text's text boxes.
    footnotes = count + length(_CCP_FOOTNOTES)
    endnotes = footnotes + length(_CCP_HEADERS) + length(_CCP_COMMENTS)
    boxes = endnotes + length(_CCP_ENDNOTES)
    text = _text(word, pieces, boxes + length(_CCP_BOXES))
    formatting = _Formatting(word, fib, pieces)
    damage = None
    try:
        numbering = _numbering(fib) if formatting else None
    except _Damaged as exc:
        numbering, damage = None, str(exc)

    def paragraph(start: int) -> Callable[[int], Paragraph]:
        if formatting:
            return lambda i: formatting.at(start + i)
        # No formatting to say where a table row ends: at the mark that follows a cell's.
        return lambda i: Paragraph(row_end=text[start + i - 1:start + i] == "\x07")

    def number(properties: Paragraph) -> str:
        return numbering.number(
            None if properties.list is None else str(properties.list), properties.level,
            None if properties.style is None else str(properties.style),
        )

    numbers = number if numbering else None
    lines = list(word_lines(text[:count], paragraph(0), numbers))
    # Where a box stands is in the drawn shapes' tables, not read: its text follows the
    # main text, as a .docx's follows the paragraph holding it.
    lines += word_lines(text[boxes:], paragraph(boxes), numbers)
    for start, end in ((count, footnotes), (endnotes, boxes)):
        lines += [
            (line, NOTE) for line, _ in word_lines(text[start:end], paragraph(start), numbers)
        ]
    return lines, damage


#: Characters that end a paragraph, a cell or a row, or delimit a field.
_STRUCTURE = re.compile("[\r\x07\x0c\x13\x14\x15]")
_FIELD_START, _FIELD_RESULT, _FIELD_END = "\x13", "\x14", "\x15"
#: Word's other control characters: a line break within the paragraph, a non-breaking
#: hyphen; the rest (pictures \x01, drawn objects \x08, note references \x02, optional
#: hyphens \x1f ...) are no text.
_CHARACTERS = {
    **dict.fromkeys(range(0x20)),
    ord("\t"): "\t",
    0x0B: "\n",
    0x1E: "-",
}


#: A character that shows in a line: text, or the hyphen of \x1e.
_SHOWN = re.compile(r"[^\s\x00-\x1f]|\x1e")


def word_lines(
    text: str, paragraph: Callable[[int], Paragraph],
    number: Callable[[Paragraph], str] | None = None,
) -> Iterator[tuple[str, str | None]]:
    """Lines of Word's text, with its control characters: ``\\r`` ends a paragraph,
    ``\\x0b`` breaks a line within it, ``\\x0c`` breaks a page, ``\\x07`` ends a table cell
    or a row, and a field is ``\\x13`` code ``\\x14`` result ``\\x15``.

    Parameters
    ----------
    text : str
    paragraph : callable
        The :class:`Paragraph` that ``text[i]``, a mark, ends.
    number : callable, optional
        The number Word draws before a paragraph of these properties (its automatic
        numbering), called on each paragraph in turn; drawn unless the paragraph is empty.

    Yields
    ------
    (str, str or None)
        A line and its mark for :func:`tidy_marked`: a paragraph (a heading marked), or a
        table row, its cells parted by tabs.
    """
    fields: list[bool] = []  # of each open field, whether its result has begun
    shown = True
    parts: list[str] = []
    cells: list[str] = []
    at = 0
    first = 0  # the paragraph's first part: a cell's paragraphs share the parts
    for match in _STRUCTURE.finditer(text):
        if shown:
            parts.append(text[at:match.start()])
        at = match.end()
        char = match.group()
        if char in (_FIELD_START, _FIELD_RESULT, _FIELD_END):
            if char == _FIELD_START:
                fields.append(False)
            elif fields and char == _FIELD_RESULT:
                fields[-1] = True
            elif fields:
                fields.pop()
            shown = all(fields)
            continue
        properties = Paragraph() if char == "\x0c" else paragraph(match.start())
        if char == "\x07" and properties.row_end:
            if any(cells):
                yield TABLE_CELL_SEPARATOR.join(cells), None
            cells = []
            continue
        if number is not None and char != "\x0c":
            has_text = any(_SHOWN.search(part) for part in parts[first:])
            label = drawn_number(number(properties), has_text, properties.in_table)
            if label:
                parts.insert(first, label)
        if char == "\x07":
            cells.append(_line("".join(parts)).replace("\n", " ").replace("\t", " ").strip())
            parts = []
        elif properties.in_table:
            parts.append(" ")  # a cell's paragraphs
        else:
            yield _line("".join(parts)), HEADING if properties.heading else None
            parts = []
        first = len(parts)
    if shown:
        parts.append(text[at:])
    if any(cells):
        yield TABLE_CELL_SEPARATOR.join(cells), None
    if "".join(parts).strip():
        yield _line("".join(parts)), None


def _line(text: str) -> str:
    return SOFT_BREAK.sub("", text.translate(_CHARACTERS))
