"""Pictures of summaries: the topic shares of one report, and of many side by side.

Needs matplotlib (``pip install edusummary[notebook]``), imported when a plot is drawn.

Chinese text is drawn with the font the package ships (``resources/fonts``: Edusummary Sans,
a GB 2312 subset of Noto Sans CJK SC under the SIL Open Font License), so that plots read the
same on any machine. Should that file be missing, a CJK font installed on the system is used;
with none, an ``EdusummaryWarning`` says so and the plot falls back to topic ids and file
names, so that it never shows empty boxes where characters should be.
"""

from __future__ import annotations

import logging
import math
import os
import warnings
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from .._optional import require
from ..errors import EdusummaryWarning
from ..topics import topic_colors
from .metadata import DOCUMENT_KINDS

if TYPE_CHECKING:  # the summary module draws with this one
    from .summary import Summary

logger = logging.getLogger(__name__)

FONT_FILE = "EdusummarySans-Regular.otf"
#: More bars than this make a chart no one reads (a report a bar, half an inch each).
MAX_READABLE_BARS = 80
#: CJK fonts looked for on the system when the shipped font cannot be used.
SYSTEM_CJK_FONTS = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "PingFang SC",
    "Hiragino Sans GB",
    "SimHei",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "Arial Unicode MS",
)
#: Characters a CJK font must have to be used: those of the topic names.
_PROBE = "学前教育义务均衡发展教学改革德育其他"


def shipped_font_path() -> Path:
    """Where the package's CJK font lives."""
    return Path(str(resources.files("edusummary.resources").joinpath("fonts", FONT_FILE)))


def _charmap(path: str | os.PathLike[str]) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    return frozenset(FT2Font(str(path)).get_charmap())


@lru_cache(maxsize=1)
def cjk_font() -> tuple[str, frozenset[int]] | None:
    """The CJK font plots use, as (file, code points it has), or None when there is none.

    The shipped font first, then the fonts of :data:`SYSTEM_CJK_FONTS` that matplotlib
    finds; a font counts only if it has the glyphs of the topic names.
    """
    require("matplotlib", "plotting")
    from matplotlib import font_manager

    candidates = [shipped_font_path()]
    for entry in font_manager.fontManager.ttflist:
        if entry.name in SYSTEM_CJK_FONTS:
            candidates.append(Path(entry.fname))
    for path in candidates:
        try:
            charmap = _charmap(path)
        except (OSError, RuntimeError) as exc:
            logger.warning("cannot use the font %s: %s", path, exc)
            continue
        if all(ord(c) in charmap for c in _PROBE):
            return str(path), charmap
    warnings.warn(
        f"no font with Chinese characters found (the package's {FONT_FILE} is missing and "
        f"none of {', '.join(SYSTEM_CJK_FONTS)} is installed): plots show topic ids and "
        "file names instead of Chinese text",
        EdusummaryWarning,
        stacklevel=4,
    )
    return None


class _Text:
    """Chinese text where the font can draw it, a fallback where it cannot."""

    def __init__(self) -> None:
        from matplotlib.font_manager import FontProperties

        found = cjk_font()
        self.chinese = found is not None
        self.font = FontProperties(fname=found[0]) if found else FontProperties()
        self._charmap = found[1] if found else frozenset()

    def drawable(self, text: str) -> bool:
        if not self.chinese:
            return text.isascii()
        return all(ord(c) in self._charmap or c.isspace() for c in text)

    def pick(self, text: str, fallback: str) -> str:
        if self.drawable(text):
            return text
        if self.chinese:
            missing = sorted({c for c in text if not self.drawable(c)})
            warnings.warn(
                f"the plot font lacks {''.join(missing)}; writing {fallback!r} instead of "
                f"{text!r}",
                EdusummaryWarning,
                stacklevel=4,
            )
        return fallback


def _axes(ax, width: float, height: float):
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    _, ax = plt.subplots(figsize=(width, height), layout="constrained")
    return ax


def _save(ax, path: str | os.PathLike[str] | None) -> None:
    if path is not None:
        ax.figure.savefig(path, dpi=150)


