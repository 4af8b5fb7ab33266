"""Attribution: who said a quotation, read from the text around it and from the parse.

The rules run in order and the first that names a plausible speaker wins: an attribution right
after the quotation ("…,” the official said), a short sentence after it ("…?” Bush said.), a
dash byline, the subject of the nearest speech verb outside every quotation (preferring a verb
that has a subject, and a title's proper-noun appositive), the speaker of the sentence before,
the last speaker, and a headline's "Name: ‘…’".  ``speakers`` turns what a rule found into the
fullest name or role the article gives.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import TYPE_CHECKING

from .cues import (
    according_source,
    across_quote,
    can_speak,
    colon_speaker,
    counted_member,
    name_after_cut_title,
    name_before,
    reporting_source,
    role_phrase,
    structural_speaker,
)
from .nlp import Sentence, doc_text, sentence_at, sentences
from .speaker_words import _SAID_FORMS, SPEECH_VERBS
from .speakers import _DETERMINERS, PRONOUNS, _resolve, is_title_word, split_title

if TYPE_CHECKING:
    from .quotes import _QuoteIndex

def _subject_phrase(tok, lo: int = 0) -> str:
    """The subject's words: its left modifiers and 'of' phrases, without clauses or appositives.

    Tokens before character ``lo`` (the sentence start) are ignored: the parse can hang a
    header such as "date 2024-05-03" onto the first sentence's subject.
    """
    words = []
    # a role is named by its whole phrase ("one Democrat familiar with the talks", "a source
    # close to the campaign"); a name ends before its modifiers ("Ann Ford of Ohio" aside)
    role = tok.pos_ == "NOUN" or counted_member(tok)
    # a relative clause starts at its left edge ("one source who said …" ends before "who")
    stop = min((c.left_edge.i for c in tok.rights if c.dep_ == "relcl"), default=len(tok.doc))
    for t in tok.subtree:
        if t.idx < lo:
            continue
        if t.i >= stop:
            break
        # "the engineer Tomas Berg" is one name; "Dr. Abed, a neonatologist" ends at the comma
        close_appos = t.dep_ == "appos" and t.i > 0 and t.nbor(-1).text != "," and t.pos_ == "PROPN"
        if t.i > tok.i and (
            t.text in {",", "(", "—", "–", "“", "”", '"'}
            or t.dep_ == "relcl"
            or (t.dep_ == "acl" and not (role and t.tag_ in {"VBN", "VBG", "JJ"}))
            or (t.dep_ == "appos" and not close_appos)
            # a name ends before "… command at its headquarters"
            or (t.dep_ == "prep" and t.lower_ not in {"of", "for"} and not role)
            or (role and t.i - tok.i > 10)
        ):
            break
        if t.i < tok.i and t.dep_ in {"relcl", "acl", "appos"}:
            continue
        words.append(t)
    phrase = "".join(t.text_with_ws for t in words).strip(" ,")
    name_end = name_after_cut_title(words[-1]) if words else None
    if name_end is not None:
        phrase = re.sub(r"\s+", " ", doc_text(tok.doc)[words[0].idx : name_end.idx + len(name_end)])
    phrase = re.sub(r"’s$|'s$", "", phrase)
    return _DETERMINERS.sub("", phrase)


def _role_of(tok) -> str:
    for child in tok.children:
        if child.dep_ == "appos":
            role = "".join(t.text_with_ws for t in child.subtree).strip(" ,")
            return _DETERMINERS.sub("", role)[:120]
    return ""


def _speech_verb(doc, lo: int, hi: int, qspans: _QuoteIndex, near: int):
    """The speech verb in [lo, hi) outside every quotation, nearest to character ``near``; one
    with a speaker of its own beats a nearer one without ("…” announced in October, said Derek
    Scissors")."""
    best, best_d = None, 1 << 30
    qstarts = qspans.starts
    span = doc.char_span(lo, hi, alignment_mode="expand")
    if span is None:
        return None
    for t in span:
        if t.pos_ not in {"VERB", "AUX"} and t.lower_ != "according":
            continue
        k = bisect_right(qstarts, t.idx) - 1
        if k >= 0 and t.idx < qspans.ends[k]:
            continue  # inside a quotation
        lemma = t.lemma_.lower() if t.lemma_ else t.lower_
        if lemma not in SPEECH_VERBS and t.lower_ not in {"said", "says", "told", "according"}:
            continue
        d = abs(t.idx - near) + (0 if _speaker_of_verb(t) is not None else 10_000)
        if d < best_d:
            best, best_d = t, d
    return best


def _speaker_of_verb(verb):
    if verb.lower_ == "according":
        for t in verb.subtree:
            if t.dep_ == "pobj":
                return t
        return None
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and not across_quote(c, verb)]
    if subjects:
        # "the engineer Tomas Berg said" parses as two subjects: the name is the speaker
        return next((c for c in reversed(subjects) if c.pos_ == "PROPN"), subjects[0])
    if verb.dep_ == "acl" and verb.tag_ in {"VBD", "VBZ", "VBN"} and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head  # "…!” the nominee, Donald Trump, tweeted Sunday": a finite verb misread
    # "…,” said Dr. Sherine Abed" is sometimes parsed with the name as the object; whom one
    # "told" is the listener, never the speaker
    told = verb.lower_ in {"told", "tells", "tell", "telling"}
    for child in verb.rights:
        if child.dep_ in {"dobj", "attr", "npadvmod"} and child.pos_ == "PROPN" and not told:
            return child
    left = name_before(verb)
    if left is not None:
        return left  # "…,” Ramos, 58, told AFP": the parse lost the subject, the order did not
    if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head.i != verb.i:
        return _speaker_of_verb(verb.head)
    return None


