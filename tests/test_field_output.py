"""Field cases for what the CLI writes: spreadsheets that run no formulas, file names of
any bytes.

Each row of a table is one case met in the field, with the outcome the user relies on.
"""

from __future__ import annotations

import csv
import json
import os
from pathlib import Path

import pytest

from edusummary import EdusummaryWarning, tag_many
from edusummary.batch.cells import display_path, spreadsheet_cell, write_table
from edusummary.batch.output import RowWriter
from edusummary.batch.running import Outcome
from edusummary.batch.suggesting import write_sheet
from edusummary.cli import main
from edusummary.errors import ReadError

# Written for these tests; each paragraph has well over 15 Chinese characters, so it is
# labelled, not kept as a heading.
PARAGRAPH = "SUM(A1)全县新建幼儿园三所，新增学位九百个，学前三年毛入园率达到百分之九十。"
SECOND = "全面落实控辍保学责任，建立辍学学生动态台账，初中三年巩固率达到百分之九十八以上。"
GBK_NAME = b"\xc7\xe5\xcb\xae\xcf\xd8.txt"  # 清水县.txt in GBK


def _report_dir(tmp_path: Path, first: str) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "report.txt").write_text(f"{first}\n\n{SECOND}\n", encoding="utf-8")
    return folder


def _csv_column(path: Path, column: str) -> list[str]:
    with open(path, encoding="utf-8-sig", newline="") as handle:
        return [row[column] for row in csv.DictReader(handle)]


def _xlsx_cells(path: Path, column: str) -> list:
    openpyxl = pytest.importorskip("openpyxl")
    sheet = openpyxl.load_workbook(path).active
    header = [cell.value for cell in sheet[1]]
    return [row[header.index(column)] for row in sheet.iter_rows(min_row=2)]


def _written_text(path: Path, column: str) -> list[str]:
    """The cells of ``column``, checking that no .xlsx cell is a formula."""
    if path.suffix == ".csv":
        return _csv_column(path, column)
    if path.suffix == ".jsonl":
        return [json.loads(line)[column] for line in path.read_text("utf-8").splitlines()]
    if path.suffix == ".parquet":
        pytest.importorskip("pyarrow")
        pd = pytest.importorskip("pandas")
        return list(pd.read_parquet(path)[column])
    cells = _xlsx_cells(path, column)
    assert all(cell.data_type == "s" for cell in cells if cell.value is not None)
    return [cell.value for cell in cells]


# Which column of each command's output holds the paragraph.
TEXT_COLUMN = {"tag": "text", "summarize": "key_sentences", "suggest": "text"}

OUTPUT_CASES = [
    # command, output file, options, first character of the paragraph, start of the cell
    pytest.param("tag", "out.csv", [], "=", "'=", id="tag-csv-equals"),
    pytest.param("tag", "out.csv", [], "+", "'+", id="tag-csv-plus"),
    pytest.param("tag", "out.csv", [], "-", "'-", id="tag-csv-minus"),
    pytest.param("tag", "out.csv", [], "@", "'@", id="tag-csv-at"),
    pytest.param("summarize", "out.csv", [], "=", "'=", id="summarize-csv-equals"),
    pytest.param("summarize", "out.csv", [], "@", "'@", id="summarize-csv-at"),
    pytest.param("summarize", "out.xlsx", [], "=", "'=", id="summarize-xlsx-equals"),
    pytest.param("summarize", "out.xlsx", [], "+", "'+", id="summarize-xlsx-plus"),
    pytest.param("summarize", "out.xlsx", [], "-", "'-", id="summarize-xlsx-minus"),
    pytest.param("summarize", "out.xlsx", [], "@", "'@", id="summarize-xlsx-at"),
    pytest.param("suggest", "sheet.csv", [], "=", "'=", id="suggest-csv-equals"),
    pytest.param("suggest", "sheet.csv", [], "+", "'+", id="suggest-csv-plus"),
    pytest.param("suggest", "sheet.csv", [], "-", "'-", id="suggest-csv-minus"),
    pytest.param("suggest", "sheet.csv", [], "@", "'@", id="suggest-csv-at"),
    # The flag writes text unchanged; .xlsx still holds it as text, not a formula.
    pytest.param("tag", "out.csv", ["--no-formula-guard"], "=", "=", id="tag-csv-off"),
    pytest.param("summarize", "out.csv", ["--no-formula-guard"], "=", "=", id="summarize-csv-off"),
    pytest.param(
        "summarize", "out.xlsx", ["--no-formula-guard"], "=", "=", id="summarize-xlsx-off"
    ),
    pytest.param("suggest", "sheet.csv", ["--no-formula-guard"], "=", "=", id="suggest-csv-off"),
    # JSON lines and Parquet are data, not spreadsheets.
    pytest.param("tag", "out.jsonl", [], "=", "=", id="tag-jsonl-unchanged"),
    pytest.param("tag", "out.parquet", [], "=", "=", id="tag-parquet-unchanged"),
]


