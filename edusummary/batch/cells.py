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

import os
from pathlib import Path

from .._chinese import display_path
from .._formulas import FORMULA_PREFIXES, guard

__all__ = ["FORMULA_PREFIXES", "display_path", "spreadsheet_cell", "write_table"]


def spreadsheet_cell(value: object, formula_guard: bool = True) -> object:
    """A value as it goes into a CSV or Excel cell.

    Text is made writable (:func:`display_path`) and, with ``formula_guard``, text starting
    with one of :data:`FORMULA_PREFIXES` gets a leading ``'`` so that no spreadsheet runs
    it. Numbers and anything else that is not a ``str`` are returned unchanged.

    Parameters
    ----------
    value : object
    formula_guard : bool, default=True

    Returns
    -------
    object
    """
    if not isinstance(value, str):
        return value
    value = display_path(value)
    return guard(value) if formula_guard else value


def write_table(
    frame, path: str | os.PathLike[str], formula_guard: bool = True, sheet_name: str = "Sheet1"
) -> Path:
    """Write a pandas DataFrame as ``.csv`` (UTF-8 with BOM, so Excel sees the Chinese)
    or ``.xlsx``, every text cell through :func:`spreadsheet_cell`.

    In ``.xlsx`` text is always stored as text, never as a formula, even with
    ``formula_guard=False``.

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
    frame = frame.copy()
    for column in frame.select_dtypes(include=["object", "string"]).columns:
        frame[column] = frame[column].map(lambda v: spreadsheet_cell(v, formula_guard))
    if suffix == ".csv":
        frame.to_csv(path, index=False, encoding="utf-8-sig")
        return path
    import pandas as pd

    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        frame.to_excel(writer, index=False, sheet_name=sheet_name)
        for row in writer.sheets[sheet_name].iter_rows():
            for cell in row:
                # openpyxl takes any string starting with "=" for a formula; these are data.
                if cell.data_type == "f":
                    cell.data_type = "s"
    return path
