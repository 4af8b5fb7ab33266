"""The Edit menu's actions: undo and redo, the clipboard, find, and new items from the selected
source text.

One module per menu, as napari does: the window assembles the menus (``ui.actions``) and each
menu's actions, and what they do, live in their own module.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication, QTableView

from . import copy_actions
from .cards.specs import SPECS
from .commands import InsertItems
from .find_bar import FindBar

if TYPE_CHECKING:
    from .main_window import MainWindow


def build(window: MainWindow) -> None:
    from .actions import make_action

    K = QKeySequence.StandardKey
    T = QIcon.ThemeIcon
    stack = window.doc.undo_stack
    window.undo_action = stack.createUndoAction(window, "&Undo")
    window.undo_action.setShortcut(K.Undo)
    window.undo_action.setIcon(QIcon.fromTheme(T.EditUndo))
    window.redo_action = stack.createRedoAction(window, "&Redo")
    window.redo_action.setShortcut(K.Redo)
    window.redo_action.setIcon(QIcon.fromTheme(T.EditRedo))
    window.cut_action = make_action(window, "Cu&t", lambda: forward("cut"), K.Cut, icon=T.EditCut)
    window.copy_action = make_action(window, "&Copy", lambda: forward("copy"), K.Copy, icon=T.EditCopy)
    window.paste_action = make_action(window, "&Paste", lambda: forward("paste"), K.Paste, icon=T.EditPaste)
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
        lambda: add_from_selection(window, "quotes"),
        "Ctrl+Alt+Q",
        "Add the selected article text as a quote, with it as evidence",
    )
    window.add_force_action = make_action(
        window,
        "Add Selection as Forc&e",
        lambda: add_from_selection(window, "forces"),
        "Ctrl+Alt+F",
        "Add the selected article text as a force, with it as evidence",
    )
    window.add_outlook_action = make_action(
        window,
        "Add Selection as &Outlook Item",
        lambda: add_from_selection(window, "outlook"),
        "Ctrl+Alt+O",
        "Add the selected article text as an outlook item, with it as evidence",
    )
    window.selection_actions = [window.add_quote_action, window.add_force_action, window.add_outlook_action]
    window.source_view.selection_actions = window.selection_actions
    window.source_view.selectionChanged.connect(lambda: update_selection_actions(window))
    update_selection_actions(window)


def fill_menu(window: MainWindow, menu) -> None:
    menu.addActions([window.undo_action, window.redo_action])
    menu.addSeparator()
    menu.addActions([window.cut_action, window.copy_action, window.paste_action])
    menu.addSeparator()
    menu.addActions([window.copy_briefing_action, window.copy_card_action])
    menu.addSeparator()
    menu.addActions([window.find_action, window.find_next_action, window.find_previous_action])
    menu.addSeparator()
    menu.addActions(window.selection_actions)


def forward(name: str) -> None:
    """Cut, copy or paste in the focused widget (a table copies its current cell's text)."""
    widget = QApplication.focusWidget()
    if isinstance(widget, QTableView) and name == "copy":
        index = widget.currentIndex()
        if index.isValid():
            QGuiApplication.clipboard().setText(str(index.data() or ""))
        return
    method = getattr(widget, name, None)
    if callable(method):
        method()


def update_selection_actions(window: MainWindow) -> None:
    has = window.source_view.textCursor().hasSelection()
    for action in window.selection_actions:
        action.setEnabled(has)


def add_from_selection(window: MainWindow, list_name: str) -> str | None:
    """Make a new item from the selected source text; its evidence is that selection."""
    span = window.source_view.selection_span()
    if span is None:
        window.statusBar().showMessage("Select some words in the article first", 5000)
        return None
    spec = SPECS[list_name]
    text = window.doc.briefing.span_text(span)
    if list_name == "quotes":
        text = text.strip("“”\"‘’'")
    item = spec.factory()
    setattr(item, spec.text_field, " ".join(text.split()))
    item.evidence = [span]
    window.doc.push(
        InsertItems(
            window.doc, list_name, len(window.doc.items(list_name)), [item], f"Add selection as {spec.noun}"
        )
    )
    window.statusBar().showMessage(f"Added a {spec.noun} from the selection", 5000)
    return item.id
