"""Edit ▸ Copy Briefing and Copy Card: the core builds the HTML and the text, this puts them on
the clipboard as one QMimeData, so Word and e-mail paste tables and headings, a text field the text."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication

from briefing.clipboard import ClipboardContent, briefing_for_clipboard, card_for_clipboard
from briefing.templates import CARD_TITLES

from .cards.table_editor import CardTable

if TYPE_CHECKING:
    from .main_window import MainWindow


def current_card(window: MainWindow) -> str:
    """The card whose tab is showing: "situation" (with its key facts), "forces", …"""
    widget = window.cards.currentWidget()
    if widget is window.cards.situation or not isinstance(widget, CardTable):
        return "situation"
    return widget.spec.list_name


def put_on_clipboard(content: ClipboardContent) -> None:
    mime = QMimeData()
    mime.setHtml(content.html)
    mime.setText(content.text)
    QGuiApplication.clipboard().setMimeData(mime)


def copy_briefing(window: MainWindow) -> None:
    put_on_clipboard(briefing_for_clipboard(window.doc.briefing))
    window.statusBar().showMessage("Copied the briefing (formatted and as text)", 5000)


def copy_card(window: MainWindow) -> None:
    card = current_card(window)
    put_on_clipboard(card_for_clipboard(window.doc.briefing, card))
    window.statusBar().showMessage(f"Copied the {CARD_TITLES.get(card, card)} card", 5000)
