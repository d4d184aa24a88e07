"""Markdown (.md, .markdown), as web clippers save a page (简悦 SimpRead, Obsidian Web
Clipper, MarkDownload, exports of 印象笔记 and Notion).

The subset such tools write is turned into the HTML it stands for, which the web page
reader reads (see :mod:`.html`): a clipped page gives its paragraphs, headings and table
rows as the page itself would, and the HTML a clipper keeps inside the Markdown (a table
with merged cells, ``<br>``, ``<font>``, ``<div align="center">``) is read as on the page.

What is read, and how:

- ATX (``## 一、学前教育``) and Setext (a line underlined by ``===`` or ``---``) headings
  are headings.
- Each list item is a line, without its bullet; an ordered list's items keep their numbers,
  counted from the first as a Markdown viewer shows them (``1.`` ``1.`` reads 1. 2.), and
  numbering typed in the text (一、, （一）) stays as typed, alone where an item has both
  (``1. 一、学前教育`` reads 一、学前教育). A task's box (``[ ]``) goes.
- Emphasis, strike-through, highlight and code markers go, their text stays; a link keeps
  its text (a bare ``<http://…>`` its address), as the page's ``<a>``, so that a list of
  links under 相关链接 is set apart as the page's own is; a picture is dropped, its alt text too
  (what the page showed of it is no report text), though a short line under a picture on a
  line of its own is its caption, as on a web page.
- A pipe table's rows are read as the page reader reads a table's: a row a line, its cells
  parted by tabs, a row of short cells marked as a table row.
- A block quote is read unquoted; its lines run on as a paragraph's. A callout's kind
  (``> [!NOTE]``, ``> [!info] 摘要``: its title stays) and a container's fences (语雀's
  ``:::info`` … ``:::``) show nothing.
- A paragraph's lines are joined: without a blank where either side is Chinese, with one
  between two words of Latin script; but not after a sentence's end or a colon, nor
  before a numbered line or a date alone, where a note written a line per paragraph breaks
  them (see :func:`_soft_break`). A line ended by two blanks or a backslash is a line break, which
  runs on where a ``<br>`` would on a web page.
- Front matter (YAML between ``---`` lines, TOML between ``+++``, atop the file) is the
  clipper's notes of the page: its ``title`` heads a text that has no title line of its own,
  as a web page's ``<title>`` does, and its lines are set apart as furniture, as is a
  clipper's note quoted atop the text (MarkDownload's ``> ## Excerpt``, SimpRead's
  ``> 本文由 简悦 SimpRead 转码``) and the link to the page that Joplin writes atop it
  (``[Original](https://…)``). So are the properties Notion writes under the title
  (``创建时间: …``, ``标签: …``).
- Obsidian's comments (``%%…%%``, in a line or over lines from one opening with ``%%``),
  which it does not show, go; a figure's ``100%%`` and a code span's ``%%`` open none.
  Its tags are set apart, a line of them (``#教育局 #工作总结``) and those ending a line
  where its text ends (``…通知如下。 #待读``), not one the next line's words run on from
  (``参加 #全民阅读`` / ``活动``). A tag is ``#`` and a word that is not a number nor a colour
  (``#003366``), after a blank or at a line's start: ``问题#15``, ``#15`` and ``C#`` stay,
  and ``#一、开学准备`` (no heading without the blank after ``#``) stays as typed. A line
  of one tag is one only in a note that writes a heading with the blank, or a line of
  tags, and none without: elsewhere ``#2024年工作总结`` is a title typed as Typora shows
  one, and stays as typed, as does a note's first line of one tag as long as a title.
- A formula in a line (``增长$12.5\\%$``) shows what it draws where its TeX is simple
  (增长12.5%: ``\\%``, ``\\times``, ``{,}``, ``\\text{…}``), else its TeX as typed; its
  dollars hug the TeX and the closing one is before no digit, as Pandoc reads them, so
  that a price (``每册$5，每本$2``) opens none; dollars around Chinese or words
  (``每日10$，每晚80$``) and before a name (``$HOME/$USER``) stay as typed.
- A display formula (``$$`` … ``$$``), which the page draws, and an editor's mark of a
  table of contents (Typora's ``[toc]``) are set apart.
- A fenced code block that holds Chinese is read as the ``<pre>`` it was clipped from,
  a line a line; one that holds none (code, a command, data) is set apart as furniture.
  An indented block is code only where it plainly is: no Chinese in it but in its strings
  and comments, a mark of code (``=``, ``;``, a call, a prompt; not a formula's ``=``,
  ``Rate = Graduates / Enrolled × 100%``) and no sentence of words (``Enrollment rate =
  95%, up from 92% last year.``, one ending at a full stop), nor figures in no line of
  code; text indented by hand, as Chinese writers indent a paragraph, is read as the text
  it is.
- Backslash escapes (``\\*``, ``\\#``, ``1\\.``) are read as the characters they escape, and
  HTML entities as theirs; link reference definitions are dropped, a footnote's mark
  (``[^1]``) too, and its definition (``[^1]: 数据来源：县统计局``, with the lines it runs
  on to or holds indented) is set apart, a note of the text's, not its text. It runs on
  neither past a sentence's end nor into a table, nor, in a text indented by hand, into
  the indented paragraphs after it.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from .._chinese import CJK, DATE_LINE, HAN, han_count, is_numbered
from ._common import SOFT_BREAK, Document
from .html import page_document
from .text import decode

#: Why the lines of the front matter are set apart.
FRONT_MATTER = "front matter: the clipper's notes of the page (its title, address, date, tags)"
#: Why the lines of a code block are set apart.
CODE_BLOCK = "code block: no Chinese text in it"
#: Why the lines of a display formula (``$$`` … ``$$``) are set apart.
MATH_BLOCK = "formula: the TeX of a formula the page drew"
#: Why a footnote's definition is set apart.
FOOTNOTE = "footnote: a note the text's mark ([^1]) points to, a source or a definition"
#: Why a note's tags (Obsidian's ``#工作总结``) are set apart.
TAGS = "tags: the note's labels (#工作总结), not its text"
#: Why an editor's mark of a table of contents (Typora's ``[toc]``) is set apart.
TOC_MARK = "table of contents: the editor's mark ([toc]) of one drawn from the headings"
#: Why a clipper's note quoted atop the page is set apart: MarkDownload's excerpt of it
#: (``> ## Excerpt``), which the text repeats, and SimpRead's "本文由 简悦 SimpRead 转码，
#: 原文地址 …", which would head the text's first paragraphs.
CLIPPER_NOTE = "the clipper's note: the page's excerpt, or where it was clipped from"
_CLIPPER_NOTE = re.compile(
    r"^ {0,3}(?:#{1,6}[ \t]+Excerpt[ \t#]*$|本文由\s*\[?\s*简悦)", re.IGNORECASE
)
#: The link to the page that Joplin's Web Clipper writes atop the text, alone on a line
#: under the title: ``[Original](https://…)``.
_ORIGINAL = re.compile(r"^ {0,3}\[Original\]\([^()\s]+\)[ \t]*$", re.IGNORECASE)

#: The mark of a callout atop a quote, and the title after it.
_CALLOUT = re.compile(r"^ {0,3}\[![A-Za-z][\w-]*\][+-]?[ \t]*(.*)$")
#: A container's fence: ``:::info``, ``:::tips 提示``, ``:::``.
_CONTAINER = re.compile(r"^ {0,3}:{3,}[ \t]*(?:[A-Za-z][\w-]*)?[^:]*$")

_FRONT_MATTER_FENCES = {"---": ("---", "..."), "+++": ("+++",)}
_FRONT_MATTER_KEY = re.compile(r"^[\w\"'][^:=]*\s*[:=]|^\s|^-\s|^#|^$")
_PROPERTY = re.compile(r"^[^\s:：，。；]{1,12}: \S")
_FRONT_MATTER_TITLE = re.compile(r"^title\s*[:=]\s*(.*?)\s*$", re.IGNORECASE)

#: A tag, as Obsidian reads one: ``#`` and a word that is not a number alone (``#15`` is
#: an issue's or an article's number) nor a colour's code (``#003366``), after a blank or
#: at a line's start (``C#`` is no tag), and before one or the line's end (``#一、开学准备``
#: is the text's).
_COLOUR = r"#(?:[0-9A-Fa-f]{3}){1,2}(?!\S)"
_TAG_WORD = rf"(?!{_COLOUR})#(?=[\w/-]*[^\W\d_])[\w/-]+(?!\S)"
_TAG_LINE = re.compile(rf"^[ \t]*{_TAG_WORD}(?:[ \t]+{_TAG_WORD})*[ \t]*$")
_TRAILING_TAGS = re.compile(rf"(?<=\S)(?:[ \t]+{_TAG_WORD})+[ \t]*$")
#: A heading typed without the blank after its ``#``: ``##一、学前教育``, not ``#15``.
_BARE_HEADING = re.compile(rf"^ {{0,3}}(?!{_COLOUR})#{{1,6}}[^\s#\d]")
#: Obsidian's comment, which it does not show: ``%%待核实%%`` in a line, or lines from one
#: opening with ``%%``. A code span (`` `%d%%` ``) is the code's, and ``%%`` after a figure
#: a percent sign typed twice (完成率100%%): read as comments, the text up to the next
#: ``%%``, paragraphs away, had gone.
_OBSIDIAN_COMMENT = re.compile(
    r"(`+)[^`\n]*?\1|(?<![\d%])%%[^\n]*?%%|^[ \t]*%%.*?%%", re.DOTALL | re.MULTILINE
)

_TOC = re.compile(r"^ {0,3}(?:\[toc\]|\[\[_toc_\]\])[ \t]*$", re.IGNORECASE)
_MATH_FENCE = re.compile(r"^ {0,3}\$\$")
_FENCE = re.compile(r"^( {0,3})(`{3,}|~{3,})\s*([^`]*?)\s*$")
_ATX = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))??(?:[ \t]+#+)?[ \t]*$")
_SETEXT = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_THEMATIC = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_QUOTE = re.compile(r"^ {0,3}> ?")
_ITEM = re.compile(r"^( {0,3})([-+*]|(\d{1,9})([.)]))(?:([ \t]+)(.*)|$)")
_TASK_BOX = re.compile(r"^\[[ xX]\][ \t]+")
_DELIMITER_ROW = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
_REFERENCE = re.compile(
    r"^ {0,3}\[((?:[^\]\\]|\\.)+)\]:[ \t]*<?(\S*?)>?(?:[ \t]+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?"
    r"[ \t]*$"
)
_FOOTNOTE = re.compile(r"^ {0,3}\[\^[^\]]+\]:[ \t]*")
#: The elements that open an HTML block (CommonMark's kinds 1, 2 and 6): it runs to a
#: blank line, or to its closing tag or comment's end.
_HTML_BLOCK_TAGS = (
    "address|article|aside|base|basefont|blockquote|body|caption|center|col|colgroup|dd|"
    "details|dialog|dir|div|dl|dt|fieldset|figcaption|figure|footer|form|frame|frameset|"
    "h[1-6]|head|header|hr|html|iframe|legend|li|link|main|menu|menuitem|nav|noframes|ol|"
    "optgroup|option|p|param|section|summary|table|tbody|td|tfoot|th|thead|title|tr|track|ul"
)
_HTML_BLOCK = re.compile(rf"^ {{0,3}}</?(?:{_HTML_BLOCK_TAGS})(?:[\s/>]|$)", re.IGNORECASE)
_HTML_RAW = re.compile(r"^ {0,3}<(pre|script|style|textarea)(?:[\s>]|$)", re.IGNORECASE)
_HTML_COMMENT = re.compile(r"^ {0,3}<!--")
#: What of an HTML block shows nothing: comments, and Word's conditional ones
#: (``<![if !supportLists]>``).
_COMMENT = re.compile(r"<!--.*?(?:-->|$)|<!\[(?:end)?if[^\]<>]*\]>", re.DOTALL | re.IGNORECASE)
_HAN = re.compile(f"[{HAN}]")
_DATE_LINE = re.compile(DATE_LINE)
_CJK_EDGE = re.compile(f"[{CJK}]")
_CLAUSE = re.compile(r"[，,]")
#: What marks a line of code (an assignment, a statement's end, a block, a call, a tag,
#: a command's prompt), which a line of text seldom has.
_CODE_MARK = re.compile(r"[=;{}]|\w\(|<\/?[A-Za-z]|^(?:\$|#!|//|--|>>>)\s")
#: A formula of names and figures (``Rate = Graduates / Enrolled × 100%``, ``KMO = 0.842,
#: p < 0.001``), whose ``=`` marks no code: no call, no attribute, no ``==``.
_FORMULA = re.compile(r"(?:[\w\s'’%.,²³×÷*/+\-−()≈≤≥~]|(?<![=!<>])=(?!=)|\s[<>]=?\s)+")
_CALL_OR_ATTRIBUTE = re.compile(r"\w\(|[A-Za-z_]\.[A-Za-z_]")
#: What of a line of code may hold Chinese, or is no code's: a string, a comment, a page's
#: address (whose query has a ``=``).
_CODE_ASIDE = re.compile(r"\"[^\"]*\"|'[^']*'|(?:^|\s)(?:#|//).*$|\b[A-Za-z][\w+.-]*://\S+")
#: A word of Latin script in small letters, and the mark after it (``year.``, ``access;``).
_SMALL_WORD = re.compile(r"[a-z][a-z'-]+[,.;:!?]?")


def read_markdown_file(path: Path) -> Document:
    """Read a report saved as Markdown (.md, .markdown), as web clippers write it.

    The encoding is detected as for plain text (see :func:`edusummary.reading.decode`).

    Parameters
    ----------
    path : pathlib.Path

    Returns
    -------
    Document
        With ``format="markdown"``; its headings and table rows marked, its front matter,
        the clipper's notes, code without Chinese, tags and footnotes set apart as
        furniture.
    """
    text, encoding, warnings = decode(path.read_bytes(), str(path))
    # A NUL byte stands for a piece written as HTML while a paragraph is (see _HELD).
    text = text.replace("\x00", "")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    front, title, lines = _front_matter(lines)
    if not front:
        front, lines = _properties(lines)
    lines = _without_comments(lines)
    source, lines = _original(lines)
    # Which lines are code, for the two looks at the whole note before it is read.
    code = list(_in_code(lines))
    converter = _Converter(
        _references(lines), _lone_tags(lines, code), _indented_by_hand(lines, code)
    )
    body = converter.blocks(lines, _title_tag(lines))
    head = f"<title>{html.escape(title)}</title>" if title else ""
    markup = f"<html><head>{head}</head><body>{body}</body></html>"
    document = page_document(path, markup, encoding, warnings, "markdown")
    apart = [(line, FRONT_MATTER) for line in front]
    apart += [(line, CLIPPER_NOTE) for line in source] + converter.apart
    return _set_apart_after(document, [(line, why) for line, why in apart if line.strip()])


def _set_apart_after(document: Document, lines: list[tuple[str, str]]) -> Document:
    """``document`` with ``lines`` set apart after its furniture, each with its reason."""
    if not lines:
        return document
    text, rest = document.text, document.furniture_text
    if not rest and text:
        text += "\n\n"  # furniture follows the text after a blank line, as set_apart leaves it
    elif rest:
        rest += "\n"
    furniture = list(document.furniture)
    at = len(text) + len(rest)
    added = []
    for line, reason in lines:
        line = line.strip()
        furniture.append((at, at + len(line), reason))
        added.append(line)
        at += len(line) + 1
    return dataclasses.replace(
        document, text=text, furniture_text=rest + "\n".join(added), furniture=tuple(furniture)
    )


def _closing_fence(fence: re.Match[str]) -> re.Pattern[str]:
    """The line that closes the code block ``fence`` opens."""
    marks = fence.group(2)
    return re.compile(rf"^ {{0,3}}{re.escape(marks[0])}{{{len(marks)},}}[ \t]*$")


def _in_code(lines: list[str]) -> Iterator[bool]:
    """For each of ``lines``, whether it is a fenced code block's (its fences too)."""
    closing = None
    for line in lines:
        if closing is not None:
            yield True
            if closing.match(line):
                closing = None
        elif fence := _FENCE.match(line):
            yield True
            closing = _closing_fence(fence)
        else:
            yield False


