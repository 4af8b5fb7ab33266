"""Forces card: one item per sentence and armed actor — who, how many, what kind, where, doing what.

Force mentions are found from the parse: a head noun for armed people or weapons ("troops",
"military personnel", "police", "mercenary force", "drones", "airstrikes") or a named armed group
("Taliban", "Wagner Group", "People's Liberation Army").  The actor comes from the noun's own
modifiers, normalised through the gazetteer ("US", "American", "Washington" → United States;
"Moscow's forces" → Russia), never from spaCy's entity labels alone (the small model calls Mali a
person).  Strength is the number that modifies the noun, with its hedge ("about 60").
"""

from __future__ import annotations

import re

from ..model import Force, Source, Span
from .gazetteer import country_for
from .nlp import ent_at, ents_in, sentences
from .numbers import parse_number

FORCE_NOUNS = {
    "troops",
    "troop",
    "forces",
    "force",
    "military",
    "army",
    "armies",
    "navy",
    "soldiers",
    "soldier",
    "personnel",
    "servicemen",
    "servicemembers",
    "members",
    "marines",
    "police",
    "policemen",
    "officers",
    "officer",
    "militia",
    "militias",
    "militiamen",
    "militants",
    "insurgents",
    "rebels",
    "fighters",
    "gunmen",
    "mercenaries",
    "mercenary",
    "guards",
    "guard",
    "garrison",
    "battalion",
    "battalions",
    "brigade",
    "brigades",
    "commandos",
    "units",
    "unit",
    "warships",
    "warship",
    "ships",
    "vessels",
    "drones",
    "jets",
    "warplanes",
    "aircraft",
    "airstrikes",
    "airstrike",
    "strikes",
    "bombardment",
    "missiles",
    "missile",
    "tanks",
    "artillery",
    "choppers",
    "helicopters",
    "deployment",
    "services",
    "agents",
    "paratroopers",
    "sailors",
    "airmen",
    "contingent",
    "peacekeepers",
    "snipers",
    "bombers",
    "submarine",
    "submarines",
    "carrier",
    "siege",
    "blockade",
    "robots",
    "assault",
    "offensive",
    "invasion",
    "attackers",
    "weapons",
    "arms",
    "systems",
    "raiders",
    "gunships",
}
# Nouns that are themselves military action: they count without a verb, a number or a subject role.
ACTION_NOUNS = {
    "airstrikes",
    "airstrike",
    "strikes",
    "bombardment",
    "assault",
    "offensive",
    "invasion",
    "siege",
    "blockade",
    "deployment",
}
# Nouns that are only forces with a qualifier ("security services", "service members", "police officers").
NEEDS_QUALIFIER = {
    "members",
    "services",
    "officers",
    "officer",
    "agents",
    "units",
    "unit",
    "ships",
    "vessels",
    "strikes",
    "force",
    "guard",
    "guards",
    "carrier",
    "aircraft",
    "robots",
    "missile",
    "missiles",
    "siege",
    "blockade",
    "deployment",
    "systems",
    "arms",
}
QUALIFIERS = {
    "military",
    "service",
    "security",
    "police",
    "special",
    "armed",
    "naval",
    "air",
    "coast",
    "border",
    "mercenary",
    "paramilitary",
    "ground",
    "elite",
    "combat",
    "government",
    "rebel",
    "enforcement",
    "anti-aircraft",
    "cruise",
    "ballistic",
    "bomb",
    "israeli",
    "national",
    "missile",
    "weapon",
    "defence",
    "defense",
    "surface-to-air",
    "nuclear",
    "federal",
    "local",
    "riot",
    "armoured",
    "armored",
}

ARMED_GROUPS = {
    "taliban": "Taliban",
    "hamas": "Hamas",
    "hezbollah": "Hezbollah",
    "houthis": "Houthis",
    "houthi": "Houthis",
    "isis": "Islamic State",
    "isil": "Islamic State",
    "islamic state": "Islamic State",
    "al-qaeda": "al-Qaeda",
    "al qaeda": "al-Qaeda",
    "al-shabab": "al-Shabab",
    "boko haram": "Boko Haram",
    "jnim": "JNIM",
    "wagner": "Wagner Group",
    "wagner group": "Wagner Group",
    "pla": "People’s Liberation Army",
    "people’s liberation army": "People’s Liberation Army",
    "people's liberation army": "People’s Liberation Army",
    "nato": "NATO",
    "idf": "Israel Defense Forces",
    "f.b.i.": "FBI",
    "fbi": "FBI",
    "rsf": "Rapid Support Forces",
    "africa corps": "Africa Corps",
    "pkk": "PKK",
    "ypg": "YPG",
    "sdf": "SDF",
    "m23": "M23",
}
_GROUP_RE = re.compile(
    r"\b(" + "|".join(sorted((re.escape(k) for k in ARMED_GROUPS), key=len, reverse=True)) + r")\b", re.I
)

