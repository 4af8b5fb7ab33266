"""Timeline card: one dated event per sentence that names a date, relative dates resolved.

The article's own publication date (the ``date YYYY-MM-DD`` header) is metadata, not an event;
"in recent days" resolves to the article's month.  Events are sorted by date, stable.
"""

from __future__ import annotations

import re

from ..model import Source, Span, TimelineEvent
from .dates import find_dates
from .nlp import sentences

MAX_EVENT_WORDS = 30
_LEAD_IN = re.compile(r"^(?:However|But|And|Meanwhile|Still|Also|Yet|Instead|Since then),?\s+", re.I)
_ATTRIBUTION_TAIL = re.compile(
    r",\s*(?:the |a |an )?[\w .’'-]{2,60}?\s(?:said|says|told [\w .’'-]+|reported|added)\.?$"
)


def _event_text(sentence: str) -> str:
    s = _LEAD_IN.sub("", sentence.strip().strip('“”"'))
    s = _ATTRIBUTION_TAIL.sub("", s).rstrip(" .")
    words = s.split()
    if len(words) > MAX_EVENT_WORDS:
        s = " ".join(words[:MAX_EVENT_WORDS]).rstrip(",;:") + "…"
    return s[:1].upper() + s[1:]


def extract_timeline(doc, source: Source) -> list[TimelineEvent]:
    text = source.text
    events: list[TimelineEvent] = []
    for sent in sentences(text):
        body = text[sent.start : sent.end]
        hits = find_dates(body, source.date)
        if not hits:
            continue
        start, end, iso = hits[0]
        events.append(
            TimelineEvent(
                date=iso,
                date_text=body[start:end],
                event=_event_text(body),
                evidence=[Span(source_id=source.id, start=sent.start, end=sent.end)],
            )
        )
    return sorted(events, key=lambda e: e.date)
