"""Web pages (.html, .htm, and .mht/.mhtml saved as one file), read with BeautifulSoup and
the standard library's parser.

Only the text a reader of the page sees is kept: scripts, styles, the ``<head>`` and hidden
elements go, and so does site furniture, the navigation, headers, footers, sidebars, share
buttons, comments and so on that surround a report on a bureau's website. Block elements
(paragraphs, list items, table rows and cells ...) become line breaks.
"""

from __future__ import annotations

import codecs
import logging
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

from .._chinese import (
    CJK,
    DATE,
    DOCUMENT_KIND,
    HAN,
    TERMINAL,
    han_count,
    is_content,
    is_numbered,
)
from ..errors import ReadError
from ..topics import MIN_HAN_CHARS
from ._common import (
    CAPTION_CLAUSE,
    FURNITURE,
    HEADING,
    NOTE,
    TABLE_CELL_MAX_CHARS,
    TABLE_CELL_SEPARATOR,
    TABLE_ROW,
    Document,
    is_prose_cell,
    is_prose_row,
    parse_markup,
    set_apart,
    tidy_marked,
)
from .hocr import is_hocr, read_hocr
from .text import bom_encoding, decode

logger = logging.getLogger(__name__)

#: Elements whose content is never visible text, or is site furniture by definition.
_DROPPED_TAGS = {
    "script", "style", "noscript", "template", "head",
    "nav", "footer", "aside", "form", "iframe",
    # Form controls, often outside a <form>: a site's drop-downs of links (友情链接).
    "select", "option", "datalist", "button", "textarea",
}
#: Of those, the site's furniture, whose lines the report shows as removed; the rest never
#: show in a browser (scripts, styles) or are controls.
_FURNITURE_TAGS = {"nav", "footer", "aside"}
#: Why the lines of the furniture left out are set aside.
SITE_FURNITURE = "site furniture: the page's navigation, header, footer or sidebar"
#: Furniture by definition unless it holds the article's title (see :func:`_furniture_sizes`):
#: ``<article><header><h1>`` is the HTML5 way of titling an article.
_HEADER_TAGS = {"header"}
#: A heading in one of these, not a link (a site's name in its banner links to its home
#: page), is the article's title: the block holding it is the article's own header, whatever
#: its name ("xl_header", "con_header": pinyin 详细, 内容 ...).
_TITLE_TAGS = {"h1", "h2"}
#: An ``id`` or ``class`` naming one of these marks site furniture. "ad" stands alone (or as
#: "ads", "adv", "advert...") because as a substring it is in "header", "lead", "download";
#: so do the short names of readers' comments (WeChat's "js_cmt_area" and "discuss_list",
#: a CMS's pinyin "pinglun" 评论 and "liuyan" 留言, "reply"), which words may hold.
_FURNITURE_NAME = re.compile(
    r"nav|menu|breadcrumb|footer|header|sidebar|share|comment|related|recommend|copyright"
    r"|(?<![a-z])(?:ads?|adv|advert[a-z]*)(?![a-z])"
    r"|(?<![a-z])(?:cmts?|discuss|pinglun|liuyan|repl(?:y|ies))(?![a-z])"
    # A pinyin list of links (xglj 相关链接).
    r"|(?<![a-z])xglj(?![a-z])",
    re.IGNORECASE,
)
#: A footer's short names ("foot", "bottom", pinyin "dibu" 底部): the site's footer, unless
#: the block holds a date on a line of its own and none of a site's marks: a notice's
#: signature and date, set in a block named "bottom". A site's footer is dated too
#: (最后更新：2024年5月6日), beside its marks.
_FOOTER_NAME = re.compile(r"(?<![a-z])(?:foot|bottom|dibu)(?![a-z])", re.IGNORECASE)
_SITE_MARK = re.compile(
    r"主办|承办|ICP|备案|网站标识码|网站地图|本网站|本站|版权|访问量|访客|分辨率", re.IGNORECASE
)
#: A signature's line: the office and its date ("清水县教育局　2024年6月20日"), or the date.
_SIGNATURE_DATE = re.compile(rf"(?:^|.*\s)[（(]?{DATE}\s*[）)]?$")
#: The header or footer of the article itself ("article-header", "post_footer",
#: "detailHeader") holds its title, date or author, not the site's: no sign of furniture.
_ARTICLE_PART = re.compile(
    r"(?:article|post|entry|content|detail|news)[-_]?(?:header|footer|foot|bottom)",
    re.IGNORECASE,
)
#: Never dropped for their id or class: a CMS often marks the page or its main column with
#: words like "has-sidebar", and these hold the report itself.
_CONTENT_TAGS = {"html", "body", "main", "article"}
#: An element holding more than this share of the page's text is kept whatever its name:
#: furniture is small, and dropping the report would leave nothing.
_FURNITURE_MAX_SHARE = 0.5
#: The mark of the lines of hidden elements left out, which follow the site's furniture.
_HIDDEN = "hidden"
#: Why those lines are set aside.
HIDDEN_TEXT = "hidden on the page: text its style hides until a script or a click shows it"
#: WeChat's article, which its page hides until its script runs: read whatever its size.
_HIDDEN_ARTICLE_NAME = re.compile(r"(?<![\w-])(?:js_content|rich_media_content)(?![\w-])")
#: Around WeChat's article, its title and its account-and-time line; all else on the page is
#: the app's: its dialogs, the account's card, its buttons.
_WECHAT_HEAD_NAME = re.compile(
    r"(?<![\w-])(?:rich_media_title|activity-name|msg_title|meta_content|publish_time)(?![\w-])"
)
#: WeChat's own frame around its article: a portal reposting an article keeps only the
#: article's element, which alone does not make the page WeChat's.
_WECHAT_FRAME_NAME = re.compile(
    r"(?<![\w-])(?:js_article|img-content|rich_media_title|activity-name|msg_title)(?![\w-])"
)
#: Where WeChat names the account: "云溪教育", in the meta line or the profile card.
_WECHAT_ACCOUNT_NAME = re.compile(
    r"(?<![\w-])(?:meta_content|js_name|profile_nickname|rich_media_meta_nickname)(?![\w-])"
)
#: The mark of the lines of WeChat's own text, which follow the text as furniture does.
_APP = "app"
#: Why those lines are set aside.
WECHAT_FURNITURE = (
    "WeChat's page furniture: the app's text around the article (its dialogs, the "
    "account's card, its buttons) or the account's name and ornaments under it"
)
#: Hidden text of this many Chinese characters, with a sentence's end, is prose the user is
#: told was left out: a dialog's or a menu's text is shorter.
_HIDDEN_PROSE_HAN = 100
#: The ``id`` of a page of an article paged on the page itself ("page_2", "zoom_page2",
#: "pageContent3"): its stem and number.
_PAGE_ID = re.compile(r"^(.*?page.*?)[-_]?(\d+)$", re.IGNORECASE)
#: A pager's line naming pages after the first ("第1页 2 下一页", "第1页 第2页 尾页"): pager
#: words, page numbers and brackets only.
_PAGER = re.compile(
    r"^(?:[\s\d<>«»|｜\[\]【】.…]|第\s*\d+\s*页|共\s*\d+\s*页|[首尾末]\s*页|[上下]\s*一\s*页|页)+$"
)
_LATER_PAGE = re.compile(r"下\s*一\s*页|[尾末]\s*页|第\s*(?:[2-9]|\d\d+)\s*页")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