STATUS_VERBS = {
    "deploy": "deployed",
    "station": "stationed",
    "base": "stationed",
    "withdraw": "withdrawing",
    "leave": "left",
    "move": "moved",
    "expel": "expelled",
    "kick": "expelled",
    "enter": "entered",
    "arrive": "arrived",
    "send": "sent",
    "dispatch": "sent",
    "launch": "attacking",
    "strike": "attacking",
    "attack": "attacking",
    "target": "attacking",
    "bomb": "attacking",
    "shell": "attacking",
    "kill": "attacking",
    "storm": "attacking",
    "raid": "attacking",
    "fire": "attacking",
    "shoot": "attacking",
    "besiege": "besieging",
    "surround": "besieging",
    "lay": "besieging",
    "return": "returning",
    "pull": "withdrawing",
    "remove": "withdrawing",
    "depart": "withdrawing",
    "evacuate": "withdrawing",
    "reinforce": "reinforcing",
    "mass": "massing",
    "gather": "massing",
    "patrol": "patrolling",
    "occupy": "occupying",
    "use": "using",
    "mingle": "present",
    "host": "present",
    "remain": "present",
    "be": "present",
    "join": "joining",
    "chase": "pursuing",
    "search": "searching",
    "arrest": "arresting",
    "damage": "attacking",
    "come": "arrived",
    "provide": "supplied",
    "supply": "supplied",
    "equip": "equipped",
    "arm": "equipped",
    "sell": "supplied",
    "clash": "clashing",
    "erupt": "clashing",
    "fight": "fighting",
    "swarm": "deployed",
    "respond": "responding",
    "surge": "reinforcing",
    "build": "massing",
}
_CONFLICT = re.compile(
    r"\b(?:clash(?:es|ed)?|gunfire|gunshots?|fired|shot|fighting|battle|raid|crackdown|"
    r"killed|wounded|opened fire|siege|stormed)\b",
    re.I,
)

_QUALIFIER_WORDS = (
    "about",
    "around",
    "approximately",
    "roughly",
    "some",
    "nearly",
    "almost",
    "more than",
    "over",
    "at least",
    "up to",
    "fewer than",
    "less than",
    "estimated",
    "an estimated",
    "as many as",
    "close to",
)


def _country(word: str) -> str | None:
    return country_for(word)


def _actor_for(noun, sent_span) -> str:
    """The armed actor a force noun belongs to, from its modifiers, or the noun phrase itself."""
    # a named armed group ending at this noun: "People’s Liberation Army", "Wagner Group"
    doc = noun.doc
    window = doc[max(0, noun.i - 4) : noun.i + 1].text
    named = re.search(_GROUP_RE.pattern + r"$", window, re.I)
    if named:
        return ARMED_GROUPS[named.group(1).lower()]
    ent = ent_at(noun)
    if ent is not None and _GROUP_RE.search(ent.text):
        return ARMED_GROUPS[_GROUP_RE.search(ent.text).group(1).lower()]
    mods = [c for c in noun.lefts if c.dep_ in {"compound", "amod", "poss", "nmod", "npadvmod"}]
    # "Moscow’s forces", "Russia’s deployment", "US military personnel", "Hong Kong police"
    for tok in sorted(mods, key=lambda t: t.i):
        phrase = _modifier_phrase(tok)
        country = _country(phrase) or _country(tok.text)
        if country and noun.lower_ in {"police", "policemen"}:
            return f"{phrase} police"  # police are named by place as written: "Hong Kong police"
        if country:
            return country
        group = ARMED_GROUPS.get(phrase.lower()) or ARMED_GROUPS.get(tok.lower_)
        if group:
            return group
    for tok in noun.lefts:  # "the Hong Kong police", "Linden Police Department"
        if tok.ent_type_ in {"GPE", "ORG", "LOC"} and tok.pos_ == "PROPN":
            return f"{_modifier_phrase(tok)} {noun.text}".strip()
    # "forces of Russia", "troops from Chad"
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "from"}:
            for obj in prep.children:
                country = _country(obj.text)
                if country:
                    return country
    # "the military moved some of its forces" / "American forces": the amod adjective
    for tok in noun.subtree:
        if tok.i < noun.i:
            country = _country(tok.text)
            if country:
                return country
    if noun.ent_type_ in {"ORG", "NORP"} and noun.pos_ == "PROPN":
        ent = ent_at(noun)
        if ent is not None:
            group = _GROUP_RE.search(ent.text)
            return ARMED_GROUPS[group.group(1).lower()] if group else ent.text
    return ""


