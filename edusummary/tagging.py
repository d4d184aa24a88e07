"""Tagging whole reports: read, segment, label every paragraph.

:class:`Tagger` ties the stages together around one model. The package keeps one default
tagger whose methods are the top-level functions ``edusummary.tag``, ``tag_file`` and
``predict``; it loads the shipped model on first use.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from .classifier import Model
from .reading import read
from .segmenting import FURNITURE, PARAGRAPH, Segment, segment

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
    """

    index: int
    text: str
    label: str
    labels: tuple[str, ...]
    scores: dict[str, float]
    start: int
    end: int
    heading: str | None = None

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
    """

    paragraphs: list[Paragraph]
    text: str
    source: str | None = None
    encoding: str | None = None
    headings: list[Segment] = field(default_factory=list)
    removed: list[Segment] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.paragraphs)

    def __iter__(self):
        return iter(self.paragraphs)

    def __repr__(self) -> str:
        where = f" source={self.source!r}" if self.source else ""
        return f"<edusummary.Report{where} paragraphs={len(self.paragraphs)}>"

    def rows(self) -> list[dict]:
        """One plain dict per paragraph: source, index, label, labels, confidence, heading,
        start, end, text (the rows the CLI writes)."""
        return [
            {
                "source": self.source,
                "index": p.index,
                "label": p.label,
                "labels": list(p.labels),
                "confidence": round(p.confidence, 4),
                "heading": p.heading,
                "start": p.start,
                "end": p.end,
                "text": p.text,
            }
            for p in self.paragraphs
        ]


class Tagger:
    """Labels reports and paragraphs with one model.

    Parameters
    ----------
    model : Model, path or None
        A model, a model file, or None for the shipped default (loaded on first use).
    secondary_threshold : float, default=0.3
        A label other than the primary one is listed in ``Paragraph.labels`` when its
        probability reaches this.
    """

    def __init__(
        self,
        model: Model | str | os.PathLike[str] | None = None,
        secondary_threshold: float = 0.3,
    ) -> None:
        if not 0.0 < secondary_threshold <= 1.0:
            raise ValueError(
                f"secondary_threshold must be in (0, 1], got {secondary_threshold!r}"
            )
        self._source = model
        self._model = model if isinstance(model, Model) else None
        self.secondary_threshold = secondary_threshold
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
        paragraphs = []
        for index, (piece, row) in enumerate(zip(pieces, probabilities, strict=True)):
            scores = {label: float(p) for label, p in zip(model.labels, row, strict=True)}
            ranked = sorted(scores, key=scores.__getitem__, reverse=True)
            labels = [ranked[0]] + [
                label for label in ranked[1:] if scores[label] >= self.secondary_threshold
            ]
            paragraphs.append(
                Paragraph(
                    index=index,
                    text=piece.text,
                    label=ranked[0],
                    labels=tuple(labels),
                    scores=scores,
                    start=piece.start,
                    end=piece.end,
                    heading=piece.heading,
                )
            )
        return Report(
            paragraphs=paragraphs,
            text=text,
            source=source,
            encoding=encoding,
            headings=[s for s in segments if s.kind not in (PARAGRAPH, FURNITURE)],
            removed=[s for s in segments if s.kind == FURNITURE],
            warnings=warnings or [],
        )


#: The tagger behind ``edusummary.tag``, ``tag_file`` and ``predict``; it loads the shipped
#: model on first use.
default_tagger = Tagger()
