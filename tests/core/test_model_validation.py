"""The model refuses values no briefing can hold: impossible dates, coordinates off the globe,
country names where an ISO code belongs, and a template given as a path."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from briefing.model import Briefing, Place, TimelineEvent


@pytest.mark.parametrize("date", ["2024-13-01", "2024-00", "2024-02-30", "2023-02-29", "24-01-01"])
def test_impossible_dates_are_refused(date: str) -> None:
    with pytest.raises(ValidationError):
        TimelineEvent(date=date)


@pytest.mark.parametrize("date", ["2024", "2024-12", "2024-02-29", ""])
def test_partial_and_leap_dates_are_taken(date: str) -> None:
    assert TimelineEvent(date=date).date == date


@pytest.mark.parametrize(("field", "value"), [("lat", 95), ("lat", -90.5), ("lon", 180.1), ("lon", -200)])
def test_coordinates_off_the_globe_are_refused(field: str, value: float) -> None:
    with pytest.raises(ValidationError):
        Place(**{field: value})


def test_country_codes_are_two_letters_upper_cased() -> None:
    assert Place(country_code=" ne ").country_code == "NE"
    with pytest.raises(ValidationError, match="not two letters"):
        Place(country_code="Niger")


def test_a_template_path_falls_back_to_the_default_name() -> None:
    assert Briefing(template="/etc").template == "intelligence-brief"
    assert Briefing(template="../x").template == "intelligence-brief"
    assert Briefing(template="sitrep").template == "sitrep"