def _modifier_phrase(tok) -> str:
    words = [t for t in tok.subtree if t.dep_ != "case" and t.text not in {"’s", "'s"}]
    return re.sub(r"\s+", " ", " ".join(t.text for t in words)).strip()


def _is_force_noun(tok) -> bool:
    low = tok.lower_
    if low not in FORCE_NOUNS or tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    if low == "military" and tok.dep_ == "amod":
        return False
    if low in NEEDS_QUALIFIER:
        left = {c.lower_ for c in tok.lefts}
        if not left & QUALIFIERS and not any(_country(c.text) for c in tok.lefts):
            return False
    return True


def _strength(noun) -> tuple[int | None, str]:
    for child in noun.children:
        if child.dep_ == "nummod" or (child.like_num and child.i < noun.i):
            value = parse_number(" ".join(t.text for t in child.subtree if t.dep_ != "advmod" or t.like_num))
            if value is None:
                value = parse_number(child.text)
            if value is None:
                continue
            left = noun.doc[max(0, child.left_edge.i - 3) : child.i].text.lower()
            qualifier = next((q for q in _QUALIFIER_WORDS if left.endswith(q) or f"{q} " in left[-14:]), "")
            return value, qualifier
    return None, ""


def _status(noun) -> str:
    tok = noun
    for _ in range(4):
        head = tok.head
        lemma = (head.lemma_ or head.lower_).lower()
        if head.pos_ in {"VERB", "AUX"} and lemma in STATUS_VERBS:
            if lemma == "be" and (
                tok.dep_ not in {"nsubj", "nsubjpass"}
                or not any(
                    c.dep_ == "prep" and c.lower_ in {"in", "at", "on", "near", "inside"}
                    for c in head.children
                )
            ):
                break  # "the police were able to …" is no presence; "troops were in Niger" is
            return STATUS_VERBS[lemma]
        if head is tok:
            break
        tok = head
    return ""


def _location(sent_span, actor: str) -> str:
    """The most specific place the sentence names: a base, then a city or country other than the actor."""
    text = sent_span.text
    base = re.search(r"\b(?:Air ?base|Air Base|Camp|Fort|Naval Station|Naval Base|Base) [A-Z0-9][\w-]*", text)
    if base:
        return base.group(0)
    # a place after a locative preposition is where the force is: "would be in Niger"
    for ent in ents_in(sent_span):
        if (
            ent.label_ in {"GPE", "LOC", "FAC"}
            and ent.start > 0
            and ent.doc[ent.start - 1].lower_ in {"in", "at", "into", "to", "from", "near", "inside"}
        ):
            country = _country(ent.text)
            if not (country and country == actor):
                return ent.text.removeprefix("the ")
    for ent in ents_in(sent_span):
        if ent.label_ in {"GPE", "LOC", "FAC"} or _country(ent.text):
            name = ent.text.removeprefix("the ")
            country = _country(name)
            if country and country == actor:
                continue
            if ent.label_ == "NORP":
                continue
            return country or name
    for tok in sent_span:
        if tok.pos_ == "PROPN" and tok.head.lower_ in {"in", "to", "from", "into", "at"}:
            country = _country(tok.text)
            if country and country != actor:
                return country
    return ""


