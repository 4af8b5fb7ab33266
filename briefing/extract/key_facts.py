"""Key facts of the lead event: who, what, where, when, why — each a short line traced to its sentence.

The lead event is the lead sentence's (the BLUF's).  *Where* lists that event's places, most
specific first (a base or site, a city, a region, a country), from the lead sentence and the two
after it when they stay in the same country; a capital used as its government ("Washington said")
is no place.  *When* is the lead event's date from the timeline (resolved against the article
date), or the publication date marked as such.  *Why* is printed only for a cause the article
states ("because …", "in response to …"); a cause under a negation ("did not indicate …", "no sign
that …") is kept with its negation, never as the cause.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Force, KeyFact, Source, Span, TimelineEvent
from .gazetteer import BASE_RE, country_for, place_kind
from .nlp import Sentence, ents_in
from .places import _PLACE_HEADS, _is_actor_use
from .situation import _canon, _clean_lead, body_sentences, lead_sentence
from .timeline import SPEECH_LEMMAS

#: how specific a place is: a named site first, a country last
_RANK = {"base": 0, "site": 0, "city": 1, "region": 2, "country": 3}
_LOCATIVE = {"in", "at", "near", "outside", "inside", "over", "across", "into", "off", "around"}
#: common nouns that name a site when a proper name modifies them: "the Olympia shopping mall"
_SITE_HEADS = {
    "mall", "square", "street", "gate", "park", "stadium", "university", "hospital", "church", "mosque",
    "market", "bridge", "palace", "hotel", "school", "prison", "camp", "village", "town", "county", "river",
    "lake", "port", "station", "airport", "base", "island", "islands", "province", "region", "district",
    "valley", "border", "crossing", "strip", "coast", "plaza", "avenue", "boulevard", "centre", "center",
    "airbase",
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
_WHY = re.compile(
    r"\b(?:because|in response to|in retaliation|in reprisal|due to|prompted by|caused by|as a result of|"
    r"(?:is|are|was|were) a result of|in protest|aimed at|in order to|following|after)\b",
    re.I,
)
#: cues that state a cause outright; "after" and "following" may only say when ("amid" only
#: sets the scene, so it is no cue at all)
_STRONG_WHY = re.compile(r"^(?!after|following)", re.I)
_NEGATORS = re.compile(
    r"\b(?:not|no|never|nor|without|denied|denies|deny|dismissed|rejected|ruled out|rules out|unfounded|"
    r"no sign|no evidence|no indication)\b|n[’']t\b",
    re.I,
)
MAX_WHY_WORDS = 30


def key_facts(
    doc, source: Source, forces: list[Force] | None = None, timeline: list[TimelineEvent] | None = None
) -> list[KeyFact]:
    text = source.text
    body = body_sentences(source)
    if not body:
        return []
    lead = lead_sentence(source, body)
    lead_span = [Span(source_id=source.id, start=lead.start, end=lead.end)]
    facts: list[KeyFact] = []
    ents = [e for e in doc.ents if e.start_char >= body[0].start]
    who = _actors(forces or []) or _top(ents, {"PERSON", "ORG"}, 4)
    if who:
        facts.append(KeyFact(label="who", text=", ".join(who), evidence=lead_span))
    facts.append(KeyFact(label="what", text=_clean_lead(lead.text(text))[0], evidence=lead_span))
    where = _where(doc, source, body, lead)
    if where:
        facts.append(KeyFact(label="where", text=", ".join(where), evidence=lead_span))
    when = _when(doc, source, lead, timeline or [])
    if when:
        facts.append(when)
    why = _why(doc, source, body, lead)
    if why:
        facts.append(why)
    return facts


# ------------------------------------------------------------------------------------------ where


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
        if ent.label_ not in {"GPE", "LOC", "FAC"} or (
            ent.root.dep_ == "compound" and ent.root.head.lower_ in _SITE_HEADS
        ):
            continue  # "the Olympia shopping mall": the site is named below, whole
        root = ent.root
        container = root.dep_ == "poss" and root.head.lower_ in _PLACE_HEADS  # "Japan's … island"
        if (_is_actor_use(ent) or root.dep_ in {"nsubj", "nsubjpass", "dobj", "dative"}) and not container:
            continue  # "Niger told Washington …": the state as an actor
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
        locative = tok.dep_ == "pobj" and head.lower_ in _LOCATIVE
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


def _where(doc, source: Source, body: list[Sentence], lead: Sentence) -> list[str]:
    """The lead event's places, most specific first."""
    i = body.index(lead)
    places = [(p, 0) for p in _sentence_places(doc, source, lead)]
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
    for n, sent in enumerate(body[i + 1 : i + 5], start=1):
        if best == 0:
            break
        more = _sentence_places(doc, source, sent)
        other_country = any(cc for _, _, cc, _ in more) and not any(cc in codes for _, _, cc, _ in more)
        if codes and other_country and not any(_site_noun(name) in lead_nouns for name, _, _, _ in more):
            continue  # another country, or a site the lead does not speak of
        if not codes and places:
            break
        found = [p for p in more if p[1] < best and (p[2] in codes or not codes or p[1] == 0)]
        found = [p for p in found if p[1] != _RANK["region"]]
        if found:
            places.extend((p, n) for p in found)
            break
    if not places:
        return []
    ordered = sorted(places, key=lambda pn: (pn[0][1], pn[1], pn[0][3]))
    out: list[str] = []
    for (name, rank, _, _), _ in ordered:
        shown = (country_for(name) or name) if rank == _RANK["country"] else name
        if shown not in out:
            out.append(shown)
    return out[:4]


# ------------------------------------------------------------------------------------------- when


