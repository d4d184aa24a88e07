"""Does training on register copies make the labels indifferent to official boilerplate?

Leave-one-batch-out cross-validation on data/: for each batch, two models are trained on the
other batches (uncalibrated: the labels do not depend on the temperature), one with
``register_copies=False`` and one with ``register_copies=True`` (the shipped setting), and
label the held-out batch three ways:

- as written;
- with boilerplate added from the phrases the copies are made with
  (:mod:`edusummary.model.register`);
- with boilerplate added from other phrases of the register, never trained on
  (:data:`HELD_OUT`).

Prints the macro-F1 and the compulsory_balance F1 of each. About ten minutes on 2 cores.

    python benchmarks/register_copies.py
"""

from __future__ import annotations

import random
import time
import warnings
from pathlib import Path

import edusummary
from edusummary.model import register
from edusummary.model.evaluation import score

REPO = Path(__file__).resolve().parent.parent
#: Phrases of the same register that no training copy holds: adverbs, openers, closers.
HELD_OUT = (
    ("持续", "深入", "有力", "全力", "稳步", "主动", "统筹"),
    (
        "全面贯彻党的教育方针，", "以新时代中国特色社会主义思想为指导，", "对标上级要求，",
        "深入学习贯彻会议精神，", "在各级各部门的大力支持下，",
    ),
    (
        "，推动各项工作再上新台阶", "，切实增强人民群众的获得感", "，不断提升群众满意度",
        "，确保取得实效",
    ),
)


def label_views(
    train: list, held: list[int], views: dict[str, list[str]], **settings
) -> dict[str, list[str]]:
    """The labels of records ``held`` in each view, by a model trained on ``train``
    (uncalibrated: the labels do not depend on the temperature) with ``settings``."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", edusummary.EdusummaryWarning)
        model = edusummary.train(train, calibrate=False, n_jobs=-1, **settings)
    return {
        view: model.predict([texts[i] for i in held]).labels for view, texts in views.items()
    }


def main() -> None:
    records = edusummary.read_records(REPO / "data")
    # Seeds other than the training copies'; one per view, so that a change to the trained
    # phrases leaves the held-out view as it was.
    trained, held_out = random.Random(1), random.Random(2)
    views = {
        "as written": [r.text for r in records],
        "trained phrases": [register.with_boilerplate(r.text, trained) for r in records],
        "held-out phrases": [
            register.with_boilerplate(r.text, held_out, *HELD_OUT) for r in records
        ],
    }
    predicted = {
        (copies, view): [None] * len(records) for copies in (False, True) for view in views
    }
    start = time.perf_counter()
    for batch in sorted({r.source for r in records}):
        held = [i for i, r in enumerate(records) if r.source == batch]
        train = [r for r in records if r.source != batch]
        for copies in (False, True):
            found = label_views(train, held, views, register_copies=copies)
            for view, labels in found.items():
                for i, label in zip(held, labels, strict=True):
                    predicted[copies, view][i] = label
        print(f"{batch} ({time.perf_counter() - start:.0f} s)", flush=True)
    gold = [r.label for r in records]
    print(f"\n{'register_copies':<17}{'text':<18}{'macro-F1':>9}{'balance F1':>12}")
    for (copies, view), labels in predicted.items():
        result = score(gold, labels)
        balance = result.per_label["compulsory_balance"]["f1"]
        print(f"{copies!s:<17}{view:<18}{result.macro_f1:>9.4f}{balance:>12.4f}")


if __name__ == "__main__":
    main()
