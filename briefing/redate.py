"""Re-read one source's dates after its publication date is known.

Relative dates ("on Friday", "last month") are resolved against ``Source.date`` when the
timeline is extracted.  Pasted text has no date, so its relative dates stay unresolved or are
guessed; once the analyst enters the published date, :func:`redate_source` runs the timeline
extraction again for that source alone and puts the new events in place of that source's own.

Items that other sources support too are kept as they are: their date was settled by the merge
(or by the analyst), and one source's new reading must not undo that.  An event read from the
same words as before keeps its id and its event text (the analyst may have edited it); only its
date and date text are read again.
"""

from __future__ import annotations

from collections.abc import Callable

from .errors import BriefingError
from .model import Briefing, Source, TimelineEvent


def source_timeline(source: Source, progress: Callable[[float], None] | None = None) -> list[TimelineEvent]:
    """The timeline events of ``source`` alone, dated against its ``date`` (spaCy: run off the GUI)."""
    from .extract import parse_source
    from .extract.timeline import extract_timeline

    doc = parse_source(source, progress=(lambda done: progress(done * 0.9)) if progress else None)
    events = extract_timeline(doc, source)
    if progress is not None:
        progress(1.0)
    return events


def replace_source_timeline(briefing: Briefing, source_id: str, events: list[TimelineEvent]) -> Briefing:
    """``briefing`` with the timeline items only ``source_id`` supports replaced by ``events``.

    The new events take the place of the first old one (or go at the end), oldest first; an
    event whose evidence is the same words as an old one keeps that one's id and event text.
    """
    if briefing.source(source_id) is None:
        raise BriefingError(f"no source {source_id} in this briefing")
    result = briefing.model_copy(deep=True)
    own = [e for e in result.timeline if e.source_ids == [source_id]]
    by_words = {tuple((s.start, s.end) for s in e.evidence): e for e in own}
    fresh: list[TimelineEvent] = []
    for event in events:
        event = event.model_copy(deep=True)
        old = by_words.get(tuple((s.start, s.end) for s in event.evidence))
        if old is not None:
            event.id, event.event = old.id, old.event
        fresh.append(event)
    fresh.sort(key=lambda e: e.date)
    own_ids = {e.id for e in own}
    at = next((i for i, e in enumerate(result.timeline) if e.id in own_ids), len(result.timeline))
    kept = [e for e in result.timeline if e.id not in own_ids]
    before = sum(1 for e in result.timeline[:at] if e.id not in own_ids)
    result.timeline = kept[:before] + fresh + kept[before:]
    return result


def redate_source(
    briefing: Briefing, source_id: str, progress: Callable[[float], None] | None = None
) -> Briefing:
    """``briefing`` with ``source_id``'s own timeline read again against its current date."""
    source = briefing.source(source_id)
    if source is None:
        raise BriefingError(f"no source {source_id} in this briefing")
    return replace_source_timeline(briefing, source_id, source_timeline(source, progress))
