"""Labelled paragraph records in the ``LABELS.md`` format (JSON Lines, UTF-8).

One object per line::

    {"id": "...", "text": "……", "label": "preschool", "labels": ["preschool"], "source": "..."}

``label`` is the primary label and ``labels`` lists every label that applies, primary first.
"""

from __future__ import annotations

import csv
import difflib
import functools
import hashlib
import io
import itertools
import json
import logging
import os
import re
import unicodedata
import warnings
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .._chinese import han_count
from .._english import counted
from .._formulas import unguard
from .._optional import require
from ..errors import (
    DataError,
    EdusummaryWarning,
    MissingDependencyError,
    ReadError,
    user_stacklevel,
)
from ..reading import each_once, repeats_note
from ..reading._sniff import OLE2, WORKBOOK, Kind, sniff
from ..text.tokenizing import simplified_table
from ..topics import LABELS, MIN_HAN_CHARS, topic_name

logger = logging.getLogger(__name__)


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
    where : str or None
        Where the record was read (``file:line``, ``file:sheet N:row N`` ...), to go back
        to it; not part of the record's JSON.
    """

    text: str
    label: str
    labels: tuple[str, ...] = ()
    id: str | None = None
    source: str | None = None
    extra: dict = field(default_factory=dict, compare=False)
    where: str | None = field(default=None, compare=False)

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


def check_labels(labels: Iterable[str]) -> tuple[str, ...]:
    """The label set ``labels`` names, in order, each name once.

    Raises
    ------
    TypeError
        ``labels`` is a single string (which would be a set of characters) or not an
        iterable.
    ValueError
        A name is not a string or is empty, or names a shipped label of the set another
        way (学前教育 or Preschool beside ``preschool``); the message names it.
    """
    if isinstance(labels, str):
        raise TypeError(
            f"labels must be a list of label names, got a str: {labels!r:.60}; for a label "
            f"of your own besides the five: labels=[*edusummary.LABELS, {labels!r:.60}]"
        )
    try:
        names = list(labels)
    except TypeError:
        raise TypeError(
            f"labels must be a list of label names, got {type(labels).__name__}"
        ) from None
    bad = [name for name in names if not isinstance(name, str) or not name.strip()]
    if bad:
        raise ValueError(f"label names must be non-empty strings, got {bad!r:.200}")
    # Sample labels are read stripped, so a declared "vocational " would match none.
    names = [name.strip() for name in names]
    shipped = {label_key(name): label for label in LABELS for name in (label, topic_name(label))}
    for name in names:
        label = shipped.get(label_key(name))
        if label is not None and name != label and label in names:
            # Two names of one topic would train as two topics that split its samples.
            raise ValueError(
                f"label {name!r} is the shipped label {label!r} ({topic_name(label)}) "
                f"written another way; declare {label!r} once, or name a topic of your "
                "own differently"
            )
    return tuple(dict.fromkeys(names))


def label_key(label: str) -> str:
    """What is left of a label name when case, spaces, full-width letters and traditional
    characters no longer count."""
    folded = unicodedata.normalize("NFKC", label).translate(simplified_table())
    return "".join(folded.split()).casefold()


def close_label(name: str, labels: Sequence[str]) -> str | None:
    """The label of ``labels`` that ``name`` is a slip for: the same but for case, spaces
    and full-width letters, or its Chinese name (其他 for other), else spelt nearly the
    same, or a part of one label's Chinese name alone (学前, 均衡); None when there is none."""
    keys = {label_key(label): label for label in labels}
    keys.update({label_key(topic_name(label)): label for label in labels})
    key = label_key(name)
    found = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.8)
    if found:
        return keys[found[0]]
    # A Chinese name cut short: difflib's ratio finds 学前 too far from 学前教育.
    within = {label for label in labels if len(key) >= 2 and key in topic_name(label)}
    return within.pop() if len(within) == 1 else None


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


class _UnreadableFile(DataError):
    """A whole file that cannot be read: none of its rows is, so it is no rejected row."""


class _NoLabel(DataError):
    """A row whose label cell is empty; ``suggested`` tells whether its ``suggested`` cell
    (the model's guess, in a sheet :func:`~edusummary.batch.suggesting.write_sheet` wrote)
    is filled."""

    def __init__(self, message: str, suggested: bool) -> None:
        super().__init__(message)
        self.suggested = suggested


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
        # A number is a slip in one row, never a topic of the analyst's own: rejected like
        # any bad row, whether the sheet kept it as a number (Excel) or as text (CSV).
        if isinstance(label, str) and not _is_number(label):
            raise _UnknownLabel(message, label)
        raise DataError(message)
    record_labels = obj.get("labels", [label])
    if not isinstance(record_labels, list) or not record_labels:
        raise DataError(f"{where}: 'labels' must be a non-empty list, got {record_labels!r}")
    unknown = [name for name in record_labels if name not in allowed]
    if unknown:
        # As for the primary label: a label of the analyst's own, which training must be
        # told of, and evaluation refuses; the row is not left out behind a warning.
        message = f"{where}: unknown label(s) {unknown} in 'labels'"
        if all(isinstance(name, str) for name in unknown):
            raise _UnknownLabel(message, unknown[0])
        raise DataError(message)
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
        where=where,
    )


