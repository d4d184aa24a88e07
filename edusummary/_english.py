"""The English of messages, written once for every stage."""

from __future__ import annotations


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """``n`` and ``noun`` in the number it takes: ``"1 file"``, ``"3 files"``, ``"0 rows"``;
    ``plural`` where adding an s is wrong (``counted(2, "batch", "batches")``)."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
