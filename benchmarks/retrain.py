"""How long retraining takes, and what a new label learnt from 200 samples scores.

1. Retraining on the shipped data plus 500 added samples (train(samples, base="default"),
   with its calibration folds), and 5-fold cross-validation of the same, timed.
2. The custom label 教师队伍建设 (teacher_workforce) learnt from 200 written samples
   (tests/data/teacher_workforce.jsonl): its F1 on the 100 held-out ones (70 of it, 30 near
   misses), and the macro-F1 of the five labels on ../shared/eval/seeds_dev.jsonl before
   and after, the new label read as other, which it was carved out of (skipped when
   ../shared is absent).

    python benchmarks/retrain.py
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import edusummary
from edusummary.model.shipped import default_data_path

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "eval" / "seeds_dev.jsonl"
NEW = "teacher_workforce"


def added_samples(count: int) -> list[tuple[str, str]]:
    """``count`` new samples: two shipped paragraphs of one label joined into one."""
    records = edusummary.read_records(default_data_path())
    rng = random.Random(0)
    samples = []
    while len(samples) < count:
        first, second = rng.sample(records, 2)
        if first.label == second.label:
            samples.append((first.text + second.text, first.label))
    return samples


def main() -> None:
    samples = added_samples(500)
    start = time.perf_counter()
    model = edusummary.train(samples, base="default")
    trained = time.perf_counter() - start
    start = time.perf_counter()
    result = edusummary.cross_validate(samples, base="default", folds=5)
    validated = time.perf_counter() - start
    records = model.metadata["training_data"]["records"]
    print(f"retrain on the shipped data + 500 samples ({records} records): {trained:.1f} s")
    print(f"5-fold cross-validation of the same: {validated:.1f} s "
          f"(macro-F1 {result.macro_f1:.4f})")

    written = edusummary.read_records(
        REPO / "tests" / "data" / "teacher_workforce.jsonl", labels=[*edusummary.LABELS, NEW]
    )
    new_label = [r for r in written if r.label == NEW]
    held_out = new_label[200:] + [r for r in written if r.label != NEW]
    custom = edusummary.train(new_label[:200], base="default", labels=[*edusummary.LABELS, NEW])
    print(f"\nnew label {NEW} from 200 samples: F1 "
          f"{edusummary.evaluate(custom, held_out).per_label[NEW]['f1']:.3f} on 100 held out")
    if SEEDS.is_file():
        before = edusummary.evaluate(edusummary.load_model(), SEEDS).macro_f1
        after = edusummary.evaluate(custom, SEEDS, collapse={NEW: "other"}).macro_f1
        print(f"five labels' macro-F1 on seeds_dev: {before:.4f} before, {after:.4f} after "
              f"({after - before:+.4f})")


if __name__ == "__main__":
    main()
