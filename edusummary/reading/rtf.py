"""RTF reports (.rtf, and the many saved as .doc).

The RTF is turned into Word's own characters (``\\r`` a paragraph, ``\\x07`` a cell ...),
which :func:`.doc.word_lines` makes lines of, as for a .doc. Chinese text comes as bytes of
the code page of its font (``\\fcharset134``; for double-byte text the one given it by
``\\dbch\\afN``) or of the document (``\\ansicpg936``), written ``\\'b6\\'fe``, or as
``\\uN`` with ``\\ucN`` fallback characters to skip.
"""

from __future__ import annotations

import bisect
import codecs
import dataclasses
import re
from pathlib import Path

from ._common import HEADING, Document, tidy_marked
from .doc import Paragraph, word_lines

_TOKEN = re.compile(
    rb"\\([a-zA-Z]{1,32})(-?\d{1,10})? ?|\\'([0-9a-fA-F]{2})|\\(.)|([{}])|[\r\n]+|([^\\{}\r\n]+)",
    re.DOTALL,
)
#: Groups whose text is not the report's: tables of fonts, colours and styles, document
#: properties, pictures, headers and footers, footnotes (which would split the sentence
#: that cites them), list numbers (which Word computes, as the .docx reader leaves out).
_SKIPPED = frozenset(
    "fonttbl colortbl stylesheet info pict object objdata header headerl headerr headerf "
    "footer footerl footerr footerf footnote listtext pntext fldinst xe tc txe "
    # What readers of no nested tables read in place of a nested row's end.
    "nonesttables "
    # A shape's result is what readers of no shapes show: a text box's text again.
    "shprslt".split()
)
#: The destinations, under ``\*``, of a shape (Word 97 on) and of an old drawing object,
#: in which a text box's text is read; the rest of them is the shape's properties.
_SHAPES = frozenset({"shpinst", "do"})
_BOX_TEXT = frozenset({"shptxt", "dptxbxtext"})
#: Code pages of RTF's font character sets (\fcharsetN); 1 and 2 (default and symbol) take
#: the document's.
_CHARSETS = {
    0: 1252, 128: 932, 129: 949, 134: 936, 136: 950, 161: 1253, 162: 1254, 163: 1258,
    177: 1255, 178: 1256, 186: 1257, 204: 1251, 222: 874, 238: 1250,
}
#: Control words that stand for a character, in Word's text.
_WORDS = {
    "par": "\r", "sect": "\r", "page": "\x0c", "line": "\x0b", "tab": "\t", "cell": "\x07",
    "emdash": "—", "endash": "–", "bullet": "•", "lquote": "‘", "rquote": "’",
    "ldblquote": "“", "rdblquote": "”", "emspace": "\u2003", "enspace": "\u2002",
}
_SYMBOLS = {"\\": "\\", "{": "{", "}": "}", "~": "\xa0", "_": "-", "\t": "\t"}


@dataclasses.dataclass
class _Group:
    """What a group sets, and its subgroups inherit."""

    skip: bool = False
    fonts: bool = False  # in the font table
    font: int | None = None
    dbch: bool = False  # in a run of double-byte characters (\dbch)
    dbch_font: int | None = None  # their associated font (\dbch\afN)
    fallback: int = 1  # \ucN: characters standing in for each \uN
    in_table: bool = False
    heading: bool = False
    shape: bool = False  # in a shape of the text (not of a header, say)
    box: bool = False  # in a text box's text


def read_rtf_file(path: Path) -> Document:
    r"""Read an RTF report (also one saved as .doc).

    As a .doc is read: paragraphs a line each, a table row a line of tab-parted cells (a
    table nested in a cell read into that cell, its cells parted by spaces), of a field its
    result only. The text of a text box (``\shptxt``, or ``\dptxbxtext`` of an
    old drawing object) follows the paragraph that holds it, as in a .docx. Headers,
    footers, footnotes and pictures are left out; paragraphs given an outline level (as
    Word's heading styles are) are headings.

    Parameters
    ----------
    path : pathlib.Path

    Returns
    -------
    Document
        With ``format="rtf"`` and no encoding.
    """
    text, paragraphs = _boxes_after_their_paragraphs(*_word_text(path.read_bytes()))
    text, marks = tidy_marked(word_lines(text, lambda i: paragraphs.get(i, Paragraph())))
    return Document(text=text, source=str(path), format="rtf", headings=marks.get(HEADING, ()))