#: Elements that stand on lines of their own in a browser. Each is set off by a blank line,
#: which the segmenter reads as a paragraph end; ``<br>`` is a line break only.
_BLOCK_TAGS = {
    "p", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
    "section", "article", "main", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "hr",
    "caption",
}

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
#: A line this long that ends no sentence runs on into the next block: the segmenter's
#: width for unended lines that run on.
_RUN_ON_MIN_CHARS = 40
_HAN = re.compile(f"[{HAN}]")
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

    A page saved "complete" whose article sits in a ``<frame>`` or ``<iframe>`` has the
    frame's page beside it (in ``NAME_files/``): when the page shows no article of its own
    (fewer than :data:`_OWN_ARTICLE_HAN` Chinese characters outside its frames), the page
    of each frame whose ``src`` is a file in the page's folder, or below it, is read where
    the frame stands, as the frames of an .mht are. A frame's page that is not there is a
    warning; one on the web, or outside the folder, is left out. A page with an article of
    its own keeps its frames out: they hold advertisements and maps.

    hOCR, the page an OCR engine writes of a scan, is read as the OCR text it holds (see
    :func:`.hocr.read_hocr`), with ``format="hocr"``.

    Raises
    ------
    ReadError
        The bytes are not text, or the page has no visible text.
    """
    text, encoding, warnings = decode_page(path.read_bytes(), str(path))
    if is_hocr(text) and (hocr := read_hocr(path, text, encoding, warnings)) is not None:
        return hocr
    found: list[str] = []
    folder = path.resolve().parent
    read = {path.resolve()}
    if han_count(_MARKUP.sub(" ", text)) < _OWN_ARTICLE_HAN:
        text = _with_frames(
            text, lambda src, base: _local_page(src, base, folder, read, str(path), found),
            folder, found,
        )
    return page_document(path, text, encoding, (*warnings, *found))


#: A page with this many Chinese characters outside its frames shows its own article.
_OWN_ARTICLE_HAN = 100
#: What a page's text is not: its tags, scripts, styles and comments.
_MARKUP = re.compile(
    r"<script\b.*?</script\s*>|<style\b.*?</style\s*>|<!--.*?-->|<[^>]*>",
    re.IGNORECASE | re.DOTALL,
)


def read_mhtml_file(path: Path) -> Document:
    """Read a web page saved as one file (.mht, .mhtml: "Web page, single file"): its HTML
    part, as :func:`read_html_file` reads a page, with the page of each of its frames
    (``<iframe>``, ``<frame>``, saved as parts of their own) read where the frame stands;
    pictures and style sheets are left out.

    Raises
    ------
    ReadError
        The file holds no HTML part, or the page has no visible text.
    """
    from email import message_from_bytes

    message = message_from_bytes(path.read_bytes())
    parts = [p for p in message.walk() if p.get_content_type() == "text/html"]
    if not parts:
        raise ReadError(f"{path}: a single-file web page (MHTML) without a page in it")
    main, *frames = parts
    text, encoding, warnings = _part_text(main, str(path))
    if frames:
        base = main.get("Content-Location", "")
        pages: dict[str, Any] = {}
        for frame in frames:
            for name in (frame.get("Content-Location"), frame.get("Content-ID")):
                if name:
                    name = name.strip().strip("<>")
                    pages[name] = pages[f"cid:{name}"] = frame
        found: list[str] = []
        text = _with_frames(
            text, lambda src, base: _part_page(src, base, pages, str(path)), base, found
        )
        warnings = (*warnings, *found)
        unread = sum(1 for frame in frames if frame in pages.values())
        if unread:
            logger.info("%s: %d frame page(s) no frame of the page shows, left out",
                        path, unread)
    return page_document(path, text, encoding, warnings)


#: A frame's opening tag, with where its page is; and an iframe's text for browsers
#: without frames, which is shown in its place only when its page is not.
_FRAME = re.compile(
    r"""<i?frame\b[^>]*?\bsrc\s*=\s*["']?([^"'\s>]+)[^>]*>(?:[^<]*</iframe\s*>)?""",
    re.IGNORECASE,
)
#: A frameset's text for browsers without frames ("本网页使用了框架…").
_NO_FRAMES = re.compile(r"<noframes\b.*?</noframes\s*>", re.IGNORECASE | re.DOTALL)


#: A frame's page: its markup, what decoding it met, and where it is, for the ``src`` of
#: its own frames.
_FramePage = tuple[str, tuple[str, ...], "str | Path"]
_Load = Callable[[str, "str | Path"], "_FramePage | None"]


def _with_frames(text: str, load: _Load, base: str | Path, warnings: list[str]) -> str:
    """The markup of a page at ``base`` with the page of each of its frames that ``load``
    gives in place of the frame (see :func:`_frame_text`)."""
    framed = _FRAME.sub(lambda m: _frame_text(m, load, base, warnings), text)
    # What the page shows browsers without frames would come beside the frames' pages.
    return text if framed == text else _NO_FRAMES.sub("", framed)


def _frame_text(
    match: re.Match, load: _Load, base: str | Path, warnings: list[str], depth: int = 0
) -> str:
    """The markup of the page a frame of the page at ``base`` shows, to stand for its tag;
    the tag itself when ``load`` finds no page for its ``src`` (or frames nest too deep).
    ``load`` gives a page once only (pages may frame each other, or themselves); what
    decoding it met is added to ``warnings``."""
    loaded = load(match.group(1), base) if depth < _FRAME_DEPTH else None
    if loaded is None:
        return match.group()
    text, found, where = loaded
    warnings.extend(found)
    # Its own frames in turn; its <head> goes as any page's does.
    inner = _FRAME.sub(lambda m: _frame_text(m, load, where, warnings, depth + 1), text)
    return f"<div>{inner}</div>"


