"""Named entities by rule, replacing the small model's statistical NER.

Why: the NER component is more than half of the pipeline's time (the budget is 0.2 s per 1,000
words) and the small model gets places wrong anyway ("Mali" as a person, "Niger" as a date).  Runs
of proper nouns from the tagger are typed with the gazetteer (countries, cities, demonyms), armed
group and organisation words, and honorifics; the result is written to ``doc.ents`` so every
card module reads one consistent set of entities.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from .dates import MONTH_NAMES, WEEKDAYS
from .nlp import TITLE_ABBREVIATIONS

ORG_WORDS = {
    "ministry",
    "army",
    "force",
    "forces",
    "university",
    "hospital",
    "department",
    "agency",
    "council",
    "party",
    "group",
    "command",
    "office",
    "police",
    "news",
    "times",
    "post",
    "corps",
    "guard",
    "administration",
    "court",
    "bank",
    "company",
    "inc",
    "organization",
    "organisation",
    "union",
    "nations",
    "front",
    "brigade",
    "movement",
    "committee",
    "board",
    "commission",
    "parliament",
    "congress",
    "senate",
    "house",
    "embassy",
    "consulate",
    "service",
    "services",
    "institute",
    "center",
    "centre",
    "foundation",
    "network",
    "authority",
    "association",
    "federation",
    "navy",
    "fund",
    "programme",
    "program",
    "academy",
    "bureau",
    "reuters",
    "afp",
    "ap",
    "cnn",
    "bbc",
    "pentagon",
    "kremlin",
    "nato",
    "un",
    "eu",
    "who",
    "imf",
    "magazine",
    "journal",
    "press",
    "tribune",
    "herald",
    "telegraph",
    "guardian",
    "channel",
    "tv",
    "radio",
}
HONORIFICS = TITLE_ABBREVIATIONS | {
    "sir",
    "dame",
    "president",
    "minister",
    "secretary",
    "ambassador",
    "general",
    "captain",
    "commander",
    "spokesman",
    "spokeswoman",
    "director",
    "chief",
    "mayor",
    "governor",
}
_JOINERS = {"of", "al", "bin", "de", "del", "la", "van", "von", "der", "el", "for", "and"}
_MONTHS_DAYS = set(MONTH_NAMES) | set(WEEKDAYS)


def _gazetteer():
    try:
        from . import gazetteer
    except ImportError:  # pragma: no cover - shipped with the package
        return None
    return gazetteer


def _is_name_token(tok) -> bool:
    return tok.pos_ == "PROPN" or (
        tok.is_title
        and tok.pos_ in {"NOUN", "ADJ"}
        and tok.i > 0
        and not tok.is_sent_start
        and tok.lower_ not in _MONTHS_DAYS
    )


def _chunks(doc: Doc):
    """Maximal runs of proper nouns, joined through 'of', 'al', 'bin' … ("Bank of England")."""
    i, n = 0, len(doc)
    while i < n:
        if not _is_name_token(doc[i]) or (doc[i].lower_ in _JOINERS and not doc[i].is_title):
            i += 1
            continue
        j = i + 1
        while j < n:
            tok = doc[j]
            if _is_name_token(tok) and tok.lower_ not in _JOINERS:
                j += 1
            elif tok.lower_ in _JOINERS and j + 1 < n and _is_name_token(doc[j + 1]) and not tok.is_title:
                j += 2
            elif (
                tok.text == "-"
                and not doc[j - 1].whitespace_
                and not tok.whitespace_
                and j + 1 < n
                and _is_name_token(doc[j + 1])
            ):
                j += 2  # "Al-Hams", "Hau-yip"
            else:
                break
        yield i, j
        i = j


def _split_lists(doc: Doc, chunks):
    """'Mali and Burkina Faso' is two places, 'Bosnia and Herzegovina' one: split at 'and' unless
    the whole run is a known place."""
    gz = _gazetteer()
    for i, j in chunks:
        ands = [k for k in range(i, j) if doc[k].lower_ == "and"]
        if not ands or (gz is not None and gz.place_kind(doc[i:j].text)):
            yield i, j
            continue
        start = i
        for k in ands:
            if k > start:
                yield start, k
            start = k + 1
        if start < j:
            yield start, j


def label_for(words: list[str], prev: str) -> str | None:
    """GPE, NORP, ORG, PERSON or None for a run of proper nouns."""
    gz = _gazetteer()
    text = " ".join(words)
    low = [w.lower().strip(".") for w in words]
    if low[-1] in _MONTHS_DAYS:
        return None
    if gz is not None:
        kind = gz.place_kind(text)
        if kind is None and gz.country_for(text):
            return "NORP"  # a demonym or people: "Nigerien", "Russians"
        if kind is not None:
            return "GPE" if kind[0] in {"country", "city"} else ("FAC" if kind[0] == "base" else "LOC")
    if len(words) > 2 and gz is not None and gz.place_kind(words[0]):
        return "ORG"  # "Linden Auto Body", "Kabul University": named after a place, not a person
    if any(w in ORG_WORDS for w in low) or (len(words) == 1 and re.fullmatch(r"[A-Z][A-Z.&]{1,6}", words[0])):
        return "ORG"
    if prev.lower().strip(".") in HONORIFICS or 2 <= len(words) <= 4:
        return "PERSON"
    return "PERSON" if words[0][:1].isupper() and len(words[0]) > 2 else None


def set_entities(doc: Doc) -> Doc:
    """Fill ``doc.ents`` from proper-noun runs, typed by rule (see module docstring)."""
    ents: list[Span] = []
    persons: set[str] = set()
    for i, j in _split_lists(doc, _chunks(doc)):
        words = [t.text for t in doc[i:j]]
        prev = doc[i - 1].text if i > 0 else ""
        label = label_for(words, prev)
        if label is None:
            continue
        if (
            label == "PERSON"
            and len(words) == 1
            and words[0] not in persons
            and prev.lower().strip(".") not in HONORIFICS
        ):
            label = "PERSON" if any(p.endswith((" " + words[0], "-" + words[0])) for p in persons) else "MISC"
        if label == "PERSON":
            persons.add(doc[i:j].text)
        ents.append(Span(doc, i, j, label=label))
    doc.set_ents(ents, default="outside")
    return doc
