"""A table model over one of the briefing's item lists.

It holds no data: every call reads ``document.items(list_name)``, and ``setData`` or a drop
pushes an undo command.  Document signals keep attached views in step.
"""

from __future__ import annotations

from typing import Any

from pydantic import ValidationError
from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont

from ..commands import MoveItem, SetItemField
from ..document import BriefingDocument
from .specs import CardSpec, Column

ITEM_ID_MIME = "application/x-briefing-item-id"
ItemIdRole = Qt.ItemDataRole.UserRole + 1

_Index = QModelIndex | QPersistentModelIndex


def display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def parse(column: Column, text: Any) -> Any:
    """Turn what an editor returned into the model's type; raises ValueError with a reason."""
    if column.kind == "choice":
        return (text or None) if column.optional else text
    text = "" if text is None else str(text).strip()
    if column.required and not text:
        raise ValueError(f"{column.header}: cannot be empty (delete the item instead)")
    if column.kind == "int":
        if not text:
            return None
        try:
            return int(text.replace(",", ""))
        except ValueError:
            raise ValueError(f"{column.header}: {text!r} is not a whole number") from None
    if column.kind == "float":
        if not text:
            return None
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"{column.header}: {text!r} is not a number") from None
    return text


#: what an edited quote's tooltip (and detail panel) says
EDITED_NOTE = "Edited: no longer the source's exact words. Exported as a paraphrase, without quotation marks."


class ItemTableModel(QAbstractTableModel):
    #: an edit was refused (bad number, bad date…); the message is for the status bar.
    rejected = Signal(str)

    def __init__(self, doc: BriefingDocument, spec: CardSpec, parent=None) -> None:
        super().__init__(parent)
        self.doc, self.spec = doc, spec
        doc.reset.connect(self._reset)
        doc.itemsChanged.connect(self._items_changed)
        doc.itemChanged.connect(self._item_changed)

    @property
    def items(self) -> list[Any]:
        return self.doc.items(self.spec.list_name)

    # ----- read ---------------------------------------------------------------------------
    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt signature)
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.spec.columns)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.items):
            return None
        item = self.items[index.row()]
        column = self.spec.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return display(getattr(item, column.field))
        edited = self._edited_quote(item, column.field)
        if role == Qt.ItemDataRole.FontRole and edited:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ToolTipRole:
            value = display(getattr(item, column.field))
            if edited:
                return f"{value}\n\n{EDITED_NOTE}"
            return value if len(value) > 40 else (column.tooltip or None)
        if role == ItemIdRole:
            return item.id
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{column.header}: {display(getattr(item, column.field))}"
        return None

    def _edited_quote(self, item: Any, field: str) -> bool:
        """A direct quote whose words are no longer its evidence's (the analyst rewrote it)."""
        if self.spec.list_name != "quotes" or field != "text":
            return False
        from briefing.verbatim import is_verbatim

        return not is_verbatim(self.doc.briefing, item)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.spec.columns):
            column = self.spec.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                return column.header
            if role == Qt.ItemDataRole.ToolTipRole:
                return column.tooltip or None
        if orientation == Qt.Orientation.Vertical and role == Qt.ItemDataRole.DisplayRole:
            return str(section + 1)
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            # Drops land *between* rows (the list is reordered, never nested).
            return Qt.ItemFlag.ItemIsDropEnabled
        return (
            Qt.ItemFlag.ItemIsEnabled
            | Qt.ItemFlag.ItemIsSelectable
            | Qt.ItemFlag.ItemIsEditable
            | Qt.ItemFlag.ItemIsDragEnabled
        )

    def item_id(self, row: int) -> str | None:
        return self.items[row].id if 0 <= row < len(self.items) else None

    def row_of(self, item_id: str) -> int:
        try:
            return self.doc.index_of(self.spec.list_name, item_id)
        except KeyError:
            return -1

    # ----- write (through the undo stack) -------------------------------------------------
    def setData(self, index: _Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        item = self.items[index.row()]
        column = self.spec.columns[index.column()]
        try:
            new = self.doc.validated(item, column.field, parse(column, value))
        except (ValueError, ValidationError) as exc:
            self.rejected.emit(_reason(exc))
            return False
        if new == getattr(item, column.field):
            return False
        self.doc.push(SetItemField(self.doc, self.spec.list_name, item.id, column.field, new))
        return True

    # ----- drag to reorder ----------------------------------------------------------------
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ITEM_ID_MIME]

    def mimeData(self, indexes) -> QMimeData:
        mime = QMimeData()
        rows = sorted({index.row() for index in indexes if index.isValid()})
        if rows:
            mime.setData(ITEM_ID_MIME, QByteArray(self.items[rows[0]].id.encode()))
        return mime

    def dropMimeData(self, data: QMimeData, action, row: int, column: int, parent: _Index) -> bool:
        if not data.hasFormat(ITEM_ID_MIME):
            return False
        item_id = bytes(data.data(ITEM_ID_MIME).data()).decode()
        source = self.row_of(item_id)
        if source < 0:
            return False
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.items)
        # ``row`` is an insertion point in the list as it is; after taking the item out,
        # points below it shift up by one.
        target = row - 1 if row > source else row
        if target == source:
            return False
        self.doc.push(MoveItem(self.doc, self.spec.list_name, item_id, target))
        # No removeRows here, so the view's "remove the dragged rows" step does nothing.
        return True

    # ----- follow the document ------------------------------------------------------------
    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()

    def _items_changed(self, list_name: str) -> None:
        if list_name == self.spec.list_name:
            self._reset()

    def _item_changed(self, list_name: str, item_id: str, field: str) -> None:
        if list_name != self.spec.list_name:
            return
        row = self.row_of(item_id)
        for col, column in enumerate(self.spec.columns):
            if column.field == field and row >= 0:
                index = self.index(row, col)
                self.dataChanged.emit(index, index)


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        error = exc.errors()[0]
        return str(error.get("msg", exc)).removeprefix("Value error, ")
    return str(exc)