#: How deep frames are read inside frames; deeper ones are left out.
_FRAME_DEPTH = 8


def _part_page(src: str, base: str, pages: dict[str, Any], name: str) -> _FramePage | None:
    """The page of the MHTML part a frame's ``src`` names (``base``: the location of the
    page holding the frame); None when no part is that page, or it was read already."""
    from urllib.parse import urljoin

    part = pages.get(src) or pages.get(urljoin(base, src))
    if part is None:
        return None
    for key in [key for key, value in pages.items() if value is part]:
        del pages[key]
    text, _, found = _part_text(part, name)
    return text, found, part.get("Content-Location", base)


def _local_page(
    src: str, base: Path, folder: Path, read: set[Path], name: str, warnings: list[str]
) -> _FramePage | None:
    """The page a frame's ``src`` names (``base``: the folder of the page holding the
    frame), if it is in ``folder`` (that of the saved page ``name``) or below it; None for
    a page on the web, outside the folder, or in ``read`` (each page is read once). A
    missing page is a warning in ``warnings``."""
    from urllib.parse import unquote, urlsplit

    parts = urlsplit(src)
    if parts.scheme.lower() not in ("", "file") or parts.netloc or not parts.path:
        return None
    try:
        page = (base / unquote(parts.path)).resolve()
    except (OSError, ValueError):  # a loop of links, a NUL byte
        return None
    if not page.is_relative_to(folder) or page in read:
        return None
    read.add(page)
    try:
        # A folder or a pipe is no page, and reading a pipe would wait for ever.
        data = page.read_bytes() if page.is_file() else None
    except OSError:
        data = None
    if data is None:
        message = (f"{name}: the page of its frame {src!r} is not in the page's folder, or "
                   "cannot be read; the frame's text is left out (copy the page's _files "
                   "folder along with it)")
        logger.info(message)
        warnings.append(message)
        return None
    text, _, found = decode_page(data, str(page))
    return text, found, page.parent


def _part_text(part, name: str) -> tuple[str, str, tuple[str, ...]]:
    """An MHTML part's page decoded, with the encoding and the warnings."""
    data = part.get_payload(decode=True) or b""
    charset = _text_codec((part.get_content_charset() or "").lower())
    if charset is not None and not _META_CHARSET.search(data[:_PRESCAN_BYTES]):
        # The part's header names the charset a browser saved the page in; a <meta>
        # inside the page, checked against the bytes, is read as in any page.
        try:
            return data.decode(charset), charset, ()
        except UnicodeError:
            pass
    return decode_page(data, name)


def page_document(
    path: Path, text: str, encoding: str, warnings: tuple[str, ...], format: str = "html"
) -> Document:
    """The :class:`Document` of the page ``text`` read from ``path``: its visible text,
    marked, and its furniture set apart. ``format`` names the kind of file the page was
    made of (a Markdown file is read as the page it stands for).

    Raises
    ------
    ReadError
        A web page shows no text: its script fills it in. A page made of another kind of
        file may be empty, as the file is.
    """
    visible, marks, notes = _visible_text(text)
    for note in notes:
        logger.info("%s: %s", path, note)
    warnings = (*warnings, *(f"{path}: {note}" for note in notes))
    if format == "html" and not visible[: _cut(marks)].strip():
        raise ReadError(
            f"{path}: the page has no visible text (is it filled in by JavaScript? "
            "save it from a browser once it has loaded)"
        )
    return Document(
        source=str(path), encoding=encoding, warnings=warnings, format=format,
        headings=marks.get(HEADING, ()), table_rows=marks.get(TABLE_ROW, ()),
        notes=marks.get(NOTE, ()),
        **set_apart(
            visible, marks.get(FURNITURE, ()), SITE_FURNITURE,
            also=[
                *((*span, HIDDEN_TEXT) for span in marks.get(_HIDDEN, ())),
                *((*span, WECHAT_FURNITURE) for span in marks.get(_APP, ())),
            ],
        ),
    )


def decode_page(data: bytes, name: str) -> tuple[str, str, tuple[str, ...]]:
    """The text of a web page's ``data``, the encoding it was read in, and warnings: by
    its byte order mark, else by its ``<meta>`` charset checked against the bytes, else
    detected; ``name`` names it in warnings."""
    match = _META_CHARSET.search(data[:_PRESCAN_BYTES])
    if match is None or bom_encoding(data) is not None:
        # A byte order mark outranks a declaration, as in browsers.
        return decode(data, name)
    label = match.group(1).decode("ascii").lower()
    declared = _text_codec(label)
    if declared is None:
        problem = f"{name}: declares charset {label!r}, which is not a known text encoding"
    else:
        if declared in _UNPROVABLE or declared.startswith(("utf-16", "utf-32")):
            # A <meta> readable as ASCII is not in UTF-16 or UTF-32, whatever it says.
            return decode(data, name)
        if declared != "utf-8" and _is_utf8(data):
            # Browsers save a page as UTF-8 but leave its old <meta> in place.
            return decode(data, name)
        try:
            text = data.decode(declared)
        except UnicodeError:  # what "idna" and its like raise, beside UnicodeDecodeError
            problem = f"{name}: declares charset {label!r} but is not in it"
        else:
            if declared != "gb18030" or not _garbled_gbk(text):
                return text, declared, ()
            # GB18030 decodes nearly any pairs of bytes: a Big5 page that declares gb2312
            # decodes, into rare characters and private-use ones.
            detected = decode(data, name)
            if detected[1] == declared or _garbled_gbk(detected[0]):
                message = (f"{name}: declares charset {label!r}, but the text reads as "
                           "garbled in it; check the page's encoding")
                logger.info(message)
                return text, declared, (message,)
            problem = f"{name}: declares charset {label!r} but reads as garbled in it"
    text, encoding, warnings = decode(data, name)
    message = f"{problem}; decoded as {encoding}"
    logger.info(message)
    return text, encoding, (message, *warnings)


