"""Many reports summarised into one pandas DataFrame, one row per report and topic."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace

from .._optional import require
from ..reports.report import Report
from ..reports.summary import summarize_report, summary_frame
from ..reports.tagging import Tagger, resolve_tagger
from .cells import display_path
from .files import find_reports
from .running import tag_many


def summarize(
    reports: str | os.PathLike[str] | Report | Iterable[str | os.PathLike[str] | Report],
    *,
    tagger: Tagger | None = None,
    n_jobs: int = 1,
    errors: str = "warn",
    progress: bool = True,
):
    """Summarise many reports into one pandas DataFrame, one row per report and topic.

    Parameters
    ----------
    reports : path, Report, or an iterable of them
        Report files, folders of them (searched like ``edusummary tag`` does, not
        recursively), or reports already tagged.
    tagger : Tagger, optional
        Tags the files; defaults to :data:`edusummary.default_tagger`.
    n_jobs : int, default=1
        Worker processes for tagging files; -1 for one per core.
    errors : {"warn", "raise"}, default="warn"
        What to do with a file that cannot be tagged: warn (``EdusummaryWarning``), leave
        it out and list it in ``df.attrs["errors"]``, or raise.
    progress : bool, default=True
        Show a progress bar while files are tagged (on a terminal or in Jupyter only; see
        :func:`edusummary.tag_many`).

    Returns
    -------
    pandas.DataFrame
        Rows in the order the reports were given (files in folder order), topics in the
        model's order. Columns, see :data:`COLUMNS`:

        - ``report`` (str): file name, else title, else "report N";
        - ``source``, ``title``, ``region`` (str or None), ``year`` (Int64, may be <NA>);
        - ``topic``, ``topic_name`` (str);
        - ``paragraphs``, ``characters``, ``low_confidence``, ``review``, ``figures``,
          ``placeholders`` (int);
        - ``share`` (float, 0-1), ``mean_confidence`` (float, NaN without paragraphs);
        - ``key_figures``, ``key_sentences`` (str);
        - one float column per :data:`KEY_FIGURES` entry: ``毛入园率(%)``,
          ``普惠覆盖率(%)``, ``巩固率(%)``, ``新建幼儿园(所)``, ``新增学位(个)``,
          ``投入资金(万元)`` (NaN when the topic states no such figure).

        Write it with :func:`edusummary.batch.cells.write_table` (``.csv`` or ``.xlsx``),
        which keeps spreadsheets from running text that starts with ``=`` as a formula.

        ``df.attrs["errors"]`` lists the files left out, as ``{"path", "error"}`` dicts in
        the order they failed (empty when none failed).

    Raises
    ------
    MissingDependencyError
        pandas is not installed (``pip install edusummary[notebook]``).
    """
    require("pandas", "summarize()")
    if errors not in ("warn", "raise"):
        raise ValueError(f"errors must be 'warn' or 'raise', got {errors!r}")
    if isinstance(reports, (str, os.PathLike, Report)):
        reports = [reports]
    items = list(reports)
    for position, item in enumerate(items):
        if not isinstance(item, (str, os.PathLike, Report)):
            raise TypeError(
                f"reports[{position}] must be a path or a Report, got {type(item).__name__}"
            )
    tagger = resolve_tagger(tagger)
    slots: list[str | Report] = []  # the reports and files, in the order given
    for item in items:
        slots.extend([item] if isinstance(item, Report) else find_reports([item]))
    paths = [slot for slot in slots if isinstance(slot, str)]
    # All files in one run, so that worker processes share the work.
    failures: list[dict] = []
    tagged = {
        report.source: report
        for report in tag_many(
            paths, n_jobs=n_jobs, tagger=tagger, errors=errors, failures=failures,
            progress=progress,
        )
    }
    rows = []
    for number, slot in enumerate(slots, 1):
        report = slot if isinstance(slot, Report) else tagged.get(slot)
        if report is None:
            continue  # could not be tagged; tag_many has said why
        if report.source:
            # pandas cannot hold a file name with undecodable bytes (see display_path).
            report = replace(report, source=display_path(report.source))
        summary = summarize_report(report, report.model or tagger.model)
        if not summary.source and not summary.title:
            summary.name = f"report {number}"
        rows.extend(summary.rows)
    frame = summary_frame(rows)
    frame.attrs["errors"] = [
        {"path": display_path(failure["path"]), "error": failure["error"]}
        for failure in failures
    ]
    return frame