def _without_comments(lines: list[str]) -> list[str]:
    """``lines`` without Obsidian's comments (``%%…%%``, in a line or over lines), which
    Obsidian does not show, but for those in code blocks, which are the code's."""
    out: list[str] = []
    prose: list[str] = []

    def flush() -> None:
        if prose:
            text = "\n".join(prose)
            text = _OBSIDIAN_COMMENT.sub(lambda m: m.group() if m.group(1) else "", text)
            out.extend(text.split("\n"))
            prose.clear()

    for line, code in zip(lines, _in_code(lines), strict=True):
        if code:
            flush()
            out.append(line)
        else:
            prose.append(line)
    flush()
    return out


def _lone_tags(lines: list[str], code: list[bool]) -> bool:
    """Whether a line of one tag (``#工作总结``) is a tag in a note of ``lines``, ``code``
    telling which are a code block's (see :func:`_in_code`), as Obsidian reads it: where
    the note writes a heading with the blank after its ``#``, or a line of tags, and none
    without it (``##一、学前教育``). A writer who types headings so, as Typora shows them,
    types its title so too: ``#2024年工作总结``, ``#结束语`` had been set apart as tags."""
    prose = [line for line, coded in zip(lines, code, strict=True) if not coded]
    if any(_BARE_HEADING.match(line) and not _TAG_LINE.match(line) for line in prose):
        return False
    return any(
        ((heading := _ATX.match(line)) and heading.group(2))
        or (_TAG_LINE.match(line) and line.count("#") > 1)
        for line in prose
    )


