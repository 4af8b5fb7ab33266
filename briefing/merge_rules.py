"""When two items state the same fact, and where they disagree.

``compare(card, kept, other)`` answers for one pair of items of a card: ``None`` when they are
different facts, else the list of fields on which they disagree (empty: they agree).  The rules
are deliberately readable rather than learned, so every merge can be explained to an analyst:

- forces: the same actor (normalised: "Russian troops", "Russia", "Russian forces" are Russia),
  the same location and a compatible unit type ("troops" and "military personnel" are both
  personnel); strength ("about 60" vs "100") and a present/gone status are compared;
- quotes: the same words, allowing trimmed or re-punctuated copies (one token sequence inside the
  other, or nearly the same tokens); the speaker is compared;
- outlook: nearly the same content words; the likelihood is compared;
- timeline: the same month and similar event words, or the same event words at any date; the
  date is compared;
- places: the same name, or the same country under another name ("US", "United States").

Two items from the same source that disagree are two statements of that article, not one fact
read twice, so they are never merged.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache

from .model import Force, Item, OutlookItem, Place, Quote, TimelineEvent


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_STOPWORDS = _words(
    """a an the of to in on at for from by with and or but is are was were be been being has have
    had it its this that these those as into than then there their they them he she his her we our
    you your i not no will would could should can may might must shall do does did said says say
    also about after before over under up out so if while which who whom whose what when where"""
)

#: force words stripped from an actor ("Russian troops" is the actor Russia)
_FORCE_WORDS = _words(
    """troops troop forces force military army soldiers soldier personnel servicemen
    servicemembers units unit contingent officials government"""
)

#: unit types that name the same kind of force, so "troops" and "military personnel" agree
_UNIT_CLASSES: dict[str, str] = {}
for _cls, _members in {
    "personnel": "troops troop soldiers soldier personnel military forces force army servicemen "
    "servicemembers marines paratroopers contingent garrison",
    "aircraft": "aircraft jets warplanes bombers helicopters gunships choppers drones airstrikes",
    "ships": "ships warships vessels navy carrier submarine submarines",
    "armed group": "militants rebels insurgents gunmen militia militias militiamen fighters group "
    "mercenaries mercenary jihadists",
    "police": "police policemen officers",
}.items():
    for _w in _members.split():
        _UNIT_CLASSES[_w] = _cls

#: statuses that say a force is there, and statuses that say it is gone: one of each conflicts
_PRESENT = _words("deployed stationed entered arrived sent present massing reinforcing occupying patrolling")
_GONE = _words("withdrawn withdrawing left expelled departed evacuated retreated")

#: strengths within this ratio are the same figure rounded ("nearly 1,000" and "1,000")
_SAME_STRENGTH_RATIO = 1.1
#: a strength in this range may be a year read as a figure ("in 2017, troops…")
_YEAR_LIKE = range(1900, 2100)

_QUOTE_CHARS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@lru_cache(maxsize=65536)  # items are compared pairwise: each text is tokenised once
def tokens(text: str) -> tuple[str, ...]:
    """Lower-case word tokens, quotes and accents folded, punctuation dropped."""
    text = unicodedata.normalize("NFKD", text.translate(_QUOTE_CHARS))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).lower()
    words = re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text)
    return tuple(w[:-2] if w.endswith("'s") else w for w in words)  # "Germany's" is Germany


def stem(word: str) -> str:
    """A crude stem, enough to match "crashed"/"crash" and "northwestern"/"northwest"."""
    for suffix in ("ing", "ed", "es", "s"):
        if len(word) > 4 + len(suffix) - 1 and word.endswith(suffix):
            word = word[: -len(suffix)]
            break
    return word[:6]


@lru_cache(maxsize=65536)
def content_words(text: str) -> frozenset[str]:
    return frozenset(stem(t) for t in tokens(text) if t not in _STOPWORDS and len(t) > 1)


def contains_sequence(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    """True when ``shorter`` appears as a contiguous run inside ``longer`` (a trimmed copy)."""
    n = len(shorter)
    if not n or n > len(longer):
        return False
    first = shorter[0]
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1) if longer[i] == first)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the larger one (a trimmed statement scores high)."""
    small = min(len(a), len(b))
    return len(a & b) / small if small else 0.0


@lru_cache(maxsize=4096)
def actor_key(actor: str) -> str:
    """The actor as one key: a country by its name, force words and "the" dropped."""
    from .extract.gazetteer import country_for

    words = [w for w in re.split(r"\s+", actor.strip()) if w]
    kept = [w for w in words if w.lower().strip(".,") not in _FORCE_WORDS and w.lower() != "the"]
    name = " ".join(kept) or " ".join(words)
    country = country_for(name) or (country_for(kept[0]) if len(kept) == 1 else None)
    return (country or name).casefold()


