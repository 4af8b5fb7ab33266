"""Several sources in one briefing: add, remove, merge the items that state the same fact.

The editor and the CLI call only these functions; widgets never merge.  Every function returns
a new ``Briefing`` and leaves its arguments untouched, so an undo command can keep the old one.

This first version appends and does not yet merge or detect conflicts: the contract (names,
arguments, results) is what the editor and the CLI build on.
"""

from __future__ import annotations

from collections.abc import Sequence

from .model import Briefing, Item

#: the cards whose items can be merged, split and counted per source
ITEM_CARDS: tuple[str, ...] = ("forces", "quotes", "outlook", "timeline", "places")


def add_source(briefing: Briefing, extracted: Briefing) -> Briefing:
    """``briefing`` with ``extracted``'s sources appended and its items merged into the cards."""
    merged = briefing.model_copy(deep=True)
    new = extracted.model_copy(deep=True)
    known = {s.id for s in merged.sources}
    merged.sources.extend(s for s in new.sources if s.id not in known)
    for card in ITEM_CARDS:
        getattr(merged, card).extend(getattr(new, card))
    if not merged.situation.bluf:
        merged.situation = new.situation
    if not merged.title:
        merged.title = new.title
    return merged


def merge_briefings(briefings: Sequence[Briefing]) -> Briefing:
    """One briefing from several extracted ones (``briefing extract A B C``); the first leads."""
    if not briefings:
        raise ValueError("merge_briefings needs at least one briefing")
    result = briefings[0].model_copy(deep=True)
    for other in briefings[1:]:
        result = add_source(result, other)
    return result


def items_only_from(briefing: Briefing, source_id: str) -> dict[str, list[str]]:
    """Per card, the ids of the items that no source but ``source_id`` supports."""
    return {
        card: [it.id for it in getattr(briefing, card) if it.source_ids == [source_id]]
        for card in ITEM_CARDS
    }


def remove_source(briefing: Briefing, source_id: str, *, keep_orphans: bool = False) -> Briefing:
    """``briefing`` without the source; its spans go, and so do the items only it supported,
    unless ``keep_orphans`` (they stay, with no evidence, as the analyst's own items)."""
    result = briefing.model_copy(deep=True)
    result.sources = [s for s in result.sources if s.id != source_id]
    for card in ITEM_CARDS:
        kept = []
        for item in getattr(result, card):
            only_this = item.source_ids == [source_id]
            item.evidence = [sp for sp in item.evidence if sp.source_id != source_id]
            if only_this and not keep_orphans:
                continue
            kept.append(item)
        setattr(result, card, kept)
    result.situation.bluf_evidence = [
        sp for sp in result.situation.bluf_evidence if sp.source_id != source_id
    ]
    for fact in result.situation.key_facts:
        fact.evidence = [sp for sp in fact.evidence if sp.source_id != source_id]
    return result


def split_item(briefing: Briefing, card: str, item_id: str) -> Briefing:
    """Undo a merge: the item becomes one item per source it was read from."""
    result = briefing.model_copy(deep=True)
    items = getattr(result, card)
    index = next((i for i, it in enumerate(items) if it.id == item_id), None)
    if index is None:
        raise KeyError(f"no {card} item {item_id}")
    item = items[index]
    if len(item.source_ids) < 2:
        return result
    parts = []
    for n, source_id in enumerate(item.source_ids):
        part = item.model_copy(deep=True)
        if n:
            part.id = Item().id
        part.evidence = [sp for sp in item.evidence if sp.source_id == source_id]
        part.conflicts = []
        parts.append(part)
    items[index : index + 1] = parts
    return result


def citation_numbers(briefing: Briefing, item: Item) -> list[int]:
    """The item's sources as 1-based numbers in the briefing's source list ([1][3] in print)."""
    order = {s.id: n for n, s in enumerate(briefing.sources, 1)}
    return sorted(order[sid] for sid in item.source_ids if sid in order)


def support_label(briefing: Briefing, item: Item) -> str:
    """"2 of 3 sources" (empty with one source: a one-source brief keeps its look)."""
    total = len(briefing.sources)
    if total < 2:
        return ""
    return f"{len(citation_numbers(briefing, item))} of {total} sources"
