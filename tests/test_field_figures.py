"""Field cases for figures: long runs of numerals, and results kept apart from targets,
changes and baselines."""

import signal

import pytest

from edusummary import extract_figures
from edusummary.reports.figures import MAX_SENTENCE_CHARS


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
