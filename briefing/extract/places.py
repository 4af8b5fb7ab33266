"""Places card: every place mentioned, typed and placed on the map from the offline gazetteer.

Entities come from the rule-based pass in ``names.py`` (proper-noun runs checked against the
gazetteer), plus military bases matched by pattern ("Airbase 201").  Demonyms ("Nigerien") name
actors, not places.  A capital used as the government ("Washington built …", "told Washington")
is an actor too: it is skipped when it is the subject or the object of a verb.
"""

from __future__ import annotations

import re

from ..model import Place, Source, Span
from .gazetteer import BASE_RE, country_for, place_kind

MAX_SPANS = 20


_AIRPORT = re.compile(r"\b(?:[A-Z][\w’'-]+ ){1,4}(?:International )?Airport\b")


_PLACE_HEADS = {
    "region",
    "province",
    "city",
    "state",
    "area",
    "border",
    "capital",
    "coast",
    "district",
    "valley",
    "desert",
    "sea",
    "strip",
    "crossing",
    "airport",
    "base",
    "island",
    "islands",
}


def _is_actor_use(ent) -> bool:
    """'US troops', "Moscow’s forces", 'Washington built …', 'told Washington': an actor, not a place."""
    root = ent.root
    if root.dep_ == "poss" or (
        root.dep_ in {"compound", "amod", "nmod"} and root.head.lower_ not in _PLACE_HEADS
    ):
        return True
    info = place_kind(ent.text)
    return (
        root.dep_ in {"nsubj", "nsubjpass", "dobj"}
        and root.head.pos_ == "VERB"
        and info is not None
        and info[0] == "city"
    )


def extract_places(doc, source: Source) -> list[Place]:
    text = source.text
    found: dict[str, Place] = {}
    mentions: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if ent.label_ not in {"GPE", "LOC", "FAC"} or _is_actor_use(ent):
            continue
        mentions.append((ent.start_char, ent.end_char, ent.text))
    for pattern in (BASE_RE, _AIRPORT):
        for m in pattern.finditer(text):
            mentions.append((m.start(), m.end(), m.group(0)))
    mentions.sort()
    taken_until = -1
    for start, end, name in mentions:
        if start < taken_until:
            continue  # inside a longer mention already counted ("Airbase 101" vs "101")
        name = name.removeprefix("the ").strip()
        info = place_kind(name) or (("other", "", None, None) if _AIRPORT.fullmatch(name) else None)
        if info is None:
            continue
        if info[0] == "country":
            name = country_for(name) or name  # "US" and "United States" are one place
        taken_until = end
        kind, cc, lat, lon = info
        place = found.get(name)
        if place is None:
            place = Place(
                name=name,
                kind=kind if kind in {"country", "city", "base", "region"} else "other",
                country_code=cc,
                lat=lat,
                lon=lon,
            )
            found[name] = place
        if len(place.evidence) < MAX_SPANS:
            place.evidence.append(Span(source_id=source.id, start=start, end=end))
    return list(found.values())
