"""Plain-text reports: encoding detection and the ``.txt`` reader."""

from __future__ import annotations

import codecs
import logging
from pathlib import Path

from ..errors import ReadError
from ._common import Document

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
    encoding = bom_encoding(data)
    if encoding is not None:
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


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte order mark at the start of ``data`` names, or None."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding
    return None


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
