"""Work that must not freeze the window: extraction and export (each in a child process).

The core modules are imported inside the job functions, so spaCy and WeasyPrint load on
first use in the background and never at startup.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QProcess, QProcessEnvironment, QRunnable, QThreadPool, QTimer, Signal

from briefing.errors import BriefingError
from briefing.model import Briefing, Source, TimelineEvent

#: Article kinds the file dialog and drops accept, until ``briefing.ingest`` says otherwise.
FALLBACK_ARTICLE_SUFFIXES: tuple[str, ...] = (".txt", ".md", ".html", ".htm")


def article_suffixes() -> tuple[str, ...]:
    try:
        from briefing.importers import IMPORT_SUFFIXES
    except ImportError:
        return FALLBACK_ARTICLE_SUFFIXES
    return tuple(s.lower() for s in IMPORT_SUFFIXES)


def _stopper(progress: Callable[[float], None] | None) -> Callable[[], None] | None:
    """A reader's ``should_stop``: it raises once the job was cancelled (``NO_NEWS`` only asks,
    it moves no progress bar)."""
    from briefing.extract_process import NO_NEWS

    return (lambda: progress(NO_NEWS)) if progress is not None else None


def extract_file(path: str, progress: Callable[[float], None] | None = None) -> Briefing:
    from briefing.extract_process import shared_extractor
    from briefing.importers import load_source

    source = load_source(Path(path), should_stop=_stopper(progress))  # a bad file fails before spaCy
    return shared_extractor().extract(source, progress=progress)


def extract_url(url: str, progress: Callable[[float], None] | None = None) -> Briefing:
    """Fetch the page (Cancel is honoured between chunks: ``progress`` raises once cancelled)."""
    from briefing.extract_process import shared_extractor
    from briefing.fetch import source_from_url

    source = source_from_url(url, should_stop=_stopper(progress))

    return shared_extractor().extract(source, progress=progress)


def extract_text(text: str, progress: Callable[[float], None] | None = None) -> Briefing:
    from briefing.ingest import source_from_text

    source = source_from_text(text)
    from briefing.extract_process import shared_extractor

    return shared_extractor().extract(source, progress=progress)


def redate_in_child(source: Source, progress: Callable[[float], None] | None = None) -> list[TimelineEvent]:
    """``source``'s timeline read again against its date, in the extraction child: the editor's
    process never loads spaCy (``briefing.redate.source_timeline`` would, in this process)."""
    from briefing.extract_process import shared_extractor

    return shared_extractor().source_timeline(source, progress=progress)


class JobSignals(QObject):
    finished = Signal(object)
    failed = Signal(str)
    progress = Signal(float)  # 0–1, from jobs that can tell
    cancelled = Signal()


class Job(QRunnable):
    """Run ``fn(*args)`` on the global thread pool; report through ``signals`` (GUI thread).

    With ``reports=True``, ``fn`` also gets ``progress=``: a callback that forwards how far it got
    and raises ``ExtractCancelled`` once :meth:`cancel` was called, so long work stops between
    steps.
    """

    def __init__(self, fn: Callable[..., Any], *args: Any, reports: bool = False) -> None:
        super().__init__()
        self.fn, self.args, self.reports = fn, args, reports
        self.signals = JobSignals()
        self._cancel = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def _progress(self, share: float) -> None:
        from briefing.errors import ExtractCancelled

        if self._cancel.is_set():
            raise ExtractCancelled("cancelled")
        if share >= 0:  # a negative share (extract_process.NO_NEWS) only asks whether to stop
            self.signals.progress.emit(share)

    def run(self) -> None:
        from briefing.errors import ExtractCancelled

        try:
            result = self.fn(*self.args, progress=self._progress) if self.reports else self.fn(*self.args)
        except ExtractCancelled:
            self.signals.cancelled.emit()
        except BriefingError as exc:
            # Core errors carry messages written for people.
            self.signals.failed.emit(str(exc))
        except Exception as exc:
            traceback.print_exc()
            self.signals.failed.emit(f"Unexpected error ({type(exc).__name__}): {exc}")
        else:
            self.signals.finished.emit(result)


def start_job(job: Job) -> None:
    QThreadPool.globalInstance().start(job)


# The export runs in a child Python: WeasyPrint holds the GIL for seconds, which would
# stall the event loop if it ran in a thread of this process.
# It runs under the same memory cap as the CLI's renders and is killed past EXPORT_SECONDS.
# The child starts when the export dialog opens: WeasyPrint's import and a first small layout
# (about three seconds before a long brief's own render could begin) happen while the dialog is
# up.  When the preview cannot serve the dialog's first choices (another format or paper, a
# preview still rendering), the child is given them at once, renders them in memory ("ahead")
# and, if the analyst keeps them, only writes the file after OK.
# Its stdin carries JSON lines [snapshot, out, template, page_size, format]; an empty ``out`` is
# the ahead job.  It says "ahead" when that is rendered and "used ahead" when it wrote it.
_EXPORT_SCRIPT = """
import json, sys
from pathlib import Path
from briefing.errors import BriefingError
from briefing.render_worker import limit_memory, warm_up
limit_memory(int(sys.argv[1]))
warm_up()

