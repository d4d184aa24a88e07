"""Summaries of tagged reports: how much is about each topic, its key sentences and figures.

:func:`summarize_report` (``Report.summary()``) turns one tagged report into a
:class:`Summary`, one :class:`TopicSummary` per topic of the model's label set.
:func:`summarize` does it for many reports and returns one pandas DataFrame (see
:data:`COLUMNS`), ready for CSV or Excel.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from ._optional import require
from .bulk import find_reports, tag_many
from .classifier import Model
from .figures import Figure, chinese_number, extract_figures, sentence_spans
from .labels import LABEL_NAMES, LABELS
from .segmenting import han_count
from .tagging import LOW_CONFIDENCE, Report, Tagger, default_tagger

#: How many representative sentences each topic gets.
SENTENCES_PER_TOPIC = 3
#: Sentences with fewer Chinese characters say too little to represent a topic.
MIN_SENTENCE_HAN = 8
#: Sentences shorter than this many Chinese characters are scored down in proportion...
_FULL_SENTENCE_HAN = 20
#: ...and so are sentences longer than this, which are hard to read as a key statement.
_LONG_SENTENCE_HAN = 120


@dataclass(frozen=True)
class KeyFigure:
    """An indicator analysts compare across reports: a column of :func:`summarize`.

    Attributes
    ----------
    column : str
        The DataFrame column, the name and unit: "毛入园率(%)".
    unit : str
        The unit values are converted to ("万元": "1.2亿元" becomes 12000).
    pattern : str
        Regular expression an indicator must match (``re.search``).
    """

    column: str
    unit: str
    pattern: str

    def value(self, figures: Iterable[Figure]) -> float | None:
        """The first figure, in report order, that states this indicator in its unit;
        changes ("较上年提高…") and placeholders do not count."""
        for figure in figures:
            if not figure.missing and not figure.change and re.search(
                self.pattern, figure.indicator
            ):
                converted = figure.in_unit(self.unit)
                if converted is not None:
                    return converted
        return None


#: The key figures of :func:`summarize`, one column each.
KEY_FIGURES: tuple[KeyFigure, ...] = (
    KeyFigure("毛入园率(%)", "%", r"入园率"),
    KeyFigure("普惠覆盖率(%)", "%", r"普惠.*(?:覆盖率|占比)"),
    KeyFigure("巩固率(%)", "%", r"巩固率"),
    KeyFigure("新建幼儿园(所)", "所", r"(?:新建|改扩建|建成).*(?:幼儿园|园)"),
    KeyFigure("新增学位(个)", "个", r"学位"),
    KeyFigure("投入资金(万元)", "万元", r"投入|资金|经费|投资|支出"),
)

#: The columns of :func:`summarize`'s DataFrame, in order, with what each holds.
COLUMNS: dict[str, str] = {
    "report": "the report's name: its file name, else its title, else 'report N'",
    "source": "the file it was read from (empty for text)",
    "title": "the title line, when the report starts with one",
    "region": "the region the title names (清水县, 河西区 …), when it names one",
    "year": "the year the title (or the first lines) states, when it states one",
    "topic": "topic id from the model's label set",
    "topic_name": "the topic's Chinese name (the id for labels outside LABELS)",
    "paragraphs": "paragraphs whose primary label is the topic",
    "characters": "characters in those paragraphs",
    "share": "characters / all paragraph characters of the report, 0-1",
    "mean_confidence": "mean probability of the primary label over those paragraphs",
    "low_confidence": "how many of those paragraphs are flagged low_confidence",
    "figures": "how many figures the topic's sentences state (placeholders included)",
    "placeholders": "how many of them are unfilled placeholders such as xx%",
    "key_figures": "every figure as 'indicator value unit', separated by '；'",
    "key_sentences": "the topic's representative sentences, best first, one per line",
    **{
        key.column: f"first stated figure whose indicator matches {key.pattern!r}, "
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
        ``characters`` over the characters of all the report's paragraphs, 0 to 1.
    mean_confidence : float or None
        Mean probability of the primary label over those paragraphs; None without any.
    low_confidence : int
        Those of them flagged ``low_confidence``.
    sentences : list of str
        Up to three representative sentences, best first (see :func:`summarize_report`).
    figures : list of Figure
        The figures stated in the topic's sentences, in report order.
    """

    topic: str
    name: str
    paragraphs: int = 0
    characters: int = 0
    share: float = 0.0
    mean_confidence: float | None = None
    low_confidence: int = 0
    sentences: list[str] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)

    def to_dict(self) -> dict:
        """A plain, JSON-ready dict; figures as dicts."""
        return {
            "topic": self.topic,
            "name": self.name,
            "paragraphs": self.paragraphs,
            "characters": self.characters,
            "share": self.share,
            "mean_confidence": self.mean_confidence,
            "low_confidence": self.low_confidence,
            "sentences": list(self.sentences),
            "figures": [figure._asdict() for figure in self.figures],
        }


