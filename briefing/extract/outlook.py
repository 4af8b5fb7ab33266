"""Outlook card: sentences about what is expected, planned, threatened, feared or undecided.

Each sentence gets a score from forward-looking cues (modal verbs read from the parse, plan and
expectation phrases, warnings, deadlines, open questions); sentences over the threshold become
items.  The suggested likelihood is read from the strongest hedge in the wording and mapped to
the ICD 203 scale, so an analyst starts from the article's own certainty, not ours.
"""

from __future__ import annotations

import re

from ..model import OutlookItem, Source, Span
from .nlp import sentences

THRESHOLD = 3

# (pattern, weight): phrases that point at the future or at an open question.
_CUES: list[tuple[re.Pattern[str], int]] = [
    (re.compile(p, re.I), w)
    for p, w in [
        (
            r"\b(?:plans?|planned|planning|intends?|intended|aims?|aimed|prepares?|preparing|poised|"
            r"scheduled|set|expected|expects?|likely|unlikely|going|ready|hop(?:es|ed|ing)|vow(?:s|ed)|"
            r"pledge[sd]?|promise[sd]?|threaten(?:s|ed)?|seeks?|seeking)\s+to\b",
            3,
        ),
        (r"\bthe plan (?:is|was)\b|\b(?:is|are|was|were) due to\b|\bnot yet\b", 3),
        (r"\bexpect(?:s|ed)?\b [^.]{0,40}\bto\b|\b(?:to )?determine (?:whether|if|what|why|how)\b", 3),
        (
            r"\b(?:warn(?:s|ed|ing)?|threat(?:s|ened|ens)?|deadline|ultimatum|hope(?:s|d|ful)?|"
            r"expect(?:s|ed|ation)?|anticipat\w+|forecast\w*|predict\w*)\b",
            2,
        ),
        (r"\b(?:fear(?:s|ed|ful)?|worr(?:y|ies|ied)|afraid)\b", 1),
        (r"\b(?:raises?|raising) (?:questions|concerns?|the (?:prospect|possibility|spectre))\b", 3),
        (
            r"\b(?:no decisions?|undecided|remains? (?:unclear|uncertain|to be seen)|uncertain|"
            r"unclear whether|whether)\b",
            2,
        ),
        (
            r"\b(?:next|coming|upcoming|following) (?:week|month|year|days|weeks|months|years|phase|round|"
            r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
            2,
        ),
        (
            r"\b(?:soon|eventual(?:ly)?|in the (?:short|long|medium)[- ]term|future|ahead of|impending|"
            r"looming|prospect|potential(?:ly)?|at stake|on the verge)\b",
            1,
        ),
        (r"\b(?:could|would|may|might) (?:lead|allow|result|mean|help|make|spark|trigger|end|open)\b", 2),
        (r"\bcalled on\b|\burged?\b|\bis required\b|\bmust\b", 1),
        (r"\b(?:if|whether)\b.{3,80}?\b(?:will|would|could|can|may)\b", 2),
        (r"\?[”\"’]?$", 2),
    ]
]
# Modal verbs heading a verb, from the parse: these carry most of the signal.
_MODAL_WEIGHT = {
    "will": 3,
    "'ll": 3,
    "wo": 3,
    "shall": 3,
    "would": 2,
    "may": 3,
    "might": 3,
    "could": 2,
    "can": 1,
    "should": 2,
    "must": 0,
}
_PAST_MODAL = re.compile(r"\b(?:would|could|might|may|should|must) (?:not )?have\b", re.I)
_REPORTING_ONLY = re.compile(r"^(?:date \d{4}-\d{2}-\d{2})", re.I)

