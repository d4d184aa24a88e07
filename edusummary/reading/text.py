"""Plain-text reports: encoding detection and the ``.txt`` reader."""

from __future__ import annotations

import codecs
import dataclasses
import itertools
import logging
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from .._chinese import HAN, INKED_CJK, display_width, han_count
from .._english import counted
from ..errors import ReadError
from ._common import TABLE_CELL_SEPARATOR, Document
from ._layout import lay_out, paged_document

logger = logging.getLogger(__name__)

#: Bytes examined to guess an encoding; enough for a few pages of Chinese text.
_SAMPLE_BYTES = 64 * 1024

#: Chinese encodings we expect from county offices, tried when the file is not UTF-8.
_CANDIDATE_ENCODINGS = ["gb18030", "big5"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str, tuple[str, ...]]:
    """Decode the bytes of a text file, detecting the encoding.

    Parameters
    ----------
    data : bytes
        The raw file content.
    name : str
        Used in messages only.

    Returns
    -------
    text : str
    encoding : str
        A Python codec name: ``utf-8``, ``utf-8-sig``, ``utf-16``, ``gb18030``, ``big5`` ...
    warnings : tuple of str

    Raises
    ------
    ReadError
        When the bytes are not text (a binary file).
    """
    encoding = bom_encoding(data) or _utf16_without_bom(data[:_SAMPLE_BYTES])
    if encoding is not None:
        return data.decode(encoding, errors="replace"), encoding, ()
    if b"\x00" in data[:_SAMPLE_BYTES]:
        raise ReadError(f"{name}: looks like a binary file, not text (it contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)
    foreign = [i for i, line in enumerate(lines) if not _is_utf8(line)]
    utf8_lines = sum(not line.isascii() for line in lines) - len(foreign)
    # Text pasted together from files in two encodings: the lines that are not UTF-8 tell
    # the other one.
    undecoded = b"".join(lines[i] for i in foreign) if utf8_lines else data
    encoding = (
        _detect(undecoded[:_SAMPLE_BYTES]) or _detect(undecoded) or _least_damaged(data)
    )
    if encoding is None:
        raise ReadError(
            f"{name}: not text in any encoding tried (UTF-8, UTF-16, GB18030, Big5); "
            "is it a binary file?"
        )
    if utf8_lines and encoding != "utf-8":
        message = (
            f"{name}: mixed encodings; {counted(utf8_lines, 'line')} decoded as UTF-8, "
            f"{len(foreign)} as {encoding}"
        )
        logger.info(message)
        others = set(foreign)
        text = "".join(
            line.decode(encoding if i in others else "utf-8", errors="replace")
            for i, line in enumerate(lines)
        )
        return text, encoding, (message,)
    try:
        return data.decode(encoding), encoding, ()
    except UnicodeDecodeError as exc:
        message = (
            f"{name}: bytes at {exc.start} are not valid {encoding}; "
            "they were replaced with U+FFFD"
        )
        logger.info(message)
        return data.decode(encoding, errors="replace"), encoding, (message,)


#: The most undecodable bytes a file may hold, as a share of its length, and still be read as
#: text with them replaced: a byte flipped on a disk or a character cut by a copy.
_DAMAGE_SHARE = 0.001


def _least_damaged(data: bytes) -> str | None:
    """The first of UTF-8 and the candidate encodings that decodes ``data`` with at most a
    few undecodable bytes, or None.

    The encoding detector gives up on a file with a single bad byte; UTF-8 comes first, as
    a UTF-8 file read as GB18030 decodes with few errors into nonsense.
    """
    for encoding in ("utf-8", *_CANDIDATE_ENCODINGS):
        text = data.decode(encoding, errors="replace")
        if text.count("\ufffd") <= max(2, _DAMAGE_SHARE * len(text)):
            return encoding
    return None


def _utf16_without_bom(sample: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when ``sample`` is UTF-16 text without a byte order
    mark (as some Windows tools save it), else None.

    Chinese text in UTF-16 has a NUL byte in every ASCII character (line breaks, digits),
    which would otherwise make it look binary; decoded in the right byte order nearly every
    character is printable text.
    """
    if b"\x00" not in sample:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        # A sample may end inside a character: a few replaced characters are no evidence.
        text = sample.decode(encoding, errors="replace")
        printable = sum(
            (char.isprintable() and char != "\ufffd") or char in "\r\n\t" for char in text
        )
        if printable >= 0.99 * len(text) - 2 and han_count(text) >= 0.2 * len(text):
            return encoding
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte order mark at the start of ``data`` names, or None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


def _detect(sample: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=_CANDIDATE_ENCODINGS).best()
    return codecs.lookup(best.encoding).name if best is not None else None


def read_text_file(path: Path) -> Document:
    """Read a plain-text report in UTF-8 (with or without BOM), UTF-16, GB18030/GBK or Big5."""
    data = path.read_bytes()
    text, encoding, warnings = decode(data, str(path))
    if encoding not in ("utf-8", "utf-8-sig"):
        logger.info("%s: decoded as %s", path, encoding)
    if not text.strip():
        what = "is empty" if not text else "holds only whitespace"
        warnings = (*warnings, f"{path}: the file {what}; there is nothing to tag")
    if _is_letter_spaced(text):
        logger.info("%s: a blank stands between its characters (OCR?); read without them", path)
        text = _LETTER_SPACE.sub("", text)
    pages = text.split(_PAGE_BREAK) if _PAGE_BREAK in text else [text]
    if sum(bool(page.strip()) for page in pages) > 1:
        if _printed_lines(pages):
            return _paged_text(path, pages, encoding, warnings)
        # Word's plain text of a document with page breaks (a cover, the body, 附件): the
        # page's last line ends where the page does, and is not run into the next one's.
        text = text.replace(_PAGE_BREAK, "\n")
    return Document(text=text, source=str(path), encoding=encoding, warnings=warnings)


#: What parts the pages of text taken out of a paged document a page at a time (by OCR,
#: tesseract's ``txt``; by pdftotext): a form feed after each page.
_PAGE_BREAK = "\f"
#: Blanks that part a printed line's words into columns, as such text keeps a table's
#: cells: two or more, inside the line.
_CELL_GAP = re.compile(r"(?<=\S)[^\S\t\n]{2,}(?=\S)")
#: The fewest such gaps in a line of a table's row (three cells): OCR leaves a gap of
#: blanks in a line of prose too, where it read nothing.
_ROW_GAPS = 2


def _cells(line: str) -> str:
    """``line`` with the gaps between its cells made tabs, if it is a table's row. Else,
    in a line of prose, the blanks OCR put in Chinese go (a gap where it read nothing,
    one before a mark: 交流轮岗 ，全年, 达到100% ，), and another gap is one blank, so
    that the line runs on as the page's others do: wider, or with a blank in its Chinese,
    it would read as a table's row. A blank after a figure stays (表1 主要指标)."""
    if len(_CELL_GAP.findall(line)) >= _ROW_GAPS:
        return _CELL_GAP.sub(TABLE_CELL_SEPARATOR, line)
    return _PROSE_GAP.sub("", _CELL_GAP.sub(" ", line))


#: A blank between two Chinese characters or marks, or before a Chinese mark.
_PROSE_GAP = re.compile(
    f"(?<=[{INKED_CJK}]) (?=[{INKED_CJK}])"
    "|(?<=\\S) (?=[\u3001-\u303f\uff01-\uff0f\uff1a-\uff20])"
)


def _paged_text(
    path: Path, pages: list[str], encoding: str, warnings: tuple[str, ...]
) -> Document:
    """The report in plain text of its printed ``pages``, a line of the text a printed
    line, laid out as a PDF's text is (see :func:`._layout.lay_out`): its running headers
    and page numbers set apart, and its lines joined into paragraphs again, within and
    across pages, where the page's width, not the author, ended them. Read a line a
    paragraph, every printed line of such text had been a paragraph of its own, and the
    header atop each page a heading over the text below it. A table's row, its cells
    parted by runs of blanks, is read as one parted by tabs."""
    if not pages[-1].strip():
        pages = pages[:-1]  # the form feed that closes the last page
    laid = lay_out(
        [("\n".join(map(_cells, page.split("\n"))), {}) for page in pages]
    )
    document = paged_document(path, laid, "txt", warnings)
    return dataclasses.replace(document, encoding=encoding)


#: A line of prose, for :func:`_printed_lines`: one of this many Chinese characters or more.
_PROSE_HAN = 10
#: How wide, at the least, half the lines of prose of printed pages are, for the widest of
#: them (a tenth aside: a footnote's or a note's lines in smaller type are wider): a
#: printed line but a paragraph's last is ended by the margin.
_FULL_SHARE = 0.75
_WIDEST_QUANTILE = 0.9
#: The display width no printed line of prose reaches: 60 Chinese characters, more than a
#: page in portrait holds in the smallest type a report is set in.
_PRINTED_WIDTH = 120


def _printed_lines(pages: list[str]) -> bool:
    """Whether the lines of ``pages`` are printed lines, as OCR (tesseract's ``txt``) and
    pdftotext write them: most lines of prose about as wide, the page's width having ended
    them, no wider than a page is. Word's "plain text" of a document with page breaks (a
    form feed each) holds a paragraph a line, as long as the paragraph, and a list's items
    short: laid out as
    printed lines, its items and the lines of a list of names had been run into one
    paragraph, and the blanks between the names taken out."""
    widths = sorted(
        display_width(line.strip())
        for page in pages
        for line in page.split("\n")
        if han_count(line) >= _PROSE_HAN and not _CELL_GAP.search(line)
    )
    if not widths:
        return False
    widest = widths[int(_WIDEST_QUANTILE * (len(widths) - 1))]
    return widest <= _PRINTED_WIDTH and widths[len(widths) // 2] >= _FULL_SHARE * widest


#: Two Chinese characters side by side, and with one blank between them (ahead of the
#: first, so that overlapping pairs are all counted).
_HAN_PAIR = re.compile(f"[{HAN}](?=[{HAN}])")
_SPACED_HAN_PAIR = re.compile(f"[{HAN}](?= [{HAN}])")
#: The fewest spaced pairs that tell a letter-spaced text: a few words set apart for
#: emphasis (重 点 任 务) are no such text.
_LETTER_SPACED_PAIRS = 20
#: A single blank between two characters, neither of them blank nor a Latin letter: in a
#: letter-spaced text, spacing (全 年 新 建 1 2 所 ， 9 3 . 6 %); a run of blanks parts
#: a table's cells, and a blank beside a Latin letter may part words (Grade 3).
_LETTER_SPACE = re.compile(r"(?<=[^\sA-Za-z]) (?=[^\sA-Za-z])")
#: A line that may be a list of names, and is no evidence of letter-spacing: Chinese
#: characters and blanks alone, after a label (城关一小：). Names are typed a blank apart
#: and a two-character name padded to three with a blank inside (王 芳  李 强  张 明 华,
#: 王 芳 李小明): counted, a list of them had been de-spaced and its names glued
#: together. A letter-spaced OCR text has marks or figures in most of its lines.
_NAMES_LINE = re.compile(
    rf"^[^\S\n]*(?:[^\s:：]{{1,20}}[:：])?[{HAN} \u3000\t\r]+$", re.MULTILINE
)
#: What shows such lines to be typed names, as OCR's letter-spaced lines never are: a label
#: (城关一小：), a gap wider than one blank (王 芳  李 强), a name typed whole among
#: names padded (王 芳 李小明). Without one, a line of them is OCR's all the same, its
#: marks lost in a poor scan, unless it is no longer than a name (:data:`_NAME_CHARS`).
_TYPED_NAMES = re.compile(
    rf"[:：]|\S(?: {{2,}}|[\t\u3000])\S|^(?=.*[{HAN}] [{HAN}]).*[{HAN}]{{2}}"
)
#: The most Chinese characters of a name: a line of no more is no evidence either way.
_NAME_CHARS = 4


def _is_letter_spaced(text: str) -> bool:
    """Whether ``text`` has a blank between its Chinese characters, most of them: as OCR
    engines (tesseract's ``chi_sim`` among them) and some converters write Chinese, a
    "word" at a time. Chinese text has no blank between its characters, short of a few
    words spaced out for emphasis."""
    # Counted only where blanks stand thick enough, one in five characters at least (more
    # spaced pairs than unspaced make about one in two): a report has few, and counting
    # the pairs of every text had made reading text files four times as slow.
    if text.count(" ") * 5 < len(text):
        return False
    prose = _without_names(text)
    spaced = len(_SPACED_HAN_PAIR.findall(prose))
    return spaced >= _LETTER_SPACED_PAIRS and spaced > len(_HAN_PAIR.findall(prose))


def _without_names(text: str) -> str:
    """``text`` without the lines that may be a list of names (:data:`_NAMES_LINE`): all
    of them where one shows the list typed (:data:`_TYPED_NAMES`), else those no longer
    than a name."""
    if any(_TYPED_NAMES.search(line) for line in _NAMES_LINE.findall(text)):
        return _NAMES_LINE.sub("", text)
    return _NAMES_LINE.sub(
        lambda line: "" if han_count(line.group()) <= _NAME_CHARS else line.group(), text
    )


def read_text_parts(path: Path, encoding: str, pieces: Iterable[str]) -> Iterator[Document]:
    """The parts of a large plain-text report, streamed in ``pieces`` (see
    :func:`stream_text_file`), read as :func:`read_text_file` reads a whole one.

    What the reader decides of the whole text is decided of the first piece and holds for
    all: whether it is letter-spaced (read without the blanks), and whether its form feeds
    part printed pages (laid out as a PDF's) or a Word document's pages (a line break).
    Printed pages are laid out :data:`_PART_PAGES` or more at a time, each part on its own:
    its running headers found among its own pages, its furniture after its own text, and a
    paragraph running on over the page that ends a part cut in two there.
    """
    pieces = iter(pieces)
    head = next(pieces, "")
    if _is_letter_spaced(head):
        logger.info("%s: a blank stands between its characters (OCR?); read without them", path)
        head = _LETTER_SPACE.sub("", head)
        pieces = (_LETTER_SPACE.sub("", piece) for piece in pieces)
    texts = itertools.chain([head], pieces)
    pages = head.split(_PAGE_BREAK)
    if sum(bool(page.strip()) for page in pages) > 1:
        if _printed_lines(pages):
            yield from _paged_parts(path, texts, encoding)
            return
        texts = (text.replace(_PAGE_BREAK, "\n") for text in texts)
    for text in texts:
        yield Document(text=text, source=str(path), encoding=encoding)


#: The fewest printed pages of a large text file laid out together (see
#: :func:`read_text_parts`): enough for its running headers to repeat on half of them.
_PART_PAGES = 20
#: The most characters of such a file held to lay out together: pages may be long, or
#: their form feeds stop.
_PART_CHARS = 1 << 20


def _paged_parts(path: Path, texts: Iterable[str], encoding: str) -> Iterator[Document]:
    """The parts of a large text of printed pages, laid out :data:`_PART_PAGES` or more
    pages at a time (fewer if they hold :data:`_PART_CHARS`): those whole in ``texts``
    so far."""
    rest = ""
    for text in texts:
        held = rest + text
        pages = held.split(_PAGE_BREAK)
        rest = pages.pop()
        if len(pages) < _PART_PAGES and len(held) < _PART_CHARS:
            rest = held
            continue
        if len(rest) >= _PART_CHARS:  # a page with no end in sight is cut, not held whole
            pages.append(rest)
            rest = ""
        yield _paged_text(path, pages, encoding, ())
    pages = rest.split(_PAGE_BREAK)
    if any(page.strip() for page in pages):
        yield _paged_text(path, pages, encoding, ())


def stream_text_file(path: Path, chunk_chars: int = 1 << 18) -> tuple[str, Iterator[str]]:
    """Read a large plain-text report piece by piece, with bounded memory.

    The encoding is detected from the first 64 KiB. Pieces end at a blank line where there
    is one (else at a line break, else wherever ``4 * chunk_chars`` characters are
    reached), so that a paragraph is rarely cut in two; joined, they are the whole text.

    Returns
    -------
    encoding : str
    pieces : iterator of str
        Undecodable bytes become U+FFFD (and are logged).
    """
    with open(path, "rb") as handle:
        sample = handle.read(_SAMPLE_BYTES)
    encoding = bom_encoding(sample) or _utf16_without_bom(sample)
    if encoding is None:
        if b"\x00" in sample:
            raise ReadError(f"{path}: looks like a binary file, not text (it contains NUL bytes)")
        try:
            codecs.getincrementaldecoder("utf-8")().decode(sample, final=False)
            encoding = "utf-8"
        except UnicodeDecodeError:
            encoding = _detect(sample) or _least_damaged(sample) or "gb18030"
    return encoding, _pieces(path, encoding, chunk_chars)


#: Where a piece may end, best first: a blank line, then a line break; old Mac tools end
#: lines with a bare carriage return.
_BREAKS = ("\n\n", "\r\r", "\n", "\r")


def _last_break(buffer: str, end: int) -> int:
    """The position of the last and best break in ``buffer[:end]``, or -1."""
    for separator in _BREAKS:
        cut = buffer.rfind(separator, 0, end)
        if cut >= 0:
            return cut
    return -1


def _pieces(path: Path, encoding: str, chunk_chars: int) -> Iterator[str]:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    buffer = ""
    with open(path, "rb") as handle:
        while True:
            block = handle.read(chunk_chars)
            buffer += decoder.decode(block, final=not block)
            while len(buffer) >= chunk_chars:
                cut = _last_break(buffer, 4 * chunk_chars)
                if cut < 0:
                    if len(buffer) < 4 * chunk_chars and block:
                        break
                    cut = min(len(buffer), 4 * chunk_chars) - 1
                yield buffer[: cut + 1]
                buffer = buffer[cut + 1 :]
            if not block:
                break
    if buffer:
        yield buffer
