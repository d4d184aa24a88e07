"""A topic of the analyst's own learnt from a few samples: F1 by number of samples.

tests/data/teacher_workforce.jsonl holds 270 written paragraphs of 教师队伍建设
(teacher_workforce) and 30 near misses of the five labels. The first N of the new label
(N = 10, 20, 40, 80, 200) are added to the shipped data (train(..., base="default")); the
new label's F1 is scored on the held-out 70 of it plus the 30 near misses, and the five
labels' macro-F1 on ../shared/eval/seeds_dev.jsonl is compared with the shipped model's,
the new label read as other, which it was carved out of (skipped when ../shared is absent).

    python benchmarks/few_shot.py [N ...]
"""

from __future__ import annotations

import sys
import time
import warnings
from pathlib import Path

import edusummary

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO.parent / "shared" / "eval" / "seeds_dev.jsonl"
NEW = "teacher_workforce"
SIZES = (10, 20, 40, 80, 200)
#: The first 200 of the new label may be trained on; the rest is held out.
TRAIN_PART = 200


def main(sizes: tuple[int, ...] = SIZES) -> None:
    labels = [*edusummary.LABELS, NEW]
    written = edusummary.read_records(REPO / "tests" / "data" / "teacher_workforce.jsonl", labels)
    new_label = [r for r in written if r.label == NEW]
    held_out = new_label[TRAIN_PART:] + [r for r in written if r.label != NEW]
    before = None
    if SEEDS.is_file():
        before = edusummary.evaluate(edusummary.load_model(), SEEDS).macro_f1
    print(f"held out: {len(held_out)} paragraphs ({len(new_label) - TRAIN_PART} {NEW}, "
          f"{len(held_out) - len(new_label) + TRAIN_PART} near misses)")
    print(f"{'samples':>8}{'F1':>8}{'prec.':>8}{'recall':>8}{'cv F1':>8}{'offset':>8}"
          f"{'seeds Δ':>9}{'time':>8}")
    for size in sizes:
        start = time.perf_counter()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", edusummary.EdusummaryWarning)
            model = edusummary.train(new_label[:size], base="default", labels=labels, n_jobs=-1)
        seconds = time.perf_counter() - start
        scores = edusummary.evaluate(model, held_out).per_label[NEW]
        cv = model.metadata["cross_validation"]
        change = "skipped"
        if before is not None:
            after = edusummary.evaluate(model, SEEDS, collapse={NEW: "other"}).macro_f1
            change = f"{after - before:+.4f}"
        print(f"{size:>8}{scores['f1']:>8.3f}{scores['precision']:>8.3f}{scores['recall']:>8.3f}"
              f"{cv['samples'][NEW]['f1']:>8.3f}{cv['bias'].get(NEW, 0.0):>8.2f}"
              f"{change:>9}{seconds:>7.0f}s", flush=True)


if __name__ == "__main__":
    main(tuple(int(n) for n in sys.argv[1:]) or SIZES)
