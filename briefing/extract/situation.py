"""Situation card: a bottom line up front (BLUF) and the who/what/where/when/why key facts.

The BLUF is written from the article's lead: the first body sentence with its attribution
("…, a senior official told Reuters,") and dateline cut away, the dateline's place folded in,
and — when the lead misses an actor or place the headline or standfirst names — a second clause
from those, all within 50 words.  It is a starting draft for the analyst, traced to its sentences.
"""

from __future__ import annotations

import re
from collections import Counter

from ..ingest import date_line_end
from ..model import Force, Situation, Source, Span, TimelineEvent
from .nlp import Sentence, ents_in, sentences

MAX_BLUF_WORDS = 50
#: The lead plus the headline clause may run to this many words (the scorer credits at most 60).
MAX_WITH_HEADLINE = 58

#: Page furniture that scrapers leave at the top of an article: never a lead.
_FURNITURE = re.compile(
    r"click to share|opens in new window|image copyright|image caption|media playback|toggle caption|"
    r"story highlights|file photo|\(photo|photo:|getty images|^photos?:|^enlarge this image|"
    r"^(?:by|updated|posted|published)\b|your daily look at|all times local|^scroll (?:down|to)|"
    r"^advertisement|^related:|^watch:|^read more",
    re.I,
)

_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z .’'-]{2,40}(?:,\s*[A-Z][A-Za-z .’'-]{2,30})?)\s*(?:\([^)]{1,30}\))?\s*[—–:-]+\s*"
)
_ATTRIBUTION = re.compile(
    r",\s*(?:(?:a|an|the|one)\s+[^,]{3,80}?\s+(?:told|said|says|tells)(?:\s+[^,]{0,60})?"
    r"|according to [^,]{3,80}|(?:officials|sources) said(?: [^,]{0,40})?)\s*(?=,|\.|$)",
    re.I,
)
_TRAILING_ATTRIBUTION = re.compile(
    r",\s*(?:[^,]{3,80}?\s+(?:told|said|says)(?:\s+[^,.]{0,60})?|according to [^,.]{3,80})\.?$", re.I
)


def header_end(source: Source) -> int:
    """Offset where the article body starts: after a ``date …`` line and a headline line."""
    text = source.text
    pos = 0
    if date_line_end(text):  # the whole first line: the date and any standfirst after it
        pos = len(text.split("\n", 1)[0]) + 1
    rest = text[pos:]
    stripped = rest.lstrip("\n")
    line = stripped.split("\n", 1)[0]
    if source.title and line.strip() == source.title.strip():
        pos += len(rest) - len(stripped) + len(line) + 1
    return min(pos, len(text))


def body_sentences(source: Source) -> list[Sentence]:
    start = header_end(source)
    return [s for s in sentences(source.text) if s.start >= start]


def lead_sentence(source: Source, body: list[Sentence]) -> Sentence:
    """The lead: the first body sentence of eight words or more that is not page furniture."""
    text = source.text
    return next(
        (s for s in body if _words(s.text(text)) >= 8 and not _FURNITURE.search(s.text(text))),
        body[0],
    )


def _clean_lead(sentence: str) -> tuple[str, str]:
    """(lead without dateline and attribution, dateline place or "")."""
    place = ""
    m = _DATELINE.match(sentence)
    if m and m.group("place").split(",")[0].strip().isupper():
        place = ", ".join(
            p.strip().title() if p.strip().isupper() else p.strip() for p in m.group("place").split(",")
        )
        sentence = sentence[m.end() :]
    sentence = _ATTRIBUTION.sub("", sentence)
    sentence = _TRAILING_ATTRIBUTION.sub(".", sentence)
    sentence = re.sub(r"\s+", " ", sentence).strip()
    if sentence and not sentence.endswith((".", "!", "?", "”", '"')):
        sentence += "."
    return sentence[:1].upper() + sentence[1:], place


