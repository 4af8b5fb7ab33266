"""Is a direct quote still the source's own words?  Is a likelihood still the article's wording?

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
    """False when ``quote`` (direct) was read from the source but its text no longer matches its
    evidence; indirect items are paraphrases by nature and always count as true here."""
    if quote.kind != "direct":
        return True
    if not quote.evidence:
        return True  # typed by hand: nothing to compare with; quoting is the analyst's own claim
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


def analyst_likelihoods(briefing: Briefing) -> set[str]:
    """Ids of outlook items whose likelihood is not the one their statement's wording gives: the
    analyst set it, so no document may say it "expresses the article's own wording"."""
    from .extract.outlook import likelihood_for  # regular expressions only: no language model

    return {o.id for o in briefing.outlook if o.likelihood and o.likelihood != likelihood_for(o.statement)}


_WORDING_CLAIM = re.compile(r";?\s*they express the article['’]s own wording[^.]*")


def honest_disclaimer(disclaimer: str, analysed: set[str]) -> str:
    """A template's disclaimer without its claim that likelihoods are the article's own wording,
    once the analyst has set any of them (``analysed``: from :func:`analyst_likelihoods`)."""
    return _WORDING_CLAIM.sub("", disclaimer) if analysed else disclaimer
