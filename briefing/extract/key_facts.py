"""Key facts of the lead event: who, what, where, when, why — each a short line traced to its sentence.

The lead event is the lead sentence's (the BLUF's).  *Where* lists that event's places, most
specific first (a base or site, a city, a region, a country; ``key_facts_where``).  *When* is the
lead event's date from the timeline (resolved against the article date), or the publication date
marked as such.  *Why* is printed only for a cause the article
states ("because …", "in response to …"); a cause under a negation ("did not indicate …", "no sign
that …") is kept with its negation, never as the cause.
"""

from __future__ import annotations

import re
from collections import Counter

from ..model import Force, KeyFact, Source, Span, TimelineEvent
from .key_facts_where import where_of
from .nlp import Sentence, doc_text
from .situation import _canon, _clean_lead, body_sentences, lead_sentence
from .timeline import SPEECH_LEMMAS

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
    where = where_of(doc, source, body, lead)
    if where:
        facts.append(KeyFact(label="where", text=", ".join(where), evidence=lead_span))
    when = _when(doc, source, lead, timeline or [])
    if when:
        facts.append(when)
    why = _why(doc, source, body, lead)
    if why:
        facts.append(why)
    return facts


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
    before = re.split(r"[;—–]", doc_text(doc)[start:offset])[-1]
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
