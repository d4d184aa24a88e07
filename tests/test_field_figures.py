"""Field cases for figures: long runs of numerals, and results kept apart from targets,
changes and baselines."""

import signal

import pytest

from edusummary import Figure, extract_figures
from edusummary.reports.figures import MAX_SENTENCE_CHARS
from edusummary.reports.summary import key_figure_columns, key_figure_value
from edusummary.topics import KEY_FIGURES


@pytest.fixture
def two_seconds():
    """Fail, rather than hang, when the code under test runs past two seconds."""

    def expire(signum, frame):
        raise TimeoutError("took more than 2 s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(2)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("一二三四五六七八九十" * 20_000, 0),  # 200,000 numerals, no unit
        ("五" * 200_000, 0),
        ("一二三四五六七八九十所" * 18_000, 0),  # ten numerals are no number
        ("一二三四五六七八九十，" * 20_000, 0),
        ("全年投入资金" + "分别达到" * 30_000 + "学校3所", 1),  # words that split in two
        ("截至年底" + "的" * 100_000 + "学校3所", 1),
        ("新建幼儿园3所，" * 25_000, 25_000),
    ],
    ids=["numerals", "one-numeral", "numerals-unit", "numerals-commas", "trailing-words",
         "fillers", "many-figures"],
)
def test_long_runs_take_linear_time(two_seconds, text, count):
    assert len(extract_figures(text)) == count


def test_a_run_on_sentence_is_read_in_bounded_pieces():
    text = "新建幼儿园3所，" * 200  # 1,600 characters, no sentence end
    figures = extract_figures(text)
    assert len(figures) == 200
    assert all(len(f.sentence) <= MAX_SENTENCE_CHARS for f in figures)
    assert {f.indicator for f in figures} == {"新建幼儿园"}


# (sentence, indicator, value, kind) of each figure the sentence states, in order.
KINDS = [
    ("力争到2025年学前三年毛入园率达到97%。", [("学前三年毛入园率", 97, "target")]),
    ("目前学前三年毛入园率为93.6%。", [("学前三年毛入园率", 93.6, "result")]),
    ("学前三年毛入园率较上年提高2.1个百分点。", [("学前三年毛入园率较上年提高", 2.1, "change")]),
    ("全县教育经费支出8.6亿元，同比增长5.2%。",
     [("教育经费支出", 8.6, "result"), ("教育经费支出同比增长", 5.2, "change")]),
    ("全县计划投入资金1200万元，实际投入1350万元。",
     [("投入资金", 1200, "target"), ("投入资金", 1350, "result")]),
    ("上年全县毛入园率为90.2%，今年达到93.1%。",
     [("毛入园率", 90.2, "baseline"), ("毛入园率", 93.1, "result")]),
    ("原有公办幼儿园12所。", [("原有公办幼儿园", 12, "baseline")]),
    ("预计全年新增学位1800个。", [("新增学位", 1800, "target")]),
    ("确保义务教育巩固率达到99%以上。", [("义务教育巩固率", 99, "target")]),
    ("到2025年新建公办幼儿园6所。", [("新建公办幼儿园", 6, "target")]),
    ("截至2023年底，已建成公办幼儿园6所。", [("建成公办幼儿园", 6, "result")]),
    ("全县现有幼儿园120所。", [("幼儿园", 120, "result")]),
    ("今年将新增学位2400个。", [("新增学位", 2400, "target")]),
    ("实施学前教育行动计划，入园率达到95%。", [("入园率", 95, "result")]),  # a plan's name
    ("将学前教育纳入考核，入园率达到95%。", [("入园率", 95, "result")]),  # 将 as 把
    ("普惠性幼儿园覆盖率为88%，目标是到2025年达到92%。",
     [("普惠性幼儿园覆盖率", 88, "result"), ("普惠性幼儿园覆盖率", 92, "target")]),
    # Indicator names are whole phrases or empty, never a word cut in two.
    ("项目总投资在3000万元至5000万元之间。",
     [("项目总投资", 3000, "result"), ("项目总投资", 5000, "result")]),
    ("2023年完成国家学前教育普及普惠县创建工作的15项指标。", [("", 15, "result")]),
]


@pytest.mark.parametrize(("sentence", "expected"), KINDS, ids=[s for s, _ in KINDS])
def test_results_targets_changes_and_baselines_are_told_apart(sentence, expected):
    figures = extract_figures(sentence)
    assert [(f.indicator, f.value, f.kind) for f in figures] == [
        (name, pytest.approx(value), kind) for name, value, kind in expected
    ]


def test_change_attribute_follows_kind():
    value, change = extract_figures("巩固率达到99%，较上年提高0.5个百分点。")
    assert (value.change, change.change) == (False, True)
    assert Figure("入园率", 95.0, "%", "").kind == "result"


def test_key_column_takes_the_result_and_the_target_column_the_target():
    figures = extract_figures(
        "力争到2025年学前三年毛入园率达到97%。目前学前三年毛入园率为93.6%，"
        "较上年提高2.1个百分点。"
    )
    columns = key_figure_columns(figures)
    assert columns["毛入园率(%)"] == pytest.approx(93.6)
    assert columns["毛入园率目标(%)"] == pytest.approx(97)
    (key,) = [k for k in KEY_FIGURES if k.column == "毛入园率(%)"]
    only_aims = extract_figures("力争学前三年毛入园率达到97%，同比增长3%。")
    assert key_figure_value(key, only_aims) is None
