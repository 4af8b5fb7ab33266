"""Reported speech: "X said (that) …" and "according to X, …" sentences as ``indirect`` quotes,
split into who spoke (``speaker``), the cue ("said", "warned in a statement", "according to")
and what was reported (``content``, the reported clause alone).

Why from the parse: the reported clause is the speech verb's clausal complement (``ccomp``)
wherever it stands ("X said Y", "Y, X said", "X, speaking on condition of anonymity, said Y"),
so cutting that subtree out gives the content without the speaker, the cue or the asides.
"""

from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

from ..model import Quote, Source, Span
from .attribution import _from_subject, _subject_phrase
from .cues import _subject
from .nlp import sentences
from .speaker_words import SPEECH_VERBS
from .speakers import SpeakerResolver, _resolve

#: verbs that report what someone said when they take a clause: "said", "warned", "denied that"
REPORTING = (SPEECH_VERBS - {"call", "read", "ask", "describe", "point", "continue", "react", "post"}) | {
    "allege",
    "contend",
    "reveal",
    "disclose",
    "indicate",
    "agree",
}
#: what a statement was made in: "said in a statement" keeps these in the cue, never the speaker
_MEDIUM = {"statement", "interview", "letter", "email", "post", "tweet", "release", "speech", "briefing"}
_QUOTE_MARKS = re.compile(r"[“”\"«»]")


def extract_indirect(doc, source: Source, direct: list[Quote]) -> list[Quote]:
    """Sentences of reported speech outside every direct quotation, one item per sentence."""
    text = source.text
    taken = [(s.start, s.end) for q in direct for s in q.evidence]
    res = SpeakerResolver(text, doc)
    out: list[Quote] = []
    for sent in sentences(text):
        if any(a <= sent.start < b for a, b in taken) or _QUOTE_MARKS.search(text[sent.start : sent.end]):
            continue
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None:
            continue
        found = _report(res, span, sent.start)
        if found is None:
            continue
        speaker, role, cue, content = found
        res.remember(speaker, sent.end)
        out.append(
            Quote(
                text=content,
                content=content,
                speaker=speaker,
                speaker_role=role,
                cue=cue,
                kind="indirect",
                evidence=[Span(source_id=source.id, start=sent.start, end=sent.end)],
            )
        )
    return out


def _report(res: SpeakerResolver, span, lo: int) -> tuple[str, str, str, str] | None:
    """(speaker, role, cue, content) of the sentence's reporting verb nearest its root, or None."""
    verbs = []
    for tok in span:
        if tok.lower_ == "according" and tok.i + 1 < len(tok.doc) and tok.nbor(1).lower_ == "to":
            found = _according(res, span, tok, lo)
            if found:
                return found
        lemma = (tok.lemma_ or tok.lower_).lower()
        if tok.pos_ == "VERB" and lemma in REPORTING and _complement(tok) is not None:
            verbs.append(tok)
    for verb in sorted(verbs, key=_depth):
        ccomp = _complement(verb)
        subj = _subject(verb)
        if subj is None or subj.idx < lo or subj.i in {t.i for t in ccomp.subtree}:
            continue
        speaker, role = _from_subject(res, subj, lo, verb.idx)
        content = _clause_text(ccomp, span)
        if len(content.split()) < 3 and verb.i > ccomp.i:
            # the parse hung a headline or dateline on the verb, not the report: "NIAMEY (AP) — About
            # 60 soldiers are deployed …, officials said"; the report is what comes before the speaker
            content = _before(span, subj)
        if speaker and len(content.split()) >= 3:
            return speaker, role, _cue(verb), content
    return None


def _according(res: SpeakerResolver, span, tok, lo: int) -> tuple[str, str, str, str] | None:
    """'According to the ministry, 40 people died': the source is the object of 'to'."""
    to = tok.nbor(1)
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    speaker, role = _resolve(res, _subject_phrase(pobj, lo), tok.idx)
    if not speaker:
        return None
    skip = {t.i for t in tok.subtree} | {t.i for t in to.subtree} | {tok.i, to.i}
    words = [t for t in span if t.i not in skip]
    content = _join(words)
    return (speaker, role, "according to", content) if len(content.split()) >= 3 else None


def _complement(verb):
    """The clause a reporting verb reports: its ``ccomp``, or the "that" clause the parse hangs
    on the medium instead ("saying in a statement that the charges were invented")."""
    for child in verb.children:
        if child.dep_ == "ccomp":
            return child
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ == "in":
            for pobj in child.children:
                if pobj.dep_ == "pobj" and (pobj.lemma_ or pobj.lower_).lower() in _MEDIUM:
                    for clause in pobj.children:
                        if clause.dep_ in {"acl", "relcl"} and any(
                            t.dep_ == "mark" and t.lower_ == "that" for t in clause.children
                        ):
                            return clause
    return None


def _depth(tok) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


def _cue(verb) -> str:
    """The verb as written, with the medium it was said in ("said in a statement")."""
    words = [verb.text]
    if verb.dep_ == "pcomp" and verb.head.head.i != verb.head.i:  # "responded by saying"
        words = [verb.head.head.text, verb.head.text, verb.text]
    clause = _complement(verb)
    for child in verb.children:
        # "told the Reuters news agency": the addressee belongs to the cue, so it reads whole
        if child.dep_ in {"dobj", "dative"} and child.i > verb.i and (clause is None or child.i != clause.i):
            words.append("".join(t.text_with_ws for t in child.subtree).strip())
        if child.dep_ == "prep" and child.lower_ in {"in", "on"} and child.i > verb.i:
            pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
            if pobj is not None and (pobj.lemma_ or pobj.lower_).lower() in _MEDIUM:
                inside = {c.i for c in clause.subtree} if clause is not None else set()
                inner = [t for t in child.subtree if t.i not in inside]
                words.append("".join(t.text_with_ws for t in inner).strip())
    return " ".join(words)


#: a lead's dateline, "NIAMEY, Niger (AP) —" or "WASHINGTON —": where the report was filed, not said
_DATELINE = re.compile(
    r"^[A-Z][A-Z.’'-]+(?: [A-Z][A-Z.’'-]+){0,3}(?:,[^—–()]{1,40})?"
    r"(?:\s*\([\w .]{1,20}\))?(?:\s*[—–-]{1,2}\s*|$)"
)


def _before(span, subj) -> str:
    """The sentence's words before the speaker (a report attributed at its end)."""
    text = _join([t for t in span if t.i < subj.left_edge.i])
    return _DATELINE.sub("", text)


def _clause_text(ccomp, span) -> str:
    """The reported clause: the complement's words without a leading 'that', inside the sentence
    (the parse may run a headline above into it) and without a lead's dateline."""
    words = [t for t in ccomp.subtree if span.start <= t.i < span.end]
    while words and (words[0].is_punct or (words[0].dep_ == "mark" and words[0].lower_ == "that")):
        words = words[1:]
    text = _join(words)
    # "The talks failed, she said" → "she said the talks failed": a sentence's capital goes
    first = words[0] if words else None
    if first is not None and first.is_sent_start and first.lower_ in STOP_WORDS and first.text != "I":
        text = text[:1].lower() + text[1:]
    return _DATELINE.sub("", text)


def _join(words) -> str:
    """Tokens back to text (their own spacing), without the sentence's edge punctuation."""
    text = "".join(t.text_with_ws for t in words).strip()
    text = re.sub(r"\s+,", ",", text)
    return text.strip(" ,;:—–-").rstrip(".").strip(" ,;:—–-")  # "in Niamey, according to …" → "in Niamey"
