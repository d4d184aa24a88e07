import json
import os
import re
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pytest
from conftest import small_records

import edusummary
from edusummary.errors import DataError


def test_train_from_a_file_gives_a_model_with_the_labels_present(small_jsonl):
    model = edusummary.train(small_jsonl, min_df=1, folds=3)
    assert model.labels == edusummary.LABELS
    cv = model.metadata["cross_validation"]
    assert 0.0 <= cv["macro_f1"] <= 1.0 and cv["folds"] == 3
    assert model.metadata["training_data"]["records"] == 15


def test_train_from_a_folder(small_jsonl):
    model = edusummary.train(small_jsonl.parent, min_df=1, calibrate=False)
    assert model.metadata["training_data"]["records"] == 15


def test_same_data_and_seed_give_the_same_model_file(small_jsonl, tmp_path, monkeypatch):
    # The file records its creation time; SOURCE_DATE_EPOCH fixes it, as for reproducible
    # builds.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = edusummary.train(small_jsonl, min_df=1, folds=3, seed=7).save(tmp_path / "a.esm")
    second = edusummary.train(small_jsonl, min_df=1, folds=3, seed=7).save(tmp_path / "b.esm")
    assert first.read_bytes() == second.read_bytes()


def test_the_trained_model_learns_the_topics(small_jsonl):
    model = edusummary.train(small_jsonl, min_df=1, folds=3)
    (best,) = model.predict(["各幼儿园开展保教质量自评，幼儿教师参加游戏活动培训。"])[0]
    assert best[0] == "preschool"


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"text": "", "label": "other"}', "'text' must be a non-empty string"),
        (
            '{"text": "新建幼儿园三所", "label": "preschool", "labels": ["other", "preschool"]}',
            "must start with the primary label",
        ),
        ("{not json", "not valid JSON"),
    ],
)
def test_bad_records_are_left_out_or_with_strict_fatal(tmp_path, line, message):
    path = tmp_path / "bad.jsonl"
    good = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in small_records())
    path.write_text(line + "\n" + good, encoding="utf-8")
    with pytest.warns(edusummary.EdusummaryWarning) as shown:
        model = edusummary.train(path, min_df=1, folds=3)
    assert model.metadata["training_data"]["records"] == 15
    assert model.metadata["training_data"]["rejected_rows"] == 1
    text = str(shown[0].message)
    assert f"{path}:1" in text and re.search(message, text)
    assert model.metadata["training_data"]["rejected"][0].startswith(f"{path}:1")
    with pytest.raises(DataError, match=message) as info:
        edusummary.train(path, strict=True)
    assert f"{path}:1" in str(info.value)


def test_one_label_is_not_enough(tmp_path):
    path = tmp_path / "one.jsonl"
    records = [r for r in small_records() if r["label"] == "other"]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    with pytest.raises(DataError, match="at least two labels"):
        edusummary.train(path)


def test_missing_data_path(tmp_path):
    with pytest.raises(DataError, match="no such file or folder"):
        edusummary.train(tmp_path / "nowhere")


def test_predictions_equal_the_scikit_learn_pipeline_the_model_was_trained_as(small_jsonl):
    from edusummary.model.features import Analyzer
    from edusummary.model.training import DEFAULT_SETTINGS, sklearn_pipeline

    records = edusummary.read_records(small_jsonl)
    texts = [r.text for r in records]
    # Without register copies, which change what the regression is fitted on, not how a
    # model scores: the scikit-learn pipeline is then fitted on exactly the same rows.
    settings = DEFAULT_SETTINGS.replace(min_df=1, register_copies=False)
    model = edusummary.train(small_jsonl, settings=settings, calibrate=False)
    pipeline = sklearn_pipeline(settings, Analyzer(char_ngrams=settings.char_ngrams))
    pipeline.fit(texts, [r.label for r in records])
    unseen = [
        "全县新建幼儿园三所，扩大普惠性学前教育资源。",
        "组织骨干教师开展同课异构，推进课堂教学改革。",
        "落实校园安全责任，开展消防演练和隐患排查。",
        "Completely unrelated English words",
        "",
    ]
    columns = [list(pipeline.classes_).index(label) for label in model.labels]
    for batch in (texts, unseen):
        expected = pipeline.predict(batch)
        with warnings.catch_warnings():
            # The empty text is said; here it only has to score as scikit-learn scores it.
            warnings.simplefilter("ignore", edusummary.EdusummaryWarning)
            got = [labels[0][0] for labels in model.predict(batch)]
        assert got == list(expected)
        np.testing.assert_allclose(
            model.decision_function(batch),
            pipeline.decision_function(batch)[:, columns],
            atol=1e-10,
        )


