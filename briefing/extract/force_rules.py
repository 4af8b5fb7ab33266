"""Readers of the parse for the forces card: who a force noun belongs to, how many, doing what, where.

The actor comes from the noun's own modifiers, normalised through the gazetteer ("US",
"American", "Washington" → United States; "Moscow's forces" → Russia), never from spaCy's entity
labels alone (the small model calls Mali a person).  Strength is the number that modifies the
noun, with its hedge ("about 60").  ``rule_forces`` is the first version's hand-written decision,
kept as a feature of the trained classifier.
"""

from __future__ import annotations

import re

from ..model import Force, Source, Span
from .force_lexicon import (
    ACTION_NOUNS,
    ARMED_GROUPS,
    BASE_WORDS,
    CONFLICT,
    FORCE_NOUNS,
    GROUP_RE,
    NEEDS_QUALIFIER,
    QUALIFIER_WORDS,
    QUALIFIERS,
    STATUS_VERBS,
)
from .gazetteer import country_for
from .nlp import ent_at, ents_in, sentences
from .numbers import parse_number


def actor_for(noun, sent_span) -> str:
    """The armed actor a force noun belongs to, from its modifiers, or the noun phrase itself."""
    # a named armed group ending at this noun: "People’s Liberation Army", "Wagner Group"
    doc = noun.doc
    window = doc[max(0, noun.i - 4) : noun.i + 1].text
    named = re.search(GROUP_RE.pattern + r"$", window, re.I)
    if named:
        return ARMED_GROUPS[named.group(1).lower()]
    ent = ent_at(noun)
    if ent is not None and GROUP_RE.search(ent.text):
        return ARMED_GROUPS[GROUP_RE.search(ent.text).group(1).lower()]
    # the words just before the noun as written ("al-Qaeda militants", "Taliban fighters"): the
    # tokens of "al-Qaeda" joined with spaces would not match the group's name
    before = doc[max(0, noun.i - 4) : noun.i].text
    group = re.search(GROUP_RE.pattern + r"\W*$", before, re.I)
    if group:
        return ARMED_GROUPS[group.group(1).lower()]
    mods = [c for c in noun.lefts if c.dep_ in {"compound", "amod", "poss", "nmod", "npadvmod"}]
    # "Moscow’s forces", "Russia’s deployment", "US military personnel", "Hong Kong police"
    for tok in sorted(mods, key=lambda t: t.i):
        phrase = modifier_phrase(tok)
        country = country_for(phrase) or country_for(tok.text)
        if country and noun.lower_ in {"police", "policemen"}:
            return f"{phrase} police"  # police are named by place as written: "Hong Kong police"
        if country:
            return country
        group = ARMED_GROUPS.get(phrase.lower()) or ARMED_GROUPS.get(tok.lower_)
        if group:
            return group
    for tok in noun.lefts:  # "the Hong Kong police", "Linden Police Department"
        if tok.ent_type_ in {"GPE", "ORG", "LOC"} and tok.pos_ == "PROPN":
            return f"{modifier_phrase(tok)} {noun.text}".strip()
    # "forces of Russia", "troops from Chad"
    for prep in noun.rights:
        if prep.dep_ == "prep" and prep.lower_ in {"of", "from"}:
            for obj in prep.children:
                country = country_for(obj.text)
                if country:
                    return country
    # "the military moved some of its forces" / "American forces": the amod adjective
    for tok in noun.subtree:
        if tok.i < noun.i:
            country = country_for(tok.text)
            if country:
                return country
    if noun.ent_type_ in {"ORG", "NORP"} and noun.pos_ == "PROPN":
        ent = ent_at(noun)
        if ent is not None:
            group = GROUP_RE.search(ent.text)
            return ARMED_GROUPS[group.group(1).lower()] if group else ent.text
    return ""


def modifier_phrase(tok) -> str:
    words = [t for t in tok.subtree if t.dep_ != "case" and t.text not in {"’s", "'s"}]
    return re.sub(r"\s+", " ", " ".join(t.text for t in words)).strip()


def is_force_noun(tok) -> bool:
    low = tok.lower_
    if low not in FORCE_NOUNS or tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    if low == "military" and tok.dep_ == "amod":
        return False
    if low in NEEDS_QUALIFIER:
        left = {c.lower_ for c in tok.lefts}
        if not left & QUALIFIERS and not any(country_for(c.text) for c in tok.lefts):
            return False
    return True


def strength_of(noun) -> tuple[int | None, str]:
    for child in noun.children:
        if child.dep_ == "nummod" or (child.like_num and child.i < noun.i):
            value = parse_number(" ".join(t.text for t in child.subtree if t.dep_ != "advmod" or t.like_num))
            if value is None:
                value = parse_number(child.text)
            if value is None:
                continue
            left = noun.doc[max(0, child.left_edge.i - 3) : child.i].text.lower()
            qualifier = next((q for q in QUALIFIER_WORDS if left.endswith(q) or f"{q} " in left[-14:]), "")
            return value, qualifier
    return None, ""


def status_of(noun) -> str:
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


