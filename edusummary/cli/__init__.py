"""The ``edusummary`` command: tag and summarise reports, view one, train and evaluate models.

Each subcommand's options sit beside its handler: :mod:`.tag`, :mod:`.summaries` (summarize,
view) and :mod:`.models` (train, evaluate, compare, suggest, explain, validate).

Exit status: 0 on success, 1 when some input could not be processed, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import warnings

from .._version import __version__
from ..errors import EdusummaryError, EdusummaryWarning
from . import models, summaries, tag
from ._shared import say


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="edusummary",
        description="Label the paragraphs of Chinese education-bureau reports by topic.",
    )
    parser.add_argument("--version", action="version", version=f"edusummary {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    commands = parser.add_subparsers(dest="command", required=True)
    for module in (tag, summaries, models):
        module.register(commands)
    return parser


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    # The library's warnings are for the user: one plain line, without the source location.
    if issubclass(category, EdusummaryWarning):
        say(f"warning: {message}")
    else:
        _default_show(message, category, filename, lineno, file, line)


_default_show = warnings.showwarning


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    with warnings.catch_warnings():
        warnings.showwarning = _show_warning
        warnings.simplefilter("always", EdusummaryWarning)
        try:
            return args.handler(args)
        except EdusummaryError as exc:
            say(str(exc))
            return 1
        except KeyboardInterrupt:
            say("interrupted")
            return 130
        except BrokenPipeError:
            # The reader went away (edusummary ... | head): not an error. Point stdout at
            # devnull so that the interpreter's final flush does not complain again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0


if __name__ == "__main__":
    sys.exit(main())
