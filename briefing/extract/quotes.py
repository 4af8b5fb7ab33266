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
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

from ..model import Quote, Source, Span
from .nlp import Sentence, sentence_at, sentences

MIN_QUOTE_WORDS = 4
#: how far (characters) to look for a fuller name or role: keeps long texts linear
WINDOW = 20_000  # shorter quoted strings are scare quotes or names, not statements

SPEECH_VERBS = {
    "say",
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
    "state",
    "argue",
    "ask",
    "reply",
    "respond",
    "caution",
    "predict",
    "announce",
    "stress",
    "recall",
    "continue",
    "acknowledge",
    "admit",
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
    "remark",
    "report",
    "reiterate",
    "shout",
    "scream",
    "tweet",
    "post",
    "vow",
    "testify",
    "concede",
    "suggest",
    "accuse",
    "call",
    "deny",
    "maintain",
    "underscore",
    "yell",
    "plead",
    "pledge",
    "threaten",
    "demand",
}
_SAID_FORMS = (
    r"said|says|say|told|tells|added|adds|warned|warns|wrote|writes|explained|noted|insisted|stressed|"
    r"declared|stated|asked|replied|recalled|continued|argued|shouted|tweeted|posted|claimed|announced|"
    r"acknowledged|confirmed|cautioned|predicted"
)
PRONOUNS = {"he", "she", "they", "i", "we", "it", "him", "her", "them"}
_HONORIFICS = re.compile(r"^(?:Mr|Mrs|Ms|Dr|Prof|Sen|Rep|Gov|Gen|Lt|Col|Maj|Capt|Sgt|Adm|Rev|Sir|Dame)\.?\s+")
_DETERMINERS = re.compile(r"^(?:a|an|the|one|another|this|that|our|their|its)\s+", re.I)


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


# ---------------------------------------------------------------------------------------------
# speakers


class SpeakerResolver:
    """Turns a parsed subject into the fullest name or role the article gives for it."""

    def __init__(self, text: str, doc) -> None:
        self.text = text
        self.doc = doc
        self.persons = [e for e in doc.ents if e.label_ == "PERSON" and len(e.text) > 2]
        self.person_starts = [e.start_char for e in self.persons]  # sorted: doc.ents is in order
        self.last_speaker: str = ""
        self.last_speaker_at: int = -1
        self.known: list[str] = []  # full names already resolved, longest first wins
        self._roles: dict[str, tuple[list[int], list[str]]] = {}

    def remember(self, speaker: str, at: int) -> None:
        self.last_speaker, self.last_speaker_at = speaker, at
        if speaker and speaker[0].isupper() and speaker not in self.known:
            self.known.append(speaker)

    def nearest_person(self, lo: int, hi: int) -> str:
        """The person named last in text[lo:hi] (spaCy PERSONs and names already seen)."""
        best, best_at = "", -1
        for ent in self._persons_between(lo, hi):
            if ent.start_char > best_at and "\n" not in ent.text:
                best, best_at = ent.text, ent.start_char
        for name in self.known:
            surname = name.split()[-1]
            for m in re.finditer(r"\b" + re.escape(surname) + r"\b", self.text[lo:hi]):
                if lo + m.start() > best_at:
                    best, best_at = name, lo + m.start()
        if not best:
            return ""
        name, _role = split_title(_HONORIFICS.sub("", best.strip()))
        return self.fullest_name(name, hi)

    def _persons_between(self, lo: int, hi: int):
        return self.persons[bisect_left(self.person_starts, lo) : bisect_left(self.person_starts, hi)]

    def fullest_name(self, name: str, before: int) -> str:
        """'Esper' → 'Mark Esper': the longest person mention ending with this surname."""
        surname = name.split()[-1]
        best = name
        for known in self.known:  # "Geng" → "Geng Shuang": family names come first in some languages
            if (known.split()[-1] == surname or name in known.split()) and len(known) > len(best):
                best = known
        lo = max(0, before - WINDOW)
        for ent in self._persons_between(lo, before + 400):
            words = split_title(_HONORIFICS.sub("", ent.text.strip()))[0].split()
            if words and words[-1] == surname and len(" ".join(words)) > len(best):
                best = " ".join(words)
        pat = re.compile(r"\b((?:[A-Z][\w’'.-]+\s+){1,3})" + re.escape(surname) + r"\b")
        for m in pat.finditer(self.text, lo, max(before, 0) + 400):
            first = m.group(1).split()
            while first and (_is_title_word(first[0]) or _is_place(first[0].rstrip("’'s"))):
                first = first[1:]
            if any(_is_title_word(w) or _is_place(w) or w in _NOT_NAMES for w in first):
                continue
            cand = " ".join([*first, surname])
            if (
                len(first)
                and len(cand) > len(best)
                and not any(w.endswith(".") and len(w) > 2 for w in first)
            ):
                best = cand
        return best

    def fullest_role(self, head: str, before: int) -> str:
        """'official' → 'senior US defence official': the longest earlier noun phrase with that head."""
        starts, phrases = self._role_mentions(head.lower())
        best = ""
        lo, hi = bisect_left(starts, before - WINDOW), bisect_left(starts, before + WINDOW)
        for at, cand in zip(starts[lo:hi], phrases[lo:hi], strict=True):
            if len(cand) > len(best) and (at <= before + 1 or not best):
                best = cand
        return best or head

    def _role_mentions(self, head: str) -> tuple[list[int], list[str]]:
        """Every 'a/the … <head>' phrase in the text, found once per head word (long texts stay linear)."""
        if head not in self._roles:
            pat = re.compile(
                r"\b(?:a|an|the|one|another)[ ]+((?:[A-Za-z][\w’'-]*[ ]+){0,5}?" + re.escape(head) + r")\b",
                re.I,
            )
            found = [(m.start(), m.group(1)) for m in pat.finditer(self.text) if "," not in m.group(1)]
            self._roles[head] = ([a for a, _ in found], [c for _, c in found])
        return self._roles[head]


