"""Speakers: from a parsed subject or a pronoun to the fullest name or role the article gives.

``SpeakerResolver`` remembers who spoke last and which full names the article has used, so
"Esper" becomes "Mark Esper" and "the official" becomes "senior US defence official".
``_resolve`` refuses what ``speaker_words.plausible_speaker`` says is no speaker, so
attribution falls through to its next rule instead of printing it.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .speaker_words import (
    _DETERMINERS,
    _HONORIFICS,
    _NOT_NAMES,
    _ONE_OF,
    _ROLE_HEADS,
    PRONOUNS,
    _is_place,
    _not_a_person,
    headline_case,
    is_title_word,
    plausible_speaker,
    split_title,
)

__all__ = ["PRONOUNS", "SpeakerResolver", "is_title_word", "plausible_speaker", "split_title"]

#: parts of speech that never open a person's name ("Despite", "After", "The")
_NOT_NAME_POS = {"ADP", "SCONJ", "DET", "ADV", "CCONJ", "PRON", "AUX", "VERB"}
#: how far back a name or role may be looked up (characters)
WINDOW = 20_000


class SpeakerResolver:
    """Turns a parsed subject into the fullest name or role the article gives for it."""

    def __init__(self, text: str, doc) -> None:
        self.text = text
        self.doc = doc
        # two letters name a person only in title case ("Li", "Xi"), not as initials ("JD")
        self.persons = [
            e for e in doc.ents if e.label_ == "PERSON" and (len(e.text) > 2 or e.text.istitle())
        ]
        self.person_starts = [e.start_char for e in self.persons]  # sorted: doc.ents is in order
        self.last_speaker: str = ""
        self.last_speaker_at: int = -1
        self.known: list[str] = []  # full names already resolved, longest first wins
        self._roles: dict[str, tuple[list[int], list[str]]] = {}
        self._gender = _genders(doc, self.persons)

    def remember(self, speaker: str, at: int) -> None:
        self.last_speaker, self.last_speaker_at = speaker, at
        if speaker and speaker[0].isupper() and speaker not in self.known:
            self.known.append(speaker)

    def gender(self, name: str) -> str:
        """ "m", "f" or "" for a person, from the pronouns and titles the article uses with them."""
        return self._gender.get(name.split()[-1] if name.split() else "", "")

    def nearest_person(self, lo: int, hi: int, gender: str = "") -> str:
        """The person named last in text[lo:hi] (spaCy PERSONs and names already seen), skipping
        those whose gender the article shows to differ from the pronoun's ``gender``; a person
        known to match beats a nearer one whose gender the article never shows."""
        found: list[tuple[int, str]] = []
        for ent in self._persons_between(lo, hi):
            if (
                "\n" not in ent.text
                and self._agrees(ent.text, gender)
                and not _not_a_person(ent.text)
                and not headline_case(self.text, ent.start_char)
            ):
                found.append((ent.start_char, ent.text))
        for name in self.known:
            if self._agrees(name, gender):
                surname = name.split()[-1]
                for m in re.finditer(r"\b" + re.escape(surname) + r"\b", self.text[lo:hi]):
                    found.append((lo + m.start(), name))
        if not found:
            return ""
        sure = [f for f in found if gender and self.gender(f[1]) == gender] or found
        # the last subject, not merely the last name: in "Ines Moreau criticised Louise Martin.
        # “…,” she said" the pronoun continues the sentence's topic
        subjects = [f for f in sure if self._is_subject(f[0])]
        _, best = max(subjects or sure)
        name, _role = split_title(_HONORIFICS.sub("", best.strip()))
        return self.fullest_name(name, hi)

    def plural_subject(self, lo: int, hi: int):
        """The last plural noun subject in text[lo:hi] ("the residents", "Mali and Niger")."""
        span = self.doc.char_span(lo, hi, alignment_mode="contract")
        if span is None:
            return None
        for tok in reversed(span):
            if tok.dep_ == "nsubj" and tok.pos_ in {"NOUN", "PROPN"} and (
                tok.tag_ in {"NNS", "NNPS"} or any(c.dep_ == "conj" for c in tok.children)
            ):
                return tok
        return None

    def _is_subject(self, at: int) -> bool:
        span = self.doc.char_span(at, at + 1, alignment_mode="expand")
        if span is None or len(span) == 0:
            return False
        tok = span[0]
        while tok.dep_ in {"compound", "flat"} and tok.head.i != tok.i:
            tok = tok.head
        return tok.dep_ in {"nsubj", "nsubjpass"}

    def _agrees(self, name: str, gender: str) -> bool:
        found = self.gender(name)
        return not gender or not found or found == gender

    def _persons_between(self, lo: int, hi: int):
        return self.persons[bisect_left(self.person_starts, lo) : bisect_left(self.person_starts, hi)]

    def fullest_name(self, name: str, before: int) -> str:
        """'Esper' → 'Mark Esper': the longest person mention ending with this surname."""
        key = (name, before, len(self.known))  # the answer depends on the names known so far
        cache = self.__dict__.setdefault("_fullest", {})
        if key not in cache:
            cache[key] = self._fullest_name(name, before)
        return cache[key]

    def _fullest_name(self, name: str, before: int) -> str:
        surname = name.split()[-1]
        best = name
        # a name of two words or more is only lengthened by a mention that ends with all of it:
        # "Iowa Democrat" is not "New Hampshire Democrat"
        whole = len(name.split()) > 1
        for known in self.known:  # "Geng" → "Geng Shuang": family names come first in some languages
            same = known.split()[-1] == surname or name in known.split()
            fits = known.endswith(" " + name) if whole else same
            if fits and len(known) > len(best):
                best = known
        lo = max(0, before - WINDOW)
        for ent in self._persons_between(lo, before + 400):
            if headline_case(self.text, ent.start_char):
                continue  # "What Happened Between Marco Rubio …": a headline's capitals are no name
            # "Despite Ted Cruz": the name pass can take in a sentence's opening word
            lead = next((t.i for t in ent if t.pos_ not in _NOT_NAME_POS), ent.end)
            words = split_title(_HONORIFICS.sub("", self.doc[lead : ent.end].text.strip()))[0].split()
            cand = " ".join(words)
            longer = words and words[-1] == surname and len(cand) > len(best)
            if longer and (not whole or cand.endswith(name)):
                best = cand
        pat = re.compile(r"\b((?:[A-Z][\w’'.-]+\s+){1,3})" + re.escape(surname) + r"\b")
        for m in pat.finditer(self.text, lo, max(before, 0) + 400):
            if headline_case(self.text, m.start()):
                continue
            first = m.group(1).split()
            while first and (is_title_word(first[0]) or _is_place(first[0].rstrip("’'s"))):
                first = first[1:]
            # "Despite Ted Cruz’s …" opens a sentence: a function word is no first name
            if any(is_title_word(w) or _is_place(w) or w in _NOT_NAMES or _function_word(w) for w in first):
                continue
            cand = split_title(" ".join([*first, surname]))[0]  # "CEO Priya Nandakumar" → the name
            if (
                len(first)
                and len(cand) > len(best)
                and (not whole or cand.endswith(" " + name))
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
            # the words between are the head's modifiers: a function word means the phrase ran
            # across a clause ("the character to be a great president" is no role)
            modifier = r"(?:(?!(?:a|an|the|to|be|is|was|for|and|or|that|who|as)\b)[A-Za-z][\w’'-]*[ ]+)"
            pat = re.compile(
                r"\b(?:a|an|the|one|another)[ ]+(" + modifier + r"{0,5}?" + re.escape(head) + r")\b",
                re.I,
            )
            found = [(m.start(), m.group(1)) for m in pat.finditer(self.text) if "," not in m.group(1)]
            self._roles[head] = ([a for a, _ in found], [c for _, c in found])
        return self._roles[head]


def _resolve(res: SpeakerResolver, phrase: str, at: int) -> tuple[str, str]:
    """(speaker, role) for a subject phrase found near character ``at``; ("", "") when the phrase
    cannot be a speaker, so the caller tries its next rule."""
    speaker, role = _resolve_any(res, phrase, at)
    return (speaker, role) if speaker and plausible_speaker(speaker) else ("", "")


_PRONOUN_GENDER = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
_TITLE_GENDER = {
    "mr": "m",
    "mr.": "m",
    "sir": "m",
    "mrs": "f",
    "mrs.": "f",
    "ms": "f",
    "ms.": "f",
    "dame": "f",
}


def _genders(doc, persons) -> dict[str, str]:
    """Surname → "m"/"f" from the titles before a person's mentions and the first he/she after them.

    Why: "“…,” she said" after a paragraph naming Clinton and Trump is Clinton's; without this the
    nearest name wins whatever the pronoun says.
    """
    votes: dict[str, list[int]] = {}
    starts = {e.start for e in persons}
    for ent in persons:
        surname = ent.text.split()[-1]
        tally = votes.setdefault(surname, [0, 0])
        prev = doc[ent.start - 1].lower_ if ent.start > 0 else ""
        if prev in _TITLE_GENDER:
            tally[0 if _TITLE_GENDER[prev] == "m" else 1] += 2
        # the main subject of a sentence is what the next sentence's "he"/"she" usually means;
        # any other name only claims a pronoun within its own sentence
        root = ent.root
        main_subject = root.dep_ in {"nsubj", "nsubjpass"} and root.head.dep_ == "ROOT"
        limit = ent.end + 25 if main_subject else ent.root.sent.end
        passed_other = False
        for tok in doc[ent.end : min(len(doc), limit)]:
            if tok.i in starts:
                if not (main_subject and tok.sent == root.sent):
                    break  # another person: the pronoun may be theirs
                passed_other = True
            g = _PRONOUN_GENDER.get(tok.lower_)
            # past another name only a subject pronoun continues the main subject: in "Grace
            # thanked Omar and his team" the "his" is Omar's
            if g and passed_other and tok.lower_ not in {"he", "she"}:
                break
            if g:
                tally[0 if g == "m" else 1] += 1
                break
    return {k: ("m" if m > f else "f") for k, (m, f) in votes.items() if m != f}


def _resolve_any(res: SpeakerResolver, phrase: str, at: int) -> tuple[str, str]:
    phrase = phrase.strip(" ,.")
    if not phrase:
        return "", ""
    low = phrase.lower()
    if low in PRONOUNS:
        if low in {"we", "they", "them"}:
            # number: "they" stands for the last plural subject ("Residents of Kalo …") when it
            # came after the last speaker, never for one person named in between
            para = res.text.rfind("\n", 0, at)
            group = res.plural_subject(res.text.rfind("\n", 0, max(0, para - 1)) + 1, at)
            if group is not None and group.idx > res.last_speaker_at:
                from .attribution import _subject_phrase

                speaker = _resolve_plain(res, _subject_phrase(group, group.sent.start_char), at)
                if speaker and plausible_speaker(speaker):
                    return speaker, ""
        if low in {"it", "we", "they", "them"} and res.last_speaker and at - res.last_speaker_at < 1500:
            return res.last_speaker, ""
        # the person named last — in this paragraph or the one before — or the last speaker,
        # whichever came later ("Diego Jeronimo … said he opened …" ¶ "“…,” he said.")
        gender = _PRONOUN_GENDER.get(low, "")
        para_start = res.text.rfind("\n", 0, at) + 1
        near = res.nearest_person(para_start, at, gender)
        if near:
            return near, ""
        prev_para = res.text.rfind("\n", 0, max(para_start - 2, 0)) + 1
        near = res.nearest_person(prev_para, at, gender)
        if near and (not res.last_speaker or res.last_speaker_at < prev_para):
            return near, ""
        if (
            res.last_speaker
            and at - res.last_speaker_at < 3000
            and res._agrees(res.last_speaker, gender)
            and (not gender or _a_person(res.last_speaker))
        ):
            return res.last_speaker, ""
        return near or res.nearest_person(max(0, at - 3000), at, gender), ""
    name, role = split_title(_HONORIFICS.sub("", phrase))
    if role:
        return res.fullest_name(name, at), role
    return _resolve_plain(res, phrase, at), ""


def _resolve_plain(res: SpeakerResolver, phrase: str, at: int) -> str:
    one = _ONE_OF.match(phrase)
    if one:  # "One analyst said": one unnamed person, not the fullest earlier "analyst"
        return one.group(0).lower() + phrase[one.end() :]
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


def _function_word(word: str) -> bool:
    from spacy.lang.en.stop_words import STOP_WORDS

    low = word.lower()
    if low in _OPENERS:
        return True
    return low in STOP_WORDS and low not in {"will", "may", "mark", "said", "bill", "see"}


#: words that open a sentence before a name and are missing from spaCy's stop list
_OPENERS = {"despite", "following", "amid", "unlike", "including", "regarding", "like", "meanwhile", "asked"}


def _a_person(speaker: str) -> bool:
    """Whether "he"/"she" may stand for this speaker: a name or a person's role ("the
    spokeswoman"), not a body ("the opposition", "State Department")."""
    from .names import ORG_WORDS

    words = speaker.split()
    last = words[-1].lower() if words else ""
    if last in ORG_WORDS or not words:
        return False
    if speaker[0].isupper():
        return not re.fullmatch(r"[A-Z.&]{2,8}", speaker)  # "FBI" is a body
    return last.endswith(("man", "woman", "person", "er", "or", "ist", "ian", "ant", "ent", "al", "ee")) or (
        last in _ROLE_HEADS and last not in {"government", "military", "statement"}
    )
