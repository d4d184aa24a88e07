"""Holding back the signals that stop a command while worker processes start, and making
the workers deaf to Ctrl-C: shared by the tagging pool and the fits of training."""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

#: The signals that stop a run: Ctrl-C, and those the command stops on as on Ctrl-C
#: (SIGTERM, and SIGHUP where there is one; see :mod:`edusummary.cli`).
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM} | (
    {signal.SIGHUP} if hasattr(signal, "SIGHUP") else set()
)


def ignore_interrupts() -> None:
    """Make a worker process deaf to Ctrl-C.

    Ctrl-C reaches every process of the terminal's group. The parent stops the run and
    its workers; a worker killed by it mid-task broke the pool, which could leave the
    parent waiting for ever (see :func:`edusummary.batch.running._tag_in_pool`). A Ctrl-C
    held back while the worker was started (see :func:`interrupts_held`) is dropped
    here; a SIGTERM or SIGHUP held back ends it now.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    # The command's handlers of SIGTERM and SIGHUP, inherited, would raise
    # KeyboardInterrupt: a worker the pool terminates, or whose terminal closed, is to end
    # at once, quietly. A SIGHUP ignored (nohup) stays ignored.
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "SIGHUP") and signal.getsignal(signal.SIGHUP) is not signal.SIG_IGN:
        signal.signal(signal.SIGHUP, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # not on Windows
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


@contextmanager
def interrupts_held() -> Iterator[None]:
    """Hold back the signals that stop a run while worker processes are started; they
    are raised after.

    A worker started then would get one before it could ignore it or end quietly, and
    raise KeyboardInterrupt (a traceback), or lose it and live on: the signals are masked
    in this thread, which the worker inherits. In the parent it could be raised, and
    lost, in a handler Python runs around a fork: the run went on to its end as if never
    stopped. The mask does not keep it out of those, as another thread (tqdm's monitor)
    may take the signal for the main thread: its Python handlers are swapped for ones
    that record it, and each recorded is handed to its own handler after, with its frame,
    in the order they came (an application's handler may count them, or read the frame).
    """
    received: list[tuple[int, FrameType | None]] = []
    replaced = {}
    if threading.current_thread() is threading.main_thread():  # only it can set them
        for number in STOP_SIGNALS:
            handler = signal.getsignal(number)
            if callable(handler):
                replaced[number] = handler
                signal.signal(number, lambda number, frame: received.append((number, frame)))
    masked = hasattr(signal, "pthread_sigmask")  # not on Windows
    before = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS) if masked else None
    try:
        yield
    finally:
        # SIGINT's handler last: the command's SIGTERM and SIGHUP hand theirs to it, and it
        # raises at once a signal that comes after it is back, ending the putting back.
        for number in sorted(replaced, key=lambda number: number == signal.SIGINT):
            signal.signal(number, replaced[number])
        if masked:
            signal.pthread_sigmask(signal.SIG_SETMASK, before)
        # Handed over though what they held failed: the failure is often the stop's own
        # doing (the workers it ended broke their pool), and reported in its place it was
        # a traceback.
        for number, frame in received:
            replaced[number](number, frame)
