"""Template thumbnails: first pages rendered by a render worker process and rasterised off the
GUI thread.

WeasyPrint holds the GIL, so the render happens in ``briefing.render_worker`` (the preview's worker),
under the memory cap and a per-template deadline; QtPdf rasterises the PDF on the thread pool.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import (
    QByteArray,
    QObject,
    QProcess,
    QProcessEnvironment,
    QRunnable,
    QSize,
    QThreadPool,
    QTimer,
    Signal,
)
from PySide6.QtGui import QImage
from PySide6.QtPdf import QPdfDocument

from briefing.model import Briefing
from briefing.render_process import MEMORY_MB
from briefing.render_worker import FrameReader, encode_request

THUMB = QSize(150, 212)  # A4 proportions
THUMBNAIL_SECONDS = 60.0


def child_env() -> QProcessEnvironment:
    """Our environment (XDG_DATA_HOME included) plus the app's root on PYTHONPATH."""
    env = QProcessEnvironment.systemEnvironment()
    root = str(Path(__file__).resolve().parent.parent)
    env.insert("PYTHONPATH", os.pathsep.join(p for p in (root, env.value("PYTHONPATH")) if p))
    return env


class _RasterSignals(QObject):
    done = Signal(object, QImage)


class _Rasterise(QRunnable):
    """First page of a PDF → QImage, on the thread pool (QtPdf loads files synchronously)."""

    def __init__(self, key: object, pdf: bytes, signals: _RasterSignals) -> None:
        super().__init__()
        self.key, self.pdf, self.signals = key, pdf, signals

    def run(self) -> None:
        handle, name = tempfile.mkstemp(suffix=".pdf")
        image = QImage()
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(self.pdf)
            doc = QPdfDocument()
            if doc.load(name) == QPdfDocument.Error.None_ and doc.pageCount() > 0:
                image = doc.render(0, THUMB)
            doc.close()
        finally:
            Path(name).unlink(missing_ok=True)
        self.signals.done.emit(self.key, image)


class ThumbnailRenderer(QObject):
    """Renders first pages through a render worker process; answers ``ready(key, QImage)``."""

    ready = Signal(object, QImage)
    failed = Signal(object, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = FrameReader()
        self._frames: list[bytes] = []
        self._pending: dict[int, object] = {}
        self._next = 0
        self._signals = _RasterSignals(self)
        self._signals.done.connect(self.ready)
        self.proc: QProcess | None = None
        # a user template that loops forever must not hold every other thumbnail back
        self._watchdog = QTimer(self, singleShot=True, interval=int(THUMBNAIL_SECONDS * 1000))
        self._watchdog.timeout.connect(self._overdue)

    def request(self, key: object, briefing: Briefing, template: str) -> None:
        if self.proc is None:
            self.proc = QProcess(self)
            self.proc.setProcessEnvironment(child_env())
            self.proc.readyReadStandardOutput.connect(self._on_output)
            self.proc.start(sys.executable, ["-m", "briefing.render_worker", "--memory-mb", str(MEMORY_MB)])
        if not self._pending:
            self._watchdog.start()
        self._next += 1
        self._pending[self._next] = key
        self.proc.write(QByteArray(encode_request(self._next, briefing.model_dump(mode="json"), template)))

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def _on_output(self) -> None:
        self._frames += self._reader.feed(bytes(self.proc.readAllStandardOutput().data()))
        while len(self._frames) >= 2:
            header, pdf = json.loads(self._frames[0]), self._frames[1]
            del self._frames[:2]
            key = self._pending.pop(header.get("id"), None)
            if self._pending:
                self._watchdog.start()  # the next one gets its own full budget
            else:
                self._watchdog.stop()
            if key is None:
                continue
            if header.get("ok"):
                QThreadPool.globalInstance().start(_Rasterise(key, pdf, self._signals))
            else:
                self.failed.emit(key, str(header.get("error") or "render failed"))

    def _overdue(self) -> None:
        """The oldest request took too long: drop the worker and say so for everything it held."""
        if self.proc is not None:
            self.proc.kill()
            self.proc.deleteLater()
            self.proc = None
        self._reader, self._frames = FrameReader(), []
        pending, self._pending = self._pending, {}
        message = f"the template took longer than {THUMBNAIL_SECONDS:.0f} s to render; stopped"
        for key in pending.values():
            self.failed.emit(key, message)

    def stop(self) -> None:
        self._watchdog.stop()
        if self.proc is None:
            return
        self.proc.closeWriteChannel()
        if not self.proc.waitForFinished(3000):
            self.proc.kill()
            self.proc.waitForFinished(1000)
        self.proc = None
