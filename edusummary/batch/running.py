"""Tagging many report files: in this process, in worker processes, or on a Dask cluster.

:func:`tag_paths` is the engine: it yields one :class:`Outcome` per file, a report or the
reason the file could not be tagged, as the files finish. :func:`tag_many` is the friendly
face on top (``edusummary.tag_many``), and the ``edusummary tag`` command writes outcomes to
disk with :mod:`edusummary.batch.output`.
"""

from __future__ import annotations

import json
import logging
import multiprocessing
import os
import shutil
import signal
import tempfile
import threading
import time
import warnings
import weakref
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import CancelledError, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

from .._chinese import display_path
from .._stopping import ignore_interrupts, interrupts_held
from ..errors import EdusummaryError, EdusummaryWarning, user_stacklevel
from ..reading import STREAM_BYTES, each_once, repeats_note
from ..reports.report import Report, paragraph_row
from ..reports.tagging import Scored, Segmented, Tagger, resolve_tagger
from .files import as_inputs, file_digest, find_reports

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What became of one file.

    Attributes
    ----------
    path : str
    report : Report or None
        The tagged report; None when the file failed or when ``encode`` was given.
    encoded : object
        What ``encode(rows)`` returned, when :func:`tag_paths` was given ``encode``
        (``encode(report)`` for one marked :func:`given_reports`).
    spool : str or None
        For a file too large to keep in memory, tagged on this machine with an ``encode``
        marked :func:`spooled` (the output formats' own): a temporary file holding its
        encoded rows (JSON lines for Parquet output) instead of ``encoded``; the taker
        deletes it. It lives in the run's temporary folder, which is removed when
        :func:`tag_paths` ends: take it before asking for the next outcome.
    paragraphs : int
        Number of paragraphs tagged.
    exception : Exception or None
        Why the file failed; its message names the file.
    sha256 : str or None
        Hash of the file's bytes, which keys resumed runs.
    warnings : tuple of str
        What the user should know of a file that was tagged (empty, bytes replaced, mixed
        encodings, a suffix that lies): the report's warnings.
    """

    path: str
    report: Report | None = None
    encoded: object = None
    spool: str | None = None
    paragraphs: int = 0
    exception: Exception | None = None
    sha256: str | None = None
    warnings: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.exception is None

    @property
    def error(self) -> str | None:
        """Why the file failed, its name as the characters it stands for (a name in GBK
        bytes reaches Python with surrogate escapes; see :func:`display_path`)."""
        if self.exception is None:
            return None
        return str(self.exception).replace(self.path, display_path(self.path))

    @property
    def error_type(self) -> str | None:
        return None if self.exception is None else type(self.exception).__name__


def tag_one(
    tagger: Tagger,
    path: str,
    encode: Callable[[list[dict]], object] | None = None,
    spool_dir: str | None = None,
) -> Outcome:
    """Tag one file; whatever goes wrong becomes the :class:`Outcome`'s exception, so that
    one bad file never stops a run of thousands. A large file tagged with an ``encode``
    marked :func:`spooled` is spooled to a temporary file in ``spool_dir``, when given."""
    (outcome,) = tag_files(tagger, [path], encode, spool_dir)
    return outcome


#: The serial path and each worker score the paragraphs of several files in one model
#: call, which costs as much as scoring some 50 paragraphs. A call takes files until it
#: holds this many paragraphs or characters of text, which bounds the memory it holds.
_CALL_PARAGRAPHS = 1000
_CALL_CHARACTERS = 1 << 20


class _Read(NamedTuple):  # a file read and segmented, waiting for its paragraphs' scores
    path: str
    sha256: str | None
    segmented: Segmented


def tag_files(
    tagger: Tagger,
    paths: Iterable[str],
    encode: Callable[[list[dict]], object] | None = None,
    spool_dir: str | None = None,
) -> Iterator[Outcome]:
    """:func:`tag_one` on each file, yielded in the order given, the paragraphs of several
    files scored in one model call."""
    waiting: list[_Read | Outcome] = []
    paragraphs = characters = 0
    for path in paths:
        read = _guarded(path, None, _read, tagger, path, encode, spool_dir)
        waiting.append(read)
        if not isinstance(read, _Read):
            continue
        paragraphs += len(read.segmented.paragraphs)
        characters += len(read.segmented.text)
        if paragraphs >= _CALL_PARAGRAPHS or characters >= _CALL_CHARACTERS:
            yield from _scored(tagger, waiting, encode)
            waiting, paragraphs, characters = [], 0, 0
    yield from _scored(tagger, waiting, encode)


def _scored(
    tagger: Tagger, waiting: list[_Read | Outcome], encode: Callable | None
) -> list[Outcome]:
    """The outcomes of ``waiting``, its read files scored in one model call."""
    reads = [item for item in waiting if isinstance(item, _Read)]
    try:
        scores = tagger._scores([read.segmented for read in reads])
    except Exception:
        # Each file is scored alone instead, so that one the model cannot score fails alone.
        logger.debug("scoring %d files in one call failed; scoring each alone", len(reads))
        scores = [None] * len(reads)
    scored = iter(scores)
    return [
        item
        if isinstance(item, Outcome)
        else _guarded(item.path, item.sha256, _finish, tagger, item, next(scored), encode)
        for item in waiting
    ]


def _read(
    tagger: Tagger, path: str, encode: Callable | None, spool_dir: str | None
) -> _Read | Outcome:
    """A file read and segmented; or, for a large file tagged with an ``encode`` marked
    :func:`spooled`, its outcome, its rows written to a spool file piece by piece."""
    if spool_dir is not None and getattr(encode, "spools", False) and _size(path) > STREAM_BYTES:
        return _tag_to_spool(tagger, path, encode, file_digest(path), spool_dir)
    # Read first: the reader says what is wrong with a path that is not a readable file.
    segmented = tagger._segmented_file(path)
    return _Read(path, file_digest(path), segmented)


def _finish(
    tagger: Tagger, read: _Read, scored: Scored | None, encode: Callable | None
) -> Outcome:
    if scored is None:
        (scored,) = tagger._scores([read.segmented])
    report = tagger._report(read.segmented, scored)
    done = {"paragraphs": len(report), "sha256": read.sha256, "warnings": tuple(report.warnings)}
    if encode is None:
        return Outcome(read.path, report=report, **done)
    given = report if getattr(encode, "takes_reports", False) else report.rows()
    return Outcome(read.path, encoded=encode(given), **done)


def _guarded(path: str, digest: str | None, work: Callable, *args):
    """``work(*args)``, or the failed outcome of ``path`` if it raises."""
    try:
        return work(*args)
    except Exception as exc:
        return _failed(path, digest, exc)


def _failed(path: str, digest: str | None, exc: Exception) -> Outcome:
    """The failed outcome of a file; an error that is not the user's is logged in full."""
    if not isinstance(exc, EdusummaryError):
        logger.error("%s: unexpected error while tagging", path, exc_info=exc)
        exc = EdusummaryError(f"{path}: unexpected {type(exc).__name__}: {exc}")
    return Outcome(path, exception=exc, sha256=digest)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # the reader says what is wrong with the path


def _tag_to_spool(
    tagger: Tagger, path: str, encode: Callable, digest: str | None, spool_dir: str | None
) -> Outcome:
    """Tag a large file piece by piece, writing its encoded rows to a temporary file."""
    rows: list[dict] = []
    count = 0
    handle = tempfile.NamedTemporaryFile(
        "wb", prefix=SPOOL_PREFIX, suffix=".rows", dir=spool_dir, delete=False
    )
    try:
        with handle:
            for paragraph in tagger.iter_paragraphs(path):
                rows.append(paragraph_row(paragraph, path))
                if len(rows) >= 2000:
                    handle.write(_spool_bytes(encode, rows))
                    count += len(rows)
                    rows = []
            handle.write(_spool_bytes(encode, rows))
            count += len(rows)
    except BaseException:
        os.unlink(handle.name)
        raise
    return Outcome(path, spool=handle.name, paragraphs=count, sha256=digest)


def spooled(encode: Callable[[list[dict]], object]) -> Callable[[list[dict]], object]:
    """Mark ``encode`` as one that may be applied to a large file's rows piece by piece:
    it returns bytes, or a list of row dicts, and its results for the pieces, joined, are
    its result for all the rows. A large file is then spooled to a temporary file instead
    of held in memory (see :attr:`Outcome.spool`); any other ``encode`` is given all of a
    file's rows at once."""
    encode.spools = True
    return encode


def given_reports(encode: Callable[[Report], object]) -> Callable[[Report], object]:
    """Mark ``encode`` as one given each tagged :class:`Report` itself, not its rows: what
    is made of a report is then made where it was tagged (in the worker process), and only
    that travels back."""
    encode.takes_reports = True
    return encode


def _spool_bytes(encode: Callable, rows: list[dict]) -> bytes:
    encoded = encode(rows)
    if isinstance(encoded, bytes):
        return encoded
    # Row objects (Parquet output) are spooled as JSON lines.
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in encoded).encode()