def place_key(name: str) -> str:
    """A place as one key: a country under any of its names ("US", "United States"), else the
    name without accents, case or "the".  A capital stays itself: Pyongyang is not North Korea."""
    from .extract.gazetteer import _country_tables, country_for

    name = re.sub(r"^the\s+", "", name.strip(), flags=re.I)
    country = country_for(name)
    if country and _country_tables()[1].get(country, ("", ""))[1] == name:
        country = None  # the capital, which country_for reads as a metonym for its country
    return " ".join(tokens(country or name))


def unit_class(unit: str) -> str:
    words = tokens(unit)
    for word in reversed(words):  # the head noun is last: "military personnel" → personnel
        if word in _UNIT_CLASSES:
            return _UNIT_CLASSES[word]
    return " ".join(words)


def _status_side(status: str) -> str:
    word = status.strip().lower()
    return "present" if word in _PRESENT else "gone" if word in _GONE else ""


def strength_text(force: Force) -> str:
    return f"{force.qualifier} {force.strength}".strip() if force.strength is not None else ""


def _speaker_words(speaker: str) -> frozenset[str]:
    return content_words(speaker) - {"mr", "mrs", "ms", "dr", "president", "minister", "spokesman"}


def is_role(speaker: str) -> bool:
    """A speaker given by role only ("driver", "a witness", "the tram's driver"): no word of it
    is capitalised past a leading article, so it names nobody in particular."""
    words = re.findall(r"[^\W\d_][\w'’-]*", speaker)
    if words and words[0].lower() in {"a", "an", "the"}:
        words = words[1:]
    return bool(words) and not any(w[0].isupper() for w in words)


def speakers_agree(a: str, b: str) -> bool:
    """Same speaker: equal, one unknown, one inside the other ("Trump" / "Donald Trump"), or one
    a role and the other a name: "the driver" may well be the named man another report quotes,
    and which of them said it is not something the two reports contradict each other on."""
    wa, wb = _speaker_words(a), _speaker_words(b)
    if not wa or not wb:
        return True
    if wa <= wb or wb <= wa or tokens(a)[-1:] == tokens(b)[-1:]:
        return True
    return is_role(a) != is_role(b)


def dates_agree(a: str, b: str) -> bool:
    """The dates name the same day at the precision both give ("2024-03" and "2024-03-15")."""
    n = min(len(a), len(b))
    return not a or not b or a[:n] == b[:n]


def _same_month(a: str, b: str) -> bool:
    n = min(len(a), len(b), 7)
    return bool(a and b) and a[:n] == b[:n]


@dataclass
class Disagreement:
    """One field on which two items that state the same fact differ."""

    field: str
    kept_value: str
    other_value: str


@dataclass
class _Verdict:
    same: bool
    disagreements: list[Disagreement] = field(default_factory=list)


def _force_verdict(a: Force, b: Force) -> _Verdict:
    if actor_key(a.actor) != actor_key(b.actor) or not a.actor.strip():
        return _Verdict(False)
    if place_key(a.location) != place_key(b.location):
        return _Verdict(False)
    ua, ub = unit_class(a.unit_type), unit_class(b.unit_type)
    if ua and ub and ua != ub:
        return _Verdict(False)
    found = []
    if a.strength is not None and b.strength is not None:
        low, high = sorted((a.strength, b.strength))
        # a year-like figure against one of another order (2017 against 60) is a date read as
        # a strength, not two reports' counts: only counts of one order can contradict
        misread_year = high in _YEAR_LIKE and low < 1000
        if high > low * _SAME_STRENGTH_RATIO and high - low > 1 and not misread_year:
            found.append(Disagreement("strength", strength_text(a), strength_text(b)))
    sa, sb = _status_side(a.status), _status_side(b.status)
    if sa and sb and sa != sb:
        found.append(Disagreement("status", a.status, b.status))
    return _Verdict(True, found)


def _quote_words(q: Quote) -> tuple[str, ...]:
    return tokens(q.content or q.text if q.kind == "indirect" else q.text)


@lru_cache(maxsize=65536)
def _token_set(words: tuple[str, ...]) -> frozenset[str]:
    return frozenset(words)


def _quote_verdict(a: Quote, b: Quote) -> _Verdict:
    ta, tb = _quote_words(a), _quote_words(b)
    if min(len(ta), len(tb)) < 3:
        same = ta == tb and bool(ta)
    else:
        longer, shorter = (ta, tb) if len(ta) >= len(tb) else (tb, ta)
        same = contains_sequence(longer, shorter) or (
            min(len(ta), len(tb)) >= 5 and jaccard(_token_set(ta), _token_set(tb)) >= 0.8
        )
    if not same:
        return _Verdict(False)
    found = []
    if not speakers_agree(a.speaker, b.speaker):
        found.append(Disagreement("speaker", a.speaker, b.speaker))
    return _Verdict(True, found)