def _title_tag(lines: list[str]) -> int | None:
    """Where the note's first line is a tag long enough to be its title
    (``#2025年全县教育工作要点`` over ``## 一、…``), which is read as the text's: a note's
    tag is a word or two (``#会议纪要``), and set apart as a tag, the title had been lost."""
    at = next((at for at, line in enumerate(lines) if line.strip()), None)
    if at is None or not _TAG_LINE.match(lines[at]) or lines[at].count("#") > 1:
        return None
    return at if han_count(lines[at]) >= _TITLE_TAG_HAN else None


#: How many Chinese characters a note's first line of one tag holds to be its title.
_TITLE_TAG_HAN = 6


def _indented_by_hand(lines: list[str], code: list[bool]) -> bool:
    """Whether the text of ``lines``, ``code`` telling which are a code block's, indents
    its paragraphs by hand (four blanks, a tab), as Chinese writers do: two paragraphs or
    more of Chinese open indented after a blank. Told only as the text is read, a note
    defined atop such a text (under its title) had taken the indented paragraphs after it
    for its own and set the report apart with it."""
    opening = [
        line for line, before, coded in zip(lines, ["", *lines[:-1]], code, strict=True)
        if not coded and not before.strip() and _indent(line) >= 4
    ]
    return sum(bool(_CJK_EDGE.search(_CODE_ASIDE.sub("", line))) for line in opening) >= 2


