"""A template or an import may raise a briefing's handling marking, never lower it unasked."""

from __future__ import annotations

import pytest

from briefing.markings import lowers, marking_level


@pytest.mark.parametrize(
    ("current", "proposed", "lower"),
    [
        ("TLP:AMBER+STRICT", "TLP:GREEN", True),
        ("TLP:GREEN", "TLP:AMBER", False),
        ("tlp:amber", "TLP:AMBER", False),
        ("TLP:RED", "TLP:CLEAR", True),
        ("SECRET//NOFORN", "UNCLASSIFIED", True),
        ("UNCLASSIFIED // FOR OFFICIAL USE ONLY", "TOP SECRET", False),
        ("TOP SECRET", "SECRET", True),
        ("TLP:AMBER", "UNCLASSIFIED", True),  # another scheme: ask
        ("Company confidential", "Company internal", True),  # cannot rank the second: ask
    ],
)
def test_lowering_is_detected(current: str, proposed: str, lower: bool) -> None:
    assert lowers(current, proposed) is lower


def test_levels() -> None:
    assert marking_level("TLP:CLEAR") == ("tlp", 0)
    assert marking_level("TOP SECRET//SI") == ("classification", 6)
    assert marking_level("Internal memo") is None