@pytest.mark.parametrize(("command", "output", "options", "first", "expected"), OUTPUT_CASES)
def test_text_starting_like_a_formula(tmp_path, command, output, options, first, expected):
    if command == "summarize":
        pytest.importorskip("pandas")
    folder = _report_dir(tmp_path, first + PARAGRAPH)
    out = tmp_path / output
    quiet = ["-q"] if command == "tag" else []
    assert main([command, str(folder), "-o", str(out), *options, *quiet]) == 0
    assert expected + PARAGRAPH in _written_text(out, TEXT_COLUMN[command])
    assert SECOND in _written_text(out, TEXT_COLUMN[command])


def test_a_file_name_starting_like_a_formula_is_neutralised(tmp_path):
    pytest.importorskip("openpyxl")
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "=HYPERLINK(1).txt").write_text(PARAGRAPH + "\n", encoding="utf-8")
    out = tmp_path / "out.xlsx"
    assert main(["summarize", str(folder), "-o", str(out)]) == 0
    assert set(_written_text(out, "report")) == {"'=HYPERLINK(1).txt"}


@pytest.mark.parametrize(
    ("suffix", "guard", "expected"),
    [
        pytest.param(".csv", True, "'-2.5", id="csv-guarded"),
        pytest.param(".xlsx", True, "'-2.5", id="xlsx-guarded"),
        pytest.param(".csv", False, "-2.5", id="csv-off"),
    ],
)
def test_a_negative_number_stays_a_number(tmp_path, suffix, guard, expected):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"share": [-2.5], "note": ["-2.5"]})
    out = write_table(frame, tmp_path / f"t{suffix}", formula_guard=guard)
    if suffix == ".csv":
        lines = out.read_text(encoding="utf-8-sig").splitlines()
        assert lines[1] == f"-2.5,{expected}"  # the number bare, the text guarded
    else:
        share, note = _xlsx_cells(out, "share")[0], _xlsx_cells(out, "note")[0]
        assert (share.data_type, share.value) == ("n", -2.5)
        assert (note.data_type, note.value) == ("s", expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("\t=SUM(A1)" + SECOND, "'\t=SUM(A1)" + SECOND, id="tab"),
        pytest.param("\r=SUM(A1)" + SECOND, "'\r=SUM(A1)" + SECOND, id="carriage-return"),
        pytest.param("全县=SUM(A1)", "全县=SUM(A1)", id="formula-not-at-start"),
    ],
)
def test_the_sheet_guards_tab_and_carriage_return(tmp_path, text, expected):
    # The readers strip leading whitespace from paragraphs, so these reach a sheet only
    # from rows made in Python.
    row = {"text": text, "label": "", "suggested": "other", "confidence": 0.5,
           "margin": -0.0, "source": "a.txt", "index": 0}
    sheet = write_sheet([row], tmp_path / "sheet.csv")
    assert _csv_column(sheet, "text") == [expected]
    assert _csv_column(sheet, "margin") == ["-0.0"]


@pytest.mark.parametrize(
    ("value", "guard", "expected"),
    [
        pytest.param("=1+2", True, "'=1+2", id="text-guarded"),
        pytest.param("=1+2", False, "=1+2", id="text-off"),
        pytest.param(-3, True, -3, id="int"),
        pytest.param(-2.5, True, -2.5, id="float"),
        pytest.param(None, True, None, id="none"),
        pytest.param(os.fsdecode(b"-" + GBK_NAME), True, "'-清水县.txt", id="gbk-name"),
    ],
)
def test_spreadsheet_cell(value, guard, expected):
    assert spreadsheet_cell(value, formula_guard=guard) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        pytest.param(b"/data/" + GBK_NAME, "/data/清水县.txt", id="gbk"),
        pytest.param("清水县.txt".encode("gb18030"), "清水县.txt", id="gb18030"),
        pytest.param("清水县.txt".encode(), "清水县.txt", id="utf-8"),
        pytest.param(b"\xff\xfe.txt", "\\xff\\xfe.txt", id="neither"),
        # An archive's GBK names unzipped into a folder the user named: each part decoded
        # alone. As one, the name came out as escapes, or the folder's name as mojibake.
        pytest.param("教育局/".encode() + GBK_NAME, "教育局/清水县.txt", id="utf-8-folder"),
        pytest.param(
            "2023年报告/".encode() + GBK_NAME, "2023年报告/清水县.txt", id="utf-8-folder-even"
        ),
        pytest.param(
            "县区材料/".encode("gbk") + "总结.txt".encode(), "县区材料/总结.txt", id="gbk-folder"
        ),
        pytest.param("材料/".encode() + b"\xff.txt", "材料/\\xff.txt", id="utf-8-and-neither"),
    ],
)
def test_display_path(raw, expected):
    assert display_path(os.fsdecode(raw)) == expected


