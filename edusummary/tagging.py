"""Tagging whole reports: read, segment, label every paragraph.

:class:`Tagger` ties the stages together around one model. The package keeps one default
tagger whose methods are the top-level functions ``edusummary.tag``, ``tag_file`` and
``predict``; it loads the shipped model on first use.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .classifier import Model
from .labels import MIN_HAN_CHARS
from .reading import read, read_pieces
from .segmenting import FURNITURE, PARAGRAPH, Segment, han_count, segment

#: Flag of a paragraph with too little Chinese to judge (text in another language): it is
#: labelled ``other`` with every label equally likely.
NOT_CHINESE = "not_chinese"
#: Flag of a paragraph whose primary label has a probability below the tagger's
#: ``low_confidence``: worth a human look.
LOW_CONFIDENCE = "low_confidence"

#: File name of the shipped model inside the ``edusummary.models`` package (repo: models/).
DEFAULT_MODEL_NAME = "default.esm"


def default_model_path() -> Path:
    """Where the shipped default model lives."""
    try:
        return Path(str(resources.files("edusummary.models").joinpath(DEFAULT_MODEL_NAME)))
    except ModuleNotFoundError:
        # Imported from a source checkout without installing: the package maps the
        # repository's models/ folder, which sits beside the edusummary/ folder.
        return Path(__file__).resolve().parent.parent / "models" / DEFAULT_MODEL_NAME


def load_model(path: str | os.PathLike[str] | None = None) -> Model:
    """Load a model file; with no argument, the shipped default model.

    Raises
    ------
    ModelError
        The file is missing, damaged or not a model.
    """
    return Model.load(default_model_path() if path is None else path)


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
        :data:`NOT_CHINESE`, :data:`LOW_CONFIDENCE`, or nothing.
    """

    index: int
    text: str
    label: str
    labels: tuple[str, ...]
    scores: dict[str, float]
    start: int
    end: int
    heading: str | None = None
    flags: tuple[str, ...] = ()

    @property
    def confidence(self) -> float:
        """Probability of the primary label."""
        return self.scores[self.label]


