"""The summary of one tagged report: how much is about each topic, its key sentences and
figures.

:func:`summarize_report` (``Report.summary()``) turns a tagged report into a
:class:`Summary`, one :class:`TopicSummary` per topic of the model's label set. Many reports
become one DataFrame in :mod:`edusummary.batch.summarize`, with the columns of
:data:`COLUMNS`.
"""

from __future__ import annotations

import logging
import math
import os
import re
import warnings
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import numpy as np

from .._chinese import display_path, display_width, han_count, ljust_columns, outline_level
from .._english import counted
from .._optional import require
from ..errors import EdusummaryWarning, user_stacklevel
from ..model.classifier import Model
from ..model.shipped import load_model
from ..text.segmenting import Segment
from ..text.sentences import sentence_spans
from ..topics import (
    FALLBACK,
    KEY_FIGURES,
    LABELS,
    LOW_CONFIDENCE,
    NOT_CHINESE,
    REVIEW,
    KeyFigure,
    topic_name,
)
from .charts import plot_report
from .figures import BASELINE, RESULT, TARGET, Figure, extract_figures, format_figure
from .metadata import (
    DOCUMENT_KINDS,
    LOOKING_BACK,
    NEWS_HEADLINE,
    PLAN_WORDS,
    TITLE_END,
    dated_year,
    document_kind,
    opening,
    period_year,
    report_region,
    report_title,
    report_year,
    signed_region,
    site_region,
)

logger = logging.getLogger(__name__)

#: How many representative sentences each topic gets.
SENTENCES_PER_TOPIC = 3
#: Sentences with fewer Chinese characters say too little to represent a topic.
MIN_SENTENCE_HAN = 8
#: Sentences shorter than this many Chinese characters are scored down in proportion...
_FULL_SENTENCE_HAN = 20
#: ...and so are sentences longer than this, which are hard to read as a key statement.
_LONG_SENTENCE_HAN = 120
#: A key sentence of a topic is the model's likeliest label for it or at least this likely.
_KEY_SENTENCE_MIN = 0.5
#: A sentence or short line this sure of a topic gives its figures to it, whatever
#: paragraph it sits in or follows.
_SURE_TOPIC_MIN = 0.8


def key_figure_value(
    key: KeyFigure, figures: Iterable[Figure], kind: str = RESULT
) -> float | None:
    """The first figure of ``kind``, in report order, that states ``key``'s indicator in
    its unit; placeholders do not count.

    By default only results count: not targets ("力争到2025年…达到97%"), changes
    ("较上年提高…") or baselines (see :attr:`Figure.kind`).
    """
    for figure in figures:
        if (
            figure.kind == kind
            and not figure.missing
            and re.search(key.pattern, figure.indicator)
        ):
            if key.unit.endswith("元") and figure.in_unit("万") is not None:
                # "投入资金800万", "3.5千万": a sum of money whose 元 the writer left out
                # (a bare scale converts to 万 alone).
                figure = figure._replace(unit=f"{figure.unit}元")
            converted = figure.in_unit(key.unit)
            if converted is not None:
                return converted
    return None


def target_column(key: KeyFigure) -> str:
    """The column of ``key``'s target: "毛入园率(%)" -> "毛入园率目标(%)"."""
    name, paren, unit = key.column.partition("(")
    return f"{name}目标{paren}{unit}"


def key_figure_columns(figures: list[Figure]) -> dict[str, float | None]:
    """The key-figure columns of a summary row: each key's result, then each key's
    target."""
    return {
        **{key.column: key_figure_value(key, figures) for key in KEY_FIGURES},
        **{target_column(key): key_figure_value(key, figures, TARGET) for key in KEY_FIGURES},
    }


#: The columns of the key figures' results and targets, in :data:`COLUMNS` order.
KEY_COLUMNS: tuple[str, ...] = (
    *(key.column for key in KEY_FIGURES),
    *(target_column(key) for key in KEY_FIGURES),
)


