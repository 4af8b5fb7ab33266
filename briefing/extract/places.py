"""Places card: every place the article names, typed, in its country and placed for the locator map.

Runs of proper nouns (``doc.ents``, whatever label they got) are read again by
``place_rules``: known to the gazetteer or ``place_geo`` (countries, cities, regions, seas), headed
by a place word ("Sambisa Forest", "Osun State", "Airbase 101"), typed by the text ("the town of
Hwangju") or put somewhere by a locative preposition ("from Sunan in Pyongyang").  People's names
and capitals standing for their governments are left out (see ``place_rules``).

Country and point, in this order of trust:
- a name with several namesakes takes the one in a country the article names (Croydon, England,
  not Croydon, Victoria, in a story about London);
- countries sit at an interior point (``place_geo.country_point``), regions and seas at theirs,
  both ``approximate``; gazetteer cities are ``exact``;
- a place no table knows takes the point of the city the same sentence puts it in ("next to the
  airport in Niger's capital Niamey", "in the city of Agadez": precision ``city``), else a point on
  the border the sentence names ("near the border with Mali") or its country's interior point
  (``approximate``), else none (``unknown``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from ..model import Place, Source, Span
from . import place_geo, place_rules
from .gazetteer import BASE_RE, country_for, place_kind
from .nlp import doc_text
from .place_locate import Mention as _Mention
from .place_locate import is_dateline as _is_dateline
from .place_locate import new_place as _new_place

MAX_SPANS = 20
#: characters from the start of the text that count as the lead (where the event is told)
LEAD_CHARS = 400

_AIRPORT = re.compile(r"\b(?:[A-Z][\w’'-]+ ){1,4}(?:International )?Airport\b")
_PENINSULA = re.compile(r"\b(?:Korean|Arabian|Sinai|Crimean|Iberian|Balkan) [Pp]eninsula\b")
_SKIP_LABELS = {"NORP", "DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"}


# Kept for key_facts.py, which reads the old actor test (its own module; not changed here).
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


@cache
def _capitals() -> set[str]:
    return {c["capital"] for c in place_geo._countries().values() if c.get("capital")} | {"Washington"}


_LEAD_WORDS = {
    *("near", "in", "at", "from", "of", "on", "to", "into", "outside", "the"),
    *("northern", "southern", "eastern", "western", "central"),
    *("north-east", "south-east", "north-west", "south-west"),
}
_JOIN_WORDS = {"des", "du", "de", "am", "an", "la", "le", "di", "del", "upon"}
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec")
# capitalised words that are not places here, though a gazetteer or a preposition says so
_NOT_NAMES = {
    *("New Year", "Eve", "Christmas", "Easter", "Ramadan", "Islam", "Oktoberfest", "Carnival", "Batman"),
    *("Western", "Eastern", "Northern", "Southern", "Central"),
    *("North", "South", "East", "West", "Police", "Mideast Peace", "Green", "Labour", "Tory"),
    *("Kremlin", "White House", "Pentagon", "Downing Street", "Whitehall"),
    *_MONTHS,
    *(m + "." for m in _MONTHS),
}


def _clean(ent) -> tuple[int, int, str, str]:
    """The run without lowercase or leading function words ("Near London", "south east London",
    "Northern Japan" → "London", "Japan"), joined over "des"/"am" ("Promenade des Anglais"), and
    the place word that follows it in lower case ("Olympia shopping mall" → kind "site")."""
    doc = ent.doc
    toks = list(ent)
    while len(toks) > 1 and (
        not toks[0].text[:1].isupper() or toks[0].lower_ in _LEAD_WORDS or toks[0].text[:1].isdigit()
    ):
        toks.pop(0)  # "near London", "11:57am Hawaii time"
    if toks and not toks[0].text[:1].isupper() and not (toks[0].text[:1].isdigit() and len(toks) == 1):
        toks.pop(0)
    while toks and (
        (not toks[-1].text[:1].isupper() and not toks[-1].text[:1].isdigit()) or toks[-1].text in {"’s", "'s"}
    ):
        toks.pop()
    if not toks:
        return ent.start_char, ent.start_char, "", ""
    end_i = toks[-1].i + 1
    while end_i + 1 < len(doc) and doc[end_i].lower_ in _JOIN_WORDS and doc[end_i + 1].text[:1].isupper():
        end_i += 2
    head = ""
    for k in (end_i, end_i + 1):
        if k < len(doc) and doc[k].lower_ in place_rules.HEAD_KINDS and doc[k].text.islower():
            head = place_rules.HEAD_KINDS[doc[k].lower_]
            break
        if k >= len(doc) or not doc[k].text.islower() or doc[k].lower_ in _JOIN_WORDS:
            break
    start, end = toks[0].idx, doc[end_i - 1].idx + len(doc[end_i - 1].text)
    name = re.sub(r"[’']s$", "", doc_text(doc)[start:end], flags=re.I)
    if name.isupper() and len(name) > 3:
        name = name.title()  # datelines and headlines: "VIENNA —", "ITALY'S QUAKE ZONE"
    return start, end, name, head


def _resolve(name: str, located: bool = False) -> tuple[str, str, tuple]:
    """(canonical name, kind, candidates) from the tables, or ("", "", ()) when none knows it.

    ``located``: the article puts something in it ("in Nice"), so an English word that is also a
    city's name ("Nice", "Aurora") counts as the city.
    """
    if name in _NOT_NAMES:
        return "", "", ()
    info = place_kind(name)
    if info is not None and info[0] == "country":
        canon = country_for(name) or name
        iso = info[1]
        point = place_geo.country_point(iso)
        lat, lon = point if point else (None, None)
        return canon, "country", (place_geo.Candidate("country", iso, lat, lon),)
    is_water = name in place_geo.WATERS or name in place_geo.WATER_ALIASES
    if info is not None and info[0] == "region" and info[2] is not None and not is_water:
        return name, "region", (place_geo.Candidate("region", info[1], info[2], info[3]),)
    canon, cands = place_geo.lookup(name)
    if name.endswith(".") is False and not cands and name + "." in place_geo.US_ABBREVIATIONS:
        canon, cands = place_geo.lookup(name + ".")
    if cands and (
        cands[0].kind not in {"city", "town"} or info is not None or located or cands[0].population >= 300000
    ):
        return canon, cands[0].kind, cands
    if info is not None and info[0] in {"region", "city"} and name not in place_geo._NOT_PLACES:
        kind, cc, lat, lon = info
        return name, kind, (place_geo.Candidate(kind, cc, lat, lon),)
    return "", "", ()


_NAMED_AFTER = {
    *("Daily", "Times", "Post", "News", "Tech", "University", "College", "Herald", "Review-Journal"),
    *("Airlines", "Airways", "Air", "Telecom", "Bank", "Railways", "Motors", "Energy"),
}


def _known_prefix(words: list[str]) -> str:
    """'Las Vegas Casino' → 'Las Vegas', 'Munich Oktoberfest' → 'Munich': a run named after a place.

    Only a country, a region or a city of 100,000 or more: "David Wright" is not in David, Panama.
    """
    if any(w in _NAMED_AFTER for w in words):
        return ""
    for k in range(len(words) - 1, 0, -1):
        prefix = " ".join(words[:k])
        _canon, kind, cands = _resolve(prefix)
        if kind in {"country", "region", "water"} or (cands and cands[0].population >= 100000):
            return prefix
    return ""


def _is_big_place(name: str) -> bool:
    """A country, region or city of 100,000+: a person's name starting with it is named after it
    ("Seattle Fire"); a small town's name is just as likely a given name (Mitchell, Leslie)."""
    _canon, kind, cands = _resolve(name)
    return kind in {"country", "region", "water"} or bool(cands and cands[0].population >= 100000)


