"""Labelled paragraph records in the ``LABELS.md`` format (JSON Lines, UTF-8).

One object per line::

    {"id": "...", "text": "……", "label": "preschool", "labels": ["preschool"], "source": "..."}

``label`` is the primary label and ``labels`` lists every label that applies, primary first.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .._chinese import han_count
from ..errors import DataError
from ..topics import LABELS, MIN_HAN_CHARS


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


class _UnknownLabel(DataError):
    """A row whose primary label is not among the allowed ones; ``label`` names it."""

    def __init__(self, message: str, label: str) -> None:
        super().__init__(message)
        self.label = label


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
        message = f"{where}: unknown label {label!r}; expected one of {sorted(allowed)}"
        if isinstance(label, str):
            raise _UnknownLabel(message, label)
        raise DataError(message)
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


def jsonl_files(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    suffixes: tuple[str, ...] = (".jsonl",),
) -> list[Path]:
    """The data files named by ``paths``: files as given, folders searched recursively for
    files with one of ``suffixes``."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in suffixes)
            if not found:
                raise DataError(f"{path}: no {', '.join(suffixes)} files in this folder")
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


@dataclass
class Samples:
    """Labelled samples gathered from any of the forms :func:`load_samples` takes.

    Attributes
    ----------
    records : list of Record
        The good rows, in order.
    problems : list of str
        One message per rejected row, starting with where it is (``file:line``,
        ``file:row N`` for spreadsheets, ``row N`` for data frames and lists).
    unknown_labels : dict of str to int
        The labels outside the allowed set that rows carry, with their row counts.
    """

    records: list[Record] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unknown_labels: dict[str, int] = field(default_factory=dict)

    def report(self, limit: int = 20) -> str:
        """The rejected rows as text, at most ``limit`` of them."""
        lines = self.problems[:limit]
        if len(self.problems) > limit:
            lines.append(f"... and {len(self.problems) - limit} more")
        return "\n".join(lines)



_TABLE_SUFFIXES = (".csv", ".xlsx", ".xls")


def load_samples(
    samples,
    labels: Iterable[str] = LABELS,
    strict: bool = False,
    seen: Iterable[str] = (),
) -> Samples:
    """Gather labelled samples, checking every row.

    Parameters
    ----------
    samples : path, list of paths, pandas.DataFrame, or list of rows
        JSONL files in the ``LABELS.md`` format; CSV or Excel files with ``text`` and
        ``label`` columns (and optionally ``labels``, several joined with ``|``); folders
        of such files; a DataFrame with those columns; a list of ``(text, label)`` or
        ``(text, label, labels)`` tuples, of dicts, or of :class:`Record`.
    labels : iterable of str
        The allowed labels; a row with another label is rejected.
    strict : bool, default=False
        Raise :class:`DataError` listing every rejected row instead of leaving them out.
    seen : iterable of str
        Texts already in the training set (e.g. the base data): rows repeating one of them
        are rejected as duplicates.

    Returns
    -------
    Samples
        The good records and a message for each rejected row: unknown label, empty or
        too-short text, a duplicate of an earlier row, or a malformed line.
    """
    allowed = tuple(dict.fromkeys(labels))
    gathered = Samples()
    texts = {_dedup_key(text) for text in seen}
    for where, item in _rows(samples, allowed):
        if isinstance(item, DataError):
            gathered.problems.append(str(item))
            if isinstance(item, _UnknownLabel):
                gathered.unknown_labels[item.label] = gathered.unknown_labels.get(item.label, 0) + 1
            continue
        key = _dedup_key(item.text)
        if key in texts:
            gathered.problems.append(f"{where}: duplicate of an earlier text")
            continue
        if han_count(item.text) < MIN_HAN_CHARS:
            gathered.problems.append(
                f"{where}: only {han_count(item.text)} Chinese characters "
                f"(paragraphs under {MIN_HAN_CHARS} are not labelled)"
            )
            continue
        texts.add(key)
        gathered.records.append(item)
    if strict and gathered.problems:
        raise DataError(
            f"{len(gathered.problems)} bad rows in the samples:\n{gathered.report()}"
        )
    return gathered


def _dedup_key(text: str) -> str:
    return "".join(text.split())


def row_hash(text: str) -> str:
    """A short hash of ``text`` with its whitespace removed: what a model file keeps of
    each training row, to tell later which samples it was trained on."""
    return hashlib.blake2b(_dedup_key(text).encode("utf-8"), digest_size=5).hexdigest()


def _rows(samples, labels: tuple[str, ...]) -> Iterator[tuple[str, Record | DataError]]:
    if isinstance(samples, (str, os.PathLike)):
        samples = [samples]
    if hasattr(samples, "to_dict") and hasattr(samples, "columns"):
        yield from _table_rows(samples.to_dict("records"), "row", labels, first=0)
        return
    items = list(samples)
    if all(isinstance(item, (str, os.PathLike)) for item in items):
        for path in jsonl_files(items, suffixes=(".jsonl", *_TABLE_SUFFIXES)):
            if path.suffix.lower() in _TABLE_SUFFIXES:
                yield from _table_rows(_read_table(path), f"{path}:row", labels, first=2)
            else:
                yield from iter_records(path, labels)
        return
    for number, item in enumerate(items):
        where = f"row {number}"
        if isinstance(item, Record):
            row = item.to_json()
        elif isinstance(item, dict):
            row = item
        elif isinstance(item, (tuple, list)) and len(item) in (2, 3):
            row = dict(zip(("text", "label", "labels"), item, strict=False))
        else:
            yield where, DataError(
                f"{where}: expected (text, label), a dict or a Record, got {item!r:.60}"
            )
            continue
        yield from _table_rows([row], "row", labels, first=number)


def _read_table(path: Path) -> list[dict]:
    if path.suffix.lower() == ".csv":
        with open(path, encoding="utf-8-sig", newline="") as handle:
            return list(csv.DictReader(handle))
    try:
        import pandas as pd
    except ImportError as exc:
        raise DataError(
            f"{path}: reading Excel files needs pandas and openpyxl "
            "(pip install edusummary[notebook])"
        ) from exc
    return pd.read_excel(path, dtype=str).fillna("").to_dict("records")


def _table_rows(
    rows: Iterable[dict], prefix: str, labels: tuple[str, ...], first: int
) -> Iterator[tuple[str, Record | DataError]]:
    for number, row in enumerate(rows, first):
        where = f"{prefix} {number}"
        text, label, extra = (
            value.strip() if isinstance(value, str) else value
            for value in (row.get("text"), row.get("label"), row.get("labels"))
        )
        if label is None or label == "":
            yield where, DataError(f"{where}: no label given")
            continue
        if isinstance(extra, str):
            extra = [part.strip() for part in extra.split("|") if part.strip()]
        obj = {
            "text": text,
            "label": label,
            "labels": list(extra) if extra else [label],
            "id": row.get("id"),
            "source": row.get("source"),
        }
        try:
            yield where, parse_record(obj, where, labels)
        except DataError as exc:
            yield where, exc