#: The columns of :func:`summarize`'s DataFrame, in order, with what each holds.
COLUMNS: dict[str, str] = {
    "report": "the report's name: the one given (tag_texts(..., names=)), else its file name, "
    "else its title, else 'report N'",
    "source": "the file it was read from (empty for text)",
    "title": "the title line, when the report starts with one",
    "region": "the region the title names (清水县, 河西区 …), when it names one",
    "year": "the year the title (or the first lines) states, when it states one",
    "document_kind": "the kind of document the title names: plan, summary, speech, notice, "
    "inspection, survey or news (see edusummary.reports.metadata.document_kind), when it "
    "names one",
    "topic": "topic id from the model's label set",
    "topic_name": "the topic's Chinese name (the id for labels outside LABELS)",
    "paragraphs": "paragraphs whose primary label is the topic",
    "characters": "characters in those paragraphs",
    "share": "estimated share of the report's characters about the topic, 0-1, from the "
    "calibrated probabilities adjusted for the model's errors (see estimate_shares); empty "
    "(NaN) for a report with no paragraph, as are the other shares",
    "share_low": "lower end of the share's 95% interval",
    "share_high": "upper end of the share's 95% interval",
    "share_counted": "characters / all paragraph characters of the report, 0-1: the plain "
    "count of primary labels",
    "mean_confidence": "mean probability of the primary label over those paragraphs",
    "low_confidence": "how many of those paragraphs are flagged low_confidence",
    "review": "how many of those paragraphs are flagged review: the ones to check first",
    "figures": "how many figures the topic's sentences state (placeholders included), with "
    "those of short lines after its paragraphs (a list of main indicators)",
    "placeholders": "how many of them are unfilled placeholders such as xx%",
    "key_figures": "every figure as 'indicator value unit', separated by '；'",
    "key_sentences": "the topic's representative sentences, best first, one per line",
    **{
        key.column: f"first stated result whose indicator matches {key.pattern!r}, "
        f"in {key.unit}"
        for key in KEY_FIGURES
    },
    **{
        target_column(key): f"first stated target whose indicator matches {key.pattern!r}, "
        f"in {key.unit}"
        for key in KEY_FIGURES
    },
}


@dataclass
class TopicSummary:
    """What one report says about one topic.

    Attributes
    ----------
    topic : str
        The label id.
    name : str
        Its Chinese name (the id for labels outside :data:`~edusummary.LABELS`).
    paragraphs : int
        Paragraphs whose primary label is the topic.
    characters : int
        Characters in those paragraphs.
    share : float
        The estimated share of the report's characters that is about the topic, 0 to 1:
        the calibrated probabilities weighted by characters, adjusted for the model's
        cross-validated errors (see :func:`estimate_shares`). NaN, as are the other
        shares, for a report with no paragraph: 0 would read as "none of it", and pull
        down the means of the reports it is compared with.
    share_low, share_high : float
        Its 95% interval.
    share_counted : float
        ``characters`` over the characters of all the report's paragraphs: the plain count
        of primary labels, which leans towards whatever mistakes the model makes.
    mean_confidence : float or None
        Mean probability of the primary label over those paragraphs; None without any.
    low_confidence : int
        Those of them flagged ``low_confidence``.
    review : int
        Those of them flagged ``review`` (worth a human look).
    sentences : list of str
        Up to three representative sentences, best first (see :func:`summarize_report`).
    figures : list of Figure
        The figures stated in the topic's sentences, in report order, and those of the
        lines too short to be paragraphs that follow one of its paragraphs (a list of a
        report's main indicators, "学前三年毛入园率达到96.2%；").
    """

    topic: str
    name: str
    paragraphs: int = 0
    characters: int = 0
    share: float = 0.0
    share_low: float = 0.0
    share_high: float = 0.0
    share_counted: float = 0.0
    mean_confidence: float | None = None
    low_confidence: int = 0
    review: int = 0
    sentences: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def to_dict(self) -> dict:
        """A plain, JSON-ready dict; figures as dicts. A share that does not exist (a
        report without paragraphs) is None, as JSON has no NaN."""
        return {
            "topic": self.topic,
            "name": self.name,
            "paragraphs": self.paragraphs,
            "characters": self.characters,
            "share": _json_number(self.share),
            "share_low": _json_number(self.share_low),
            "share_high": _json_number(self.share_high),
            "share_counted": _json_number(self.share_counted),
            "mean_confidence": _json_number(self.mean_confidence),
            "low_confidence": self.low_confidence,
            "review": self.review,
            "sentences": list(self.sentences),
            "figures": [figure._asdict() for figure in self.figures],
        }


def _json_number(value: float | None) -> float | None:
    return None if value is None or math.isnan(value) else value


