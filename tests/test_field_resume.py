"""What happens to a resumable output in the field: two runs at once, outputs cut, deleted or
replaced behind their state, another model, other spellings of the same inputs, kills."""

import fcntl
import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest
from test_bulk import make_reports, read_jsonl

import edusummary
from edusummary.batch.output import RowWriter
from edusummary.cli import main
from edusummary.errors import OutputError

# Written for these tests: enough for a tiny model that is not the shipped one.
OTHER_MODEL_PAIRS = [
    ("全县新建公办幼儿园三所，学前教育普惠率进一步提高。", "preschool"),
    ("幼儿园保教人员全员参加暑期培训，保育质量明显提升。", "preschool"),
    ("推进集团化办学，城乡学校结对帮扶，缩小校际差距。", "compulsory_balance"),
    ("落实控辍保学，义务教育阶段适龄儿童入学率保持百分之百。", "compulsory_balance"),
    ("开展优质课评选活动，推广单元整体教学设计。", "teaching_reform"),
    ("各学科教研组每周集体备课，教研活动常态开展。", "teaching_reform"),
]


def key(row):
    # The file's name, not the spelling of its path: runs may name the folder differently.
    return (os.path.basename(row["source"]), row["index"], row["label"], row["text"])


def keys(path):
    return sorted(map(key, read_jsonl(path)))


def snapshot(out):
    """What a refused run must leave as it was."""
    if out.is_dir():
        return sorted((p.name, p.read_bytes()) for p in out.iterdir())
    return out.read_bytes() if out.exists() else None


def tag(*argv):
    return main(["tag", *map(str, argv), "-q"])


# -- each case: what is done to the output of a finished run, then how the run is repeated --


def another_run_is_writing(tmp_path, out, hold):
    hold(RowWriter(out, resume=True))
    return [tmp_path / "in", "-o", out, "--resume"]


def another_run_is_writing_afresh(tmp_path, out, hold):
    hold(RowWriter(out, resume=True))
    return [tmp_path / "in", "-o", out]


def a_killed_run_left_its_lock_file(tmp_path, out, hold):
    locker = subprocess.Popen(
        [sys.executable, "-c", "import fcntl, sys, time; f = open(sys.argv[1], 'w'); "
         "fcntl.flock(f, fcntl.LOCK_EX); print(flush=True); time.sleep(60)", f"{out}.lock"],
        stdout=subprocess.PIPE,
    )
    locker.stdout.readline()  # it holds the lock now
    locker.send_signal(signal.SIGKILL)
    locker.wait()
    return [tmp_path / "in", "-o", out, "--resume"]


