"""Web pages (.html, .htm), read with BeautifulSoup and the standard library's parser.

Only the text a reader of the page sees is kept: scripts, styles, the ``<head>`` and hidden
elements go, and so does site furniture, the navigation, headers, footers, sidebars, share
buttons, comments and so on that surround a report on a bureau's website. Block elements
(paragraphs, list items, table rows and cells ...) become line breaks.
"""

from __future__ import annotations

import codecs
import logging
import re
from pathlib import Path

from .._chinese import CJK
from ..errors import ReadError
from ._common import Document, tidy_lines
from .text import bom_encoding, decode

logger = logging.getLogger(__name__)

#: Elements whose content is never visible text, or is site furniture by definition.
_DROPPED_TAGS = [
    "script", "style", "noscript", "template", "head",
    "nav", "header", "footer", "aside", "form", "iframe",
]
#: An ``id`` or ``class`` naming one of these marks site furniture. "ad" stands alone (or as
#: "ads", "adv", "advert...") because as a substring it is in "header", "lead", "download".
_FURNITURE_NAME = re.compile(
    r"nav|menu|breadcrumb|footer|header|sidebar|share|comment|related|recommend|copyright"
    r"|(?<![a-z])(?:ads?|adv|advert[a-z]*)(?![a-z])",
    re.IGNORECASE,
)
#: Never dropped for their id or class: a CMS often marks the page or its main column with
#: words like "has-sidebar", and these hold the report itself.
_CONTENT_TAGS = {"html", "body", "main", "article"}
#: An element holding more than this share of the page's text is kept whatever its name:
#: furniture is small, and dropping the report would leave nothing.
_FURNITURE_MAX_SHARE = 0.5
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

#: Elements that stand on lines of their own in a browser. Each is set off by a blank line,
#: which the segmenter reads as a paragraph end; ``<br>`` is a line break only.
_BLOCK_TAGS = [
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
    "section", "article", "main", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "hr",
    "caption",
]

#: Where to look for a ``<meta>`` charset declaration; browsers look at the first 1024
#: bytes, but pages from county offices sometimes put long comments first.
_PRESCAN_BYTES = 4096
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([-\w.:]+)", re.IGNORECASE)
#: Labels browsers decode as GBK; GB18030 decodes the same bytes and more.
_GBK_LABELS = {"gb2312", "gbk", "x-gbk", "gb_2312-80", "chinese", "csgb2312", "iso-ir-58"}
#: Single-byte codecs decode any bytes, so a page declaring one proves nothing by decoding;
#: on a Chinese page such a declaration is a server default, not the truth.
_UNPROVABLE = {"latin-1", "iso8859-1", "cp1252", "ascii"}

#: A line break in the source between two Chinese characters is layout of the HTML file,
#: not a space in the text (the CSS segment-break rule for East Asian scripts). Compiled on
#: first use: a class of Chinese ranges takes milliseconds, which every import would pay.
_CJK_BREAK = rf"(?<=[{CJK}])[^\S\n]*\n\s*(?=[{CJK}])"
_WHITESPACE = re.compile(r"\s+")


def read_html_file(path: Path) -> Document:
    """Read a report saved as a web page (.html, .htm).

    The encoding is the one the page declares in ``<meta charset>`` or a ``http-equiv``
    content type, when the bytes decode with it; otherwise it is detected as for plain text
    (see :func:`edusummary.reading.decode`). GB2312 and GBK pages are decoded as GB18030,
    which reads the same bytes and more.

    Parameters
    ----------
    path : pathlib.Path

    Returns
    -------
    Document
        With ``format="html"`` and the encoding used.

    Raises
    ------
    ReadError
        The bytes are not text, or the page has no visible text.
    """
    text, encoding, warnings = _decode_page(path.read_bytes(), str(path))
    visible = _visible_text(text)
    if not visible:
        raise ReadError(
            f"{path}: the page has no visible text (is it filled in by JavaScript? "
            "save it from a browser once it has loaded)"
        )
    return Document(
        text=visible, source=str(path), encoding=encoding, warnings=warnings, format="html"
    )


def _decode_page(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    match = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    if match is None or bom_encoding(data) is not None:
        # A byte order mark outranks a declaration, as in browsers.
        return decode(data, name)
    label = match.group(1).decode("ascii").lower()
    try:
        declared = "gb18030" if label in _GBK_LABELS else codecs.lookup(label).name
    except LookupError:
        problem = f"{name}: declares an unknown charset {label!r}"
    else:
        if declared in _UNPROVABLE or declared.startswith(("utf-16", "utf-32")):
            # A <meta> readable as ASCII is not in UTF-16 or UTF-32, whatever it says.
            return decode(data, name)
        if declared != "utf-8" and _is_utf8(data):
            # Browsers save a page as UTF-8 but leave its old <meta> in place.
            return decode(data, name)
        try:
            return data.decode(declared), declared, ()
        except UnicodeDecodeError:
            problem = f"{name}: declares charset {label!r} but is not in it"
    text, encoding, warnings = decode(data, name)
    message = f"{problem}; decoded as {encoding}"
    logger.warning(message)
    return text, encoding, (message, *warnings)


def _is_utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8 with at least one non-ASCII character.

    Legacy Chinese text is practically never valid UTF-8, so this is strong evidence.
    """
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _visible_text(markup: str) -> str:
    from bs4 import BeautifulSoup
    from bs4.element import PreformattedString

    soup = BeautifulSoup(markup, "html.parser")
    # Comments, doctype, CDATA and processing instructions are not page text.
    for node in soup.find_all(string=lambda s: isinstance(s, PreformattedString)):
        node.extract()
    for tag in soup.find_all(_DROPPED_TAGS):
        tag.decompose()
    for tag in soup.find_all(_is_hidden):
        if not tag.decomposed:
            tag.decompose()
    _drop_furniture(soup)

    cjk_break = re.compile(_CJK_BREAK)
    for node in soup.find_all(string=True):
        if node.find_parent("pre") is None:
            node.replace_with(_WHITESPACE.sub(" ", cjk_break.sub("", node)))
    for tag in soup.find_all(_BLOCK_TAGS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    for tag in soup.find_all("br"):
        tag.replace_with("\n")
    return tidy_lines(soup.get_text().splitlines())


def _is_hidden(tag) -> bool:
    return tag.has_attr("hidden") or bool(_HIDDEN_STYLE.search(tag.get("style", "")))


def _drop_furniture(soup) -> None:
    total = _text_size(soup)
    for tag in soup.find_all(_is_named_furniture):
        if tag.decomposed:  # inside furniture dropped already
            continue
        if _text_size(tag) > _FURNITURE_MAX_SHARE * total:
            logger.debug("kept <%s> named like furniture: it holds most of the page", tag.name)
            continue
        tag.decompose()


def _is_named_furniture(tag) -> bool:
    if tag.name in _CONTENT_TAGS:
        return False
    names = [tag.get("id", ""), *tag.get("class", [])]
    return any(_FURNITURE_NAME.search(name) for name in names)


def _text_size(tag) -> int:
    return sum(len(piece) for piece in tag.get_text().split())