#: lower-case role words that may sit inside a title before a name ("GOP strategist Keith Nahigian")
_TITLE_ROLES = (
    r"strategist|adviser|advisor|aide|spokesman|spokeswoman|spokesperson|pollster|consultant|analyst|"
    r"professor|lawyer|attorney|official|chairman|chairwoman|leader|director|secretary|minister|"
    r"senator|candidate|nominee|founder|economist|expert|researcher|host|commentator|activist"
)
_AFTER = re.compile(
    r"^[\s,.?!—–'’\"”-]*(?:(?P<verb>" + _SAID_FORMS + r")\s+(?P<spk1>(?:[A-Z][\w.’'-]*\s*){1,7}"
    r"(?:(?:(?:" + _TITLE_ROLES + r")\s+){1,2}(?:[A-Z][\w.’'-]*\s*){1,4})?)"
    # "Miller, a retired worker from a nuclear plant, said"
    r"|(?P<spk3>[A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){0,3}),\s(?:a|an|the)\s[^,“”\"\n]{3,90},\s(?:"
    + _SAID_FORMS
    + r")\b"
    r"|(?P<spk2>(?:the |a |an )?[\w.’' -]{1,60}?)\s+(?:" + _SAID_FORMS + r")\b)"
)
_HEADLINE_SPEAKER = re.compile(r"([A-Z][\w’'.-]+(?:\s[A-Z][\w’'.-]+){0,3}?)\s*(?:\son|\ssays|\ssaid|\sto|:)")
_VERB_FIRST = re.compile(r"^[\s,.?!—–'’\"”-]*(?P<verb>" + _SAID_FORMS + r")\s")
#: '“…” ― Oscar P. Quintero' at the end of a line: reader comments and epigraphs
_DASH_BYLINE = re.compile(
    r"[ \t]*(?:\n\s*)?[―—–-]\s*(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})\s*(?:[,\n]|$)"
)