@pytest.mark.parametrize(
    "batches, grouped",
    [
        # Two labels, each written in eight batches of three records: whole batches are held out.
        ([f"{label}{b}" for label in "ab" for b in range(8) for _ in range(3)], True),
        # Each label in one batch only: holding a batch out would hide the label from a fold.
        (["a"] * 24 + ["b"] * 24, False),
        # Records without a source are batches of one: a split by record, said as one.
        ([None] * 48, False),
    ],
    ids=["many batches", "one batch per label", "no sources"],
)
def test_cross_validation_holds_out_whole_batches_where_the_labels_allow(batches, grouped):
    from edusummary.model.training import batch_folds

    y = np.repeat([0, 1], 24)
    splits, held_out_batches = batch_folds(y, batches, folds=4, seed=0)
    assert held_out_batches is grouped
    assert len(splits) == 4
    tested = np.concatenate([test for _, test in splits])
    assert sorted(tested.tolist()) == list(range(48))
    for train, test in splits:
        assert set(y[train]) == {0, 1}
        if grouped and batches[0] is not None:
            assert not {batches[i] for i in train} & {batches[i] for i in test}
    if not grouped and batches[0] is not None:
        # Split by record: every batch is in more than one part.
        assert all(len({batches[i] for i in test}) == 2 for _, test in splits)


@pytest.mark.parametrize(
    ("option", "error", "message"),
    [
        pytest.param({"folds": 1}, ValueError, "folds must be an int of at least 2, got 1"),
        pytest.param({"folds": "3"}, TypeError, "folds must be an int of at least 2, got '3'"),
        pytest.param({"folds": 2.5}, TypeError, "folds must be an int of at least 2, got 2.5"),
        pytest.param({"n_jobs": 0}, ValueError, "n_jobs must be a nonzero int or None"),
        pytest.param({"n_jobs": "2"}, TypeError, "n_jobs must be a nonzero int or None, got '2'"),
        # A RandomState seeded every register copy alike: its text was the seed.
        pytest.param({"seed": np.random.RandomState(0)}, TypeError,
                     "seed must be an int, got RandomState"),
        pytest.param({"seed": "1"}, TypeError, "seed must be an int, got str: '1'"),
        pytest.param({"seed": 1.5}, TypeError, "seed must be an int, got float: 1.5"),
        pytest.param({"seed": None}, TypeError, "seed must be an int, got NoneType"),
        pytest.param({"seed": -1}, ValueError, "seed must be an int from 0 to 2**32 - 1, got -1"),
    ],
)
@pytest.mark.parametrize("call", [edusummary.train, edusummary.cross_validate])
def test_bad_folds_jobs_and_seeds_are_named(small_jsonl, call, option, error, message):
    with pytest.raises(error, match=re.escape(message)):
        call(small_jsonl, min_df=1, **option)


def test_a_numpy_integer_seed_trains_as_its_int_and_the_model_saves(small_jsonl, tmp_path):
    # Looping over np.arange(...) trained, then save() raised a bare JSON TypeError.
    model = edusummary.train(small_jsonl, min_df=1, folds=3, seed=np.int64(2), n_jobs=1)
    assert type(model.metadata["seed"]) is int
    same = edusummary.train(small_jsonl, min_df=1, folds=3, seed=2, n_jobs=1)
    assert np.array_equal(model.coef, same.coef) and model.temperature == same.temperature
    path = model.save(tmp_path / "种子.esm")
    assert edusummary.load_model(path).metadata["seed"] == 2