#: Spool files, and the per-run folders that hold them, are named ``edusummary-spool-...``;
#: a folder's name carries the id of the process that made it.
SPOOL_PREFIX = "edusummary-spool-"

#: A spool folder left by a run that was killed is removed by a later run once it is this
#: old (in seconds) and the process that made it is gone.
STALE_SPOOL_SECONDS = 24 * 3600


@contextmanager
def _spool_folder() -> Iterator[str]:
    """A temporary folder for the spool files of one run, removed however the run ends
    (but a killed run cannot clean up: the next run removes what it left)."""
    _remove_stale_spool_folders()
    folder = tempfile.mkdtemp(prefix=f"{SPOOL_PREFIX}{os.getpid()}-")
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _remove_stale_spool_folders() -> None:
    """Remove the spool folders of killed runs: ours, a day old, their process gone."""
    now = time.time()
    for entry in os.scandir(tempfile.gettempdir()):
        if not entry.name.startswith(SPOOL_PREFIX):
            continue
        pid = entry.name[len(SPOOL_PREFIX):].partition("-")[0]
        try:
            info = entry.stat(follow_symlinks=False)
            if (
                not entry.is_dir(follow_symlinks=False)
                or info.st_uid != os.getuid()
                or now - info.st_mtime < STALE_SPOOL_SECONDS
                or not pid.isdigit()
                or _process_exists(int(pid))
            ):
                continue
        except OSError:
            continue
        logger.info("removing %s, left by a run that was killed", entry.path)
        shutil.rmtree(entry.path, ignore_errors=True)


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # someone else's process
    return True


