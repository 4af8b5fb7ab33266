"""Edit ▸ Find (Ctrl+F): a bar that finds words in the source article or across every card.

In the source, the next match is selected and scrolled to (wrapping at the end).  Across cards,
every item whose fields hold the words is counted and the next one is selected in its tab, so
the source pane shows its evidence as any selection does.  F3 / Shift+F3 step; Esc closes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QTextCursor, QTextDocument
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QToolBar

if TYPE_CHECKING:
    from .main_window import MainWindow

#: the lists searched across cards, in tab order
_CARD_LISTS = ("key_facts", "forces", "quotes", "outlook", "timeline", "places")


class FindBar(QToolBar):
    def __init__(self, window: MainWindow) -> None:
        super().__init__("Find", window)
        self.window_ = window
        self.setObjectName("find_bar")
        self.setMovable(False)
        self.field = QLineEdit(self)
        self.field.setPlaceholderText("Find…")
        self.field.setClearButtonEnabled(True)
        self.field.setAccessibleName("Find")
        self.field.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 24)
        self.scope = QComboBox(self)
        self.scope.addItem("in the source", "source")
        self.scope.addItem("in the cards", "cards")
        self.scope.setAccessibleName("Where to find")
        self.status = QLabel(self)
        self.addWidget(self.field)
        self.addWidget(self.scope)
        self.addAction("Previous", lambda: self.find(backward=True)).setToolTip("Previous match (Shift+F3)")
        self.addAction("Next", self.find).setToolTip("Next match (F3, Enter)")
        self.addWidget(self.status)
        self.addAction("Close", self.close_bar).setToolTip("Close (Esc)")
        self.field.returnPressed.connect(self.find)
        self.field.textChanged.connect(lambda _t: self._reset())
        self.scope.currentIndexChanged.connect(lambda _i: self._reset())
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self.close_bar)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self._card_pos = -1
        self.hide()

    def open_bar(self) -> None:
        self.show()
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self.hide()
        self.window_.source_view.setFocus()

    def _reset(self) -> None:
        self._card_pos = -1
        self.status.clear()

    # ----- finding ------------------------------------------------------------------------
    def find(self, backward: bool = False) -> bool:
        words = self.field.text().strip()
        if not words:
            return False
        if self.scope.currentData() == "cards":
            return self._find_in_cards(words, backward)
        return self._find_in_source(words, backward)

    def _find_in_source(self, words: str, backward: bool) -> bool:
        view = self.window_.source_view
        flags = QTextDocument.FindFlag.FindBackward if backward else QTextDocument.FindFlag(0)
        if view.find(words, flags):
            self.status.setText("")
            return True
        cursor = view.textCursor()  # wrap around, as every editor does
        cursor.movePosition(QTextCursor.MoveOperation.End if backward else QTextCursor.MoveOperation.Start)
        view.setTextCursor(cursor)
        found = view.find(words, flags)
        self.status.setText("Wrapped" if found else "Not found")
        return found

    def matches(self, words: str) -> list[tuple[str, str]]:
        """(list name, item id) of every card item with ``words`` in one of its fields."""
        needle = words.casefold()
        found = []
        doc = self.window_.doc
        for list_name in _CARD_LISTS:
            for item in doc.items(list_name):
                values = item.model_dump(exclude={"id", "evidence"}).values()
                if any(needle in str(v).casefold() for v in values if v is not None):
                    found.append((list_name, item.id))
        return found

    def _find_in_cards(self, words: str, backward: bool) -> bool:
        found = self.matches(words)
        if not found:
            self.status.setText("Not found")
            return False
        self._card_pos = (self._card_pos + (-1 if backward else 1)) % len(found)
        list_name, item_id = found[self._card_pos]
        cards = self.window_.cards
        cards.show_list(list_name)
        cards.tables[list_name].select_item(item_id)
        self.status.setText(f"{self._card_pos + 1} of {len(found)}")
        return True
