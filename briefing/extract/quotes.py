"""Quotes card: every direct quotation with its speaker (reported speech: ``reported``).

Quotation marks are found with a small scanner rather than the parser because news text mixes
curly, straight, single and guillemet marks, and quotations run over paragraphs (an opening
mark with no closing one continues in the next paragraph).  Speakers come from the dependency
parse: the subject of the nearest speech verb outside the quotation, then resolved to the
fullest mention in the article ("the official" → "senior US defence official", "he" → the last
named speaker, "Esper" → "Mark Esper").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Quote, Source, Span
from .attribution import (
    _attribute,
    _remember_short,
)
from .nlp import sentence_at, sentences
from .speakers import SpeakerResolver

MIN_QUOTE_WORDS = 4



@dataclass(slots=True)
class _QuoteIndex:
    """Start and end offsets of every quotation, sorted, for bisect look-ups."""

    starts: list[int]
    ends: list[int]


@dataclass(slots=True)
class QuoteSpan:
    start: int  # first character inside the marks
    end: int
    open_at: int  # the opening mark
    close_at: int  # the closing mark, or the paragraph end when the quotation runs on


def find_quotations(text: str) -> list[QuoteSpan]:
    """Spans inside quotation marks, one per paragraph segment, in text order."""
    out: list[QuoteSpan] = []
    for para in re.finditer(r"[^\n]+", text):
        out.extend(_scan_paragraph(text, para.start(), para.end()))
    return out


def _is_apostrophe(text: str, i: int) -> bool:
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    return prev.isalnum() and (nxt.isalpha() or (nxt == " " and prev == "s"))


def _mixed_close(text: str, close: str, j: int, end: int) -> bool:
    """Whether a double mark of the other style closes the quotation: a straight open met by a
    curly close, or a curly open met by a straight mark after the clause's punctuation (one
    editor's paste into another's text)."""
    c = text[j]
    if close == '"':
        return c == "”"
    if close == "”" and c == '"':
        return text[j - 1] in ",.?!" and (j + 1 >= end or text[j + 1] in " ”")
    return False


def _scan_paragraph(text: str, start: int, end: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    i = start
    while i < end:
        ch = text[i]
        close = None
        if ch in "“«":
            close = "”" if ch == "“" else "»"
        elif ch == '"':
            close = '"'
        elif (
            ch in "‘'" and (i == start or not text[i - 1].isalnum()) and i + 1 < end and text[i + 1].isalnum()
        ):
            close = "’" if ch == "‘" else "'"
        if close is None:
            i += 1
            continue
        j = i + 1
        while j < end:
            c = text[j]
            if c == close and not (close in "’'" and _is_apostrophe(text, j)):
                break
            if _mixed_close(text, close, j, end):
                close = c  # '"Donald Trump doesn’t understand,” said X. "He is…': a typed open, a curly close
                break
            if close == "”" and c == "“":
                # '“It’s unusual,“ said X', '“the best in the world“ and …': a misprinted close
                # (an opening mark is never followed by a space or punctuation); otherwise a new
                # opening before a close: the first ran on
                if j + 1 >= end or text[j + 1] in " ,.;:":
                    spans.append(QuoteSpan(i + 1, j, i, j))
                    i = j + 1
                    close = None
                break
            j += 1
        if close is None:  # closed by a misprinted mark above
            continue
        if j >= end or text[j] != close:
            if close in "’'":  # an unmatched single mark is an apostrophe, not a quotation
                i += 1
                continue
            spans.append(QuoteSpan(i + 1, end, i, end))
            i = end if j >= end else j
            continue
        spans.append(QuoteSpan(i + 1, j, i, j))
        i = j + 1
    return spans


def _clean_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and (text[start].isspace() or text[start] in "…"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:"):
        end -= 1
    return start, end


def extract_quotes(doc, source: Source) -> list[Quote]:
    text = source.text
    sents = sentences(text)
    res = SpeakerResolver(text, doc)
    raw = find_quotations(text)
    qspans = _QuoteIndex([q.open_at for q in raw], [q.close_at + 1 for q in raw])
    quotes: list[Quote] = []
    seen: set[str] = set()
    for q in raw:
        start, end = _clean_bounds(text, q.start, q.end)
        body = text[start:end]
        if len(re.findall(r"[\w’'-]+", body)) < MIN_QUOTE_WORDS:
            _remember_short(text, res, q, sents)  # "“It’s doable,” Risch said. “…”": Risch goes on
            continue
        key = _normal(body)
        if key in seen:
            continue  # a headline repeating a quotation from the body
        seen.add(key)
        first = sents[sentence_at(sents, q.open_at)]
        last = sents[sentence_at(sents, max(q.open_at, q.close_at - 1))]
        if _is_scare_quote(text, q, body):
            continue
        speaker, role = _attribute(text, doc, res, q, first, last, qspans)
        if speaker:
            res.remember(speaker, q.close_at)
        ev_start, ev_end = first.start, max(last.end, first.end)
        quotes.append(
            Quote(
                text=body,
                speaker=speaker,
                speaker_role=role,
                kind="direct",
                evidence=[Span(source_id=source.id, start=ev_start, end=ev_end)],
            )
        )
    return quotes


def _normal(text: str) -> str:
    return re.sub(r"\W+", " ", text).strip().lower()


_SCARE_BEFORE = re.compile(
    r"(?:\b(?:the|a|an|its|their|his|her|this|that|so-called|dubbed|called)\s*)$", re.I
)


def _is_scare_quote(text: str, q: QuoteSpan, body: str) -> bool:
    """`the “one country, two systems” formula`: a quoted name used as a noun modifier."""
    before = text[max(0, q.open_at - 15) : q.open_at]
    # the next word is the noun the quoted name modifies; a function word after the quotation
    # ('a “very positive step toward unification” that …', 'a “major breach of trust” in …')
    # means the quoted words are the noun phrase itself: someone's words, not a name
    after = re.match(r"\s([a-z]+)", text[q.close_at + 1 : q.close_at + 30])
    return (
        bool(_SCARE_BEFORE.search(before))
        and after is not None
        and after.group(1) not in _FUNCTION_WORDS
        and len(body.split()) <= 6
    )


_FUNCTION_WORDS = {
    "that", "which", "who", "whom", "where", "when", "while", "during", "in", "on", "at", "of", "to", "for",
    "from", "with", "by", "as", "and", "or", "but", "is", "was", "are", "were", "be", "has", "had", "have",
    "after", "before", "since", "because", "if", "than", "into", "about", "over", "against", "between",
}  # fmt: skip