def _remember_short(text: str, res, q, sents) -> None:
    """A quotation too short to list still names who speaks next when a speech verb follows it."""
    last = sents[sentence_at(sents, max(q.open_at, q.close_at - 1))]
    after = text[q.close_at + 1 : last.end] if q.close_at < last.end else ""
    m = _AFTER.match(after)
    if m and after[:1] in {",", " "} and re.match(r"[\s,]*\w", after):
        phrase = m.group("spk1") or m.group("spk3") or m.group("spk2") or ""
        if phrase and not re.search(r"[“”\"\n]", phrase):
            speaker, _ = _resolve(res, phrase, q.open_at)
            if speaker:
                res.remember(speaker, q.close_at)


def _attribute(text, doc, res, q, first: Sentence, last: Sentence, qspans) -> tuple[str, str]:
    found = according_source(doc, text, first.start, max(last.end, first.end), qspans)
    if found is not None:
        # "“…,” the judge said, according to the Post": the article's source is the Post
        head, phrase = found
        if head.pos_ in {"PROPN", "PRON"}:
            speaker, role = _resolve(res, head.text if head.pos_ == "PRON" else phrase, head.idx)
            if speaker:
                return speaker, role
        if head.pos_ != "PRON":
            return re.sub(r"^(?:a|an|the)\s+", "", phrase, flags=re.I), ""
    outlet = reporting_source(doc, q, qspans, first.start, max(last.end, first.end))
    if outlet is not None:
        speaker, role = _from_subject(res, outlet, first.start, q.open_at)
        if speaker:
            return speaker, role
    return _attribute_cue(text, doc, res, q, first, last, qspans)


def _attribute_cue(text, doc, res, q, first: Sentence, last: Sentence, qspans) -> tuple[str, str]:
    # 1. "…,” the official said." / "…,” said Dr. Abed, a neonatologist"
    after = text[q.close_at + 1 : last.end] if q.close_at < last.end else ""
    m = _AFTER.match(after)
    verb_first = _VERB_FIRST.match(after)
    if verb_first:
        # "…,” said Huckabee campaign spokesman Hogan Gidley" / "…,” said one former executive
        # who …": the parse knows where the subject's phrase ends, a run of capitals does not
        at = q.close_at + 1 + verb_first.start("verb")
        speaker, role = _inverted_subject(doc, res, at, last, q.open_at)
        if speaker:
            return speaker, role
    if m and after.strip():
        phrase = m.group("spk1") or m.group("spk3") or m.group("spk2") or ""
        if phrase and not re.search(r"[“”\"\n]", phrase):
            speaker, role = _resolve(res, phrase, q.open_at)
            if speaker:
                return speaker, role or (_role_from_text(after[m.end() :]) if m.group("spk1") else "")
    dash = _DASH_BYLINE.match(text, q.close_at + 1)
    if dash:
        return res.fullest_name(dash.group("name"), q.close_at), ""
    # 1b. "…Really?” Bush said." — the quotation ends its sentence and a short one names the speaker
    if not after.strip():
        tail = text[q.close_at + 1 : q.close_at + 200]
        m = _AFTER.match(tail)
        rest = tail[m.end() :] if m else ""
        if m and re.match(r"[^.“”\"\n]{0,30}[.,]", rest) and "\n" not in tail[: m.end()]:
            phrase = m.group("spk1") or m.group("spk3") or m.group("spk2") or ""
            if phrase and len(phrase.split()) <= 6 and not re.search(r"[“”\"]", phrase):
                speaker, role = _resolve(res, phrase, q.open_at)
                if speaker:
                    return speaker, role
        # "“…?” Hannity pressed." — any verb, when the short sentence is only its subject and it
        speaker, role = _short_tail(doc, res, text, q)
        if speaker:
            return speaker, role
    # 2. the parse: subject of the nearest speech verb in the same sentence(s), outside quotes
    # a speech verb far from the quotation is not its attribution (and would make long texts slow)
    lo, hi = max(first.start, q.open_at - 300), min(max(last.end, first.end), q.close_at + 300)
    # 2b. "X responded, with a smile: “…”": the clause a colon closes introduces the quotation
    lead = _sentence_before(text, q.open_at)
    subj = colon_speaker(doc, text, q.open_at, lead)
    if subj is not None:
        speaker, role = _from_subject(res, subj, lead, q.open_at)
        if speaker:
            return speaker, role
    # 2a. the verb that governs the quotation in the parse, whatever verb it is
    found = structural_speaker(doc, q, qspans, lo, hi)
    if found is not None:
        speaker, role = _from_subject(res, found[1], first.start, q.open_at)
        if speaker:
            return speaker, role
    verb = _speech_verb(doc, lo, hi, qspans, q.open_at)
    if verb is not None:
        speaker, role = _from_subject(res, _speaker_of_verb(verb), first.start, q.open_at)
        if speaker:
            return speaker, role
    # 3. a quotation standing alone continues the words of whoever spoke just before: the subject
    # of a speech verb in the sentence before ("Wendt told the daily that …" ¶ "“…”") or else the
    # last speaker (same or previous paragraph)
    # a quotation right after reported speech goes on with that speaker ("Reid said Sanders had
    # energised many." ¶ "“…”"), when no one has been quoted since
    speaker = _reported_before(text, doc, res, first)
    if speaker:
        return speaker, ""
    prev = _previous_speaker(text, doc, res, first, qspans)
    if prev and (not res.last_speaker or res.last_speaker_at < first.start - 400):
        return prev, ""
    if res.last_speaker and q.open_at - res.last_speaker_at < 1500:
        return res.last_speaker, ""
    # 4. a headline "Gates on Tillerson: ‘…’" quotes the person it opens with
    line_start = text.rfind("\n", 0, q.open_at) + 1
    head = re.match(_HEADLINE_SPEAKER, text[line_start : q.open_at])
    if head and ":" in text[line_start : q.open_at]:
        # "McCain Challenger Kelli Ward: …": the name after its title
        name, role = split_title(head.group(1))
        return res.fullest_name(name, len(text)), role
    return "", ""