@pytest.mark.parametrize("call", [edusummary.train, edusummary.cross_validate])
def test_settings_of_another_type_are_named(small_jsonl, call):
    # A dict raised "AttributeError: 'dict' object has no attribute 'replace'".
    with pytest.raises(TypeError, match=r"settings must be an edusummary\.TrainingSettings, "
                       r"got dict: \{'C': 3\.0\}; pass TrainingSettings\(C=3\.0\)"):
        call(small_jsonl, settings={"C": 3.0})


_BARS: list = []


class _Bar:
    """Stands in for tqdm: records what a progress bar is told."""

    def __init__(self, total=None, disable=None, desc=None, **kwargs):
        self.total, self.disable, self.done, self.closed = total, disable, 0, False
        # Each description the bar read, with the fits done by then.
        self.descriptions = [(desc, 0)]
        _BARS.append(self)

    def set_description(self, desc):
        self.descriptions.append((desc, self.done))

    def update(self, n=1):
        self.done += n

    def close(self):
        self.closed = True


@pytest.mark.parametrize("progress", [True, False])
def test_training_shows_a_bar_of_the_fits_done(monkeypatch, progress):
    import tqdm.auto

    monkeypatch.setattr(tqdm.auto, "tqdm", _Bar)
    _BARS.clear()
    rows = [(r["text"], r["label"]) for r in small_records()]
    edusummary.train(rows, min_df=1, folds=3, progress=progress)
    (bar,) = _BARS
    # Three folds and the fit on everything, each ticked off as it ends.
    assert (bar.total, bar.done, bar.closed) == (4, 4, True)
    assert bar.disable is (None if progress else True)
    # Up before the records are analysed, which takes some seconds on a large sheet.
    assert bar.descriptions == [("analysing records", 0), ("training", 0)]