def _word_text(data: bytes) -> tuple[str, dict[int, Paragraph], list[tuple[int, int]]]:
    """The RTF as Word's text, the properties of its paragraph marks by position, and the
    spans of the text of its text boxes, where they stand in the RTF."""
    out: list[str] = []
    length = 0  # of the text in out
    pending = bytearray()  # bytes of text, decoded at once: a GBK character is two
    pending_page: int | None = None
    fonts: dict[int, int] = {}  # code page by font number
    document_page, default_font = 1252, None
    paragraphs: dict[int, Paragraph] = {}
    stack: list[_Group] = []
    group = _Group()
    to_skip = 0  # fallback characters of a \uN still to skip
    boxes: list[tuple[int, int]] = []
    box_start: int | None = None

    def code_page() -> int:
        # Double-byte text may be given a Chinese font of its own while \f stays a
        # western one: \f0\dbch\af13 holds GBK bytes when font 13 is \fcharset134.
        font = group.dbch_font if group.dbch and group.dbch_font is not None else group.font
        font = font if font is not None else default_font
        return fonts.get(font, document_page)

    def flush() -> None:
        nonlocal length
        if pending:
            out.append(pending.decode(_codec(pending_page), "replace"))
            length += len(out[-1])
            pending.clear()

    def enter_or_leave_box() -> None:
        nonlocal box_start
        if group.box == (box_start is not None):
            return
        flush()
        if group.box:
            box_start = length
        else:
            boxes.append((box_start, length))
            box_start = None

    def emit(chars: str, paragraph: Paragraph | None = None) -> None:
        nonlocal length
        enter_or_leave_box()
        flush()
        if paragraph is not None:
            paragraphs[length] = paragraph
        out.append(chars)
        length += len(chars)

    def add_bytes(chunk: bytes) -> None:
        nonlocal pending_page
        enter_or_leave_box()
        if pending and pending_page != code_page():
            flush()
        pending_page = code_page()
        pending.extend(chunk)

    # Before the document's group: a byte order mark or blank lines that a web system
    # wrote, no text.
    at = max(data.find(b"{"), 0)
    while at < len(data):
        match = _TOKEN.match(data, at)
        if match is None:  # a lone backslash at the end
            break
        at = match.end()
        word, number, hexa, symbol, brace, text = match.groups()
        if brace is not None:
            to_skip = 0
            if brace == b"{":
                stack.append(group)
                group = dataclasses.replace(group)
            elif stack:
                group = stack.pop()
            continue
        if text is not None:
            if to_skip:
                dropped = min(to_skip, len(text))
                text, to_skip = text[dropped:], to_skip - dropped
            if not group.skip and text:
                add_bytes(text)
            continue
        if hexa is not None:
            if to_skip:
                to_skip -= 1
            elif not group.skip:
                add_bytes(bytes.fromhex(hexa.decode()))
            continue
        if symbol is not None:
            char = symbol.decode("latin-1")
            if char == "*":
                group.skip = True  # a destination a reader may ignore
            elif to_skip:
                to_skip -= 1
            elif group.skip:
                continue
            elif char in "\r\n":  # a backslash ending a line is a \par
                emit("\r", Paragraph(heading=group.heading, in_table=group.in_table))
            elif (char in "\\{}" and pending_page == code_page()
                  and _awaits_trail(pending, pending_page)):
                # The second byte of a GBK character written as itself, and escaped
                # because it is one of RTF's specials: \'df\\ is 運.
                add_bytes(symbol)
            elif char in _SYMBOLS:
                emit(_SYMBOLS[char])
            continue
        if word is None:
            continue  # line ends in the RTF itself are no text
        name = word.decode()
        value = int(number) if number is not None else None
        if name == "bin" and value is not None and value > 0:
            at += value  # binary data, of a picture
        elif group.fonts:
            if name == "f":
                group.font = value
            elif name == "fcharset" and value in _CHARSETS and group.font is not None:
                fonts[group.font] = _CHARSETS[value]
            elif name == "cpg" and value and group.font is not None:
                fonts[group.font] = value
        elif name in _SKIPPED:
            group.skip = True
            group.fonts = name == "fonttbl"
        elif name in _SHAPES:
            group.shape = not (stack and stack[-1].skip)
        elif name in _BOX_TEXT and group.shape:
            group.skip, group.box = False, True
        elif name == "ansicpg" and value:
            document_page = value
        elif name == "deff":
            default_font = value
        elif name == "f":
            group.font = value
        elif name in ("dbch", "loch", "hich", "rtlch", "ltrch"):
            group.dbch = name == "dbch"
        elif name == "af" and group.dbch:
            group.dbch_font = value
        elif name == "plain":
            group.dbch, group.dbch_font = False, None
        elif name == "uc" and value is not None:
            group.fallback = value
        elif name == "pard":
            group.in_table = group.heading = False
        elif name == "intbl":
            group.in_table = True
        elif name == "outlinelevel":
            group.heading = value is not None and 0 <= value < 9
        elif to_skip:
            to_skip -= 1
        elif group.skip:
            continue
        elif name == "u" and value is not None:
            code = value % 65536
            if 0xDC00 <= code < 0xE000 and out and _is_high_surrogate(out[-1]):
                # A character beyond the BMP comes as two \uN, its UTF-16 pair.
                out[-1] = chr(0x10000 + ((ord(out[-1]) - 0xD800) << 10) + (code - 0xDC00))
            else:
                emit(chr(code))
            to_skip = group.fallback
        elif name == "row":
            emit("\x07", Paragraph(row_end=True))
        elif name in ("par", "cell"):
            emit(_WORDS[name], Paragraph(heading=group.heading, in_table=group.in_table))
        elif name in ("nestcell", "nestrow"):
            # A table in a cell is read as the .doc reader reads one: its cells are
            # paragraphs of the outer cell, which stays one field of the outer row.
            emit("\r", Paragraph(in_table=True))
        elif name in _WORDS:
            emit(_WORDS[name])
    flush()
    if box_start is not None:
        boxes.append((box_start, length))
    return "".join(out), paragraphs, boxes


