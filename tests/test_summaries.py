"""Summaries of one report and of many: counts, shares, sentences, figures, DataFrames."""

import json
import math
import pickle
import sys
import warnings

import pytest
from conftest import REPO, REPORT, SMALL_SET

import edusummary
from edusummary.cli import main
from edusummary.model.records import Record
from edusummary.reports.metadata import report_year
from edusummary.reports.summary import COLUMNS
from edusummary.topics import KEY_FIGURES

EXAMPLES = sorted((REPO / "examples").glob("*.txt"))


@pytest.fixture(scope="module")
def custom_model():
    """A model with a label set of its own: three topics, none of them in LABELS."""
    names = {"preschool": "early_years", "compulsory_balance": "schools"}
    records = [
        Record(text=text, label=names.get(label, "misc"))
        for label, texts in SMALL_SET.items()
        for text in texts
    ]
    return edusummary.train(records, labels=["early_years", "schools", "misc"], min_df=1, folds=2)


def test_summary_has_one_row_per_topic_and_the_rows_add_up():
    report = edusummary.tag(REPORT)
    summary = report.summary()
    assert [t.topic for t in summary.topics] == list(edusummary.LABELS)
    assert sum(t.paragraphs for t in summary.topics) == len(report.paragraphs)
    assert sum(t.characters for t in summary.topics) == sum(len(p.text) for p in report)
    assert sum(t.share for t in summary.topics) == pytest.approx(1.0)
    for topic in summary.topics:
        labelled = [p for p in report if p.label == topic.topic]
        assert topic.paragraphs == len(labelled)
        if labelled:
            mean = sum(p.confidence for p in labelled) / len(labelled)
            assert topic.mean_confidence == pytest.approx(mean)
        else:
            assert topic.mean_confidence is None


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.name)
def test_the_rows_add_up_on_every_example(path):
    report = edusummary.tag_file(path)
    summary = report.summary()
    assert sum(row["paragraphs"] for row in summary.rows) == len(report.paragraphs)
    assert summary.paragraphs == len(report.paragraphs)


def test_section_headings_are_neither_labelled_nor_counted():
    text = (
        "柳林县教育局2024年工作总结\n"
        "一、扩大普惠资源供给，办好人民满意的学前教育\n"
        "全年新建公办幼儿园五所，新增学位一千五百个，学前三年毛入园率达到百分之九十二。\n"
        "（一）深化课堂教学改革，推动育人方式转变\n"
        "全县推行问题导学课堂模式，各校每周开展一次校本教研，优质课评选覆盖全部学科。\n"
    )
    report = edusummary.tag(text)
    assert [h.text for h in report.headings] == [
        "柳林县教育局2024年工作总结",
        "一、扩大普惠资源供给，办好人民满意的学前教育",
        "（一）深化课堂教学改革，推动育人方式转变",
    ]
    assert len(report.paragraphs) == 2
    assert report.paragraphs[1].heading == "（一）深化课堂教学改革，推动育人方式转变"
    assert report.summary().paragraphs == 2


def test_an_empty_report_has_empty_rows():
    summary = edusummary.tag("").summary()
    assert [t.paragraphs for t in summary.topics] == [0] * len(edusummary.LABELS)
    # No share of anything, rather than none of everything, and shown so.
    assert all(math.isnan(t.share) and not t.sentences and not t.figures for t in summary.topics)
    assert all(math.isnan(row["share"]) for row in summary.rows)
    table = summary.to_text().splitlines()[4:4 + len(edusummary.LABELS)]
    assert all(line.split()[4:7] == ["-", "-", "-"] for line in table), table
    # JSON has no NaN: strict parsers refuse it.
    shares = json.loads(json.dumps(summary.to_dict(), allow_nan=False))["topics"]
    assert {t["share"] for t in shares} == {None}


def test_topics_come_from_the_models_label_set(custom_model):
    report = edusummary.Tagger(custom_model).tag(REPORT)
    summary = report.summary()
    assert [t.topic for t in summary.topics] == list(custom_model.labels)
    assert {t.name for t in summary.topics} == set(custom_model.labels)  # no Chinese names
    assert sum(t.paragraphs for t in summary.topics) == len(report.paragraphs)
    assert summary.to_frame()["topic"].tolist() == list(custom_model.labels)


def test_a_report_sent_between_processes_is_summarised_with_the_right_model(custom_model):
    shipped = pickle.loads(pickle.dumps(edusummary.tag(REPORT)))
    assert shipped.model is None
    assert sum(t.paragraphs for t in shipped.summary().topics) == len(shipped)
    custom = pickle.loads(pickle.dumps(edusummary.Tagger(custom_model).tag(REPORT)))
    with pytest.raises(ValueError, match="early_years"):
        custom.summary()
    assert custom.summary(model=custom_model).topics[0].topic == custom_model.labels[0]


def test_key_figures_are_filed_under_their_topic():
    summary = edusummary.tag(REPORT).summary()
    preschool = [f[:3] for f in summary["preschool"].figures]
    assert ("学前三年毛入园率", 93.5, "%") in preschool
    balance = [f[:3] for f in summary["compulsory_balance"].figures]
    assert ("义务教育巩固率", 98.7, "%") in balance
    assert summary.rows[0]["毛入园率(%)"] == 93.5


def test_representative_sentences_are_scored_not_just_the_first():
    text = (
        "关于幼儿园工作的几点说明材料\n\n"
        "幼儿园工作要常抓不懈，久久为功。今年全县新建公办幼儿园五所，普惠性幼儿园覆盖率"
        "达到90.5%，学前三年毛入园率达到94.2%。幼儿园保教人员培训同步开展，保育质量有所"
        "提高。\n"
    )
    summary = edusummary.tag(text).summary()
    sentences = summary["preschool"].sentences
    assert 1 <= len(sentences) <= 3
    assert "94.2%" in sentences[0]  # the sentence with the results, not the opening one
    assert len(set(sentences)) == len(sentences)


