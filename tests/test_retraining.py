"""Retraining on an analyst's own samples: input forms, rejected rows, custom labels,
evaluation, comparison, suggestions, explanations."""

import csv
import json
import os
import re
from pathlib import Path

import pytest
from conftest import REPORT, SHARED, SMALL_SET, small_records

import edusummary
from edusummary.cli import main
from edusummary.errors import DataError

# A topic of the analyst's own, written for these tests.
TEACHERS = [
    "今年公开招聘中小学教师一百二十名，其中音体美教师三十名，全部充实到乡镇学校。",
    "完善中小学教师职称评审办法，向长期在农村任教的教师倾斜，评聘高级教师四十六人。",
    "开展师德师风专项整治，查处有偿补课问题三起，师德考核结果与评优晋级挂钩。",
    "落实教师工资待遇保障机制，义务教育教师平均工资不低于当地公务员平均工资水平。",
    "组织全县教师参加继续教育培训，完成国培省培项目九个，参训教师两千三百人次。",
    "实施县管校聘改革，核定学校编制和岗位，全县中小学教职工编制实现动态调整。",
]
TEACHER_LABEL = "teacher_workforce"


def teacher_rows():
    return [(text, TEACHER_LABEL) for text in TEACHERS]


def pairs():
    return [(r["text"], r["label"]) for r in small_records()]


def test_samples_as_pairs_dicts_records_and_data_frames():
    pd = pytest.importorskip("pandas")
    as_pairs = edusummary.load_samples(pairs())
    as_dicts = edusummary.load_samples(small_records())
    as_records = edusummary.load_samples(as_pairs.records)
    as_frame = edusummary.load_samples(pd.DataFrame(small_records()))
    for loaded in (as_pairs, as_dicts, as_records, as_frame):
        assert loaded.problems == []
        assert [r.label for r in loaded.records] == [r["label"] for r in small_records()]


def test_samples_from_csv_and_excel_sheets(tmp_path):
    path = tmp_path / "mine.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["text", "label", "labels"])
        writer.writeheader()
        for text, label in pairs():
            writer.writerow({"text": text, "label": label, "labels": ""})
        writer.writerow({"text": TEACHERS[0], "label": "other", "labels": "other|preschool"})
    loaded = edusummary.load_samples(path)
    assert loaded.problems == [] and len(loaded.records) == 16
    assert loaded.records[-1].labels == ("other", "preschool")

    pd = pytest.importorskip("pandas")
    pytest.importorskip("openpyxl")
    excel = tmp_path / "mine.xlsx"
    pd.DataFrame(small_records())[["text", "label"]].to_excel(excel, index=False)
    assert len(edusummary.load_samples(excel).records) == 15


# Written for these tests: a sheet whose labels column is filled in for one row only.
PARTLY_LABELLED = [
    ("开展教育系统作风建设年活动，组织师生参加清明祭扫和国防教育主题活动。", "other",
     "other|moral_education"),
    ("城关第二幼儿园完成改扩建并投入使用，新增保教班级八个，可容纳幼儿二百四十名。",
     "preschool", ""),
    ("组织全县初中数学教师开展同课异构研讨，推广分层作业设计，提高课堂教学效率。",
     "teaching_reform", ""),
]


def test_empty_cells_of_a_data_frame_mean_the_primary_label_only(tmp_path):
    pd = pytest.importorskip("pandas")
    path = tmp_path / "mine.csv"
    pd.DataFrame(PARTLY_LABELLED, columns=["text", "label", "labels"]).to_csv(path, index=False)
    frame = pd.read_csv(path)
    assert frame["labels"].isna().sum() == 2  # pandas reads the empty cells as NaN
    loaded = edusummary.load_samples(frame)
    assert loaded.problems == []
    assert [r.labels for r in loaded.records] == [
        ("other", "moral_education"), ("preschool",), ("teaching_reform",)
    ]
    assert loaded.records == edusummary.load_samples(path).records


