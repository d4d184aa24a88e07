"""What every spreadsheet cell the package writes goes through: readable file names and
no formulas.

A report's text, a heading or a file name that starts with ``=``, ``+``, ``-``, ``@``, a
tab or a carriage return is run as a formula when a CSV file is opened in Excel or
LibreOffice (CSV injection), so :func:`spreadsheet_cell` prefixes it with ``'``, as OWASP
recommends. A file unzipped from a Chinese Windows archive has a name in GBK bytes, which
Python hands over with surrogate escapes that cannot be written as UTF-8;
:func:`display_path` turns it back into the characters it was meant to be.
"""

from __future__ import annotations

import errno
import io
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .._chinese import display_path
from .._formulas import FORMULA_PREFIXES, guard

__all__ = [
    "FORMULA_PREFIXES", "display_path", "spreadsheet_cell", "workbook_cell", "write_table"
]

#: Characters an .xlsx cell cannot hold, as XML 1.0 forbids them: the control characters
#: other than tab, line feed and carriage return (a DOS end-of-file mark, an escape).
_NOT_IN_WORKBOOKS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
#: What separates the items of a list in a cell (preschool|other).
LIST_SEPARATOR = "|"
#: The most characters an Excel cell holds.
EXCEL_CELL_CHARACTERS = 32_767


def spreadsheet_cell(value: object, formula_guard: bool = True) -> object:
    """A value as it goes into a CSV or Excel cell.

    Text is made writable (:func:`display_path`) and, with ``formula_guard``, text starting
    with one of :data:`FORMULA_PREFIXES` gets a leading ``'`` so that no spreadsheet runs
    it. A list or tuple of text (a paragraph's labels, its flags) is joined with ``|``, as
    ``edusummary tag`` writes them and ``train --add`` reads them. Numbers and anything
    else are returned unchanged.

    Parameters
    ----------
    value : object
    formula_guard : bool, default=True

    Returns
    -------
    object
    """
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        value = LIST_SEPARATOR.join(value)
    if not isinstance(value, str):
        return value
    value = display_path(value)
    return guard(value) if formula_guard else value


def workbook_cell(value: object) -> object:
    """A cell value as an .xlsx workbook can hold it: text without the control characters
    XML forbids, and cut to :data:`EXCEL_CELL_CHARACTERS` (ending in "…"); anything else
    unchanged."""
    if not isinstance(value, str):
        return value
    value = _NOT_IN_WORKBOOKS.sub("", value)
    if len(value) > EXCEL_CELL_CHARACTERS:
        value = value[: EXCEL_CELL_CHARACTERS - 1] + "…"
    return value


def make_folder_of(path: Path) -> None:
    """Create the folder ``path`` is to be written in, if need be.

    Raises
    ------
    NotADirectoryError
        A file stands where the folder should be; it names ``path``, the file the user
        gave (mkdir would name the file in the way, as one that exists).
    """
    if path.parent.exists() and not path.parent.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))
    path.parent.mkdir(parents=True, exist_ok=True)


@contextmanager
def written_whole(path: Path) -> Iterator[Path]:
    """A temporary file beside ``path`` to write, which takes the place of ``path`` only
    once written whole: a write that fails half-way leaves no file that looks complete
    (and an earlier ``path`` as it was). The folder is created if need be."""
    make_folder_of(path)
    partial = path.with_name(f".{path.stem}.partial{path.suffix}")
    try:
        yield partial
        os.replace(partial, path)
    finally:
        partial.unlink(missing_ok=True)


def write_table(
    frame, path: str | os.PathLike[str], formula_guard: bool = True, sheet_name: str = "Sheet1"
) -> Path:
    """Write a pandas DataFrame as ``.csv`` (UTF-8 with BOM, so Excel sees the Chinese)
    or ``.xlsx``, every text cell through :func:`spreadsheet_cell`.

    In ``.xlsx`` text is always stored as text, never as a formula, even with
    ``formula_guard=False``, and as a workbook can hold it (:func:`workbook_cell`). The file
    appears only once written whole, its folder created if need be.

    Parameters
    ----------
    frame : pandas.DataFrame
    path : path
        Ending in ``.csv`` or ``.xlsx``.
    formula_guard : bool, default=True
    sheet_name : str, default="Sheet1"
        The worksheet's name in ``.xlsx``.

    Returns
    -------
    Path
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(f"path must end in .csv or .xlsx; got {path}")
    cell = spreadsheet_cell if suffix == ".csv" else (
        lambda v, guarded: workbook_cell(spreadsheet_cell(v, guarded))
    )
    frame = frame.copy()
    for column in frame.select_dtypes(include=["object", "string"]).columns:
        frame[column] = frame[column].map(lambda v: cell(v, formula_guard))
    with written_whole(path) as partial:
        if suffix == ".csv":
            frame.to_csv(partial, index=False, encoding="utf-8-sig")
        else:
            _write_excel(frame, partial, sheet_name)
    return path


def _write_excel(frame, path: Path, sheet_name: str) -> None:
    import pandas as pd

    # Built in memory, then written in one go: a zip file that fails to write (a full disk)
    # fails again when it is collected, with a traceback after the error.
    buffer = io.BytesIO()
    with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet_name)
        for row in writer.sheets[sheet_name].iter_rows():
            for cell in row:
                # openpyxl takes any string starting with "=" for a formula; these are data.
                if cell.data_type == "f":
                    cell.data_type = "s"
    path.write_bytes(buffer.getvalue())