def jsonl_files(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    suffixes: tuple[str, ...] = (".jsonl",),
) -> list[Path]:
    """The data files named by ``paths``: files as given, folders searched recursively for
    files with one of ``suffixes``; a file given more than once (a folder and a file in it,
    two spellings of its path) is listed once, with a warning."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    files: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.suffix.lower() in suffixes and not _left_by_tools(p.relative_to(path))
            )
            if not found:
                raise DataError(f"{path}: no {', '.join(suffixes)} files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            raise DataError(f"{path}: no such file or folder")
    # Read twice, each of its rows was a duplicate of itself, one line of the report each.
    repeated: list[str] = []
    files = [Path(name) for name in each_once(map(str, files), repeated)]
    if repeated:
        warnings.warn(
            repeats_note(repeated, "read"),
            EdusummaryWarning,
            stacklevel=user_stacklevel(),
        )
    return files


def _left_by_tools(relative: Path) -> bool:
    """Whether a file found in a folder is one that tools leave beside the data: Excel's
    lock file ``~$name.xlsx`` (there while the workbook is open, and not a workbook),
    or anything hidden (a macOS ``._name.csv``, a ``.ipynb_checkpoints`` copy)."""
    return relative.name.startswith("~$") or any(part.startswith(".") for part in relative.parts)


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
            yield str(path), _UnreadableFile(
                f"{path}: records must be UTF-8 ({exc}); save the file as UTF-8"
            )
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
        ``file:row N`` for CSV, ``file:sheet N:row N`` for workbooks, ``row N`` for data
        frames, N being the index label, and for lists).
    unknown_labels : dict of str to int
        The labels outside the allowed set that rows carry, with their row counts.
    first_rows : dict of str to str
        Where each of ``unknown_labels`` is first met (``file:row N`` ...).
    short_labels : dict of str to int
        The labels of the rows rejected as too short, with their row counts: a label all
        of whose rows are among them is spelt right, but cannot be learnt.
    unlabelled : int
        The rejected rows with no label.
    suggested : int
        Those of them whose ``suggested`` cell is filled: the model's guess in a sheet from
        ``suggest``, which is not read as a label.
    """

    records: list[Record] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    unknown_labels: dict[str, int] = field(default_factory=dict)
    first_rows: dict[str, str] = field(default_factory=dict)
    short_labels: dict[str, int] = field(default_factory=dict)
    unlabelled: int = 0
    suggested: int = 0

    def report(self, examples: int = 5) -> str:
        """The rejected rows as text, grouped by reason with a count each, the reasons an
        analyst must act on first (a label given way to another row's, an unknown one)
        and the many rows of an untouched sheet (no label given) last; ``examples`` rows
        are named in each group, without a heading when all have one reason."""
        groups: dict[str, list[str]] = {reason: [] for reason, _ in _REASONS}
        for problem in self.problems:
            reason = next(
                (reason for reason, mark in _REASONS if mark is not None and mark in problem),
                _MALFORMED,
            )
            groups[reason].append(problem)
        lines = []
        named = [(reason, problems) for reason, problems in groups.items() if problems]
        for reason, problems in named:
            # The callers count the rows: one reason among them needs no heading.
            if len(named) > 1:
                lines.append(f"{counted(len(problems), 'row')} {reason}:")
            lines += [f"  {problem}" for problem in problems[:examples]]
            if len(problems) > examples:
                lines.append(f"  ... and {len(problems) - examples} more")
        return "\n".join(lines)


#: Why rows are left out, as :meth:`Samples.report` groups them, in the order it lists
#: them, each with what its messages hold (None: any other).
_MALFORMED = "that cannot be read as a row"
_REASONS = (
    ("relabelled by another row, whose label is kept", ": relabelled by "),
    ("with a label not in the label set", ": unknown label "),
    (_MALFORMED, None),
    ("too short to label", " Chinese characters (paragraphs under "),
    ("repeating another row", ": duplicate of "),
    ("with no label given", ": no label given"),
)



