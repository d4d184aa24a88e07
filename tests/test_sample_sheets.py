"""Sheets of labelled samples as analysts make them: a title above the header, Chinese
column names, a comma in unquoted text, a column named twice, Excel's lock file beside
the workbook, a filtered DataFrame. Nothing is lost without a word."""

import csv
import re
import warnings

import pytest

import edusummary
from edusummary.errors import DataError, EdusummaryWarning
from edusummary.model.records import read_sheet

openpyxl = pytest.importorskip("openpyxl")

# Written for these tests.
PARAGRAPHS = {
    "preschool": [
        "城关镇新建公办幼儿园两所，新增学前学位五百四十个，普惠性幼儿园在园幼儿占比达到八成五。",
        "全县组织幼儿园园长和骨干教师赴省示范园跟岗学习，推动区域保教质量整体提升。",
    ],
    "compulsory_balance": [
        "县政府投入专项资金改造农村薄弱学校十一所，城乡学校办学条件差距进一步缩小。",
        "严格落实义务教育免试就近入学，随迁子女在公办学校就读比例保持在九成以上。",
    ],
    "teaching_reform": [
        "开展大单元教学专题研讨，全县评选优秀教学设计八十篇，并在各片区巡回展示。",
    ],
    "moral_education": [
        "各中小学成立家长委员会，每学期开展家访活动，对留守儿童实行一对一结对帮扶。",
    ],
    "other": [
        "强化学校食堂食品安全监管，落实校长陪餐制度，全年未发生食品安全事故。",
    ],
}
ROWS = [(text, label) for label, texts in PARAGRAPHS.items() for text in texts]
TITLE = "二〇二三年县域教育报告人工标注样本"


def _workbook(path, sheets):
    """A workbook of ``sheets``: (title, rows) pairs, the first filling the active sheet."""
    book = openpyxl.Workbook()
    for number, (title, rows) in enumerate(sheets):
        sheet = book.active if number == 0 else book.create_sheet()
        sheet.title = title
        for row in rows:
            sheet.append(row)
    book.save(path)
    return path