def test_display_path_of_a_surrogate_that_is_no_escaped_byte():
    assert display_path("a\ud800.txt") == "a\\ud800.txt"


GBK_CASES = [
    # command, output file (None: stdout), how to read it
    pytest.param("tag", None, id="tag-stdout-jsonl"),
    pytest.param("tag", "out.jsonl", id="tag-jsonl"),
    pytest.param("tag", "out.csv", id="tag-csv"),
    pytest.param("summarize", "out.xlsx", id="summarize-xlsx"),
    pytest.param("summarize", "out.csv", id="summarize-csv"),
    pytest.param("summarize", None, id="summarize-stdout"),
    pytest.param("suggest", "sheet.csv", id="suggest-csv"),
]


@pytest.mark.parametrize(("command", "output"), GBK_CASES)
def test_a_gbk_file_name_is_written_readably(tmp_path, capsys, command, output):
    if command == "summarize":
        pytest.importorskip("pandas")
    folder = tmp_path / "2023年各县区教育工作总结（汇总）"  # unzipped into a folder named in UTF-8
    folder.mkdir()
    descriptor = os.open(os.fsencode(folder) + b"/" + GBK_NAME, os.O_WRONLY | os.O_CREAT)
    os.write(descriptor, f"{PARAGRAPH}\n\n{SECOND}\n".encode())
    os.close(descriptor)
    argv = [command, str(folder)]
    if output is not None:
        argv += ["-o", str(tmp_path / output)]
    assert main(argv) == 0
    if output is None:
        written = capsys.readouterr().out
    elif output.endswith(".xlsx"):
        written = " ".join(str(cell.value) for cell in _xlsx_cells(tmp_path / output, "source"))
    else:
        written = (tmp_path / output).read_text(encoding="utf-8")
    # A summary on the terminal names a report by its file name alone.
    on_terminal = (command, output) == ("summarize", None)
    shown = "清水县.txt" if on_terminal else f"{folder.name}/清水县.txt"
    assert shown in written


@pytest.mark.parametrize("output", [None, "out.jsonl"])
def test_a_file_with_a_gbk_name_that_fails_is_named_readably(tmp_path, capsys, output):
    folder = tmp_path / "教育局"
    folder.mkdir()
    descriptor = os.open(os.fsencode(folder) + b"/" + GBK_NAME, os.O_WRONLY | os.O_CREAT)
    os.write(descriptor, bytes(64))  # binary: the file fails
    os.close(descriptor)
    argv = ["tag", str(folder)] + ([] if output is None else ["-o", str(tmp_path / output)])
    assert main(argv) == 1
    if output is None:
        written = capsys.readouterr().err
    else:
        (written,) = (tmp_path / f"{output}.errors.jsonl").read_text(encoding="utf-8").splitlines()
        assert '/教育局/清水县.txt", "error_type": "ReadError"' in written  # as grep finds it
        written = json.loads(written)
        assert written["path"].endswith("教育局/清水县.txt")
        written = written["error"]
    assert "教育局/清水县.txt: looks like a binary file" in written


def test_an_error_naming_a_file_otherwise_is_still_written(tmp_path):
    # The errors file holds characters, not \uXXXX escapes; a name display_path could not
    # replace (spelt otherwise in the message) must not stop the run.
    odd = os.fsdecode(b"in/" + GBK_NAME)
    with RowWriter(tmp_path / "out.jsonl") as writer:
        writer.add(Outcome("./" + odd, exception=ReadError(f"{odd}: looks like a binary file")))
    (line,) = (tmp_path / "out.jsonl.errors.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(line) == {
        "path": "./in/清水县.txt", "error_type": "ReadError",
        "error": f"{odd}: looks like a binary file",
    }