@dataclass
class Summary:
    """A report summarised by topic; ``str(summary)`` is a readable table.

    It behaves like the table it prints: ``len(summary)`` is the number of topics,
    iterating yields one row dict per topic (:attr:`rows`), ``summary["preschool"]`` is a
    topic, ``to_frame()`` the pandas DataFrame and ``to_dict(orient=...)`` what pandas'
    ``DataFrame.to_dict`` gives; Jupyter shows the topic table.

    Attributes
    ----------
    topics : list of TopicSummary
        One per label of the model, in the model's order; their ``paragraphs`` add up to
        the report's paragraphs.
    name : str
        A short name: the report's own (:attr:`~edusummary.Report.name`), else the file
        name, else the title, else "report".
    source, title, region : str or None
    year : int or None
    paragraphs, characters : int
        Of the whole report (paragraphs only: headings and removed text are not counted).
    document_kind : str or None
        What the title names: "plan", "summary", "speech", "notice", "inspection",
        "survey" or "news" (:data:`~edusummary.reports.metadata.DOCUMENT_KINDS`).
    """

    topics: list[TopicSummary]
    name: str
    source: str | None = None
    title: str | None = None
    region: str | None = None
    year: int | None = None
    paragraphs: int = 0
    characters: int = 0
    document_kind: str | None = None

    def __len__(self) -> int:
        return len(self.topics)

    def __iter__(self) -> Iterator[dict]:
        return iter(self.rows)

    def __getitem__(self, topic: str) -> TopicSummary:
        for item in self.topics:
            if item.topic == topic:
                return item
        raise KeyError(f"no topic {topic!r}; topics are {[t.topic for t in self.topics]}")

    @property
    def rows(self) -> list[dict]:
        """One flat dict per topic with the columns of :data:`COLUMNS`."""
        return [self._row(topic) for topic in self.topics]

    def _row(self, topic: TopicSummary) -> dict:
        shares = {
            name: getattr(topic, name)
            for name in ("share", "share_low", "share_high", "share_counted")
        }
        return {
            "report": self.name,
            "source": self.source,
            "title": self.title,
            "region": self.region,
            "year": self.year,
            "document_kind": self.document_kind,
            "topic": topic.topic,
            "topic_name": topic.name,
            "paragraphs": topic.paragraphs,
            "characters": topic.characters,
            **shares,
            "mean_confidence": topic.mean_confidence,
            "low_confidence": topic.low_confidence,
            "review": topic.review,
            "figures": len(topic.figures),
            "placeholders": sum(figure.missing for figure in topic.figures),
            "key_figures": "；".join(format_figure(f) for f in topic.figures),
            "key_sentences": "\n".join(topic.sentences),
            **key_figure_columns(topic.figures),
        }

    def to_dict(self, orient: str | None = None) -> dict | list:
        """The whole summary as a plain, JSON-ready dict, or its rows the way pandas would.

        Parameters
        ----------
        orient : str, optional
            None (the default): ``name``, ``source``, ``title``, ``region``, ``year``,
            ``paragraphs``, ``characters`` and ``topics`` (each topic's dict, figures
            included). "records": :attr:`rows`, one dict per topic. Any other orient of
            :meth:`pandas.DataFrame.to_dict` ("dict", "list", "series", "split", "tight",
            "index") is passed to ``to_frame().to_dict``.
        """
        if orient == "records":
            return self.rows
        if orient is not None:
            return self.to_frame().to_dict(orient=orient)
        return {
            "name": self.name,
            "source": self.source,
            "title": self.title,
            "region": self.region,
            "year": self.year,
            "document_kind": self.document_kind,
            "paragraphs": self.paragraphs,
            "characters": self.characters,
            "topics": [topic.to_dict() for topic in self.topics],
        }

    def to_frame(self):
        """The rows as a pandas DataFrame (columns: :data:`COLUMNS`).

        Needs pandas (``pip install edusummary[notebook]``).
        """
        return summary_frame(self.rows)

    def facts(self) -> list[str]:
        """What the title says of the report, to show beside it: region, year and kind of
        document ("清水县", "2023年", "规划计划")."""
        kind = DOCUMENT_KINDS.get(self.document_kind) if self.document_kind else None
        year = f"{self.year}年" if self.year else None
        return [fact for fact in (self.region, year, kind) if fact]

    def to_text(self, figures: int = 5) -> str:
        """A readable table: one line per topic, then each topic's key sentences and up
        to ``figures`` figures."""
        facts = self.facts()
        width = max([display_width(f"{t.name} {t.topic}") for t in self.topics] + [5]) + 2
        lines = [
            f"{self.title or self.name}" + (f"（{'，'.join(facts)}）" if facts else ""),
            f"{counted(self.paragraphs, 'paragraph')}, {counted(self.characters, 'character')}",
            "",
            ljust_columns("topic", width) + f"{'paragraphs':>11}{'characters':>11}{'share':>8}"
            f"{'95% interval':>14}{'counted':>9}{'confidence':>11}{'figures':>9}",
        ]
        for topic in self.topics:
            confidence = "-" if topic.mean_confidence is None else f"{topic.mean_confidence:.2f}"
            lines.append(
                ljust_columns(f"{topic.name} {topic.topic}", width)
                + f"{topic.paragraphs:>11}{topic.characters:>11}{share_text(topic.share):>8}"
                f"{interval_text(topic):>14}{share_text(topic.share_counted):>9}"
                f"{confidence:>11}{len(topic.figures):>9}"
            )
        for topic in self.topics:
            if not topic.sentences and not topic.figures:
                continue
            lines += ["", f"{topic.name} {topic.topic}"]
            lines += [f"  {i}. {sentence}" for i, sentence in enumerate(topic.sentences, 1)]
            shown = topic.figures[:figures]
            if shown:
                more = len(topic.figures) - len(shown)
                lines.append(
                    "  figures: " + "；".join(format_figure(f) for f in shown)
                    + (f" …and {more} more" if more else "")
                )
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        # IPython and Jupyter show the table rather than the dataclass fields.
        printer.text(self.to_text())

    def _repr_html_(self) -> str:
        """The topic table, for Jupyter."""
        facts = self.facts()
        facts += [f"{self.paragraphs} 段", f"{self.characters} 字"]
        head = "".join(
            f"<th>{name}</th>"
            for name in ("主题", "topic", "段落", "篇幅占比", "95% 区间", "按标签计", "平均置信度",
                         "数据")
        )
        rows = []
        for topic in self.topics:
            confidence = "" if topic.mean_confidence is None else f"{topic.mean_confidence:.2f}"
            cells = (
                escape(topic.name), escape(topic.topic), topic.paragraphs,
                share_text(topic.share), interval_text(topic), share_text(topic.share_counted),
                confidence, len(topic.figures),
            )
            rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
        return (
            f"<div><strong>{escape(self.title or self.name)}</strong> "
            f"<small>{escape(' · '.join(facts))}</small>"
            f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>"
        )

    def plot(self, ax=None, path: str | os.PathLike[str] | None = None):
        """Bar chart of the topic shares; see :func:`edusummary.reports.charts.plot_report`."""
        return plot_report(self, ax=ax, path=path)