def _caps_places(name: str) -> list[str]:
    """Places inside a headline in capitals ("EXPERTS DOWNPLAY PLANNED NORTH KOREA LAUNCH")."""
    words = name.split()
    found, i = [], 0
    while i < len(words):
        for k in range(min(len(words), i + 3), i, -1):
            part = " ".join(words[i:k])
            if _resolve(part)[1]:
                found.append(part)
                i = k
                break
        else:
            i += 1
    return found


def _mentions(doc, text: str) -> list[_Mention]:
    capitals = _capitals()
    persons = place_rules.person_words(doc, _is_big_place)
    out: list[_Mention] = []
    for ent in doc.ents:
        if ent.label_ in _SKIP_LABELS:
            continue
        start, end, name, head = _clean(ent)
        if not name or name in _NOT_NAMES or place_rules.is_government_use(ent, capitals):
            continue
        words = name.split()
        if len(words) > 3 and ent.text.isupper():
            for part in _caps_places(name):
                at = text.lower().find(part.lower(), start, end)
                out.append(_Mention(at, at + len(part), *_resolve(part)[:2], _resolve(part)[2]))
            continue
        located = place_rules.is_located(ent)
        canon, kind, cands = _resolve(name, located)
        if head and kind in {"city", "town", ""}:
            canon, kind, cands = name, head, ()  # "Olympia shopping mall", "Rivera region"
        if canon and kind != "country" and ent.label_ == "ORG" and len(words) > 1 and canon != name:
            continue
        if kind != "country" and (
            (len(words) == 1 and any(part in persons for part in words[0].split("-")))
            or (ent.start > 0 and doc[ent.start - 1].lower_.strip(".") in {"mr", "mrs", "ms", "dr"})
        ):
            continue  # "Davis" of Anthony Davis, "Mr Hamilton"
        if not canon:
            if ent.label_ == "ORG" and not place_rules.head_kind(words):
                continue
            prefix = _known_prefix(words) if len(words) > 1 else ""
            kind = place_rules.head_kind(words) or place_rules.cue_kind(text, start, end) or ""
            if BASE_RE.fullmatch(name) and not prefix:
                kind = "base"
            if prefix and kind not in {"site", "base", "camp", "crossing"}:
                p_canon, p_kind, p_cands = _resolve(prefix)
                out.append(_Mention(start, start + len(prefix), p_canon, p_kind, p_cands))
                continue  # "Munich Oktoberfest": the place is Munich
            if not kind and located and (len(words) == 1 or (len(words) <= 3 and ent.label_ != "PERSON")):
                # "in the Promenade des Anglais" is a site, "from Sunan" a town
                kind = "site" if doc[ent.start - 1].lower_ == "the" else "town"
            if not kind:
                continue
            canon = name
            if prefix:
                cands = tuple(c for c in _resolve(prefix)[2][:1] if c.kind in {"city", "town"})
                out.append(_Mention(start, end, canon, kind, ()))
                out[-1].extra = {"host": cands}
                continue
        out.append(_Mention(start, end, canon, kind, cands))
    for m in _PENINSULA.finditer(text):
        canon, kind, cands = _resolve(m.group(0).title())
        if kind:
            out.append(_Mention(m.start(), m.end(), canon, kind, cands))
    for pattern in (BASE_RE, _AIRPORT):
        for m in pattern.finditer(text):
            name = m.group(0)
            words = name.split()
            if pattern is BASE_RE and _resolve(" ".join(words[:2]))[1]:
                continue  # "Fort Worth" is a city, not a fort
            kind = "base" if pattern is BASE_RE else "site"
            out.append(_Mention(m.start(), m.end(), name, kind))
    out.sort(key=lambda m: (m.start, -m.end))
    kept: list[_Mention] = []
    for m in out:
        if m.start < 0 or not m.kind or (kept and m.start < kept[-1].end):
            continue  # inside a longer mention already counted ("Airbase 101" vs "101")
        kept.append(m)
    return kept


