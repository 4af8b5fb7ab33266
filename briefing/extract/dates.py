"""Date phrases resolved against the article's date: "July last year" in a 2024-05-03 article → 2023-07.

dateparser returns nothing for most of what news writes ("mid-March", "since 2018", "in recent
days", "July last year"), so this is a small rule set over regular expressions, returning ISO dates
only as precise as the phrase ("2023-07", not an invented day).  It never raises on odd input.
"""

from __future__ import annotations

import datetime as dt
import re

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


def _resolve_match(kind: str, m: re.Match[str], ref: dt.date | None) -> str | None:
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
        month = _month(g["month"])
        year = ref.year if (month, int(g["d"])) <= (ref.month, ref.day) else ref.year - 1
        return _iso(year, month, int(g["d"]))
    if kind == "month_rel_year":
        year = ref.year + {"last": -1, "this": 0, "next": 1}[g["rel"]]
        return _iso(year, _month(g["month"]))
    if kind in {"mid_month", "in_month"}:
        text = m.group(0).lower()
        month = _month(g["month"])
        if text.startswith("next "):
            return _iso(ref.year if month > ref.month else ref.year + 1, month)
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
        if m.group(0).lower().startswith("next "):
            return (ref + dt.timedelta(days=(target - ref.weekday()) % 7 or 7)).isoformat()
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
    taken: list[tuple[int, int]] = []
    for kind, pat in _PATTERNS:  # ordered from most to least specific
        for m in pat.finditer(text):
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            try:
                iso = _resolve_match(kind, m, article_date)
            except (KeyError, ValueError, OverflowError):
                iso = None
            if iso:
                found.append((m.start(), m.end(), iso))
                taken.append((m.start(), m.end()))
    return sorted(found)


def resolve(phrase: str, article_date: dt.date | None) -> str | None:
    """The ISO date of the first date phrase in ``phrase`` (None when there is none)."""
    hits = find_dates(phrase, article_date)
    return hits[0][2] if hits else None