@pytest.mark.parametrize(
    ("columns", "missing"),
    [
        pytest.param(["Text", " LABEL "], None, id="capitalised"),
        pytest.param(["文本", "标签"], None, id="chinese"),
        pytest.param(["摘要", "标签"], "text", id="no-text"),
        pytest.param(["text", "备注"], "label", id="no-label"),
    ],
)
def test_a_data_frame_has_the_columns_a_sheet_would(tmp_path, columns, missing):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("openpyxl")
    frame = pd.DataFrame([row[:2] for row in PARTLY_LABELLED], columns=columns)
    sheet = tmp_path / "mine.xlsx"
    frame.to_excel(sheet, index=False)
    if missing is None:
        loaded = edusummary.load_samples(frame)
        assert loaded.problems == [] and len(loaded.records) == 3
        assert loaded.records == edusummary.load_samples(sheet).records
        return
    for samples in (frame, sheet):
        with pytest.raises(DataError, match=f"no .*'{missing}' column"):
            edusummary.load_samples(samples)


def test_bad_rows_are_reported_with_their_row_numbers(tmp_path):
    path = tmp_path / "mine.csv"
    rows = [
        {"text": TEACHERS[0], "label": "teachers"},
        {"text": "", "label": "other"},
        {"text": SMALL_SET["other"][0], "label": "other"},
        {"text": SMALL_SET["other"][0], "label": "other"},
        {"text": "师德建设", "label": "other"},
        {"text": TEACHERS[1], "label": ""},
    ]
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=["text", "label"])
        writer.writeheader()
        writer.writerows(rows)
    loaded = edusummary.load_samples(path)
    assert len(loaded.records) == 1
    problems = "\n".join(loaded.problems)
    assert f"{path}:row 2: unknown label 'teachers'" in problems
    assert f"{path}:row 3: 'text' must be a non-empty string" in problems
    assert f"{path}:row 5: duplicate of {path}:row 4\n" in problems
    assert f"{path}:row 6: only 4 Chinese characters" in problems
    assert f"{path}:row 7: no label given" in problems
    with pytest.raises(DataError, match="5 bad rows"):
        edusummary.load_samples(path, strict=True)


def test_retraining_on_the_shipped_data_plus_samples():
    model = edusummary.train(pairs(), base="default", calibrate=False)
    shipped = edusummary.read_records(edusummary.model.shipped.default_data_path())
    data = model.metadata["training_data"]
    # The small set shares no text with the shipped data, so every sample is added.
    assert data["records"] == len(shipped) + 15


