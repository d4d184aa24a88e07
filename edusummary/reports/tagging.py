"""Tagging whole reports: read, segment, label every paragraph.

:class:`Tagger` ties the stages together around one model. The package keeps one default
tagger whose methods are the top-level functions ``edusummary.tag``, ``tag_file`` and
``predict``; it loads the shipped model on first use, and :func:`use_model` switches it.
"""

from __future__ import annotations

import math
import numbers
import os
import re
import threading
import warnings
from collections.abc import Iterable, Iterator, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .._chinese import HAN, display_path, scrub
from ..errors import EdusummaryWarning, user_stacklevel
from ..model.classifier import Model, one_column
from ..model.evaluation import review_threshold
from ..model.predictions import Predictions
from ..model.shipped import as_model, check_model_argument, is_default, load_model
from ..reading import Document, read, read_parts
from ..text.segmenting import FURNITURE, PARAGRAPH, Segment, segment
from ..topics import LOW_CONFIDENCE, MIN_HAN_CHARS, NOT_CHINESE, REVIEW, fallback_label
from .report import Paragraph, Report


class Tagger:
    """Labels reports and paragraphs with one model.

    Parameters
    ----------
    model : Model, path or None
        A model, a model file, or None for the shipped default (loaded on first use).
    secondary_threshold : float, default=0.3
        A label other than the primary one is listed in ``Paragraph.labels`` when its
        probability reaches this.
    sentence_threshold : float or None, default=0.9
        A topic is also listed in ``Paragraph.labels`` when one of the paragraph's
        sentences is about it: in a paragraph of two or more sentences (of at least 10
        Chinese characters each), a sentence whose own most likely label is the topic, with
        at least this probability. LABELS.md gives a paragraph the secondary labels of the
        topics that take a full sentence of it; the paragraph's own probabilities rarely
        show them (the primary topic takes most of the mass). None scores no sentences;
        they add about a quarter to tagging time (``benchmarks/sentence_cost.py``). Chosen
        by leave-one-batch-out cross-validation on ``data/``.
    low_confidence : float, default=0.5
        Paragraphs whose primary label has a lower probability are flagged
        :data:`LOW_CONFIDENCE`.
    review_threshold : float, optional
        Paragraphs whose primary label has a lower probability are flagged ``review``; by
        default the model's own, chosen by cross-validation when it was trained (see
        :func:`edusummary.model.evaluation.choose_review_threshold`).
    """

    def __init__(
        self,
        model: Model | str | os.PathLike[str] | None = None,
        secondary_threshold: float = 0.3,
        low_confidence: float = 0.5,
        review_threshold: float | None = None,
        sentence_threshold: float | None = 0.9,
    ) -> None:
        checked = [("secondary_threshold", secondary_threshold), ("low_confidence", low_confidence)]
        for name, value in (
            ("review_threshold", review_threshold), ("sentence_threshold", sentence_threshold)
        ):
            if value is not None:
                checked.append((name, value))
        for name, value in checked:
            if (
                not isinstance(value, numbers.Real)
                or isinstance(value, bool)
                or not 0.0 < value <= 1.0
            ):
                raise ValueError(f"{name} must be a number in (0, 1], got {value!r}")
        check_model_argument(model)  # here, not at the first paragraph tagged
        self._source = model
        self._model = model if isinstance(model, Model) else None
        self.secondary_threshold = secondary_threshold
        self.low_confidence = low_confidence
        self.review_threshold = review_threshold
        self.sentence_threshold = sentence_threshold
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        model = "'default'" if self._source is None else f"{self._source!r:.80}"
        options = ", ".join(
            f"{name}={getattr(self, name)!r}"
            for name in ("secondary_threshold", "low_confidence", "review_threshold",
                         "sentence_threshold")
        )
        return f"Tagger(model={model}, {options})"

    @property
    def model(self) -> Model:
        """The model, loaded on first access."""
        # Read once: reset() in another thread may clear the attribute at any moment.
        model = self._model
        if model is None:
            with self._lock:
                if self._model is None:
                    self._model = load_model(self._source)
                model = self._model
        return model

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
            with self._lock:  # not while another thread is loading it
                self._model = None

    def predict(
        self, texts: Iterable[str], k: int = 1, threshold: float = 0.0
    ) -> Predictions:
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
        text = _checked_text(text, "tag() expects the report text")
        if "\n" not in text and len(text) < 1024 and os.path.isfile(text):
            warnings.warn(
                f"tag() took {text!r} as report text, but a file of that name exists; to tag "
                "the file, use tag_file(path)",
                EdusummaryWarning,
                stacklevel=user_stacklevel(),
            )
        return self._tagged_texts([text])[0]

    def tag_texts(self, texts: Iterable[str], names: Iterable | None = None) -> list[Report]:
        """Tag many reports' texts, scoring all their paragraphs in one model call.

        The same reports as ``[tagger.tag(text) for text in texts]``, faster when the
        reports are short: each model call has a fixed cost about that of scoring 50
        paragraphs.

        Parameters
        ----------
        texts : iterable of str
            Whole reports, held in memory together with their paragraphs; for a very
            large number of reports, pass them a few hundred at a time. A sheet's empty
            cell (None, NaN) is an empty report, warned of as an empty text is. A pandas
            Series' rows are named by their index labels in warnings and errors
            (``texts['R003']``), its other items by their positions.
        names : iterable, optional
            What to call each report, one per text (a sheet's column of ids, 编号): each
            report's :attr:`~edusummary.Report.name`, which its summary and the ``report``
            column of :func:`edusummary.summarize` give, so that results join back to the
            sheet's rows.

        Returns
        -------
        list of Report
            One per text, in the order given.

        Raises
        ------
        ValueError
            ``names`` holds more or fewer items than ``texts``.
        """
        if isinstance(texts, str):
            raise TypeError("tag_texts() expects a sequence of report texts, got one str")
        # A DataFrame of reports gives its column, as it does to predict, not its header.
        texts = one_column(texts, "tag_texts() texts")
        index = getattr(texts, "index", None)
        texts = list(texts)
        # A sheet's rows are known by their labels, which stay with them once rows are
        # filtered or sorted; a list's method .index is no label.
        labels = range(len(texts)) if index is None or callable(index) else index
        shown = [f"{label!r}" if isinstance(label, str) else f"{label}" for label in labels]
        called = None if names is None else [_name(name) for name in names]
        if called is not None and len(called) != len(texts):
            raise ValueError(
                f"tag_texts() got {len(called):,} names for {len(texts):,} texts; "
                "give one name per text"
            )
        checked = [
            "" if _missing(text)
            else _checked_text(text, f"tag_texts() expects each report text (item {name})")
            for name, text in zip(shown, texts, strict=True)
        ]
        # Each said of its item, and so once each: Python shows a repeated message once.
        reports = self._tagged_texts(checked, [f"texts[{name}]" for name in shown])
        for report, name in zip(reports, called or (), strict=False):
            report.name = name
        return reports

    def tag_file(self, path: str | os.PathLike[str]) -> Report:
        """Read a report file (see :func:`edusummary.read`), then :meth:`tag` it."""
        return _said(self._reports([self._segmented_file(path)]))[0]

    def iter_paragraphs(self, path: str | os.PathLike[str]) -> Iterator[Paragraph]:
        """Tag a report file of any size, yielding its paragraphs as they are labelled.

        Unlike :meth:`tag_file`, nothing of the whole report is kept: a plain-text file of
        hundreds of megabytes is read, segmented and labelled piece by piece (see
        :func:`edusummary.reading.read_parts`) in bounded memory. Offsets refer to the
        whole file's text, as in :meth:`tag_file`; but where a large file's printed pages
        are laid out a part at a time, each part's furniture follows its own text.
        """
        _, parts = read_parts(path)
        model = self.model  # the file's every piece scored and named by one model
        offset = index = 0
        heading = None
        for part in parts:
            piece = part.whole_text
            shifted = []
            for seg in _segments(piece, part):
                if seg.kind == PARAGRAPH:
                    if seg.heading is not None:
                        heading = seg.heading
                    shifted.append(
                        Segment(seg.kind, seg.text, seg.start + offset, seg.end + offset, heading)
                    )
                elif seg.kind != FURNITURE:
                    heading = seg.text
            yield from self._paragraphs(shifted, self._probabilities(shifted, model), index)
            index += len(shifted)
            offset += len(piece)

    # Tagging is split in three so that bulk runs (edusummary.batch.running) can read and
    # segment several files, score all their paragraphs in one model call, then assemble
    # each file's report on its own: a model call costs as much as scoring 50 paragraphs.

    def _tagged_texts(
        self, texts: Sequence[str], names: Sequence[str] | None = None
    ) -> list[Report]:
        """Reports of checked texts, their warnings said (of ``names``, see :func:`_said`).
        Lone surrogates would break UTF-8 output; scrubbing keeps offsets. Files are
        scrubbed where they are read."""
        return _said(self._reports([self._segmented(scrub(text)) for text in texts]), names)

    def _segmented(
        self,
        text: str,
        source: str | None = None,
        encoding: str | None = None,
        warnings: Sequence[str] = (),
        layout: Document | None = None,
    ) -> Segmented:
        """A report's text cut into segments, its paragraphs waiting to be scored; the
        headings, table rows, notes and furniture its file marks come with the ``layout``."""
        segments = _segments(text, layout)
        paragraphs = [s for s in segments if s.kind == PARAGRAPH]
        return Segmented(text, segments, paragraphs, source, encoding, list(warnings))

    def _segmented_file(self, path: str | os.PathLike[str]) -> Segmented:
        document = read(path)
        return self._segmented(
            document.whole_text, document.source, document.encoding, document.warnings,
            document,
        )

    def _scores(self, reports: Sequence[Segmented]) -> list[Scored]:
        """The scores of each report's paragraphs, from one model call."""
        scored = self._probabilities(
            [p for report in reports for p in report.paragraphs], self.model
        )
        split = []
        start = 0
        for report in reports:
            split.append(scored.part(start, start + len(report.paragraphs)))
            start += len(report.paragraphs)
        return split

    def _reports(self, reports: Sequence[Segmented]) -> list[Report]:
        return [
            self._report(report, scored)
            for report, scored in zip(reports, self._scores(reports), strict=True)
        ]

    def _report(self, segmented: Segmented, scored: Scored) -> Report:
        """The report of ``segmented``, given the scores of its paragraphs: named by the
        model that scored them, whatever use_model() has done since."""
        text, segments, pieces, source, encoding, warnings = segmented
        model = scored.model
        paragraphs = list(self._paragraphs(pieces, scored))
        warnings = list(warnings)
        if not text.strip() and source is None:
            # A file says so as it is read; text passed in is said here.
            warnings.append("text: empty; there is nothing to tag")
        named = display_path(source) if source else "text"
        if text.strip() and not paragraphs and _a_character_a_line(text):
            warnings.append(
                f"{named}: no paragraph to tag; its lines hold a character each (copied out "
                "of a vertical or very narrow layout?): join them into lines of text first"
            )
        elif text.strip() and not paragraphs:
            # A file of headings or a table alone is no foreign text: say what it held.
            warnings.append(
                f"{named}: no paragraph to tag; its text is all headings, table rows or page "
                "furniture"
            )
        elif text.strip() and all(NOT_CHINESE in p.flags for p in paragraphs):
            warnings.append(
                f"{named}: no paragraph with {MIN_HAN_CHARS} or more Chinese characters; is "
                "this a Chinese report?"
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

    def _probabilities(self, pieces: Sequence[Segment], model: Model) -> Scored:
        """Each paragraph's probabilities by ``model`` and the topics its sentences are
        about, from one model call for the paragraphs and their sentences per
        :data:`_SCORE_BLOCK` paragraphs: the model's working copies of the texts stay
        bounded however large the report."""
        blocks: list[np.ndarray] = []
        topics: list[AbstractSet[int]] = [_NO_TOPICS] * len(pieces)
        for start in range(0, len(pieces), _SCORE_BLOCK):
            texts = [piece.text for piece in pieces[start : start + _SCORE_BLOCK]]
            if self.sentence_threshold is None:
                blocks.append(model.predict_proba(texts))
                continue
            probabilities, by_sentence, owners = model.predict_proba_with_sentences(
                texts, _SENTENCE_MIN_HAN
            )
            blocks.append(probabilities)
            # A sentence's topic is a secondary one: a paragraph of one sentence has none.
            several = np.bincount(owners, minlength=len(texts))[owners] >= 2
            sure = several & (by_sentence.max(axis=1) >= self.sentence_threshold)
            for owner, column in zip(
                (owners[sure] + start).tolist(), by_sentence[sure].argmax(axis=1).tolist(),
                strict=True,
            ):
                topics[owner] = topics[owner] | {column}
        if not blocks:
            return Scored(model, np.zeros((0, len(model.labels))), topics)
        return Scored(model, np.concatenate(blocks), topics)

    def _paragraphs(
        self, pieces: list[Segment], scored: Scored, first: int = 0
    ) -> Iterator[Paragraph]:
        """Label paragraph segments from their scores, numbering them from ``first``."""
        if not pieces:
            return
        model = scored.model
        labels = model.labels
        # Looked up once per call, not per paragraph: the model's review threshold is
        # a search through its metadata.
        review_at = self.review_threshold
        if review_at is None:
            review_at = review_threshold(model)
        uniform = 1.0 / len(labels)
        fallback = fallback_label(labels)
        fallback_column = labels.index(fallback)
        secondary = self.secondary_threshold
        low = self.low_confidence
        # The few distinct tuples of labels and of flags, shared between the paragraphs: a
        # large report holds 50 bytes less for each.
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        for index, (piece, row, in_sentences) in enumerate(
            zip(pieces, scored.rows(), scored.sentence_topics, strict=True), first
        ):
            flags: tuple[str, ...] = ()
            if _too_little_chinese(piece.text):
                # Too little Chinese for the model to judge: say so rather than guess.
                flags = (NOT_CHINESE,)
                scores = dict.fromkeys(labels, uniform)
                primary = fallback
                chosen = (primary,)
                confidence = uniform
            else:
                scores = dict(zip(labels, row, strict=True))
                # Best first, ties in the model's label order (index and sorted keep the
                # first of equals); few labels pass the threshold, so few are sorted.
                confidence = max(row)
                best = row.index(confidence)
                primary = labels[best]
                others = [
                    c for c, value in enumerate(row) if c != best and (
                        value >= secondary or (c in in_sentences and c != fallback_column)
                    )
                ]
                others.sort(key=row.__getitem__, reverse=True)
                chosen = (primary, *(labels[c] for c in others))
            if confidence < low:
                flags += (LOW_CONFIDENCE,)
            if confidence < review_at:
                flags += (REVIEW,)
            yield Paragraph(
                index=index,
                text=piece.text,
                label=primary,
                labels=shared.setdefault(chosen, chosen),
                scores=scores,
                start=piece.start,
                end=piece.end,
                heading=piece.heading,
                flags=shared.setdefault(flags, flags),
            )


@dataclass(frozen=True)
class Scored:
    """The scores of a run of paragraphs: the model that gave them (a tagger's model may
    be switched by :func:`use_model` in another thread meanwhile), their probabilities (in
    its label order) and, for each, the columns of the topics its sentences are about."""

    model: Model
    probabilities: np.ndarray
    sentence_topics: list[AbstractSet[int]]

    def part(self, start: int, stop: int) -> Scored:
        """The scores of paragraphs ``start`` to ``stop``."""
        return Scored(
            self.model, self.probabilities[start:stop], self.sentence_topics[start:stop]
        )

    def rows(self) -> Iterator[list[float]]:
        """Each paragraph's probabilities as plain floats (numpy scalars cost more than
        the scoring), converted a block at a time: lists for a whole large report would
        outweigh its paragraphs' own scores."""
        for start in range(0, len(self.probabilities), _ROW_BLOCK):
            yield from self.probabilities[start : start + _ROW_BLOCK].tolist()


#: The sentence topics of most paragraphs, shared rather than an empty set each.
_NO_TOPICS: frozenset[int] = frozenset()
#: Paragraphs scored in one model call by :meth:`Tagger._probabilities`.
_SCORE_BLOCK = 10_000
#: Paragraphs whose probabilities :meth:`Scored.rows` converts at a time.
_ROW_BLOCK = 1_000


#: Sentences shorter than this say too little to carry a topic of their own.
_SENTENCE_MIN_HAN = 10


class Segmented(NamedTuple):
    """A report cut into segments whose paragraphs are not scored yet (see
    :meth:`Tagger._segmented`)."""

    text: str
    segments: list[Segment]
    paragraphs: list[Segment]
    source: str | None
    encoding: str | None
    warnings: list[str]


def _said(reports: list[Report], names: Sequence[str] | None = None) -> list[Report]:
    """``reports``, each of their warnings (bytes replaced, an empty file, no paragraph)
    issued as an :class:`EdusummaryWarning`: in a notebook nobody reads
    ``report.warnings``. A text's warnings name it by ``names`` ("texts[2]: …")."""
    for i, report in enumerate(reports):
        for message in report.warnings:
            if names is not None and message.startswith("text:"):
                message = names[i] + message[len("text") :]
            warnings.warn(message, EdusummaryWarning, stacklevel=user_stacklevel())
    return reports


def _name(value: object) -> str | None:
    """A report's name from a sheet's cell of ids: 1001 of a column pandas made float by an
    empty cell is 1001, not 1001.0; an empty cell names none (the report keeps its title)."""
    if _missing(value):
        return None
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _missing(value: object) -> bool:
    """Whether ``value`` is a sheet's empty cell: None, NaN, or pandas' NA."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or (
        type(value).__name__ == "NAType"
    )


def _checked_text(text: object, what: str) -> str:
    if not isinstance(text, str):
        hint = "; to tag a file use tag_file(path)" if isinstance(text, os.PathLike) else ""
        raise TypeError(f"{what} as str, got {type(text).__name__}{hint}")
    return text


#: Matches text holding at least MIN_HAN_CHARS Chinese characters, stopping at the last
#: one needed: three times faster than counting a prefix for every paragraph.
_ENOUGH_HAN = re.compile(f"(?:[^{HAN}]*[{HAN}]){{{MIN_HAN_CHARS}}}")


def _too_little_chinese(text: str) -> bool:
    return _ENOUGH_HAN.match(text) is None


#: The tagger behind ``edusummary.tag``, ``tag_file`` and ``predict``; it loads the shipped
#: model on first use (``default_tagger.reset()`` forgets it). :func:`use_model` switches
#: its model: the top-level functions are its methods, bound at import, so another tagger
#: assigned to ``edusummary.default_tagger`` would not be used.
default_tagger = Tagger()


def use_model(model: Model | str | os.PathLike[str] | None = None) -> None:
    """Label with ``model`` wherever the default tagger labels: ``edusummary.tag``,
    ``tag_file``, ``tag_texts``, ``predict``, and ``tag_many``, ``summarize`` and
    :class:`~edusummary.TaggingPool` when given no tagger.

    Parameters
    ----------
    model : Model, path or None
        A model, or a model file (loaded now, so that a bad file fails here;
        ``default_tagger.reset()`` loads it again after retraining into it). None or
        "default" goes back to the shipped model.

    Raises
    ------
    TypeError
        ``model`` is not a model, a path or None.
    ModelError
        The model file is missing, damaged or not a model.
    """
    loaded = None if is_default(model) else as_model(model)
    with default_tagger._lock:  # not while another thread is loading the model
        default_tagger._source = None if is_default(model) else model
        default_tagger._model = loaded


def resolve_tagger(tagger: Tagger | None) -> Tagger:
    """``tagger``, or :data:`default_tagger` when it is None: the one place the batch and
    summary functions find the default, so that it is looked up at call time."""
    if tagger is None:
        return default_tagger
    if not isinstance(tagger, Tagger):
        raise TypeError(f"tagger must be an edusummary.Tagger, got {type(tagger).__name__}")
    return tagger


def _a_character_a_line(text: str) -> bool:
    """Whether nearly every line of ``text`` holds one character."""
    lines = [line for line in text.split("\n") if line.strip()]
    return len(lines) >= _LINES_SHOWN and sum(len(line.strip()) == 1 for line in lines) >= (
        _ONE_CHARACTER_SHARE * len(lines)
    )


#: Lines a text has, at least, to show it holds a character a line, and the share of them.
_LINES_SHOWN = 20
_ONE_CHARACTER_SHARE = 0.8


def _segments(text: str, layout: Document | None) -> list[Segment]:
    """``text`` cut into segments, with the headings, table rows, notes and furniture its
    file marks (``layout``, the file's :class:`Document`)."""
    if layout is None:
        return segment(text)
    return segment(
        text, layout.headings, layout.table_rows, layout.notes, layout.wrapped,
        not layout.tables_found, layout.furniture, layout.paged,
    )
