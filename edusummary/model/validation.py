"""Checking a labelled corpus before training on it.

:func:`validate` reads JSONL records and reports every problem it finds, with file and line:
malformed records (schema, unknown labels, primary label not first), paragraphs too short to
label, repeated ids, exact and near duplicates, and text copied from reference reports that
must stay out of the training data.

Near duplicates: two paragraphs whose sets of character 5-grams (after NFKC, with figures and
placeholders folded and whitespace removed) have a Jaccard similarity of at least 0.5, i.e.
at least half of the 5-grams either uses are shared by both. Rewording a template (changing
place names and figures) does not get under that bar; two paragraphs on the same subject
written independently share far less.
"""

from __future__ import annotations

import itertools
import json
import os
import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from .._chinese import HAN, han_count
from .._english import counted
from ..errors import DataError
from ..text.tokenizing import normalize
from ..topics import LABELS, MIN_HAN_CHARS
from .records import Record, iter_records

NEAR_DUPLICATE_JACCARD = 0.5
SHINGLE = 5
#: A run of this many Chinese characters found in a reference report counts as a copy
#: (the rule of the project's leak check).
COPY_WINDOW = 16
_HAN_RUN = re.compile(f"[{HAN}]+")


@dataclass
class Validation:
    """What :func:`validate` found.

    Attributes
    ----------
    records : list of (str, Record)
        Every well-formed record with its location (``file:line``).
    problems : list of str
        One message per problem, starting with its location.
    """

    records: list[tuple[str, Record]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def counts(self) -> dict[str, Counter]:
        """Records per label, per style, per ``other`` kind and per source batch."""
        records = [r for _, r in self.records]
        return {
            "label": Counter(r.label for r in records),
            "style": Counter(r.extra.get("style", "-") for r in records),
            "kind": Counter(
                r.extra["kind"] for r in records if r.label == "other" and "kind" in r.extra
            ),
            "source": Counter(r.source or "-" for r in records),
        }

    def summary(self) -> str:
        """Counts and length statistics as readable text."""
        records = [r for _, r in self.records]
        lengths = [len(r.text) for r in records] or [0]
        lines = [
            f"{counted(len(records), 'record')}, {counted(len(self.problems), 'problem')}",
            f"length in characters: median {statistics.median(lengths):.0f}, "
            f"over 200: {sum(n > 200 for n in lengths) / len(lengths):.0%}, "
            f"under 60: {sum(n < 60 for n in lengths) / len(lengths):.0%}, "
            f"min {min(lengths)}, max {max(lengths)}",
            f"with a secondary label: {sum(len(r.labels) > 1 for r in records)}",
        ]
        for name, counter in self.counts().items():
            ordered = sorted(counter.items(), key=lambda item: (-item[1], item[0]))
            lines.append(f"per {name}: " + ", ".join(f"{k} {v}" for k, v in ordered))
        return "\n".join(lines)


def shingles(text: str) -> set[str]:
    """The character 5-grams of a text (NFKC, figures folded, no whitespace)."""
    text = re.sub(r"\s+", "", normalize(text))
    return {text[i : i + SHINGLE] for i in range(max(len(text) - SHINGLE + 1, 1))}


def near_duplicates(
    texts: list[str], threshold: float = NEAR_DUPLICATE_JACCARD
) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, similarity)`` with ``i < j`` whose 5-gram Jaccard reaches ``threshold``.

    Parameters
    ----------
    texts : list of str
    threshold : float

    Returns
    -------
    list of (int, int, float)
        Sorted by ``i``, then ``j``.
    """
    (matrix,) = _shingle_matrices(texts)
    return _similar_pairs(matrix, matrix, threshold, above_diagonal=True)


def near_duplicates_across(
    texts: list[str], others: list[str], threshold: float = NEAR_DUPLICATE_JACCARD
) -> list[tuple[int, int, float]]:
    """Pairs ``(i, j, similarity)`` of ``texts[i]`` and ``others[j]`` whose 5-gram Jaccard
    reaches ``threshold``; pairs within ``texts`` or within ``others`` are not compared.

    Parameters
    ----------
    texts, others : list of str
    threshold : float

    Returns
    -------
    list of (int, int, float)
        Sorted by ``i``, then ``j``.
    """
    matrix, other = _shingle_matrices(texts, others)
    return _similar_pairs(matrix, other, threshold, above_diagonal=False)


#: Pairs compared at once: the overlap counts of a block of rows against every column are
#: held in memory (some 60 MB at most), where all pairs of 20,000 near-alike rows took 7 GB.
_BLOCK_PAIRS = 1 << 20


def _shingle_matrices(*groups: list[str]) -> list:
    """One 0/1 sparse matrix of 5-grams (rows: texts) per group, over a shared vocabulary."""
    import scipy.sparse as sp

    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    texts = [text for group in groups for text in group]
    for i, text in enumerate(texts):
        for gram in shingles(text):
            rows.append(i)
            cols.append(vocabulary.setdefault(gram, len(vocabulary)))
    matrix = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(texts), len(vocabulary))
    )
    bounds = np.cumsum([0, *map(len, groups)])
    return [matrix[start:end] for start, end in itertools.pairwise(bounds)]


def _similar_pairs(left, right, threshold: float, above_diagonal: bool) -> list:
    """The pairs of a row of ``left`` and a row of ``right`` whose Jaccard reaches
    ``threshold`` (with a column above the row's only, when the two are one matrix),
    compared a block of rows at a time."""
    left_sizes = np.asarray(left.sum(axis=1)).ravel()
    right_sizes = np.asarray(right.sum(axis=1)).ravel()
    columns = right.T.tocsr()
    step = max(1, _BLOCK_PAIRS // max(right.shape[0], 1))
    found = []
    for start in range(0, left.shape[0], step):
        shared = (left[start : start + step] @ columns).tocoo()
        rows = shared.row + start
        if above_diagonal:
            upper = shared.col > rows
            rows, cols, data = rows[upper], shared.col[upper], shared.data[upper]
        else:
            cols, data = shared.col, shared.data
        union = left_sizes[rows] + right_sizes[cols] - data
        similarity = data / np.maximum(union, 1)
        keep = similarity >= threshold
        found.extend(
            zip(rows[keep].tolist(), cols[keep].tolist(), similarity[keep].tolist(), strict=True)
        )
    return sorted(found)


def reference_windows(reference: Path) -> set[str]:
    """All 16-character Chinese runs of the texts under ``reference``: ``*.txt`` files and
    the ``text`` of ``*.jsonl`` records."""
    windows: set[str] = set()
    texts = [p.read_text(encoding="utf-8") for p in sorted(reference.rglob("*.txt"))]
    for path in sorted(reference.rglob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line).get("text", ""))
    for text in texts:
        for run in _HAN_RUN.findall(text):
            windows.update(run[i : i + COPY_WINDOW] for i in range(len(run) - COPY_WINDOW + 1))
    return windows


def validate(
    paths: str | os.PathLike[str] | Iterable[str | os.PathLike[str]],
    labels: Iterable[str] = LABELS,
    reference: str | os.PathLike[str] | None = None,
) -> Validation:
    """Check labelled JSONL records.

    Parameters
    ----------
    paths : path or iterable of paths
        JSONL files or folders of them.
    labels : iterable of str
        Allowed label ids.
    reference : path, optional
        A folder of texts that must not be copied (the real reports kept for evaluation).

    Returns
    -------
    Validation
    """
    result = Validation()
    ids: dict[str, str] = {}
    for where, record in iter_records(paths, labels):
        if isinstance(record, DataError):
            result.problems.append(str(record))
            continue
        if han_count(record.text) < MIN_HAN_CHARS:
            result.problems.append(
                f"{where}: only {han_count(record.text)} Chinese characters "
                f"(paragraphs under {MIN_HAN_CHARS} are not labelled)"
            )
        if record.id is not None:
            if record.id in ids:
                result.problems.append(
                    f"{where}: id {record.id!r} already used at {ids[record.id]}"
                )
            ids.setdefault(record.id, where)
        result.records.append((where, record))

    texts = [record.text for _, record in result.records]
    for i, j, similarity in near_duplicates(texts):
        if similarity < 1.0:
            kind = f"near duplicate ({similarity:.2f})"
        elif texts[i] == texts[j]:
            kind = "exact duplicate"
        else:  # the 5-grams fold figures and blanks
            kind = "duplicate but for its figures or blanks"
        result.problems.append(f"{result.records[j][0]}: {kind} of {result.records[i][0]}")

    if reference is not None:
        windows = reference_windows(Path(reference))
        for where, record in result.records:
            for run in _HAN_RUN.findall(record.text):
                copied = next(
                    (run[i : i + COPY_WINDOW] for i in range(len(run) - COPY_WINDOW + 1)
                     if run[i : i + COPY_WINDOW] in windows),
                    None,
                )
                if copied:
                    result.problems.append(f"{where}: copies reference text: {copied}")
                    break
    return result