#: Characters a font's maker assigns (U+E000 to U+F8FF): GB18030 maps undefined byte pairs
#: there.
_PRIVATE_USE = re.compile("[\ue000-\uf8ff]")
#: In a page really in GBK, nearly all Chinese characters are in GB2312; other bytes read
#: as GBK give its rare extension characters. Fewer than this share in GB2312, out of at
#: least _GARBLE_MIN_HAN characters, is garbled text.
_GB2312_MIN_SHARE = 0.6
_GARBLE_MIN_HAN = 20
_GARBLE_SAMPLE_CHARS = 20_000


def _garbled_gbk(text: str) -> bool:
    """Whether ``text``, decoded as GB18030, is bytes of another encoding (Big5 ...)."""
    text = text[:_GARBLE_SAMPLE_CHARS]
    if len(_PRIVATE_USE.findall(text)) > max(2, 0.001 * len(text)):
        return True
    hans = _HAN.findall(text)
    if len(hans) < _GARBLE_MIN_HAN:
        return False
    in_gb2312 = sum(1 for char in hans if _in_gb2312(char))
    return in_gb2312 < _GB2312_MIN_SHARE * len(hans)


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _text_codec(label: str) -> str | None:
    """The codec a declared charset names, or None when it names none, or one that is not
    of text (base64, zlib, rot13 ... are codecs too, and a page may declare anything)."""
    if label in _GBK_LABELS:
        return "gb18030"
    try:
        name = codecs.lookup(label).name
        "".encode(name)
    except (LookupError, UnicodeError):  # "undefined" is a codec that refuses everything
        return None
    return name


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


def _visible_text(
    markup: str,
) -> tuple[str, dict[str, tuple[tuple[int, int], ...]], tuple[str, ...]]:
    """The text a reader of the page sees, the spans of its marked lines by mark, and what
    the user must be told about it."""
    soup = parse_markup(markup)
    # The page is walked, never edited: bs4 finds a node among its siblings by a linear
    # scan on every insert, replace or removal, which made a page of many paragraphs
    # quadratic. One walk sizes the furniture, a second one writes the text.
    sizes, hidden = _furniture_sizes(soup)
    limit = _FURNITURE_MAX_SHARE * sizes.pop(id(soup))
    kept = {key for key, size in sizes.items() if size > limit}
    if kept:
        logger.debug("kept %d elements named like furniture or hidden: they hold most of "
                     "the page", len(kept))
    articles = {key for key in hidden if key in kept}
    pages = set()
    for tag in soup.find_all(_is_hidden):
        if _HIDDEN_ARTICLE_NAME.search(" ".join(_names(tag))):
            articles.add(id(tag))
        elif _is_hidden_page(tag):
            pages.add(id(tag))
    if pages:
        logger.info("read %d page(s) of the article the page hides until its pager is "
                    "clicked, after the page shown", len(pages))
    app = _WeChat.of(soup)
    text, marks, unshown = _written(soup, sizes, kept | articles | pages, app)
    # A page saved without its script may hide the article under more text of its own
    # (WeChat's dialogs and profile card): the hidden element of the most Chinese, when
    # it holds more than all the page shows, is the article, whatever its share.
    prose = {id(tag): han_count(_shown_text(tag)) for tag in unshown}
    largest = max(unshown, key=lambda tag: prose[id(tag)], default=None)
    if largest is not None and prose[id(largest)] > han_count(text[: _cut(marks)]):
        articles.add(id(largest))
        text, marks, unshown = _written(soup, sizes, kept | articles | pages, app)
    notes = [
        f"the article is in an element the page hides ({hidden[key]}) until its script "
        "shows it: read as shown" for key in hidden if key in articles
    ]
    for tag in unshown:
        shown = _shown_text(tag)
        if han_count(shown) >= _HIDDEN_PROSE_HAN and any(c in TERMINAL for c in shown):
            notes.append(
                f"{han_count(shown)} Chinese characters of text the page hides "
                f"({hidden[id(tag)]}) are left out, beginning {shown[:20]!r}: they are "
                "among the report's removed lines; if they are the report's, save the "
                "page from a browser once it shows them"
            )
    if not pages and (pager := _pager_line(text[: _cut(marks)])):
        notes.append(
            f"page 1 of a paged article ({pager!r}): the other pages are not in this "
            "file; save each page, or the page's print view, to read them all"
        )
    return text, marks, tuple(notes)