def test_region_and_year_from_the_title():
    found = {}
    for path in EXAMPLES:
        summary = edusummary.tag_file(path).summary()
        found[path.name] = (summary.region, summary.year)
    assert found == {
        "hexi_district_2024_plan.txt": ("河西区", 2024),
        "qingshui_2023_summary.txt": ("清水县", 2023),
        "web_copy_report.txt": ("东岭县", 2023),
    }
    assert report_year("没有年份的标题") is None


@pytest.mark.parametrize(
    ("title", "year"),
    [
        ("北川县教育局二○二三年工作总结和二○二四年工作打算", 2023),  # circles for zeros
        ("北川县教育局关于2023年度全县教育工作情况的汇报", 2023),
        ("北川县教育局2023年工作总结及2024年工作计划", 2023),
    ],
)
def test_a_long_title_is_the_whole_title_and_no_paragraph(title, year):
    # A title of 15 Chinese characters or more was labelled and counted as a paragraph, and
    # cut at its first 总结.
    body = "\n\n".join(SMALL_SET["preschool"][:2])
    report = edusummary.tag(f"{title}\n\n{body}")
    summary = report.summary()
    assert len(report) == 2 and title not in [p.text for p in report]
    assert (summary.title, summary.region, summary.year) == (title, "北川县", year)


def test_summary_as_text_dict_and_frame():
    summary = edusummary.tag(REPORT).summary()
    text = str(summary)
    for name in edusummary.LABEL_NAMES.values():
        assert name in text
    as_dict = json.loads(json.dumps(summary.to_dict(), ensure_ascii=False))
    assert [t["topic"] for t in as_dict["topics"]] == list(edusummary.LABELS)
    assert list(summary.rows[0]) == list(COLUMNS)
    frame = summary.to_frame()
    assert list(frame.columns) == list(COLUMNS)
    assert frame["paragraphs"].sum() == summary.paragraphs


def test_placeholders_are_counted_and_never_become_numbers():
    text = (
        "学前教育工作计划\n\n"
        "明年新建公办幼儿园xx所，学前三年毛入园率达到xx%，普惠性幼儿园覆盖率达到xx%。\n"
    )
    row = edusummary.tag(text).summary().to_frame().set_index("topic").loc["preschool"]
    assert row["placeholders"] == 3
    assert row["毛入园率(%)"] != row["毛入园率(%)"]  # NaN
    assert "未填" in row["key_figures"]


def test_summarize_many_reports_into_one_frame(tmp_path):
    frame = edusummary.summarize(REPO / "examples")
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == len(EXAMPLES) * len(edusummary.LABELS)
    assert frame["report"].unique().tolist() == [p.name for p in EXAMPLES]
    assert frame.groupby("report")["share"].sum().round(6).eq(1.0).all()
    assert str(frame["year"].dtype) == "Int64"
    for key in KEY_FIGURES:
        assert frame[key.column].dtype == float
    qingshui = frame[frame["report"] == "qingshui_2023_summary.txt"].set_index("topic")
    assert qingshui.loc["preschool", "毛入园率(%)"] == 93.6
    assert qingshui.loc["compulsory_balance", "投入资金(万元)"] == 6850
    assert qingshui.loc["other", "投入资金(万元)"] == 93600  # 9.36亿元

    csv = tmp_path / "summary.csv"
    frame.to_csv(csv, index=False, encoding="utf-8-sig")
    pd = pytest.importorskip("pandas")
    assert pd.read_csv(csv, encoding="utf-8-sig")["topic_name"].iloc[0] == "学前教育"


def test_summarize_keeps_the_order_given_and_takes_reports_and_paths():
    tagged = edusummary.tag(REPORT)
    frame = edusummary.summarize([EXAMPLES[1], tagged, EXAMPLES[0]])
    reports = frame["report"].unique().tolist()
    assert reports == [EXAMPLES[1].name, "关于全县教育工作的情况汇报", EXAMPLES[0].name]
    untitled = edusummary.tag("学前教育普及普惠水平稳步提高，新建幼儿园三所。")
    untitled = edusummary.summarize([untitled])
    assert untitled["report"].unique().tolist() == ["report 1"]


def test_summarize_skips_or_raises_on_a_bad_file(tmp_path):
    bad = tmp_path / "missing.txt"
    with pytest.warns(edusummary.EdusummaryWarning, match=r"missing\.txt"):
        frame = edusummary.summarize([EXAMPLES[0], bad])
    assert frame["report"].unique().tolist() == [EXAMPLES[0].name]
    with pytest.raises(edusummary.ReadError):
        edusummary.summarize([bad], errors="raise")
    with pytest.raises(TypeError, match=r"reports\[1\]"):
        edusummary.summarize([EXAMPLES[0], 42])
    with pytest.raises(ValueError, match="'ignore'"):
        edusummary.summarize(EXAMPLES, errors="ignore")


def test_summarize_shows_a_bar_of_every_file_summarised_as_they_are_done(monkeypatch):
    # The bar ended once the files were tagged, then the summaries, three quarters of a
    # run of 6,000 briefs, were made with nothing shown; and it had no total.
    import tqdm.auto

    from edusummary.batch import summarize as summarizing

    made, bars = [], []
    real = summarizing.summarize_report
    monkeypatch.setattr(
        summarizing, "summarize_report", lambda *a, **k: made.append(1) or real(*a, **k)
    )

    class Bar:
        def __init__(self, iterable, total=None, desc=None, **kwargs):
            self.iterable, self.total, self.desc, self.made = iterable, total, desc, []
            bars.append(self)

        def __iter__(self):
            for item in self.iterable:
                self.made.append(len(made))  # summaries made when each file is done
                yield item

    monkeypatch.setattr(tqdm.auto, "tqdm", Bar)
    frame = edusummary.summarize(EXAMPLES[:3], n_jobs=1)
    (bar,) = bars
    assert (bar.total, bar.desc) == (3, "summarising")
    # Made as the files are tagged (several files are scored at once): none were by the
    # bar's end.
    assert bar.made[0] >= 1 and bar.made[-1] == 3
    assert frame["report"].unique().tolist() == [p.name for p in EXAMPLES[:3]]


