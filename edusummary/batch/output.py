"""Writing tagged paragraphs to JSON lines, CSV or Parquet, so that a run can be resumed.

:class:`RowWriter` takes the :class:`~edusummary.batch.running.Outcome` of each file. Rows
are written in batches; each batch is appended whole (one ``write`` call) and synced to
disk, and then the files it holds are recorded, as one line, in ``OUT.state.jsonl``. After a
crash or Ctrl-C, a resumed run cuts the output back to the last recorded batch and skips the
files recorded there (same path, same content hash), so every paragraph ends up in the
output exactly once. Files that fail are listed in ``OUT.errors.jsonl``.

CSV cells are made safe to open in a spreadsheet and file names readable by
:mod:`edusummary.batch.cells`.

Parquet output is a dataset folder (``OUT.parquet/part-00000.parquet`` ...), which pandas,
pyarrow and Dask read as one table; each batch is one part, written then renamed.
"""

from __future__ import annotations

import csv
import io
import json
import logging
import os
import time
from collections.abc import Callable
from functools import partial
from itertools import islice
from pathlib import Path

from .cells import display_path, spreadsheet_cell
from .running import Outcome

logger = logging.getLogger(__name__)

FIELDS = [
    "source", "index", "label", "labels", "confidence", "flags", "heading", "start", "end", "text"
]
FORMATS = (".jsonl", ".csv", ".parquet")


def readable_sources(rows: list[dict]) -> list[dict]:
    """Rows whose ``source`` is a file name any output can hold (:func:`display_path`);
    the rows themselves when every name already is."""
    readable = []
    for row in rows:
        source = row["source"]
        shown = display_path(source) if source else source
        readable.append(row if shown is source else {**row, "source": shown})
    return readable


def encode_jsonl(rows: list[dict]) -> bytes:
    """Rows as JSON lines."""
    lines = (json.dumps(row, ensure_ascii=False) + "\n" for row in readable_sources(rows))
    return "".join(lines).encode("utf-8")


