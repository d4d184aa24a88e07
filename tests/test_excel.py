"""Sheets both ways: ``suggest`` writes a workbook to fill in, ``train --add`` and
``evaluate`` read it back, and CSV in every encoding Excel saves."""

import codecs
import csv
import json
import os
import re
import signal
from pathlib import Path

import pytest
from conftest import SMALL_SET

import edusummary
from edusummary._formulas import unguard
from edusummary.batch.cells import FORMULA_PREFIXES, spreadsheet_cell
from edusummary.batch.suggesting import SHEET_FIELDS, unchanged_sheet, write_sheet
from edusummary.cli import main
from edusummary.errors import DataError

openpyxl = pytest.importorskip("openpyxl")

# Written for these tests.
REPORT = """全县教育工作总结

一、学前教育
今年全县新建公办幼儿园四所，改扩建村级幼儿园十二所，学前三年毛入园率达到百分之九十三。
今年全县新建公办幼儿园四所，改扩建村级幼儿园十二所，学前三年毛入园率达到百分之九十五。
Table 1 shows the enrolment of every township kindergarten from 2019 to 2023, in thousands.
二、课堂教学
全县各中小学积极推进课堂教学改革，推广导学案教学模式，组织课改现场会三次，评选优质课一百二十节。
三、安全与德育
开展校园安全隐患大排查，整改隐患四十余处，同时在各校开展文明礼仪养成教育和心理健康辅导。
"""
HEADINGS = ["全县教育工作总结", "一、学前教育", "二、课堂教学", "三、安全与德育"]

ROWS = [(text, label) for label, texts in SMALL_SET.items() for text in texts[:2]]


@pytest.fixture
def report_dir(tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "县报告.txt").write_text(REPORT, encoding="utf-8")
    return folder


def _sheet_rows(path):
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    header, *rows = [[c.value for c in row] for row in sheet.iter_rows()]
    return book, sheet, [dict(zip(header, row, strict=True)) for row in rows]


def test_suggest_writes_a_workbook_with_a_drop_down_of_the_labels(tmp_path, report_dir):
    out = tmp_path / "to_label.xlsx"
    assert main(["suggest", str(report_dir), "-n", "10", "-o", str(out)]) == 0
    book, sheet, rows = _sheet_rows(out)
    assert [c.value for c in sheet[1]] == SHEET_FIELDS
    assert rows and all(row["label"] is None for row in rows)
    assert all(row["suggested"] in edusummary.LABELS for row in rows)
    assert all(0 < row["confidence"] <= 1 for row in rows)
    # "term+0.42  term-0.10 ...": the five terms that moved the suggested label most.
    for row in rows:
        terms = row["terms"].split("  ")
        assert len(terms) == 5 and all(term[-5] in "+-" for term in terms)
    (validation,) = sheet.data_validations.dataValidation
    assert validation.type == "list"
    # A warning that lets a topic of one's own be typed: "stop" refused it in Excel and WPS.
    assert validation.errorStyle == "warning"
    assert str(validation.sqref) == f"B2:B{len(rows) + 1}"
    sheet_name, cells = validation.formula1.split("!")
    assert cells == f"$A$1:$A${len(edusummary.LABELS)}"
    listed = book[sheet_name.strip("'")]
    assert listed.sheet_state == "hidden"
    assert [c.value for c in listed["A"]] == list(edusummary.LABELS)


def test_headings_and_near_copies_are_never_suggested(report_dir):
    rows = edusummary.suggest([report_dir / "县报告.txt"], n=20)
    texts = [row["text"] for row in rows]
    assert not set(texts) & set(HEADINGS)
    # The English line has every label equally likely: without the rule it comes first.
    assert not any(text.startswith("Table 1") for text in texts)
    # The two kindergarten paragraphs differ by one character: only the first is asked.
    assert sum("改扩建村级幼儿园" in text for text in texts) == 1
    assert len(texts) == 3


def test_suggest_takes_a_folder_given_as_a_string(report_dir):
    assert edusummary.suggest(str(report_dir), n=20) == edusummary.suggest([report_dir], n=20)
    assert edusummary.suggest(report_dir, n=20)


def test_a_filled_in_workbook_trains_as_written(tmp_path, report_dir, small_jsonl):
    out = tmp_path / "to_label.xlsx"
    assert main(["suggest", str(report_dir), "-n", "10", "-o", str(out)]) == 0
    book, sheet, rows = _sheet_rows(out)
    for number, row in enumerate(rows, 2):
        sheet.cell(number, SHEET_FIELDS.index("label") + 1, row["suggested"])
    book.save(out)
    loaded = edusummary.load_samples(out)
    assert loaded.problems == []
    assert [(r.text, r.label) for r in loaded.records] == [
        (row["text"], row["suggested"]) for row in rows
    ]
    model = tmp_path / "mine.esm"
    assert main(["train", str(small_jsonl), "--add", str(out), "-o", str(model)]) == 0
    assert edusummary.load_model(model).metadata["training_data"]["samples"] == len(rows)