#: A short report of two topics, for the tests of copies and of worker processes.
BRIEF = (
    "清水县教育局2023年工作总结\n"
    "　　全县新建公办幼儿园3所，新增学位900个，学前三年毛入园率达到93.6%。\n"
    "　　深入开展文明校园创建活动，评选县级文明校园12所，德育工作成效明显。\n"
)


def test_summarize_in_worker_processes_gives_what_one_process_gives(tmp_path):
    text = BRIEF
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text(text.replace("93.6", "91.2"), encoding="utf-8")
    (tmp_path / "c.txt").write_text(text, encoding="utf-8")
    given = [tmp_path / "c.txt", tmp_path / "missing.txt", edusummary.tag(REPORT), tmp_path]
    frames = []
    for jobs in (1, 2):
        with pytest.warns(edusummary.EdusummaryWarning) as caught:
            frames.append(edusummary.summarize(given, n_jobs=jobs, progress=False))
        said = sorted(str(w.message) for w in caught)
        assert any("1 report holds the same paragraphs" in m for m in said)
        assert any("missing.txt" in m for m in said)
    one, two = frames
    assert one["report"].unique().tolist() == [
        "c.txt", "关于全县教育工作的情况汇报", "a.txt", "b.txt"
    ]
    assert one.equals(two)
    assert one.attrs == two.attrs


