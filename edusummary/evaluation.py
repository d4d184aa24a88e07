"""How good a model is on labelled records: accuracy, per-label P/R/F1, macro-F1,
the confusion matrix and the calibration error of its confidences."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .classifier import Model
from .labels import LABELS
from .records import Record


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
    """

    labels: tuple[str, ...]
    accuracy: float
    macro_f1: float
    per_label: dict[str, dict[str, float]]
    confusion: np.ndarray
    ece: float | None
    n: int

    def to_dict(self) -> dict:
        return {
            "n": self.n,
            "accuracy": self.accuracy,
            "macro_f1": self.macro_f1,
            "ece": self.ece,
            "per_label": self.per_label,
            "labels": list(self.labels),
            "confusion": self.confusion.tolist(),
        }

    def to_text(self) -> str:
        """A readable report: summary line, per-label table, confusion matrix."""
        width = max(len(label) for label in self.labels) + 2
        lines = [
            f"records: {self.n}   accuracy: {self.accuracy:.4f}   macro-F1: {self.macro_f1:.4f}"
            + (f"   ECE: {self.ece:.4f}" if self.ece is not None else ""),
            "",
            f"{'label':<{width}}{'precision':>10}{'recall':>10}{'F1':>10}{'support':>9}",
        ]
        for label in self.labels:
            s = self.per_label[label]
            lines.append(
                f"{label:<{width}}{s['precision']:>10.3f}{s['recall']:>10.3f}"
                f"{s['f1']:>10.3f}{s['support']:>9d}"
            )
        lines += ["", "confusion matrix (rows: gold, columns: predicted)"]
        short = [label[:8] for label in self.labels]
        lines.append(" " * width + "".join(f"{name:>10}" for name in short))
        for label, row in zip(self.labels, self.confusion, strict=True):
            lines.append(f"{label:<{width}}" + "".join(f"{int(v):>10d}" for v in row))
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.to_text()


def score(
    gold: Sequence[str],
    predicted: Sequence[str],
    confidence: Sequence[float] | None = None,
    labels: Sequence[str] | None = None,
) -> Evaluation:
    """Score predicted labels against gold labels.

    Parameters
    ----------
    gold, predicted : sequence of str, length n_samples
    confidence : sequence of float, optional
        Probability of each predicted label, for the calibration error.
    labels : sequence of str, optional
        Label order for the tables; by default the contract labels that occur, then others.
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
    return Evaluation(
        labels=labels,
        accuracy=float(correct.mean()) if n else 0.0,
        macro_f1=float(np.mean(f1s)) if f1s else 0.0,
        per_label=per_label,
        confusion=confusion,
        ece=ece,
        n=n,
    )


def evaluate(model: Model, records: Sequence[Record]) -> Evaluation:
    """Score ``model`` on labelled ``records`` (primary labels)."""
    records = list(records)
    probabilities = model.predict_proba([record.text for record in records])
    best = probabilities.argmax(axis=1)
    predicted = [model.labels[i] for i in best]
    confidence = probabilities[np.arange(len(records)), best]
    labels = list(model.labels) + sorted({r.label for r in records} - set(model.labels))
    return score([r.label for r in records], predicted, confidence, labels)