def _csv(path, rows, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def _pairs(loaded):
    return [(r.text, r.label) for r in loaded.records]


# 1. The header row below a title.


def test_a_sheet_with_a_title_above_its_header_is_read_beside_one_without(tmp_path):
    bad = (ROWS[6][0], "食品安全")
    path = _workbook(
        tmp_path / "样本.xlsx",
        [
            ("一月", [("text", "label"), *ROWS[:3]]),
            ("二月", [(TITLE,), ("text", "label"), *ROWS[3:6], bad]),
        ],
    )
    loaded = edusummary.load_samples(path)
    assert _pairs(loaded) == ROWS[:6]
    # Numbered as Excel shows them: title row 1, header row 2, the bad row is row 6.
    (problem,) = loaded.problems
    assert problem.startswith(f"{path}:sheet 2:row 6: unknown label '食品安全'")


def test_the_only_sheet_may_have_its_header_under_a_title_and_a_blank_row(tmp_path):
    path = _workbook(tmp_path / "样本.xlsx", [("样本", [(TITLE,), (), ("text", "label"), *ROWS])])
    assert _pairs(edusummary.load_samples(path)) == ROWS


def test_a_csv_with_a_title_line_above_its_header(tmp_path):
    rows = [(TITLE, ""), ("text", "label"), *ROWS, ("", "other")]
    path = _csv(tmp_path / "样本.csv", rows, "gbk")
    loaded = edusummary.load_samples(path)
    assert _pairs(loaded) == ROWS
    (problem,) = loaded.problems
    assert problem.startswith(f"{path}:row {len(ROWS) + 3}: 'text' must be a non-empty string")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_header_below_the_tenth_row_is_not_looked_for(tmp_path, suffix):
    rows = [*[(f"说明第{n}行", "") for n in range(10)], ("text", "label"), *ROWS]
    if suffix == ".csv":
        path = _csv(tmp_path / f"样本{suffix}", rows)
        message = "no 'text' column in the first 10 lines"
    else:
        path = _workbook(tmp_path / f"样本{suffix}", [("样本", rows)])
        message = "no sheet has a 'text' column in its first 10 rows"
    with pytest.raises(DataError, match=re.escape(f"{path.name}: {message}")):
        edusummary.load_samples(path)


def test_a_sheet_without_a_text_column_is_left_out_with_a_warning(tmp_path):
    notes = [("备注", "负责人"), ("第二批待核对", "王老师"), ("", ""), ("第三批下周交", "李老师")]
    path = _workbook(
        tmp_path / "样本.xlsx", [("样本", [("text", "label"), *ROWS]), ("工作记录", notes)]
    )
    with pytest.warns(EdusummaryWarning) as caught:
        loaded = edusummary.load_samples(path)
    assert _pairs(loaded) == ROWS
    (warning,) = caught
    message = str(warning.message)
    assert message.startswith(f"{path}: sheet 2 ('工作记录') has no 'text' column")
    # The header and two notes; the blank row is nothing lost.
    assert "3 non-empty rows in it not read" in message


def test_empty_and_hidden_sheets_are_left_out_without_a_warning(tmp_path):
    path = tmp_path / "样本.xlsx"
    book = openpyxl.Workbook()
    for row in [("text", "label"), *ROWS]:
        book.active.append(row)
    book.create_sheet("空白")
    # As behind a drop-down of labels: a hidden list.
    choices = book.create_sheet("选项")
    for label in edusummary.LABELS:
        choices.append([label])
    choices.sheet_state = "hidden"
    book.save(path)
    with warnings.catch_warnings():
        warnings.simplefilter("error", EdusummaryWarning)
        assert _pairs(edusummary.load_samples(path)) == ROWS


# 2. Chinese column names.


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("文本", "标签"),
        ("正文", "类别"),
        ("段落", "主题"),
        ("内容", "标签"),
        # Spaced out to line up with longer names, as Chinese tables often are.
        (" 正　文 ", "标  签"),
    ],
)
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_chinese_column_names(tmp_path, suffix, text, label):
    rows = [(text, label, "全部标签"), *[(t, lab, f"{lab}|other") for t, lab in ROWS[:6]]]
    path = tmp_path / f"样本{suffix}"
    if suffix == ".csv":
        _csv(path, rows, "gbk")
    else:
        _workbook(path, [("样本", rows)])
    loaded = edusummary.load_samples(path)
    assert loaded.problems == []
    assert _pairs(loaded) == ROWS[:6]
    assert all(r.labels == (r.label, "other") for r in loaded.records)


def test_chinese_column_names_in_a_data_frame():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame(ROWS, columns=["正文", "类别"])
    assert _pairs(edusummary.load_samples(frame)) == ROWS


# 3. More cells than the header.


def test_an_unquoted_comma_in_csv_text_rejects_the_row_and_says_why(tmp_path):
    path = tmp_path / "样本.csv"
    # Empty cells past the header, which Excel writes for a column once used, are nothing.
    lines = ["text,label", *(f"{t},{lab},," for t, lab in ROWS[:3])]
    # An ASCII comma, typed in a text editor where Excel would have added quotes.
    lines.append("全县开展教师全员培训,覆盖中小学和幼儿园教师两千余人次,other")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = edusummary.load_samples(path)
    assert _pairs(loaded) == ROWS[:3]
    assert loaded.problems == [
        f"{path}:row 5: 3 cells but the header has 2; a comma in the text needs quotes "
        "(Excel adds them when it saves a CSV)"
    ]
    # Not taken for a topic of the analyst's own.
    assert loaded.unknown_labels == {}
    with pytest.raises(DataError, match=re.escape(f"{path}:row 5: 3 cells")):
        list(read_sheet(path))