def _outlook_verdict(a: OutlookItem, b: OutlookItem) -> _Verdict:
    wa, wb = content_words(a.statement), content_words(b.statement)
    same = jaccard(wa, wb) >= 0.6 or (min(len(wa), len(wb)) >= 4 and overlap(wa, wb) >= 0.75)
    if not same:
        return _Verdict(False)
    found = []
    if a.likelihood and b.likelihood and a.likelihood != b.likelihood:
        found.append(Disagreement("likelihood", a.likelihood, b.likelihood))
    return _Verdict(True, found)


#: words that say when rather than what: the date is compared on its own
_WHEN_WORDS = _words(
    """january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
    today yesterday tomorrow week weeks month months year years day days ago last earlier later
    morning evening night early late according"""
)


_WHEN_STEMS = frozenset(stem(w) for w in _WHEN_WORDS)


@lru_cache(maxsize=65536)
def event_words(text: str) -> frozenset[str]:
    """What happened, without the date words and numbers (those are the date, compared apart)."""
    return frozenset(w for w in content_words(text) if w not in _WHEN_STEMS and not w.isdigit())


def _same_day(a: str, b: str) -> bool:
    return len(a) == len(b) == 10 and a == b


def _timeline_verdict(a: TimelineEvent, b: TimelineEvent, sa: str = "", sb: str = "") -> _Verdict:
    # the evidence sentence when there is one: the event text is often a fragment of it
    # ("Killing all aboard Sunday"), and the sentence says what was killed where
    wa, wb = event_words(sa or a.event), event_words(sb or b.event)
    shared = len(wa & wb)
    same_text = jaccard(wa, wb) >= 0.6 or (min(len(wa), len(wb)) >= 4 and overlap(wa, wb) >= 0.9)
    # one day named by both: two shared event words suffice; one month: most of the words
    same_day = _same_day(a.date, b.date) and (
        (shared >= 2 and overlap(wa, wb) >= 0.34) or (shared >= 3 and overlap(wa, wb) >= 0.2)
    )
    same_month = _same_month(a.date, b.date) and shared >= 3 and overlap(wa, wb) >= 0.6
    if not (same_text or same_day or same_month):
        return _Verdict(False)
    found = []
    if not dates_agree(a.date, b.date):
        found.append(Disagreement("date", a.date, b.date))
    return _Verdict(True, found)


def _place_verdict(a: Place, b: Place) -> _Verdict:
    return _Verdict(bool(a.name.strip()) and place_key(a.name) == place_key(b.name))


_RULES = {
    "forces": _force_verdict,
    "quotes": _quote_verdict,
    "outlook": _outlook_verdict,
    "timeline": _timeline_verdict,
    "places": _place_verdict,
}


def compare(
    card: str, kept: Item, other: Item, sentences: dict[str, str] | None = None
) -> list[Disagreement] | None:
    """``None`` when the items are different facts; else the fields they disagree on.

    Disagreeing items that share a source are kept apart: one article giving two figures is
    stating two things (1,000 US troops leaving, 60 Russians arriving), not contradicting itself.
    """
    verdict = _RULES[card](kept, other)  # type: ignore[operator]
    if card == "timeline" and sentences and not verdict.same:
        # the event text is often a clause cut from its sentence: compare the sentences too
        whole = sentences.get(kept.id, ""), sentences.get(other.id, "")
        verdict = _timeline_verdict(kept, other, *whole)  # type: ignore[arg-type]
    if not verdict.same:
        return None
    if verdict.disagreements and set(kept.source_ids) & set(other.source_ids):
        return None
    return verdict.disagreements


def similarity(card: str, kept: Item, other: Item) -> float:
    """How alike two items that state the same fact are: the closest candidate wins a merge."""
    if card == "quotes":
        return jaccard(_token_set(_quote_words(kept)), _token_set(_quote_words(other)))  # type: ignore[arg-type]
    if card == "outlook":
        return jaccard(content_words(kept.statement), content_words(other.statement))  # type: ignore[attr-defined]
    if card == "timeline":
        return jaccard(event_words(kept.event), event_words(other.event))  # type: ignore[attr-defined]
    if card == "forces":
        fields = ("unit_type", "status", "strength", "description")
        return sum(getattr(kept, f) == getattr(other, f) for f in fields) / len(fields)
    return 1.0


def index_words(card: str, item: Item) -> frozenset[str] | None:
    """Words a quote shares with any copy of itself (its words of four letters or more), so a
    quote is compared only with quotes sharing one; ``None``: compare with the whole block."""
    if card != "quotes":
        return None
    return frozenset(w for w in _quote_words(item) if len(w) >= 4)  # type: ignore[arg-type]


def block_key(card: str, item: Item) -> str:
    """A cheap key that items stating the same fact share, so only those pairs are compared."""
    if card == "forces":
        return actor_key(item.actor)  # type: ignore[attr-defined]
    if card == "places":
        return place_key(item.name)  # type: ignore[attr-defined]
    return ""
