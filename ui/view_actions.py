"""The View menu's actions: show or hide each pane, and the undo history dock."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QUndoView

if TYPE_CHECKING:
    from .main_window import MainWindow


def build(window: MainWindow) -> None:
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
    sources = QAction("So&urces", window)
    sources.setShortcut("Ctrl+4")
    sources.setStatusTip("Show the briefing's sources, their metadata and grades (in the Details tab)")
    sources.triggered.connect(window.show_sources)
    window.show_sources_action = sources


def fill_menu(window: MainWindow, menu) -> None:
    menu.addActions(window.view_actions)
    menu.addSeparator()
    menu.addAction(window.show_sources_action)
