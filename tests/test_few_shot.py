"""The analyst's correction loop: a topic of one's own learnt from few samples, honest
scores of a retrained model, and the errors that say how to fix the samples."""

from __future__ import annotations

import warnings

import pytest
from conftest import small_records

import edusummary
from edusummary.cli import main
from edusummary.errors import DataError

NEW = "teacher_workforce"
TEACHERS = [
    "全县公开招聘中小学教师八十六名，新教师全部补充到乡村学校和薄弱学校。",
    "评聘中小学高级教师五十二人，职称指标向长期扎根农村的教师倾斜。",
    "落实乡村教师生活补助，按偏远程度每人每月发放三百至六百元不等。",
    "推进县管校聘管理改革，全县统筹核定教职工编制，交流轮岗教师三百余人。",
    "新建教师周转宿舍二百四十套，解决乡镇青年教师住房困难问题。",
    "开展师德师风专项检查，对有偿补课等违规行为实行一票否决。",
]
#: Written for the tests, never trained on.
UNSEEN = [
    ("新建公办幼儿园四所，新增学前学位一千二百个，普惠性幼儿园覆盖率达到八成以上。",
     "preschool"),
    ("各学校深入开展社会主义核心价值观教育，组织学生参加爱国主义主题实践活动。",
     "moral_education"),
]


def pairs():
    return [(r["text"], r["label"]) for r in small_records()]


@pytest.fixture(scope="module")
def custom():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", edusummary.EdusummaryWarning)
        return edusummary.train(
            pairs() + [(t, NEW) for t in TEACHERS], labels=[*edusummary.LABELS, NEW],
            min_df=1, folds=3,
        )


@pytest.mark.parametrize(
    ("rows", "labels", "message"),
    [
        ([(t, NEW) for t in TEACHERS], None,
         rf"'{NEW}' \(6 rows, the first at row \d+\); declare them .*--label {NEW} .*"
         rf"labels=\[\*edusummary.LABELS, '{NEW}'\]"),
        ([(TEACHERS[0], "师资"), (TEACHERS[1], NEW)], [*edusummary.LABELS, NEW],
         r"'师资' \(1 row, the first at row \d+\).*--label 师资"),
        # A topic's Chinese name cut short is a slip for it, not a topic to declare.
        ([(TEACHERS[0], "学前")], None,
         r"'学前' \(1 row, the first at row \d+; did you mean 'preschool'\?\)$"),
    ],
    ids=["a new label not declared", "one of two new labels not declared",
         "a Chinese name cut short"],
)
def test_an_undeclared_label_is_an_error_that_says_how_to_declare_it(rows, labels, message):
    with pytest.raises(DataError, match=message):
        edusummary.train(pairs() + rows, labels=labels, min_df=1, folds=3)


def test_training_records_the_samples_cross_validated_scores_and_row_hashes(custom):
    data = custom.metadata["training_data"]
    assert len(data["row_hashes"]) == data["records"] == 21
    samples = custom.metadata["cross_validation"]["samples"]
    assert samples[NEW]["samples"] == len(TEACHERS)
    assert set(samples[NEW]) == {"samples", "precision", "recall", "f1"}


@pytest.mark.parametrize(
    ("samples", "include", "outcome"),
    [
        (UNSEEN, False, {"n": 2, "trained_on": 0, "warning": None}),
        (UNSEEN + pairs()[:3], False, {"n": 2, "trained_on": 3, "warning": "left out"}),
        (UNSEEN + pairs()[:3], True, {"n": 5, "trained_on": 3, "warning": "optimistic"}),
        (pairs(), False, {"error": "trained on all 15 samples"}),
    ],
    ids=["unseen only", "some trained on", "trained on, included", "all trained on"],
)
def test_evaluate_scores_only_samples_the_model_has_not_seen(custom, samples, include, outcome):
    if "error" in outcome:
        with pytest.raises(DataError, match=outcome["error"]):
            edusummary.evaluate(custom, samples, include_trained=include)
        return
    with warnings.catch_warnings(record=True) as shown:
        warnings.simplefilter("always")
        result = edusummary.evaluate(custom, samples, include_trained=include)
    messages = [str(w.message) for w in shown if w.category is edusummary.EdusummaryWarning]
    assert (result.n, result.trained_on) == (outcome["n"], outcome["trained_on"])
    if outcome["warning"]:
        assert any(outcome["warning"] in m for m in messages), messages
        assert outcome["warning"] in result.to_text()
    else:
        assert messages == []


def test_compare_leaves_out_what_either_model_was_trained_on(custom, small_model):
    with pytest.warns(edusummary.EdusummaryWarning, match="3 of 5 samples"):
        result = edusummary.compare(small_model, custom, UNSEEN + pairs()[:3])
    assert result.new.n == result.old.n == 2
    assert "left out" in result.to_text()


def test_cli_train_prints_the_samples_cross_validated_scores(small_jsonl, tmp_path, capsys):
    sheet = tmp_path / "mine.csv"
    sheet.write_text(
        "text,label\n" + "".join(f"{t},{NEW}\n" for t in TEACHERS), encoding="utf-8-sig"
    )
    out = tmp_path / "m.esm"
    assert main(
        ["train", str(small_jsonl), "--add", str(sheet), "--label", NEW, "-o", str(out)]
    ) == 0
    printed = capsys.readouterr().out
    assert "your samples, cross-validated" in printed and NEW in printed
    # The precision is not about the samples alone, and the printout says so.
    assert "precision on every paragraph the model gave the label" in printed


def test_a_label_with_few_paragraphs_is_warned_of_by_name_and_count():
    # Two samples of a new topic changed every label's cross-validation, silently.
    rows = pairs() * 4 + [(t, NEW) for t in TEACHERS[:2]]  # 12 of each shipped label
    rows = [(f"{text}第{i}次。", label) for i, (text, label) in enumerate(rows)]
    with pytest.warns(edusummary.EdusummaryWarning) as shown:
        edusummary.train(rows, labels=[*edusummary.LABELS, NEW], min_df=1, folds=3)
    (message,) = [str(w.message) for w in shown]
    assert message.startswith(
        f"'{NEW}' has 2 paragraphs to train on: too few to learn or to score; about 10 or "
        "more per label advised (with fewer, the cross-validation of every label runs in "
        "fewer folds"
    )
    with warnings.catch_warnings():
        warnings.simplefilter("error", edusummary.EdusummaryWarning)
        edusummary.train(rows[:-2], min_df=1, folds=3, calibrate=False)
