"""Text fields bound to one briefing detail (title, BLUF…) through undo commands.

Each keystroke pushes a ``SetDetail`` with a merge key that changes whenever the field gains
focus, so one stretch of typing is one undo step.  The fields' own undo is switched off
(Ctrl+Z goes to the document's stack) so there is a single history.
"""

from __future__ import annotations

import itertools

from pydantic import ValidationError
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QFocusEvent, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from ..commands import SetDetail
from ..document import BriefingDocument

_sessions = itertools.count(1)


class _LeaveUndoToTheStack(QObject):
    """Let Ctrl+Z / Ctrl+Shift+Z reach the window's Undo/Redo actions instead of the field."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        is_override = event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent)
        if is_override and (
            event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo)
        ):
            event.ignore()
            return True
        return False


class _Binding:
    """Shared logic; mixed into a Qt text widget."""

    doc: BriefingDocument
    path: str
    rejected: Signal

    def _bind(self, doc: BriefingDocument, path: str) -> None:
        self.doc, self.path = doc, path
        self._session = next(_sessions)
        self._syncing = False
        self._filter = _LeaveUndoToTheStack(self)  # type: ignore[arg-type]
        self.installEventFilter(self._filter)  # type: ignore[attr-defined]
        doc.detailChanged.connect(self._detail_changed)
        doc.reset.connect(self.refresh)
        self.refresh()

    def new_session(self) -> None:
        self._session = next(_sessions)

    def _push(self, text: str) -> None:
        if self._syncing:
            return
        try:
            value = self.doc.validated_detail(self.path, text)
        except ValidationError as exc:
            self.rejected.emit(str(exc.errors()[0]["msg"]).removeprefix("Value error, "))
            return
        if value != self.doc.detail(self.path):
            self.doc.push(SetDetail(self.doc, self.path, value, merge_key=(id(self), self._session)))

    def _detail_changed(self, path: str) -> None:
        if path == self.path:
            self.refresh()

    def refresh(self) -> None:
        value = str(self.doc.detail(self.path) or "")
        if value != self._text():
            self._syncing = True
            try:
                self._set_text(value)
            finally:
                self._syncing = False

    def _text(self) -> str:  # pragma: no cover - overridden
        raise NotImplementedError

    def _set_text(self, value: str) -> None:  # pragma: no cover - overridden
        raise NotImplementedError


class BoundLineEdit(_Binding, QLineEdit):
    rejected = Signal(str)

    def __init__(self, doc: BriefingDocument, path: str, parent: QWidget | None = None) -> None:
        QLineEdit.__init__(self, parent)
        self._bind(doc, path)
        self.textEdited.connect(self._push)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.new_session()
        super().focusInEvent(event)

    def _text(self) -> str:
        return self.text()

    def _set_text(self, value: str) -> None:
        self.setText(value)


class BoundTextEdit(_Binding, QPlainTextEdit):
    rejected = Signal(str)

    def __init__(self, doc: BriefingDocument, path: str, parent: QWidget | None = None) -> None:
        QPlainTextEdit.__init__(self, parent)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self._bind(doc, path)
        self.textChanged.connect(lambda: self._push(self.toPlainText()))

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.new_session()
        super().focusInEvent(event)

    def _text(self) -> str:
        return self.toPlainText()

    def _set_text(self, value: str) -> None:
        cursor = self.textCursor()
        position = cursor.position()
        self.setPlainText(value)
        # Undo while typing should leave the caret near where it was.
        cursor = self.textCursor()
        cursor.setPosition(min(position, self.document().characterCount() - 1))
        self.setTextCursor(cursor)
