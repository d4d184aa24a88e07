"""``edusummary tag``: label every paragraph of report files, to stdout or a resumable
output file."""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from contextlib import closing
from pathlib import Path

from tqdm import tqdm

from .._chinese import display_path
from .._english import counted
from ..batch.files import file_digest, find_reports
from ..batch.output import FORMATS, RowWriter, encode_jsonl, sidecar
from ..batch.running import tag_paths
from ..errors import OutputError
from ..model.shipped import default_model_path
from ..reading import each_once
from ..reports.tagging import Tagger
from ._shared import (
    add_formula_guard_option,
    add_model_option,
    jobs,
    model_file,
    one_of_inputs,
    say,
    stdout_closed,
    tagger_from,
    tell,
    warn_of,
)


def register(commands) -> None:
    tag = commands.add_parser(
        "tag",
        help="label every paragraph of report files",
        description="Label every paragraph of report files and folders of them. Files that "
        "cannot be tagged are listed in OUT.errors.jsonl and the exit status is 1 (0 when "
        "every file was tagged; 3 when the disk filled up: rerun with --resume).",
    )
    tag.add_argument(
        "paths", nargs="+", type=Path,
        help=(
            "report files (.txt, .docx, .doc, .wps, .rtf, .html, .mht, .md, .pdf, .ofd, .pptx) or "
            "folders of them"
        ),
    )
    tag.add_argument(
        "-o", "--output", type=Path,
        help="OUT.jsonl, OUT.csv or OUT.parquet (a dataset folder); default: JSON lines on "
        "stdout",
    )
    tag.add_argument("-r", "--recursive", action="store_true", help="search sub-folders too")
    tag.add_argument(
        "-j", "--jobs", type=jobs, default=1, help="worker processes (-1: one per core)"
    )
    tag.add_argument(
        "--resume", action="store_true",
        help="after a crash or Ctrl-C, tag only the files not yet in OUT",
    )
    add_formula_guard_option(tag)
    tag.add_argument("-q", "--quiet", action="store_true", help="no progress bar or summary")
    add_model_option(tag)
    tag.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    if args.output is not None and args.output.suffix.lower() not in FORMATS:
        say(f"-o must end in {', '.join(FORMATS)}; got {args.output}")
        return 2
    if args.resume and args.output is None:
        say("--resume needs -o OUT")
        return 2
    if args.output is None and (refusal := stdout_closed("the rows", "-o OUT")):
        say(refusal)
        return 2
    tagger = tagger_from(args)
    repeated: list[str] = []
    # Listed first, so that the progress bar knows how many there are and when it ends.
    paths = list(each_once(find_reports(args.paths, recursive=args.recursive), repeated))
    # What else is at -o the writer checks itself, by the state beside its outputs.
    if refusal := one_of_inputs(args.output, map(Path, paths)):
        say(refusal)
        return 2
    started = time.monotonic()
    writer = None
    if args.output is not None:
        try:
            writer = RowWriter(
                args.output, resume=args.resume, model=_model_identity(args, tagger),
                formula_guard=args.formula_guard,
            )
        except OutputError as exc:
            say(str(exc))
            return 2
    progress = tqdm(
        total=len(paths), unit=" files", disable=True if args.quiet else None, file=sys.stderr,
        dynamic_ncols=True,
    )
    if writer is None:
        counts = _tag_to_stdout(paths, tagger, args.jobs, progress)
    else:
        with writer:
            counts = _tag_to_file(paths, tagger, writer, args.jobs, progress)
    progress.close()
    tagged, paragraphs, failed, skipped = counts
    if not args.quiet:
        seconds = time.monotonic() - started
        where = f" to {args.output}" if args.output else ""
        note = f", {skipped} already done" if skipped else ""
        if repeated:
            note += f", {len(repeated)} given more than once (tagged once)"
        errors = f" (see {sidecar(args.output, 'errors')})" if failed and args.output else ""
        tell(
            f"tagged {counted(paragraphs, 'paragraph')} in {counted(tagged, 'file')}{where}{note}; "
            f"{failed} failed{errors}; {seconds:.1f} s"
        )
    return 1 if failed else 0


def _model_identity(args: argparse.Namespace, tagger: Tagger) -> dict:
    """What a resumed run compares to tell whether it tags with the same model: the model
    file's hash, and the name the user gave it."""
    _ = tagger.model  # loaded first: a model that cannot be loaded is reported as such
    path = model_file(args.model)
    if path is None:
        return {"name": "the shipped model", "sha256": file_digest(default_model_path())}
    return {"name": str(path), "sha256": file_digest(path)}


def _tag_to_stdout(paths, tagger: Tagger, jobs: int, progress) -> tuple[int, int, int, int]:
    tagged = paragraphs = failed = 0
    # Closed at once however the loop ends, which removes the run's spool files.
    with closing(tag_paths(paths, tagger, n_jobs=jobs, encode=encode_jsonl)) as outcomes:
        for outcome in outcomes:
            progress.update()
            warn_of(outcome.warnings)
            if not outcome.ok:
                failed += 1
                say(f"skipped {outcome.error}")
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


def _tag_to_file(
    paths, tagger: Tagger, writer: RowWriter, jobs: int, progress
) -> tuple[int, int, int, int]:
    tagged = seen = skipped = 0

    real_paths = [os.path.realpath(path) for path in paths]
    gone = sorted(set(writer.done) - set(real_paths))
    if gone:
        say(
            f"warning: {counted(len(gone), 'file')} in {writer.path} no longer among the "
            f"inputs ({display_path(gone[0])}{', ...' if len(gone) > 1 else ''}); their "
            "rows stay (start afresh without --resume to drop them); files of the same "
            "content under another path (a folder moved) are not tagged again"
        )
    # A file moved since it was tagged (the folder renamed, a share mounted elsewhere) is
    # known by its content: tagged again, each of its paragraphs would be in the output twice.
    gone_content = {writer.done[real] for real in gone}

    def pending():
        """The paths not yet in the output: a resumed run does not tag again a file it
        already holds, even if the file changed since, as the output keeps one version of
        each file."""
        nonlocal skipped
        for path, real in zip(paths, real_paths, strict=True):
            if real not in writer.done and gone_content and file_digest(path) in gone_content:
                skipped += 1
                progress.update()
                continue
            if real in writer.done:
                skipped += 1
                progress.update()
                if file_digest(path) != writer.done[real]:
                    say(
                        f"warning: {display_path(path)} changed since it was written to "
                        f"{writer.path}; its rows there are of its earlier content (start "
                        "afresh without --resume to tag it anew)"
                    )
                continue
            yield path

    try:
        with closing(tag_paths(pending(), tagger, n_jobs=jobs, encode=writer.encode)) as outcomes:
            for outcome in outcomes:
                warn_of(outcome.warnings)
                writer.add(outcome)
                if outcome.ok:
                    tagged += 1
                    seen += outcome.paragraphs
                progress.update()
                # As text: tqdm writes numbers of five digits or more as 9e+4.
                progress.set_postfix_str(
                    f"paragraphs={seen:,}, failed={writer.failed:,}", refresh=False
                )
        writer.commit()  # the summary counts the last batch too
    except KeyboardInterrupt as exc:
        # main() says it, once, and exits 130 (143 on SIGTERM).
        raise KeyboardInterrupt("interrupted; rerun with --resume to tag the rest") from exc
    return tagged, writer.paragraphs, writer.failed, skipped
