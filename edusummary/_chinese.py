"""Character classes of Chinese text, written once for every stage.

``HAN`` and ``CJK`` are the insides of a regular-expression class (use them as
``f"[{HAN}]"``): ``HAN`` is the Chinese ideographs (the unified block, extension A and the
compatibility ideographs), ``CJK`` adds CJK punctuation and the full-width forms that Chinese
text is set in.
"""

from __future__ import annotations

import os
import re
import unicodedata

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK = f"\u3000-\u303f{HAN}\uff00-\uffef"
#: The same without the ideographic blank: Chinese characters and marks, for a regex class.
INKED_CJK = f"\u3001-\u303f{HAN}\uff00-\uffef"
#: Characters that end a sentence or a clause that can stand alone.
TERMINAL = "。！？!?；;：:…」』”\"'）)】"
#: A line is content when it holds at least CONTENT_HAN Chinese characters, or ends a
#: sentence and holds SENTENCE_HAN: furniture (site names, running headers, page footers)
#: is short and rarely a sentence.
CONTENT_HAN = 30
SENTENCE_HAN = 20

# Deleting the rest and measuring what is left beats listing every ideograph by 3 times.
_NOT_HAN = re.compile(f"[^{HAN}]+")
_SURROGATE = re.compile("[\ud800-\udfff]")


#: A date as documents write it, its year in Arabic or Chinese numerals (a zero often
#: typed as the circle ○ or a capital O): "2024年3月15日", "二〇二四年三月十五日".
DATE = (
    r"(?P<year>(?:19|20)\d\d|二[〇零○OＯ][〇零○OＯ一二三四五六七八九]{2})\s*年"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*月\s*[\d一二三四五六七八九十]{1,3}\s*日"
)
#: A document's own date on a line of its own, perhaps in brackets: "（2015年3月5日）".
DATE_LINE = rf"[（(]?\s*{DATE}\s*[）)]?"
#: What opens a subtitle under a title or a slogan: "——在全县教育工作会议上的讲话".
SUBTITLE = r"\s*[—－-]{1,2}"
#: A date line of a year and a month, or a full one: a report or a survey is often dated
#: so under its title ("（2005年6月）").
MONTH_LINE = (
    r"[（(]?\s*(?:(?:19|20)\d\d|二[〇零○OＯ][〇零○OＯ一二三四五六七八九]{2})\s*年"
    r"\s*[\d一二三四五六七八九十]{1,3}\s*月(?:\s*[\d一二三四五六七八九十]{1,3}\s*日)?\s*[）)]?"
)

#: What ends a document's title: the kind of document it is, with a note in brackets
#: ("工作要点（征求意见稿）").
DOCUMENT_KIND = (
    r"(?:总结|汇报|要点|计划|打算|报告|方案|意见|通知|讲话|规划)(?:[（(][^）)]{1,20}[）)])?"
)

#: A table of contents' line ends in dot leaders and its page number ("一、学前教育……3"),
#: under a 目录 line.
CONTENTS_LEADERS = r"(?:[.．·•…]\s?){3,}"
CONTENTS_PAGE = r"(?:\d{1,3}|[ivxlcIVXLC]{1,7})"
CONTENTS_HEADING = r"目\s*录"

CN_NUMERALS = "一二三四五六七八九十"
#: Item markers from the top of the outline down; a marker opens a sibling of the items of
#: its own level and a child of the items above it.
OUTLINE_MARKERS = (
    # Not "一、二年级", "七、八月": numerals listed, no section ("二、二〇二四年重点工作" is one).
    re.compile(rf"[{CN_NUMERALS}]{{1,3}}、(?![{CN_NUMERALS}]{{1,2}}(?:年级|个?月|季度|等奖))"),
    re.compile(rf"[（(][{CN_NUMERALS}]{{1,3}}[)）]"),
    re.compile(r"\d{1,2}[、.．](?!\d)"),
    re.compile(r"[（(]\d{1,2}[)）]|[①-⑳]"),
    # 一是/二是 enumerate inside an item of any level.
    re.compile(rf"[{CN_NUMERALS}]{{1,3}}是(?=[^的为])"),
)
ANY_OUTLINE_MARKER = re.compile("|".join(f"(?:{m.pattern})" for m in OUTLINE_MARKERS))
#: A short note, as under a table or a chart: "注：…", "数据来源：…". It heads nothing, nor
#: belongs to the text over it.
NOTE_LINE = re.compile(r"(?:注|说明|备注|数据来源|资料来源)\s*\d?\s*[:：]")


