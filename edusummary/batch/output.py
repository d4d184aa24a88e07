"""Writing tagged paragraphs to JSON lines, CSV or Parquet, so that a run can be resumed.

:class:`RowWriter` takes the :class:`~edusummary.batch.running.Outcome` of each file. Rows
are written in batches; each batch is appended whole (one ``write`` call) and synced to
disk, and then the files it holds are recorded, as one line, in ``OUT.state.jsonl``. After a
crash or Ctrl-C, a resumed run checks that the output still holds what the state records,
cuts it back to the last recorded batch and skips the files recorded there (by resolved
path), so every paragraph ends up in the output exactly once. A run that ends (finished,
stopped by Ctrl-C or by an error) records that it ended: what follows its last batch was
then added by someone else, and a resumed run refuses to cut it. Files that fail are listed in
``OUT.errors.jsonl``. A writer locks ``OUT.lock`` for its whole life: one run per output.

CSV cells are made safe to open in a spreadsheet and file names readable by
:mod:`edusummary.batch.cells`.

Parquet output is a dataset folder (``OUT.parquet/part-00000.parquet`` ...), which pandas,
pyarrow and Dask read as one table; each batch is one part, written then renamed.
"""

from __future__ import annotations

import csv
import fcntl
import hashlib
import io
import json
import logging
import os
import time
from collections.abc import Callable
from functools import partial
from itertools import islice
from json.encoder import encode_basestring
from pathlib import Path

from .._stopping import interrupts_held
from ..errors import OutputError
from .cells import display_path, spreadsheet_cell
from .running import Outcome, spooled

logger = logging.getLogger(__name__)

FIELDS = [
    "source", "index", "label", "labels", "confidence", "flags", "heading", "start", "end", "text"
]
FORMATS = (".jsonl", ".csv", ".parquet")


@spooled
def readable_sources(rows: list[dict]) -> list[dict]:
    """Rows whose ``source`` is a file name any output can hold (:func:`display_path`);
    the rows themselves when every name already is."""
    readable = []
    shown_as: dict[str, str] = {}  # a report's rows share one source
    for row in rows:
        source = row["source"]
        if source:
            shown = shown_as.get(source)
            if shown is None:
                shown = shown_as[source] = display_path(source)
        else:
            shown = source
        readable.append(row if shown is source else {**row, "source": shown})
    return readable


#: For rows of other fields: json.dumps with options builds a new encoder per call.
_encode_row = json.JSONEncoder(ensure_ascii=False).encode
_FIELDS = tuple(FIELDS)


#: How json writes each confidence a row can hold (rounded to 4 places): repr of a float
#: costs as much as escaping a paragraph.
_CONFIDENCE_TEXT: dict[float, str] = {k / 10_000: repr(k / 10_000) for k in range(10_001)}


def _json_string(value: str | None) -> str:
    return "null" if value is None else encode_basestring(value)


def _json_line(row: dict) -> str:
    """``json.dumps(row, ensure_ascii=False)`` of a paragraph row, four times faster: the
    fields are known, and the strings go through json's own escaping (a test checks that
    both agree on every kind of value)."""
    if tuple(row) != _FIELDS:
        return _encode_row(row)
    confidence = row["confidence"]
    labels = ", ".join(map(encode_basestring, row["labels"]))
    flags = ", ".join(map(encode_basestring, row["flags"]))
    return (
        f'{{"source": {_json_string(row["source"])}, "index": {row["index"]}, '
        f'"label": {encode_basestring(row["label"])}, "labels": [{labels}], '
        f'"confidence": {_CONFIDENCE_TEXT.get(confidence) or _encode_row(confidence)}, '
        f'"flags": [{flags}], "heading": {_json_string(row["heading"])}, '
        f'"start": {row["start"]}, "end": {row["end"]}, '
        f'"text": {encode_basestring(row["text"])}}}'
    )


@spooled
def encode_jsonl(rows: list[dict]) -> bytes:
    """Rows as JSON lines."""
    lines = (_json_line(row) + "\n" for row in readable_sources(rows))
    return "".join(lines).encode("utf-8")