@dataclass
class Summary:
    """A report summarised by topic; ``str(summary)`` is a readable table.

    Attributes
    ----------
    topics : list of TopicSummary
        One per label of the model, in the model's order; their ``paragraphs`` add up to
        the report's paragraphs.
    name : str
        A short name: the file name, else the title, else "report".
    source, title, region : str or None
    year : int or None
    paragraphs, characters : int
        Of the whole report (paragraphs only: headings and removed text are not counted).
    """

    topics: list[TopicSummary]
    name: str
    source: str | None = None
    title: str | None = None
    region: str | None = None
    year: int | None = None
    paragraphs: int = 0
    characters: int = 0

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
        return {
            "report": self.name,
            "source": self.source,
            "title": self.title,
            "region": self.region,
            "year": self.year,
            "topic": topic.topic,
            "topic_name": topic.name,
            "paragraphs": topic.paragraphs,
            "characters": topic.characters,
            "share": topic.share,
            "mean_confidence": topic.mean_confidence,
            "low_confidence": topic.low_confidence,
            "figures": len(topic.figures),
            "placeholders": sum(figure.missing for figure in topic.figures),
            "key_figures": "；".join(format_figure(f) for f in topic.figures),
            "key_sentences": "\n".join(topic.sentences),
            **{key.column: key.value(topic.figures) for key in KEY_FIGURES},
        }

    def to_dict(self) -> dict:
        """The whole summary as a plain, JSON-ready dict."""
        return {
            "name": self.name,
            "source": self.source,
            "title": self.title,
            "region": self.region,
            "year": self.year,
            "paragraphs": self.paragraphs,
            "characters": self.characters,
            "topics": [topic.to_dict() for topic in self.topics],
        }

    def to_frame(self):
        """The rows as a pandas DataFrame (columns: :data:`COLUMNS`).

        Needs pandas (``pip install edusummary[notebook]``).
        """
        return _frame(self.rows)

    def to_text(self, figures: int = 5) -> str:
        """A readable table: one line per topic, then each topic's key sentences and up
        to ``figures`` figures."""
        facts = [f for f in (self.region, f"{self.year}年" if self.year else None) if f]
        width = max([_width(f"{t.name} {t.topic}") for t in self.topics] + [5]) + 2
        lines = [
            f"{self.title or self.name}" + (f"（{'，'.join(facts)}）" if facts else ""),
            f"{self.paragraphs} paragraphs, {self.characters} characters",
            "",
            _pad("topic", width) + f"{'paragraphs':>11}{'characters':>11}{'share':>8}"
            f"{'confidence':>11}{'figures':>9}",
        ]
        for topic in self.topics:
            confidence = "-" if topic.mean_confidence is None else f"{topic.mean_confidence:.2f}"
            lines.append(
                _pad(f"{topic.name} {topic.topic}", width)
                + f"{topic.paragraphs:>11}{topic.characters:>11}{topic.share:>8.1%}"
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

    def plot(self, ax=None, path: str | os.PathLike[str] | None = None):
        """Bar chart of the topic shares; see :func:`edusummary.plotting.plot_report`."""
        # plotting builds on this module, so it is imported when used, not at the top.
        from .plotting import plot_report

        return plot_report(self, ax=ax, path=path)


def format_figure(figure: Figure) -> str:
    """"学前三年毛入园率 95.3%", "投入资金 1200万元（余）", "入园率 xx%（未填）".

    >>> format_figure(Figure("投入资金", 1200.0, "万元", "", "1200余万元", "余"))
    '投入资金 1200万元（余）'
    """
    value = "xx" if figure.value is None else f"{figure.value:g}"
    note = "未填" if figure.missing else figure.qualifier
    name = f"{figure.indicator} " if figure.indicator else ""
    return f"{name}{value}{figure.unit}" + (f"（{note}）" if note else "")


def _width(text: str) -> int:
    """Terminal columns ``text`` takes: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * max(width - _width(text), 1)


# -- what the title says ------------------------------------------------------------------

_TITLE = re.compile(
    r"^[\u4e00-\u9fff\d（）()“”]{4,60}?(?:工作总结|工作汇报|情况的?汇报|工作要点|工作计划|"
    r"工作报告|述职报告|汇报|总结|要点|计划|报告)"
)
#: A region name: Chinese characters, but none of the words that open a phrase instead
#: ("关于全县", "县政府的…").
_PLACE_CHAR = r"(?:(?!政府|委)[^\W\d_的于全本我各该关在])"
_REGION = re.compile(
    rf"(?:^|[\s>》：:]|\d[、.])((?:{_PLACE_CHAR}{{1,10}}?(?:省|自治区|市|自治州|州|盟|地区|县|"
    r"自治县|旗|区)){1,3})(?:人民政府)?教(?:育|体)",
    re.MULTILINE,
)
_YEAR = re.compile(r"((?:19|20)\d\d|[二][〇零][〇零一二三四五六七八九]{2})\s*年")


def report_title(report: Report) -> str | None:
    """The report's title: a heading above its first paragraph, or the title words that
    open it ("东岭县教育局关于全县教育工作情况的汇报")."""
    first = report.paragraphs[0].start if report.paragraphs else len(report.text)
    for heading in report.headings:
        if heading.start < first:
            return heading.text.strip()
    if report.paragraphs:
        match = _TITLE.match(report.paragraphs[0].text)
        if match:
            return match.group(0)
    return None


def report_region(text: str) -> str | None:
    """The region whose education bureau wrote the report, named at the start of a line
    or after a separator in ``text`` (the title or the first lines).

    >>> report_region("河西区教育局2024年工作要点"), report_region("关于全县教育工作")
    ('河西区', None)
    """
    match = _REGION.search(text)
    return match.group(1) if match else None


def report_year(text: str) -> int | None:
    """The first year ``text`` states: "2023年", "二〇二三年".

    >>> report_year("清水县教育局2023年工作总结"), report_year("二〇二四年工作要点")
    (2023, 2024)
    """
    match = _YEAR.search(text)
    if not match:
        return None
    year = match.group(1)
    return int(year) if year.isdigit() else int(chinese_number(year))


def _opening(report: Report) -> str:
    """The title and the first lines of the report, where region and year are stated."""
    removed = {segment.start for segment in report.removed}
    pieces = sorted(
        [(s.start, s.text) for s in report.headings if s.start not in removed][:3]
        + [(p.start, p.text[:80]) for p in report.paragraphs[:2]]
    )
    return "\n".join(text for _, text in pieces)


# -- one report ---------------------------------------------------------------------------


def summarize_report(report: Report, model: Model | None = None) -> Summary:
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
    if not isinstance(report, Report):
        raise TypeError(f"summarize_report() expects a Report, got {type(report).__name__}")
    labels = _labels(report)
    model = _model_for(report, labels, model)
    topics = {label: TopicSummary(label, LABEL_NAMES.get(label, label)) for label in labels}
    total = sum(len(p.text) for p in report.paragraphs)
    confidences: dict[str, list[float]] = {label: [] for label in labels}
    for paragraph in report.paragraphs:
        topic = topics[paragraph.label]
        topic.paragraphs += 1
        topic.characters += len(paragraph.text)
        topic.low_confidence += LOW_CONFIDENCE in paragraph.flags
        confidences[paragraph.label].append(paragraph.confidence)
    for label, topic in topics.items():
        topic.share = topic.characters / total if total else 0.0
        if confidences[label]:
            topic.mean_confidence = float(np.mean(confidences[label]))
    _add_sentences_and_figures(report, model, topics)
    title = report_title(report)
    opening = _opening(report)
    return Summary(
        topics=list(topics.values()),
        name=Path(report.source).name if report.source else (title or "report"),
        source=report.source,
        title=title,
        region=report_region(title or "") or report_region(opening),
        year=report_year(title or "") or report_year(opening),
        paragraphs=len(report.paragraphs),
        characters=total,
    )


def _labels(report: Report) -> tuple[str, ...]:
    if report.labels:
        return tuple(report.labels)
    if report.paragraphs:
        return tuple(report.paragraphs[0].scores)
    return LABELS


def _model_for(report: Report, labels: tuple[str, ...], model: Model | None) -> Model:
    if model is None:
        model = report.model
    if model is None:
        model = default_tagger.model
        if tuple(model.labels) != labels:
            raise ValueError(
                f"the report was labelled with {list(labels)}, not the shipped model's "
                f"labels {list(model.labels)}: pass the model that tagged it, "
                "summary(model=...)"
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


def _add_sentences_and_figures(
    report: Report, model: Model, topics: dict[str, TopicSummary]
) -> None:
    sentences = []  # (paragraph, sentence text)
    for paragraph in report.paragraphs:
        for start, end in sentence_spans(paragraph.text):
            sentences.append((paragraph, paragraph.text[start:end]))
    if not sentences:
        return
    probabilities = model.predict_proba([text for _, text in sentences])
    column = {label: i for i, label in enumerate(model.labels)}
    candidates: dict[str, list[tuple[float, int, str]]] = {label: [] for label in topics}
    for position, ((paragraph, text), row) in enumerate(
        zip(sentences, probabilities, strict=True)
    ):
        figures = extract_figures(text)
        own = [label for label in paragraph.labels if label in topics]
        owner = max(own, key=lambda label: row[column[label]]) if len(own) > 1 else paragraph.label
        topics[owner].figures.extend(figures)
        han = han_count(text)
        if han < MIN_SENTENCE_HAN:
            continue
        content = min(1.0, han / _FULL_SENTENCE_HAN) * (1 + 0.25 * min(len(figures), 2))
        if han > _LONG_SENTENCE_HAN:
            content *= _LONG_SENTENCE_HAN / han
        for label in own:
            candidates[label].append((float(row[column[label]]) * content, position, text))
    for label, scored in candidates.items():
        chosen: list[str] = []
        for _, _, text in sorted(scored, key=lambda item: (-item[0], item[1])):
            if text not in chosen:
                chosen.append(text)
            if len(chosen) == SENTENCES_PER_TOPIC:
                break
        topics[label].sentences = chosen


# -- many reports -------------------------------------------------------------------------


def summarize(
    reports: str | os.PathLike[str] | Report | Iterable[str | os.PathLike[str] | Report],
    *,
    tagger: Tagger | None = None,
    n_jobs: int = 1,
    errors: str = "warn",
):
    """Summarise many reports into one pandas DataFrame, one row per report and topic.

    Parameters
    ----------
    reports : path, Report, or an iterable of them
        Report files, folders of them (searched like ``edusummary tag`` does, not
        recursively), or reports already tagged.
    tagger : Tagger, optional
        Tags the files; defaults to :data:`edusummary.default_tagger`.
    n_jobs : int, default=1
        Worker processes for tagging files; -1 for one per core.
    errors : {"warn", "raise"}, default="warn"
        What to do with a file that cannot be tagged: log a warning and leave it out, or
        raise.

    Returns
    -------
    pandas.DataFrame
        Rows in the order the reports were given (files in folder order), topics in the
        model's order. Columns, see :data:`COLUMNS`:

        - ``report`` (str): file name, else title, else "report N";
        - ``source``, ``title``, ``region`` (str or None), ``year`` (Int64, may be <NA>);
        - ``topic``, ``topic_name`` (str);
        - ``paragraphs``, ``characters``, ``low_confidence``, ``figures``,
          ``placeholders`` (int);
        - ``share`` (float, 0-1), ``mean_confidence`` (float, NaN without paragraphs);
        - ``key_figures``, ``key_sentences`` (str);
        - one float column per :data:`KEY_FIGURES` entry: ``毛入园率(%)``,
          ``普惠覆盖率(%)``, ``巩固率(%)``, ``新建幼儿园(所)``, ``新增学位(个)``,
          ``投入资金(万元)`` (NaN when the topic states no such figure).

        Write it with ``df.to_csv(path, index=False, encoding="utf-8-sig")`` or
        ``df.to_excel(path, index=False)``.

    Raises
    ------
    MissingDependencyError
        pandas is not installed (``pip install edusummary[notebook]``).
    """
    require("pandas", "summarize()")
    if errors not in ("warn", "raise"):
        raise ValueError(f"errors must be 'warn' or 'raise', got {errors!r}")
    if isinstance(reports, (str, os.PathLike, Report)):
        reports = [reports]
    items = list(reports)
    for position, item in enumerate(items):
        if not isinstance(item, (str, os.PathLike, Report)):
            raise TypeError(
                f"reports[{position}] must be a path or a Report, got {type(item).__name__}"
            )
    tagger = tagger or default_tagger
    slots: list[str | Report] = []  # the reports and files, in the order given
    for item in items:
        slots.extend([item] if isinstance(item, Report) else find_reports([item]))
    paths = [slot for slot in slots if isinstance(slot, str)]
    # All files in one run, so that worker processes share the work.
    tagged = {
        report.source: report
        for report in tag_many(paths, n_jobs=n_jobs, tagger=tagger, errors=errors)
    }
    rows = []
    for number, slot in enumerate(slots, 1):
        report = slot if isinstance(slot, Report) else tagged.get(slot)
        if report is None:
            continue  # could not be tagged; tag_many has said why
        summary = summarize_report(report, report.model or tagger.model)
        if not summary.source and not summary.title:
            summary.name = f"report {number}"
        rows.extend(summary.rows)
    return _frame(rows)


def _frame(rows: list[dict]):
    pd = require("pandas", "to_frame()")
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    frame["year"] = frame["year"].astype("Int64")
    for column in ("mean_confidence", "share", *(key.column for key in KEY_FIGURES)):
        frame[column] = frame[column].astype(float)
    return frame
