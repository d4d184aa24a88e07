"""How wide a share's 95% interval must be: the choice of ``SYSTEMATIC_SCALE``.

The systematic term of a share's variance is ``k * e * s(1-s)`` (``e`` the model's
cross-validated error rate). For one set of six batches held out of training, this trains a
model on the rest, builds 400 synthetic reports of 10 to 40 held-out paragraphs as
``shares.py`` does, and prints the interval's coverage and mean width for several ``k``,
beside today's ``SYSTEMATIC_SCALE`` and the old term ``e**2 * s(1-s)`` (``k = e``). The scale
was chosen on set A (the batches ``shares.py`` holds out) and checked on B and C. About a
minute and a half per set on two cores.

    python benchmarks/shares_width.py A
"""

from __future__ import annotations

import argparse

import numpy as np
from shares import held_out, synthetic_reports

from edusummary.reports.summary import SYSTEMATIC_SCALE, Z95, estimate_shares, model_errors

SETS = {
    "A": ("pre_b", "bal_b", "tr_b", "mor_b", "oth_b", "old_a"),
    "B": ("off_bal", "mix_c", "hard_b", "knd_c", "qual_a", "aid_a"),
    "C": ("pre_a", "tr_c", "mor_a", "oth_e", "spk_a", "knd_b"),
}
REPORTS = 400


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("set", choices=sorted(SETS), help="the batches held out")
    batches = SETS[parser.parse_args().set]
    model, gold, characters, probabilities = held_out(batches)
    labels = tuple(model.labels)
    errors = model_errors(model, labels)
    rate = errors["error_rate"]
    print(f"held out {', '.join(batches)}: accuracy {(probabilities.argmax(1) == gold).mean():.3f}"
          f", cross-validated error rate {rate:.3f}")

    truth, share, per_paragraph = [], [], []
    for chosen in synthetic_reports(gold, len(labels), REPORTS):
        weights, p = characters[chosen], probabilities[chosen]
        truth.append(np.bincount(gold[chosen], weights=weights, minlength=len(labels))
                     / weights.sum())
        share.append(estimate_shares(weights, p, **errors)[0])
        per_paragraph.append((weights**2) @ (p * (1 - p)) / weights.sum() ** 2)
    truth, share, per_paragraph = map(np.array, (truth, share, per_paragraph))
    print(f"mean absolute error of the adjusted share {np.abs(share - truth).mean():.4f}")
    for k, name in [(rate, "old: e**2"), (SYSTEMATIC_SCALE, "SYSTEMATIC_SCALE"),
                    (0.5, ""), (1.0, "")]:
        half = Z95 * np.sqrt(per_paragraph + k * rate * share * (1 - share))
        covered = (share - half <= truth + 1e-12) & (truth <= share + half + 1e-12)
        print(f"k = {k:.3f} {name:<17} coverage {covered.mean():.1%}   "
              f"width {np.minimum(2 * half, 1).mean():.3f}")


if __name__ == "__main__":
    main()
