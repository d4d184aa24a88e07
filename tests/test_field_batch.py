"""Bulk runs in the field: a worker killed mid-run, files deleted or replaced by named pipes
while a folder is tagged, runs interrupted with large files spooled, and ``--model default``.

Every case ends in an exact outcome: the run's exit status, each good file's rows in the
output exactly once, and each bad file as one row of ``OUT.errors.jsonl`` with its error
class and a message naming it.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass

import pytest
from conftest import PARAGRAPHS

from edusummary.batch import running
from edusummary.batch.output import RowWriter
from edusummary.cli import main
from edusummary.reading import READERS, read_text_file
from edusummary.reports.tagging import Tagger


def write_reports(folder, count):
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(count):
        chosen = [PARAGRAPHS[(i + k) % len(PARAGRAPHS)] for k in range(2 + i % 3)]
        path = folder / f"report_{i:02d}.txt"
        path.write_text(f"第{i}份报告\n\n" + "\n\n".join(chosen) + "\n", encoding="utf-8")
        paths.append(path)
    return paths


@pytest.fixture
def no_hang():
    """Fail instead of hanging when a run waits forever (on a dead worker, on a FIFO)."""

    def give_up(signum, frame):
        raise TimeoutError("the run did not finish")

    previous = signal.signal(signal.SIGALRM, give_up)
    signal.setitimer(signal.ITIMER_REAL, 60)
    yield
    signal.setitimer(signal.ITIMER_REAL, 0)
    signal.signal(signal.SIGALRM, previous)


# --- the readers some cases register --------------------------------------------------------


def kill_my_process(path):
    os.kill(os.getpid(), signal.SIGKILL)


def kill_my_process_the_first_time(path):
    """Like a file that ran its worker out of memory while the machine was busy."""
    marker = path.with_name(path.name + ".seen")
    if not marker.exists():
        marker.touch()
        os.kill(os.getpid(), signal.SIGKILL)
    return read_text_file(path)


def delete_the_last_report(path):
    (path.parent / "report_05.txt").unlink()
    return read_text_file(path)


# --- the cases ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """A folder of six good reports plus ``extra`` (a name and how to make it), tagged
    with ``jobs`` workers; ``extra_tagged``: its rows are expected in the output."""

    extra: str
    make: object
    jobs: int
    status: int
    errors: dict  # file name -> (error_type, message fragment)
    extra_tagged: bool = False
    gone: str | None = None  # a good report deleted during the run


def registered(suffix, reader):
    def make(path, monkeypatch):
        monkeypatch.setitem(READERS, suffix, reader)
        path.write_text("\n\n".join(PARAGRAPHS[:2]), encoding="utf-8")

    return make


def fifo(path, monkeypatch):
    os.mkfifo(path)


CASES = [
    pytest.param(
        Case("boom.boom", registered(".boom", kill_my_process), jobs=2, status=1,
             errors={"boom.boom": (
                 "EdusummaryError", "worker process died while tagging it (signal 9)")}),
        id="a file kills every worker that tags it",
    ),
    pytest.param(
        Case("flaky.flaky", registered(".flaky", kill_my_process_the_first_time), jobs=2,
             status=0, errors={}, extra_tagged=True),
        id="a file kills its worker once, then is tagged",
    ),
    pytest.param(
        Case("a.del", registered(".del", delete_the_last_report), jobs=1, status=1,
             errors={"report_05.txt": ("ReadError", "report_05.txt: no such file")},
             extra_tagged=True, gone="report_05.txt"),
        id="a listed file is deleted before it is tagged",
    ),
    pytest.param(
        Case("pipe.txt", fifo, jobs=1, status=1,
             errors={"pipe.txt": ("ReadError", "pipe.txt: not a regular file (a named pipe)")}),
        id="a named pipe in the folder",
    ),
    pytest.param(
        Case("pipe.txt", fifo, jobs=2, status=1,
             errors={"pipe.txt": ("ReadError", "pipe.txt: not a regular file (a named pipe)")}),
        id="a named pipe in the folder, two workers",
    ),
]


@pytest.mark.parametrize("case", CASES)
def test_field_run(tmp_path, monkeypatch, capsys, no_hang, case):
    folder = tmp_path / "in"
    good = write_reports(folder, 6)
    expected = {str(p): len(Tagger().tag_file(p)) for p in good if p.name != case.gone}
    extra = folder / case.extra
    case.make(extra, monkeypatch)
    if case.extra_tagged:
        expected[str(extra)] = len(Tagger().tag(extra.read_text(encoding="utf-8")))
    out = tmp_path / "out.jsonl"

    status = main(["tag", str(folder), "-j", str(case.jobs), "-o", str(out)])

    assert status == case.status
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert Counter(row["source"] for row in rows) == expected
    assert len({(row["source"], row["index"]) for row in rows}) == len(rows)
    errors = [json.loads(line) for line in (tmp_path / "out.jsonl.errors.jsonl").open()]
    assert {os.path.basename(e["path"]): e["error_type"] for e in errors} == {
        name: kind for name, (kind, _) in case.errors.items()
    }
    for error in errors:
        assert case.errors[os.path.basename(error["path"])][1] in error["error"]
    summary = f"tagged {len(rows)} paragraphs in {len(expected)} files to {out}; "
    assert f"{summary}{len(case.errors)} failed" in capsys.readouterr().err


def test_a_named_pipe_given_by_name_is_refused_at_once(tmp_path, no_hang):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    out = tmp_path / "out.jsonl"
    started = time.monotonic()
    assert main(["tag", str(pipe), "-o", str(out), "-q"]) == 1
    assert time.monotonic() - started < 10
    (error,) = [json.loads(line) for line in (tmp_path / "out.jsonl.errors.jsonl").open()]
    assert error["error_type"] == "ReadError"
    assert "pipe.txt: not a regular file (a named pipe)" in error["error"]


def test_tag_paths_gives_one_outcome_per_file_when_a_worker_dies(tmp_path, monkeypatch, no_hang):
    monkeypatch.setitem(READERS, ".boom", kill_my_process)
    paths = write_reports(tmp_path, 9)
    (tmp_path / "x.boom").write_text("第一段。\n", encoding="utf-8")
    given = [*map(str, paths[:4]), str(tmp_path / "x.boom"), *map(str, paths[4:])]
    outcomes = list(running.tag_paths(given, n_jobs=2))
    assert sorted(o.path for o in outcomes) == sorted(given)
    assert [o.path for o in outcomes if not o.ok] == [str(tmp_path / "x.boom")]


# A worker that dies after writing the header of its result, before the bytes: what a
# SIGKILL (the out-of-memory killer) does to a worker sending a large result. The pool's
# thread then waited for ever for the rest, the other worker for the pipe's lock, and the run
# neither finished nor ended on Ctrl-C; it runs in a process of its own, which can be killed.
DIES_MID_SEND = """
import os, signal, sys
from multiprocessing import connection
from edusummary.cli import main