@pytest.mark.parametrize("output", ["out.jsonl", "out.csv"])
def test_a_run_with_a_gbk_file_name_resumes(tmp_path, capsys, output):
    folder = tmp_path / "unzipped"
    folder.mkdir()
    descriptor = os.open(os.fsencode(folder) + b"/" + GBK_NAME, os.O_WRONLY | os.O_CREAT)
    os.write(descriptor, f"{PARAGRAPH}\n\n{SECOND}\n".encode())
    os.close(descriptor)
    out = tmp_path / output
    assert main(["tag", str(folder), "-o", str(out)]) == 0
    first = out.read_bytes()
    capsys.readouterr()
    assert main(["tag", str(folder), "-o", str(out), "--resume"]) == 0
    assert "1 already done" in capsys.readouterr().err
    assert out.read_bytes() == first


def _gbk_file(folder: Path, name: str, content: bytes) -> str:
    path = os.fsencode(folder) + b"/" + name.encode("gbk")
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT)
    os.write(descriptor, content)
    os.close(descriptor)
    return os.fsdecode(path)


def test_warnings_name_a_gbk_named_file_readably(tmp_path, capsys):
    # They named it by surrogate escapes (\udccf\udcd8…), which matched no source column.
    folder = tmp_path / "县区材料"
    folder.mkdir()
    report = f"{PARAGRAPH}\n\n{SECOND}\n".encode("gbk")
    _gbk_file(folder, "空文件.txt", b"")
    _gbk_file(folder, "乱码.txt", report + b"\xff\xfe\x80" + report)
    changed = _gbk_file(folder, "清水县.txt", report)
    out = tmp_path / "out.csv"
    assert main(["tag", str(folder), "-q", "-o", str(out)]) == 0
    err = capsys.readouterr().err
    assert f"{folder}/空文件.txt: the file is empty" in err
    assert f"{folder}/乱码.txt: bytes at {len(report)} are not valid gb18030" in err
    with open(changed, "ab") as handle:
        handle.write(SECOND.encode("gbk"))
    assert main(["tag", str(folder), "-q", "-o", str(out), "--resume"]) == 0
    assert f"{folder}/清水县.txt changed since it was written" in capsys.readouterr().err
    with pytest.warns(EdusummaryWarning) as said:
        reports = list(tag_many([folder], n_jobs=1, progress=False))
    messages = [str(w.message) for w in said] + [m for r in reports for m in r.warnings]
    assert len(messages) == 4 and all(m.startswith(f"{folder}/") for m in messages)


def test_the_view_of_a_file_with_a_gbk_name_shows_the_name(tmp_path):
    path = os.fsencode(tmp_path) + b"/" + GBK_NAME
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT)
    os.write(descriptor, f"{PARAGRAPH}\n\n{SECOND}\n".encode())
    os.close(descriptor)
    page = tmp_path / "view.html"
    assert main(["view", os.fsdecode(path), "-o", str(page)]) == 0
    assert "清水县.txt" in page.read_text(encoding="utf-8")


def _row(**changes):
    row = {
        "source": "reports/清水县.txt", "index": 3, "label": "preschool",
        "labels": ["preschool", "compulsory_balance"], "confidence": 0.9731,
        "flags": [], "heading": "一、学前教育", "start": 120, "end": 168,
        "text": "全县新建幼儿园三所，新增学位九百个。",
    }
    row.update(changes)
    return row


@pytest.mark.parametrize(
    "row",
    [
        _row(),
        _row(heading=None, source=None, labels=["other"], flags=["review", "low_confidence"]),
        _row(text='引号"、反斜杠\\、制表\t与换行\n都要转义'),  # escapes json must write
        _row(text="行分隔符\u2028与段分隔符\u2029及控制字符\x01\x1f"),
        _row(text="𠀀𪚥 astral characters and é, ü", source="目录/b.txt"),
        _row(confidence=1.0, index=0, start=0, end=0),
        _row(confidence=1e-05),  # repr would be the same as json's: 1e-05
        _row(confidence=float("nan")),  # left to json: NaN
        _row(confidence=float("inf")),
        _row(confidence=0.123456789),  # not rounded: not in the table
        {"source": "a.txt", "text": "字段不同的行", "extra": 1},  # other fields: left to json
    ],
)
def test_jsonl_lines_are_what_json_writes(row):
    from edusummary.batch.output import encode_jsonl

    assert encode_jsonl([row]) == (json.dumps(row, ensure_ascii=False) + "\n").encode()