@pytest.mark.parametrize("first", FORMULA_PREFIXES)
@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_formula_guard_is_undone_when_a_sheet_is_read_back(tmp_path, suffix, first):
    text = first + SMALL_SET["other"][0]
    row = {"text": text, "label": "other", "suggested": "other", "confidence": 0.5}
    sheet = write_sheet([row], tmp_path / f"sheet{suffix}")
    (record,) = edusummary.load_samples(sheet).records
    # Readers strip surrounding whitespace, so a guarded tab or CR comes back stripped.
    assert record.text == text.strip()


@pytest.mark.parametrize("first", FORMULA_PREFIXES)
def test_the_reader_takes_off_what_the_writer_guards(first):
    text = first + SMALL_SET["other"][0]
    assert unguard(spreadsheet_cell(text)) == text


def test_a_quote_that_guards_nothing_is_kept(tmp_path):
    text = "'" + SMALL_SET["other"][1]
    sheet = write_sheet([{"text": text, "label": "other"}], tmp_path / "sheet.csv")
    assert edusummary.load_samples(sheet).records[0].text == text


# How Excel (and people) save a sheet: encoding, separator, file suffix.
ENCODING_CASES = [
    pytest.param("utf-8", ",", ".csv", id="utf-8"),
    pytest.param("utf-8-sig", ",", ".csv", id="utf-8-bom"),
    pytest.param("gbk", ",", ".csv", id="gbk"),
    pytest.param("gb18030", ",", ".csv", id="gb18030"),
    pytest.param("utf-16", "\t", ".txt", id="utf-16-unicode-text"),
    pytest.param("utf-16", "\t", ".csv", id="utf-16-tab-as-csv"),
    pytest.param("utf-8", "\t", ".tsv", id="utf-8-tsv"),
    pytest.param("gbk", ";", ".csv", id="gbk-semicolon"),
]


def _write_text_sheet(path, rows, encoding, delimiter, header=("text", "label")):
    with open(path, "w", encoding=encoding, newline="") as handle:
        writer = csv.writer(handle, delimiter=delimiter)
        writer.writerow(header)
        writer.writerows(rows)
    return path


@pytest.mark.parametrize(("encoding", "delimiter", "suffix"), ENCODING_CASES)
def test_sheets_in_every_encoding_excel_saves(tmp_path, encoding, delimiter, suffix):
    path = _write_text_sheet(tmp_path / f"mine{suffix}", ROWS, encoding, delimiter)
    if encoding == "utf-16":
        assert path.read_bytes().startswith(codecs.BOM_UTF16_LE)
    loaded = edusummary.load_samples(path)
    assert loaded.problems == []
    assert [(r.text, r.label) for r in loaded.records] == ROWS


