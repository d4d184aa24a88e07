"""``edusummary summarize`` and ``edusummary view``: reports summarised by topic, as a
table or as an HTML page."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .._english import counted
from .._optional import require
from ..batch.cells import make_folder_of, write_table
from ..batch.files import find_reports
from ..batch.running import tag_many
from ..batch.summarize import summarize
from ..reading import each_once, repeats_note
from ..reports.summary import COLUMNS
from ..views.html import FONT_FAMILY, GENERATOR, render_html
from ._shared import (
    add_formula_guard_option,
    add_model_option,
    jobs,
    not_to_replace,
    probability,
    say,
    starts_with,
    stdout_closed,
    tagger_from,
    tell,
)


def register(commands) -> None:
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
        "-j", "--jobs", type=jobs, default=1, help="worker processes (-1: one per core)"
    )
    add_formula_guard_option(summarize_cmd)
    add_model_option(summarize_cmd)
    summarize_cmd.set_defaults(handler=run_summarize)

    view_cmd = commands.add_parser(
        "view",
        help="one report as an HTML page: paragraphs coloured by topic, summary on top",
        description="Write one report as a self-contained HTML page (no network needed): "
        "the summary table, a legend, and every paragraph coloured by its topic, with its "
        "confidence on hover and low-confidence paragraphs marked.",
    )
    view_cmd.add_argument(
        "report", type=Path,
        help="a report file (.txt, .docx, .doc, .wps, .rtf, .html, .mht, .md, .pdf, .ofd, .pptx)",
    )
    view_cmd.add_argument("-o", "--output", type=Path, help="REPORT.html; default: stdout")
    add_model_option(view_cmd)
    view_cmd.add_argument(
        "--low-confidence", type=probability, default=0.5, metavar="P",
        help="also mark paragraphs whose confidence is below P (default 0.5)",
    )
    view_cmd.add_argument(
        "--review-threshold", type=probability, default=None, metavar="P",
        help="mark for review paragraphs whose confidence is below P (default: the "
        "model's, chosen by cross-validation)",
    )
    view_cmd.set_defaults(handler=run_view)


def run_summarize(args: argparse.Namespace) -> int:
    suffix = args.output.suffix.lower() if args.output is not None else None
    if suffix not in (None, ".csv", ".xlsx"):
        say(f"-o must end in .csv or .xlsx; got {args.output}")
        return 2
    if args.output is None and (refusal := stdout_closed("the summaries", "-o SUMMARY.csv")):
        say(refusal)
        return 2
    if suffix == ".xlsx":
        require("openpyxl", "writing .xlsx files")  # before the tagging, not after
    problem = not_to_replace(args.output, args.paths, _is_summary, "a summary edusummary wrote")
    if problem:
        say(problem)
        return 2
    tagger = tagger_from(args)
    _ = tagger.model  # a model that cannot be loaded is one error, not one per report
    repeated: list[str] = []
    paths = list(each_once(find_reports(args.paths, recursive=args.recursive), repeated))
    if repeated:
        say(f"warning: {repeats_note(repeated, 'summarised')}")
    if args.output is None:
        # As with -o, the workers asked for; no bar, which would stand in the summaries
        # printed on the same terminal.
        failures: list[dict] = []
        reports = tag_many(
            paths, n_jobs=args.jobs, tagger=tagger, failures=failures, progress=False
        )
        for report in reports:
            print(report.summary(), end="\n\n")
        return 1 if failures else 0
    frame = summarize(paths, tagger=tagger, n_jobs=args.jobs)
    write_table(frame, args.output, formula_guard=args.formula_guard, sheet_name="summary")
    failed = len(frame.attrs["errors"])
    tell(
        f"wrote {args.output}: {counted(len(frame), 'row')}, "
        f"{counted(len(paths) - failed, 'report')}"
        + (f"; {failed} could not be read (see above)" if failed else "")
    )
    return 1 if failed else 0


def _is_summary(path: Path) -> bool:
    if path.suffix.lower() == ".csv":
        return starts_with(path, ",".join(COLUMNS).encode())
    openpyxl = require("openpyxl", "reading .xlsx files")
    try:
        book = openpyxl.load_workbook(path, read_only=True)
    except Exception:  # whatever it is, it is no summary of ours
        return False
    try:
        return book.sheetnames == ["summary"]
    finally:
        book.close()


def _is_page(path: Path) -> bool:
    # Pages written before they named their generator are known by the font they embed.
    marks = (f'<meta name="generator" content="{GENERATOR}">', f'font-family: "{FONT_FAMILY}"')
    with open(path, "rb") as handle:
        head = handle.read(8192)
    return any(mark.encode() in head for mark in marks)


def run_view(args: argparse.Namespace) -> int:
    if args.output is None and (refusal := stdout_closed("the page", "-o PAGE.html")):
        say(refusal)
        return 2
    problem = not_to_replace(args.output, [args.report], _is_page, "a page edusummary view wrote")
    if problem:
        say(problem)  # before tagging, which may take a while
        return 2
    if args.output is not None:
        if args.output.is_dir():
            say(
                f"{args.output}: is a folder; name the page's file, such as "
                f"{args.output / args.report.with_suffix('.html').name}"
            )
            return 2
        make_folder_of(args.output)  # as tag and summarize make theirs
    tagger = tagger_from(
        args, low_confidence=args.low_confidence, review_threshold=args.review_threshold
    )
    report = tagger.tag_file(args.report)  # its warnings are said as it is tagged
    page = render_html(
        report, review_threshold=args.review_threshold, low_confidence=args.low_confidence
    )
    if args.output is None:
        # As bytes in the UTF-8 the page declares: written in the stream's encoding (GBK on
        # a Chinese Windows) it failed on the page's own "⚠", or would be mislabelled.
        sys.stdout.flush()
        sys.stdout.buffer.write(page.encode("utf-8"))
        sys.stdout.buffer.flush()
    else:
        args.output.write_text(page, encoding="utf-8")
        tell(f"wrote {args.output}")
    return 0
