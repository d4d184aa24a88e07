"""Jupyter and pandas manners: notebook tables, Summary as a table, frames, progress bars,
spreadsheet columns, and the HTML page's embedded font."""

import base64
import json
import os
import re
from io import BytesIO

import pytest

import edusummary
from edusummary.batch.cells import write_table
from edusummary.reports.report import PREVIEW_CHARACTERS
from edusummary.reports.summary import COLUMNS

# Written for these tests.
PARAGRAPHS = [
    "全县新建公办幼儿园三所，新增学前教育学位一千二百个，普惠性幼儿园覆盖率达到百分之八十五，"
    "乡镇中心幼儿园实现全覆盖，农村幼儿就近入园难的问题得到进一步缓解。",
    "推进义务教育学校标准化建设，改善农村寄宿制学校办学条件，县域义务教育均衡发展水平持续提升。",
    "以新课程标准为引领，开展大单元教学设计研讨，组织青年教师课堂教学比武，推广优秀教学案例。",
    "深入开展爱国主义教育和劳动教育，各校成立心理辅导站，关爱留守儿童身心健康成长。",
]
TEXT = "河西区教育局2024年工作总结\n\n" + "\n\n".join(PARAGRAPHS)


@pytest.fixture(scope="module")
def report():
    return edusummary.tag(TEXT)


def test_summary_behaves_like_its_table(report):
    summary = report.summary()
    assert len(summary) == len(edusummary.LABELS)
    rows = list(summary)
    assert rows == summary.rows and [r["topic"] for r in rows] == list(edusummary.LABELS)
    assert summary.to_dict(orient="records") == summary.rows
    as_lists = summary.to_dict(orient="list")
    assert list(as_lists) == list(COLUMNS) and as_lists["topic"] == list(edusummary.LABELS)
    assert summary.to_dict("split")["columns"] == list(COLUMNS)
    frame = summary.to_frame()
    assert list(frame.columns) == list(COLUMNS) and len(frame) == len(summary)


def test_summary_to_dict_without_arguments_is_unchanged(report):
    plain = report.summary().to_dict()
    assert list(plain) == [
        "name", "source", "title", "region", "year", "document_kind", "paragraphs",
        "characters", "topics",
    ]
    assert plain["region"] == "河西区" and plain["year"] == 2024
    assert [t["topic"] for t in plain["topics"]] == list(edusummary.LABELS)


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda r: r, ["<table", "<th>label</th>", "<th>confidence</th>", "<th>flags</th>",
                       PARAGRAPHS[0][:PREVIEW_CHARACTERS] + "…", PARAGRAPHS[3]]),
        (lambda r: r.summary(), ["<table", "学前教育", "德育", "95% 区间", "按标签计", "河西区"]),
        (lambda r: edusummary.evaluate(
            edusummary.load_model(), [(p, lab) for p, lab in zip(
                PARAGRAPHS, ["preschool", "compulsory_balance", "teaching_reform",
                             "moral_education"], strict=True)]),
         ["<table", "accuracy", "confusion matrix", "<th>preschool</th>"]),
    ],
    ids=["report", "summary", "evaluation"],
)
def test_notebooks_show_a_table(report, make, expected):
    html = make(report)._repr_html_()
    for fragment in expected:
        assert fragment in html
    assert "<script" not in html


def test_report_to_frame_has_one_row_per_paragraph(report):
    frame = report.to_frame()
    assert len(frame) == len(report) == len(PARAGRAPHS)
    assert list(frame["text"]) == PARAGRAPHS
    assert list(frame.columns[:3]) == ["source", "index", "label"]


def test_a_report_from_a_gbk_file_name_shows_and_writes_the_name(tmp_path):
    # GBK names unzipped on Linux reach Python as surrogate escapes: to_frame() raised
    # UnicodeEncodeError, rows() could not be written as UTF-8, nor the notebook table sent.
    folder = tmp_path / "县区材料"
    folder.mkdir()
    path = os.fsdecode(os.fsencode(folder) + b"/" + "清水县.txt".encode("gbk"))
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(TEXT)
    report = edusummary.tag_file(path)
    assert report.source == path  # still the name to open it by
    frame = report.to_frame()
    assert set(frame["source"]) == {str(folder / "清水县.txt")}
    json.dumps(report.rows(), ensure_ascii=False).encode("utf-8")
    assert "县区材料/清水县.txt" in report._repr_html_().encode("utf-8").decode("utf-8")


def test_an_escaped_paragraph_stays_text_in_the_notebook():
    tagged = edusummary.tag(
        "学校开展安全教育主题活动，组织学生参加应急疏散演练，参与率<100%的学校限期整改。"
    )
    html = tagged._repr_html_()
    assert "参与率&lt;100%" in html and "<100%" not in html


