"""hOCR: the web page an OCR engine writes of the text it read in a scan (tesseract's
``hocr`` output), read as the OCR text it holds rather than as a web page.

A word is an element of its own (``ocrx_word``; in Chinese, often a character), in lines
(``ocr_line``), in paragraphs (``ocr_par``), in blocks (``ocr_carea``), in pages
(``ocr_page``), each with where it stands on the scan (``title="bbox x0 y0 x1 y1; …"``).
Read as a web page, a blank stood between the words, and so between the characters of
Chinese text (全 县 幼 儿 园), and each line was one of its own; read in the order listed,
without where the words stand, a table's row ran its cells together.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from pathlib import Path

from .._chinese import INKED_CJK
from ._common import TABLE_CELL_SEPARATOR, Document, parse_markup
from ._layout import Run, latin_over_chinese, lay_out, ocr_unspaced, paged_document, table_rows

logger = logging.getLogger(__name__)

#: What tells hOCR: the ``ocr-system`` that every hOCR file names in its head, or a page.
_HOCR = re.compile(
    r"""<meta\s[^>]*name\s*=\s*["']ocr-system["']|class\s*=\s*["'][^"']*\bocr_page\b""",
    re.IGNORECASE,
)
#: Characters of the start of a page searched for :data:`_HOCR`: its head, and its first
#: page's element.
_HOCR_SEARCH_CHARS = 4096

#: The classes of the lines of hOCR: a headline, a caption and a floating text box are
#: lines of their own kind.
_LINES = ["ocr_line", "ocr_header", "ocr_caption", "ocr_textfloat"]
#: The elements a paragraph is made of, best first: tesseract writes both.
_PARAGRAPHS = ("ocr_par", "ocr_carea")
_BLANKS = re.compile(r"\s+")
#: Where an element stands on the scan, in its ``title``: ``bbox x0 y0 x1 y1`` in pixels,
#: y pointing down.
_BBOX = re.compile(r"\bbbox\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)\s+(-?\d+)")
#: How wide a gap between two words of a line is, in the line's heights, at least, to part
#: a table's cells: a justified line of Chinese spreads its characters a fraction of one
#: apart.
_CELL_GAP_HEIGHTS = 0.75
#: A word of Latin letters, perhaps with its marks. A justified line of English in a
#: narrow column spreads its words an em or two apart, the gaps of one line over those of
#: the next: two such words part no cells.
_LATIN_WORD = re.compile(r"[(\"'‘“]?[A-Za-z][A-Za-z'’-]*[.,;:!?)\"'’”]*")
#: A Chinese character (or mark: 〇).
_CHARACTER = re.compile(f"[{INKED_CJK}]")


def is_hocr(markup: str) -> bool:
    """Whether the page ``markup`` is hOCR, an OCR engine's text of a scan."""
    return _HOCR.search(markup, 0, _HOCR_SEARCH_CHARS) is not None


def read_hocr(
    path: Path, markup: str, encoding: str, warnings: tuple[str, ...]
) -> Document | None:
    """The report in the hOCR page ``markup`` (decoded with ``encoding``): a line of text
    each paragraph (``ocr_par``, else ``ocr_carea``; else each line of its own), and each
    row of a table, found from where its words stand, a line of its cells parted by tabs
    (see :func:`_page_text`); its lines and words joined without the blanks OCR puts in
    Chinese (see :func:`._layout.ocr_unspaced`), and a blank between Latin words; its
    pages (``ocr_page``) laid out as a PDF's are (see :func:`._layout.lay_out`), their
    running headers and page numbers set apart, a paragraph the page broke joined again.

    None if the page has text but none of it in hOCR's lines: a web page that shows hOCR's
    markup as its text (``class="ocr_page"``), or an engine's hOCR of lines of its own
    kind, is read as a web page; read as hOCR, all its text had been lost."""
    soup = parse_markup(markup)
    if soup.find(class_=_LINES) is None and (soup.body or soup).get_text().strip():
        logger.debug("%s: hOCR's marks but no line of it; read as a web page", path)
        return None
    pages = soup.find_all(class_="ocr_page") or [soup]
    texts = [(_page_text(page), {}) for page in pages]
    logger.debug("%s: hOCR of %d pages", path, len(pages))
    document = paged_document(path, lay_out(texts), "hocr", warnings)
    return dataclasses.replace(document, encoding=encoding)


