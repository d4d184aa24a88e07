"""Finding report files in folders, and fingerprinting them."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..reading import READERS


def report_suffixes() -> frozenset[str]:
    """Suffixes of the files a folder is searched for: ``.txt`` and every suffix with a
    reader, read from the registry when called, so that a reader registered later counts."""
    return frozenset({".txt", *READERS})


def find_reports(
    inputs: Iterable[str | os.PathLike[str]], recursive: bool = False
) -> Iterator[str]:
    """The report files named by ``inputs``.

    Files are yielded as given (whatever their suffix); folders are searched for files with
    a report suffix (see :func:`report_suffixes`), in sorted order, descending into
    sub-folders when ``recursive``. Hidden files and folders are skipped. A path that does
    not exist is yielded as given, and so is whatever a folder lists that is not a folder
    (a named pipe, a file deleted since it was listed), so that it is reported as a
    failure rather than lost.
    """
    suffixes = report_suffixes()
    for item in inputs:
        path = Path(item)
        if not path.is_dir():
            yield str(path)
            continue
        walker = sorted(path.rglob("*") if recursive else path.iterdir())
        for found in walker:
            hidden = any(part.startswith(".") for part in found.relative_to(path).parts)
            if not hidden and not found.is_dir() and found.suffix.lower() in suffixes:
                yield str(found)


def file_digest(path: str | os.PathLike[str]) -> str | None:
    """SHA-256 of a file's bytes, or None when it cannot be read or is not a regular file."""
    digest = hashlib.sha256()
    try:
        # Opened without waiting: opening a named pipe waits for a writer.
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    except (OSError, ValueError):
        return None
    try:
        regular = stat.S_ISREG(os.fstat(descriptor).st_mode)
    except OSError:
        regular = False
    if not regular:
        # Checked before the descriptor is wrapped: open() refuses a folder's descriptor
        # without closing it.
        os.close(descriptor)
        return None
    with open(descriptor, "rb") as handle:
        try:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
        except OSError:
            return None
    return digest.hexdigest()
