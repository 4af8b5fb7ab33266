"""The Situation card: bottom line up front, summary and key facts."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ..document import BriefingDocument
from .bound import BoundTextEdit
from .specs import SPECS
from .table_editor import CardTable

#: pseudo list name used when the BLUF (whose evidence sits on the card) is focused.
BLUF = "bluf"


def _lines(widget: QWidget, count: int) -> int:
    # Heights in text lines, not pixels, so they scale with font size and DPI.
    return widget.fontMetrics().lineSpacing() * count + 2 * widget.frameWidth() + 8  # type: ignore[attr-defined]


class SituationEditor(QWidget):
    currentItemChanged = Signal(str, str)
    message = Signal(str)

    def __init__(self, doc: BriefingDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bluf = BoundTextEdit(doc, "situation.bluf", self)
        self.bluf.setAccessibleName("Bottom line up front")
        self.bluf.setPlaceholderText("The bottom line, first, in a sentence or two")
        self.bluf.setToolTip("BLUF: the one or two sentences a reader must take away")
        self.bluf.setMaximumHeight(_lines(self.bluf, 4))
        self.summary = BoundTextEdit(doc, "situation.summary", self)
        self.summary.setAccessibleName("Summary")
        self.summary.setPlaceholderText("A short paragraph of context")
        self.summary.setMaximumHeight(_lines(self.summary, 6))
        self.key_facts = CardTable(doc, SPECS["key_facts"], self, detail=False)

        layout = QVBoxLayout(self)
        for text, buddy, widget in (
            ("&Bottom line up front", self.bluf, self.bluf),
            ("S&ummary", self.summary, self.summary),
            ("&Key facts", self.key_facts.view, self.key_facts),  # the label focuses the table
        ):
            label = QLabel(text, self)
            label.setBuddy(buddy)
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            layout.addWidget(label)
            layout.addWidget(widget)
        layout.setStretch(layout.count() - 1, 1)

        self.key_facts.currentItemChanged.connect(self.currentItemChanged)
        self.key_facts.message.connect(self.message)
        for edit in (self.bluf, self.summary):
            edit.rejected.connect(self.message)
        self.bluf.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.bluf and event.type() == QEvent.Type.FocusIn:
            self.currentItemChanged.emit(BLUF, "")
        return False
