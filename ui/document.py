"""The open document: one ``Briefing``, its undo stack, its file and whether it is saved.

Widgets never keep their own copy of the data: they read ``document.briefing`` and listen
to the signals below, which undo commands trigger after every change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from briefing.model import Briefing, Item

#: Card lists editable as tables; ``key_facts`` lives inside ``briefing.situation``.
ITEM_LISTS: tuple[str, ...] = ("key_facts", "forces", "quotes", "outlook", "timeline", "places")


def card_of(list_name: str) -> str:
    """The card a list belongs to (key facts are part of the Situation card)."""
    return "situation" if list_name == "key_facts" else list_name


class BriefingDocument(QObject):
    """Holds the model; commands call the ``apply_*`` methods, which emit the signals."""

    #: any change; the argument names the card ("situation", "forces", … "details") or "all".
    changed = Signal(str)
    #: the whole briefing was replaced: opened, new or restored (the undo stack is empty again),
    #: or an undo step that changes many cards at once (add or remove a source, split an item).
    reset = Signal()
    #: one field of one source changed: (source id, field name).
    sourceChanged = Signal(str, str)
    #: rows were added, removed or moved in an item list.
    itemsChanged = Signal(str)
    #: one field of one item changed: (list name, item id, field name).
    itemChanged = Signal(str, str, str)
    #: a briefing detail changed: its dotted path, e.g. "title" or "situation.bluf".
    detailChanged = Signal(str)
    #: a command asks views to show this item: (list name, item id).
    focusItem = Signal(str, str)
    modifiedChanged = Signal(bool)
    pathChanged = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.briefing = Briefing()
        self.path: Path | None = None
        self.undo_stack = QUndoStack(self)
        # A briefing made from an article has never been saved although nothing was undone.
        self._unsaved_new = False
        self._modified = False
        #: counts every change to the model: work done on a snapshot in the background (merging an
        #: added source) is used only if nothing changed meanwhile
        self.generation = 0
        self.changed.connect(self._count_change)
        self.undo_stack.cleanChanged.connect(self._update_modified)

    def _count_change(self, *_: object) -> None:
        self.generation += 1

    # ----- state --------------------------------------------------------------------------
    @property
    def modified(self) -> bool:
        return self._modified

    def _update_modified(self, *_: object) -> None:
        modified = self._unsaved_new or not self.undo_stack.isClean()
        if modified != self._modified:
            self._modified = modified
            self.modifiedChanged.emit(modified)

    def replace(self, briefing: Briefing, path: Path | None = None, *, unsaved: bool = False) -> None:
        """Show a different briefing (opened, extracted or restored); history starts afresh."""
        self.briefing = briefing
        self.undo_stack.clear()
        self.undo_stack.setClean()
        self._unsaved_new = unsaved
        self.set_path(path)
        self._update_modified()
        self.reset.emit()
        self.changed.emit("all")

    def set_path(self, path: Path | None) -> None:
        self.path = Path(path) if path is not None else None
        self.pathChanged.emit(self.path)

    def mark_saved(self, path: Path) -> None:
        self._unsaved_new = False
        self.set_path(path)
        self.undo_stack.setClean()
        self._update_modified()

    def push(self, command: QUndoCommand) -> None:
        """The one way widgets change the model."""
        self.undo_stack.push(command)

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else "Untitled.briefing"

    # ----- lookups ------------------------------------------------------------------------
    def items(self, list_name: str) -> list[Any]:
        if list_name == "key_facts":
            return self.briefing.situation.key_facts
        if list_name not in ITEM_LISTS:
            raise KeyError(list_name)
        return getattr(self.briefing, list_name)

    def index_of(self, list_name: str, item_id: str) -> int:
        for row, item in enumerate(self.items(list_name)):
            if item.id == item_id:
                return row
        raise KeyError(f"{list_name}: no item {item_id}")

    def item(self, list_name: str, item_id: str) -> Item:
        return self.items(list_name)[self.index_of(list_name, item_id)]

    def detail(self, path: str) -> Any:
        target: Any = self.briefing
        for part in path.split("."):
            target = getattr(target, part)
        return target

    # ----- validation (before a command is pushed, so redo never raises) -------------------
    @staticmethod
    def validated(target: Any, field: str, value: Any) -> Any:
        """``value`` as the model would store it; raises pydantic's ValidationError if refused."""
        probe = target.model_copy()
        setattr(probe, field, value)
        return getattr(probe, field)

    def validated_detail(self, path: str, value: Any) -> Any:
        owner_path, _, field = path.rpartition(".")
        owner = self.detail(owner_path) if owner_path else self.briefing
        return self.validated(owner, field, value)

    # ----- mutations: called by ui.commands only --------------------------------------------
    def apply_briefing(self, briefing: Briefing) -> None:
        """Swap in a whole briefing (a snapshot command's old or new state); history stays."""
        self.briefing = briefing
        self.reset.emit()
        self.changed.emit("all")

    def apply_source_field(self, source_id: str, field: str, value: Any) -> None:
        source = self.briefing.source(source_id)
        if source is None:
            raise KeyError(f"no source {source_id}")
        setattr(source, field, value)
        self.sourceChanged.emit(source_id, field)
        self.changed.emit("sources")

    def apply_item(self, list_name: str, item: Item) -> None:
        """Put ``item`` in place of the item with its id (a conflict settled: field + choice)."""
        target = self.items(list_name)
        target[self.index_of(list_name, item.id)] = item
        for field in type(item).model_fields:
            self.itemChanged.emit(list_name, item.id, field)
        self.changed.emit(card_of(list_name))

    def apply_item_field(self, list_name: str, item_id: str, field: str, value: Any) -> None:
        setattr(self.item(list_name, item_id), field, value)
        self.itemChanged.emit(list_name, item_id, field)
        self.changed.emit(card_of(list_name))

    def apply_detail(self, path: str, value: Any) -> None:
        owner_path, _, field = path.rpartition(".")
        owner = self.detail(owner_path) if owner_path else self.briefing
        setattr(owner, field, value)
        self.detailChanged.emit(path)
        self.changed.emit(owner_path.split(".")[0] if owner_path else "details")

    def apply_insert(self, list_name: str, index: int, items: list[Item]) -> None:
        target = self.items(list_name)
        for offset, item in enumerate(items):
            target.insert(index + offset, item)
        self._structure_changed(list_name, items[-1].id if items else None)

    def apply_remove(self, list_name: str, item_ids: list[str]) -> None:
        target = self.items(list_name)
        gone = set(item_ids)
        target[:] = [item for item in target if item.id not in gone]
        self._structure_changed(list_name, None)

    def apply_move(self, list_name: str, item_id: str, to_index: int) -> None:
        target = self.items(list_name)
        item = target.pop(self.index_of(list_name, item_id))
        target.insert(max(0, min(to_index, len(target))), item)
        self._structure_changed(list_name, item_id)

    def apply_order(self, list_name: str, item_ids: list[str]) -> None:
        """Put the list's items in the order of ``item_ids`` (the same ids, rearranged)."""
        target = self.items(list_name)
        by_id = {item.id: item for item in target}
        target[:] = [by_id[i] for i in item_ids if i in by_id]
        self._structure_changed(list_name, None)

    def _structure_changed(self, list_name: str, focus_id: str | None) -> None:
        self.itemsChanged.emit(list_name)
        self.changed.emit(card_of(list_name))
        if focus_id:
            self.focusItem.emit(list_name, focus_id)