def _front_matter(lines: list[str]) -> tuple[list[str], str | None, list[str]]:
    """The lines of the front matter atop ``lines``, the title it names, and the lines
    after it. Lines between two ``---`` that are not keys and values are no front matter:
    a thematic break over a Setext heading's text."""
    ends = _FRONT_MATTER_FENCES.get(lines[0].strip()) if lines else None
    if ends is None:
        return [], None, lines
    close = next((at for at, line in enumerate(lines[1:], 1) if line.strip() in ends), None)
    if close is None or not all(_FRONT_MATTER_KEY.match(line) for line in lines[1:close]):
        return [], None, lines
    title = None
    for line in lines[1:close]:
        if found := _FRONT_MATTER_TITLE.match(line):
            title = found.group(1).strip("\"'").strip() or None
            break
    return lines[: close + 1], title, lines[close + 1 :]


def _properties(lines: list[str]) -> tuple[list[str], list[str]]:
    """The properties Notion writes under a page's title (``创建时间: 2025年1月3日 10:12``,
    ``标签: 工作总结``), a line each, and the lines without them: the front matter of its
    export. Two lines or more, each a short name, a colon and a blank, then its value."""
    at = next((at for at, line in enumerate(lines) if line.strip()), None)
    if at is None or not lines[at].startswith("# "):
        return [], lines
    start = next((at for at in range(at + 1, len(lines)) if lines[at].strip()), len(lines))
    end = next((end for end in range(start, len(lines)) if not lines[end].strip()), len(lines))
    block = lines[start:end]
    if len(block) < 2 or not all(map(_PROPERTY.match, block)):
        return [], lines
    return block, lines[:start] + lines[end:]


def _original(lines: list[str]) -> tuple[list[str], list[str]]:
    """The link to the clipped page atop ``lines`` (Joplin's ``[Original](https://…)``,
    over the text or under its title), and the lines without it: read as text, the word
    Original had stood as a short line over the first paragraph."""
    for at, line in enumerate(lines):
        if _ORIGINAL.match(line):
            return [line], lines[:at] + lines[at + 1 :]
        if line.strip() and not _ATX.match(line):
            break
    return [], lines


def _references(lines: list[str]) -> dict[str, str]:
    """The link reference definitions of ``lines`` (``[1]: http://… "标题"``), by label:
    what ``[text][1]`` links to (only whether it is defined matters here)."""
    found = {}
    for line in lines:
        line = _QUOTE.sub("", line)
        if (match := _REFERENCE.match(line)) and not match.group(1).startswith("^"):
            found.setdefault(_label(match.group(1)), match.group(2))
    return found


def _label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _indent(line: str) -> int:
    """The columns of blanks ``line`` opens with, a tab to the next stop of four."""
    width = 0
    for char in line:
        if char == " ":
            width += 1
        elif char == "\t":
            width += 4 - width % 4
        else:
            break
    return width


def _dedent(line: str, columns: int) -> str:
    """``line`` without ``columns`` columns of its leading blanks (fewer if it has fewer)."""
    width = 0
    for at, char in enumerate(line):
        if width >= columns or char not in " \t":
            return " " * (width - columns) + line[at:] if width > columns else line[at:]
        width += 1 if char == " " else 4 - width % 4
    return ""


