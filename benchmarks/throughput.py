"""Throughput, cold start, memory and parallel speed-up, measured in one run.

Prints paragraphs per second of edusummary's ``predict`` against peers trained on the same
data (data/) and run in the same process, interleaved (A B C ... A B C ...) over several
rounds, each peer called on the same batches of ``--batch`` paragraphs:
- edusummary as of ``--before`` (default: the commit before the fused prediction path),
  extracted from git and imported as ``edusummary_before`` with the same model file;
- a hand-rolled script: jieba.lcut + scikit-learn TfidfVectorizer + LinearSVC;
- like for like: scikit-learn TfidfVectorizer(analyzer="char") with the shipped settings'
  n-gram range + LogisticRegression, no normalisation;
- rjieba (or jieba) + fastText (pip install rjieba fasttext-wheel; skipped with a message
  when fastText is not installed).
It prints the median rate of each and the median of the paired per-round ratios. The peers
import scikit-learn, hence scipy.sparse, so edusummary's raw-count model scores every batch
on its fused path (see ``TfidfFeatures._fused``), as it does in any process that has scipy.sparse
loaded or in batches of 5,000 paragraphs or more; a process that scores smaller batches
without scipy.sparse loaded counts terms with numpy, about 1.1x the speed of the previous
commit rather than 1.9x. Then the
cold start of a new process (import + first prediction) against the earlier edusummary and
the hand-rolled script loading its joblib pipeline, the peak RSS of ``edusummary tag`` on
100,000 paragraphs, and the speed-up of ``--jobs 2`` over ``--jobs 1`` on 200 report files:
of whole ``edusummary tag`` processes, whose start (interpreter, import, model) is serial
and in both, and of the tagging phase alone (in this process, a warm ``TaggingPool``
against serial ``tag_paths``, both writing JSON lines).
``--quick`` trains the baselines on a third of data/, measures throughput on 1,000
paragraphs and the cold start of the two edusummary versions only, in under a minute;
``--jobs`` measures only the ``--jobs 2`` figures, in under a minute.

    python benchmarks/throughput.py [--quick] [--jobs] [--paragraphs 20000] [--runs 5]
        [--batch 1000]
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import random
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import edusummary
from edusummary.model.training import DEFAULT_SETTINGS

REPO = Path(__file__).resolve().parent.parent
PARAGRAPH = "全县新建乡镇中心幼儿园六所，学前三年毛入园率达到百分之九十三。"
#: The last commit before prediction counted and scored in fused chunks.
BEFORE = "f88580d"
#: What ``edusummary tag`` does before the first file, in either setting of ``--jobs``.
LOAD = "edusummary.default_tagger.model.prepare()"


def corpus(size: int, seed: int = 0) -> tuple[list[str], list[str], list[str]]:
    """(training texts, training labels, ``size`` test paragraphs repeated and shuffled)."""
    records = edusummary.read_records(REPO / "data")
    texts = [r.text for r in records]
    rng = random.Random(seed)
    test = [texts[i % len(texts)] for i in range(size)]
    rng.shuffle(test)
    return texts, [r.label for r in records], test


def earlier_edusummary(revision: str, folder: Path):
    """The ``edusummary`` package as of ``revision``, imported as ``edusummary_before``."""
    archive = subprocess.run(
        ["git", "archive", "--format=tar", revision, "edusummary"],
        cwd=REPO, check=True, capture_output=True,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(folder, filter="data")
    (folder / "edusummary").rename(folder / "edusummary_before")
    sys.path.insert(0, str(folder))
    return importlib.import_module("edusummary_before")


def hand_rolled(train_texts, train_labels):
    import jieba
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    jieba.setLogLevel(60)
    pipeline = make_pipeline(TfidfVectorizer(token_pattern=r"(?u)\S+"), LinearSVC())
    pipeline.fit([" ".join(jieba.lcut(t)) for t in train_texts], train_labels)
    return pipeline, lambda texts: pipeline.predict([" ".join(jieba.lcut(t)) for t in texts])


def sklearn_char(train_texts, train_labels):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    pipeline = make_pipeline(
        TfidfVectorizer(analyzer="char", ngram_range=DEFAULT_SETTINGS.char_ngrams, min_df=2),
        LogisticRegression(max_iter=200),
    )
    pipeline.fit(train_texts, train_labels)
    return pipeline.predict


def segmenter_fasttext(train_texts, train_labels, tmp: Path):
    """(name, predict) of fastText over rjieba words (jieba when rjieba is missing)."""
    try:
        import fasttext
    except ImportError:
        return None, None
    try:
        import rjieba

        name, cut = "rjieba + fastText", rjieba.cut
    except ImportError:
        import jieba

        jieba.setLogLevel(60)
        name, cut = "jieba + fastText", jieba.lcut

    def words(text: str) -> str:
        # fastText reads one text per line: a paragraph's line breaks (pasted PDF text) go.
        return " ".join(cut(text)).replace("\n", " ")

    path = tmp / "train.txt"
    path.write_text(
        "".join(
            f"__label__{label} {words(text)}\n"
            for text, label in zip(train_texts, train_labels, strict=True)
        ),
        encoding="utf-8",
    )
    model = fasttext.train_supervised(str(path), epoch=25, wordNgrams=2, verbose=0, thread=1)
    return name, lambda texts: model.predict([words(t) for t in texts])


def interleaved_rates(peers: dict, texts: list[str], batch: int, rounds: int) -> dict:
    """Paragraphs per second of each peer in each round, the peers taking turns."""
    batches = [texts[i : i + batch] for i in range(0, len(texts), batch)]
    rates: dict[str, list[float]] = {name: [] for name in peers}
    for _ in range(rounds):
        for name, predict in peers.items():
            start = time.perf_counter()
            for chunk in batches:
                predict(chunk)
            rates[name].append(len(texts) / (time.perf_counter() - start))
    return rates


def process_seconds(arguments: list[str]) -> float:
    """Wall time of a child process."""
    start = time.perf_counter()
    subprocess.run(arguments, check=True, cwd=REPO, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def tag_peak_rss(arguments: list[str]) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of ``edusummary tag ARGUMENTS`` in a new process.

    The child reports its own high-water mark (VmHWM, Linux): getrusage figures carry
    over the RSS a forked child shares with this large parent before it execs.
    """
    code = (
        "import re, sys\n"
        "from edusummary.cli import main\n"
        f"status = main({['tag', *arguments]!r})\n"
        "status_text = open('/proc/self/status').read()\n"
        "print(re.search(r'VmHWM:\\s*(\\d+)', status_text).group(1), file=sys.stderr)\n"
        "sys.exit(status)\n"
    )
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code], check=True, cwd=REPO, capture_output=True, text=True
    )
    peak_kib = int(done.stderr.strip().splitlines()[-1])
    return time.perf_counter() - start, peak_kib / 1024


