"""Pictures: the shipped CJK font, a report's plot and the stacked chart of many reports."""


import pytest
from conftest import REPO, REPORT

import edusummary
from edusummary.reports import charts as plotting

matplotlib = pytest.importorskip("matplotlib")
matplotlib.use("Agg")
pd = pytest.importorskip("pandas")
import matplotlib.pyplot as plt  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


@pytest.fixture
def no_cjk_font(monkeypatch, tmp_path):
    """A machine where neither the shipped font nor a system CJK font can be found."""
    monkeypatch.setattr(plotting, "shipped_font_path", lambda: tmp_path / "gone.otf")
    monkeypatch.setattr(plotting, "SYSTEM_CJK_FONTS", ())
    plotting.cjk_font.cache_clear()
    yield
    plotting.cjk_font.cache_clear()


def test_the_shipped_font_has_the_glyphs_plots_need():
    path = plotting.shipped_font_path()
    assert path.is_file()
    charmap = plotting._charmap(path)
    needed = "".join(edusummary.LABEL_NAMES.values()) + "学前三年毛入园率巩固率投入资金万元所个"
    needed += "篇幅占比（按字数，%）括号内为段落数0123456789.%()"
    needed += "清水县河西区东岭县教育局工作总结要点汇报"
    assert not {c for c in needed if ord(c) not in charmap}
    assert plotting.cjk_font()[0] == str(path)
    assert (path.parent / "OFL.txt").is_file()  # the licence travels with the font


def test_report_plot_draws_chinese_topic_names_and_saves_a_png(tmp_path):
    out = tmp_path / "report.png"
    ax = edusummary.tag(REPORT).plot(path=out)
    assert out.read_bytes().startswith(PNG) and out.stat().st_size > 10_000
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == list(edusummary.LABEL_NAMES.values())
    assert ax.get_title() == "关于全县教育工作的情况汇报"
    font = ax.get_yticklabels()[0].get_fontproperties().get_file()
    assert font == str(plotting.shipped_font_path())


def test_report_plot_draws_on_a_given_axes():
    _, ax = plt.subplots()
    assert edusummary.tag(REPORT).plot(ax=ax) is ax


def test_plot_summary_stacks_the_shares_of_each_report(tmp_path):
    frame = edusummary.summarize(REPO / "examples")
    out = tmp_path / "summary.png"
    ax = edusummary.plot_summary(frame, path=out)
    assert out.read_bytes().startswith(PNG) and out.stat().st_size > 10_000
    reports = frame["report"].unique().tolist()
    assert [t.get_text() for t in ax.get_yticklabels()] == reports
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert legend == list(edusummary.LABEL_NAMES.values())
    # Each report's segments end at 100%.
    ends = {}
    for patch in ax.patches:
        y = round(patch.get_y(), 3)
        ends[y] = max(ends.get(y, 0), patch.get_x() + patch.get_width())
    assert all(end == pytest.approx(100) for end in ends.values())
    svg = tmp_path / "summary.svg"
    edusummary.plot_summary(frame, path=svg, label="region")
    assert "<svg" in svg.read_text(encoding="utf-8")


def test_two_reports_of_one_name_are_two_bars(tmp_path):
    # Keyed by name, they were one bar of 200%, clipped at 100%, and the other was gone.
    for folder in ("一中", "二中"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "工作总结.txt").write_text(REPORT, encoding="utf-8")
    frame = edusummary.summarize([tmp_path / "一中", tmp_path / "二中"])
    ax = edusummary.plot_summary(frame)
    assert [t.get_text() for t in ax.get_yticklabels()] == ["工作总结.txt", "工作总结.txt (2)"]
    ends = {}
    for patch in ax.patches:
        y = round(patch.get_y(), 3)
        ends[y] = ends.get(y, 0) + patch.get_width()
    assert len(ends) == 2 and all(end == pytest.approx(100) for end in ends.values())


def test_a_chart_of_too_many_reports_to_read_says_so(monkeypatch):
    monkeypatch.setattr(plotting, "MAX_READABLE_BARS", 2)
    frame = pd.DataFrame(
        {"report": [f"r{i}" for i in range(3)], "topic": ["other"] * 3, "share": [1.0] * 3}
    )
    # 588 reports drew a chart 44,000 pixels tall, and matplotlib's layout gave up.
    with pytest.warns(edusummary.EdusummaryWarning, match="3 reports make a chart"):
        edusummary.plot_summary(frame)
    plt.close("all")


def test_plot_summary_checks_its_frame():
    with pytest.raises(TypeError, match="DataFrame"):
        edusummary.plot_summary([{"report": "a"}])
    with pytest.raises(ValueError, match=r"lacks \['share'\]"):
        edusummary.plot_summary(pd.DataFrame({"report": ["a"], "topic": ["other"]}))
    with pytest.raises(ValueError, match="empty"):
        edusummary.plot_summary(pd.DataFrame(columns=["report", "topic", "share"]))


def test_without_a_cjk_font_plots_warn_and_fall_back_to_ids(no_cjk_font, tmp_path):
    with pytest.warns(edusummary.EdusummaryWarning, match="no font with Chinese characters"):
        ax = edusummary.tag(REPORT).plot(path=tmp_path / "plain.png")
    assert [t.get_text() for t in ax.get_yticklabels()] == list(edusummary.LABELS)
    assert all(t.get_text().isascii() for t in [ax.title, ax.xaxis.label])
    frame = edusummary.summarize(REPO / "examples" / "qingshui_2023_summary.txt")
    ax = edusummary.plot_summary(frame, label="title")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["qingshui_2023_summary.txt"]


def test_bars_named_by_year_are_in_year_order_and_a_plan_is_told_from_a_summary():
    def report(title: str) -> edusummary.Report:
        return edusummary.tag(
            f"{title}\n全县新建公办幼儿园3所，新增学位900个，学前教育普及普惠水平稳步提高。\n"
        )

    frame = edusummary.summarize(
        [report("清水县教育局2024年工作总结"), report("清水县教育局2022年工作总结"),
         report("清水县教育局2024年工作要点"), report("清水县教育局2023年工作总结")],
        progress=False,
    )
    ax = edusummary.plot_summary(frame, label="year")
    top_down = [t.get_text() for t in ax.get_yticklabels()]
    assert top_down == ["2022", "2023", "2024 总结汇报", "2024 规划计划"]
    # A report of no year (pandas' <NA>) goes last, named by its report: it had raised.
    frame = edusummary.summarize(
        [report("教育工作总结"), report("清水县教育局2023年工作总结")], progress=False
    )
    ax = edusummary.plot_summary(frame, label="year")
    assert [t.get_text() for t in ax.get_yticklabels()] == ["2023", "教育工作总结"]