def _sentence_before(text: str, at: int) -> int:
    """Start of the sentence that holds the text just before character ``at``."""
    sents = sentences(text)
    k = sentence_at(sents, max(0, at - 2))
    while k > 0 and sents[k].start >= at:
        k -= 1
    return sents[k].start if sents else 0


def _short_tail(doc, res, text: str, q) -> tuple[str, str]:
    """Speaker of a sentence of at most six words right after the quotation that is only a
    subject and its verb ("Hannity pressed.", "the investor added flatly.")."""
    m = re.match(r"[ \t]*([^.!?“”\"\n]{2,60})[.,]", text[q.close_at + 1 : q.close_at + 80])
    if not m or len(m.group(1).split()) > 6:
        return "", ""
    span = doc.char_span(q.close_at + 1 + m.start(1), q.close_at + 1 + m.end(1), alignment_mode="contract")
    if span is None:
        return "", ""
    inside = {t.i for t in span}
    for verb in span:
        # an object of its own makes it a sentence about something else ("She is 45", "The crowd
        # booed him"); the quotation itself may hang on it as a complement
        own = [c for c in verb.children if c.dep_ in {"dobj", "ccomp", "xcomp"} and c.i in inside]
        if verb.pos_ != "VERB" or own:
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj" and c.i in inside), None)
        # so short a sentence right after a quotation is its attribution: any noun subject speaks
        if subj is not None and (can_speak(subj) or subj.pos_ in {"NOUN", "PROPN"}):
            return _from_subject(res, subj, span.start_char, q.open_at)
    return "", ""


def _inverted_subject(doc, res, at: int, sent: Sentence, quote_at: int) -> tuple[str, str]:
    """Speaker of the cue verb at character ``at`` when its subject follows it ("said X")."""
    verb = doc.char_span(at, at + 1, alignment_mode="expand")
    if verb is None or len(verb) == 0:
        return "", ""
    subj = _speaker_of_verb(verb[0])
    if subj is None or subj.i <= verb[0].i or subj.idx >= sent.end or subj.lower_ in PRONOUNS:
        return "", ""
    return _from_subject(res, subj, at, quote_at)


