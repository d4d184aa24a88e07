"""Do the settings generalise to kinds of text their training data lacked?

data/ grew in rounds, and each round was written for kinds of document the batches before it
did not have or that the model of the time got wrong (the data card tells how): the official
register (round 1), speeches, notices, inspections and older wording (2), the other side of
each boundary and the majority rule (3), yearbooks, replies, messy text and first-person
reports (4), the banners of 素质教育 and quality (5), student aid, charity and care (6). Each
setting is trained on the rounds before one and scores that round, as a model meets reports
unlike its training.
Cross-validation on data/ (``select_model.py``) holds out batches written like the others;
this holds out what was new when written. Rounds 1 to 4 were written against the shipped
model of their time, whose settings are the first row, and rounds 5 and 6 against the current
default, the last row: each is hard by design for the model it was written against.

    python benchmarks/forward_rounds.py

Prints macro-F1 on each round, then pooled over the rounds, with compulsory_balance F1. About
3 minutes on 2 cores.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

import edusummary
from edusummary.model.evaluation import score
from edusummary.model.training import DEFAULT_SETTINGS, cross_validated_scores, register_copies

REPO = Path(__file__).resolve().parent.parent

#: The batches of data/ by the round they were written in.
ROUNDS = (
    "pre_a pre_b bal_a bal_b bal_c bal_d tr_a tr_b tr_c mor_a mor_b "
    "oth_a oth_b oth_c oth_d oth_e old_a mix_a",
    "off_bal off_tr off_pre off_mor off_mix",
    "spk_a ntc_a insp_a old_b nm_bal nm_mix",
    "hard_b hard_c mix_b mix_c",
    "knd_a knd_b knd_c knd_d",
    "qual_a qual_b",
    "aid_a",
)

#: Settings compared: first those rounds 1-4 were written against, last the current default.
SETTINGS = {
    "char 1-3, C=3.33": DEFAULT_SETTINGS.replace(char_ngrams=(1, 3), C=10 / 3),
    "char 1-3, C=10": DEFAULT_SETTINGS.replace(char_ngrams=(1, 3), C=10.0),
    "char 1-3, C=100": DEFAULT_SETTINGS.replace(char_ngrams=(1, 3), C=100.0),
    "char 1-2, C=3.33": DEFAULT_SETTINGS.replace(char_ngrams=(1, 2), C=10 / 3),
    "char 1-2, C=10": DEFAULT_SETTINGS.replace(char_ngrams=(1, 2), C=10.0),
    "char 1-2, C=33.3": DEFAULT_SETTINGS.replace(char_ngrams=(1, 2), C=100 / 3),
}


def main() -> None:
    records = edusummary.read_records(REPO / "data")
    round_of = {f"authored/{batch}": k for k, names in enumerate(ROUNDS) for batch in names.split()}
    unknown = {r.source for r in records} - set(round_of)
    if unknown:
        raise SystemExit(f"batches in data/ with no round in ROUNDS: {sorted(unknown)}")
    labels = list(edusummary.LABELS)
    y = np.array([labels.index(r.label) for r in records])
    rounds = np.array([round_of[r.source] for r in records])
    # Round k is the test part of the k-th split, trained on the rounds before it; round 0
    # is never tested.
    later = range(1, len(ROUNDS))
    splits = [(np.flatnonzero(rounds < k), np.flatnonzero(rounds == k)) for k in later]
    gold = np.array([labels[i] for i in y])
    tested = rounds > 0
    print(f"{'settings':<18}" + "".join(f"{'round ' + str(k):>10}" for k in later)
          + f"{'pooled':>10}{'balance':>10}", flush=True)
    for name, settings in SETTINGS.items():
        analyzer = settings.analyzer()
        scores = cross_validated_scores(
            [analyzer(r.text) for r in records], y, settings, len(labels), splits, n_jobs=-1,
            copies=register_copies([r.text for r in records], settings, seed=0),
        )
        predicted = np.array([labels[i] for i in scores.argmax(axis=1)])
        per_round = [score(list(gold[test]), list(predicted[test])).macro_f1 for _, test in splits]
        pooled = score(list(gold[tested]), list(predicted[tested]))
        print(f"{name:<18}" + "".join(f"{f1:>10.4f}" for f1 in per_round)
              + f"{pooled.macro_f1:>10.4f}"
              + f"{pooled.per_label['compulsory_balance']['f1']:>10.4f}", flush=True)


if __name__ == "__main__":
    main()