def cold_starts(commands: dict[str, str], runs: int, path: str) -> dict[str, float]:
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs + 1):  # the first round warms file caches and is not counted
        for name, code in commands.items():
            code = f"import sys; sys.path.insert(0, {path!r})\n" + code
            times[name].append(process_seconds([sys.executable, "-c", code]))
    return {name: statistics.median(values[1:]) for name, values in times.items()}


def write_reports(folder: Path, texts: list[str], files: int, per_file: int) -> None:
    folder.mkdir(parents=True)
    for i in range(files):
        chunk = [texts[(i * per_file + k) % len(texts)] for k in range(per_file)]
        (folder / f"report_{i:05d}.txt").write_text(
            f"报告{i}\n\n" + "\n\n".join(chunk) + "\n", encoding="utf-8"
        )


def tagging_phase(folder: Path, rounds: int) -> tuple[list[float], list[float]]:
    """Seconds of the tagging phase alone, serial and in a warm 2-worker TaggingPool,
    alternated: from the first file started to the last row written (JSON lines to a file,
    as ``edusummary tag -o`` writes them), the model loaded and the workers started
    beforehand."""
    from edusummary.batch.output import encode_jsonl
    from edusummary.batch.running import tag_paths

    paths = sorted(str(p) for p in folder.iterdir())
    tagger = edusummary.default_tagger
    tagger.model.prepare()

    def run(pool=None) -> float:
        start = time.perf_counter()
        with open(folder.with_suffix(".jsonl"), "wb") as out:
            for outcome in tag_paths(paths, tagger, encode=encode_jsonl, pool=pool):
                out.write(outcome.encoded)
        return time.perf_counter() - start

    with edusummary.TaggingPool(tagger, 2) as pool:
        run(), run(pool)  # warm: file caches, and the workers' first touch of the model
        serial, two = [], []
        for _ in range(rounds):
            serial.append(run())
            two.append(run(pool))
    return serial, two


