"""PDF reports (.pdf), read with pypdf.

A PDF holds lines placed on pages, not paragraphs. The reader takes the text of each page,
removes what the layout repeats on every page (running headers and footers, page numbers),
and joins lines the layout broke: a line of prose that fills the width of the text and does
not end a sentence runs on into the next, on the same page or the next one.
"""

from __future__ import annotations

import contextlib
import logging
import math
import re
import threading
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from .._chinese import CJK, display_width, is_content
from ..errors import ReadError
from ._common import FURNITURE, NOTE, Document, set_apart, tidy_marked

logger = logging.getLogger(__name__)

#: Lines that are only a page number: 3, - 3 -, 第3页, 第 3 页 共 10 页, 3/10, Page 3 of 10.
_PAGE_NUMBER = re.compile(
    r"[-—–－\s]*\d{1,4}[-—–－\s]*"
    r"|第\s*\d{1,4}\s*页\s*[,，/]?\s*(共\s*\d{1,4}\s*页)?"
    r"|共\s*\d{1,4}\s*页\s*[,，/]?\s*第\s*\d{1,4}\s*页"
    r"|\d{1,4}\s*/\s*\d{1,4}"
    r"|page\s*\d{1,4}(\s*of\s*\d{1,4})?",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
#: Prose has no spaces between Chinese characters; a table row has them between its cells.
#: Compiled on first use, as a class of Chinese ranges is slow to compile.
_CELL_GAP = rf"[{CJK}]\s+[{CJK}]"

#: A line whose width is within this many columns of the text width is full: the layout,
#: not the author, ended it. Three Chinese characters: a paragraph's first line is indented
#: by two, and line breaking rules move punctuation by one.
_FULL_LINE_SLACK = 6
#: The text width is taken as this quantile of the line widths, so that a few overlong
#: lines (table rows, URLs) do not set it: in a report most lines are full.
_TEXT_WIDTH_QUANTILE = 0.75


def read_pdf_file(path: Path) -> Document:
    """Read a PDF report.

    Parameters
    ----------
    path : pathlib.Path

    Returns
    -------
    Document
        With ``format="pdf"`` and no encoding. Pages without text are listed in the
        warnings.

    Raises
    ------
    ReadError
        The PDF is damaged, needs a password, or has no text layer at all (a scan).
    """
    with _pypdf_notes() as notes:
        pages, garbled = _page_lines(path, notes)
        pages, furniture = _remove_page_furniture(pages)
        pages, footnotes = _set_footnotes_aside(pages)
    # Footnotes follow the text, so that a paragraph running on across a page break is
    # joined again over the footnote that closed the page; marked, they are notes. The
    # furniture comes last, for the report to show what was taken out.
    text, marks = tidy_marked(
        [(line, None) for line in _join_lines(pages)]
        + [(line, NOTE) for line in footnotes]
        + [(line, FURNITURE) for line in furniture]
    )
    if not any(pages) and not footnotes:
        # A scan's pages hold images; a page with neither is simply blank.
        with _pypdf_notes() as notes:
            scan = _has_images(path)
        what = "no text layer (a scan?); run OCR on it first" if scan else "no text"
        raise ReadError(f"{path}: the PDF has {what}")
    warnings: list[str] = []
    empty = [number for number, lines in enumerate(pages, 1) if not lines]
    if empty:
        numbered = ", ".join(map(str, empty))
        warnings.append(f"{path}: no text on page(s) {numbered}: blank, or scanned and missing")
    if garbled:
        numbered = ", ".join(map(str, garbled))
        first = next(iter(garbled.values()))
        warnings.append(
            f"{path}: text on page(s) {numbered} may be missing or garbled: pypdf could not "
            f"decode all of it ({first})"
        )
    for message in warnings:
        logger.info(message)
    return Document(
        source=str(path), warnings=tuple(warnings), format="pdf", notes=marks.get(NOTE, ()),
        **set_apart(text, marks.get(FURNITURE, ()), PAGE_FURNITURE),
    )


#: Why the lines :func:`_remove_page_furniture` takes out are set aside.
PAGE_FURNITURE = "page furniture: a running header or footer, or a page number"


class _Notes(logging.Handler):
    """Keeps what pypdf logs on the thread that made it, while that thread reads a PDF."""

    def __init__(self) -> None:
        super().__init__()
        self.thread = threading.get_ident()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.records.append(record)


@contextlib.contextmanager
def _pypdf_notes() -> Iterator[list[logging.LogRecord]]:
    """What pypdf logs meanwhile (its warnings about a damaged file or a font it cannot
    decode). pypdf has no handler of its own: with none anywhere, Python prints its records
    to stderr, in an application that configured no logging and never asked for them. While
    this handler stands they go no further than the handlers the application set up."""
    notes = _Notes()
    pypdf_logger = logging.getLogger("pypdf")
    pypdf_logger.addHandler(notes)
    try:
        yield notes.records
    finally:
        pypdf_logger.removeHandler(notes)


def _page_lines(
    path: Path, notes: list[logging.LogRecord]
) -> tuple[list[list[str]], dict[int, str]]:
    """The non-blank lines of each page, stripped at their end: a paragraph's first line
    keeps its indent, which tells where paragraphs start. A line set with a blank between
    every character ("全 年 新 建 1 2 所") is read without them.

    Also the pages (numbered from 1) whose text pypdf noted a problem with while taking it
    out (``notes`` collects what it logs), with the first it noted: a font it could not
    decode leaves text out or garbles it. What it notes on opening the file is a repair."""
    from pypdf import PasswordType, PdfReader

    garbled: dict[int, str] = {}
    try:
        reader = PdfReader(path)
        locked = reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED
        texts = []
        for number, page in enumerate([] if locked else reader.pages, 1):
            noted = len(notes)
            texts.append(page.extract_text())
            if len(notes) > noted:
                garbled[number] = notes[noted].getMessage()
    except OSError:
        raise
    except Exception as exc:
        # pypdf meets damaged files with its own errors and with whatever the broken
        # structure makes Python raise (KeyError, ValueError ...): all mean the same.
        raise ReadError(f"{path}: not a readable PDF ({exc})") from exc
    if locked:
        raise ReadError(f"{path}: the PDF is encrypted; remove the password and try again")
    pages = [
        [_unspaced(line.rstrip()) for line in text.splitlines() if line.strip()]
        for text in texts
    ]
    return pages, garbled


#: A line with a blank after every character: letter-spaced, or a converter's doing.
_SPACED = re.compile(r"(?:\S[ \u00a0]){4,}\S")


def _unspaced(line: str) -> str:
    indent = line[: len(line) - len(line.lstrip())]
    bare = line.lstrip()
    return indent + re.sub(r"[ \u00a0]", "", bare) if _SPACED.fullmatch(bare) else line


def _has_images(path: Path) -> bool:
    """Whether a page of the PDF holds an image; True when that cannot be told."""
    from pypdf import PdfReader

    try:
        return any(len(page.images) for page in PdfReader(path).pages)
    except Exception:  # an image pypdf cannot list is an image still
        return True


def _remove_page_furniture(pages: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """Take page numbers, and running headers and footers, from the top and bottom of
    pages; returns the pages without them, and them, stripped, page by page.

    A running header or footer is a first or last line that, with its digits ignored, is
    also a first or last line of at least half the pages (and of two at least), or one set
    between the halves of a sentence running on over the page break (see
    :func:`_interrupts`): the header of the even pages of a report of two or three pages
    runs on no other page. A line of content (:func:`~edusummary._chinese.is_content`) is
    never one: sentences that close pages often differ only in their figures. Removing one
    can bare another (a footer above the page number), so this repeats until nothing goes;
    a page number set beside a header may stand a line in from the edge.
    """
    pages = [list(lines) for lines in pages]
    full = _full_width([line for lines in pages for line in lines])
    interrupted: set[tuple[int, int]] = set()  # one such line at each edge of a page
    # What goes from each page's top, top down, and from its foot, bottom up.
    tops: list[list[str]] = [[] for _ in pages]
    feet: list[list[str]] = [[] for _ in pages]
    removed = True
    while removed:
        # Odd and even pages may run headers of their own (the bureau, the report's name):
        # half of either kind of page will do, as will half of all.
        running = set()
        for side in (pages, pages[0::2], pages[1::2]):
            needed = max(2, math.ceil(len(side) / 2))
            edges = Counter(
                key for lines in side if lines for key in {_key(lines[0]), _key(lines[-1])} if key
            )
            running |= {key for key, count in edges.items() if count >= needed}
        removed = False
        for number, lines in enumerate(pages):
            for edge in (0, -1):
                if not lines:
                    continue
                if (number, edge) not in interrupted and _interrupts(pages, number, edge, full):
                    interrupted.add((number, edge))
                elif not (
                    _PAGE_NUMBER.fullmatch(lines[edge].strip()) or _key(lines[edge]) in running
                ):
                    continue
                (feet if edge else tops)[number].append(lines.pop(edge).strip())
                removed = True
            for inside in (1, -2):
                if len(lines) > 2 and _is_marked_page_number(lines[inside]):
                    (feet if inside < 0 else tops)[number].append(lines.pop(inside).strip())
                    removed = True
    furniture = [line for top, foot in zip(tops, feet, strict=True) for line in top + foot[::-1]]
    return pages, furniture


def _is_marked_page_number(line: str) -> bool:
    """Whether ``line`` is a page number that says it is one (- 3 -, 第3页, 3/12): a bare
    figure a line in from the page's edge may be a table's."""
    line = line.strip()
    return not line.isdigit() and _PAGE_NUMBER.fullmatch(line) is not None


def _interrupts(pages: list[list[str]], number: int, edge: int, full: int) -> bool:
    """Whether the first (``edge`` 0) or last (-1) line of page ``number`` is a header or
    footer standing between the halves of a sentence: the line before it (on the page
    before, for a header) is full and ends no sentence, the line after it (on the page
    after, for a footer) is not indented, so the paragraph goes on; and it is short, no
    content, and ends without a mark, as the end of a sentence would. A heading that a full
    line runs on into is followed by an indented paragraph."""
    lines = pages[number]
    line = lines[edge].strip()
    if (
        display_width(line) >= full
        or is_content(line)
        or _MARKED_END.search(line)
        or _OUTLINE_MARKER.match(line)
    ):
        return False
    if edge == 0:
        before = next((page[-1] for page in reversed(pages[:number]) if page), None)
        after = lines[1] if len(lines) > 1 else None
    else:
        before = lines[-2] if len(lines) > 1 else None
        after = next((page[0] for page in pages[number + 1 :] if page), None)
    return (
        before is not None
        and after is not None
        and not after[:1].isspace()
        and display_width(before.strip()) >= full
        and not _ENDS_PARAGRAPH.search(before)
        and not re.search(_CELL_GAP, before)
    )


#: How a line of text may end, unlike a running header: with a mark.
_MARKED_END = re.compile(r"[。！？!?…；;，,、：:”」』）)》]$")


#: A footnote's first line: ① …, [1] …, 注：….
_FOOTNOTE = re.compile(r"\s*(?:[①-⑳]|\[\d{1,2}\]|注\s*\d*\s*[:：])")


def _set_footnotes_aside(pages: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """The pages without the footnotes at their foot, and the footnotes: from the first of
    the lines that open one (①, [1], 注：) to the page's end, which the last of them is
    near (a footnote runs on a line or two at most), when they do not open the page."""
    body, notes = [], []
    for lines in pages:
        opening = [k for k in range(1, len(lines)) if _FOOTNOTE.match(lines[k])]
        at = len(lines)
        if opening and len(lines) - 1 - opening[-1] <= _FOOTNOTE_LINES:
            at = opening[-1]
            while at > 1 and _FOOTNOTE.match(lines[at - 1]):
                at -= 1
        body.append(lines[:at])
        notes.extend(line.strip() for line in lines[at:])
    return body, notes


#: Lines a footnote runs on for after its first.
_FOOTNOTE_LINES = 2


def _key(line: str) -> str | None:
    """What a running header or footer repeats of ``line``: its text with digits ignored;
    None for content, which never runs."""
    return None if is_content(line) else _DIGITS.sub("#", "".join(line.split()))


def _join_lines(pages: list[list[str]]) -> list[str]:
    """Lines of the text, with the lines that the layout broke joined again.

    A full line runs on into the next unless it ends a sentence (。！？…, perhaps with a
    closing quote; a closing bracket or a colon at the margin ends nothing); where the text
    indents its paragraphs' first lines, a full line ending a sentence still runs on into
    a next line that is not indented.
    """
    lines = [line for page in pages for line in page]
    if not lines:
        return []
    bare = [line.strip() for line in lines]
    full = _full_width(lines)
    indented = [line[:1].isspace() for line in lines]
    shows_indents = sum(indented) >= _INDENTS_SHOWN
    cell_gap = re.compile(_CELL_GAP)
    joined: list[str] = []
    runs_on = False
    for i, line in enumerate(bare):
        if runs_on:
            joined[-1] += line
        else:
            joined.append(line)
        ends = _ENDS_PARAGRAPH.search(line) is not None
        # A heading is not indented either: a numbered line opens something new.
        next_opens = i + 1 < len(lines) and (
            indented[i + 1] or _OUTLINE_MARKER.match(bare[i + 1]) is not None
        )
        runs_on = (
            display_width(line) >= full
            and not cell_gap.search(line)
            and (not ends or (shows_indents and not next_opens))
        )
    return joined


def _full_width(lines: list[str]) -> int:
    """The display width from which a line of ``lines`` is full: the layout ended it."""
    widths = sorted(display_width(line.strip()) for line in lines)
    if not widths:
        return 0
    return widths[int(_TEXT_WIDTH_QUANTILE * (len(widths) - 1))] - _FULL_LINE_SLACK


#: How a line ends a paragraph: a sentence's end, perhaps closed by a quote.
_ENDS_PARAGRAPH = re.compile(r"[。！？!?…][”」』\"]?$")
#: An outline marker opening a line: 一、 （一） 1. ①.
_OUTLINE_MARKER = re.compile(
    r"[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[、.．]|[①-⑳]"
)
#: Indented first lines that show a text indents its paragraphs.
_INDENTS_SHOWN = 2


