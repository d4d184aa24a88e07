"""Many reports summarised into one pandas DataFrame, one row per report and topic."""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import warnings
from collections.abc import Iterable

import numpy as np

from .._chinese import display_path
from .._english import counted
from .._optional import require
from ..errors import EdusummaryWarning
from ..model.classifier import Model
from ..reading import each_once, repeats_note
from ..reports.report import Report
from ..reports.summary import (
    KEY_COLUMNS,
    Z95,
    Summary,
    summarize_report,
    summary_frame,
    target_column,
)
from ..reports.tagging import Tagger, resolve_tagger
from ..topics import KEY_FIGURES
from .files import as_inputs, find_reports
from .running import given_reports, tag_outcomes


def summarize(
    reports: str | os.PathLike[str] | Report | Iterable[str | os.PathLike[str] | Report],
    *,
    tagger: Tagger | None = None,
    n_jobs: int = 1,
    errors: str = "warn",
    progress: bool = True,
    recursive: bool = False,
):
    """Summarise many reports into one pandas DataFrame, one row per report and topic.

    Parameters
    ----------
    reports : path, Report, or an iterable of them
        Report files, folders of them (searched like ``edusummary tag`` does, their
        sub-folders too with ``recursive``), or reports already tagged.
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
    recursive : bool, default=False
        Search folders' sub-folders too (``edusummary summarize -r``).

    Returns
    -------
    pandas.DataFrame
        Rows in the order the reports were given (files in folder order), topics in the
        model's order. Columns, see :data:`COLUMNS`:

        - ``report`` (str): file name, else title, else "report N";
        - ``source``, ``title``, ``region`` (str or None), ``year`` (Int64, may be <NA>):
          a web copy's site name or breadcrumb trail is never the title, a placeholder
          (XX县, ××市, 某县) never the region, a note of posting (发布时间：…) never gives the year;
        - ``topic``, ``topic_name`` (str);
        - ``paragraphs``, ``characters``, ``low_confidence``, ``review``, ``figures``,
          ``placeholders`` (int);
        - ``share`` (float, 0-1: estimated from the calibrated probabilities, see
          :func:`~edusummary.reports.summary.estimate_shares`), ``share_low`` and
          ``share_high`` (its 95% interval), ``share_counted`` (the plain count of primary
          labels), ``mean_confidence`` (float, NaN without paragraphs);
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
    items = list(as_inputs(reports, (str, os.PathLike, Report), "reports"))
    tagger = resolve_tagger(tagger)
    slots: list[str | Report] = []  # the reports and files, in the order given
    repeated: list[str] = []
    given: set[str] = set()
    for item in items:
        # A file given twice (or as itself and in its folder) would weigh twice in every
        # comparison of the frame's reports.
        slots.extend(
            [item] if isinstance(item, Report)
            else each_once(find_reports([item], recursive), repeated, given)
        )
    paths = [slot for slot in slots if isinstance(slot, str)]
    if repeated:
        warnings.warn(
            repeats_note(repeated, "summarised"),
            EdusummaryWarning,
            stacklevel=2,
        )
    # All files in one run, so that worker processes share the work. Each report is
    # summarised where it was tagged and dropped: only its summary is kept, and the bar
    # moves as each file is done, its summary too.
    failures: list[dict] = []
    summarised = {
        outcome.path: outcome.encoded
        for outcome in tag_outcomes(
            paths, n_jobs=n_jobs, client=None, tagger=tagger, errors=errors,
            failures=failures, progress=progress, pool=None, recursive=False,
            encode=_pickled_summary, total=len(paths), desc="summarising",
        )
    }
    rows = []
    texts: dict[str, list[str]] = {}  # a digest of a report's text: the reports holding it
    for number, slot in enumerate(slots, 1):
        if isinstance(slot, Report):
            summary, text = _summarised(slot, slot.model or tagger.model)
        elif slot in summarised:
            summary, text = pickle.loads(summarised.pop(slot))
        else:
            continue  # could not be tagged; tag_outcomes has said why
        if not summary.source and not summary.title and not getattr(slot, "name", None):
            summary.name = f"report {number}"
        rows.extend(summary.rows)
        if text is not None:
            texts.setdefault(text, []).append(summary.name)
    _say_copies([names for names in texts.values() if len(names) > 1])
    frame = summary_frame(rows)
    frame.attrs["errors"] = [
        {"path": display_path(failure["path"]), "error": failure["error"]}
        for failure in failures
    ]
    return frame


@given_reports
def _pickled_summary(report: Report) -> bytes:
    """:func:`_summarised`, as the bytes of a pickle, which are one block of memory.

    Kept as objects, each summary's few hundred small ones, made between one report's
    and the next, held on to memory the reports had freed: a run of 400 reports of
    100 KB peaked at 563 MB in one process, against 303 MB so."""
    return pickle.dumps(_summarised(report))


def _summarised(report: Report, model: Model | None = None) -> tuple[Summary, str | None]:
    """The report's summary, and a digest of its text (None without paragraphs) by which
    copies of one report are told."""
    summary = summarize_report(report, model)
    if not report.paragraphs:
        return summary, None
    # Short lines too: two monthly briefs may share their paragraphs and differ in the
    # figures listed on lines of their own.
    whole = [s.text for s in sorted([*report.paragraphs, *report.headings], key=lambda s: s.start)]
    return summary, hashlib.sha256(json.dumps(whole, ensure_ascii=False).encode()).hexdigest()


def _say_copies(copies: list[list[str]]) -> None:
    """Warn of reports whose paragraphs are another's, word for word: one report saved
    twice (as .txt and .docx, or a copy named （修订稿）) weighs twice in every comparison."""
    if not copies:
        return
    extra = sum(len(names) - 1 for names in copies)
    warnings.warn(
        f"summarize: {counted(extra, 'report')} {'holds' if extra == 1 else 'hold'} the same "
        f"paragraphs as another (e.g. {' = '.join(copies[0][:3])}): each copy weighs in "
        "every comparison of the frame; leave the copies out",
        EdusummaryWarning,
        stacklevel=3,
    )


#: The columns of :func:`compare_shares`'s DataFrame.
COMPARISON_COLUMNS = (
    "topic", "topic_name", "group", "versus", "reports", "versus_reports", "share",
    "versus_share", "difference", "low", "high", "significant",
)


def compare_shares(frame, by: str = "year", topic: str | None = None):
    """How much the share of each topic differs between groups of reports, with a 95%
    interval.

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`summarize`: needs ``topic``, ``share``, ``share_low``, ``share_high``,
        ``report`` and the ``by`` column.
    by : {"year", "region"}, default="year"
        Years are compared each with the year before it among those present (2022 with
        2021, 2023 with 2022 …); regions each with the first region of the frame. Reports
        without a year (or region), and reports with no paragraph (their shares are
        empty), are left out, with an ``EdusummaryWarning`` saying how many; so is a frame
        of one group, which leaves nothing to compare.
    topic : str, optional
        Only this topic; by default every topic of the frame.

    Returns
    -------
    pandas.DataFrame
        One row per topic and group, with the columns of :data:`COMPARISON_COLUMNS`:
        ``group`` and ``versus`` the two groups, their numbers of reports, ``share`` and
        ``versus_share`` the mean share of their reports, ``difference`` = ``share`` -
        ``versus_share`` with its 95% interval ``low`` to ``high``, and ``significant``,
        True when the interval leaves out 0.

    Notes
    -----
    Each report's share is read as normal with standard error
    ``(share_high - share_low) / (2 * 1.96)``. A group's mean share has the variance
    ``max(sum(se_i**2) / n**2, s**2 / n)``: the per-report errors combined, or, when larger,
    the spread ``s`` of its ``n`` reports' shares around their mean (which holds the
    per-report errors as well as the reports' real differences). The two groups are
    independent, so the difference has the sum of their variances.
    """
    pd = require("pandas", "compare_shares()")
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"compare_shares() expects a DataFrame, got {type(frame).__name__}")
    if by not in ("year", "region"):
        raise ValueError(f"by must be 'year' or 'region', got {by!r}")
    needed = {"report", "topic", "share", "share_low", "share_high", by}
    missing = sorted(needed - set(frame.columns))
    if missing:
        raise ValueError(
            f"compare_shares() needs the columns {sorted(needed)} of edusummary.summarize(); "
            f"the frame lacks {missing}"
        )
    if topic is not None and topic not in set(frame["topic"]):
        raise ValueError(
            f"no topic {topic!r} in the frame; its topics are {list(dict.fromkeys(frame['topic']))}"
        )
    frame = _whole_years(frame)
    rows = frame[frame[by].notna() & frame["share"].notna()]
    _say_left_out("compare_shares", frame, frame[by].isna(), f"without a {by}")
    _say_left_out(
        "compare_shares", frame, frame["share"].isna() & frame[by].notna(), "with no paragraph"
    )
    if topic is not None:
        rows = rows[rows["topic"] == topic]
    groups = list(dict.fromkeys(rows[by]))
    if len(groups) < 2:
        warnings.warn(
            f"compare_shares(by={by!r}): {len(groups)} {by} among the reports; there is "
            "nothing to compare",
            EdusummaryWarning,
            stacklevel=2,
        )
    if by == "year":
        groups = sorted(groups)
        pairs = list(zip(groups[1:], groups[:-1], strict=True))
    else:
        pairs = [(group, groups[0]) for group in groups[1:]]
    names = dict(zip(frame["topic"], frame.get("topic_name", frame["topic"]), strict=True))
    out = []
    for label in dict.fromkeys(rows["topic"]):
        of_topic = rows[rows["topic"] == label]
        means = {group: _group_mean(of_topic[of_topic[by] == group]) for group in groups}
        for group, versus in pairs:
            (share, variance, n), (base, base_variance, base_n) = means[group], means[versus]
            difference = share - base
            half = Z95 * float(np.sqrt(variance + base_variance))
            out.append({
                "topic": label, "topic_name": names.get(label, label), "group": group,
                "versus": versus, "reports": n, "versus_reports": base_n, "share": share,
                "versus_share": base, "difference": difference, "low": difference - half,
                "high": difference + half, "significant": bool(abs(difference) > half),
            })
    return pd.DataFrame(out, columns=list(COMPARISON_COLUMNS))


def _say_left_out(caller: str, frame, left_out, why: str) -> None:
    """Warn of the reports ``left_out`` (a row mask) of ``caller``'s table, and why."""
    # Counted by file: two files may share a name.
    key = "source" if "source" in frame and frame["source"].notna().all() else "report"
    reports = frame.loc[left_out, key].nunique()
    if reports:
        warnings.warn(
            f"{caller}: {counted(reports, 'report')} {why} left out",
            EdusummaryWarning,
            stacklevel=3,
        )


