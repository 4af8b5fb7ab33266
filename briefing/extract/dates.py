"""Date phrases resolved against the article's date: "July last year" in a 2024-05-03 article → 2023-07.

dateparser returns nothing for most of what news writes ("mid-March", "since 2018", "in recent
days", "July last year"), so this is a small rule set over regular expressions, returning ISO dates
only as precise as the phrase ("2023-07", not an invented day).  It never raises on odd input.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .numbers import parse_number

MONTH_NAMES = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
MONTHS = {m: i for i, m in enumerate(MONTH_NAMES, start=1)}
MONTHS.update(
    {
        "jan": 1,
        "feb": 2,
        "mar": 3,
        "apr": 4,
        "jun": 6,
        "jul": 7,
        "aug": 8,
        "sep": 9,
        "sept": 9,
        "oct": 10,
        "nov": 11,
        "dec": 12,
    }
)
WEEKDAYS = {
    d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])
}
_M = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("day_month_year", re.compile(r"\b(?P<d>\d{1,2}) " + _M + r",? (?P<y>\d{4})\b")),
    ("month_day_year", re.compile(r"\b" + _M + r" (?P<d>\d{1,2})(?:st|nd|rd|th)?,? (?P<y>\d{4})\b")),
    ("month_day", re.compile(r"\b" + _M + r" (?P<d>\d{1,2})(?:st|nd|rd|th)?\b(?!,? \d{4})")),
    ("day_month", re.compile(r"\b(?P<d>\d{1,2}) " + _M + r"\b(?!,? \d{4})")),
    (
        "month_rel_year",
        re.compile(r"\b(?:(?:early|mid|late)-?\s?)?" + _M + r" (?P<rel>last|this|next) year\b"),
    ),
    ("month_year", re.compile(r"\b(?:(?:early|mid|late)-?\s?)?" + _M + r",? (?P<y>\d{4})\b")),
    ("mid_month", re.compile(r"\b(?:(?:early|mid|late)-|(?:early|late) )" + _M + r"\b")),
    ("in_month", re.compile(r"\b(?:in|since|until|by|from|during|last|this|next) " + _M + r"\b(?! \d)")),
    ("rel_year", re.compile(r"\b(?P<rel>last|this|next) year\b")),
    ("rel_month", re.compile(r"\b(?:(?P<rel>last|this|next) month|earlier this month|later this month)\b")),
    ("rel_week", re.compile(r"\b(?P<rel>last|this|next) week\b")),
    (
        "ago",
        re.compile(
            r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a) "
            r"(?P<unit>years?|months?|weeks?|days?) ago\b"
        ),
    ),
    (
        "weekday",
        re.compile(
            r"\b(?:on |last |this |next )?(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|"
            r"Saturday|Sunday)\b"
        ),
    ),
    ("yesterday", re.compile(r"\b(?P<w>yesterday|today|tomorrow)\b", re.I)),
    ("recent", re.compile(r"\bin recent days\b|\bthis week\b")),
    (
        "year",
        re.compile(
            r"\b(?:in|since|until|by|from|during|of|before|after|early|late|mid-?)\s(?P<y>(?:19|20)\d{2})\b"
            r"(?!\s?(?:km|people|troops|soldiers|dollars))"
        ),
    ),
]


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _most_recent_month(month: int, ref: dt.date) -> str:
    year = ref.year if month <= ref.month else ref.year - 1
    return f"{year:04d}-{month:02d}"


def _iso(y: int, m: int | None = None, d: int | None = None) -> str | None:
    try:
        if d is not None and m is not None:
            return dt.date(y, m, d).isoformat()
        if m is not None:
            return f"{y:04d}-{m:02d}" if 1 <= m <= 12 else None
        return f"{y:04d}"
    except ValueError:
        return None


def _resolve_match(kind: str, m: re.Match[str], ref: dt.date | None, forward: bool = False) -> str | None:
    """The ISO date of one match; ``forward`` (a future-tense clause) reads a bare weekday, month or
    day as the next one on or after ``ref`` instead of the last one on or before it."""
    g = m.groupdict()
    if kind == "iso":
        return _iso(int(g["y"]), int(g["m"]), int(g["d"]))
    if kind in {"day_month_year", "month_day_year"}:
        return _iso(int(g["y"]), _month(g["month"]), int(g["d"]))
    if kind == "month_year":
        return _iso(int(g["y"]), _month(g["month"]))
    if kind == "year":
        return _iso(int(g["y"]))
    if ref is None:
        return None
    if kind in {"month_day", "day_month"}:
        month, day = _month(g["month"]), int(g["d"])
        if forward:
            return _iso(ref.year if (month, day) >= (ref.month, ref.day) else ref.year + 1, month, day)
        year = ref.year if (month, day) <= (ref.month, ref.day) else ref.year - 1
        return _iso(year, month, day)
    if kind == "month_rel_year":
        year = ref.year + {"last": -1, "this": 0, "next": 1}[g["rel"]]
        return _iso(year, _month(g["month"]))
    if kind in {"mid_month", "in_month"}:
        text = m.group(0).lower()
        month = _month(g["month"])
        if text.startswith("next "):
            return _iso(ref.year if month > ref.month else ref.year + 1, month)
        if forward and not text.startswith(("last ", "since ")):
            return _iso(ref.year if month >= ref.month else ref.year + 1, month)
        return _most_recent_month(month, ref)
    if kind == "rel_year":
        return _iso(ref.year + {"last": -1, "this": 0, "next": 1}[g["rel"]])
    if kind == "rel_month":
        delta = {"last": -1, "this": 0, "next": 1}.get(g.get("rel") or "this", 0)
        month0 = ref.month - 1 + delta
        return _iso(ref.year + month0 // 12, month0 % 12 + 1)
    if kind == "rel_week":
        monday = ref - dt.timedelta(days=ref.weekday())
        monday += dt.timedelta(weeks={"last": -1, "this": 0, "next": 1}[g["rel"]])
        return monday.isoformat()
    if kind == "ago":
        n = 1 if g["n"] == "a" else parse_number(g["n"]) or 1
        unit = g["unit"].rstrip("s")
        if unit == "year":
            return _iso(ref.year - n)
        if unit == "month":
            month0 = ref.month - 1 - n
            return _iso(ref.year + month0 // 12, month0 % 12 + 1)
        days = n * (7 if unit == "week" else 1)
        return (ref - dt.timedelta(days=days)).isoformat()
    if kind == "weekday":
        target = WEEKDAYS[g["wd"].lower()]
        back = (ref.weekday() - target) % 7
        said = m.group(0).lower()
        if said.startswith("next "):
            return (ref + dt.timedelta(days=(target - ref.weekday()) % 7 or 7)).isoformat()
        if forward and not said.startswith("last "):
            return (ref + dt.timedelta(days=(target - ref.weekday()) % 7)).isoformat()
        return (ref - dt.timedelta(days=back)).isoformat()
    if kind == "yesterday":
        shift = {"yesterday": -1, "today": 0, "tomorrow": 1}[g["w"].lower()]
        return (ref + dt.timedelta(days=shift)).isoformat()
    if kind == "recent":
        return _iso(ref.year, ref.month)
    return None


def find_dates(text: str, article_date: dt.date | None) -> list[tuple[int, int, str]]:
    """(start, end, ISO) for each date phrase in ``text``; overlapping phrases keep the longest."""
    found: list[tuple[int, int, str]] = []
    for hit in date_phrases(text, article_date, _PATTERNS):
        try:
            iso = _resolve_match(hit.kind, hit.match, article_date)
        except (KeyError, ValueError, OverflowError):
            iso = None
        if iso:
            found.append((hit.start, hit.end, iso))
    return found


#: "the next year", "a year later", "that year": a year counted from the one last mentioned, not
#: from the publication date (the timeline supplies that year; ``find_dates`` does not use these).
ANAPHORIC_YEAR = re.compile(
    r"\b(?:the (?P<dir>next|following|previous|preceding|same) year|the year (?P<dir2>after|before)|"
    r"a year (?P<dir3>later|earlier)|that year)\b(?! or\b)",
    re.I,
)
#: fixed-date holidays news dates events by ("on New Year's Eve", "at Christmas 2015")
_HOLIDAYS = {
    "new year's eve": (12, 31), "new year's day": (1, 1), "christmas eve": (12, 24),
    "christmas day": (12, 25), "christmas": (12, 25), "boxing day": (12, 26), "halloween": (10, 31),
    "valentine's day": (2, 14), "fourth of july": (7, 4), "independence day": (7, 4),
    "bastille day": (7, 14),
}  # fmt: skip
_HOLIDAY = re.compile(
    r"\b(?:(?P<y0>(?:19|20)\d{2}) )?(?P<name>New Year[’']s (?:Eve|Day)|Christmas(?: Eve| Day)?|Boxing Day|"
    r"Halloween|Valentine[’']s Day|Fourth of July|Independence Day|Bastille Day|Thanksgiving(?: Day)?|"
    r"Black Friday)(?:,? (?P<y>(?:19|20)\d{2}))?\b"
)
_SEASON_MONTH = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_SEASON = re.compile(
    r"\b(?:(?P<rel>last|this|next|past)\s(?P<s1>spring|summer|fall|autumn|winter)|(?:the\s)?"
    r"(?P<s2>spring|summer|fall|autumn|winter)(?:\sof)?\s(?P<y>(?:19|20)\d{2}))\b",
    re.I,
)
_WEEKEND = re.compile(r"\b(?P<rel>last|this|next|over the|past)\sweekend\b", re.I)
_TODAY_PART = re.compile(
    r"\b(?:this (?:morning|afternoon|evening)|tonight|(?:earlier|later) today|(?P<last>last night))\b", re.I
)
TIMELINE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("holiday", _HOLIDAY),
    ("season", _SEASON),
    ("weekend", _WEEKEND),
    ("today_part", _TODAY_PART),
    ("anaphoric_year", ANAPHORIC_YEAR),
    *_PATTERNS,
]
#: a sentence's first word written with a capital ("In 2012", "Last week", "Two years ago") reads
#: like its lower-case form; the patterns above are case-sensitive so that "May" stays a month
_INITIAL = re.compile(
    r"^[“\"‘(]?(?P<w>In|Since|Until|By|From|During|Before|After|Last|This|Next|Earlier|Later|Early|Late|"
    r"Mid|One|Two|Three|Four|Five|Six|Seven|Eight|Nine|Ten|A)\b"
)


def _this_week(ref: dt.date, forward: bool) -> str:
    """'This week' names no day: the month holding most of its days still to come (``forward``) or
    already past, so "earlier this week" on a Thursday 1 February is January."""
    monday = ref - dt.timedelta(days=ref.weekday())
    if forward:
        days = [ref + dt.timedelta(days=i) for i in range(7 - ref.weekday())]
    else:
        days = [monday + dt.timedelta(days=i) for i in range(max(ref.weekday(), 1))]
    months = [(d.year, d.month) for d in days]
    year, month = max(set(months), key=lambda ym: (months.count(ym), ym))
    return _iso(year, month)


def _nth_weekday(year: int, month: int, weekday: int, n: int) -> dt.date:
    """The ``n``-th ``weekday`` of a month (``n`` = -1: the last)."""
    if n > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _holiday(name: str, year: int) -> dt.date:
    key = name.lower().replace("’", "'")
    if key.startswith("thanksgiving"):
        return _nth_weekday(year, 11, 3, 4)  # the US holiday: fourth Thursday of November
    if key == "black friday":
        return _nth_weekday(year, 11, 3, 4) + dt.timedelta(days=1)
    month, day = _HOLIDAYS[key]
    return dt.date(year, month, day)


#: how many days ahead of the article a holiday named in the past tense or a headline may still be
HOLIDAY_AHEAD_DAYS = 7


def _resolve_extra(kind: str, m: re.Match[str], ref: dt.date | None, forward: bool) -> str | None:
    """The timeline's own phrases: holidays, seasons, weekends, parts of the day."""
    g = m.groupdict()
    if kind == "holiday":
        if g.get("y") or g.get("y0"):
            return _holiday(g["name"], int(g.get("y") or g["y0"])).isoformat()
        if ref is None:
            return None
        day = _holiday(g["name"], ref.year)
        if forward and day < ref:
            day = _holiday(g["name"], ref.year + 1)
        elif not forward and (day - ref).days > HOLIDAY_AHEAD_DAYS:
            # a holiday a few days off is the one being prepared for, whatever the tense ("Berlin
            # sets up New Year's Eve 'safe zone'" on 30 December): not last year's
            day = _holiday(g["name"], ref.year - 1)
        return day.isoformat()
    if kind == "season":
        if g.get("y"):
            return _iso(int(g["y"]))
        if ref is None:
            return None
        start = _SEASON_MONTH[g["s1"].lower()]
        rel = g["rel"].lower()
        if rel in {"last", "past"}:  # the last one over: a season ends about three months on
            return _iso(ref.year if start + 2 < ref.month else ref.year - 1)
        if rel == "next":
            return _iso(ref.year if start > ref.month else ref.year + 1)
        return _iso(ref.year)
    if ref is None:
        return None
    if kind == "weekend":
        saturday = ref - dt.timedelta(days=ref.weekday()) + dt.timedelta(days=5)
        rel = g["rel"].lower()
        if rel == "next" or (rel == "this" and forward):
            later = saturday if rel == "this" or saturday < ref else saturday + dt.timedelta(weeks=1)
            return later.isoformat()
        if rel == "this":
            return saturday.isoformat() if saturday <= ref else (saturday - dt.timedelta(weeks=1)).isoformat()
        return (saturday - dt.timedelta(weeks=1) if saturday > ref else saturday).isoformat()
    if kind == "today_part":
        return (ref - dt.timedelta(days=1 if g.get("last") else 0)).isoformat()
    return None