def compare_jobs(folder: Path, texts: list[str], rounds: int) -> None:
    """``--jobs 2`` over ``--jobs 1`` on 200 files of 100 paragraphs: whole processes (a
    new interpreter, import and model load in both), then the tagging phase alone."""
    write_reports(folder, texts, files=200, per_file=100)
    tag = [sys.executable, "-m", "edusummary", "tag", str(folder), "-q"]
    # Alternate the two settings and keep the best of each: other load on a shared
    # machine only ever makes a run slower.
    runs: dict[str, list[float]] = {"1": [], "2": []}
    for _ in range(rounds):
        for jobs in runs:
            output = str(folder.with_name(f"jobs{jobs}.jsonl"))
            runs[jobs].append(process_seconds([*tag, "-j", jobs, "-o", output]))
    one, two = min(runs["1"]), min(runs["2"])
    start = min(
        process_seconds([sys.executable, "-c", f"import edusummary; {LOAD}"]) for _ in range(3)
    )
    print(f"--jobs 2 over --jobs 1 on 200 files (20,000 paragraphs, best of {rounds}), "
          f"whole processes: {one:.2f} s / {two:.2f} s = {one / two:.2f}x "
          f"(load average {os.getloadavg()[0]:.2f}; a new interpreter, import and model "
          f"load take {start:.2f} s of each, before any file)")
    serial, pool = tagging_phase(folder, rounds)
    paired = statistics.median(s / p for s, p in zip(serial, pool, strict=True))
    print(f"tagging phase alone, in-process, a warm TaggingPool(n_jobs=2) against serial "
          f"(best of {rounds}): {min(serial):.2f} s / {min(pool):.2f} s = "
          f"{min(serial) / min(pool):.2f}x (median of paired rounds {paired:.2f}x; load "
          f"average {os.getloadavg()[0]:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--paragraphs", type=int, default=20000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=1000)
    parser.add_argument("--before", default=BEFORE, help="git revision to compare with")
    parser.add_argument("--quick", action="store_true", help="a check in under a minute")
    parser.add_argument("--jobs", action="store_true", help="only the --jobs 2 figures")
    args = parser.parse_args()
    if args.jobs:
        with tempfile.TemporaryDirectory() as tmp:
            compare_jobs(Path(tmp, "two"), corpus(0)[0], args.runs)
        return
    if args.quick:
        args.paragraphs = min(args.paragraphs, 1000)
    train_texts, train_labels, test = corpus(args.paragraphs)
    if args.quick:  # the baselines' training takes most of a quick run
        train_texts, train_labels = train_texts[::3], train_labels[::3]
    print(f"{len(test)} test paragraphs in batches of {args.batch}, {args.runs} interleaved "
          f"rounds; baselines trained on {len(train_texts)} (data/)")

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        before = earlier_edusummary(args.before, tmp / "before")
        peers = {
            "edusummary predict": edusummary.load_model().predict,
            f"edusummary {args.before}": before.load_model().predict,
        }
        pipeline, peers["jieba + sklearn script"] = hand_rolled(train_texts, train_labels)
        low, high = DEFAULT_SETTINGS.char_ngrams
        peers[f"sklearn char({low},{high}) + LR"] = sklearn_char(train_texts, train_labels)
        name, fast = segmenter_fasttext(train_texts, train_labels, tmp)
        if fast is None:
            print("fastText: skipped (pip install rjieba fasttext-wheel to include it)")
        else:
            peers[name] = fast
        for predict in peers.values():
            predict(test[:100])
        rates = interleaved_rates(peers, test, args.batch, args.runs)
        ours = rates["edusummary predict"]
        print(f"\n{'throughput':<26}{'paragraphs/s':>14}{'edusummary is':>16}")
        for name, values in rates.items():
            ratio = statistics.median(a / b for a, b in zip(ours, values, strict=True))
            print(f"{name:<26}{statistics.median(values):>14,.0f}{ratio:>15.2f}x")

        commands = {
            "edusummary": f"import edusummary; edusummary.predict([{PARAGRAPH!r}])",
            f"edusummary {args.before}": (
                f"import edusummary_before; edusummary_before.predict([{PARAGRAPH!r}])"
            ),
        }
        if not args.quick:
            import joblib

            joblib.dump(pipeline, tmp / "pipeline.joblib")
            commands["jieba + sklearn script"] = (
                "import jieba, joblib\njieba.setLogLevel(60)\n"
                f"pipeline = joblib.load({str(tmp / 'pipeline.joblib')!r})\n"
                f"pipeline.predict([' '.join(jieba.lcut({PARAGRAPH!r}))])\n"
            )
        starts = cold_starts(commands, 3 if args.quick else args.runs, str(tmp / "before"))
        print(f"\n{'cold start (median)':<26}{'seconds':>14}{'ratio':>16}")
        for name, value in starts.items():
            print(f"{name:<26}{value:>14.3f}{value / starts['edusummary']:>15.2f}x")
        if args.quick:
            return

        write_reports(tmp / "big", train_texts, files=2000, per_file=50)
        seconds, peak = tag_peak_rss([str(tmp / "big"), "-q", "-o", str(tmp / "big.jsonl")])
        print(f"\nedusummary tag, 100,000 paragraphs in 2,000 files: {seconds:.1f} s, "
              f"peak RSS {peak:.0f} MB")

        compare_jobs(tmp / "two", train_texts, args.runs)

if __name__ == "__main__":
    main()
