"""Reading time grows linearly with the size of a report.

Writes a web page of N ``<p>`` paragraphs of Chinese text and one ten times larger, reads
each (best of 3) and prints both times and their ratio; then the same for plain text. A
ratio near 10 is linear; the target is at most 12 (a quadratic reader gives about 100).
Takes about 20 s with the default sizes.

    python benchmarks/reading_scale.py [--paragraphs 8000]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import edusummary

PARAGRAPH = "第{}条：全县新建公办幼儿园五所，学前三年毛入园率提高到百分之九十二。"
TARGET_RATIO = 12


def write_html(path: Path, count: int) -> None:
    body = "\n".join(f"<p>{PARAGRAPH.format(i)}</p>" for i in range(count))
    path.write_text(
        f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>{body}</body></html>',
        encoding="utf-8",
    )


def write_txt(path: Path, count: int) -> None:
    path.write_text("\n\n".join(PARAGRAPH.format(i) for i in range(count)), encoding="utf-8")


def best_of_3(path: Path) -> float:
    times = []
    for _ in range(3):
        start = time.perf_counter()
        edusummary.read(path)
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--paragraphs", type=int, default=8000)
    count = parser.parse_args().paragraphs
    with tempfile.TemporaryDirectory() as folder:
        for suffix, write in ((".html", write_html), (".txt", write_txt)):
            small, large = Path(folder, f"small{suffix}"), Path(folder, f"large{suffix}")
            write(small, count)
            write(large, 10 * count)
            small_time, large_time = best_of_3(small), best_of_3(large)
            ratio = large_time / small_time
            verdict = "" if ratio <= TARGET_RATIO else "  ** over target **"
            print(
                f"{suffix[1:]} {count:,} -> {10 * count:,} paragraphs: "
                f"{small_time:.3f} s -> {large_time:.3f} s, ratio {ratio:.1f} "
                f"(target <= {TARGET_RATIO}){verdict}"
            )


if __name__ == "__main__":
    main()
