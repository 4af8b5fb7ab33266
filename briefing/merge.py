"""Several sources in one briefing: add, remove, merge the items that state the same fact.

The editor and the CLI call only these functions; widgets never merge.  Every function returns
a new ``Briefing`` and leaves its arguments untouched, so an undo command can keep the old one.

Items that state the same fact (``merge_rules.compare``) become one item holding the evidence
spans of every source, first source first; the field shows the leading source's value and fills
in only what it lacks.  Where sources disagree the item carries a ``Conflict`` with every value
and its sources (``conflicts.py``).  ``split_item`` takes a merged item apart again.
"""

from __future__ import annotations

from collections.abc import Sequence

from . import conflicts as conflict_book
from .merge_rules import (
    Disagreement,
    block_key,
    compare,
    content_words,
    dates_agree,
    index_words,
    jaccard,
    similarity,
)
from .model import Briefing, Item

#: the cards whose items can be merged, split and counted per source
ITEM_CARDS: tuple[str, ...] = ("forces", "quotes", "outlook", "timeline", "places")

#: fields a merged item takes from a later source when the leading one left them empty
_FILLABLE: dict[str, tuple[str, ...]] = {
    "forces": ("unit_type", "location", "status", "description"),
    "quotes": ("speaker", "speaker_role", "cue"),
    "outlook": ("likelihood", "timeframe"),
    "timeline": ("date_text",),
    "places": ("country_code",),
}

#: a later source's bottom line or key fact that says this much the same backs the leader's
_SAME_SUMMARY = 0.5


def _absorb(card: str, kept: Item, other: Item, disagreements) -> None:
    """``other`` states the fact ``kept`` holds: its spans join, its gaps-fillers fill, its
    different values are recorded as conflicts (before the spans join, so sources stay apart)."""
    for d in disagreements:
        conflict_book.record_disagreement(kept, other, d.field)
    conflict_book.record_agreement(kept, other, skip={d.field for d in disagreements})
    kept.evidence = conflict_book.merged_spans(kept.evidence, other.evidence)
    for name in _FILLABLE[card]:
        if not getattr(kept, name) and getattr(other, name):
            setattr(kept, name, getattr(other, name))
    if card == "forces" and kept.strength is None and other.strength is not None:  # type: ignore[attr-defined]
        kept.strength, kept.qualifier = other.strength, other.qualifier  # type: ignore[attr-defined]
    if card == "timeline" and dates_agree(kept.date, other.date) and len(other.date) > len(kept.date):  # type: ignore[attr-defined]
        kept.date = other.date  # type: ignore[attr-defined]  # the more precise of two agreeing dates
    if card == "places" and kept.lat is None and other.lat is not None:  # type: ignore[attr-defined]
        kept.lat, kept.lon = other.lat, other.lon  # type: ignore[attr-defined]