def extract_places(doc, source: Source) -> list[Place]:
    from .nlp import sentence_at, sentences

    text = source.text
    sents = sentences(text)
    mentions = _mentions(doc, text)
    for m in mentions:
        m.sent = sentence_at(sents, m.start) if sents else 0
    # the countries the article names, by mention: they choose among namesakes
    weight: Counter[str] = Counter()
    for m in mentions:
        if len(m.cands) == 1 and m.cands[0].country:
            weight[m.cands[0].country] += 3 if m.kind == "country" else 1
    for m in mentions:
        cand = place_geo.choose(m.cands, weight)
        if cand is not None:
            m.country, m.resolved = cand.country, cand.lat is not None
            m.extra = {"lat": cand.lat, "lon": cand.lon, "kind": cand.kind}
            if len(m.cands) > 1 and cand.country:
                weight[cand.country] += 1
    main_country = weight.most_common(1)[0][0] if weight else ""
    found: dict[str, Place] = {}
    title = source.title or ""
    rank = {"exact": 0, "city": 1, "approximate": 2, "unknown": 3}
    for m in mentions:
        place = found.get(m.name)
        if place is None or (place.precision not in {"exact"} and not m.cands):
            # a place no table knows is placed from its best-told mention ("Airbase 101" in a
            # headline says nothing; "Airbase 101, next to … in Niamey" does)
            better = _new_place(m, mentions, sents, text, main_country)
            if place is None:
                place = found[m.name] = better
            elif rank[better.precision] < rank[place.precision]:
                place.lat, place.lon, place.precision = better.lat, better.lon, better.precision
                place.country_code = better.country_code
        if (m.start < LEAD_CHARS or (title and m.name in title)) and not _is_dateline(text, m):
            place.is_event = True
        if len(place.evidence) < MAX_SPANS:
            place.evidence.append(Span(source_id=source.id, start=m.start, end=m.end))
    return list(found.values())
