"""The window's menus, assembled from one module per menu (as napari builds its menus).

``file_actions``, ``source_actions``, ``edit_actions``, ``view_actions`` and ``help_actions`` each
make their menu's actions (``build``) and say what they do; this module only creates the menu bar
in order, so the window class keeps layout and wiring.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QIcon, QKeySequence

from . import edit_actions, file_actions, help_actions, source_actions, view_actions

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
    for menu in (file_actions, source_actions, edit_actions, view_actions, help_actions):
        menu.build(window)


def build_menus(window: MainWindow) -> None:
    bar = window.menuBar()
    file_actions.fill_menu(window, bar.addMenu("&File"), [source_actions.file_menu_actions(window)])
    edit_actions.fill_menu(window, bar.addMenu("&Edit"))
    view_actions.fill_menu(window, bar.addMenu("&View"))
    help_actions.fill_menu(window, bar.addMenu("&Help"))