def share_text(share: float) -> str:
    """A share as a table shows it: "12.5%", or "-" for a report with no paragraph."""
    return "-" if math.isnan(share) else f"{share:.1%}"


def interval_text(topic: TopicSummary) -> str:
    """A topic's 95% interval as a table shows it: "8.1–16.9%", or "-"."""
    if math.isnan(topic.share_low):
        return "-"
    return f"{100 * topic.share_low:.1f}–{100 * topic.share_high:.1f}%"


# -- what the title says ------------------------------------------------------------------

def summarize_report(report, model: Model | None = None) -> Summary:
    """Summarise a tagged report by topic.

    Parameters
    ----------
    report : Report
    model : Model, optional
        Scores the sentences; by default the model that tagged the report (or the shipped
        model, when the report's labels are its labels).

    Returns
    -------
    Summary
        One :class:`TopicSummary` per label of the model.

    Notes
    -----
    Representative sentences. Each sentence of a paragraph labelled with the topic (as
    primary or secondary label) gets the score ``p * c``, where ``p`` is the model's
    probability of the topic for that sentence alone, and ``c`` weighs its content:
    ``min(1, n / 20)`` for ``n`` Chinese characters, so that fragments and section titles
    rank low; ``120 / n`` above 120 characters, so that run-on sentences rank lower; times
    ``1 + 0.25 * min(k, 2)`` for ``k`` figures stated, since key statements report results.
    The three best distinct sentences are returned, best first.

    Figures. A sentence's figures belong to its paragraph's primary label, except in a
    paragraph with secondary labels, where each sentence's figures go to whichever of the
    paragraph's labels the model finds likeliest for that sentence.
    """
    if not hasattr(report, "paragraphs") or not hasattr(report, "headings"):
        raise TypeError(f"summarize_report() expects a Report, got {type(report).__name__}")
    labels = _labels(report)
    model = _model_for(report, labels, model)
    topics = {label: TopicSummary(label, topic_name(label)) for label in labels}
    total = sum(len(p.text) for p in report.paragraphs)
    confidences: dict[str, list[float]] = {label: [] for label in labels}
    for paragraph in report.paragraphs:
        topic = topics[paragraph.label]
        topic.paragraphs += 1
        topic.characters += len(paragraph.text)
        topic.low_confidence += LOW_CONFIDENCE in paragraph.flags
        topic.review += REVIEW in paragraph.flags
        confidences[paragraph.label].append(paragraph.confidence)
    shares = estimate_shares(
        [len(p.text) for p in report.paragraphs],
        np.array([_evidence(p, labels) for p in report.paragraphs]).reshape(-1, len(labels)),
        **model_errors(model, labels),
    )
    for (label, topic), share, low, high in zip(topics.items(), *shares, strict=True):
        if not total:
            share = low = high = math.nan  # no paragraph: no share of anything
        topic.share, topic.share_low, topic.share_high = float(share), float(low), float(high)
        topic.share_counted = topic.characters / total if total else math.nan
        if confidences[label]:
            topic.mean_confidence = float(np.mean(confidences[label]))
    title = report_title(report)
    opening_lines = opening(report)
    # A notice's or a report's title may say 确保2023年 of its own year; a plan's lines aim.
    kind = document_kind(title)
    plan = kind == "plan"
    year = report_year(title or "") or period_year(title or "", plan)
    if year is None and _DATED.search(title or "") and not _LOOKS_BACK.search(title or ""):
        # A speech, a notice or a news item is of the year it is dated, not of the year it
        # looks back on ("2014年，全县…" in a speech given in 2015); a report on a year is
        # often dated in January of the next.
        year = dated_year(report)
    if year is None:
        year = report_year(opening_lines, plan=plan) or dated_year(report)
    school_year = bool(_SCHOOL_YEAR.search(title or ""))
    _add_sentences_and_figures(report, model, topics, year, plan, school_year)
    # A file name in GBK bytes (surrogate escapes) is shown as the characters it stands for,
    # so that every output and pandas can hold it.
    source = display_path(report.source) if report.source else report.source
    return Summary(
        topics=list(topics.values()),
        name=report.name or (Path(source).name if source else (title or "report")),
        source=source,
        title=title,
        region=(
            report_region(title or "") or report_region(opening_lines) or site_region(report)
            or signed_region(report)
        ),
        year=year,
        document_kind=kind,
        paragraphs=len(report.paragraphs),
        characters=total,
    )


