"""Speech cues read from the structure of the sentence: which verb governs a quotation, and who
is its subject.

Why structure rather than a list of "said" words: a quotation is an argument of the verb that
introduces it whatever that verb is ("the protesters chanted “…”", "she credited him for “…”",
"Christie gloated: “…”"), and the governing verb's subject is the speaker.  The parse gives that
link directly; a word list would miss every verb it does not name.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from .nlp import TITLE_ABBREVIATIONS, doc_text
from .speaker_words import _DETERMINERS, _ROLE_HEADS, headline_case

if TYPE_CHECKING:
    from .quotes import QuoteSpan, _QuoteIndex

#: how many heads to climb from a quotation to the verb that governs it
_CLIMB = 12
#: subject words that name no speaker even when they govern a quotation ("it was “…”")
_EMPTY_SUBJECTS = {"it", "this", "that", "there", "which", "what"}
#: verbs whose proper-noun "object" right after a quotation is a misparsed inverted subject
_OBJECT_SPEAKERS = {"say", "add", "write", "continue", "explain", "note", "recall", "insist"}
_PERSON_PRONOUNS = {"he", "she", "they", "we", "i", "you"}
#: endings of nouns for people and bodies ("protesters", "commentator", "analyst", "residents")
_PEOPLE_ENDINGS = ("er", "ers", "or", "ors", "ist", "ists", "ian", "ians", "ant", "ants", "ent", "ents")


def inside_quotation(qspans: _QuoteIndex, at: int) -> bool:
    k = bisect_right(qspans.starts, at) - 1
    return k >= 0 and at < qspans.ends[k]


def governing_verbs(doc, q: QuoteSpan, qspans: _QuoteIndex) -> list:
    """Verbs outside every quotation on the head chain from the quotation up to its root, the
    nearest first.  Empty when the quotation is a sentence of its own."""
    span = doc.char_span(q.start, q.end, alignment_mode="contract")
    if span is None or len(span) == 0:
        return []
    lo, hi = span.start, span.end
    outside = [t.head for t in span if not lo <= t.head.i < hi]
    if not outside:
        return []
    out = []
    tok = min(outside, key=lambda t: abs(t.i - lo))
    for _ in range(_CLIMB):
        if tok.pos_ in {"VERB", "AUX"} and not inside_quotation(qspans, tok.idx):
            out.append(tok)
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return out


_MARKS = {"“", "”", '"', "«", "»"}


def across_quote(subj, verb) -> bool:
    """Whether a quotation mark stands between a subject and its verb: then the "subject" is a
    word of the quotation the parse hung on the cue ("“…, the foundation, …,” said a person")."""
    lo, hi = sorted((subj.i, verb.i))
    # an odd count: one side is inside the quotation ("Hemsley, the co-author of “Going Viral,”
    # said" has a whole quoted title between and is Hemsley's)
    return sum(t.text in _MARKS for t in subj.doc[lo + 1 : hi]) % 2 == 1


def _outside_quote(subj, verb):
    """``subj``, or None when it is a word of the quotation; but '“…, Mr. President,”
    Representative Steve Cohen, Democrat of Tennessee, told Mr. Obama' hangs the speaker on the
    quotation's last words as their appositive: then the appositive is the subject."""
    if not across_quote(subj, verb):
        return subj
    return next((a for a in subj.children if a.dep_ == "appos" and a.pos_ == "PROPN"
                 and not across_quote(a, verb)), None)  # fmt: skip


