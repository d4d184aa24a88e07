"""Topic shares as estimates: the probability-weighted share, its 95% interval, the plain
count beside it, comparisons between groups of reports, and files that failed."""

import warnings

import numpy as np
import pytest

import edusummary
from edusummary.reports.summary import COLUMNS, estimate_shares, model_errors

# Written for these tests: a county's reports of three years, each paragraph about one topic.
PRESCHOOL = (
    "全县新建公办幼儿园四所，学前三年毛入园率提高到百分之九十一，普惠性幼儿园覆盖率超过八成。",
    "开展幼儿园保教质量评估，推动各园落实一日生活常规，坚决纠正幼儿园小学化倾向。",
)
BALANCE = (
    "推进义务教育优质均衡发展，完成六所农村薄弱学校改造，城区学校大班额全部消除。",
    "落实控辍保学联控联保机制，逐人建立失学辍学台账，初中三年巩固率保持在百分之九十八以上。",
)
REFORM = (
    "深化课堂教学改革，以大单元教学和作业设计为抓手，全县举办课改观摩研讨活动五场。",
)
MORAL = (
    "坚持立德树人根本任务，开展理想信念教育和文明礼仪养成教育，加强学生心理健康辅导。",
)
OTHER = (
    "全面加强教育系统党风廉政建设，开展校园安全隐患排查整治，整改消防和食品安全隐患二十处。",
)


def report_text(year: int, preschool: int, balance: int) -> str:
    body = [*PRESCHOOL[:preschool], *BALANCE[:balance], *REFORM, *MORAL, *OTHER]
    return f"清水县教育局{year}年工作总结\n\n" + "\n\n".join(body)


@pytest.mark.parametrize(
    ("characters", "probabilities", "options", "share", "low", "high"),
    [
        # sure of every paragraph, no model error: the count, with no width
        ([100, 300], [[1, 0], [0, 1]], {}, [0.25, 0.75], [0.25, 0.75], [0.25, 0.75]),
        # ten paragraphs, each a coin toss: half, ± 1.96 * sqrt(10 * 0.25) / 10
        ([100] * 10, [[0.5, 0.5]] * 10, {}, [0.5, 0.5], [0.190, 0.190], [0.810, 0.810]),
        # the model's error rate widens even a sure share: ± 1.96 * sqrt(0.25 * 0.1 * s(1-s))
        ([100, 300], [[1, 0], [0, 1]], {"error_rate": 0.1},
         [0.25, 0.75], [0.116, 0.616], [0.384, 0.884]),
        # a model that calls a fifth of topic A "B" gives 0.8/0.2 on pure A text: adjusted
        ([100, 100], [[0.8, 0.2], [0.8, 0.2]], {"confusion": [[80, 20], [0, 100]]},
         [1.0, 0.0], None, None),
        # an empty report has no share
        ([], np.zeros((0, 3)), {"error_rate": 0.1}, [0, 0, 0], [0, 0, 0], [0, 0, 0]),
    ],
    ids=["sure", "coin-toss", "model-error", "confusion-adjusted", "empty"],
)
def test_estimate_shares(characters, probabilities, options, share, low, high):
    estimate, lower, upper = estimate_shares(characters, probabilities, **options)
    assert estimate == pytest.approx(share, abs=1e-3)
    if low is not None:
        assert lower == pytest.approx(low, abs=1e-3)
        assert upper == pytest.approx(high, abs=1e-3)
    assert np.all(lower <= estimate) and np.all(estimate <= upper)
    assert np.all(lower >= 0) and np.all(upper <= 1)


def test_estimate_shares_names_a_shape_that_does_not_fit():
    with pytest.raises(ValueError, match=r"one row per paragraph \(2\), got shape \(3, 2\)"):
        estimate_shares([10, 20], np.ones((3, 2)) / 2)