def test_a_value_beyond_a_workbook_header_rejects_the_row(tmp_path):
    rows = [("text", "label"), ROWS[0], (*ROWS[1], None, "待复核"), (*ROWS[2], None, None)]
    path = _workbook(tmp_path / "样本.xlsx", [("样本", rows)])
    loaded = edusummary.load_samples(path)
    # Empty cells beyond the header are nothing: only the row with a note is rejected.
    assert _pairs(loaded) == [ROWS[0], ROWS[2]]
    (problem,) = loaded.problems
    assert problem.startswith(f"{path}:sheet 1:row 3: 4 cells but the header has 2; column D")


# 4. A column named twice.


@pytest.mark.parametrize(
    ("header", "named"),
    [
        (("text", "label", "label"), r"'label' \(column 2\), 'label' \(column 3\)"),
        (("Label", "text", "主题"), r"'Label' \(column 1\), '主题' \(column 3\)"),
        (("正文", "text", "label"), r"'正文' \(column 1\), 'text' \(column 2\)"),
    ],
)
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_column_named_twice_is_an_error(tmp_path, suffix, header, named):
    rows = [header, *[(t, lab, lab) if header[0] != "Label" else (lab, t, lab) for t, lab in ROWS]]
    path = tmp_path / f"样本{suffix}"
    if suffix == ".csv":
        _csv(path, rows)
    else:
        _workbook(path, [("样本", rows)])
    with pytest.raises(DataError, match=f"2 columns are read as the '[a-z]+' column: {named}"):
        edusummary.load_samples(path)


def test_a_column_named_twice_in_a_data_frame_is_an_error():
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame([(t, lab, lab) for t, lab in ROWS], columns=["text", "label", "标签"])
    with pytest.raises(DataError, match="the DataFrame: 2 columns are read as the 'label'"):
        edusummary.load_samples(frame)


def test_other_columns_may_be_named_twice(tmp_path):
    rows = [("text", "label", "备注", "备注"), *[(t, lab, "", "") for t, lab in ROWS]]
    assert _pairs(edusummary.load_samples(_csv(tmp_path / "样本.csv", rows))) == ROWS


# 5. What Excel and other tools leave in a folder.


def test_excel_lock_files_and_hidden_files_in_a_folder_are_left_out(tmp_path):
    folder = tmp_path / "样本"
    (folder / ".ipynb_checkpoints").mkdir(parents=True)
    _workbook(folder / "一月.xlsx", [("样本", [("text", "label"), *ROWS])])
    # Excel's lock file: the user's name in a few bytes, no workbook.
    lock = folder / "~$一月.xlsx"
    lock.write_bytes(b"\x08zhangsan" + b"\x00" * 40)
    (folder / "._一月.xlsx").write_bytes(b"\x00\x05\x16\x07" + b"\x00" * 60)
    _csv(folder / ".ipynb_checkpoints" / "二月-checkpoint.csv", [("text", "label"), *ROWS])
    assert _pairs(edusummary.load_samples(folder)) == ROWS
    with pytest.raises(DataError, match="not an Excel workbook"):
        edusummary.load_samples(lock)


# 6. A DataFrame's rows are named by index label.


def test_a_filtered_and_sorted_data_frame_names_rows_by_index_label():
    pd = pytest.importorskip("pandas")
    rows = [*ROWS, ("学校安全", "other"), (ROWS[0][0], "安全教育")]
    frame = pd.DataFrame(rows, columns=["text", "label"])
    mine = frame[frame["label"] != "teaching_reform"].sort_values("label")
    loaded = edusummary.load_samples(mine)
    assert sorted(loaded.problems) == [
        "row 7: only 4 Chinese characters (paragraphs under 15 are not labelled)",
        "row 8: unknown label '安全教育'; expected one of "
        f"{sorted(edusummary.LABELS)}",
    ]
    assert loaded.first_rows == {"安全教育": "row 8"}
    named = frame.set_index(pd.Index([f"p{n}" for n in range(len(frame))]))
    assert "row p7: only 4 Chinese characters" in edusummary.load_samples(named).report()