# Likelihood words, strongest wording first; the first hit decides (ICD 203 scale).
_LIKELIHOOD: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p, re.I), w)
    for p, w in [
        (r"\b(?:almost certain(?:ly)?|virtually certain|certainly|definitely|no doubt)\b", "almost certain"),
        (r"\b(?:no chance|never|impossible|ruled out|rules? out)\b", "almost no chance"),
        (r"\b(?:highly unlikely|very unlikely|improbable|doubtful)\b", "very unlikely"),
        (r"\b(?:unlikely|not expected|not likely|doubts?)\b", "unlikely"),
        (
            r"\b(?:highly likely|very likely|all but certain|is set to|are set to|scheduled|due to|"
            r"announced|will (?:begin|start|sign|announce|be loaded|have))\b",
            "very likely",
        ),
        (
            r"\b(?:likely|probabl[ey]|expected|expects?|plans?|planned|intends?|will|shall|going to"
            r"|seek(?:s|ing)? to|the plan)\b",
            "likely",
        ),
        (
            r"\b(?:no decisions?|undecided|unclear|uncertain|whether|could|may|might|possible|possibly|"
            r"potentially|hope[sd]?|hopeful|fears?|risk)\b",
            "roughly even chance",
        ),
    ]
]
_TIMEFRAME = re.compile(
    r"\b(?:(?:by|before|until|after|within|in|on|from|between|next|this|later this|early|late|end of|"
    r"the coming)\s+)?(?:(?:next|this|coming) (?:week|month|year|spring|summer|autumn|fall|winter)|"
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
    r"(?: \d{1,2})?(?:,? \d{4})?(?: and \d{1,2})?|"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)|"
    r"\d{4}|(?:the )?(?:short|long|medium)[- ]term|(?:a |one |two |three |six |\d+ )?"
    r"(?:days?|weeks?|months?|years?)(?= (?:review|period|deadline|time))|soon)\b"
)


def likelihood_for(text: str) -> str:
    """The ICD 203 word the sentence's own wording suggests.

    A forward-looking sentence that hedges nothing ("raises questions about …") gets the middle
    of the scale: a suggestion for the analyst to move, not a judgment.
    """
    for pat, word in _LIKELIHOOD:
        if pat.search(text):
            return word
    return "roughly even chance"


def timeframe_for(text: str) -> str:
    """The time phrase a forward-looking sentence names ("next month", "on August 21"), or ""."""
    m = _TIMEFRAME.search(text)
    found = m.group(0).strip() if m else ""
    return "" if found.lower() == "may" else found  # the modal verb, not the month


def score_sentence(text: str, tokens) -> int:
    score = 0
    for pat, weight in _CUES:
        if pat.search(text):
            score += weight
    for tok in tokens:
        if tok.tag_ == "MD":
            word = tok.lower_
            weight = _MODAL_WEIGHT.get(word, 0)
            nxt = tok.nbor() if tok.i + 1 < len(tok.doc) else None
            if word == "may" and nxt is not None and nxt.is_title:
                weight = 0  # the month
            if nxt is not None and (
                (word in {"could", "can", "ca"} and nxt.lower_ in {"not", "n't", "never"})
                or (word == "would" and nxt.lower_ in {"normally", "usually", "often", "later"})
            ):
                weight = (
                    0  # "could not reach", "would normally": ability or habit in the past, not a forecast
                )
            score += weight
            break
    if _PAST_MODAL.search(text):
        score -= 2
    return score


def extract_outlook(doc, source: Source) -> list[OutlookItem]:
    text = source.text
    items: list[OutlookItem] = []
    for sent in sentences(text):
        body = text[sent.start : sent.end]
        if len(body.split()) < 5 or _REPORTING_ONLY.match(body):
            continue
        span = doc.char_span(sent.start, sent.end, alignment_mode="expand")
        tokens = list(span) if span is not None else []
        if score_sentence(body, tokens) < THRESHOLD:
            continue
        items.append(
            OutlookItem(
                statement=_statement(body),
                likelihood=likelihood_for(body),
                timeframe=timeframe_for(body),
                evidence=[Span(source_id=source.id, start=sent.start, end=sent.end)],
            )
        )
    return items


def _statement(sentence: str) -> str:
    """The sentence as a statement: quotation marks and leading connectives trimmed."""
    s = sentence.strip().strip('“”"')
    s = re.sub(r"^(?:However|But|And|Meanwhile|Still|Also|Yet),?\s+", "", s)
    return s[:1].upper() + s[1:]
