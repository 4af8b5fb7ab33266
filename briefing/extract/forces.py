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
from .force_lexicon import QUALIFIERS, STATUS_VERBS
from .force_rules import location_of, status_of, strength_of
from .gazetteer import country_for

MODEL = "forces"


def extract_forces(doc, source: Source) -> list[Force]:
    model = linear.load(MODEL)
    out: list[Force] = []
    for cand in featurized(doc, source):
        if model.accepts(cand.features):
            out.append(_force(doc, source, cand))
    return out


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
        mods = " ".join(
            t.text
            for t in noun.lefts
            if t.lower_ in QUALIFIERS
            or (t.dep_ == "compound" and not country_for(t.text) and t.ent_type_ not in {"GPE", "NORP"})
        )
        unit = f"{mods} {noun.text}".strip().lower()
        state = status_of(noun)
    if not state:  # the actor's own verb: "Russia deployed …", "the Taliban stormed …"
        for tok in cand.mentions:
            if tok is not None and tok.dep_ in {"nsubj", "nsubjpass"}:
                state = STATUS_VERBS.get((tok.head.lemma_ or "").lower(), "")
                if state:
                    break
    return Force(
        actor=cand.actor,
        strength=value,
        qualifier=qualifier,
        unit_type=unit or ("armed group" if cand.kind == "group" else ""),
        location=location_of(span, cand.actor) if span is not None else "",
        status=state,
        description=cand.sent.text(source.text)[:300],
        evidence=[Span(source_id=source.id, start=cand.sent.start, end=cand.sent.end)],
    )