def encode_csv(rows: list[dict], formula_guard: bool = True) -> bytes:
    """Rows as CSV lines (no header); ``labels`` and ``flags`` joined with ``|``; every
    cell through :func:`~edusummary.batch.cells.spreadsheet_cell`."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\r\n")
    for row in rows:
        row = {**row, "labels": "|".join(row["labels"]), "flags": "|".join(row["flags"])}
        writer.writerow({key: spreadsheet_cell(value, formula_guard) for key, value in row.items()})
    return buffer.getvalue().encode("utf-8")


#: How rows are turned into what each output format appends; Parquet parts are built
#: from the rows themselves.
ENCODERS = {".jsonl": encode_jsonl, ".csv": encode_csv, ".parquet": readable_sources}


def encoder(suffix: str, formula_guard: bool = True) -> Callable[[list[dict]], object]:
    """The (picklable) encoder for an output format, ``".jsonl"``, ``".csv"`` or
    ``".parquet"``; ``formula_guard=False`` writes CSV text cells unchanged."""
    if suffix == ".csv" and not formula_guard:
        return partial(encode_csv, formula_guard=False)
    return ENCODERS[suffix]


def _csv_header() -> bytes:
    buffer = io.StringIO()
    csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\r\n").writeheader()
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # the BOM lets Excel see UTF-8


def sidecar(path: Path, name: str) -> Path:
    """``OUT.<name>.jsonl`` beside the output ``OUT``."""
    return path.with_name(f"{path.name}.{name}.jsonl")


class RowWriter:
    """Write the rows of tagged reports to ``path`` in batches, resumably.

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

    Attributes
    ----------
    done : set of (str, str)
        (path, sha256) of the files already in the output.
    """

    def __init__(
        self,
        path: str | os.PathLike[str],
        resume: bool = False,
        batch_rows: int = 5000,
        batch_seconds: float = 2.0,
    ) -> None:
        self.path = Path(path)
        self.format = self.path.suffix.lower()
        if self.format not in FORMATS:
            raise ValueError(f"output must end in {', '.join(FORMATS)}; got {self.path}")
        self.state_path = sidecar(self.path, "state")
        self.errors_path = sidecar(self.path, "errors")
        self.batch_rows = batch_rows
        self.batch_seconds = batch_seconds
        self.encode = ENCODERS[self.format]
        self.done: set[tuple[str, str]] = set()
        self.paragraphs = 0
        self.failed = 0
        self._pending: list[object] = []
        self._files: list[Outcome] = []
        self._since = time.monotonic()
        position = self._recover() if resume else self._start_afresh()
        self._position = position
        self._errors = open(self.errors_path, "w", encoding="utf-8")

    # -- starting --------------------------------------------------------------------------

    def _start_afresh(self) -> int:
        if self.format == ".parquet":
            self.path.mkdir(parents=True, exist_ok=True)
            for part in self.path.glob("part-*.parquet"):
                part.unlink()
        else:
            self.path.write_bytes(b"")
        self.state_path.write_text("", encoding="utf-8")
        return 0

    def _recover(self) -> int:
        """Read the state of an earlier run and cut the output back to its last batch."""
        position = 0
        kept = []
        if self.state_path.exists():
            for line in self.state_path.read_text(encoding="utf-8").splitlines():
                try:
                    batch = json.loads(line)
                    files = [(f["path"], f["sha256"]) for f in batch["files"]]
                    batch_position = int(batch["position"])
                except (ValueError, KeyError, TypeError):
                    break  # a batch cut short by the crash: it and its rows do not count
                self.done.update(files)
                position = batch_position
                kept.append(line)
        self.state_path.write_text("".join(line + "\n" for line in kept), encoding="utf-8")
        if self.format == ".parquet":
            self.path.mkdir(parents=True, exist_ok=True)
            for part in self.path.glob("part-*.parquet*"):
                if not part.name.endswith(".parquet") or int(part.stem.split("-")[1]) >= position:
                    part.unlink()
        elif self.path.exists():
            with open(self.path, "r+b") as handle:
                handle.truncate(position)
        else:
            position = 0
            self.path.write_bytes(b"")
        logger.info("resuming %s: %d files already done", self.path, len(self.done))
        return position

    # -- writing ---------------------------------------------------------------------------

    def add(self, outcome: Outcome) -> None:
        """Take one file's outcome: its rows (a report, or already encoded with
        :data:`ENCODERS` for this format), or its error."""
        if not outcome.ok:
            self.failed += 1
            entry = {"path": outcome.path, "error_type": outcome.error_type, "error": outcome.error}
            self._errors.write(json.dumps(entry) + "\n")
            self._errors.flush()
            return
        if outcome.spool is not None:
            self._add_spool(outcome)
            return
        rows = outcome.encoded if outcome.report is None else self.encode(outcome.report.rows())
        self._pending.append(rows)
        self._files.append(outcome)
        if (
            sum(o.paragraphs for o in self._files) >= self.batch_rows
            or time.monotonic() - self._since >= self.batch_seconds
        ):
            self.commit()

    def _add_spool(self, outcome: Outcome) -> None:
        """Take a large file's rows from the spool file its tagger wrote them to, a block
        at a time; the file is recorded as done once all of them are written."""
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
        finally:
            os.unlink(outcome.spool)
        self._record([outcome])

    def commit(self) -> None:
        """Write the waiting rows as one batch, sync it, then record its files as done."""
        if not self._files:
            return
        if self.format == ".parquet":
            self._write_part([row for rows in self._pending for row in rows])
        else:
            header = _csv_header() if self.format == ".csv" and self._position == 0 else b""
            self._append(header + b"".join(self._pending))
        self._record(self._files)
        self._pending, self._files = [], []
        self._since = time.monotonic()

    def _record(self, outcomes: list[Outcome]) -> None:
        """Record files whose rows are all written and synced, as one line written in one
        call: a crash leaves the whole line or a broken one, which a resumed run ignores
        along with the rows after the last whole line."""
        batch = {
            "position": self._position,
            "files": [
                {"path": o.path, "sha256": o.sha256, "paragraphs": o.paragraphs}
                for o in outcomes
            ],
        }
        _append_synced(self.state_path, (json.dumps(batch) + "\n").encode())
        self.done.update((o.path, o.sha256) for o in outcomes)
        self.paragraphs += sum(o.paragraphs for o in outcomes)

    def _append(self, data: bytes) -> None:
        _append_synced(self.path, data)
        self._position += len(data)

    def _write_part(self, rows: list[dict]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.Table.from_pylist(rows, schema=_parquet_schema())
        part = self.path / f"part-{self._position:05d}.parquet"
        tmp = part.with_name(part.name + ".tmp")
        pq.write_table(table, tmp)
        with open(tmp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(tmp, part)
        self._position += 1

    def close(self) -> None:
        """Commit what is waiting and close the error list."""
        self.commit()
        self._errors.close()

    def __enter__(self) -> RowWriter:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()


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
            ("index", pa.int32()),
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