def _main_clause(tok) -> bool:
    """The sentence's own clause, or what its speech verb reports ("X happened, officials said")."""
    if tok.dep_ == "ROOT":
        return True
    head = tok.head
    if tok.dep_ in {"nsubj", "nsubjpass", "dobj"} and head.dep_ == "ROOT" and tok.pos_ == "NOUN":
        return True  # "The fire at the depot on Monday was not caused by …": the lead's own event
    return tok.dep_ in {"ccomp", "parataxis"} and head.dep_ == "ROOT" and head.lemma_ in SPEECH_LEMMAS


def _when(
    doc, source: Source, lead: Sentence, timeline: list[TimelineEvent]
) -> KeyFact | None:
    """The lead event's date: the timeline's event of the lead sentence's main clause.

    A date in a subordinate clause ("the attack, in which a truck drove into crowds on July 14,")
    dates the background, not the news; then the publication date stands, marked as such.
    """
    inside = [e for e in timeline if e.evidence and lead.start <= e.evidence[0].start < lead.end]
    for event in sorted(inside, key=lambda e: e.evidence[0].start):
        span = doc.char_span(event.evidence[0].start, event.evidence[0].end, alignment_mode="expand")
        whole = (event.evidence[0].start, event.evidence[0].end) == (lead.start, lead.end)
        if whole or (span is not None and _main_clause(span.root)):
            return KeyFact(label="when", text=f"{event.date} ({event.date_text})", evidence=event.evidence)
    if source.date:
        return KeyFact(label="when", text=f"{source.date.isoformat()} (publication date)", evidence=[])
    return None


# -------------------------------------------------------------------------------------------- why


def _why(doc, source: Source, body: list[Sentence], lead: Sentence) -> KeyFact | None:
    """A stated cause from the lead sentence or the few after it, with any negation kept."""
    text = source.text
    i = body.index(lead)
    for n, sent in enumerate(body[i : i + 6]):
        s = sent.text(text)
        for m in _WHY.finditer(s):
            temporal = not _STRONG_WHY.match(m.group(0))
            if temporal and (n or len(s[: m.start()].split()) < 4):
                continue  # "After the speech, …" and "after" outside the lead tell the order of events
            at = sent.start + m.start()
            cause = _cut(text[at : _cause_end(doc, sent, at, m.end() - m.start())])
            negator = _negation(doc, sent.start + m.start(), sent)
            if negator is not None:
                # "did not indicate it was in retaliation for …": the denial is the fact
                cause = _cut(text[negator : sent.start + m.start()] + cause)
            if len(cause.split()) < 3:
                continue
            return KeyFact(label="why", text=cause, evidence=[Span(source_id=source.id, start=sent.start,
                                                                   end=sent.end)])  # fmt: skip
    return None


def _cause_end(doc, sent: Sentence, start: int, length: int) -> int:
    """Where the cause phrase ends: the right edge of the cue's phrase in the parse ("in response to
    the loss of life," stops at the comma; "because" takes its clause)."""
    span = doc.char_span(start, start + length, alignment_mode="expand")
    cue = list(span) if span is not None else []
    if not cue:
        return sent.end
    heads = [t.head if t.dep_ == "mark" else t for t in cue]
    edge = max(h.right_edge.idx + len(h.right_edge.text) for h in heads)
    return min(max(edge, start + length), sent.end)


def _cut(clause: str) -> str:
    """The cause clause alone: up to a semicolon, a dash, an attribution or the next clause."""
    clause = re.split(
        r"[;:—–]|[,.]?[”\"’]?,?\s+(?:the |a |an )?(?:[\w.’'-]+ ){0,4}(?:said|says|told)\b|,\s+(?=[a-z]+ed\b)",
        clause,
    )[0]
    words = clause.split()
    if len(words) > MAX_WHY_WORDS:
        clause = " ".join(words[:MAX_WHY_WORDS]) + "…"
    return clause.strip().rstrip(".,")


def _negation(doc, offset: int, sent: Sentence) -> int | None:
    """Offset of the word that negates the cause at ``offset`` ("not", "no sign", "denied"), if any.

    The cue is negated when a verb above it in the parse has a negation, or when a negating word
    stands earlier in the same clause (after the last comma-free run of the sentence).
    """
    span = doc.char_span(offset, offset + 1, alignment_mode="expand")
    if span is None or not len(span):
        return None
    t = span[0]
    for _ in range(8):
        for child in t.children:
            if child.dep_ == "neg" or (child.dep_ == "det" and child.lower_ == "no"):
                return child.idx
        if t.lemma_ in {"deny", "dismiss", "reject", "rule"} or t.lower_ == "unfounded":
            return t.idx
        if t.head.i == t.i or t.head.idx < sent.start:
            break
        t = t.head
    # the same clause only: the last dozen words before the cue, back to a semicolon or a dash
    start = max(sent.start, offset - 90)
    before = re.split(r"[;—–]", doc.text[start:offset])[-1]
    hits = list(_NEGATORS.finditer(before))
    return offset - len(before) + hits[-1].start() if hits else None


# ------------------------------------------------------------------------------------------- who


def _actors(forces: list[Force]) -> list[str]:
    """The named armed actors the article is about, most mentioned first."""
    counts: Counter[str] = Counter(f.actor for f in forces if f.actor[:1].isupper())
    return [name for name, _ in counts.most_common(4)]


def _top(ents, labels: set[str], n: int) -> list[str]:
    counts: Counter[str] = Counter()
    for e in ents:
        if e.label_ in labels and len(e.text) > 1:
            counts[_canon(e.text)] += 1
    return [name for name, _ in counts.most_common(n)]
