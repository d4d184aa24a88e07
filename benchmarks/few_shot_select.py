"""Choosing how a new topic is learnt from a few samples, without the held-out paragraphs.

Trains on random ``size``-subsets of the trainable part of tests/data/teacher_workforce.jsonl
(its first 200 paragraphs of the new label, as in ``few_shot.py``) added to the shipped
data, and scores the new label on the rest of those 200 plus the 30 near misses. Neither
few_shot.py's 70 held-out paragraphs nor ../shared/eval are read: changes to
``edusummary/model/training.py`` are chosen here and only confirmed there.

    python benchmarks/few_shot_select.py [size] [subsets]
"""

from __future__ import annotations

import sys

from few_shot import NEW, REPO, TRAIN_PART, trained_on_subset

import edusummary


def scores(size: int = 40, subsets: int = 3) -> list[dict]:
    """The new label's precision, recall and F1 for each of ``subsets`` random subsets, and
    its cross-validated precision among the shipped paragraphs (what it takes from the five
    labels)."""
    labels = [*edusummary.LABELS, NEW]
    written = edusummary.read_records(REPO / "tests" / "data" / "teacher_workforce.jsonl", labels)
    trainable = [r for r in written if r.label == NEW][:TRAIN_PART]
    near_misses = [r for r in written if r.label != NEW]
    results = []
    for seed in range(subsets):
        model, chosen = trained_on_subset(trainable, size, seed, labels)
        rest = [r for i, r in enumerate(trainable) if i not in chosen] + near_misses
        result = dict(edusummary.evaluate(model, rest).per_label[NEW])
        result["cv precision"] = model.metadata["cross_validation"]["samples"][NEW]["precision"]
        results.append(result)
    return results


def main(size: int = 40, subsets: int = 3) -> None:
    results = scores(size, subsets)
    for seed, result in enumerate(results):
        print(f"subset {seed}: F1 {result['f1']:.3f}  precision {result['precision']:.3f}  "
              f"recall {result['recall']:.3f}  cv precision {result['cv precision']:.3f}")
    mean = sum(r["f1"] for r in results) / len(results)
    print(f"mean F1 {mean:.3f}")


if __name__ == "__main__":
    main(*(int(n) for n in sys.argv[1:]))
