"""The formula guard of spreadsheet cells, written once for the writers and the readers.

A text cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is run
as a formula when a CSV file is opened in Excel or LibreOffice (CSV injection), so the
writers prefix it with ``'``, as OWASP recommends, and the sheet readers take that ``'``
off again.
"""

from __future__ import annotations

#: A text cell starting with one of these is neutralised (OWASP's list).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def guard(text: str) -> str:
    """``text`` with a leading ``'`` when a spreadsheet would run it as a formula.

    >>> guard("=SUM(A1)"), guard("全县新建幼儿园三所")
    ("'=SUM(A1)", '全县新建幼儿园三所')
    """
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def unguard(value: object) -> object:
    """Undo :func:`guard`: ``'=A1`` becomes ``=A1``.

    Only a ``'`` followed by one of the guarded characters is removed, so that a sheet
    written by ``edusummary suggest`` and filled in reads back as the paragraphs were.
    """
    if isinstance(value, str) and value.startswith("'") and value[1:2] in FORMULA_PREFIXES:
        return value[1:]
    return value
