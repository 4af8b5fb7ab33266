"""Timeline card: one event per dated clause, its date resolved from the clause's tense.

A date phrase belongs to the clause of the verb it hangs from in the dependency parse; that clause
is the event's text and evidence, not the whole sentence.  The clause's tense decides a bare
weekday or month: a future clause ("will host … on Friday", "should ease by Thursday", "is due to
… in June") reads it forward from the article date, any other clause backward.  "The next year"
counts from the year the text mentioned last; "since 2018" is a duration, so it dates no event
(it still sets the year last mentioned).  The publication date header is metadata, not an event.
Events are sorted by date, stable.
"""

from __future__ import annotations

import re

from ..model import Source, Span, TimelineEvent
from .dates import DatePhrase, date_phrases, resolve_phrase
from .nlp import sentences
from .situation import header_end

MAX_EVENT_WORDS = 30
_LEAD_IN = re.compile(r"^(?:However|But|And|Meanwhile|Still|Also|Yet|Instead|Since then|So|Then),?\s+", re.I)
_ATTRIBUTION_TAIL = re.compile(
    r",\s*(?:the |a |an )?[\w .’'-]{2,60}?\s(?:said|says|told [\w .’'-]+|reported|added)\.?$"
)
#: modal auxiliaries that put a clause ahead of the time of writing ("wo" is the parser's "won't");
#: not "would": a conditional or a future seen from a past saying, so no guide to the article date
_FUTURE_AUX = {"will", "'ll", "’ll", "wo", "shall", "should", "must", "may", "might"}
#: heads of an infinitive that looks ahead: "is due to", "is expected to", "plans to", "is set to"
_AHEAD_HEADS = {
    "due", "expect", "schedule", "set", "slate", "plan", "go", "intend", "poise", "prepare", "aim", "hope",
    "want", "seek", "vow", "pledge", "promise", "threaten", "likely", "ready", "about", "be",
}  # fmt: skip
#: present-tense verbs of saying: "X says Monday" reports the past, unlike "the team plays Monday"
SPEECH_LEMMAS = {
    "say", "tell", "add", "announce", "report", "claim", "insist", "argue", "note", "write", "warn",
    "confirm", "deny", "admit", "suggest", "explain", "acknowledge", "state", "call", "describe",
    "believe", "think", "know", "show", "find", "accuse", "urge", "ask", "recall", "remember",
}  # fmt: skip
_YEAR = re.compile(r"^(\d{4})")
#: phrases that carry a day of the year but no year of their own: "on New Year's Eve", "on July 4"
_FLOATING = {"holiday", "month_day", "day_month"}
#: scraped page furniture and photo credits: dated, but no event ("appears in print on …")
_FURNITURE = re.compile(
    r"appears in print|today[’']s paper|order reprints|\bsubscribe\b|photo(?:graph)?:|"
    r"\b[A-Z][a-z]+ [A-Z][a-z]+ ?/ ?(?:Reuters|AP|AFP|Getty|EPA|Bloomberg)\b|(?:REUTERS|AFP|AP|EPA)/|"
    r"getty images|image copyright|image caption|click to share|^(?:AFP|EPA|AP|Reuters|Getty)\s+[A-Z]|"
    r"^(?:a post )?shared by\b",  # an embedded Instagram post's byline
    re.I,
)
#: an embedded tweet's signature, "— Elon Musk (@elonmusk) February 5, 2018": when it was posted,
#: not when what it says happens
_POSTED = re.compile(r"\(@\w{1,30}\)\s*$")
_DURATION = re.compile(r"(?:\bsince|\bfor the (?:past|last))\s*$", re.I)


#: dependencies that make a verb the head of a clause (a "VBZ" that is a preposition's object is a
#: mis-tagged noun: "missile launches in July")
_CLAUSAL = {
    "ROOT", "conj", "ccomp", "xcomp", "advcl", "relcl", "acl", "csubj", "csubjpass", "pcomp", "parataxis",
}  # fmt: skip


def _is_clause_head(tok) -> bool:
    return tok.dep_ in _CLAUSAL and (tok.pos_ in {"VERB", "AUX"} or tok.tag_.startswith("VB"))


def _governor(tok):
    """The verb whose clause a date token belongs to (the root when no verb is above it)."""
    t = tok
    while t.head.i != t.i and not _is_clause_head(t):
        t = t.head
    return t


