"""*Where* of the lead event: its places, most specific first (a base or site, a city, a region, a
country), for the key facts.

Read from the lead sentence, the headline's site and the sentences after the lead that stay in its
country or tell the same event again ("The missile was launched from Sunan, …").  A capital used
as its government ("Washington said"), the place of the people speaking ("officials in Tokyo
said") and a word of a person's name ("Hamilton" in a report on Lewis Hamilton) are no place.
Kept apart from ``places`` (the Places card): this answers one question about one event.
"""

from __future__ import annotations

import re

from ..model import Source
from .gazetteer import BASE_RE, country_for, place_kind
from .nlp import Sentence, ents_in, sentences
from .places import _PLACE_HEADS, _is_actor_use
from .situation import header_end
from .speaker_words import headline_case

#: how specific a place is: a named site first, a country last
_RANK = {"base": 0, "site": 0, "city": 1, "region": 2, "country": 3}
_LOCATIVE = {"in", "at", "near", "outside", "inside", "over", "across", "into", "off", "around"}
#: common nouns that name a site when a proper name modifies them: "the Olympia shopping mall"
_SITE_HEADS = {
    "mall", "square", "street", "gate", "park", "stadium", "university", "hospital", "church", "mosque",
    "market", "bridge", "palace", "hotel", "school", "prison", "camp", "village", "town", "county", "river",
    "lake", "port", "station", "airport", "base", "island", "islands", "province", "region", "district",
    "valley", "border", "crossing", "strip", "coast", "plaza", "avenue", "boulevard", "centre", "center",
    "airbase", "hall", "arena", "venue",
}  # fmt: skip
#: last words of an organisation's name that make it a site when the text puts the event there
#: ("escorted off the premises of Hofstra University", "at Lincoln Memorial Hospital")
_ORG_SITES = {"University", "College", "Airport", "Stadium", "Arena", "Hospital", "Academy", "Base"}
_SITE_OF = {"premises", "campus", "grounds", "gates", "steps", "outside", "front"}
#: nouns of events whose country possessor is where they happened ("North Korea's nuclear test")
_EVENT_NOUNS = {
    "test", "launch", "attack", "attacks", "strike", "strikes", "election", "elections", "coup", "explosion",
    "earthquake", "protest", "protests", "bombing", "shooting", "crash", "referendum", "offensive",
}  # fmt: skip
_AREA_HEADS = {
    "region", "province", "state", "district", "county", "city", "island", "islands", "valley", "coast",
}  # fmt: skip
#: a dateline: the city in capitals that opens the lead ("HEMPSTEAD, N.Y., Sept. 26 (UPI) —")
_DATELINE_CITY = re.compile(r"^(?P<place>[A-Z][A-Z.’'-]+(?: [A-Z][A-Z.’'-]+){0,3})(?=\s*(?:,|/|\(|[—–-]))")
_CONNECTORS = {"des", "de", "du", "la", "le", "del", "of", "al", "el", "di"}
#: words that make a proper name something other than a place: dates, holidays, institutions,
#: platforms and photo credits
_NOT_PLACE_WORDS = re.compile(
    r"\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Year|Eve|Christmas|Congress|Parliament|"
    r"Senate|Twitter|Facebook|Instagram|YouTube|Google|Images|Getty|Reuters|AFP|Debates?)\b"
)
_WATERS = {"Ocean", "Sea", "Gulf", "Bay", "Strait", "Channel"}
#: buildings the gazetteer files under their country as its government ("at the Pentagon")
_BUILDINGS = {"Pentagon", "White House", "Kremlin", "Downing Street", "Whitehall"}