def test_a_labels_string_in_a_row_of_a_list_is_split_on_bars_as_in_a_sheet():
    # Split into characters: "unknown label(s) ['p', 'r', 'e', ...]".
    text = "各幼儿园开展家园共育活动，组织家长开放日，帮助家长树立科学育儿观念。"
    for row in [(text, "preschool", "preschool | moral_education"),
                {"text": text, "label": "preschool", "labels": "preschool|moral_education"}]:
        loaded = edusummary.load_samples([row])
        assert loaded.problems == [] and loaded.unknown_labels == {}
        assert loaded.records[0].labels == ("preschool", "moral_education")


# A label cell merged over the rows it labels.


def test_a_label_cell_merged_down_labels_every_row_it_covers(tmp_path):
    path = _workbook(tmp_path / "样本.xlsx", [("样本", [("text", "label"), *ROWS])])
    book = openpyxl.load_workbook(path)
    sheet = book.active
    # The two preschool rows (2 and 3) under one label cell, and the two balance rows too.
    for row in (3, 5):
        sheet.cell(row=row, column=2).value = None
    sheet.merge_cells("B2:B3")
    sheet.merge_cells("B4:B5")
    book.save(path)
    loaded = edusummary.load_samples(path)
    assert loaded.problems == []
    assert _pairs(loaded) == ROWS


# 8. Labels as people type them, and the CSV tag writes, corrected by hand.


