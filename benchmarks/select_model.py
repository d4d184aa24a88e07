"""Model selection by cross-validation on data/ alone.

Each batch of data/ was written in its own sittings, so the folds are whole batches
(leave-one-batch-out): a setting is scored on paragraphs written apart from everything it was
trained on, which is closer to meeting real reports than a random split that puts sentences
of the same sitting on both sides.

The choice follows the one-standard-error rule: among the settings whose macro-F1 is within
one standard error (bootstrap over paragraphs) of the best, take the most parsimonious —
the cheapest features first (character n-grams before word n-grams, which need jieba at
prediction time and make it several times slower; shorter n-grams before longer), then the
strongest regularisation (smallest C), which is the safer bet for reports written unlike
the training data; remaining ties go to the higher macro-F1. Prints and writes to
benchmarks/model_selection.md a table of macro-F1 and accuracy per setting, the choice, and
its calibration error with and without temperature scaling.

    python benchmarks/select_model.py
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

import edusummary
from edusummary.model.classifier import softmax
from edusummary.model.evaluation import score
from edusummary.model.features import Analyzer
from edusummary.model.training import DEFAULT_SETTINGS, _fit_temperature, cross_validated_scores

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
    records = edusummary.read_records(REPO / "data")
    labels = list(edusummary.LABELS)
    y = np.array([labels.index(r.label) for r in records])
    gold = [labels[i] for i in y]
    batches = sorted({r.source for r in records})
    splits = [
        (np.flatnonzero(~mask), np.flatnonzero(mask))
        for mask in (np.array([r.source == b for r in records]) for b in batches)
    ]
    print(f"{len(records)} records, {len(batches)} batches: leave-one-batch-out", flush=True)
    terms_cache: dict[str, list[list[str]]] = {}
    rows: list[dict] = []

    def run(features: str, **changes) -> dict:
        start = time.perf_counter()
        if features not in terms_cache:
            char, word = FEATURES[features]
            analyzer = Analyzer(char_ngrams=char, word_ngrams=word)
            terms_cache[features] = [analyzer(r.text) for r in records]
        settings = DEFAULT_SETTINGS.replace(**changes)
        scores = cross_validated_scores(
            terms_cache[features], y, settings, len(labels), splits, n_jobs=-1
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
    # Stage 2: around the choice: finer C, no class weights, raw term frequencies.
    for c in (chosen["C"] / 3, chosen["C"] * 3):
        run(chosen["features"], C=c)
    chosen = choose()
    run(chosen["features"], C=chosen["C"], class_weight=None)
    run(chosen["features"], C=chosen["C"], sublinear_tf=False)
    best = max(rows, key=lambda r: r["macro-F1"])
    error = bootstrap_error(gold, best["scores"], labels)
    chosen = choose()

    scores = chosen["scores"]
    predicted = [labels[i] for i in scores.argmax(axis=1)]
    temperature = _fit_temperature(scores, y)
    ece_raw = score(gold, predicted, softmax(scores).max(axis=1)).ece
    ece_calibrated = score(gold, predicted, softmax(scores / temperature).max(axis=1)).ece
    lines = [
        "# Model selection (leave-one-batch-out cross-validation on data/)",
        "",
        f"{len(records)} records in {len(batches)} batches; each batch is held out in turn, so",
        "every paragraph is scored by a model that saw nothing written in its sitting.",
        "Generated by `python benchmarks/select_model.py`; min_df=2 throughout.",
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