@pytest.mark.parametrize("progress", [True, False], ids=["progress-on", "progress-off"])
def test_no_progress_bar_where_output_is_not_a_terminal(tmp_path, capsys, progress):
    path = tmp_path / "河西区.txt"
    path.write_text(TEXT, encoding="utf-8")
    reports = list(edusummary.tag_many([path], n_jobs=1, progress=progress))
    assert len(reports) == 1
    # pytest's captured stderr is no tty: tqdm's disable=None keeps logs clean.
    assert capsys.readouterr().err == ""


def test_tag_many_draws_a_bar_when_asked_on_a_terminal(tmp_path, monkeypatch, capsys):
    path = tmp_path / "河西区.txt"
    path.write_text(TEXT, encoding="utf-8")
    import sys

    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    list(edusummary.tag_many([path], n_jobs=1))
    assert "tagging" in capsys.readouterr().err
    list(edusummary.tag_many([path], n_jobs=1, progress=False))
    assert capsys.readouterr().err == ""


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_spreadsheets_have_topic_name_beside_topic(report, tmp_path, suffix):
    pd = pytest.importorskip("pandas")
    frame = edusummary.summarize(report, progress=False)
    out = write_table(frame, tmp_path / f"summary{suffix}")
    back = pd.read_csv(out) if suffix == ".csv" else pd.read_excel(out)
    columns = list(back.columns)
    assert columns[columns.index("topic") + 1] == "topic_name"
    assert list(back["topic_name"][:2]) == ["学前教育", "义务教育均衡发展"]


def test_the_page_embeds_the_glyphs_of_its_chinese_characters(report):
    ttlib = pytest.importorskip("fontTools.ttLib")
    page = edusummary.render_html(report)
    found = re.search(r"@font-face \{[^}]*url\(data:font/otf;base64,([A-Za-z0-9+/=]+)\)", page)
    assert found, "no embedded font"
    font = ttlib.TTFont(BytesIO(base64.b64decode(found.group(1))))
    cmap = font.getBestCmap()
    chinese = {c for c in page if "\u4e00" <= c <= "\u9fff"}
    assert set("河西区教育局幼儿园德育") <= chinese
    assert {c for c in chinese if ord(c) not in cmap} == set()
    # cut down to the page, not the whole GB 2312 font
    assert len(cmap) < 1000


def test_the_page_falls_back_to_system_fonts_without_fonttools(report, monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "fontTools", None)
    page = edusummary.render_html(report)
    assert "@font-face" not in page and "Noto Sans CJK SC" in page


def test_tab_completion_offers_the_public_names_only():
    names = dir(edusummary)
    assert {"tag", "tag_many", "EdusummaryClassifier", "reading", "__version__"} <= set(names)
    # What the package's own file imports is not offered as if it were part of the API.
    assert "annotations" not in names and "logging" not in names
    assert all(hasattr(edusummary, name) for name in names)


def test_tag_texts_reads_a_one_column_table_of_reports_as_predict_does():
    pd = pytest.importorskip("pandas")
    text = "清水县教育局2023年工作总结\n全县新建公办幼儿园三所，新增学位九百个。"
    frame = pd.DataFrame({"正文": [text] * 3})
    reports = edusummary.tag_texts(frame[["正文"]])
    assert [r.text for r in reports] == [text] * 3
    with pytest.raises(TypeError, match="one column of texts"):
        edusummary.tag_texts(frame.assign(备注="甲"))


def test_a_sheets_empty_cell_is_an_empty_report_named_by_its_row(recwarn):
    pd = pytest.importorskip("pandas")
    sheet = pd.DataFrame(
        {"地区": ["河西区", "云溪县", "石门县", "柳河县"], "正文": [TEXT, None, TEXT, TEXT]},
        index=["B01", "B02", "B03", "B04"],
    )
    kept = sheet[sheet["地区"] != "河西区"]  # rows filtered first: positions shift
    reports = edusummary.tag_texts(kept["正文"])
    assert [len(r.paragraphs) for r in reports] == [0, 4, 4]
    said = [str(w.message) for w in recwarn if w.category is edusummary.EdusummaryWarning]
    assert said == ["texts['B02']: empty; there is nothing to tag"]
    with pytest.raises(TypeError, match=r"\(item 'B04'\) as str, got int"):
        edusummary.tag_texts(pd.Series([TEXT, TEXT, 7], index=kept.index))