#: how far a sentence may reach around an event's span (a run-on paragraph is not one sentence)
_SENTENCE_REACH = 300


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding ``text[start:end]``: an event is often a clause cut from it."""
    lo = max(0, start - _SENTENCE_REACH)
    cut = max(text.rfind(". ", lo, start), text.rfind("\n", lo, start))
    begin = cut + 1 if cut >= 0 else lo
    reach = end + _SENTENCE_REACH
    ends = [i for i in (text.find(". ", end, reach), text.find("\n", end, reach)) if i >= 0]
    return text[begin : min(ends) if ends else min(len(text), end + _SENTENCE_REACH)]


def _first_sentences(items: Sequence[Item], texts: dict[str, str]) -> dict[str, str]:
    """Item id → the sentence of its first evidence span (what the timeline rule compares)."""
    found = {}
    for item in items:
        if item.evidence:
            span = item.evidence[0]
            found[item.id] = _sentence_around(texts.get(span.source_id, ""), span.start, span.end)
    return found


def _compare_with_any_statement(
    kept: Item, item: Item, texts: dict[str, str], sentences: dict[str, str], found_sentences: dict
) -> list[Disagreement] | None:
    """The timeline rule against each later statement of a merged event: a third report may word
    the event like the second did rather than like the first ("the boy fell into the enclosure on
    Saturday" matches the report that said "fell", not the one that said "slipped")."""
    mine = sentences.get(item.id, "")
    seen = {sentences.get(kept.id, "")}
    for span in kept.evidence[1:]:
        key = (span.source_id, span.start, span.end)
        if key not in found_sentences:  # each span's sentence is cut once per merge, not per pair
            found_sentences[key] = _sentence_around(texts.get(span.source_id, ""), span.start, span.end)
        sentence = found_sentences[key]
        if sentence in seen:
            continue
        seen.add(sentence)
        found = compare("timeline", kept, item, {kept.id: sentence, item.id: mine})
        if found is not None:
            return found
    return None


def _bridge(best: Item, item: Item, agreeing: list[Item], position: dict[str, int]) -> list[Item]:
    """Events a later report joins: when its event agrees with two earlier ones from other
    sources, those were one event told in words too different to match each other ("slipped into
    the enclosure" / "crawled through a barrier"), and the report that says both joins them.
    Only whole other sources are joined (never an item sharing a source with ``best``: one
    article's two events stay two), and only without a disagreement, so no conflict is made.
    The earliest of them stays (the leading source's wording); returns the items absorbed."""
    group, sources = [best], set(best.source_ids) | set(item.source_ids)
    for other in agreeing:
        if other is best or set(other.source_ids) & sources:
            continue
        group.append(other)
        sources |= set(other.source_ids)
    if len(group) == 1:
        return []
    survivor = min(group, key=lambda g: position[g.id])
    taken = [g for g in group if g is not survivor]
    for other in taken:
        _absorb("timeline", survivor, other, [])
    return taken


def _merge_into(
    card: str,
    targets: list[Item],
    incoming: Sequence[Item],
    texts: dict[str, str] | None = None,
    *,
    join_targets: bool = False,
) -> list[Item]:
    """``targets`` (kept as they are, an analyst's splits included) with ``incoming`` merged in.

    Incoming items are matched against the targets and against each other, so duplicates inside
    one source merge too.  Only items with the same block key (actor, place) are compared.
    ``join_targets``: the targets are fresh extractions (no analyst's split to respect), so an
    incoming event may join two of them (:func:`_bridge`)."""
    result = list(targets)
    sentences = _first_sentences([*targets, *incoming], texts) if texts and card == "timeline" else None
    span_sentences: dict[tuple[str, int, int], str] = {}
    blocks: dict[str, list[Item]] = {}
    # quotes: an inverted index by word, so each is compared only with quotes sharing a word
    by_word: dict[str, list[Item]] = {}
    unindexed: list[Item] = []  # quotes with no word of four letters: compared with all
    position: dict[str, int] = {}

    def remember(item: Item) -> None:
        key = block_key(card, item)
        blocks.setdefault(key, []).append(item)
        position[item.id] = len(position)
        words = index_words(card, item)
        if words is not None:
            for word in words:
                by_word.setdefault(word, []).append(item)
            if not words:
                unindexed.append(item)

    def candidates(item: Item) -> list[Item]:
        words = index_words(card, item)
        if not words:  # other cards, or a quote of short words only
            return blocks.get(block_key(card, item), [])
        found = {id(k): k for w in words for k in by_word.get(w, ())}
        found.update((id(k), k) for k in unindexed)
        return sorted(found.values(), key=lambda k: position[k.id])

    for item in result:
        remember(item)
    for item in incoming:
        best, best_score, best_disagreements = None, float("-inf"), []
        agreeing: list[Item] = []  # earlier items this one states without any disagreement
        for kept in candidates(item):
            disagreements = compare(card, kept, item, sentences)
            if disagreements is None and card == "timeline" and texts:
                disagreements = _compare_with_any_statement(
                    kept, item, texts, sentences or {}, span_sentences
                )
            if disagreements is None:
                continue
            if not disagreements:
                agreeing.append(kept)
            # the closest statement wins; one that agrees beats one that contradicts
            score = similarity(card, kept, item) - 0.5 * len(disagreements)
            if score > best_score:
                best, best_score, best_disagreements = kept, score, disagreements
        if best is not None:
            _absorb(card, best, item, best_disagreements)
            if card == "timeline" and join_targets:
                taken = {id(t) for t in _bridge(best, item, agreeing, position)}
                if taken:
                    result = [r for r in result if id(r) not in taken]
                    for key, members in blocks.items():
                        blocks[key] = [m for m in members if id(m) not in taken]
        else:
            result.append(item)
            remember(item)
    return result


def _merge_situation(merged: Briefing, new: Briefing) -> None:
    """The leading source's bottom line and key facts stay; later sources back them or fill gaps."""
    lead, other = merged.situation, new.situation
    if not lead.bluf:
        lead.bluf, lead.bluf_evidence = other.bluf, other.bluf_evidence
    elif other.bluf and jaccard(content_words(lead.bluf), content_words(other.bluf)) >= _SAME_SUMMARY:
        lead.bluf_evidence = [*lead.bluf_evidence, *other.bluf_evidence]
    if not lead.summary:
        lead.summary = other.summary
    for fact in other.key_facts:
        same_label = [f for f in lead.key_facts if f.label == fact.label]
        if not same_label:
            lead.key_facts = [*lead.key_facts, fact]
            continue
        words = content_words(fact.text)
        for kept in same_label:
            if jaccard(content_words(kept.text), words) >= _SAME_SUMMARY:
                kept.evidence = [*kept.evidence, *fact.evidence]
                break


def _texts(briefing: Briefing) -> dict[str, str]:
    return {s.id: s.text for s in briefing.sources}


def merge_duplicates(briefing: Briefing) -> Briefing:
    """``briefing`` with the items that state the same fact merged (one source or several)."""
    result = briefing.model_copy(deep=True)
    for card in ITEM_CARDS:
        setattr(result, card, _merge_into(card, [], getattr(result, card), _texts(result)))
    return result


def _add_into(merged: Briefing, new: Briefing, *, fresh: bool = False) -> None:
    """Merge ``new`` into ``merged`` in place (both are the caller's own copies); ``fresh``:
    ``merged`` is extraction output, with no analyst's split to keep apart."""
    known = {s.id for s in merged.sources}
    if new.sources and all(s.id in known for s in new.sources):
        return  # the same source twice adds nothing
    merged.sources.extend(s for s in new.sources if s.id not in known)
    texts = _texts(merged)
    for card in ITEM_CARDS:
        items = _merge_into(card, getattr(merged, card), getattr(new, card), texts, join_targets=fresh)
        setattr(merged, card, items)
    _merge_situation(merged, new)
    if not merged.title:
        merged.title = new.title


def add_source(briefing: Briefing, extracted: Briefing) -> Briefing:
    """``briefing`` with ``extracted``'s sources appended and its items merged into the cards.

    The open briefing's items are kept as they are (an analyst's edits, splits and resolved
    conflicts survive); only the new items are matched against them and against each other."""
    merged = briefing.model_copy(deep=True)
    _add_into(merged, extracted.model_copy(deep=True))
    return merged


def merge_briefings(briefings: Sequence[Briefing]) -> Briefing:
    """One briefing from several extracted ones (``briefing extract A B C``); the first leads."""
    if not briefings:
        raise ValueError("merge_briefings needs at least one briefing")
    result = merge_duplicates(briefings[0])
    for other in briefings[1:]:
        _add_into(result, other.model_copy(deep=True), fresh=True)  # one copy each, not one per step
    return result


def items_only_from(briefing: Briefing, source_id: str) -> dict[str, list[str]]:
    """Per card, the ids of the items that no source but ``source_id`` supports."""
    return {
        card: [it.id for it in getattr(briefing, card) if it.source_ids == [source_id]]
        for card in ITEM_CARDS
    }


def remove_source(briefing: Briefing, source_id: str, *, keep_orphans: bool = False) -> Briefing:
    """``briefing`` without the source; its spans and conflict values go, and so do the items only
    it supported, unless ``keep_orphans`` (they stay, with no evidence, as the analyst's own)."""
    result = briefing.model_copy(deep=True)
    result.sources = [s for s in result.sources if s.id != source_id]
    for card in ITEM_CARDS:
        kept = []
        for item in getattr(result, card):
            only_this = item.source_ids == [source_id]
            item.evidence = [sp for sp in item.evidence if sp.source_id != source_id]
            conflict_book.drop_source(item, source_id)
            if only_this and not keep_orphans:
                continue
            kept.append(item)
        setattr(result, card, kept)
    result.situation.bluf_evidence = [
        sp for sp in result.situation.bluf_evidence if sp.source_id != source_id
    ]
    # key facts stay (the situation is the leading source's summary); only their spans go
    for fact in result.situation.key_facts:
        fact.evidence = [sp for sp in fact.evidence if sp.source_id != source_id]
    return result


def split_item(briefing: Briefing, card: str, item_id: str) -> Briefing:
    """Undo a merge: the item becomes one item per statement it was merged from.

    Each part keeps its own evidence and, where the sources disagreed, its own source's value.
    Places split per source (one place is named many times in one article); the other cards per
    evidence span, since each extracted item is read from one span."""
    result = briefing.model_copy(deep=True)
    items = getattr(result, card)
    index = next((i for i, it in enumerate(items) if it.id == item_id), None)
    if index is None:
        raise KeyError(f"no {card} item {item_id}")
    item = items[index]
    if card == "places":
        groups = [[sp for sp in item.evidence if sp.source_id == sid] for sid in item.source_ids]
    else:
        groups = [[sp] for sp in item.evidence]
    if len(groups) < 2:
        return result
    parts = []
    for n, spans in enumerate(groups):
        part = item.model_copy(deep=True)
        if n:
            part.id = Item().id
        part.evidence = [sp.model_copy() for sp in spans]
        part.conflicts = []
        if n:  # the first part shows what the item showed; the others their own source's value
            conflict_book.split_values(item, spans[0].source_id, part)
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


def merged_statements(briefing: Briefing, item: Item) -> list[tuple[int, str]]:
    """What a merge joined, for a hover or detail panel: (citation number, the words read)."""
    order = {s.id: n for n, s in enumerate(briefing.sources, 1)}
    return [(order[sp.source_id], briefing.span_text(sp)) for sp in item.evidence if sp.source_id in order]
