"""Candidate (sentence, actor) pairs for the forces classifier, and the features it weighs.

Candidates are generated for high recall: every armed noun with the actor its modifiers, its
verb's subject or its pronoun point at; every named armed group; every country, demonym or
capital used as a metonym; armed organisations by name ("Afghan National Army", "Linden Police
Department").  Mentions of one actor in a sentence merge into one candidate (so "al-Qaeda
militants" is one actor, not two), and "Malian and Russian forces" gives two.  The trained model
(``assets/models/forces.json``) then decides which candidates state a force fact of that actor.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .force_lexicon import (
    ACTION_LEMMAS,
    ACTION_NOUNS,
    ARMED_GROUPS,
    CANDIDATE_NOUNS,
    FORCE_NOUNS,
    GROUP_RE,
    IMPLICIT_CUE,
    QUALIFIERS,
    STATE_FORCE_NOUNS,
    VIOLENT_VERBS,
    WEAPON_WORDS,
)
from .force_rules import actor_for, agent_of, bare_actor, only_speaking, status_of, strength_of
from .gazetteer import country_for
from .nlp import Sentence, ents_in, sentences

_ARMED_ORG = re.compile(
    r"\b(?:Army|Navy|Air Force|Marines?|Guard|Forces|Corps|Command|Militia|Brigade|Battalion|Police|"
    r"Police Department|Sheriff|Gendarmerie|Coast Guard|Special Forces|Regiment)\b"
)
_PRONOUNS = {"they", "their", "its", "it", "them"}
_ARMED_NOUNS = FORCE_NOUNS | CANDIDATE_NOUNS
_NEGATIONS = {"not", "n't", "never", "no"}
_CONDITIONAL = {"if", "unless", "whether"}


@dataclass
class Candidate:
    """One actor in one sentence, with the tokens that name it and the force noun it owns."""

    sent: Sentence
    sent_index: int
    actor: str
    kind: str
    mentions: list = field(default_factory=list)
    nouns: list = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.actor.lower()


def _add(found: dict[str, Candidate], sent, index, actor, kind, mention=None, noun=None) -> None:
    actor = actor.strip()
    if not actor or len(actor) > 60:
        return
    cand = found.setdefault(actor.lower(), Candidate(sent, index, actor, kind))
    if kind == "group" or (kind == "country" and cand.kind in {"bare", "pronoun"}):
        cand.kind = kind
    if mention is not None:
        cand.mentions.append(mention)
    if noun is not None and noun not in cand.nouns:
        cand.nouns.append(noun)


def _sentence_candidates(doc, text, sent, index, span, previous: list[Candidate]) -> list[Candidate]:
    found: dict[str, Candidate] = {}
    for tok in span:
        low = tok.lower_
        if low in _ARMED_NOUNS and tok.pos_ in {"NOUN", "PROPN"}:
            if tok.dep_ in {"compound", "amod"} and tok.head.lower_ in _ARMED_NOUNS:
                continue  # "police" in "police officers": the head noun speaks for the phrase
            if low == "military" and tok.dep_ == "amod":
                continue
            actor = actor_for(tok, span) or agent_of(tok)
            kind = "country" if actor and country_for(actor) else "group" if actor else ""
            if not actor:
                owner = next((c for c in tok.lefts if c.dep_ == "poss" and c.lower_ in _PRONOUNS), None)
                if owner is not None and previous:
                    actor, kind = previous[0].actor, "pronoun"
                else:
                    actor, kind = bare_actor(tok) or _noun_phrase(tok), "bare"
            _add(found, sent, index, actor, kind, tok, tok)
        elif low in _PRONOUNS and tok.dep_ in {"nsubj", "nsubjpass"} and previous:
            _add(found, sent, index, previous[0].actor, "pronoun", tok)
    for ent in ents_in(span):
        country = country_for(ent.text)
        if country:
            _add(found, sent, index, country, "country", ent.root)
        elif ent.label_ == "ORG" and _ARMED_ORG.search(ent.text):
            _add(found, sent, index, ent.text.removeprefix("the "), "org", ent.root)
    for tok in span:
        # demonyms the name typer leaves untyped ("Russian"), and "U.S.-led", "Saudi-backed"
        if tok.text[:1].isupper() and (tok.pos_ == "ADJ" or "-" in tok.text):
            country = country_for(tok.text) or country_for(tok.text.split("-")[0])
            if country:
                _add(found, sent, index, country, "country", tok)
        # a named person who attacks, shoots or arrests: gunmen and officers named by name
        if (
            tok.ent_type_ == "PERSON"
            and tok.dep_ in {"nsubj", "nsubjpass"}
            and (tok.head.lemma_ or "").lower() in VIOLENT_VERBS
        ):
            _add(found, sent, index, _entity_text(tok), "person", tok)
    for m in GROUP_RE.finditer(text, sent.start, sent.end):
        group_span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        _add(
            found,
            sent,
            index,
            ARMED_GROUPS[m.group(1).lower()],
            "group",
            group_span.root if group_span is not None else None,
        )
    _merge_bare_military(found, previous)
    return list(found.values())


_LOCATIVE_PREPS = {"in", "into", "to", "at", "near", "across", "inside", "over", "toward", "towards"}


def _is_place_mention(tok) -> bool:
    return tok is not None and tok.dep_ == "pobj" and tok.head.lower_ in _LOCATIVE_PREPS


def _merge_bare_military(found: dict[str, Candidate], previous: list[Candidate]) -> None:
    states = [
        c
        for c in found.values()
        if c.kind in {"country", "group"}
        and not all(_is_place_mention(m) for m in c.mentions if m is not None)
    ]
    for key, cand in list(found.items()):
        if cand.kind != "bare" or not cand.nouns or cand.nouns[0].lower_ not in STATE_FORCE_NOUNS:
            continue
        if len(states) == 1:
            owner = states[0]
        elif not states and previous and previous[0].kind in {"country", "group"}:
            carried = Candidate(cand.sent, cand.sent_index, previous[0].actor, "carried")
            owner = found.setdefault(previous[0].key, carried)
        else:
            continue
        owner.nouns.extend(n for n in cand.nouns if n not in owner.nouns)
        owner.mentions.extend(cand.mentions)
        del found[key]


def _noun_phrase(tok) -> str:
    """A force named by its kind and its modifiers: "police units", "state troopers", "officer"."""
    words = [
        t.text for t in tok.lefts if t.dep_ in {"compound", "amod"} and (t.lower_ in QUALIFIERS or t.is_lower)
    ]
    return " ".join([*words[-2:], tok.text]).lower()


def _entity_text(tok) -> str:
    from .nlp import ent_at

    ent = ent_at(tok)
    return ent.text if ent is not None else tok.text


def _main_actor(doc, text: str, spans) -> str:
    """The article's most mentioned country or armed group that owns or drives a force."""
    counts: Counter[str] = Counter()
    names: dict[str, str] = {}
    for sent, index, span in spans:
        for cand in _sentence_candidates(doc, text, sent, index, span, []):
            if cand.kind in {"country", "group", "org"}:
                weight = 2 if cand.nouns else 1
                counts[cand.key] += weight
                names[cand.key] = cand.actor
    return names[counts.most_common(1)[0][0]] if counts else ""