# Run by the test below: Ctrl-C reaches the first of joblib's workers as it loads numpy and
# edusummary, before it could ignore it.
_CTRL_C_AS_A_WORKER_STARTS = (
    "import os, signal, sys, time\n"
    "from joblib.externals.loky.backend import fork_exec\n"
    "from edusummary.cli import main\n"
    "start, sent = fork_exec.fork_exec, []\n"
    "def start_then_stop(command, *args, **kwargs):\n"
    "    pid = start(command, *args, **kwargs)\n"
    "    if not sent and any('popen_loky' in part for part in command):\n"
    "        sent.append(time.sleep(0.2))\n"
    "        os.kill(pid, signal.SIGINT)\n"
    "    return pid\n"
    "fork_exec.fork_exec = start_then_stop\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def test_ctrl_c_that_reaches_a_fitting_worker_as_it_starts_is_ignored(tmp_path):
    # Ctrl-C reaches every process of the terminal's job. A joblib worker that got it while
    # it started, which takes it a second or so, printed a KeyboardInterrupt traceback
    # into the terminal; the parent alone decides when training stops.
    run, _, model = _train_by(tmp_path, _CTRL_C_AS_A_WORKER_STARTS, timeout=60)
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr and "KeyboardInterrupt" not in run.stderr
    assert edusummary.Model.load(model).metadata["training_data"]["records"] == 15


# Run by the test below: SIGTERM to the run's job while its fits are handed to joblib's
# workers, taken by another thread of the command (as tqdm's monitor may take it), and the
# workers dead of it before the next fit is handed over.
_SIGTERM_AS_THE_FITS_START = (
    "import os, signal, sys, threading, time\n"
    "from joblib.externals.loky import process_executor\n"
    "from edusummary.cli import main\n"
    "go, sent = threading.Event(), threading.Event()\n"
    "def send():\n"
    "    go.wait()\n"
    "    os.killpg(0, signal.SIGTERM)\n"
    "    sent.set()\n"
    "threading.Thread(target=send, daemon=True).start()\n"
    "submit = process_executor.ProcessPoolExecutor.submit\n"
    "def stop_then_submit(self, *args, **kwargs):\n"
    "    if self._processes and not go.is_set():\n"
    "        go.set()\n"
    "        sent.wait()\n"
    "        deadline = time.monotonic() + 30\n"
    "        while self._flags.broken is None and time.monotonic() < deadline:\n"
    "            time.sleep(0.01)\n"
    "    return submit(self, *args, **kwargs)\n"
    "process_executor.ProcessPoolExecutor.submit = stop_then_submit\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="a job of processes")
def test_sigterm_as_the_fits_start_stops_training_quietly(tmp_path):
    # The workers die of it as the parent hands them the fits; the stop, held back
    # meanwhile, was dropped with joblib's TerminatedWorkerError: a traceback, exit 1 (a
    # closed terminal's SIGHUP alike), where a stopped run exits 143 with one line.
    run, data, _ = _train_stopped(tmp_path, _SIGTERM_AS_THE_FITS_START, start_new_session=True)
    # Each failure shows the run's stderr: one in a full suite on a loaded machine was
    # not kept, and could not be made again.
    said = f"exit {run.returncode}, stderr:\n{run.stderr}"
    assert run.returncode == 143, said
    assert "Traceback" not in run.stderr, said
    assert run.stderr.splitlines()[-1] == "edusummary: interrupted", said
    assert list(tmp_path.iterdir()) == [data], said


def _train_stopped(
    tmp_path: Path, script: str, **options
) -> tuple[subprocess.CompletedProcess, Path, Path]:
    """:func:`_train_by` with joblib's workers, which the stops of these tests need."""
    from joblib import cpu_count

    if cpu_count() < 2:
        pytest.skip("joblib fits in this process with one core")
    return _train_by(tmp_path, script, timeout=90, **options)


def _train_by(
    tmp_path: Path, script: str | None, timeout: float, **options
) -> tuple[subprocess.CompletedProcess, Path, Path]:
    """``edusummary train`` of a few samples into a model, run by ``script`` (which stops
    it, or signals its workers), or as ``python -m edusummary`` when None: the run, the
    samples' file and the model's."""
    data = tmp_path / "samples.jsonl"
    data.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in small_records()),
        encoding="utf-8",
    )
    model = tmp_path / "model.esm"
    try:
        run = subprocess.run(
            [sys.executable, *(["-m", "edusummary"] if script is None else ["-c", script]),
             "train", str(data), "-o", str(model)],
            capture_output=True, text=True, timeout=timeout, **options,
        )
    except subprocess.TimeoutExpired as exc:
        # What it said before it hung, which the timeout's own message leaves out (bytes
        # whatever text= says, but on Windows).
        said = exc.stderr or ""
        if isinstance(said, bytes):
            said = said.decode("utf-8", "replace")
        pytest.fail(f"train did not end in {timeout} s; stderr:\n{said}")
    return run, data, model


