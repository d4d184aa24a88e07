"""Model selection by cross-validation on data/ alone.

Each batch of data/ was written in its own sittings, so the folds are whole batches
(leave-one-batch-out, or with ``--folds K`` K folds of whole batches, as training
cross-validates): a setting is scored on paragraphs written apart from everything it was
trained on, which is closer to meeting real reports than a random split that puts sentences
of the same sitting on both sides. Each fold is fitted as the model is, with the register
copies of its records when the setting trains on them.

The choice follows the one-standard-error rule: among the settings whose macro-F1 is within
one standard error (bootstrap over paragraphs) of the best, take the most parsimonious —
the cheapest features first (character n-grams before word n-grams, which need jieba at
prediction time and make it several times slower; shorter n-grams before longer), then the
strongest regularisation (smallest C); remaining ties go to the higher macro-F1. Whether the
choice also holds on kinds of text the training lacked, ``forward_rounds.py`` checks (on
7,030 records it did: weaker regularisation did better there too). Prints and writes to
benchmarks/model_selection.md a table of macro-F1 and accuracy per setting, the choice, and
its calibration error with and without temperature scaling.

    python benchmarks/select_model.py [--folds K]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

import edusummary
from edusummary.model.classifier import softmax
from edusummary.model.evaluation import score
from edusummary.model.training import (
    DEFAULT_SETTINGS,
    _fit_temperature,
    batch_folds,
    cross_validated_scores,
    register_copies,
)

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "benchmarks" / "model_selection.md"

#: Feature sets from the cheapest to predict with to the dearest.
FEATURES = {
    "char 1-2": ((1, 2), None),
    "char 1-3": ((1, 3), None),
    "char 2-4": ((2, 4), None),
    "word 1-1": (None, (1, 1)),
    "word 1-2": (None, (1, 2)),
    "char 1-3 + word 1-2": ((1, 3), (1, 2)),
}


def _cost(features: str) -> int:
    """Rank of a feature set from the cheapest to the dearest (the order of FEATURES)."""
    return list(FEATURES).index(features)


def bootstrap_error(
    gold: list[str], scores: np.ndarray, labels: list[str], rounds: int = 200
) -> float:
    """Standard error of macro-F1, resampling paragraphs with replacement."""
    rng = np.random.default_rng(0)
    predicted = np.array([labels[i] for i in scores.argmax(axis=1)])
    gold = np.array(gold)
    values = []
    for _ in range(rounds):
        pick = rng.integers(0, len(gold), len(gold))
        values.append(score(list(gold[pick]), list(predicted[pick])).macro_f1)
    return float(np.std(values))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folds", type=int, default=0,
                        help="K folds of whole batches (default: leave one batch out)")
    args = parser.parse_args()
    records = edusummary.read_records(REPO / "data")
    labels = list(edusummary.LABELS)
    y = np.array([labels.index(r.label) for r in records])
    gold = [labels[i] for i in y]
    batches = sorted({r.source for r in records})
    if args.folds:
        splits, _ = batch_folds(y, [r.source for r in records], args.folds, seed=0)
        held_out = f"{args.folds} folds of whole batches"
        command = f"python benchmarks/select_model.py --folds {args.folds}"
        scheme = f"the batches are split into {args.folds} folds, each held out in turn, so"
    else:
        splits = [
            (np.flatnonzero(~mask), np.flatnonzero(mask))
            for mask in (np.array([r.source == b for r in records]) for b in batches)
        ]
        held_out = "leave-one-batch-out"
        command = "python benchmarks/select_model.py"
        scheme = "each batch is held out in turn, so"
    print(f"{len(records)} records, {len(batches)} batches: {held_out}", flush=True)
    #: Each feature set's analysed records and their register copies.
    analysed: dict[str, tuple[list[list[str]], list[list[str]] | None]] = {}
    rows: list[dict] = []

    def run(features: str, **changes) -> dict:
        start = time.perf_counter()
        char, word = FEATURES[features]
        settings = DEFAULT_SETTINGS.replace(char_ngrams=char, word_ngrams=word, **changes)
        if features not in analysed:
            analyzer = settings.analyzer()
            analysed[features] = (
                [analyzer(r.text) for r in records],
                register_copies([r.text for r in records], settings, seed=0),
            )
        terms, copies = analysed[features]
        scores = cross_validated_scores(
            terms, y, settings, len(labels), splits, n_jobs=-1, copies=copies
        )
        result = score(gold, [labels[i] for i in scores.argmax(axis=1)])
        row = {
            "features": features, "C": settings.C,
            "class weight": settings.class_weight or "none",
            "sublinear tf": settings.sublinear_tf,
            "macro-F1": result.macro_f1, "accuracy": result.accuracy, "scores": scores,
        }
        rows.append(row)
        print(f"{features:<20} C={settings.C:<5g} {row['class weight']:<9} "
              f"sublinear={settings.sublinear_tf!s:<5} macro-F1 {result.macro_f1:.4f} "
              f"accuracy {result.accuracy:.4f} ({time.perf_counter() - start:.0f}s)", flush=True)
        return row

    def choose() -> dict:
        best = max(rows, key=lambda r: r["macro-F1"])
        error = bootstrap_error(gold, best["scores"], labels)
        close = [r for r in rows if r["macro-F1"] >= best["macro-F1"] - error]
        return min(close, key=lambda r: (_cost(r["features"]), r["C"], -r["macro-F1"]))

    # Stage 1: every feature set over a coarse range of C.
    for features in FEATURES:
        for c in (1.0, 10.0, 100.0):
            run(features, C=c)
    chosen = choose()
    # Stage 2: around the choice: finer C, no class weights, the other term-frequency scaling.
    for c in (chosen["C"] / 3, chosen["C"] * 3):
        run(chosen["features"], C=c)
    chosen = choose()
    run(chosen["features"], C=chosen["C"], class_weight=None)
    run(chosen["features"], C=chosen["C"], sublinear_tf=not chosen["sublinear tf"])
    best = max(rows, key=lambda r: r["macro-F1"])
    error = bootstrap_error(gold, best["scores"], labels)
    chosen = choose()

    scores = chosen["scores"]
    predicted = [labels[i] for i in scores.argmax(axis=1)]
    temperature = _fit_temperature(scores, y)
    ece_raw = score(gold, predicted, softmax(scores).max(axis=1)).ece
    ece_calibrated = score(gold, predicted, softmax(scores / temperature).max(axis=1)).ece
    lines = [
        f"# Model selection ({held_out} cross-validation on data/)",
        "",
        f"{len(records)} records in {len(batches)} batches; {scheme}",
        "every paragraph is scored by a model that saw nothing written in its sitting.",
        f"Generated by `{command}`; min_df=2 and register copies throughout.",
        "",
        "| features | C | class weight | sublinear tf | macro-F1 | accuracy |",
        "|---|---|---|---|---|---|",
    ]
    for row in sorted(rows, key=lambda r: -r["macro-F1"]):
        lines.append(
            f"| {row['features']} | {row['C']:g} | {row['class weight']} | "
            f"{row['sublinear tf']} | {row['macro-F1']:.4f} | {row['accuracy']:.4f} |"
        )
    lines += [
        "",
        f"Best: {best['features']}, C={best['C']:g} (macro-F1 {best['macro-F1']:.4f}, "
        f"standard error {error:.4f} by bootstrap over paragraphs).",
        f"Chosen by the one-standard-error rule: {chosen['features']}, C={chosen['C']:g}, "
        f"class weight {chosen['class weight']}, sublinear tf {chosen['sublinear tf']} "
        f"(macro-F1 {chosen['macro-F1']:.4f}).",
        "",
        "Calibration of the chosen setting on the held-out batches:",
        "",
        "| probabilities | expected calibration error |",
        "|---|---|",
        f"| softmax of the logistic regression | {ece_raw:.4f} |",
        f"| temperature scaling (T={temperature:.3f}) | {ece_calibrated:.4f} |",
    ]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