def _tense(verb) -> str:
    """'future' when ``verb``'s clause speaks of what is still to come, "timetable" for a simple
    present of a non-speech verb ("the team plays on Friday"), "past" otherwise."""
    v = verb
    for _ in range(6):  # climb non-finite clauses to the verb that carries their tense
        auxes = [c for c in v.children if c.dep_ in {"aux", "auxpass"}]
        if any(a.lower_ in _FUTURE_AUX for a in auxes) or v.lower_ in _FUTURE_AUX:
            return "future"
        if v.tag_ == "VBG" and any(a.tag_ in {"VBZ", "VBP"} for a in auxes):
            return "past" if v.lemma_ in SPEECH_LEMMAS else "future"  # "are hosting … on Friday"
        head = v.head
        ahead = head.lemma_ in _AHEAD_HEADS or head.lower_ in _AHEAD_HEADS  # "is due to", "plans to"
        if v.dep_ in {"xcomp", "ccomp", "advcl", "acl"} and v.tag_ == "VB" and head.i != v.i and ahead:
            # "was expected to", "had planned to": a plan seen from the past; "is expected to" looks ahead
            head_auxes = [a for a in head.children if a.dep_ in {"aux", "auxpass"}]
            finite_past = head.tag_ == "VBD" or (
                head.tag_ == "VBN" and any(a.tag_ == "VBD" for a in head_auxes)
            )
            return "past" if finite_past else "future"
        finite = any(a.tag_ in {"VBZ", "VBP", "VBD", "MD"} for a in auxes) or v.tag_ in {"VBZ", "VBP", "VBD"}
        if not finite and v.dep_ != "ROOT" and head.i != v.i:
            v = _governor(head)  # "a zone set up at …", "to report on …": the head clause's time
            continue
        if v.tag_ in {"VBZ", "VBP"} and not auxes and v.lemma_ not in SPEECH_LEMMAS | {"be", "have"}:
            return "timetable"
        return "past"
    return "past"


def _clause_head(verb):
    """The verb that carries ``verb``'s clause: "scheduled" for "is scheduled to blast off"."""
    head = verb
    while head.dep_ == "xcomp" and head.head.i != head.i:
        head = head.head
    return head


def _via_argument(date_root, verb) -> bool:
    """Whether the date reaches its verb through the verb's subject or object ("any other flying
    today is scheduled to blast off Tuesday"): it dates that noun, not the clause's event."""
    t = date_root
    while t.head.i != t.i and t.i != verb.i:
        if t.dep_ in {"nsubj", "nsubjpass", "dobj", "attr", "appos"}:
            return True
        t = t.head
    return False


def _clause(verb, date_span) -> tuple[int, int]:
    """Token range [start, end) of ``verb``'s own clause: its subtree without coordinated clauses."""
    head = _clause_head(verb)
    drop: set[int] = set()
    for child in head.children:
        if child.dep_ == "conj" and child.pos_ in {"VERB", "AUX"} and child.i > head.i:
            drop.update(t.i for t in child.subtree)
            drop.update(c.i for c in head.children if c.dep_ == "cc" and head.i < c.i < child.i)
    tokens = [t.i for t in head.subtree if t.i not in drop]
    start, end = min(tokens), max(tokens) + 1
    if head.dep_ == "relcl":  # "Emanuel, who fired the chief on Tuesday": the antecedent too
        start = min(start, head.head.left_edge.i)
    start, end = min(start, date_span.start), max(end, date_span.end)
    doc = verb.doc
    while end > start + 1 and (doc[end - 1].is_punct or doc[end - 1].dep_ == "cc"):
        end -= 1
    while start < end - 1 and (doc[start].is_punct or doc[start].dep_ in {"cc", "mark"}):
        start += 1
    return start, end


#: words that open a clause which cannot stand alone as an event ("When it launches on Tuesday")
_SUBORDINATORS = {
    "when", "as", "while", "after", "before", "once", "until", "since", "if", "because", "although",
    "though", "which", "that", "who", "whom", "whose", "where",
}  # fmt: skip
_THIN_WORDS = 5
_SUBORDINATE_WORDS = 12


def _thin(doc, t0: int, t1: int) -> bool:
    """A clause too thin to read as an event on a timeline: under five words ("Released Sunday",
    "Tweeted yesterday", "Which votes June 7"), or a short subordinate or relative clause."""
    words = [t for t in doc[t0:t1] if not t.is_punct]
    if len(words) < _THIN_WORDS:
        return True
    first = words[0]
    subordinate = first.lower_ in _SUBORDINATORS and first.tag_ in {"IN", "WDT", "WRB", "WP", "WP$"}
    return subordinate and len(words) < _SUBORDINATE_WORDS


def _widened(verb, span, t0: int, t1: int):
    """The clause a thin clause hangs from, climbed until it reads as an event (at most to the
    sentence's root): "A poll released Sunday shows Trump ahead", not "Released Sunday"."""
    for _ in range(4):
        if not _thin(verb.doc, t0, t1) or verb.head.i == verb.i:
            break
        up = _governor(verb.head)
        if up.i == verb.i:
            break
        verb = up
        t0, t1 = _clause(verb, span)
    return verb, t0, t1


