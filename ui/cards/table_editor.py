"""One card's items as an editable table with add/duplicate/delete/move (buttons, keys, drag)."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon, QKeySequence, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHeaderView,
    QLineEdit,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from ..commands import InsertItems, MoveItem, RemoveItem, SortItems, duplicate
from ..document import BriefingDocument
from .delegates import ChoiceDelegate
from .item_detail import ItemDetail
from .item_model import ItemIdRole, ItemTableModel
from .specs import CardSpec


def _icon(name: QIcon.ThemeIcon) -> QIcon:
    # Theme icons follow the desktop's icon set (and its light/dark variant); none is fine too.
    return QIcon.fromTheme(name)


class _ItemTableView(QTableView):
    """A table that says what to do when it is empty, instead of showing a blank grid."""

    def __init__(self, empty_hint: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.empty_hint = empty_hint

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        model = self.model()
        if model is None or model.rowCount() > 0:
            return
        painter = QPainter(self.viewport())
        painter.setPen(self.palette().color(QPalette.ColorRole.PlaceholderText))
        margin = self.fontMetrics().horizontalAdvance("M") * 2
        area = self.viewport().rect().adjusted(margin, margin, -margin, -margin)
        painter.drawText(
            area,
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            self.empty_hint,
        )
        painter.end()


class CardTable(QWidget):
    #: the selected item changed: (list name, item id or "" when nothing is selected).
    currentItemChanged = Signal(str, str)
    #: a status-bar message (e.g. why an edit was refused).
    message = Signal(str)
    #: show these spans in the source pane (from the detail panel's merged sentences)
    evidenceRequested = Signal(object)

    def __init__(
        self, doc: BriefingDocument, spec: CardSpec, parent: QWidget | None = None, *, detail: bool = True
    ) -> None:
        super().__init__(parent)
        self.doc, self.spec = doc, spec
        self.model = ItemTableModel(doc, spec, self)
        self.model.rejected.connect(self.message)
        self._remember_id: str | None = None

        hint = f"No {spec.title.lower()} yet.\nUse Add, or select words in the article and right-click."
        if spec.list_name not in ("quotes", "forces", "outlook"):
            hint = f"No {spec.title.lower()} yet. Use Add to write one."
        self.view = _ItemTableView(hint, self)
        self.view.setModel(self.model)
        self.view.setAccessibleName(f"{spec.title} table")
        self.view.setToolTip(
            f"{spec.title}: double-click or F2 to edit; drag rows to reorder; select a row to see "
            "its evidence in the source"
        )
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.view.setDragEnabled(True)
        self.view.setDropIndicatorShown(True)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        rows = self.view.verticalHeader()
        # Rows fit their text, but only the rows in view are measured (``_fit_visible_rows``):
        # ResizeToContents measured every cell of every row on each change of the whole briefing,
        # a second and more for a card of a few hundred rows (ten sources added).
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        # Long sentences wrap to at most two lines (the rest is elided; the tooltip, the item's
        # detail and the highlighted evidence show it all), so the table stays scannable.
        rows.setMaximumSectionSize(self.fontMetrics().lineSpacing() * 2 + self.fontMetrics().height() // 2)
        self.view.setTextElideMode(Qt.TextElideMode.ElideRight)
        header = self.view.horizontalHeader()
        header.setHighlightSections(False)
        for col, column in enumerate(spec.columns):
            if column.kind == "choice":
                self.view.setItemDelegateForColumn(col, ChoiceDelegate(column, self.view))
            header.setSectionResizeMode(
                col, QHeaderView.ResizeMode.Stretch if column.stretch else QHeaderView.ResizeMode.Interactive
            )
        self._fit_columns()
        # Row heights depend on column widths; recompute once the columns settle.
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(0)
        self._rows_timer.timeout.connect(self._fit_visible_rows)
        header.sectionResized.connect(lambda *_: self._rows_timer.start())
        # a column fits the rows in view (and up to 50 more), not every row of a long card
        header.setResizeContentsPrecision(50)
        self.view.verticalScrollBar().valueChanged.connect(lambda *_: self._rows_timer.start())
        self.model.modelReset.connect(self._rows_timer.start)
        self.model.dataChanged.connect(lambda *_: self._rows_timer.start())
        self.model.rowsInserted.connect(lambda *_: self._rows_timer.start())

        self.toolbar = QToolBar(f"{spec.title} actions", self)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toolbar.setAccessibleName(f"{spec.title} actions")
        noun = spec.noun
        self.add_action = self._action(
            "Add",
            QIcon.ThemeIcon.ListAdd,
            QKeySequence(Qt.Key.Key_Insert),
            f"Add a {noun} (Insert)",
            self.add_item,
        )
        self.duplicate_action = self._action(
            "Duplicate",
            QIcon.ThemeIcon.EditCopy,
            QKeySequence("Ctrl+D"),
            f"Duplicate the selected {noun} (Ctrl+D)",
            self.duplicate_item,
        )
        self.delete_action = self._action(
            "Delete",
            QIcon.ThemeIcon.ListRemove,
            QKeySequence(QKeySequence.StandardKey.Delete),
            f"Delete the selected {noun} (Del)",
            self.delete_item,
        )
        self.up_action = self._action(
            "Up",
            QIcon.ThemeIcon.GoUp,
            QKeySequence("Ctrl+Up"),
            f"Move the {noun} up (Ctrl+Up)",
            lambda: self.move_item(-1),
        )
        self.down_action = self._action(
            "Down",
            QIcon.ThemeIcon.GoDown,
            QKeySequence("Ctrl+Down"),
            f"Move the {noun} down (Ctrl+Down)",
            lambda: self.move_item(+1),
        )

        # sort: a header click orders the card by that column (again: the other way), one undo
        # step, because the order is the briefing's own (it is the order the PDF prints)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self.sort_by)
        self._sorted: tuple[int, bool] | None = None
        # filter: rows without the words are hidden from view, never removed
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText("Filter…")
        self.filter.setClearButtonEnabled(True)
        self.filter.setAccessibleName(f"Filter {spec.title.lower()}")
        self.filter.setToolTip(f"Show only the {spec.title.lower()} holding these words")
        self.filter.setMaximumWidth(self.fontMetrics().horizontalAdvance("M") * 14)
        self.filter.textChanged.connect(lambda _t: self.apply_filter())
        spacer = QWidget(self)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addWidget(self.filter)

        # the selected item in full under the table (drag the handle to resize or hide it)
        self.detail = ItemDetail(doc, spec, self.model, self)
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.addWidget(self.view)
        # in a scroll area, so a short window shrinks the panel instead of growing the window
        holder = QScrollArea(self)
        holder.setWidgetResizable(True)
        holder.setFrameShape(QFrame.Shape.NoFrame)
        holder.setWidget(self.detail)
        self.split.addWidget(holder)
        holder.setVisible(detail)  # key facts are one line each: the Situation tab has no room for it
        self.split.setStretchFactor(0, 3)
        self.split.setStretchFactor(1, 1)
        self.split.setCollapsible(0, False)
        self.currentItemChanged.connect(lambda _list, item_id: self.detail.show_item(item_id))
        self.detail.spansChosen.connect(self.evidenceRequested)
        self.detail.message.connect(self.message)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.split)

        self.model.modelAboutToBeReset.connect(self._before_reset)
        self.model.modelReset.connect(self._after_reset)
        self.view.selectionModel().currentRowChanged.connect(self._current_changed)
        doc.focusItem.connect(self._focus_item)
        self._update_actions()

    def _action(self, text: str, icon: QIcon.ThemeIcon, keys: QKeySequence, tip: str, slot) -> QAction:
        action = QAction(_icon(icon), text, self)
        action.setShortcut(keys)
        # Active while focus is anywhere in this card, so each card's Del deletes its own rows.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(slot)
        self.addAction(action)
        self.toolbar.addAction(action)
        return action

    # ----- selection ----------------------------------------------------------------------
    def current_id(self) -> str | None:
        index = self.view.currentIndex()
        return index.data(ItemIdRole) if index.isValid() else None

    def select_item(self, item_id: str) -> None:
        row = self.model.row_of(item_id)
        if row < 0:
            return
        index = self.model.index(row, max(0, self.view.currentIndex().column()))
        self.view.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.view.scrollTo(index)

    def _focus_item(self, list_name: str, item_id: str) -> None:
        if list_name == self.spec.list_name:
            self.select_item(item_id)

    def sort_by(self, col: int) -> None:
        if not 0 <= col < len(self.spec.columns) or self.model.rowCount() < 2:
            return
        descending = self._sorted == (col, False)
        self._sorted = (col, descending)
        # no lasting sort arrow: after Up/Down or a drag the order is the analyst's again
        self.doc.push(SortItems(self.doc, self.spec.list_name, self.spec.columns[col].field, descending))

    def apply_filter(self) -> None:
        words = self.filter.text().strip().casefold()
        columns = range(self.model.columnCount())
        for row in range(self.model.rowCount()):
            cells = (str(self.model.data(self.model.index(row, col)) or "") for col in columns)
            self.view.setRowHidden(row, bool(words) and not any(words in cell.casefold() for cell in cells))

    def _before_reset(self) -> None:
        self._remember_id = self.current_id()

    def _after_reset(self) -> None:
        if self._remember_id and self.model.row_of(self._remember_id) >= 0:
            self.select_item(self._remember_id)
        else:
            self.currentItemChanged.emit(self.spec.list_name, "")
        if self.isVisible():  # a hidden tab fits its columns when shown (showEvent)
            self._fit_columns()
        self._update_actions()
        self.apply_filter()
        self.detail.show_item(self.current_id())  # the Sources parts follow the source count

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._update_actions()
        self.currentItemChanged.emit(
            self.spec.list_name, current.data(ItemIdRole) if current.isValid() else ""
        )

    def _update_actions(self) -> None:
        row = self.view.currentIndex().row() if self.view.currentIndex().isValid() else -1
        count = self.model.rowCount()
        for action in (self.duplicate_action, self.delete_action):
            action.setEnabled(row >= 0)
        self.up_action.setEnabled(row > 0)
        self.down_action.setEnabled(0 <= row < count - 1)

    def _fit_columns(self) -> None:
        """Size columns to content, but leave the prose column at least half the table.

        Column priority: the prose column (stretch) first; the others share what is left, each
        at most ~16 characters and at least ~5, elided with a tooltip when cut.
        """
        em = self.fontMetrics().horizontalAdvance("M")
        if self.model.support_column >= 0:  # "2/3 [1][3]": as wide as its text, never more
            self.view.horizontalHeader().setSectionResizeMode(
                self.model.support_column, QHeaderView.ResizeMode.ResizeToContents
            )
        others = [col for col, column in enumerate(self.spec.columns) if not column.stretch]
        for col in others:
            self.view.resizeColumnToContents(col)
            self.view.setColumnWidth(col, min(self.view.columnWidth(col), em * 16))
        budget = self.view.viewport().width() // 2
        content = {col: self.view.columnWidth(col) for col in others}
        total = sum(content.values())
        if others and budget > 0 and total > budget:
            for col in others:
                # shrink in proportion, but never below what a short value needs ("indirect")
                floor = min(content[col], em * 6)
                self.view.setColumnWidth(col, max(content[col] * budget // total, floor))
            # many columns in a narrow pane (Forces at 1024 px): the floors alone can leave the
            # prose column a sliver ("escriptic"); then the others give way down to ~4 letters
            support = self.model.support_column
            fixed = sum(self.view.columnWidth(col) for col in others)
            fixed += self.view.columnWidth(support) if support >= 0 else 0
            room = self.view.viewport().width() - fixed
            if room < em * 10:
                squeeze = max(0, fixed - (self.view.viewport().width() - em * 10))
                widths = {col: self.view.columnWidth(col) for col in others}
                spare = sum(max(0, w - em * 4) for w in widths.values()) or 1
                for col, width in widths.items():
                    give = max(0, width - em * 4) * min(squeeze, spare) // spare
                    self.view.setColumnWidth(col, width - give)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_columns()
        self._rows_timer.start()

    def showEvent(self, event) -> None:
        # a hidden tab measures no rows: fit again when it is shown with its data
        super().showEvent(event)
        self._fit_columns()
        self._rows_timer.start()

    #: rows measured beyond the viewport's last, so a short scroll shows them already fitted
    _ROWS_AHEAD = 5

    def _fit_visible_rows(self) -> None:
        """Fit the height of the rows in view (and a few below) to their text."""
        count = self.model.rowCount()
        if not self.isVisible() or count == 0:
            return
        first = max(0, self.view.rowAt(0))
        last = self.view.rowAt(self.view.viewport().height() - 1)
        last = count - 1 if last < 0 else min(count - 1, last + self._ROWS_AHEAD)
        for row in range(first, last + 1):
            if not self.view.isRowHidden(row):
                self.view.resizeRowToContents(row)

    # ----- commands -----------------------------------------------------------------------
    def add_item(self) -> None:
        current = self.view.currentIndex()
        row = current.row() + 1 if current.isValid() else self.model.rowCount()
        self.doc.push(InsertItems(self.doc, self.spec.list_name, row, [self.spec.factory()]))
        first_text = next((c for c, col in enumerate(self.spec.columns) if col.kind == "text"), 0)
        self.view.setFocus()
        self.view.edit(self.model.index(row, first_text))

    def duplicate_item(self) -> None:
        item_id = self.current_id()
        if item_id:
            self.doc.push(duplicate(self.doc, self.spec.list_name, item_id))

    def delete_item(self) -> None:
        item_id = self.current_id()
        if not item_id:
            return
        row = self.model.row_of(item_id)
        self.doc.push(RemoveItem(self.doc, self.spec.list_name, item_id))
        # Keep the keyboard user in place: select the row that took the deleted one's spot.
        next_id = self.model.item_id(min(row, self.model.rowCount() - 1))
        if next_id:
            self.select_item(next_id)

    def move_item(self, step: int) -> None:
        item_id = self.current_id()
        if not item_id:
            return
        row = self.model.row_of(item_id)
        target = row + step
        if 0 <= target < self.model.rowCount():
            self.doc.push(MoveItem(self.doc, self.spec.list_name, item_id, target))
