"""PDF reports (.pdf), read with pypdf.

A PDF holds lines placed on pages, not paragraphs. The reader takes the text of each page,
removes what the layout repeats on every page (running headers and footers, page numbers),
and joins lines the layout broke: a line of prose that fills the width of the text and does
not end a sentence runs on into the next, on the same page or the next one.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from pathlib import Path

from .._chinese import CJK, TERMINAL, display_width, is_content
from ..errors import ReadError
from ._common import Document, tidy_lines

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
    pages = _remove_page_furniture(_page_lines(path))
    text = tidy_lines(_join_lines(pages))
    if not text:
        # A scan's pages hold images; a page with neither is simply blank.
        what = "no text layer (a scan?); run OCR on it first" if _has_images(path) else "no text"
        raise ReadError(f"{path}: the PDF has {what}")
    warnings: tuple[str, ...] = ()
    empty = [number for number, lines in enumerate(pages, 1) if not lines]
    if empty:
        numbered = ", ".join(map(str, empty))
        message = f"{path}: no text on page(s) {numbered}: blank, or scanned and missing"
        logger.info(message)
        warnings = (message,)
    return Document(text=text, source=str(path), warnings=warnings, format="pdf")


def _page_lines(path: Path) -> list[list[str]]:
    """The non-blank lines of each page, stripped."""
    from pypdf import PasswordType, PdfReader

    try:
        reader = PdfReader(path)
        locked = reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED
        texts = [] if locked else [page.extract_text() for page in reader.pages]
    except OSError:
        raise
    except Exception as exc:
        # pypdf meets damaged files with its own errors and with whatever the broken
        # structure makes Python raise (KeyError, ValueError ...): all mean the same.
        raise ReadError(f"{path}: not a readable PDF ({exc})") from exc
    if locked:
        raise ReadError(f"{path}: the PDF is encrypted; remove the password and try again")
    return [[line.strip() for line in text.splitlines() if line.strip()] for text in texts]


def _has_images(path: Path) -> bool:
    """Whether a page of the PDF holds an image; True when that cannot be told."""
    from pypdf import PdfReader

    try:
        return any(len(page.images) for page in PdfReader(path).pages)
    except Exception:  # an image pypdf cannot list is an image still
        return True


def _remove_page_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Drop page numbers, and running headers and footers, from the top and bottom of pages.

    A running header or footer is a first or last line that, with its digits ignored, is
    also a first or last line of at least half the pages (and of two at least). A line of
    content (:func:`~edusummary._chinese.is_content`) is never one: sentences that close
    pages often differ only in their figures. Removing one can bare another (a footer above
    the page number), so this repeats until nothing goes.
    """
    pages = [list(lines) for lines in pages]
    needed = max(2, math.ceil(len(pages) / 2))
    removed = True
    while removed:
        edges = Counter(
            key for lines in pages if lines for key in {_key(lines[0]), _key(lines[-1])} if key
        )
        running = {key for key, count in edges.items() if count >= needed}
        removed = False
        for lines in pages:
            for edge in (0, -1):
                if lines and (_PAGE_NUMBER.fullmatch(lines[edge]) or _key(lines[edge]) in running):
                    del lines[edge]
                    removed = True
    return pages


def _key(line: str) -> str | None:
    """What a running header or footer repeats of ``line``: its text with digits ignored;
    None for content, which never runs."""
    return None if is_content(line) else _DIGITS.sub("#", "".join(line.split()))


def _join_lines(pages: list[list[str]]) -> list[str]:
    """Lines of the text, with the lines that the layout broke joined again."""
    widths = sorted(display_width(line) for lines in pages for line in lines)
    if not widths:
        return []
    full = widths[int(_TEXT_WIDTH_QUANTILE * (len(widths) - 1))] - _FULL_LINE_SLACK
    cell_gap = re.compile(_CELL_GAP)
    joined: list[str] = []
    runs_on = False
    for line in (line for lines in pages for line in lines):
        if runs_on:
            joined[-1] += line
        else:
            joined.append(line)
        runs_on = (
            line[-1] not in TERMINAL and display_width(line) >= full and not cell_gap.search(line)
        )
    return joined