def output_shortened(tmp_path, out, hold):
    os.truncate(out, out.stat().st_size // 2)
    return [tmp_path / "in", "-o", out, "--resume"]


def output_deleted(tmp_path, out, hold):
    out.unlink()
    return [tmp_path / "in", "-o", out, "--resume"]


def output_replaced_same_size(tmp_path, out, hold):
    out.write_bytes(b"x" * out.stat().st_size)
    return [tmp_path / "in", "-o", out, "--resume"]


def output_replaced_by_a_longer_file(tmp_path, out, hold):
    out.write_bytes(b"someone else's data\n" * 10_000)
    return [tmp_path / "in", "-o", out, "--resume"]


def state_deleted(tmp_path, out, hold):
    (tmp_path / "out.jsonl.state.jsonl").unlink()
    return [tmp_path / "in", "-o", out, "--resume"]


def state_of_an_older_version(tmp_path, out, hold):
    old = {"position": out.stat().st_size, "files": [{"path": "in/a.txt", "sha256": "0"}]}
    (tmp_path / "out.jsonl.state.jsonl").write_text(json.dumps(old) + "\n", encoding="utf-8")
    return [tmp_path / "in", "-o", out, "--resume"]


def state_of_another_output(tmp_path, out, hold):
    moved = tmp_path / "moved.jsonl"
    out.rename(moved)
    (tmp_path / "out.jsonl.state.jsonl").rename(tmp_path / "moved.jsonl.state.jsonl")
    return [tmp_path / "in", "-o", moved, "--resume"]


def resumed_with_another_model(tmp_path, out, hold):
    model = edusummary.train(OTHER_MODEL_PAIRS, min_df=1, calibrate=False, n_jobs=1)
    model.save(tmp_path / "other.esm")
    return [tmp_path / "in", "-o", out, "--resume", "--model", tmp_path / "other.esm"]


def killed_before_it_ended(out):
    """Take back the line a run that ends writes last in its state, as a killed run never
    writes it."""
    state = out.with_name(out.name + ".state.jsonl")
    lines = state.read_text(encoding="utf-8").splitlines(keepends=True)
    assert json.loads(lines[-1])["ended"] is True
    state.write_text("".join(lines[:-1]), encoding="utf-8")


def rows_written_but_not_recorded(tmp_path, out, hold):
    # A run killed between writing a batch and recording it.
    killed_before_it_ended(out)
    with open(out, "ab") as handle:
        handle.write(out.read_bytes()[:500])
    return [tmp_path / "in", "-o", out, "--resume"]


def rows_appended_after_the_run_ended(tmp_path, out, hold):
    # An analyst's own rows, added to a finished output: not the rows of a crashed batch.
    with open(out, "a", encoding="utf-8") as handle:
        handle.write(json.dumps({"source": "手工补录.txt", "index": 0, "label": "other"}) + "\n")
    return [tmp_path / "in", "-o", out, "--resume"]


def relative_then_absolute(tmp_path, out, hold):
    make_reports(tmp_path / "in", 2, start=6)
    return ["in", "-o", out, "--resume"]  # the first run was given the absolute path


def dot_dot_spelling(tmp_path, out, hold):
    make_reports(tmp_path / "in", 2, start=6)
    return [f"{tmp_path}/in/./../in", "-o", out, "--resume"]


def one_folder_twice_in_one_run(tmp_path, out, hold):
    return [tmp_path / "in", f"{tmp_path}/in/", "./in", "-o", out]


def file_edited_between_runs(tmp_path, out, hold):
    make_reports(tmp_path / "in", 1, start=6)
    edited = tmp_path / "in" / "report_0002.txt"
    edited.write_text("第二号报告（修订）\n\n深化课堂教学改革，推广小组合作。\n", encoding="utf-8")
    return [tmp_path / "in", "-o", out, "--resume"]


def rerun_afresh(tmp_path, out, hold):
    return [tmp_path / "in", "-o", out]


REFUSED, CLEAN, BEFORE_EDIT = "refused", "every row once", "edited file kept as first tagged"

CASES = [
    # (what happened, expected exit status, fragment of stderr, expected output)
    (another_run_is_writing, 2, "out.jsonl is being written by another run", REFUSED),
    (another_run_is_writing_afresh, 2, "out.jsonl is being written by another run", REFUSED),
    (a_killed_run_left_its_lock_file, 0, "", CLEAN),
    (output_shortened, 2, "out.jsonl is shorter than out.jsonl.state.jsonl records", REFUSED),
    (output_deleted, 2, "out.jsonl is missing, but out.jsonl.state.jsonl records", REFUSED),
    (output_replaced_same_size, 2, "out.jsonl does not hold the rows", REFUSED),
    (output_replaced_by_a_longer_file, 2, "it was replaced or edited", REFUSED),
    (state_deleted, 2, "out.jsonl has no out.jsonl.state.jsonl", REFUSED),
    (state_of_an_older_version, 2, "not a state this version of edusummary reads", REFUSED),
    (state_of_another_output, 2, "is the state of out.jsonl, not of moved.jsonl", REFUSED),
    (resumed_with_another_model, 2, "the shipped model", REFUSED),
    (rows_written_but_not_recorded, 0, "", CLEAN),
    (rows_appended_after_the_run_ended, 2, "added after the run that wrote it ended", REFUSED),
    (relative_then_absolute, 0, "", CLEAN),
    (dot_dot_spelling, 0, "", CLEAN),
    (one_folder_twice_in_one_run, 0, "", CLEAN),
    (file_edited_between_runs, 0, "report_0002.txt changed since it was written", BEFORE_EDIT),
    (rerun_afresh, 0, "", CLEAN),
]


@pytest.mark.parametrize(
    "happened, status, message, expected", CASES, ids=[case[0].__name__ for case in CASES]
)
def test_field_case(tmp_path, monkeypatch, capsys, happened, status, message, expected):
    monkeypatch.chdir(tmp_path)
    make_reports(tmp_path / "in", 6)
    out = tmp_path / "out.jsonl"
    assert tag(tmp_path / "in", "-o", out) == 0
    first = keys(out)
    held = []
    try:
        argv = happened(tmp_path, out, held.append)
        output = argv[argv.index("-o") + 1]
        before = snapshot(output)
        capsys.readouterr()
        assert tag(*argv) == status
        err = capsys.readouterr().err
    finally:
        for writer in held:
            writer.close()
    assert message in err
    if expected == REFUSED:
        assert len(err.strip().splitlines()) == 1, err
        assert "start afresh" in err or "another output" in err
        assert snapshot(output) == before  # never padded, cut or emptied
        return
    if expected == BEFORE_EDIT:
        new = tmp_path / "in" / "report_0006.txt"
        assert sorted(k for k in keys(output) if k[0] != new.name) == first
        assert any(k[0] == new.name for k in keys(output))
        return
    assert tag(tmp_path / "in", "-o", tmp_path / "clean.jsonl") == 0
    got, clean = keys(output), keys(tmp_path / "clean.jsonl")
    assert len(got) == len(set(got)) and got == clean


def test_the_other_model_is_named_too(tmp_path, capsys):
    make_reports(tmp_path / "in", 2)
    out = tmp_path / "out.csv"
    assert tag(tmp_path / "in", "-o", out) == 0
    argv = resumed_with_another_model(tmp_path, out, None)
    capsys.readouterr()
    assert tag(*argv) == 2
    err = capsys.readouterr().err
    assert "out.csv was tagged with the shipped model" in err
    assert f"not {tmp_path / 'other.esm'}" in err


def test_a_parquet_dataset_missing_a_part_is_refused(tmp_path, capsys):
    pytest.importorskip("pyarrow")
    make_reports(tmp_path / "in", 3)
    out = tmp_path / "out.parquet"
    assert tag(tmp_path / "in", "-o", out) == 0
    (out / "part-00000.parquet").unlink()
    capsys.readouterr()
    assert tag(tmp_path / "in", "-o", out, "--resume") == 2
    assert "lacks 1 of the 1 parts" in capsys.readouterr().err
    assert list(out.iterdir()) == []


def test_a_parquet_dataset_resumed_adds_new_files_once(tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    make_reports(tmp_path / "in", 3)
    out = tmp_path / "out.parquet"
    assert tag(tmp_path / "in", "-o", out) == 0
    make_reports(tmp_path / "in", 2, start=3)
    assert tag(tmp_path / "in", "-o", out, "--resume") == 0
    assert tag(tmp_path / "in", "-o", tmp_path / "clean.jsonl") == 0
    assert pq.read_table(out).num_rows == len(read_jsonl(tmp_path / "clean.jsonl"))


def test_a_part_added_to_a_finished_parquet_dataset_is_kept(tmp_path, capsys):
    pq = pytest.importorskip("pyarrow.parquet")
    make_reports(tmp_path / "in", 3)
    out = tmp_path / "out.parquet"
    assert tag(tmp_path / "in", "-o", out) == 0
    table = pq.read_table(out / "part-00000.parquet")
    pq.write_table(table, out / "part-00001.parquet")  # a part the analyst added by hand
    before = snapshot(out)
    capsys.readouterr()
    assert tag(tmp_path / "in", "-o", out, "--resume") == 2
    assert "1 parts (part-00001.parquet ...) added after" in capsys.readouterr().err
    assert snapshot(out) == before


def test_a_run_stopped_by_ctrl_c_resumes_with_the_rest(tmp_path):
    make_reports(tmp_path / "in", 4)
    out = tmp_path / "out.jsonl"
    paths = sorted((tmp_path / "in").iterdir())
    tagger = edusummary.default_tagger
    with pytest.raises(KeyboardInterrupt), RowWriter(out) as writer:
        writer.add(edusummary.batch.running.tag_one(tagger, str(paths[0])))
        raise KeyboardInterrupt
    assert tag(tmp_path / "in", "-o", out, "--resume") == 0
    assert tag(tmp_path / "in", "-o", tmp_path / "clean.jsonl") == 0
    assert keys(out) == keys(tmp_path / "clean.jsonl")


def test_ctrl_c_as_a_batch_is_recorded_leaves_its_rows_once(tmp_path, monkeypatch):
    # Raised just after the batch's line reached the state, it left the batch waiting in
    # the writer: closing wrote it again, each of its paragraphs twice in the output.
    from edusummary.batch import output

    make_reports(tmp_path / "in", 4)
    out = tmp_path / "out.jsonl"
    paths = sorted((tmp_path / "in").iterdir())
    tagger = edusummary.default_tagger
    real_append = output._append_synced
    interrupted = []

    def append_then_interrupt(path, data):
        real_append(path, data)
        if path.name.endswith(".state.jsonl") and not interrupted:
            interrupted.append(path)
            os.kill(os.getpid(), signal.SIGINT)  # Ctrl-C, raised at the next line of Python

    monkeypatch.setattr(output, "_append_synced", append_then_interrupt)
    with pytest.raises(KeyboardInterrupt), RowWriter(out) as writer:
        for path in paths[:2]:
            writer.add(edusummary.batch.running.tag_one(tagger, str(path)))
        writer.commit()
    assert interrupted
    monkeypatch.undo()
    assert tag(tmp_path / "in", "-o", out, "--resume") == 0
    assert tag(tmp_path / "in", "-o", tmp_path / "clean.jsonl") == 0
    assert keys(out) == keys(tmp_path / "clean.jsonl")


def test_ctrl_c_while_a_large_files_rows_are_copied_acts_at_once_and_resumes(
    tmp_path, monkeypatch
):
    # Held back for the whole copy of a large file's spool, Ctrl-C acted only when its
    # rows were all copied (seconds for a yearbook); stopped midway, the rows copied are
    # recorded by no one, and the output resumes as after a crash.
    from edusummary.batch import output, running

    make_reports(tmp_path / "in", 3)
    out = tmp_path / "out.jsonl"
    paths = sorted(str(path) for path in (tmp_path / "in").iterdir())
    tagger = edusummary.default_tagger
    spool_dir = tmp_path / "spool"
    spool_dir.mkdir()
    large = running._tag_to_spool(
        tagger, paths[1], output.encoder(".jsonl"), None, str(spool_dir)
    )
    real_append = output._append_synced
    copied = []

    def copy_then_interrupt(path, data):
        real_append(path, data)
        if path == out:
            copied.append(path)
            raise KeyboardInterrupt  # Ctrl-C in the midst of the copy

    with pytest.raises(KeyboardInterrupt), RowWriter(out) as writer:
        writer.add(running.tag_one(tagger, paths[0]))
        writer.commit()
        monkeypatch.setattr(output, "_append_synced", copy_then_interrupt)
        writer.add(large)
    monkeypatch.undo()
    assert copied == [out]
    assert not list(spool_dir.iterdir())
    assert tag(tmp_path / "in", "-o", out, "--resume") == 0
    assert tag(tmp_path / "in", "-o", tmp_path / "clean.jsonl") == 0
    assert keys(out) == keys(tmp_path / "clean.jsonl")


# -- the lock ---------------------------------------------------------------------------------


def close_normally(writer):
    with writer:
        pass


def raise_inside(writer):
    with pytest.raises(RuntimeError), writer:
        raise RuntimeError("boom")


def interrupt_inside(writer):
    with pytest.raises(KeyboardInterrupt), writer:
        raise KeyboardInterrupt


@pytest.mark.parametrize("finish", [close_normally, raise_inside, interrupt_inside])
def test_the_lock_is_released_however_the_writer_ends(tmp_path, finish):
    out = tmp_path / "out.jsonl"
    finish(RowWriter(out))
    with open(f"{out}.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)  # would raise if still held


def test_a_writer_refused_by_the_lock_changes_nothing(tmp_path):
    out = tmp_path / "out.jsonl"
    with RowWriter(out) as writer:
        out.write_bytes(b"rows\n")
        with pytest.raises(OutputError, match=r"out\.jsonl is being written by another run"):
            RowWriter(out)
        assert out.read_bytes() == b"rows\n"
        assert writer.state_path.exists()


def test_an_output_reached_through_a_symlink_is_locked_as_the_output(tmp_path):
    # Locked under the name given, a second run through the link truncated a running output.
    out = tmp_path / "out.jsonl"
    (tmp_path / "elsewhere").mkdir()
    link = tmp_path / "elsewhere" / "link.jsonl"
    link.symlink_to(out)
    with RowWriter(out):
        with pytest.raises(OutputError, match=r"link\.jsonl is being written by another run"):
            RowWriter(link)


def test_an_output_folder_is_created_and_an_unusable_one_named(tmp_path):
    RowWriter(tmp_path / "新建" / "结果" / "out.jsonl").close()
    assert (tmp_path / "新建" / "结果" / "out.jsonl.state.jsonl").exists()
    (tmp_path / "a_file").write_text("", encoding="utf-8")
    with pytest.raises(OutputError, match=r"a_file/out\.jsonl: cannot write there"):
        RowWriter(tmp_path / "a_file" / "out.jsonl")


def test_a_refused_resume_releases_the_lock(tmp_path):
    out = tmp_path / "out.jsonl"
    out.write_bytes(b"not ours\n")
    with pytest.raises(OutputError, match=r"has no out\.jsonl\.state\.jsonl"):
        RowWriter(out, resume=True)
    with pytest.raises(OutputError, match="is not an output of edusummary tag"):
        RowWriter(out)  # not "being written by another run"
    out.unlink()
    RowWriter(out).close()


def test_forked_workers_do_not_keep_the_output_locked(tmp_path):
    import multiprocessing

    out = tmp_path / "out.jsonl"
    writer = RowWriter(out)
    with multiprocessing.get_context("fork").Pool(1) as pool:
        pool.apply(os.getpid)  # a worker forked while the lock was held
        writer.close()
        RowWriter(out).close()  # an orphaned worker would keep this out


# -- kills -------------------------------------------------------------------------------------


@pytest.mark.slow
def test_runs_killed_at_random_points_resume_to_a_clean_run(tmp_path):
    make_reports(tmp_path / "in", 1500)
    command = [sys.executable, "-m", "edusummary", "tag", str(tmp_path / "in"), "-q", "-o"]
    started = time.monotonic()
    subprocess.run([*command, str(tmp_path / "clean.jsonl")], check=True)
    seconds = time.monotonic() - started
    clean = keys(tmp_path / "clean.jsonl")
    out = tmp_path / "out.jsonl"
    rng = random.Random(12)
    partials = []
    for _ in range(8):
        run = subprocess.Popen([*command, str(out)])
        time.sleep(rng.uniform(0.05, 0.95) * seconds)
        killed = run.poll() is None
        run.send_signal(signal.SIGKILL)
        run.wait()
        partials.append(out.stat().st_size if killed and out.exists() else None)
        resumed = subprocess.run([*command, str(out), "--resume"], capture_output=True, text=True)
        assert resumed.returncode == 0, resumed.stderr
        got = keys(out)
        assert (len(got), got == clean) == (len(clean), True)
    assert any(partials), f"no kill landed after a recorded batch: {partials}"


def test_a_resumed_run_hashes_each_input_once(tmp_path, monkeypatch):
    import edusummary.batch.running as running
    import edusummary.cli.tag as tag_command

    make_reports(tmp_path / "in", 4)
    out = tmp_path / "out.jsonl"
    assert tag(tmp_path / "in", "-o", out) == 0
    make_reports(tmp_path / "in", 2, start=4)
    hashed = []

    def counting(path, digest=running.file_digest):
        hashed.append(os.path.basename(path))
        return digest(path)

    monkeypatch.setattr(running, "file_digest", counting)
    monkeypatch.setattr(tag_command, "file_digest", counting)
    assert tag(tmp_path / "in", "-o", out, "--resume") == 0
    inputs = sorted(name for name in hashed if name.endswith(".txt"))  # not the model file
    assert inputs == [f"report_{i:04d}.txt" for i in range(6)]


@pytest.mark.parametrize(
    ("resume", "message"),
    [(False, "was changed since edusummary tag wrote it"), (True, "replaced or edited")],
)
def test_a_hand_correction_anywhere_in_the_output_is_never_written_over(
    tmp_path, capsys, resume, message
):
    # Only the size and the last 4 KiB were checked: a label corrected near the top, the
    # same number of bytes, was lost to the next run.
    make_reports(tmp_path / "in", 40)
    out = tmp_path / "out.csv"
    assert tag(tmp_path / "in", "-o", out) == 0
    data = out.read_bytes()
    assert len(data) > 3 * 4096
    at = data.index("。".encode())
    corrected = data[:at] + "，".encode() + data[at + 3 :]  # as many bytes
    out.write_bytes(corrected)
    capsys.readouterr()
    assert tag(tmp_path / "in", "-o", out, *(["--resume"] if resume else [])) == 2
    err = capsys.readouterr().err
    assert message in err
    # What it advises is not refused in turn: starting afresh over an edited output is.
    assert "start afresh without --resume" not in err
    assert out.read_bytes() == corrected


def test_resuming_with_the_other_formula_guard_is_refused(tmp_path, capsys):
    make_reports(tmp_path / "in", 4)
    out = tmp_path / "out.csv"
    first = sorted((tmp_path / "in").iterdir())[:2]
    assert tag(*first, "-o", out) == 0
    before = out.read_bytes()
    capsys.readouterr()
    assert tag(tmp_path / "in", "-o", out, "--resume", "--no-formula-guard") == 2
    assert "would mix guarded and live formula cells" in capsys.readouterr().err
    assert out.read_bytes() == before
    assert tag(tmp_path / "in", "-o", out, "--resume") == 0


def test_a_folder_moved_between_runs_is_not_tagged_twice(tmp_path, capsys):
    make_reports(tmp_path / "in", 5)
    out = tmp_path / "out.jsonl"
    assert tag(tmp_path / "in", "-o", out) == 0
    first = keys(out)
    (tmp_path / "in").rename(tmp_path / "moved")
    make_reports(tmp_path / "moved", 1, start=5)
    capsys.readouterr()
    assert tag(tmp_path / "moved", "-o", out, "--resume") == 0
    assert "5 files in" in capsys.readouterr().err
    got = keys(out)
    assert len(got) == len(set(got))
    assert sorted(k for k in got if k[0] != "report_0005.txt") == first


def test_tag_refuses_to_write_its_output_over_one_of_its_inputs(tmp_path, capsys):
    make_reports(tmp_path / "in", 2)
    out = tmp_path / "out.jsonl"
    assert tag(tmp_path / "in", "-o", out) == 0
    before = out.read_bytes()
    capsys.readouterr()
    assert tag(tmp_path / "in", out, "-o", out) == 2
    assert "is one of the inputs" in capsys.readouterr().err
    assert out.read_bytes() == before
