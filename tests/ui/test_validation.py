"""Cells refuse values the briefing cannot hold, with a message in the status bar; nothing changes."""

from __future__ import annotations

import pytest

from ui.cards.specs import SPECS


def _column(list_name: str, field: str) -> int:
    return next(i for i, c in enumerate(SPECS[list_name].columns) if c.field == field)


@pytest.mark.parametrize(
    ("list_name", "field", "value", "message"),
    [
        ("timeline", "date", "2024-13-01", "no month 13"),
        ("timeline", "date", "2024-02-30", "that day does not exist"),
        ("timeline", "date", "yesterday", "is not YYYY"),
        ("places", "lat", "95", "less than or equal to 90"),
        ("places", "lon", "-181", "greater than or equal to -180"),
        ("places", "country_code", "Niger", "not two letters"),
        ("quotes", "text", "   ", "cannot be empty"),
        ("outlook", "statement", "", "cannot be empty"),
    ],
)
def test_an_invalid_cell_is_refused_with_a_message(window, sample_file, list_name, field, value, message) -> None:
    window.load_briefing(sample_file)
    table = window.cards.tables[list_name]
    before = window.doc.briefing.model_dump_json()
    index = table.model.index(0, _column(list_name, field))
    assert not table.model.setData(index, value)
    assert message in window.statusBar().currentMessage()
    assert window.doc.briefing.model_dump_json() == before


def test_good_values_are_taken_and_normalised(window, sample_file) -> None:
    window.load_briefing(sample_file)
    places = window.cards.tables["places"]
    assert places.model.setData(places.model.index(0, _column("places", "country_code")), " fr ")
    assert window.doc.briefing.places[0].country_code == "FR"
    timeline = window.cards.tables["timeline"]
    assert timeline.model.setData(timeline.model.index(0, _column("timeline", "date")), "2024-02-29")
    assert window.doc.briefing.timeline[0].date == "2024-02-29"


def test_a_header_click_sorts_the_card_as_one_undo_step(window, sample_file) -> None:
    window.load_briefing(sample_file)
    table = window.cards.tables["forces"]
    before = [f.id for f in window.doc.briefing.forces]
    col = _column("forces", "actor")
    table.view.horizontalHeader().sectionClicked.emit(col)
    actors = [f.actor.casefold() for f in window.doc.briefing.forces]
    assert actors == sorted(actors)
    table.view.horizontalHeader().sectionClicked.emit(col)  # again: the other way
    assert [f.actor.casefold() for f in window.doc.briefing.forces] == sorted(actors, reverse=True)
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert [f.id for f in window.doc.briefing.forces] == before


def test_the_filter_hides_rows_without_the_words_and_keeps_them(window, sample_file) -> None:
    window.load_briefing(sample_file)
    table = window.cards.tables["forces"]
    word = window.doc.briefing.forces[0].actor
    table.filter.setText(word.lower())
    shown = [row for row in range(table.model.rowCount()) if not table.view.isRowHidden(row)]
    assert shown and all(word.casefold() in window.doc.briefing.forces[r].model_dump_json().casefold() for r in shown)
    assert len(window.doc.briefing.forces) == table.model.rowCount()  # hidden, not removed
    table.filter.clear()
    assert not any(table.view.isRowHidden(row) for row in range(table.model.rowCount()))
