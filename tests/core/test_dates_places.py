"""Relative dates against the article date, the gazetteer, and the timeline and places cards."""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.extract.dates import find_dates, resolve
from briefing.extract.gazetteer import country_for, place_kind
from briefing.model import Briefing

REF = dt.date(2024, 5, 3)  # a Friday


@pytest.mark.parametrize(
    ("phrase", "iso"),
    [
        ("July last year", "2023-07"),
        ("last year", "2023"),
        ("in March", "2024-03"),
        ("in November", "2023-11"),  # a month after the article's month is last year's
        ("mid-March", "2024-03"),
        ("since 2018", "2018"),
        ("in 2018", "2018"),
        ("on Monday", "2024-04-29"),
        ("on Friday", "2024-05-03"),
        ("yesterday", "2024-05-02"),
        ("in recent days", "2024-05"),
        ("last week", "2024-04-22"),
        ("earlier this month", "2024-05"),
        ("next month", "2024-06"),
        ("next year", "2025"),
        ("May 3", "2024-05-03"),
        ("3 May 2024", "2024-05-03"),
        ("May 3, 2024", "2024-05-03"),
        ("Nov. 19", "2023-11-19"),
        ("2024-05-03", "2024-05-03"),
        ("two years ago", "2022"),
    ],
)
def test_relative_dates_resolve_against_the_article_date(phrase: str, iso: str) -> None:
    assert resolve(phrase, REF) == iso


def test_relative_dates_need_an_article_date_and_odd_text_is_harmless() -> None:
    assert resolve("in July", None) is None
    assert resolve("since 2018", None) == "2018"
    # an impossible day keeps what is real: the month
    assert [iso for _, _, iso in find_dates("🚀 30 February 2024 and 99 Smarch", REF)] == ["2024-02"]
    assert resolve("", REF) is None


@pytest.mark.parametrize(
    ("word", "country"),
    [("US", "United States"), ("U.S.", "United States"), ("American", "United States"),
     ("Washington", "United States"), ("Moscow’s", "Russia"), ("Russian", "Russia"), ("Nigerien", "Niger"),
     ("Nigerian", "Nigeria"), ("Britain", "United Kingdom"), ("Burkinabe", "Burkina Faso"), ("us", None),
     ("Reuters", None)],
)
def test_country_normalisation(word: str, country: str | None) -> None:
    assert country_for(word) == country


def test_place_kinds_and_coordinates() -> None:
    assert place_kind("Mali")[0] == "country"
    kind, cc, lat, lon = place_kind("Niamey")
    assert (kind, cc) == ("city", "NE") and abs(lat - 13.5) < 0.2 and abs(lon - 2.1) < 0.2
    assert place_kind("Airbase 201")[0] == "base"
    assert place_kind("Sahel")[0] == "region"
    assert place_kind("Reading") is None  # an English word before it is a town


def test_sample_timeline_and_places(sample_briefing: Briefing) -> None:
    text = sample_briefing.sources[0].text
    dates = {(t.date, t.date_text) for t in sample_briefing.timeline}
    assert ("2023-07", "July last year") in dates
    assert ("2024-03", "in March") in dates
    assert ("2024-03", "mid-March") in dates
    assert [t.date for t in sample_briefing.timeline] == sorted(t.date for t in sample_briefing.timeline)
    places = {p.name: p for p in sample_briefing.places}
    for name, kind in [("Niger", "country"), ("Niamey", "city"), ("Agadez", "city"), ("Airbase 101", "base"),
                       ("Airbase 201", "base"), ("Mali", "country"), ("Chad", "country"),
                       ("Burkina Faso", "country"), ("Germany", "country")]:
        assert places[name].kind == kind, name
    for place in sample_briefing.places:
        for span in place.evidence:
            assert text[span.start : span.end].strip()
    assert "Nigerien" not in places  # a demonym names an actor, not a place
