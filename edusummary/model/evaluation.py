"""How good a model is on labelled records: accuracy, per-label P/R/F1, macro-F1,
the confusion matrix and the calibration error of its confidences."""

from __future__ import annotations

import os
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

import numpy as np

from .._chinese import display_width, ljust_columns, rjust_columns
from .._english import counted
from ..errors import DataError, EdusummaryWarning
from ..topics import LABELS
from .classifier import Model
from .records import Record, close_label, load_samples, row_hash
from .shipped import as_model

#: The review threshold of models trained before one was chosen by cross-validation.
FALLBACK_REVIEW_THRESHOLD = 0.5
#: At most this share of paragraphs is flagged for review on cross-validated scores.
REVIEW_SHARE = 0.2
#: Below this many samples a score is said to move by a paragraph's worth: on a dozen
#: paragraphs one mistake is 0.08 of accuracy, which reads as a verdict.
FEW_SAMPLES = 100


def choose_review_threshold(confidence: np.ndarray, share: float = REVIEW_SHARE) -> float:
    """The review threshold that flags at most ``share`` of the paragraphs.

    Parameters
    ----------
    confidence : ndarray of shape (n_samples,)
        Cross-validated probability of each paragraph's predicted label.
    share : float, default=0.2

    Returns
    -------
    float
        Paragraphs whose confidence is below it are flagged ``review``. The least confident
        paragraphs are where the mistakes gather, so this flags as many mistakes as a
        confidence cut-off can within the share.
    """
    confidence = np.sort(np.asarray(confidence, dtype=float))
    if confidence.size == 0:
        return FALLBACK_REVIEW_THRESHOLD
    return float(confidence[int(share * confidence.size)])


def review_threshold(model: Model) -> float:
    """The model's review threshold: chosen by cross-validation when it was trained (see
    :func:`choose_review_threshold`), else :data:`FALLBACK_REVIEW_THRESHOLD`."""
    return float(model.metadata.get("review", {}).get("threshold", FALLBACK_REVIEW_THRESHOLD))


def review_scores(flagged: np.ndarray, correct: np.ndarray) -> dict[str, float]:
    """How well a review flag finds mistakes: the share of paragraphs it flags, the share
    of mistakes it flags (recall) and the share of flagged paragraphs that are mistakes
    (precision)."""
    flagged = np.asarray(flagged, dtype=bool)
    wrong = ~np.asarray(correct, dtype=bool)
    return {
        "flagged": float(flagged.mean()) if flagged.size else 0.0,
        "recall": float((flagged & wrong).sum() / wrong.sum()) if wrong.any() else 1.0,
        "precision": float((flagged & wrong).sum() / flagged.sum()) if flagged.any() else 0.0,
    }


def expected_calibration_error(
    confidence: np.ndarray, correct: np.ndarray, bins: int = 10
) -> float:
    """Expected calibration error of top-label confidences.

    Parameters
    ----------
    confidence : ndarray of shape (n_samples,)
        Probability given to the predicted label.
    correct : ndarray of bool, shape (n_samples,)
        Whether the predicted label was right.
    bins : int, default=10
        Equal-width confidence bins over [0, 1].

    Returns
    -------
    float
        Sum over bins of (bin share) * |accuracy - mean confidence|.
    """
    confidence = np.asarray(confidence, dtype=float)
    correct = np.asarray(correct, dtype=float)
    if confidence.size == 0:
        return 0.0
    which = np.minimum((confidence * bins).astype(int), bins - 1)
    error = 0.0
    for b in range(bins):
        mask = which == b
        if mask.any():
            error += mask.mean() * abs(correct[mask].mean() - confidence[mask].mean())
    return float(error)


