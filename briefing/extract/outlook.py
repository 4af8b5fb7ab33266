"""Outlook card: sentences about what is expected, planned, threatened, feared or undecided.

A trained sentence classifier decides which sentences look ahead (``outlook_features`` names what
it reads, ``briefing.training`` fits it on the annotated corpus).  The suggested likelihood is
then read from the strongest hedge in the sentence's own wording and mapped to the ICD 203 scale,
so an analyst starts from the article's certainty, not ours.
"""

from __future__ import annotations

import re

from ..model import OutlookItem, Source, Span
from . import linear
from .nlp import sentences
from .outlook_cues import LIKELIHOOD, REPORTING_ONLY, TIMEFRAME
from .outlook_features import sentence_features

MODEL = "outlook"


def likelihood_for(text: str) -> str:
    """The ICD 203 word the sentence's own wording suggests.

    A forward-looking sentence that hedges nothing ("raises questions about …") gets the middle
    of the scale: a suggestion for the analyst to move, not a judgment.
    """
    for pat, word in LIKELIHOOD:
        if pat.search(text):
            return word
    return "roughly even chance"


def timeframe_for(text: str) -> str:
    """The time phrase a forward-looking sentence names ("next month", "on August 21"), or ""."""
    m = TIMEFRAME.search(text)
    found = m.group(0).strip() if m else ""
    return "" if found.lower() == "may" else found  # the modal verb, not the month


def candidate_sentences(doc, source: Source):
    """(sentence, features) for every sentence the classifier should judge."""
    text = source.text
    for index, sent in enumerate(sentences(text)):
        body = text[sent.start : sent.end]
        if len(body.split()) < 5 or REPORTING_ONLY.match(body):
            continue
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        tokens = list(span) if span is not None else []
        if not tokens:
            continue
        yield sent, sentence_features(body, tokens, index, sent.paragraph, source.date)


def extract_outlook(doc, source: Source) -> list[OutlookItem]:
    model = linear.load(MODEL)
    text = source.text
    items: list[OutlookItem] = []
    for sent, features in candidate_sentences(doc, source):
        if not model.accepts(features) or _habit_only(features):
            continue
        body = text[sent.start : sent.end]
        items.append(
            OutlookItem(
                statement=_statement(body),
                likelihood=likelihood_for(body),
                timeframe=timeframe_for(body),
                evidence=[Span(source_id=source.id, start=sent.start, end=sent.end)],
            )
        )
    return items


def _habit_only(features: dict[str, float]) -> bool:
    """A habitual or rule-like modal with nothing pointing ahead ("the scanner will automatically
    log each visitor") describes how things work, not what will happen.  The corpus has too few
    such sentences for the classifier to learn it, so it is a rule on the classifier's own features.
    """
    ahead = ("future_time", "date_ahead", "weekday", "cls=intent", "cls=ahead", "cls=event")
    single_modal = features.get("modals=1") == 1.0
    return "md_habitual" in features and single_modal and not any(k in features for k in ahead)


def _statement(sentence: str) -> str:
    """The sentence as a statement: quotation marks and leading connectives trimmed."""
    s = sentence.strip().strip('“”"')
    s = re.sub(r"^(?:However|But|And|Meanwhile|Still|Also|Yet),?\s+", "", s)
    return s[:1].upper() + s[1:]
