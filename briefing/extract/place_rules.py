"""Which proper-noun runs name places: cue words, person and actor filters for the places card.

The entity labels from ``names.py`` are typed for every card and are rough for places ("Croydon
tram" as a person, "Pacific Ocean" as a person, "Hokkaido" unknown), so the places card re-reads
the runs itself:

- a run is a place when the gazetteer or ``place_geo`` knows it, when a place word heads it
  ("Arimori Cape", "Sambisa Forest", "Osun State", "Sea of Japan", "Airbase 101"), or when the
  article puts something *in* it ("from Sunan in Pyongyang", "in the town of Hwangju");
- a person's name is never a place: any word of a two-or-more-word person seen anywhere in the
  article ("Davis" after "Anthony Davis", "Kim" of Kim Jong Un), or a name after a title;
- a capital (or the Kremlin, the White House) is the government, not a place, unless the article
  puts something in, near, at or from it ("Moscow said" is an actor; "in Moscow" is a place).
"""

from __future__ import annotations

import re

LOCATIVE = {
    "in",
    "near",
    "at",
    "outside",
    "into",
    "from",
    "around",
    "across",
    "toward",
    "towards",
    "over",
    "inside",
    "through",
    "within",
    "off",
    "between",
    "via",
    "beside",
    "onto",
}
# "Croydon tram crash", "Paris attacks": a place qualifying an event is where it happened
EVENT_NOUNS = {
    "attack",
    "attacks",
    "shooting",
    "bombing",
    "crash",
    "summit",
    "talks",
    "massacre",
    "explosion",
    "blast",
    "siege",
    "raid",
    "protest",
    "protests",
    "rally",
    "riots",
    "earthquake",
    "quake",
    "fire",
    "tram",
    "airport",
    "region",
    "area",
    "border",
    "coast",
}
# a word heading a run makes the run a place of this kind, even when no gazetteer knows it
HEAD_KINDS = {
    "cape": "site",
    "forest": "site",
    "gate": "site",
    "beach": "site",
    "mall": "site",
    "square": "site",
    "bridge": "site",
    "dam": "site",
    "palace": "site",
    "airport": "site",
    "strip": "site",
    "parkway": "site",
    "stop": "site",
    "station": "site",
    "region": "region",
    "stadium": "site",
    "road": "site",
    "avenue": "site",
    "street": "site",
    "mountains": "region",
    "desert": "region",
    "valley": "region",
    "peninsula": "region",
    "island": "region",
    "islands": "region",
    "province": "region",
    "state": "region",
    "prefecture": "region",
    "governorate": "region",
    "oblast": "region",
    "county": "district",
    "district": "district",
    "camp": "camp",
    "crossing": "crossing",
    "ocean": "water",
    "sea": "water",
    "gulf": "water",
    "strait": "water",
    "straits": "water",
    "bay": "water",
    "lake": "water",
    "river": "water",
    "channel": "water",
}
# "the town of X", "X, a town on …": the word before or after that types an unknown name
CUE_BEFORE = re.compile(
    r"\b(?:the\s+)?(?:(?:western|eastern|northern|southern|central|small|border|northeastern|"
    r"northwestern|southeastern|southwestern)\s+)?(town|city|village|district|province|region|state|"
    r"port|camp|island|capital|county)\s+of\s+$",
    re.I,
)
CUE_AFTER = re.compile(
    r"^,\s+(?:a|an|the)\s+(?:\w+\s+){0,2}?(town|city|village|district|province|region|camp|base)\b"
)
CUE_KINDS = {
    "town": "town",
    "village": "town",
    "city": "city",
    "port": "city",
    "capital": "city",
    "district": "district",
    "county": "district",
    "province": "region",
    "region": "region",
    "state": "region",
    "island": "region",
    "camp": "camp",
    "base": "base",
}
# "Islamic State", "Secretary of State": a head word preceded by these does not make a place
_NOT_PLACE_FIRST = {
    "islamic",
    "secretary",
    "member",
    "nation",
    "police",
    "deep",
    "welfare",
    "rogue",
    "sovereign",
    "home",
    "swing",
    "red",
    "free",
    "head",
    "wall",
    "easy",
    "main",
    "high",
}
_PLACE_PREFIXES = {
    *("new", "north", "south", "east", "west", "fort", "port"),
    *("san", "santa", "saint", "st", "lake", "mount"),
}
_WITHIN = {
    *("vicinity", "outskirts", "centre", "center", "city", "streets", "heart"),
    *("north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest", "km", "miles"),
}
_SITES_AS_ACTORS = {"Kremlin", "White House", "Pentagon", "Downing Street", "Whitehall", "Élysée", "Elysee"}


