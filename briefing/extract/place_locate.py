"""Where a place the tables do not know is: from the sentence that names it (issue 15).

In order of trust: the place its own name starts with ("Las Vegas Strip"); a city right before it
("Berlin's Brandenburg Gate") or after it joined by in/near/of ("Airbase 101, next to Diori Hamani
International Airport in Niger's capital Niamey", "Airbase 201 in the city of Agadez"): precision
``city``; a border the sentence names ("a village near the border with Mali"): a point on that
border, ``approximate``; the nearest country named before it, else the article's main country: that
country's interior point, ``approximate``; else no point (``unknown``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Place
from . import place_geo
from .gazetteer import place_kind

_IN_CITY = re.compile(r"\b(?:in|near|outside|of)\b")
_BORDER_WITH = re.compile(r"\bborder(?:s)? (?:with|of) ((?:[A-Z][\w-]+ ?){1,3})")
MAP_KINDS = {
    *("country", "city", "base", "region", "other", "district"),
    *("town", "camp", "crossing", "water", "site"),
}


@dataclass
class Mention:
    start: int
    end: int
    name: str
    kind: str
    cands: tuple = ()
    country: str = ""
    sent: int = 0
    resolved: bool = False
    extra: dict = field(default_factory=dict)


_DATELINE_END = re.compile(r"^[\w ,.]{0,30}?(?:\s[—–-]{1,2}\s|\s*\((?:AP|AFP|Reuters|CNN)\))")


def is_dateline(text: str, m: Mention) -> bool:
    """'SEOUL, South Korea —', 'LONDON -', 'PARIS (AP)': where the story was filed, not the event."""
    line_start = text.rfind("\n", 0, m.start) + 1
    before = text[line_start : m.start].strip()
    if before and not (before.isupper() or before.endswith(("Photo", ","))):
        return False
    return bool(_DATELINE_END.match(text[m.end : m.end + 40]))


def _border_point(a: str, b: str) -> tuple[float, float] | None:
    """Roughly where countries a and b meet: the mean of a's outline points close to b's."""
    world = place_geo.world()["countries"]
    ca, cb = world.get(a), world.get(b)
    if not ca or not cb:
        return None
    pb = [pt for ring in cb["rings"] for pt in ring]
    near = [
        pt
        for ring in ca["rings"]
        for pt in ring
        if any(abs(pt[0] - q[0]) < 0.6 and abs(pt[1] - q[1]) < 0.6 for q in pb)
    ]
    if not near:
        return None
    return sum(p[1] for p in near) / len(near), sum(p[0] for p in near) / len(near)


def new_place(m: Mention, mentions: list[Mention], sents, text: str, main_country: str) -> Place:
    kind = m.extra.get("kind", m.kind) if m.cands else m.kind
    if kind == "city" and m.kind == "town":
        kind = "town"
    place = Place(name=m.name, kind=kind if kind in MAP_KINDS else "other", country_code=m.country)
    if m.resolved:
        place.lat, place.lon = m.extra["lat"], m.extra["lon"]
        place.precision = "exact" if kind in {"city", "town", "site", "base"} else "approximate"
        return place
    # not in any table: the place its own name starts with ("Las Vegas Strip"), the nearest city
    # the same sentence names ("next to the airport in Niamey"), a border it names, its country
    host_cands = m.extra.get("host")
    if host_cands and host_cands[0].lat is not None:
        place.lat, place.lon = host_cands[0].lat, host_cands[0].lon
        place.country_code, place.precision = host_cands[0].country, "city"
        return place
    same = [o for o in mentions if o.sent == m.sent and o is not m and o.resolved]
    cities = [o for o in same if o.extra.get("kind") in {"city", "town"}]
    # "Berlin's Brandenburg Gate", "next to the airport in Niamey", "in the city of Agadez"
    host = next((o for o in cities if 0 <= m.start - o.end <= 3), None) or next(
        (o for o in cities if 0 <= o.start - m.end <= 100 and _IN_CITY.search(text[m.end : o.start])),
        None,
    )
    if host is None and not any(o.kind == "country" for o in same):
        host = min(cities, key=lambda o: abs(o.start - m.start), default=None)
    if host is not None:
        place.lat, place.lon = host.extra["lat"], host.extra["lon"]
        place.country_code, place.precision = host.country, "city"
        return place
    # "Newtown, Connecticut": the region named right after it
    region = next((o for o in same if o.extra.get("kind") == "region" and 0 <= o.start - m.end <= 3), None)
    if region is not None and region.country:
        place.lat, place.lon = region.extra["lat"], region.extra["lon"]
        place.country_code, place.precision = region.country, "approximate"
        return place
    sent_text = text[sents[m.sent].start : sents[m.sent].end] if sents else ""
    border = _BORDER_WITH.search(sent_text)
    other = place_kind(border.group(1).strip()) if border else None
    across = other[1] if other and other[0] == "country" else ""
    same = [o for o in same if o.country != across]
    countries = [o for o in same if o.kind == "country" and o.country != across]
    countries = countries or [o for o in same if o.country]
    # the nearest country named before it ("North Korea fired from the town of X toward Japan")
    nearest = min(countries, key=lambda o: (o.start > m.start, abs(o.start - m.start)), default=None)
    country = (nearest.country if nearest else "") or main_country
    if country == across:
        country = ""
    place.country_code = place.country_code or country
    if across and place.country_code:
        point = _border_point(place.country_code, across)
        if point:
            place.lat, place.lon = point
            place.precision = "approximate"
            return place
    point = place_geo.country_point(place.country_code) if place.country_code else None
    if point:
        place.lat, place.lon = point
        place.precision = "approximate"
    return place
