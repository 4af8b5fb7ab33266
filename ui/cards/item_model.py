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
from PySide6.QtGui import QColor, QFont

from briefing import merge

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


_ANSWERED_ROLES = frozenset(
    {
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.EditRole,
        Qt.ItemDataRole.FontRole,
        Qt.ItemDataRole.ToolTipRole,
        Qt.ItemDataRole.BackgroundRole,
        Qt.ItemDataRole.ForegroundRole,
        Qt.ItemDataRole.AccessibleTextRole,
        ItemIdRole,
    }
)

#: an open conflict's cell: amber (the colour of caution), translucent for light and dark themes
CONFLICT_COLOUR = QColor(255, 176, 0, 90)
CONFLICT_MARK = "⚠"


def support_text(briefing, item) -> str:
    """"2/3 [1][3]": how many of the briefing's sources support the item, and which."""
    numbers = merge.citation_numbers(briefing, item)
    if not numbers:
        return "own"
    return f"{len(numbers)}/{len(briefing.sources)} " + "".join(f"[{n}]" for n in numbers)


def conflict_note(briefing, item, conflict) -> str:
    """"Sources disagree on strength: “about 60” [1] · “100” [2]"."""
    order = {s.id: n for n, s in enumerate(briefing.sources, 1)}
    values = " · ".join(
        f"“{v.value}” " + "".join(f"[{order[sid]}]" for sid in v.source_ids if sid in order)
        for v in conflict.values
    )
    return f"Sources disagree on {conflict.field.replace('_', ' ')}: {values}"


#: what an edited quote's tooltip (and detail panel) says
EDITED_NOTE = "Edited: no longer the source's exact words. Exported as a paraphrase, without quotation marks."


class ItemTableModel(QAbstractTableModel):
    #: an edit was refused (bad number, bad date…); the message is for the status bar.
    rejected = Signal(str)

    def __init__(self, doc: BriefingDocument, spec: CardSpec, parent=None) -> None:
        super().__init__(parent)
        self.doc, self.spec = doc, spec
        self._support_cache: dict[str, str] = {}
        self._muted: QColor | None = None
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
        if parent.isValid():
            return 0
        return len(self.spec.columns) + (1 if self.shows_support else 0)

    @property
    def shows_support(self) -> bool:
        """A "Sources" column only when there is more than one source: one-source briefs keep
        their look.  (The source count changes only with a reset, so the columns stay in step.)"""
        return len(self.doc.briefing.sources) > 1 and self.spec.list_name in merge.ITEM_CARDS

    @property
    def support_column(self) -> int:
        return len(self.spec.columns) if self.shows_support else -1

    def open_conflicts(self, item: Any) -> list[Any]:
        return [c for c in getattr(item, "conflicts", []) if c.is_open]

    def _support_data(self, item: Any, role: int) -> Any:
        briefing = self.doc.briefing
        if role == Qt.ItemDataRole.DisplayRole:
            text = self._support_cache.get(item.id)
            if text is None:  # asked for on every paint and every row sizing: counted once
                text = self._support_cache[item.id] = support_text(briefing, item)
            return text
        if role == Qt.ItemDataRole.ToolTipRole:
            numbers = merge.citation_numbers(briefing, item)
            if not numbers:
                return "Written by hand: no source supports it"
            lines = [merge.support_label(briefing, item)]
            for n in numbers:
                source = briefing.sources[n - 1]
                lines.append(f"[{n}] {source.title or source.file_name or 'untitled'}")
            if len(numbers) == 1:
                lines.append("Single source: not corroborated")
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and len(item.source_ids) < 2:
            if self._muted is None:  # single source: muted (the palette read once, not per cell)
                from PySide6.QtGui import QPalette

                self._muted = QPalette().color(QPalette.ColorRole.PlaceholderText)
            return self._muted
        if role == ItemIdRole:
            return item.id
        return None

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # A view asks for a dozen roles per cell, and sizing rows asks for every cell: roles this
        # model never answers return before any lookup (a reset of a long card stays cheap).
        if role not in _ANSWERED_ROLES or not index.isValid():
            return None
        items = self.items
        row = index.row()
        if row >= len(items):
            return None
        item = items[row]
        if index.column() >= len(self.spec.columns):
            return self._support_data(item, role)
        column = self.spec.columns[index.column()]
        if role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole) and item.conflicts:
            conflicts = [c for c in self.open_conflicts(item) if self._conflict_column(c) == index.column()]
            if conflicts and role == Qt.ItemDataRole.BackgroundRole:
                return CONFLICT_COLOUR
            if conflicts:
                notes = "\n".join(conflict_note(self.doc.briefing, item, c) for c in conflicts)
                return f"{notes}\nSettle it in the panel below the table."
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

    def _conflict_column(self, conflict: Any) -> int:
        """The column a conflict shows in: its field's, or the first when no column holds it."""
        return next((c for c, col in enumerate(self.spec.columns) if col.field == conflict.field), 0)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and section == self.support_column:
            if role == Qt.ItemDataRole.DisplayRole:
                return "Sources"
            if role == Qt.ItemDataRole.ToolTipRole:
                return "How many of the briefing's sources support the item, and which ([n] as in the PDF)"
            return None
        if orientation == Qt.Orientation.Vertical and 0 <= section < len(self.items):
            item = self.items[section]
            conflicts = self.open_conflicts(item)
            if conflicts and role == Qt.ItemDataRole.DisplayRole:
                return f"{section + 1} {CONFLICT_MARK}"
            if conflicts and role == Qt.ItemDataRole.ToolTipRole:
                return "\n".join(conflict_note(self.doc.briefing, item, c) for c in conflicts)
            if conflicts and role == Qt.ItemDataRole.BackgroundRole:
                return CONFLICT_COLOUR
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
        if index.column() >= len(self.spec.columns):  # the Sources column is read, not edited
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
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
        if index.column() >= len(self.spec.columns):
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
        self._support_cache.clear()
        self.beginResetModel()
        self.endResetModel()

    def _items_changed(self, list_name: str) -> None:
        if list_name == self.spec.list_name:
            self._reset()

    def _item_changed(self, list_name: str, item_id: str, field: str) -> None:
        if list_name != self.spec.list_name:
            return
        self._support_cache.pop(item_id, None)
        row = self.row_of(item_id)
        if row < 0:
            return
        if field in ("conflicts", "evidence"):  # marks and the Sources column: the whole row
            self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))
            self.headerDataChanged.emit(Qt.Orientation.Vertical, row, row)
            return
        for col, column in enumerate(self.spec.columns):
            if column.field == field:
                index = self.index(row, col)
                self.dataChanged.emit(index, index)


def _reason(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        error = exc.errors()[0]
        return str(error.get("msg", exc)).removeprefix("Value error, ")
    return str(exc)