def generate(doc, text: str) -> list[Candidate]:
    """Every (sentence, actor) candidate of the article, with its features filled in."""
    spans = []
    for index, sent in enumerate(sentences(text)):
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is not None and len(span) >= 4:
            spans.append((sent, index, span))
    main = _main_actor(doc, text, spans)
    out: list[Candidate] = []
    previous: list[Candidate] = []
    for sent, index, span in spans:
        cands = _sentence_candidates(doc, text, sent, index, span, previous)
        if main and main.lower() not in {c.key for c in cands} and IMPLICIT_CUE.search(span.text):
            cands.append(Candidate(sent, index, main, "implicit"))
        for cand in cands:
            cand.features = _features(cand, span, len(cands))
        out.extend(cands)
        armed = [c for c in cands if c.kind != "pronoun"]
        if armed:  # the most recent actors, armed ones first, for "they", "its forces"
            previous = sorted(armed, key=lambda c: (not c.nouns, c.kind == "bare"))
    _article_features(out, text)
    return out


def _governing_verb(tok):
    """The verb a token hangs from (through prepositions, conjunctions and clauses), or None."""
    head = tok.head
    for _ in range(4):
        if head.pos_ in {"VERB", "AUX"}:
            return head
        if head is head.head:
            return None
        head = head.head
    return None


