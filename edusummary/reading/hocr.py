"""hOCR: the web page an OCR engine writes of the text it read in a scan (tesseract's
``hocr`` output), read as the OCR text it holds rather than as a web page.

A word is an element of its own (``ocrx_word``; in Chinese, often a character), in lines
(``ocr_line``), in paragraphs (``ocr_par``), in blocks (``ocr_carea``), in pages
(``ocr_page``). Read as a web page, a blank stood between the words, and so between the
characters of Chinese text (全 县 幼 儿 园), and each line was one of its own.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from pathlib import Path

from ._common import Document, parse_markup
from ._layout import lay_out, ocr_unspaced, paged_document

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


def is_hocr(markup: str) -> bool:
    """Whether the page ``markup`` is hOCR, an OCR engine's text of a scan."""
    return _HOCR.search(markup, 0, _HOCR_SEARCH_CHARS) is not None


def read_hocr(
    path: Path, markup: str, encoding: str, warnings: tuple[str, ...]
) -> Document | None:
    """The report in the hOCR page ``markup`` (decoded with ``encoding``): a line of text
    each paragraph (``ocr_par``, else ``ocr_carea``; else each line of its own), its lines
    and words joined without the blanks OCR puts in Chinese (see
    :func:`._layout.ocr_unspaced`), and a blank between Latin words; its pages
    (``ocr_page``) laid out as a PDF's are (see :func:`._layout.lay_out`), their running
    headers and page numbers set apart, a paragraph the page broke joined again.

    None if the page has text but none of it in hOCR's lines: a web page that shows hOCR's
    markup as its text (``class="ocr_page"``), or an engine's hOCR of lines of its own
    kind, is read as a web page; read as hOCR, all its text had been lost."""
    soup = parse_markup(markup)
    if soup.find(class_=_LINES) is None and (soup.body or soup).get_text().strip():
        logger.debug("%s: hOCR's marks but no line of it; read as a web page", path)
        return None
    pages = soup.find_all(class_="ocr_page") or [soup]
    texts = [(ocr_unspaced("\n".join(_paragraphs(page))), {}) for page in pages]
    logger.debug("%s: hOCR of %d pages", path, len(pages))
    document = paged_document(path, lay_out(texts), "hocr", warnings)
    return dataclasses.replace(document, encoding=encoding)


def _paragraphs(page) -> list[str]:
    """The paragraphs of the hOCR ``page``, their lines parted by blanks."""
    paragraphs: list[str] = []
    joined = None
    for line in page.find_all(class_=_LINES):
        words = line.find_all(class_="ocrx_word") or [line]
        text = _BLANKS.sub(" ", " ".join(word.get_text(" ") for word in words)).strip()
        if not text:
            continue
        paragraph = next((p for name in _PARAGRAPHS if (p := line.find_parent(class_=name))), None)
        if paragraph is not None and paragraph is joined:
            paragraphs[-1] += " " + text
        else:
            paragraphs.append(text)
        joined = paragraph
    return paragraphs