class _Converter:
    """Markdown's blocks as HTML; the lines set apart (code, an excerpt), with why, in
    :attr:`apart`."""

    def __init__(self, references: dict[str, str], lone_tags: bool, indented_text: bool) -> None:
        self.inline = _Inline(references)
        #: Whether a line of one tag is a tag, not a heading typed without its blank.
        self.lone_tags = lone_tags
        #: Whether the text indents its paragraphs by hand (four blanks, a tab): as a
        #: whole (see :func:`_indented_by_hand`), or a paragraph of it read so far.
        self.indented_text = indented_text
        self.apart: list[tuple[str, str]] = []

    def blocks(self, lines: list[str], title_at: int | None = None) -> str:
        """The HTML of the blocks in ``lines``, whose line ``title_at``, if given, is a
        title typed as a tag (see :func:`_title_tag`)."""
        out: list[str] = []
        paragraph: list[str] = []

        def close() -> None:
            if paragraph:
                out.append(f"<p>{self.inline.render(self._untagged(paragraph))}</p>")
                paragraph.clear()

        at = text_until = 0
        while at < len(lines):
            line = lines[at]
            if not line.strip() or _CONTAINER.match(line):
                # A container's fence (语雀's and VuePress's :::info … :::) shows nothing;
                # what it holds is read as it stands.
                close()
                at += 1
                continue
            if not paragraph and at >= text_until and _indent(line) >= 4:
                end, code = self._indented(lines, at)
                if code:
                    at = end
                    continue
                text_until = end  # its lines are read as text, as they stand
                self.indented_text = True
            if paragraph and (setext := _SETEXT.match(line)) and not _ITEM.match(line.strip()):
                level = 1 if setext.group(1)[0] == "=" else 2
                content = self.inline.render(self._untagged(paragraph))
                out.append(f"<h{level}>{content}</h{level}>")
                paragraph.clear()
                at += 1
                continue
            if fence := _FENCE.match(line):
                close()
                at = self._fenced(lines, at, fence, out)
                continue
            if _TOC.match(line):
                close()
                self.apart.append((line, TOC_MARK))
                at += 1
                continue
            if _MATH_FENCE.match(line):
                close()
                at = self._math(lines, at)
                continue
            if heading := _ATX.match(line):
                close()
                level = len(heading.group(1))
                content = self.inline.render(self._untagged([heading.group(2) or ""]))
                out.append(f"<h{level}>{content}</h{level}>")
                at += 1
                continue
            if _THEMATIC.match(line):
                close()
                out.append("<hr>")
                at += 1
                continue
            if _QUOTE.match(line):
                close()
                at = self._quote(lines, at, out)
                continue
            item = _ITEM.match(line)
            if item and self._opens_list(item, bool(paragraph)):
                close()
                at = self._list(lines, at, out)
                continue
            if _opens_table(lines, at):
                close()
                at = self._table(lines, at, out)
                continue
            if _HTML_RAW.match(line) or _HTML_COMMENT.match(line) or (
                _HTML_BLOCK.match(line) and not paragraph
            ):
                close()
                at = self._html(lines, at, out)
                continue
            if _TAG_LINE.match(line) and at != title_at and (
                self.lone_tags or line.count("#") > 1
            ):
                # A line of tags, which Obsidian shows as labels of the note: it breaks
                # no paragraph, as a tag inside one does not.
                self.apart.append((line, TAGS))
                at += 1
                continue
            if not paragraph and _REFERENCE.match(line) and not _FOOTNOTE.match(line):
                at += 1
                continue
            if _FOOTNOTE.match(line):
                close()
                at = self._footnote(lines, at)
                continue
            paragraph.append(line)
            at += 1
        close()
        return "\n".join(out)

    def _untagged(self, lines: list[str]) -> list[str]:
        """A paragraph's ``lines`` without the tags that end one where its text ends
        (``…通知如下。 #待读``), set apart: at the paragraph's end, or where the next line
        breaks from it. A tag the next line's words run on from (``参加 #全民阅读`` /
        ``活动，…``) is a word of the sentence: set apart, the sentence had lost it."""
        out = []
        for at, line in enumerate(lines):
            tags = _TRAILING_TAGS.search(line)
            if tags and (
                at == len(lines) - 1
                or _soft_break(line[: tags.start()], lines[at + 1].strip()).startswith("<br>")
            ):
                self.apart.append((tags.group(), TAGS))
                line = line[: tags.start()]
            out.append(line)
        return out

    def _fenced(self, lines: list[str], at: int, fence: re.Match[str], out: list[str]) -> int:
        indent, closing = len(fence.group(1)), _closing_fence(fence)
        end = next(
            (end for end in range(at + 1, len(lines)) if closing.match(lines[end])), len(lines)
        )
        content = [_dedent(line, indent) for line in lines[at + 1 : end]]
        if _HAN.search("".join(content)):
            # A page's <pre>, as a clipper fences it: text laid out a line a line.
            out.append(f"<pre>{html.escape(chr(10).join(content))}</pre>")
        else:
            self.apart.extend((line, CODE_BLOCK) for line in content)
        return end + 1

    def _indented(self, lines: list[str], at: int) -> tuple[int, bool]:
        """Where the indented lines opening at ``at`` end, and whether they are code,
        which is then set apart.

        Only what is plainly code is: lines parted by blanks (an indented block's
        paragraphs) with no Chinese in them but in strings and comments and no sentence of
        words, one at least marked as code (``=``, ``;``, a call, a prompt); lines of
        figures with no such mark (a table laid out in columns) end it. Text indented
        by hand, as Chinese writers indent a paragraph (four blanks, a tab), is read as
        the text it is, a paragraph at a time."""
        end, code = at, False
        while end < len(lines) and _indent(lines[end]) >= 4:
            chunk = end
            while chunk < len(lines) and _indent(lines[chunk]) >= 4 and lines[chunk].strip():
                chunk += 1
            block = [line.strip() for line in lines[end:chunk]]
            bare = [_CODE_ASIDE.sub("", line) for line in block]
            marked = any(map(_marks_code, bare))
            if (
                _CJK_EDGE.search("".join(bare)) or any(map(_latin_sentence, block))
                # Figures laid out in columns, in no line of code: a table's, the text's.
                or (not marked and any(char.isdigit() for char in "".join(bare)))
            ):
                if end == at:
                    return chunk, False  # a paragraph, indented by hand
                break
            code = code or marked
            end = chunk
            while end < len(lines) and not lines[end].strip():
                end += 1
        while not lines[end - 1].strip():
            end -= 1
        if code:
            self.apart.extend((line, CODE_BLOCK) for line in lines[at:end])
        return end, code

    def _footnote(self, lines: list[str], at: int) -> int:
        """Set apart the footnote defined at ``at`` (``[^1]: 数据来源：县统计局``): its
        lines, those its paragraph runs on to and those indented under it. Read where it
        stands, a source or a definition had been a paragraph of the text.

        Its paragraph runs on to a line (see :func:`_runs_on`), not into a table; and
        paragraphs indented under it after a blank are its own only where the text's are
        not indented by hand, as Chinese writers indent them, where a line indented under
        it is its own only as a line it runs on to: the text's lines and paragraphs after
        a note had been set apart with it."""
        end = at + 1
        while end < len(lines):
            line = lines[end]
            if not line.strip():
                following = next((later for later in lines[end:] if later.strip()), None)
                if following is None or _indent(following) < 4 or self.indented_text:
                    break
            elif (_indent(line) < 4 or self.indented_text) and (
                not lines[end - 1].strip() or _FOOTNOTE.match(line) or self._opens_block(line)
                or _opens_table(lines, end) or not _runs_on(lines[end - 1], line)
            ):
                break
            end += 1
        self.apart.extend((line, FOOTNOTE) for line in lines[at:end])
        return end

    def _math(self, lines: list[str], at: int) -> int:
        """Set apart the TeX of the display formula opening at ``at`` (``$$`` … ``$$``):
        its source is no text of the page, which drew it."""
        end = at if lines[at].strip() != "$$" and lines[at].rstrip().endswith("$$") else next(
            (end for end in range(at + 1, len(lines)) if lines[end].rstrip().endswith("$$")),
            len(lines) - 1,
        )
        self.apart.extend((line, MATH_BLOCK) for line in lines[at : end + 1])
        return end + 1

    def _quote(self, lines: list[str], at: int, out: list[str]) -> int:
        inner: list[str] = []
        while at < len(lines):
            line = lines[at]
            if quoted := _QUOTE.match(line):
                inner.append(line[quoted.end() :])
            elif line.strip() and inner and inner[-1].strip() and not self._opens_block(line):
                inner.append(line)  # a lazy line: the quoted paragraph runs on
            else:
                break
            at += 1
        if inner and (callout := _CALLOUT.match(inner[0])):
            # A callout (Obsidian's > [!info] 摘要, GitHub's and 飞书's > [!NOTE]) shows its
            # title, not its kind, over what it holds.
            inner[:1] = [callout.group(1), ""] if callout.group(1).strip() else []
        if inner and _CLIPPER_NOTE.match(inner[0]):
            self.apart.extend((line, CLIPPER_NOTE) for line in inner)
        else:
            out.append(f"<blockquote>{self.blocks(inner)}</blockquote>")
        return at

    def _opens_list(self, item: re.Match[str], in_paragraph: bool) -> bool:
        """Whether ``item`` opens a list: an empty item, or an ordered one not numbered 1,
        breaks no paragraph, which reads on ("…共计\\n2024. 年…" is no list)."""
        if not in_paragraph:
            return True
        number = item.group(3)
        return bool(item.group(6) and item.group(6).strip()) and number in (None, "1")

    def _opens_block(self, line: str) -> bool:
        return bool(
            _FENCE.match(line) or _ATX.match(line) or _THEMATIC.match(line)
            or _QUOTE.match(line) or _HTML_BLOCK.match(line)
            or ((item := _ITEM.match(line)) and self._opens_list(item, True))
        )

    def _list(self, lines: list[str], at: int, out: list[str]) -> int:
        first = _ITEM.match(lines[at])
        assert first is not None
        ordered = first.group(3) is not None
        kind = first.group(4) if ordered else first.group(2)
        number = int(first.group(3)) if ordered else 0
        items = []
        while at < len(lines):
            item = _ITEM.match(lines[at])
            if item is None or _THEMATIC.match(lines[at]):
                break
            if (item.group(3) is not None) != ordered or (item.group(4) or item.group(2)) != kind:
                break
            content, at = self._item(lines, at, item)
            if ordered and not is_numbered(content[0]):
                # The number heads the item's text, as a viewer shows it, escaped so as to
                # open no list of its own; a blank parts it from Latin text only. An item
                # numbered in its text (1. 一、学前教育, as a clipper writes a page's <ol> of
                # typed headings) keeps that number alone: it is the document's.
                blank = "" if _CJK_EDGE.match(content[0][:1]) else " "
                content[0] = f"{number}\\{kind}{blank}{content[0]}"
            number += 1
            body = self.blocks(content)
            items.append(f"<li>{body}</li>")
        tag = "ol" if ordered else "ul"
        out.append(f"<{tag}>{''.join(items)}</{tag}>")
        return at

    def _item(self, lines: list[str], at: int, item: re.Match[str]) -> tuple[list[str], int]:
        """The lines of the list item opening at ``at``, dedented, and where the next
        block begins."""
        text = item.group(6) or ""
        gap = _indent(item.group(5) or " ")
        if gap > 4 or not text.strip():
            gap = 1  # the item's text is indented code, or starts on the next line
        width = len(item.group(1)) + len(item.group(2)) + gap
        text = _TASK_BOX.sub("", text)
        content = [text]
        at += 1
        while at < len(lines):
            line = lines[at]
            if not line.strip():
                following = next((later for later in lines[at:] if later.strip()), None)
                if following is None or _indent(following) < width:
                    break
                content.append("")
            elif _indent(line) >= width:
                content.append(_dedent(line, width))
            elif content[-1].strip() and not self._opens_block(line) and not _ITEM.match(line):
                content.append(line)  # a lazy line: the item's paragraph runs on
            else:
                break
            at += 1
        return content, at

    def _table(self, lines: list[str], at: int, out: list[str]) -> int:
        header = [self.inline.render([cell]) for cell in _cells(lines[at])]
        rows = ["".join(f"<th>{cell}</th>" for cell in header)]
        at += 2
        while at < len(lines) and lines[at].strip() and not self._opens_block(lines[at]):
            cells = [self.inline.render([cell]) for cell in _cells(lines[at])]
            cells = (cells + [""] * len(header))[: len(header)]
            rows.append("".join(f"<td>{cell}</td>" for cell in cells))
            at += 1
        out.append("<table>" + "".join(f"<tr>{row}</tr>" for row in rows) + "</table>")
        return at

    def _html(self, lines: list[str], at: int, out: list[str]) -> int:
        raw = _HTML_RAW.match(lines[at])
        if raw or _HTML_COMMENT.match(lines[at]):
            ending = re.compile(rf"</{raw.group(1)}>" if raw else "-->", re.IGNORECASE)
            end = next(
                (end for end in range(at, len(lines)) if ending.search(lines[end])),
                len(lines) - 1,
            )
        else:
            end = next(
                (end - 1 for end in range(at, len(lines)) if not lines[end].strip()),
                len(lines) - 1,
            )
        out.append(_COMMENT.sub("", "\n".join(lines[at : end + 1])))
        return end + 1