@dataclass(frozen=True, slots=True)
class DatePhrase:
    start: int
    end: int
    kind: str
    match: re.Match[str]

    @property
    def text(self) -> str:
        return self.match.group(0)


def date_phrases(
    text: str,
    article_date: dt.date | None,
    patterns: list[tuple[str, re.Pattern[str]]] = TIMELINE_PATTERNS,
) -> list[DatePhrase]:
    """Every resolvable date phrase of ``text``, in text order; overlaps keep the more specific.

    A phrase that does not resolve ("30 February 2024") leaves its words to a less specific pattern
    ("February 2024"); the year-anaphora are kept for the caller, who knows the year last mentioned.
    """
    found: list[DatePhrase] = []
    initial = _INITIAL.match(text) if patterns is TIMELINE_PATTERNS else None
    if initial:  # same length, so offsets stay the text's
        text = text[: initial.start("w")] + initial.group("w").lower() + text[initial.end("w") :]
    for kind, pat in patterns:  # ordered from most to least specific
        for m in pat.finditer(text):
            if any(h.start < m.end() and m.start() < h.end for h in found):
                continue
            hit = DatePhrase(m.start(), m.end(), kind, m)
            if kind == "anaphoric_year" or resolve_phrase(hit, article_date):
                found.append(hit)
    return sorted(found, key=lambda h: h.start)


def resolve_phrase(
    hit: DatePhrase, article_date: dt.date | None, *, forward: bool = False, last_year: int | None = None
) -> str | None:
    """ISO date of ``hit``; ``last_year`` is the year the text mentioned last (for "the next year")."""
    if hit.kind == "anaphoric_year":
        if last_year is None:
            return None
        word = (hit.match.group("dir") or hit.match.group("dir2") or hit.match.group("dir3") or "").lower()
        shift = 1 if word in {"next", "following", "after", "later"} else -1 if word else 0
        shift = 0 if word == "same" else shift
        return _iso(last_year + shift)
    try:
        if hit.kind in {"holiday", "season", "weekend", "today_part"}:
            return _resolve_extra(hit.kind, hit.match, article_date, forward)
        if hit.kind == "rel_week" and hit.match.group("rel") == "this" and article_date is not None:
            return _this_week(article_date, forward)
        return _resolve_match(hit.kind, hit.match, article_date, forward)
    except (KeyError, ValueError, OverflowError):
        return None


def resolve(phrase: str, article_date: dt.date | None) -> str | None:
    """The ISO date of the first date phrase in ``phrase`` (None when there is none)."""
    hits = find_dates(phrase, article_date)
    return hits[0][2] if hits else None
