"""Bulk tagging: folders, worker processes, Dask, output formats, errors and resuming."""

import contextlib
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import threading
import time
import unicodedata

import pytest
from conftest import REPORT, SMALL_SET
from hypothesis import given, settings
from hypothesis import strategies as st

import edusummary
from edusummary._chinese import han_count
from edusummary.batch.files import file_digest, find_reports
from edusummary.batch.running import tag_paths
from edusummary.cli import main
from edusummary.text.tokenizing import fold

PARAGRAPHS = [text for texts in SMALL_SET.values() for text in texts]


def make_reports(folder, count, start=0):
    """``count`` small reports, each a different selection of the written paragraphs."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(start, start + count):
        chosen = [PARAGRAPHS[(i * 7 + k * 3) % len(PARAGRAPHS)] for k in range(4 + i % 5)]
        path = folder / f"report_{i:04d}.txt"
        path.write_text(f"第{i}号报告\n\n" + "\n\n".join(chosen) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def rows_of(reports):
    return sorted(
        (r.source, p.index, p.label, p.text, round(p.confidence, 6))
        for r in reports
        for p in r.paragraphs
    )


def read_jsonl(path):
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def key(row):
    return (row["source"], row["index"], row["label"], row["text"])


def test_find_reports_walks_folders(tmp_path):
    make_reports(tmp_path / "a", 2)
    make_reports(tmp_path / "a" / "sub", 2, start=10)
    (tmp_path / "a" / ".hidden.txt").write_text("不要", encoding="utf-8")
    (tmp_path / "a" / "notes.xyz").write_text("不要", encoding="utf-8")
    top = list(find_reports([tmp_path / "a"]))
    assert [os.path.basename(p) for p in top] == ["report_0000.txt", "report_0001.txt"]
    everything = list(find_reports([tmp_path / "a"], recursive=True))
    assert len(everything) == 4
    assert list(find_reports([tmp_path / "given.xyz"])) == [str(tmp_path / "given.xyz")]


def test_a_folder_search_finds_damaged_word_files_and_archives_to_report_them(tmp_path):
    # Left out of a folder's files, a report saved as .doc would be lost without a word.
    make_reports(tmp_path / "in", 1)
    (tmp_path / "in" / "旧报告.doc").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500))
    (tmp_path / "in" / "附件.zip").write_bytes(b"PK\x05\x06" + bytes(18))
    (tmp_path / "in" / "徽标.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(50))
    found = [os.path.basename(p) for p in find_reports([tmp_path / "in"])]
    assert sorted(found) == ["report_0000.txt", "旧报告.doc", "附件.zip"]
    out = tmp_path / "out.jsonl"
    assert main(["tag", str(tmp_path / "in"), "-o", str(out), "-q"]) == 1
    errors = read_jsonl(tmp_path / "out.jsonl.errors.jsonl")
    errors = {os.path.basename(e["path"]): e["error"] for e in errors}
    assert "save it as .docx" in errors["旧报告.doc"]
    assert "extract the reports first" in errors["附件.zip"]
    assert {row["source"] for row in read_jsonl(out)} == {str(tmp_path / "in" / "report_0000.txt")}


def test_words_lock_files_are_skipped_and_an_unsaved_docx_is_only_empty(tmp_path, capsys):
    # A report open in Word when the folder was zipped leaves its owner file ~$…docx; with a
    # new, never saved .docx it failed the run as "not a zip package".
    make_reports(tmp_path / "in", 1)
    (tmp_path / "in" / "~$水县总结.docx").write_bytes(b"\x0dAdministrator" + bytes(149))
    (tmp_path / "in" / "~$会议纪要.docx").write_bytes(b"")
    (tmp_path / "in" / "新建 Microsoft Word 文档.docx").write_bytes(b"")
    found = sorted(os.path.basename(p) for p in find_reports([tmp_path / "in"]))
    assert found == ["report_0000.txt", "新建 Microsoft Word 文档.docx"]
    out = tmp_path / "out.jsonl"
    assert main(["tag", str(tmp_path / "in"), "-o", str(out), "-q"]) == 0
    assert "新建 Microsoft Word 文档.docx: the file is empty" in capsys.readouterr().err
    assert (tmp_path / "out.jsonl.errors.jsonl").read_text(encoding="utf-8") == ""


@pytest.mark.parametrize("output", [None, "out.jsonl"])
def test_what_to_know_of_a_tagged_file_is_said(tmp_path, capsys, output):
    # An empty file counted as tagged without a word left the user to wonder at its zeros.
    make_reports(tmp_path / "in", 1)
    (tmp_path / "in" / "空白.txt").write_text("  \n", encoding="utf-8")
    argv = ["tag", str(tmp_path / "in"), "-q"]
    assert main(argv + ([] if output is None else ["-o", str(tmp_path / output)])) == 0
    assert "edusummary: warning: " in (err := capsys.readouterr().err)
    assert "空白.txt: the file holds only whitespace; there is nothing to tag" in err


def test_tag_many_warns_of_what_to_know_of_a_file(tmp_path):
    (tmp_path / "空白.txt").write_text("", encoding="utf-8")
    with pytest.warns(edusummary.EdusummaryWarning, match=r"空白\.txt: the file is empty"):
        (report,) = edusummary.tag_many([tmp_path / "空白.txt"], progress=False)
    assert len(report) == 0


@pytest.mark.parametrize("output", [None, "out.jsonl"])
def test_a_file_given_twice_is_tagged_once_and_said_so(tmp_path, capsys, output):
    (report,) = make_reports(tmp_path / "in", 1)
    argv = ["tag", str(report), str(tmp_path / "in" / "." / report.name)]
    assert main(argv + ([] if output is None else ["-o", str(tmp_path / output)])) == 0
    captured = capsys.readouterr()
    written = captured.out if output is None else (tmp_path / output).read_text("utf-8")
    assert {json.loads(line)["index"] for line in written.splitlines()} == set(
        range(len(written.splitlines()))
    )
    assert "in 1 file" in captured.err and "1 given more than once (tagged once)" in captured.err
    assert "already done" not in captured.err


def test_tag_many_yields_a_file_given_twice_once_and_says_so(tmp_path):
    # The file given by name and in its folder was yielded twice, silently, and weighed
    # twice in every summary made of the reports.
    paths = make_reports(tmp_path / "县教育局", 3)
    given = [tmp_path / "县教育局", paths[1]]
    with pytest.warns(edusummary.EdusummaryWarning, match="1 file given more than once, tagged"):
        reports = list(edusummary.tag_many(given, n_jobs=1, progress=False))
    assert sorted(r.source for r in reports) == sorted(map(str, paths))


def test_a_path_the_system_rejects_fails_alone(tmp_path):
    good = make_reports(tmp_path / "in", 2)
    too_long = tmp_path / ("长" * 100 + ".txt")
    out = tmp_path / "out.jsonl"
    assert main(["tag", str(good[0]), str(too_long), str(good[1]), "-o", str(out), "-q"]) == 1
    assert {row["source"] for row in read_jsonl(out)} == {str(p) for p in good}
    (error,) = read_jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert error["error_type"] == "ReadError" and "cannot be read" in error["error"]


def test_the_folder_a_browser_saves_a_page_with_is_not_searched(tmp_path):
    page = "<html><body><p>全县新建公办幼儿园五所，毛入园率达到百分之九十二。</p></body></html>"
    (tmp_path / "in" / "总结_files").mkdir(parents=True)
    (tmp_path / "in" / "总结.htm").write_text(page, encoding="utf-8")
    (tmp_path / "in" / "总结_files" / "frame.htm").write_text(page, encoding="utf-8")
    (tmp_path / "in" / "会议_files").mkdir()  # no page beside it: an ordinary folder
    (tmp_path / "in" / "会议_files" / "纪要.txt").write_text(page, encoding="utf-8")
    found = [os.path.relpath(p, tmp_path / "in") for p in find_reports([tmp_path / "in"], True)]
    assert found == [os.path.join("会议_files", "纪要.txt"), "总结.htm"]


@pytest.mark.parametrize("suffix", [".files", ".fld", "_FILES"])
def test_the_folder_word_saves_a_page_with_is_not_searched(tmp_path, suffix):
    # Word's 另存为网页 on Chinese Windows names it NAME.files (older Office NAME.fld): its
    # header.htm was tagged and summarised as a report of its own.
    page = "<html><body><p>全县新建公办幼儿园五所，毛入园率达到百分之九十二。</p></body></html>"
    (tmp_path / "in" / f"总结（网页）{suffix}").mkdir(parents=True)
    (tmp_path / "in" / "总结（网页）.htm").write_text(page, encoding="utf-8")
    (tmp_path / "in" / f"总结（网页）{suffix}" / "header.htm").write_text(page, encoding="utf-8")
    (tmp_path / "in" / "会议.files").mkdir()  # no page beside it: an ordinary folder
    (tmp_path / "in" / "会议.files" / "纪要.txt").write_text(page, encoding="utf-8")
    found = [os.path.relpath(p, tmp_path / "in") for p in find_reports([tmp_path / "in"], True)]
    assert found == [os.path.join("会议.files", "纪要.txt"), "总结（网页）.htm"]


def test_a_link_to_a_folder_is_followed_once_and_never_round_a_loop(tmp_path, capsys):
    # A link back up, as archives keep, was followed until the system gave up: each report
    # came out under a path through the loop, and two such links searched for ever.
    text = "全县新建公办幼儿园五所，新增学位一千二百个，毛入园率达到百分之九十二。\n"
    (tmp_path / "in" / "报告").mkdir(parents=True)
    (tmp_path / "in" / "报告" / "清水县总结.txt").write_text(text, encoding="utf-8")
    (tmp_path / "共享").mkdir()
    (tmp_path / "共享" / "白水县总结.txt").write_text(text, encoding="utf-8")
    loops = [tmp_path / "in" / "报告" / name for name in ("上级", "返回", "自己")]

    def found():
        return [os.path.relpath(p, tmp_path / "in") for p in find_reports([tmp_path / "in"], True)]

    try:
        loops[0].symlink_to("..")
        assert found() == [os.path.join("报告", "清水县总结.txt")]
        loops[1].symlink_to("..")
        loops[2].symlink_to("自己")  # leads nowhere: no folder, and no report's suffix
        (tmp_path / "in" / "副本").symlink_to("报告")  # sorts before the folder it leads to
        (tmp_path / "in" / "外部").symlink_to(tmp_path / "共享")  # outside: followed, once
        (tmp_path / "in" / "外部二").symlink_to(tmp_path / "共享")
        expected = [os.path.join("外部", "白水县总结.txt"), os.path.join("报告", "清水县总结.txt")]
        assert found() == expected
        out = tmp_path / "out.jsonl"
        assert main(["tag", str(tmp_path / "in"), "-r", "-o", str(out), "-q"]) == 0
        assert {row["source"] for row in read_jsonl(out)} == {
            str(tmp_path / "in" / path) for path in expected
        }
        assert "more than once" not in capsys.readouterr().err
    finally:
        for link in loops:  # no loop left for whatever walks the temporary folder
            link.unlink(missing_ok=True)


def test_a_report_nested_past_the_path_limit_is_a_failure_not_lost(tmp_path):
    # A folder whose path the system refuses was taken for a file without a report's
    # suffix: the run said "0 failed" and exited 0.
    (tmp_path / "in").mkdir()
    make_reports(tmp_path / "in", 1)
    name = "各乡镇中心学校上报材料汇总" * 6  # 234 bytes; 20 of them pass the 4,096 of Linux
    folder = os.open(tmp_path / "in", os.O_RDONLY)
    try:
        for _ in range(20):
            os.mkdir(name, dir_fd=folder)
            inner = os.open(name, os.O_RDONLY, dir_fd=folder)
            os.close(folder)
            folder = inner
        report = os.open("深层报告.txt", os.O_WRONLY | os.O_CREAT, dir_fd=folder)
        os.write(report, "全县新建公办幼儿园五所，毛入园率达到百分之九十二。".encode())
        os.close(report)
    finally:
        os.close(folder)
    try:
        out = tmp_path / "out.jsonl"
        assert main(["tag", str(tmp_path / "in"), "-r", "-o", str(out), "-q"]) == 1
        (error,) = read_jsonl(tmp_path / "out.jsonl.errors.jsonl")
        assert error["path"].startswith(str(tmp_path / "in" / name / name))
        assert "name too long" in error["error"]
        (row, *_) = read_jsonl(out)
        assert os.path.basename(row["source"]) == "report_0000.txt"
    finally:
        shutil.rmtree(tmp_path / "in")  # pytest's own clean-up gives up on such paths


def test_a_folder_or_missing_file_has_no_digest_and_keeps_no_descriptor_open(tmp_path):
    report = tmp_path / "报告.txt"
    report.write_text("全县新建公办幼儿园五所，入园率达到百分之九十二。", encoding="utf-8")
    before = len(os.listdir("/proc/self/fd")) if os.path.isdir("/proc/self/fd") else None
    for _ in range(50):
        assert file_digest(tmp_path) is None
        assert file_digest(tmp_path / "gone.txt") is None
    assert file_digest(report) == file_digest(str(report)) is not None
    if before is not None:
        assert len(os.listdir("/proc/self/fd")) == before


def test_tag_many_in_worker_processes_equals_serial_tagging(tmp_path):
    paths = make_reports(tmp_path, 12)
    serial = list(edusummary.tag_many(paths, n_jobs=1))
    parallel = list(edusummary.tag_many(paths, n_jobs=2))
    assert len(serial) == len(parallel) == 12
    assert rows_of(serial) == rows_of(parallel)


def test_tag_many_takes_a_folder(tmp_path):
    make_reports(tmp_path, 3)
    assert len(list(edusummary.tag_many(tmp_path, n_jobs=1))) == 3


def test_a_folder_whose_reports_are_all_in_sub_folders_says_so(tmp_path, capsys):
    # As an archive unzips: reports a folder or two down, nothing tagged, nothing said.
    make_reports(tmp_path / "in" / "2023年" / "东岭县", 3)
    hint = "no reports in this folder, but its sub-folders hold some; search them with -r"
    with pytest.warns(edusummary.EdusummaryWarning, match=hint):
        assert list(edusummary.tag_many(tmp_path / "in", n_jobs=1)) == []
    assert len(list(edusummary.tag_many(tmp_path / "in", n_jobs=1, recursive=True))) == 3
    assert main(["tag", str(tmp_path / "in"), "-o", str(tmp_path / "out.jsonl")]) == 0
    assert hint in capsys.readouterr().err


def test_a_folder_holding_only_a_sheet_of_reports_says_so(tmp_path, capsys):
    # A scraper's sheet of reports, one a row: the folder had given 0 reports, exit 0, and
    # no word of the sheet passed over.
    folder = tmp_path / "采集"
    folder.mkdir()
    (folder / "reports.csv").write_text(
        "编号,正文\nR1,全县新建公办幼儿园3所，新增学位900个。\n", encoding="utf-8-sig"
    )
    hint = r"no reports in this folder, but 1 spreadsheet\(s\) \(reports\.csv\).*tag_texts"
    with pytest.warns(edusummary.EdusummaryWarning, match=hint):
        assert list(edusummary.tag_many(folder, n_jobs=1)) == []
    main(["summarize", str(folder), "-o", str(tmp_path / "out.csv")])
    assert "but 1 spreadsheet(s) (reports.csv)" in capsys.readouterr().err
    # Reports a folder down are said of as well: the sheet's advice had replaced that hint.
    make_reports(folder / "2023年", 1)
    with pytest.warns(edusummary.EdusummaryWarning, match="sub-folders hold some"):
        assert list(edusummary.tag_many(folder, n_jobs=1)) == []


def test_a_scrapers_folder_is_searched_for_pages_not_its_json(tmp_path, capsys):
    # JSON is refused as a report, but a folder is not searched for it: a scraper's index
    # beside the pages it saved, and tag's own OUT.state.jsonl, are no reports to fail on.
    folder = tmp_path / "采集"
    folder.mkdir()
    (folder / "1.html").write_text(
        "<html><body><p>全县新建公办幼儿园3所，新增学位900个，学前三年毛入园率达到92%。</p>"
        "</body></html>", encoding="utf-8",
    )
    (folder / "index.json").write_text('[{"url": "1.html", "title": "学前教育"}]', "utf-8")
    assert list(find_reports([folder])) == [str(folder / "1.html")]
    assert main(["tag", str(folder), "-o", str(folder / "out.jsonl")]) == 0
    assert main(["tag", str(folder), "-o", str(folder / "out.jsonl"), "--resume"]) == 0
    # A folder of a scraper's articles alone says what to do with them.
    (folder / "1.html").unlink()
    hint = r"no reports in this folder, but \d JSON file\(s\) \(index\.json.*read_json"
    with pytest.warns(edusummary.EdusummaryWarning, match=hint):
        assert list(edusummary.tag_many(folder, n_jobs=1)) == []


def test_tag_many_skips_bad_files_with_a_warning_or_raises(tmp_path):
    paths = [*make_reports(tmp_path, 2), tmp_path / "missing.txt"]
    with pytest.warns(edusummary.EdusummaryWarning, match=r"missing\.txt"):
        reports = list(edusummary.tag_many(paths, n_jobs=1))
    assert len(reports) == 2
    with pytest.raises(edusummary.ReadError, match=r"missing\.txt"):
        list(edusummary.tag_many(paths, n_jobs=1, errors="raise"))


def test_bad_n_jobs():
    with pytest.raises(ValueError, match="n_jobs"):
        list(tag_paths(["a.txt"], n_jobs=0))


def test_cli_tags_a_folder_recursively_with_two_jobs(tmp_path):
    make_reports(tmp_path / "in", 5)
    make_reports(tmp_path / "in" / "deeper", 5, start=5)
    one = tmp_path / "one.jsonl"
    two = tmp_path / "two.jsonl"
    assert main(["tag", str(tmp_path / "in"), "-r", "-o", str(one), "-q"]) == 0
    assert main(["tag", str(tmp_path / "in"), "-r", "-o", str(two), "-j", "2", "-q"]) == 0
    assert sorted(map(key, read_jsonl(one))) == sorted(map(key, read_jsonl(two)))
    assert len({row["source"] for row in read_jsonl(one)}) == 10


def test_two_jobs_write_the_rows_of_one_in_the_same_order(tmp_path):
    # A long report first: its batch finishes after the short ones behind it.
    make_reports(tmp_path / "in", 30, start=1)
    long = "\n\n".join(PARAGRAPHS * (300_000 // len("".join(PARAGRAPHS)) + 1))
    (tmp_path / "in" / "report_0000.txt").write_text("长篇汇报\n\n" + long, encoding="utf-8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["tag", str(tmp_path / "in"), "-o", str(one), "-q"]) == 0
    assert main(["tag", str(tmp_path / "in"), "-o", str(two), "-j", "2", "-q"]) == 0
    assert two.read_bytes() == one.read_bytes()


def test_cli_writes_a_parquet_dataset(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    make_reports(tmp_path / "in", 4)
    out = tmp_path / "out.parquet"
    assert main(["tag", str(tmp_path / "in"), "-o", str(out), "-q"]) == 0
    table = pq.read_table(out)
    reference = tmp_path / "ref.jsonl"
    main(["tag", str(tmp_path / "in"), "-o", str(reference), "-q"])
    assert table.num_rows == len(read_jsonl(reference))
    assert table.column_names[:3] == ["source", "index", "label"]
    # As JSON lines and CSV read back: a frame of each format concatenates as one dtype.
    assert str(table.schema.field("index").type) == "int64"


def test_resume_after_a_finished_run_adds_nothing(tmp_path, capsys):
    make_reports(tmp_path / "in", 6)
    out = tmp_path / "out.jsonl"
    assert main(["tag", str(tmp_path / "in"), "-o", str(out)]) == 0
    first = read_jsonl(out)
    capsys.readouterr()
    assert main(["tag", str(tmp_path / "in"), "-o", str(out), "--resume"]) == 0
    assert read_jsonl(out) == first
    assert "6 already done" in capsys.readouterr().err


def test_resume_tags_files_added_since(tmp_path):
    make_reports(tmp_path / "in", 3)
    out = tmp_path / "out.csv"
    assert main(["tag", str(tmp_path / "in"), "-o", str(out), "-q"]) == 0
    make_reports(tmp_path / "in", 2, start=3)
    assert main(["tag", str(tmp_path / "in"), "-o", str(out), "-q", "--resume"]) == 0
    text = out.read_text(encoding="utf-8-sig")
    assert text.count("source,index,label") == 1
    assert sum(f"report_{i:04d}.txt" in text for i in range(5)) == 5


def test_resume_says_which_files_in_the_output_are_no_longer_inputs(tmp_path, capsys):
    paths = make_reports(tmp_path / "in", 3)
    out = tmp_path / "out.jsonl"
    assert main(["tag", str(tmp_path / "in"), "-o", str(out), "-q"]) == 0
    os.remove(paths[0])
    capsys.readouterr()
    assert main(["tag", str(tmp_path / "in"), "-o", str(out), "--resume"]) == 0
    # Its rows stay, as they did, but are no longer silent.
    assert f"1 file in {out} no longer among the inputs" in capsys.readouterr().err
    assert len({row["source"] for row in read_jsonl(out)}) == 3


def test_the_progress_bar_knows_how_many_files_there_are(tmp_path, monkeypatch):
    import edusummary.cli.tag as tag_command

    bars = []

    class Bar:
        def __init__(self, total=None, **options):
            self.total, self.done = total, 0
            bars.append(self)

        def update(self, n=1):
            self.done += n

        def set_postfix_str(self, *args, **options):
            pass

        def close(self):
            pass

    monkeypatch.setattr(tag_command, "tqdm", Bar)
    make_reports(tmp_path / "in", 3)
    out = tmp_path / "out.jsonl"
    assert main(["tag", str(tmp_path / "in"), "-o", str(out)]) == 0
    make_reports(tmp_path / "in", 1, start=3)
    assert main(["tag", str(tmp_path / "in"), "-o", str(out), "--resume"]) == 0
    # A total, hence a percentage and a time left; files already done count as done.
    assert [(bar.total, bar.done) for bar in bars] == [(3, 3), (4, 4)]


def test_resume_needs_an_output_file(tmp_path):
    assert main(["tag", str(tmp_path), "--resume"]) == 2


@pytest.mark.slow
def test_a_killed_run_resumed_gives_every_paragraph_exactly_once(tmp_path):
    make_reports(tmp_path / "in", 1500)
    clean = tmp_path / "clean.jsonl"
    assert main(["tag", str(tmp_path / "in"), "-o", str(clean), "-q"]) == 0

    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "edusummary", "tag", str(tmp_path / "in"), "-o", str(out)]
    run = subprocess.Popen([*command, "-q"])
    state = tmp_path / "out.jsonl.state.jsonl"
    deadline = time.monotonic() + 60
    while run.poll() is None and time.monotonic() < deadline:
        if state.exists() and state.stat().st_size > 0:
            break
        time.sleep(0.02)
    killed = run.poll() is None
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert killed, "the run finished before it could be killed; give it more files"
    partial = len(read_jsonl(out))
    assert 0 < partial < len(read_jsonl(clean))

    done = subprocess.run([*command, "--resume"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "already done" in done.stderr
    got, expected = sorted(map(key, read_jsonl(out))), sorted(map(key, read_jsonl(clean)))
    extra = [k for k in got if k not in set(expected)]
    missing = [k for k in expected if k not in set(got)]
    assert (len(got), extra[:3], missing[:3]) == (len(expected), [], [])


def _children(pid):
    children = []
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if entry.isdigit() and int(fields[1]) == pid:
            children.append(int(entry))
    return children


def _alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_the_workers_of_a_run_killed_outright_end_too(tmp_path):
    # They were left blocked for ever, writing results into a pipe nobody reads.
    make_reports(tmp_path / "in", 400)
    command = [sys.executable, "-m", "edusummary", "tag", str(tmp_path / "in"), "-j", "2"]
    run = subprocess.Popen([*command, "-q", "-o", str(tmp_path / "out.jsonl")])
    deadline = time.monotonic() + 60
    while len(workers := _children(run.pid)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    run.send_signal(signal.SIGKILL)
    run.wait()
    assert len(workers) == 2, "the run had not started its workers"
    deadline = time.monotonic() + 10
    while any(map(_alive, workers)) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(map(_alive, workers))


def _workers_of(run, count=2):
    deadline = time.monotonic() + 60
    while len(workers := _children(run.pid)) < count and time.monotonic() < deadline:
        time.sleep(0.02)
    assert len(workers) == count, "the run had not started its workers"
    return workers


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_ctrl_c_stops_a_run_with_two_jobs_at_once(tmp_path):
    # Ctrl-C reaches the workers too; one killed by it broke the pool, and the run could
    # then wait for ever for a file it had dropped. Enough files that the run is still going
    # when the signal comes: 1,500 were tagged in 0.6 s after the workers began, and a
    # quiet machine finished before the last trial's signal.
    make_reports(tmp_path / "in", 6000)
    command = [sys.executable, "-m", "edusummary", "tag", str(tmp_path / "in"), "-j", "2", "-q"]
    for trial, delay in enumerate([0.0, 0.05, 0.3]):
        out = tmp_path / f"out{trial}.jsonl"
        run = subprocess.Popen(
            [*command, "-o", str(out)], stderr=subprocess.PIPE, text=True,
            start_new_session=True,  # its own process group, as a terminal's job
        )
        workers = _workers_of(run)
        time.sleep(delay)
        os.killpg(run.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
        try:
            _, err = run.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(run.pid, signal.SIGKILL)
            run.communicate()
            pytest.fail(f"still running 20 s after Ctrl-C ({delay} s after its workers began)")
        assert run.returncode == 130, err
        assert err.strip().splitlines()[-1] == (
            "edusummary: interrupted; rerun with --resume to tag the rest"
        ), err
        deadline = time.monotonic() + 5
        while any(map(_alive, workers)) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not any(map(_alive, workers))


@pytest.mark.parametrize(
    ("stop", "jobs"), [("SIGTERM", "1"), ("SIGTERM", "2"), ("SIGHUP", "2")]
)
def test_sigterm_or_sighup_stops_a_run_as_ctrl_c_does(tmp_path, stop, jobs):
    # kill PID, timeout and systemd send SIGTERM, and a terminal that closes sends its jobs
    # SIGHUP, which killed the run outright: no message, the run not recorded as ended, its
    # spool folder left in the temporary folder.
    number = getattr(signal, stop, None)
    if number is None:
        pytest.skip(f"no {stop} here")
    make_reports(tmp_path / "in", 1500)
    (tmp_path / "tmp").mkdir()
    out = tmp_path / "out.jsonl"
    state = tmp_path / "out.jsonl.state.jsonl"
    run = subprocess.Popen(
        [sys.executable, "-m", "edusummary", "tag", str(tmp_path / "in"), "-j", jobs, "-q",
         "-o", str(out)],
        stderr=subprocess.PIPE, text=True, env={**os.environ, "TMPDIR": str(tmp_path / "tmp")},
        start_new_session=True,  # the signal goes to every process of the job
    )
    deadline = time.monotonic() + 60
    while run.poll() is None and time.monotonic() < deadline:
        if state.exists() and state.stat().st_size > 0:
            break
        time.sleep(0.02)
    assert run.poll() is None, "the run finished before it could be stopped; give it more files"
    os.killpg(run.pid, number)
    try:
        _, err = run.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(run.pid, signal.SIGKILL)
        run.communicate()
        pytest.fail(f"still running 20 s after {stop}")
    assert run.returncode == 128 + number, err
    assert err.strip().splitlines()[-1] == (
        "edusummary: interrupted; rerun with --resume to tag the rest"
    ), err
    assert json.loads(state.read_text(encoding="utf-8").splitlines()[-1]).get("ended")
    assert os.listdir(tmp_path / "tmp") == []


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
@pytest.mark.parametrize("stderr", ["closed", "full"])
def test_a_run_whose_stderr_is_closed_or_full_tags_everything(tmp_path, stderr):
    # Closed (2>&-), the progress bar failed on every file, exit 1, and the warnings went
    # into stdout's rows; full (2>/dev/full), the closing line's error was taken for the
    # output's, exit 3, "the disk filled up", of an output whole and recorded.
    make_reports(tmp_path / "in", 3)
    if stderr == "closed":
        (tmp_path / "in" / "空.txt").write_text("", encoding="utf-8")  # a warning to say
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "edusummary", "tag", str(tmp_path / "in")]
    with open("/dev/full", "w") as full:
        # Closed: the child closes its stderr before the command starts.
        kwargs = {"preexec_fn": lambda: os.close(2)} if stderr == "closed" else {"stderr": full}
        to_file = subprocess.run([*command, "-o", str(out)], **kwargs)
        to_stdout = subprocess.run(command, stdout=subprocess.PIPE, text=True, **kwargs)
    assert to_file.returncode == 0
    assert {row["source"] for row in read_jsonl(out)} == {
        str(path) for path in (tmp_path / "in").iterdir() if path.stat().st_size
    }
    assert to_stdout.returncode == 0
    assert all(line.startswith("{") for line in to_stdout.stdout.splitlines())


@pytest.mark.parametrize(
    "command, what",
    [(["tag"], "the rows"), (["tag", "-j", "2"], "the rows"), (["view"], "the page")],
    ids=["tag", "tag -j 2", "view"],
)
def test_a_command_whose_output_is_stdout_refuses_a_closed_stdout(tmp_path, command, what):
    # Started with stdout closed (>&-), tag wrote its rows and view its page to devnull
    # and exited 0, tag saying it had tagged every file: the output silently lost.
    (report,) = make_reports(tmp_path / "in", 1)
    run = subprocess.run(
        [sys.executable, "-m", "edusummary", *command, str(report)],
        stderr=subprocess.PIPE, text=True, timeout=120, preexec_fn=lambda: os.close(1),
    )
    assert run.returncode == 2, run.stderr
    assert run.stderr.splitlines()[-1].startswith(
        f"edusummary: standard output is closed: {what} would go nowhere"
    ), run.stderr
    # With -o, stdout is not the output: the rows are written.
    out = tmp_path / "out.jsonl"
    run = subprocess.run(
        [sys.executable, "-m", "edusummary", "tag", str(report), "-o", str(out)],
        stderr=subprocess.PIPE, text=True, timeout=120, preexec_fn=lambda: os.close(1),
    )
    assert run.returncode == 0, run.stderr
    assert {row["source"] for row in read_jsonl(out)} == {str(report)}


@pytest.mark.parametrize(
    "command, what",
    [
        (["summarize", "{report}"], "the summaries"),
        (["evaluate", "{samples}"], "the scores"),
        (["compare", "default", "default", "{samples}"], "the comparison"),
        (["explain", "全县幼儿园开展保教质量评估，规范一日活动安排。"], "the explanation"),
        (["validate", "{samples}"], "the problems found"),
    ],
    ids=["summarize", "evaluate", "compare", "explain", "validate"],
)
def test_a_command_that_prints_what_it_finds_refuses_a_closed_stdout(tmp_path, command, what):
    # Started with stdout closed (>&-), these printed their tables, scores or problems to
    # devnull and exited 0, as if the user had been shown them.
    (report,) = make_reports(tmp_path / "in", 1)
    samples = tmp_path / "samples.jsonl"
    samples.write_text(
        json.dumps({"text": "各中小学开展“文明校园”创建，把社会主义核心价值观融入班会和主题队会。",
                    "label": "moral_education"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    argv = [part.format(report=report, samples=samples) for part in command]
    run = subprocess.run(
        [sys.executable, "-m", "edusummary", *argv],
        stderr=subprocess.PIPE, text=True, timeout=120, preexec_fn=lambda: os.close(1),
    )
    assert run.returncode == 2, run.stderr
    assert run.stderr.splitlines()[-1] == (
        f"edusummary: standard output is closed: {what} would go nowhere; "
        + ("name a file with -o SUMMARY.csv" if command[0] == "summarize"
           else "send it to a file (> FILE)")
    ), run.stderr


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="a pseudo-terminal")
def test_a_run_whose_terminal_closes_exits_129_with_its_end_recorded(tmp_path):
    # The message of the stop, written to the closed terminal, raised an OSError that made
    # the command exit 1, what a script takes for files that failed and retries.
    import pty

    # The window is closed once a batch is recorded, and the run must still be going then:
    # 1500 files take some 2 s and the first batch is recorded past half-way, so a test
    # slowed for 0.4 s closed it after the end, and the command rightly exited 0. The run
    # waits for the hangup after its first batch.
    make_reports(tmp_path / "in", 1500)
    out = tmp_path / "out.jsonl"
    state = tmp_path / "out.jsonl.state.jsonl"
    code = (
        "import select, sys\n"
        "from edusummary.batch.output import RowWriter\n"
        "from edusummary.cli import main\n"
        "commit = RowWriter.commit\n"
        "def commit_then_wait(writer):\n"
        "    commit(writer)\n"
        "    if writer.done:  # the terminal, hung up, reads as ready\n"
        "        select.select([sys.stdin], [], [], 60)\n"
        "RowWriter.commit = commit_then_wait\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    pid, terminal = pty.fork()
    if pid == 0:  # the command, on the terminal
        # As a terminal's shell starts it: a SIGHUP ignored or held back where the tests
        # run (nohup) would be so in the command too, which then rightly went on to exit 0.
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGHUP})
        os.execv(sys.executable, [sys.executable, "-c", code, "tag", str(tmp_path / "in"),
                                  "-j", "2", "-o", str(out)])
    deadline = time.monotonic() + 60
    while not (state.exists() and state.stat().st_size > 0) and time.monotonic() < deadline:
        if select.select([terminal], [], [], 0.02)[0]:
            with contextlib.suppress(OSError):
                os.read(terminal, 65536)  # the progress bar, as a terminal shows it
    os.close(terminal)  # the window closed: SIGHUP to the command
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 129
    assert json.loads(state.read_text(encoding="utf-8").splitlines()[-1]).get("ended")


@pytest.mark.skipif(not hasattr(signal, "SIGHUP"), reason="no SIGHUP")
def test_a_hangup_ignored_under_nohup_stays_ignored():
    from edusummary.cli import _stop_as_interrupt

    before = signal.signal(signal.SIGHUP, signal.SIG_IGN)
    try:
        with _stop_as_interrupt():
            assert signal.getsignal(signal.SIGHUP) is signal.SIG_IGN
    finally:
        signal.signal(signal.SIGHUP, before)


@pytest.mark.skipif(not hasattr(os, "register_at_fork"), reason="forks its workers")
def test_sigterm_while_the_workers_start_stops_the_run(tmp_path):
    # Delivered as a worker was forked, it was raised in a handler Python runs around the
    # fork, which drops what it raises: the run went on to its end and exited 0 (and a
    # worker that got it too lived on, or died with a traceback). Here it comes as the
    # first worker is forked, taken by another thread, as tqdm's monitor may take it.
    make_reports(tmp_path / "in", 40)
    (tmp_path / "tmp").mkdir()
    out = tmp_path / "out.jsonl"
    code = (
        "import os, signal, sys, threading\n"
        "from edusummary.cli import main\n"
        "go, sent = threading.Event(), threading.Event()\n"
        "def send():\n"
        "    go.wait()\n"
        "    os.kill(os.getpid(), signal.SIGTERM)\n"
        "    sent.set()\n"
        "threading.Thread(target=send, daemon=True).start()\n"
        "def term():\n"
        "    if not go.is_set():\n"
        "        go.set()\n"
        "        sent.wait()\n"
        "os.register_at_fork(before=term)\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code, "tag", str(tmp_path / "in"), "-j", "2", "-q", "-o",
         str(out)],
        capture_output=True, text=True, timeout=60,
        env={**os.environ, "TMPDIR": str(tmp_path / "tmp")},
    )
    assert run.returncode == 143, run.stderr
    assert run.stderr.strip().splitlines() == [
        "edusummary: interrupted; rerun with --resume to tag the rest"
    ]
    state = (tmp_path / "out.jsonl.state.jsonl").read_text(encoding="utf-8")
    assert json.loads(state.splitlines()[-1]).get("ended")
    assert os.listdir(tmp_path / "tmp") == []


@pytest.mark.skipif(not os.path.isdir("/proc"), reason="reads /proc")
def test_an_interrupt_that_reaches_the_workers_alone_is_ignored(tmp_path):
    # The parent decides when a run stops; a worker killed by a stray SIGINT broke the pool.
    make_reports(tmp_path / "in", 800)
    out = tmp_path / "out.jsonl"
    command = [sys.executable, "-m", "edusummary", "tag", str(tmp_path / "in"), "-j", "2"]
    run = subprocess.Popen([*command, "-o", str(out)], stderr=subprocess.PIPE, text=True)
    for worker in _workers_of(run):
        os.kill(worker, signal.SIGINT)
    _, err = run.communicate(timeout=120)
    assert run.returncode == 0, err
    assert "worker process died" not in err and "KeyboardInterrupt" not in err
    assert len({row["source"] for row in read_jsonl(out)}) == 800


def _tag_two_jobs(paths):
    return len(list(edusummary.tag_many(paths, n_jobs=2)))


def test_many_jobs_asked_of_a_daemon_process_say_what_to_do(tmp_path):
    # A task on a Dask worker process that asked for n_jobs=2 failed with multiprocessing's
    # bare AssertionError, "daemonic processes are not allowed to have children".
    import multiprocessing

    paths = [str(path) for path in make_reports(tmp_path, 2)]
    # multiprocessing.Pool's workers are daemons, as Dask's worker processes are.
    with multiprocessing.get_context("fork").Pool(1) as daemons:
        with pytest.raises(ValueError, match=r"n_jobs=2: this process is a daemon .* n_jobs=1"):
            daemons.apply(_tag_two_jobs, (paths,))


def test_dask_local_cluster_gives_the_serial_results(tmp_path):
    distributed = pytest.importorskip("distributed")
    paths = make_reports(tmp_path, 8)
    serial = list(edusummary.tag_many(paths, n_jobs=1))
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        distributed_reports = list(edusummary.tag_many(paths, client=client))
        scatters = []
        real_scatter = client.scatter
        client.scatter = lambda *a, **k: scatters.append(1) or real_scatter(*a, **k)
        again = list(edusummary.tag_many(paths, client=client))
        assert scatters == []  # the workers kept the tagger and its tables
        # A tagger changed since is sent again, and its new settings hold on the workers.
        tagger = edusummary.Tagger(sentence_threshold=None)
        list(edusummary.tag_many(paths, client=client, tagger=tagger))
        tagger.low_confidence = 1.0  # flags (nearly) every paragraph
        loose = list(edusummary.tag_many(paths, client=client, tagger=tagger))
        assert len(scatters) == 2
    assert rows_of(serial) == rows_of(distributed_reports) == rows_of(again)
    expected = edusummary.Tagger(sentence_threshold=None, low_confidence=1.0)
    serial_loose = list(edusummary.tag_many(paths, n_jobs=1, tagger=expected))

    def marks(reports):
        return sorted(
            (r.source, p.index, p.labels, p.flags) for r in reports for p in r.paragraphs
        )

    assert marks(loose) == marks(serial_loose) != marks(serial)


def test_the_written_report_keeps_its_rows_in_bulk(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(REPORT, encoding="utf-8")
    (report,) = edusummary.tag_many([path], n_jobs=1)
    assert [p.text for p in report.paragraphs] == [p.text for p in edusummary.tag(REPORT)]


# --- a pool of workers kept between calls ---------------------------------------------------


def kill_my_process(path):
    os.kill(os.getpid(), signal.SIGKILL)


def test_a_tagging_pool_keeps_its_workers_between_calls(tmp_path):
    import multiprocessing

    def children():  # other tests may leave pools of their own (joblib's)
        return {p.pid for p in multiprocessing.active_children()} - before

    before = {p.pid for p in multiprocessing.active_children()}
    paths = make_reports(tmp_path, 12)
    serial = list(edusummary.tag_many(paths, n_jobs=1))
    with edusummary.TaggingPool(n_jobs=2) as pool:
        first = list(pool.tag_many(paths[:6], progress=False))
        workers = children()
        second = list(edusummary.tag_many(paths[6:], pool=pool, progress=False))
        assert children() == workers
    assert rows_of(first + second) == rows_of(serial)
    assert all(report.model is not None for report in first + second)
    assert 1 <= len(workers) <= 2
    assert not children()


def test_a_tagging_pool_labels_with_the_model_its_tagger_reloaded(tmp_path):
    # Retrained into the same file and reset, the tagger held a new model, while the
    # pool's workers went on labelling with the old one and each report named the new.
    from conftest import small_records

    rows = [(r["text"], r["label"]) for r in small_records()]
    path = tmp_path / "mine.esm"
    edusummary.train(rows[:9], min_df=1, folds=2, calibrate=False).save(path)  # 3 labels
    tagger = edusummary.Tagger(path)
    paths = make_reports(tmp_path / "reports", 3)
    with edusummary.TaggingPool(tagger, n_jobs=2) as pool:
        first = list(pool.tag_many(paths, progress=False))
        edusummary.train(rows, min_df=1, folds=2, calibrate=False).save(path)  # all five
        tagger.reset()
        second = list(pool.tag_many(paths, progress=False))
    direct = [tagger.tag_file(p) for p in paths]
    assert len(first[0].labels) == 3
    assert rows_of(second) == rows_of(direct)
    assert all(r.model is tagger.model and len(r.labels) == 5 for r in second)


def test_a_tagging_pool_replaces_a_worker_that_died(tmp_path, monkeypatch):
    from edusummary.reading import READERS

    monkeypatch.setitem(READERS, ".boom", kill_my_process)
    paths = make_reports(tmp_path, 4)
    (tmp_path / "x.boom").write_text("第一段。\n", encoding="utf-8")
    failures = []
    with edusummary.TaggingPool(n_jobs=2) as pool:
        with pytest.warns(edusummary.EdusummaryWarning, match=r"x\.boom: worker process died"):
            reports = list(pool.tag_many([*paths, tmp_path / "x.boom"], failures=failures))
        again = list(pool.tag_many(paths, progress=False))
    assert rows_of(reports) == rows_of(again)
    assert [os.path.basename(f["path"]) for f in failures] == ["x.boom"]


def read_slowly(path):
    time.sleep(60)


def test_a_loop_left_early_does_not_wait_for_a_long_file(tmp_path, monkeypatch):
    # What the workers were tagging was waited for without a limit, a large file's minutes
    # after a Ctrl-C, and for ever when the pool broke meanwhile.
    from edusummary.reading import READERS

    monkeypatch.setitem(READERS, ".slow", read_slowly)
    paths = make_reports(tmp_path, 8)
    (tmp_path / "y.slow").write_text("第一段。\n", encoding="utf-8")  # in the second batch
    with edusummary.TaggingPool(n_jobs=2) as pool:
        start = time.monotonic()
        for _ in pool.tag_many([*paths, tmp_path / "y.slow"], progress=False):
            break
        assert time.monotonic() - start < 15
        again = list(pool.tag_many(paths, progress=False))  # in fresh workers
    assert rows_of(again) == rows_of(edusummary.tag_many(paths, n_jobs=1))


@pytest.mark.parametrize(
    "make, error, fragment",
    [
        (lambda: edusummary.TaggingPool(n_jobs=0), ValueError, "got 0"),
        (lambda: edusummary.TaggingPool(n_jobs=-2), ValueError, "got -2"),
        (lambda: edusummary.TaggingPool(n_jobs=True), ValueError, "got True"),
        (lambda: edusummary.TaggingPool(n_jobs="2"), ValueError, "got '2'"),
        (lambda: edusummary.TaggingPool(tagger="model.json"), TypeError, "got str"),
    ],
)
def test_a_tagging_pool_refuses_bad_arguments(make, error, fragment):
    with pytest.raises(error, match=fragment):
        make()


def test_a_closed_pool_or_another_tagger_is_refused(tmp_path):
    paths = make_reports(tmp_path, 1)
    pool = edusummary.TaggingPool(n_jobs=2)
    with pytest.raises(ValueError, match="tagger and pool disagree"):
        list(edusummary.tag_many(paths, pool=pool, tagger=edusummary.Tagger()))
    pool.close()
    pool.close()
    with pytest.raises(ValueError, match="TaggingPool is closed"):
        list(pool.tag_many(paths))


def test_dask_tags_many_files_in_batches_as_serial_tagging_does(tmp_path, monkeypatch):
    distributed = pytest.importorskip("distributed")
    from edusummary.batch import running
    from edusummary.batch.output import encode_jsonl

    monkeypatch.setattr(running, "_DASK_BATCH_FILES", 4)
    paths = [str(p) for p in make_reports(tmp_path, 21)]  # more batches than in flight
    serial = {o.path: o.encoded for o in tag_paths(paths, encode=encode_jsonl)}
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        given = [*paths, tmp_path / "missing.txt"]
        on_dask = list(tag_paths(given, client=client, encode=encode_jsonl))
    assert {o.path: o.encoded for o in on_dask if o.ok} == serial
    assert [o.error_type for o in on_dask if not o.ok] == ["ReadError"]
    assert all(o.report is None for o in on_dask)  # only the rows travelled back


def test_dask_tags_again_after_the_client_restarted_its_workers(tmp_path):
    # The tagger scattered before the restart was gone from the workers, and every later
    # call on that client failed at once with "lost dependencies".
    distributed = pytest.importorskip("distributed")
    paths = make_reports(tmp_path, 3)
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        before = list(edusummary.tag_many(paths, client=client, progress=False))
        client.restart()
        after = list(edusummary.tag_many(paths, client=client, progress=False))
    assert rows_of(after) == rows_of(before) != []


def encode_or_die(rows):
    """Rows as they are, but a file named 致命 kills the worker tagging it."""
    if any("致命" in row["source"] for row in rows):
        os.kill(os.getpid(), signal.SIGKILL)
    return rows


def test_a_dask_worker_that_dies_costs_its_file_not_the_run(tmp_path):
    # The run ended with a FutureCancelledError naming no file, the files after it lost.
    distributed = pytest.importorskip("distributed")
    import dask

    paths = [str(p) for p in make_reports(tmp_path, 6)]
    deadly = tmp_path / "致命.txt"
    deadly.write_text("安全通报\n\n全县各校开展了消防演练，覆盖师生三千人。\n", encoding="utf-8")
    given = [*paths[:3], str(deadly), *paths[3:]]  # in one batch with the others
    # A task whose worker dies fails at once instead of killing three more workers first.
    with dask.config.set({"distributed.scheduler.allowed-failures": 0}), distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        outcomes = list(tag_paths(given, client=client, encode=encode_or_die))
        again = list(tag_paths(paths, client=client, encode=encode_or_die))
    assert [o.path for o in outcomes] == given
    (failed,) = [o for o in outcomes if not o.ok]
    assert failed.path == str(deadly)
    assert "致命.txt: Dask worker died while tagging it" in failed.error
    expected = {o.path: o.encoded for o in tag_paths(paths, encode=encode_or_die)}
    assert {o.path: o.encoded for o in outcomes if o.ok} == expected
    assert {o.path: o.encoded for o in again} == expected


_ENCODING = {"now": 0}
_ENCODING_LOCK = threading.Lock()


def encode_slowly(rows):
    """How many files were being encoded in this worker as this one started."""
    with _ENCODING_LOCK:
        _ENCODING["now"] += 1
        now = _ENCODING["now"]
    time.sleep(0.2)  # a slow shared file system
    with _ENCODING_LOCK:
        _ENCODING["now"] -= 1
    return now


def test_dask_keeps_every_thread_of_a_worker_busy(tmp_path, monkeypatch):
    # Two tasks were in flight per worker, however many threads it had: half of them idled.
    distributed = pytest.importorskip("distributed")
    from edusummary.batch import running

    monkeypatch.setattr(running, "_DASK_BATCH_FILES", 1)
    paths = [str(p) for p in make_reports(tmp_path, 16)]
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=4, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        at_once = [o.encoded for o in tag_paths(paths, client=client, encode=encode_slowly)]
    assert max(at_once) > 2


def spool_every_file():
    from edusummary.batch import running

    running.STREAM_BYTES = 0


def test_dask_sends_a_large_files_rows_back_not_a_spool_path(tmp_path):
    # The spool folder was the client's, its path shipped to workers that may be on
    # another machine: every file over STREAM_BYTES failed there (FileNotFoundError).
    distributed = pytest.importorskip("distributed")
    from edusummary.batch.output import encode_jsonl

    paths = [str(p) for p in make_reports(tmp_path, 3)]
    serial = [o.encoded for o in tag_paths(paths, encode=encode_jsonl)]
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, distributed.Client(cluster) as client:
        client.run(spool_every_file)  # every file is large to the workers
        on_dask = list(tag_paths(paths, client=client, encode=encode_jsonl))
    assert [o.spool for o in on_dask] == [None] * 3
    assert [o.encoded for o in on_dask] == serial


# --- memory -----------------------------------------------------------------------------------


def peak_rss_mb(code):
    """Peak resident memory (VmHWM, Linux) of ``code`` run in a new process, in MB."""
    code += (
        "\nimport re\n"
        "print(re.search(r'VmHWM:\\s*(\\d+)', open('/proc/self/status').read())[1])\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return int(done.stdout.split()[-1]) / 1024


@pytest.mark.slow
@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="reads VmHWM from /proc")
def test_predict_on_a_million_paragraphs_stays_under_200_mb():
    # The shipped model and its tables take about 105 MB, a block of 10,000 texts being scored
    # 8 MB more, and the million results 9 MB (a label index and a float each, in numpy
    # arrays), twice while the blocks' arrays are joined. Measured: 131 MB (291 MB when
    # predict returned lists of tuples; a million strings held in a list by the caller would
    # add about 130 MB).
    peak = peak_rss_mb(
        "import edusummary\n"
        "templates = ['全县新建乡镇中心幼儿园{}所，学前三年毛入园率达到百分之九十。',\n"
        "             '深化课堂教学改革，开展第{}次课改现场观摩会。',\n"
        "             '落实控辍保学责任，初中三年巩固率达到{}%。']\n"
        "texts = (templates[i % 3].format(i) for i in range(1_000_000))\n"
        "labels = edusummary.predict(texts)\n"
        "assert len(labels) == 1_000_000 and labels[0][0][0] == 'preschool', labels[0]\n"
    )
    assert peak < 200, f"peak RSS {peak:.0f} MB"


@pytest.mark.parametrize(
    "texts, expected",
    [
        ("generator", "same labels as the list"),
        ("bad item after the first blocks", "texts[5] must be a str, got int: 5"),
        ("a single string", "got a single str"),
        ("not iterable", "must be a list of strings, got int"),
    ],
)
def test_predict_scores_texts_block_by_block(monkeypatch, texts, expected):
    from edusummary.model import classifier

    monkeypatch.setattr(classifier, "_PREDICT_BLOCK", 2)
    model = edusummary.load_model()
    given = {
        "generator": (text for text in PARAGRAPHS[:7]),
        "bad item after the first blocks": (x for x in [*PARAGRAPHS[:5], 5]),
        "a single string": PARAGRAPHS[0],
        "not iterable": 5,
    }[texts]
    if expected == "same labels as the list":
        assert model.predict(given, k=-1) == model.predict(PARAGRAPHS[:7], k=-1)
        return
    with pytest.raises(TypeError, match=re.escape(expected)):
        model.predict(given)


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789xX×*.,aZP学 %-")), max_size=40))
def test_fold_replaces_each_figure_and_placeholder_by_one_symbol(text):
    # The definition: a run of digits and placeholders, with . or , between runs, that no
    # Latin letter touches on either side.
    figure = re.compile(r"(?<![A-Za-z])[0-9xX×*]+(?:[.,][0-9xX×*]+)*(?![A-Za-z])")
    assert fold(text) == figure.sub("0", unicodedata.normalize("NFKC", text))


def test_han_count_counts_the_chinese_ideographs():
    text = "2023年共新建幼儿园12所，學前教育\U00020000㐀豈"
    assert han_count(text) == sum(
        "\u3400" <= c <= "\u4dbf" or "\u4e00" <= c <= "\u9fff" or "\uf900" <= c <= "\ufaff"
        for c in text
    )
