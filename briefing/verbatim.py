"""Is a direct quote still the source's own words?

A quote the analyst rewrote into a paraphrase must not print in quotation marks as what the
speaker said.  The check compares the quote's text with the text of its evidence, forgiving
what copy-editing changes (curly or straight quotation marks and apostrophes, spacing, case,
trailing punctuation) and omissions marked with an ellipsis, but nothing else.
"""

from __future__ import annotations

import re

from .model import Briefing, Quote

_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"', "‘": "'", "’": "'", "`": "'"})
_ELLIPSIS = re.compile(r"\s*(?:…|\.\.\.)\s*")


def _norm(text: str) -> str:
    return " ".join(text.translate(_QUOTES).casefold().split()).strip(" .,;:!?\"'")


def is_verbatim(briefing: Briefing, quote: Quote) -> bool:
    """True when ``quote`` (direct) can be printed as the speaker's words; indirect items are
    paraphrases by nature and always count as true here."""
    if quote.kind != "direct":
        return True
    if not quote.evidence:
        return False  # typed by hand: nothing says these were the speaker's words
    evidence = _norm(" ".join(briefing.span_text(span) for span in quote.evidence))
    parts = [_norm(p) for p in _ELLIPSIS.split(quote.text) if _norm(p)]
    if not parts:
        return False
    at = 0
    for part in parts:  # each piece in order: "a … b" keeps both, in the source's order
        found = evidence.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def edited_quotes(briefing: Briefing) -> set[str]:
    """Ids of the direct quotes that are no longer the source's words."""
    return {q.id for q in briefing.quotes if not is_verbatim(briefing, q)}
