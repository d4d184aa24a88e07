"""A readable view of one report: a self-contained HTML page.

:func:`render_html` lays out the report's summary table on top, a legend of topic colours,
then every paragraph in order, coloured by its topic, with the headings between them. Above
each paragraph a line names its topic and confidence (hover for the probabilities of the
likeliest labels); paragraphs flagged ``review``, ``low_confidence`` or ``not_chinese`` (the
ones to check) are framed with a dashed line and that line says 待复核, in the page's text;
the legend states the threshold. The page
holds its CSS inline and loads nothing: no fonts, scripts or images from anywhere, so it
opens offline and can be mailed as one file. It carries the glyphs it uses from the font the
package ships (Edusummary Sans, cut down to the page's characters with fontTools and inlined
as a base64 ``@font-face``), so that it reads the same on any machine; where fontTools (a
matplotlib dependency) is missing or the cut fails, the reader's system fonts are used.
"""

from __future__ import annotations

import base64
import logging
import math
import re
from html import escape
from io import BytesIO

from ..model.evaluation import review_threshold as model_review_threshold
from ..reading import TABLE_CELL_SEPARATOR
from ..reports.charts import shipped_font_path
from ..reports.figures import Figure, format_figure
from ..reports.report import Paragraph, Report
from ..reports.summary import Summary, interval_text, share_text
from ..text.segmenting import TABLE_ROW, Segment
from ..topics import LOW_CONFIDENCE, NOT_CHINESE, REVIEW, topic_colors

logger = logging.getLogger(__name__)

#: The family name the page gives the embedded font.
FONT_FAMILY = "Edusummary Sans"

#: Flags that mark a paragraph for a human look.
_CHECK = frozenset({REVIEW, LOW_CONFIDENCE, NOT_CHINESE})

#: Figures listed per topic in the summary table.
FIGURES_SHOWN = 6

_CSS = """
:root { color-scheme: light; }
body { font-family: "Edusummary Sans", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei",
  "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", "Noto Sans SC", sans-serif;
  color: #1f2328;
  max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; line-height: 1.75; }
h1 { font-size: 1.5rem; margin-bottom: .25rem; }
.meta { color: #59636e; margin-top: 0; font-size: .9rem; }
.legend { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; margin: 1rem 0; font-size: .95rem; }
.legend span { display: inline-flex; align-items: center; gap: .4rem; }
.swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: .2rem;
  background: var(--c); }
.legend .lowkey { border: 2px dashed #b42318; background: none; }
table { border-collapse: collapse; width: 100%; font-size: .88rem; margin-bottom: 2rem; }
th, td { border-bottom: 1px solid #d1d9e0; padding: .45rem .5rem; text-align: left;
  vertical-align: top; }
th { background: #f6f8fa; white-space: nowrap; }
td.num, td.topic { white-space: nowrap; }
td.num { text-align: right; }
td.sentences { width: 46%; }
td.figures { width: 24%; }
.bar { display: inline-block; height: .7rem; background: var(--c); border-radius: .15rem;
  vertical-align: middle; margin-right: .35rem; }
td ol { margin: 0; padding-left: 1.2rem; }
td ul { margin: 0; padding-left: 1rem; }
.missing { color: #b42318; }
h3 { margin: 1.6rem 0 .4rem; font-size: 1.05rem; }
/* A URL or project number has no break of its own: without this it ran out of its box and
   the summary table out of the window. */
h1, h3, .para, td { overflow-wrap: anywhere; }
.box { margin: .6rem 0; padding: .2rem .8rem .55rem;
  border-left: .4rem solid var(--c); background: var(--t); border-radius: .25rem; }
.box:hover { outline: 1px solid var(--c); }
.mark { font-size: .72rem; color: #59636e; }
.para { margin: 0; }
.box.low { border-left-style: dashed; outline: 2px dashed #b42318; outline-offset: -2px; }
.box.low .mark { color: #b42318; font-weight: 600; }
details { margin-top: 2rem; color: #59636e; font-size: .85rem; }
details td { padding: 0 .6rem; border-bottom: 1px solid #d8dee4; }
details table.aside { margin: .8rem 0 1.2rem; width: auto; }
details caption { text-align: left; font-weight: 600; padding: .2rem 0; }
details h4 { margin: .8rem 0 .2rem; font-size: .85rem; }
"""

