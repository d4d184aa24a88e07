"""Active learning: which paragraphs an annotator should label next.

:func:`suggest` tags reports and picks the paragraphs the model is least sure about (the
smallest margin between its two most likely labels), skipping near-copies of paragraphs
already picked, so that every row of the sheet teaches the model something new. The sheet
(:func:`write_sheet`) has an empty ``label`` column for the annotator; ``edusummary train
--add SHEET.csv`` reads it back.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable
from pathlib import Path

from ..model.validation import NEAR_DUPLICATE_JACCARD, shingles
from ..reports.report import Report
from ..reports.tagging import Tagger, resolve_tagger
from .cells import spreadsheet_cell
from .running import tag_many

SHEET_FIELDS = ["text", "label", "suggested", "confidence", "margin", "source", "index"]


def suggest(
    reports: Iterable[Report | str | os.PathLike[str]],
    n: int = 100,
    tagger: Tagger | None = None,
    similarity: float = NEAR_DUPLICATE_JACCARD,
) -> list[dict]:
    """The ``n`` paragraphs most worth labelling.

    Parameters
    ----------
    reports : iterable of Report or path
        Tagged reports, or report files (tagged here).
    n : int, default=100
    tagger : Tagger, optional
        Defaults to :data:`edusummary.default_tagger`.
    similarity : float, default=0.5
        A paragraph whose character 5-grams overlap a picked one's by this Jaccard
        similarity or more is a near-copy and is skipped.

    Returns
    -------
    list of dict
        Rows with the columns of :data:`SHEET_FIELDS`, least sure first; ``label`` is
        empty, ``suggested`` is the model's guess.
    """
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a positive int, got {n!r}")
    tagger = resolve_tagger(tagger)
    reports = list(reports)
    paths = [r for r in reports if not isinstance(r, Report)]
    tagged = [r for r in reports if isinstance(r, Report)]
    if paths:
        tagged += tag_many(paths, n_jobs=1, tagger=tagger)
    candidates = []
    for report in tagged:
        for paragraph in report.paragraphs:
            first, second = sorted(paragraph.scores.values(), reverse=True)[:2]
            candidates.append((first - second, report.source, paragraph))
    candidates.sort(key=lambda c: c[0])
    picked: list[dict] = []
    picked_grams: list[set[str]] = []
    for margin, source, paragraph in candidates:
        grams = shingles(paragraph.text)
        if any(_jaccard(grams, other) >= similarity for other in picked_grams):
            continue
        picked_grams.append(grams)
        picked.append(
            {
                "text": paragraph.text,
                "label": "",
                "suggested": paragraph.label,
                "confidence": round(paragraph.confidence, 4),
                "margin": round(margin, 4),
                "source": source,
                "index": paragraph.index,
            }
        )
        if len(picked) == n:
            break
    return picked


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def write_sheet(
    rows: list[dict], path: str | os.PathLike[str], formula_guard: bool = True
) -> Path:
    """Write suggested rows as a CSV sheet (UTF-8 with BOM, so Excel shows the Chinese).

    Parameters
    ----------
    rows : list of dict
        As :func:`suggest` returns them.
    path : path
    formula_guard : bool, default=True
        Prefix text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
        with ``'`` so that no spreadsheet runs it as a formula (see
        :func:`~edusummary.batch.cells.spreadsheet_cell`); False writes text unchanged.
        File names are made readable either way.

    Returns
    -------
    Path
    """
    path = Path(path)
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=SHEET_FIELDS)
        writer.writeheader()
        for row in rows:
            writer.writerow({k: spreadsheet_cell(v, formula_guard) for k, v in row.items()})
    return path