def test_a_summary_carries_the_estimate_its_interval_and_the_plain_count():
    report = edusummary.tag(report_text(2023, 2, 2))
    summary = report.summary()
    total = sum(len(p.text) for p in report)
    assert sum(t.share for t in summary.topics) == pytest.approx(1.0)
    # The shipped model records its mean cross-validated probabilities: the adjusted count.
    errors = model_errors(report.model, report.labels)
    assert "confusion" in errors
    expected, _, _ = estimate_shares(
        [len(p.text) for p in report],
        [[p.scores[label] for label in report.labels] for p in report],
        **errors,
    )
    for topic, share in zip(summary.topics, expected, strict=True):
        assert topic.share_low <= topic.share <= topic.share_high
        assert topic.share_high - topic.share_low > 0.01  # never a false certainty
        assert topic.share_counted == pytest.approx(topic.characters / total)
        assert topic.share == pytest.approx(share)
    row = summary.rows[0]
    assert {"share", "share_low", "share_high", "share_counted"} <= set(row) <= set(COLUMNS)
    assert "95% interval" in summary.to_text()


def test_a_passage_without_enough_chinese_gives_no_topic_a_share():
    # Its flat scores gave each of the four topics about a sixth of a report about none.
    figures = " ".join(f"{year} {90 + year % 7}.{year % 10}%" for year in range(2000, 2040))
    report = edusummary.tag(
        "加强校园安全管理，开展消防演练和食品安全检查，全年未发生重大安全责任事故。\n\n"
        f"{figures}\n\n"
        "全年教育经费总投入四点二亿元，其中县本级财政投入二点六亿元，较上年增长百分之八。"
    )
    assert "not_chinese" in report.paragraphs[1].flags
    shares = {t.topic: t.share for t in report.summary().topics}
    assert max(shares[label] for label in edusummary.LABELS if label != "other") < 0.05


def test_the_dataframe_holds_the_share_columns_as_floats():
    frame = edusummary.summarize(
        [edusummary.tag(report_text(2022, 1, 2)), edusummary.tag(report_text(2023, 2, 1))],
        progress=False,
    )
    for column in ("share", "share_low", "share_high", "share_counted"):
        assert frame[column].dtype == float
    assert (frame["share_low"] <= frame["share"]).all()
    assert (frame["share"] <= frame["share_high"]).all()
    assert frame.groupby("report")["share_counted"].sum().round(6).eq(1.0).all()


def _frame(rows):
    pd = pytest.importorskip("pandas")
    return pd.DataFrame(
        [
            {"report": f"r{i}", "year": year, "region": region, "topic": topic,
             "topic_name": topic, "share": share, "share_low": share - half,
             "share_high": share + half}
            for i, (year, region, topic, share, half) in enumerate(rows)
        ]
    )


# (year, region, topic, share, half-width of its 95% interval)
YEARS = [
    (2021, "清水县", "preschool", 0.10, 0.04), (2021, "河西区", "preschool", 0.12, 0.04),
    (2022, "清水县", "preschool", 0.30, 0.04), (2022, "河西区", "preschool", 0.32, 0.04),
    (2023, "清水县", "preschool", 0.31, 0.04), (2023, "河西区", "preschool", 0.29, 0.04),
    (2021, "清水县", "other", 0.50, 0.05), (2022, "清水县", "other", 0.50, 0.05),
    (2023, "清水县", "other", 0.40, 0.05),
]