@dataclass
class Report:
    """A tagged report.

    Attributes
    ----------
    paragraphs : list of Paragraph
    text : str
        The full text the offsets refer to.
    source : str or None
        The file it was read from.
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

    def __getstate__(self) -> dict:
        # Reports travel back from worker processes by the thousand; the model would
        # travel with each one.
        state = dict(self.__dict__)
        state["model"] = None
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)

    def __len__(self) -> int:
        return len(self.paragraphs)

    def __iter__(self):
        return iter(self.paragraphs)

    def __repr__(self) -> str:
        where = f" source={self.source!r}" if self.source else ""
        return f"<edusummary.Report{where} paragraphs={len(self.paragraphs)}>"

    def rows(self) -> list[dict]:
        """One plain dict per paragraph (see :func:`paragraph_row`): the rows the CLI
        writes."""
        return [paragraph_row(p, self.source) for p in self.paragraphs]

    def summary(self, model: Model | None = None):
        """How much of the report is about each topic, its key sentences and figures.

        Key sentences are scored, not taken in order: the model's probability of the topic
        for the sentence alone, times a weight that ranks fragments and run-on sentences
        down and sentences stating figures up (the formula is in
        :func:`edusummary.summaries.summarize_report`). ``model`` defaults to the model that
        tagged the report.

        Returns
        -------
        Summary
            One row per topic of the model's label set; ``print()`` it for a table,
            ``.rows``/``.to_dict()`` for plain data, ``.to_frame()`` for pandas.
        """
        # summaries builds on this module, so it is imported when used, not at the top.
        from .summaries import summarize_report

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


class Tagger:
    """Labels reports and paragraphs with one model.

    Parameters
    ----------
    model : Model, path or None
        A model, a model file, or None for the shipped default (loaded on first use).
    secondary_threshold : float, default=0.3
        A label other than the primary one is listed in ``Paragraph.labels`` when its
        probability reaches this.
    low_confidence : float, default=0.5
        Paragraphs whose primary label has a lower probability are flagged
        :data:`LOW_CONFIDENCE`.
    """

    def __init__(
        self,
        model: Model | str | os.PathLike[str] | None = None,
        secondary_threshold: float = 0.3,
        low_confidence: float = 0.5,
    ) -> None:
        for name, value in (
            ("secondary_threshold", secondary_threshold), ("low_confidence", low_confidence)
        ):
            if not isinstance(value, (int, float)) or not 0.0 < value <= 1.0:
                raise ValueError(f"{name} must be a number in (0, 1], got {value!r}")
        self._source = model
        self._model = model if isinstance(model, Model) else None
        self.secondary_threshold = secondary_threshold
        self.low_confidence = low_confidence
        self._lock = threading.Lock()

    @property
    def model(self) -> Model:
        """The model, loaded on first access."""
        if self._model is None:
            with self._lock:
                if self._model is None:
                    self._model = load_model(self._source)
        return self._model

    def __getstate__(self) -> dict:
        # Worker processes receive the tagger with its model; a lock does not travel.
        state = dict(self.__dict__)
        del state["_lock"]
        return state

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    def reset(self) -> None:
        """Forget a loaded model file; the next use loads it again."""
        if not isinstance(self._source, Model):
            self._model = None

    def predict(
        self, texts: Sequence[str], k: int = 1, threshold: float = 0.0
    ) -> list[list[tuple[str, float]]]:
        """Labels of paragraph texts; see :meth:`edusummary.Model.predict`."""
        return self.model.predict(texts, k=k, threshold=threshold)

    def tag(self, text: str) -> Report:
        """Segment a report's text and label each paragraph.

        Parameters
        ----------
        text : str
            The whole report. A string is always text, never a path: use :meth:`tag_file`.

        Returns
        -------
        Report
        """
        if not isinstance(text, str):
            hint = "; to tag a file use tag_file(path)" if isinstance(text, os.PathLike) else ""
            raise TypeError(
                f"tag() expects the report text as str, got {type(text).__name__}{hint}"
            )
        return self._tag(text)

    def tag_file(self, path: str | os.PathLike[str]) -> Report:
        """Read a report file (see :func:`edusummary.read`), then :meth:`tag` it."""
        document = read(path)
        return self._tag(
            document.text, document.source, document.encoding, list(document.warnings)
        )

    def iter_paragraphs(self, path: str | os.PathLike[str]) -> Iterator[Paragraph]:
        """Tag a report file of any size, yielding its paragraphs as they are labelled.

        Unlike :meth:`tag_file`, nothing of the whole report is kept: a plain-text file of
        hundreds of megabytes is read, segmented and labelled piece by piece (see
        :func:`edusummary.reading.read_pieces`) in bounded memory. Offsets refer to the
        whole file's text, as in :meth:`tag_file`.
        """
        _, pieces = read_pieces(path)
        offset = index = 0
        heading = None
        for piece in pieces:
            segments = [s for s in segment(piece) if s.kind != FURNITURE]
            texts = [s.text for s in segments if s.kind == PARAGRAPH]
            probabilities = iter(self.model.predict_proba(texts) if texts else [])
            for seg in segments:
                if seg.kind == PARAGRAPH:
                    shifted = Segment(
                        seg.kind, seg.text, seg.start + offset, seg.end + offset,
                        seg.heading if seg.heading is not None else heading,
                    )
                    yield self._paragraph(index, shifted, next(probabilities))
                    index += 1
                    heading = shifted.heading
                else:
                    heading = seg.text
            offset += len(piece)

    def _tag(
        self,
        text: str,
        source: str | None = None,
        encoding: str | None = None,
        warnings: list[str] | None = None,
    ) -> Report:
        segments = segment(text)
        pieces = [s for s in segments if s.kind == PARAGRAPH]
        model = self.model
        probabilities = model.predict_proba([s.text for s in pieces]) if pieces else []
        paragraphs = [
            self._paragraph(index, piece, row)
            for index, (piece, row) in enumerate(zip(pieces, probabilities, strict=True))
        ]
        warnings = list(warnings or [])
        if text.strip() and all(NOT_CHINESE in p.flags for p in paragraphs):
            warnings.append(
                f"{source or 'text'}: no paragraph with {MIN_HAN_CHARS} or more Chinese "
                "characters; is this a Chinese report?"
            )
        return Report(
            paragraphs=paragraphs,
            text=text,
            source=source,
            encoding=encoding,
            headings=[s for s in segments if s.kind not in (PARAGRAPH, FURNITURE)],
            removed=[s for s in segments if s.kind == FURNITURE],
            warnings=warnings,
            labels=tuple(model.labels),
            model=model,
        )

    def _paragraph(self, index: int, piece: Segment, probabilities) -> Paragraph:
        labels = self.model.labels
        flags = []
        if han_count(piece.text) < MIN_HAN_CHARS:
            # Too little Chinese for the model to judge: say so rather than guess.
            flags.append(NOT_CHINESE)
            scores = {label: 1.0 / len(labels) for label in labels}
            primary = "other" if "other" in scores else labels[0]
            secondary = []
        else:
            scores = {label: float(p) for label, p in zip(labels, probabilities, strict=True)}
            primary, *others = sorted(scores, key=scores.__getitem__, reverse=True)
            secondary = [label for label in others if scores[label] >= self.secondary_threshold]
        if scores[primary] < self.low_confidence:
            flags.append(LOW_CONFIDENCE)
        return Paragraph(
            index=index,
            text=piece.text,
            label=primary,
            labels=(primary, *secondary),
            scores=scores,
            start=piece.start,
            end=piece.end,
            heading=piece.heading,
            flags=tuple(flags),
        )


#: The tagger behind ``edusummary.tag``, ``tag_file`` and ``predict``; it loads the shipped
#: model on first use.
default_tagger = Tagger()