def _subject(verb):
    """The active subject of ``verb`` or of the verb it hangs from ("condemned …, saying in a
    statement", "responded by saying"); None for a passive subject, which is what was said about,
    not who said it."""
    for _ in range(3):
        subjects = [_outside_quote(c, verb) for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
        subjects = [c for c in subjects if c is not None]
        if subjects:
            subj = next((c for c in reversed(subjects) if c.pos_ == "PROPN"), subjects[0])
            return None if subj.dep_ == "nsubjpass" else subj
        # "…,” said Dr. Sherine Abed": the parse sometimes hangs the name on as an object; any
        # other verb's object is who it was done to ("endorsed Clinton, saying …")
        if (verb.lemma_ or verb.lower_).lower() in _OBJECT_SPEAKERS:
            for child in verb.rights:
                if child.dep_ in {"dobj", "attr", "npadvmod"} and child.pos_ == "PROPN":
                    return child
        # a finite verb parsed as a modifier of the noun before it is that noun's predicate
        # ("The union’s leader, Dana Whitlock, called for …" read as "leader … called")
        if verb.dep_ in {"acl", "relcl"} and verb.tag_ in {"VBD", "VBZ", "VBP"} and verb.head.pos_ in {
            "NOUN",
            "PROPN",
        }:
            if verb.dep_ == "acl":
                return verb.head
            return None
        if verb.dep_ in {"conj", "advcl", "xcomp", "pcomp"} and verb.head.i != verb.i:
            verb = verb.head if verb.dep_ != "pcomp" else verb.head.head
            continue
        return None
    return None


def can_speak(subj) -> bool:
    """A subject that may be a speaker: a person pronoun, a name, or a noun naming people or a
    body ("the protesters", "the commission", "one analyst"); not "it" or "the plan"."""
    low = subj.lower_
    if low in _EMPTY_SUBJECTS:
        return False
    if subj.pos_ == "PRON":
        return low in _PERSON_PRONOUNS or low in {"who", "that"}
    if subj.pos_ == "PROPN":
        return True
    lemma = (subj.lemma_ or low).lower()
    return lemma in _ROLE_HEADS or low in _ROLE_HEADS or _names_people(subj)


def _names_people(tok) -> bool:
    """Nouns for people and the bodies and documents that speak for them, by their ending or by
    being the head of a proper-noun compound ("the Pentagon spokesman", "the Trump campaign")."""
    low = tok.lower_
    if any(c.dep_ == "compound" and c.pos_ == "PROPN" for c in tok.children):
        return True
    return low.endswith(_PEOPLE_ENDINGS)


def structural_speaker(doc, q: QuoteSpan, qspans: _QuoteIndex, lo: int, hi: int):
    """(verb, subject) of the verb that governs the quotation within characters [lo, hi): a
    speech verb on the chain wins, else the nearest verb whose subject can speak."""
    from .speaker_words import SPEECH_VERBS

    if headline_case(doc_text(doc), q.open_at):
        return None  # a title-case headline parses as nonsense: "Despite Ted Cruz" is no subject
    verbs = [v for v in governing_verbs(doc, q, qspans) if lo <= v.idx < hi]
    fallback = None
    for verb in verbs:
        subj = _subject(verb)
        lemma = (verb.lemma_ or verb.lower_).lower()
        if subj is None and lemma in SPEECH_VERBS and verb.dep_ == "acl":
            # "Trump issued a statement saying that Scalia was “…”": what the statement says is
            # reported, so a subject below it is not the speaker; who issued it is
            fallback = None
            owner = verb.head
            if owner.dep_ in {"dobj", "pobj"} and owner.head.pos_ == "VERB":
                subj = _subject(owner.head)
                if subj is not None and lo <= subj.idx < hi and can_speak(subj):
                    return owner.head, subj
            continue
        if subj is None or not lo <= subj.idx < hi:
            continue
        if lemma in SPEECH_VERBS or verb.lower_ in {"said", "says", "told"}:
            return verb, subj
        # a noun that acts on the quotation itself speaks ("…,” the judge exclaimed); a copula's
        # subject does not ("his policy was “…”")
        direct = verb is verbs[0] and lemma not in {"be", "have", "become", "seem"} and subj.pos_ == "NOUN"
        if fallback is None and (can_speak(subj) or direct):
            fallback = (verb, subj)
    return fallback



def colon_speaker(doc, text: str, open_at: int, clause_start: int):
    """The subject of the clause a colon closes right before the quotation ("Kelly responded,
    with a smile: “…”", "Reporter Ana Diaz says:¶“…”", "HuffPollster: “…”"), or None."""
    i = open_at - 1
    while i >= 0 and text[i] in " \t\n\xa0":
        i -= 1
    if i < 0 or text[i] != ":" or text.count("\n", i, open_at) > 2 or headline_case(text, i):
        return None
    span = doc.char_span(clause_start, i, alignment_mode="contract")
    if span is None or len(span) == 0:
        return None
    lo, hi = span.start, span.end
    roots = [t for t in span if not lo <= t.head.i < hi or t.head.i == t.i]
    # the verb nearest the colon introduces what follows ("She said …, to which O'Malley
    # interjected: “…”" is O'Malley's); then the clause's roots
    near = [t for t in span[-7:] if t.pos_ in {"VERB", "AUX"}][-1:]
    for root in near + roots:
        if root.pos_ in {"VERB", "AUX"}:
            subj = _subject(root)
            if subj is not None and lo <= subj.i < hi and can_speak(subj):
                return subj
    # a bare "Name: “…”" introduces the named speaker's words
    last = roots[-1] if roots else None
    if last is not None and last.pos_ == "PROPN" and len(span) <= 6:
        return last
    return None


def according_source(doc, text: str, lo: int, hi: int, qspans: _QuoteIndex):
    """The phrase after "according to" in characters [lo, hi), outside every quotation, as
    (head token, phrase), or None.

    Why it wins over the speech verb: "“…,” the judge said, according to the Post" is the Post's
    account of what the judge said; the article's source for the quotation is the Post (PolNeAR
    annotates it so, and an analyst weighing the quotation needs to know it is second-hand).
    """
    at = text.find("ccording to ", lo, hi)
    while at > 0:
        start = at - 1
        if text[start] in "aA" and not inside_quotation(qspans, start):
            head = _according_object(doc, start)
            if head is not None:
                words = [t for t in head.subtree if lo <= t.idx < hi and not inside_quotation(qspans, t.idx)]
                stops = {"“", "”", '"', "(", ";"}
                end = next((k for k, t in enumerate(words) if t.text in stops), len(words))
                words = words[:end]
                if words:
                    phrase = text[words[0].idx : words[-1].idx + len(words[-1])].strip(" ,.:")
                    if 1 < len(phrase) <= 160:
                        return head, phrase
        at = text.find("ccording to ", at + 1, hi)
    return None


def _according_object(doc, start: int):
    """The object of "to" in "according to X" at character ``start``."""
    span = doc.char_span(start, start + 9, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    according = span[0]
    from .speaker_words import SPEECH_VERBS

    tok = according
    while tok.head.i != tok.i:
        # "X said that according to its analysis …": the source is inside X's reported words
        if tok.dep_ == "ccomp" and (tok.head.lemma_ or tok.head.lower_).lower() in SPEECH_VERBS:
            return None
        tok = tok.head
    for tok in according.subtree:
        if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.pos_ in {"NOUN", "PROPN", "PRON"}:
            return tok
    return None


def reporting_source(doc, q: QuoteSpan, qspans: _QuoteIndex, lo: int, hi: int):
    """The subject of "reported" above the quotation's speech verb ("Trump said: “…”, the Times
    reported"), or None: like "according to", the outlet is the article's source for it."""

    below = False  # "reported" above the verb the quotation hangs on, not that verb itself
    for verb in governing_verbs(doc, q, qspans):
        if not lo <= verb.idx < hi:
            break
        lemma = (verb.lemma_ or verb.lower_).lower()
        if lemma == "report" and below:
            subj = _subject(verb)
            if subj is not None and subj.pos_ in {"PROPN", "NOUN"} and lo <= subj.idx < hi:
                return subj
            return None
        below = True
    return None


#: most words a role's description may run to ("a Mexican official who was not authorized to …")
_ROLE_WORDS = 24


def role_phrase(tok, lo: int) -> str:
    """An unnamed speaker's whole description, its relative and participle clauses included
    ("one Democrat familiar with the talks", "a Mexican official who was not authorized to speak
    publicly"): for an unnamed source the description is all the reader has to weigh it by."""
    words = [t for t in tok.subtree if t.idx >= lo]
    if not words or words[-1].i - words[0].i + 1 != len(words) or len(words) > _ROLE_WORDS:
        return ""
    # "a senior official, speaking on condition of anonymity, said": the circumstance is no part of
    # who the official is (the example); ", who …" and "familiar with …" are
    cut = next((k for k, t in enumerate(words) if t.text == "," and t.i + 1 < len(t.doc)
                and t.nbor(1).tag_ in {"VBG", "VBN"}), len(words))  # fmt: skip
    words = words[:cut]
    # "… who oversaw investigations and described it as “…”": the clause with a quotation is
    # something the source did, not who the source is
    mark = next((k for k, t in enumerate(words) if t.text in _MARKS and k > 0), None)
    if mark is not None:
        conj = [k for k, t in enumerate(words[:mark]) if t.dep_ == "cc" and t.i > tok.i]
        words = words[: conj[-1]] if conj else []
    stops = {"“", "”", '"', "(", ")", "—", "–", ";", ":"}
    if any(t.text in stops or (t.pos_ == "VERB" and t.i < tok.i) for t in words):
        return ""
    if any(t.dep_ == "appos" and (t.head.i == tok.i or t.pos_ == "PROPN") for t in words):
        return ""  # "the assailant, John McGraw": the name speaks (read by the caller)
    served = _served(tok, words[-1].i + 1 if words else tok.i + 1)
    if served:
        words = words + served
    phrase = "".join(t.text_with_ws for t in words).strip(" ,")
    phrase = re.sub(r"’s$|'s$", "", phrase)
    return _DETERMINERS.sub("", phrase)


#: roles that name whom they serve ("adviser to Bill Clinton", "spokesman for the mayor")
_SERVING = {"adviser", "advisor", "aide", "spokesman", "spokeswoman", "spokesperson", "counsel", "assistant",
            "consultant", "lawyer", "attorney", "strategist"}  # fmt: skip


def _served(tok, end: int) -> list:
    """'“…,” said one longtime adviser to Bill Clinton': the parse hangs "to Bill Clinton" on
    the verb; right after a serving role it is the role's."""
    if tok.lower_ not in _SERVING or tok.dep_ != "nsubj":
        return []
    for prep in tok.head.children:
        if prep.dep_ in {"prep", "dative"} and prep.i == end and prep.lower_ in {"to", "for"}:
            return list(prep.subtree)
    return []


def name_before(verb):
    """The proper noun right before a subjectless speech verb, past an age or a short aside
    between commas ("Ramos, 58, told"), when a closing quotation mark comes just before it."""
    doc = verb.doc
    i = verb.i - 1
    if i >= 0 and doc[i].text == ",":
        j = i - 1
        while j > 0 and doc[j].text != "," and i - j <= 4:
            j -= 1
        aside = doc[j + 1 : i]
        if j >= 0 and doc[j].text == "," and all(t.pos_ in {"NUM", "ADJ", "NOUN", "DET"} for t in aside):
            i = j - 1
    if i < 1 or doc[i].pos_ != "PROPN":
        return None
    k = i
    while k > 0 and doc[k - 1].pos_ == "PROPN":
        k -= 1
    before = doc[k - 1].text if k > 0 else ""
    return doc[i] if before in {"”", '"', "’", "'"} or (k >= 2 and doc[k - 2].text in {"”", '"'}) else None


def counted_member(tok) -> bool:
    """'one Democrat familiar with the talks', 'a Republican involved in the planning': a party
    member or demonym counted like a role is described like one, modifiers and all."""
    if tok.pos_ != "PROPN" or any(c.dep_ == "compound" for c in tok.children):
        return False
    counted = {"one", "another", "a", "an"}
    return any(c.dep_ in {"det", "nummod"} and c.lower_ in counted for c in tok.children)


def name_after_cut_title(last):
    """The last word of the name the parse cut off a title at its dot or hyphen ('Air Force 1st
    Lt. Tyler Livingston', 'Navy Capt. Jeff Davis', 'Blaze co-host Stu Burguiere' end at 'Lt',
    'Capt', 'co'), or None: the name is who speaks."""
    doc = last.doc
    i, moved = last.i + 1, False
    while i + 1 < len(doc):
        prev, t = doc[i - 1], doc[i]
        if t.lower_ in TITLE_ABBREVIATIONS and doc[i + 1].text == "." and t.pos_ == "PROPN":
            i, moved = i + 2, True  # "1st" + "Lt" "."
        elif t.text == "." and prev.lower_ in TITLE_ABBREVIATIONS and not prev.whitespace_:
            i, moved = i + 1, True  # "Capt" + "."
        elif not prev.whitespace_ and "-" in (t.text, prev.text) and (t.is_alpha or t.text == "-"):
            i, moved = i + 1, True  # "co" + "-" + "host"
        else:
            break
    j = i
    # capitalised words after the title; the parse may tag an unfamiliar surname a noun
    while j < len(doc):
        t = doc[j]
        if t.pos_ == "SPACE" and j > i and j + 1 < len(doc) and doc[j + 1].text[:1].isupper():
            j += 1  # a no-break space between the names
        elif t.pos_ in {"PROPN", "NOUN", "ADJ"} and t.text[:1].isupper() and t.is_alpha:
            j += 1
        else:
            break
    return doc[j - 1] if moved and j - i >= 1 else None