def plot_report(
    summary: Summary, ax=None, path: str | os.PathLike[str] | None = None
):
    """Horizontal bars of a report's topic shares (by characters), one per topic, with
    whiskers for their 95% intervals.

    Parameters
    ----------
    summary : Summary
        From ``report.summary()``.
    ax : matplotlib Axes, optional
        Draw here; by default on a new figure.
    path : path, optional
        Also save the figure there (.png, .svg, .pdf).

    Returns
    -------
    matplotlib.axes.Axes
    """
    if not hasattr(summary, "topics"):
        raise TypeError(f"plot_report() expects a Summary, got {type(summary).__name__}")
    require("matplotlib", "report.plot()")
    text = _Text()
    topics = summary.topics
    ax = _axes(ax, 7.5, 0.55 * len(topics) + 1.6)
    colors = topic_colors(t.topic for t in topics)
    positions = range(len(topics))[::-1]  # the model's first topic on top
    # A report with no paragraph has no shares (NaN): bars of nothing.
    shares = [0.0 if math.isnan(t.share) else 100 * t.share for t in topics]
    lows = [0.0 if math.isnan(t.share_low) else 100 * t.share_low for t in topics]
    highs = [0.0 if math.isnan(t.share_high) else 100 * t.share_high for t in topics]
    whiskers = [
        [share - low for share, low in zip(shares, lows, strict=True)],
        [high - share for share, high in zip(shares, highs, strict=True)],
    ]
    ax.barh(list(positions), shares, color=[colors[t.topic] for t in topics], height=0.65,
            xerr=whiskers, error_kw={"ecolor": "#333333", "capsize": 3, "elinewidth": 1})
    ax.set_yticks(
        list(positions), labels=[text.pick(t.name, t.topic) for t in topics],
        fontproperties=text.font, fontsize=11,
    )
    for y, topic, share, high in zip(positions, topics, shares, highs, strict=True):
        shown = "-" if math.isnan(topic.share) else f"{share:.1f}%"
        note = f"{shown}  ({topic.paragraphs})"
        ax.text(high + 0.8, y, note, va="center", fontsize=9, fontproperties=text.font)
    ax.set_xlim(0, max([*highs, 10]) * 1.3)
    ax.set_xlabel(
        "篇幅占比（按字数，%，须线为95%区间），括号内为段落数" if text.chinese
        else "share of the report's characters (%, whiskers: 95% interval), "
        "paragraphs in brackets",
        fontproperties=text.font,
    )
    title = summary.title or summary.name
    ax.set_title(text.pick(title, summary.name if summary.name.isascii() else "report"),
                 fontproperties=text.font, fontsize=12)
    ax.spines[["top", "right"]].set_visible(False)
    _save(ax, path)
    return ax


