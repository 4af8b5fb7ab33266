"""The selected item in full: every field in its own editor (long text in a multi-line box) and the
sentence it was read from.

Why: a table cell shows two lines and edits in a one-line field that hides the start of a long
sentence and covers its neighbours.  Edits here go through the table's own model (``setData``),
so they are validated and undone exactly like an edit in a cell.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from .. import mnemonics
from ..document import BriefingDocument
from .item_model import EDITED_NOTE, ItemTableModel
from .item_sources import ConflictPanel, SupportList
from .specs import CardSpec

#: the most characters of evidence shown (the source pane highlights all of it)
_EVIDENCE_CHARS = 600


class ItemDetail(QWidget):
    #: show these spans in the source pane (a merged sentence was chosen)
    spansChosen = Signal(object)
    #: a status-bar message (a value refused, an item split)
    message = Signal(str)

    def __init__(self, doc: BriefingDocument, spec: CardSpec, model: ItemTableModel, parent=None) -> None:
        super().__init__(parent)
        #: asks the analyst for their own value of a conflicting field; the window sets it
        self.ask_own_value: Callable[[str, str], str | None] | None = None
        self.doc, self.spec, self.model = doc, spec, model
        self.item_id: str | None = None
        self.setAccessibleName(f"Selected {spec.noun}")
        # short fields two to a row, the long text and the evidence across: compact at 1024x640
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.setVerticalSpacing(3)
        grid.setColumnStretch(1, 1)
        grid.setColumnStretch(3, 1)
        short = 0
        self.editors: dict[int, QWidget] = {}
        # Alt+letter reaches each field, as in the Details tab's forms
        marked = mnemonics.assign([column.header for column in spec.columns])
        for col, column in enumerate(spec.columns):
            if column.kind == "choice":
                editor: QWidget = QComboBox(self)
                if column.optional:
                    editor.addItem("—", None)
                for choice in column.choices:
                    editor.addItem(choice, choice)
                editor.activated.connect(lambda _i, c=col: self._commit(c))
            elif column.stretch:
                editor = QPlainTextEdit(self)
                editor.setTabChangesFocus(True)
                line = editor.fontMetrics().lineSpacing()
                editor.setFixedHeight(line * 3 + line // 2)
                editor.installEventFilter(self)  # commit on focus out and Ctrl+Return
            else:
                editor = QLineEdit(self)
                editor.editingFinished.connect(lambda c=col: self._commit(c))
            editor.setAccessibleName(column.header)
            editor.setToolTip(column.tooltip or column.header)
            self.editors[col] = editor
            if column.stretch:
                continue  # placed below the short fields
            label = QLabel(marked[col], self)
            label.setBuddy(editor)
            grid.addWidget(label, short // 2, (short % 2) * 2)
            grid.addWidget(editor, short // 2, (short % 2) * 2 + 1)
            short += 1
        row = (short + 1) // 2
        for col, column in enumerate(spec.columns):
            if column.stretch:
                label = QLabel(marked[col], self)
                label.setBuddy(self.editors[col])
                label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
                grid.addWidget(label, row, 0)
                grid.addWidget(self.editors[col], row, 1, 1, 3)
                row += 1
        self.evidence = QLabel(self)
        self.evidence.setWordWrap(True)
        self.evidence.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.evidence.setAccessibleName("Evidence")
        evidence_label = QLabel("Evidence", self)
        evidence_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(evidence_label, row, 0)
        grid.addWidget(self.evidence, row, 1, 1, 3)
        self.evidence_label = evidence_label
        # several sources: the merged sentences per source, Split by Source, and conflicts
        self.support = SupportList(self)
        self.support.spansChosen.connect(self.spansChosen)
        self.support.splitRequested.connect(self.split)
        self.conflicts = ConflictPanel(self)
        self.conflicts.resolve.connect(self.resolve)
        self.conflicts.writeOwn.connect(self.write_own)
        self.sources_label = QLabel("Sources", self)
        self.sources_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        grid.addWidget(self.sources_label, row + 1, 0)
        grid.addWidget(self.support, row + 1, 1, 1, 3)
        grid.addWidget(self.conflicts, row + 2, 0, 1, 4)
        grid.setRowStretch(row + 3, 1)  # spare height goes below the fields, not between them
        doc.itemChanged.connect(self._item_changed)
        self.show_item(None)

    # ----- showing ------------------------------------------------------------------------
    def show_item(self, item_id: str | None) -> None:
        self.item_id = item_id or None
        row = self.model.row_of(item_id) if item_id else -1
        self.setEnabled(row >= 0)
        for col, editor in self.editors.items():
            value = self.model.data(self.model.index(row, col), Qt.ItemDataRole.EditRole) if row >= 0 else ""
            text = "" if value is None else str(value)
            editor.blockSignals(True)
            if isinstance(editor, QComboBox):
                optional = self.spec.columns[col].optional
                editor.setCurrentIndex(editor.findText(text) if text else (0 if optional else -1))
            elif isinstance(editor, QPlainTextEdit):
                if editor.toPlainText() != text:
                    editor.setPlainText(text)
            elif editor.text() != text:
                editor.setText(text)
                editor.setCursorPosition(0)  # the start of a long value, not its end
            editor.blockSignals(False)
        text = self._evidence_text(row) if row >= 0 else "Select an item to see it in full."
        if row >= 0 and self.spec.list_name == "quotes":
            from briefing.verbatim import is_verbatim

            if not is_verbatim(self.doc.briefing, self.model.items[row]):
                text = f"{EDITED_NOTE}\n{text}"
        self.evidence.setText(text)
        item = self.model.items[row] if row >= 0 else None
        several = self.model.shows_support
        for widget in (self.support, self.sources_label):
            widget.setVisible(several)
        # with several sources the list below shows each merged sentence with its source
        self.evidence.setVisible(not several or (row >= 0 and self.spec.list_name == "quotes"
                                                 and EDITED_NOTE in text))
        self.evidence_label.setVisible(self.evidence.isVisible())
        if several:
            self.support.show_item(self.doc.briefing, item)
        self.conflicts.show_item(self.doc.briefing, item)

    def _evidence_text(self, row: int) -> str:
        item = self.model.items[row]
        spans = getattr(item, "evidence", [])
        if not spans:
            return "None: written by hand."
        from briefing.extract.nlp import sentence_at, sentences

        parts = []
        for span in spans:
            source = self.doc.briefing.source(span.source_id)
            if source is None:
                continue
            sents = sentences(source.text)
            start, end = span.start, span.end
            if sents:  # widen to whole sentences: the words around a quote say who and when
                start = min(start, sents[sentence_at(sents, span.start)].start)
                end = max(end, sents[sentence_at(sents, max(span.start, span.end - 1))].end)
            parts.append(" ".join(source.text[start:end].split()))
        text = " … ".join(parts) or "None: its source was removed."
        return text if len(text) <= _EVIDENCE_CHARS else text[: _EVIDENCE_CHARS - 1] + "…"

    def _item_changed(self, list_name: str, item_id: str, _field: str) -> None:
        if list_name == self.spec.list_name and item_id == self.item_id:
            self.show_item(item_id)

    # ----- editing ------------------------------------------------------------------------
    def _commit(self, col: int) -> None:
        row = self.model.row_of(self.item_id) if self.item_id else -1
        if row < 0:
            return
        editor = self.editors[col]
        if isinstance(editor, QComboBox):
            value = editor.currentData()
        elif isinstance(editor, QPlainTextEdit):
            value = editor.toPlainText()
        else:
            value = editor.text()
        current = self.model.data(self.model.index(row, col), Qt.ItemDataRole.EditRole)
        if str(value if value is not None else "") == str(current if current is not None else ""):
            return
        if not self.model.setData(self.model.index(row, col), value):
            self.show_item(self.item_id)  # refused (the status bar says why): show what is kept

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        col = next((c for c, e in self.editors.items() if e is watched), None)
        if col is not None:
            if event.type() == QEvent.Type.FocusOut:
                self._commit(col)
            elif (
                event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent)
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                self._commit(col)
                return True
        return super().eventFilter(watched, event)

    # ----- several sources: split, settle conflicts -----------------------------------------------
    def split(self) -> None:
        from briefing import merge

        from ..commands import NOUNS, ReplaceBriefing

        if not self.item_id:
            return
        result = merge.split_item(self.doc.briefing, self.spec.list_name, self.item_id)
        if result == self.doc.briefing:
            return
        noun = NOUNS.get(self.spec.list_name, "item")
        self.doc.push(ReplaceBriefing(self.doc, result, f"Split {noun} by source"))
        self.message.emit(f"Split the {noun}: one per source (Ctrl+Z merges them again)")

    def resolve(self, conflict_id: str, resolution: str, value: str) -> None:
        from briefing.conflict_resolution import resolve_conflict

        from ..commands import NOUNS, ReplaceItem

        if not self.item_id:
            return
        item = self.doc.item(self.spec.list_name, self.item_id)
        try:
            settled = resolve_conflict(item, conflict_id, resolution, value)  # type: ignore[arg-type]
        except ValueError as exc:
            self.message.emit(str(exc))
            self.show_item(self.item_id)
            return
        if settled == item:
            self.show_item(self.item_id)  # the same choice again: only the buttons to refresh
            return
        words = {"picked": "Pick a source's value", "both": "Keep both values", "own": "Write own value"}
        noun = NOUNS.get(self.spec.list_name, "item")
        self.doc.push(ReplaceItem(self.doc, self.spec.list_name, settled, f"{words[resolution]} for {noun}"))

    def write_own(self, conflict_id: str) -> None:
        if not self.item_id or self.ask_own_value is None:
            return
        item = self.doc.item(self.spec.list_name, self.item_id)
        conflict = next((c for c in item.conflicts if c.id == conflict_id), None)
        if conflict is None:
            return
        current = getattr(item, conflict.field, "")
        text = self.ask_own_value(conflict.field, "" if current is None else str(current))
        if text is None:
            self.show_item(self.item_id)  # cancelled: the buttons show the choice as it was
            return
        self.resolve(conflict_id, "own", text)
