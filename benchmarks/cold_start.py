"""Cold start: a new Python process that imports the library and labels one paragraph.

Compared, in the same run, with the hand-rolled alternative: a script that imports jieba and
scikit-learn and loads a joblib-pickled TfidfVectorizer + LinearSVC pipeline trained on the
same data. Each command runs several times, interleaved; the table shows medians.

    python benchmarks/cold_start.py [--runs 7]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PARAGRAPH = "全县新建乡镇中心幼儿园六所，学前三年毛入园率达到百分之九十三。"

EDUSUMMARY = f"import edusummary; edusummary.predict([{PARAGRAPH!r}])"
HAND_ROLLED = (
    "import jieba, joblib\n"
    "jieba.setLogLevel(60)\n"
    "pipeline = joblib.load({path!r})\n"
    f"pipeline.predict([' '.join(jieba.lcut({PARAGRAPH!r}))])\n"
)


def hand_rolled_pipeline(path: Path) -> None:
    import jieba
    import joblib
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    import edusummary

    jieba.setLogLevel(60)
    records = edusummary.read_records(REPO / "data")
    texts = [" ".join(jieba.lcut(r.text)) for r in records]
    pipeline = make_pipeline(TfidfVectorizer(token_pattern=r"(?u)\S+"), LinearSVC())
    pipeline.fit(texts, [r.label for r in records])
    joblib.dump(pipeline, path)


def seconds(code: str) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, cwd=REPO)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "pipeline.joblib"
        hand_rolled_pipeline(path)
        commands = {
            "edusummary": EDUSUMMARY,
            "jieba + sklearn script": HAND_ROLLED.format(path=str(path)),
        }
        # One untimed run each warms the OS file cache and jieba's dictionary cache.
        for code in commands.values():
            seconds(code)
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, code in commands.items():
                times[name].append(seconds(code))
    baseline = statistics.median(times["jieba + sklearn script"])
    print(f"cold start: new process, import + first prediction (median of {args.runs} runs)")
    print(f"{'':<26}{'seconds':>10}{'ratio':>8}")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<26}{median:>10.3f}{median / baseline:>8.2f}")


if __name__ == "__main__":
    main()