#: Two-sided 95% quantile of the normal distribution.
Z95 = 1.959963984540054
#: The systematic term of a share's variance is ``SYSTEMATIC_SCALE * e * s(1-s)``, ``e`` the
#: cross-validated error rate. On batches held out of training, whose text differs from the
#: rest as a real report's does, the model errs up to 2.3 times its cross-validated rate, and
#: the old term ``e**2 * s(1-s)`` left the interval holding the truth 87% of the time. This
#: scale was chosen on one held-out set (95.5%) and checked on two others (97.1%, 98.3%).
SYSTEMATIC_SCALE = 0.25
#: Each label needs this many training records for the confusion matrix to adjust shares:
#: estimated from a dozen records a label, it says a model that errs on a third of its
#: paragraphs errs everywhere, and its inverse takes whole topics out of a report.
MIN_RECORDS_TO_ADJUST = 50
_SHARE_COLUMNS = ("share", "share_low", "share_high", "share_counted")


def _evidence(paragraph, labels: Sequence[str]) -> list[float]:
    """The probabilities a paragraph adds to the share estimate. One with too little Chinese
    to judge (a table of figures, an English passage) counts wholly as the label it was
    given, as in ``share_counted``: its flat scores would give every topic a part of it."""
    if NOT_CHINESE in paragraph.flags:
        return [float(label == paragraph.label) for label in labels]
    return [paragraph.scores.get(label, 0.0) for label in labels]