# Worker processes keep their tagger here: set once when the worker starts, not per file.
_worker_tagger: Tagger | None = None


#: How often a worker checks that the process that started it is still alive, in seconds.
_PARENT_CHECK_SECONDS = 0.5


def _start_worker(tagger: Tagger) -> None:
    global _worker_tagger
    ignore_interrupts()
    _worker_tagger = tagger
    tagger.model.prepare()  # a spawned worker has nothing loaded yet
    _end_with(os.getppid())


def _end_with(parent: int) -> None:
    """End this worker process once ``parent`` is gone.

    A run killed outright (SIGKILL, the out-of-memory killer) cannot stop its workers, and
    they would wait for ever, blocked writing results into a pipe nobody reads.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(_PARENT_CHECK_SECONDS)
        os._exit(1)

    threading.Thread(target=watch, name="edusummary-parent-watch", daemon=True).start()


def _tag_in_worker(
    paths: list[str], encode: Callable | None, spool_dir: str | None
) -> list[Outcome]:
    return list(tag_files(_worker_tagger, paths, encode, spool_dir))


def _resolve_jobs(n_jobs: int) -> int:
    if not isinstance(n_jobs, int) or isinstance(n_jobs, bool) or n_jobs == 0 or n_jobs < -1:
        raise ValueError(f"n_jobs must be a positive int or -1 for all cores, got {n_jobs!r}")
    jobs = (os.cpu_count() or 1) if n_jobs == -1 else n_jobs
    if jobs > 1 and multiprocessing.current_process().daemon:
        # multiprocessing's own refusal is a bare AssertionError, deep in the pool.
        raise ValueError(
            f"n_jobs={n_jobs}: this process is a daemon (a Dask worker's, or another pool's "
            "worker), which cannot start worker processes; use n_jobs=1 here, or pass "
            "client= to spread the reports over Dask's workers"
        )
    return jobs


class TaggingPool:
    """Worker processes that stay up between calls, each holding the tagger.

    :func:`tag_many` with ``n_jobs`` starts its workers and stops them again on every call;
    a loop of many small calls spends its time starting processes. A pool keeps them:

    >>> with edusummary.TaggingPool(n_jobs=2) as pool:  # doctest: +SKIP
    ...     for batch in batches:
    ...         reports = list(pool.tag_many(batch))

    A worker that dies is replaced; :meth:`close` (or leaving the ``with`` block) stops
    them.

    Parameters
    ----------
    tagger : Tagger, optional
        Defaults to :data:`edusummary.default_tagger`. The workers receive it as it is when
        they start; once it holds another model (``tagger.reset()`` after retraining into
        its file) or other thresholds, the next call starts fresh workers with it.
    n_jobs : int, default=-1
        Worker processes; -1 for one per core.
    """

    def __init__(self, tagger: Tagger | None = None, n_jobs: int = -1) -> None:
        self.tagger = resolve_tagger(tagger)
        self.n_jobs = _resolve_jobs(n_jobs)
        self._context = multiprocessing.get_context()
        self._executor: ProcessPoolExecutor | None = None
        # The tagger as the workers hold it (see _tagger_state).
        self._workers_hold: tuple | None = None
        self._closed = False

    def __repr__(self) -> str:
        state = "closed" if self._closed else "open"
        return f"<edusummary.TaggingPool n_jobs={self.n_jobs} {state}>"

    def tag_many(self, paths: Iterable[str | os.PathLike[str]], **options) -> Iterator[Report]:
        """:func:`tag_many` in this pool's workers; ``options`` as there (but not
        ``n_jobs``, ``client`` or ``tagger``)."""
        return tag_many(paths, pool=self, **options)

    def _executor_now(self) -> ProcessPoolExecutor:
        if self._closed:
            raise ValueError("this TaggingPool is closed")
        # The model is loaded and its lookup tables built first, so that forked workers
        # inherit them instead of each building its own.
        self.tagger.model.prepare()
        state = _tagger_state(self.tagger)
        if self._executor is not None and state != self._workers_hold:
            # The tagger reloaded its file or changed its thresholds since the workers
            # started: they would go on labelling as before, while each report names the
            # tagger's model now.
            logger.info("the tagger changed since the pool's workers started; restarting them")
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None
        if self._executor is None:
            # Under fork the initializer's arguments are inherited, not pickled.
            self._executor = ProcessPoolExecutor(
                self.n_jobs, mp_context=self._context,
                initializer=_start_worker, initargs=(self.tagger,),
            )
            self._workers_hold = state
        return self._executor

    def _drop_workers(self) -> None:
        """Stop the workers now, whatever they are tagging; the next file starts fresh ones.

        For a pool that broke (a worker died) or workers that did not stop when asked.
        They are killed rather than shut down: shutting down waits for the files they are
        tagging, and after a worker died in Python 3.11 it can wait for ever.
        """
        if self._executor is None:
            return
        processes = list((self._executor._processes or {}).values())
        results = self._executor._result_queue
        self._executor.shutdown(wait=False, cancel_futures=True)
        self._executor = None
        for process in processes:
            process.kill()
        for process in processes:
            process.join()
        # A worker killed while sending its results left the pool's thread reading the rest
        # of them for ever, and the program's exit waits for that thread. The workers' ends
        # of the pipe are closed now; closing ours too makes the read fail, and the thread
        # ends, failing the files in flight. (The thread reads the pipe, never writes it.)
        if results is not None:
            results._writer.close()

    def close(self) -> None:
        """Stop the worker processes (after the files they are tagging); idempotent."""
        self._closed = True
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)
            self._executor = None

    def __enter__(self) -> TaggingPool:
        return self

    def __exit__(self, exc_type, *exc_info) -> None:
        if exc_type is not None:
            # Interrupted, or left early: the workers ignore Ctrl-C, and workers left
            # running kept the program from exiting (its exit waits for its processes).
            self._drop_workers()
        self.close()


def tag_paths(
    paths: Iterable[str | os.PathLike[str]],
    tagger: Tagger | None = None,
    n_jobs: int = 1,
    client=None,
    encode: Callable[[list[dict]], object] | None = None,
    pool: TaggingPool | None = None,
) -> Iterator[Outcome]:
    """Tag files and yield an :class:`Outcome` for each, in the order given.

    A worker process that dies (killed, or out of memory) does not stop the run: the
    files it may have been tagging are tagged again, each in a process of its own, and a
    file that kills that one too becomes a failed outcome; the outcomes of those files
    come last.

    Parameters
    ----------
    paths : iterable of path
        Files to tag (see :func:`find_reports` to expand folders).
    tagger : Tagger, optional
        Defaults to :data:`edusummary.default_tagger`.
    n_jobs : int, default=1
        Worker processes on this machine; -1 for one per core.
    client : distributed.Client, optional
        Run on this Dask cluster instead; ``n_jobs`` is then ignored. See
        :func:`tag_many` for the setting its workers tag fastest under.
    encode : callable, optional
        Applied to all of each report's rows where it was tagged (a picklable function);
        the outcome then carries its result instead of the report, which keeps what travels
        back from worker processes small. One marked :func:`spooled` may instead spool a
        large file's rows to a temporary file (not on Dask).
    pool : TaggingPool, optional
        Tag in these worker processes, which stay up afterwards; ``tagger`` and ``n_jobs``
        are then the pool's.
    """
    if pool is not None:
        if tagger is not None and tagger is not pool.tagger:
            raise ValueError("tagger and pool disagree: the pool's workers hold its tagger")
        tagger = pool.tagger
    tagger = resolve_tagger(tagger)
    # Load the model and build its lookup tables once, before any file: a model that
    # cannot be loaded stops the run instead of failing every file.
    tagger.model.prepare()
    paths = (str(p) for p in paths)
    with _spool_folder() as spool_dir:
        if client is not None:
            yield from _tag_on_dask(paths, tagger, client, encode)
        elif pool is not None:
            yield from _tag_in_processes(paths, pool, encode, spool_dir)
        elif (jobs := _resolve_jobs(n_jobs)) == 1:
            yield from tag_files(tagger, paths, encode, spool_dir)
        else:
            with TaggingPool(tagger, jobs) as own:
                yield from _tag_in_processes(paths, own, encode, spool_dir)


def _tag_in_processes(
    paths: Iterator[str], pool: TaggingPool, encode: Callable | None, spool_dir: str
) -> Iterator[Outcome]:
    """Tag in the workers of ``pool``.

    When a worker dies the pool breaks, and which of the files in flight killed it is
    unknown: they are set aside, the rest go on in fresh workers, and at the end each one
    set aside is tagged again alone, where a death names its file.
    """
    set_aside: list[str] = []
    while (yield from _tag_in_pool(paths, pool, encode, spool_dir, set_aside)):
        logger.warning("a worker process died; going on in a fresh pool")
        pool._drop_workers()
    for path in set_aside:
        yield _tag_alone(path, pool, encode, spool_dir)


def _tag_in_pool(
    paths: Iterator[str],
    pool: TaggingPool,
    encode: Callable | None,
    spool_dir: str,
    set_aside: list[str],
) -> Generator[Outcome, None, bool]:
    """Tag ``paths`` in the pool's workers until they run out (return False) or a worker
    dies (return True, the files in flight added to ``set_aside``), yielding the outcomes
    in the order of ``paths``."""
    # Two batches in flight per worker keep the workers busy, and few files to set aside;
    # a batch done before the one ahead of it waits for it, so that the output of -j N has
    # the rows of -j 1, in the same order.
    window = 2 * pool.n_jobs
    in_flight: deque[tuple[Future, list[str]]] = deque()
    batches = _batches(paths)
    broken = False
    executor = pool._executor_now()
    try:
        while True:
            while not broken and len(in_flight) < window:
                batch = next(batches, None)
                if batch is None:
                    break
                try:
                    # The pool starts its workers at a submit. A signal held meanwhile is
                    # raised as the hold ends, once the batch is among those in flight.
                    with interrupts_held():
                        future = executor.submit(_tag_in_worker, batch, encode, spool_dir)
                        in_flight.append((future, batch))
                except BrokenProcessPool:
                    set_aside.extend(batch)
                    broken = True
            if not in_flight:
                return broken
            future, batch = in_flight[0]
            try:
                outcomes = _result(future, executor)
            except BrokenProcessPool:
                set_aside.extend(batch)
                if not broken:
                    # The futures of a pool that did not see its worker die (see _result)
                    # only end once its workers are gone.
                    pool._drop_workers()
                broken = True
                outcomes = []
            in_flight.popleft()
            yield from outcomes
    finally:
        # Files not started yet are dropped; those being tagged are given a moment to
        # finish, so that the workers stay up for the next call. Workers still busy after
        # it are killed (a Ctrl-C must not wait for a large file), and so are those of a
        # pool that broke meanwhile, which may never finish the futures: Python 3.11's
        # pool dies on a cancelled future when a worker dies, leaving the rest unfinished.
        # A cancelled future is only done once the pool has seen it: it is not waited for.
        running = [future for future, _ in in_flight if not future.cancel()]
        if wait(running, timeout=_STOP_SECONDS).not_done or executor._broken:
            pool._drop_workers()


#: How long the files being tagged are waited for when a run stops before its end, in
#: seconds; their workers are killed after that.
_STOP_SECONDS = 2.0
#: How often a wait on the workers looks whether Ctrl-C was pressed, in seconds.
_POLL_SECONDS = 0.1
#: How long a pool whose worker died is given to see it, in seconds, before it is taken
#: for broken (see :func:`_result`).
_DEATH_SECONDS = 1.0


def _result(future: Future, executor: ProcessPoolExecutor) -> list[Outcome]:
    """The outcomes of a batch, waited for with Ctrl-C deferred to a point where raising
    it is safe; BrokenProcessPool once a worker of ``executor`` died.

    Raised where Python gets it, a KeyboardInterrupt can land inside the locks of
    :mod:`concurrent.futures` and break them: the run then ended with "cannot release
    un-acquired lock" and a traceback, not as interrupted.

    The pool itself sees a worker die, unless the worker died while sending its results:
    its thread then waits for the rest of them, and the other workers for the pipe the dead
    one held, for ever. A worker found dead is given :data:`_DEATH_SECONDS` for the pool to
    see it.
    """
    died_at = None
    with _interrupts_deferred() as interrupted:
        while not wait([future], timeout=_POLL_SECONDS).done:
            if interrupted():
                break
            if died_at is None and _a_worker_died(executor):
                died_at = time.monotonic()
            if died_at is not None and time.monotonic() - died_at > _DEATH_SECONDS:
                raise BrokenProcessPool("a worker process died; the pool did not see it")
        if interrupted():
            raise KeyboardInterrupt
        return future.result()


def _a_worker_died(executor: ProcessPoolExecutor) -> bool:
    # A pool's workers end only when it shuts down, and it has none then.
    processes = executor._processes
    return processes is None or any(p.exitcode is not None for p in list(processes.values()))


@contextmanager
def _interrupts_deferred() -> Iterator[Callable[[], bool]]:
    """Record Ctrl-C instead of raising it, in the main thread of a program that left
    Python's own handler in place (an application's handler is left alone); yields a
    function that tells whether it came."""
    own = threading.current_thread() is threading.main_thread() and (
        signal.getsignal(signal.SIGINT) is signal.default_int_handler
    )
    if not own:
        yield lambda: False
        return
    received: list[int] = []
    signal.signal(signal.SIGINT, lambda number, frame: received.append(number))
    try:
        yield lambda: bool(received)
    finally:
        signal.signal(signal.SIGINT, signal.default_int_handler)


def _tag_alone(path: str, pool: TaggingPool, encode: Callable | None, spool_dir: str) -> Outcome:
    """Tag one file in a fresh process of its own; a failed outcome if that process dies."""
    context = pool._context
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(
        target=_tag_and_send, args=(path, pool.tagger, encode, spool_dir, sender), daemon=True
    )
    with interrupts_held():
        process.start()
    sender.close()
    try:
        with receiver:
            try:
                outcome = receiver.recv()
            except EOFError:
                outcome = None
    except BaseException:
        process.kill()  # interrupted: the process ignores Ctrl-C (see _tag_and_send)
        raise
    finally:
        process.join()
    if outcome is not None:
        return outcome
    code = process.exitcode
    how = f"signal {-code}" if code < 0 else f"exit status {code}"
    return Outcome(
        path, exception=EdusummaryError(f"{path}: worker process died while tagging it ({how})")
    )


def _tag_and_send(path: str, tagger: Tagger, encode: Callable | None, spool_dir: str, sender):
    ignore_interrupts()
    with sender:
        sender.send(tag_one(tagger, path, encode, spool_dir))


#: Files sent to a worker process as one task: it scores their paragraphs in one model
#: call. A batch also ends at _BATCH_BYTES, so that large files still spread over the
#: workers and the last batches, which leave a worker idle, are short.
_BATCH_FILES = 8
_BATCH_BYTES = 256 * 1024

#: A Dask task is larger: each costs the client and the scheduler some 8 ms of CPU (on a
#: local cluster, taken from the cores the workers tag on), as much as tagging two files
#: of 50 paragraphs; 16 files of 50 paragraphs take about 70 ms to tag.
_DASK_BATCH_FILES = 16
_DASK_BATCH_BYTES = 512 * 1024


def _batches(
    paths: Iterator[str], files: int = _BATCH_FILES, size_limit: int = _BATCH_BYTES
) -> Iterator[list[str]]:
    batch: list[str] = []
    size = 0
    for path in paths:
        batch.append(path)
        size += _size(path)
        if len(batch) >= files or size >= size_limit:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _tag_batch(tagger: Tagger, paths: list[str], encode: Callable | None) -> list[Outcome]:
    tagger.model.prepare()  # once per worker: the scattered tagger is shared there
    # Nothing is spooled: a worker's temporary folder may be on another machine.
    return list(tag_files(tagger, paths, encode))


#: The tagger scattered to each Dask client's workers, kept while both live: scattering
#: sends the model (about 10 MB) and each worker builds its lookup tables (0.1-0.2 s), a
#: cost paid once per client rather than on every call.
_SCATTERED: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _tagger_state(tagger: Tagger) -> tuple:
    """What workers given ``tagger`` label with: its loaded model (the object, which
    ``reset()`` replaces) and its thresholds. Workers given it hold a copy, which a change
    since does not reach."""
    return tuple((name, value) for name, value in vars(tagger).items() if name != "_lock")


def _scattered(client, tagger: Tagger):
    by_client = _SCATTERED.setdefault(tagger, {})
    # A tagger changed since (another model, other thresholds) is scattered again.
    key = (id(client), client.id, _tagger_state(tagger))
    # The workers drop it for good when the client restarts them, or when every one
    # holding it died: a future that is no longer "finished" is sent again.
    if key not in by_client or by_client[key].status != "finished":
        by_client.clear()  # a tagger is kept for the latest client only
        by_client[key] = client.scatter(tagger, broadcast=True)
    return by_client[key]


def _tag_on_dask(
    paths: Iterator[str], tagger: Tagger, client, encode: Callable | None
) -> Iterator[Outcome]:
    def submit(batch: list[str]):
        # The tagger is looked up at each submit: a worker that died may have taken it.
        shared = _scattered(client, tagger)
        return client.submit(_tag_batch, shared, batch, encode, pure=False)

    # Keep a bounded number of batches in flight so that millions of paths do not all
    # become futures at once; their outcomes are yielded in the order of ``paths``. Two
    # per thread, not per worker: a worker of N threads tags N batches at once.
    workers = client.scheduler_info()["workers"].values()
    window = 2 * max(sum(worker["nthreads"] for worker in workers), 1)
    pending: deque = deque()
    for batch in _batches(paths, _DASK_BATCH_FILES, _DASK_BATCH_BYTES):
        pending.append((submit(batch), batch))
        if len(pending) >= window:
            yield from _dask_outcomes(*pending.popleft(), submit)
    while pending:
        yield from _dask_outcomes(*pending.popleft(), submit)


def _dask_outcomes(future, batch: list[str], submit: Callable) -> list[Outcome]:
    """The outcomes of a batch sent to Dask.

    When a worker died under it (out of memory, killed), which of its files did it is
    unknown: they are sent again one task at a time, and a file whose own task dies too
    fails alone, as :func:`_tag_alone` does for worker processes.
    """
    from distributed import KilledWorker

    try:
        return future.result()
    except (KilledWorker, CancelledError) as exc:
        logger.warning(
            "a Dask worker died while tagging %d files (%s); tagging each of them again alone",
            len(batch), exc,
        )
    outcomes = []
    # One at a time: a task waiting on a worker that dies is failed with the one that
    # killed it (once past the scheduler's allowed-failures), and a file must not fail
    # for its neighbour.
    for path in batch:
        try:
            (outcome,) = submit([path]).result()
        except (KilledWorker, CancelledError):
            error = EdusummaryError(
                f"{path}: Dask worker died while tagging it (out of memory, or killed: "
                "see the workers' logs)"
            )
            outcome = Outcome(path, exception=error)
        outcomes.append(outcome)
    return outcomes


def tag_many(
    paths: Iterable[str | os.PathLike[str]],
    n_jobs: int = -1,
    client=None,
    tagger: Tagger | None = None,
    errors: str = "warn",
    *,
    failures: list[dict] | None = None,
    progress: bool = True,
    pool: TaggingPool | None = None,
    recursive: bool = False,
) -> Iterator[Report]:
    """Tag many report files, yielding each :class:`Report` as it is done.

    Parameters
    ----------
    paths : iterable of path
        Report files; folders are searched for report files (their sub-folders too with
        ``recursive``).
    n_jobs : int, default=-1
        Worker processes; -1 for one per core, 1 to stay in this process.
    client : distributed.Client, optional
        Tag on a Dask cluster (``pip install edusummary[dask]``). Dask starts its workers
        with ``MALLOC_TRIM_THRESHOLD_=65536``, which fixes glibc's mmap threshold at 128 KB:
        each large temporary array is then mapped afresh, and tagging takes about 1.6
        times the CPU. Workers started with ``MALLOC_MMAP_THRESHOLD_=33554432`` as well
        tag at full speed (see the README).
    tagger : Tagger, optional
        Defaults to :data:`edusummary.default_tagger`.
    errors : {"warn", "raise"}, default="warn"
        What to do with a file that cannot be tagged: warn (``EdusummaryWarning``) and go
        on, or raise.
    failures : list, optional
        Each file that could not be tagged (with ``errors="warn"``) is appended to it as
        ``{"path": ..., "error": ...}``, the error being the message that names the file.
    progress : bool, default=True
        Show a progress bar of files done (``tqdm.auto``: a widget in Jupyter, a line on a
        terminal; nothing when output goes to a file or a pipe). False turns it off.
    pool : TaggingPool, optional
        Tag in the workers of this pool, which stay up for the next call (``n_jobs`` is
        then the pool's); see :class:`TaggingPool`.
    recursive : bool, default=False
        Search folders' sub-folders too (``edusummary tag -r``).

    Yields
    ------
    Report
        In the order given (folders in the order :func:`find_reports` lists them), however
        many processes tag them; ``report.source`` says which file it is. Each file once,
        by its resolved path: a file given again (by another spelling, or as itself and in
        its folder) is warned of at the end.
    """
    if errors not in ("warn", "raise"):
        raise ValueError(f"errors must be 'warn' or 'raise', got {errors!r}")
    for outcome in tag_outcomes(
        paths, n_jobs=n_jobs, client=client, tagger=tagger, errors=errors, failures=failures,
        progress=progress, pool=pool, recursive=recursive,
    ):
        yield outcome.report


def tag_outcomes(
    paths: Iterable[str | os.PathLike[str]],
    *,
    n_jobs: int,
    client,
    tagger: Tagger | None,
    errors: str,
    failures: list[dict] | None,
    progress: bool,
    pool: TaggingPool | None,
    recursive: bool,
    encode: Callable | None = None,
    total: int | None = None,
    desc: str = "tagging",
) -> Iterator[Outcome]:
    """The outcomes of the files :func:`tag_many` tags that were tagged, with its warnings,
    failures and progress bar (of ``total`` files, when known, labelled ``desc``); each
    carries its report, or what ``encode`` made of it (see :func:`tag_paths`)."""
    repeated: list[str] = []
    # A file given twice (or as itself and in its folder) would weigh twice in every
    # summary of the reports, as summarize(paths) and `edusummary tag` know.
    outcomes = tag_paths(
        each_once(find_reports(as_inputs(paths), recursive), repeated), tagger, n_jobs=n_jobs,
        client=client, encode=encode, pool=pool,
    )
    tagger = resolve_tagger(tagger) if pool is None else pool.tagger
    # The model the workers are given as the run starts, even if the tagger reloads its
    # file meanwhile (a pool restarts its workers only at its next call).
    model = tagger.model
    # Imported here: tqdm takes 50 ms to import, a sixth of `import edusummary`, which
    # predict and tag never need.
    from tqdm.auto import tqdm

    # disable=None: shown on a terminal and in notebooks, hidden in logs and pipes.
    bar = tqdm(
        outcomes, total=total, unit="file", desc=desc, disable=None if progress else True
    )
    for outcome in bar:
        for message in outcome.warnings:
            warnings.warn(message, EdusummaryWarning, stacklevel=user_stacklevel())
        if outcome.ok:
            if outcome.report is not None and outcome.report.model is None:
                # A report from a worker process left its model behind (see Report).
                outcome.report.model = model
            yield outcome
        elif errors == "raise":
            raise outcome.exception
        else:
            if failures is not None:
                failures.append({"path": outcome.path, "error": outcome.error})
            warnings.warn(
                f"skipped {outcome.error}", EdusummaryWarning, stacklevel=user_stacklevel()
            )
    if repeated:
        warnings.warn(
            repeats_note(repeated, "tagged"), EdusummaryWarning, stacklevel=user_stacklevel()
        )