def test_a_missing_pandas_is_named_with_its_extra(monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(edusummary.MissingDependencyError, match=r"edusummary\[notebook\]"):
        edusummary.summarize(EXAMPLES)
    with pytest.raises(ImportError):  # it is an ImportError too
        edusummary.tag(REPORT).summary().to_frame()


def test_every_column_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    summaries = readme.split("## Summaries", 1)[1].split("\n## ", 1)[0]
    for column in COLUMNS:
        assert f"`{column}`" in summaries, column


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_cli_summarize_writes_csv_and_excel(tmp_path, suffix):
    pd = pytest.importorskip("pandas")
    if suffix == ".xlsx":
        pytest.importorskip("openpyxl")
    out = tmp_path / f"summary{suffix}"
    assert main(["summarize", str(REPO / "examples"), "-o", str(out)]) == 0
    frame = pd.read_excel(out) if suffix == ".xlsx" else pd.read_csv(out, encoding="utf-8-sig")
    assert list(frame.columns) == list(COLUMNS)
    assert len(frame) == len(EXAMPLES) * len(edusummary.LABELS)


def test_cli_summarize_prints_tables_and_refuses_other_outputs(tmp_path, capsys):
    assert main(["summarize", str(EXAMPLES[0])]) == 0
    assert "学前教育 preschool" in capsys.readouterr().out
    assert main(["summarize", str(EXAMPLES[0]), "-o", str(tmp_path / "x.json")]) == 2
    assert ".xlsx" in capsys.readouterr().err
    assert main(["summarize", str(EXAMPLES[0]), str(tmp_path / "gone.txt"), "-o",
                 str(tmp_path / "s.csv")]) == 1


def test_figures_listed_on_short_lines_reach_the_summary():
    # A list of main indicators, each line too short to be a paragraph.
    text = (
        "南湖区教育局2023年工作总结\n一、主要指标完成情况\n"
        "2023年，全区教育事业主要指标全面完成，各项工作取得明显成效，具体如下：\n"
        "学前三年毛入园率达到96.2%；\n义务教育巩固率达到99.6%；\n新建公办幼儿园3所；\n"
        "二、下一步工作\n继续扩大普惠性学前教育资源，推动义务教育优质均衡发展，深化课堂教学改革。\n"
    )
    row = {r["topic"]: r for r in edusummary.tag(text).summary().rows}
    # Each line goes to the topic it plainly states, not to the sentence introducing the list.
    assert (row["preschool"]["毛入园率(%)"], row["preschool"]["新建幼儿园(所)"]) == (96.2, 3)
    assert row["compulsory_balance"]["巩固率(%)"] == 99.6


def test_a_list_of_indicators_after_a_paragraph_of_another_topic_is_filed_by_topic():
    text = (
        "清水县教育局2023年工作总结\n"
        "2023年，全县深入开展“童心向党”主题教育活动，评选县级文明校园12所，学生思想道德素质明显提升。\n"
        "全年主要指标完成情况：\n学前三年毛入园率达到93.5%；\n九年义务教育巩固率达到99.3%；\n"
        "普惠性幼儿园覆盖率达到90.2%；\n新建公办幼儿园5所。\n"
    )
    row = {r["topic"]: r for r in edusummary.tag(text).summary().rows}
    assert row["moral_education"]["毛入园率(%)"] is None
    assert (row["preschool"]["毛入园率(%)"], row["preschool"]["普惠覆盖率(%)"]) == (93.5, 90.2)
    assert row["compulsory_balance"]["巩固率(%)"] == 99.3


def test_key_sentences_are_about_their_topic():
    """A paragraph on two topics gives each topic only the sentences about it."""
    text = (
        "在全县2024年教育工作会议上的讲话\n"
        "　　过去一年，全县教育系统坚持立德树人根本任务，各项工作取得了新进展。全年新建公办"
        "幼儿园4所，新增学位1080个，学前三年毛入园率达到92.6%，普惠性幼儿园覆盖率达到88.5%。"
        "我们扎实推进义务教育均衡发展，顺利通过省级督导评估，九年义务教育巩固率达到98.7%。\n"
    )
    summary = edusummary.tag(text).summary()
    for topic, word in (("preschool", "巩固率"), ("compulsory_balance", "幼儿园")):
        assert summary[topic].sentences, topic
        assert not any(word in sentence for sentence in summary[topic].sentences), topic
    row = {r["topic"]: r for r in summary.rows}
    assert (row["preschool"]["毛入园率(%)"], row["compulsory_balance"]["巩固率(%)"]) == (92.6, 98.7)


@pytest.mark.parametrize(
    ("title", "region", "year"),
    [
        ("关于清水县2023年度义务教育优质均衡发展督导评估的报告", "清水县", 2023),
        ("清水县人民政府关于加快学前教育发展的实施意见", "清水县", None),
        ("对清水县人民政府履行教育职责情况的督导评估报告", "清水县", None),
        ("关于印发《清水县学前教育发展提升行动计划（2021—2025年）》的通知", "清水县", 2021),
        ("清水县2023年教育工作总结", "清水县", 2023),
    ],
)
def test_region_and_year_of_official_titles(title, region, year):
    body = "\n　　为进一步扩大普惠性学前教育资源，提高学前三年毛入园率，现将有关事项通知如下。\n"
    summary = edusummary.tag(title + body).summary()
    assert (summary.region, summary.year) == (region, year)


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("清水县教育局2023年工作总结", "summary"),
        ("清水县教育局2023年工作总结和2024年工作打算", "summary"),
        ("清水县教育局局长2023年度述职报告", "summary"),
        ("清水县2024年教育工作要点", "plan"),
        ("关于印发《清水县学前教育发展提升行动计划（2021—2025年）》的通知", "plan"),
        ("关于转发《省教育厅关于印发〈义务教育优质均衡推进方案〉的通知》的通知", "plan"),
        ("关于印发《清水县中小学教师管理办法》的通知", "notice"),
        ("关于做好2024年秋季学期开学工作的通知", "notice"),
        ("在全县教育工作会议上的讲话（2024年2月26日）", "speech"),
        ("关于清水县2023年度义务教育优质均衡发展督导评估的报告", "inspection"),
        ("清水县人民政府履行教育职责情况自查报告", "inspection"),
        ("关于2024年春季开学专项督查情况的通报", "inspection"),
        ("关于全县农村小规模学校发展情况的调研报告", "survey"),
        ("东湖区召开2024年教育工作会议", "news"),
        ("清水县教育概况", None),
        # Titles in traditional characters, as analysts get them from Taiwan-style fonts.
        ("河西區教育局2024年工作要點", "plan"),
        ("清水縣教育局2023年工作總結", "summary"),
        ("在全縣教育工作會議上的講話", "speech"),
        # A plan naming a report in its title, or dated, numbered, bracketed twice.
        ("清水县落实《政府工作报告》教育领域重点任务分工方案", "plan"),
        ("关于建立教育重大事项定期汇报制度的意见", "plan"),
        ("关于印发《清水县2024年教育工作要点》的通知（清教发〔2024〕5号）", "plan"),
        ("关于印发《清水县学前教育攻坚行动方案》的通知（试行）", "plan"),
        ("清水县学前教育三年行动计划（县政府办公室2024年3月5日印发）", "plan"),
        ("清水县义务教育优质均衡发展规划（2023-2027年）（征求意见稿）", "plan"),
        ("清水县学前教育三年攻坚行动计划 （2018-2020年）", "plan"),
        ("清水县教育局2024年工作思路", "plan"),
        ("清水县教育局2024年重点工作安排", "plan"),
        ("《清水县2024年教育工作要点》", "plan"),
        ("清水县教育局2023年工作总结及2024年工作思路", "summary"),
        ("城东区学前教育工作情况汇报材料", "summary"),
        ("2023年全县举办各类教师培训情况", "summary"),
        # A speech's 要点 and an inspection's 意见 are no plan.
        ("在全县学前教育工作推进会上的讲话要点", "speech"),
        ("在全县教师节表彰大会上的发言提纲", "speech"),
        ("在2023年全县教育工作会议上的工作报告", "speech"),
        ("关于清水县中小学办学水平综合督导评估情况的反馈意见", "inspection"),
        ("关于对清水县义务教育发展基本均衡县督导评估的意见书", "inspection"),
        ("关于我县中小学教师队伍建设情况的调研", "survey"),
        ("清水县2024年义务教育优质均衡发展督导评估公报", "inspection"),
        # Headlines that end on a document word, or name their place after who acted.
        ("县委书记李明出席全县教育工作大会并讲话", "news"),
        ("清水县教育局召开会议传达全省教育工作会议精神并部署2024年工作要点", "news"),
        ("市教育局领导到清水县调研学前教育工作", "news"),
        ("全市学前教育工作推进会在清水县召开", "news"),
        ("清水县第一幼儿园荣获“省级示范幼儿园”称号", "news"),
        ("清水县：公办幼儿园建设驶入快车道", "news"),
        # 并 in a plan's name is no headline's 并讲话; an opinion on inspection is a plan.
        ("东湖区推进“五育并举”实施方案", "plan"),
        ("东湖区推进集团化办学并深化教师交流轮岗实施方案", "plan"),
        ("关于加强县级教育督导的意见", "plan"),
        ("关于进一步做好中小学教师考核的意见", "plan"),
        ("东湖区推进集团化办学典型案例", "summary"),
        ("东湖区推进义务教育优质均衡发展的实践与思考", "summary"),
        # A report whose title opens like a headline is still a report.
        ("清水县推进义务教育优质均衡发展工作报告", "summary"),
        ("清水县开展农村学校布局调整和撤并工作情况汇报", "summary"),
    ],
)
def test_a_summary_says_what_kind_of_document_its_title_names(title, kind):
    body = "\n　　全县新建公办幼儿园三所，新增学位九百个，学前三年毛入园率达到百分之九十五。\n"
    summary = edusummary.tag(title + body).summary()
    assert summary.document_kind == kind
    assert {row["document_kind"] for row in summary.rows} == {kind}