def test_the_csv_tag_writes_corrected_by_hand_is_a_sheet_of_samples(tmp_path):
    """The label column decides; the labels column of the model's guesses follows it."""
    out = tmp_path / "tagged.csv"
    text = "\n".join(t for t, _ in ROWS) + "\n"
    (tmp_path / "report.txt").write_text(text, encoding="utf-8")
    from edusummary.cli import main

    assert main(["tag", str(tmp_path / "report.txt"), "-q", "-o", str(out)]) == 0
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    gold = dict(ROWS)
    corrected = set()
    for row in rows:
        if row["label"] != gold[row["text"]]:
            corrected.add(row["text"])
        row["label"] = gold[row["text"]]  # what the analyst corrects
    rows[0]["label"] = "teaching_reform" if rows[0]["label"] != "teaching_reform" else "other"
    corrected.add(rows[0]["text"])
    gold[rows[0]["text"]] = rows[0]["label"]
    with open(out, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    loaded = edusummary.load_samples(out)
    assert loaded.problems == []
    assert _pairs(loaded) == [(text, gold[text]) for text, _ in ROWS]
    assert all(r.labels[0] == r.label for r in loaded.records)
    # The labels column holds the model's guesses: a corrected row keeps its label alone.
    assert all(r.labels == (r.label,) for r in loaded.records if r.text in corrected)


@pytest.mark.parametrize(
    ("label", "labels", "expected"),
    [
        ("学前教育", "", ("preschool",)),
        ("Preschool", "", ("preschool",)),
        ("ｐｒｅｓｃｈｏｏｌ", "", ("preschool",)),
        ("preschool", "preschool、德育", ("preschool", "moral_education")),
        ("preschool", "preschool，other", ("preschool", "other")),
        ("preschool", "compulsory_balance|preschool", ("preschool", "compulsory_balance")),
        # Only the other topics written in the labels column: none is lost.
        ("preschool", "moral_education", ("preschool", "moral_education")),
    ],
)
def test_labels_as_people_type_them(tmp_path, label, labels, expected):
    text = ROWS[0][0]
    path = _csv(tmp_path / "样本.csv", [("text", "label", "labels"), (text, label, labels)])
    loaded = edusummary.load_samples(path)
    assert loaded.problems == []
    assert loaded.records[0].labels == expected


# 9. Files that are not what their names say.


@pytest.mark.parametrize("name", ["宏.xlsm", "金山表格.et", "另存为.dat"])
def test_a_workbook_under_another_name_is_read_as_one(tmp_path, name):
    """A macro-enabled workbook, a WPS .et and a workbook saved under any name are read
    as the workbooks they are, not as undecodable JSON Lines."""
    path = _workbook(tmp_path / "book.xlsx", [("样本", [("text", "label"), *ROWS])])
    path = path.rename(tmp_path / name)
    loaded = edusummary.load_samples([_csv(tmp_path / "一月.csv", [("text", "label")]), path])
    assert loaded.problems == []
    assert _pairs(loaded) == ROWS


def test_a_macro_enabled_workbook_in_a_folder_is_read(tmp_path):
    _workbook(tmp_path / "book.xlsx", [("样本", [("text", "label"), *ROWS])]).rename(
        tmp_path / "宏.xlsm"
    )
    assert _pairs(edusummary.load_samples(tmp_path)) == ROWS


def test_a_jsonl_file_not_in_utf8_is_an_error_naming_it(tmp_path):
    """Not one rejected row among the others: none of its rows can be read."""
    good = _csv(tmp_path / "一月.csv", [("text", "label"), *ROWS[:2]])
    gbk = tmp_path / "二月.jsonl"
    gbk.write_bytes(
        "".join(f'{{"text": "{t}", "label": "{lab}"}}\n' for t, lab in ROWS[2:]).encode("gbk")
    )
    with pytest.raises(DataError, match=re.escape(f"{gbk}: records must be UTF-8")):
        edusummary.load_samples([good, gbk])


def test_a_word_document_among_the_samples_is_an_error_naming_it(tmp_path):
    import docx

    path = tmp_path / "样本.jsonl"
    docx.Document().save(path)
    with pytest.raises(DataError, match=re.escape(f"{path}: a .docx Word document, not")):
        edusummary.load_samples(path)


def test_an_xls_that_is_a_web_page_is_read_as_the_sheet_excel_shows(tmp_path):
    """What many systems export as Excel: an HTML table in GBK, named .xls."""
    cells = "".join(f"<tr><td>{t}</td><td>{lab}</td></tr>" for t, lab in ROWS)
    page = (
        '<html><head><meta charset="gb2312"></head><body><table>'
        f"<tr><td>{TITLE}</td></tr><tr><th>正文</th><th>类别</th></tr>{cells}"
        "</table></body></html>"
    )
    path = tmp_path / "报表导出.xls"
    path.write_bytes(page.encode("gbk"))
    loaded = edusummary.load_samples(path)
    assert loaded.problems == []
    assert _pairs(loaded) == ROWS


def test_an_xls_page_with_a_stray_marked_section_opener_is_read(tmp_path):
    # A "<![" that opens no section the parser knows made it refuse the page: a
    # ParserRejectedMarkup traceback where the rows were.
    cells = "".join(f"<tr><td>{t}</td><td>{lab}</td></tr>" for t, lab in ROWS)
    page = f"<html><body><![ 导出 ]><table><tr><th>正文</th><th>类别</th></tr>{cells}</table>"
    path = tmp_path / "导出.xls"
    path.write_text(page, encoding="utf-8")
    assert _pairs(edusummary.load_samples(path)) == ROWS


def test_an_xls_that_is_text_is_read_as_text(tmp_path):
    path = tmp_path / "导出.xls"
    lines = ["text\tlabel", *(f"{t}\t{lab}" for t, lab in ROWS)]
    path.write_bytes("\r\n".join(lines).encode("gbk"))
    assert _pairs(edusummary.load_samples(path)) == ROWS


def test_an_old_format_xls_without_its_reader_says_what_to_do(tmp_path, monkeypatch):
    """Not a traceback: pandas reads .xls only with a package edusummary does not install."""
    import sys

    from edusummary.errors import MissingDependencyError

    pytest.importorskip("pandas")
    for module in ("xlrd", "python_calamine"):
        monkeypatch.setitem(sys.modules, module, None)
    path = tmp_path / "旧表.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 4000)
    with pytest.raises(MissingDependencyError, match=re.escape(f"{path}: an old-format")) as info:
        edusummary.load_samples(path)
    assert "save it as .xlsx or CSV" in str(info.value)


# 10. A quote typed where a CSV opens a quoted cell.


def test_a_stray_quote_opening_a_csv_cell_names_the_rows_it_took_in(tmp_path):
    path = tmp_path / "样本.csv"
    lines = [
        "text,label",
        *(f"{t},{lab}" for t, lab in ROWS[:2]),
        f'"十四五"开局之年，{ROWS[2][0]},{ROWS[2][1]}',  # closed: read, as csv reads it
        f'"十四五开局之年，{ROWS[3][0]},{ROWS[3][1]}',  # never closed
        *(f"{t},{lab}" for t, lab in ROWS[4:7]),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    loaded = edusummary.load_samples(path)
    assert [label for _, label in _pairs(loaded)] == [lab for _, lab in ROWS[:3]]
    (problem,) = loaded.problems
    assert problem.startswith(
        f"{path}:row 5: a '\"' at the start of a cell is not closed, so lines 6-8 of the "
        "file were read as this row's text, not as rows"
    )


def test_an_unlabelled_text_of_several_lines_is_no_stray_quote(tmp_path):
    path = _csv(
        tmp_path / "样本.csv",
        [("text", "label"), ROWS[0], (f"{ROWS[1][0]}\n{ROWS[2][0]}", ""), ROWS[3]],
    )
    loaded = edusummary.load_samples(path)
    assert _pairs(loaded) == [ROWS[0], ROWS[3]]
    assert loaded.problems == [f"{path}:row 3: no label given"]


# 11. Formulas no spreadsheet program has calculated.


def test_a_label_formula_with_no_saved_value_is_named_as_such(tmp_path):
    """A workbook written by a script keeps formulas without their values: not "no label
    given", which sends the analyst to a cell that is not empty."""
    rows = [("text", "编号", "label")]
    # openpyxl writes a string starting with "=" as a formula, and no value for it.
    rows += [(ROWS[n][0], 1, f'=IF(B{n + 2}=1,"preschool","other")') for n in (0, 1)]
    rows += [(ROWS[2][0], None, None)]
    path = _workbook(tmp_path / "样本.xlsx", [("样本", rows)])
    loaded = edusummary.load_samples(path)
    assert loaded.records == []
    assert loaded.problems == [
        f"{path}:sheet 1:row 2: the label cell, C2, holds a formula with no saved value "
        '(=IF(B2=1,"preschool","other")); the workbook was written by a program that does '
        "not calculate: open it in Excel or WPS and save it, or paste the column as values",
        f"{path}:sheet 1:row 3: the label cell, C3, holds a formula with no saved value "
        '(=IF(B3=1,"preschool","other")); the workbook was written by a program that does '
        "not calculate: open it in Excel or WPS and save it, or paste the column as values",
        f"{path}:sheet 1:row 4: no label given",
    ]


# 12. Sheets beside the samples: instructions.

INSTRUCTIONS = [
    ("项目", "内容"), ("填表单位", "城关镇中心学校"), ("标注要求", "每段只填一个主类别")
]


def test_an_instructions_sheet_beside_the_samples_is_left_out_with_a_warning(tmp_path):
    path = _workbook(
        tmp_path / "样本.xlsx",
        [("填表说明", INSTRUCTIONS), ("标注", [("正文", "类别"), *ROWS])],
    )
    with pytest.warns(EdusummaryWarning) as caught:
        loaded = edusummary.load_samples(path)
    assert _pairs(loaded) == ROWS
    (warning,) = caught
    assert str(warning.message) == (
        f"{path}: sheet 1 ('填表说明') has no 'label' column among '项目', '内容' ('内容' is "
        "read as text); it was left out, as another sheet has text and label columns"
    )


def test_a_sheet_without_a_label_column_names_its_columns_as_written(tmp_path):
    rows = [("编号", "内容", "备注"), ("1", *ROWS[0])]
    path = _workbook(tmp_path / "样本.xlsx", [("标注", rows)])
    with pytest.raises(DataError) as info:
        edusummary.load_samples(path)
    assert str(info.value) == (
        f"{path}: sheet 1 ('标注'): no 'label' column among '编号', '内容', '备注' ('内容' is "
        "read as text); labelled samples need text and label columns: name the label column "
        "label, 标签, 类别 or 主题"
    )


# 13. Hidden sheets: a discarded draft is no samples.


def _hide(path, title):
    book = openpyxl.load_workbook(path)
    book[title].sheet_state = "hidden"
    book.save(path)
    return path


def test_a_hidden_sheet_of_samples_is_left_out_with_a_warning(tmp_path):
    draft = [("text", "label"), *((t, "other") for t, _ in ROWS[3:])]
    path = _workbook(
        tmp_path / "样本.xlsx", [("终稿", [("text", "label"), *ROWS[:3]]), ("初稿（作废）", draft)]
    )
    _hide(path, "初稿（作废）")
    with pytest.warns(EdusummaryWarning) as caught:
        loaded = edusummary.load_samples(path)
    assert _pairs(loaded) == ROWS[:3]
    (warning,) = caught
    assert str(warning.message) == (
        f"{path}: sheet 2 ('初稿（作废）') is hidden; {len(ROWS) - 3} rows under the header "
        "not read (unhide it in Excel or WPS to read them)"
    )


def test_samples_only_on_hidden_sheets_are_an_error_naming_them(tmp_path):
    path = _workbook(
        tmp_path / "样本.xlsx", [("说明", [("请见第二页",)]), ("标注", [("text", "label"), *ROWS])]
    )
    _hide(path, "标注")
    with pytest.raises(DataError, match=re.escape(
        f"{path}: the only sheets with text and label columns are hidden: sheet 2 ('标注')"
    )):
        edusummary.load_samples(path)


# 14. Bytes that are no character.


def test_a_damaged_byte_in_a_gbk_sheet_is_warned_of_with_its_row(tmp_path):
    path = tmp_path / "样本.csv"
    data = "\r\n".join(["text,label", *(f"{t},{lab}" for t, lab in ROWS)]).encode("gbk")
    # 跟 of row 3 a byte that is no GBK, as a disk's flipped bits leave it.
    path.write_bytes(data.replace("跟".encode("gbk"), b"\xff", 1))
    with pytest.warns(EdusummaryWarning) as caught:
        loaded = edusummary.load_samples(path)
    assert "\ufffd" in loaded.records[1].text
    (warning,) = caught
    message = str(warning.message)
    assert message.startswith(f"{path}: bytes at ")
    assert "row 3 holds the replacement character" in message


# 15. No text column: what was found, and the names that would do.


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_no_text_column_shows_the_header_found_and_the_names_that_would_do(tmp_path, suffix):
    rows = [(TITLE, "", ""), ("序号", "段落内容", "人工标注"), ("1", *ROWS[0])]
    if suffix == ".csv":
        path = _csv(tmp_path / f"样本{suffix}", rows)
        found = "line 2 reads '序号', '段落内容', '人工标注'"
    else:
        path = _workbook(tmp_path / f"样本{suffix}", [("标注", rows)])
        found = "sheet 1 ('标注') row 2 reads '序号', '段落内容', '人工标注'"
    with pytest.raises(DataError) as info:
        edusummary.load_samples(path)
    message = str(info.value)
    assert found in message
    assert message.endswith(
        "name them text, 文本, 正文, 段落 or 内容, and label, 标签, 类别 or 主题"
    )


@pytest.mark.parametrize(
    ("typed", "label"),
    [("其它", "other"), ("Moral Education", "moral_education"),
     ("teaching-reform", "teaching_reform")],
)
def test_label_variants_people_write(tmp_path, typed, label):
    path = _csv(tmp_path / "样本.csv", [("text", "label"), (ROWS[0][0], typed)])
    assert edusummary.load_samples(path).records[0].label == label