# Written for these tests: a paragraph with a DOS end-of-file mark and an escape in it, as
# text pasted from old files carries them.
CONTROL = "全县新建幼儿园三所\x1a，新增学位九百个\x1b，学前三年毛入园率达到百分之九十。"


@pytest.mark.parametrize("command", ["summarize", "suggest"])
def test_control_characters_do_not_stop_an_excel_output(tmp_path, command):
    pytest.importorskip("openpyxl")
    pytest.importorskip("pandas")
    report = tmp_path / "in" / "报告.txt"
    report.parent.mkdir()
    report.write_text(f"{CONTROL}\n\n{SECOND}\n", encoding="utf-8")
    out = tmp_path / "新建" / "out.xlsx"  # in a folder that does not exist yet
    assert main([command, str(report.parent), "-o", str(out)]) == 0
    cells = _xlsx_cells(out, "key_sentences" if command == "summarize" else "text")
    written = " ".join(str(cell.value) for cell in cells)
    assert "新增学位九百个，学前三年" in written and "\x1a" not in written
    assert sorted(os.listdir(out.parent)) == ["out.xlsx"]


def test_a_table_that_fails_half_way_leaves_no_file(tmp_path, monkeypatch):
    pd = pytest.importorskip("pandas")
    pytest.importorskip("openpyxl")
    from edusummary.batch import cells

    def fail(frame, path, sheet_name):
        path.write_bytes(b"PK half a workbook")
        raise OSError("the disk is full")

    monkeypatch.setattr(cells, "_write_excel", fail)
    out = tmp_path / "summary.xlsx"
    with pytest.raises(OSError, match="the disk is full"):
        cells.write_table(pd.DataFrame({"text": [PARAGRAPH]}), out)
    assert os.listdir(tmp_path) == []


def test_view_says_what_to_know_of_the_file(tmp_path, capsys):
    empty = tmp_path / "空白.txt"
    empty.write_text("", encoding="utf-8")
    assert main(["view", str(empty), "-o", str(tmp_path / "page.html")]) == 0
    assert "edusummary: warning: " in capsys.readouterr().err


def test_tag_does_not_write_over_its_output_once_corrected_by_hand(tmp_path, capsys):
    reports = _report_dir(tmp_path, PARAGRAPH)
    out = tmp_path / "tagged.csv"
    assert main(["tag", str(reports), "-q", "-o", str(out)]) == 0
    assert main(["tag", str(reports), "-q", "-o", str(out)]) == 0  # a rerun as it is
    corrected = out.read_text(encoding="utf-8-sig").replace(",preschool,", ",other,", 1)
    out.write_text(corrected, encoding="utf-8-sig")
    capsys.readouterr()
    assert main(["tag", str(reports), "-q", "-o", str(out)]) == 2
    assert "was changed since edusummary tag wrote it" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8-sig") == corrected


def test_a_parquet_output_is_not_written_into_another_dataset_or_over_a_file(tmp_path, capsys):
    pytest.importorskip("pyarrow")
    reports = _report_dir(tmp_path, PARAGRAPH)
    theirs = tmp_path / "theirs.parquet"
    theirs.mkdir()
    (theirs / "data_0.parquet").write_bytes(b"PAR1")
    afile = tmp_path / "file.parquet"
    afile.write_bytes(b"PAR1")
    for out, says in ((theirs, "is not an output of edusummary tag"), (afile, "is a file")):
        assert main(["tag", str(reports), "-q", "-o", str(out)]) == 2
        assert says in capsys.readouterr().err
    assert sorted(p.name for p in theirs.iterdir()) == ["data_0.parquet"]


def test_thousands_of_one_paragraph_files_are_written_at_a_fixed_cost_each(tmp_path):
    # Each file added summed the paragraphs of every file waiting: 30,000 one-paragraph
    # files waiting for one batch took 450 M steps, some 10 s (0.4 s now).
    import time

    row = json.dumps({"text": "全县新建公办幼儿园三所。"}, ensure_ascii=False).encode() + b"\n"
    started = time.perf_counter()
    with RowWriter(tmp_path / "out.jsonl", batch_rows=10**9, batch_seconds=10**9) as writer:
        for i in range(30000):
            writer.add(Outcome(f"{i}.txt", encoded=row, paragraphs=1, sha256=f"{i:064x}"))
        adding = time.perf_counter() - started
    assert writer.paragraphs == 30000
    assert adding < 2.0