def estimate_shares(
    characters: Sequence[int],
    probabilities: Sequence[Sequence[float]],
    error_rate: float = 0.0,
    confusion: Sequence[Sequence[float]] | None = None,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Estimate how much of a report is about each topic, with a 95% interval.

    Parameters
    ----------
    characters : sequence of int, length n_paragraphs
        The length of each paragraph: shares are shares of characters.
    probabilities : array-like of shape (n_paragraphs, n_labels)
        Calibrated probability of each label for each paragraph.
    error_rate : float, default=0.0
        The model's cross-validated error rate (1 - accuracy).
    confusion : array-like of shape (n_labels, n_labels), optional
        Cross-validated ``confusion[i, j]``: the mean probability of label ``j`` given to
        paragraphs of gold label ``i`` (counts of predictions work too: rows are
        normalised).

    Returns
    -------
    share, low, high : ndarray of shape (n_labels,)
        The estimate (shares add up to 1; all zero for a report without text) and its 95%
        interval, clipped to [0, 1].

    Notes
    -----
    Counting the characters of each paragraph's likeliest label (classify and count)
    gives every paragraph wholly to one topic, so a report's share leans towards the
    model's mistakes. Here each paragraph instead contributes its characters times the
    probability of each label (probabilistic classify and count). With ``confusion``, the
    result ``q`` is also adjusted for the model's cross-validated mistakes (probabilistic
    adjusted count): the shares ``s`` solving ``M.T @ s = q``, ``M`` the confusion matrix
    with rows normalised, by least squares, clipped at 0 and renormalised. Models trained
    with calibration record ``M`` in ``metadata["cross_validation"]["mean_probabilities"]``
    (the mean calibrated probabilities by gold label), which :meth:`Report.summary` uses;
    older models, and models trained on fewer than :data:`MIN_RECORDS_TO_ADJUST` records of
    some label, get the probabilistic count alone.

    The interval is normal, ``share ± 1.96 * sqrt(v_paragraphs + v_model)``:
    ``v_paragraphs = sum(w_i**2 * p_i * (1 - p_i)) / W**2`` is the variance of the share if
    each paragraph's topic were drawn from its calibrated probabilities ``p_i`` (``w_i``
    its characters, ``W`` all characters); ``v_model = SYSTEMATIC_SCALE * error_rate * s *
    (1 - s)`` stands for the model's systematic error on reports unlike its training data,
    which does not shrink with more paragraphs (see :data:`SYSTEMATIC_SCALE`).
    ``benchmarks/shares.py`` checks the coverage on held-out training batches.
    """
    weights = np.asarray(characters, dtype=float)
    p = np.asarray(probabilities, dtype=float)
    if p.ndim != 2 or len(p) != len(weights):
        raise ValueError(
            f"probabilities must have one row per paragraph ({len(weights)}), got shape "
            f"{p.shape}"
        )
    total = weights.sum()
    if not total:
        zeros = np.zeros(p.shape[1])
        return zeros, zeros.copy(), zeros.copy()
    share = weights @ p / total
    if confusion is not None:
        matrix = np.asarray(confusion, dtype=float)
        rates = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1.0)
        adjusted = np.clip(np.linalg.lstsq(rates.T, share, rcond=None)[0], 0.0, None)
        if adjusted.sum() > 0:
            share = adjusted / adjusted.sum()
    systematic = SYSTEMATIC_SCALE * error_rate * share * (1 - share)
    variance = (weights**2) @ (p * (1 - p)) / total**2 + systematic
    half = Z95 * np.sqrt(variance)
    return share, np.clip(share - half, 0.0, 1.0), np.clip(share + half, 0.0, 1.0)


def model_errors(model: Model, labels: tuple[str, ...]) -> dict:
    """What the model's metadata says of its cross-validated errors, as arguments of
    :func:`estimate_shares`; nothing for a model trained without calibration, and no
    confusion matrix for one trained on fewer than :data:`MIN_RECORDS_TO_ADJUST` records
    of some label."""
    cv = model.metadata.get("cross_validation") or {}
    errors: dict = {}
    if "accuracy" in cv:
        errors["error_rate"] = 1.0 - float(cv["accuracy"])
    confusion = cv.get("mean_probabilities")
    counts = (model.metadata.get("training_data") or {}).get("per_label") or {}
    fewest = min(counts.values(), default=MIN_RECORDS_TO_ADJUST)
    if fewest < MIN_RECORDS_TO_ADJUST:
        logger.info(
            "shares are not adjusted for the model's errors: it was trained on %d records "
            "of some label, fewer than %d", fewest, MIN_RECORDS_TO_ADJUST,
        )
    elif confusion is not None and tuple(model.labels) == labels:
        if np.shape(confusion) == (len(labels), len(labels)):
            errors["confusion"] = confusion
    return errors


def _labels(report) -> tuple[str, ...]:
    if report.labels:
        return tuple(report.labels)
    if report.paragraphs:
        return tuple(report.paragraphs[0].scores)
    return LABELS


def model_key(model: Model) -> tuple | None:
    """What tells one trained model from another: its training data's fingerprint and
    when it was trained; None for a model without that metadata."""
    fingerprint = model.metadata.get("training_data", {}).get("fingerprint")
    return None if fingerprint is None else (fingerprint, model.metadata.get("created"))


def _model_for(report, labels: tuple[str, ...], model: Model | None) -> Model:
    if model is None:
        model = report.model
    if model is None:
        # A report that travelled between processes (or was pickled) left its model behind.
        model = load_model()
        if tuple(model.labels) != labels:
            raise ValueError(
                f"the report was labelled with {list(labels)}, not the shipped model's "
                f"labels {list(model.labels)}: pass the model that tagged it, "
                "summary(model=...)"
            )
        tagged_by = getattr(report, "_tagged_by", None)
        if tagged_by is not None and tagged_by != model_key(model):
            warnings.warn(
                "the report was tagged with another model than the shipped one, which its "
                "summary now scores sentences and shares with; pass the model that tagged it, "
                "summary(model=...), for the shares it gave",
                EdusummaryWarning,
                stacklevel=user_stacklevel(),
            )
    if not isinstance(model, Model):
        raise TypeError(f"model must be an edusummary.Model, got {type(model).__name__}")
    missing = set(labels) - set(model.labels)
    if missing:
        raise ValueError(
            f"the model has no label {sorted(missing)}; the report was labelled with "
            f"{list(labels)} and the model knows {list(model.labels)}"
        )
    return model


#: Titles of a report on a year, or of a plan for one, which may be dated in the year after
#: or before it: its text tells the year.
_LOOKS_BACK = re.compile(
    rf"(?:总结|汇报|报告|情况|{LOOKING_BACK}|{PLAN_WORDS}){TITLE_END}"
)
#: Titles of what is of the year it is dated: a speech, a notice, a news item (a place that
#: held, launched or passed something).
_DATED = re.compile(
    rf"(?:讲话|致辞|发言|通知|通报|决定){TITLE_END}|{NEWS_HEADLINE}"
)
#: A title of a report on a school year ("2022—2023学年度工作总结"): of the year it ends in,
#: and of the autumn before.
_SCHOOL_YEAR = re.compile(r"(?:19|20)\d\d\s*年?\s*[-—–~至到]\s*(?:19|20)\d\d\s*年?\s*学年")
#: A year a plan's sentence looks back on: "2023年", in a plan for 2024.
_YEAR_MENTIONED = re.compile(r"((?:19|20)\d\d)\s*年")
#: Headings of a plan's account of where things stand.
_PRESENT_STATE = re.compile(
    r"现状|基本情况|发展基础|工作基础|现实基础|面临的?形势|存在的?问题|主要成[绩效]|取得的成[绩效]|回顾"
)


#: A report's section on the year ahead ("三、2025年工作计划", "四、下一步工作打算",
#: "存在问题及明年工作思路"): its figures are aimed at, as a plan's are.
_AHEAD_SECTION = re.compile(
    r"(?:下一步|明年|来年|今后|新的一年|(?P<year>(?:19|20)\d\d)\s*年)[^，,。；;]{0,6}?"
    r"(?:计划|打算|思路|设想|要点|重点|安排|展望|目标|任务)\s*[:：]?$"
)


def _ends_section(heading: str, level: int) -> bool:
    """Whether ``heading`` ends a section whose heading is of outline ``level`` (-1: one
    of no number, ended by a top-level heading or another of no number, not by a line
    stating figures)."""
    found = outline_level(heading)
    if level == -1:
        return found == 0 or (
            found is None and not re.search(r"\d", heading) and heading[-1:] not in "；;。"
        )
    return found is not None and found <= level


def _ahead_sections(report, year: int | None) -> list[tuple[int, int]]:
    """The spans ``(start, end)`` of ``report`` under a heading on the year ahead (see
    :data:`_AHEAD_SECTION`; a year in it must come after ``year``): to the next heading of
    its level or above, or to the end. The title ("2024年工作总结和2025年工作计划") is no
    such heading; a numbered one is, before the first paragraph too (where a report's
    opening sections hold only short lines)."""
    first = report.paragraphs[0].start if report.paragraphs else None
    spans: list[tuple[int, int]] = []
    level: int | None = None  # of the open section's heading, -1 when it has none
    for heading in report.headings:
        if level is not None and _ends_section(heading.text, level):
            spans[-1] = (spans[-1][0], heading.start)
            level = None
        ahead = _AHEAD_SECTION.search(heading.text)
        if (
            level is None and ahead
            and (
                (first is not None and heading.start > first)
                or outline_level(heading.text) is not None
            )
            and "总结" not in heading.text
            and (ahead["year"] is None or (year is not None and int(ahead["year"]) > year))
        ):
            spans.append((heading.start, len(report.text)))
            found = outline_level(heading.text)
            level = -1 if found is None else found
    return spans


def _sentence_figures(
    sentence: str, year: int | None, plan: bool, heading: str | None = None,
    school_year: bool = False,
) -> list[Figure]:
    """The figures of ``sentence``, a sentence under ``heading`` of a report of ``year``
    (or of the ``school_year`` ending in it). In a ``plan`` they are aimed at, unless the
    sentence looks back on a year before the plan's ("2023年，全县新建幼儿园5所") or
    stands in the plan's account of where things stand (现状, 发展基础): what it states as
    reached is where the plan starts from, a baseline, not the plan year's result."""
    if not plan:
        return extract_figures(sentence, year=year, school_year=school_year)
    years = [int(y) for y in _YEAR_MENTIONED.findall(sentence)]
    if not any(y < (year or 0) for y in years) and not (
        heading and _PRESENT_STATE.search(heading)
    ):
        return extract_figures(sentence, plan=True, year=year)
    return [
        figure._replace(kind=BASELINE) if figure.kind == RESULT else figure
        for figure in extract_figures(sentence, year=year)
    ]