parent, marker = os.getpid(), sys.argv[1]
send = connection.Connection._send

def send_header_then_die(self, buf, write=os.write):
    # A message over 16 KiB is sent as its header, then its bytes.
    if os.getpid() != parent and len(buf) > 16384 and not os.path.exists(marker):
        open(marker, "w").close()
        os.kill(os.getpid(), signal.SIGKILL)
    send(self, buf, write)

connection.Connection._send = send_header_then_die
sys.exit(main(sys.argv[2:]))
"""


def test_a_worker_killed_while_sending_its_results_costs_no_file(tmp_path):
    folder = tmp_path / "in"
    good = write_reports(folder, 12)
    long = folder / "long.txt"  # its batch's result is sent in two writes
    long.write_text("全县工作总结\n\n" + "\n\n".join(PARAGRAPHS * 8) + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    marker = tmp_path / "died"
    command = [sys.executable, "-c", DIES_MID_SEND, str(marker)]
    try:
        run = subprocess.run(
            [*command, "tag", str(folder), "-j", "2", "-q", "-o", str(out)],
            capture_output=True, text=True, timeout=30,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the run still waited 30 s after a worker died while sending its results")
    assert marker.exists(), "no worker died; the test no longer reaches the case"
    assert run.returncode == 0, run.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    expected = {str(p): len(Tagger().tag_file(p)) for p in [*good, long]}
    assert Counter(row["source"] for row in rows) == expected
    assert len({(row["source"], row["index"]) for row in rows}) == len(rows)


# --- spool files ----------------------------------------------------------------------------


@pytest.fixture
def own_tmp(tmp_path, monkeypatch):
    """A temporary folder of its own, and every file large enough to be spooled."""
    folder = tmp_path / "tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    monkeypatch.setattr(running, "STREAM_BYTES", 0)
    return folder


def interrupt_at_second_file(monkeypatch):
    add = RowWriter.add
    calls = []

    def add_then_interrupt(self, outcome):
        calls.append(outcome)
        if len(calls) == 2:
            raise KeyboardInterrupt
        add(self, outcome)

    monkeypatch.setattr(RowWriter, "add", add_then_interrupt)


@pytest.mark.parametrize(
    ("jobs", "interrupted", "output", "status"),
    [
        pytest.param(1, True, "out.jsonl", 130, id="Ctrl-C, one process"),
        pytest.param(2, True, "out.jsonl", 130, id="Ctrl-C, two workers"),
        pytest.param(2, True, "out.csv", 130, id="Ctrl-C, two workers, CSV"),
        pytest.param(2, False, "out.jsonl", 0, id="finished, two workers"),
        pytest.param(2, False, None, 0, id="finished, to stdout"),
    ],
)
def test_no_spool_file_is_left_behind(
    tmp_path, own_tmp, monkeypatch, capsys, no_hang, jobs, interrupted, output, status
):
    write_reports(tmp_path / "in", 6)
    if interrupted:
        interrupt_at_second_file(monkeypatch)
    args = ["tag", str(tmp_path / "in"), "-j", str(jobs), "-q"]
    if output:
        args += ["-o", str(tmp_path / output)]
    assert main(args) == status
    assert os.listdir(own_tmp) == []
    if interrupted:
        # Said once: it was said twice, with and without the advice.
        err = capsys.readouterr().err
        assert err.count("interrupted") == 1 and "rerun with --resume" in err
    if output is None:
        assert capsys.readouterr().out.count("\n") == sum(
            len(Tagger().tag_file(p)) for p in sorted((tmp_path / "in").iterdir())
        )


def dead_pid():
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


DAY = 24 * 3600


@pytest.mark.parametrize(
    ("owner", "age", "removed"),
    [
        pytest.param(dead_pid, 2 * DAY, True, id="killed run, two days ago"),
        pytest.param(dead_pid, 3600, False, id="killed run, an hour ago"),
        pytest.param(os.getpid, 2 * DAY, False, id="a run still going"),
    ],
)
def test_a_later_run_removes_the_spool_folders_of_killed_runs(
    tmp_path, own_tmp, owner, age, removed
):
    left = own_tmp / f"edusummary-spool-{owner()}-abc123"
    left.mkdir()
    (left / "edusummary-spool-x.rows").write_bytes(b"{}\n" * 100)
    os.utime(left, (time.time() - age, time.time() - age))
    write_reports(tmp_path / "in", 1)
    assert main(["tag", str(tmp_path / "in"), "-o", str(tmp_path / "out.jsonl"), "-q"]) == 0
    assert left.exists() is not removed
    assert os.listdir(own_tmp) == ([] if removed else [left.name])


# --- --model default --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "written"),
    [
        pytest.param(["tag", "{report}", "-o", "{out}.jsonl"], "{out}.jsonl", id="tag"),
        pytest.param(["summarize", "{report}", "-o", "{out}.csv"], "{out}.csv", id="summarize"),
        pytest.param(["view", "{report}", "-o", "{out}.html"], "{out}.html", id="view"),
        pytest.param(["suggest", "{report}", "-n", "2", "-o", "{out}.csv"], "{out}.csv",
                     id="suggest"),
    ],
)
def test_model_default_is_the_shipped_model(tmp_path, command, written):
    (report,) = write_reports(tmp_path / "in", 1)
    names = {"report": str(report), "out": str(tmp_path / "out")}
    assert main([*(part.format(**names) for part in command), "--model", "default"]) == 0
    assert os.path.getsize(written.format(**names)) > 0


def test_resuming_with_model_default_continues_a_run_with_the_shipped_model(tmp_path, capsys):
    write_reports(tmp_path / "in", 2)
    out = str(tmp_path / "out.jsonl")
    assert main(["tag", str(tmp_path / "in"), "-o", out, "-q"]) == 0
    assert main(["tag", str(tmp_path / "in"), "-o", out, "--resume", "--model", "default"]) == 0
    assert "2 already done" in capsys.readouterr().err


def test_a_worker_ends_quietly_on_sigterm_whatever_the_command_handles(tmp_path):
    # The command's SIGTERM handler, inherited by forked workers, raised KeyboardInterrupt
    # in a worker the pool terminated: a traceback on stderr.
    code = (
        "import signal, sys\n"
        "from edusummary._stopping import ignore_interrupts\n"
        "signal.signal(signal.SIGTERM, lambda *a: sys.exit(9))\n"
        "ignore_interrupts()\n"
        "print(signal.getsignal(signal.SIGTERM) == signal.SIG_DFL)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "True", done.stderr