def _written(
    soup, sizes: dict[int, int], kept: set[int], app: _WeChat | None = None
) -> tuple[str, dict[str, tuple[tuple[int, int], ...]], list]:
    """The text the page shows with the elements ``kept`` shown, whatever their names or
    style (``sizes``: those named like furniture or hidden, see :func:`_furniture_sizes`);
    the spans of its marked lines by mark; and the hidden elements left out, whose lines,
    like the site's furniture, follow the text, marked :data:`_HIDDEN`. On WeChat's page
    (``app``), the app's own text follows them, marked :data:`_APP`."""
    dropped: list = []  # the site's furniture left out, which the report shows
    unshown: list = []  # the hidden elements left out, which the report shows too
    around: list = []  # WeChat's own text left out, which the report shows too

    def skipped(tag) -> bool:
        named = id(tag) in sizes and id(tag) not in kept
        if tag.name in _FURNITURE_TAGS or (named and not _is_hidden(tag)):
            dropped.append(tag)
            return True
        if app is not None and tag.name not in _DROPPED_TAGS and app.outside(tag):
            around.append(tag)
            return True
        if named and tag.name not in _DROPPED_TAGS:
            unshown.append(tag)
        return tag.name in _DROPPED_TAGS or named

    cjk_break = re.compile(_CJK_BREAK)
    row_tables, short_rows, cell_texts = _row_tables(soup)
    pieces: list[str | _Mark] = []
    in_pre = 0
    paragraphs = 0  # the paragraph blocks open (_PARAGRAPH_TAGS)
    breaks = _Breaks(pieces)
    tables: list[bool] = []  # the open tables, innermost last: is it read a row a line?
    grid = _Grid(cell_texts)
    # WeChat's editors (135editor, 秀米) set each paragraph in a <section> of its own.
    sections = {
        id(tag) for tag in soup.find_all("section") if tag.find(_BLOCK_TAGS) is None
    }
    image_at = None  # where a picture standing on a line of its own was met
    told = False  # whether a sentence has ended yet: the article has begun
    for node, entering in _walk(soup, skipped):
        if isinstance(node, str):
            told = told or "。" in node
            if image_at is not None and node.strip():
                if _is_caption(node, pieces[image_at:]):
                    pieces.append(_Mark(NOTE))
                image_at = None
            if paragraphs and not in_pre:
                breaks.text(node)
            pieces.append(node if in_pre else _WHITESPACE.sub(" ", cjk_break.sub("", node)))
            continue
        if node.name == "table":
            if entering:
                tables.append(id(node) in row_tables)
                if tables[-1]:
                    grid = _Grid(cell_texts)  # a table read a row a line holds no table
            else:
                tables.pop()
        if tables and tables[-1] and node.name in _ROW_TABLE_PARTS:
            # A row stays one line, its cells parted by tabs (a cell spanning columns
            # leaves empty fields), as the docx reader writes it.
            if node.name in ("td", "th"):
                pieces.append(grid.enter_cell(node) if entering else grid.leave_cell(node))
            elif entering:
                pieces.append("\n")
                if node.name == "caption" or id(node) in short_rows:
                    pieces.append(_Mark(TABLE_ROW))
                if node.name == "tr":
                    grid.start_row()
            else:
                pieces.append((grid.end_row() if node.name == "tr" else "") + "\n")
            continue
        if tables and tables[-1] and (node.name in _BLOCK_TAGS or node.name == "br"):
            # A line break inside a cell ("学前三年<br>毛入园率", Word's <p> in every cell)
            # is layout.
            pieces.append(" ")
            continue
        paragraph = node.name in _PARAGRAPH_TAGS or id(node) in sections
        if paragraph:
            paragraphs += 1 if entering else -1
        if node.name == "br" and paragraphs and not in_pre:
            if entering:
                breaks.add()
            continue
        if node.name in _BLOCK_TAGS or (node.name == "br" and entering):
            pieces.append("\n")
            if paragraph:
                pieces.append(_Mark(_PARAGRAPH_END))
            if entering and node.name in _HEADING_TAGS and not tables:
                pieces.append(_Mark(HEADING))
        if node.name == "pre":
            in_pre += 1 if entering else -1
        # A site's logo or the article's banner stands above its title, which is no caption.
        if node.name == "img" and told and not tables and not _line_so_far(pieces).strip():
            image_at = len(pieces)
    body = list(_run_on((_tidy_row(line), mark) for line, mark in _lines(pieces)))
    title = _page_title(soup)
    if title and title not in tidy_marked(body)[0][:_TITLE_SEARCH_CHARS]:
        # A page whose article has no title line of its own names the report only in its
        # <title>, after which the site is named: the title heads the text (a heading,
        # which nothing runs on into or from).
        body = [(title, HEADING), *body]
    app_lines = [(line, _APP) for line in _furniture_lines(around)]
    if app is not None:
        # The account's name and the ornaments a WeChat editor sets under the article
        # ("●●●", "【云溪教育】") head nothing.
        ornaments = [line for line, mark in body if mark != TABLE_ROW and app.ornament(line)]
        body = [(line, mark) for line, mark in body if mark == TABLE_ROW or not app.ornament(line)]
        app_lines = [(line.strip(), _APP) for line in ornaments] + app_lines
    # The furniture follows the text, set off from it, for the report to show.
    furniture = [(line, FURNITURE) for line in _furniture_lines(dropped)]
    hidden = [(line, _HIDDEN) for line in _furniture_lines(unshown)]
    text, marks = tidy_marked([*body, ("", None), *furniture, *hidden, *app_lines])
    return text, marks, unshown


class _WeChat:
    """WeChat's page around its article: what of it is the article's, and the account's
    names."""

    def __init__(self, parts: list, names: set[str], framed: bool) -> None:
        self._parts = {id(part) for part in parts}
        # The elements holding a part: only their other children are the app's.
        self._holders = {id(parent) for part in parts for parent in part.parents}
        self._names = names
        self._framed = framed

    @classmethod
    def of(cls, soup) -> _WeChat | None:
        """The WeChat page ``soup`` is, None when it holds no WeChat article."""
        article = soup.find(_has_name(_HIDDEN_ARTICLE_NAME))
        if article is None:
            return None
        framed = soup.find(_has_name(_WECHAT_FRAME_NAME)) is not None
        if not framed and not _stands_alone(article):
            # A portal's article around a reposted one: its title, date and paragraphs.
            return None
        found = soup.find_all(_has_name(_HIDDEN_ARTICLE_NAME, _WECHAT_HEAD_NAME))
        # Of parts inside one another (publish_time in meta_content), the outer one.
        ids = {id(tag) for tag in found}
        parts = [tag for tag in found if not any(id(p) in ids for p in tag.parents)]
        names = {
            name
            for tag in soup.find_all(_has_name(_WECHAT_ACCOUNT_NAME))
            for name in tag.stripped_strings
            if not any(char.isdigit() for char in name)
        }
        return cls(parts, names, framed)

    def outside(self, tag) -> bool:
        """Whether ``tag``, whose parent the walk entered, is the app's, not the
        article's: beside the article, its title and its meta line. Without WeChat's frame
        (an article alone on a page), a block holding prose is the page's own, never the
        app's: WeChat's page, saved whole, has its frame."""
        return (
            tag.parent is not None
            and id(tag.parent) in self._holders
            and id(tag) not in self._holders
            and id(tag) not in self._parts
            and (self._framed or not any(map(is_content, _furniture_lines([tag]))))
        )

    def ornament(self, line: str) -> bool:
        """Whether ``line`` is the account's name alone ("【云溪教育】") or an ornament
        of symbols only ("●●●")."""
        line = line.strip()
        return bool(line) and (
            line.strip("【】[]「」 ") in self._names
            or not any(char.isalnum() for char in line)
        )


def _stands_alone(article) -> bool:
    """Whether WeChat's ``article`` is in no block of the page holding other text (a
    portal's article, with its own title, date line and paragraphs around it)."""
    own = han_count(article.get_text())
    return all(
        han_count(block.get_text()) == own
        for block in article.parents
        if block.name not in ("html", "body", "[document]")
    )


def _has_name(*patterns: re.Pattern) -> Callable[[Any], bool]:
    """A test of a tag: whether its ``id`` or a class is one ``patterns`` match."""
    return lambda tag: any(p.search(" ".join(_names(tag))) for p in patterns)


def _cut(marks: dict[str, tuple[tuple[int, int], ...]]) -> int | None:
    """Where the lines set apart from a page's text start, None when there are none."""
    starts = [
        spans[0][0] for mark in (FURNITURE, _HIDDEN, _APP) if (spans := marks.get(mark))
    ]
    return min(starts, default=None)