def _marks_code(line: str) -> bool:
    """Whether ``line``, its strings and comments aside, has a mark of code (see
    :data:`_CODE_MARK`): a formula's or a result's ``=`` (``Cronbach's α = 0.876``) is
    none."""
    line = line.strip()
    return bool(_CODE_MARK.search(line)) and not (
        "=" in line and _FORMULA.fullmatch(line) and not _CALL_OR_ATTRIBUTE.search(line)
    )


def _latin_sentence(line: str) -> bool:
    """Whether ``line`` (an item's, its bullet aside) is a sentence of words of Latin
    script, which a line of code is not: four pieces or more parted by blanks, a capital
    first, and half of them at least words in small letters, whatever stands between
    (``Enrollment rate = 95%, up from 92% last year.``, ``Goals: access; equity.``), or
    ending at a full stop (``Note: N = 1,180 schools; data as of Sep 30.``, a reference's
    ``Lin, Q.; Zhou, M. (2021). Rural Schools. Beijing: Example Press.``), which no line
    of code does; or six or more, all words in small letters but one (``see the table; all
    figures``)."""
    item = _ITEM.match(line)
    pieces = (item.group(6) or "" if item else line).split()
    small = sum(1 for piece in pieces if _SMALL_WORD.fullmatch(piece))
    if len(pieces) >= 6 and small >= len(pieces) - 1:
        return True
    return len(pieces) >= 4 and "A" <= pieces[0][0] <= "Z" and (
        2 * small >= len(pieces) or re.search(r"[\w)%]\.$", pieces[-1]) is not None
    )


