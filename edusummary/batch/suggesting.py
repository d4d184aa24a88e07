"""Active learning: which paragraphs an annotator should label next.

:func:`suggest` tags reports and picks the paragraphs the model is least sure about (the
smallest margin between its two most likely labels), skipping headings, lines too short
to label and near-copies of paragraphs already picked, so that every row of the sheet
teaches the model something new. The sheet (:func:`write_sheet`, CSV or an Excel workbook
with a drop-down of the labels) has an empty ``label`` column for the annotator;
``edusummary train --add SHEET`` reads it back.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import warnings
from collections.abc import Iterable, Sequence
from pathlib import Path

from .._chinese import han_count
from .._english import counted
from .._optional import require
from .._stopping import interrupts_held
from ..errors import EdusummaryWarning
from ..model.records import dedup_key, row_hash
from ..model.validation import NEAR_DUPLICATE_JACCARD, shingles
from ..reports.report import Report
from ..reports.tagging import Tagger, resolve_tagger
from ..topics import LABELS, MIN_HAN_CHARS
from .cells import spreadsheet_cell, workbook_cell, written_whole
from .files import as_inputs
from .running import tag_many

SHEET_FIELDS = [
    "text", "label", "suggested", "confidence", "terms", "margin", "source", "index",
]
#: Terms per row in the ``terms`` column.
TERMS_SHOWN = 5


def format_terms(terms: Iterable[tuple[str, float]]) -> str:
    """``(term, weight)`` pairs as a person reads them: ``"入园+0.42  幼儿-0.10"``."""
    return "  ".join(f"{term}{weight:+.2f}" for term, weight in terms)


def suggest(
    reports: Report | str | os.PathLike[str] | Iterable[Report | str | os.PathLike[str]],
    n: int = 100,
    tagger: Tagger | None = None,
    similarity: float = NEAR_DUPLICATE_JACCARD,
    exclude: Iterable[str] = (),
) -> list[dict]:
    """The ``n`` paragraphs most worth labelling.

    Paragraphs the tagger's model was trained on (by the short hashes of its training
    texts in ``model.metadata["training_data"]["row_hashes"]``, as :func:`~edusummary.evaluate`
    tells them) are left out, with an :class:`~edusummary.errors.EdusummaryWarning` saying
    how many: labelled once, they teach the model nothing new.

    Parameters
    ----------
    reports : path, Report, or an iterable of them
        Tagged reports, or report files and folders of them (tagged here, as
        :func:`~edusummary.tag_many` finds them).
    n : int, default=100
    tagger : Tagger, optional
        Defaults to :data:`edusummary.default_tagger`.
    similarity : float, default=0.5
        A paragraph whose character 5-grams overlap a picked one's by this Jaccard
        similarity or more is a near-copy and is skipped.
    exclude : iterable of str
        Texts not to suggest, such as those of sheets already given to label (see
        :func:`~edusummary.model.records.sample_texts`); whitespace and traditional or
        simplified characters do not matter.

    Returns
    -------
    list of dict
        Rows with the columns of :data:`SHEET_FIELDS`, least sure first; ``label`` is
        empty, ``suggested`` is the model's guess, ``confidence`` its probability and
        ``terms`` the :data:`TERMS_SHOWN` terms that moved its score most (see
        :meth:`~edusummary.Model.explain`). Paragraphs under
        :data:`~edusummary.topics.MIN_HAN_CHARS` Chinese characters (headings, captions)
        are never suggested: they are not labelled.
    """
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a positive int, got {n!r}")
    tagger = resolve_tagger(tagger)
    reports = list(as_inputs(reports, (str, os.PathLike, Report), "reports"))
    paths = [r for r in reports if not isinstance(r, Report)]
    tagged = [r for r in reports if isinstance(r, Report)]
    if paths:
        tagged += tag_many(paths, n_jobs=1, tagger=tagger)
    trained = set(tagger.model.metadata.get("training_data", {}).get("row_hashes", ()))
    excluded = {dedup_key(text) for text in exclude}
    left_out = {"trained": 0, "excluded": 0}
    candidates = []
    for report in tagged:
        for paragraph in report.paragraphs:
            if han_count(paragraph.text) < MIN_HAN_CHARS:
                continue
            if row_hash(paragraph.text) in trained:
                left_out["trained"] += 1
                continue
            if dedup_key(paragraph.text) in excluded:
                left_out["excluded"] += 1
                continue
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
                "terms": format_terms(
                    tagger.model.explain(paragraph.text, top=TERMS_SHOWN)[paragraph.label]
                ),
                "margin": round(margin, 4),
                "source": source,
                "index": paragraph.index,
            }
        )
        if len(picked) == n:
            break
    if any(left_out.values()):
        said = []
        if left_out["trained"]:
            said.append(f"{counted(left_out['trained'], 'paragraph')} the model was trained on")
        if left_out["excluded"]:
            said.append(f"{counted(left_out['excluded'], 'paragraph')} among those to exclude")
        warnings.warn(f"left out {' and '.join(said)}", EdusummaryWarning, stacklevel=2)
    return picked


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 1.0


def write_sheet(
    rows: list[dict],
    path: str | os.PathLike[str],
    formula_guard: bool = True,
    labels: Sequence[str] | None = None,
) -> Path:
    """Write suggested rows as a sheet to fill in: CSV or an Excel workbook.

    A ``.csv`` file is UTF-8 with a byte order mark, so that Excel shows the Chinese. An
    ``.xlsx`` workbook holds the rows on its first sheet, text as text (never a formula),
    and its ``label`` column offers the valid labels in a drop-down.

    Parameters
    ----------
    rows : list of dict
        As :func:`suggest` returns them.
    path : path
        Ending in ``.csv`` or ``.xlsx``.
    formula_guard : bool, default=True
        Prefix text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
        with ``'`` so that no spreadsheet runs it as a formula (see
        :func:`~edusummary.batch.cells.spreadsheet_cell`); False writes text unchanged.
        File names are made readable either way. Reading the sheet back
        (:func:`~edusummary.load_samples`) removes the ``'``.
    labels : sequence of str, optional
        The labels of the drop-down (the model's); the five of ``LABELS.md`` by default.

    Returns
    -------
    Path

    Raises
    ------
    ValueError
        ``path`` ends in neither ``.csv`` nor ``.xlsx``.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(f"the sheet must end in .csv or .xlsx; got {path}")
    cells = [[spreadsheet_cell(row.get(k), formula_guard) for k in SHEET_FIELDS] for row in rows]
    if suffix == ".xlsx":
        cells = [[workbook_cell(value) for value in values] for values in cells]
        with written_whole(path) as partial:
            _write_workbook(cells, partial, tuple(labels) if labels is not None else LABELS)
        return path
    # A CSV has no room for it: the digest lies beside, hidden, so that a folder of sheets
    # given to train --add does not read it. Both are written, and take the old ones'
    # places, with Ctrl-C held back: stopped between the two, the old sheet, untouched, was
    # taken for one changed since, and suggest would not write over it again.
    with (
        interrupts_held(),
        written_whole(path) as partial,
        written_whole(_digest_path(path)) as digest,
    ):
        with open(partial, "w", encoding="utf-8-sig", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(SHEET_FIELDS)
            writer.writerows(cells)
        digest.write_text(_digest({"": [SHEET_FIELDS, *cells]}) + "\n", encoding="utf-8")
    return path


#: What an .xlsx sheet from :func:`write_sheet` keeps, in its identifier property, before
#: the digest of its cells.
_DIGEST_MARK = "edusummary suggest sha256:"


def unchanged_sheet(path: str | os.PathLike[str]) -> bool:
    """Whether ``path`` holds a sheet exactly as :func:`write_sheet` wrote it: every cell of
    every sheet of it, in the rows and columns it wrote (a workbook saved again unchanged
    is), nothing added; False for one changed since, or one it did not write.

    What an analyst adds to a sheet to label is work to keep: a label, but also a note in
    a column of her own or a ``suggested`` corrected where it stands.
    """
    path = Path(path)
    try:
        if path.suffix.lower() == ".csv":
            recorded = _digest_path(path).read_text(encoding="utf-8").strip()
            with open(path, encoding="utf-8-sig", newline="") as handle:
                return recorded == _digest({"": list(csv.reader(handle))})
        openpyxl = require("openpyxl", "an .xlsx sheet")
        book = openpyxl.load_workbook(path, read_only=True)
        try:
            recorded = book.properties.identifier or ""
            return recorded == _DIGEST_MARK + _book_digest(book)
        finally:
            book.close()
    except Exception:  # unreadable, no digest, not a sheet: not one to write over
        return False


def _digest_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.suggest-sha256")


def _digest(sheets: dict[str, list[list]]) -> str:
    """A SHA-256 of the cells of ``sheets`` (title: rows), as they read back: an empty
    cell and a missing one alike, numbers as text."""
    shape = {}
    for title, rows in sheets.items():
        values = [["" if value is None else str(value) for value in row] for row in rows]
        for row in values:
            while row and not row[-1]:
                row.pop()
        while values and not values[-1]:
            values.pop()
        shape[title] = values
    return hashlib.sha256(json.dumps(shape, ensure_ascii=False).encode("utf-8")).hexdigest()


def _book_digest(book) -> str:
    return _digest(
        {sheet.title: [list(row) for row in sheet.iter_rows(values_only=True)]
         for sheet in book.worksheets}
    )


#: Column widths of the workbook, in characters.
_WIDTHS = {"text": 80, "label": 18, "suggested": 18, "terms": 40}


def _write_workbook(cells: list[list], path: Path, labels: tuple[str, ...]) -> None:
    openpyxl = require("openpyxl", "an .xlsx sheet")
    from openpyxl.styles import Alignment
    from openpyxl.utils import quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "to label"
    sheet.append(SHEET_FIELDS)
    for values in cells:
        sheet.append(values)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            # openpyxl takes any string starting with "=" for a formula; these are data.
            if cell.data_type == "f":
                cell.data_type = "s"
        row[0].alignment = Alignment(wrap_text=True, vertical="top")
    # The drop-down lists the labels from a hidden sheet: an inline list is capped at 255
    # characters, which a model with labels of its own can exceed.
    choices = book.create_sheet("labels")
    for label in labels:
        choices.append([label])
    choices.sheet_state = "hidden"
    column = openpyxl.utils.get_column_letter(SHEET_FIELDS.index("label") + 1)
    validation = DataValidation(
        type="list",
        # A range, as Excel writes it: no leading "=" (with one, Excel calls the file damaged).
        formula1=f"{quote_sheetname(choices.title)}!$A$1:$A${len(labels)}",
        allow_blank=True,
        showErrorMessage=True,
        # A warning, not a stop: an analyst types labels of their own (train --label).
        errorStyle="warning",
        errorTitle="Not one of the model's labels",
        error=f"The model's labels: {', '.join(labels)}. Keep yours if it is a topic of "
        "your own, and declare it when you train (--label).",
    )
    validation.add(f"{column}2:{column}{max(len(cells), 1) + 1}")
    sheet.add_data_validation(validation)
    for name, width in _WIDTHS.items():
        letter = openpyxl.utils.get_column_letter(SHEET_FIELDS.index(name) + 1)
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    book.properties.identifier = _DIGEST_MARK + _book_digest(book)
    book.save(path)