def _boxes_after_their_paragraphs(
    text: str, paragraphs: dict[int, Paragraph], boxes: list[tuple[int, int]]
) -> tuple[str, dict[int, Paragraph]]:
    """Word's ``text`` with each text box's text (``boxes``: spans) moved to after the
    paragraph, or the table row, holding it, and ``paragraphs`` moved along."""
    if not boxes:
        return text, paragraphs
    order: list[tuple[int, int] | str] = []  # spans of text, and paragraph marks added
    held: list[tuple[int, int] | str] = []
    at = 0
    last = ""  # the last character of the text outside the boxes so far
    for start, end in [*boxes, (len(text), len(text))]:
        for mark in _MARKS.finditer(text, at, start) if held else ():
            properties = paragraphs.get(mark.start(), Paragraph())
            if (mark.group() == "\r" and not properties.in_table) or properties.row_end:
                order += [(at, mark.end()), *held]
                at, held = mark.end(), []
                break
        order.append((at, start))
        last = text[start - 1] if start > at else last
        if start < end:
            # A box's last paragraph ends with it, not with the text it is put before.
            held += [(start, end)] if text[end - 1] == "\r" else [(start, end), "\r"]
        at = end
    if held:
        order += ["\r", *held] if last not in ("\r", "") else held
    marks = sorted(paragraphs)
    pieces, moved, length = [], {}, 0
    for piece in order:
        if isinstance(piece, str):
            pieces.append(piece)
        else:
            start, end = piece
            pieces.append(text[start:end])
            for i in marks[bisect.bisect_left(marks, start):bisect.bisect_left(marks, end)]:
                moved[length + i - start] = paragraphs[i]
        length += len(pieces[-1])
    return "".join(pieces), moved


#: The marks that end a paragraph or a table row, in Word's text.
_MARKS = re.compile("[\r\x07]")


def _awaits_trail(pending: bytearray, code_page: int | None) -> bool:
    """Whether the bytes ``pending`` end with the first byte of a double-byte character
    of ``code_page``."""
    # A byte below 0x80 ends a character, single or double: only the bytes after the last
    # one need decoding, not the whole run of text again for each such character.
    start = len(pending)
    while start and pending[start - 1] >= 0x80:
        start -= 1
    decoder = codecs.getincrementaldecoder(_codec(code_page))("replace")
    decoder.decode(bytes(pending[start:]))
    return bool(decoder.getstate()[0])


def _is_high_surrogate(text: str) -> bool:
    return len(text) == 1 and 0xD800 <= ord(text) < 0xDC00


def _codec(code_page: int | None) -> str:
    """Python's codec of a Windows code page; GB18030 for 936, of which it is a superset."""
    if code_page == 936:
        return "gb18030"
    try:
        return codecs.lookup(f"cp{code_page}").name
    except LookupError:
        return "cp1252"