def _from_subject(res, subj, lo: int, at: int) -> tuple[str, str]:
    """(speaker, role) for the subject token of a speech cue; ("", "") when it names no one."""
    if subj is None:
        return "", ""
    if subj.lower_ in {"who", "that"} and subj.head.dep_ == "relcl":
        subj = subj.head.head  # "Smith, who said …": the relative pronoun stands for Smith
    appos = _appositive_name(subj)
    if appos is not None and (subj.pos_ != "PROPN" or is_title_word(subj.text)):
        # "Japan’s Ambassador to the United Nations, Koro Bessho, said": the name speaks
        speaker, _ = _resolve(res, _subject_phrase(appos, lo), at)
        if speaker:
            return speaker, _subject_phrase(subj, lo)
    if subj.lower_ in PRONOUNS:
        # a pronoun stands for someone named before the pronoun, not before the quotation
        speaker, role = _resolve(res, subj.text, min(at, subj.idx))
    else:
        speaker, role = _resolve(res, _subject_phrase(subj, lo), at)
        if speaker and (subj.pos_ == "NOUN" or subj.lower_ in {"one", "another"}):
            # the role as this sentence describes it in full, when it is the role resolved
            whole = role_phrase(subj, lo)
            if whole and len(whole) > len(speaker) and whole.lower().startswith(speaker.lower()):
                speaker = whole
    return (speaker, role or _role_of(subj)) if speaker else ("", "")


_PARTY_WORDS = {"republican", "democrat", "independent", "conservative", "liberal"}


def _appositive_name(subj):
    """The proper-noun appositive of a subject ("the ambassador, Koro Bessho,"), or None."""
    if subj is None:
        return None
    # "Representative Peter T. King, Republican of New York,": a party and a state describe him
    own = next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                and c.lower_ not in _PARTY_WORDS), None)  # fmt: skip
    if own is not None or subj.pos_ != "NOUN":
        return own
    # "the mayor of Lakeshire, Ana Ruiz, said": the parse hangs the name on the place
    for t in subj.subtree:
        edge = t.left_edge
        after_comma = edge.i > 0 and edge.nbor(-1).text == ","
        if t.dep_ == "appos" and t.pos_ == "PROPN" and t.head.dep_ == "pobj" and after_comma:
            return t
    return None


def _reported_before(text: str, doc, res, first: Sentence) -> str:
    """Speaker of reported speech ("X said (that) …") in the sentence just before ``first``, if
    that sentence has no quotation of its own and comes after the last quoted speaker."""
    sents = sentences(text)
    k = sentence_at(sents, first.start)
    if k <= 0:
        return ""
    prev = sents[k - 1]
    if prev.start <= res.last_speaker_at or re.search(r"[“”\"«»]", text[prev.start : prev.end]):
        return ""
    span = doc.char_span(prev.start, prev.end, alignment_mode="expand")
    for verb in span if span is not None else ():
        lemma = (verb.lemma_ or verb.lower_).lower()
        if verb.pos_ == "VERB" and lemma in SPEECH_VERBS and any(c.dep_ == "ccomp" for c in verb.children):
            speaker, _ = _from_subject(res, _speaker_of_verb(verb), prev.start, verb.idx)
            if speaker:
                return speaker
    return ""


def _previous_speaker(text, doc, res, first: Sentence, qspans) -> str:
    """The speaker of a speech verb in the sentence just before ``first`` (within 400 characters)."""
    start = max(0, first.start - 400)
    verb = _speech_verb(doc, start, max(start, first.start - 1), qspans, first.start)
    if verb is None:
        return ""
    subj = _speaker_of_verb(verb)
    if subj is None:
        return ""
    phrase = subj.text if subj.lower_ in PRONOUNS else _subject_phrase(subj, start)
    return _resolve(res, phrase, first.start)[0]


def _role_from_text(rest: str) -> str:
    m = re.match(r"\s*,\s*(?:a|an|the)\s+([^,.;]{3,100})", rest)
    return m.group(1).strip() if m else ""
