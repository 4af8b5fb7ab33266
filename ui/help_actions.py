"""The Help menu's actions: About Briefing Builder and About Qt."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction, QIcon
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


def fill_menu(window: MainWindow, menu) -> None:
    menu.addActions([window.about_action, window.about_qt_action])


def about(window: MainWindow) -> None:
    window.dialogs.about(__version__)
