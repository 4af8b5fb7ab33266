"""briefing.conflicts: the analyst's answer to a conflict is recorded on a copy of the item."""

from __future__ import annotations

import pytest

from briefing.conflict_resolution import resolve_conflict
from briefing.model import Conflict, ConflictValue, Force, Quote


def _force() -> Force:
    return Force(
        actor="rebels",
        strength=60,
        qualifier="about",
        conflicts=[
            Conflict(
                field="strength",
                values=[ConflictValue(value="about 60", source_ids=["a"]), ConflictValue(value="100", source_ids=["b"])],
            )
        ],
    )


def test_picking_a_value_sets_the_field_and_keeps_the_conflict() -> None:
    force = _force()
    settled = resolve_conflict(force, force.conflicts[0].id, "picked", "100")
    assert settled.strength == 100 and settled.conflicts[0].resolution == "picked"
    assert len(settled.conflicts[0].values) == 2  # the disagreement stays on record
    assert force.strength == 60 and force.conflicts[0].is_open  # the original is untouched


def test_keeping_both_leaves_the_field_and_own_takes_the_analysts_words() -> None:
    force = _force()
    both = resolve_conflict(force, force.conflicts[0].id, "both")
    assert both.strength == 60 and both.conflicts[0].resolution == "both"
    own = resolve_conflict(force, force.conflicts[0].id, "own", "between 1,200 and 1,500")
    assert own.strength == 1200 and own.conflicts[0].resolution == "own"
    with pytest.raises(ValueError, match="no whole number"):
        resolve_conflict(force, force.conflicts[0].id, "own", "a few dozen")


def test_a_text_field_takes_the_value_as_written() -> None:
    quote = Quote(
        text="We will not negotiate",
        speaker="the governor",
        conflicts=[Conflict(field="speaker", values=[ConflictValue(value="the governor"), ConflictValue(value="a spokesman")])],
    )
    settled = resolve_conflict(quote, quote.conflicts[0].id, "picked", "a  spokesman")
    assert settled.speaker == "a spokesman"