def _add_sentences_and_figures(
    report, model: Model, topics: dict[str, TopicSummary], year: int | None, plan: bool,
    school_year: bool,
) -> None:
    sentences = []  # (paragraph, sentence text)
    for paragraph in report.paragraphs:
        for start, end in sentence_spans(paragraph.text):
            sentences.append((paragraph, paragraph.text[start:end]))
    if not sentences:
        return
    ahead = [] if plan else _ahead_sections(report, year)

    def aims(start: int) -> bool:
        return plan or any(a <= start < b for a, b in ahead)

    def figures_of(text: str, start: int, heading: str | None) -> list[Figure]:
        return _sentence_figures(text, year, aims(start), heading, school_year)

    lines = _figure_lines(report, figures_of)
    # Sentences and short lines are scored in one model call.
    probabilities = model.predict_proba(
        [text for _, text in sentences] + [line.text for line, _ in lines]
    )
    column = {label: i for i, label in enumerate(model.labels)}
    # Each short line with its figures and its scores, filed in report order.
    pending = deque(
        (line, line_figures, row)
        for (line, line_figures), row in zip(lines, probabilities[len(sentences) :], strict=True)
    )

    def file_line() -> None:
        line, line_figures, row = pending.popleft()
        owner = _sure_topic(row, model.labels, topics) or _owner_of_line(report, line)
        topics[owner].figures.extend(line_figures)

    candidates: dict[str, list[tuple[float, int, str]]] = {label: [] for label in topics}
    for position, ((paragraph, text), row) in enumerate(
        zip(sentences, probabilities[: len(sentences)], strict=True)
    ):
        while pending and pending[0][0].start < paragraph.start:
            file_line()
        figures = figures_of(text, paragraph.start, paragraph.heading)
        own = [label for label in paragraph.labels if label in topics]
        owner = max(own, key=lambda label: row[column[label]]) if len(own) > 1 else paragraph.label
        # A sentence plainly about another topic ("巩固率达到98.7%" in a paragraph on
        # kindergartens) gives its figures to that topic.
        topics[_sure_topic(row, model.labels, topics) or owner].figures.extend(figures)
        han = han_count(text)
        if han < MIN_SENTENCE_HAN:
            continue
        content = min(1.0, han / _FULL_SENTENCE_HAN) * (1 + 0.25 * min(len(figures), 2))
        if han > _LONG_SENTENCE_HAN:
            content *= _LONG_SENTENCE_HAN / han
        for label in own:
            p = float(row[column[label]])
            # A key sentence is about its topic: the model's likeliest label for it, or
            # more likely than not; fewer than three sentences rather than wrong ones.
            if p >= _KEY_SENTENCE_MIN or p == row.max():
                candidates[label].append((p * content, position, text))
    while pending:
        file_line()
    for label, scored in candidates.items():
        chosen: list[str] = []
        for _, _, text in sorted(scored, key=lambda item: (-item[0], item[1])):
            if text not in chosen:
                chosen.append(text)
            if len(chosen) == SENTENCES_PER_TOPIC:
                break
        topics[label].sentences = chosen


