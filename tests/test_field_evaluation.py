"""Field cases for scoring and saving models as an analyst does: gold sheets with a label of
their own, two models compared either way round, a model saved over the wrong file, data
without batches, and bad arguments."""

from __future__ import annotations

import csv

import pytest
from conftest import SMALL_SET, small_records

import edusummary
from edusummary.errors import DataError, ModelError

# Written for these tests: paragraphs on teachers, a label an analyst adds.
TEACHERS = [
    "公开招聘中小学教师六十名，优先补充农村学校紧缺的音体美学科教师。",
    "实施县管校聘改革，全县交流轮岗校长和骨干教师一百二十人次。",
    "评聘中小学高级职称教师四十人，乡村教师职称评聘向一线倾斜。",
    "开展师德师风专题教育，建立教师师德档案，查处有偿补课行为两起。",
]


@pytest.fixture(scope="module")
def teacher_model():
    rows = [(r["text"], r["label"]) for r in small_records()]
    rows += [(text, "teacher_workforce") for text in TEACHERS]
    return edusummary.train(rows, labels=[*edusummary.LABELS, "teacher_workforce"], min_df=1,
                            folds=3)


def gold_sheet(path, rows):
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label", "labels"])
        writer.writerows(rows)
    return path


# Written for these tests: gold paragraphs the small models were not trained on.
PRESCHOOL = "县城新建公办幼儿园两所，增加学前学位六百个，缓解城区入园难。"
TEACHER = "招聘特岗教师三十名，全部分配到偏远村小和教学点任教。"


def test_collapse_reads_gold_labels_as_it_reads_predicted_ones(teacher_model, tmp_path):
    sheet = gold_sheet(tmp_path / "gold.csv", [
        (PRESCHOOL, "preschool", ""), (TEACHER, "teacher_workforce", ""),
    ])
    plain = edusummary.evaluate(teacher_model, sheet, include_trained=True)
    collapsed = edusummary.evaluate(
        teacher_model, sheet, collapse={"teacher_workforce": "other"}, include_trained=True
    )
    assert plain.accuracy == 1.0
    # The teacher paragraph, right as teacher_workforce, is right as other when collapsed.
    assert collapsed.accuracy == 1.0 and collapsed.in_gold_labels == 1.0
    assert "teacher_workforce" not in collapsed.labels


def test_the_shipped_model_scores_a_sheet_with_the_analysts_label_when_told_its_place(tmp_path):
    sheet = gold_sheet(tmp_path / "gold.csv", [
        (PRESCHOOL, "preschool", ""), (TEACHER, "teacher_workforce", ""),
    ])
    with pytest.raises(DataError, match=r"'teacher_workforce' \(1 row, the first at .*row 3\)"):
        edusummary.evaluate("default", sheet)
    scored = edusummary.evaluate("default", sheet, collapse={"teacher_workforce": "other"})
    assert scored.n == 2


def test_a_chinese_label_name_is_the_label_it_names_and_a_slip_is_refused(tmp_path):
    sheet = gold_sheet(tmp_path / "gold.csv", [(PRESCHOOL, "学前教育", "")])
    assert edusummary.evaluate("default", sheet).n == 1
    slip = gold_sheet(tmp_path / "slip.csv", [(PRESCHOOL, "preschol", "")])
    with pytest.raises(DataError, match="did you mean 'preschool'"):
        edusummary.evaluate("default", slip)


def test_an_unknown_secondary_label_is_refused_not_dropped(tmp_path):
    sheet = gold_sheet(tmp_path / "gold.csv", [
        (PRESCHOOL, "preschool", ""), (TEACHER, "other", "other|teacher_workforce"),
    ])
    with pytest.raises(DataError, match="rows carry labels the model does not have"):
        edusummary.evaluate("default", sheet)


@pytest.mark.parametrize("order", ["old first", "new first"])
def test_compare_takes_the_labels_of_either_model(teacher_model, tmp_path, order):
    sheet = gold_sheet(tmp_path / "gold.csv", [
        (PRESCHOOL, "preschool", ""), (TEACHER, "teacher_workforce", ""),
    ])
    models = ["default", teacher_model] if order == "old first" else [teacher_model, "default"]
    comparison = edusummary.compare(*models, sheet)
    assert comparison.new.n == 2


def test_compare_scores_models_of_other_label_sets_on_the_labels_they_share(
    teacher_model, tmp_path
):
    sheet = gold_sheet(tmp_path / "gold.csv", [
        (PRESCHOOL, "preschool", ""), (TEACHER, "teacher_workforce", ""),
    ])
    comparison = edusummary.compare("default", teacher_model, sheet)
    assert comparison.shared_labels == ("preschool",)
    shared = comparison.shared_macro_f1()
    assert shared == tuple(e.per_label["preschool"]["f1"] for e in (comparison.old, comparison.new))
    lines = comparison.to_text().splitlines()
    # The shipped model has no teacher_workforce: no F1, not 0.000.
    (row,) = [line for line in lines if line.startswith("teacher_workforce")]
    assert row.split()[1] == "—"
    assert any(line.startswith("macro_f1 (shared labels)") for line in lines)
    assert comparison.to_dict()["shared_macro_f1"] == {"old": shared[0], "new": shared[1]}