def test_a_custom_label_end_to_end(tmp_path, capsys):
    labels = [*edusummary.LABELS, TEACHER_LABEL]
    model = edusummary.train(pairs() + teacher_rows(), labels=labels, min_df=1, folds=3)
    assert model.labels == (*edusummary.LABELS, TEACHER_LABEL)
    (best,) = model.predict(["新招聘教师八十名，评聘中级职称教师五十人，师德考核全部合格。"])[0]
    assert best[0] == TEACHER_LABEL

    report = edusummary.Tagger(model).tag(REPORT)
    assert all(set(p.scores) == set(labels) for p in report.paragraphs)

    path = model.save(tmp_path / "custom.esm")
    assert edusummary.load_model(path).labels == model.labels
    samples = tmp_path / "samples.jsonl"
    samples.write_text(
        "".join(
            json.dumps({"text": t, "label": lab}, ensure_ascii=False) + "\n"
            for t, lab in pairs() + teacher_rows()
        ),
        encoding="utf-8",
    )
    assert main(
        ["evaluate", str(samples), "--model", str(path), "--json", "--include-trained"]
    ) == 0
    scores = json.loads(capsys.readouterr().out)
    assert TEACHER_LABEL in scores["per_label"]

    reports = tmp_path / "report.txt"
    reports.write_text(REPORT + "\n" + TEACHERS[2] + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["tag", str(reports), "--model", str(path), "-o", str(out), "-q"]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[-1]["label"] == TEACHER_LABEL


def test_without_declaring_it_a_new_label_is_an_error_saying_how_to_declare_it():
    with pytest.raises(DataError, match=f"--label {TEACHER_LABEL}.*labels=") as info:
        edusummary.train(pairs() + teacher_rows(), min_df=1, folds=3)
    first = len(pairs())  # where the first of them stands, so that it can be found
    assert f"'{TEACHER_LABEL}' ({len(TEACHERS)} rows, the first at row {first})" in str(
        info.value
    )


@pytest.mark.parametrize(
    "call",
    [edusummary.load_samples, edusummary.train, edusummary.cross_validate],
    ids=["load_samples", "train", "cross_validate"],
)
def test_labels_must_be_a_list_of_label_names(call):
    with pytest.raises(TypeError, match="labels must be a list of label names, got a str"):
        call(pairs(), labels="other")
    for bad in (5, "", "  "):
        message = re.escape(f"label names must be non-empty strings, got [{bad!r}]")
        with pytest.raises(ValueError, match=message):
            call(pairs(), labels=[*edusummary.LABELS, bad])


@pytest.mark.parametrize("slip", ["Teacher_Workforce", " teacher workforce", "teacher_workfroce"])
def test_a_label_spelt_differently_from_a_declared_one_is_named(slip):
    rows = pairs() + teacher_rows()[1:] + [(TEACHERS[0], slip)]
    with pytest.raises(DataError, match=f"did you mean '{TEACHER_LABEL}'\\?") as info:
        edusummary.train(rows, labels=[*edusummary.LABELS, TEACHER_LABEL], calibrate=False)
    assert "declare" not in str(info.value)


@pytest.mark.parametrize(
    ("slip", "meant"), [("ｐｒｅｓｃｈｏｏｌ", "preschool"), ("其他", "other")]
)
def test_a_full_width_or_chinese_label_is_answered_with_the_label_it_means(slip, meant):
    # The advice was to declare it as a label of one's own: a second "other".
    rows = [*pairs(), (TEACHERS[0], slip)]
    with pytest.raises(DataError, match=f"did you mean '{meant}'\\?") as info:
        edusummary.train(rows, calibrate=False)
    assert "declare" not in str(info.value)


@pytest.mark.parametrize("twin", ["学前教育", "學前教育", "Preschool"])
def test_declaring_a_shipped_label_a_second_time_under_another_name_is_refused(twin):
    # It trained as a sixth topic that split the kindergarten samples with preschool.
    message = f"label '{twin}' is the shipped label 'preschool' (学前教育) written another way"
    with pytest.raises(ValueError, match=re.escape(message)):
        edusummary.load_samples(pairs(), labels=[*edusummary.LABELS, twin])
    # Without the shipped label, a Chinese name is a label set of one's own.
    own = edusummary.load_samples([(TEACHERS[0], twin)], labels=[twin, "其他"])
    assert [r.label for r in own.records] == [twin]


def test_a_declared_label_is_read_as_stripped_as_the_samples_labels_are():
    samples = edusummary.load_samples(
        teacher_rows(), labels=[*edusummary.LABELS, f"{TEACHER_LABEL} "]
    )
    assert {r.label for r in samples.records} == {TEACHER_LABEL}
    assert samples.problems == []


def test_a_traditional_copy_of_a_sample_is_a_duplicate_as_the_model_reads_them_alike():
    traditional = "今年公開招聘中小學教師一百二十名，其中音體美教師三十名，全部充實到鄉鎮學校。"
    samples = edusummary.load_samples(
        [teacher_rows()[0], (traditional, TEACHER_LABEL)],
        labels=[*edusummary.LABELS, TEACHER_LABEL],
    )
    assert [r.text for r in samples.records] == [TEACHERS[0]]
    assert samples.problems == ["row 1: duplicate of row 0"]


def test_a_later_row_with_another_label_corrects_the_earlier_and_says_so():
    rows = [teacher_rows()[0], (TEACHERS[1], TEACHER_LABEL), (TEACHERS[0], "other")]
    samples = edusummary.load_samples(rows, labels=[*edusummary.LABELS, TEACHER_LABEL])
    # The correction takes the earlier row's place, and the earlier row is what is left out.
    assert [(r.text, r.label) for r in samples.records] == [
        (TEACHERS[0], "other"), (TEACHERS[1], TEACHER_LABEL)
    ]
    assert samples.problems == [
        f"row 0: relabelled by row 2, a later row with the same text (other there, "
        f"{TEACHER_LABEL} here)"
    ]


def test_a_sheet_of_corrections_given_after_the_sheet_wins(tmp_path):
    first, corrections = tmp_path / "mine.csv", tmp_path / "corrections.csv"
    first.write_text(f"text,label\n{TEACHERS[0]},other\n{TEACHERS[1]},other\n",
                     encoding="utf-8-sig")
    corrections.write_text(f"text,label\n{TEACHERS[0]},{TEACHER_LABEL}\n",
                           encoding="utf-8-sig")
    samples = edusummary.load_samples(
        [first, corrections], labels=[*edusummary.LABELS, TEACHER_LABEL]
    )
    assert [r.label for r in samples.records] == [TEACHER_LABEL, "other"]
    (problem,) = samples.problems
    assert problem.startswith(f"{first}:row 2: relabelled by {corrections}:row 2")


def test_in_a_folder_the_sheet_saved_last_wins_whatever_the_names(tmp_path):
    # "标注_10月" sorts before "标注_9月": September's older label had undone October's.
    folder = tmp_path / "标注"
    folder.mkdir()
    september, october = folder / "标注_9月.csv", folder / "标注_10月.csv"
    september.write_text(f"text,label\n{TEACHERS[0]},other\n", encoding="utf-8-sig")
    october.write_text(f"text,label\n{TEACHERS[0]},{TEACHER_LABEL}\n", encoding="utf-8-sig")
    os.utime(september, (1_700_000_000, 1_700_000_000))
    os.utime(october, (1_702_000_000, 1_702_000_000))
    labels = [*edusummary.LABELS, TEACHER_LABEL]
    samples = edusummary.load_samples(folder, labels=labels)
    assert [r.label for r in samples.records] == [TEACHER_LABEL]
    assert samples.problems == [
        f"{september}:row 2: relabelled by {october}:row 2, a row with the same text in a file "
        f"modified more recently ({TEACHER_LABEL} there, other here)"
    ]
    with pytest.raises(DataError, match="relabelled by"):
        edusummary.load_samples(folder, labels=labels, strict=True)


def test_rows_left_out_are_grouped_by_reason_a_correction_undone_first(tmp_path):
    # 25 blank rows of an untouched sheet had filled the 20 lines shown, in reading order,
    # and hidden that a label had given way to another sheet's.
    folder = tmp_path / "标注"
    folder.mkdir()
    with open(folder / "a_待标注.csv", "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(
            [("text", "label"), *((f"{TEACHERS[1]}第{n}条", "") for n in range(25))]
        )
    (folder / "b_第一轮.csv").write_text(f"text,label\n{TEACHERS[0]},other\n",
                                         encoding="utf-8-sig")
    (folder / "c_第二轮.csv").write_text(f"text,label\n{TEACHERS[0]},{TEACHER_LABEL}\n",
                                         encoding="utf-8-sig")
    os.utime(folder / "b_第一轮.csv", (1_700_000_000, 1_700_000_000))
    report = edusummary.load_samples(
        folder, labels=[*edusummary.LABELS, TEACHER_LABEL]
    ).report().splitlines()
    assert report[:2] == [
        "1 row relabelled by another row, whose label is kept:",
        f"  {folder / 'b_第一轮.csv'}:row 2: relabelled by {folder / 'c_第二轮.csv'}:row 2, "
        f"a row with the same text in a file modified more recently ({TEACHER_LABEL} there, "
        "other here)",
    ]
    assert report[2] == "25 rows with no label given:"
    assert report[3:] == [
        *(f"  {folder / 'a_待标注.csv'}:row {n}: no label given" for n in range(2, 7)),
        "  ... and 20 more",
    ]


# Written for this test.
SHEET_ROWS = [
    ("全县新建村级幼儿园十所，农村学前教育资源明显扩大。", "preschool"),
    ("推进义务教育学校标准化建设，改造农村薄弱学校二十所。", "compulsory_balance"),
    ("组织初中语文教师开展整本书阅读教学研讨，形成优秀课例三十个。", "teaching_reform"),
]


def test_a_sheet_given_twice_is_read_once_with_one_warning(tmp_path):
    # Every row was reported as a duplicate of itself ("mine.csv:row 2: duplicate of
    # mine.csv:row 2"), a line each.
    folder = tmp_path / "标注"
    folder.mkdir()
    path = folder / "mine.csv"
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows([("text", "label"), *SHEET_ROWS])
    for given in ([path, path], [path, folder / ".." / "标注" / "mine.csv"], [folder, path]):
        with pytest.warns(edusummary.EdusummaryWarning) as shown:
            loaded = edusummary.load_samples(given)
        assert [str(w.message) for w in shown] == [
            f"1 file given more than once, read once: {given[1]}"
        ]
        assert loaded.problems == []
        assert [(r.text, r.label) for r in loaded.records] == SHEET_ROWS


def test_declaring_only_new_labels_is_answered_with_the_five_and_them():
    with pytest.raises(DataError) as info:
        edusummary.train(pairs() + teacher_rows(), labels=[TEACHER_LABEL], calibrate=False)
    message = str(info.value)
    assert message.endswith(
        f"--label {TEACHER_LABEL} (edusummary train) or "
        f"labels=[*edusummary.LABELS, '{TEACHER_LABEL}'] (train())"
    )
    assert "'preschool' (3 rows, the first at row 0)" in message


def test_cli_train_add_with_a_new_label(tmp_path, capsys):
    sheet = tmp_path / "mine.csv"
    with open(sheet, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["text", "label"])
        writer.writerows(pairs() + teacher_rows() + [("师德建设", "other")])
    out = tmp_path / "mine.esm"
    assert main(["train", str(sheet), "--label", TEACHER_LABEL, "-o", str(out)]) == 0
    printed = capsys.readouterr()
    assert "1 row rejected" in printed.out
    assert "warning: 1 row left out" in printed.err
    assert "mine.csv:row 23: only 4 Chinese" in printed.err
    assert TEACHER_LABEL in edusummary.load_model(out).labels
    assert main(["train", str(sheet), "--label", TEACHER_LABEL, "--strict", "-o", str(out)]) == 1


def test_a_typo_in_a_label_stops_train_without_strict_as_the_readme_says(tmp_path, capsys):
    # README had said unknown labels were left out unless --strict.
    sheet = tmp_path / "mine.csv"
    with open(sheet, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(
            [("text", "label"), *pairs(), (TEACHERS[2], "moral_educaton")]
        )
    out = tmp_path / "mine.esm"
    assert main(["train", str(sheet), "-o", str(out)]) == 1
    assert (
        f"'moral_educaton' (1 row, the first at {sheet}:row 17; did you mean "
        "'moral_education'?)" in capsys.readouterr().err
    )
    assert not out.exists()


def test_cross_validate_tells_the_truth():
    result = edusummary.cross_validate(pairs(), folds=3, min_df=1)
    assert result.n == 15 and 0.0 <= result.macro_f1 <= 1.0
    text = result.to_text()
    assert "macro-F1" in text and "confusion matrix" in text
    assert set(result.to_dict()) >= {"accuracy", "macro_f1", "per_label", "confusion", "mistakes"}
    for mistake in result.mistakes:
        assert set(mistake) == {"text", "gold", "predicted", "confidence"}


def test_evaluation_as_a_data_frame(small_model):
    pytest.importorskip("pandas")
    frame = edusummary.evaluate(small_model, pairs(), include_trained=True).to_frame()
    assert list(frame.columns) == ["precision", "recall", "f1", "support"]
    assert set(frame.index) == set(edusummary.LABELS)


def test_evaluate_and_compare_take_a_model_a_model_file_or_default(small_model, tmp_path):
    path = small_model.save(tmp_path / "small.esm")
    samples = [row[:2] for row in PARTLY_LABELLED]
    own = edusummary.evaluate(small_model, samples).to_dict()
    assert edusummary.evaluate(path, samples).to_dict() == own
    assert edusummary.evaluate(str(path), samples).to_dict() == own
    shipped = edusummary.evaluate(edusummary.load_model(), samples).to_dict()
    assert edusummary.evaluate("default", samples).to_dict() == shipped
    assert edusummary.evaluate(None, samples).to_dict() == shipped
    by_name = edusummary.compare("default", str(path), samples)
    assert by_name.to_dict() == edusummary.compare(
        edusummary.load_model(), small_model, samples
    ).to_dict()
    with pytest.raises(TypeError, match="model must be a Model, a model file or 'default', got"):
        edusummary.evaluate(3, samples)
    with pytest.raises(TypeError, match="new must be a Model, a model file or 'default', got"):
        edusummary.compare(small_model, [path], samples)


def test_compare_lists_per_label_changes(small_model, tmp_path, capsys):
    new = edusummary.train(pairs() + teacher_rows(), labels=[*edusummary.LABELS, TEACHER_LABEL],
                           min_df=1, folds=3)
    result = edusummary.compare(small_model, new, pairs() + teacher_rows(), include_trained=True)
    assert result.new.per_label[TEACHER_LABEL]["f1"] > result.old.per_label[TEACHER_LABEL]["f1"]
    assert any(change["new"] == TEACHER_LABEL for change in result.changed)
    assert "changed label" in result.to_text()
    old_path = small_model.save(tmp_path / "old.esm")
    new_path = new.save(tmp_path / "new.esm")
    samples = tmp_path / "s.jsonl"
    samples.write_text("".join(
        json.dumps({"text": t, "label": lab}, ensure_ascii=False) + "\n"
        for t, lab in pairs() + teacher_rows()
    ), encoding="utf-8")
    assert main(["compare", str(old_path), str(new_path), str(samples)]) == 1
    assert "trained on all" in capsys.readouterr().err
    assert main(["compare", str(old_path), str(new_path), str(samples), "--include-trained"]) == 0
    assert TEACHER_LABEL in capsys.readouterr().out


def test_suggest_picks_unsure_and_diverse_paragraphs_into_a_sheet(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    for i in range(3):
        (folder / f"r{i}.txt").write_text(REPORT, encoding="utf-8")
    sheet = tmp_path / "to_label.csv"
    assert main(["suggest", str(folder), "-n", "5", "-o", str(sheet)]) == 0
    with open(sheet, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert 0 < len(rows) <= 5
    assert len({row["text"] for row in rows}) == len(rows)  # three copies, picked once
    margins = [float(row["margin"]) for row in rows]
    assert margins == sorted(margins)
    assert all(row["label"] == "" and row["suggested"] in edusummary.LABELS for row in rows)
    # The annotator fills in labels; train --add reads the sheet back.
    for row in rows:
        row["label"] = row["suggested"]
    with open(sheet, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    loaded = edusummary.load_samples(sheet)
    assert len(loaded.records) == len(rows) and loaded.problems == []


# Written for this test: a report of round two, two of whose paragraphs round one labelled.
ROUND_TWO = [
    "本学期全县新建乡镇中心幼儿园两所，增加学位五百四十个，普惠性幼儿园覆盖率继续提高。",
    "各校利用升旗仪式和主题班会开展爱国主义教育，评选县级文明班级三十个、美德少年六十名。",
    "县教研室组织送教下乡活动八次，听评课二百余节，推广小组合作学习的课堂模式。",
    "完成农村薄弱学校改造项目十一个，城乡学校在校舍和装备方面的差距进一步缩小。",
    "组织食品安全和消防安全专项检查，督促学校落实校园安全主体责任，全年无重大安全事故。",
]


def test_suggest_leaves_out_paragraphs_trained_on_and_those_of_sheets_given(tmp_path, capsys):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "第二轮.txt").write_text("\n\n".join(ROUND_TWO) + "\n", encoding="utf-8")
    model = edusummary.train(
        [*pairs(), (ROUND_TWO[0], "preschool"), (ROUND_TWO[1], "moral_education")],
        min_df=1, folds=3,
    ).save(tmp_path / "round1.esm")
    sheet = tmp_path / "to_label.csv"
    argv = ["suggest", str(folder), "-n", "20", "--model", str(model)]
    assert main([*argv, "-o", str(sheet)]) == 0
    assert "left out 2 paragraphs the model was trained on" in capsys.readouterr().err
    texts = edusummary.model.records.sample_texts(sheet)
    assert sorted(texts) == sorted(ROUND_TWO[2:])
    # Another reader's sheet, not labelled yet, holds one more of them.
    given = tmp_path / "given.csv"
    given.write_text(f"text,label\n\"{ROUND_TWO[3]}\",\n", encoding="utf-8")
    again = tmp_path / "to_label_2.csv"
    assert main([*argv, "--exclude", str(given), "-o", str(again)]) == 0
    assert "and 1 paragraph among those to exclude" in capsys.readouterr().err
    assert sorted(edusummary.model.records.sample_texts(again)) == [ROUND_TWO[2], ROUND_TWO[4]]
    # With nothing left to suggest, no empty sheet to "fill in".
    empty = tmp_path / "to_label_3.csv"
    assert main([*argv, "--exclude", str(sheet), str(again), "-o", str(empty)]) == 1
    assert "no paragraph to suggest" in capsys.readouterr().err
    assert not empty.exists()


def test_explain_command(capsys):
    assert main(["explain", "全县新建公办幼儿园五所，学前三年毛入园率达到九成以上。"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("preschool")
    assert all(label in out for label in edusummary.LABELS)


@pytest.mark.slow
def test_a_new_label_learnt_from_200_samples(tmp_path):
    """200 written samples of 教师队伍建设 on top of the shipped data: F1 >= 0.80 for the
    new label on held-out samples (70 of it, 30 near misses of the five), and the five
    labels keep their macro-F1 on seeds_dev within 0.02 where ../shared is present."""
    written = edusummary.read_records(
        Path(__file__).parent / "data" / "teacher_workforce.jsonl",
        labels=[*edusummary.LABELS, TEACHER_LABEL],
    )
    new_label = [r for r in written if r.label == TEACHER_LABEL]
    train_part = new_label[:200]
    held_out = new_label[200:] + [r for r in written if r.label != TEACHER_LABEL]
    model = edusummary.train(
        train_part, base="default", labels=[*edusummary.LABELS, TEACHER_LABEL]
    )
    result = edusummary.evaluate(model, held_out)
    assert result.per_label[TEACHER_LABEL]["f1"] >= 0.80, result.to_text()

    seeds = SHARED / "eval" / "seeds_dev.jsonl"
    if seeds.is_file():
        # seeds_dev's paragraphs on teachers are other under the five: read the new label
        # as other, which it was carved out of.
        before = edusummary.evaluate(edusummary.load_model(), seeds).macro_f1
        after = edusummary.evaluate(model, seeds, collapse={TEACHER_LABEL: "other"}).macro_f1
        assert after >= before - 0.02, (before, after)


def test_evaluate_can_read_a_new_label_as_the_one_it_was_carved_from(small_model):
    samples = [(text, label) for text, label in pairs() if label != "preschool"]
    collapsed = edusummary.evaluate(
        small_model, samples, collapse={"preschool": "other"}, include_trained=True
    )
    assert "preschool" not in collapsed.labels
    assert collapsed.n == 12 and collapsed.confusion.sum() == 12


def test_a_declared_label_no_sample_carries_is_said():
    # It was dropped without a word, and the model later refused samples of that label.
    rows = [(text, label) for label, texts in SMALL_SET.items() for text in texts]
    with pytest.warns(edusummary.EdusummaryWarning, match="no sample carries the declared "
                      "label 'teacher_workforce'"):
        model = edusummary.train(
            rows, labels=[*edusummary.LABELS, "teacher_workforce"], calibrate=False
        )
    assert "teacher_workforce" not in model.labels


def test_a_declared_label_whose_samples_are_all_too_short_is_said_so():
    rows = [(text, label) for label, texts in SMALL_SET.items() for text in texts]
    rows += [("增加教师编制十名。", "teacher_workforce"), ("招聘特岗教师。", "teacher_workforce")]
    with pytest.warns(edusummary.EdusummaryWarning) as caught:
        model = edusummary.train(
            rows, labels=[*edusummary.LABELS, "teacher_workforce"], calibrate=False
        )
    messages = [str(w.message) for w in caught]
    assert any(m.startswith("every paragraph labelled 'teacher_workforce' (2 rows) has fewer "
                            "than 15 Chinese characters and was left out") for m in messages)
    assert not any("no sample carries" in m for m in messages)
    assert {w.filename for w in caught} == {__file__}
    assert "teacher_workforce" not in model.labels


def test_evaluate_scores_a_half_filled_sheet_on_what_is_filled(small_model, tmp_path):
    # train left blank rows out, but evaluate and compare refused the whole sheet.
    rows = [(text, label) for label, texts in SMALL_SET.items() for text in texts[:1]]
    sheet = tmp_path / "sheet.csv"
    lines = ["text,label", *(f"{text},{label}" for text, label in rows)]
    lines.append("全县中小学开展秋季开学安全大检查，排查整改隐患四十二处。,")  # not labelled yet
    sheet.write_text("\n".join(lines) + "\n", encoding="utf-8-sig")
    with pytest.warns(edusummary.EdusummaryWarning, match=r"1 row left out of the evaluation"):
        evaluation = edusummary.evaluate(small_model, sheet, include_trained=True)
    assert evaluation.n == len(rows)


def test_explain_refuses_an_empty_text(capsys):
    # It printed "other (0.35)" and a row of blanks for each label, with exit status 0.
    assert main(["explain", "  "]) == 2
    assert "nothing to explain" in capsys.readouterr().err


@pytest.mark.parametrize("text", ["幼", "kindergartens built this year"])
def test_explain_warns_of_a_text_tag_would_not_label(capsys, text):
    assert main(["explain", text]) == 0
    assert "tag labels paragraphs of at least 15" in capsys.readouterr().err


def test_train_add_with_no_usable_row_writes_no_model_and_says_why(tmp_path, capsys):
    """The guesses of a sheet from suggest corrected where they stand, the label column
    left empty: training on the shipped data alone would pass for a retrained model."""
    openpyxl = pytest.importorskip("openpyxl")
    sheet = tmp_path / "to_label.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["text", "label", "suggested"])
    for text in TEACHERS[:2]:
        book.active.append([text, None, "other"])
    book.save(sheet)
    out = tmp_path / "mine.esm"
    assert main(["train", "--add", str(sheet), "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert "no usable samples: 2 rows, all left out" in err
    assert "to_label.xlsx:sheet 1:row 3: no label given" in err
    assert "the label column is empty; the 'suggested' column holds the model's guesses" in err
    assert not out.exists()
    with pytest.raises(DataError, match="the samples hold no rows"):
        edusummary.train([], base="default")


def test_evaluate_says_where_each_mistake_was_read(small_model, tmp_path):
    """To go back to the row and check its gold label."""
    labels = list(SMALL_SET)
    # Each text under the next topic's label: a slip in every row.
    rows = [(texts[0], labels[(n + 1) % len(labels)]) for n, texts in enumerate(SMALL_SET.values())]
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "\n".join(["text,label", *(f"{t},{lab}" for t, lab in rows)]) + "\n", encoding="utf-8"
    )
    evaluation = edusummary.evaluate(small_model, sheet, include_trained=True)
    assert evaluation.mistakes
    rows_of = {text: f"{sheet}:row {n}" for n, (text, _) in enumerate(rows, 2)}
    for mistake in evaluation.mistakes:
        assert mistake["where"] == rows_of[mistake["text"]]
        assert f"\n    {mistake['where']}" in evaluation.to_text()
    assert evaluation.to_dict()["mistakes"] == evaluation.mistakes
