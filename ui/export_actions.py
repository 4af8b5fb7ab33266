"""File ▸ Export…: the dialog, then the file — the preview's PDF when it is that very file, else a
render in the export child started when the dialog opened (``workers.ExportProcess``), which has
already rendered the dialog's first choices while the analyst was looking at it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from .file_actions import _file_stem
from .workers import ExportProcess, Job, discard_export_child, render_ahead, start_export_child, start_job

if TYPE_CHECKING:
    from .main_window import MainWindow


def export_pdf(window: MainWindow) -> None:
    from .recent import settings

    # the last export's format, paper and "open when done" are this one's defaults: an analyst
    # who sends Word documents should not switch from PDF every time
    store = settings()
    fmt = str(store.value("export/format", "pdf"))
    fmt = fmt if fmt in ("pdf", "docx", "html") else "pdf"
    suffix = "." + fmt
    b = window.doc.briefing
    if window.doc.path:
        base = window.doc.path.with_suffix(suffix)
    else:
        # an unsaved briefing: named after its title, in the last export's folder (or Documents),
        # never a bare "briefing.pdf" that lands in whatever folder the app was started from
        from PySide6.QtCore import QStandardPaths

        documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        folder = str(store.value("export/folder", "")) or documents or str(Path.home())
        base = Path(folder, _file_stem(b.title) + suffix)
    # started now, it imports WeasyPrint and warms up while the analyst picks a file name
    child = start_export_child(window)
    page_size = str(store.value("export/page_size", "A4"))
    if fmt != "pdf" or _preview_pdf(window, b, b.template, page_size) is None:
        # and renders the dialog's first choices, which the preview cannot serve
        render_ahead(child, b, b.template, page_size, fmt)
    try:
        _export_with(window, child, store, fmt, base)
    finally:
        if not child.property("taken"):
            discard_export_child(child)


def _export_with(window: MainWindow, child, store, fmt: str, base: Path) -> None:
    from .export_dialog import ExportOptions

    b = window.doc.briefing
    options = window.dialogs.choose_export(
        ExportOptions(
            str(base),
            b.template,
            page_size=str(store.value("export/page_size", "A4")),
            marking=b.marking,
            format=fmt,
            open_when_done=store.value("export/open_when_done", False, type=bool),
        )
    )
    if options is None:
        return
    store.setValue("export/folder", str(Path(options.path).parent))
    store.setValue("export/format", options.format)
    store.setValue("export/page_size", options.page_size)
    store.setValue("export/open_when_done", options.open_when_done)
    out = Path(options.path)
    if out.exists() and not window.dialogs.confirm_overwrite(out):
        return
    if options.marking and not _adopt_marking(window, options.marking):
        return
    briefing = window.doc.briefing.model_copy(deep=True)
    on_screen = (
        _preview_pdf(window, briefing, options.template, options.page_size)
        if options.format == "pdf"
        else None
    )
    if on_screen is not None:
        job = _WriteJob(out, on_screen)
    else:
        job = ExportProcess(
            briefing,
            out,
            window,
            template=options.template,
            page_size=options.page_size,
            fmt=options.format,
            child=child,
        )
        child.setProperty("taken", True)
    window._jobs.add(job)
    window._set_busy(+1, "Exporting…")

    def done(path: str) -> None:
        window._finish_job(job)
        window.statusBar().showMessage(f"Exported {Path(path).name}", 8000)
        if options.open_when_done:
            QDesktopServices.openUrl(QUrl.fromLocalFile(path))

    def failed(message: str) -> None:
        window._finish_job(job)
        window.dialogs.show_error("Could not export", message)

    job.finished.connect(done)
    job.failed.connect(failed)
    job.start()


def _preview_pdf(window: MainWindow, briefing, template: str, page_size: str) -> bytes | None:
    """The preview's PDF when it is the very file this export would render: the briefing
    unchanged since, the same template (no file of it written since) and paper, rendered today
    (the brief prints its date)."""
    from briefing.render import same_pdf

    def same_choice(shown_template: str | None, shown_size: str | None, asked_ns: int) -> bool:
        chosen = (template or None, page_size or None)
        return same_pdf(briefing, (shown_template, shown_size), chosen, since_ns=asked_ns)

    return window.preview.pdf_for(briefing.model_dump(mode="json"), same_choice)


class _WriteJob(QObject):
    """Writes bytes already rendered (atomically, off the GUI thread), with ExportProcess's
    signals, so the export's progress, Cancel and messages stay the same."""

    finished = Signal(str)
    failed = Signal(str)

    def __init__(self, out: Path, data: bytes) -> None:
        super().__init__()
        from briefing.render import write_output

        self.out = out
        self.job = Job(write_output, out, data)
        self.job.signals.finished.connect(lambda _path: self.finished.emit(str(self.out)))
        self.job.signals.failed.connect(self.failed.emit)

    def start(self) -> None:
        start_job(self.job)

    def cancel(self) -> None:
        """Nothing to stop: writing a rendered file takes milliseconds, and it is atomic."""


def _adopt_marking(window: MainWindow, marking: str) -> bool:
    """The export dialog's marking becomes the briefing's own (one undo step), so the document,
    its saves and the preview carry what the exported file carries.  Lowering asks first; a
    "keep" exports with the current marking.  False when the marking is not valid."""
    from briefing.markings import lowers
    from briefing.model import normalise_marking

    from .commands import SetDetail

    current = window.doc.briefing.marking
    try:
        proposed = normalise_marking(marking)
    except ValueError as exc:
        window.dialogs.show_error("Could not export", str(exc).splitlines()[-1])
        return False
    if proposed == current:
        return True
    if lowers(current, proposed) and not window.dialogs.confirm_lower_marking(
        current, proposed, "The export’s marking"
    ):
        return True
    window.doc.push(SetDetail(window.doc, "marking", proposed))
    return True
