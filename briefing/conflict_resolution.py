"""Settling a conflict: the analyst picks one source's value, keeps both, or writes their own.

``briefing.merge`` finds conflicts (the same force with "about 60" and "100"); this module only
records the analyst's answer on a copy of the item, so the editor can undo it and the file keeps
it.  The conflict itself stays with every value and its sources: a reader can still see that the
sources disagreed and how it was settled.
"""

from __future__ import annotations

import re
import types
import typing
from typing import Literal

from .model import Item

Resolution = Literal["picked", "both", "own"]
_NUMBER = re.compile(r"\d[\d,]*")


def _wants_int(item: Item, field: str) -> bool:
    info = type(item).model_fields.get(field)
    if info is None:
        raise ValueError(f"{type(item).__name__} has no field {field!r}")
    annotation = info.annotation
    args = typing.get_args(annotation) if isinstance(annotation, types.UnionType) else (annotation,)
    return int in args


def field_value(item: Item, field: str, text: str) -> object:
    """``text`` as ``field`` stores it: a head count from "about 60" is 60; text stays text."""
    if _wants_int(item, field):
        found = _NUMBER.search(text)
        if not found:
            if not text.strip():
                return None
            raise ValueError(f"{field}: {text!r} holds no whole number")
        return int(found.group().replace(",", ""))
    return " ".join(text.split())


def resolve_conflict(item: Item, conflict_id: str, resolution: Resolution, value: str = "") -> Item:
    """A copy of ``item`` with the conflict settled.

    "picked" and "own" put ``value`` in the field (one of the sources' values, or the analyst's);
    "both" leaves the field as it is and marks both values as kept, to be printed together.
    Raises ValueError when ``value`` does not fit the field (a head count with no number).
    """
    result = item.model_copy(deep=True)
    conflict = next((c for c in result.conflicts if c.id == conflict_id), None)
    if conflict is None:
        raise KeyError(f"no conflict {conflict_id} on item {item.id}")
    if resolution in ("picked", "own"):
        setattr(result, conflict.field, field_value(result, conflict.field, value))
    conflict.resolution = resolution
    return result
