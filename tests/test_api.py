"""The public API contract of issue 3: names, types and behaviour users rely on."""

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPORT, SMALL_SET

import edusummary


def test_tag_labels_every_paragraph_of_a_report():
    report = edusummary.tag(REPORT)
    assert isinstance(report, edusummary.Report)
    assert report.source is None
    assert len(report.paragraphs) >= 4
    for i, p in enumerate(report.paragraphs):
        assert p.index == i
        assert p.label in edusummary.LABELS
        assert p.labels[0] == p.label
        assert set(p.scores) == set(edusummary.LABELS)
        assert sum(p.scores.values()) == pytest.approx(1.0)
        assert p.confidence == p.scores[p.label]
        assert REPORT[p.start : p.end].replace("\n", "") == p.text


def test_tag_keeps_headings_as_context():
    report = edusummary.tag(REPORT)
    first = report.paragraphs[0]
    assert first.heading == "一、学前教育"
    assert "一、学前教育" in [h.text for h in report.headings]


def test_tag_gets_the_topics_of_a_written_report_right():
    labels = [p.label for p in edusummary.tag(REPORT).paragraphs]
    assert labels[0] == "preschool"
    assert labels[1] == "compulsory_balance"


@pytest.mark.filterwarnings("ignore:text. no paragraph to tag")
def test_a_string_is_always_text_never_a_path(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    with pytest.warns(edusummary.EdusummaryWarning, match=r"use tag_file\(path\)"):
        report = edusummary.tag(str(path))
    assert report.paragraphs == [] or all(p.text != REPORT for p in report.paragraphs)
    with pytest.raises(TypeError, match="tag_file"):
        edusummary.tag(path)


def test_tag_file_reads_and_sets_the_source(tmp_path):
    path = tmp_path / "report.txt"
    path.write_bytes(REPORT.encode("gb18030"))
    for given in (path, str(path)):
        report = edusummary.tag_file(given)
        assert report.source == str(path)
        assert report.encoding == "gb18030"
        assert [p.text for p in report.paragraphs] == [
            p.text for p in edusummary.tag(REPORT).paragraphs
        ]


def test_predict_shape_and_order():
    texts = ["幼儿园保教质量评估全面完成。", "开展校园安全隐患排查整治。"]
    results = edusummary.predict(texts, k=2)
    assert isinstance(results, edusummary.Predictions) and len(results) == 2
    for result in results:
        assert len(result) == 2
        (l1, p1), (_, p2) = result
        assert isinstance(l1, str) and isinstance(p1, float) and p1 >= p2


def test_load_model_default_and_path(tmp_path):
    model = edusummary.load_model()
    assert isinstance(model, edusummary.Model)
    path = model.save(tmp_path / "copy.esm")
    again = edusummary.load_model(path)
    texts = ["全县中小学开展爱国主义教育活动。"]
    assert again.predict(texts, k=1, threshold=0.0) == model.predict(texts)


def test_a_tagger_with_its_own_model(small_model):
    tagger = edusummary.Tagger(small_model)
    report = tagger.tag(REPORT)
    assert set(report.paragraphs[0].scores) == set(small_model.labels)
    tagger.reset()  # a model object given directly is kept
    assert tagger.model is small_model


def test_use_model_switches_the_model_behind_the_top_level_functions(small_model, tmp_path):
    # Assigning edusummary.default_tagger changed nothing, and nothing else was offered.
    text = "全县各中小学开展社会主义核心价值观主题教育，建立家长学校，配齐心理健康教师。"
    rows = [(t, label) for label in ("preschool", "other") for t in SMALL_SET[label]]
    mine = edusummary.train(rows, min_df=1, calibrate=False)
    path = mine.save(tmp_path / "我的模型.esm")
    try:
        edusummary.use_model(mine)
        assert edusummary.predict([text]).labels == mine.predict([text]).labels
        assert set(edusummary.tag(text).labels) == {"preschool", "other"}
        edusummary.use_model(path)
        assert edusummary.tag(text).paragraphs[0].scores.keys() == {"preschool", "other"}
        with pytest.raises(TypeError, match="got int"):
            edusummary.use_model(3)
        with pytest.raises(edusummary.ModelError, match="no such model file"):
            edusummary.use_model(tmp_path / "none.esm")
    finally:
        edusummary.use_model(None)
    assert edusummary.tag(text).labels == edusummary.LABELS


def test_a_tag_call_uses_one_model_while_another_thread_switches_it(small_model, tmp_path,
                                                                     monkeypatch):
    # Scored by one model and named by the next: a 2-label model swapped in halfway raised
    # a ValueError from zip, one of the same size named paragraphs with its labels.
    import threading

    two = edusummary.Model(("甲类", "乙类"), small_model.features, small_model.coef[:2],
                           small_model.intercept[:2])
    text = "\n".join(SMALL_SET["preschool"] + SMALL_SET["moral_education"])
    expected = edusummary.Tagger(small_model).tag(text)
    path = tmp_path / "报告.txt"
    path.write_text(text, encoding="utf-8")
    scoring = type(small_model).predict_proba_with_sentences

    def switched_meanwhile(model, *args):
        if model is small_model:
            switch = threading.Thread(target=edusummary.use_model, args=(two,))
            switch.start()
            switch.join()
        return scoring(model, *args)

    monkeypatch.setattr(type(small_model), "predict_proba_with_sentences", switched_meanwhile)
    calls = {
        "tag": lambda: edusummary.tag(text),
        "tag_texts": lambda: edusummary.tag_texts([text])[0],
        "tag_file": lambda: edusummary.tag_file(path),
        "iter_paragraphs": lambda: list(edusummary.default_tagger.iter_paragraphs(path)),
    }
    try:
        for name, call in calls.items():
            edusummary.use_model(small_model)
            got = call()
            paragraphs = got if name == "iter_paragraphs" else got.paragraphs
            assert [(p.label, p.labels, p.scores) for p in paragraphs] == [
                (p.label, p.labels, p.scores) for p in expected.paragraphs
            ], name
            if name != "iter_paragraphs":
                assert got.model is small_model and got.labels == small_model.labels, name
            assert edusummary.default_tagger.model is two, name
    finally:
        edusummary.use_model(None)


def test_secondary_labels_follow_the_threshold():
    tagger = edusummary.Tagger(secondary_threshold=0.01)
    for p in tagger.tag(REPORT).paragraphs:
        assert list(p.labels[1:]) == sorted(
            (label for label in p.scores if label != p.label and p.scores[label] >= 0.01),
            key=p.scores.__getitem__,
            reverse=True,
        )


OVERVIEW = (
    "全县新建公办幼儿园五所，学前三年毛入园率达到百分之九十二。"
    "推进课堂教学改革，全县推行问题导学模式，各校每周开展校本教研。"
    "加强师德师风建设，开展党风廉政教育，严肃查处违规办学行为。"
)


def test_topics_that_take_a_sentence_are_secondary_labels():
    (paragraph,) = edusummary.tag(OVERVIEW).paragraphs
    assert paragraph.label == "other"
    assert set(paragraph.labels[1:]) == {"preschool", "teaching_reform"}
    # Ordered by the paragraph's own probabilities, as threshold-based labels are.
    assert list(paragraph.labels[1:]) == sorted(
        paragraph.labels[1:], key=paragraph.scores.__getitem__, reverse=True
    )
    (plain,) = edusummary.Tagger(sentence_threshold=None).tag(OVERVIEW).paragraphs
    assert plain.labels == ("other",)
    assert plain.scores == pytest.approx(paragraph.scores)


def test_a_one_sentence_paragraph_gets_no_labels_from_its_sentence():
    text = "全县新建公办幼儿园五所，新增学位一千二百个，学前三年毛入园率达到百分之九十二。"
    (paragraph,) = edusummary.tag(text).paragraphs
    assert paragraph.labels == ("preschool",)


@pytest.mark.parametrize("value", [0, 1.5, "0.9"])
def test_a_sentence_threshold_out_of_range_is_refused(value):
    expected = f"sentence_threshold must be a number in \\(0, 1\\], got {value!r}"
    with pytest.raises(ValueError, match=expected):
        edusummary.Tagger(sentence_threshold=value)


def test_the_default_model_loads_lazily_and_once():
    code = (
        "import edusummary, edusummary.reports.tagging as t\n"
        "calls = []\n"
        "real = t.load_model\n"
        "t.load_model = lambda p=None: calls.append(p) or real(p)\n"
        "assert edusummary.default_tagger._model is None\n"
        "edusummary.predict(['全县新建幼儿园五所。'])\n"
        "edusummary.tag('全县中小学开展课堂教学改革，推广导学案教学模式。')\n"
        "assert len(calls) == 1, calls\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_importing_prints_nothing_and_adds_no_handlers():
    code = (
        "import logging, edusummary\n"
        "edusummary.predict(['全县新建幼儿园五所，学前三年毛入园率达到九成。'])\n"
        "handlers = logging.getLogger('edusummary').handlers\n"
        "assert all(isinstance(h, logging.NullHandler) for h in handlers), handlers\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout == "" and done.stderr == ""


def test_every_error_derives_from_edusummary_error():
    for error in (edusummary.ReadError, edusummary.DataError, edusummary.ModelError):
        assert issubclass(error, edusummary.EdusummaryError)


def test_the_shipped_model_exists():
    from edusummary.model.shipped import default_model_path

    assert Path(default_model_path()).is_file()


@pytest.mark.parametrize("model", [5, ["model.esm"], b"model.esm"])
def test_a_tagger_refuses_what_is_no_model_when_built(model):
    # It was accepted, and the first tag failed deep in the loading with pathlib's error.
    with pytest.raises(TypeError, match="model must be a Model, a model file"):
        edusummary.Tagger(model)


def test_type_hints_take_the_texts_generators_give_and_name_the_estimator():
    # predict(generator) worked but type checkers flagged it (Sequence[str]), and the lazily
    # loaded EdusummaryClassifier was Any to them.
    import ast
    import typing
    from collections.abc import Iterable

    for function in (
        edusummary.Tagger.predict, edusummary.Tagger.tag_texts, edusummary.Model.predict,
        edusummary.Model.predict_proba, edusummary.Model.decision_function,
        edusummary.Model.predict_proba_with_sentences,
    ):
        assert typing.get_type_hints(function)["texts"] == Iterable[str], function.__qualname__
    texts = (t for t in ["全县新建公办幼儿园两所，学前三年毛入园率达到百分之九十三。"])
    assert edusummary.load_model().predict_proba(texts).shape == (1, 5)
    tree = ast.parse(Path(edusummary.__file__).read_text(encoding="utf-8"))
    checked = [
        alias.name
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
        for statement in node.body if isinstance(statement, ast.ImportFrom)
        for alias in statement.names
    ]
    assert checked == ["EdusummaryClassifier"]
    assert "sklearn" not in subprocess.run(
        [sys.executable, "-c", "import sys, edusummary; print(sorted(sys.modules))"],
        capture_output=True, text=True, check=True,
    ).stdout


def test_a_sheet_of_reports_is_tagged_row_by_row_and_written_back_as_the_readme_shows(tmp_path):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("openpyxl")
    sheet = pd.DataFrame({
        "编号": ["R7", "R9"],
        "地区": ["清溪县", "柳河县"],
        "正文": [
            "清溪县教育局2023年工作总结\n全县新建公办幼儿园3所，新增学位900个，学前三年毛入园率达到93.5%。",
            # A DOS end-of-file mark left in pasted text: pandas' to_excel fails on it.
            "全面推进课堂教学改革，开展集体备课和优质课评选\x1a，教师教学能力明显提高。",
        ],
    })
    reports = edusummary.tag_texts(sheet["正文"], names=sheet["编号"])
    columns = sheet.drop(columns="正文").astype({"编号": str})  # names are text
    summaries = edusummary.summarize(reports).merge(columns, left_on="report", right_on="编号")
    path = edusummary.write_table(summaries, tmp_path / "summary.xlsx")
    paragraphs = pd.concat(r.to_frame().assign(编号=r.name) for r in reports)
    assert list(paragraphs["编号"]) == ["R7", "R9"]
    back = pd.read_excel(path)
    # The first report has a title: the name given, not the title, joins it to its row.
    assert list(back.drop_duplicates("编号")["地区"]) == ["清溪县", "柳河县"]
    assert len(back) == 2 * len(edusummary.LABELS)
    with pytest.raises(ValueError, match="got 1 names for 2 texts"):
        edusummary.tag_texts(sheet["正文"], names=["R7"])
    # A column of numbers with an empty cell, which pandas makes float: 1001, not 1001.0;
    # the report of no id keeps its title as its name.
    numbers = pd.Series([1001, None], dtype="float64")
    assert [r.summary().name for r in edusummary.tag_texts(sheet["正文"], names=numbers)] == [
        "1001", "report"
    ]


def test_write_table_joins_a_paragraphs_labels_and_flags_as_the_cli_does(tmp_path):
    pd = pytest.importorskip("pandas")
    report = edusummary.tag(
        "全县新建公办幼儿园5所，新增学位1200个，学前三年毛入园率达到93%。改造农村薄弱学校12所，"
        "县域义务教育优质均衡发展通过省级评估，城乡学校办学条件差距进一步缩小。"
    )
    assert len(report.paragraphs[0].labels) == 2
    path = edusummary.write_table(report.to_frame(), tmp_path / "paragraphs.csv")
    back = pd.read_csv(path, keep_default_na=False)
    # Python's list reprs (['preschool', 'other']) had been written, which train --add
    # does not read back as labels.
    assert not back["labels"].str.contains(r"[\[']").any()
    assert back["labels"][0] == "|".join(report.paragraphs[0].labels)