@spooled
def encode_csv(rows: list[dict], formula_guard: bool = True) -> bytes:
    """Rows as CSV lines (no header); ``labels`` and ``flags`` joined with ``|``; every
    cell through :func:`~edusummary.batch.cells.spreadsheet_cell`."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\r\n")
    for row in rows:
        writer.writerow({key: spreadsheet_cell(value, formula_guard) for key, value in row.items()})
    return buffer.getvalue().encode("utf-8")


#: How rows are turned into what each output format appends; Parquet parts are built
#: from the rows themselves.
ENCODERS = {".jsonl": encode_jsonl, ".csv": encode_csv, ".parquet": readable_sources}


def encoder(suffix: str, formula_guard: bool = True) -> Callable[[list[dict]], object]:
    """The (picklable) encoder for an output format, ``".jsonl"``, ``".csv"`` or
    ``".parquet"``; ``formula_guard=False`` writes CSV text cells unchanged."""
    if suffix == ".csv" and not formula_guard:
        return spooled(partial(encode_csv, formula_guard=False))
    return ENCODERS[suffix]


def _csv_header() -> bytes:
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\r\n").writeheader()
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM lets Excel see UTF-8


def _state_line(batch: dict) -> str:
    """One batch of the state as a line of ASCII JSON: a file name in GBK bytes reaches
    Python with surrogate escapes, which only escaped JSON writes and reads back exactly."""
    return json.dumps(batch) + "\n"


def sidecar(path: Path, name: str) -> Path:
    """``OUT.<name>.jsonl`` beside the output ``OUT``."""
    return path.with_name(f"{path.name}.{name}.jsonl")


class RowWriter:
    """Write the rows of tagged reports to ``path`` in batches, resumably.

    The writer holds an exclusive lock on ``OUT.lock`` for its whole life, so that two runs
    never write the same output at once. The lock dies with the process that holds it: the
    lock file a killed run leaves behind blocks nothing.

    Parameters
    ----------
    path : path
        ``*.jsonl``, ``*.csv`` or ``*.parquet``.
    resume : bool, default=False
        Keep what an earlier run of the same output recorded as done; otherwise start afresh.
    batch_rows : int, default=5000
        Commit a batch when this many rows are waiting...
    batch_seconds : float, default=2.0
        ...or when the oldest waiting row is this old.
    model : dict, optional
        What identifies the model the rows are tagged with, ``{"name": ..., "sha256": ...}``;
        recorded in the state. Resuming with another ``sha256`` is refused.
    formula_guard : bool, default=True
        Whether CSV cells that a spreadsheet would run as formulas are guarded (see
        :func:`encoder`); recorded in the state of a CSV output, and resuming with the
        other setting is refused, as it would mix guarded and live cells.

    Attributes
    ----------
    done : dict of str to str
        The SHA-256 of each file already in the output, by its resolved path
        (``os.path.realpath``), so that every spelling of a path is recognised.

    Raises
    ------
    OutputError
        Another run is writing ``path``; or, on resuming, the output no longer holds what its
        state records (cut, deleted, replaced) or was tagged with another model. Nothing on
        disk is changed then.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        resume: bool = False,
        batch_rows: int = 5000,
        batch_seconds: float = 2.0,
        model: dict | None = None,
        formula_guard: bool = True,
    ) -> None:
        self.path = Path(path)
        self.format = self.path.suffix.lower()
        if self.format not in FORMATS:
            raise ValueError(f"output must end in {', '.join(FORMATS)}; got {self.path}")
        self.state_path = sidecar(self.path, "state")
        self.errors_path = sidecar(self.path, "errors")
        self.batch_rows = batch_rows
        self.batch_seconds = batch_seconds
        self.model = model
        self.formula_guard = formula_guard if self.format == ".csv" else None
        self.encode = encoder(self.format, formula_guard)
        # SHA-256 of everything written (the bytes, or the parts in turn), recorded with
        # each batch: a change anywhere in the output, not only at its end, is noticed.
        self._digest = hashlib.sha256()
        self.done: dict[str, str] = {}
        self.paragraphs = 0
        self.failed = 0
        self._pending: list[object] = []
        self._files: list[Outcome] = []
        self._pending_paragraphs = 0  # of the waiting files, kept as they come
        self._since = time.monotonic()
        self._torn = False  # a large file's copy stopped before it was recorded
        self._lock: int | None = _lock(self.path)
        try:
            self._position = self._recover() if resume else self._start_afresh()
            # A lone surrogate left in a message (a name spelt otherwise than the path
            # display_path replaced) is written as the JSON escape ensure_ascii gave it.
            self._errors = open(
                self.errors_path, "w", encoding="utf-8", errors="backslashreplace"
            )
        except BaseException:
            self._unlock()
            raise

    # -- starting --------------------------------------------------------------------------

    def _start_afresh(self) -> int:
        self._check_ours()
        self._digest = hashlib.sha256()
        # The state first: a crash before the output is emptied leaves an empty state, and
        # a resumed run then cuts the output back to nothing.
        _replace_synced(self.state_path, "")
        if self.format == ".parquet":
            self.path.mkdir(parents=True, exist_ok=True)
            for part in self.path.glob("part-*.parquet*"):
                part.unlink()
        else:
            self.path.write_bytes(b"")
        return 0

    def _check_ours(self) -> None:
        """Refuse to start afresh over a file a run of ours did not write as it is: every
        run writes its state beside its output, so a file without one is someone else's
        (a labelled sheet, named by a slip of the keyboard), and one that no longer holds
        what its state records was edited since (labels corrected by hand)."""
        advice = "name a new file, or remove it first"
        if self.format == ".parquet" and self.path.exists() and not self.path.is_dir():
            raise OutputError(f"{self.path}: is a file; a Parquet output is a folder; {advice}")
        state = self._read_state() if self._extent() > 0 else None
        if state is None:
            foreign = (
                any(self.path.iterdir()) if self.format == ".parquet" and self.path.is_dir()
                else self._extent() > 0
            )
            if foreign and not self.state_path.exists():
                raise OutputError(
                    f"{self.path}: exists and is not an output of edusummary tag (there is no "
                    f"{self.state_path.name} beside it); {advice}"
                )
            return
        batches, ended = _written_batches(state)
        if not batches:
            return
        try:
            self._check_written(batches, ended)
        except OutputError:
            raise OutputError(
                f"{self.path}: was changed since edusummary tag wrote it (by hand?); {advice}"
            ) from None

    def _recover(self) -> int:
        """Check that the output holds what the state of an earlier run records, then cut
        it back to the last recorded batch. What does not match is refused, never padded or
        cut: it may be someone else's data."""
        batches = self._read_state()
        if batches is None:
            if self._extent() > 0:
                raise OutputError(
                    f"{self.path} has no {self.state_path.name} to say which files it "
                    "holds; start afresh without --resume, or write to another output"
                )
            return self._start_afresh()
        batches, ended = _written_batches(batches)
        position = batches[-1]["position"] if batches else 0
        if batches:
            self._check_identity(batches[-1])
        checked = self._check_written(batches, ended)
        for batch in batches:
            self.done.update((f["path"], f["sha256"]) for f in batch["files"])
        # The hash of what is kept, to go on from: the check's, unless it had none to check.
        self._digest = checked or self._written_digest(position)
        _replace_synced(self.state_path, "".join(_state_line(batch) for batch in batches))
        if self.format == ".parquet":
            self.path.mkdir(parents=True, exist_ok=True)
            for part in self.path.glob("part-*.parquet*"):
                if not part.name.endswith(".parquet") or _part_number(part) >= position:
                    part.unlink()
        elif self.path.exists():
            with open(self.path, "r+b") as handle:
                handle.truncate(position)
        else:
            self.path.write_bytes(b"")
        logger.info("resuming %s: %d files already done", self.path, len(self.done))
        return position

    def _read_state(self) -> list[dict] | None:
        """The whole batches the state records (None without a state): a line cut short by
        a crash ends them, and the rows after the last whole batch do not count."""
        try:
            lines = self.state_path.read_text(encoding="utf-8").splitlines()
        except FileNotFoundError:
            return None
        batches = []
        for line in lines:
            try:
                batch = json.loads(line)
            except ValueError:
                break
            try:
                batch["position"] = int(batch["position"])
                if not all(
                    isinstance(batch[name], str) for name in ("output", "tail")
                ) or not isinstance(batch.get("sha256", ""), str):
                    raise TypeError
                batch["files"] = [
                    {**f, "path": str(f["path"]), "sha256": f["sha256"]} for f in batch["files"]
                ]
            except (ValueError, KeyError, TypeError):
                # A whole line, but not one this version writes: refuse rather than guess.
                raise OutputError(
                    f"{self.state_path} is not a state this version of edusummary reads; "
                    "start afresh without --resume"
                ) from None
            batches.append(batch)
        return batches

    def _check_identity(self, batch: dict) -> None:
        """Refuse the state of another output, or an output tagged with another model."""
        if batch["output"] != self.path.name:
            raise OutputError(
                f"{self.state_path} is the state of {batch['output']}, not of "
                f"{self.path.name} (copied or renamed); start afresh without --resume"
            )
        before = batch.get("model")
        if self.model and before and self.model["sha256"] != before["sha256"]:
            raise OutputError(
                f"{self.path} was tagged with {before['name']} (sha256 "
                f"{before['sha256'][:12]}), not {self.model['name']} (sha256 "
                f"{self.model['sha256'][:12]}): resuming would mix two models' labels; "
                "resume with the model it was tagged with, or start afresh without --resume"
            )
        guarded = batch.get("formula_guard")
        if None not in (guarded, self.formula_guard) and guarded != self.formula_guard:
            written, resumed = ("without", "with") if guarded else ("with", "without")
            raise OutputError(
                f"{self.path} was written {written} --no-formula-guard: resuming {resumed} it "
                f"would mix guarded and live formula cells; resume {written} it, or start "
                "afresh without --resume"
            )

    def _check_written(self, batches: list[dict], ended: bool):
        """Refuse an output that no longer holds the ``batches`` its state records, or,
        after a run that ``ended``, holds more; the hash of what it holds, when the state
        records one (see :meth:`_check_holds`)."""
        position = batches[-1]["position"] if batches else 0
        checked = self._check_holds(batches[-1], len(batches)) if batches else None
        if ended:
            self._check_nothing_added(position)
        return checked

    def _check_holds(self, last: dict, batches: int):
        """Refuse an output that lacks what the state records (its ``last`` batch says how
        much), or holds other bytes: a state that records the output's hash is checked
        against all of it, and that hash returned; an older one against its end (None)."""
        position = last["position"]
        # Starting afresh over an output that is there is refused too (see _check_ours):
        # it is not as written.
        advice = "write to another output, or restore it (or remove it to start afresh)"
        state = self.state_path.name
        if self.format == ".parquet":
            lacking = [i for i in range(position) if not self._part(i).is_file()]
            if lacking:
                raise OutputError(
                    f"{self.path} lacks {len(lacking):,} of the {position:,} parts {state} "
                    f"records ({self._part(lacking[0]).name} ...): it was cut or replaced; "
                    f"{advice}"
                )
        elif not self.path.is_file():
            raise OutputError(
                f"{self.path} is missing, but {state} records {batches:,} batches written to "
                f"it ({position:,} bytes); start afresh without --resume, or restore it"
            )
        elif (size := self.path.stat().st_size) < position:
            raise OutputError(
                f"{self.path} is shorter than {state} records ({size:,} of {position:,} "
                f"bytes): it was cut or replaced; {advice}"
            )
        if "sha256" in last:
            digest = self._written_digest(position)
            if digest.hexdigest() != last["sha256"]:
                raise OutputError(
                    f"{self.path} does not hold the rows {state} records: it was replaced or "
                    f"edited; {advice}"
                )
            return digest
        if self._tail(position) != last["tail"]:
            raise OutputError(
                f"{self.path} does not end with the rows {state} records last: it was "
                f"replaced or edited; {advice}"
            )
        return None

    def _check_nothing_added(self, position: int) -> None:
        """Refuse an output that grew after the run that wrote it ended: a crashed run
        leaves rows it did not record, which resuming cuts, but one that ended has none."""
        if self.format == ".parquet":
            added = sorted(
                part.name for part in self.path.glob("part-*.parquet")
                if _part_number(part) >= position
            )
            what = f"{len(added):,} parts ({added[0]} ...)" if added else ""
        else:
            extra = self._extent() - position
            what = f"{extra:,} bytes" if extra > 0 else ""
        if what:
            raise OutputError(
                f"{self.path} holds {what} added after the run that wrote it ended; resuming "
                "would cut them: move them to another file, or start afresh without --resume"
            )

    def _extent(self) -> int:
        """Bytes in the output, or parts of a Parquet one; 0 when there is none."""
        if self.format == ".parquet":
            return len(list(self.path.glob("part-*.parquet"))) if self.path.is_dir() else 0
        return self.path.stat().st_size if self.path.is_file() else 0

    def _written_digest(self, position: int):
        """SHA-256 of the output up to ``position`` (bytes, or parts), to go on from."""
        digest = hashlib.sha256()
        if position == 0:
            return digest
        if self.format == ".parquet":
            for number in range(position):
                with open(self._part(number), "rb") as handle:
                    _hash_file(handle, digest)
        else:
            with open(self.path, "rb") as handle:
                _hash_file(handle, digest, position)
        return digest

    def _part(self, number: int) -> Path:
        return self.path / f"part-{number:05d}.parquet"

    def _tail(self, position: int) -> str:
        """A hash of the last bytes written up to ``position`` (of the last part, for
        Parquet): cheap to check, and it tells an output that was replaced."""
        if self.format != ".parquet":
            return _tail_digest(self.path, position)
        if position == 0:
            return _tail_digest(None, 0)
        last = self._part(position - 1)
        return _tail_digest(last, last.stat().st_size)

    # -- writing ---------------------------------------------------------------------------

    def add(self, outcome: Outcome) -> None:
        """Take one file's outcome: its rows (a report, or already encoded with
        :data:`ENCODERS` for this format), or its error."""
        if not outcome.ok:
            self.failed += 1
            entry = {
                "path": display_path(outcome.path),
                "error_type": outcome.error_type,
                "error": outcome.error,
            }
            # Names as characters, not \uXXXX escapes: grep 坏文件 finds them.
            self._errors.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self._errors.flush()
            return
        if outcome.spool is not None:
            self._add_spool(outcome)
            return
        rows = outcome.encoded if outcome.report is None else self.encode(outcome.report.rows())
        self._pending.append(rows)
        self._files.append(outcome)
        self._pending_paragraphs += outcome.paragraphs
        if (
            self._pending_paragraphs >= self.batch_rows
            or time.monotonic() - self._since >= self.batch_seconds
        ):
            self.commit()

    def _add_spool(self, outcome: Outcome) -> None:
        """Take a large file's rows from the spool file its tagger wrote them to, a block
        at a time; the file is recorded as done once all of them are written.

        Ctrl-C is not held back meanwhile, as the copy of a large file may take seconds.
        Stopped before the file is recorded, the rows copied are recorded by no one: the
        run's end is then not recorded either (see :meth:`close`), and a resumed run cuts
        them, as after a crash; recorded as ended, the output was refused as added to
        after its run ended.
        """
        self.commit()
        try:
            if self.format == ".parquet":
                with open(outcome.spool, encoding="utf-8") as spool:
                    while rows := [json.loads(line) for line in islice(spool, self.batch_rows)]:
                        self._write_part(rows)
            else:
                if self.format == ".csv" and self._position == 0:
                    self._append(_csv_header())
                with open(outcome.spool, "rb") as spool:
                    while block := spool.read(1 << 22):
                        self._append(block)
            self._record([outcome])
        except BaseException:
            self._torn = True
            raise
        finally:
            os.unlink(outcome.spool)

    def commit(self) -> None:
        """Write the waiting rows as one batch, sync it, then record its files as done.

        Ctrl-C (or SIGTERM) is held back meanwhile and raised after: raised between the
        writing and the forgetting of the batch, it left the batch waiting, and closing the
        writer wrote it again, each of its paragraphs twice in the output.
        """
        if not self._files:
            return
        with interrupts_held():
            if self.format == ".parquet":
                self._write_part([row for rows in self._pending for row in rows])
            else:
                header = _csv_header() if self.format == ".csv" and self._position == 0 else b""
                self._append(header + b"".join(self._pending))
            self._record(self._files)
            self._pending, self._files, self._pending_paragraphs = [], [], 0
            self._since = time.monotonic()

    def _record(self, outcomes: list[Outcome]) -> None:
        """Record files whose rows are all written and synced, as one line written in one
        call: a crash leaves the whole line or a broken one, which a resumed run ignores
        along with the rows after the last whole line."""
        files = [
            {"path": os.path.realpath(o.path), "sha256": o.sha256, "paragraphs": o.paragraphs}
            for o in outcomes
        ]
        self._append_state(files)
        self.done.update((f["path"], f["sha256"]) for f in files)
        self.paragraphs += sum(o.paragraphs for o in outcomes)

    def _append(self, data: bytes) -> None:
        _append_synced(self.path, data)
        self._digest.update(data)
        self._position += len(data)

    def _write_part(self, rows: list[dict]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(rows, schema=_parquet_schema())
        part = self._part(self._position)
        tmp = part.with_name(part.name + ".tmp")
        pq.write_table(table, tmp)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
            _hash_file(handle, self._digest)
        os.replace(tmp, part)
        self._position += 1

    def close(self) -> None:
        """Commit what is waiting, close the error list and release the output's lock."""
        if self._lock is None:
            return  # closed already
        try:
            with interrupts_held():  # the last batch and the run's end recorded together
                self.commit()
                # Everything in the output is recorded now (see _check_nothing_added),
                # unless a large file's copy was stopped (see _add_spool).
                if not self._torn:
                    self._append_state([], ended=True)
        finally:
            self._errors.close()
            self._unlock()

    def _append_state(self, files: list[dict], **marks: bool) -> None:
        entry = {
            "output": self.path.name,
            "model": self.model,
            "position": self._position,
            "tail": self._tail(self._position),
            "sha256": self._digest.hexdigest(),
            "formula_guard": self.formula_guard,
            "files": files,
            **marks,
        }
        _append_synced(self.state_path, _state_line(entry).encode())

    def _unlock(self) -> None:
        if self._lock is not None:
            _held_locks.discard(self._lock)
            os.close(self._lock)  # closing the last descriptor releases the flock
            self._lock = None

    def __enter__(self) -> RowWriter:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


#: Descriptors of the output locks this process holds.
_held_locks: set[int] = set()


def _close_locks_in_child() -> None:
    # A forked worker shares the parent's lock; were it orphaned by a killed parent, it
    # would keep the output locked. Closing its copy leaves the parent's lock in place.
    for descriptor in _held_locks:
        os.close(descriptor)
    _held_locks.clear()


os.register_at_fork(after_in_child=_close_locks_in_child)


def _lock(path: Path) -> int:
    """Take the exclusive lock of the output ``path`` (on ``OUT.lock``) without waiting,
    creating its folder if need be."""
    # Locked under its real name: a symlink to an output being written is that output.
    real = Path(os.path.realpath(path))
    lock_path = real.with_name(real.name + ".lock")
    try:
        real.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise OutputError(f"{path}: cannot write there ({exc.strerror or exc})") from exc
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        raise OutputError(
            f"{path} is being written by another run (it holds {lock_path.name}); wait for "
            "it to finish, or write to another output"
        ) from None
    _held_locks.add(descriptor)
    return descriptor


def _written_batches(state: list[dict]) -> tuple[list[dict], bool]:
    """The batches a state records as written, and whether the run that wrote them ended
    (its last line says so)."""
    ended = bool(state) and state[-1].get("ended") is True
    return [batch for batch in state if not batch.get("ended")], ended


def _part_number(part: Path) -> int:
    """The number of a Parquet part ("part-00012.parquet": 12)."""
    return int(part.stem.split("-")[1])


def _hash_file(handle, digest, size: int | None = None) -> None:
    """Feed ``digest`` the file ``handle`` from its start, or its first ``size`` bytes."""
    handle.seek(0)
    left = size
    while block := handle.read(1 << 20 if left is None else min(1 << 20, left)):
        digest.update(block)
        if left is not None:
            left -= len(block)


def _tail_digest(path: Path | None, end: int) -> str:
    """SHA-256 of the (up to) 4 KiB of ``path`` before ``end``."""
    data = b""
    if path is not None and end > 0:
        with open(path, "rb") as handle:
            handle.seek(max(0, end - 4096))
            data = handle.read(end - handle.tell())
    return hashlib.sha256(data).hexdigest()


def _replace_synced(path: Path, text: str) -> None:
    """Replace ``path`` by ``text`` at once: a crash leaves the old file or the new one."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as handle:
        handle.write(text)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _append_synced(path: Path, data: bytes) -> None:
    """Append ``data`` to ``path`` in one write call and sync it to disk: a crash leaves
    all of it or none of it."""
    descriptor = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT)
    try:
        written = os.write(descriptor, data)
        if written != len(data):
            raise OSError(f"{path}: short write ({written} of {len(data)} bytes)")
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _parquet_schema():
    import pyarrow as pa

    return pa.schema(
        [
            ("source", pa.string()),
            ("index", pa.int64()),
            ("label", pa.string()),
            ("labels", pa.list_(pa.string())),
            ("confidence", pa.float64()),
            ("flags", pa.list_(pa.string())),
            ("heading", pa.string()),
            ("start", pa.int64()),
            ("end", pa.int64()),
            ("text", pa.string()),
        ]
    )