def _line_so_far(pieces: list) -> str:
    """The text of the walker's ``pieces`` since the last line break."""
    line = []
    for piece in reversed(pieces):
        if isinstance(piece, str):
            line.append(piece.rsplit("\n", 1)[-1])
            if "\n" in piece:
                break
    return "".join(reversed(line))


#: What opens a heading, not a caption: a bullet, a number.
_HEADING_SIGN = re.compile(r"\s*[▶►■□●○◆◇★☆]")


def _is_caption(text, since: list) -> bool:
    """Whether the line ``text`` opens, after the walker's pieces ``since`` a picture on a
    line of its own, is the picture's caption: the next line, short, no heading's. A bold
    line is a caption only when it says what the picture shows (see
    :data:`CAPTION_CLAUSE`): a section's heading under a banner (学前教育普惠发展) is set
    in bold too. A longer line is a paragraph, as it would be anyway."""
    return (
        any(isinstance(piece, str) and "\n" in piece for piece in since)
        and han_count(text) < MIN_HAN_CHARS
        and text.find_parent(_HEADING_TAGS) is None
        and (text.find_parent(("strong", "b")) is None or CAPTION_CLAUSE.search(text))
        and not _HEADING_SIGN.match(text)
        and not is_numbered(text.strip())
    )


def _shown_text(tag) -> str:
    """The text of ``tag`` that would show were it not hidden, its lines joined."""
    return " ".join(_furniture_lines([tag]))


def _furniture_lines(tags: list) -> list[str]:
    """The lines of text of the furniture elements ``tags``, a line for each block; a
    menu's links, often written without a blank between them, are parted by one."""
    pieces: list[str] = []
    for tag in tags:
        for node, _ in _walk(tag, _is_unseen):
            if isinstance(node, str):
                pieces.append(node)
            elif node.name in _BLOCK_TAGS or node.name == "br":
                pieces.append("\n")
            elif node.name == "a":
                pieces.append(" ")
        pieces.append("\n")
    return [" ".join(line.split()) for line in "".join(pieces).split("\n") if line.strip()]


#: How far into the text a page's title is looked for before it is added as a heading.
_TITLE_SEARCH_CHARS = 2000
#: Where a page's <title> names the site after the document: "…工作总结_某县人民政府",
#: "… - 某县教育局", "…｜教育信息网".
_TITLE_SITE = re.compile(r"\s*(?:[_|｜]|\s[-–—]\s).*$")
_TITLE_KIND = re.compile(DOCUMENT_KIND + r"$")


def _page_title(soup) -> str | None:
    """The document a page's <title> names, without the site's name; None when it names
    no kind of document (a site's own name, "首页")."""
    tag = soup.find("title")
    title = _TITLE_SITE.sub("", tag.get_text(" ", strip=True)) if tag else ""
    return title if _TITLE_KIND.search(title) else None


class _Breaks:
    """The walker's ``<br>`` inside a paragraph block. One after a line that ends no
    sentence mid-clause ("完成22所农村学校改薄<br>工程，…") is layout: the sentence runs on,
    as it never does across the paragraph's edge. A line of no clause (a heading, a name,
    a date) or a numbered one ends at its ``<br>``, and two in a row always part lines.
    Two in a row end a paragraph, as does one before a line opened by the indent of a
    paragraph's first line (two full-width spaces, or non-breaking ones).
    """

    def __init__(self, pieces: list) -> None:
        self._pieces = pieces
        self._line = 0  # where in pieces the text since the last <br> starts
        self._soft: int | None = None  # where the last <br>, if soft, was written
        self._last: int | None = None  # where the last <br> was written, until text comes

    def text(self, text: str) -> None:
        """Note the text written next, before it is: after a ``<br>``, an indented line
        opens a paragraph."""
        if self._last is None or not text.strip():
            return
        if _INDENTED.match(text):
            self._pieces[self._last] = "\n\n"
            self._pieces.append(_Mark(_PARAGRAPH_END))
        self._last = None

    def add(self) -> None:
        pieces = self._pieces
        written = "".join(piece for piece in pieces[self._line :] if isinstance(piece, str))
        line = written.rsplit("\n", 1)[-1].strip()
        if not line and self._soft is not None and "\n" not in written:
            pieces[self._soft] = "\n"
        soft = (
            line
            and line[-1] not in TERMINAL
            and _CLAUSE_MARK.search(line)
            and not is_numbered(line)
        )
        self._soft = len(pieces) if soft else None
        self._last = len(pieces)
        if soft:
            pieces.append(" " if line[-1].isascii() and line[-1].isalpha() else "")
        else:
            pieces.append("\n")
        if not line:
            pieces.append(_Mark(_PARAGRAPH_END))
        self._line = len(pieces)


_CLAUSE_MARK = re.compile(r"[，,]")
#: The indent of a paragraph's first line, after the blanks of the page's source.
_INDENTED = re.compile(r"[ \t\r\n]*(?:\u3000|\xa0\xa0)")


class _Mark(NamedTuple):
    """What the line it starts is, in the walker's pieces."""

    kind: str


def _lines(pieces: Iterable[str | _Mark]) -> Iterator[tuple[str, str | None]]:
    """The lines the walker's pieces make, each with its mark."""
    line: list[str] = []
    mark = None
    for piece in pieces:
        if isinstance(piece, _Mark):
            mark = piece.kind
            continue
        first, *rest = piece.split("\n")
        line.append(first)
        for part in rest:
            yield "".join(line), mark
            line, mark = [part], None
    yield "".join(line), mark


def _run_on(lines: Iterable[tuple[str, str | None]]) -> Iterator[tuple[str, str | None]]:
    """``lines`` without the blank lines that part a sentence: a page that sets its text
    in a block per line, or splits a paragraph over blocks, breaks it mid-sentence. A long
    line that ends no sentence, followed by Chinese text, runs on, as the segmenter runs
    on such a line followed by another; a heading or a table row never does, nor a
    paragraph (:data:`_PARAGRAPH_TAGS`) into the next."""
    previous = ""
    blanks: list[tuple[str, str | None]] = []
    for line, mark in lines:
        if not line.strip():
            blanks.append((line, None if mark == _PARAGRAPH_END else mark))
            previous = "" if mark == _PARAGRAPH_END else previous
            continue
        if mark == _PARAGRAPH_END:
            mark, previous = None, ""
        runs_on = (
            mark is None
            and len(previous) >= _RUN_ON_MIN_CHARS
            and previous[-1] not in TERMINAL
            and TABLE_CELL_SEPARATOR not in previous
            and _HAN.match(line.lstrip())
        )
        if not runs_on:
            yield from blanks
        blanks = []
        yield line, mark
        # A marked line is no sentence to run on.
        previous = line.strip() if mark is None else ""
    yield from blanks