@dataclass
class Evaluation:
    """Scores of predictions against gold labels.

    Attributes
    ----------
    labels : tuple of str
        Row and column order of :attr:`confusion` and :attr:`per_label`.
    accuracy : float
    macro_f1 : float
        Mean F1 over the labels that occur in the gold labels or the predictions.
    per_label : dict of str to dict
        ``{"precision", "recall", "f1", "support"}`` for each label.
    confusion : ndarray of shape (n_labels, n_labels)
        ``confusion[i, j]`` counts gold ``labels[i]`` predicted as ``labels[j]``.
    ece : float or None
        Expected calibration error (None when no confidences were given).
    n : int
        Number of records scored.
    mistakes : list of dict
        The worst mistakes, most confident first: ``text``, ``gold``, ``predicted``,
        ``confidence``, and ``where`` each was read when known (empty when no texts were
        given).
    in_gold_labels : float or None
        Share of predictions that are among the record's labels, primary or secondary (an
        overview predicted as one of the topics it covers counts): None without them.
    review : dict or None
        The review flag: ``threshold``, and the ``flagged`` share, ``recall`` (mistakes
        flagged) and ``precision`` (flagged that are mistakes); None without it.
    trained_on : int
        Samples the model was trained on: left out of the scores by :func:`evaluate`
        (scored, and its scores optimistic, with ``include_trained=True``).
    unknown_to_model : tuple of str
        Labels some sample carries that the model cannot give: their samples are all
        mistakes, and their F1 of 0 is in the macro-F1.
    """

    labels: tuple[str, ...]
    accuracy: float
    macro_f1: float
    per_label: dict[str, dict[str, float]]
    confusion: np.ndarray
    ece: float | None
    n: int
    mistakes: list[dict] = field(default_factory=list)
    in_gold_labels: float | None = None
    review: dict | None = None
    trained_on: int = 0
    trained_on_included: bool = False
    unknown_to_model: tuple[str, ...] = ()

    def to_dict(self) -> dict:
        return {
            "n": self.n,
            "unknown_to_model": list(self.unknown_to_model),
            "trained_on": self.trained_on,
            "trained_on_included": self.trained_on_included,
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "ece": self.ece,
            "in_gold_labels": self.in_gold_labels,
            "review": self.review,
            "per_label": self.per_label,
            "labels": list(self.labels),
            "confusion": self.confusion.tolist(),
            "mistakes": self.mistakes,
        }

    def to_frame(self):
        """The per-label table as a pandas DataFrame (index: label)."""
        try:
            import pandas as pd
        except ImportError as exc:
            raise ImportError("to_frame() needs pandas: pip install edusummary[notebook]") from exc
        return pd.DataFrame.from_dict(self.per_label, orient="index")

    def to_text(self) -> str:
        """A readable report: summary line, per-label table, confusion matrix."""
        width = max(display_width(label) for label in self.labels) + 2
        lines = [
            f"records: {self.n}   accuracy: {self.accuracy:.4f}   macro-F1: {self.macro_f1:.4f}"
            + (f"   ECE: {self.ece:.4f}" if self.ece is not None else ""),
            "",
        ]
        if self.trained_on:
            lines.insert(0, self.trained_on_note())
        if self.unknown_to_model:
            rows = sum(self.per_label[label]["support"] for label in self.unknown_to_model)
            lines.insert(-1, f"the model has no label {', '.join(self.unknown_to_model)}: "
                             f"{counted(rows, 'sample')} with it count as mistakes")
        if self.n < FEW_SAMPLES:
            lines.insert(-1, few_samples_note(self.n))
        predicted = np.asarray(self.confusion).sum(axis=0)
        given_only = [
            label for label, column in zip(self.labels, predicted, strict=True)
            if column and not self.per_label[label]["support"]
        ]
        carried = [s["f1"] for s in self.per_label.values() if s["support"]]
        if given_only and carried:
            # A split of a sheet (one kind of document) often lacks a label: its F1 of 0
            # weighs in the macro-F1 as a whole label would.
            lines.insert(-1, f"given but carried by no sample: {', '.join(given_only)} "
                             f"(F1 0 in the macro-F1); macro-F1 over the labels samples "
                             f"carry: {float(np.mean(carried)):.4f}")
        if self.in_gold_labels is not None:
            lines.insert(1, f"label among the gold labels (primary or secondary): "
                            f"{self.in_gold_labels:.4f}")
        if self.review is not None:
            r = self.review
            # With no mistakes, recall 100% and precision 0% would read as a verdict.
            wrong = self.n - int(np.trace(self.confusion))
            # Of one mistake, 100% says little.
            some = f" ({round(r['recall'] * wrong)} of {wrong})" if wrong < 20 else ""
            caught = (
                "no mistakes to catch" if not wrong
                else f"catches {r['recall']:.1%} of mistakes{some}, precision "
                # Of nothing flagged, no precision: 0% would read as a verdict.
                + (f"{r['precision']:.1%}" if r["flagged"] else "—")
            )
            lines.insert(1, f"review flag (confidence < {r['threshold']:.2f}): marks "
                            f"{r['flagged']:.1%} of paragraphs, {caught}")
        lines.append(
            f"{'label':<{width}}{'precision':>10}{'recall':>10}{'F1':>10}{'support':>9}"
        )
        for label, column in zip(self.labels, predicted, strict=True):
            s = self.per_label[label]
            # A label no sample carries has no recall, and one none was given no precision,
            # to speak of: 0.000 would read as a failure. A label given but carried by no
            # sample has its F1 of 0 in the macro-F1, and shows it.
            precision = f"{s['precision']:>10.3f}" if column else f"{'—':>10}"
            recall = f"{s['recall']:>10.3f}" if s["support"] else f"{'—':>10}"
            f1 = f"{s['f1']:>10.3f}" if s["support"] or column else f"{'—':>10}"
            lines.append(f"{ljust_columns(label, width)}{precision}{recall}{f1}{s['support']:>9d}")
        lines += ["", "confusion matrix (rows: gold, columns: predicted)"]
        short = [_cut(label, 8) for label in self.labels]
        lines.append(" " * width + "".join(rjust_columns(name, 10) for name in short))
        for label, row in zip(self.labels, self.confusion, strict=True):
            lines.append(ljust_columns(label, width) + "".join(f"{int(v):>10d}" for v in row))
        if self.mistakes:
            lines += ["", "worst mistakes (gold -> predicted, confidence)"]
            for mistake in self.mistakes:
                text = mistake["text"].replace("\n", " ")
                lines.append(
                    f"{mistake['gold']} -> {mistake['predicted']} {mistake['confidence']:.2f}  "
                    f"{text[:60]}{'…' if len(text) > 60 else ''}"
                )
                if mistake.get("where"):
                    # To go back to the row and check its gold label.
                    lines.append(f"    {mistake['where']}")
        return "\n".join(lines)

    def trained_on_note(self) -> str:
        """What the scores say about samples the model was trained on."""
        if self.trained_on_included:
            return (
                f"WARNING: {self.trained_on} of these {self.n} samples were in the model's "
                "training data: these scores are optimistic"
            )
        return (
            f"{counted(self.trained_on, 'sample')} the model was trained on left out; "
            f"{counted(self.n, 'unseen sample')} scored"
        )

    def __str__(self) -> str:
        return self.to_text()

    def _repr_html_(self) -> str:
        """Summary line, per-label table and confusion matrix, for Jupyter."""
        facts = [f"records {self.n}", f"accuracy {self.accuracy:.4f}",
                 f"macro-F1 {self.macro_f1:.4f}"]
        if self.ece is not None:
            facts.append(f"ECE {self.ece:.4f}")
        per_label = "".join(
            f"<tr><th>{escape(label)}</th>"
            + "".join(
                f"<td>{self.per_label[label][k]:.3f}</td>" for k in ("precision", "recall", "f1")
            )
            + f"<td>{self.per_label[label]['support']}</td></tr>"
            for label in self.labels
        )
        names = "".join(f"<th>{escape(label)}</th>" for label in self.labels)
        confusion = "".join(
            f"<tr><th>{escape(label)}</th>" + "".join(f"<td>{int(v)}</td>" for v in row) + "</tr>"
            for label, row in zip(self.labels, self.confusion, strict=True)
        )
        return (
            f"<div><p>{escape('   '.join(facts))}</p>"
            "<table><thead><tr><th>label</th><th>precision</th><th>recall</th><th>F1</th>"
            f"<th>support</th></tr></thead><tbody>{per_label}</tbody></table>"
            "<p>confusion matrix (rows: gold, columns: predicted)</p>"
            f"<table><thead><tr><th></th>{names}</tr></thead><tbody>{confusion}</tbody>"
            "</table></div>"
        )


