"""What a printed briefing says about its sources: the numbered list, citations, warnings.

Templates (HTML/PDF), the Word export and the CLI's text output all read these, so a source is
numbered, graded and cited the same way everywhere.  With one source nothing here changes how a
briefing looks: the single-source tag and the support line appear only with two or more.
"""

from __future__ import annotations

from typing import Any

from .conflicts import open_conflicts
from .merge import ITEM_CARDS
from .model import Briefing, Conflict, Item, Source

RELIABILITY_WORDS = {
    "A": "completely reliable",
    "B": "usually reliable",
    "C": "fairly reliable",
    "D": "not usually reliable",
    "E": "unreliable",
    "F": "reliability cannot be judged",
}
CREDIBILITY_WORDS = {
    "1": "confirmed by other sources",
    "2": "probably true",
    "3": "possibly true",
    "4": "doubtful",
    "5": "improbable",
    "6": "truth cannot be judged",
}

#: how a conflict's field reads in print
FIELD_WORDS = {"strength": "strength", "status": "status", "date": "date", "speaker": "speaker"}


def admiralty_grade(source: Source) -> str:
    """"B2" (reliability letter + credibility digit); "–" stands in for a half not graded yet."""
    if not (source.reliability or source.credibility):
        return ""
    return f"{source.reliability or '–'}{source.credibility or '–'}"


def grade_words(source: Source) -> str:
    words = [RELIABILITY_WORDS.get(source.reliability, ""), CREDIBILITY_WORDS.get(source.credibility, "")]
    return "; ".join(w for w in words if w)


def source_entries(briefing: Briefing) -> list[dict[str, Any]]:
    """The numbered source list as plain values (what the reference list prints)."""
    entries = []
    for n, s in enumerate(briefing.sources, 1):
        title = s.title or s.standfirst[:140] or s.file_name or "Untitled article"
        entries.append(
            {
                "n": n,
                "id": s.id,
                "title": title.strip().rstrip("."),
                "outlet": s.outlet,
                "author": s.author,
                "published": s.date.isoformat() if s.date else "",
                "accessed": s.accessed.isoformat() if s.accessed else "",
                "url": s.url,
                "file_name": s.file_name,
                "grade": admiralty_grade(s),
                "grade_words": grade_words(s),
            }
        )
    return entries


def cite_numbers(briefing: Briefing, item: Item) -> list[int]:
    order = {s.id: n for n, s in enumerate(briefing.sources, 1)}
    return sorted(order[sid] for sid in item.source_ids if sid in order)


def cite_text(numbers: list[int]) -> str:
    return "".join(f"[{n}]" for n in numbers)


def conflict_line(briefing: Briefing, conflict: Conflict) -> str:
    """"sources differ on strength: about 60 [1] / 100 [2]" (every value, with its sources)."""
    order = {s.id: n for n, s in enumerate(briefing.sources, 1)}
    parts = []
    for entry in conflict.values:
        numbers = sorted(order[sid] for sid in entry.source_ids if sid in order)
        parts.append(f"{entry.value or 'not given'} {cite_text(numbers)}".strip())
    kept = " (both kept)" if conflict.resolution == "both" else ""
    return f"sources differ on {FIELD_WORDS.get(conflict.field, conflict.field)}: {' / '.join(parts)}{kept}"


def _items(briefing: Briefing) -> list[Item]:
    items: list[Item] = list(briefing.situation.key_facts)
    for card in ITEM_CARDS:
        items.extend(getattr(briefing, card))
    return items


def source_context(briefing: Briefing) -> dict[str, Any]:
    """Render-context entries for templates (keys are additions; nothing existing is renamed).

    - ``sources_list``: numbered entries with grade, published and accessed dates;
    - ``multi_source``: two or more sources (templates keep the one-source look otherwise);
    - ``cites``: item id → its citation numbers;
    - ``single_source``: ids of items only one source supports (only with several sources);
    - ``conflict_lines``: item id → the warning lines of its open or kept conflicts.
    """
    multi = len(briefing.sources) > 1
    cites: dict[str, list[int]] = {}
    single: set[str] = set()
    lines: dict[str, list[str]] = {}
    for item in _items(briefing):
        numbers = cite_numbers(briefing, item)
        cites[item.id] = numbers
        if multi and len(numbers) == 1:
            single.add(item.id)
        warnings = [conflict_line(briefing, c) for c in open_conflicts(item)]
        if warnings:
            lines[item.id] = warnings
    return {
        "sources_list": source_entries(briefing),
        "multi_source": multi,
        "cites": cites,
        "single_source": single,
        "conflict_lines": lines,
        "bluf_cites": sorted(
            {n for s in briefing.situation.bluf_evidence for n in cite_numbers_of(briefing, s.source_id)}
        ),
    }


def cite_numbers_of(briefing: Briefing, source_id: str) -> list[int]:
    return [n for n, s in enumerate(briefing.sources, 1) if s.id == source_id]


def item_suffix(briefing: Briefing, item: Item) -> str:
    """Plain-text marks after an item (CLI text, Word): " [1][3]", " [2] single source"."""
    if len(briefing.sources) < 2:
        return ""
    numbers = cite_numbers(briefing, item)
    tag = " single source" if len(numbers) == 1 else ""
    return f" {cite_text(numbers)}{tag}" if numbers else tag
