"""What the readers share: the :class:`Document` they return, line tidying, and how a
table row is written."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from .._chinese import han_count
from ..topics import MIN_HAN_CHARS

#: A reader writes a table a row per line, its cells parted by this, as text copied out of
#: Word or Excel arrives; it marks the rows of short cells (TABLE_ROW), which the
#: segmenter sets aside.
TABLE_CELL_SEPARATOR = "\t"
#: Blanks at either end of a line, tabs aside.
EDGE_BLANKS = re.compile(r"^[^\S\t]+|[^\S\t]+$")
#: What a reader may mark a line as (see :func:`tidy_marked`); a table row's mark is the
#: reason the segmenter gives for setting it aside.
HEADING = "heading"
TABLE_ROW = "table row"
NOTE = "note"
FURNITURE = "furniture"
#: A manual line break (Shift+Enter in Word) inside a sentence is layout: the paragraph
#: runs on. After the end of a sentence or a colon it may part items, and is kept.
SOFT_BREAK = re.compile(r"(?<=[^\s。！？!?；;：:])\n(?=\S)")
#: A cell longer than this holds prose: its table lays out text rather than figures.
TABLE_CELL_MAX_CHARS = 40


def is_prose_cell(cell: str) -> bool:
    """Whether a table cell's text is prose (a sentence, a paragraph), not a figure or a
    name: longer than :data:`TABLE_CELL_MAX_CHARS`, or holding a sentence's end. A cell of
    several lines that is prose makes its table one laid out for text, not a table."""
    return len(cell) > TABLE_CELL_MAX_CHARS or _CELL_SENTENCE_END.search(cell) is not None


def is_prose_row(cells: Iterable[str]) -> bool:
    """Whether a table row is read as a paragraph, and it holds text enough for one: a cell
    of it is prose (:func:`is_prose_cell`), or it is a task table's row, a task of clauses
    ("新建城区第三幼儿园，新增学位540个") with at most its number (序号, in one of the first
    two cells) and its deadline (2024, 2024.12, after them) for figures; a table of figures may say
    "公办，省级示范园" in its remarks. A row of figures with a one-sentence remark ("城西幼儿园
    280  9  含托班1个。") stays a table row, which would otherwise be too short for a
    paragraph and head the text below it."""
    cells = [cell for cell in cells if cell]
    prose = any(map(is_prose_cell, cells)) or (
        any(map(_is_task, cells)) and _numbers_of_a_task(cells)
    )
    return prose and han_count("".join(cells)) >= MIN_HAN_CHARS


def _is_task(cell: str) -> bool:
    """Whether ``cell`` is a task of clauses of words, each of three Chinese characters or
    more (健全督导制度，抓整改; not a remark 公办，省级示范园, nor departments 县教育局，
    县财政局)."""
    if _NAMES.fullmatch(cell):
        return False
    clauses = _CLAUSE_COMMA.split(_BRACKETED.sub("", cell))
    return len(clauses) > 1 and all(han_count(clause) >= 3 for clause in clauses)


def _numbers_of_a_task(cells: list[str]) -> bool:
    """Whether the figures among a row's ``cells`` are at most a task's number, in one of
    the first two cells, and its deadline, after them."""
    numbers = [(at, cell) for at, cell in enumerate(cells) if _FIGURE_CELL.fullmatch(cell)]
    numbered = [at for at, cell in numbers if at < 2 and _ROW_NUMBER.fullmatch(cell)]
    dated = [at for at, cell in numbers if at >= 2 and _DEADLINE.fullmatch(cell)]
    return len(numbers) == len(numbered[:1]) + len(dated[:1])


#: A cell of a figure, perhaps with its unit: "1,360", "93.6%", "12个", "2024".
_FIGURE_CELL = re.compile(r"[-+]?\d[\d,，.．]*\s*(?:[%％‰]|[万亿]?[元所个人名项座间班])?")
#: A task's number and its deadline, as a task table writes them.
_ROW_NUMBER = re.compile(r"\d{1,2}|[一二三四五六七八九十]{1,3}")
_DEADLINE = re.compile(r"(?:19|20)\d\d(?:[.．/-]\d{1,2}){0,2}")


_CELL_SENTENCE_END = re.compile(r"[。！？!?；;]")
#: The commas between a task's clauses: what a task does, then more of it; not those of a
#: figure (1,200).
_CLAUSE_COMMA = re.compile(r"(?<!\d)[，,]|[，,](?!\d)")
#: A note in brackets, as a column's heading has one ("备注（是否普惠，是否公办）").
_BRACKETED = re.compile(r"[（(][^（()）]*[）)]")
#: The departments a task falls to, parted by commas ("县教育局，各乡镇人民政府"): names,
#: no figure among them, each ending as an office's does.
_NAMES = re.compile(
    r"(?:[^，,、\d\s]{1,20}?(?:局|股|室|科|处|政府|委|办|部|中心|单位|部门|学校|乡镇|街道)"
    r"[，,、\s]*)+"
)
#: How a photo's caption opens, saying what the picture shows (图为…): a caption for sure,
#: whatever it states (图为投资1.2亿元的城东学校).
PICTURE_CAPTION = re.compile(r"\s*(?:图[为示中：:]|照片|摄影)")
#: What a caption says and a section's name does not: what the picture shows (图为…), or
#: people doing something there (孩子们在…开展游戏, 县领导一行调研…).
CAPTION_CLAUSE = re.compile(
    rf"^{PICTURE_CAPTION.pattern}"
    r"|(?:们|师生|学生|幼儿|孩子|教师|家长|同学|一行|领导|嘉宾)(?:正|正在|一起|共同|认真|积极)?"
    # People somewhere or doing something (在户外快乐奔跑, 在认真听讲, 参加…), not a slogan's
    # 在行动 or 在改革中奋进.
    r"(?:在(?!行动)(?![^，,。；;]{0,8}中[\u4e00-\u9fff]{1,3}$)"
    r"|参加|参观|观看|开展|进行|体验|调研|检查|视察|慰问|指导|聆听|展示|表演|合影)"
)
#: A table's caption, on the line above it ("表1 2023年主要指标", "附表2：…"): it goes
#: with the table's rows.
TABLE_CAPTION = re.compile(
    r"(?:附?表|table)\s*[\d一二三四五六七八九十]+(?:[-.．]\d+)?[\s:：、.．]", re.IGNORECASE
)


@dataclass(frozen=True)
class Document:
    """The text of one report and where it came from.

    Attributes
    ----------
    text : str
        The decoded text. Character offsets elsewhere in the library index into this string.
    source : str or None
        The path the text was read from, or None for text passed in directly.
    encoding : str or None
        The encoding the file was decoded with: set for plain text and HTML, None for
        formats that carry their own (.docx, .doc, .rtf, Word 2003 XML, .pdf, .ofd, .pptx)
        and for text passed in directly.
    warnings : tuple of str
        Problems met while reading that did not stop it (for example undecodable bytes).
        They reach the user through the report (``report.warnings``, an
        ``EdusummaryWarning`` from ``tag_many``, a warning line of ``edusummary tag``), so
        the readers log them at INFO only, not twice.
    format : {"txt", "docx", "doc", "rtf", "wordml", "html", "hocr", "markdown", "pdf", "ofd", \
"pptx"}
        The kind of file the text came from ("wordml": Word 2003 XML; "hocr": the web
        page an OCR engine writes of a scan; "markdown": a web clipper's Markdown, read as
        the page it stands for; "pptx": PowerPoint).
    headings : tuple of (int, int)
        The ``(start, end)`` character spans of the lines the file itself marks as
        headings (Word's heading and title styles, ``<h1>`` to ``<h6>``), which the
        segmenter takes as headings whatever their length: an unnumbered heading, or one
        numbered by Word's automatic numbering, reads like a sentence.
    table_rows : tuple of (int, int)
        The spans of the lines that are rows of a table of short cells, its caption or
        its notes, which the segmenter sets aside.
    notes : tuple of (int, int)
        The spans of the lines of footnotes and endnotes: paragraphs when long enough,
        never headings.
    furniture_text : str
        The lines the reader took out of the text as furniture of the page (a PDF's or an
        OFD's running headers, footers and page numbers, a web page's navigation and
        footer), not part of ``text``: a report tags :attr:`whole_text`, and its segmenter
        sets them aside, so that ``Report.removed`` shows them.
    furniture : tuple of (int, int, str)
        The spans of those lines in :attr:`whole_text`, with why they were taken out.
    """

    text: str
    source: str | None = None
    encoding: str | None = None
    warnings: tuple[str, ...] = field(default=())
    format: str = "txt"
    headings: tuple[tuple[int, int], ...] = field(default=())
    table_rows: tuple[tuple[int, int], ...] = field(default=())
    notes: tuple[tuple[int, int], ...] = field(default=())
    furniture: tuple[tuple[int, int, str], ...] = field(default=())
    furniture_text: str = ""

    @property
    def whole_text(self) -> str:
        """``text``, then the furniture the reader took out of it: what a report of the
        file is the text of, every character of the file accounted for."""
        return self.text + self.furniture_text

    @property
    def wrapped(self) -> bool:
        """Whether a line of the text may be a paragraph hard-wrapped over several (plain
        text, PDF, OFD, web pages): False for Word, RTF and PowerPoint, whose lines are its
        paragraphs."""
        return self.format not in ("docx", "doc", "rtf", "wordml", "pptx")

    @property
    def paged(self) -> bool:
        """Whether the text may hold a paged document's running headers and footers
        (plain text copied out of one, PDF, OFD, hOCR): Word keeps its own out of the body, and a
        web page has no pages, so what repeats there is text."""
        return self.format in ("txt", "hocr", "pdf", "ofd")

    @property
    def tables_found(self) -> bool:
        """Whether the reader found the file's tables itself (Word, web pages, Markdown,
        PowerPoint), marking their rows in :attr:`table_rows`; in plain text, PDF and OFD
        the segmenter finds them."""
        return self.format in ("docx", "wordml", "html", "markdown", "pptx")


#: A "<![" that opens none of the marked sections the page parser knows (<![CDATA[,
#: Word's <![if !supportLists]> and <![endif]>): a stray one (typed in a page's text, a
#: template's broken tag) made the parser refuse the whole page, and the file fail with
#: a traceback. Written as text, it is shown as a browser shows it.
_UNREADABLE_SECTION = re.compile(
    r"<!\[(?!(?:temp|cdata|ignore|include|rcdata|if|else|endif)(?![-_.a-z0-9]))",
    re.IGNORECASE,
)


def parse_markup(markup: str):
    """``markup`` (a web page, hOCR, a sheet saved as a page) parsed by bs4's
    ``html.parser``, which refuses no page a browser shows."""
    from bs4 import BeautifulSoup

    return BeautifulSoup(_UNREADABLE_SECTION.sub("&lt;![", markup), "html.parser")


def set_apart(
    text: str,
    spans: Iterable[tuple[int, int]],
    reason: str,
    also: Iterable[tuple[int, int, str]] = (),
) -> dict[str, object]:
    """The fields of a :class:`Document` whose ``text`` ends with the furniture lines at
    ``spans`` (as :func:`tidy_marked` marks them), set apart from it with ``reason``, and
    those at the spans ``also``, each with its own reason."""
    furniture = tuple(sorted([*((start, end, reason) for start, end in spans), *also]))
    cut = furniture[0][0] if furniture else len(text)
    return {"text": text[:cut], "furniture_text": text[cut:], "furniture": furniture}


def tidy_lines(lines: Iterable[str]) -> str:
    """Join lines into text: each line stripped of blanks but not of tabs, runs of blank
    lines cut to one, no blank lines at either end.

    Readers of structured formats build their text line by line; a single blank line is
    what the segmenter reads as the end of a paragraph, so longer runs carry nothing more.
    """
    return tidy_marked((line, None) for line in lines)[0]


def tidy_marked(
    lines: Iterable[tuple[str, str | None]],
) -> tuple[str, dict[str, tuple[tuple[int, int], ...]]]:
    """:func:`tidy_lines` for ``(line, mark)`` pairs, the mark :data:`HEADING`,
    :data:`TABLE_ROW`, :data:`NOTE`, :data:`FURNITURE` or None; also returns the spans of
    the marked lines in the text, by mark."""
    out: list[str] = []
    marked: list[tuple[int, str]] = []  # (index in out, mark)
    for line, mark in lines:
        # The tabs that part a table row's cells stay, empty cells at either end too.
        line = EDGE_BLANKS.sub("", line) if line.strip() else ""
        if line or (out and out[-1]):
            if mark and line:
                marked.append((len(out), mark))
            out.append(line)
    while out and not out[-1]:
        out.pop()
    starts = [0]
    for line in out:
        starts.append(starts[-1] + len(line) + 1)
    spans: dict[str, list[tuple[int, int]]] = {}
    for i, mark in marked:
        spans.setdefault(mark, []).append((starts[i], starts[i] + len(out[i])))
    return "\n".join(out), {mark: tuple(found) for mark, found in spans.items()}