def _sentence_places(doc, source: Source, sent: Sentence) -> list[tuple[str, int, str, int]]:
    """(name, rank, country code, offset) of the places a sentence names as places."""
    text = source.text
    span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
    if span is None:
        return []
    found: list[tuple[str, int, str, int]] = []
    taken: list[tuple[int, int]] = []

    def add(name: str, kind: str, cc: str, start: int, end: int) -> None:
        if any(a < end and start < b for a, b in taken) or _NOT_PLACE_WORDS.search(name):
            return
        if name.split()[-1] in _WATERS:
            kind = "region"  # "into the Pacific Ocean": where a missile fell, wider than the site
        elif kind == "country" and name.removeprefix("the ") in _BUILDINGS:
            kind = "site"
        taken.append((start, end))
        found.append((name, _RANK.get(kind, 0), cc, start))

    for m in BASE_RE.finditer(text, sent.start, sent.end):
        add(m.group(0), "base", "", m.start(), m.end())
    for ent in ents_in(span):
        if ent.label_ == "ORG" and _org_site(ent):
            add(ent.text.removeprefix("the "), "site", "", ent.start_char, ent.end_char)
            continue
        if ent.label_ not in {"GPE", "LOC", "FAC"} or (
            ent.root.dep_ == "compound" and ent.root.head.lower_ in _SITE_HEADS
        ):
            continue  # "the Olympia shopping mall": the site is named below, whole
        root = ent.root
        container = root.dep_ == "poss" and root.head.lower_ in _PLACE_HEADS  # "Japan's … island"
        if (_is_actor_use(ent) or root.dep_ in {"nsubj", "nsubjpass", "dobj", "dative"}) and not container:
            continue  # "Niger told Washington …": the state as an actor
        if _speakers_place(root):
            continue  # "…, officials in Tokyo said": where the speakers are, not the event
        if re.match(r"-[a-z]", text[ent.end_char : ent.end_char + 2]):
            continue  # "Tokyo-bound passengers", "a Kabul-based group": not where it happened
        name = ent.text.removeprefix("the ").strip()
        info = place_kind(name)
        kind, cc = (info[0], info[1]) if info else ("site", "")
        add(name, kind, cc, ent.start_char, ent.end_char)
    # proper names the gazetteer does not know, placed by the grammar: "in Guanacaste", "near
    # the Olympia shopping mall", "Japan's northern Hokkaido island", "in the Promenade des Anglais"
    for tok in span:
        if tok.pos_ != "PROPN" or tok.ent_type_ in {"ORG", "NORP"}:
            continue
        head = tok.head
        # "was launched from Kalvi": where a verb's action starts is its place too
        locative = tok.dep_ == "pobj" and (
            head.lower_ in _LOCATIVE or (head.lower_ == "from" and head.head.pos_ == "VERB")
        )
        if locative and _speakers_place(tok):
            continue
        site = tok.dep_ in {"compound", "nmod"} and head.lower_ in _SITE_HEADS and head.pos_ == "NOUN"
        if not (locative or site):
            continue
        a, b = _name_run(tok)
        if tok.ent_type_ == "PERSON" and not (site or doc[b - 1].lower_ in _SITE_HEADS):
            continue  # the names pass calls "Brandenburg Gate" a person; "Michael Neu" is one
        if site:
            b = head.i + 1  # the common noun is part of the site's name
        name = doc[a:b].text
        if country_for(name) and not site:
            continue  # a demonym or a country the entity pass left out
        info = place_kind(doc[a : tok.i + 1].text if site else name)
        if site and info and head.lower_ in _AREA_HEADS:
            name = doc[a : tok.i + 1].text  # "the Sahel region": a known area, as the gazetteer names it
        elif site:
            info = None  # "the Olympia shopping mall": a site, whatever town "Olympia" is
        add(name, info[0] if info else "site", info[1] if info else "", doc[a].idx, doc[b - 1].idx + 1)
    return found



def _speakers_place(root) -> bool:
    """The place of a speech verb's subject ("officials in Tokyo said"), not of the event."""
    prep = root.head
    owner = prep.head
    return (
        root.dep_ == "pobj"
        and prep.dep_ == "prep"
        and owner.dep_ == "nsubj"
        and (owner.head.lemma_ or "").lower() in _SAY_LEMMAS
    )


_SAY_LEMMAS = {"say", "tell", "announce", "report", "confirm", "add", "state", "claim", "warn", "note"}


def _org_site(ent) -> bool:
    """An organisation named as the place of an event: "at Hofstra University", "the premises of …"."""
    root = ent.root
    if ent.text.split()[-1] not in _ORG_SITES or root.dep_ != "pobj":
        return False
    prep = root.head.lower_
    return prep in _LOCATIVE or prep == "from" or (prep == "of" and root.head.head.lower_ in _SITE_OF)


def _event_countries(doc, sent: Sentence) -> list[tuple[str, int, str, int]]:
    """Countries that own an event noun in ``sent`` ("North Korea's nuclear test", "the N. Korea test")."""
    span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
    out = []
    for ent in ents_in(span) if span is not None else ():
        root = ent.root
        if ent.label_ == "GPE" and root.dep_ in {"poss", "compound"} and root.head.lower_ in _EVENT_NOUNS:
            info = place_kind(ent.text)
            if info and info[0] == "country":
                out.append((ent.text, _RANK["country"], info[1], ent.start_char))
    return out