#: Sheets found in folders of samples.
_TABLE_SUFFIXES = (".csv", ".tsv", ".xlsx", ".xlsm", ".xls")
#: Sheets named as files: Excel saves "Unicode text" as ``.txt``, which a folder of
#: samples may hold for other reasons.
_SHEET_SUFFIXES = (*_TABLE_SUFFIXES, ".txt")


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
        JSONL files in the ``LABELS.md`` format; CSV, tab-separated or Excel sheets in
        any encoding Excel saves, with ``text`` and ``label`` columns (and optionally
        ``labels``, several joined with ``|``) named in a header row within the first 10
        rows (see :func:`read_sheet`); a workbook is known by its content, whatever its
        name (``.xlsm``, WPS's ``.et``); folders of such files (Excel's lock files
        ``~$name.xlsx`` and hidden files left out); a DataFrame with those columns, its
        rows named by index label; a list of ``(text, label)`` or ``(text, label,
        labels)`` tuples, of dicts, or of :class:`Record`. In a sheet or DataFrame,
        column names may be in Chinese: 文本, 正文, 段落 or 内容 for ``text``; 标签, 类别
        or 主题 for ``label``; 全部标签 for ``labels``; case and spaces do not matter.
    labels : list of str
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
        too-short text, a duplicate of an earlier row, or a malformed line. Of two rows
        that label one text otherwise, the row of the file modified more recently wins (a
        sheet of corrections, saved after the sheet it corrects), and within one file, or
        among rows of no file, the later row; the other is listed as left out.

    Raises
    ------
    DataError
        A file is missing or unreadable (a JSONL file not in UTF-8, a Word document), a
        sheet or DataFrame has no ``text`` or no
        ``label`` column or has two of one, or ``strict`` and rows were rejected.
    TypeError, ValueError
        ``labels`` is not a list of label names (see :func:`check_labels`).
    """
    allowed = check_labels(labels)
    gathered = Samples()
    # Where each text was met last, its label, its record's index and its file's time of
    # modification (None for rows of no file); None for the texts of ``seen``.
    texts: dict[str, tuple[str, str, int, int | None] | None] = dict.fromkeys(
        map(dedup_key, seen)
    )
    modified: dict[Path, int] = {}
    for where, item, path in _rows(samples, allowed):
        if isinstance(item, DataError):
            gathered.problems.append(str(item))
            if isinstance(item, _UnknownLabel):
                gathered.unknown_labels[item.label] = gathered.unknown_labels.get(item.label, 0) + 1
                gathered.first_rows.setdefault(item.label, where)
            elif isinstance(item, _NoLabel):
                gathered.unlabelled += 1
                gathered.suggested += item.suggested
            continue
        if path is not None and path not in modified:
            modified[path] = path.stat().st_mtime_ns
        when = modified.get(path)
        key = dedup_key(item.text)
        first = texts.get(key)
        if first is not None and first[1] != item.label:
            # Two labels for one text: a correction. Files found in a folder come in the
            # order their names sort, which says nothing of which was corrected last; the
            # file saved last is the analyst's latest word, and in one file the later row.
            earlier, label, index, then = first
            if when is not None and then is not None and then > when:
                gathered.problems.append(
                    f"{where}: relabelled by {earlier}, a row with the same text in a file "
                    f"modified more recently ({label} there, {item.label} here)"
                )
                continue
            newer = "a later row with the same text" if when is None or when == then else (
                "a row with the same text in a file modified more recently"
            )
            gathered.problems.append(
                f"{earlier}: relabelled by {where}, {newer} ({item.label} there, {label} here)"
            )
            gathered.records[index] = item
            texts[key] = (where, item.label, index, when)
            continue
        if key in texts:
            gathered.problems.append(
                f"{where}: duplicate of "
                + ("a text of the training data" if first is None else first[0])
            )
            continue
        if han_count(item.text) < MIN_HAN_CHARS:
            gathered.problems.append(
                f"{where}: only {han_count(item.text)} Chinese characters "
                f"(paragraphs under {MIN_HAN_CHARS} are not labelled)"
            )
            gathered.short_labels[item.label] = gathered.short_labels.get(item.label, 0) + 1
            continue
        texts[key] = (where, item.label, len(gathered.records), when)
        gathered.records.append(item)
    if strict and gathered.problems:
        raise DataError(
            f"{len(gathered.problems)} bad rows in the samples:\n{gathered.report()}"
        )
    return gathered


def dedup_key(text: str) -> str:
    """``text`` without whitespace, in simplified characters: two texts with the same key
    are the same paragraph to the model, which reads traditional characters as simplified.

    Width variants (，and ,) are kept apart: the keys of the shipped data, whose hashes
    models store (:func:`row_hash`), stay as they were.
    """
    return "".join(text.translate(simplified_table()).split())


def row_hash(text: str) -> str:
    """A short hash of ``text`` with its whitespace removed: what a model file keeps of
    each training row, to tell later which samples it was trained on."""
    return hashlib.blake2b(dedup_key(text).encode("utf-8"), digest_size=5).hexdigest()


def _rows(
    samples, labels: tuple[str, ...]
) -> Iterator[tuple[str, Record | DataError, Path | None]]:
    """Each row as ``(location, record or error, the file it is in or None)``."""
    if isinstance(samples, (str, os.PathLike)):
        samples = [samples]
    if hasattr(samples, "to_dict") and hasattr(samples, "columns"):
        # A DataFrame is a sheet already read: its column names are a sheet's header.
        header = _header(list(samples.columns), "the DataFrame")
        # Empty cells, which pandas reads as NaN (or NA), are empty as in a sheet.
        cells = samples.astype(object).where(samples.notna(), None).to_numpy().tolist()
        rows = (dict(zip(header, values, strict=True)) for values in cells)
        # Named by index label: after a filter or a sort, positions name other rows.
        for where, item in _table_rows(
            ((f"row {label}", row) for label, row in zip(samples.index, rows, strict=True)),
            labels,
            typed=True,
        ):
            yield where, item, None
        return
    items = list(samples)
    if all(isinstance(item, (str, os.PathLike)) for item in items):
        for path in jsonl_files(items, suffixes=(".jsonl", *_TABLE_SUFFIXES)):
            sheet = path.suffix.lower() in _SHEET_SUFFIXES
            kind = None if sheet else _kind(path)
            if sheet or kind in (WORKBOOK, OLE2):
                # A workbook under another name (a macro-enabled .xlsm, WPS's .et) is one.
                for where, item in _table_rows(_unguarded(_sheet_rows(path)), labels, typed=True):
                    yield where, item, path
                continue
            if kind is not None and kind.binary:
                raise DataError(
                    f"{path}: {kind.name}, not labelled samples; give JSONL records, CSV "
                    "or tab-separated text, or an Excel workbook"
                )
            for where, item in iter_records(path, labels):
                if isinstance(item, _UnreadableFile):
                    raise item
                yield where, item, path
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
            ), None
            continue
        for place, record in _table_rows([(where, row)], labels):
            yield place, record, None


def sample_texts(paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]]) -> list[str]:
    """Every text of the sheets at ``paths``, labelled or not, as :func:`load_samples` reads
    them (the ``'`` of :func:`~edusummary.batch.cells.spreadsheet_cell` removed); folders
    are searched for sheets.

    Raises
    ------
    DataError
        A file is missing or is no sheet (see :func:`read_sheet`).
    """
    return [
        unguard(row["text"])
        for path in jsonl_files(paths, suffixes=_TABLE_SUFFIXES)
        for _, row in read_sheet(path)
        if isinstance(row.get("text"), str)
    ]


def _unguarded(
    rows: Iterable[tuple[str, dict | DataError]],
) -> Iterator[tuple[str, dict | DataError]]:
    for where, row in rows:
        if isinstance(row, DataError):
            yield where, row
        else:
            yield where, {key: unguard(value) for key, value in row.items()}


def read_sheet(path: str | os.PathLike[str]) -> Iterator[tuple[str, dict]]:
    """The rows of a CSV, tab-separated or Excel sheet as ``(location, row)``.

    CSV and tab-separated text may be in any encoding Excel saves: UTF-8 with or without
    a byte order mark, GBK/GB18030 (Excel's "CSV" on Chinese Windows) or UTF-16 (its
    "Unicode text", tab-separated). The header row is the first row, among the first 10,
    that names a ``text`` column (rows above it, such as a title, are left out), and the
    separator is the one that makes it so. In a workbook, every sheet with such a header
    row is read; a sheet with something in it but no such header is left out with an
    :class:`~edusummary.errors.EdusummaryWarning` (a hidden sheet, such as the list behind
    a drop-down, silently). So is a hidden sheet with such a header (a discarded draft;
    an error when no visible sheet has one), and a sheet with a text column but no label
    column (an instructions sheet, 填表说明: 项目 | 内容) when another sheet has both. Column
    names are lower-cased, and surrounding spaces do not matter; Chinese names are read
    as the English ones: 文本, 正文, 段落 or 内容 as ``text``, 标签, 类别 or 主题 as
    ``label``, 全部标签 as ``labels``. Blank rows are skipped.

    Parameters
    ----------
    path : path
        A ``.csv``, ``.tsv``, ``.txt``, ``.xlsx``, ``.xlsm`` or ``.xls`` file; a workbook
        is read as one whatever its name. An ``.xls`` may be an old binary workbook (read
        with pandas and xlrd or python-calamine), or a web page or text that Excel opens
        as a sheet, as many systems export them, and is read as such.

    Yields
    ------
    location : str
        ``file:row N`` for text files, ``file:sheet N:row N`` for workbooks (both
        numbered as a spreadsheet shows them, the first line being row 1).
    row : dict
        Column name to cell value.

    Raises
    ------
    DataError
        The file cannot be read or is no sheet; no line or sheet has a ``text`` column
        in its first 10 rows; a sheet with one has no ``label`` column, or two columns
        that are read as ``text``, ``label`` or ``labels``; or a row has more cells than
        its header (in CSV, an unquoted separator in the text).
    MissingDependencyError
        An old binary ``.xls`` workbook, and the package pandas reads it with is missing.
    """
    for where, row in _sheet_rows(Path(path)):
        if isinstance(row, DataError):
            raise row
        yield where, row


#: How far down a sheet its header row is looked for: a title above it is common.
_HEADER_ROWS = 10
#: The columns read from a sheet, each of which may be named in Chinese too.
_COLUMN_ALIASES = {
    "文本": "text",
    "正文": "text",
    "段落": "text",
    "内容": "text",
    "标签": "label",
    "类别": "label",
    "主题": "label",
    "全部标签": "labels",
}
_SEPARATOR_NAMES = {"\t": "tab", ",": "comma", ";": "semicolon"}


def _kind(path: Path) -> Kind | None:
    """What ``path`` holds by its content (see :func:`~edusummary.reading._sniff.sniff`)."""
    try:
        return sniff(path)
    except OSError as exc:
        raise DataError(f"{path}: cannot read the file ({exc})") from exc


def _sheet_rows(path: Path) -> Iterator[tuple[str, dict | DataError]]:
    """The rows of a sheet as :func:`read_sheet` yields them, except that a malformed row
    comes as a :class:`DataError`, to be reported like any rejected row."""
    kind = _kind(path)
    if kind == OLE2:
        yield from _workbook_rows(path, _old_workbook_sheets(path))
        return
    if kind == WORKBOOK or path.suffix.lower() in (".xlsx", ".xlsm"):
        yield from _workbook_rows(path, _workbook_sheets(path), _formulas(path))
        return
    if kind is not None and kind.family == "html":
        # What many systems export as "Excel" (报表.xls): a web page of one table, which
        # Excel opens as a sheet.
        yield from _workbook_rows(path, _html_sheets(path))
        return
    if kind is not None and kind.binary:
        raise DataError(
            f"{path}: {kind.name}, not a sheet; save the samples as .xlsx or CSV"
        )
    from ..reading.text import decode

    try:
        text, _, notes = decode(path.read_bytes(), str(path))
    except (OSError, ReadError) as exc:
        raise DataError(f"{path}: cannot read the sheet ({exc})") from exc
    found = None
    likely = None
    for delimiter in "\t,;":
        try:
            first = list(itertools.islice(_csv_reader(text, delimiter), _HEADER_ROWS))
        except csv.Error:
            continue
        index = _header_index(first)
        if index is not None and (found is None or index < found[0]):
            found = index, delimiter
        row = _likely_header(first)
        # The separator that parts it into the most cells.
        if row is not None and (likely is None or len(row[1]) > len(likely[1])):
            likely = row
    if found is None:
        header_line = text.lstrip("\n").split("\n", 1)[0]
        shown = f"; line {likely[0] + 1} reads {_cells(likely[1])}" if likely else ""
        raise DataError(
            f"{path}: no 'text' column in the first {_HEADER_ROWS} lines (the first is "
            f"{header_line[:80]!r}{shown}); {_needed_columns()}"
        )
    index, delimiter = found
    reader = _csv_reader(text, delimiter)
    cells = next(itertools.islice(reader, index, None))
    header = _header(cells, str(path))
    width = _filled_width(header)
    label_at = header.index("label")
    # The lines of the file each row was read from: as many as its cells' line breaks.
    last_line = reader.line_num
    damaged = []
    for number, values in enumerate(reader, index + 2):
        first_line, last_line = last_line + 1, reader.line_num
        if not any(value.strip() for value in values):
            continue
        where = f"{path}:row {number}"
        if notes and any("\ufffd" in value for value in values):
            damaged.append(number)
        filled = _filled_width(values)
        unlabelled = label_at >= len(values) or not values[label_at].strip()
        if last_line > first_line and unlabelled:
            swallowed = _unclosed_quote(values, delimiter, first_line, last_line)
            if swallowed:
                yield where, DataError(f"{where}: {swallowed}")
                continue
        # An unquoted separator in the text shifts the label into the text's place; empty
        # cells past the header, which Excel writes, are nothing.
        if filled > width:
            separator = _SEPARATOR_NAMES[delimiter]
            yield where, DataError(
                f"{where}: {filled} cells but the header has {width}; a {separator} in the "
                "text needs quotes (Excel adds them when it saves a CSV)"
            )
        else:
            yield where, dict(zip(header, values, strict=False))
    if notes:
        # As for a report: the text trained on or scored is not quite the file's.
        warnings.warn(_decoding_note(notes, damaged), EdusummaryWarning, stacklevel=2)


def _decoding_note(notes: Sequence[str], rows: list[int]) -> str:
    """What decoding a sheet's bytes noted (bytes replaced, lines in another encoding),
    with the ``rows`` whose text holds a replaced character."""
    message = "; ".join(notes)
    if rows:
        shown = ", ".join(map(str, rows[:10])) + (" ..." if len(rows) > 10 else "")
        message += (
            f"; row{'s' * (len(rows) > 1)} {shown} hold{'s' * (len(rows) == 1)} the "
            "replacement character \ufffd: correct the text there, or save the sheet again "
            "from the program that made it"
        )
    return message


def _unclosed_quote(values: list[str], delimiter: str, first: int, last: int) -> str | None:
    """What to say of a row read from lines ``first`` to ``last`` that has no label, when
    it is rows of their own taken in by a ``"`` never closed; None when its cells hold no
    line with the separator in it, as a text's own line breaks do not."""
    if not any(delimiter in line for value in values for line in value.split("\n")[1:]):
        return None
    # A '"' starting a cell opens a quoted cell, which runs to the next '"': typed as the
    # first character of a text ("十四五"开局) with none after it, it takes in every
    # line below it.
    return (
        f"a '\"' at the start of a cell is not closed, so lines {first + 1}-{last} of the "
        f"file were read as this row's text, not as rows; remove that '\"', or put the "
        "cell in quotes with each '\"' in it doubled, as Excel saves it"
    )


def _csv_reader(text: str, delimiter: str) -> Iterator[list[str]]:
    return csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)


