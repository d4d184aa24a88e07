"""Do some batches of data/ help the model on the others?

Leave-one-batch-out over the batches NOT named: each is held out in turn and labelled by two
models (uncalibrated: the labels do not depend on the temperature), both trained on the
other batches not named, one of them also on the named batches. The held-out batch is
labelled as written and with official boilerplate from phrases no training copy holds
(``register_copies.HELD_OUT``). A gain here is a gain on text the added batches were not
written for; how the added batches themselves score says less, as their writers knew the
model's weak spots.

    python benchmarks/added_batches.py spk_a ntc_a insp_a old_b

Prints macro-F1 and per-label F1 of each model on each view. About 15 minutes on 2 cores for
23 held-out batches.
"""

from __future__ import annotations

import argparse
import random
import time
from pathlib import Path

from register_copies import HELD_OUT, label_views

import edusummary
from edusummary.model import register
from edusummary.model.evaluation import score

REPO = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("batches", nargs="+", help="batch names, as in data/<name>.jsonl")
    args = parser.parse_args()
    records = edusummary.read_records(REPO / "data")
    added = {f"authored/{name}" for name in args.batches}
    unknown = added - {r.source for r in records}
    if unknown:
        parser.error(f"no such batches in data/: {sorted(unknown)}")
    base = [r for r in records if r.source not in added]
    extra = [r for r in records if r.source in added]
    # One generator for all records, seeded as register_copies.py seeds this view.
    held_out = random.Random(2)
    views = {
        "as written": [r.text for r in base],
        "held-out phrases": [
            register.with_boilerplate(r.text, held_out, *HELD_OUT) for r in base
        ],
    }
    models = ("without", "with")
    predicted = {(m, view): [None] * len(base) for m in models for view in views}
    start = time.perf_counter()
    for batch in sorted({r.source for r in base}):
        held = [i for i, r in enumerate(base) if r.source == batch]
        train = [r for r in base if r.source != batch]
        for name, training in zip(models, (train, train + extra), strict=True):
            for view, labels in label_views(training, held, views).items():
                for i, label in zip(held, labels, strict=True):
                    predicted[name, view][i] = label
        print(f"{batch} ({time.perf_counter() - start:.0f} s)", flush=True)
    gold = [r.label for r in base]
    print(f"\n{len(base)} held-out records in {len({r.source for r in base})} batches; "
          f"added: {len(extra)} records of {', '.join(sorted(args.batches))}")
    labels = edusummary.LABELS
    print(f"{'added batches':<15}{'text':<18}{'macro-F1':>9}" + "".join(
        f"{label[:10]:>12}" for label in labels))
    for (name, view), found in predicted.items():
        result = score(gold, found)
        print(f"{name:<15}{view:<18}{result.macro_f1:>9.4f}" + "".join(
            f"{result.per_label[label]['f1']:>12.4f}" for label in labels))


if __name__ == "__main__":
    main()
