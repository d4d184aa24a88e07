"""The errors edusummary raises.

Every error derives from :class:`EdusummaryError`, so ``except edusummary.EdusummaryError``
catches anything the library raises on purpose. Each subclass also derives from the built-in
exception a Python user would expect (``ValueError``, ``OSError``), so existing handlers keep
working.
"""

from __future__ import annotations


class EdusummaryError(Exception):
    """Base class of every error raised by edusummary."""


class ReadError(EdusummaryError, OSError):
    """A report file could not be read: missing, unreadable, or of an unsupported kind."""


class DataError(EdusummaryError, ValueError):
    """Labelled records are malformed: bad JSON, unknown label, empty text, and so on."""


class ModelError(EdusummaryError, ValueError):
    """A model file is missing, damaged, of a foreign format or of an incompatible version."""


class OutputError(EdusummaryError, OSError):
    """A bulk run's output cannot be written: another run is writing it, or, on resuming,
    it no longer matches the state file that records what it holds (cut, deleted, replaced,
    or tagged with another model)."""


class MissingDependencyError(EdusummaryError, ImportError):
    """An optional dependency is missing; the message names the extra that installs it."""


class EdusummaryWarning(UserWarning):
    """Something the user must see that does not stop the work: a file left out of a
    batch, rows left out of training, a font missing for a plot.

    Shown by Python's :mod:`warnings` (notebooks display it); turn it into an error with
    ``warnings.simplefilter("error", edusummary.EdusummaryWarning)``.
    """


def user_stacklevel() -> int:
    """The ``stacklevel`` that makes a warning issued where this is called point at the
    first caller outside edusummary: the line of the user's notebook cell, however many of
    the library's own calls lie between (Python 3.12's ``skip_file_prefixes``). Warnings
    shown once per location then show once per cell, not once per library line."""
    import os
    import sys

    package = os.path.dirname(__file__) + os.sep
    frame, level = sys._getframe(1), 1
    while frame is not None and frame.f_code.co_filename.startswith(package):
        frame, level = frame.f_back, level + 1
    return level
