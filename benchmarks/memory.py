"""Peak memory of predicting and tagging at scale, each case in a new process.

Prints the peak resident memory (VmHWM, Linux) and wall time of:
- ``edusummary.predict`` on 1,000,000 paragraphs generated on the fly (the texts of
  ``data/`` over and over, numbered so that no two are the same), and on 100,000;
- ``edusummary.tag_file`` on a 20 MB plain-text report made of those texts;
- ``edusummary tag`` (the CLI, run in-process by ``edusummary.cli.main``) on 100,000
  paragraphs in 2,000 files of 50 paragraphs, written into a temporary folder.
The issue's targets: under 200 MB for any input size, 150 MB for the 2,000 files. Takes
about a minute on a 2-core machine.

    python benchmarks/memory.py
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
from pathlib import Path

from throughput import REPO, write_reports

import edusummary

#: Prepended to every case: the paragraphs of data/, numbered on the fly.
SETUP = f"""\
import edusummary
TEXTS = [r.text for r in edusummary.read_records({str(REPO / "data")!r})]

def generated(count):
    return (f"{{i}}. {{TEXTS[i % len(TEXTS)]}}" for i in range(count))
"""

CASES = {
    "predict, 1,000,000 generated paragraphs": (
        200,
        "found = edusummary.predict(generated(1_000_000))\nassert len(found) == 1_000_000\n",
    ),
    "predict, 100,000 generated paragraphs": (
        200,
        "found = edusummary.predict(generated(100_000))\nassert len(found) == 100_000\n",
    ),
    "tag_file, a 20 MB text report": (
        200,
        "report = edusummary.tag_file({report!r})\nassert len(report.paragraphs) > 30_000\n",
    ),
    "edusummary tag, 100,000 paragraphs in 2,000 files": (
        150,
        "from edusummary.cli import main\n"
        "assert main(['tag', {folder!r}, '-q', '-o', {output!r}]) == 0\n",
    ),
}


def write_report(path: Path, texts: list[str], size: int) -> None:
    """A plain-text report of about ``size`` bytes: the texts in order, a heading every 50."""
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(10**9):
            if i % 50 == 0:
                handle.write(f"第{i // 50 + 1}部分\n\n")
            handle.write(texts[i % len(texts)] + "\n\n")
            if handle.tell() >= size:
                return


def peak_rss(code: str) -> tuple[float, float]:
    """Wall time and peak resident memory (MB) of ``code`` run in a new process.

    The child reads its own high-water mark: getrusage figures of a child carry over the
    RSS it shared with this parent before it started Python.
    """
    code += (
        "import re, sys\n"
        "status = open('/proc/self/status').read()\n"
        "print(re.search(r'VmHWM:\\s*(\\d+)', status).group(1), file=sys.stderr)\n"
    )
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(done.stderr)
    return seconds, int(done.stderr.strip().splitlines()[-1]) / 1024


def main() -> None:
    if not Path("/proc/self/status").exists():
        sys.exit("reads VmHWM from /proc/self/status: Linux only")
    texts = [r.text for r in edusummary.read_records(REPO / "data")]
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        report = tmp / "report.txt"
        write_report(report, texts, 20 * 2**20)
        write_reports(tmp / "files", texts, files=2000, per_file=50)
        paths = {"report": str(report), "folder": str(tmp / "files"),
                 "output": str(tmp / "out.jsonl")}
        print(f"{'case':<52}{'peak RSS':>10}{'target':>8}{'seconds':>9}")
        for name, (target, code) in CASES.items():
            seconds, peak = peak_rss(SETUP + code.format(**paths))
            print(f"{name:<52}{peak:>7.0f} MB{target:>5} MB{seconds:>9.1f}")


if __name__ == "__main__":
    main()