@pytest.mark.parametrize(
    "title",
    ["市教育局领导到清水县调研学前教育工作", "全市学前教育工作推进会在清水县召开",
     "清水县第一幼儿园荣获“省级示范幼儿园”称号"],
)
def test_a_headline_names_its_region_after_who_acted(title):
    body = "\n　　全县新建公办幼儿园三所，新增学位九百个，学前三年毛入园率达到百分之九十五。\n"
    assert edusummary.tag(title + body).summary().region == "清水县"


def test_a_report_on_a_situation_dated_the_next_january_keeps_its_year():
    text = (
        "清水县推进学前教育普及普惠工作情况\n"
        "　　2023年，全县新建公办幼儿园3所，学前三年毛入园率达到95.2%。\n"
        "2024年1月10日\n"
    )
    assert edusummary.tag(text).summary().year == 2023


@pytest.mark.parametrize(
    "opening",
    ["按照县教育局《关于开展标准化建设自查工作的通知》要求，我校对照省办学基本标准开展了自查。",
     "根据市教育局统一部署，现将我镇学前教育工作情况报告如下。",
     "经县政府研究同意，现将有关事项通知如下。"],
)
def test_an_opening_formula_before_an_office_names_no_region(opening):
    body = "　　全镇新建公办幼儿园1所，学前三年毛入园率达到92%。\n"
    text = f"勐河镇中心学校自查报告\n\n{opening}\n\n{body}"
    assert edusummary.tag(text).summary().region is None


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("桃源县6所乡镇中心幼儿园集中开工", "桃源县"),
        ("永安县以高分通过省“两基”工作复查验收", "永安县"),
    ],
)
def test_a_headline_opening_with_its_county_names_it(title, region):
    body = "\n　　全县新建公办幼儿园六所，新增学位一千八百个，学前三年毛入园率达到百分之九十。\n"
    summary = edusummary.tag(title + body).summary()
    assert (summary.region, summary.document_kind) == (region, "news")


def test_a_headline_of_a_place_and_a_colon_is_a_heading_naming_its_region():
    text = (
        "泾川县：乡镇公办幼儿园建设跑出加速度\n"
        "　　本报讯（通讯员 王芳）9月2日，泾川县城关镇第二幼儿园正式开园，首批招收幼儿240名。"
        "今年全县新建公办幼儿园5所，新增学位1350个。\n"
    )
    report = edusummary.tag(text)
    assert [h.text for h in report.headings] == ["泾川县：乡镇公办幼儿园建设跑出加速度"]
    assert len(report.paragraphs) == 1
    summary = report.summary()
    assert (summary.region, summary.document_kind) == ("泾川县", "news")


def test_a_speech_titled_by_a_slogan_over_its_subtitle_keeps_both():
    text = (
        "立足课堂抓质量 深化改革促发展\n——在全县2011年教学工作会议上的讲话\n"
        "县教育局局长 吴建国\n"
        "同志们：今天召开全县教学工作会议，总结去年的教学工作，部署今年的课堂教学改革任务。\n"
    )
    summary = edusummary.tag(text).summary()
    assert summary.title == "立足课堂抓质量 深化改革促发展——在全县2011年教学工作会议上的讲话"
    assert summary.document_kind == "speech"


@pytest.mark.parametrize(
    ("title", "region"),
    [("副县长王明出席全县中小学校长培训班开班仪式并讲话", None),
     ("常务副县长张某到东湖区调研学前教育工作", "东湖区"),
     ("市县两级联动推进校园安全专项整治", None)],
)
def test_a_headline_opening_with_a_post_names_no_place_of_it(title, region):
    body = "\n　　全县新建公办幼儿园三所，新增学位九百个，学前三年毛入园率达到百分之九十五。\n"
    assert edusummary.tag(title + body).summary().region == region


def test_a_region_named_only_by_the_site_of_a_page_is_kept():
    text = "2023年工作总结 - 清水县教育和体育局\n　　全县新建公办幼儿园3所，毛入园率达到95%。\n"
    summary = edusummary.tag(text).summary()
    assert (summary.title, summary.region) == ("2023年工作总结", "清水县")


def test_a_case_study_takes_the_year_it_reports_not_its_posting():
    text = (
        "东湖区推进集团化办学典型案例\n发布时间：2024年3月6日\n"
        "　　2023年，东湖区组建教育集团6个，覆盖中小学28所，集团内教师交流156人次。\n"
    )
    assert edusummary.tag(text).summary().year == 2023


def test_a_government_sites_name_after_a_plans_title_is_passed_over():
    text = (
        "清水县2024年教育工作要点_清水县人民政府\n"
        "　　新建公办幼儿园5所，学前三年毛入园率达到97%。\n"
    )
    summary = edusummary.tag(text).summary()
    assert (summary.title, summary.document_kind) == ("清水县2024年教育工作要点", "plan")
    assert summary.rows[0]["毛入园率目标(%)"] == 97.0


def test_a_speechs_points_report_results_not_targets():
    text = (
        "在全县学前教育工作推进会上的讲话要点\n"
        "　　2023年，全县新建公办幼儿园3所，学前三年毛入园率达到95.2%。\n"
    )
    row = edusummary.tag(text).summary().rows[0]
    assert (row["毛入园率(%)"], row["毛入园率目标(%)"]) == (95.2, None)


def test_a_summary_built_by_position_keeps_its_counts():
    title = "清水县2023年教育工作总结"
    summary = edusummary.Summary([], "r", None, title, "清水县", 2023, 12, 3400)
    assert (summary.paragraphs, summary.characters, summary.document_kind) == (12, 3400, None)


