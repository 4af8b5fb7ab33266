"""The editor's extraction child process: same result as in-process, cancellable, restartable."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.errors import ExtractCancelled
from briefing.extract import extract
from briefing.extract_process import ExtractorProcess
from briefing.ingest import load_article, source_from_text

SAMPLE = Path(__file__).resolve().parents[2] / "assets" / "samples" / "niger-airbase-101.txt"


@pytest.fixture(scope="module")
def extractor():
    proc = ExtractorProcess()
    yield proc
    proc.close()


def test_child_gives_the_in_process_result(extractor: ExtractorProcess) -> None:
    source = load_article(SAMPLE)
    shares: list[float] = []
    in_child = extractor.extract(source, progress=shares.append)
    here = extract(source)
    assert [q.text for q in in_child.quotes] == [q.text for q in here.quotes]
    assert [(f.actor, f.strength) for f in in_child.forces] == [(f.actor, f.strength) for f in here.forces]
    assert in_child.situation.bluf == here.situation.bluf
    assert in_child.sources[0].id == source.id  # evidence spans still point at the caller's source
    real = [s for s in shares if s >= 0]
    assert real and max(real) == pytest.approx(1.0)


def test_cancel_kills_the_child_and_the_next_call_starts_a_new_one(extractor: ExtractorProcess) -> None:
    source = load_article(SAMPLE)

    def cancel(_share: float) -> None:
        raise ExtractCancelled("cancelled")

    with pytest.raises(ExtractCancelled):
        extractor.extract(source, progress=cancel)
    assert extractor._process is None
    text = "Troops arrived in Gao on Monday, officials said. “We are ready,” General Diallo said."
    again = extractor.extract(source_from_text(text))
    assert again.sources[0].text == text


def test_child_rereads_one_sources_timeline_like_redate(extractor: ExtractorProcess) -> None:
    import datetime as dt

    from briefing.redate import source_timeline

    text = "Gunmen attacked a convoy near Gao on Friday, the army said. The mission left Kidal in May 2021."
    source = source_from_text(text)
    source.date = dt.date(2024, 6, 19)  # a Wednesday: "on Friday" is 14 June
    shares: list[float] = []
    in_child = extractor.source_timeline(source, progress=shares.append)
    def strip(events):  # ids are fresh per reading
        return [e.model_dump(exclude={"id"}) for e in events]

    assert strip(in_child) == strip(source_timeline(source))
    assert any(e.date == "2024-06-14" for e in in_child)
    assert max(s for s in shares if s >= 0) == pytest.approx(1.0)
