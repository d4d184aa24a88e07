"""What the subcommands share: the --model option, loading it, and reporting."""

from __future__ import annotations

import argparse
import contextlib
import math
import os
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

from ..model.classifier import Model
from ..model.shipped import is_default, load_model
from ..reports.tagging import Tagger


def add_model_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--model", type=Path, help="model file (default: the shipped model)")


def add_formula_guard_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--no-formula-guard", dest="formula_guard", action="store_false",
        help="write text cells exactly as they are, even when they start with = + - @ (see "
        "the README: spreadsheets may run such text as a formula)",
    )


def model_file(path: Path | None) -> Path | None:
    """The model file a --model option names; None for the shipped model (no option, or
    'default')."""
    return None if is_default(path) else path


def model_from(path: Path | None) -> Model:
    """The model a --model option names; None or 'default' is the shipped model."""
    return load_model(path)


def tagger_from(args: argparse.Namespace, **options) -> Tagger:
    """A :class:`Tagger` with the model ``args.model`` names (see :func:`model_from`),
    loaded when first used; ``options`` go to the Tagger."""
    return Tagger(model_file(args.model), **options)


def not_to_replace(
    path: Path | None, inputs: Iterable[Path], ours: Callable[[Path], bool], what: str
) -> str | None:
    """Why a command must not write its output over ``path`` (None when it may): it is one
    of the ``inputs``, or an existing file that is not ``what`` the command writes, by
    ``ours`` (an analyst's sheet or report, named by a slip of the keyboard, is lost)."""
    if path is None or not path.is_file():
        return None
    if refusal := one_of_inputs(path, inputs):
        return refusal
    if ours(path):
        return None
    return f"{path}: exists and is not {what}; name a new file, or remove it first"


def one_of_inputs(path: Path | None, inputs: Iterable[Path]) -> str | None:
    """Why a command must not write its output over ``path``: it is one of the
    ``inputs`` (None when it is not)."""
    if path is None or not path.is_file():
        return None
    if any(item.is_file() and item.samefile(path) for item in inputs):
        return f"{path}: is one of the inputs; it would be written over"
    return None


def starts_with(path: Path, start: bytes) -> bool:
    """Whether the file at ``path`` starts with ``start`` (after a UTF-8 byte order mark)."""
    with open(path, "rb") as handle:
        head = handle.read(len(start) + 3)
    return head.removeprefix(b"\xef\xbb\xbf").startswith(start)


def stdout_closed(what: str, option: str | None = None) -> str | None:
    """Why ``what`` cannot go to stdout, which was closed as the command started (``>&-``;
    see :func:`edusummary.cli.main`): a command whose output it is refuses to run, rather
    than write it to devnull and end as if it had been written. ``option`` names the file
    option of a command that has one."""
    if not getattr(sys.stdout, "closed_at_start", False):
        return None
    where = f"name a file with {option}" if option else "send it to a file (> FILE)"
    return f"standard output is closed: {what} would go nowhere; {where}"


def say(message: str) -> None:
    """A line for the user on stderr, prefixed with the program's name (see
    :func:`tell`)."""
    tell(f"edusummary: {message}")


def tell(line: str) -> None:
    """A line for the user on stderr; dropped when stderr is gone (its terminal closed:
    SIGHUP) or full (2>/dev/full), which must not change how the command ends: an OSError
    escaping the stop's message had made a run stopped by SIGHUP exit 1, and the closing
    line of a run whose output was whole exit 3, as if the disk had filled up."""
    try:
        print(line, file=sys.stderr)
    except OSError:
        # What is left in the buffer goes nowhere, rather than fail again at exit.
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stderr.fileno())


def warn_of(messages) -> None:
    """What the user should know of a file that was read (empty, bytes replaced ...), one
    warning line each."""
    for message in messages:
        say(f"warning: {message}")


def jobs(value: str) -> int:
    """An argparse type for --jobs: a positive number of processes or -1 for all cores."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number == 0 or number < -1:
        raise argparse.ArgumentTypeError(
            f"expected a positive number of processes or -1 for one per core, got {value!r}"
        )
    return number


def positive_int(value: str) -> int:
    """An argparse type for counts such as -n and --top: a whole number of at least 1."""
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {value!r}")
    return number


def probability(value: str) -> float:
    """An argparse type for a confidence threshold P with 0 < P <= 1."""
    try:
        number = float(value)
    except ValueError:
        number = math.nan
    if not 0.0 < number <= 1.0:
        raise argparse.ArgumentTypeError(f"expected a number P with 0 < P <= 1, got {value!r}")
    return number
