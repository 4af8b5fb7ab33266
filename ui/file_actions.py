"""The File menu's actions: open, paste, save, recent files and export.

One module per menu, as napari does: the window builds the menu and forwards each action here,
so the window class holds layout and wiring, and what a file action does reads in one place.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QAction, QDesktopServices, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu

from briefing.errors import BriefingFileError

from .workers import (
    ExportProcess,
    Job,
    article_suffixes,
    discard_export_child,
    extract_file,
    extract_text,
    extract_url,
    start_export_child,
    start_job,
)

if TYPE_CHECKING:
    from .main_window import MainWindow

#: exported files that carry their briefing inside and reopen as one
EXPORTED_SUFFIXES = (".pdf", ".docx")


def build(window: MainWindow) -> None:
    from .actions import make_action

    K = QKeySequence.StandardKey
    T = QIcon.ThemeIcon
    window.new_action = make_action(
        window,
        "&New from Article…",
        window.new_from_article,
        K.New,
        "Extract a briefing from an article file",
        T.DocumentNew,
    )
    window.paste_article_action = make_action(
        window,
        "&Paste Article",
        window.paste_article,
        "Ctrl+Shift+V",
        "Extract a briefing from text on the clipboard",
        T.EditPaste,
    )
    window.open_action = make_action(
        window, "&Open…", window.open_briefing, K.Open, "Open a .briefing file", T.DocumentOpen
    )
    window.open_url_action = make_action(
        window,
        "Open UR&L…",
        lambda: open_url(window),
        "Ctrl+L",  # the browsers' "go to address" key (Ctrl+Shift+O is Add Source…)
        "Fetch a web article once, now, and extract a briefing from it (the page is kept in the file)",
    )
    window.save_action = make_action(
        window, "&Save", window.save, K.Save, "Save the briefing", T.DocumentSave
    )
    window.save_as_action = make_action(
        window, "Save &As…", window.save_as, K.SaveAs, "Save the briefing under a new name", T.DocumentSaveAs
    )
    window.export_action = make_action(
        window,
        "&Export…",
        window.export_pdf,
        "Ctrl+E",
        "Write the briefing as a PDF, Word document or web page",
        T.DocumentPrint,
    )
    window.close_action = make_action(
        window,
        "&Close",
        lambda: close_briefing(window),
        K.Close,
        "Close this briefing and start from an empty one (asks to save changes first)",
    )
    window.quit_action = make_action(
        window, "&Quit", window.close, K.Quit, "Close Briefing Builder", T.ApplicationExit
    )
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)


def fill_menu(window: MainWindow, menu: QMenu, extra_groups: list[list[QAction]] = ()) -> None:
    """New, Paste, Open, Recent; then ``extra_groups`` (the source actions); Save…Export; Quit."""
    from . import template_actions

    menu.addActions(
        [window.new_action, window.paste_article_action, window.open_action, window.open_url_action]
    )
    window.recent_menu = QMenu("Open &Recent", window)
    window.recent_menu.aboutToShow.connect(lambda: fill_recent_menu(window))
    menu.addMenu(window.recent_menu)
    for group in extra_groups:
        menu.addSeparator()
        menu.addActions(group)
    menu.addSeparator()
    menu.addActions([window.close_action, window.save_action, window.save_as_action, window.export_action])
    template_actions.install(window, menu)
    menu.addSeparator()
    menu.addAction(window.quit_action)


def close_briefing(window: MainWindow) -> bool:
    """File ▸ Close: the empty briefing the app starts with, once unsaved work is saved or given
    up; an extraction still running for the old briefing is cancelled.  False when the analyst
    chose Cancel."""
    from briefing.model import Briefing

    if not window.maybe_save():
        return False
    window.cancel_extraction()
    window.doc.replace(Briefing())
    window.statusBar().showMessage("Closed the briefing", 4000)
    return True


def maybe_save(window: MainWindow) -> bool:
    """True when it is fine to replace or close the document."""
    if not window.doc.modified:
        return True
    choice = window.dialogs.ask_save_changes(window.doc.display_name)
    if choice == "save":
        return window.save()
    return choice == "discard"


def start_dir(window: MainWindow) -> str:
    return str(window.doc.path.parent) if window.doc.path else ""


def new_from_article(window: MainWindow) -> None:
    name = window.dialogs.choose_article(article_suffixes(), start_dir(window))
    if name:
        window.open_path(Path(name))


def paste_article(window: MainWindow) -> None:
    text = QGuiApplication.clipboard().text()
    if not text.strip():
        window.statusBar().showMessage("The clipboard holds no text to use as an article", 8000)
        return
    if window.maybe_save():
        window._extract(extract_text, text, "pasted article")


def open_url(window: MainWindow) -> None:
    """File ▸ Open URL…: fetch one web page, on this request only, and extract it in a worker."""
    from urllib.parse import urlsplit

    from briefing.importers import is_url

    clipboard = QGuiApplication.clipboard().text().strip()
    url = window.dialogs.ask_url(clipboard if is_url(clipboard) and "\n" not in clipboard else "")
    if not url:
        return
    if not is_url(url):
        window.dialogs.show_error(
            "Cannot open URL", f"{url[:200]}: not a web address (use http:// or https://)"
        )
        return
    if window.maybe_save():
        window._extract(extract_url, url, urlsplit(url).hostname or url)


def open_briefing(window: MainWindow) -> None:
    name = window.dialogs.choose_briefing(start_dir(window))
    if name:
        window.open_path(Path(name))


def open_path(window: MainWindow, path: Path) -> None:
    """Open a ``.briefing`` (or an exported PDF or .docx) or extract an article, by the suffix;
    a PDF or .docx without an embedded briefing is extracted as an article."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".briefing", *EXPORTED_SUFFIXES):
        window.load_briefing(path)
    elif suffix in article_suffixes():
        if window.maybe_save():
            window._extract(extract_file, str(path), path.name)
    else:
        kinds = " ".join(article_suffixes())
        window.dialogs.show_error(
            "Cannot open file", f"{path}: not a briefing (.briefing) or an article ({kinds})"
        )