def extract_forces(doc, source: Source) -> list[Force]:
    text = source.text
    out: list[Force] = []
    for sent in sentences(text):
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None or len(span) < 4:
            continue
        seen: set[str] = set()
        named, bare = [], []
        for tok in span:
            if not _is_force_noun(tok) or _only_speaking(tok):
                continue
            if tok.dep_ in {"compound", "amod"} and tok.head.lower_ in FORCE_NOUNS:
                continue  # "police" in "police officers": the head noun speaks for the phrase
            actor = _actor_for(tok, span)
            strength, qualifier = _strength(tok)
            status = _status(tok)
            # a force counts when the sentence says what it does, how many, or makes it the subject
            if not (
                status not in {"", "present"}
                or strength is not None
                or tok.lower_ in ACTION_NOUNS
                or (tok.dep_ in {"nsubj", "nsubjpass"} and status)
                or _CONFLICT.search(span.text)
            ):
                continue
            if not actor and _bare_actor(tok):
                actor = _agent_of(tok)  # "the US … forced to move troops": the mover owns the troops
            if actor:
                named.append((tok, actor, strength, qualifier))
            elif _bare_actor(tok):
                bare.append((tok, _bare_actor(tok), strength, qualifier))
        # "its forces", "troops" next to a named actor belong to that actor, not to a new one
        for tok, actor, strength, qualifier in named + ([] if named else bare):
            if actor.lower() in seen:
                continue
            seen.add(actor.lower())
            out.append(_force(source, sent, span, tok, actor, strength, qualifier))
        for m in _GROUP_RE.finditer(text, sent.start, sent.end):
            actor = ARMED_GROUPS[m.group(1).lower()]
            if actor.lower() in seen or not _group_is_armed_subject(doc, m.start(), m.end(), span):
                continue
            seen.add(actor.lower())
            out.append(
                Force(
                    actor=actor,
                    unit_type="armed group",
                    location=_location(span, actor),
                    status="",
                    description=sent.text(text)[:300],
                    evidence=[Span(source_id=source.id, start=sent.start, end=sent.end)],
                )
            )
    return out


def _force(source, sent, span, tok, actor, strength, qualifier) -> Force:
    unit = " ".join(
        t.text
        for t in tok.lefts
        if t.lower_ in QUALIFIERS
        or (t.dep_ == "compound" and not _country(t.text) and t.ent_type_ not in {"GPE", "NORP"})
    )
    unit = f"{unit} {tok.text}".strip().lower()
    return Force(
        actor=actor,
        strength=strength,
        qualifier=qualifier,
        unit_type=unit,
        location=_location(span, actor),
        status=_status(tok),
        description=sent.text(source.text)[:300],
        evidence=[Span(source_id=source.id, start=sent.start, end=sent.end)],
    )


def _agent_of(noun) -> str:
    """The country or armed group that is the subject of the verb governing ``noun``."""
    verb = noun.head
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child is not noun:
                country = _country(child.text)
                if country:
                    return country
                group = _GROUP_RE.fullmatch(child.text)
                if group:
                    return ARMED_GROUPS[group.group(1).lower()]
        if verb.head is verb or verb.dep_ not in {"xcomp", "conj", "advcl", "ccomp", "relcl"}:
            break
        verb = verb.head
    return ""


def _bare_actor(tok) -> str:
    """A force named only by its kind: 'police', 'security forces', 'soldiers'."""
    low = tok.lower_
    if low in {
        "police",
        "soldiers",
        "troops",
        "militants",
        "insurgents",
        "rebels",
        "gunmen",
        "militia",
        "militias",
        "mercenaries",
        "fighters",
        "forces",
        "officers",
        "agents",
        "marines",
    }:
        quals = [t.text for t in tok.lefts if t.lower_ in QUALIFIERS]
        return " ".join([*quals, tok.text]).lower()
    return ""


def _only_speaking(tok) -> bool:
    """'police said …' is a statement, not a force presence."""
    head = tok.head
    return tok.dep_ == "nsubj" and (head.lemma_ or head.lower_).lower() in {
        "say",
        "tell",
        "report",
        "announce",
        "issue",
        "add",
        "confirm",
        "deny",
    }


def _group_is_armed_subject(doc, start: int, end: int, sent_span) -> bool:
    """A named armed group counts when it acts (subject of a verb) or its forces are named."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "compound" and root.head.lower_ in FORCE_NOUNS:
        return True  # "Taliban insurgents", "Wagner Group mercenary force"
    if root.dep_ in {"nsubj", "nsubjpass"} and not _only_speaking(root):
        status = _status(root)
        return status not in {"", "present"}
    return False
