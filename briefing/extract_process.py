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

from pydantic import TypeAdapter

from .errors import BriefingError, ExtractCancelled, ExtractError
from .model import Briefing, Source, TimelineEvent

_EVENTS = TypeAdapter(list[TimelineEvent])

#: the child's address-space cap: a 5 MB article peaks near 1.3 GiB (bench/memory.py)
MEMORY_MB = 3072
#: the progress value that means "still working, nothing new": a chance to cancel, not a share
NO_NEWS = -1.0
#: how often the waiting caller checks for progress and cancellation
_POLL_SECONDS = 0.05


#: request kinds: a whole extraction, or one source's timeline read again (``briefing.redate``)
EXTRACT, TIMELINE = "extract", "timeline"


def _answer(kind: str, source: Source, progress: Callable[[float], None]) -> str:
    """The JSON answer to one request: a briefing, or a list of timeline events."""
    if kind == TIMELINE:
        from .redate import source_timeline

        events = source_timeline(source, progress=progress)
        return _EVENTS.dump_json(events).decode("utf-8")
    from .extract import extract

    return extract(source, progress=progress).model_dump_json()


def _serve(conn: Connection, memory_mb: int) -> None:
    """The child's loop: one (kind, source JSON) in, progress messages and one answer (JSON) out."""
    from .render_worker import limit_memory

    limit_memory(memory_mb)
    from . import extract  # noqa: F401  spaCy and the weights load before the first request

    while True:
        try:
            kind, request = conn.recv()
        except EOFError:  # the parent went away
            return
        try:
            source = Source.model_validate_json(request)
            conn.send(("done", _answer(kind, source, lambda share: conn.send(("progress", share)))))
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
        return Briefing.model_validate_json(self._request(EXTRACT, source, progress))

    def source_timeline(
        self, source: Source, progress: Callable[[float], None] | None = None
    ) -> list[TimelineEvent]:
        """``briefing.redate.source_timeline(source)`` in the child, so the editor never loads
        spaCy to re-date a source; progress and cancelling as for :meth:`extract`."""
        return _EVENTS.validate_json(self._request(TIMELINE, source, progress))

    def _request(self, kind: str, source: Source, progress: Callable[[float], None] | None) -> str:
        with self._lock:
            conn = self._start()
            conn.send((kind, source.model_dump_json()))
            while True:
                try:
                    if not conn.poll(_POLL_SECONDS):
                        if progress is not None:
                            progress(NO_NEWS)  # lets the caller cancel while the child works
                        continue
                    answer, payload = conn.recv()
                    if answer == "progress":
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
                if answer == "done":
                    return payload
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
