"""What scoring sentences costs ``Tagger.tag_texts``: 200 reports of 50 paragraphs from
data/, tagged with sentence topics (the default) and without (``sentence_threshold=None``),
alternated over 3 rounds after ``load_model().prepare()``; prints the best time of each and
their ratio.

    python benchmarks/sentence_cost.py [--reports 200] [--paragraphs 50] [--rounds 3]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import edusummary

REPO = Path(__file__).resolve().parent.parent


def reports(n_reports: int, n_paragraphs: int) -> list[str]:
    """``n_reports`` report texts of ``n_paragraphs`` paragraphs of data/ each, blank lines
    between paragraphs, the records taken in order and reused when they run out."""
    texts = [record.text for record in edusummary.read_records(REPO / "data")]
    return [
        "\n\n".join(texts[(r * n_paragraphs + i) % len(texts)] for i in range(n_paragraphs))
        for r in range(n_reports)
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--reports", type=int, default=200)
    parser.add_argument("--paragraphs", type=int, default=50)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    batch = reports(args.reports, args.paragraphs)
    model = edusummary.load_model().prepare()
    taggers = {
        "sentences": edusummary.Tagger(model),
        "none": edusummary.Tagger(model, sentence_threshold=None),
    }
    best = dict.fromkeys(taggers, float("inf"))
    for _ in range(args.rounds):
        for name, tagger in taggers.items():
            start = time.perf_counter()
            tagger.tag_texts(batch)
            best[name] = min(best[name], time.perf_counter() - start)
    paragraphs = args.reports * args.paragraphs
    for name, seconds in best.items():
        print(f"{name:>9}: {seconds:.3f} s ({paragraphs / seconds:,.0f} paragraphs/s)")
    print(f"ratio: {best['sentences'] / best['none']:.2f}x")


if __name__ == "__main__":
    main()