def plot_summary(
    frame, ax=None, path: str | os.PathLike[str] | None = None, label: str = "report"
):
    """A stacked bar chart of topic shares across reports: one bar per report.

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`edusummary.summarize`: needs the columns ``report``, ``topic``,
        ``share`` (and ``topic_name`` for the legend, when present). With ``share_low``
        and ``share_high``, a whisker at the end of each topic's segment (but the last)
        shows how far its 95% interval reaches.
    ax : matplotlib Axes, optional
        Draw here; by default on a new figure sized to the number of reports.
    path : path, optional
        Also save the figure there (.png, .svg, .pdf).
    label : str, default="report"
        The column that names the bars, e.g. "region" or "title"; with "year" the bars
        are in year order. Reports that the label names alike are told apart by their
        ``document_kind`` (2024 规划计划, 2024 总结汇报), else by a number.

    Returns
    -------
    matplotlib.axes.Axes
    """
    pd = require("pandas", "plot_summary()")
    require("matplotlib", "plot_summary()")
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"plot_summary() expects a DataFrame, got {type(frame).__name__}")
    needed = {"report", "topic", "share", label}
    missing = sorted(needed - set(frame.columns))
    if missing:
        raise ValueError(
            f"plot_summary() needs the columns {sorted(needed)} of edusummary.summarize(); "
            f"the frame lacks {missing}"
        )
    if frame.empty:
        raise ValueError("plot_summary() got an empty frame: no report to draw")
    text = _Text()
    # A bar per file: two reports of one name in two folders are two bars, not one of 200%.
    key = "source" if "source" in frame and frame["source"].notna().all() else "report"
    reports = list(dict.fromkeys(frame[key]))
    if label == "year":
        # Years read down in order (reports without one last), not in the folder's order.
        years = _first_by(frame, key, "year")
        reports.sort(key=lambda r: (pd.isna(years[r]), 0 if pd.isna(years[r]) else years[r]))
    if len(reports) > MAX_READABLE_BARS and ax is None:
        warnings.warn(
            f"plot_summary: {len(reports)} reports make a chart "
            f"{0.5 * len(reports) + 2.2:.0f} inches tall, too many bars to read; plot a "
            "selection (a region, a year) or compare groups with compare_shares()",
            EdusummaryWarning,
            stacklevel=2,
        )
    topics = list(dict.fromkeys(frame["topic"]))
    shares = frame.pivot_table(index=key, columns="topic", values="share", aggfunc="sum")
    shares = shares.reindex(index=reports, columns=topics).fillna(0.0) * 100
    bounds = {
        column: frame.pivot_table(index=key, columns="topic", values=column,
                                  aggfunc="sum").reindex(index=reports, columns=topics) * 100
        for column in ("share_low", "share_high")
        if column in frame
    }
    names = _first_by(frame, "topic", "topic_name" if "topic_name" in frame else "topic")
    bar_labels = _first_by(frame, key, label)
    report_names = _first_by(frame, key, "report")
    colors = topic_colors(topics)
    ax = _axes(ax, 9, 0.5 * len(reports) + 2.2)
    positions = list(range(len(reports)))[::-1]
    left = [0.0] * len(reports)
    for topic in topics:
        values = shares[topic].tolist()
        bars = ax.barh(positions, values, left=left, color=colors[topic], height=0.7,
                       label=text.pick(str(names[topic]), topic))
        ax.bar_label(bars, labels=[f"{v:.0f}%" if v >= 6 else "" for v in values],
                     label_type="center", fontsize=8, color=_ink(colors[topic]))
        if len(bounds) == 2 and topic != topics[-1]:
            # Along the top edge of the bars, clear of the labels; the last topic's end is
            # always 100%.
            ends = [a + b for a, b in zip(left, values, strict=True)]
            below = (shares[topic] - bounds["share_low"][topic]).fillna(0.0).clip(lower=0)
            above = (bounds["share_high"][topic] - shares[topic]).fillna(0.0).clip(lower=0)
            ax.errorbar(ends, [y + 0.25 for y in positions],
                        xerr=[below.tolist(), above.tolist()], fmt="none",
                        ecolor="#333333", elinewidth=0.8, capsize=2)
        left = [a + b for a, b in zip(left, values, strict=True)]
    ticks = [
        _bar_label(text, bar_labels[r], str(report_names[r]), i)
        for i, r in enumerate(reports, 1)
    ]
    if "document_kind" in frame:
        # A plan and a summary of one year are told apart by what they are, not by number.
        kinds = _first_by(frame, key, "document_kind")
        repeated = {
            tick for tick in ticks
            if len({kinds[r] for t, r in zip(ticks, reports, strict=True) if t == tick}) > 1
        }
        ticks = [
            f"{tick} {text.pick(DOCUMENT_KINDS[kinds[r]], kinds[r])}"
            if tick in repeated and kinds[r] in DOCUMENT_KINDS else tick
            for tick, r in zip(ticks, reports, strict=True)
        ]
    ax.set_yticks(positions, labels=_told_apart(ticks), fontproperties=text.font, fontsize=10)
    ax.set_xlim(0, 100)
    whiskers = ("，须线为95%区间", ", whiskers: 95% interval") if bounds else ("", "")
    ax.set_xlabel(f"篇幅占比（按字数，%{whiskers[0]}）" if text.chinese
                  else f"share of characters (%{whiskers[1]})", fontproperties=text.font)
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=min(len(topics), 5),
              frameon=False, prop=text.font)
    ax.spines[["top", "right"]].set_visible(False)
    _save(ax, path)
    return ax


def _first_by(frame, key: str, column: str) -> dict:
    first = frame.drop_duplicates(key)
    return dict(zip(first[key], first[column], strict=True))


def _told_apart(labels: list[str]) -> list[str]:
    """``labels`` with a number after each repeat of a label, so that bars read apart."""
    seen: dict[str, int] = {}
    told = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        told.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return told


def _bar_label(text: _Text, value, report: str, number: int) -> str:
    import pandas as pd

    value = report if pd.isna(value) else str(value)  # None, NaN or pandas' <NA>
    return text.pick(value, report if text.drawable(report) else f"report {number}")


def _ink(color: str) -> str:
    """Black or white, whichever reads better on ``color``."""
    red, green, blue = (int(color[i : i + 2], 16) for i in (1, 3, 5))
    return "black" if 0.299 * red + 0.587 * green + 0.114 * blue > 140 else "white"