def test_save_refuses_to_write_a_model_over_a_labelled_sheet(small_model, tmp_path):
    sheet = gold_sheet(tmp_path / "mine.csv", [(PRESCHOOL, "preschool", "")])
    before = sheet.read_bytes()
    with pytest.raises(ModelError, match="exists and is not a model file"):
        small_model.save(sheet)
    assert sheet.read_bytes() == before
    small_model.save(tmp_path / "model.esm")
    small_model.save(tmp_path / "model.esm")  # a model over a model: a retrained one
    small_model.save(sheet, overwrite=True)
    assert edusummary.load_model(sheet).labels == small_model.labels


def test_data_without_batches_is_not_said_to_hold_batches_out():
    # Rows of a sheet or a DataFrame carry no source: a split by record, said as one.
    rows = [(text, label) for label, texts in SMALL_SET.items() for text in texts]
    rows += [(text + "今年继续推进。", label) for text, label in rows]
    model = edusummary.train(rows, min_df=1, folds=3)
    assert model.metadata["cross_validation"]["held_out"] == "records"


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda m: m.explain(PRESCHOOL, top=0), "top must be a positive int"),
        (lambda m: m.explain(PRESCHOOL, top=-1), "top must be a positive int"),
        (lambda m: m.predict([PRESCHOOL], threshold=True), "threshold must be a number"),
    ],
    ids=["top=0", "top=-1", "threshold=True"],
)
def test_bad_arguments_are_refused(small_model, call, message):
    with pytest.raises(ValueError, match=message):
        call(small_model)


def test_explain_top_none_gives_every_term(small_model):
    every = small_model.explain(PRESCHOOL, top=None)["preschool"]
    assert len(every) > 10 == len(small_model.explain(PRESCHOOL)["preschool"])


def test_a_model_may_be_saved_over_an_empty_file(small_model, tmp_path):
    placeholder = tmp_path / "model.esm"
    placeholder.write_bytes(b"")  # as tempfile.NamedTemporaryFile leaves it
    small_model.save(placeholder)
    assert edusummary.load_model(placeholder).labels == small_model.labels


def test_compare_with_no_label_shared_by_samples_and_both_models_shows_no_macro(
    teacher_model, tmp_path
):
    sheet = gold_sheet(tmp_path / "gold.csv", [(TEACHER, "teacher_workforce", "")])
    comparison = edusummary.compare("default", teacher_model, sheet)
    assert comparison.shared_macro_f1() == (None, None)
    (row,) = [line for line in comparison.to_text().splitlines() if "shared labels" in line]
    assert row.split()[-3:] == ["—", "—", "—"]


# Written for these tests: a small held-out set, one paragraph a label.
FEW = [
    (PRESCHOOL, "preschool"),
    ("全县农村寄宿制学校全部达到省定办学标准，义务教育阶段学校班额全部控制在国家标准以内。",
     "compulsory_balance"),
    ("推行大单元教学和跨学科主题学习，全县评选课堂教学改革示范课例四十节。", "teaching_reform"),
    ("开展“学雷锋”志愿服务和红色研学活动，培育学生的家国情怀和社会责任感。", "moral_education"),
    ("完成教育系统年度财务决算和内部审计，规范学校食堂财务管理。", "other"),
]


def test_scores_on_a_few_samples_say_how_much_one_paragraph_moves_them(small_model):
    evaluation = edusummary.evaluate(small_model, FEW)
    text = evaluation.to_text()
    assert "5 samples are few: one paragraph moves accuracy by 0.200" in text
    wrong = evaluation.n - round(evaluation.accuracy * evaluation.n)
    if wrong and evaluation.review["recall"]:
        assert f" of {wrong}), precision" in text


def test_labels_the_model_cannot_give_are_named_with_their_samples():
    rows = [(r["text"], r["label"]) for r in small_records() if r["label"] in
            ("preschool", "compulsory_balance", "other")]
    model = edusummary.train(rows, labels=["preschool", "compulsory_balance", "other"],
                             min_df=1, calibrate=False)
    evaluation = edusummary.evaluate(model, FEW)
    assert evaluation.unknown_to_model == ("moral_education", "teaching_reform")
    assert ("the model has no label moral_education, teaching_reform: 2 samples with it count "
            "as mistakes") in evaluation.to_text()
    assert evaluation.to_dict()["unknown_to_model"] == ["moral_education", "teaching_reform"]


def test_a_review_flag_that_flagged_nothing_has_no_precision():
    from edusummary.model.evaluation import score

    evaluation = score(
        ["preschool", "other"], ["preschool", "preschool"], [0.95, 0.97],
        ["preschool", "other"], review_at=0.5,
    )
    assert "catches 0.0% of mistakes (0 of 1), precision —" in evaluation.to_text()