def outline_level(text: str, at: int = 0) -> int | None:
    """The level of the outline marker at ``text[at]`` (0 for 一、, 1 for （一）, …, as in
    :data:`OUTLINE_MARKERS`); None when none stands there."""
    for level, pattern in enumerate(OUTLINE_MARKERS):
        if pattern.match(text, at):
            return level
    return None


def is_numbered(line: str) -> bool:
    """Whether ``line`` opens with an outline marker (一、, （一）, 1、, ①, 一是): a section or
    an item, not a title."""
    return ANY_OUTLINE_MARKER.match(line) is not None


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal or a report's fonts: Chinese characters and
    full-width forms take two, Latin letters and digits one."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def ljust_columns(text: str, width: int) -> str:
    """``text`` padded with blanks to ``width`` terminal columns (see
    :func:`display_width`), as ``str.ljust`` pads to characters."""
    return text + " " * max(width - display_width(text), 0)


def rjust_columns(text: str, width: int) -> str:
    """``text`` after blanks that fill ``width`` terminal columns."""
    return " " * max(width - display_width(text), 0) + text


def han_count(text: str) -> int:
    """Number of Chinese characters in ``text``.

    >>> han_count("2023年共新建幼儿园12所")
    8
    """
    return len(_NOT_HAN.sub("", text))


def is_content(line: str) -> bool:
    """Whether ``line`` is report text that no furniture rule may remove: at least
    :data:`CONTENT_HAN` Chinese characters, or a sentence of at least :data:`SENTENCE_HAN`.

    >>> is_content("XX县教育局工作总结"), is_content("全县中小学校舍排查整改工作已全部完成验收。")
    (False, True)
    """
    han = han_count(line)
    return han >= CONTENT_HAN or (han >= SENTENCE_HAN and line.rstrip()[-1:] in TERMINAL)


def scrub(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD.

    Surrogates reach a str from undecodable command-line arguments and file names
    (``surrogateescape``) or from JSON escapes; they cannot be encoded, so they would break
    the feature code and every UTF-8 output. One code point becomes one, so offsets into
    the text stay valid.

    >>> scrub("学前\\ud800教育")
    '学前\ufffd教育'
    """
    return scrub_count(text)[0]


def scrub_count(text: str) -> tuple[str, int]:
    """:func:`scrub`, and how many lone surrogates were replaced."""
    return _SURROGATE.subn("\ufffd", text)


def display_path(path: str) -> str:
    """A file name as a person should read it, writable as UTF-8.

    A name whose bytes are not UTF-8 reaches Python with surrogate escapes (``\\udcc7``);
    its bytes are recovered and each part of the path is decoded on its own as UTF-8,
    else GB18030 (which covers GBK), else with ``\\xNN`` escapes for the bytes that fit
    neither: an archive's GBK names are unzipped into a folder named in UTF-8, and the
    path decoded as one came out as escapes or as mojibake of the folder's name. Any
    other string is returned as it is.

    Parameters
    ----------
    path : str

    Returns
    -------
    str

    Examples
    --------
    >>> display_path(os.fsdecode("教育局/".encode() + b"\\xc7\\xe5\\xcb\\xae\\xcf\\xd8.txt"))
    '教育局/清水县.txt'
    """
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        pass
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:
        # A surrogate that is no escaped byte: nothing to recover, only to show.
        return path.encode("utf-8", "backslashreplace").decode("utf-8")
    return "/".join(map(_display_name, raw.split(b"/")))


def _display_name(raw: bytes) -> str:
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "backslashreplace")