def _runs_on(before: str, after: str) -> bool:
    """Whether a note's line ``before`` runs on to the line ``after``, which is not
    indented: where English is wrapped, or Chinese after a clause's comma
    (``按秋季学期口径统计，`` / ``含民办幼儿园。``). A note of Chinese ends at its line's end
    (``数据来源：县统计局`` / ``全县专任教师5600人``), as such notes are written."""
    before, after = before.strip(), after.strip()
    joined = _soft_break(before, after)
    return joined == " " or (joined == "" and before[-1] in "，、,")


def _opens_table(lines: list[str], at: int) -> bool:
    """Whether a pipe table opens at ``at``: a row over a delimiter row of as many cells."""
    line = lines[at]
    if at + 1 < len(lines) and "|" in line and _DELIMITER_ROW.match(lines[at + 1]):
        return len(_cells(line)) == len(_cells(lines[at + 1])) and "|" in lines[at + 1]
    return False


def _cells(row: str) -> list[str]:
    """The cells of a pipe table's ``row``: parted by the bars not escaped (``\\|``) and
    not in a code span, the bars at its edges dropped."""
    row = row.strip()
    cells, cell, code = [], [], False
    at = 0
    while at < len(row):
        char = row[at]
        if char == "\\" and row[at + 1 : at + 2] == "|":
            cell.append("|")
            at += 2
            continue
        if char == "`":
            code = not code
        if char == "|" and not code:
            cells.append("".join(cell))
            cell = []
        else:
            cell.append(char)
        at += 1
    cells.append("".join(cell))
    if row.startswith("|"):
        cells = cells[1:]
    if row.endswith("|") and not row.endswith("\\|") and cells:
        cells = cells[:-1]
    return [cell.strip() for cell in cells]


#: ASCII punctuation, which a backslash escapes.
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
#: A formula in a line (``$12.5\%$``), as Pandoc and Obsidian read one: its dollars hug
#: its TeX, and the closing one is before no digit, so that prices (``$5，每本$2``) are none.
_INLINE_MATH = re.compile(r"(?<![\\$])\$(?=[^\s$])((?:[^$\\]|\\.)+?)(?<![\s\\])\$(?![\d$])")
#: The TeX of a simple formula, and the characters it stands for.
_TEX_SYMBOLS = {
    r"\%": "%", r"\times": "×", r"\div": "÷", r"\cdot": "·", r"\pm": "±", r"\leq": "≤",
    r"\le": "≤", r"\geq": "≥", r"\ge": "≥", r"\neq": "≠", r"\approx": "≈", r"\sim": "~",
    r"^\circ": "°", r"^{\circ}": "°", r"\,": "", r"\;": "", r"\!": "", r"{,}": ",",
}
_TEX_SYMBOL = re.compile(
    "|".join(re.escape(tex) + (r"(?![A-Za-z])" if tex[-1].isalpha() else "")
             for tex in sorted(_TEX_SYMBOLS, key=len, reverse=True))
)
_TEX_TEXT = re.compile(r"\\(?:text|mathrm|textrm|mbox)\{([^{}\\]*)\}")
#: What no formula holds but in its ``\\text{…}``: Chinese, or two words of Latin script.
_PRICE_WORDS = re.compile(f"[{CJK}]|[A-Za-z]{{2,}}\\s+[A-Za-z]{{2,}}")
_AUTOLINK = re.compile(r"<((?:[A-Za-z][A-Za-z0-9+.-]{1,31}:|www\.)[^\s<>]*|[^\s<>@]+@[^\s<>@]+)>")
_TAG = re.compile(
    r"<!--.*?-->|</?[A-Za-z][A-Za-z0-9-]*(?:\s+[^<>]*?)?/?>", re.DOTALL
)
#: The text of a link or an image: brackets nested once, as "[《通知》[2024]5号](…)".
_BRACKETED = r"\[((?:[^\[\]]|\[[^\[\]]*\])*)\]"
#: Where a link or an image leads: an address (with brackets nested once) and a title.
_DESTINATION = r"\((?:[^()\s]|\([^()]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
_IMAGE = re.compile(rf"!{_BRACKETED}(?:{_DESTINATION}|\[[^\]]*\])|!\[\[[^\]]*\]\]")
_LINK = re.compile(rf"{_BRACKETED}(?:{_DESTINATION}|\[([^\]]*)\])?")
_WIKI_LINK = re.compile(r"\[\[([^\]|]*)(?:\|([^\]]*))?\]\]")
_FOOTNOTE_MARK = re.compile(r"\[\^[^\]\s]+\]")
_HARD_BREAK = re.compile(r"(?: {2,}|\\)$")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
#: Emphasis, strike-through and highlight around text that starts and ends unblank: a
#: ``_`` inside a word of Latin script (``file_name_2024``) is no emphasis.
_EMPHASIS = [
    (re.compile(r"(\*\*\*|___)(?=\S)(.+?)(?<=\S)\1"), "<strong><em>", "</em></strong>"),
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), "<strong>", "</strong>"),
    (
        re.compile(r"(?<![A-Za-z0-9_])__(?=\S)(.+?)(?<=\S)__(?![A-Za-z0-9_])"),
        "<strong>", "</strong>",
    ),
    (re.compile(r"\*(?=[^\s*])(.+?)(?<=[^\s*])\*"), "<em>", "</em>"),
    (re.compile(r"(?<![A-Za-z0-9_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![A-Za-z0-9_])"), "<em>", "</em>"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), "<del>", "</del>"),
    (re.compile(r"==(?=\S)(.+?)(?<=\S)=="), "<mark>", "</mark>"),
]
#: What stands in for a piece of the text already written as HTML, until the rest is: a
#: NUL byte, which no decoded text holds, around its number.
_HELD = re.compile("\x00(\\d+)\x00")


