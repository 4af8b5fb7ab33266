"""Undo commands: the only code that changes the ``Briefing``.

Every command validates nothing itself: callers pass values already checked with
``BriefingDocument.validated*`` so that ``redo`` can never fail half-way inside Qt.
Typing in a text field pushes one ``SetItemField``/``SetDetail`` per keystroke with a
``merge_key`` (one per editing session), and ``mergeWith`` folds them into one step.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QUndoCommand

from briefing.model import Briefing, Item, new_id

from .document import BriefingDocument

_SET_ITEM_FIELD_ID = 1001
_SET_DETAIL_ID = 1002
#: a source's published date and the re-dated timeline that follows it merge into one step
_SOURCE_DATE_ID = 1003

#: words for the undo menu ("Undo Add force"), keyed by list name.
NOUNS = {
    "key_facts": "key fact",
    "forces": "force",
    "quotes": "quote",
    "outlook": "outlook item",
    "timeline": "timeline event",
    "places": "place",
}


def _label(field: str) -> str:
    return field.replace("_", " ")


class SetItemField(QUndoCommand):
    """Set one field of one item, found by id (rows move; ids do not)."""

    def __init__(
        self,
        doc: BriefingDocument,
        list_name: str,
        item_id: str,
        field: str,
        value: Any,
        *,
        merge_key: object | None = None,
    ) -> None:
        super().__init__(f"Edit {NOUNS.get(list_name, 'item')} {_label(field)}")
        self.doc, self.list_name, self.item_id, self.field = doc, list_name, item_id, field
        self.old = getattr(doc.item(list_name, item_id), field)
        self.new = value
        self.merge_key = merge_key

    def redo(self) -> None:
        self.doc.apply_item_field(self.list_name, self.item_id, self.field, self.new)

    def undo(self) -> None:
        self.doc.apply_item_field(self.list_name, self.item_id, self.field, self.old)

    def id(self) -> int:
        return _SET_ITEM_FIELD_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, SetItemField)
            and other.merge_key is not None
            and (other.merge_key, other.list_name, other.item_id, other.field)
            == (self.merge_key, self.list_name, self.item_id, self.field)
        ):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True


class SetDetail(QUndoCommand):
    """Set a briefing detail by dotted path: "title", "marking", "situation.bluf"…"""

    def __init__(
        self, doc: BriefingDocument, path: str, value: Any, *, merge_key: object | None = None
    ) -> None:
        super().__init__(f"Edit {_label(path.rpartition('.')[2]).replace('bluf', 'BLUF')}")
        self.doc, self.path = doc, path
        self.old = doc.detail(path)
        self.new = value
        self.merge_key = merge_key

    def redo(self) -> None:
        self.doc.apply_detail(self.path, self.new)

    def undo(self) -> None:
        self.doc.apply_detail(self.path, self.old)

    def id(self) -> int:
        return _SET_DETAIL_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, SetDetail)
            and other.merge_key is not None
            and (other.merge_key, other.path) == (self.merge_key, self.path)
        ):
            return False
        self.new = other.new
        self.setObsolete(self.new == self.old)
        return True


class InsertItems(QUndoCommand):
    """Add new items at ``index`` (add, duplicate, add from a source selection)."""

    def __init__(
        self, doc: BriefingDocument, list_name: str, index: int, items: list[Item], text: str = ""
    ) -> None:
        super().__init__(text or f"Add {NOUNS.get(list_name, 'item')}")
        self.doc, self.list_name, self.index, self.items = doc, list_name, index, items

    def redo(self) -> None:
        self.doc.apply_insert(self.list_name, self.index, self.items)

    def undo(self) -> None:
        self.doc.apply_remove(self.list_name, [item.id for item in self.items])


def duplicate(doc: BriefingDocument, list_name: str, item_id: str) -> InsertItems:
    """A copy with a fresh id, placed just below the original."""
    row = doc.index_of(list_name, item_id)
    copy = doc.items(list_name)[row].model_copy(deep=True, update={"id": new_id()})
    return InsertItems(doc, list_name, row + 1, [copy], f"Duplicate {NOUNS.get(list_name, 'item')}")


class RemoveItem(QUndoCommand):
    def __init__(self, doc: BriefingDocument, list_name: str, item_id: str) -> None:
        super().__init__(f"Delete {NOUNS.get(list_name, 'item')}")
        self.doc, self.list_name, self.item_id = doc, list_name, item_id
        self.index = doc.index_of(list_name, item_id)
        self.item = doc.items(list_name)[self.index]

    def redo(self) -> None:
        self.doc.apply_remove(self.list_name, [self.item_id])

    def undo(self) -> None:
        self.doc.apply_insert(self.list_name, self.index, [self.item])


class MoveItem(QUndoCommand):
    """Move an item to row ``to_index`` (counted after it has been taken out)."""

    def __init__(self, doc: BriefingDocument, list_name: str, item_id: str, to_index: int) -> None:
        super().__init__(f"Move {NOUNS.get(list_name, 'item')}")
        self.doc, self.list_name, self.item_id = doc, list_name, item_id
        self.from_index = doc.index_of(list_name, item_id)
        self.to_index = max(0, min(to_index, len(doc.items(list_name)) - 1))

    def redo(self) -> None:
        self.doc.apply_move(self.list_name, self.item_id, self.to_index)

    def undo(self) -> None:
        self.doc.apply_move(self.list_name, self.item_id, self.from_index)


class SortItems(QUndoCommand):
    """Sort a card by one field (the order the briefing prints), one undo step."""

    def __init__(self, doc: BriefingDocument, list_name: str, field: str, descending: bool = False) -> None:
        super().__init__(f"Sort {NOUNS.get(list_name, 'item')}s by {_label(field)}")
        self.doc, self.list_name = doc, list_name
        items = doc.items(list_name)
        self.old = [item.id for item in items]

        def key(item: Item) -> tuple[int, str]:
            value = getattr(item, field, None)
            empty = value is None or value == ""
            # empty values last either way; numbers as numbers, text without case
            text = f"{value:020.6f}" if isinstance(value, int | float) else str(value or "").casefold()
            return (1 if empty else 0, text)

        ordered = sorted(items, key=key, reverse=descending)
        if descending:  # keep empties last
            ordered = [i for i in ordered if key(i)[0] == 0] + [i for i in ordered if key(i)[0] == 1]
        self.new = [item.id for item in ordered]

    def redo(self) -> None:
        self.doc.apply_order(self.list_name, self.new)

    def undo(self) -> None:
        self.doc.apply_order(self.list_name, self.old)


class ApplyTemplate(QUndoCommand):
    """Use a template: its name, default marking and organisation set together, one undo step."""

    def __init__(self, doc: BriefingDocument, values: dict[str, Any], title: str) -> None:
        super().__init__(f"Use template {title}")
        self.doc = doc
        self.new = dict(values)
        self.old = {path: doc.detail(path) for path in values}

    def redo(self) -> None:
        for path, value in self.new.items():
            self.doc.apply_detail(path, value)

    def undo(self) -> None:
        for path, value in self.old.items():
            self.doc.apply_detail(path, value)


class ReplaceBriefing(QUndoCommand):
    """A change the core computes as a new briefing (add or remove a source, split an item,
    re-date a source's timeline): undo puts the old one back.  One step, however many cards."""

    def __init__(self, doc: BriefingDocument, new: Briefing, text: str) -> None:
        super().__init__(text)
        self.doc, self.old, self.new = doc, doc.briefing, new

    def redo(self) -> None:
        self.doc.apply_briefing(self.new)

    def undo(self) -> None:
        self.doc.apply_briefing(self.old)


class RedateTimeline(ReplaceBriefing):
    """The timeline re-read after a source's published date was entered; it folds into the
    date edit that asked for it (``SetSourceField.mergeWith``), so both undo together."""

    def __init__(self, doc: BriefingDocument, new: Briefing, source_id: str, requested_by: object) -> None:
        super().__init__(doc, new, "Re-date the source’s timeline")
        self.source_id, self.requested_by = source_id, requested_by

    def id(self) -> int:
        return _SOURCE_DATE_ID


SOURCE_FIELD_LABELS = {
    "date": "published date",
    "accessed": "accessed date",
    "url": "URL",
}


class SetSourceField(QUndoCommand):
    """Set one metadata field of one source, found by id: title, outlet, grade, dates…"""

    def __init__(self, doc: BriefingDocument, source_id: str, field: str, value: Any) -> None:
        super().__init__(f"Edit source {SOURCE_FIELD_LABELS.get(field, _label(field))}")
        source = doc.briefing.source(source_id)
        if source is None:
            raise KeyError(f"no source {source_id}")
        self.doc, self.source_id, self.field = doc, source_id, field
        self.old, self.new = getattr(source, field), value
        self.redate: RedateTimeline | None = None

    def redo(self) -> None:
        self.doc.apply_source_field(self.source_id, self.field, self.new)
        if self.redate is not None:
            self.redate.redo()

    def undo(self) -> None:
        if self.redate is not None:
            self.redate.undo()
        self.doc.apply_source_field(self.source_id, self.field, self.old)

    def id(self) -> int:
        return _SOURCE_DATE_ID if self.field == "date" else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not (
            isinstance(other, RedateTimeline)
            and other.requested_by is self
            and self.redate is None
        ):
            return False
        self.redate = other  # already applied by the stack's push
        return True


class ReplaceItem(QUndoCommand):
    """Put a changed copy of one item in its place (settling a conflict sets the field and the
    choice together)."""

    def __init__(self, doc: BriefingDocument, list_name: str, new: Item, text: str) -> None:
        super().__init__(text)
        self.doc, self.list_name = doc, list_name
        self.old = doc.item(list_name, new.id)
        self.new = new

    def redo(self) -> None:
        self.doc.apply_item(self.list_name, self.new)

    def undo(self) -> None:
        self.doc.apply_item(self.list_name, self.old)
