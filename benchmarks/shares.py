"""How close a report's topic shares come to the truth, and how often their 95% interval
holds it.

Six batches of the training data (pre_b, bal_b, tr_b, mor_b, oth_b, old_a) are held out; a
model is trained on the other sixteen (``edusummary.train(..., calibrate=True)``). From the
held-out paragraphs, 200 synthetic reports of 10 to 40 paragraphs are assembled with random
topic mixes (Dirichlet(1) over the five labels), and each report's shares are compared with
the truth, the character share of the gold labels:

- counted: characters of the likeliest label (``share_counted``);
- probabilistic: characters times calibrated probabilities (probabilistic classify and
  count), without the adjustment;
- adjusted: ``share`` as ``Report.summary()`` computes it, the probabilistic count adjusted
  with the mean cross-validated probabilities by gold label that training records.

It prints the mean absolute error of each, and the coverage and mean width of the 95%
intervals. Takes one to two minutes on two cores.

    python benchmarks/shares.py
"""

from __future__ import annotations

import time
from pathlib import Path

import numpy as np

import edusummary
from edusummary.reports.summary import estimate_shares, model_errors

DATA = Path(edusummary.__file__).parent / "resources" / "data"
HELD_OUT = ("pre_b", "bal_b", "tr_b", "mor_b", "oth_b", "old_a")
REPORTS = 200


def held_out(batches: tuple[str, ...]):
    """A model trained with calibration on data/ without ``batches``, and of the held-out
    paragraphs: gold label indices, lengths in characters, calibrated probabilities."""
    train, held = [], []
    for path in sorted(DATA.glob("*.jsonl")):
        (held if path.stem in batches else train).extend(edusummary.read_records(path))
    model = edusummary.train(train, calibrate=True, n_jobs=2)
    labels = tuple(model.labels)
    gold = np.array([labels.index(r.label) for r in held])
    characters = np.array([len(r.text) for r in held], dtype=float)
    return model, gold, characters, model.predict_proba([r.text for r in held])


def synthetic_reports(gold: np.ndarray, n_labels: int, count: int):
    """Indices of the paragraphs of ``count`` reports of 10 to 40 held-out paragraphs, with
    topic mixes drawn from Dirichlet(1), the same for every run."""
    rng = np.random.default_rng(0)
    by_label = [np.flatnonzero(gold == k) for k in range(n_labels)]
    for _ in range(count):
        counts = rng.multinomial(rng.integers(10, 41), rng.dirichlet(np.ones(n_labels)))
        yield np.concatenate(
            [rng.choice(pool, n, replace=False) for pool, n in zip(by_label, counts, strict=True)]
        )


def main() -> None:
    started = time.perf_counter()
    model, gold, characters, probabilities = held_out(HELD_OUT)
    labels = tuple(model.labels)
    adjusted = model_errors(model, labels)  # what Report.summary uses
    plain = {k: v for k, v in adjusted.items() if k != "confusion"}
    print(f"trained on {model.metadata['training_data']['records']} paragraphs, {len(gold)} "
          f"held out; cross-validated error rate {plain['error_rate']:.3f}")

    truth, counted, results = [], [], {"probabilistic": [], "adjusted": []}
    for chosen in synthetic_reports(gold, len(labels), REPORTS):
        weights, p = characters[chosen], probabilities[chosen]
        truth.append(np.bincount(gold[chosen], weights=weights, minlength=len(labels))
                     / weights.sum())
        counted.append(np.bincount(p.argmax(axis=1), weights=weights, minlength=len(labels))
                       / weights.sum())
        results["probabilistic"].append(estimate_shares(weights, p, **plain))
        results["adjusted"].append(estimate_shares(weights, p, **adjusted))
    truth, counted = np.array(truth), np.array(counted)

    print(f"\n{REPORTS} reports of 10-40 held-out paragraphs; shares of characters, per topic")
    print(f"{'':<14}{'MAE':>8}  " + "".join(f"{label[:12]:>14}" for label in labels))
    rows = [("counted", counted, None)] + [
        (name, np.array([r[0] for r in runs]), runs) for name, runs in results.items()
    ]
    for name, shares, _ in rows:
        per_label = np.abs(shares - truth).mean(axis=0)
        print(f"{name:<14}{np.abs(shares - truth).mean():>8.4f}  "
              + "".join(f"{v:>14.4f}" for v in per_label))
    print("\n95% interval: share of (report, topic) pairs whose truth it holds, mean width")
    for name, _, runs in rows[1:]:
        low, high = np.array([r[1] for r in runs]), np.array([r[2] for r in runs])
        covered = (low <= truth + 1e-12) & (truth <= high + 1e-12)
        print(f"{name:<14}coverage {covered.mean():.1%}   width {(high - low).mean():.3f}   "
              "per topic " + " ".join(f"{v:.0%}" for v in covered.mean(axis=0)))
    print(f"\n{time.perf_counter() - started:.0f} s")


if __name__ == "__main__":
    main()