def _is_title_word(word: str) -> bool:
    return bool(_HONORIFICS.match(word + " ")) or word in {
        "President",
        "Minister",
        "Secretary",
        "Senator",
        "General",
        "Ambassador",
        "Director",
        "Chief",
        "Prime",
        "Foreign",
        "Defense",
        "Defence",
        "State",
        "Press",
        "House",
        "White",
        "Former",
        "Captain",
        "Commander",
        "Spokesman",
        "Spokeswoman",
        "Governor",
        "Mayor",
        "King",
        "Queen",
        "Prince",
        "Pope",
    }


_NOT_NAMES = {
    "The",
    "A",
    "An",
    "This",
    "That",
    "But",
    "And",
    "When",
    "While",
    "As",
    "After",
    "In",
    "On",
    "At",
    "If",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
    "However",
    "Meanwhile",
    "Later",
    "Then",
    "So",
}


def _is_place(word: str) -> bool:
    """A country word ("Britain" in "ambassador to Britain Liu Xiaming"); towns are too often
    also given names ("Mary") to count here."""
    from .gazetteer import country_for

    return country_for(word) is not None


def split_title(phrase: str) -> tuple[str, str]:
    """'Secretary of State Mike Pompeo' → ('Mike Pompeo', 'Secretary of State')."""
    words = phrase.split()
    i = len(words)
    while (
        i > 0
        and words[i - 1][:1].isupper()
        and not _is_title_word(words[i - 1])
        and words[i - 1].lower() not in _ROLE_HEADS
        and not _is_place(words[i - 1].rstrip("’'s"))
    ):
        i -= 1
    # "… headquarters in Potsdam" ends in a place after a preposition, not in a name
    if 0 < i < len(words) and len(words) - i <= 4 and words[i - 1].lower() not in _PREPOSITIONS:
        return " ".join(words[i:]), " ".join(words[:i])
    return phrase, ""


_PREPOSITIONS = {"in", "at", "of", "to", "from", "for", "with", "on", "near", "by", "into", "across"}


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
    """The speech verb in [lo, hi) outside every quotation, nearest to character ``near``."""
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
        d = abs(t.idx - near)
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


_AFTER = re.compile(
    r"^[\s,.?!—–-]*(?:(?P<verb>" + _SAID_FORMS + r")\s+(?P<spk1>(?:[A-Z][\w.’'-]*\s*){1,7})"
    r"|(?P<spk2>(?:the |a |an )?[\w.’' -]{1,60}?)\s+(?:" + _SAID_FORMS + r")\b)"
)