#: Control characters other than tab and line ends: HTML forbids them (validators reject the
#: page, browsers draw boxes), and a workbook cell leaves them out too.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _escape(text: str) -> str:
    """``text`` as HTML text or a quoted attribute value: escaped, without control
    characters (a backspace or a terminal's colour codes pasted into a report)."""
    return escape(_CONTROLS.sub("", text))


#: The generator a page names in its <head>.
GENERATOR = "edusummary view"


def render_html(
    report: Report,
    summary: Summary | None = None,
    review_threshold: float | None = None,
    low_confidence: float | None = None,
) -> str:
    """The report as one self-contained HTML page.

    Parameters
    ----------
    report : Report
    summary : Summary, optional
        Its summary; by default ``report.summary()``.
    review_threshold : float, optional
        The review threshold the report was tagged with, which the page states; by default
        that of the model that tagged it (none is stated for a report without its model).
    low_confidence : float, optional
        The ``low_confidence`` threshold it was tagged with, stated when above the review
        threshold.

    Returns
    -------
    str
        An HTML document: summary table, legend, then every paragraph once, in order, as a
        ``<p class="para">`` holding exactly the paragraph's text (less any control
        characters, which HTML forbids, but tab and line ends), after a line of text
        (``<div class="mark">``) naming its topic and confidence, and 待复核 when flagged.
    """
    if not isinstance(report, Report):
        raise TypeError(f"render_html() expects a Report, got {type(report).__name__}")
    summary = summary if summary is not None else report.summary()
    colors = topic_colors(t.topic for t in summary.topics)
    names = {t.topic: t.name for t in summary.topics}
    title = summary.title or summary.name
    flagged = sum(bool(_CHECK & set(p.flags)) for p in report)
    if review_threshold is None and report.model is not None:
        review_threshold = model_review_threshold(report.model)
    known = [t for t in (review_threshold, low_confidence) if t is not None]
    threshold = max(known) if known else None
    decimals = _decimals(threshold)
    facts = [*summary.facts(), f"{summary.paragraphs} 段", f"{summary.characters} 字"]
    if summary.source:
        facts.append(summary.source)
    head = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        '<head><meta charset="utf-8">',
        # What `edusummary view` knows its own pages by, before it writes over one.
        f'<meta name="generator" content="{GENERATOR}">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_escape(title)}</title>",
    ]
    body = [
        "<body>",
        f"<header><h1>{_escape(title)}</h1>",
        f'<p class="meta">{_escape(" · ".join(facts))}</p></header>',
        _summary_table(summary, colors),
        _legend(summary, colors, flagged, threshold, decimals),
        "<main>",
        *_body(report, title, colors, names, decimals),
        "</main>",
        _removed(report),
        "</body></html>",
    ]
    page = "\n".join(part for part in body if part)
    style = f"<style>{font_face(page + _CSS)}{_CSS}</style></head>"
    return "\n".join([*head, style, page]) + "\n"