def head_kind(words: list[str]) -> str | None:
    """The kind a place word in the run gives it ("Sambisa Forest" → site, "Sea of Japan" → water)."""
    if len(words) < 2:
        return None
    low = [w.lower() for w in words]
    if low[0] in _NOT_PLACE_FIRST:
        return None
    if low[-1] in HEAD_KINDS:
        return HEAD_KINDS[low[-1]]
    if low[0] in HEAD_KINDS and len(low) >= 2 and low[1] in {"of", "el", "al"}:
        return HEAD_KINDS[low[0]]  # "Sea of Japan", "Gulf of Aden", "Strait of Hormuz"
    if low[0] in {"cape", "lake", "camp", "mount"}:
        return HEAD_KINDS.get(low[0], "site")
    return None


def person_words(doc, is_place) -> set[str]:
    """Every word of a person's name in the article: entities of two or more title-case words
    labelled PERSON that are not themselves places ("Anthony Davis" → Anthony, Davis)."""
    words: set[str] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        toks = [
            re.sub(r"[’']s?$", "", t.text)
            for t in ent
            if t.text[:1].isupper() and not t.is_stop and t.lower_ not in LOCATIVE
        ]
        if not 2 <= len(toks) <= 3 or head_kind(toks) or toks[0].lower() in _PLACE_PREFIXES:
            continue
        if any(t.lower_ == "of" for t in ent):
            continue  # "Radiology Associates of Clearwater": an organisation, not a person
        if is_place(ent.text) or is_place(toks[0]):
            continue  # a place, or a thing named after one ("Seattle Fire", "Croydon tram")
        words.update(toks)
    return words


def is_government_use(span, capitals: set[str]) -> bool:
    """'Moscow said', 'angering Pyongyang', 'by Washington': a capital (or the Kremlin) as the state.

    It is a place when the article puts something in it: a locative preposition governs it, it
    qualifies a place or an event ("Berlin's Brandenburg Gate", "the Paris attacks"), it is the
    capital in apposition ("its capital, Pyongyang") or a dateline.
    """
    name = span.text.removeprefix("the ").strip()
    if name not in capitals and name not in _SITES_AS_ACTORS:
        return False
    root = span.root
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].text in {"\n", "\n\n"} or doc[span.start - 1].is_space:
        nxt = doc[span.end].text if span.end < len(doc) else ""
        if nxt in {"-", "—", "–", "(", ",", "/"}:
            return False  # a dateline: "LONDON -", "PARIS (AP)"
    head = root.head
    if root.dep_ == "pobj" and (head.lower_ in LOCATIVE or head.lower_ == "to"):
        return False
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lower_ in _WITHIN:
        return False
    if root.dep_ in {"compound", "poss", "nmod"} and head.lower_ in EVENT_NOUNS | set(HEAD_KINDS):
        return False
    if root.dep_ == "poss" and head.ent_type_ in {"FAC", "LOC", "GPE"}:
        return False
    if root.dep_ == "appos" and head.lower_ == "capital":
        return False
    return not (root.dep_ == "ROOT" and len(span.sent) <= len(span) + 2)


def locative_before(doc, start: int, extra: frozenset[str] = frozenset()) -> bool:
    """A locative preposition right before the run (over an article or a determiner)."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in {"the", "a", "an"}:
        i -= 1
    return i >= 0 and (doc[i].lower_ in LOCATIVE or doc[i].lower_ in extra)


def is_located(span) -> bool:
    """The text puts something in the run: 'in Nice', 'the Nice attack', 'the attack of Nice'."""
    root = span.root
    if locative_before(span.doc, span.start):
        return True
    if root.dep_ in {"compound", "amod", "nmod"} and root.head.lower_ in EVENT_NOUNS:
        return True
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in EVENT_NOUNS


def cue_kind(text: str, start: int, end: int) -> str | None:
    """'the town of Hwangju', 'Braunau am Inn, a town on the border': the kind the text gives."""
    m = CUE_BEFORE.search(text[max(0, start - 50) : start])
    if m:
        return CUE_KINDS[m.group(1).lower()]
    m = CUE_AFTER.match(text[end : end + 50])
    if m:
        return CUE_KINDS[m.group(1).lower()]
    return None