def _column_names(cells: Iterable[object]) -> list[str]:
    names = []
    for cell in cells:
        name = str(cell).strip().strip('"').strip().lower() if cell is not None else ""
        # Without inner spaces too: a two-character Chinese name is often spaced out
        # ("正  文") to line up with longer ones.
        names.append(_COLUMN_ALIASES.get("".join(name.split()), name))
    return names


def _header_index(rows: Iterable[Iterable[object]]) -> int | None:
    """The position of the header row among ``rows``: the first that names a ``text``
    column, within the first :data:`_HEADER_ROWS`."""
    for index, cells in enumerate(itertools.islice(rows, _HEADER_ROWS)):
        if "text" in _column_names(cells):
            return index
    return None


def _header(cells: list, where: str) -> list[str]:
    """The column names of the header row ``cells``, checked: a missing or a repeated
    ``text``, ``label`` or ``labels`` column raises :class:`DataError`."""
    header = _column_names(cells)
    _require_columns(header, cells, where)
    for name in ("text", "label", "labels"):
        positions = [i for i, given in enumerate(header) if given == name]
        if len(positions) > 1:
            # Without the check, the last of them would be read and the others ignored.
            named = ", ".join(f"{str(cells[i]).strip()!r} (column {i + 1})" for i in positions)
            raise DataError(
                f"{where}: {len(positions)} columns are read as the {name!r} column: "
                f"{named}; keep one, or rename the others"
            )
    return header


