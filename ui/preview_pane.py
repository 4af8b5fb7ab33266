"""Live PDF preview: the real PDF the export would write, re-rendered after each edit.

Rendering runs in a long-lived worker process (``briefing.render_worker``) driven through
QProcess's asynchronous signals, so the GUI thread never waits and never holds the GIL for
WeasyPrint.  Edits are debounced (300 ms after typing stops) and only the newest request
counts: while one render runs, newer edits replace the queued one, and a result that is
already stale when it arrives is dropped, never shown.  A crashed worker is restarted and the
newest request sent again.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QObject, QPointF, QProcess, Qt, QTimer, Signal
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from briefing.render_process import MEMORY_MB
from briefing.render_worker import FrameReader, encode_request

DEBOUNCE_MS = 300  # after typing stops
EDIT_DEBOUNCE_MS = 50  # a discrete edit (pick a likelihood, move a row): just coalesce bursts
#: seconds one preview render may take before its worker is killed (a template that loops forever)
PREVIEW_SECONDS = 60.0
MAX_RESTARTS = 3  # deaths in a row (no answer in between) before the pane shows an error


def _template_of(payload: bytes | None) -> tuple[object, object]:
    """Which template a request renders with (its own choice, or the briefing's)."""
    if not payload:
        return None, None
    request = json.loads(payload[4:])
    return request.get("template"), (request.get("briefing") or {}).get("template")


class RenderProcess(QObject):
    """The worker process, latest-wins: one request in flight, at most one queued."""

    rendered = Signal(int, bytes, list)  # request id, PDF bytes, warnings
    failed = Signal(int, str)
    busy = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._reader = FrameReader()
        self._frames: list[bytes] = []
        self._latest = 0  # id of the newest request made
        self._in_flight: int | None = None
        self._queued: bytes | None = None
        self._last_payload: bytes | None = None
        self._stopping = False
        self._crashes = 0  # deaths in a row without a single answer: a broken install, not bad luck
        self._stderr = b""
        self._overdue = False  # the worker was killed for taking too long (a looping template)
        self.command = [sys.executable, "-m", "briefing.render_worker", "--memory-mb", str(MEMORY_MB)]
        self.proc: QProcess | None = None  # started on the first request: no cost for a hidden preview
        # a template that loops forever would hold the worker for good: kill it past the deadline
        self._watchdog = QTimer(self, singleShot=True, interval=int(PREVIEW_SECONDS * 1000))
        self._watchdog.timeout.connect(self._kill_overdue)

    def _start(self) -> QProcess:
        proc = QProcess(self)
        proc.setProcessChannelMode(QProcess.ProcessChannelMode.SeparateChannels)
        proc.readyReadStandardOutput.connect(self._on_output)
        proc.readyReadStandardError.connect(self._on_stderr)
        proc.finished.connect(self._on_finished)
        proc.errorOccurred.connect(self._on_error)
        self._stderr = b""
        proc.start(self.command[0], self.command[1:])
        return proc

    @property
    def latest_id(self) -> int:
        return self._latest

    def request(self, briefing_json: dict, template: str | None = None, page_size: str | None = None) -> int:
        self._latest += 1
        payload = encode_request(self._latest, briefing_json, template, page_size)
        if self._in_flight is None:
            self._send(payload)
        else:
            self._queued = payload  # replaces an older queued edit: it is already stale
        return self._latest

    def _send(self, payload: bytes) -> None:
        if self.proc is None:
            self._crashes = 0  # a new edit after giving up: try again from scratch
            self.proc = self._start()
        self._in_flight = json.loads(payload[4:])["id"]
        self._last_payload = payload
        self._watchdog.start()
        self.busy.emit(True)
        self.proc.write(QByteArray(payload))  # buffered by Qt until the process has started

    def _on_output(self) -> None:
        if self.sender() is not self.proc:
            return  # a process already replaced: whatever it still says is stale
        self._frames += self._reader.feed(bytes(self.proc.readAllStandardOutput().data()))
        while len(self._frames) >= 2:
            header, pdf = json.loads(self._frames[0]), self._frames[1]
            del self._frames[:2]
            self._finish(header, pdf)

    def _on_stderr(self) -> None:
        # kept (the tail only) to explain a crash; WeasyPrint's warnings travel in the header
        proc = self.sender()
        if isinstance(proc, QProcess):
            self._stderr = (self._stderr + bytes(proc.readAllStandardError().data()))[-4000:]

    def _finish(self, header: dict, pdf: bytes) -> None:
        request_id = header.get("id") or 0
        self._crashes = 0
        self._in_flight = None
        self._watchdog.stop()
        if self._queued is not None:
            payload, self._queued = self._queued, None
            self._send(payload)
        else:
            self.busy.emit(False)
        if request_id != self._latest:
            return  # stale: a newer edit is already on its way
        if header.get("ok"):
            self.rendered.emit(request_id, pdf, list(header.get("warnings") or []))
        else:
            self.failed.emit(request_id, str(header.get("error") or "render failed"))

    def _kill_overdue(self) -> None:
        if self._in_flight is not None and self.proc is not None:
            self._overdue = True
            self.proc.kill()  # finished() follows; _on_finished reports it and starts a fresh worker

    def _on_error(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:  # no finished() follows this one
            self._on_finished()

    def _on_finished(self, *_args) -> None:
        if self._stopping or self.proc is None or self.sender() not in (self.proc, None):
            return  # shutting down, or a late signal from a process already replaced
        # The worker died (killed, out of memory): start a new one and resend the newest work.
        self._watchdog.stop()
        overdue, self._overdue = self._overdue, False
        # never resend what was killed for taking too long, nor a queued edit with the same
        # template: it would only loop again.  The next edit renders afresh.
        queued = self._queued
        if overdue and queued is not None and _template_of(queued) == _template_of(self._last_payload):
            queued = None
        resend = queued or (self._last_payload if self._in_flight is not None and not overdue else None)
        self._reader = FrameReader()
        self._frames = []
        self._in_flight = None
        self._queued = None
        dead, self.proc = self.proc, None
        self._stderr += bytes(dead.readAllStandardError().data())
        dead.deleteLater()
        self._crashes += 0 if overdue else 1
        if overdue:
            message = f"the template took longer than {PREVIEW_SECONDS:.0f} s to render; stopped"
            self.failed.emit(self._latest, message)
        if self._crashes > MAX_RESTARTS:
            # It cannot even start: say why instead of spawning Pythons in a loop.  The next
            # request (the next edit) tries again.
            tail = bytes(self._stderr).decode("utf-8", "replace").strip().splitlines()
            reason = tail[-1] if tail else dead.errorString()
            self.busy.emit(False)
            self.failed.emit(self._latest, f"the preview renderer keeps stopping ({reason})")
            return
        self.proc = self._start()  # at once: the next edit then finds a warm worker
        if resend is not None:
            self._send(resend)
        else:
            self.busy.emit(False)

    def stop(self) -> None:
        """End the worker without waiting for it: nothing it holds is worth a frozen window."""
        self._stopping = True
        if self.proc is None:
            return
        self.proc.closeWriteChannel()  # an idle worker exits on end of input
        if self._in_flight is not None:
            self.proc.kill()  # a busy one would finish its render first: no need


class PreviewPane(QWidget):
    """QPdfView with page navigation, zoom, a rendering indicator and an error banner."""

    shown = Signal(int)  # request id of the PDF now on screen

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("PDF preview")
        self.pdf_bytes = b""
        self._briefing_source = None  # callable returning (briefing json, template)
        # what each request rendered, and what the PDF on screen was rendered from: an export of
        # the same briefing with the same template and paper writes these bytes instead of
        # rendering again (a long merged brief takes seconds, and a new process seconds more)
        self._asked: dict[int, tuple[dict, str | None, str | None, str, int]] = {}
        self.shown_from: tuple[dict, str | None, str | None, str, int] | None = None
        # The document is parented to the pane, not the view: QPdfView segfaults on teardown
        # when it owns its document.
        self.document = QPdfDocument(self)
        self._buffer: QBuffer | None = None
        self.view = QPdfView(self)
        self.view.setDocument(self.document)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setAccessibleName("Rendered briefing")

        self.status = QLabel("", self)
        self.status.setAccessibleName("Preview status")
        self.error = QLabel("", self)
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Preview error")
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # an error must read as one in any theme: fixed colours, dark text on light red
        self.error.setStyleSheet(
            "QLabel { background: #FDE2E1; color: #5C0B0B; padding: 4px; border-left: 4px solid #C62828; }"
        )
        self.error.hide()
        # WeasyPrint's warnings (invalid CSS, blocked files): a count that unfolds into the list
        self.warnings_button = QToolButton(self, checkable=True)
        self.warnings_button.setAccessibleName("Show template warnings")
        self.warnings_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.warnings_button.hide()
        self.warnings = QListWidget(self)
        self.warnings.setAccessibleName("Template warnings")
        self.warnings.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.warnings.hide()
        self.warnings_button.toggled.connect(self._fold_warnings)

        self.prev_button = QToolButton(self, text="◀", toolTip="Previous page (PgUp)")
        self.next_button = QToolButton(self, text="▶", toolTip="Next page (PgDown)")
        self.page_label = QLabel("–", self)
        self.zoom = QComboBox(self)
        self.zoom.setAccessibleName("Zoom")
        self.zoom.addItems(["Fit width", "Fit page", "50%", "75%", "100%", "125%", "150%", "200%"])
        self.zoom.setToolTip("Zoom")
        self.prev_button.clicked.connect(lambda: self._go(-1))
        self.next_button.clicked.connect(lambda: self._go(+1))
        self.zoom.currentTextChanged.connect(self._apply_zoom)
        self.view.pageNavigator().currentPageChanged.connect(lambda _p: self._update_page_label())

        bar = QHBoxLayout()
        for w in (self.prev_button, self.page_label, self.next_button):
            bar.addWidget(w)
        bar.addStretch(1)
        bar.addWidget(self.status)
        bar.addWidget(self.warnings_button)
        bar.addWidget(self.zoom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.error)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.warnings)
        self.view.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

        self.worker = RenderProcess(self)
        self.worker.rendered.connect(self._show_pdf)
        self.worker.failed.connect(self._show_error)
        self.worker.busy.connect(lambda b: self.status.setText("Rendering…" if b else ""))
        self.debounce = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self.debounce.timeout.connect(self.render_now)
        _install_keys(self)

    def set_source(self, source) -> None:
        """``source()`` gives (briefing JSON, template name, page size) for the next render."""
        self._briefing_source = source

    def schedule(self, typing: bool = True) -> None:
        """Render 300 ms after the last keystroke, or at once (50 ms) after a discrete edit."""
        wait = DEBOUNCE_MS if typing else EDIT_DEBOUNCE_MS
        if self.debounce.isActive() and self.debounce.remainingTime() <= wait:
            return  # an earlier, sooner render will pick this edit up too
        self.debounce.start(wait)

    def render_now(self) -> int | None:
        if self._briefing_source is None:
            return None
        data, template, page_size = self._briefing_source()
        asked_ns = time.time_ns()
        request_id = self.worker.request(data, template, page_size)
        self._asked = {k: v for k, v in self._asked.items() if k > request_id - 4}  # in flight or queued
        self._asked[request_id] = (data, template, page_size, date.today().isoformat(), asked_ns)
        return request_id

    def pdf_for(self, data: dict, same_choice: Callable[[str | None, str | None, int], bool]) -> bytes | None:
        """The PDF on screen if it was rendered today from exactly ``data`` (the briefing's JSON)
        with a template and paper ``same_choice`` accepts (it also hears when that render was
        asked for, in ns: a template edited on disk since makes another PDF); else None."""
        if self.shown_from is None or not self.pdf_bytes:
            return None
        shown, template, page_size, day, asked_ns = self.shown_from
        if day != date.today().isoformat() or shown != data or not same_choice(template, page_size, asked_ns):
            return None
        return self.pdf_bytes

    def _show_pdf(self, request_id: int, pdf: bytes, warnings: list) -> None:
        nav = self.view.pageNavigator()
        page = nav.currentPage()
        scroll = self.view.verticalScrollBar().value()
        self.pdf_bytes = pdf
        self.shown_from = self._asked.pop(request_id, None)
        old = self._buffer
        self._buffer = QBuffer(self)
        self._buffer.setData(QByteArray(pdf))
        self._buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        self.document.load(self._buffer)
        if old is not None:
            old.close()
            old.deleteLater()
        self.error.hide()
        self._set_warnings([str(w) for w in warnings])
        # keep the reader's place across reloads
        if 0 < page < self.document.pageCount():
            nav.jump(page, QPointF(), nav.currentZoom())
        # the view as context: the call is dropped if the pane is gone by then
        bar = self.view.verticalScrollBar()
        QTimer.singleShot(0, bar, lambda: bar.setValue(scroll))
        self._update_page_label()
        self.shown.emit(request_id)

    def _set_warnings(self, warnings: list[str]) -> None:
        self.warnings.clear()
        self.warnings.addItems(warnings)
        n = len(warnings)
        self.warnings_button.setText(f"⚠ {n} warning{'s' if n != 1 else ''}")
        self.warnings_button.setToolTip(
            "Show what WeasyPrint reported while rendering (invalid CSS, missing fonts, blocked files)"
        )
        self.warnings_button.setVisible(bool(n))
        self._fold_warnings(self.warnings_button.isChecked())

    def _fold_warnings(self, unfolded: bool) -> None:
        self.warnings.setVisible(unfolded and self.warnings.count() > 0)

    def _show_error(self, _request_id: int, message: str) -> None:
        self.error.setText(f"The preview could not be rendered: {message}")
        self.error.show()  # the last good PDF stays on screen under the message

    def _go(self, step: int) -> None:
        nav = self.view.pageNavigator()
        target = max(0, min(self.document.pageCount() - 1, nav.currentPage() + step))
        nav.jump(target, QPointF(), nav.currentZoom())

    def _update_page_label(self) -> None:
        count = self.document.pageCount()
        current = self.view.pageNavigator().currentPage() + 1 if count else 0
        self.page_label.setText(f"Page {current} of {count}" if count else "–")

    def _apply_zoom(self, text: str) -> None:
        if text == "Fit width":
            self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        elif text == "Fit page":
            self.view.setZoomMode(QPdfView.ZoomMode.FitInView)
        else:
            self.view.setZoomMode(QPdfView.ZoomMode.Custom)
            self.view.setZoomFactor(int(text.rstrip("%")) / 100)

    def shutdown(self) -> None:
        self.worker.stop()
        self.document.close()


# keyboard: PgUp/PgDown move pages when the preview has focus
def _install_keys(pane: PreviewPane) -> None:
    from PySide6.QtGui import QKeySequence, QShortcut

    QShortcut(QKeySequence(Qt.Key.Key_PageUp), pane, lambda: pane._go(-1))
    QShortcut(QKeySequence(Qt.Key.Key_PageDown), pane, lambda: pane._go(+1))
