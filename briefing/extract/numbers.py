"""Numbers as news writes them: "1,000", "60", "two", "a dozen", "hundreds", "1.5 million"."""

from __future__ import annotations

import re

_UNITS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "a dozen": 12,
    "dozen": 12,
}
_TENS = {
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
}
_SCALES = {
    "hundred": 100,
    "thousand": 1_000,
    "million": 1_000_000,
    "billion": 1_000_000_000,
    "m": 1_000_000,
    "k": 1_000,
    "bn": 1_000_000_000,
}


def parse_number(text: str) -> int | None:
    """An integer for a number written in digits or words; None when it is not a number.

    Vague plurals ("hundreds", "dozens") are not numbers: they give no count to put in a table.
    """
    t = text.strip().lower().replace("\u00a0", " ")
    t = re.sub(
        r"^(?:about|around|approximately|roughly|some|nearly|almost|more than|over|at least|up to|"
        r"an estimated|estimated|as many as|close to)\s+",
        "",
        t,
    )
    t = t.replace("-", " ")
    m = re.fullmatch(r"\$?(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*(hundred|thousand|million|billion|m|k|bn)?", t)
    if m:
        value = float(m.group(1).replace(",", ""))
        if m.group(2):
            value *= _SCALES[m.group(2)]
        return round(value)
    if t in _UNITS:
        return _UNITS[t]
    total, current = 0, 0
    words = t.replace(" and ", " ").split()
    if not words:
        return None
    for w in words:
        if w in _UNITS:
            current += _UNITS[w]
        elif w in _TENS:
            current += _TENS[w]
        elif w in {"hundred"}:
            current = max(current, 1) * 100
        elif w in {"thousand", "million", "billion"}:
            total += max(current, 1) * _SCALES[w]
            current = 0
        elif w == "a":
            current = 1
        else:
            return None
    value = total + current
    return value or None