def _tidy_row(line: str) -> str:
    """A table row with each cell's blanks, which its <p> and <br> left, cut to one."""
    if TABLE_CELL_SEPARATOR not in line:
        return line
    return TABLE_CELL_SEPARATOR.join(
        " ".join(cell.split()) for cell in line.split(TABLE_CELL_SEPARATOR)
    )


#: Blocks that are paragraphs in a browser, as Word's are: a sentence never runs on across
#: their edge, though web text often ends a paragraph on a figure without a full stop.
#: Other blocks (a <div> or <td> a line) may part one sentence.
_PARAGRAPH_TAGS = {"p", "li", "dt", "dd", "blockquote", "h1", "h2", "h3", "h4", "h5", "h6"}
#: The mark of the line after a paragraph's edge, for :func:`_run_on` only.
_PARAGRAPH_END = "paragraph end"
#: What of a table read a row a line the walker writes itself.
_ROW_TABLE_PARTS = {"tr", "td", "th", "caption"}
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def _row_tables(soup) -> tuple[set[int], set[int], dict[int, list[str]]]:
    """The ids of the tables read a row a line, and of their rows of short cells; and the
    own text of each cell of those tables (see :func:`_table_cells`), by id.

    A table is read a row a line when it holds figures or a task list, not when it lays out
    a page's text (old government sites set whole articles in table cells): no table in
    it, no cell of paragraphs of prose, no row of one long cell. Its rows of short cells are
    set aside as table rows; a row with a long cell (a task of a task table) is read as a
    paragraph.
    """
    tables: set[int] = set()
    short_rows: set[int] = set()
    texts: dict[int, list[str]] = {}
    for table in soup.find_all("table"):
        if table.find("table") is not None:
            continue
        rows, own, broken = _table_cells(table)
        short = set()
        for row, cells in rows:
            long = [is_prose_cell("".join(own[id(cell)])) for cell in cells]
            prose = any(
                is_long and (len(cells) == 1 or id(cell) in broken)
                for cell, is_long in zip(cells, long, strict=True)
            )
            if prose:
                break
            if not is_prose_row("".join(own[id(cell)]) for cell in cells):
                short.add(id(row))
        else:
            tables.add(id(table))
            short_rows |= short
            texts |= own
    return tables, short_rows, texts


def _table_cells(table) -> tuple[list[tuple[Any, list[Any]]], dict[int, list[str]], set[int]]:
    """A table's rows with their own cells, each cell's own text (its stripped strings,
    without those of the cells nested in it) by id, and the ids of the cells holding a
    paragraph or a line break.

    One walk: a page that leaves <tr> or <td> open nests each row or cell in the one
    before, and searching each row's or cell's subtree made reading it quadratic.
    """
    rows: list[tuple[Any, list[Any]]] = []
    texts: dict[int, list[str]] = {}
    broken: set[int] = set()
    open_rows: list[list[Any]] = []  # the cells of the open rows, innermost last
    open_cells: list[Any] = []
    for node, entering in _walk(table, _is_invisible):
        if isinstance(node, str):
            if open_cells and (part := node.strip()):
                texts[id(open_cells[-1])].append(part)
        elif node.name == "tr":
            if entering:
                rows.append((node, []))
                open_rows.append(rows[-1][1])
            else:
                open_rows.pop()
        elif node.name in ("td", "th"):
            if not entering:
                open_cells.pop()
                continue
            if open_rows:
                open_rows[-1].append(node)
            open_cells.append(node)
            texts[id(node)] = []
        elif entering and open_cells and node.name in ("p", "div", "br", "li"):
            broken.add(id(open_cells[-1]))
    return rows, texts, broken


class _Grid:
    """The columns of a table read a row a line: what goes before and after each cell so
    that the rows part the same fields, as the docx reader writes them. A cell spanning
    columns leaves empty fields; a short cell spanning rows down (a category beside its
    tasks or figures) is repeated in each row it covers, a longer one left empty there."""

    def __init__(self, texts: dict[int, list[str]]) -> None:
        self.texts = texts  # each cell's own text, by id
        self.row = -1
        self.column = 0  # the column the next cell of the row takes
        self.down: dict[int, tuple[str, int, int]] = {}  # column: (text, last row, columns)

    def start_row(self) -> None:
        self.row += 1
        self.column = 0
        self.down = {c: cell for c, cell in self.down.items() if cell[1] >= self.row}

    def enter_cell(self, node) -> str:
        # The column moves on as a cell opens: old pages leave <td> open, and the parser
        # then nests each row's cells in the one before, closing them all at the row's end.
        before = self._from_above() + (TABLE_CELL_SEPARATOR if self.column else "")
        rows = _span(node, "rowspan")
        if rows > 1:
            text = _WHITESPACE.sub(" ", " ".join(self.texts[id(node)]))
            repeated = text if len(text) <= TABLE_CELL_MAX_CHARS else ""
            self.down[self.column] = (repeated, self.row + rows - 1, _span(node))
        self.column += _span(node)
        return before

    def leave_cell(self, node) -> str:
        return TABLE_CELL_SEPARATOR * (_span(node) - 1)

    def end_row(self) -> str:
        return self._from_above()

    def _from_above(self) -> str:
        """The cells spanning down into the row from above that stand where it is now."""
        pieces = []
        while (cell := self.down.get(self.column)) is not None and cell[1] >= self.row:
            text, _, span = cell
            if self.column:
                pieces.append(TABLE_CELL_SEPARATOR)
            pieces.append(text + TABLE_CELL_SEPARATOR * (span - 1))
            self.column += span
        return "".join(pieces)


def _span(cell, attribute: str = "colspan") -> int:
    try:
        return max(1, min(int(cell.get(attribute, 1)), 100))
    except (TypeError, ValueError):
        return 1