class _MissingColumn(DataError):
    """A header row without a text or a label column; ``columns`` names those it has, as
    written."""

    def __init__(self, message: str, columns: str) -> None:
        super().__init__(message)
        self.columns = columns


def _require_columns(header: list[str], cells: list, where: str) -> None:
    """Raise :class:`DataError` naming the text or label column ``header``, read from the
    header row ``cells``, lacks: without one, every row would be rejected and the samples
    silently add nothing."""
    for name in ("text", "label"):
        if name not in header:
            written = ", ".join(repr(str(cell).strip()) for cell in cells if _is_filled(cell))
            if "text" in header and str(cells[header.index("text")]).strip() != "text":
                # Why a column the analyst never named text is said to be there.
                written += f" ({str(cells[header.index('text')]).strip()!r} is read as text)"
            raise _MissingColumn(
                f"{where}: no {name!r} column among {written:.300}; labelled samples need "
                f"text and label columns: name the {name} column {_accepted_names(name)}",
                written,
            )


def _likely_header(rows: Iterable[Iterable[object]]) -> tuple[int, list[str]] | None:
    """Where the header row of ``rows`` that names no ``text`` column must be (the first of
    the first :data:`_HEADER_ROWS` with the most cells filled) and its filled cells as
    written; None for rows all empty."""
    best = None
    for index, cells in enumerate(itertools.islice(rows, _HEADER_ROWS)):
        filled = [str(cell).strip() for cell in cells if _is_filled(cell)]
        if filled and (best is None or len(filled) > len(best[1])):
            best = index, filled
    return best


