"""The Sources list (the lower half of the Details tab): every source of the briefing (number,
headline, outlet, date, Admiralty grade), its metadata form, and Add / Add Pasted / Remove.

Choosing a source shows it in the source pane.  The list reads ``doc.briefing.sources`` on every
call; edits go out through ``SourceForm.edited`` and come back as document signals.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from .document import BriefingDocument
from .source_form import CREDIBILITY, RELIABILITY, SourceForm, grade

_Index = QModelIndex | QPersistentModelIndex
HEADERS = ("#", "Headline", "Outlet", "Published", "Grade")  # the form's labels, word for word
SourceIdRole = Qt.ItemDataRole.UserRole + 2


class SourceListModel(QAbstractTableModel):
    def __init__(self, doc: BriefingDocument, parent=None) -> None:
        super().__init__(parent)
        self.doc = doc
        doc.reset.connect(self._reset)
        doc.sourceChanged.connect(self._source_changed)

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.doc.briefing.sources)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        sources = self.doc.briefing.sources
        if not index.isValid() or index.row() >= len(sources):
            return None
        source = sources[index.row()]
        col = index.column()
        if role == SourceIdRole:
            return source.id
        if role == Qt.ItemDataRole.DisplayRole:
            return (
                str(index.row() + 1),
                source.title or source.file_name or "Untitled article",
                source.outlet,
                source.date.isoformat() if source.date else "",
                grade(source),
            )[col]
        if role == Qt.ItemDataRole.ToolTipRole:
            if col == 4:
                r = RELIABILITY.get(source.reliability, "reliability not graded")
                c = CREDIBILITY.get(source.credibility, "credibility not graded")
                return f"{r}; {c}"
            if col == 3 and not source.date:
                return "No published date: relative dates in this article may be unresolved"
            return source.title or None
        if role == Qt.ItemDataRole.TextAlignmentRole and col in (0, 4):
            return Qt.AlignmentFlag.AlignCenter
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section] if 0 <= section < len(HEADERS) else None
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.ToolTipRole:
            return ("Citation number [n]", "", "", "Publication date",
                    "Admiralty grade: source reliability A–F, information credibility 1–6")[section]
        return None

    def row_of(self, source_id: str) -> int:
        return next((n for n, s in enumerate(self.doc.briefing.sources) if s.id == source_id), -1)

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def _source_changed(self, source_id: str, _field: str) -> None:
        row = self.row_of(source_id)
        if row >= 0:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(HEADERS) - 1))


class SourcesPanel(QWidget):
    #: the analyst chose a source: show it in the source pane
    sourceChosen = Signal(str)

    def __init__(self, doc: BriefingDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.doc = doc
        self.setAccessibleName("Sources")
        self.toolbar = QToolBar("Source actions", self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.model = SourceListModel(doc, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName("Sources table")
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.verticalHeader().hide()
        self.view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)  # compact
        self.view.setWordWrap(False)
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        for col in range(len(HEADERS)):
            mode = QHeaderView.ResizeMode.Stretch if col == 1 else QHeaderView.ResizeMode.ResizeToContents
            header.setSectionResizeMode(col, mode)
        self.form = SourceForm(self)
        split = QSplitter(Qt.Orientation.Vertical, self)
        split.addWidget(self.view)
        split.addWidget(self.form)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setCollapsible(0, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(split)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.modelAboutToBeReset.connect(self._remember)
        self.model.modelReset.connect(self._restore)
        doc.sourceChanged.connect(self._source_changed)
        self._remembered: str | None = None
        self._restoring = False

    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(SourceIdRole) if index.isValid() else None

    def select(self, source_id: str) -> None:
        row = self.model.row_of(source_id)
        if row < 0:
            return
        self.view.selectionModel().setCurrentIndex(
            self.model.index(row, 1),
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        source_id = current.data(SourceIdRole) if current.isValid() else None
        self.form.show_source(self.doc.briefing.source(source_id) if source_id else None)
        if source_id and not self._restoring:
            self.sourceChosen.emit(source_id)

    def _source_changed(self, source_id: str, _field: str) -> None:
        if source_id == self.current_id():
            self.form.show_source(self.doc.briefing.source(source_id))

    def _remember(self) -> None:
        self._remembered = self.current_id()

    def _restore(self) -> None:
        sources = self.doc.briefing.sources
        keep = self._remembered if self._remembered and self.model.row_of(self._remembered) >= 0 else None
        if keep is None and sources:
            keep = sources[0].id
        if keep:
            # a new snapshot (add, remove, undo) keeps the choice; it does not move the source pane
            self._restoring = True
            row = self.model.row_of(keep)
            self.view.selectionModel().setCurrentIndex(
                self.model.index(row, 1),
                QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
            )
            self._restoring = False
            # the form follows even when the row number stayed the same (a new snapshot)
            self.form.show_source(self.doc.briefing.source(keep))
        else:
            self.form.show_source(None)
