"""Tagged reports: the paragraphs of a report with their labels, and the report itself.

A :class:`Report` is what :class:`~edusummary.reports.tagging.Tagger` returns; it knows how
to summarise itself (:meth:`Report.summary`) and to draw its topic shares
(:meth:`Report.plot`).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from html import escape

from .._chinese import display_path
from .._english import counted
from .._optional import require
from ..model.classifier import Model
from ..text.segmenting import Segment
from .summary import Summary, model_key, summarize_report


@dataclass(frozen=True)
class Paragraph:
    """A labelled paragraph of a report.

    Attributes
    ----------
    index : int
        Position among the report's paragraphs, from 0.
    text : str
    label : str
        The primary label.
    labels : tuple of str
        The primary label, then secondary labels whose probability reaches the tagger's
        ``secondary_threshold``, most likely first.
    scores : dict of str to float
        Calibrated probability of every label.
    start, end : int
        Character offsets of the paragraph in the report text (``end`` exclusive).
    heading : str or None
        The nearest heading above the paragraph.
    flags : tuple of str
        ``not_chinese``, ``low_confidence``, ``review`` (see :mod:`edusummary.topics`),
        or nothing.
    """

    index: int
    text: str
    label: str
    labels: tuple[str, ...]
    scores: dict[str, float] = field(hash=False)  # equal paragraphs hash alike without it
    start: int
    end: int
    heading: str | None = None
    flags: tuple[str, ...] = ()

    @property
    def confidence(self) -> float:
        """Probability of the primary label."""
        return self.scores[self.label]


#: Rows of a report's table in a notebook: the first ones, "…", then the last few.
_HTML_ROWS = 60
_HTML_TAIL_ROWS = 10


@dataclass
class Report:
    """A tagged report.

    Attributes
    ----------
    paragraphs : list of Paragraph
    text : str
        The full text the offsets refer to.
    source : str or None
        The file it was read from, as Python names it, to open it by: a name whose bytes
        are not UTF-8 (GBK names from an archive) holds surrogate escapes, which
        :meth:`rows`, :meth:`to_frame`, the notebook table and the outputs write as the
        characters they stand for.
    encoding : str or None
        The encoding the file was decoded with.
    headings : list of Segment
        Short pieces (under 15 Chinese characters) kept as headings, not labelled.
    removed : list of Segment
        Site furniture and page markers left out of the paragraphs.
    warnings : list of str
        Problems met while reading.
    labels : tuple of str
        The label set of the model that tagged it, in the model's order: the topics of
        :meth:`summary`.
    model : Model or None
        The model that tagged it, which :meth:`summary` scores sentences with. It is not
        pickled (a report sent between processes leaves it behind).
    name : str or None
        What it is called, when given (``tag_texts(texts, names=...)``: a sheet's id of
        the row it came from): its summary's name, before its file name or title.
    """

    paragraphs: list[Paragraph]
    text: str
    source: str | None = None
    encoding: str | None = None
    headings: list[Segment] = field(default_factory=list)
    removed: list[Segment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    labels: tuple[str, ...] = ()
    model: Model | None = field(default=None, repr=False, compare=False)
    name: str | None = None

    def __getstate__(self) -> dict:
        # Reports travel back from worker processes by the thousand; the model would
        # travel with each one.
        state = dict(self.__dict__)
        if self.model is not None:
            # What the model was, so that a summary with another one can say so.
            state["_tagged_by"] = model_key(self.model)
        state["model"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __len__(self) -> int:
        return len(self.paragraphs)

    def __iter__(self):
        return iter(self.paragraphs)

    def __getitem__(self, index):
        """``report[0]``, ``report[-1]``, ``report[2:5]``: its paragraphs."""
        return self.paragraphs[index]

    def __repr__(self) -> str:
        where = f" source={self.source!r}" if self.source else ""
        return f"<edusummary.Report{where} paragraphs={len(self.paragraphs)}>"

    def rows(self) -> list[dict]:
        """One plain dict per paragraph (see :func:`paragraph_row`): the rows the CLI
        writes, their ``source`` writable as UTF-8."""
        source = display_path(self.source) if self.source else self.source
        return [paragraph_row(p, source) for p in self.paragraphs]

    def to_frame(self):
        """The paragraphs as a pandas DataFrame, one row each, with the columns of
        :meth:`rows` (needs pandas: ``pip install edusummary[notebook]``)."""
        pd = require("pandas", "Report.to_frame()")
        return pd.DataFrame(self.rows(), columns=list(_ROW_COLUMNS))

    def _repr_html_(self) -> str:
        """A compact table of the paragraphs, for Jupyter: the first and last of a long
        report, as pandas shows a long table, so that a notebook stays small."""
        rows = []
        shown = self.paragraphs
        if len(shown) > _HTML_ROWS:
            shown = [*shown[: _HTML_ROWS - _HTML_TAIL_ROWS], None, *shown[-_HTML_TAIL_ROWS:]]
        for paragraph in shown:
            if paragraph is None:
                hidden = len(self.paragraphs) - _HTML_ROWS
                rows.append(f'<tr><td colspan="5">… {hidden} more paragraphs '
                            "(report.to_frame() holds them all)</td></tr>")
                continue
            text = paragraph.text.replace("\n", " ")
            cells = (
                paragraph.index, escape(paragraph.label), f"{paragraph.confidence:.2f}",
                escape(" ".join(paragraph.flags)),
                escape(text[:PREVIEW_CHARACTERS]) + ("…" if len(text) > PREVIEW_CHARACTERS else ""),
            )
            rows.append("<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>")
        where = f" {escape(display_path(self.source))}" if self.source else ""
        return (
            f"<div><strong>Report{where}</strong> "
            f"<small>{counted(len(self.paragraphs), 'paragraph')}</small>"
            "<table><thead><tr><th>paragraph</th><th>label</th><th>confidence</th>"
            f"<th>flags</th><th>text</th></tr></thead><tbody>{''.join(rows)}</tbody>"
            "</table></div>"
        )

    def summary(self, model: Model | None = None) -> Summary:
        """How much of the report is about each topic, its key sentences and figures.

        Key sentences are scored, not taken in order: the model's probability of the topic
        for the sentence alone, times a weight that ranks fragments and run-on sentences
        down and sentences stating figures up (the formula is in
        :func:`edusummary.reports.summary.summarize_report`). ``model`` defaults to the model that
        tagged the report.

        Returns
        -------
        Summary
            One row per topic of the model's label set; ``print()`` it for a table,
            ``.rows``/``.to_dict()`` for plain data, ``.to_frame()`` for pandas.
        """
        return summarize_report(self, model)

    def plot(self, ax=None, path: str | os.PathLike[str] | None = None):
        """Bar chart of the report's topic shares (needs matplotlib).

        Parameters
        ----------
        ax : matplotlib Axes, optional
            Draw here; by default on a new figure.
        path : path, optional
            Also save the figure there (.png, .svg, .pdf).

        Returns
        -------
        matplotlib.axes.Axes
        """
        return self.summary().plot(ax=ax, path=path)


#: Characters of each paragraph shown in a notebook.
PREVIEW_CHARACTERS = 60
_ROW_COLUMNS = (
    "source", "index", "label", "labels", "confidence", "flags", "heading", "start", "end", "text"
)


def paragraph_row(paragraph: Paragraph, source: str | None) -> dict:
    """A paragraph as a plain dict: source, index, label, labels, confidence, flags,
    heading, start, end, text."""
    return {
        "source": source,
        "index": paragraph.index,
        "label": paragraph.label,
        "labels": list(paragraph.labels),
        "confidence": round(paragraph.confidence, 4),
        "flags": list(paragraph.flags),
        "heading": paragraph.heading,
        "start": paragraph.start,
        "end": paragraph.end,
        "text": paragraph.text,
    }
