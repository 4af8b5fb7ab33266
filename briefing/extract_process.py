"""Extraction in a long-lived child process, for callers that must stay responsive (the editor).

Why a process and not a thread: spaCy's parser holds Python's global interpreter lock for long
stretches, so an extraction thread stalls the editor's event loop for 100–450 ms at a time
(bench/gui_stall.py).  A child process has its own interpreter: the caller's thread only waits on
a pipe, which releases the lock.  The child stays up between articles, so spaCy and the trained
weights load once; cancelling kills it (a parse cannot be interrupted) and the next call starts a
new one.  Its address space is capped like the render child's, so a pathological article ends in a
message, not in the machine swapping.

The CLI does not use this: a command line has no event loop to keep alive.
"""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection

from .errors import BriefingError, ExtractCancelled, ExtractError
from .model import Briefing, Source

#: the child's address-space cap: a 5 MB article peaks near 1.3 GiB (bench/memory.py)
MEMORY_MB = 3072
#: the progress value that means "still working, nothing new": a chance to cancel, not a share
NO_NEWS = -1.0
#: how often the waiting caller checks for progress and cancellation
_POLL_SECONDS = 0.05


def _serve(conn: Connection, memory_mb: int) -> None:
    """The child's loop: one source in (JSON), progress messages and one briefing out (JSON)."""
    from .render_worker import limit_memory

    limit_memory(memory_mb)
    from .extract import extract

    while True:
        try:
            request = conn.recv()
        except EOFError:  # the parent went away
            return
        try:
            source = Source.model_validate_json(request)
            briefing = extract(source, progress=lambda share: conn.send(("progress", share)))
            conn.send(("done", briefing.model_dump_json()))
        except MemoryError:
            conn.send(("error", "the article needed more memory than an extraction may use; stopped"))
        except BriefingError as exc:
            conn.send(("error", str(exc)))
        except Exception as exc:  # a bug: say what it was, keep serving the next article
            conn.send(("error", f"extraction failed ({type(exc).__name__}: {exc})"))


class ExtractorProcess:
    """One child process that extracts one source at a time; thread-safe, started on first use."""

    def __init__(self, memory_mb: int = MEMORY_MB) -> None:
        self._memory_mb = memory_mb
        self._lock = threading.Lock()  # one extraction at a time through the pipe
        self._process: multiprocessing.process.BaseProcess | None = None
        self._conn: Connection | None = None

    def _start(self) -> Connection:
        if self._process is not None and self._process.is_alive() and self._conn is not None:
            return self._conn
        # spawn, not fork: the editor's Qt state and threads must not be copied into the child
        context = multiprocessing.get_context("spawn")
        parent, child = context.Pipe()
        process = context.Process(target=_serve, args=(child, self._memory_mb), daemon=True)
        process.start()
        child.close()
        self._process, self._conn = process, parent
        return parent

    def _kill(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process.join(timeout=5)
        if self._conn is not None:
            self._conn.close()
        self._process = self._conn = None

    def extract(self, source: Source, progress: Callable[[float], None] | None = None) -> Briefing:
        """``briefing.extract.extract(source)`` in the child.

        ``progress`` hears how far it got (0–1), and ``NO_NEWS`` (-1) every 50 ms in between so
        the caller can cancel during a long parse: it may raise ``ExtractCancelled``, and the child
        is then killed, so a cancelled parse stops at once instead of running on.
        """
        with self._lock:
            conn = self._start()
            conn.send(source.model_dump_json())
            while True:
                try:
                    if not conn.poll(_POLL_SECONDS):
                        if progress is not None:
                            progress(NO_NEWS)  # lets the caller cancel while the child works
                        continue
                    kind, payload = conn.recv()
                    if kind == "progress":
                        if progress is not None:
                            progress(payload)
                        continue
                except ExtractCancelled:
                    self._kill()
                    raise
                except (EOFError, OSError):
                    self._kill()
                    raise ExtractError(
                        "the extraction process stopped unexpectedly (out of memory?)"
                    ) from None
                if kind == "done":
                    return Briefing.model_validate_json(payload)
                raise ExtractError(payload)

    def close(self) -> None:
        with self._lock:
            self._kill()


_shared: ExtractorProcess | None = None
_shared_lock = threading.Lock()


def shared_extractor() -> ExtractorProcess:
    """The process the editor's jobs share (spaCy loads once per editor session)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = ExtractorProcess()
        return _shared
