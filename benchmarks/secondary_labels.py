"""Secondary labels against those written in data/, by leave-one-batch-out cross-validation.

LABELS.md gives a paragraph, besides its primary label, the topics that take a full sentence
of it. For each batch of data/, a model is trained on the other batches (uncalibrated, then
given the shipped model's temperature, so that probabilities mean what they mean in the
shipped model) and tags the batch's paragraphs with ``Tagger(sentence_threshold=t)`` for
several ``t``, and with ``sentence_threshold=None`` (labels from the paragraph's own
probabilities only). Secondary labels (neither the primary label nor ``other``) are scored
against the record's ``labels``: precision, recall and F1 over all paragraphs. Also prints
the primary labels' macro-F1, which the thresholds do not change. About five minutes.

    python benchmarks/secondary_labels.py
"""

from __future__ import annotations

import time
import warnings
from pathlib import Path

import edusummary
from edusummary.model.evaluation import score
from edusummary.text.segmenting import PARAGRAPH, Segment

REPO = Path(__file__).resolve().parent.parent
THRESHOLDS = (None, 0.6, 0.7, 0.8, 0.9)


def secondary(labels: tuple[str, ...] | list[str], primary: str) -> set[str]:
    return set(labels) - {primary, "other"}


def main() -> None:
    records = edusummary.read_records(REPO / "data")
    temperature = edusummary.load_model().temperature
    batches = sorted({r.source for r in records})
    counts = {t: [0, 0, 0] for t in THRESHOLDS}  # true positives, false positives, misses
    gold, predicted = [], []
    start = time.perf_counter()
    for batch in batches:
        held_out = [r for r in records if r.source == batch]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", edusummary.EdusummaryWarning)
            model = edusummary.train(
                [r for r in records if r.source != batch], calibrate=False, n_jobs=-1
            )
        model.temperature = temperature
        pieces = [Segment(PARAGRAPH, r.text, 0, len(r.text)) for r in held_out]
        for threshold in THRESHOLDS:
            tagger = edusummary.Tagger(model, sentence_threshold=threshold)
            paragraphs = tagger._paragraphs(pieces, tagger._probabilities(pieces))
            for record, paragraph in zip(held_out, paragraphs, strict=True):
                found = secondary(paragraph.labels, paragraph.label)
                expected = secondary(record.labels, paragraph.label) - {record.label}
                tally = counts[threshold]
                tally[0] += len(found & expected)
                tally[1] += len(found - expected)
                tally[2] += len(expected - found)
                if threshold is None:
                    gold.append(record.label)
                    predicted.append(paragraph.label)
        print(f"{batch}: {len(held_out)} paragraphs ({time.perf_counter() - start:.0f}s)",
              flush=True)
    print(f"\nprimary labels, leave-one-batch-out: macro-F1 {score(gold, predicted).macro_f1:.3f}")
    print(f"{'sentence_threshold':>20}{'precision':>11}{'recall':>9}{'F1':>8}")
    for threshold, (hits, extra, missed) in counts.items():
        precision = hits / max(hits + extra, 1)
        recall = hits / max(hits + missed, 1)
        f1 = 2 * precision * recall / max(precision + recall, 1e-12)
        print(f"{threshold!s:>20}{precision:>11.3f}{recall:>9.3f}{f1:>8.3f}")


if __name__ == "__main__":
    main()