def _figure_lines(
    report, figures_of: Callable[[str, int, str | None], list[Figure]]
) -> list[tuple[Segment, list[Figure]]]:
    """The lines too short to be paragraphs that state figures ("学前三年毛入园率达到96.2%；"
    in a list of a report's main indicators), with their figures (``figures_of(text,
    start, heading)``), in report order: a report often states its key figures there."""
    found = []
    for line in report.headings:
        figures = figures_of(line.text, line.start, line.heading)
        if figures:
            found.append((line, figures))
    return found


def _sure_topic(row, labels: Sequence[str], topics: dict) -> str | None:
    """The topic the model is sure a sentence or line is about, with a probability of
    at least :data:`_SURE_TOPIC_MIN` (never the fallback label); None when it is not sure."""
    best = int(np.argmax(row))
    label = labels[best]
    if label != FALLBACK and label in topics and row[best] >= _SURE_TOPIC_MIN:
        return label
    return None


def _owner_of_line(report, line: Segment) -> str:
    """The topic a short line's figures go to when the model is not sure what the line is
    about (see :func:`_sure_topic`). An item of a list, closed by ；or 。, goes
    with the paragraph before it (the sentence that introduces the list); a heading
    ("（一）新增学位5000个") with the paragraph after it, which it heads."""
    before = [p for p in report.paragraphs if p.start < line.start]
    after = [p for p in report.paragraphs if p.start > line.start]
    item = line.text.rstrip().endswith(("；", ";", "。"))
    nearest = (before[-1:] if item else after[:1]) or before[-1:] or after[:1]
    return nearest[0].label


def summary_frame(rows: list[dict]):
    """Summary rows (:data:`COLUMNS`) as a pandas DataFrame with the documented dtypes."""
    pd = require("pandas", "to_frame()")
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["year"] = frame["year"].astype("Int64")
    for column in ("mean_confidence", *_SHARE_COLUMNS, *KEY_COLUMNS):
        frame[column] = frame[column].astype(float)
    return frame
