"""briefing.redate: a published date entered later re-reads that source's relative dates."""

from __future__ import annotations

import datetime as dt

from briefing.extract import extract
from briefing.ingest import source_from_text
from briefing.model import Briefing, Source, Span, TimelineEvent
from briefing.redate import redate_source, replace_source_timeline

ARTICLE = """Rebels seize river port of Kalmar

Rebel fighters seized the river port of Kalmar on Tuesday, the regional governor said.
The army withdrew from the nearby town of Oster in March 2023.
"""


def test_entering_the_published_date_resolves_on_tuesday() -> None:
    briefing = extract(source_from_text(ARTICLE))
    source = briefing.sources[0]
    assert not any(e.date_text.lower() == "on tuesday" for e in briefing.timeline)  # no date: unresolved
    kept = next(e for e in briefing.timeline if e.date == "2023-03")
    kept_id = kept.id
    briefing.timeline[0].event = "Army leaves Oster (my wording)"
    source.date = dt.date(2024, 3, 14)  # a Thursday

    redated = redate_source(briefing, source.id)

    tuesday = next(e for e in redated.timeline if e.date_text.lower() == "on tuesday")
    assert tuesday.date == "2024-03-12"
    assert tuesday.source_ids == [source.id]
    # the same words as before: the same item, with the analyst's wording kept
    march = next(e for e in redated.timeline if e.date == "2023-03")
    assert march.id == kept_id and march.event == "Army leaves Oster (my wording)"
    assert [e.date for e in redated.timeline] == sorted(e.date for e in redated.timeline)
    assert briefing.source(source.id).date == dt.date(2024, 3, 14)  # the input is left as it was
    assert not any(e.date_text.lower() == "on tuesday" for e in briefing.timeline)


def test_only_the_sources_own_items_are_replaced() -> None:
    first = Source(text="The bridge was blown up on Monday. Talks began in May 2022.")
    second = Source(text="Talks began in May 2022, officials said.")
    both = TimelineEvent(
        date="2022-05",
        event="Talks begin",
        evidence=[Span(source_id=first.id, start=35, end=58), Span(source_id=second.id, start=0, end=22)],
    )
    own = TimelineEvent(date="", event="Bridge blown up", evidence=[Span(source_id=first.id, start=0, end=33)])
    other = TimelineEvent(date="2021", event="Hand-written", evidence=[])
    briefing = Briefing(sources=[first, second], timeline=[other, own, both])
    fresh = [TimelineEvent(date="2024-01-08", event="Bridge", evidence=[Span(source_id=first.id, start=0, end=33)])]

    result = replace_source_timeline(briefing, first.id, fresh)

    assert [e.event for e in result.timeline] == ["Hand-written", "Bridge blown up", "Talks begin"]
    assert result.timeline[1].id == own.id and result.timeline[1].date == "2024-01-08"
    assert result.timeline[2] == both  # supported by the second source too: untouched
