"""The item detail panel's multi-source parts: the sentences merged into the item, per source
(choosing one shows it in the source pane), Split by Source, and the item's conflicts with a way
to settle each (pick a source's value, keep both, or write one's own).

Widgets only: splitting is ``briefing.merge.split_item`` and settling ``briefing.conflicts``;
both reach the model as undo commands.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from briefing import merge
from briefing.model import Briefing, Conflict, Item

from .item_model import CONFLICT_MARK

SpansRole = Qt.ItemDataRole.UserRole + 3
_SENTENCE_CHARS = 240


def _sentence(briefing: Briefing, span) -> str:
    """The whole sentence around a span: the words around a fact say who and when."""
    from briefing.extract.nlp import sentence_at, sentences

    source = briefing.source(span.source_id)
    if source is None:
        return ""
    sents = sentences(source.text)
    start, end = span.start, span.end
    if sents:
        start = min(start, sents[sentence_at(sents, span.start)].start)
        end = max(end, sents[sentence_at(sents, max(span.start, span.end - 1))].end)
    text = " ".join(source.text[start:end].split())
    return text if len(text) <= _SENTENCE_CHARS else text[: _SENTENCE_CHARS - 1] + "…"


def _same(item: Item, field: str, text: str) -> bool:
    """Does the item's field hold this value (as the field stores it)?"""
    from briefing.conflict_resolution import field_value

    try:
        return field_value(item, field, text) == getattr(item, field)
    except ValueError:
        return False


class SupportList(QWidget):
    """"Read in 2 of 3 sources", then one row per merged sentence: [n] outlet: sentence."""

    #: show these spans in the source pane
    spansChosen = Signal(object)
    splitRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel(self)
        self.split_button = QPushButton("Split by Source", self)
        self.split_button.setToolTip(
            "Undo the merge: one item per source, each with its own evidence (Ctrl+Z puts it back)"
        )
        self.split_button.clicked.connect(self.splitRequested)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Merged sentences")
        self.list.setWordWrap(True)
        self.list.setToolTip("The sentences merged into this item; choose one to see it in its source")
        self.list.itemClicked.connect(self._chosen)
        self.list.itemActivated.connect(self._chosen)
        top = QHBoxLayout()
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.summary, 1)
        top.addWidget(self.split_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(top)
        layout.addWidget(self.list)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)

    def show_item(self, briefing: Briefing, item: Item | None) -> None:
        self.list.clear()
        if item is None:
            self.summary.setText("")
            self.split_button.setEnabled(False)
            return
        order = {s.id: n for n, s in enumerate(briefing.sources, 1)}
        label = merge.support_label(briefing, item)
        count = len(item.source_ids)
        self.summary.setText(
            f"Read in {label}" if count else "Written by hand: no source supports it"
        )
        self.split_button.setEnabled(count > 1)
        for span in item.evidence:
            source = briefing.source(span.source_id)
            if source is None:
                continue
            name = source.outlet or source.title or source.file_name or "untitled"
            row = QListWidgetItem(f"[{order[source.id]}] {name}: {_sentence(briefing, span)}")
            row.setData(SpansRole, [span])
            row.setToolTip("Show this sentence in its source")
            self.list.addItem(row)
        line = self.list.fontMetrics().lineSpacing()
        self.list.setFixedHeight(min(6, max(1, self.list.count()) * 2) * line + line)

    def _chosen(self, row: QListWidgetItem) -> None:
        self.spansChosen.emit(row.data(SpansRole))


class ConflictPanel(QWidget):
    """Each conflict of the item: its values with their sources, and the three ways to settle it."""

    #: (conflict id, resolution "picked" | "both" | "own", value)
    resolve = Signal(str, str, str)
    #: the analyst wants to write their own value for this conflict
    writeOwn = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layout_ = QVBoxLayout(self)
        self.layout_.setContentsMargins(0, 0, 0, 0)
        self.boxes: list[QGroupBox] = []

    def show_item(self, briefing: Briefing, item: Item | None) -> None:
        for box in self.boxes:
            self.layout_.removeWidget(box)
            box.deleteLater()
        self.boxes = []
        for conflict in getattr(item, "conflicts", []) if item is not None else []:
            box = self._box(briefing, item, conflict)
            self.layout_.addWidget(box)
            self.boxes.append(box)
        self.setVisible(bool(self.boxes))

    def _box(self, briefing: Briefing, item: Item, conflict: Conflict) -> QGroupBox:
        order = {s.id: n for n, s in enumerate(briefing.sources, 1)}
        field = conflict.field.replace("_", " ")
        settled = {
            "picked": "settled: one source's value chosen",
            "both": "settled: both values kept",
            "own": "settled: your own value",
        }
        title = (
            f"{CONFLICT_MARK} Sources disagree on {field}"
            if conflict.is_open
            else f"{field.capitalize()}: {settled[conflict.resolution]}"
        )
        box = QGroupBox(title, self)
        box.setAccessibleName(title)
        if conflict.is_open:
            box.setStyleSheet("QGroupBox { font-weight: bold; }")
        grid = QGridLayout(box)
        grid.setContentsMargins(6, 4, 6, 4)
        for row, value in enumerate(conflict.values):
            cites = "".join(f"[{order[sid]}]" for sid in value.source_ids if sid in order)
            names = ", ".join(
                (briefing.sources[order[sid] - 1].outlet or briefing.sources[order[sid] - 1].title or "")
                for sid in value.source_ids
                if sid in order
            )
            label = QLabel(f"“{value.value}”  {cites} {names}".rstrip(), box)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            grid.addWidget(label, row, 0)
            use = QPushButton("Use This", box)
            use.setToolTip(f"Set the {field} to “{value.value}” and mark the conflict settled")
            use.setAccessibleName(f"Use {value.value}")
            use.setCheckable(True)
            use.setChecked(conflict.resolution == "picked" and _same(item, conflict.field, value.value))
            use.clicked.connect(
                lambda _c=False, cid=conflict.id, v=value.value: self.resolve.emit(cid, "picked", v)
            )
            grid.addWidget(use, row, 1)
        buttons = QHBoxLayout()
        both = QPushButton("Keep Both", box)
        both.setToolTip("Keep every value: the briefing prints them together, with their sources")
        both.setCheckable(True)
        both.setChecked(conflict.resolution == "both")
        both.clicked.connect(lambda _c=False, cid=conflict.id: self.resolve.emit(cid, "both", ""))
        own = QPushButton("Write My Own…", box)
        own.setToolTip(f"Type the {field} yourself")
        own.setCheckable(True)
        own.setChecked(conflict.resolution == "own")
        own.clicked.connect(lambda _c=False, cid=conflict.id: self.writeOwn.emit(cid))
        buttons.addStretch(1)
        buttons.addWidget(both)
        buttons.addWidget(own)
        grid.addLayout(buttons, len(conflict.values), 0, 1, 2)
        grid.setColumnStretch(0, 1)
        return box