def test_a_plans_kind_shows_beside_its_title():
    text = (
        "清水县2024年教育工作要点\n"
        "　　新建公办幼儿园三所，新增学位九百个，学前三年毛入园率达到百分之九十五。\n"
    )
    summary = edusummary.tag(text).summary()
    first_line = summary.to_text().splitlines()[0]
    assert first_line == "清水县2024年教育工作要点（清水县，2024年，规划计划）"
    assert "清水县 · 2024年 · 规划计划" in edusummary.render_html(edusummary.tag(text))


def test_a_title_set_on_two_lines_is_one_title():
    text = (
        "关于印发《清水县2024年学前教育攻坚行动\n实施方案》的通知\n"
        "　　现将《清水县2024年学前教育攻坚行动实施方案》印发给你们，请认真贯彻执行。\n"
    )
    summary = edusummary.tag(text).summary()
    assert summary.title == "关于印发《清水县2024年学前教育攻坚行动实施方案》的通知"


@pytest.mark.parametrize(
    "title",
    ["关于2024年度学校办学水平考核结果的通报", "关于表彰2024年度优秀班主任的决定",
     "关于同意设立城东幼儿园的批复", "关于商请支持农村学校改造项目的函",
     "局长办公会议纪要"],
)
def test_a_notices_title_under_its_offices_line_is_the_title(title):
    text = (
        f"青山县教育局\n青教发〔2024〕9号\n青山县教育局{title}\n"
        "　　全县新建公办幼儿园三所，新增学位九百个，学前三年毛入园率达到百分之九十五。\n"
    )
    summary = edusummary.tag(text).summary()
    assert (summary.title, summary.document_kind) == (f"青山县教育局{title}", "notice")


def test_a_title_opening_with_guanyu_wrapped_over_two_lines_is_one_title():
    text = (
        "关于对青山县2023年县级人民政府履行教育\n职责情况的督导评估报告\n"
        "　　按照省政府教育督导委员会的统一部署，市督导评估组对青山县履行教育职责情况"
        "进行了督导评估。\n"
    )
    summary = edusummary.tag(text).summary()
    assert summary.title == "关于对青山县2023年县级人民政府履行教育职责情况的督导评估报告"
    assert (summary.year, summary.document_kind) == (2023, "inspection")
    # So is one broken right after its 关于: it had lost 关于, and the page drew it as a
    # section heading of its own.
    alone = "关于\n青山县2023年学前教育发展情况的报告\n" + text.split("\n", 2)[2]
    report = edusummary.tag(alone)
    assert report.summary().title == "关于青山县2023年学前教育发展情况的报告"
    assert "<h3>关于</h3>" not in edusummary.render_html(report)


@pytest.mark.parametrize(
    ("upper", "title"),
    [("关于我们", "清水县教育局2023年工作总结"),
     ("深入学习贯彻习近平总书记关于教育的重要论述", "清水县教育局2024年工作要点")],
)
def test_a_line_with_guanyu_above_a_whole_title_is_not_joined_to_it(upper, title):
    body = "全县新建公办幼儿园三所，新增学位九百个，学前三年毛入园率达到百分之九十五。\n"
    assert edusummary.tag(f"{upper}\n{title}\n{body}").summary().title == title


def test_a_reports_title_saying_quebao_keeps_its_year():
    text = (
        "清水县教育局关于确保2023年春季学期开学工作情况的报告\n"
        "全县各中小学校按照开学工作要求，完成校舍安全排查和食堂从业人员健康检查。\n"
    )
    assert edusummary.tag(text).summary().year == 2023


def test_a_notice_forwarding_a_notice_that_issues_a_plan_is_a_plan():
    text = (
        "清水县教育局转发《市教育局关于印发〈学前教育资源扩容行动方案〉的通知》的通知\n"
        "各乡镇中心学校：\n"
        "　　现将《市教育局关于印发〈学前教育资源扩容行动方案〉的通知》转发给你们，请结合实际"
        "认真贯彻落实。全县新建公办幼儿园4所，新增学位1200个，学前三年毛入园率达到96%。\n"
    )
    rows = edusummary.tag(text).summary().rows
    row = max(rows, key=lambda r: r["paragraphs"])
    assert row["毛入园率目标(%)"] == 96.0 and row["毛入园率(%)"] is None


def test_a_numbered_heading_gives_its_figures_to_the_section_it_heads():
    text = (
        "清水县教育局2024年工作总结\n一、学前教育普及普惠水平持续提升\n"
        "全县深入实施学前教育行动计划，加快补齐农村学前教育短板，新建公办幼儿园6所。\n"
        "二、义务教育优质均衡发展\n（一）新增学位5000个\n"
        "通过新建和改扩建中小学校，有效缓解城区学校入学压力，随迁子女全部就近入学。\n"
    )
    report = edusummary.tag(text)
    owner = report.paragraphs[1].label
    assert {r["topic"]: r["新增学位(个)"] for r in report.summary().rows}[owner] == 5000


@pytest.mark.parametrize("title", ["城区2023年教育工作情况", "社区2023年教育工作总结"])
def test_a_generic_district_is_no_region(title):
    body = "\n　　全县新建公办幼儿园三所，新增学位九百个，学前三年毛入园率达到百分之九十五。\n"
    assert edusummary.tag(title + body).summary().region is None


def test_a_plans_figures_are_targets_and_what_it_looks_back_on_its_baseline():
    text = (
        "河西区教育局2024年工作要点\n"
        "　　2023年，全区新建公办幼儿园2所，学前三年毛入园率达到93.1%。\n"
        "一、扩大学前教育资源\n"
        "　　新建改扩建公办幼儿园3所，新增学位900个，学前三年毛入园率稳定在95%以上。\n"
    )
    summary = edusummary.tag(text).summary()
    row = max(summary.rows, key=lambda r: r["paragraphs"])
    # 2023's level is where the 2024 plan starts from, not a result of 2024.
    assert (row["毛入园率(%)"], row["毛入园率目标(%)"]) == (None, 95.0)
    assert row["新建幼儿园目标(所)"] == 3
    looked_back = [f for t in summary.topics for f in t.figures if f.value == 93.1]
    assert [f.kind for f in looked_back] == ["baseline"]
    # A summary that also plans reports its figures as results.
    both = text.replace("2024年工作要点", "2023年工作总结和2024年工作打算")
    assert max(edusummary.tag(both).summary().rows, key=lambda r: r["paragraphs"])[
        "新建幼儿园(所)"] == 2