def location_of(sent_span, actor: str) -> str:
    """The most specific place the sentence names: a base, then a city or country other than the actor."""
    text = sent_span.text
    base = re.search(rf"\b{BASE_WORDS} [A-Z0-9][\w-]*", text)
    if base:
        return base.group(0)
    # a place after a locative preposition is where the force is: "would be in Niger"
    for ent in ents_in(sent_span):
        if (
            ent.label_ in {"GPE", "LOC", "FAC"}
            and ent.start > 0
            and ent.doc[ent.start - 1].lower_ in {"in", "at", "into", "to", "from", "near", "inside"}
        ):
            country = country_for(ent.text)
            if not (country and country == actor):
                return ent.text.removeprefix("the ")
    for ent in ents_in(sent_span):
        if ent.label_ in {"GPE", "LOC", "FAC"} or country_for(ent.text):
            name = ent.text.removeprefix("the ")
            country = country_for(name)
            if country and country == actor:
                continue
            if ent.label_ == "NORP":
                continue
            return country or name
    for tok in sent_span:
        if tok.pos_ == "PROPN" and tok.head.lower_ in {"in", "to", "from", "into", "at"}:
            country = country_for(tok.text)
            if country and country != actor:
                return country
    return ""


def rule_forces(doc, source: Source) -> list[Force]:
    """The first version's hand-written rule: now one feature (and one candidate source) of the model."""
    text = source.text
    out: list[Force] = []
    for sent in sentences(text):
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None or len(span) < 4:
            continue
        seen: set[str] = set()
        named, bare = [], []
        for tok in span:
            if not is_force_noun(tok) or only_speaking(tok):
                continue
            if tok.dep_ in {"compound", "amod"} and tok.head.lower_ in FORCE_NOUNS:
                continue  # "police" in "police officers": the head noun speaks for the phrase
            actor = actor_for(tok, span)
            strength, qualifier = strength_of(tok)
            status = status_of(tok)
            # a force counts when the sentence says what it does, how many, or makes it the subject
            if not (
                status not in {"", "present"}
                or strength is not None
                or tok.lower_ in ACTION_NOUNS
                or (tok.dep_ in {"nsubj", "nsubjpass"} and status)
                or CONFLICT.search(span.text)
            ):
                continue
            if not actor and bare_actor(tok):
                actor = agent_of(tok)  # "the US … forced to move troops": the mover owns the troops
            if actor:
                named.append((tok, actor, strength, qualifier))
            elif bare_actor(tok):
                bare.append((tok, bare_actor(tok), strength, qualifier))
        # "its forces", "troops" next to a named actor belong to that actor, not to a new one
        for tok, actor, strength, qualifier in named + ([] if named else bare):
            if actor.lower() in seen:
                continue
            seen.add(actor.lower())
            out.append(make_force(source, sent, span, tok, actor, strength, qualifier))
        for m in GROUP_RE.finditer(text, sent.start, sent.end):
            actor = ARMED_GROUPS[m.group(1).lower()]
            if actor.lower() in seen or not group_is_armed_subject(doc, m.start(), m.end(), span):
                continue
            seen.add(actor.lower())
            out.append(
                Force(
                    actor=actor,
                    unit_type="armed group",
                    location=location_of(span, actor),
                    status="",
                    description=sent.text(text)[:300],
                    evidence=[Span(source_id=source.id, start=sent.start, end=sent.end)],
                )
            )
    return out


def unit_of(noun) -> str:
    """The force noun with its qualifiers and non-place compounds: "special forces", "riot police"."""
    mods = " ".join(
        t.text
        for t in noun.lefts
        if t.lower_ in QUALIFIERS
        or (t.dep_ == "compound" and not country_for(t.text) and t.ent_type_ not in {"GPE", "NORP"})
    )
    return f"{mods} {noun.text}".strip().lower()


def make_force(source, sent, span, tok, actor, strength, qualifier) -> Force:
    unit = unit_of(tok)
    return Force(
        actor=actor,
        strength=strength,
        qualifier=qualifier,
        unit_type=unit,
        location=location_of(span, actor),
        status=status_of(tok),
        description=sent.text(source.text)[:300],
        evidence=[Span(source_id=source.id, start=sent.start, end=sent.end)],
    )


def agent_of(noun) -> str:
    """The country or armed group that is the subject of the verb governing ``noun``."""
    verb = noun.head
    for _ in range(4):
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"} and child is not noun:
                country = country_for(child.text)
                if country:
                    return country
                group = GROUP_RE.fullmatch(child.text)
                if group:
                    return ARMED_GROUPS[group.group(1).lower()]
        if verb.head is verb or verb.dep_ not in {"xcomp", "conj", "advcl", "ccomp", "relcl"}:
            break
        verb = verb.head
    return ""


def bare_actor(tok) -> str:
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


def only_speaking(tok) -> bool:
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


def group_is_armed_subject(doc, start: int, end: int, sent_span) -> bool:
    """A named armed group counts when it acts (subject of a verb) or its forces are named."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    root = span.root
    if root.dep_ == "compound" and root.head.lower_ in FORCE_NOUNS:
        return True  # "Taliban insurgents", "Wagner Group mercenary force"
    if root.dep_ in {"nsubj", "nsubjpass"} and not only_speaking(root):
        status = status_of(root)
        return status not in {"", "present"}
    return False