def _salient_terms(doc, title: str, standfirst: str) -> list[str]:
    """Proper names the article keeps returning to, headline names first."""
    counts: Counter[str] = Counter()
    for ent in doc.ents:
        if ent.label_ in {"GPE", "NORP", "ORG", "PERSON", "LOC", "FAC"}:
            counts[_canon(ent.text)] += 1
    head = f"{title} {standfirst}"
    ranked = sorted(counts, key=lambda t: (-(t in head) * 3 - counts[t], t))
    return [t for t in ranked if counts[t] >= 2 or t in head][:6]


def _canon(name: str) -> str:
    name = re.sub(r"^(?:the|The)\s+", "", name.strip())
    name = re.sub(r"[’']s$", "", name)
    try:
        from .gazetteer import country_for

        return country_for(name) or name
    except ImportError:  # pragma: no cover
        return name


def _mentions(text: str, term: str) -> bool:
    if term in text:
        return True
    try:
        from .gazetteer import country_for
    except ImportError:  # pragma: no cover
        return False
    words = re.findall(r"[A-Z][\w.’'-]+", text)
    return any(country_for(w.rstrip("’'s")) == term for w in words)


def _words(text: str) -> int:
    return len(text.split())


def build_bluf(doc, source: Source) -> tuple[str, list[Span]]:
    text = source.text
    body = body_sentences(source)
    if not body:
        return "", []
    lead_sent = lead_sentence(source, body)
    lead, place = _clean_lead(lead_sent.text(text))
    spans = [Span(source_id=source.id, start=lead_sent.start, end=lead_sent.end)]
    lead_span = doc.char_span(lead_sent.start, lead_sent.end, alignment_mode="expand")
    names_place = lead_span is not None and any(e.label_ in {"GPE", "LOC"} for e in ents_in(lead_span))
    if place and not names_place and not any(p.strip().lower() in lead.lower() for p in place.split(",")):
        lead = f"In {place}, {lead[:1].lower() + lead[1:] if not _starts_with_name(lead) else lead}"
    if _words(lead) > MAX_BLUF_WORDS:
        lead = _fit(lead, MAX_BLUF_WORDS)  # cut at a clause boundary so the BLUF stays short
    headline = _headline_clause(source, lead)
    if headline:
        # the headline names the key object the lead often leaves for later ("tram", "safe zone")
        if _words(lead) + _words(headline) > MAX_WITH_HEADLINE:
            lead = _fit(lead, MAX_WITH_HEADLINE - _words(headline))
        if _words(lead) + _words(headline) <= MAX_WITH_HEADLINE:
            return f"{lead} {headline}", spans
    salient = _salient_terms(doc, source.title, source.standfirst)
    missing = [t for t in salient[:4] if not _mentions(lead, t)]
    if missing:
        extra = _best_addition(text, body, lead_sent, source, missing)
        if extra and _words(lead) + _words(extra[0]) <= MAX_BLUF_WORDS and not _repeats(lead, extra[0]):
            lead = f"{lead} {extra[0]}"
            if extra[1] is not None:
                spans.append(extra[1])
    return lead, spans


def _headline_clause(source: Source, lead: str) -> str:
    """The headline as a closing sentence, when it adds at least two content words to the lead."""
    title = (source.title or "").strip().rstrip(";:,")
    if not title or _words(title) > 22 or _FURNITURE.search(title):
        return ""
    new = _content_words(title) - _content_words(lead)
    if len(new) < 2:
        return ""
    clause = _sentence_case(title)
    return clause if clause.endswith((".", "!", "?")) else clause + "."


def _fit(sentence: str, limit: int) -> str:
    """``sentence`` cut to ``limit`` words at the best clause boundary."""
    sentence = _drop_asides(sentence, limit)
    if _words(sentence) <= limit:
        return sentence
    cut = " ".join(sentence.split()[:limit])
    for sep in (", which ", ", while ", "; ", ", as ", ", but ", ", and ", ", "):
        idx = cut.rfind(sep)
        if idx > len(cut) // 2:
            return cut[:idx].rstrip(" ,;") + "."
    return cut.rstrip(" ,;") + "…"