def font_face(text: str) -> str:
    """A CSS ``@font-face`` rule holding the shipped font cut down to the characters of
    ``text``, inline as base64; an empty string when it cannot be made (then the page
    falls back to the system fonts its CSS names)."""
    try:
        from fontTools import subset
    except ImportError:
        logger.info("fontTools is not installed: the page uses system fonts")
        return ""
    options = subset.Options()
    options.name_IDs = ["*"]  # keep the licence and the font's names with the glyphs
    try:
        # From bytes: opened from its path, the font file stayed open until collected.
        font = subset.load_font(BytesIO(shipped_font_path().read_bytes()), options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(text="".join(sorted(set(text))))
        subsetter.subset(font)
        data = BytesIO()
        subset.save_font(font, data, options)
    except Exception as exc:  # fontTools raises many kinds; the page works without it
        logger.warning("cannot embed the font %s: %s", shipped_font_path(), exc)
        return ""
    encoded = base64.b64encode(data.getvalue()).decode("ascii")
    return (
        f'@font-face {{ font-family: "{FONT_FAMILY}"; '
        f'src: url(data:font/otf;base64,{encoded}) format("opentype"); }}\n'
    )


def _summary_table(summary: Summary, colors: dict[str, str]) -> str:
    rows = []
    # A report with no paragraph has no shares (NaN): no bars.
    widest = max([t.share for t in summary.topics if t.share == t.share] + [0.01])
    for topic in summary.topics:
        confidence = "–" if topic.mean_confidence is None else f"{topic.mean_confidence:.2f}"
        bar = f"{6 * topic.share / widest if topic.share == topic.share else 0:.2f}rem"
        sentences = "".join(f"<li>{_escape(s)}</li>" for s in topic.sentences)
        figures = "".join(_figure_item(f) for f in topic.figures[:FIGURES_SHOWN])
        more = len(topic.figures) - FIGURES_SHOWN
        if more > 0:
            figures += f"<li>……另有 {more} 项</li>"
        rows.append(
            f'<tr style="--c:{colors[topic.topic]}">'
            f'<td class="topic"><span class="swatch"></span> {_escape(topic.name)}</td>'
            f'<td class="num">{topic.paragraphs}</td>'
            f'<td class="num"><span class="bar" style="width:{bar}"></span>'
            f"{share_text(topic.share)}</td>"
            f'<td class="num">{interval_text(topic)}</td>'
            f'<td class="num">{share_text(topic.share_counted)}</td>'
            f'<td class="num">{confidence}</td>'
            f"<td class=\"sentences\">{f'<ol>{sentences}</ol>' if sentences else ''}</td>"
            f"<td class=\"figures\">{f'<ul>{figures}</ul>' if figures else ''}</td></tr>"
        )
    return (
        '<table class="summary"><thead><tr><th>主题</th><th>段落</th><th>篇幅占比</th>'
        '<th title="篇幅占比的95%区间">95% 区间</th>'
        '<th title="按每段最可能的标签计的字数占比">按标签计</th>'
        "<th>平均置信度</th><th>代表性语句</th><th>关键数据</th></tr></thead><tbody>"
        + "".join(rows)
        + "</tbody></table>"
    )


def _figure_item(figure: Figure) -> str:
    css = ' class="missing"' if figure.missing else ""
    return f"<li{css}>{_escape(format_figure(figure))}</li>"


def _decimals(threshold: float | None) -> int:
    """How many decimals show the threshold exactly (2 to 6): the confidences, cut (not
    rounded) to as many, are shown below it exactly when they are below it. A flagged 0.9140
    shown as 0.91 beside a stated threshold of 0.91 read as a mistake."""
    if threshold is None:
        return 2
    for decimals in range(2, 6):
        if abs(round(threshold, decimals) - threshold) < 1e-9:
            return decimals
    return 6


def _shown(value: float, decimals: int, up: bool = False) -> str:
    """``value`` with ``decimals`` decimals, cut down (or up) rather than rounded."""
    scaled = value * 10**decimals
    # The float's noise (0.29 * 100 = 28.999999999999996) is no digit of it.
    whole = math.ceil(scaled - 1e-9) if up else math.floor(scaled + 1e-9)
    return f"{whole / 10**decimals:.{decimals}f}"


def _legend(
    summary: Summary, colors: dict[str, str], flagged: int, threshold: float | None,
    decimals: int,
) -> str:
    items = [
        f'<span style="--c:{colors[t.topic]}"><i class="swatch"></i>{_escape(t.name)}</span>'
        for t in summary.topics
    ]
    below = f"：置信度低于 {_shown(threshold, decimals, up=True)}" if threshold is not None else ""
    items.append(
        f'<span><i class="swatch lowkey"></i>⚠ 待复核（{flagged} 段，虚线框{below}）</span>'
    )
    return '<div class="legend">' + "".join(items) + "</div>"


def _body(
    report: Report, title: str, colors: dict[str, str], names: dict[str, str], decimals: int
) -> list:
    first = report.paragraphs[0].start if report.paragraphs else len(report.text)

    def in_title(heading: Segment) -> bool:
        # The <h1> shows the title: a title set on two lines ("清水县教育局" over "2023年
        # 工作总结") showed again as two section headings.
        text = heading.text.strip()
        return text == title or (bool(text) and text in title and heading.start < first)

    pieces: list[tuple[int, str]] = [
        (heading.start, f"<h3>{_escape(heading.text)}</h3>")
        for heading in report.headings
        if not in_title(heading)
    ]
    pieces += [(p.start, _paragraph(p, colors, names, decimals)) for p in report.paragraphs]
    return [html for _, html in sorted(pieces, key=lambda item: item[0])]


def _paragraph(
    paragraph: Paragraph, colors: dict[str, str], names: dict[str, str], decimals: int
) -> str:
    color = colors.get(paragraph.label, "#999999")
    ranked = sorted(paragraph.scores.items(), key=lambda item: -item[1])
    tooltip = "；".join(f"{names.get(label, label)} {p:.0%}" for label, p in ranked[:3])
    flags = set(paragraph.flags)
    low = " low" if flags & _CHECK else ""
    name = names.get(paragraph.label, paragraph.label)
    if NOT_CHINESE in flags:
        name += "（非中文）"
    # The mark is text of the page, not CSS content: found by Ctrl-F, kept when copied or
    # printed.
    mark = " · ".join(
        [*(["⚠ 待复核"] if low else []), name, f"置信度 {_shown(paragraph.confidence, decimals)}"]
    )
    return (
        f'<div class="box{low}" style="--c:{color};--t:{color}1f">'
        f'<div class="mark">{_escape(mark)}</div>'
        f'<p class="para{low}" id="p{paragraph.index}" data-index="{paragraph.index}" '
        f'data-label="{_escape(paragraph.label)}" data-name="{_escape(name)}" '
        f'data-confidence="{paragraph.confidence:.2f}" '
        f'data-flags="{_escape(" ".join(paragraph.flags))}" title="{_escape(tooltip)}">'
        f"{_escape(paragraph.text)}</p></div>"
    )


#: What a reason for setting text aside says, in the page's words, by how it starts (or,
#: for the running headers a PDF repeats, what it holds); first match wins.
_SET_ASIDE_KINDS = (
    ("note", "注释与图片说明"),
    ("row number", "表格序号"),
    ("page marker", "页码"),
    ("document furniture", "公文版记"),
    ("site furniture", "网页杂项"),
)
_OTHER_KIND = "页眉页脚与其他"


def _set_aside_kind(reason: str | None) -> str:
    for start, kind in _SET_ASIDE_KINDS:
        if (reason or "").startswith(start):
            return kind
    return _OTHER_KIND


def _tables(report: Report, rows: list[Segment]) -> list[list[Segment]]:
    """The rows set aside, table by table: a table ends where text other than its rows
    (a paragraph, a note) stands before the next row."""
    tables: list[list[Segment]] = []
    for row in rows:
        if tables and not report.text[tables[-1][-1].end : row.start].strip():
            tables[-1].append(row)
        else:
            tables.append([row])
    return tables


def _table(rows: list[Segment]) -> str:
    """One table set aside; a one-cell line opening it (表1 …) is its caption."""
    caption = ""
    if len(rows) > 1 and TABLE_CELL_SEPARATOR not in rows[0].text.strip():
        caption = f"<caption>{_escape(rows[0].text.strip())}</caption>"
        rows = rows[1:]
    cells = "".join(
        "<tr>" + "".join(
            f"<td>{_escape(cell.strip())}</td>" for cell in row.text.split(TABLE_CELL_SEPARATOR)
        ) + "</tr>"
        for row in rows
    )
    return f'<table class="aside">{caption}{cells}</table>'


def _removed(report: Report) -> str:
    """The text set aside: table rows, table by table, then the rest (notes, page and site
    furniture, page numbers, a government document's frame) by kind, each with why as its
    tooltip."""
    rows = [s for s in report.removed if s.reason == TABLE_ROW]
    furniture = [s for s in report.removed if s.reason != TABLE_ROW]
    parts = []
    if rows:
        tables = "".join(_table(table) for table in _tables(report, rows))
        parts.append(
            f"<details><summary>表格（{len(rows)} 行，未计入段落）</summary>{tables}</details>"
        )
    if furniture:
        kinds: dict[str, list[Segment]] = {}
        for segment in furniture:
            kinds.setdefault(_set_aside_kind(segment.reason), []).append(segment)
        groups = "".join(
            f"<h4>{kind}（{len(segments)} 处）</h4><ul>"
            + "".join(
                f'<li title="{_escape(segment.reason or "")}">{_escape(segment.text)}</li>'
                for segment in segments
            )
            + "</ul>"
            for kind, segments in kinds.items()
        )
        parts.append(
            f"<details><summary>页面杂项、页码与公文版记（{len(furniture)} 处，未计入段落）"
            f"</summary>{groups}</details>"
        )
    return "".join(parts)