def _whole_years(frame):
    """``frame`` with a float ``year`` column of whole numbers made Int64 again.

    A summary saved to CSV and read back has float years once one report has none, and its
    groups and panel would read 2023.0.
    """
    import pandas as pd

    years = frame.get("year")
    if years is None or not pd.api.types.is_float_dtype(years):
        return frame
    known = years.dropna()
    if not (known == known.round()).all():
        return frame
    return frame.assign(year=years.astype("Int64"))


def _group_mean(rows) -> tuple[float, float, int]:
    """The mean share of a group's reports, its variance and the number of reports."""
    shares = rows["share"].to_numpy(dtype=float)
    errors = (rows["share_high"].to_numpy(dtype=float) - rows["share_low"].to_numpy(dtype=float))
    errors = errors / (2 * Z95)
    n = len(shares)
    variance = float((errors**2).sum()) / n**2
    if n > 1:
        variance = max(variance, float(shares.var(ddof=1)) / n)
    return float(shares.mean()), variance, n


def indicator_panel(frame):
    """The key figures of each region, year by year: the panel an analyst compares.

    Parameters
    ----------
    frame : pandas.DataFrame
        From :func:`summarize`: needs ``region``, ``year`` and the key-figure columns
        (``毛入园率(%)`` …, results and their ``目标`` targets).

    Returns
    -------
    pandas.DataFrame
        Indexed by (``region``, ``year``), sorted, one column per key figure: the figure
        the region's reports of that year state (the first report and topic that states it,
        in the frame's order, a result from a report that is no plan and a target from a
        plan first; a summary's aims, which are for the years after it, none); NaN where
        none does.
        Reports without a region or a year are left out, with a warning when they state a
        key figure. The rows of one region, one after the other, are its year-over-year
        series.

    Warns
    -----
    EdusummaryWarning
        Reports of one region and year state a figure differently, or reports that state
        a key figure have no region or no year.
    """
    pd = require("pandas", "indicator_panel()")
    if not isinstance(frame, pd.DataFrame):
        raise TypeError(f"indicator_panel() expects a DataFrame, got {type(frame).__name__}")
    missing = {"region", "year", *KEY_COLUMNS} - set(frame.columns)
    if missing:
        raise ValueError(
            f"indicator_panel() needs the columns {sorted(missing)} of edusummary.summarize()"
        )
    frame = _whole_years(frame)
    unplaced = frame["region"].isna() | frame["year"].isna()
    _say_left_out(
        "indicator_panel", frame, unplaced & frame[list(KEY_COLUMNS)].notna().any(axis=1),
        "stating key figures without a region or a year",
    )
    known = frame[~unplaced]
    # A year's targets are its plan's (a summary's aims are for the year after it), and its
    # results its reports', not its plan's: each kind is read first where it belongs.
    planned = (
        known["document_kind"].eq("plan") if "document_kind" in known
        else pd.Series(False, index=known.index)
    )
    # A summary's aims are for the years after it: none is its own year's target.
    aiming = (
        known["document_kind"].ne("summary").to_numpy() if "document_kind" in known
        else np.ones(len(known), dtype=bool)
    )
    plans = planned.to_numpy()
    targets = [column for column in KEY_COLUMNS if column in _TARGET_COLUMNS]
    results = [column for column in KEY_COLUMNS if column not in _TARGET_COLUMNS]
    reached = _first_stated(known.iloc[np.argsort(plans, kind="stable")], results)
    aimed = known[aiming].iloc[np.argsort(~plans[aiming], kind="stable")]
    panel = pd.concat(
        [reached, _first_stated(aimed, targets).reindex(reached.index)], axis=1
    )[list(KEY_COLUMNS)]
    # Only what the panel may show can disagree: a summary's aims are none of its figures.
    _say_disagreements(known.assign(**{c: known[c].where(aiming) for c in targets}), panel)
    return panel.astype(float)


