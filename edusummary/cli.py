"""The ``edusummary`` command: tag reports, train and evaluate models.

Exit status: 0 on success, 1 when some input could not be processed, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import sys
from collections.abc import Iterable
from pathlib import Path

from . import __version__
from .errors import EdusummaryError
from .evaluation import evaluate
from .labels import LABELS
from .records import read_records
from .tagging import Tagger, default_model_path, load_model
from .training import DEFAULT_SETTINGS, train
from .validation import validate

CSV_FIELDS = ["source", "index", "label", "labels", "confidence", "heading", "start", "end", "text"]


def _ngram_range(value: str) -> tuple[int, int] | None:
    if value.lower() == "none":
        return None
    try:
        low, high = (int(part) for part in value.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected LOW,HIGH such as 1,3 (or none), got {value!r}"
        ) from None
    return low, high


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="edusummary",
        description="Label the paragraphs of Chinese education-bureau reports by topic.",
    )
    parser.add_argument("--version", action="version", version=f"edusummary {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    commands = parser.add_subparsers(dest="command", required=True)

    tag = commands.add_parser("tag", help="label every paragraph of report files")
    tag.add_argument("paths", nargs="+", type=Path, help="report files (.txt, .docx, .html, .pdf)")
    tag.add_argument(
        "-o", "--output", type=Path,
        help="write rows to OUT.jsonl or OUT.csv (default: JSON lines on stdout)",
    )
    tag.add_argument("--model", type=Path, help="model file (default: the shipped model)")

    train_cmd = commands.add_parser("train", help="train a model on labelled JSONL records")
    train_cmd.add_argument("data", nargs="+", type=Path, help="JSONL files or folders of them")
    train_cmd.add_argument("-o", "--output", type=Path, required=True, help="model file to write")
    train_cmd.add_argument("--seed", type=int, default=0)
    train_cmd.add_argument("--C", type=float, default=DEFAULT_SETTINGS["C"], dest="C")
    train_cmd.add_argument(
        "--char-ngrams", type=_ngram_range, default=DEFAULT_SETTINGS["char_ngrams"],
        metavar="LOW,HIGH",
    )
    train_cmd.add_argument(
        "--word-ngrams", type=_ngram_range, default=DEFAULT_SETTINGS["word_ngrams"],
        metavar="LOW,HIGH",
    )

    evaluate_cmd = commands.add_parser("evaluate", help="score a model on labelled records")
    evaluate_cmd.add_argument("data", nargs="+", type=Path, help="JSONL files or folders")
    evaluate_cmd.add_argument("--model", type=Path, help="model file (default: the shipped model)")
    evaluate_cmd.add_argument("--json", action="store_true", help="print the scores as JSON")

    validate_cmd = commands.add_parser(
        "validate", help="check labelled records: schema, labels, length, duplicates, copies"
    )
    validate_cmd.add_argument("data", nargs="+", type=Path, help="JSONL files or folders")
    validate_cmd.add_argument(
        "--reference", type=Path,
        help="folder of texts that must not be copied (e.g. ../shared); its .txt files and "
        "the text of its .jsonl records are checked",
    )
    return parser


def _write_rows(rows: Iterable[dict], output: Path | None) -> int:
    if output is not None and output.suffix.lower() == ".csv":
        with open(output, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.DictWriter(handle, fieldnames=CSV_FIELDS)
            writer.writeheader()
            count = 0
            for row in rows:
                writer.writerow({**row, "labels": "|".join(row["labels"])})
                count += 1
        return count
    handle = open(output, "w", encoding="utf-8") if output is not None else sys.stdout
    count = 0
    try:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            count += 1
    finally:
        if output is not None:
            handle.close()
    return count


def _tag(args: argparse.Namespace) -> int:
    if args.output is not None and args.output.suffix.lower() not in (".jsonl", ".csv"):
        print(f"edusummary: -o must end in .jsonl or .csv, got {args.output}", file=sys.stderr)
        return 2
    tagger = Tagger(args.model)
    failed: list[tuple[Path, str]] = []
    files = 0

    def rows():
        nonlocal files
        for path in args.paths:
            try:
                report = tagger.tag_file(path)
            except EdusummaryError as exc:
                failed.append((path, str(exc)))
                continue
            files += 1
            yield from report.rows()

    count = _write_rows(rows(), args.output)
    for path, reason in failed:
        print(f"edusummary: skipped {path}: {reason}", file=sys.stderr)
    where = f" to {args.output}" if args.output else ""
    print(f"tagged {count} paragraphs in {files} file(s){where}; {len(failed)} failed",
          file=sys.stderr)
    return 1 if failed else 0


def _train(args: argparse.Namespace) -> int:
    model = train(
        args.data,
        char_ngrams=args.char_ngrams,
        word_ngrams=args.word_ngrams,
        C=args.C,
        seed=args.seed,
    )
    model.save(args.output)
    cv = model.metadata.get("cross_validation", {})
    print(
        f"wrote {args.output}: {model.metadata['training_data']['records']} records, "
        f"{model.features.n_features} features, cross-validated macro-F1 "
        f"{cv.get('macro_f1', float('nan')):.4f}"
    )
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    records = read_records(args.data, labels=dict.fromkeys((*LABELS, *model.labels)))
    result = evaluate(model, records)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(f"model: {args.model or default_model_path()}")
        print(result.to_text())
    return 0


def _validate(args: argparse.Namespace) -> int:
    result = validate(args.data, reference=args.reference)
    for problem in result.problems:
        print(problem)
    print(result.summary())
    return 0 if result.ok else 1


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    command = {"tag": _tag, "train": _train, "evaluate": _evaluate, "validate": _validate}[
        args.command
    ]
    try:
        return command(args)
    except EdusummaryError as exc:
        print(f"edusummary: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("edusummary: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
