"""Quotes card: every direct quotation with its speaker, plus reported speech as ``indirect``.

Quotation marks are found with a small scanner rather than the parser because news text mixes
curly, straight, single and guillemet marks, and quotations run over paragraphs (an opening
mark with no closing one continues in the next paragraph).  Speakers come from the dependency
parse: the subject of the nearest speech verb outside the quotation, then resolved to the
fullest mention in the article ("the official" → "senior US defence official", "he" → the last
named speaker, "Esper" → "Mark Esper").
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..model import Quote, Source, Span
from .nlp import Sentence, sentence_at, sentences
from .speakers import _DETERMINERS, PRONOUNS, SpeakerResolver, _resolve, is_title_word

MIN_QUOTE_WORDS = 4

SPEECH_VERBS = {
    "say",
    "yell",
    "scream",
    "shout",
    "state",
    "read",
    "quip",
    "opine",
    "elaborate",
    "react",
    "respond",
    "counter",
    "concede",
    "admit",
    "remark",
    "joke",
    "recount",
    "testify",
    "tell",
    "add",
    "warn",
    "urge",
    "insist",
    "note",
    "explain",
    "write",
    "claim",
    "declare",
    "argue",
    "ask",
    "reply",
    "caution",
    "predict",
    "announce",
    "stress",
    "recall",
    "continue",
    "acknowledge",
    "assert",
    "believe",
    "comment",
    "complain",
    "conclude",
    "confirm",
    "describe",
    "emphasize",
    "emphasise",
    "estimate",
    "observe",
    "point",
    "promise",
    "report",
    "reiterate",
    "tweet",
    "post",
    "vow",
    "suggest",
    "accuse",
    "call",
    "deny",
    "maintain",
    "underscore",
    "plead",
    "pledge",
    "threaten",
    "demand",
}
_SAID_FORMS = (
    r"said|says|say|told|tells|added|adds|warned|warns|wrote|writes|explained|noted|insisted|stressed|"
    r"declared|stated|asked|replied|recalled|continued|argued|shouted|tweeted|posted|claimed|announced|"
    r"acknowledged|confirmed|cautioned|predicted|quipped|opined|elaborated|reacted|responded|countered|"
    r"conceded|admitted|observed|remarked|joked|recounted|testified|emphasized|emphasised|suggested|"
    r"urged|vowed|pledged|boasted|complained|lamented|asserted|maintained|read|reads|agrees|agreed|"
    r"notes|explains|recalls|argues|insists|asks|tweets|replies|responds|adds|warns|writes|concedes|admits|"
    r"state|states|yells|yelled|shouts|screamed|screams|cried"
)


@dataclass(slots=True)
class _QuoteIndex:
    """Start and end offsets of every quotation, sorted, for bisect look-ups."""

    starts: list[int]
    ends: list[int]


@dataclass(slots=True)
class QuoteSpan:
    start: int  # first character inside the marks
    end: int
    open_at: int  # the opening mark
    close_at: int  # the closing mark, or the paragraph end when the quotation runs on


def find_quotations(text: str) -> list[QuoteSpan]:
    """Spans inside quotation marks, one per paragraph segment, in text order."""
    out: list[QuoteSpan] = []
    for para in re.finditer(r"[^\n]+", text):
        out.extend(_scan_paragraph(text, para.start(), para.end()))
    return out


def _is_apostrophe(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return prev.isalnum() and (nxt.isalpha() or (nxt == " " and prev == "s"))


def _scan_paragraph(text: str, start: int, end: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    i = start
    while i < end:
        ch = text[i]
        close = None
        if ch in "“«":
            close = "”" if ch == "“" else "»"
        elif ch == '"':
            close = '"'
        elif (
            ch in "‘'" and (i == start or not text[i - 1].isalnum()) and i + 1 < end and text[i + 1].isalnum()
        ):
            close = "’" if ch == "‘" else "'"
        if close is None:
            i += 1
            continue
        j = i + 1
        while j < end:
            c = text[j]
            if c == close and not (close in "’'" and _is_apostrophe(text, j)):
                break
            if close == "”" and c == "“":  # a new opening before a close: the first ran on
                break
            j += 1
        if j >= end or text[j] != close:
            if close in "’'":  # an unmatched single mark is an apostrophe, not a quotation
                i += 1
                continue
            spans.append(QuoteSpan(i + 1, end, i, end))
            i = end if j >= end else j
            continue
        spans.append(QuoteSpan(i + 1, j, i, j))
        i = j + 1
    return spans


def _clean_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "…"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def _subject_phrase(tok, lo: int = 0) -> str:
    """The subject's words: its left modifiers and 'of' phrases, without clauses or appositives.

    Tokens before character ``lo`` (the sentence start) are ignored: the parse can hang a
    header such as "date 2024-05-03" onto the first sentence's subject.
    """
    words = []
    for t in tok.subtree:
        if t.idx < lo:
            continue
        # "the engineer Tomas Berg" is one name; "Dr. Abed, a neonatologist" ends at the comma
        close_appos = t.dep_ == "appos" and t.i > 0 and t.nbor(-1).text != "," and t.pos_ == "PROPN"
        if t.i > tok.i and (
            t.text in {",", "(", "—", "–"}
            or t.dep_ in {"relcl", "acl"}
            or (t.dep_ == "appos" and not close_appos)
            or (t.dep_ == "prep" and t.lower_ not in {"of", "for"})  # "… command at its headquarters"
        ):
            break
        if t.i < tok.i and t.dep_ in {"relcl", "acl", "appos"}:
            continue
        words.append(t)
    phrase = "".join(t.text_with_ws for t in words).strip(" ,")
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
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if subjects:
        # "the engineer Tomas Berg said" parses as two subjects: the name is the speaker
        return next((c for c in reversed(subjects) if c.pos_ == "PROPN"), subjects[0])
    # "…,” said Dr. Sherine Abed" is sometimes parsed with the name as the object
    for child in verb.rights:
        if child.dep_ in {"dobj", "attr", "npadvmod"} and child.pos_ == "PROPN":
            return child
    if verb.dep_ in {"conj", "advcl", "xcomp"} and verb.head is not verb:
        return _speaker_of_verb(verb.head)
    return None


#: lower-case role words that may sit inside a title before a name ("GOP strategist Keith Nahigian")
_TITLE_ROLES = (
    r"strategist|adviser|advisor|aide|spokesman|spokeswoman|spokesperson|pollster|consultant|analyst|"
    r"professor|lawyer|attorney|official|chairman|chairwoman|leader|director|secretary|minister|"
    r"senator|candidate|nominee|founder|economist|expert|researcher|host|commentator|activist"
)
_AFTER = re.compile(
    r"^[\s,.?!—–-]*(?:(?P<verb>" + _SAID_FORMS + r")\s+(?P<spk1>(?:[A-Z][\w.’'-]*\s*){1,7}"
    r"(?:(?:(?:" + _TITLE_ROLES + r")\s+){1,2}(?:[A-Z][\w.’'-]*\s*){1,4})?)"
    # "Miller, a retired worker from a nuclear plant, said"
    r"|(?P<spk3>[A-Z][\w.’'-]*(?:\s[A-Z][\w.’'-]*){0,3}),\s(?:a|an|the)\s[^,“”\"\n]{3,90},\s(?:"
    + _SAID_FORMS
    + r")\b"
    r"|(?P<spk2>(?:the |a |an )?[\w.’' -]{1,60}?)\s+(?:" + _SAID_FORMS + r")\b)"
)
#: '“…” ― Oscar P. Quintero' at the end of a line: reader comments and epigraphs
_DASH_BYLINE = re.compile(
    r"[ \t]*(?:\n\s*)?[―—–-]\s*(?P<name>[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,4})\s*(?:[,\n]|$)"
)


def extract_quotes(doc, source: Source) -> list[Quote]:
    text = source.text
    sents = sentences(text)
    res = SpeakerResolver(text, doc)
    raw = find_quotations(text)
    qspans = _QuoteIndex([q.open_at for q in raw], [q.close_at + 1 for q in raw])
    quotes: list[Quote] = []
    seen: set[str] = set()
    for q in raw:
        start, end = _clean_bounds(text, q.start, q.end)
        body = text[start:end]
        if len(re.findall(r"[\w’'-]+", body)) < MIN_QUOTE_WORDS:
            _remember_short(text, res, q, sents)  # "“It’s doable,” Risch said. “…”": Risch goes on
            continue
        key = _normal(body)
        if key in seen:
            continue  # a headline repeating a quotation from the body
        seen.add(key)
        first = sents[sentence_at(sents, q.open_at)]
        last = sents[sentence_at(sents, max(q.open_at, q.close_at - 1))]
        if _is_scare_quote(text, q, body):
            continue
        speaker, role = _attribute(text, doc, res, q, first, last, qspans)
        if speaker:
            res.remember(speaker, q.close_at)
        ev_start, ev_end = first.start, max(last.end, first.end)
        quotes.append(
            Quote(
                text=body,
                speaker=speaker,
                speaker_role=role,
                kind="direct",
                evidence=[Span(source_id=source.id, start=ev_start, end=ev_end)],
            )
        )
    return quotes


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


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


_SCARE_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|their|his|her|this|that|so-called|dubbed|called)\s*)$", re.I
)


def _is_scare_quote(text: str, q: QuoteSpan, body: str) -> bool:
    """`the “one country, two systems” formula`: a quoted name used as a noun modifier."""
    before = text[max(0, q.open_at - 15) : q.open_at]
    after = text[q.close_at + 1 : q.close_at + 3]
    return bool(_SCARE_BEFORE.search(before)) and bool(re.match(r"\s[a-z]", after)) and len(body.split()) <= 6


def _attribute(text, doc, res, q, first: Sentence, last: Sentence, qspans) -> tuple[str, str]:
    # 1. "…,” the official said." / "…,” said Dr. Abed, a neonatologist"
    after = text[q.close_at + 1 : last.end] if q.close_at < last.end else ""
    m = _AFTER.match(after)
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
        if m and re.match(r"[^.“”\"\n]{0,60}[.,]", rest) and "\n" not in tail[: m.end()]:
            phrase = m.group("spk1") or m.group("spk3") or m.group("spk2") or ""
            if phrase and len(phrase.split()) <= 6 and not re.search(r"[“”\"]", phrase):
                speaker, role = _resolve(res, phrase, q.open_at)
                if speaker:
                    return speaker, role
    # 2. the parse: subject of the nearest speech verb in the same sentence(s), outside quotes
    # a speech verb far from the quotation is not its attribution (and would make long texts slow)
    lo, hi = max(first.start, q.open_at - 300), min(max(last.end, first.end), q.close_at + 300)
    verb = _speech_verb(doc, lo, hi, qspans, q.open_at)
    if verb is not None:
        subj = _speaker_of_verb(verb)
        if subj is not None and subj.lower_ in {"who", "that"} and subj.head.dep_ == "relcl":
            subj = subj.head.head  # "Smith, who said …": the relative pronoun stands for Smith
        appos = _appositive_name(subj)
        if appos is not None and (subj.pos_ != "PROPN" or is_title_word(subj.text)):
            # "Japan’s Ambassador to the United Nations, Koro Bessho, said": the name speaks
            speaker, _ = _resolve(res, _subject_phrase(appos, first.start), q.open_at)
            if speaker:
                return speaker, _subject_phrase(subj, first.start)
        if subj is not None:
            phrase = subj.text if subj.lower_ in PRONOUNS else _subject_phrase(subj, first.start)
            speaker, role = _resolve(res, phrase, q.open_at)
            if speaker:
                return speaker, role or _role_of(subj)
    # 3. a quotation standing alone continues the words of whoever spoke just before: the subject
    # of a speech verb in the sentence before ("Wendt told the daily that …" ¶ "“…”") or else the
    # last speaker (same or previous paragraph)
    prev = _previous_speaker(text, doc, res, first, qspans)
    if prev and (not res.last_speaker or res.last_speaker_at < first.start - 400):
        return prev, ""
    if res.last_speaker and q.open_at - res.last_speaker_at < 1500:
        return res.last_speaker, ""
    # 4. a headline "Gates on Tillerson: ‘…’" quotes the person it opens with
    line_start = text.rfind("\n", 0, q.open_at) + 1
    head = re.match(
        r"([A-Z][\w’'.-]+(?:\s[A-Z][\w’'.-]+)?)\s*(?:\son|\ssays|\ssaid|\sto|:)", text[line_start : q.open_at]
    )
    if head and ":" in text[line_start : q.open_at]:
        return res.fullest_name(head.group(1), len(text)), ""
    return "", ""


def _appositive_name(subj):
    """The proper-noun appositive of a subject ("the ambassador, Koro Bessho,"), or None."""
    if subj is None:
        return None
    return next((c for c in subj.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)


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


# ---------------------------------------------------------------------------------------------
# reported speech


def extract_indirect(doc, source: Source, direct: list[Quote]) -> list[Quote]:
    """'X said (that) …' sentences without quotation marks, as indirect quotes."""
    text = source.text
    taken = [(s.start, s.end) for q in direct for s in q.evidence]
    res = SpeakerResolver(text, doc)
    out: list[Quote] = []
    for sent in sentences(text):
        if any(a <= sent.start < b for a, b in taken) or re.search(r"[“”\"«»]", text[sent.start : sent.end]):
            continue
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            lemma = (tok.lemma_ or tok.lower_).lower()
            if tok.pos_ != "VERB" or lemma not in {
                "say",
                "tell",
                "warn",
                "add",
                "announce",
                "claim",
                "insist",
            }:
                continue
            if not any(c.dep_ == "ccomp" for c in tok.children):
                continue
            subj = _speaker_of_verb(tok)
            if subj is None:
                continue
            phrase = subj.text if subj.lower_ in PRONOUNS else _subject_phrase(subj, sent.start)
            speaker, role = _resolve(res, phrase, sent.start)
            if not speaker:
                continue
            res.remember(speaker, sent.end)
            out.append(
                Quote(
                    text=text[sent.start : sent.end],
                    speaker=speaker,
                    speaker_role=role or _role_of(subj),
                    kind="indirect",
                    evidence=[Span(source_id=source.id, start=sent.start, end=sent.end)],
                )
            )
            break
    return out
