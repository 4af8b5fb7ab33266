"""Extraction: a ``Source`` in, a ``Briefing`` with every card filled and traced to its sentences.

One module per card; they share one parsed ``Doc`` (the pipeline runs once per article).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from ..ingest import date_line_end
from ..model import Briefing, Source
from . import nlp
from .force_lexicon import BASE_WORDS

__all__ = ["extract", "parse_source", "to_json"]

#: share of the work the parse takes on a long text (the cards share the rest)
_PARSE_SHARE = 0.7


def extract(source: Source, progress: Callable[[float], None] | None = None) -> Briefing:
    """Run every card extractor over ``source`` and return a new briefing built from it.

    ``progress`` hears how far the work has got (0–1); raising from it (``ExtractCancelled``)
    cancels the extraction between steps.
    """
    from .forces import extract_forces
    from .outlook import extract_outlook
    from .places import extract_places
    from .quotes import extract_quotes
    from .reported import extract_indirect
    from .situation import extract_situation
    from .timeline import extract_timeline

    def report(share: float) -> None:
        if progress is not None:
            progress(min(1.0, share))

    doc = parse_source(source, progress=lambda done: report(done * _PARSE_SHARE))
    report(_PARSE_SHARE)
    cards: dict[str, Any] = {}
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("places", lambda: extract_places(doc, source)),  # first: a force's place must be one of them
        ("quotes", lambda: extract_quotes(doc, source)),
        ("forces", lambda: _placed(extract_forces(doc, source), cards["places"])),
        ("timeline", lambda: extract_timeline(doc, source)),  # before the situation: its "when"
        ("situation", lambda: extract_situation(doc, source, cards["forces"], cards["timeline"])),
        ("indirect", lambda: extract_indirect(doc, source, cards["quotes"])),
        ("outlook", lambda: extract_outlook(doc, source)),
    ]
    for number, (name, step) in enumerate(steps, 1):
        cards[name] = step()
        report(_PARSE_SHARE + (1 - _PARSE_SHARE) * number / len(steps))
    return Briefing(
        title=source.title or _short(source.standfirst),
        sources=[source],
        situation=cards["situation"],
        forces=cards["forces"],
        quotes=cards["quotes"] + cards["indirect"],
        outlook=cards["outlook"],
        timeline=cards["timeline"],
        places=cards["places"],
    )


#: a base the force sentence names ("Airbase 101", "Camp Lemonnier") is a place of its own
_BASE = re.compile(rf"\b{BASE_WORDS}\b", re.I)


def _placed(forces: list, places: list) -> list:
    """Forces whose location is a place the places card knows (or a country or a base); another
    "location" is a name the parse took for a place ("under Kim", "missile Kim had threatened")
    and is left empty rather than shown as where a force is."""
    from .gazetteer import country_for

    known = {p.name.casefold() for p in places}
    for force in forces:
        where = force.location
        if where and where.casefold() not in known and not country_for(where) and not _BASE.search(where):
            force.location = ""
    return forces


def parse_source(source: Source, progress: Callable[[float], None] | None = None):
    """The parsed article every card reads (``nlp.parse`` of its text without the date line)."""
    return nlp.parse(_without_date_line(source.text), progress=progress)


def _without_date_line(text: str) -> str:
    """The text to parse: the opening date line blanked to spaces, so every offset stays the same.

    Parsed, "date 2017-08-28" runs into the headline below it as one sentence, and its day became
    a force's strength ("North Korea | 28 | missile").  The date is metadata, not prose.
    """
    end = date_line_end(text)
    return " " * end + text[end:]


def _short(text: str, limit: int = 110) -> str:
    """A title from a standfirst: cut at a word boundary, without the closing full stop."""
    text = " ".join(text.split()).rstrip(".")
    if len(text) <= limit:
        return text
    return text[: text.rfind(" ", 0, limit)].rstrip(" ,;:") + "…"


def _evidence(briefing: Briefing, spans) -> dict[str, Any] | None:
    """The scorer's single ``evidence`` object: the covering span of an item's spans."""
    if not spans:
        return None
    start, end = min(s.start for s in spans), max(s.end for s in spans)
    src = briefing.source(spans[0].source_id)
    return {"start": start, "end": end, "text": src.text[start:end] if src else ""}


def to_json(briefing: Briefing) -> dict[str, Any]:
    """The JSON of ``briefing extract --format json`` (contract: shared/eval/README.md).

    Cards sit at the top level; each item keeps its full ``spans`` list next to the covering
    ``evidence`` object the scorer reads.
    """
    source = briefing.sources[0] if briefing.sources else None
    out: dict[str, Any] = {
        "title": briefing.title,
        "marking": briefing.marking,
        "source": {
            "id": source.id if source else "",
            "text": source.text if source else "",
            "title": source.title if source else "",
            "date": source.date.isoformat() if source and source.date else None,
            "outlet": source.outlet if source else "",
            "url": source.url if source else "",
        },
        "situation": {
            **briefing.situation.model_dump(exclude={"bluf_evidence", "key_facts"}),
            "key_facts": [f.model_dump(exclude={"evidence"}) for f in briefing.situation.key_facts],
            "evidence": _evidence(briefing, briefing.situation.bluf_evidence),
        },
    }
    for card in ("forces", "quotes", "outlook", "timeline", "places"):
        items = []
        for item in getattr(briefing, card):
            data = item.model_dump(exclude={"evidence"})
            data["evidence"] = _evidence(briefing, item.evidence)
            data["spans"] = [s.model_dump() for s in item.evidence]
            items.append(data)
        out[card] = items
    return out
