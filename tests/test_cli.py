import csv
import json
import os
import re
import subprocess
import sys

import pytest
from _doc_writer import write_doc
from conftest import REPO, REPORT, SMALL_SET

import edusummary
from edusummary.cli import main


@pytest.fixture
def reports(tmp_path):
    first = tmp_path / "a.txt"
    first.write_text(REPORT, encoding="utf-8")
    second = tmp_path / "b.txt"
    second.write_bytes(REPORT.encode("gbk"))
    return [first, second]


def test_tag_writes_one_jsonl_row_per_paragraph(reports, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    assert main(["tag", *map(str, reports), "-o", str(out)]) == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    per_file = len(rows) // 2
    assert per_file >= 4 and len(rows) == 2 * per_file
    assert {row["source"] for row in rows} == {str(p) for p in reports}
    for row in rows:
        assert {"source", "index", "label", "labels", "confidence", "text"} <= set(row)
        assert row["labels"][0] == row["label"]
    assert "tagged" in capsys.readouterr().err


def test_tag_writes_csv(reports, tmp_path):
    out = tmp_path / "out.csv"
    assert main(["tag", str(reports[0]), "-o", str(out)]) == 0
    with open(out, encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert rows and rows[0]["label"] == rows[0]["labels"].split("|")[0]
    assert float(rows[0]["confidence"]) > 0


def test_tag_reads_a_word_97_doc(reports, tmp_path):
    doc = write_doc(tmp_path / "清水县2023.doc", [line for line in REPORT.splitlines() if line])
    for path in (doc, reports[0]):
        assert main(["tag", str(path), "-o", str(tmp_path / f"{path.stem}.csv"), "-q"]) == 0
    with open(tmp_path / "清水县2023.csv", encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    with open(tmp_path / "a.csv", encoding="utf-8-sig", newline="") as handle:
        from_text = list(csv.DictReader(handle))
    assert {row["source"] for row in rows} == {str(doc)}
    # The same report as .doc and as text: the same paragraphs, labelled alike.
    assert [(r["text"], r["label"]) for r in rows] == [(r["text"], r["label"]) for r in from_text]
    assert "preschool" in {row["label"] for row in rows}


@pytest.mark.parametrize("command", ["tag", "view"])
def test_help_names_the_word_97_and_rtf_formats_read(command, capsys):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    assert ".doc, .wps, .rtf" in capsys.readouterr().out


def test_tag_goes_on_after_a_bad_file_and_exits_1(reports, tmp_path, capsys):
    out = tmp_path / "out.jsonl"
    missing = tmp_path / "missing.txt"
    assert main(["tag", str(missing), str(reports[0]), "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8").strip()
    (error,) = [json.loads(line) for line in (tmp_path / "out.jsonl.errors.jsonl").open()]
    assert error["path"] == str(missing) and error["error_type"] == "ReadError"
    assert "no such file" in error["error"]
    summary = capsys.readouterr().err
    assert "1 failed" in summary and "out.jsonl.errors.jsonl" in summary
    assert " in 1 file to " in summary


def test_tag_rejects_an_unknown_output_format(reports, tmp_path):
    assert main(["tag", str(reports[0]), "-o", str(tmp_path / "out.xml")]) == 2


def test_train_then_evaluate(small_jsonl, tmp_path, capsys):
    model = tmp_path / "m.esm"
    assert main(["train", str(small_jsonl), "-o", str(model)]) == 0
    assert model.is_file()
    # Scoring the training samples themselves must be asked for, and is marked.
    assert main(["evaluate", str(small_jsonl), "--model", str(model)]) == 1
    assert "trained on all 15 samples" in capsys.readouterr().err
    assert main(["evaluate", str(small_jsonl), "--model", str(model), "--include-trained"]) == 0
    out = capsys.readouterr().out
    assert "macro-F1" in out and "confusion matrix" in out and "optimistic" in out
    assert main(
        ["evaluate", str(small_jsonl), "--model", str(model), "--json", "--include-trained"]
    ) == 0
    scores = json.loads(capsys.readouterr().out)
    assert set(scores["per_label"]) == {"preschool", "compulsory_balance", "teaching_reform",
                                        "moral_education", "other"}


def test_train_says_what_model_it_replaced_and_hints_at_add(small_jsonl, tmp_path, capsys):
    model = tmp_path / "m.esm"
    assert main(["train", str(small_jsonl), "-o", str(model)]) == 0
    assert "replaced" not in capsys.readouterr().err
    # The analyst meant to add her sheet and gave it as the whole training data.
    sheet = tmp_path / "mine.csv"
    with open(sheet, "w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(
            [("text", "label"),
             *((text, label) for label in ("preschool", "other") for text in SMALL_SET[label][:2])]
        )
    assert main(["train", str(sheet), "-o", str(model)]) == 0
    err = capsys.readouterr().err
    assert f"warning: training on {sheet} alone, without the shipped data" in err
    assert re.search(
        rf"warning: replaced {re.escape(str(model))}, a model of 15 records \(trained "
        r"\d{4}-\d\d-\d\d\), with one of 4 records; .* give them with --add", err
    )
    assert edusummary.load_model(model).metadata["training_data"]["records"] == 4


def test_train_aligns_the_scores_of_a_chinese_label_of_ones_own():
    from edusummary._chinese import display_width
    from edusummary.cli.models import _sample_scores

    scores = {"samples": 12, "recall": 0.5, "precision": 0.75, "f1": 0.6}
    lines = _sample_scores({"职业教育": scores, "preschool": scores}, {"职业教育": 0.4})
    # The samples column starts at one screen column on every row.
    assert len({display_width(line[: line.index(" 12 samples")]) for line in lines}) == 1
    assert lines[0].endswith("(score offset +0.40)")


@pytest.mark.parametrize("flag, copies", [([], True), (["--no-register-copies"], False)])
def test_train_records_whether_it_fitted_register_copies(small_jsonl, tmp_path, flag, copies):
    model = tmp_path / "m.esm"
    assert main(["train", str(small_jsonl), "-o", str(model), *flag]) == 0
    assert edusummary.load_model(model).metadata["settings"]["register_copies"] is copies


def test_evaluate_reports_a_bad_model_file_cleanly(small_jsonl, tmp_path, capsys):
    bad = tmp_path / "bad.esm"
    bad.write_text("nonsense")
    assert main(["evaluate", str(small_jsonl), "--model", str(bad)]) == 1
    assert "not an edusummary model file" in capsys.readouterr().err


def test_the_console_script_runs():
    done = subprocess.run(
        [sys.executable, "-m", "edusummary", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stdout.startswith("edusummary ")


# What pip writes as the `edusummary` command, for the entry point pyproject.toml names; with
# "interrupt", Ctrl-C comes halfway through loading the library.
CONSOLE_SCRIPT = """
import os, signal, sys

class CtrlC:
    def find_spec(self, name, path=None, target=None):
        if name == "edusummary.model.classifier":
            os.kill(os.getpid(), signal.SIGINT)

if sys.argv.pop(1) == "interrupt":
    sys.meta_path.insert(0, CtrlC())
from {module} import {function}
sys.exit({function}())
"""


def _console_script(*args):
    project = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    module, function = re.search(r'^edusummary = "(.+):(.+)"$', project, re.M).groups()
    script = CONSOLE_SCRIPT.format(module=module, function=function)
    return subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=REPO,
        timeout=60,
    )


def test_ctrl_c_while_the_command_starts_is_an_interrupt_not_a_traceback():
    # Pressed in its first third of a second, while the library loaded, it printed a
    # traceback and the program died of SIGINT.
    done = _console_script("interrupt", "tag", "examples", "-q")
    assert (done.returncode, done.stderr) == (130, "edusummary: interrupted\n")


# Run as `python -m edusummary`; the stop comes while a string is evaluated, as when
# namedtuple or dataclass builds the methods of a class in a module imported late.
STOPPED_IN_AN_EXEC = """
import os, runpy, signal
from edusummary.cli import tag

run = tag.run

def stopped_in_an_exec(args):
    exec("os.kill(os.getpid(), signal.SIGTERM)\\nwhile True: pass", {"os": os, "signal": signal})
    return run(args)

tag.run = stopped_in_an_exec
runpy.run_module("edusummary", run_name="__main__", alter_sys=True)
"""


def test_python_m_edusummary_stopped_by_sigterm_exits_143(tmp_path):
    # Python marks a KeyboardInterrupt that passes through an exec or eval of a string, even
    # one caught after, and a program run with -m then ended by SIGINT: stopped by SIGTERM
    # or a closed terminal, the command said so but exited 130, as if by Ctrl-C.
    (tmp_path / "stop_in_an_exec.py").write_text(STOPPED_IN_AN_EXEC, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "stop_in_an_exec", "tag", "examples", "-q"],
        capture_output=True, text=True, cwd=REPO, timeout=60,
        env={**os.environ, "PYTHONPATH": os.pathsep.join(
            [str(tmp_path), *filter(None, [os.environ.get("PYTHONPATH")])]
        )},
    )
    assert (done.returncode, done.stderr) == (143, "edusummary: interrupted\n")


def test_the_installed_command_runs():
    done = _console_script("go", "--version")
    assert done.returncode == 0 and done.stdout.startswith("edusummary "), done.stderr


def test_evaluate_maps_a_label_of_ones_own_onto_the_models_from_the_command_line(
    tmp_path, capsys
):
    sheet = tmp_path / "gold.csv"
    with sheet.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([
            ("text", "label"),
            ("全县新建公办幼儿园3所，新增学位540个，学前三年毛入园率达到92.5%。", "preschool"),
            ("全县中等职业学校招生2800人，职普比大体相当，新建实训基地两个。", "职业教育"),
        ])
    assert main(["evaluate", str(sheet)]) == 1
    assert "--collapse LABEL=MODEL_LABEL" in capsys.readouterr().err
    assert main(["evaluate", str(sheet), "--collapse", "职业教育=other", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["per_label"]["other"]["support"] == 1
    with pytest.raises(SystemExit):
        main(["evaluate", str(sheet), "--collapse", "职业教育"])
    assert "expected LABEL=MODEL_LABEL" in capsys.readouterr().err


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_summarize_without_output_prints_each_summary_and_says_its_warnings(
    tmp_path, capsys, jobs
):
    (tmp_path / "report.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "headings.txt").write_text("一、学前教育\n二、义务教育\n", encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(b"x")
    assert main(["summarize", str(tmp_path), "-j", jobs]) == 1
    captured = capsys.readouterr()
    assert "headings.txt: no paragraph to tag" in captured.err
    assert "skipped" in captured.err and "broken.docx" in captured.err
    assert captured.out.count("paragraphs,") == 2