def test_a_summarys_section_on_the_year_ahead_states_targets_not_results():
    # A 总结和计划 states next year's aims as plainly as this year's results; the aims had
    # filled the results' columns (and an analyst's panel) for the year reported on.
    text = (
        "东坡区教育局2024年工作总结和2025年工作计划\n"
        "一、2024年工作总结\n"
        "　　全区新建公办幼儿园3所，新增学位900个，学前三年毛入园率达到93.6%。\n"
        "二、2025年工作计划\n"
        "（一）学前教育\n"
        "　　新建公办幼儿园2所，新增学位600个，学前三年毛入园率达到95%。\n"
        "三、保障措施\n"
        "　　区财政安排学前教育专项资金，确保各项工作任务落到实处。\n"
    )
    summary = edusummary.tag(text).summary()
    figures = {f.value: f.kind for t in summary.topics for f in t.figures}
    assert figures == {3: "result", 900: "result", 93.6: "result",
                       2: "target", 600: "target", 95: "target"}
    row = max(summary.rows, key=lambda r: r["figures"])
    assert (row["毛入园率(%)"], row["毛入园率目标(%)"]) == (93.6, 95.0)
    # The section ends at the next heading of its level, numbered or not: what follows
    # reports again.
    after = "四、主要指标完成情况\n　　全区九年义务教育巩固率达到97.1%，控辍保学成效明显。\n"
    for ahead in ("二、2025年工作计划", "明年工作思路"):
        told = edusummary.tag(text.replace("二、2025年工作计划", ahead) + after).summary()
        kinds = {f.value: f.kind for t in told.topics for f in t.figures}
        assert (kinds[600], kinds[97.1]) == ("target", "result")


def test_a_numbered_section_on_the_year_ahead_before_the_first_paragraph_states_targets():
    # Lines of fewer than 15 Chinese characters are headings: the report's first paragraph
    # comes after the section, which had been taken for part of the title.
    text = (
        "东坡区2023年教育工作总结\n"
        "一、主要成绩\n全区新建幼儿园3所，新增学位720个。\n"
        "二、下一步打算\n新建幼儿园2所，新增学位600个。\n"
        "三、主要指标完成情况\n"
        "　　学前三年毛入园率达到92.4%，九年义务教育巩固率达到97.1%，各项指标均完成年度目标。\n"
    )
    summary = edusummary.tag(text).summary()
    kinds = {f.value: f.kind for t in summary.topics for f in t.figures}
    assert (kinds[720], kinds[600], kinds[92.4]) == ("result", "target", "result")


@pytest.mark.parametrize(
    ("title", "years", "year", "kinds"),
    [
        # A school year's report is of the autumn before the year it ends in, too.
        ("东坡区2022—2023学年度学前教育工作总结", (2022, 2023), 2023, ["result", "result"]),
        # A report looking back on a five-year period is of its last year: the years before
        # start from where they stood.
        ("东坡区“十三五”学前教育发展总结", (2018, 2020), 2020, ["baseline", "result"]),
    ],
)
def test_the_years_a_report_is_of_decide_its_figures_kinds(title, years, year, kinds):
    text = (
        f"{title}\n"
        f"　　{years[0]}年秋季学期，全区新建公办幼儿园2所，新增学位540个。\n"
        f"　　{years[1]}年，全区学前三年毛入园率达到91.5%，普惠性幼儿园覆盖率持续提高。\n"
    )
    summary = edusummary.tag(text).summary()
    assert summary.year == year
    found = {f.value: f.kind for t in summary.topics for f in t.figures}
    assert [found[540], found[91.5]] == kinds


@pytest.mark.parametrize(
    ("title", "year"),
    [("清水县“十三五”教育事业发展总结（2016—2020年）", 2020),
     ("清水县学前教育发展提升行动计划（2021—2025年）", 2021)],
)
def test_a_span_of_years_is_its_end_in_a_summary_and_its_start_in_a_plan(title, year):
    body = "\n　　全县新建公办幼儿园三所，新增学位九百个，学前三年毛入园率达到百分之九十五。\n"
    assert edusummary.tag(title + body).summary().year == year


@pytest.mark.parametrize(
    "title", ["关于加快农村地区教育发展的实施意见", "关于主城区教育资源布局调整的报告",
              "关于国家级课程改革实验区教育教学工作的总结", "偏远山区教育发展情况的调研报告",
              "老城区教育局2023年工作总结"],
)
def test_a_kind_of_area_is_no_region(title):
    body = "\n　　全县新建公办幼儿园三所，新增学位九百个，学前三年毛入园率达到百分之九十五。\n"
    assert edusummary.tag(title + body).summary().region is None


@pytest.mark.parametrize(
    "title", ["西城区教育委员会2023年工作总结", "宝山区教育局2022年工作总结",
              "青山区2024年教育工作要点", "关于中山区2023年义务教育发展情况的报告"],
)
def test_a_district_named_after_its_town_or_hill_is_a_region(title):
    body = "\n　　全区新建公办幼儿园三所，新增学位九百个，学前三年毛入园率达到百分之九十五。\n"
    assert edusummary.tag(title + body).summary().region == title.removeprefix("关于")[:3]