#: nouns that name a stretch of time, not a place: "at the beginning of the term in 2009"
_TIME_NOUNS = {"beginning", "start", "end", "outset", "height", "peak", "middle", "close", "time", "wake"}


def _dated_noun(span, verb):
    """The noun a date phrase modifies ("a meeting in Niamey in mid-March"), when it is not the
    verb's: that noun names an event of its own, with its own date."""
    root = span.root
    if root.dep_ == "npadvmod" and root.head.pos_ == "NOUN":  # "a coup in July last year"
        noun = root.head
    else:
        prep = root if root.dep_ == "prep" else root.head if root.dep_ == "pobj" else None
        if prep is None or prep.dep_ != "prep":
            return None
        noun = prep.head
    if noun.dep_ == "pobj" and noun.head.lower_ in {"after", "following"}:
        return None  # "After the coup last year, the army moved …": the date places the moving
    if (
        noun.dep_ == "pobj"
        and noun.head.lower_ in {"at", "in", "near", "inside", "outside", "on"}
        and noun.lemma_ not in _TIME_NOUNS
    ):
        return None  # "the fire at the depot on Monday": a place, the parser's attachment aside
    # a "VERB" that is a preposition's object is a mis-tagged noun ("missile launches in July")
    nominal = noun.pos_ == "NOUN" or (noun.pos_ == "VERB" and not _is_clause_head(noun))
    if not nominal or noun.i == verb.i or noun.dep_ in {"npadvmod", "advmod"}:
        return None
    return noun if verb.left_edge.i <= noun.i <= verb.right_edge.i else None


#: subordinators of a clause that shares its time with the main clause ("As Obama spoke on Sunday,
#: Trump tweeted"; "When the storm hit on Monday, the roads flooded")
_SAME_TIME = {"as", "when", "while", "once"}


def _inherit(doc, sent, by_clause: dict) -> None:
    """Undated clauses tied to a dated one take its date: the main clause of a dated "as"/"when"
    clause, and past-tense clauses coordinated with a dated past-tense clause."""
    for key, (hit, iso, _) in list(by_clause.items()):
        if key < 0:
            continue
        v = doc[key]
        tied = []
        if v.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in _SAME_TIME for c in v.children):
            tied.append(_governor(v.head))
        if v.tag_ == "VBD":
            tied += [c for c in v.children if c.dep_ == "conj" and c.tag_ == "VBD" and _is_clause_head(c)]
        for t in tied:
            if t.i in by_clause or not sent.start <= t.idx < sent.end or not _is_clause_head(t):
                continue
            t0, t1 = _clause(t, doc[t.i : t.i + 1])
            if t.dep_ != "conj" and v.left_edge.i >= t0:  # the main clause without the dated clause
                t0 = v.right_edge.i + 1
            while t0 < t1 and doc[t0].is_punct:
                t0 += 1
            if t0 < t1:
                by_clause[t.i] = (hit, iso, (doc[t0].idx, doc[t1 - 1].idx + len(doc[t1 - 1].text)))


def _event_text(text: str) -> str:
    s = _LEAD_IN.sub("", text.strip().strip('“”"'))
    s = _ATTRIBUTION_TAIL.sub("", s).rstrip(" .,;:—-")
    words = s.split()
    if len(words) > MAX_EVENT_WORDS:
        s = " ".join(words[:MAX_EVENT_WORDS]).rstrip(",;:") + "…"
    return s[:1].upper() + s[1:]


def _own_year(hit: DatePhrase) -> bool:
    groups = hit.match.groupdict()
    return bool(groups.get("y") or groups.get("y0"))


def _rank(hit: DatePhrase, iso: str) -> tuple[bool, int]:
    """A phrase that states its year beats one that borrows it ("in January 2016 … on New Year's
    Eve"); then the more precise date wins."""
    return (hit.kind not in _FLOATING or bool(_own_year(hit)), len(iso))


