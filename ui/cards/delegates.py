"""Editors for table cells whose values come from a fixed list (likelihood, kind, label)."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QComboBox, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from .specs import Column

EMPTY_CHOICE = "—"


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of ``column.choices``; picking one commits at once (one undo step)."""

    def __init__(self, column: Column, parent=None) -> None:
        super().__init__(parent)
        self.column = column

    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QWidget:
        combo = QComboBox(parent)
        combo.setAccessibleName(self.column.header)
        combo.setToolTip(self.column.tooltip or f"Choose the {self.column.header.lower()}")
        if self.column.optional:
            combo.addItem(EMPTY_CHOICE, "")
        for choice in self.column.choices:
            combo.addItem(choice, choice)
        combo.activated.connect(lambda _i, c=combo: self._commit(c))
        return combo

    def _commit(self, combo: QComboBox) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo, QStyledItemDelegate.EndEditHint.NoHint)

    def setEditorData(self, editor: QWidget, index: QModelIndex | QPersistentModelIndex) -> None:
        assert isinstance(editor, QComboBox)
        value = index.data(Qt.ItemDataRole.EditRole) or ""
        position = editor.findData(value)
        editor.setCurrentIndex(max(0, position))

    def setModelData(
        self, editor: QWidget, model: QAbstractItemModel, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)