@pytest.mark.parametrize(
    ("title", "region"),
    [("在柳河县2024年教育工作会议上的讲话", "柳河县"),
     ("在东湖区教育系统表彰大会上的致辞", "东湖区"),
     ("在云溪县教育大会上的发言", "云溪县"),
     ("在石门县2023年教育工作会议上的工作报告", "石门县"),
     ("在全县教育工作会议上的讲话", None), ("在全市教育大会上的讲话", None)],
)
def test_a_speech_names_the_region_of_its_meeting(title, region):
    body = (
        "\n同志们：\n"
        "　　今年全县新建公办幼儿园三所，新增学位九百个，学前三年毛入园率达到百分之九十五。\n"
    )
    summary = edusummary.tag(title + body).summary()
    assert (summary.document_kind, summary.region) == ("speech", region)


@pytest.mark.parametrize(
    ("opening", "year"),
    [("与2019年相比，全县新增学前教育学位1500个，学前三年毛入园率达到94.2%。", None),
     ("今年，全县新建公办幼儿园4所，新增学位数较2021年增加了一倍。", None),
     ("同2020年相比，全县普惠性幼儿园覆盖率提高了6.3个百分点。", None),
     ("根据《2022年全市学前教育工作要点》要求，全县新建公办幼儿园4所。", None),
     ("2020年印发的《学前教育三年提升计划》今年全面完成，全县新建公办幼儿园4所。", None),
     ("按照《全市学前教育工作要点》，2024年全县新建公办幼儿园4所，比2022年多2所。", 2024)],
)
def test_a_year_compared_with_or_cited_is_not_the_reports_year(opening, year):
    rest = "\n　　全面落实控辍保学责任，九年义务教育巩固率达到98.6%，办学条件持续改善。\n"
    assert edusummary.tag(opening + rest).summary().year == year


def test_a_year_aimed_at_is_not_the_reports_year():
    text = (
        "青山县义务教育优质均衡发展督导评估报告\n"
        "　　到2025年，全县学前三年毛入园率达到95%，义务教育巩固率达到99%以上，优质均衡"
        "发展县创建通过省级督导评估。\n"
    )
    assert edusummary.tag(text).summary().year is None


def test_a_notice_issuing_a_plan_is_a_plan():
    body = (
        "\n一、扩大普惠性资源\n"
        "　　新建公办幼儿园10所，新增学位3000个，学前三年毛入园率稳定在95%以上。\n"
    )
    for title in ("清水县学前教育普及普惠实施方案（2023—2027年）",
                  "关于印发《清水县学前教育普及普惠实施方案（2023—2027年）》的通知",
                  "关于印发清水县学前教育普及普惠实施方案的通知"):
        (row,) = [r for r in edusummary.tag(title + body).summary().rows if r["paragraphs"]]
        assert (row["新建幼儿园(所)"], row["新建幼儿园目标(所)"]) == (None, 10), title


@pytest.mark.parametrize("opening", ["到2023年底，全县已建成公办幼儿园42所。",
                                     "至2023年末，全县共有各级各类学校156所。"])
def test_a_year_where_a_count_stands_is_the_reports_year(opening):
    report = edusummary.tag("　　" + opening + "全县学前三年毛入园率达到92%。\n")
    assert report.summary().year == 2023


@pytest.mark.parametrize(
    ("office", "region"),
    [("东山县教育局", "东山县"), ("中共东山县委教育工作领导小组办公室", "东山县"),
     ("中共沛县县委教育工作领导小组办公室", "沛县")],
)
def test_a_report_whose_title_names_no_place_takes_the_region_of_its_signature(office, region):
    # Archived reports are often titled only "2023年工作总结" and signed at the end: the
    # report had no region, and fell out of every comparison by region.
    text = (
        "2023年工作总结\n"
        "　　全县新建公办幼儿园3所，新增学位900个，学前三年毛入园率达到93.6%。\n"
        "　　深入开展文明校园创建活动，评选县级文明校园12所，德育工作成效明显。\n"
        f"{office}\n2024年1月10日\n"
    )
    summary = edusummary.tag(text).summary()
    assert (summary.region, summary.year) == (region, 2023)


def test_a_key_column_holds_one_indicator_so_that_years_read_as_a_series():
    # 学前一年 ran at 86.5% when 学前三年 ran at 55.2%: a series taking whichever came first
    # jumped between them, as 巩固率 did between 初中三年 and 九年义务教育.
    text = (
        "清水县教育局2009年工作总结\n"
        "　　全县学前一年毛入园率达到86.5%，学前三年毛入园率达到55.2%，新建乡镇中心幼儿园3所。\n"
        "　　初中三年巩固率达到96.9%，九年义务教育巩固率达到91.2%，控辍保学工作成效明显。\n"
    )
    rows = edusummary.tag(text).summary().rows
    assert {r["毛入园率(%)"] for r in rows} - {None} == {55.2}
    assert {r["巩固率(%)"] for r in rows} - {None} == {91.2}


def test_one_report_saved_twice_is_said_before_it_weighs_twice(tmp_path):
    # An archive holds the .txt and the .docx of one report, or a （修订稿） copy: each had
    # counted as a report of its own in every comparison, without a word.
    text = BRIEF
    (tmp_path / "清水县2023年工作总结.txt").write_text(text, encoding="utf-8")
    (tmp_path / "清水县2023年工作总结（修订稿）.txt").write_text(text, encoding="utf-8")
    (tmp_path / "东山县2023年工作总结.txt").write_text(
        text.replace("清水县", "东山县").replace("93.6", "91.2"), encoding="utf-8"
    )
    with pytest.warns(edusummary.EdusummaryWarning, match="1 report holds the same paragraphs"):
        frame = edusummary.summarize(tmp_path, progress=False)
    assert frame["report"].nunique() == 3  # said, not dropped: the analyst decides
    # Reports sharing their paragraphs but not the figures on lines of their own are no copies.
    (tmp_path / "清水县2023年工作总结（修订稿）.txt").write_text(
        text + "学前三年毛入园率：94.0%\n", encoding="utf-8"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", edusummary.EdusummaryWarning)
        edusummary.summarize(tmp_path, progress=False)