def extract_timeline(doc, source: Source) -> list[TimelineEvent]:
    text = source.text
    ref = source.date
    body_start = header_end(source)
    events: list[TimelineEvent] = []
    seen: dict[tuple[str, str], TimelineEvent] = {}
    last_year: int | None = None
    for sent in sentences(text):
        body = text[sent.start : sent.end]
        if _FURNITURE.search(body):
            continue
        by_clause: dict[int, tuple[DatePhrase, str, tuple[int, int]]] = {}
        borrowed: set[tuple[int, int]] = set()  # (clause, phrase start): a date widened into a clause
        for hit in date_phrases(body, ref):
            start, end = sent.start + hit.start, sent.start + hit.end
            span = doc.char_span(start, end, alignment_mode="expand")
            verb = _governor(span.root) if span is not None else None
            if verb is not None and not sent.start <= verb.idx < sent.end:
                verb = None  # the parser ran the sentence into its neighbour (a headline, a caption)
            # a headline's present tense reports the past ("Rebels seize the town on Sunday")
            tense = _tense(verb) if verb is not None and sent.start >= body_start else "past"
            # a timetable's present ("plays on Friday") looks ahead only for a named day
            future = tense == "future" or (tense == "timetable" and hit.kind == "weekday")
            iso = resolve_phrase(hit, ref, forward=future, last_year=last_year)
            if not iso:
                continue
            if hit.kind != "anaphoric_year" or iso:
                last_year = int(_YEAR.match(iso).group(1))
            if _POSTED.search(body[: hit.start]):
                continue
            if _DURATION.search(body[: hit.start]) or hit.text.lower().startswith("since"):
                continue  # "since 2018", "for the past three years": how long, not when
            noun = _dated_noun(span, verb) if verb is not None else None
            if noun is not None and _thin(
                doc, min(noun.left_edge.i, span.start), max(noun.right_edge.i + 1, span.end)
            ):
                noun = None  # "25 senators in 2008": no event of its own, the date goes to the verb's clause
            if verb is None:
                key, bounds = -1, (sent.start, sent.end)
            elif noun is not None:  # "sanctions in response to missile launches in July"
                a_tok, b_tok = min(noun.left_edge.i, span.start), max(noun.right_edge.i + 1, span.end)
                key, bounds = -1 - noun.i, (doc[a_tok].idx, doc[b_tok - 1].idx + len(doc[b_tok - 1].text))
            else:
                t0, t1 = _clause(verb, span)
                clause_verb, t0, t1 = _widened(verb, span, t0, t1)
                clause_verb = _clause_head(clause_verb)
                if clause_verb.i != _clause_head(verb).i or _via_argument(span.root, verb):
                    borrowed.add((clause_verb.i, hit.start))
                key, bounds = clause_verb.i, (doc[t0].idx, doc[t1 - 1].idx + len(doc[t1 - 1].text))
            kept = by_clause.get(key)
            own_year = bool(_own_year(hit))
            kept_borrowed = kept is not None and (key, kept[0].start) in borrowed
            if kept is not None and kept_borrowed != ((key, hit.start) in borrowed):
                # two dates for one clause, one from a thin clause inside it ("any other flying
                # today is scheduled to blast off Tuesday"): the clause's own date is its event's
                if kept_borrowed:
                    by_clause[key] = (hit, iso, bounds)
            elif kept is not None and len(kept[1]) == 4 and hit.kind in _FLOATING and not own_year:
                # "on New Year's Eve two years ago": the day from one phrase, the year from the other
                by_clause[key] = (hit, kept[1] + iso[4:], bounds)
            elif kept is not None and len(iso) == 4 and kept[0].kind in _FLOATING and len(kept[1]) > 4:
                by_clause[key] = (kept[0], iso + kept[1][4:], bounds)
            elif kept is None or _rank(hit, iso) > _rank(kept[0], kept[1]):
                by_clause[key] = (hit, iso, bounds)
        years = [k for k, (_, iso, _) in by_clause.items() if len(iso) == 4]
        floating = [
            k
            for k, (hit, iso, _) in by_clause.items()
            if hit.kind in _FLOATING and len(iso) > 4 and not _own_year(hit)
        ]
        if len(years) == 1 and floating:
            # "Two years ago, women reported being attacked while celebrating New Year's Eve": one
            # event, its year from one clause and its day from the other
            hit, year_iso, (a, b) = by_clause[years[0]]
            for k in floating:
                _, day_iso, (c, d) = by_clause.pop(k)
                a, b = min(a, c), max(b, d)
                by_clause[years[0]] = (hit, year_iso[:4] + day_iso[4:], (a, b))
        _inherit(doc, sent, by_clause)
        for hit, iso, (a, b) in by_clause.values():
            a, b = max(a, sent.start), min(b, sent.end)
            event = _event_text(text[a:b]) if b > a else ""
            if not event:
                continue
            same = seen.get((iso, event.casefold()))
            if same is not None:  # one event told twice (headline and body, a repeated caption)
                same.evidence.append(Span(source_id=source.id, start=a, end=b))
                continue
            seen[(iso, event.casefold())] = item = TimelineEvent(
                date=iso,
                date_text=body[hit.start : hit.end],
                event=event,
                evidence=[Span(source_id=source.id, start=a, end=b)],
            )
            events.append(item)
    return sorted(events, key=lambda e: e.date)
