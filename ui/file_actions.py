"""The File menu's actions: open, paste, save, recent files and export.

One module per menu, as napari does: the window builds the menu and forwards each action here,
so the window class holds layout and wiring, and what a file action does reads in one place.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import QMenu

from briefing.errors import BriefingFileError

from .workers import (
    article_suffixes,
    extract_file,
    extract_text,
    extract_url,
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