def _cells(cells: list[str]) -> str:
    return ", ".join(map(repr, cells))[:200]


def _needed_columns() -> str:
    return (
        "a sheet needs a header row with text and label columns: name them "
        f"{_accepted_names('text')}, and {_accepted_names('label')}"
    )


def _accepted_names(column: str) -> str:
    """The names a sheet's ``column`` may have: "label, 标签, 类别 or 主题"."""
    names = [column, *(alias for alias, name in _COLUMN_ALIASES.items() if name == column)]
    return f"{', '.join(names[:-1])} or {names[-1]}"


def _is_filled(value: object) -> bool:
    return value is not None and bool(str(value).strip())


def _filled_width(values: list) -> int:
    """How many cells ``values`` spans up to its last non-empty one."""
    return next((i + 1 for i in range(len(values) - 1, -1, -1) if _is_filled(values[i])), 0)


def _column_letter(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def _old_workbook_sheets(path: Path) -> list[tuple[str, bool, list[list]]]:
    """The sheets of an old binary workbook (``.xls``) as ``(title, hidden, rows)``."""
    # openpyxl reads only .xlsx; the old binary format goes through pandas and its reader
    # of .xls, xlrd (pandas 2) or python-calamine (pandas 3), none of which is installed
    # with edusummary.
    try:
        pd = require("pandas", f"reading {path.name}")
        frames = pd.read_excel(path, sheet_name=None, dtype=str, header=None)
    except ImportError as exc:
        if isinstance(exc, MissingDependencyError):
            missing = "pandas"
        else:
            missing = "python-calamine" if "calamine" in str(exc) else "xlrd"
        raise MissingDependencyError(
            f"{path}: an old-format Excel workbook (.xls), which is read only with {missing} "
            f"installed: open it in Excel or WPS and save it as .xlsx or CSV, or pip install "
            f"{missing}"
        ) from exc
    except Exception as exc:
        # xlrd and python-calamine each raise their own errors on a damaged workbook.
        raise DataError(
            f"{path}: cannot read this old-format Excel workbook ({exc}); open it in Excel "
            "or WPS and save it as .xlsx or CSV"
        ) from exc
    return [
        (str(name), False, frame.fillna("").values.tolist()) for name, frame in frames.items()
    ]


def _html_sheets(path: Path) -> list[tuple[str, bool, list[list]]]:
    """The rows of the tables of a web page, one after another as Excel shows them on one
    sheet, as ``[(title, hidden, rows)]``."""
    from ..reading._common import parse_markup
    from ..reading.html import decode_page

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DataError(f"{path}: cannot read the file ({exc})") from exc
    markup, _, notes = decode_page(data, str(path))
    if notes:
        warnings.warn(_decoding_note(notes, []), EdusummaryWarning, stacklevel=2)
    soup = parse_markup(markup)
    rows = [
        [cell.get_text().strip() for cell in row.find_all(["td", "th"], recursive=False)]
        for row in soup.find_all("tr")
    ]
    return [(path.stem, False, rows)]


def _workbook_sheets(path: Path) -> list[tuple[str, bool, list[list]]]:
    """The sheets of an Excel workbook (``.xlsx``, ``.xlsm``) as ``(title, hidden, rows)``."""
    openpyxl = require("openpyxl", f"reading {path.name}")
    try:
        # A file, not a name: openpyxl refuses a name whose suffix it does not know (WPS's
        # .et, a workbook saved as .xls), whatever the file holds. Not read_only, which
        # knows no merged cells; it reads a sheet some 30% faster.
        with path.open("rb") as file:
            book = openpyxl.load_workbook(file, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        raise DataError(f"{path}: not an Excel workbook ({exc})") from exc
    sheets = [
        (sheet.title, sheet.sheet_state != "visible", _merged_filled_down(sheet))
        for sheet in book.worksheets
    ]
    book.close()
    return sheets


def _formulas(path: Path) -> Callable[[int, int, int], str | None]:
    """The formula of a cell of the workbook at ``path``, by sheet, row and column numbers
    (from 1), or None for a cell that holds none. The workbook is read again for it, once,
    when first asked: as its formulas, not as the values Excel saved with them."""
    book = None

    def formula(sheet: int, row: int, column: int) -> str | None:
        nonlocal book
        if book is None:
            openpyxl = require("openpyxl", f"reading {path.name}")
            with path.open("rb") as file:
                book = openpyxl.load_workbook(file)
        cell = book.worksheets[sheet - 1].cell(row, column)
        return str(cell.value) if cell.data_type == "f" else None

    return formula


def _workbook_rows(
    path: Path,
    sheets: list[tuple[str, bool, list[list]]],
    formula: Callable[[int, int, int], str | None] | None = None,
) -> Iterator[tuple[str, dict | DataError]]:
    """The rows of ``sheets``, those of the workbook at ``path``; ``formula`` gives the
    formula of a cell, to tell an empty cell from one whose value was never calculated."""
    headers = [_header_index(rows) for _, _, rows in sheets]
    if all(index is None for index in headers):
        found = [
            f"sheet {number} ({name!r}) row {row[0] + 1} reads {_cells(row[1])}"
            for number, (name, _, rows) in enumerate(sheets, 1)
            if (row := _likely_header(rows)) is not None
        ]
        raise DataError(
            f"{path}: no sheet has a 'text' column in its first {_HEADER_ROWS} rows"
            + (f" ({'; '.join(found[:5])})" if found else "")
            + f"; {_needed_columns()}"
        )
    checked: list[list[str] | DataError | None] = []
    for sheet_number, (name, _, rows) in enumerate(sheets, 1):
        index = headers[sheet_number - 1]
        try:
            checked.append(
                None if index is None
                else _header(list(rows[index]), f"{path}: sheet {sheet_number} ({name!r})")
            )
        except _MissingColumn as exc:
            checked.append(exc)
    readable = [isinstance(header, list) for header in checked]
    usable = any(ok and not hidden for ok, (_, hidden, _) in zip(readable, sheets, strict=True))
    if any(readable) and not usable:
        named = ", ".join(
            f"sheet {number} ({name!r})"
            for number, (ok, (name, _, _)) in enumerate(zip(readable, sheets, strict=True), 1)
            if ok
        )
        raise DataError(
            f"{path}: the only sheets with text and label columns are hidden: {named}; "
            "unhide them in Excel or WPS (right-click a sheet tab, Unhide) to read them"
        )
    for sheet_number, (name, hidden, rows) in enumerate(sheets, 1):
        index, header = headers[sheet_number - 1], checked[sheet_number - 1]
        if hidden and index is not None:
            # A hidden sheet is a discarded draft or a list behind a drop-down, not samples.
            unread = sum(any(map(_is_filled, values)) for values in rows[index + 1 :])
            warnings.warn(
                f"{path}: sheet {sheet_number} ({name!r}) is hidden; "
                f"{counted(unread, 'row')} under the header not read (unhide it in Excel or WPS "
                "to read them)",
                EdusummaryWarning,
                stacklevel=2,
            )
            continue
        if isinstance(header, DataError):
            if not usable:
                raise header
            # An instructions sheet (填表说明: 项目 | 内容) beside the samples' sheet.
            warnings.warn(
                f"{path}: sheet {sheet_number} ({name!r}) has no 'label' column among "
                f"{header.columns:.300}; it was left out, as another sheet has text and "
                "label columns",
                EdusummaryWarning,
                stacklevel=2,
            )
            continue
        if index is None:
            unread = sum(any(_is_filled(value) for value in values) for values in rows)
            if unread and not hidden:
                # Another sheet was read, so nothing else would tell that these rows were not.
                warnings.warn(
                    f"{path}: sheet {sheet_number} ({name!r}) has no 'text' column in its "
                    f"first {_HEADER_ROWS} rows; {counted(unread, 'non-empty row')} in it not read",
                    EdusummaryWarning,
                    stacklevel=2,
                )
            else:
                logger.info("%s: sheet %d has no 'text' column; skipped", path, sheet_number)
            continue
        where_sheet = f"{path}:sheet {sheet_number}"
        width = _filled_width(header)
        for number, values in enumerate(rows[index + 1 :], index + 2):
            if not any(_is_filled(value) for value in values):
                continue
            where = f"{where_sheet}:row {number}"
            uncalculated = formula and _uncalculated(
                values, header, number, functools.partial(formula, sheet_number, number)
            )
            if uncalculated:
                yield where, DataError(f"{where}: {uncalculated}")
                continue
            filled = _filled_width(values)
            if filled > width:
                # Read, the cell would be dropped: a note, or text that ran on.
                column = next(i for i in range(width, filled) if _is_filled(values[i]))
                yield where, DataError(
                    f"{where}: {filled} cells but the header has {width}; column "
                    f"{_column_letter(column + 1)} has no name in the header row (row "
                    f"{index + 1}): name it, or empty its cells"
                )
            else:
                yield where, dict(zip(header, values, strict=False))


def _uncalculated(
    values: list, header: list[str], row: int, formula: Callable[[int], str | None]
) -> str | None:
    """What to say of row number ``row`` when its text or label cell has no value but holds
    a formula (``formula`` gives it by column number, from 1): a workbook written by a
    program (openpyxl, pandas) and never opened in a spreadsheet program keeps no value
    for its formulas. None when there is none."""
    for name in ("text", "label"):
        column = header.index(name)
        if column < len(values) and values[column] is not None:
            continue
        found = formula(column + 1)
        if found is not None:
            shown = found if len(found) <= 60 else f"{found[:59]}…"
            return (
                f"the {name} cell, {_column_letter(column + 1)}{row}, holds a formula with no "
                f"saved value ({shown}); the workbook was written by a program that does "
                "not calculate: open it in Excel or WPS and save it, or paste the column as "
                "values"
            )
    return None


def _merged_filled_down(sheet) -> list[list]:
    """The values of ``sheet`` (an openpyxl worksheet), row by row, each merged cell's
    value repeated down the rows it covers: a label cell merged over the five rows it labels
    labels all five, as the analyst who merged it sees."""
    rows = [list(values) for values in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        column = merged.min_col - 1
        value = rows[merged.min_row - 1][column]
        for row in rows[merged.min_row : merged.max_row]:
            row[column] = value
    return rows


#: What people part the labels of a cell with: "preschool|other", "学前教育、德育", "a, b".
_LABEL_LIST_SEPARATORS = r"[|｜、，,；;／/]"


def typed_label(name: str, labels: Sequence[str]) -> str:
    """A label as a person types it in a sheet, as its id: "学前教育", "Preschool",
    "Moral Education" or "ｐｒｅｓｃｈｏｏｌ" is the label it names, "其它" "other"; a name of
    no label stays as it is (and is refused with a "did you mean" where it is checked)."""
    key = _bare_key(_VARIANTS.get(name.strip(), name))
    for label in labels:
        if key in (_bare_key(label), _bare_key(topic_name(label))):
            return label
    return name


def _bare_key(name: str) -> str:
    """:func:`label_key` without the marks that part words: "moral_education",
    "Moral Education" and "moral-education" are one."""
    return re.sub(r"[_\-]", "", label_key(name))


#: Names people write for a label besides its id and its Chinese name.
_VARIANTS = {"其它": "其他"}


def _label_first(label: object, listed: list, guessed: bool) -> list:
    """A sheet's list of labels with its primary label first, nothing dropped. In the CSV
    ``tag`` writes (``guessed``), the labels are the model's: where the analyst corrected
    the label, they are guesses the correction overrules, and the label stands alone."""
    if not listed or listed[0] == label:
        return listed
    if guessed:
        return [label]
    return [label, *(name for name in listed if name != label)]


def _table_rows(
    rows: Iterable[tuple[str, dict | DataError]], labels: tuple[str, ...], typed: bool = False
) -> Iterator[tuple[str, Record | DataError]]:
    """Records of a table's rows. A sheet's rows (``typed``) are read as people type them:
    labels by their Chinese names or in capitals, lists of labels parted by 、 or ，,
    and the label cell deciding the primary label."""
    for where, row in rows:
        if isinstance(row, DataError):
            yield where, row
            continue
        text, label, extra = (
            value.strip() if isinstance(value, str) else value
            for value in (row.get("text"), row.get("label"), row.get("labels"))
        )
        if label is None or label == "":
            yield where, _NoLabel(f"{where}: no label given", _is_filled(row.get("suggested")))
            continue
        if isinstance(extra, str):
            separators = _LABEL_LIST_SEPARATORS if typed else r"\|"
            extra = [part.strip() for part in re.split(separators, extra) if part.strip()]
        if typed and isinstance(label, str):
            label = typed_label(label, labels)
            extra = _label_first(label, [
                typed_label(name, labels) if isinstance(name, str) else name
                for name in extra or ()
            ], guessed="confidence" in row)
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