def rendered(briefing, template, page_size, fmt):
    template, page_size = template or None, page_size or None
    if fmt == "docx":
        from briefing.docx_export import render_docx
        return render_docx(briefing, template, page_size=page_size)
    from briefing.render import render_pdf, self_contained_html
    if fmt == "html":
        return self_contained_html(briefing, template, page_size=page_size).encode("utf-8")
    return render_pdf(briefing, template, page_size=page_size)

try:
    from briefing.render import write_output
    from briefing.storage import load
    ahead = None
    for line in sys.stdin:
        if not line.strip():
            break
        snapshot, out, *choices = json.loads(line)
        briefing = load(snapshot)
        if not out:
            ahead = (briefing, choices, rendered(briefing, *choices))
            print("ahead", flush=True)
            continue
        if ahead is not None and ahead[:2] == (briefing, choices):
            data = ahead[2]
            print("used ahead", flush=True)
        else:
            data = rendered(briefing, *choices)
        write_output(Path(out), data)
        break
except BriefingError as exc:
    print(exc, file=sys.stderr)
    sys.exit(2)
except MemoryError:
    print("the export needed more memory than a briefing may use; stopped", file=sys.stderr)
    sys.exit(2)
"""


def start_export_child(parent: QObject | None = None) -> QProcess:
    """An export child, warming up and waiting for its job (see ``ExportProcess``)."""
    from briefing.render_process import MEMORY_MB

    process = QProcess(parent)
    env = QProcessEnvironment.systemEnvironment()
    root = str(Path(__file__).resolve().parent.parent)
    env.insert("PYTHONPATH", os.pathsep.join(p for p in (root, env.value("PYTHONPATH")) if p))
    process.setProcessEnvironment(env)
    process.readyReadStandardOutput.connect(lambda: _note_output(process))
    process.start(sys.executable, ["-c", _EXPORT_SCRIPT, str(MEMORY_MB)])
    return process


def _note_output(process: QProcess) -> None:
    said = bytes(process.readAllStandardOutput().data()).decode("utf-8", "replace")
    process.setProperty("said", str(process.property("said") or "") + said)


def child_said(process: QProcess, line: str) -> bool:
    """Whether the export child has printed ``line`` ("ahead", "used ahead")."""
    _note_output(process)
    return line in str(process.property("said") or "").splitlines()


def render_ahead(process: QProcess, briefing: Briefing, template: str, page_size: str, fmt: str) -> None:
    """Give a warming child the dialog's first choices to render in memory (see _EXPORT_SCRIPT)."""
    name = str(_write_snapshot(briefing, "briefing-ahead-"))
    process.setProperty("ahead_snapshot", name)
    process.setProperty("ahead_choices", [template, page_size, fmt])
    process.write((json.dumps([name, "", template, page_size, fmt]) + "\n").encode("utf-8"))