def _person_words(doc) -> set[str]:
    """Words of the names the article uses for people ("Lewis Hamilton" → "Hamilton"): never a place."""
    return {w for e in doc.ents if e.label_ == "PERSON" and len(e.text.split()) > 1 for w in e.text.split()}


def _placed(doc, place: tuple[str, int, str, int]) -> bool:
    """A site, or a city or region the grammar puts the event in ("wins at Zandvoort")."""
    if place[1] == 0:
        return True
    span = doc.char_span(place[3], place[3] + len(place[0]), alignment_mode="expand")
    root = span.root if span is not None and len(span) else None
    if root is None or place[1] >= _RANK["country"]:
        return False
    return root.dep_ == "pobj" and root.head.lower_ in _LOCATIVE


def _headline(source: Source) -> list[Sentence]:
    """The headline's sentences, unless written in title case (which the parser cannot read)."""
    end = header_end(source)
    return [s for s in sentences(source.text) if s.end <= end and not headline_case(source.text, s.start)]


def _name_run(tok) -> tuple[int, int]:
    """Token range of the proper name around ``tok``: "Promenade des Anglais", "Brandenburg Gate"."""
    doc = tok.doc
    a = tok.i
    while a > 0 and (
        doc[a - 1].pos_ == "PROPN"
        or (doc[a - 1].lower_ in _CONNECTORS and a > 1 and doc[a - 2].pos_ == "PROPN")
    ):
        a -= 1
    b = tok.i + 1
    while b < len(doc) and (
        doc[b].pos_ == "PROPN"
        or (doc[b].lower_ in _CONNECTORS and b + 1 < len(doc) and doc[b + 1].pos_ == "PROPN")
    ):
        b += 1
    return a, b


def _site_noun(name: str) -> str:
    """'Airbase 101' → 'airbase'; 'Diori Hamani International Airport' → 'airport'."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+", name)]
    for w in words:
        if w in _SITE_HEADS or w in {"airbase", "base"}:
            return w
    return ""


def where_of(doc, source: Source, body: list[Sentence], lead: Sentence) -> list[str]:
    """The lead event's places, most specific first."""
    i = body.index(lead)
    persons = _person_words(doc)

    def places_of(sent: Sentence) -> list[tuple[str, int, str, int]]:
        # "Hamilton" in a report on Lewis Hamilton is the driver, whatever town bears the name
        found = _sentence_places(doc, source, sent)
        return [p for p in found if p[1] == _RANK["country"] or p[0] not in persons]

    places = [(p, 0) for p in places_of(lead)]
    # a headline's site ("Hamilton wins at Interlagos") is where the lead's event happened
    # (after the lead's own places of the same rank)
    places += [(p, 0.5) for sent in _headline(source) for p in places_of(sent) if _placed(doc, p)]
    codes = {cc for _, _, cc, _ in (p for p, _ in places) if cc}
    for sent in body[i : i + 3]:  # "CHICAGO - …": the dateline, often on the sentence after a headline
        m = _DATELINE_CITY.match(sent.text(source.text))
        if not m or len(m.group("place")) < 3:
            continue
        name = m.group("place").strip().title()
        info = place_kind(name)
        if info:
            # listed before the other places of its rank: the city the report is filed from
            places.append(((name, _RANK.get(info[0], 0), info[1], -1), 0))
            codes.add(info[1])
        break
    lead_nouns = {t.lemma_.lower() for t in doc.char_span(lead.start, lead.end, alignment_mode="expand") or []
                  if t.pos_ == "NOUN" and t.lower_ in _SITE_HEADS}  # fmt: skip
    best = min((p[1] for p, _ in places), default=_RANK["country"] + 1)
    # the lead names the country or "an airbase" only: the sentences after it name the site
    lead_words = _event_words(doc, lead)
    for n, sent in enumerate(body[i + 1 : i + 5], start=1):
        if best == 0:
            break
        more = places_of(sent)
        other_country = any(cc for _, _, cc, _ in more) and not any(cc in codes for _, _, cc, _ in more)
        # "… launched a missile over Japan." ¶ "The missile was launched from Sunan, …": the same
        # event told again, with the place it started from
        same_event = bool(lead_words & _event_words(doc, sent))
        if same_event and other_country:
            codes = codes | {cc for _, _, cc, _ in more if cc}
        elif codes and other_country and not any(_site_noun(name) in lead_nouns for name, _, _, _ in more):
            continue  # another country, or a site the lead does not speak of
        if not codes and places:
            break
        found = [p for p in more if p[1] < best and (p[2] in codes or not codes or p[1] == 0)]
        found = [p for p in found if p[1] != _RANK["region"]]
        if found:
            # a city found, a site may still follow ("PARTYGOERS in Berlin …" ¶ "… at the
            # Brandenburg Gate"): read on while nothing as specific as a site is known
            places.extend((p, n) for p in found)
            best = min(p[1] for p in found)
            codes = codes | {cc for _, _, cc, _ in found if cc}
    told = _headline_event_told(doc, source, body[i + 1 : i + 12], lead_words, places_of)
    places += [(p, -1) for p in told]  # before the lead's places of the same rank
    if not places:
        # "World leaders denounce N. Korea test": the country that owns the event
        places = [(p, n) for n, sent in enumerate(body[i : i + 3]) for p in _event_countries(doc, sent)]
    if not places:
        places = [(p, 0) for p in _most_named_city(doc)]
    if not places:
        return []
    ordered = sorted(places, key=lambda pn: (pn[0][1], pn[1], pn[0][3]))
    out: list[str] = []
    for (name, rank, _, _), _ in ordered:
        shown = (country_for(name) or name) if rank == _RANK["country"] else name
        if shown not in out:
            out.append(shown)
    return out[:4]