@pytest.mark.parametrize(
    ("by", "topic", "expected"),
    [
        # (topic, group, versus, difference, significant)
        ("year", "preschool", [("preschool", 2022, 2021, 0.20, True),
                               ("preschool", 2023, 2022, -0.01, False)]),
        ("year", None, [("preschool", 2022, 2021, 0.20, True),
                        ("preschool", 2023, 2022, -0.01, False),
                        ("other", 2022, 2021, 0.0, False),
                        ("other", 2023, 2022, -0.10, True)]),
        ("region", "preschool", [("preschool", "河西区", "清水县", 0.0067, False)]),
    ],
    ids=["adjacent-years", "every-topic", "region-vs-first"],
)
def test_compare_shares(by, topic, expected):
    result = edusummary.compare_shares(_frame(YEARS), by=by, topic=topic)
    got = [
        (row.topic, row.group, row.versus, round(row.difference, 4), row.significant)
        for row in result.itertuples()
    ]
    assert got == [(t, g, v, pytest.approx(d), s) for t, g, v, d, s in expected]
    assert (result["low"] <= result["difference"]).all()
    assert (result["difference"] <= result["high"]).all()


def test_a_lone_report_per_group_is_compared_on_its_own_intervals():
    result = edusummary.compare_shares(_frame(YEARS[6:8]), by="year")
    # Two independent errors of 0.05 / 1.96 each: the difference's half-width is 0.05 * √2.
    assert result.loc[0, "high"] == pytest.approx(0.05 * np.sqrt(2))


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"by": "county"}, ValueError, "by must be 'year' or 'region', got 'county'"),
        ({"topic": "sports"}, ValueError, "no topic 'sports'"),
        ({"drop": "share_low"}, ValueError, r"lacks \['share_low'\]"),
        ({"frame": [1, 2]}, TypeError, "expects a DataFrame, got list"),
    ],
    ids=["bad-by", "unknown-topic", "missing-column", "not-a-frame"],
)
def test_compare_shares_refuses_what_it_cannot_compare(change, error, message):
    frame = _frame(YEARS)
    if "drop" in change:
        frame = frame.drop(columns=change.pop("drop"))
    frame = change.pop("frame", frame)
    with pytest.raises(error, match=message):
        edusummary.compare_shares(frame, **change)


def test_compare_shares_on_summarized_reports():
    frame = edusummary.summarize(
        [edusummary.tag(report_text(year, p, b)) for year, p, b in [(2022, 0, 2), (2023, 2, 0)]],
        progress=False,
    )
    result = edusummary.compare_shares(frame, by="year", topic="preschool")
    assert list(result["group"]) == [2023] and list(result["versus"]) == [2022]
    assert result.loc[0, "difference"] > 0.2 and bool(result.loc[0, "significant"])


def test_a_report_with_no_paragraph_has_no_share_and_is_left_out_of_comparisons():
    reports = [
        edusummary.tag(report_text(year, p, b)) for year, p, b in [(2022, 0, 2), (2023, 2, 0)]
    ]
    # Its title and headings alone: it had a share of 0 of every topic, which halved
    # 2023's mean share of preschool.
    with pytest.warns(edusummary.EdusummaryWarning, match="no paragraph to tag"):
        reports.append(edusummary.tag("清水县教育局2023年工作总结\n一、学前教育\n二、义务教育\n"))
    frame = edusummary.summarize(reports, progress=False)
    empty = frame.tail(len(edusummary.LABELS))
    assert empty[["share", "share_low", "share_high", "share_counted"]].isna().all().all()
    with pytest.warns(edusummary.EdusummaryWarning, match="1 report with no paragraph left out"):
        result = edusummary.compare_shares(frame, by="year", topic="preschool")
    assert list(result["reports"]) == [1]
    assert result.loc[0, "share"] > 0.3  # not halved by the empty report


def test_compare_shares_says_what_it_leaves_out_and_when_there_is_nothing_to_compare():
    frame = edusummary.summarize(
        [
            edusummary.tag(report_text(2023, 2, 1)),
            edusummary.tag("全县新建公办幼儿园四所，学前三年毛入园率提高到百分之九十一。"),
        ],
        progress=False,
    )
    with pytest.warns(edusummary.EdusummaryWarning) as caught:
        result = edusummary.compare_shares(frame, by="year")
    assert [str(w.message) for w in caught] == [
        "compare_shares: 1 report without a year left out",
        "compare_shares(by='year'): 1 year among the reports; there is nothing to compare",
    ]
    assert result.empty


