"""The year-over-year panel of key figures, by region."""

from __future__ import annotations

import math
import warnings

import pytest

import edusummary

pytest.importorskip("pandas")


def report(region: str, year: int, rate: float, target: float) -> edusummary.Report:
    return edusummary.tag(
        f"{region}教育局{year}年工作总结\n"
        f"一、学前教育\n"
        f"全县新建公办幼儿园三所，学前三年毛入园率达到{rate}%，普惠性幼儿园覆盖面进一步扩大，"
        f"幼儿教师配备逐步到位。\n"
        f"力争到{year + 2}年学前三年毛入园率达到{target}%，基本实现学前教育普及普惠。\n"
        f"二、德育工作\n"
        f"深入开展爱国主义教育和文明礼仪养成教育，家长学校覆盖全部中小学，评选美德少年一百名。\n"
    )


def test_the_panel_lines_up_a_regions_figures_year_by_year():
    frame = edusummary.summarize(
        [
            report("清水县", 2023, 93.6, 97),
            report("清水县", 2022, 91.2, 95),
            report("河西区", 2023, 88.5, 92),
        ],
        progress=False,
    )
    panel = edusummary.indicator_panel(frame)
    assert list(panel.index) == [("河西区", 2023), ("清水县", 2022), ("清水县", 2023)]
    assert panel.loc[("清水县", 2022), "毛入园率(%)"] == pytest.approx(91.2)
    assert panel.loc[("清水县", 2023), "毛入园率(%)"] == pytest.approx(93.6)
    # A summary's aim (力争到2025年…) is for a year after its own: no 2023 target.
    assert math.isnan(panel.loc[("清水县", 2023), "毛入园率目标(%)"])
    assert math.isnan(panel.loc[("河西区", 2023), "巩固率(%)"])


def test_the_panel_names_what_it_lacks():
    import pandas as pd

    with pytest.raises(ValueError, match="region"):
        edusummary.indicator_panel(pd.DataFrame({"year": [2023]}))
    with pytest.raises(TypeError, match="DataFrame"):
        edusummary.indicator_panel([{"region": "清水县"}])


def test_reports_of_one_region_and_year_that_disagree_are_said():
    frame = edusummary.summarize(
        [report("清水县", 2023, 93.6, 97), report("清水县", 2023, 95.1, 97)], progress=False
    )
    # The first stands, as before, but no longer quietly.
    message = r"disagree on 1 figure;.*清水县 2023 毛入园率\(%\): 2 values"
    with pytest.warns(edusummary.EdusummaryWarning, match=message):
        panel = edusummary.indicator_panel(frame)
    assert panel.loc[("清水县", 2023), "毛入园率(%)"] == pytest.approx(93.6)


def test_reports_stating_figures_without_a_region_are_left_out_and_said():
    untitled = edusummary.tag(
        "一、学前教育\n全县新建公办幼儿园三所，学前三年毛入园率达到92.4%，普惠性幼儿园覆盖面"
        "进一步扩大，幼儿教师配备逐步到位。\n"
    )
    frame = edusummary.summarize([report("清水县", 2023, 93.6, 97), untitled], progress=False)
    message = "indicator_panel: 1 report stating key figures without a region or a year left out"
    with pytest.warns(edusummary.EdusummaryWarning, match=message):
        panel = edusummary.indicator_panel(frame)
    assert list(panel.index) == [("清水县", 2023)]


def test_a_summary_read_back_from_csv_keeps_whole_years(tmp_path):
    # One report without a year makes pandas read the column as float: groups and the
    # panel read 2023.0, unlike the same frame in memory or from Parquet.
    import warnings

    import pandas as pd

    untitled = edusummary.tag(
        "一、学前教育\n全县新建公办幼儿园两所，学前三年毛入园率达到90.1%，普惠性幼儿园覆盖面"
        "逐年扩大，幼儿教师培训全部完成。\n"
    )
    frame = edusummary.summarize(
        [report("清水县", 2023, 93.6, 97), report("清水县", 2022, 91.2, 95), untitled],
        progress=False,
    )
    frame.to_csv(tmp_path / "summary.csv", index=False)
    back = pd.read_csv(tmp_path / "summary.csv")
    assert back["year"].dtype == float  # as pandas reads it
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", edusummary.EdusummaryWarning)  # the report left out
        compared = edusummary.compare_shares(back, by="year")
        panel = edusummary.indicator_panel(back)
    assert [str(year) for year in compared[["group", "versus"]].iloc[0]] == ["2023", "2022"]
    assert [str(year) for _, year in panel.index] == ["2022", "2023"]


def test_two_topics_of_one_report_stating_a_figure_are_no_disagreement_of_reports():
    text = (
        "清水县2023年教育工作总结\n"
        "一、学前教育\n全县新建公办幼儿园3所，新增学位1860个，学前三年毛入园率达到93.6%。\n"
        "二、义务教育\n新建、扩建中小学4所，新增学位2700个，消除大班额，"
        "九年义务教育巩固率达到99.1%。\n"
    )
    frame = edusummary.summarize([edusummary.tag(text)], progress=False)
    message = "the topics of one report state 1 figure differently"
    with pytest.warns(edusummary.EdusummaryWarning, match=message):
        edusummary.indicator_panel(frame)


def test_a_years_targets_are_its_plans_and_its_results_its_reports():
    # A summary's aims are for the year after it, and a plan's "results" are its aims: in a
    # year's row the plan's targets had stood beside the summary's aims for the next year.
    summary = edusummary.tag(
        "清水县教育局2024年工作总结\n"
        "　　全县新建公办幼儿园3所，学前三年毛入园率达到93.6%，幼儿教师配备逐步到位。\n"
        "　　力争2025年学前三年毛入园率达到95%，新建公办幼儿园2所。\n"
    )
    plan = edusummary.tag(
        "清水县教育局2024年工作要点\n"
        "　　新建公办幼儿园3所，学前三年毛入园率达到94%，普惠性幼儿园覆盖率达到90%。\n"
    )
    for reports in ([summary, plan], [plan, summary]):
        frame = edusummary.summarize(reports, progress=False)
        # Nor do the summary's aims disagree with the plan: they are none of the panel's.
        with warnings.catch_warnings():
            warnings.simplefilter("error", edusummary.EdusummaryWarning)
            panel = edusummary.indicator_panel(frame)
        row = panel.loc[("清水县", 2024)]
        assert (row["毛入园率(%)"], row["毛入园率目标(%)"]) == (93.6, 94.0)
        assert row["新建幼儿园目标(所)"] == 3