def _event_words(doc, sent: Sentence) -> set[str]:
    """Lemmas of the event nouns and verbs of a sentence: two sentences sharing one tell one event."""
    span = doc.char_span(sent.start, sent.end, alignment_mode="expand") or []
    return {t.lemma_.lower() for t in span if t.lower_ in _EVENT_NOUNS or t.lemma_.lower() in _EVENT_VERBS}


#: verbs of events that a follow-up sentence repeats when it adds the event's place
_EVENT_VERBS = {"launch", "fire", "attack", "strike", "explode", "crash", "land", "detonate", "shoot", "bomb"}


def _headline_event_words(source: Source) -> set[str]:
    """Event words of a title-case headline ("North Korea Fires Missile Over Japan" → {"fire"}),
    read by spelling: the parser cannot read title case."""
    end = header_end(source)
    out: set[str] = set()
    for sent in sentences(source.text):
        if sent.end > end or not headline_case(source.text, sent.start):
            continue
        for w in re.findall(r"[a-z]+", sent.text(source.text).lower()):
            if w in _EVENT_NOUNS:
                out.add(w)
            out.update(stem for stem in (w, w[:-1], w[:-2], w[:-3]) if stem in _EVENT_VERBS)
    return out


def _headline_event_told(doc, source: Source, after: list[Sentence], lead_words: set[str], places_of) -> list:
    """A lead that tells another event than the title-case headline ("North Korea Fires Missile
    Over Japan" over "… launched three short-range missiles on Saturday"): the first later sentence
    that tells the headline's event and puts it in a site or town is its where ("the missile fired
    on Tuesday took off from near Pyongyang")."""
    headline = _headline_event_words(source)
    if not headline or headline & lead_words:
        return []
    for sent in after:
        if headline & _event_words(doc, sent):
            told = [p for p in places_of(sent) if p[1] <= _RANK["city"] and _placed(doc, p)]
            if told:
                return told
    return []


def _most_named_city(doc) -> list[tuple[str, int, str, int]]:
    """Nothing near the lead says where: the town the article names most, twice or more and more
    often than any other ("… a rally in Scranton" told only in the story's last paragraphs)."""
    counts: dict[str, list[int]] = {}
    for ent in doc.ents:
        if ent.label_ != "GPE" or _is_actor_use(ent):
            continue
        info = place_kind(ent.text)
        if info and info[0] == "city":
            counts.setdefault(ent.text, []).append(ent.start_char)
    ranked = sorted(counts.items(), key=lambda kv: -len(kv[1]))
    if not ranked or len(ranked[0][1]) < 2 or (len(ranked) > 1 and len(ranked[1][1]) >= len(ranked[0][1])):
        return []
    name, at = ranked[0][0], ranked[0][1][0]
    info = place_kind(name)
    return [(name, _RANK["city"], info[1] if info else "", at)]