# Run by the test below: Ctrl-C as the first of joblib's workers starts, held back until the
# fits are handed to the pool, and raised then; the pool's thread, busy elsewhere (as on a
# loaded machine), has not yet queued the fits handed after the first to the workers.
_CTRL_C_AS_THE_FITS_ARE_HANDED_OVER = (
    "import os, signal, sys, threading, time\n"
    "from joblib.externals.loky import process_executor\n"
    "from joblib.externals.loky.backend import fork_exec\n"
    "from edusummary.cli import main\n"
    "start, sent = fork_exec.fork_exec, []\n"
    "def start_then_stop(command, *args, **kwargs):\n"
    "    pid = start(command, *args, **kwargs)\n"
    "    if not sent and any('popen_loky' in part for part in command):\n"
    "        sent.append(os.kill(os.getpid(), signal.SIGINT))\n"
    "    return pid\n"
    "fork_exec.fork_exec = start_then_stop\n"
    "manager = process_executor._ExecutorManagerThread\n"
    "wait, waiting = manager.wait_result_broken_or_wakeup, threading.Event()\n"
    "def wait_for_the_stop(self):\n"
    "    waiting.set()\n"
    "    deadline = time.monotonic() + 30\n"
    "    while not self.executor_flags.shutdown and time.monotonic() < deadline:\n"
    "        time.sleep(0.01)\n"
    "    return wait(self)\n"
    "manager.wait_result_broken_or_wakeup = wait_for_the_stop\n"
    "submit = process_executor.ProcessPoolExecutor.submit\n"
    "def submit_while_it_waits(self, *args, **kwargs):\n"
    "    if self._executor_manager_thread is not None:\n"
    "        waiting.wait(30)\n"
    "    return submit(self, *args, **kwargs)\n"
    "process_executor.ProcessPoolExecutor.submit = submit_while_it_waits\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def test_ctrl_c_as_the_fits_are_handed_over_stops_training_quietly(tmp_path):
    # joblib's pool, stopped with fits not yet queued to its workers, failed in a thread
    # of its own: a KeyError traceback above 'interrupted' (2 runs in 6 stopped as the
    # workers started, on a loaded machine).
    run, _, model = _train_stopped(tmp_path, _CTRL_C_AS_THE_FITS_ARE_HANDED_OVER)
    # Each failure shows the run's stderr: one in CI ended with a warning of joblib's
    # resource tracker, whose first lines were not kept, and 55 runs under load since
    # could not make it again.
    said = f"exit {run.returncode}, stderr:\n{run.stderr}"
    assert run.returncode == 130, said
    assert "Traceback" not in run.stderr, said
    assert run.stderr.splitlines()[-1] == "edusummary: interrupted", said
    assert not model.exists()


@pytest.mark.parametrize("stream", [1, 2], ids=["stdout", "stderr"])
def test_training_with_stdout_or_stderr_closed_writes_the_model(tmp_path, stream):
    # Started with stdout closed (>&-), it failed as joblib started its workers, which
    # flush sys.stdout, None then: an AttributeError traceback, exit 1, no model; with
    # stderr closed (2>&-), the workers failed to start, faulthandler wanting a stderr.
    run, _, model = _train_by(tmp_path, None, timeout=90, preexec_fn=lambda: os.close(stream))
    assert run.returncode == 0
    assert "Traceback" not in run.stdout + run.stderr
    assert edusummary.Model.load(model).metadata["training_data"]["records"] == 15


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_training_with_stdout_full_says_the_model_is_written(tmp_path):
    # With stdout full (>/dev/full), the report's error was taken for the model file's:
    # "no space left writing model.esm", exit 3, of a model written whole.
    run, _, model = _train_by(
        tmp_path, None, timeout=90,
        preexec_fn=lambda: os.dup2(os.open("/dev/full", os.O_WRONLY), 1),
    )
    assert run.returncode == 1
    assert run.stderr.splitlines()[-1] == (
        f"edusummary: wrote {model}, but not its report: standard output: "
        "No space left on device"
    ), run.stderr
    assert edusummary.Model.load(model).metadata["training_data"]["records"] == 15


def test_fits_in_two_threads_at_once_give_the_thread_hook_back(monkeypatch):
    # Trainings in two threads, the first ending while the second fits: each swapped in a
    # hook of its own and put back the one it found, the first's stayed in place for good,
    # and from then on a failure of joblib's pool thread was never said.
    import threading

    from edusummary.model.training import _pool_thread_quiet_when_stopped

    said = []
    monkeypatch.setattr(threading, "excepthook", lambda args: said.append(args.thread.name))
    application_hook = threading.excepthook
    first, second = _pool_thread_quiet_when_stopped(), _pool_thread_quiet_when_stopped()
    first.__enter__()
    second.__enter__()
    first.__exit__(None, None, None)
    second.__exit__(None, None, None)
    assert threading.excepthook is application_hook

    def fail() -> None:
        raise RuntimeError("池线程失败")

    failing = threading.Thread(target=fail, name="ExecutorManagerThread")
    failing.start()
    failing.join()
    assert said == ["ExecutorManagerThread"]