class _Inline:
    """A paragraph's lines of Markdown as HTML."""

    def __init__(self, references: dict[str, str]) -> None:
        self.references = references

    def render(self, lines: list[str]) -> str:
        held: list[str] = []

        def hold(piece: str) -> str:
            held.append(piece)
            return f"\x00{len(held) - 1}\x00"

        lines = [line.strip() if at == len(lines) - 1 else line.lstrip()
                 for at, line in enumerate(lines)]
        text, broken = "", False
        for at, line in enumerate(lines):
            if at and not broken:
                text += hold(_soft_break(lines[at - 1], line))
            broken = at < len(lines) - 1 and _HARD_BREAK.search(line) is not None
            if broken:
                line = _HARD_BREAK.sub("", line) + hold("<br>")
            text += line.rstrip() if at < len(lines) - 1 else line
        text = _CODE_SPAN.sub(lambda m: hold(html.escape(m.group(2).strip() or m.group(2))), text)
        text = _INLINE_MATH.sub(lambda m: hold(html.escape(_formula(m))), text)
        text = _ESCAPE.sub(lambda m: hold(html.escape(m.group(1))), text)
        text = _AUTOLINK.sub(lambda m: hold(html.escape(m.group(1))), text)
        text = _TAG.sub(lambda m: "" if m.group().startswith("<!--") else hold(m.group()), text)
        text = _ENTITY.sub(lambda m: hold(m.group()), text)
        text = _IMAGE.sub(lambda m: hold("<img>"), text)
        text = _WIKI_LINK.sub(lambda m: m.group(2) if m.group(2) is not None else m.group(1), text)
        text = _FOOTNOTE_MARK.sub("", text)
        text = _replace_all(_LINK, lambda match: self._link(match, hold), text)
        text = html.escape(text, quote=False)
        for pattern, opening, closing in _EMPHASIS:
            text = _replace_all(pattern, lambda m, o=opening, c=closing: o + m.group(
                m.lastindex or 0) + c, text)
        while _HELD.search(text):
            text = _HELD.sub(lambda m: held[int(m.group(1))], text)
        return text

    def _link(self, match: re.Match[str], hold: Callable[[str], str]) -> str:
        """A link, its text in ``<a>`` as on the page (which tells a list of links to other
        pages, 相关链接, from the text); brackets that link nowhere ("[2024]") stay as
        typed."""
        whole, text = match.group(), match.group(1)
        label = match.group(2) if match.group(2) else text
        if (whole.endswith(")") and len(whole) > len(text) + 2) or (
            _label(label) in self.references
        ):
            return f"{hold('<a>')}{text}{hold('</a>')}"
        return whole


def _formula(match: re.Match[str]) -> str:
    """What a formula in a line shows: the text it draws where its TeX is simple (``12.5\\%``
    reads 12.5%, ``\\times`` ×), else its TeX as typed, dollars and all.

    Dollars around words (``每日10$，每晚80$``, ``$5 to US$ 10``) are prices', and a
    dollar before a letter, no TeX before it, a name's (``$HOME/$USER``, Excel's
    ``$B$2:$B$10``): their dollars stay, as typed."""
    after = match.string[match.end() : match.end() + 1]
    if _PRICE_WORDS.search(_TEX_TEXT.sub("", match.group(1))) or (
        after.isascii() and after.isalpha() and "\\" not in match.group(1)
    ):
        return match.group()
    tex = _TEX_TEXT.sub(r"\1", match.group(1))
    shown = _TEX_SYMBOL.sub(lambda m: _TEX_SYMBOLS[m.group()], tex)
    return match.group() if re.search(r"[\\{}^_]", shown) else shown


def _soft_break(before: str, after: str) -> str:
    """What a line break inside a paragraph, between its lines ``before`` and ``after``,
    stands for.

    Markdown joins the lines of a paragraph: without a blank where either side is Chinese
    (a line break in Chinese text is no space), else with one. But a note written a line
    per paragraph, as Obsidian shows it, breaks its lines after a sentence's end or a colon,
    after a numbered heading of no clauses (一、学前教育), and before a numbered line (一、,
    （一）, 1.): joined, its paragraphs and headings had been run into one. There the break
    stays, a line break (``<br>``, which the page reader ends the line at) or, before a
    numbered line, two (which end a paragraph there).
    """
    before = before.rstrip()
    if not before or not after:
        return ""
    if _DATE_LINE.fullmatch(after.rstrip()):
        # A date alone under a line: a signature's, under the office signing (县教育局).
        return "<br>"
    if is_numbered(after):
        return "<br><br>"
    if not SOFT_BREAK.search(f"{before[-1]}\n{after[0]}") or (
        is_numbered(before) and not _CLAUSE.search(before)
    ):
        return "<br>"
    return "" if _CJK_EDGE.match(before[-1]) or _CJK_EDGE.match(after[0]) else " "


def _replace_all(
    pattern: re.Pattern[str], replace: Callable[[re.Match[str]], str], text: str
) -> str:
    """``text`` with ``pattern`` replaced until it no longer matches: emphasis and links
    nest."""
    for _ in range(8):
        replaced = pattern.sub(replace, text)
        if replaced == text:
            break
        text = replaced
    return text
