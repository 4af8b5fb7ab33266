"""The Source pane: the article, read-only, with the selected item's evidence highlighted."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QPalette,
    QTextCharFormat,
    QTextCursor,
    QTextFormat,
)
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from briefing.model import Source, Span

from .text_offsets import py_to_qt, qt_to_py


class SourceView(QPlainTextEdit):
    #: the article shown changed (a Source, or None): the pane's title names it
    sourceShown = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setAccessibleName("Source article")
        self.setPlaceholderText(
            "Drop an article here (text, web page, PDF or Word), or use File ▸ New from Article…, "
            "Open URL… or Paste Article.\n\n"
            "Select words in the article and right-click to add them as a quote, force or outlook item."
        )
        self.setToolTip("")
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        # Generous margins read better for prose; in character units so DPI does not matter.
        self.document().setDocumentMargin(self.fontMetrics().horizontalAdvance("M"))
        self.source: Source | None = None
        #: actions appended to the context menu ("Add as quote"…), owned by the window.
        self.selection_actions: list[QAction] = []

    def set_source(self, source: Source | None) -> None:
        if source is self.source and source is not None:
            return
        self.source = source
        self.setPlainText(source.text if source else "")
        self.setExtraSelections([])
        self.moveCursor(QTextCursor.MoveOperation.Start)
        self.sourceShown.emit(source)

    def show_evidence(self, spans: Iterable[Span], sources: Iterable[Source] = ()) -> None:
        """Highlight ``spans`` (switching to their article if needed) and scroll to the first."""
        spans = list(spans)
        if spans and (self.source is None or spans[0].source_id != self.source.id):
            other = next((s for s in sources if s.id == spans[0].source_id), None)
            if other is not None:
                self.set_source(other)
        if self.source is None:
            return
        text = self.source.text
        fmt = QTextCharFormat()
        fmt.setBackground(self.evidence_colour())
        fmt.setProperty(QTextFormat.Property.FullWidthSelection, False)
        selections = []
        for span in spans:
            if span.source_id != self.source.id or span.end > len(text):
                continue
            cursor = QTextCursor(self.document())
            cursor.setPosition(py_to_qt(text, span.start))
            cursor.setPosition(py_to_qt(text, span.end), QTextCursor.MoveMode.KeepAnchor)
            selection = QTextEdit.ExtraSelection()
            selection.cursor = cursor  # type: ignore[attr-defined]
            selection.format = fmt  # type: ignore[attr-defined]
            selections.append(selection)
        self.setExtraSelections(selections)
        if selections:
            first = QTextCursor(selections[0].cursor)  # type: ignore[attr-defined]
            first.clearSelection()
            self.setTextCursor(first)
            self.centerCursor()

    def evidence_colour(self) -> QColor:
        """The palette's highlight, translucent: readable in light and dark themes alike."""
        colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        colour.setAlphaF(0.35)
        return colour

    def selection_span(self) -> Span | None:
        """The selected text as a span of the source (Python indices), or None."""
        cursor = self.textCursor()
        if self.source is None or not cursor.hasSelection():
            return None
        text = self.source.text
        start = qt_to_py(text, cursor.selectionStart())
        end = qt_to_py(text, cursor.selectionEnd())
        # Stray spaces or line breaks at the edges of a mouse selection are not evidence.
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            return None
        return Span(source_id=self.source.id, start=start, end=end)

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:
        menu = self.createStandardContextMenu(event.pos())
        if self.selection_actions:
            menu.addSeparator()
            for action in self.selection_actions:
                menu.addAction(action)
        menu.exec(event.globalPos())
        menu.deleteLater()
