"""Any text at all gives a valid briefing (or a clear IngestError), never a crash.

Time bounds for odd inputs live in bench/extract.py, not here.
"""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.errors import IngestError
from briefing.extract import extract, to_json
from briefing.ingest import source_from_text
from briefing.model import Briefing

# Text built from the pieces that trip extractors: quote marks, numbers, force words, RTL, emoji.
pieces = st.sampled_from(
    [
        "“",
        "”",
        "‘",
        "’",
        '"',
        "'",
        "«",
        "»",
        " said ",
        " he said.",
        "Russian troops",
        " about 60 ",
        "nearly 1,000",
        " will ",
        " could ",
        "\n",
        "\n\n",
        ". ",
        "Mr.",
        "U.S.",
        "🚀",
        "قالت",
        "שלום",
        "—",
        "Niger",
        "Airbase 101",
        "July last year",
        "date 2024-05-03 ",
        "Taliban",
        "police",
    ]
)
articles = st.lists(st.one_of(pieces, st.text(max_size=12)), max_size=40).map("".join)


def _check(b: Briefing) -> None:
    text = b.sources[0].text
    for card in ("forces", "quotes", "outlook", "timeline", "places"):
        for item in getattr(b, card):
            for span in item.evidence:
                assert 0 <= span.start <= span.end <= len(text)
    assert len(b.situation.bluf.split()) <= 50
    assert Briefing.model_validate(b.model_dump()) == b
    assert to_json(b)["source"]["text"] == text


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=articles)
def test_any_text_gives_a_valid_briefing_or_a_clear_refusal(text: str) -> None:
    try:
        src = source_from_text(text)
    except IngestError:
        return
    _check(extract(src))


@pytest.mark.parametrize(
    "text",
    [
        "Niger",
        "🚀🔥🪖🎉",
        "قالت الحكومة إن القوات ستنسحب غدا",
        "troops moved north and the minister said they would return next year and then they did not",
        "“He said ‘we will go and “they will not” stay",
        "a" * 5000,
        ("Some 300 soldiers were deployed to the city. “We will stay,” he said.\n\n" * 2000),
    ],
)
def test_odd_inputs(text: str) -> None:
    _check(extract(source_from_text(text)))
