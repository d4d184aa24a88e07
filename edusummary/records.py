"""Labelled paragraph records in the ``LABELS.md`` format (JSON Lines, UTF-8).

One object per line::

    {"id": "...", "text": "……", "label": "preschool", "labels": ["preschool"], "source": "..."}

``label`` is the primary label and ``labels`` lists every label that applies, primary first.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import DataError
from .labels import LABELS


@dataclass(frozen=True)
class Record:
    """One labelled paragraph.

    Attributes
    ----------
    text : str
    label : str
        The primary label.
    labels : tuple of str
        Every label that applies, primary first.
    id : str or None
    source : str or None
        Where the text came from.
    extra : dict
        Any other fields of the JSON object, kept as they are.
    """

    text: str
    label: str
    labels: tuple[str, ...] = ()
    id: str | None = None
    source: str | None = None
    extra: dict = field(default_factory=dict, compare=False)

    def to_json(self) -> dict:
        return {
            "id": self.id,
            "text": self.text,
            "label": self.label,
            "labels": list(self.labels),
            "source": self.source,
            **self.extra,
        }


_KNOWN_FIELDS = {"id", "text", "label", "labels", "source"}


def parse_record(obj: object, where: str, labels: Iterable[str] = LABELS) -> Record:
    """Check one decoded JSON object and turn it into a :class:`Record`.

    Raises
    ------
    DataError
        The message starts with ``where`` (file and line) and names the bad field.
    """
    allowed = set(labels)
    if not isinstance(obj, dict):
        raise DataError(f"{where}: expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise DataError(f"{where}: 'text' must be a non-empty string, got {text!r:.40}")
    label = obj.get("label")
    if label not in allowed:
        raise DataError(f"{where}: unknown label {label!r}; expected one of {sorted(allowed)}")
    record_labels = obj.get("labels", [label])
    if not isinstance(record_labels, list) or not record_labels:
        raise DataError(f"{where}: 'labels' must be a non-empty list, got {record_labels!r}")
    unknown = [name for name in record_labels if name not in allowed]
    if unknown:
        raise DataError(f"{where}: unknown label(s) {unknown} in 'labels'")
    if record_labels[0] != label:
        raise DataError(
            f"{where}: 'labels' must start with the primary label {label!r}, got {record_labels}"
        )
    if len(set(record_labels)) != len(record_labels):
        raise DataError(f"{where}: 'labels' repeats a label: {record_labels}")
    return Record(
        text=text,
        label=label,
        labels=tuple(record_labels),
        id=obj.get("id"),
        source=obj.get("source"),
        extra={k: v for k, v in obj.items() if k not in _KNOWN_FIELDS},
    )


def jsonl_files(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The JSONL files named by ``paths``: files as given, folders searched recursively."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(path.rglob("*.jsonl"))
            if not found:
                raise DataError(f"{path}: no .jsonl files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise DataError(f"{path}: no such file or folder")
    return files


def iter_records(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    labels: Iterable[str] = LABELS,
) -> Iterator[tuple[str, Record | DataError]]:
    """Each non-blank line of the JSONL files as ``(location, record)``, or as
    ``(location, error)`` when the line is malformed; the location is ``file:line``."""
    labels = tuple(labels)
    for path in jsonl_files(paths):
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except UnicodeDecodeError as exc:
            yield str(path), DataError(f"{path}: records must be UTF-8 ({exc})")
            continue
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{number}"
            try:
                yield where, parse_record(json.loads(line), where, labels)
            except json.JSONDecodeError as exc:
                yield where, DataError(f"{where}: not valid JSON ({exc.msg})")
            except DataError as exc:
                yield where, exc


def read_records(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    labels: Iterable[str] = LABELS,
) -> list[Record]:
    """Read labelled records from JSONL files.

    Parameters
    ----------
    paths : path or iterable of paths
        JSONL files, or folders searched recursively for ``*.jsonl``.
    labels : iterable of str
        The allowed label ids.

    Returns
    -------
    list of Record
        In file order; blank lines are skipped.

    Raises
    ------
    DataError
        A file is missing or a line is malformed; the message gives file and line number.
    """
    records = []
    for _, item in iter_records(paths, labels):
        if isinstance(item, DataError):
            raise item
        records.append(item)
    return records