_TARGET_COLUMNS = frozenset(target_column(key) for key in KEY_FIGURES)


def _first_stated(frame, columns: list[str]):
    """Each region and year's first value of each of ``columns``, in ``frame``'s order."""
    return frame.groupby(["region", "year"], sort=True)[columns].first()


def _say_disagreements(known, panel) -> None:
    """Warn of the figures that reports of one region and year, or the topics of one
    report, state differently from the value ``panel`` shows."""
    stated = known.groupby(["region", "year"], sort=True)[list(KEY_COLUMNS)].nunique().stack()
    stated = stated[stated > 1]
    if not len(stated):
        return
    # Counted by file: two files may share a title.
    key = "source" if "source" in known and known["source"].notna().all() else "report"
    within, between, example = 0, 0, None
    for (region, year, column), count in stated.items():
        rows = known[(known["region"] == region) & (known["year"] == year)]
        values = rows.dropna(subset=[column]).drop_duplicates(subset=[column])
        # Two topics of one report (新增学位 of kindergartens and of schools) are no
        # disagreement between reports.
        one_report = values[key].nunique() == 1 and values["topic"].is_unique
        within += one_report
        between += not one_report
        if example is None:
            where = ", ".join(
                f"{value:g} in {report} ({topic})"
                for value, report, topic in values[[column, "report", "topic"]].to_numpy()[:3]
            )
            example = (
                f"{region} {year} {column}: {count} values, {panel.at[(region, year), column]:g}"
                f" shown; {where}"
            )
    said = []
    if between:
        said.append(f"reports of one region and year disagree on {counted(between, 'figure')}")
    if within:
        said.append(f"the topics of one report state {counted(within, 'figure')} differently")
    warnings.warn(
        f"indicator_panel: {' and '.join(said)}; a plan's target and another report's result "
        f"are shown first, else the first in the frame's order (e.g. {example})",
        EdusummaryWarning,
        stacklevel=3,
    )
