"""The Help menu's actions: Keyboard Shortcuts, About Briefing Builder and About Qt."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QIcon, QKeySequence
from PySide6.QtWidgets import QApplication

from briefing import __version__

if TYPE_CHECKING:
    from .main_window import MainWindow


def build(window: MainWindow) -> None:
    from .actions import make_action

    window.about_action = make_action(
        window, "&About Briefing Builder", lambda: about(window), icon=QIcon.ThemeIcon.HelpAbout
    )
    window.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    window.about_qt_action = make_action(window, "About &Qt", QApplication.aboutQt)
    window.shortcuts_action = make_action(
        window,
        "&Keyboard Shortcuts",
        lambda: window.dialogs.show_shortcuts(shortcut_rows(window)),
        "Ctrl+/",
        "Every menu command that has a key, by menu",
    )


def fill_menu(window: MainWindow, menu) -> None:
    menu.addAction(window.shortcuts_action)
    menu.addSeparator()
    menu.addActions([window.about_action, window.about_qt_action])


def shortcut_rows(window: MainWindow) -> list[tuple[str, str, str]]:
    """(menu, command, keys) for every menu item with a key, read from the menus themselves so
    the list can never disagree with them."""
    rows = []
    for bar_action in window.menuBar().actions():
        menu = bar_action.menu()
        if menu is None:
            continue
        for action in menu.actions():
            native = QKeySequence.SequenceFormat.NativeText
            keys = ", ".join(k.toString(native) for k in action.shortcuts() if not k.isEmpty())
            if keys:
                name = action.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
                rows.append((bar_action.text().replace("&", ""), name, keys))
    return rows


def about(window: MainWindow) -> None:
    window.dialogs.about(__version__)