def _page_text(page) -> str:
    """The text of the hOCR ``page``: a line each paragraph, its lines parted by blanks,
    and each row of a table a line of its own where its first line stood, its cells parted
    by tabs (see :func:`_table_rows`)."""
    lines = [(line, text) for line in page.find_all(class_=_LINES) if (text := _text(line))]
    rows = _table_rows([line for line, _ in lines])
    paragraphs: list[str] = []
    joined = None
    last = ""  # the text of the line before
    for k, (line, text) in enumerate(lines):
        if k in rows:
            if rows[k] is not None:
                paragraphs.append(rows[k])
            joined = None
            continue
        paragraph = next((p for name in _PARAGRAPHS if (p := line.find_parent(class_=name))), None)
        # An English title the engine set in the paragraph below it is a line of its own.
        if paragraph is not None and paragraph is joined and not latin_over_chinese(last, text):
            paragraphs[-1] += " " + text
        else:
            paragraphs.append(text)
        joined, last = paragraph, text
    return ocr_unspaced("\n".join(paragraphs))


def _words(line) -> list[tuple[object, str]]:
    """The words of the hOCR ``line`` with their text, blanks tidied; the line itself, if
    it has no words."""
    found = [
        (word, _BLANKS.sub(" ", word.get_text(" ")).strip())
        for word in line.find_all(class_="ocrx_word") or [line]
    ]
    return [(word, text) for word, text in found if text]


def _text(line) -> str:
    """The text of the hOCR ``line``, its words parted by blanks."""
    return " ".join(text for _, text in _words(line))


def _table_rows(lines: list) -> dict[int, str | None]:
    """The rows of the tables on a page of hOCR ``lines``, found from where their words
    stand as on a PDF's page (see :func:`._layout.table_rows`), which the engine's lines
    and paragraphs do not show: it takes a row for a line, its cells run together, or each
    of its cells for a block of its own. By the number of each row's first line, the row,
    its cells parted by tabs; by those of its other lines, None. None found on a page that
    places some word nowhere."""
    owners: dict[int, int] = {}
    runs: list[Run] = []
    for k, line in enumerate(lines):
        placed = _runs(line)
        if placed is None:
            return {}
        owners.update((id(run), k) for run in placed)
        runs.extend(placed)
    # The rows found, by table: each row's lines following on the last's.
    tables: list[list[tuple[list[int], list[str]]]] = []
    for row, cells in table_rows(runs):
        numbers = sorted({owners[id(run)] for run in row})
        if tables and numbers[0] == tables[-1][-1][0][-1] + 1:
            tables[-1].append((numbers, cells))
        else:
            tables.append([(numbers, cells)])
    found: dict[int, str | None] = {}
    for table in tables:
        # Lines of Chinese characters each standing apart, their gaps one over another, are
        # titles set wide (教 育 工 作 报 告), no table of a character a cell.
        if all(_CHARACTER.fullmatch(cell) for _, cells in table for cell in cells):
            continue
        for (first, *others), cells in table:
            found[first] = TABLE_CELL_SEPARATOR.join(cells)
            for other in others:
                found.setdefault(other, None)
    return found


def _runs(line) -> list[Run] | None:
    """The runs of text of the hOCR ``line``: its words, those a gap parts wider than
    :data:`_CELL_GAP_HEIGHTS` (a table's cells; but for two English words, see
    :data:`_LATIN_WORD`) runs of their own, their words parted by blanks, on the line's
    baseline (the foot of its box), its height their em. None if the line or a word
    stands nowhere, or the line has no height."""
    box = _bbox(line)
    placed = [(_bbox(word), text) for word, text in _words(line)]
    if box is None or box[3] <= box[1] or any(where is None for where, _ in placed):
        return None
    runs: list[Run] = []
    height = box[3] - box[1]
    placed.sort(key=lambda placed: placed[0][0])
    before = ""  # the word before
    for (left, _, right, _), text in placed:
        if runs and (
            left - runs[-1].x1 <= _CELL_GAP_HEIGHTS * height
            or (_LATIN_WORD.fullmatch(before) and _LATIN_WORD.fullmatch(text))
        ):
            runs[-1] = runs[-1]._replace(x1=max(runs[-1].x1, right), text=f"{runs[-1].text} {text}")
        else:
            runs.append(Run(left, right, -box[3], height, text))
        before = text
    return runs


def _bbox(element) -> tuple[int, int, int, int] | None:
    """Where ``element`` stands on the scan (x0, y0, x1, y1), as its ``title`` says; None
    if it says nowhere, or a box turned inside out."""
    found = _BBOX.search(element.get("title") or "")
    if found is None:
        return None
    x0, y0, x1, y1 = map(int, found.groups())
    return (x0, y0, x1, y1) if x1 >= x0 and y1 >= y0 else None