def _resolve(res: SpeakerResolver, phrase: str, at: int) -> tuple[str, str]:
    """(speaker, role) for a subject phrase found near character ``at``."""
    phrase = phrase.strip(" ,.")
    if not phrase:
        return "", ""
    low = phrase.lower()
    if low in PRONOUNS:
        if low in {"it", "we", "they", "them"} and res.last_speaker and at - res.last_speaker_at < 1500:
            return res.last_speaker, ""
        # the person named last — in this paragraph or the one before — or the last speaker,
        # whichever came later ("Diego Jeronimo … said he opened …" ¶ "“…,” he said.")
        para_start = res.text.rfind("\n", 0, at) + 1
        near = res.nearest_person(para_start, at)
        if near:
            return near, ""
        prev_para = res.text.rfind("\n", 0, max(para_start - 2, 0)) + 1
        near = res.nearest_person(prev_para, at)
        if near and (not res.last_speaker or res.last_speaker_at < prev_para):
            return near, ""
        if res.last_speaker and at - res.last_speaker_at < 3000:
            return res.last_speaker, ""
        return near, ""
    name, role = split_title(_HONORIFICS.sub("", phrase))
    if role:
        return res.fullest_name(name, at), role
    return _resolve_plain(res, phrase, at), ""


def _resolve_plain(res: SpeakerResolver, phrase: str, at: int) -> str:
    bare = _HONORIFICS.sub("", _DETERMINERS.sub("", phrase))
    words = bare.split()
    if (
        words
        and words[0][0].isupper()
        and all(w[0].isupper() or w in {"of", "al", "bin", "de"} for w in words)
    ):
        if len(words) <= 2 and not any(w.lower() in _ROLE_HEADS for w in words):
            return res.fullest_name(bare, at)
        return bare
    head = words[-1] if words else phrase
    if head.lower() in _ROLE_HEADS and len(words) <= 3:
        return res.fullest_role(head, at)
    return phrase


_ROLE_HEADS = {
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "source",
    "sources",
    "doctor",
    "officer",
    "minister",
    "ambassador",
    "commander",
    "diplomat",
    "analyst",
    "expert",
    "witness",
    "resident",
    "statement",
    "ministry",
    "police",
    "army",
    "military",
    "government",
    "agency",
    "envoy",
    "general",
    "leader",
    "president",
    "secretary",
    "director",
    "chief",
    "aide",
    "representative",
}


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
        phrase = m.group("spk1") or m.group("spk2") or ""
        if phrase and not re.search(r"[“”\"\n]", phrase):
            speaker, role = _resolve(res, phrase, q.open_at)
            if speaker:
                return speaker, role or (_role_from_text(after[m.end() :]) if m.group("spk1") else "")
    # 2. the parse: subject of the nearest speech verb in the same sentence(s), outside quotes
    # a speech verb far from the quotation is not its attribution (and would make long texts slow)
    lo, hi = max(first.start, q.open_at - 300), min(max(last.end, first.end), q.close_at + 300)
    verb = _speech_verb(doc, lo, hi, qspans, q.open_at)
    if verb is not None:
        subj = _speaker_of_verb(verb)
        if subj is not None:
            phrase = subj.text if subj.lower_ in PRONOUNS else _subject_phrase(subj, first.start)
            speaker, role = _resolve(res, phrase, q.open_at)
            if speaker:
                return speaker, role or _role_of(subj)
    # 3. a quotation standing alone continues the last speaker's words (same or previous paragraph)
    if res.last_speaker and q.open_at - res.last_speaker_at < 1500:
        return res.last_speaker, ""
    # 4. a headline "Gates on Tillerson: ‘…’" quotes the person it opens with
    line_start = text.rfind("\n", 0, q.open_at) + 1
    head = re.match(
        r"([A-Z][\w’'.-]+(?:\s[A-Z][\w’'.-]+)?)\s+(?:on|says|said|to|:)", text[line_start : q.open_at]
    )
    if head and ":" in text[line_start : q.open_at]:
        return res.fullest_name(head.group(1), len(text)), ""
    return "", ""


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