def score(
    gold: Sequence[str],
    predicted: Sequence[str],
    confidence: Sequence[float] | None = None,
    labels: Sequence[str] | None = None,
    texts: Sequence[str] | None = None,
    worst: int = 10,
    gold_labels: Sequence[Sequence[str]] | None = None,
    review_at: float | None = None,
    places: Sequence[str | None] | None = None,
) -> Evaluation:
    """Score predicted labels against gold labels.

    Parameters
    ----------
    gold, predicted : sequence of str, length n_samples
    confidence : sequence of float, optional
        Probability of each predicted label, for the calibration error.
    labels : sequence of str, optional
        Label order for the tables; by default the contract labels that occur, then others.
    texts : sequence of str, optional
        The texts, to list the ``worst`` mistakes (most confident first).
    worst : int, default=10
    gold_labels : sequence of sequence of str, optional
        Every label of each record (primary first), for :attr:`Evaluation.in_gold_labels`.
    review_at : float, optional
        A review threshold, to score the review flag (needs ``confidence``).
    places : sequence of str or None, optional
        Where each text was read (:attr:`Record.where`), given with the mistakes.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"gold has {len(gold)} labels but predicted has {len(predicted)}")
    seen = set(gold) | set(predicted)
    if labels is None:
        labels = [label for label in LABELS if label in seen]
        labels += sorted(seen - set(labels))
    labels = tuple(labels)
    index = {label: i for i, label in enumerate(labels)}
    confusion = np.zeros((len(labels), len(labels)), dtype=np.int64)
    for g, p in zip(gold, predicted, strict=True):
        confusion[index[g], index[p]] += 1
    per_label = {}
    f1s = []
    for i, label in enumerate(labels):
        tp = confusion[i, i]
        predicted_n = confusion[:, i].sum()
        support = confusion[i, :].sum()
        precision = tp / predicted_n if predicted_n else 0.0
        recall = tp / support if support else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per_label[label] = {
            "precision": float(precision),
            "recall": float(recall),
            "f1": float(f1),
            "support": int(support),
        }
        if label in seen:
            f1s.append(f1)
    n = len(gold)
    correct = np.array([g == p for g, p in zip(gold, predicted, strict=True)], dtype=bool)
    ece = None
    if confidence is not None:
        ece = expected_calibration_error(np.asarray(confidence, dtype=float), correct)
    mistakes = []
    if texts is not None:
        sure = np.asarray(confidence, dtype=float) if confidence is not None else np.ones(n)
        wrong = sorted(np.flatnonzero(~correct), key=lambda i: -sure[i])[:worst]
        mistakes = [
            {
                "text": texts[i],
                "gold": gold[i],
                "predicted": predicted[i],
                "confidence": round(float(sure[i]), 4),
                **({"where": places[i]} if places is not None and places[i] else {}),
            }
            for i in wrong
        ]
    in_gold = None
    if gold_labels is not None:
        in_gold = float(np.mean([p in g for p, g in zip(predicted, gold_labels, strict=True)]))
    review = None
    if review_at is not None and confidence is not None:
        flagged = np.asarray(confidence, dtype=float) < review_at
        review = {"threshold": float(review_at), **review_scores(flagged, correct)}
    return Evaluation(
        labels=labels,
        accuracy=float(correct.mean()) if n else 0.0,
        macro_f1=float(np.mean(f1s)) if f1s else 0.0,
        per_label=per_label,
        confusion=confusion,
        ece=ece,
        n=n,
        mistakes=mistakes,
        in_gold_labels=in_gold,
        review=review,
    )


def _records_for(
    models: Sequence[Model], samples, collapse: dict[str, str] | None = None
) -> list[Record]:
    """Labelled samples in any form :func:`~edusummary.model.records.load_samples` takes, with
    the labels of the contract, of the ``models`` and of ``collapse`` (both sides) allowed.

    Rows that cannot be scored (no label, too short, a duplicate) are left out with a
    warning listing them, as training leaves them out: a sheet half filled in is scored on
    what is filled in. Any other label, primary or secondary, is an error.
    """
    if isinstance(samples, (list, tuple)) and samples and all(
        isinstance(s, Record) for s in samples
    ):
        return list(samples)
    known = (*LABELS, *(label for model in models for label in model.labels))
    mapped = [label for pair in (collapse or {}).items() for label in pair]
    loaded = load_samples(samples, labels=dict.fromkeys((*known, *mapped)))
    if loaded.unknown_labels:
        described = []
        for name, count in sorted(loaded.unknown_labels.items()):
            meant = close_label(name, known)
            hint = f"; did you mean {meant!r}?" if meant is not None else ""
            described.append(f"{name!r} ({counted(count, 'row')}, the first at "
                             f"{loaded.first_rows[name]}{hint})")
        raise DataError(
            f"rows carry labels the model does not have: {', '.join(described)}; evaluate a "
            "model trained with them (train --label), or map them onto its labels "
            "(evaluate(..., collapse={label: model_label}), or --collapse LABEL=MODEL_LABEL)"
        )
    if loaded.problems:
        warnings.warn(
            f"{counted(len(loaded.problems), 'row')} left out of the evaluation:\n"
            f"{loaded.report()}",
            EdusummaryWarning,
            stacklevel=4,
        )
    if not loaded.records:
        raise DataError("no labelled samples to evaluate")
    return loaded.records


def trained_on(model: Model, records: Sequence[Record]) -> np.ndarray:
    """Which records the model was trained on, from the short hashes of its training
    texts in ``model.metadata`` (none for a model file that has no hashes)."""
    hashes = set(model.metadata.get("training_data", {}).get("row_hashes", ()))
    return np.array([row_hash(r.text) in hashes for r in records], dtype=bool)


def _unseen(models: Sequence[Model], records: list[Record], include_trained: bool):
    """The records to score and how many of them, or of those left out, a model saw."""
    seen = np.zeros(len(records), dtype=bool)
    for model in models:
        seen |= trained_on(model, records)
    count = int(seen.sum())
    if count and include_trained:
        warnings.warn(
            f"{count} of {len(records)} samples were in the model's training data: their "
            "scores are optimistic",
            EdusummaryWarning,
            stacklevel=3,
        )
    elif count:
        if count == len(records):
            raise DataError(
                f"the model was trained on all {counted(count, 'sample')}, so scores on them say "
                "nothing about new paragraphs; score other samples, or pass "
                "include_trained=True (--include-trained) to score them anyway"
            )
        warnings.warn(
            f"{count} of {len(records)} samples were in the model's training data and are "
            "left out of the scores (include_trained=True scores them too)",
            EdusummaryWarning,
            stacklevel=3,
        )
        records = [r for r, s in zip(records, seen, strict=True) if not s]
    return records, count


def evaluate(
    model: Model | str | os.PathLike[str] | None,
    samples,
    collapse: dict[str, str] | None = None,
    include_trained: bool = False,
) -> Evaluation:
    """Score ``model`` on labelled samples: primary labels, the label among the gold
    labels, and the model's review flag.

    Parameters
    ----------
    model : Model, path, "default" or None
        A model, a model file, or the shipped model ("default" or None).
    samples : list of Record, path(s), DataFrame or list of (text, label)
        See :func:`~edusummary.model.records.load_samples`.
    collapse : dict of str to str, optional
        Read these labels as others, predicted and gold alike, e.g.
        ``{"teacher_workforce": "other"}`` to score a model with a label of your own on
        samples labelled before it existed, against the label it was carved out of, or the
        shipped model on samples that carry your label.
    include_trained : bool, default=False
        Samples the model was trained on (its file keeps a short hash of each training
        text) are left out, with an :class:`~edusummary.EdusummaryWarning` saying how many;
        True scores them too, with a warning that the scores are optimistic.

    Raises
    ------
    DataError
        There are no samples, or the model was trained on every sample and
        ``include_trained`` is False.
    """
    model = as_model(model)
    records, seen = _unseen([model], _records_for([model], samples, collapse), include_trained)
    return _evaluate(model, records, collapse, seen, include_trained)


def _evaluate(model, records, collapse, seen, include_trained) -> Evaluation:
    probabilities = model.predict_proba([record.text for record in records])
    best = probabilities.argmax(axis=1)
    collapse = collapse or {}
    predicted = [collapse.get(model.labels[i], model.labels[i]) for i in best]
    confidence = probabilities[np.arange(len(records)), best]
    labels = list(dict.fromkeys(collapse.get(label, label) for label in model.labels))
    labels += sorted({collapse.get(r.label, r.label) for r in records} - set(labels))
    result = score(
        [collapse.get(r.label, r.label) for r in records], predicted, confidence, labels,
        texts=[r.text for r in records],
        gold_labels=[[collapse.get(g, g) for g in (r.labels or (r.label,))] for r in records],
        review_at=review_threshold(model),
        places=[r.where for r in records],
    )
    result.trained_on, result.trained_on_included = seen, include_trained
    given = {collapse.get(label, label) for label in model.labels}
    result.unknown_to_model = tuple(
        label for label in labels if label not in given and result.per_label[label]["support"]
    )
    return result


@dataclass
class Comparison:
    """Two models scored on the same samples.

    Attributes
    ----------
    old, new : Evaluation
    changed : list of dict
        Samples whose predicted label changed: ``text``, ``gold``, ``old``, ``new``.
    """

    old: Evaluation
    new: Evaluation
    changed: list[dict]
    old_labels: tuple[str, ...] = ()
    new_labels: tuple[str, ...] = ()

    @property
    def shared_labels(self) -> tuple[str, ...]:
        """The labels both models have and some sample carries: the ones whose scores
        compare like with like."""
        return tuple(
            label for label in self.new.labels
            if label in self.old_labels and label in self.new_labels
            and self.new.per_label[label]["support"]
        )

    def shared_macro_f1(self) -> tuple[float, float] | tuple[None, None]:
        """Macro-F1 of the old and the new model over :attr:`shared_labels` (None when no
        sample carries a label both have); with label sets that differ, each model's own
        macro-F1 counts a label the other lacks."""
        shared = self.shared_labels
        if not shared:
            return None, None
        return tuple(  # type: ignore[return-value]
            float(np.mean([e.per_label[label]["f1"] for label in shared]))
            for e in (self.old, self.new)
        )

    def to_dict(self) -> dict:
        old, new = self.shared_macro_f1()
        return {
            "old": self.old.to_dict(),
            "new": self.new.to_dict(),
            "changed": self.changed,
            "shared_labels": list(self.shared_labels),
            "shared_macro_f1": {"old": old, "new": new},
        }

    @property
    def trained_on_note(self) -> str | None:
        """What the scores say about samples either model was trained on (None if none)."""
        return self.new.trained_on_note() if self.new.trained_on else None

    def to_text(self, limit: int = 20) -> str:
        labels = list(dict.fromkeys((*self.old.labels, *self.new.labels)))
        totals = [(name, getattr(self.old, name), getattr(self.new, name))
                  for name in ("macro_f1", "accuracy")]
        if set(self.old_labels) != set(self.new_labels):
            # Each model's macro-F1 counts a label the other lacks as a 0: compare both
            # on the labels they share too.
            totals.insert(1, ("macro_f1 (shared labels)", *self.shared_macro_f1()))
        width = max(display_width(name) for name in [*labels, *(t[0] for t in totals)]) + 2
        lines = [f"{'':<{width}}{'old F1':>9}{'new F1':>9}{'change':>9}"]
        if self.trained_on_note:
            lines.insert(0, self.trained_on_note)
        for label in labels:
            # A label one model lacks, or no sample carries, has no F1: "—", not 0.000.
            old, new = (
                _f1(evaluation, label, own)
                for evaluation, own in ((self.old, self.old_labels), (self.new, self.new_labels))
            )
            change = f"{new - old:>+9.3f}" if old is not None and new is not None else f"{'—':>9}"
            shown = "".join(f"{v:>9.3f}" if v is not None else f"{'—':>9}" for v in (old, new))
            lines.append(f"{ljust_columns(label, width)}{shown}{change}")
        for name, old, new in totals:
            if old is None:
                lines.append(f"{name:<{width}}{'—':>9}{'—':>9}{'—':>9}")
            else:
                lines.append(f"{name:<{width}}{old:>9.3f}{new:>9.3f}{new - old:>+9.3f}")
        if self.new.n < FEW_SAMPLES:
            lines.append(few_samples_note(self.new.n))
        lines += ["", f"{len(self.changed)} of {self.new.n} samples changed label"]
        for item in self.changed[:limit]:
            text = item["text"].replace("\n", " ")
            if item["new"] == item["gold"]:
                verdict = "fixed"
            elif item["old"] == item["gold"]:
                verdict = "broken"
            else:
                verdict = "still wrong"
            lines.append(f"{item['old']} -> {item['new']} ({verdict}): {text[:50]}")
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()


def _f1(evaluation: Evaluation, label: str, own: Sequence[str] = ()) -> float | None:
    if own and label not in own:
        return None  # the model cannot give the label
    scores = evaluation.per_label.get(label)
    return scores["f1"] if scores and scores["support"] else None


def few_samples_note(n: int) -> str:
    """What a score on ``n`` samples, fewer than :data:`FEW_SAMPLES`, can tell."""
    return (
        f"{counted(n, 'sample')} {'is' if n == 1 else 'are'} few: one paragraph moves accuracy "
        f"by {1 / n:.3f}, and a label's scores by more"
    )


def _cut(text: str, columns: int) -> str:
    """The start of ``text`` that fits in ``columns`` terminal columns."""
    while display_width(text) > columns:
        text = text[:-1]
    return text


def compare(
    old: Model | str | os.PathLike[str] | None,
    new: Model | str | os.PathLike[str] | None,
    samples,
    include_trained: bool = False,
) -> Comparison:
    """Score two models on the same samples and list the samples whose label changed.

    Each model is a :class:`Model`, a model file or the shipped model ("default" or None),
    as for :func:`evaluate`. Samples either model was trained on are left out unless
    ``include_trained`` (see :func:`evaluate`).
    """
    old, new = as_model(old, "old"), as_model(new, "new")
    records, seen = _unseen([old, new], _records_for([old, new], samples), include_trained)
    texts = [r.text for r in records]
    old_labels = old.predict(texts).labels
    new_labels = new.predict(texts).labels
    changed = [
        {"text": r.text, "gold": r.label, "old": a, "new": b}
        for r, a, b in zip(records, old_labels, new_labels, strict=True)
        if a != b
    ]
    return Comparison(
        _evaluate(old, records, None, seen, include_trained),
        _evaluate(new, records, None, seen, include_trained),
        changed,
        tuple(old.labels),
        tuple(new.labels),
    )
