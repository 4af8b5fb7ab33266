"""Conflicts on merged items: record every value with its sources, never hide one.

The item's field keeps the value shown (the leading source's, or the analyst's choice); the
``Conflict`` beside it keeps all the values, each with the sources and spans that give it.
"""

from __future__ import annotations

import re

from .model import Conflict, ConflictValue, Force, Item, Span


def _same_value(field: str, a: str, b: str) -> bool:
    """Same value: the same words, or for a strength the same number ("around 100" is "100")."""
    if field == "strength":
        return re.sub(r"\D", "", a) == re.sub(r"\D", "", b)
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def field_value(item: Item, name: str) -> str:
    """The field as the text a conflict stores ("about 60" for a force's strength)."""
    if name == "strength" and isinstance(item, Force):
        return f"{item.qualifier} {item.strength}".strip() if item.strength is not None else ""
    value = getattr(item, name, "")
    return "" if value is None else str(value)


def set_field_value(item: Item, name: str, value: str) -> None:
    """Write a conflict's value back into the field (the reverse of ``field_value``)."""
    if name == "strength" and isinstance(item, Force):
        match = re.fullmatch(r"\s*(.*?)\s*(\d+)\s*", value)
        item.qualifier, item.strength = (match.group(1), int(match.group(2))) if match else ("", None)
    elif name == "likelihood":
        setattr(item, name, value or None)
    else:
        setattr(item, name, value)


def merged_spans(kept: list[Span], more: list[Span]) -> list[Span]:
    """``kept`` then the spans of ``more`` it does not hold yet (copies)."""
    known = {(s.source_id, s.start, s.end) for s in kept}
    return [*kept, *(s.model_copy() for s in more if (s.source_id, s.start, s.end) not in known)]


def _add_value(conflict: Conflict, value: str, source_ids: list[str], spans: list[Span]) -> bool:
    """Add sources to the value they give; True when the value is new to the conflict."""
    spans = [s.model_copy() for s in spans]
    for entry in conflict.values:
        if _same_value(conflict.field, entry.value, value):
            entry.source_ids = list(dict.fromkeys([*entry.source_ids, *source_ids]))
            entry.evidence = merged_spans(entry.evidence, spans)
            return False
    conflict.values = [*conflict.values, ConflictValue(value=value, source_ids=source_ids, evidence=spans)]
    return True


def record_disagreement(kept: Item, other: Item, name: str) -> None:
    """``other`` gives another value for ``name`` than ``kept`` shows: keep both, with sources.

    Called before ``other``'s spans join ``kept``.  A conflict the analyst already settled stays
    settled when a source repeats a value it has; a value nobody has seen yet reopens it, because
    the analyst's choice was made without it.
    """
    conflict = next((c for c in kept.conflicts if c.field == name), None)
    if conflict is None:
        conflict = Conflict(field=name)
        shown_sources = kept.source_ids
        _add_value(conflict, field_value(kept, name), shown_sources, list(kept.evidence))
        kept.conflicts = [*kept.conflicts, conflict]
    is_new = _add_value(conflict, field_value(other, name), other.source_ids, list(other.evidence))
    if is_new and conflict.resolution:
        conflict.resolution = ""


def record_agreement(kept: Item, other: Item, skip: set[str]) -> None:
    """``other`` gives a value already in a conflict of ``kept``: it is listed under it.

    ``skip``: the fields just recorded as disagreements (their values are in already)."""
    for conflict in kept.conflicts:
        if conflict.field in skip:
            continue
        value = field_value(other, conflict.field)
        if value:
            _add_value(conflict, value, other.source_ids, list(other.evidence))


def drop_source(item: Item, source_id: str) -> None:
    """The source is gone: its values go; a conflict left with one value is no conflict."""
    kept = []
    for conflict in item.conflicts:
        values = []
        for entry in conflict.values:
            entry.source_ids = [s for s in entry.source_ids if s != source_id]
            entry.evidence = [sp for sp in entry.evidence if sp.source_id != source_id]
            if entry.source_ids:
                values.append(entry)
        conflict.values = values
        if len(values) >= 2:
            kept.append(conflict)
        elif values and conflict.resolution in ("", "both"):
            # nobody chose the shown value over the others: show the one the sources still give
            set_field_value(item, conflict.field, values[0].value)
    item.conflicts = kept


def split_values(item: Item, source_id: str, part: Item) -> None:
    """A part split off a merged item shows the value its own source gave, not the leader's."""
    for conflict in item.conflicts:
        for entry in conflict.values:
            if source_id in entry.source_ids:
                set_field_value(part, conflict.field, entry.value)
                break


def open_conflicts(item: Item) -> list[Conflict]:
    """Conflicts a reader must see: still open, or kept with both values on purpose."""
    return [c for c in item.conflicts if c.resolution in ("", "both") and len(c.values) >= 2]
