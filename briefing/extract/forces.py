"""Forces card: one item per sentence and armed actor — who, how many, what kind, where, doing what.

``force_candidates`` proposes every (sentence, actor) pair that could be a force fact; a trained
classifier (``assets/models/forces.json``, fitted by ``briefing.training`` on the annotated corpus)
keeps the ones that state a presence, size, deployment, movement, withdrawal, basing, weapons or
armed action of that actor.  Strength, unit, location and status are then read from the parse
(``force_rules``), only from the force noun the actor owns, so no status is borrowed from an
unrelated clause.
"""

from __future__ import annotations

from ..model import Force, Source, Span
from . import linear
from .force_candidates import Candidate, featurized
from .force_lexicon import STATUS_VERBS, WEAPON_WORDS
from .force_rules import location_of, status_of, strength_of, unit_of
from .gazetteer import country_for

MODEL = "forces"


def extract_forces(doc, source: Source) -> list[Force]:
    model = linear.load(MODEL)
    by_sentence: dict[int, list[tuple[float, Candidate]]] = {}
    for cand in featurized(doc, source):
        p = model.probability(cand.features)
        if p >= model.threshold:
            by_sentence.setdefault(cand.sent.start, []).append((p, cand))
    out: list[Force] = []
    for start in sorted(by_sentence):
        kept: list[Candidate] = []
        for _, cand in sorted(by_sentence[start], key=lambda pc: -pc[0]):
            # "police" beside "Seattle police" in one sentence is one actor named twice
            if not any(_same_actor(cand.actor, k.actor) for k in kept):
                kept.append(cand)
        out.extend(_force(doc, source, cand) for cand in sorted(kept, key=lambda c: _first_mention(c)))
    return [f for f in out if not _weapon_named(f.actor)]


def _weapon_named(actor: str) -> bool:
    """"missile", "ballistic missile": a weapon, which is what an actor fires, never the actor."""
    words = actor.lower().split()
    return bool(words) and (words[-1] in WEAPON_WORDS or words[-1].rstrip("s") in WEAPON_WORDS)


#: verbs whose object is the place a force is at or goes to ("left Chad", "entered Kidal")
_PLACE_VERBS = {"leave", "enter", "invade", "occupy", "reach", "storm", "cross", "patrol", "besiege"}
_PLACE_PREPS = {"in", "at", "into", "to", "from", "near", "inside", "of", "across", "toward", "around"}


def _place_in_clause(tok, actor: str) -> str:
    """The place named after a preposition in the force's own clause ("kicked out of Mali"), so a
    place from another clause of the sentence ("departure from Niger, …") is never borrowed."""
    from .nlp import ent_at

    if tok is None:
        return ""
    verb = tok.head
    for _ in range(4):
        if verb.pos_ in {"VERB", "AUX"} or verb.head is verb:
            break
        verb = verb.head
    for t in verb.children:  # "US forces have left Chad": the place is the verb's object
        if t.dep_ == "dobj" and t.ent_type_ in {"GPE", "LOC", "FAC"} and verb.lemma_ in _PLACE_VERBS:
            ent = ent_at(t)
            name = ent.text if ent is not None else t.text
            if country_for(name) != actor:
                return name
    for t in verb.subtree:
        if t.ent_iob_ == "B" and t.ent_type_ in {"GPE", "LOC", "FAC"} and t.i > 0:
            prev = t.doc[t.i - 1].lower_
            before = t.doc[t.i - 2].lower_ if t.i > 1 else ""
            if prev in _PLACE_PREPS or (prev == "the" and before in _PLACE_PREPS):
                ent = ent_at(t)
                name = ent.text if ent is not None else t.text
                if country_for(name) != actor:
                    return name
    return ""


def _same_actor(a: str, b: str) -> bool:
    wa, wb = set(a.lower().split()), set(b.lower().split())
    return wa <= wb or wb <= wa


def _first_mention(cand: Candidate) -> int:
    toks = [t.i for t in cand.mentions + cand.nouns if t is not None]
    return min(toks) if toks else 1 << 30


def _force(doc, source: Source, cand: Candidate) -> Force:
    span = doc.char_span(cand.sent.start, cand.sent.end, alignment_mode="expand")
    value, qualifier, noun = None, "", None
    for tok in cand.nouns:
        found, hedge = strength_of(tok)
        if found is not None:
            value, qualifier, noun = found, hedge, tok
            break
    noun = noun or (cand.nouns[0] if cand.nouns else None)
    unit, state = "", ""
    if noun is not None:
        unit = unit_of(noun)
        state = status_of(noun)
    if not state:  # the actor's own verb: "Russia deployed …", "the Taliban stormed …"
        for tok in cand.mentions:
            if tok is not None and tok.dep_ in {"nsubj", "nsubjpass"}:
                state = STATUS_VERBS.get((tok.head.lemma_ or "").lower(), "")
                if state:
                    break
    anchor = noun or next((t for t in cand.mentions if t is not None), None)
    clause_place = _place_in_clause(anchor, cand.actor)
    return Force(
        actor=cand.actor,
        strength=value,
        qualifier=qualifier,
        unit_type=unit or ("armed group" if cand.kind == "group" else ""),
        location=clause_place or (location_of(span, cand.actor) if span is not None else ""),
        status=state,
        description=cand.sent.text(source.text)[:300],
        evidence=[Span(source_id=source.id, start=cand.sent.start, end=cand.sent.end)],
    )