def test_summarize_and_tag_many_refuse_a_sheet_and_name_a_bad_item():
    pd = pytest.importorskip("pandas")
    sheet = pd.DataFrame({"编号": ["B01", "B02"], "正文": [TEXT, TEXT]})
    # Iterated, a DataFrame gives its column names, which were taken for files.
    for call in (
        lambda: edusummary.summarize(sheet, progress=False),
        lambda: list(edusummary.tag_many(sheet, n_jobs=1, progress=False)),
    ):
        with pytest.raises(TypeError, match=r"DataFrame of shape \(2, 2\).*tag_texts\(df\["):
            call()
    with pytest.raises(TypeError, match=r"paths\[1\] must be a path, got float: nan"):
        list(edusummary.tag_many(pd.Series(["a.txt", None]), n_jobs=1, progress=False))


def test_a_warning_points_at_the_users_line_so_each_cell_shows_it(recwarn):
    edusummary.predict(["", "全县新建公办幼儿园三所，新增学位九百个。"])
    (shown,) = [w for w in recwarn if w.category is edusummary.EdusummaryWarning]
    assert shown.filename == __file__


def test_reset_while_other_threads_tag_never_hands_them_no_model():
    import sys
    import threading
    import time
    from concurrent.futures import ThreadPoolExecutor

    text = "全县新建公办幼儿园三所，新增学位九百个，学前三年毛入园率达到百分之九十五点三。"
    tagger = edusummary.Tagger()
    tagger.tag(text)
    stop = threading.Event()

    def reset_often():
        while not stop.is_set():
            tagger.reset()
            stop.wait(0.002)

    def tag_for_a_while(_):
        deadline = time.monotonic() + 1.5
        while time.monotonic() < deadline:
            assert tagger.tag(text).paragraphs[0].label == "preschool"

    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-5)  # switch threads often, so that a race shows at once
    resetter = threading.Thread(target=reset_often)
    resetter.start()
    try:
        with ThreadPoolExecutor(3) as pool:
            list(pool.map(tag_for_a_while, range(3)))
    finally:
        stop.set()
        resetter.join()
        sys.setswitchinterval(interval)


def test_paragraphs_go_in_sets_and_a_report_is_indexed_like_its_paragraphs(report):
    assert len(set(report.paragraphs)) == len(report.paragraphs)
    assert report[0] == report.paragraphs[0] and report[-1] == report.paragraphs[-1]
    assert report[1:3] == report.paragraphs[1:3]


def test_a_long_report_shows_its_first_and_last_paragraphs_in_a_notebook():
    lines = ["全县新建公办幼儿园三所，新增学位九百个，学前三年毛入园率达到百分之九十五。",
             "各校开展社会主义核心价值观教育，组织学生参加红色研学活动，评选美德少年一百名。"]
    report = edusummary.tag("\n".join(lines * 1_000))
    page = report._repr_html_()
    assert page.count("<tr><td>") == 60 and "1940 more paragraphs" in page
    assert "<td>1999</td>" in page


def test_a_pickled_report_says_when_its_summary_takes_another_model(small_model):
    import pickle

    text = "全县新建公办幼儿园三所，新增学位九百个。\n各校开展核心价值观教育，组织红色研学。"
    report = pickle.loads(pickle.dumps(edusummary.Tagger(small_model).tag(text)))
    with pytest.warns(edusummary.EdusummaryWarning, match="tagged with another model"):
        report.summary()
    report.summary(small_model)  # the model that tagged it: nothing to say


def test_tagger_options_are_checked_when_it_is_made(tmp_path):
    import numpy as np

    with pytest.raises(edusummary.ModelError, match="no such model file"):
        edusummary.Tagger(tmp_path / "no_such.esm")
    with pytest.raises(ValueError, match="secondary_threshold"):
        edusummary.Tagger(secondary_threshold=True)
    tagger = edusummary.Tagger(low_confidence=np.float32(0.6))
    assert repr(tagger).startswith("Tagger(model='default', secondary_threshold=0.3")


def test_text_passed_as_a_path_is_named_short_with_what_to_do():
    text = "全县新建公办幼儿园三所，新增学位九百个，学前三年毛入园率达到百分之九十五。" * 50
    with pytest.raises(edusummary.ReadError) as raised:
        edusummary.tag_file(text)
    assert len(str(raised.value)) < 250
    assert str(raised.value).endswith("tag text with edusummary.tag(text)")


def test_a_page_embeds_its_font_without_leaving_the_font_file_open(report):
    import gc
    import warnings

    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always", ResourceWarning)
        edusummary.render_html(report)
        gc.collect()
    assert not [w for w in shown if w.category is ResourceWarning]


def test_each_text_of_tag_texts_is_named_in_its_warnings(recwarn):
    edusummary.tag_texts(["一、学前教育", "", "二、义务教育"])
    said = [str(w.message) for w in recwarn if w.category is edusummary.EdusummaryWarning]
    assert [message.split(":")[0] for message in said] == ["texts[0]", "texts[1]", "texts[2]"]
