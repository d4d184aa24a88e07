"""The ``edusummary`` command: tag and summarise reports, view one, train and evaluate models.

Exit status: 0 on success, 1 when some input could not be processed, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import time
from pathlib import Path

from tqdm import tqdm

from . import __version__
from ._optional import require
from .bulk import file_digest, find_reports, tag_paths
from .errors import EdusummaryError
from .evaluation import compare, evaluate
from .labels import LABELS
from .output import ENCODERS, FORMATS, RowWriter, encode_jsonl, sidecar
from .suggesting import suggest, write_sheet
from .summaries import summarize
from .tagging import Tagger, default_model_path, load_model
from .training import DEFAULT_SETTINGS, gather, train
from .validation import validate
from .viewing import render_html


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


def _model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", type=Path, help="model file (default: the shipped model)")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="edusummary",
        description="Label the paragraphs of Chinese education-bureau reports by topic.",
    )
    parser.add_argument("--version", action="version", version=f"edusummary {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    commands = parser.add_subparsers(dest="command", required=True)

    tag = commands.add_parser(
        "tag",
        help="label every paragraph of report files",
        description="Label every paragraph of report files and folders of them. Files that "
        "cannot be tagged are listed in OUT.errors.jsonl and the exit status is 1 (0 when "
        "every file was tagged).",
    )
    tag.add_argument(
        "paths", nargs="+", type=Path,
        help="report files (.txt, .docx, .html, .pdf) or folders of them",
    )
    tag.add_argument(
        "-o", "--output", type=Path,
        help="OUT.jsonl, OUT.csv or OUT.parquet (a dataset folder); default: JSON lines on "
        "stdout",
    )
    tag.add_argument("-r", "--recursive", action="store_true", help="search sub-folders too")
    tag.add_argument(
        "-j", "--jobs", type=int, default=1, help="worker processes (-1: one per core)"
    )
    tag.add_argument(
        "--resume", action="store_true",
        help="after a crash or Ctrl-C, tag only the files not yet in OUT",
    )
    tag.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    _model_option(tag)

    train_cmd = commands.add_parser(
        "train",
        help="train a model on labelled samples",
        description="Train on DATA alone, or on the shipped training data plus the samples "
        "given with --add (or on DATA plus them). Samples are JSONL records, or CSV/Excel "
        "sheets with text and label columns. Rejected rows are listed; --strict makes them "
        "fatal.",
    )
    train_cmd.add_argument(
        "data", nargs="*", type=Path, help="training data (default with --add: the shipped data)"
    )
    train_cmd.add_argument(
        "--add", nargs="+", type=Path, default=[], metavar="SAMPLES",
        help="your labelled samples: .jsonl, .csv or .xlsx files",
    )
    train_cmd.add_argument("-o", "--output", type=Path, required=True, help="model file to write")
    train_cmd.add_argument(
        "--label", action="append", default=[], metavar="NAME",
        help="a label of your own besides the five (repeat for more)",
    )
    train_cmd.add_argument("--strict", action="store_true", help="fail on any rejected row")
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

    evaluate_cmd = commands.add_parser(
        "evaluate", help="score a model on labelled samples (.jsonl, .csv, .xlsx)"
    )
    evaluate_cmd.add_argument("data", nargs="+", type=Path, help="labelled samples")
    _model_option(evaluate_cmd)
    evaluate_cmd.add_argument("--json", action="store_true", help="print the scores as JSON")

    compare_cmd = commands.add_parser(
        "compare", help="score two models on the same samples; list labels that changed"
    )
    compare_cmd.add_argument("old", type=Path, help="model file ('default' for the shipped one)")
    compare_cmd.add_argument("new", type=Path, help="model file")
    compare_cmd.add_argument("data", nargs="+", type=Path, help="labelled samples")
    compare_cmd.add_argument("--json", action="store_true", help="print the comparison as JSON")

    suggest_cmd = commands.add_parser(
        "suggest", help="pick the paragraphs most worth labelling, into a sheet to fill in"
    )
    suggest_cmd.add_argument("paths", nargs="+", type=Path, help="report files or folders")
    suggest_cmd.add_argument("-n", type=int, default=100, help="rows to pick (default 100)")
    suggest_cmd.add_argument(
        "-o", "--output", type=Path, required=True, help="the sheet to write (.csv)"
    )
    _model_option(suggest_cmd)

    explain_cmd = commands.add_parser(
        "explain", help="the terms that pushed each label of a paragraph up or down"
    )
    explain_cmd.add_argument("text", help="one paragraph")
    explain_cmd.add_argument("--top", type=int, default=8, help="terms per label (default 8)")
    _model_option(explain_cmd)

    summarize_cmd = commands.add_parser(
        "summarize",
        help="one row per report and topic: share, key sentences, key figures",
        description="Summarise report files and folders of them: one row per report and "
        "topic with the topic's share, paragraphs, mean confidence, key sentences and "
        "figures (columns: see the README). Without -o, print each report's summary table.",
    )
    summarize_cmd.add_argument(
        "paths", nargs="+", type=Path, help="report files or folders of them"
    )
    summarize_cmd.add_argument(
        "-o", "--output", type=Path, help="summary.csv or summary.xlsx (needs the notebook "
        "extra: pip install 'edusummary[notebook]')",
    )
    summarize_cmd.add_argument("-r", "--recursive", action="store_true", help="search sub-folders")
    summarize_cmd.add_argument(
        "-j", "--jobs", type=int, default=1, help="worker processes (-1: one per core)"
    )
    _model_option(summarize_cmd)

    view_cmd = commands.add_parser(
        "view",
        help="one report as an HTML page: paragraphs coloured by topic, summary on top",
        description="Write one report as a self-contained HTML page (no network needed): "
        "the summary table, a legend, and every paragraph coloured by its topic, with its "
        "confidence on hover and low-confidence paragraphs marked.",
    )
    view_cmd.add_argument("report", type=Path, help="a report file (.txt, .docx, .html, .pdf)")
    view_cmd.add_argument("-o", "--output", type=Path, help="REPORT.html; default: stdout")
    _model_option(view_cmd)
    view_cmd.add_argument(
        "--low-confidence", type=float, default=0.5, metavar="P",
        help="mark paragraphs whose confidence is below P (default 0.5)",
    )

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


def _tag(args: argparse.Namespace) -> int:
    if args.output is not None and args.output.suffix.lower() not in FORMATS:
        print(f"edusummary: -o must end in {', '.join(FORMATS)}; got {args.output}",
              file=sys.stderr)
        return 2
    if args.resume and args.output is None:
        print("edusummary: --resume needs -o OUT", file=sys.stderr)
        return 2
    tagger = Tagger(args.model)
    paths = find_reports(args.paths, recursive=args.recursive)
    started = time.monotonic()
    progress = tqdm(
        unit=" files", disable=True if args.quiet else None, file=sys.stderr, dynamic_ncols=True
    )
    if args.output is None:
        counts = _tag_to_stdout(paths, tagger, args.jobs, progress)
    else:
        counts = _tag_to_file(paths, tagger, args, progress)
    progress.close()
    tagged, paragraphs, failed, skipped = counts
    if not args.quiet:
        seconds = time.monotonic() - started
        where = f" to {args.output}" if args.output else ""
        note = f", {skipped} already done" if skipped else ""
        errors = f" (see {sidecar(args.output, 'errors')})" if failed and args.output else ""
        print(
            f"tagged {paragraphs} paragraphs in {tagged} files{where}{note}; "
            f"{failed} failed{errors}; {seconds:.1f} s",
            file=sys.stderr,
        )
    return 1 if failed else 0


def _tag_to_stdout(paths, tagger: Tagger, jobs: int, progress) -> tuple[int, int, int, int]:
    tagged = paragraphs = failed = 0
    for outcome in tag_paths(paths, tagger, n_jobs=jobs, encode=encode_jsonl):
        progress.update()
        if not outcome.ok:
            failed += 1
            print(f"edusummary: skipped {outcome.error}", file=sys.stderr)
            continue
        tagged += 1
        paragraphs += outcome.paragraphs
        if outcome.spool is None:
            sys.stdout.buffer.write(outcome.encoded)
            continue
        try:
            with open(outcome.spool, "rb") as spool:
                shutil.copyfileobj(spool, sys.stdout.buffer)
        finally:
            os.unlink(outcome.spool)
    return tagged, paragraphs, failed, 0


def _tag_to_file(paths, tagger: Tagger, args, progress) -> tuple[int, int, int, int]:
    tagged = skipped = seen = 0
    with RowWriter(args.output, resume=args.resume) as writer:
        if writer.done:
            done = writer.done

            def pending(paths=paths):
                nonlocal skipped
                for path in paths:
                    if (path, file_digest(path)) in done:
                        skipped += 1
                    else:
                        yield path

            paths = pending()
        try:
            encode = ENCODERS[writer.format]
            for outcome in tag_paths(paths, tagger, n_jobs=args.jobs, encode=encode):
                writer.add(outcome)
                if outcome.ok:
                    tagged += 1
                    seen += outcome.paragraphs
                progress.update()
                progress.set_postfix(paragraphs=seen, failed=writer.failed, refresh=False)
        except KeyboardInterrupt:
            writer.close()
            print("edusummary: interrupted; rerun with --resume to tag the rest",
                  file=sys.stderr)
            raise
    return tagged, writer.paragraphs, writer.failed, skipped


def _summarize(args: argparse.Namespace) -> int:
    suffix = args.output.suffix.lower() if args.output is not None else None
    if suffix not in (None, ".csv", ".xlsx"):
        print(f"edusummary: -o must end in .csv or .xlsx; got {args.output}", file=sys.stderr)
        return 2
    tagger = Tagger(args.model)
    paths = list(find_reports(args.paths, recursive=args.recursive))
    if args.output is None:
        failed = 0
        for path in paths:
            try:
                print(tagger.tag_file(path).summary(), end="\n\n")
            except EdusummaryError as exc:
                failed += 1
                print(f"edusummary: skipped {exc}", file=sys.stderr)
        return 1 if failed else 0
    frame = summarize(paths, tagger=tagger, n_jobs=args.jobs)
    if suffix == ".xlsx":
        require("openpyxl", "writing .xlsx files")
        frame.to_excel(args.output, index=False, sheet_name="summary")
    else:
        # The BOM lets Excel see UTF-8.
        frame.to_csv(args.output, index=False, encoding="utf-8-sig")
    failed = len(paths) - frame["source"].nunique()
    print(
        f"wrote {args.output}: {len(frame)} rows, {len(paths) - failed} reports"
        + (f"; {failed} could not be read (see above)" if failed else ""),
        file=sys.stderr,
    )
    return 1 if failed else 0


def _view(args: argparse.Namespace) -> int:
    tagger = Tagger(args.model, low_confidence=args.low_confidence)
    page = render_html(tagger.tag_file(args.report))
    if args.output is None:
        sys.stdout.write(page)
    else:
        args.output.write_text(page, encoding="utf-8")
        print(f"wrote {args.output}", file=sys.stderr)
    return 0


def _train(args: argparse.Namespace) -> int:
    if not args.data and not args.add:
        print("edusummary: give training data, --add SAMPLES, or both", file=sys.stderr)
        return 2
    labels = [*LABELS, *args.label]
    records, problems = gather(args.add or None, args.data or "default", labels, args.strict)
    for problem in problems:
        print(f"edusummary: rejected {problem}", file=sys.stderr)
    model = train(
        records,
        labels=labels,
        char_ngrams=args.char_ngrams,
        word_ngrams=args.word_ngrams,
        C=args.C,
        seed=args.seed,
    )
    model.save(args.output)
    data = model.metadata["training_data"]
    cv = model.metadata.get("cross_validation", {})
    print(
        f"wrote {args.output}: {data['records']} records "
        f"({', '.join(f'{k} {v}' for k, v in data['per_label'].items())}), "
        f"{len(problems)} rows rejected{' (listed above)' if problems else ''}, "
        f"{model.features.n_features} features, "
        f"cross-validated macro-F1 {cv.get('macro_f1', float('nan')):.4f}"
    )
    return 0


def _model(path: Path | None):
    return load_model(None if path is None or str(path) == "default" else path)


def _evaluate(args: argparse.Namespace) -> int:
    result = evaluate(_model(args.model), args.data)
    if args.json:
        print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(f"model: {args.model or default_model_path()}")
        print(result.to_text())
    return 0


def _compare(args: argparse.Namespace) -> int:
    result = compare(_model(args.old), _model(args.new), args.data)
    print(json.dumps(result.to_dict(), ensure_ascii=False, indent=1) if args.json
          else result.to_text())
    return 0


def _suggest(args: argparse.Namespace) -> int:
    rows = suggest(find_reports(args.paths), n=args.n, tagger=Tagger(args.model))
    write_sheet(rows, args.output)
    print(
        f"wrote {len(rows)} paragraphs to {args.output}: fill in the label column, then "
        f"edusummary train --add {args.output} -o MODEL",
        file=sys.stderr,
    )
    return 0


def _explain(args: argparse.Namespace) -> int:
    model = _model(args.model)
    ((best, probability),) = model.predict([args.text])[0]
    print(f"{best} ({probability:.2f})")
    for label, terms in model.explain(args.text, top=args.top).items():
        shown = "  ".join(f"{term}{weight:+.2f}" for term, weight in terms)
        print(f"{label:<20} {shown}")
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
    command = {
        "tag": _tag,
        "summarize": _summarize,
        "view": _view,
        "train": _train,
        "evaluate": _evaluate,
        "compare": _compare,
        "suggest": _suggest,
        "explain": _explain,
        "validate": _validate,
    }[args.command]
    try:
        return command(args)
    except EdusummaryError as exc:
        print(f"edusummary: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("edusummary: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (edusummary ... | head): not an error. Point stdout at
        # devnull so that the interpreter's final flush does not complain again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":
    sys.exit(main())