def _write_snapshot(briefing: Briefing, prefix: str) -> Path:
    """The briefing as a private temporary file an export child reads once.  Not ``storage.save``:
    its two fsyncs protect a user's file from a power cut, and this copy is worth nothing after
    the export (the document still holds the briefing), so they were only a wait on the GUI
    thread."""
    from briefing.errors import BriefingFileError
    from briefing.storage import dumps

    handle, name = tempfile.mkstemp(prefix=prefix, suffix=".briefing")  # 0600
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as fh:
            fh.write(dumps(briefing))
    except OSError as exc:
        Path(name).unlink(missing_ok=True)
        raise BriefingFileError(f"{name}: could not save ({exc.strerror or exc})") from exc
    return Path(name)


def _forget_ahead(process: QProcess) -> None:
    name = process.property("ahead_snapshot")
    if name:
        Path(str(name)).unlink(missing_ok=True)


def discard_export_child(process: QProcess | None) -> None:
    """A warmed-up child the export did not need: stopped, and deleted once it has ended."""
    if process is None:
        return
    _forget_ahead(process)
    process.finished.connect(process.deleteLater)
    if process.state() == QProcess.ProcessState.NotRunning:
        process.deleteLater()
    else:
        process.kill()


class ExportProcess(QObject):
    finished = Signal(str)
    failed = Signal(str)

    def __init__(
        self,
        briefing: Briefing,
        out_path: Path,
        parent: QObject | None = None,
        *,
        template: str = "",
        page_size: str = "",
        fmt: str = "pdf",
        child: QProcess | None = None,
    ) -> None:
        """``child`` is one from :func:`start_export_child` (a new one is started if it is
        missing or has died)."""
        super().__init__(parent)
        from briefing.render_process import EXPORT_SECONDS

        self.args = [template, page_size, fmt]
        self.seconds = EXPORT_SECONDS
        self._overdue = False
        self.out_path = Path(out_path)
        self._snapshot = _write_snapshot(briefing, "briefing-export-")
        ahead = child.property("ahead_choices") if child is not None else None
        if ahead is not None and list(ahead) != self.args and not child_said(child, "ahead"):
            # the analyst changed the choices while the child was still rendering the first ones:
            # a fresh child (warm-up only) beats waiting for a render nobody will use
            discard_export_child(child)
            child = None
        if child is None or child.state() == QProcess.ProcessState.NotRunning:
            discard_export_child(child)
            child = start_export_child(self)
        child.setParent(self)
        self.process = child
        self.process.finished.connect(self._finished)
        self.process.errorOccurred.connect(self._error)
        self._watchdog = QTimer(self, singleShot=True)
        self._watchdog.timeout.connect(self._kill_overdue)

    def start(self) -> None:
        self._watchdog.start(int(self.seconds * 1000))
        job = json.dumps([str(self._snapshot), str(self.out_path), *self.args]) + "\n"
        self.process.write(job.encode("utf-8"))
        self.process.closeWriteChannel()

    def cancel(self) -> None:
        """Stop the export; the target file is untouched (the exporter writes it atomically)."""
        if self.process.state() != QProcess.ProcessState.NotRunning:
            self.process.kill()

    def _kill_overdue(self) -> None:
        self._overdue = True
        self.cancel()

    def _cleanup(self) -> None:
        self._snapshot.unlink(missing_ok=True)
        _forget_ahead(self.process)

    @property
    def used_ahead(self) -> bool:
        """Whether the file is what the child rendered while the dialog was open."""
        return child_said(self.process, "used ahead")

    def _finished(self, code: int, _status: QProcess.ExitStatus) -> None:
        self._cleanup()
        self._watchdog.stop()
        if self._overdue:
            self.failed.emit(
                f"The export took longer than {self.seconds:.0f} s and was stopped "
                "(the template may loop forever)"
            )
            return
        if code == 0 and self.out_path.exists():
            self.finished.emit(str(self.out_path))
            return
        err = bytes(self.process.readAllStandardError().data()).decode("utf-8", "replace").strip()
        lines = [line for line in err.splitlines() if line.strip()]
        self.failed.emit(lines[-1] if lines else f"Export failed (exit code {code})")

    def _error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:
            self._cleanup()
            self.failed.emit(f"Could not start the exporter ({self.process.errorString()})")
