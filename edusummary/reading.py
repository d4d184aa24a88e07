"""Reading report files into text.

One function, :func:`read`, turns a path into a :class:`Document`. The reader is chosen by
the file suffix from :data:`READERS`, so new formats plug in without touching callers::

    from edusummary.reading import READERS
    READERS[".md"] = my_markdown_reader   # any callable (path) -> Document
"""

from __future__ import annotations

import codecs
import logging
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ReadError

logger = logging.getLogger(__name__)

#: Bytes examined to guess an encoding; enough for a few pages of Chinese text.
_SAMPLE_BYTES = 64 * 1024

#: Chinese encodings we expect from county offices, tried when the file is not UTF-8.
_CANDIDATE_ENCODINGS = ["gb18030", "big5"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


@dataclass(frozen=True)
class Document:
    """The text of one report and where it came from.

    Attributes
    ----------
    text : str
        The decoded text. Character offsets elsewhere in the library index into this string.
    source : str or None
        The path the text was read from, or None for text passed in directly.
    encoding : str or None
        The encoding the file was decoded with (None for text passed in directly).
    warnings : tuple of str
        Problems met while reading that did not stop it (for example undecodable bytes).
    """

    text: str
    source: str | None = None
    encoding: str | None = None
    warnings: tuple[str, ...] = field(default=())


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str, tuple[str, ...]]:
    """Decode the bytes of a text file, detecting the encoding.

    Parameters
    ----------
    data : bytes
        The raw file content.
    name : str
        Used in messages only.

    Returns
    -------
    text : str
    encoding : str
        A Python codec name: ``utf-8``, ``utf-8-sig``, ``utf-16``, ``gb18030``, ``big5`` ...
    warnings : tuple of str

    Raises
    ------
    ReadError
        When the bytes are not text (a binary file).
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding, ()
    if b"\x00" in data[:_SAMPLE_BYTES]:
        raise ReadError(f"{name}: looks like a binary file, not text (it contains NUL bytes)")
    try:
        return data.decode("utf-8"), "utf-8", ()
    except UnicodeDecodeError:
        pass
    encoding = _detect(data[:_SAMPLE_BYTES]) or _detect(data)
    if encoding is None:
        raise ReadError(
            f"{name}: not text in any encoding tried (UTF-8, UTF-16, GB18030, Big5); "
            "is it a binary file?"
        )
    try:
        return data.decode(encoding), encoding, ()
    except UnicodeDecodeError as exc:
        message = (
            f"{name}: bytes at {exc.start} are not valid {encoding}; "
            "they were replaced with U+FFFD"
        )
        logger.warning(message)
        return data.decode(encoding, errors="replace"), encoding, (message,)


def _detect(sample: bytes) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(sample, cp_isolation=_CANDIDATE_ENCODINGS).best()
    return codecs.lookup(best.encoding).name if best is not None else None


def read_text_file(path: Path) -> Document:
    """Read a plain-text report in UTF-8 (with or without BOM), UTF-16, GB18030/GBK or Big5."""
    data = path.read_bytes()
    text, encoding, warnings = decode(data, str(path))
    if encoding not in ("utf-8", "utf-8-sig"):
        logger.info("%s: decoded as %s", path, encoding)
    return Document(text=text, source=str(path), encoding=encoding, warnings=warnings)


#: Readers by lower-case file suffix. Files with a suffix not listed are read as text.
READERS: dict[str, Callable[[Path], Document]] = {
    ".txt": read_text_file,
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