def test_a_file_given_twice_is_summarised_once(tmp_path, monkeypatch, capsys):
    from edusummary.cli import main

    (tmp_path / "清水县2022.txt").write_text(report_text(2022, 1, 1), encoding="utf-8")
    (tmp_path / "清水县2023.txt").write_text(report_text(2023, 2, 1), encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    # As itself and in its folder: it weighed twice in every comparison.
    with pytest.warns(edusummary.EdusummaryWarning, match="1 file given more than once"):
        frame = edusummary.summarize(["清水县2022.txt", "."], progress=False)
    assert sorted(frame.groupby("source").size().items()) == [
        ("清水县2022.txt", 5), ("清水县2023.txt", 5)
    ]
    # The CLI counted the repeat as a file that could not be read, and exited 1.
    assert main(["summarize", "清水县2022.txt", "./清水县2022.txt", "-o", "s.csv"]) == 0
    assert "wrote s.csv: 5 rows, 1 report\n" in capsys.readouterr().err


def test_failed_files_are_listed_on_the_result(tmp_path):
    good = tmp_path / "清水县2023.txt"
    good.write_text(report_text(2023, 2, 2), encoding="utf-8")
    broken = tmp_path / "旧报告.doc"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    missing = tmp_path / "不存在.txt"
    with pytest.warns(edusummary.EdusummaryWarning, match=r"skipped .*(不存在\.txt|旧报告\.doc)"):
        frame = edusummary.summarize([good, broken, missing], progress=False)
    assert set(frame["report"]) == {good.name}
    errors = frame.attrs["errors"]
    assert sorted(e["path"] for e in errors) == sorted([str(broken), str(missing)])
    assert all(e["path"] in e["error"] for e in errors)

    failures = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", edusummary.EdusummaryWarning)
        reports = list(edusummary.tag_many([good, missing], n_jobs=1, failures=failures,
                                           progress=False))
    assert [r.source for r in reports] == [str(good)]
    assert [f["path"] for f in failures] == [str(missing)]

    with pytest.raises(edusummary.ReadError, match=r"不存在\.txt"):
        edusummary.summarize([good, missing], errors="raise", progress=False)


def test_no_file_failing_leaves_an_empty_error_list():
    frame = edusummary.summarize(edusummary.tag(report_text(2023, 1, 1)), progress=False)
    assert frame.attrs["errors"] == []


def test_training_records_what_share_estimates_are_adjusted_with(small_model):
    matrix = np.array(small_model.metadata["cross_validation"]["mean_probabilities"])
    n = len(small_model.labels)
    assert matrix.shape == (n, n)
    assert np.allclose(matrix.sum(axis=1), 1.0, atol=1e-3)


def test_a_model_trained_on_a_few_records_a_label_gives_shares_unadjusted(small_model):
    # Its confusion matrix, out of fold on three records a label, says it errs everywhere;
    # inverted, it took a topic the model was sure of out of the report.
    assert small_model.metadata["cross_validation"]["mean_probabilities"]
    assert "confusion" not in model_errors(small_model, tuple(small_model.labels))
    report = edusummary.Tagger(small_model).tag(
        "全县新建公办幼儿园四所，学前三年毛入园率达到百分之九十五，普惠性幼儿园覆盖率达到八成。\n"
        "深化课堂教学改革，推广小组合作学习模式，全县举办课改现场观摩会三次，教研员深入学校听课。\n"
    )
    characters = [len(p.text) for p in report.paragraphs]
    probabilities = [[p.scores[label] for label in small_model.labels] for p in report.paragraphs]
    shares = estimate_shares(characters, probabilities)[0]
    expected = dict(zip(small_model.labels, shares, strict=True))
    for row in report.summary().rows:
        assert row["share"] == pytest.approx(expected[row["topic"]], abs=1e-3)