def _token_relations(tok, prefix: str, f: dict[str, float]) -> None:
    head = tok.head
    hl = (head.lemma_ or head.lower_).lower()
    verb = _governing_verb(tok)
    if verb is not None:
        vl = (verb.lemma_ or verb.lower_).lower()
        action = vl in ACTION_LEMMAS
        f[f"{prefix}verb_action={int(action)}"] = 1.0
        if action:
            f[f"{prefix}action|dep={tok.dep_}"] = 1.0
            if any(c.lower_ in _NEGATIONS for c in verb.children):
                f[f"{prefix}action_negated"] = 1.0
            if any(c.tag_ == "MD" for c in verb.children):
                f[f"{prefix}action_modal"] = 1.0
            if verb.tag_ in {"VBD", "VBN"}:
                f[f"{prefix}action_past"] = 1.0
        if vl in {"say", "tell", "announce", "add", "state", "report", "confirm", "deny", "claim"}:
            f[f"{prefix}verb_say|dep={tok.dep_}"] = 1.0
    f[f"{prefix}dep={tok.dep_}"] = 1.0
    f[f"{prefix}dep={tok.dep_}|head={hl}"] = 1.0
    if head.lower_ in FORCE_NOUNS:
        f[f"{prefix}mod_of_force"] = 1.0
    if tok.dep_ == "pobj":
        f[f"{prefix}pobj={head.lower_}"] = 1.0
        f[f"{prefix}pobj={head.lower_}|{(head.head.lemma_ or '').lower()}"] = 1.0
    if tok.dep_ in {"nsubj", "nsubjpass"} and only_speaking(tok):
        f[f"{prefix}speaks"] = 1.0


def _features(cand: Candidate, span, n_cands: int) -> dict[str, float]:
    f: dict[str, float] = {"bias_forces": 1.0, f"kind={cand.kind}": 1.0}
    for tok in cand.mentions:
        if tok is not None:
            _token_relations(tok, "m_", f)
            f[f"kind={cand.kind}|dep={tok.dep_}"] = 1.0
    for noun in cand.nouns:
        f[f"noun={noun.lemma_.lower()}"] = 1.0
        _token_relations(noun, "n_", f)
        st = status_of(noun)
        f[f"status={st or 'none'}"] = 1.0
        if strength_of(noun)[0] is not None:
            f["noun_strength"] = 1.0
        if noun.lower_ in ACTION_NOUNS:
            f["noun_action"] = 1.0
    f[f"has_noun={int(bool(cand.nouns))}"] = 1.0
    f[f"kind={cand.kind}|has_noun={int(bool(cand.nouns))}"] = 1.0
    actions = weapons = 0
    for tok in span:
        lemma = (tok.lemma_ or tok.lower_).lower()
        if tok.pos_ == "VERB" and lemma in ACTION_LEMMAS:
            actions += 1
        if lemma in WEAPON_WORDS or lemma.rstrip("s") in WEAPON_WORDS:
            weapons += 1
        if tok.is_alpha and not tok.is_stop:
            f[f"sw={tok.lemma_.lower()}"] = 1.0
        if tok.pos_ == "VERB":
            f[f"sv={tok.lemma_.lower()}"] = 1.0
        elif tok.pos_ == "NOUN" and tok.lower_ in FORCE_NOUNS:
            f[f"sn={tok.lemma_.lower()}"] = 1.0
        low = tok.lower_
        if low in _NEGATIONS:
            f["s_negation"] = 1.0
        if tok.tag_ == "MD":
            f[f"s_modal={low}"] = 1.0
        if low in _CONDITIONAL:
            f["s_conditional"] = 1.0
        if tok.like_num and tok.head.lower_ in FORCE_NOUNS:
            f["s_force_number"] = 1.0
    f[f"s_actions={min(actions, 2)}"] = 1.0
    f[f"s_weapons={min(weapons, 2)}"] = 1.0
    f[f"kind={cand.kind}|actions={min(actions, 1)}"] = 1.0
    text = span.text
    if text[:1] in '“"‘':
        f["s_starts_quote"] = 1.0
    if cand.sent_index == 0:
        f["s_headline"] = 1.0
    f[f"s_pos={min(cand.sent_index, 6)}"] = 1.0
    f[f"n_cands={min(n_cands, 4)}"] = 1.0
    return f


def _article_features(cands: list[Candidate], text: str) -> None:
    """How central the actor is to the article: mention counts and rank."""
    counts = Counter(c.key for c in cands)
    ranked = [k for k, _ in counts.most_common()]
    for cand in cands:
        n = counts[cand.key]
        cand.features[f"a_count={min(n, 6)}"] = 1.0
        rank = ranked.index(cand.key)
        cand.features[f"a_rank={min(rank, 3)}"] = 1.0


def featurized(doc, source) -> list[Candidate]:
    """Candidates with every feature, including whether the first version's rule fired on them.

    Training and extraction both call this, so the model sees the same features in both.
    """
    from .force_rules import rule_forces

    cands = generate(doc, source.text)
    fired = {(f.evidence[0].start, f.actor.lower()) for f in rule_forces(doc, source) if f.evidence}
    for cand in cands:
        if (cand.sent.start, cand.key) in fired:
            cand.features["rule_fired"] = 1.0
            cand.features[f"rule_fired|kind={cand.kind}"] = 1.0
    return cands
