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

from ._common import TABLE_CELL_SEPARATOR, Document, parse_markup
from ._layout import Run, latin_over_chinese, lay_out, ocr_unspaced, paged_document, runs_text

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
#: a table's cells: a justified line spreads its words a fraction of a character apart.
_CELL_GAP_HEIGHTS = 1.0


def is_hocr(markup: str) -> bool:
    """Whether the page ``markup`` is hOCR, an OCR engine's text of a scan."""
    return _HOCR.search(markup, 0, _HOCR_SEARCH_CHARS) is not None


def read_hocr(
    path: Path, markup: str, encoding: str, warnings: tuple[str, ...]
) -> Document | None:
    """The report in the hOCR page ``markup`` (decoded with ``encoding``): of each page
    (``ocr_page``) a line of text each paragraph (``ocr_par``, else ``ocr_carea``; else
    each line of its own), or, where its words' places show a table, the page read from
    where they stand, as a PDF's page is, a table's row a line (see :func:`_page_text`); its words
    joined without the blanks OCR puts in Chinese (see :func:`._layout.ocr_unspaced`), and
    with a blank between Latin words; its pages laid out as a PDF's are (see
    :func:`._layout.lay_out`), their running headers and page numbers set apart, a
    paragraph the page broke joined again.

    None if the page has text but none of it in hOCR's lines: a web page that shows hOCR's
    markup as its text (``class="ocr_page"``), or an engine's hOCR of lines of its own
    kind, is read as a web page; read as hOCR, all its text had been lost."""
    soup = parse_markup(markup)
    if soup.find(class_=_LINES) is None and (soup.body or soup).get_text().strip():
        logger.debug("%s: hOCR's marks but no line of it; read as a web page", path)
        return None
    pages = soup.find_all(class_="ocr_page") or [soup]
    texts = [_page_text(page) for page in pages]
    logger.debug("%s: hOCR of %d pages", path, len(pages))
    document = paged_document(path, lay_out(texts), "hocr", warnings)
    return dataclasses.replace(document, encoding=encoding)


def _page_text(page) -> tuple[str, dict[int, float]]:
    """The text of the hOCR ``page`` and the sizes of its lines: a line of text each
    paragraph (see :func:`_paragraphs`), as the engine found them; or, where its words'
    places show a table's rows, which the engine's lines and paragraphs do not (a row's
    cells run together in one line, or each cell a block of its own), the page read from
    where its words stand, as a PDF's page is (see :func:`._layout.runs_text`): a table's
    row a line of its cells parted by tabs, a paragraph's lines joined by their widths."""
    runs = _runs(page)
    if runs:
        text, sizes = runs_text(runs)
        if TABLE_CELL_SEPARATOR in text:
            return ocr_unspaced(text), sizes
    return ocr_unspaced("\n".join(_paragraphs(page))), {}


def _runs(page) -> list[Run] | None:
    """The runs of text of the hOCR ``page``: each line's words, those a gap parts wider
    than :data:`_CELL_GAP_HEIGHTS` (a table's cells) runs of their own, their words
    parted by blanks, on the line's baseline (the foot of its box), its height their em.
    None if a word or line stands nowhere."""
    runs: list[Run] = []
    for line in page.find_all(class_=_LINES):
        box = _bbox(line)
        placed = []
        for word in line.find_all(class_="ocrx_word") or [line]:
            text = _BLANKS.sub(" ", word.get_text(" ")).strip()
            if not text:
                continue
            where = _bbox(word)
            if where is None or box is None:
                return None
            placed.append((where, text))
        if not placed:
            continue
        height = box[3] - box[1]
        if height <= 0:
            return None
        placed.sort(key=lambda placed: placed[0][0])
        (x0, _, x1, _), text = placed[0]
        for (left, _, right, _), word in placed[1:]:
            if left - x1 > _CELL_GAP_HEIGHTS * height:
                runs.append(Run(x0, x1, -box[3], height, text))
                x0, text = left, word
            else:
                text += " " + word
            x1 = max(x1, right)
        runs.append(Run(x0, x1, -box[3], height, text))
    return runs


def _bbox(element) -> tuple[int, int, int, int] | None:
    """Where ``element`` stands on the scan (x0, y0, x1, y1), as its ``title`` says; None
    if it says nowhere, or a box of no size."""
    found = _BBOX.search(element.get("title") or "")
    if found is None:
        return None
    x0, y0, x1, y1 = map(int, found.groups())
    return (x0, y0, x1, y1) if x1 > x0 and y1 > y0 else None


def _paragraphs(page) -> list[str]:
    """The paragraphs of the hOCR ``page``, their lines parted by blanks."""
    paragraphs: list[str] = []
    joined = None
    last = ""  # the text of the line before
    for line in page.find_all(class_=_LINES):
        words = line.find_all(class_="ocrx_word") or [line]
        text = _BLANKS.sub(" ", " ".join(word.get_text(" ") for word in words)).strip()
        if not text:
            continue
        paragraph = next((p for name in _PARAGRAPHS if (p := line.find_parent(class_=name))), None)
        # An English title the engine set in the paragraph below it is a line of its own.
        if paragraph is not None and paragraph is joined and not latin_over_chinese(last, text):
            paragraphs[-1] += " " + text
        else:
            paragraphs.append(text)
        joined, last = paragraph, text
    return paragraphs
