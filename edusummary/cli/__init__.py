"""The ``edusummary`` command: tag and summarise reports, view one, train and evaluate models.

Each subcommand's options sit beside its handler: :mod:`.tag`, :mod:`.summaries` (summarize,
view) and :mod:`.models` (train, evaluate, compare, suggest, explain, validate).

Exit status: 0 on success, 1 when some input could not be processed, 2 for bad usage: bad
options, arguments the library refuses, an output path that cannot be written, a missing
optional dependency; 3 when the disk filled up and the output is incomplete (a script
that retries the files of errors.jsonl on 1 must not take that for done); 130 when stopped
by Ctrl-C, 143 by SIGTERM and 129 by SIGHUP (the terminal closed), which stop a command as
Ctrl-C does. Errors are one line on stderr; ``-v`` logs the traceback as well.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import signal
import sys
import threading
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from .._version import __version__
from ..errors import EdusummaryError, EdusummaryWarning, MissingDependencyError
from . import models, summaries, tag
from ._shared import say

logger = logging.getLogger(__name__)

#: The exit status of a run the disk stopped: what it wrote is incomplete.
DISK_FULL = 3
#: The signals that stop a command as Ctrl-C does: SIGTERM (``kill PID``, ``timeout``,
#: systemd) and SIGHUP (the terminal closed), where there is one.
_STOPPING = (signal.SIGTERM, *((signal.SIGHUP,) if hasattr(signal, "SIGHUP") else ()))
#: Errors of a path the user named (a folder that does not exist, no permission): usage.
_USAGE_ERRNOS = frozenset(
    {errno.ENOENT, errno.ENOTDIR, errno.EISDIR, errno.EACCES, errno.EPERM, errno.EROFS,
     errno.ENAMETOOLONG}
)


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
    # Started with stderr closed (2>&-): what is said goes nowhere, rather than the
    # progress bar failing on every file and the warnings landing among stdout's rows.
    # With either closed (>&-), train's workers, which flush stdout and write their
    # tracebacks to stderr, failed as joblib started them: no model written.
    if sys.stderr is None:
        sys.stderr = _devnull_on(2)
    if sys.stdout is None:
        sys.stdout = _devnull_on(1)
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    if not args.verbose:
        # pypdf logs what it repairs in a damaged PDF ("invalid pdf header") and the fonts
        # it cannot decode; the reader, which hears it all, says what the user must know of
        # the file (text that may be missing) as a warning of the report.
        logging.getLogger("pypdf").propagate = False
    with warnings.catch_warnings(), _stop_as_interrupt() as stopped_by:
        warnings.showwarning = _show_warning
        warnings.simplefilter("always", EdusummaryWarning)
        try:
            return args.handler(args)
        except MissingDependencyError as exc:
            say(str(exc))
            return 2
        except EdusummaryError as exc:
            say(str(exc))
            return 1
        except KeyboardInterrupt as exc:
            say(str(exc) or "interrupted")
            # 128 and the signal's number, as a shell gives for a program it ended.
            return 128 + (stopped_by() or signal.SIGINT)
        except BrokenPipeError:
            # The reader went away (edusummary ... | head): not an error. Point stdout at
            # devnull so that the interpreter's final flush does not complain again.
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        except OSError as exc:
            logger.info("%s failed", args.command, exc_info=True)
            return _os_error(exc, getattr(args, "output", None), args.command)
        except ImportError as exc:
            # An optional module imported where it is used, such as pyarrow for parquet.
            if not exc.name or exc.name.startswith("edusummary"):
                raise
            module = exc.name.split(".")[0]
            say(f"{args.command} needs {module}, which is not installed: pip install {module}")
            return 2
        except (TypeError, ValueError) as exc:
            # An argument the library refuses that argparse could not check.
            logger.info("%s failed", args.command, exc_info=True)
            say(str(exc))
            return 2


def _devnull_on(number: int) -> TextIO:
    """A stream to devnull for the standard stream of file descriptor ``number``, closed
    when the command started; the descriptor itself is opened on devnull, so that the
    processes the command starts, which inherit it, have it too."""
    try:
        os.fstat(number)
    except OSError:
        descriptor = os.open(os.devnull, os.O_WRONLY)
        if descriptor == number:  # the lowest free one; os.open makes it not inherited
            os.set_inheritable(number, True)
        else:
            os.dup2(descriptor, number)
            os.close(descriptor)
        stream = open(number, "w", encoding="utf-8", closefd=False)
    else:
        # Taken since by a file of the program's own: left to it.
        stream = open(os.devnull, "w", encoding="utf-8")
    stream.closed_at_start = True  # see stdout_closed
    return stream


@contextmanager
def _stop_as_interrupt() -> Iterator[Callable[[], int | None]]:
    """Stop on SIGTERM and SIGHUP as on Ctrl-C; yields a function that tells which of them
    came first (None: neither).

    ``kill PID``, ``timeout`` and systemd stop a program with SIGTERM, and a terminal that
    closes with SIGHUP, which killed it at once: no message, the run not recorded as
    ended, its spool folder left behind. Each is handed to the SIGINT handler in place, so
    that where a run defers Ctrl-C to a point where stopping is safe, it defers these too;
    with none (SIGINT ignored, as in a job a script started in the background), it is
    raised at once. A SIGHUP ignored (``nohup``) stays ignored.
    """
    if threading.current_thread() is not threading.main_thread():
        yield lambda: None  # only the main thread can set a handler
        return
    received: list[int] = []

    def interrupt(number, frame) -> None:
        received.append(number)
        handler = signal.getsignal(signal.SIGINT)
        if not callable(handler):
            raise KeyboardInterrupt
        handler(signal.SIGINT, frame)

    previous = {
        number: signal.signal(number, interrupt)
        for number in _STOPPING
        if number == signal.SIGTERM or signal.getsignal(number) is not signal.SIG_IGN
    }
    try:
        yield lambda: received[0] if received else None
    finally:
        for number, handler in previous.items():
            # None: a handler set outside Python, which cannot be put back.
            if handler is not None:
                signal.signal(number, handler)


def _os_error(exc: OSError, output: os.PathLike | None, command: str) -> int:
    """Report an OSError in one line; the exit status for it."""
    # Errors while writing carry no file name; the output named on the command line is it.
    where = exc.filename or output or "standard output"
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        # What the analyst can do about it: a tag run keeps what it wrote.
        keep = " with --resume, to keep what is written" if command == "tag" else ""
        say(f"no space left writing {where}; free some and run again{keep}")
        return DISK_FULL
    say(f"{where}: {exc.strerror}" if exc.strerror else str(exc))
    # Libraries raise OSError without errno for a path they refuse (pandas: "Cannot save
    # file into a non-existent directory").
    return 2 if exc.errno is None or exc.errno in _USAGE_ERRNOS else 1


if __name__ == "__main__":
    sys.exit(main())