def load_briefing(window: MainWindow, path: Path) -> bool:
    """Open a ``.briefing``, or the briefing inside a PDF or .docx we exported; any other PDF or
    .docx is an article, extracted in the background (False: nothing was opened yet)."""
    if not window.maybe_save():
        return False
    from briefing.importers import embedded_briefing
    from briefing.storage import load

    try:
        if path.suffix.lower() in EXPORTED_SUFFIXES:  # ours carry their briefing inside
            briefing = embedded_briefing(path)
            if briefing is None:  # a report or article from elsewhere: import it
                window._extract(extract_file, str(path), path.name)
                return False
        else:
            briefing = load(path)
    except BriefingFileError as exc:
        window.dialogs.show_error("Could not open briefing", str(exc))
        return False
    except Exception as exc:  # a file nobody foresaw: say so, keep the open document as it is
        detail = f"{path}: unreadable ({type(exc).__name__}: {exc})"
        window.dialogs.show_error("Could not open briefing", detail)
        return False
    # a reopened PDF or .docx becomes an untitled briefing: Save asks where, never overwrites it
    window.doc.replace(briefing, None if path.suffix.lower() in EXPORTED_SUFFIXES else path)
    window.recent.add(path)
    window.statusBar().showMessage(f"Opened {path.name}", 5000)
    return True


def save(window: MainWindow) -> bool:
    if window.doc.path is None:
        return window.save_as()
    return save_to(window, window.doc.path)


def save_as(window: MainWindow) -> bool:
    if window.doc.path is not None:
        suggested = str(window.doc.path)
    else:
        suggested = _file_stem(window.doc.briefing.title) + ".briefing"
    name = window.dialogs.choose_save_path(suggested)
    return save_to(window, Path(name)) if name else False


def _file_stem(title: str) -> str:
    """A file name from the briefing's title: letters, digits, spaces and dashes, 60 at most."""
    return re.sub(r"[^\w\- ]+", "", title).strip()[:60] or "Untitled"


def save_to(window: MainWindow, path: Path) -> bool:
    from briefing.storage import save

    try:
        save(window.doc.briefing, path)
    except BriefingFileError as exc:
        window.dialogs.show_error("Could not save", str(exc))
        return False
    window.doc.mark_saved(path)
    window.recent.add(path)
    window.statusBar().showMessage(f"Saved {path.name}", 5000)
    return True


def fill_recent_menu(window: MainWindow) -> None:
    window.recent_menu.clear()
    paths = window.recent.paths()
    for number, path in enumerate(paths, 1):
        action = window.recent_menu.addAction(f"&{number % 10} {path.name}")
        action.setStatusTip(str(path))
        action.triggered.connect(lambda _c=False, p=path: window.open_path(p))
    if not paths:
        window.recent_menu.addAction("No recent files").setEnabled(False)
    else:
        window.recent_menu.addSeparator()
        window.recent_menu.addAction("Clear Menu", window.recent.clear)


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
