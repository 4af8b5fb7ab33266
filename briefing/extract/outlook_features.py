"""Features of one sentence for the outlook classifier: is it about the future?

The trained model (``assets/models/outlook.json``) weighs these; nothing here decides.  They are
the cues an analyst reads: the words, the hand-written cue phrases of the first version, every
modal verb with what it governs (``will return``, ``would not return``, ``could have been``), the
main verb's tense, negation, a reported-speech frame, time phrases that point ahead, and where the
sentence sits in the article.  Training and extraction call the same function, so what the model
learned is what it sees.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re

from .dates import find_dates
from .outlook_cues import CUES, FUTURE_LEMMAS

_FUTURE_TIME = re.compile(
    r"\b(?:next|coming|upcoming|later this|by the end of|within the next|in the coming|tomorrow|"
    r"from now|ahead|in \d+ (?:days|weeks|months|years))\b",
    re.I,
)
_WEEKDAY = re.compile(r"\b(?:on )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_SAY_LEMMAS = {"say", "tell", "add", "state", "announce", "warn", "claim", "insist", "argue", "note"}
_NEGATIONS = {"not", "n't", "never", "no"}
_NEG_WORDS = {"not", "n't", "never"}
_OPEN_QUOTES = "“‘\"'"
_HABITUAL = {"automatically", "always", "usually", "normally", "typically", "generally", "often", "routinely"}


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for edge in edges:
        if n <= edge:
            return str(edge)
    return f">{edges[-1]}"


def sentence_features(
    text: str, tokens: list, index: int, paragraph: int, article_date: dt.date | None = None
) -> dict[str, float]:
    """Named features of a sentence (``text``) with its parsed ``tokens`` at position ``index``.

    ``article_date`` lets a date in the sentence count as ahead of or behind publication.
    """
    f: dict[str, float] = {"bias_outlook": 1.0}
    lowered = [t.lower_ for t in tokens if not t.is_punct and not t.is_space]
    for w in set(lowered):
        f[f"w={w}"] = 1.0
    for a, b in itertools.pairwise(lowered):
        f[f"b={a}_{b}"] = 1.0
    classes: dict[str, int] = {}
    for tok in tokens:
        lemma = (tok.lemma_ or tok.lower_).lower()
        f[f"l={lemma}"] = 1.0
        group = FUTURE_LEMMAS.get(lemma) or FUTURE_LEMMAS.get(tok.lower_)
        if group:
            classes[group] = classes.get(group, 0) + 1
            if tok.dep_ == "ROOT" or tok.head.dep_ == "ROOT":
                f[f"cls={group}|main"] = 1.0
    for group, n in classes.items():
        f[f"cls={group}"] = 1.0
        f[f"cls={group}={min(n, 2)}"] = 1.0
    if article_date is not None:
        for _, _, iso in find_dates(text, article_date):
            when = iso[:10]
            ref = article_date.isoformat()[: len(when)]
            f["date_ahead" if when > ref else "date_behind" if when < ref else "date_same"] = 1.0
    cue_total = 0
    for i, (pattern, weight) in enumerate(CUES):
        if pattern.search(text):
            f[f"cue{i}"] = 1.0
            cue_total += weight
    f[f"cuesum={_bucket(cue_total, (0, 1, 2, 3, 4, 6, 8))}"] = 1.0

    modals = 0
    for tok in tokens:
        if tok.tag_ != "MD":
            continue
        word = tok.lower_
        nxt = tokens[tok.i - tokens[0].i + 1] if tok.i - tokens[0].i + 1 < len(tokens) else None
        if word == "may" and nxt is not None and nxt.is_title:
            continue  # the month
        modals += 1
        f[f"md={word}"] = 1.0
        head = tok.head
        negated = any(c.lower_ in _NEG_WORDS for c in head.children) or (
            nxt is not None and nxt.lower_ in _NEG_WORDS
        )
        f[f"md={word}|neg={int(negated)}"] = 1.0
        f[f"md={word}|head={head.lemma_.lower()}"] = 1.0
        # a past modal is "would have gone", not "would have consequences": *have* + participle
        past = head.tag_ == "VBN" and any(c.lower_ == "have" for c in head.children if c.dep_ == "aux")
        if past:
            f["md_past"] = 1.0
            f[f"md={word}|past"] = 1.0
        elif head.lemma_.lower() == "have":
            f["md_have_main"] = 1.0  # "would have consequences": a forecast, not a past modal
        # "the scanner will automatically log each visitor": a habit or a rule, not a forecast
        habitual = any(c.lower_ in _HABITUAL for c in head.children)
        if habitual or any(t.lower_ in {"each", "every"} for t in tokens):
            f["md_habitual"] = 1.0
            f[f"md={word}|habitual"] = 1.0
        if _inside_quote(tok, text, tokens):
            f["md_in_quote"] = 1.0
    f[f"modals={min(modals, 3)}"] = 1.0

    root = next((t for t in tokens if t.dep_ == "ROOT"), None)
    if root is not None:
        f[f"root_tag={root.tag_}"] = 1.0
        f[f"root={root.lemma_.lower()}"] = 1.0
        if root.lemma_.lower() in _SAY_LEMMAS:
            f["say_frame"] = 1.0
            comp = next((c for c in root.children if c.dep_ in {"ccomp", "xcomp"}), None)
            if comp is not None:
                f[f"say_comp_tag={comp.tag_}"] = 1.0
                if any(c.tag_ == "MD" for c in comp.children):
                    f["say_comp_modal"] = 1.0
    tags = {t.tag_ for t in tokens}
    for tag in ("VBD", "VBN", "VBZ", "VBP", "VBG", "VB"):
        if tag in tags:
            f[f"has_{tag}"] = 1.0
    if any(t.lower_ in _NEGATIONS for t in tokens):
        f["negation"] = 1.0
    if any(t.lower_ == "to" and t.head.tag_ == "VB" for t in tokens):
        f["to_infinitive"] = 1.0
    if _FUTURE_TIME.search(text):
        f["future_time"] = 1.0
    if _WEEKDAY.search(text):
        f["weekday"] = 1.0
    if text.rstrip("”’\"' ").endswith("?"):
        f["question"] = 1.0
    if text[:1] in _OPEN_QUOTES:
        f["starts_quote"] = 1.0
    f[f"pos={_bucket(index, (0, 1, 2, 4, 8, 16))}"] = 1.0
    f[f"para={_bucket(paragraph, (0, 1, 3, 6))}"] = 1.0
    f[f"len={_bucket(len(lowered), (6, 12, 20, 30, 45))}"] = 1.0
    return f


def _inside_quote(tok, text: str, tokens: list) -> bool:
    """Does ``tok`` sit inside quotation marks within its sentence?"""
    offset = tok.idx - tokens[0].idx
    before = text[:offset]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1