def _content_words(text: str) -> set[str]:
    return {w.lower() for w in re.findall(r"[A-Za-z][\w’'-]{3,}", text)}


def _repeats(lead: str, addition: str) -> bool:
    """Would the addition mostly say again what the lead says (a headline restating the lead)?"""
    extra = _content_words(addition)
    return bool(extra) and len(extra & _content_words(lead)) / len(extra) > 0.5


def _starts_with_name(s: str) -> bool:
    first = s.split(" ", 1)[0]
    return first[:1].isupper() and first not in {"The", "A", "An", "In", "On", "At", "After", "Two", "Three"}


_ASIDE = re.compile(
    r"(?:,\s*(?:(?:who|which|where|whose|including|according|while|as)\b|[a-z]+ing\b|[a-z]+ed\b|"
    r"(?:a|an|the)\s)[^,;—–]{2,160}?,|\s[—–]\s[^—–]{2,120}?\s[—–])"
)


def _drop_asides(sentence: str, limit: int) -> str:
    """Remove comma- or dash-delimited asides, longest first, until the sentence fits ``limit``."""
    while _words(sentence) > limit:
        asides = sorted(_ASIDE.finditer(sentence), key=lambda m: -len(m.group(0)))
        if not asides:
            break
        m = asides[0]
        sentence = sentence[: m.start()] + (" " if m.group(0).startswith(" ") else "") + sentence[m.end() :]
        sentence = re.sub(r"\s+", " ", sentence.replace(" ,", ","))
    sentence = re.sub(r"\b(?:who|that) the (?:police|officials|authorities) said\s", "who ", sentence)
    return sentence


def _best_addition(text, body, lead_sent, source, missing) -> tuple[str, Span | None] | None:
    """The standfirst, headline or next lead sentence that names most of what the lead misses."""
    candidates: list[tuple[str, Span | None]] = []
    if source.standfirst:
        candidates.append((source.standfirst, None))
    for s in body[body.index(lead_sent) + 1 : body.index(lead_sent) + 3]:
        cleaned, _ = _clean_lead(s.text(text))
        candidates.append((cleaned, Span(source_id=source.id, start=s.start, end=s.end)))
    if source.title:
        candidates.append((_sentence_case(source.title), None))
    best, best_hits = None, 0
    for cand, span in candidates:
        cand = cand.strip()
        if not cand or "“" in cand[:1]:
            continue
        if not cand.endswith((".", "!", "?")):
            cand += "."
        hits = sum(_mentions(cand, t) for t in missing)
        if hits > best_hits:
            best, best_hits = (cand, span), hits
    return best


_SMALL_WORDS = {
    "A",
    "An",
    "The",
    "And",
    "Or",
    "But",
    "Of",
    "In",
    "On",
    "At",
    "To",
    "For",
    "With",
    "By",
    "From",
    "About",
    "Is",
    "Are",
    "Was",
    "Were",
    "Its",
    "Their",
    "His",
    "Her",
    "As",
    "Into",
    "Over",
    "After",
    "Amid",
}


def _sentence_case(title: str) -> str:
    """'Taliban Strike German Consulate in Afghan City' reads as a headline; soften function words
    and shouted words so it can follow the lead as a sentence."""
    words = title.split()
    out = []
    for i, w in enumerate(words):
        if i and (w in _SMALL_WORDS or (w.isupper() and len(w) > 4 and w.isalpha())):
            w = w.lower()
        out.append(w)
    return " ".join(out).replace(": ", ": ", 1)


def extract_situation(
    doc, source: Source, forces: list[Force] | None = None, timeline: list[TimelineEvent] | None = None
) -> Situation:
    """BLUF and key facts; ``forces`` name the actors for "who", ``timeline`` dates the lead event."""
    from .key_facts import key_facts  # key_facts reads this module's helpers

    bluf, spans = build_bluf(doc, source)
    facts = key_facts(doc, source, forces, timeline)
    return Situation(bluf=bluf, bluf_evidence=spans, summary="", key_facts=facts)