def test_evaluate_reads_a_gbk_sheet(tmp_path, capsys):
    path = _write_text_sheet(tmp_path / "mine.csv", ROWS, "gbk", ",")
    assert main(["evaluate", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["n"] == len(ROWS)


BAD_ROW_CASES = [
    # sheet number (1-based), row as Excel shows it, the row, message after the location
    pytest.param(1, 3, ["", "other"], "'text' must be a non-empty string", id="empty-text"),
    pytest.param(2, 2, [SMALL_SET["other"][2], "teachers"], "unknown label 'teachers'",
                 id="unknown-label"),
    pytest.param(2, 4, [SMALL_SET["other"][2], None], "no label given", id="no-label"),
    pytest.param(1, 2, ["师德建设", "other"], "only 4 Chinese characters", id="too-short"),
]


@pytest.mark.parametrize(("sheet_number", "row_number", "bad", "message"), BAD_ROW_CASES)
def test_bad_rows_are_named_by_sheet_and_row(tmp_path, sheet_number, row_number, bad, message):
    book = openpyxl.Workbook()
    sheets = [book.active, book.create_sheet("第二批")]
    good = iter(ROWS)
    for number, sheet in enumerate(sheets, 1):
        sheet.append(["text", "label"])
        for row in range(2, 5):
            sheet.append(bad if (number, row) == (sheet_number, row_number) else next(good))
    path = tmp_path / "mine.xlsx"
    book.save(path)
    loaded = edusummary.load_samples(path)
    (problem,) = loaded.problems
    assert problem.startswith(f"{path}:sheet {sheet_number}:row {row_number}: {message}")
    assert len(loaded.records) == 5


def test_a_bad_row_of_a_gbk_sheet_is_named_by_row(tmp_path):
    rows = [*ROWS[:3], (SMALL_SET["other"][2], "教师")]
    path = _write_text_sheet(tmp_path / "mine.csv", rows, "gbk", ",")
    loaded = edusummary.load_samples(path)
    assert loaded.problems[0].startswith(f"{path}:row 5: unknown label '教师'")


def test_a_number_in_the_label_column_is_a_bad_row_in_a_workbook_and_in_csv(tmp_path):
    rows = [*ROWS, ("县教育局组织开展中小学教材征订和发放工作，确保课前到书、人手一册。", 3)]
    text_sheet = _write_text_sheet(tmp_path / "mine.csv", rows, "utf-8", ",")
    book = openpyxl.Workbook()
    for row in [("text", "label"), *rows]:
        book.active.append(row)
    book.save(tmp_path / "mine.xlsx")
    for path, where in ((text_sheet, "row 12"), (tmp_path / "mine.xlsx", "sheet 1:row 12")):
        with pytest.warns(edusummary.EdusummaryWarning, match="1 row left out"):
            model = edusummary.train(path, min_df=1, calibrate=False)
        (problem,) = model.metadata["training_data"]["rejected"]
        assert problem.startswith(f"{path}:{where}: unknown label")


@pytest.mark.parametrize(
    ("name", "message"),
    [
        pytest.param("mine.csv", "no 'text' column in the first 10 lines", id="csv"),
        pytest.param("mine.xlsx", "no sheet has a 'text' column", id="xlsx"),
    ],
)
def test_a_sheet_without_a_text_column(tmp_path, name, message):
    path = tmp_path / name
    # 段落 would be read as text: 摘要 (summary) is no name of it.
    if name.endswith(".csv"):
        _write_text_sheet(path, ROWS, "utf-8", ",", header=("摘要", "label"))
    else:
        book = openpyxl.Workbook()
        book.active.append(["摘要", "label"])
        book.save(path)
    with pytest.raises(DataError, match=re.escape(f"{path.name}: {message}")):
        edusummary.load_samples(path)


def test_a_file_that_is_no_workbook(tmp_path):
    path = tmp_path / "mine.xlsx"
    path.write_text("text,label\n", encoding="utf-8")
    with pytest.raises(DataError, match=re.escape("mine.xlsx: not an Excel workbook")):
        edusummary.load_samples(path)


def test_suggest_refuses_another_kind_of_sheet(tmp_path, report_dir, capsys):
    assert main(["suggest", str(report_dir), "-o", str(tmp_path / "s.ods")]) == 2
    assert "must end in .csv or .xlsx" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["to_label.xlsx", "to_label.csv"])
def test_suggest_keeps_a_sheet_the_analyst_worked_on_though_no_label_is_filled(
    tmp_path, report_dir, capsys, name
):
    out = tmp_path / name
    argv = ["suggest", str(report_dir), "-n", "10", "-o", str(out)]
    assert main(argv) == 0
    assert main(argv) == 0  # its own sheet, untouched: written over
    if name.endswith(".xlsx"):
        book, sheet, _ = _sheet_rows(out)
        book.save(out)  # opened and saved again, unchanged
        assert main(argv) == 0
        book, sheet, _ = _sheet_rows(out)
        # A guess corrected where it stands, and a note of her own.
        sheet.cell(2, SHEET_FIELDS.index("suggested") + 1, "德育")
        sheet.cell(1, len(SHEET_FIELDS) + 1, "备注")
        sheet.cell(2, len(SHEET_FIELDS) + 1, "已与科长核对")
        book.save(out)
    else:
        with open(out, encoding="utf-8-sig", newline="") as handle:
            cells = list(csv.reader(handle))
        cells[1][SHEET_FIELDS.index("suggested")] = "德育"  # corrected in place
        with open(out, "w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows(cells)
    before = out.read_bytes()
    capsys.readouterr()
    assert main(argv) == 2
    assert f"{out}: changed since suggest wrote it" in capsys.readouterr().err
    assert out.read_bytes() == before
    # No file beside it that a folder of sheets given to train --add would read.
    assert edusummary.load_samples(tmp_path).unlabelled == 3


def test_suggest_stopped_as_its_csv_takes_the_old_ones_place_can_write_over_it(
    tmp_path, report_dir, monkeypatch
):
    # The digest beside the sheet was written before the sheet took the old one's place:
    # Ctrl-C between the two left the old sheet, untouched, taken for "changed since
    # suggest wrote it", and the next suggest refused to write over it.
    out = tmp_path / "to_label.csv"
    assert main(["suggest", str(report_dir), "-n", "2", "-o", str(out)]) == 0
    replace = os.replace

    def ctrl_c_then_replace(source, target):
        if Path(target) == out:
            os.kill(os.getpid(), signal.SIGINT)
        replace(source, target)

    monkeypatch.setattr(os, "replace", ctrl_c_then_replace)
    argv = ["suggest", str(report_dir), "-n", "10", "-o", str(out)]
    assert main(argv) == 130
    monkeypatch.setattr(os, "replace", replace)
    assert unchanged_sheet(out)
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".to_label.csv.suggest-sha256", "reports", "to_label.csv"
    ]
    assert main(argv) == 0