def _walk(root, skipped: Callable[[Any], bool]) -> Iterator[tuple[Any, bool]]:
    """The visible nodes under ``root`` in document order: ``(tag, True)`` on entering a
    tag, ``(tag, False)`` on leaving it, ``(string, True)`` for text.

    Tags for which ``skipped`` is true are left out with all they hold, and so are
    comments, doctype and the like. A stack, not recursion: pages nest deeper than Python
    recurses.
    """
    from bs4.element import PreformattedString, Tag

    yield root, True
    stack = [(root, iter(root.contents))]
    while stack:
        tag, children = stack[-1]
        child = next(children, None)
        if child is None:
            stack.pop()
            yield tag, False
        elif isinstance(child, Tag):
            if not skipped(child):
                yield child, True
                stack.append((child, iter(child.contents)))
        elif not isinstance(child, PreformattedString):
            yield child, True


def _furniture_sizes(soup) -> tuple[dict[int, int], dict[int, str]]:
    """The text size (non-space characters) of each element named like furniture or
    hidden by its style, by ``id``, the whole page's under ``id(soup)``; and the style or
    attribute hiding each hidden one.

    Hidden text counts: WeChat and some CMSs hide the article itself until their script
    shows it, and a page saved without the script would otherwise lose it all. An element
    holding the article's title (:data:`_TITLE_TAGS`) is no furniture, and not in it.
    """
    sizes: dict[int, int] = {}
    hidden: dict[int, str] = {}
    lists = _link_lists(soup)
    open_sizes: list[int] = []
    titled: list[bool] = []  # whether each open element holds the title
    for node, entering in _walk(soup, lambda tag: tag.name in _DROPPED_TAGS):
        if isinstance(node, str):
            open_sizes[-1] += sum(map(len, node.split()))
        elif entering:
            open_sizes.append(0)
            titled.append(False)
        else:
            size = open_sizes.pop()
            holds_title = titled.pop() or (
                node.name in _TITLE_TAGS and size > 0
                and node.find("a") is None and node.find_parent("a") is None
            )
            if open_sizes:
                open_sizes[-1] += size
                titled[-1] = titled[-1] or holds_title
            if _is_hidden(node):
                hidden[id(node)] = node.get("style", "").strip() or "hidden"
            if node is soup or id(node) in hidden or (
                (_is_named_furniture(node) or id(node) in lists) and not holds_title
            ):
                sizes[id(node)] = size
    return sizes, hidden


#: The heading of a list of links to other pages, whatever its block is named.
_LINK_LIST_HEADING = re.compile(
    r"^\s*[【\[]?(?:相关链接|相关文章|相关阅读|相关新闻|友情链接)[】\]]?\s*[:：]?\s*$"
)


def _link_lists(soup) -> set[int]:
    """The ids of the blocks holding a heading 相关链接 (相关文章, 友情链接 …) and, beside
    it, the text of links only; or of the heading's own block and the block right after it,
    when that holds the text of links only (``<h3>相关链接</h3><ul>…</ul>`` in the article's
    block, as a clipper's Markdown of the page is read too)."""
    lists = set()
    for heading in soup.find_all(string=_LINK_LIST_HEADING):
        # The first block around the heading that holds a link is the list.
        block = next((tag for tag in heading.parents if tag.name in _CONTENT_TAGS
                      or (tag.name in _BLOCK_TAGS and tag.find("a") is not None)), None)
        if block is not None and block.name not in _CONTENT_TAGS and _links_only(block, heading):
            lists.add(id(block))
            continue
        own = next((tag for tag in heading.parents if tag.name in _BLOCK_TAGS | _CONTENT_TAGS),
                   None)
        if own is None or own.name in _CONTENT_TAGS or not _links_only(own, heading, empty=True):
            continue
        following = own.find_next_sibling()
        # Links' titles end in no full stop; a paragraph a page links whole does.
        if (following is not None and following.name in _BLOCK_TAGS
                and _links_only(following) and not _TOLD.search(following.get_text())):
            lists.update((id(own), id(following)))
    return lists


#: The end of a sentence.
_TOLD = re.compile(r"[。！？!?]")


def _links_only(block, heading=None, empty: bool = False) -> bool:
    """Whether the text of ``block`` but ``heading`` is all links' (or, with ``empty``,
    there is none)."""
    texts = [text for text in block.find_all(string=True)
             if text is not heading and text.strip()]
    if not texts:
        return empty
    return all(text.find_parent("a") is not None for text in texts)


def _is_unseen(tag) -> bool:
    """Whether the text of ``tag`` is never seen, furniture or not (a script, a style)."""
    return tag.name in _DROPPED_TAGS - _FURNITURE_TAGS or _is_hidden(tag)


def _is_invisible(tag) -> bool:
    return tag.name in _DROPPED_TAGS or _is_hidden(tag)


def _is_hidden(tag) -> bool:
    return tag.has_attr("hidden") or bool(_HIDDEN_STYLE.search(tag.get("style", "")))


def _is_named_furniture(tag) -> bool:
    if tag.name in _CONTENT_TAGS:
        return False
    if tag.name in _HEADER_TAGS:
        return True
    names = [_ARTICLE_PART.sub("", name) for name in _names(tag)]
    if any(map(_FURNITURE_NAME.search, names)):
        return True
    return any(map(_FOOTER_NAME.search, names)) and not _signed(tag)


def _signed(tag) -> bool:
    """Whether ``tag`` ends a notice, not a site: a date on a line of its own, and no
    site's marks."""
    lines = _furniture_lines([tag])
    return any(map(_SIGNATURE_DATE.fullmatch, lines)) and not any(map(_SITE_MARK.search, lines))


def _names(tag) -> list[str]:
    """The ``id`` and classes of ``tag``."""
    return [tag.get("id", ""), *tag.get("class", [])]


def _is_hidden_page(tag) -> bool:
    """Whether the hidden ``tag`` is a page of an article paged on the page itself: its
    ``id`` names a page by number, as one of its siblings' names another page."""
    match = _PAGE_ID.match(tag.get("id", ""))
    if match is None or tag.parent is None:
        return False
    for sibling in tag.parent.find_all(True, recursive=False):
        other = _PAGE_ID.match(sibling.get("id", ""))
        if other and other[1] == match[1] and other[2] != match[2]:
            return True
    return False


def _pager_line(text: str) -> str | None:
    """The line of ``text`` that is a pager naming pages after the first, if any."""
    for line in text.splitlines():
        line = line.strip()
        if len(line) <= 80 and _PAGER.match(line) and _LATER_PAGE.search(line):
            return line
    return None
