"""Reading report files into text.

One function, :func:`read`, turns a path into a :class:`Document`. The reader is chosen by
the file suffix from :data:`READERS`, so new formats plug in without touching callers::

    from edusummary.reading import READERS
    READERS[".md"] = my_markdown_reader   # any callable (path) -> Document
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from ..errors import ReadError
from ._common import Document
from .docx import read_docx_file
from .html import read_html_file
from .pdf import read_pdf_file
from .text import decode, read_text_file

__all__ = [
    "READERS",
    "Document",
    "decode",
    "read",
    "read_docx_file",
    "read_html_file",
    "read_pdf_file",
    "read_text_file",
]

#: Readers by lower-case file suffix. Files with a suffix not listed are read as text.
READERS: dict[str, Callable[[Path], Document]] = {
    ".txt": read_text_file,
    ".docx": read_docx_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".pdf": read_pdf_file,
}


def read(path: str | os.PathLike[str]) -> Document:
    """Read a report file.

    Parameters
    ----------
    path : str or path-like
        The file to read. The reader is chosen by suffix (see :data:`READERS`).

    Returns
    -------
    Document

    Raises
    ------
    ReadError
        The path does not exist, is a directory, cannot be opened, or is not text.
    """
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"read() expects a path (str or pathlib.Path), got {type(path).__name__}")
    path = Path(path)
    if not path.exists():
        raise ReadError(f"{path}: no such file")
    if path.is_dir():
        raise ReadError(f"{path}: is a directory; pass the report files inside it")
    reader = READERS.get(path.suffix.lower(), read_text_file)
    try:
        return reader(path)
    except PermissionError as exc:
        raise ReadError(f"{path}: permission denied") from exc
    except ReadError:
        raise
    except OSError as exc:
        raise ReadError(f"{path}: cannot be read ({exc.strerror or exc})") from exc
