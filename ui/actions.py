"""The window's actions and menus: File, Edit, View and Help, with standard shortcuts.

Built here so the window class keeps layout and wiring; each action calls a window method (or a
menu module such as ``file_actions``), as napari builds its menus from one module per menu.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMenu, QUndoView

from . import copy_actions, file_actions, template_actions
from .find_bar import FindBar

if TYPE_CHECKING:
    from .main_window import MainWindow


def make_action(
    window: MainWindow,
    text: str,
    slot,
    keys: QKeySequence | QKeySequence.StandardKey | str | None = None,
    tip: str = "",
    icon: QIcon.ThemeIcon | None = None,
) -> QAction:
    action = QAction(text, window)
    if icon is not None:
        action.setIcon(QIcon.fromTheme(icon))
    if keys is not None:
        action.setShortcut(QKeySequence(keys))
    if tip:
        action.setToolTip(tip)
        action.setStatusTip(tip)
    action.triggered.connect(slot)
    return action


def build_actions(window: MainWindow) -> None:
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
        "Open &URL…",
        lambda: file_actions.open_url(window),
        "Ctrl+Shift+O",
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
    window.quit_action = make_action(
        window, "&Quit", window.close, K.Quit, "Close Briefing Builder", T.ApplicationExit
    )
    window.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

    stack = window.doc.undo_stack
    window.undo_action = stack.createUndoAction(window, "&Undo")
    window.undo_action.setShortcut(K.Undo)
    window.undo_action.setIcon(QIcon.fromTheme(T.EditUndo))
    window.redo_action = stack.createRedoAction(window, "&Redo")
    window.redo_action.setShortcut(K.Redo)
    window.redo_action.setIcon(QIcon.fromTheme(T.EditRedo))
    window.cut_action = make_action(window, "Cu&t", lambda: window._forward("cut"), K.Cut, icon=T.EditCut)
    window.copy_action = make_action(
        window, "&Copy", lambda: window._forward("copy"), K.Copy, icon=T.EditCopy
    )
    window.paste_action = make_action(
        window, "&Paste", lambda: window._forward("paste"), K.Paste, icon=T.EditPaste
    )
    window.copy_briefing_action = make_action(
        window,
        "Copy &Briefing",
        lambda: copy_actions.copy_briefing(window),
        "Ctrl+Shift+C",
        "Copy the whole briefing, formatted for Word or e-mail and as plain text",
    )
    window.copy_card_action = make_action(
        window,
        "Copy Car&d",
        lambda: copy_actions.copy_card(window),
        "Ctrl+Alt+C",
        "Copy the card on show, formatted and as plain text, under the briefing's marking",
    )
    window.find_bar = FindBar(window)
    window.addToolBar(Qt.ToolBarArea.BottomToolBarArea, window.find_bar)
    window.find_action = make_action(
        window,
        "&Find…",
        window.find_bar.open_bar,
        K.Find,
        "Find words in the source or the cards",
        T.EditFind,
    )
    window.find_next_action = make_action(window, "Find &Next", window.find_bar.find, K.FindNext)
    window.find_previous_action = make_action(
        window, "Find Pre&vious", lambda: window.find_bar.find(backward=True), K.FindPrevious
    )
    for action in (window.cut_action, window.copy_action, window.paste_action):
        # The text fields handle these keys themselves; the menu items forward to them.
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)

    window.add_quote_action = make_action(
        window,
        "Add Selection as &Quote",
        lambda: window.add_from_selection("quotes"),
        "Ctrl+Alt+Q",
        "Add the selected article text as a quote, with it as evidence",
    )
    window.add_force_action = make_action(
        window,
        "Add Selection as &Force",
        lambda: window.add_from_selection("forces"),
        "Ctrl+Alt+F",
        "Add the selected article text as a force, with it as evidence",
    )
    window.add_outlook_action = make_action(
        window,
        "Add Selection as &Outlook Item",
        lambda: window.add_from_selection("outlook"),
        "Ctrl+Alt+O",
        "Add the selected article text as an outlook item, with it as evidence",
    )
    window.selection_actions = [window.add_quote_action, window.add_force_action, window.add_outlook_action]
    window.source_view.selection_actions = window.selection_actions
    window.source_view.selectionChanged.connect(window._update_selection_actions)
    window._update_selection_actions()

    window.view_actions: list[QAction] = []
    for title, pane in (
        ("&Source", window.splitter.widget(0)),
        ("&Cards", window.splitter.widget(1)),
        ("&Preview", window.preview_area),
    ):
        action = QAction(f"{title} Pane", window, checkable=True)
        action.setChecked(not pane.isHidden())
        action.toggled.connect(pane.setVisible)
        if pane is window.preview_area:
            action.toggled.connect(lambda on: on and window._schedule_preview())
        action.setStatusTip(f"Show or hide the {title.strip('&')} pane")
        window.view_actions.append(action)
    # The undo history as a list the analyst can click back through.
    window.history = QDockWidget("Undo History", window)
    window.history.setObjectName("undo_history")
    view = QUndoView(window.doc.undo_stack, window.history)
    view.setEmptyLabel("<opened>")
    view.setAccessibleName("Undo history")
    window.history.setWidget(view)
    window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, window.history)
    window.history.hide()
    history_action = window.history.toggleViewAction()
    history_action.setText("Undo &History")
    history_action.setStatusTip("Show every change, and go back to any point by clicking it")
    window.view_actions.append(history_action)
    window.view_actions[0].setShortcut("Ctrl+1")
    window.view_actions[1].setShortcut("Ctrl+2")
    window.view_actions[2].setShortcut("Ctrl+3")

    window.about_action = make_action(window, "&About Briefing Builder", window.about, icon=T.HelpAbout)
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    window.about_qt_action = make_action(window, "About &Qt", QApplication.aboutQt)


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    file_menu = bar.addMenu("&File")
    file_menu.addActions(
        [window.new_action, window.paste_article_action, window.open_action, window.open_url_action]
    )
    window.recent_menu = QMenu("Open &Recent", window)
    window.recent_menu.aboutToShow.connect(lambda: file_actions.fill_recent_menu(window))
    file_menu.addMenu(window.recent_menu)
    file_menu.addSeparator()
    file_menu.addActions([window.save_action, window.save_as_action, window.export_action])
    template_actions.install(window, file_menu)
    file_menu.addSeparator()
    file_menu.addAction(window.quit_action)

    edit_menu = bar.addMenu("&Edit")
    edit_menu.addActions([window.undo_action, window.redo_action])
    edit_menu.addSeparator()
    edit_menu.addActions([window.cut_action, window.copy_action, window.paste_action])
    edit_menu.addSeparator()
    edit_menu.addActions([window.copy_briefing_action, window.copy_card_action])
    edit_menu.addSeparator()
    edit_menu.addActions([window.find_action, window.find_next_action, window.find_previous_action])
    edit_menu.addSeparator()
    edit_menu.addActions(window.selection_actions)

    view_menu = bar.addMenu("&View")
    view_menu.addActions(window.view_actions)

    help_menu = bar.addMenu("&Help")
    help_menu.addActions([window.about_action, window.about_qt_action])
