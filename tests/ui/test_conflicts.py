"""Support and conflicts in the cards (issue 13): the Sources column, the merged sentences per
source, Split by Source, and settling a conflict (pick, keep both, write own), each undoable and
saved.  The multi-source briefing is built by hand: today's merge only appends."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from briefing import storage
from briefing.model import Briefing, Conflict, ConflictValue, Force, Quote, Source, Span

HERALD = (
    "About 60 rebels entered the river port of Kalmar before dawn on Tuesday, residents said. "
    "The governor said the town would be retaken."
)
WIRE = (
    "Government forces said 100 rebels were holding the port of Kalmar. "
    "Aid agencies warned that food could run out."
)
RADIO = "Rebels raised their flag over the Kalmar port office, a local radio station reported."


def _span(source: Source, words: str) -> Span:
    start = source.text.index(words)
    return Span(source_id=source.id, start=start, end=start + len(words))


def _briefing() -> Briefing:
    herald = Source(text=HERALD, title="Rebels take Kalmar", outlet="Kalmar Herald")
    wire = Source(text=WIRE, title="100 rebels hold port", outlet="Wire Agency")
    radio = Source(text=RADIO, title="Flag over port", outlet="Radio Kalmar")
    rebels = Force(
        actor="rebels",
        strength=60,
        qualifier="about",
        location="Kalmar",
        evidence=[_span(herald, "About 60 rebels"), _span(wire, "100 rebels")],
        conflicts=[
            Conflict(
                field="strength",
                values=[
                    ConflictValue(value="about 60", source_ids=[herald.id], evidence=[_span(herald, "About 60 rebels")]),
                    ConflictValue(value="100", source_ids=[wire.id], evidence=[_span(wire, "100 rebels")]),
                ],
            )
        ],
    )
    agencies = Force(actor="aid agencies", evidence=[_span(wire, "Aid agencies")])
    quote = Quote(
        text="the town would be retaken", speaker="the governor", kind="indirect",
        evidence=[_span(herald, "the town would be retaken")],
    )
    return Briefing(title="Kalmar", sources=[herald, wire, radio], forces=[rebels, agencies], quotes=[quote])


@pytest.fixture
def kalmar(window, tmp_path: Path):
    path = tmp_path / "kalmar.briefing"
    storage.save(_briefing(), path, touch=False)
    assert window.load_briefing(path)
    window.cards.show_list("forces")
    table = window.cards.tables["forces"]
    table.select_item(window.doc.briefing.forces[0].id)
    return table


def test_the_sources_column_shows_support_only_with_several_sources(window, kalmar, sample_file) -> None:
    model = kalmar.model
    assert model.support_column == len(model.spec.columns)
    assert model.headerData(model.support_column, Qt.Orientation.Horizontal) == "Sources"
    assert model.index(0, model.support_column).data() == "2/3 [1][2]"
    assert model.index(1, model.support_column).data() == "1/3 [2]"
    assert "2 of 3 sources" in model.index(0, model.support_column).data(Qt.ItemDataRole.ToolTipRole)
    assert "Single source" in model.index(1, model.support_column).data(Qt.ItemDataRole.ToolTipRole)
    window.load_briefing(sample_file)  # one source: the table keeps its one-source look
    assert kalmar.model.support_column == -1
    assert kalmar.model.columnCount() == len(kalmar.model.spec.columns)


def test_an_open_conflict_is_marked_in_the_table(kalmar) -> None:
    model = kalmar.model
    strength = next(c for c, col in enumerate(model.spec.columns) if col.field == "strength")
    assert model.index(0, strength).data(Qt.ItemDataRole.BackgroundRole) is not None
    tip = model.index(0, strength).data(Qt.ItemDataRole.ToolTipRole)
    assert "Sources disagree on strength" in tip and "“about 60” [1]" in tip and "“100” [2]" in tip
    assert "⚠" in model.headerData(0, Qt.Orientation.Vertical)
    assert model.index(1, strength).data(Qt.ItemDataRole.BackgroundRole) is None
    assert model.headerData(1, Qt.Orientation.Vertical) == "2"


def test_merged_sentences_per_source_switch_the_source_pane(window, kalmar) -> None:
    detail = kalmar.detail
    assert detail.support.isVisibleTo(detail)
    assert "2 of 3 sources" in detail.support.summary.text()
    rows = [detail.support.list.item(i).text() for i in range(detail.support.list.count())]
    assert rows[0].startswith("[1] Kalmar Herald: About 60 rebels entered")
    assert rows[1].startswith("[2] Wire Agency: Government forces said 100 rebels")
    window.source_view.set_source(window.doc.briefing.sources[0])
    detail.support.list.itemClicked.emit(detail.support.list.item(1))
    assert window.source_view.source.id == window.doc.briefing.sources[1].id
    assert window.source_view.extraSelections()[0].cursor.selectedText() == "100 rebels"


def test_split_by_source_is_undoable(window, kalmar) -> None:
    before = window.doc.briefing.model_copy(deep=True)
    kalmar.detail.support.split_button.click()
    forces = window.doc.briefing.forces
    assert len(forces) == 3 and [f.source_ids for f in forces[:2]] == [
        [before.sources[0].id], [before.sources[1].id]
    ]
    assert window.doc.undo_stack.undoText() == "Split force by source"
    window.doc.undo_stack.undo()
    assert window.doc.briefing == before


def _buttons(detail, text: str):
    from PySide6.QtWidgets import QPushButton

    return [b for b in detail.conflicts.findChildren(QPushButton) if b.text() == text and b.isVisibleTo(detail)]


def test_settle_a_conflict_each_way_undo_and_save(qtbot, window, make_window, kalmar, tmp_path) -> None:
    detail = kalmar.detail
    assert detail.conflicts.isVisibleTo(detail)
    assert detail.conflicts.boxes[0].title() == "⚠ Sources disagree on strength"

    _buttons(detail, "Use This")[1].click()  # the wire's 100
    force = window.doc.briefing.forces[0]
    assert force.strength == 100 and force.conflicts[0].resolution == "picked"
    assert window.doc.undo_stack.undoText() == "Pick a source's value for force"
    strength = next(c for c, col in enumerate(kalmar.model.spec.columns) if col.field == "strength")
    assert kalmar.model.index(0, strength).data() == "100"
    assert kalmar.model.index(0, strength).data(Qt.ItemDataRole.BackgroundRole) is None  # settled
    qtbot.waitUntil(lambda: detail.conflicts.boxes and "settled" in detail.conflicts.boxes[0].title())
    assert _buttons(detail, "Use This")[1].isChecked()

    window.doc.undo_stack.undo()
    assert window.doc.briefing.forces[0].strength == 60
    assert window.doc.briefing.forces[0].conflicts[0].is_open

    _buttons(detail, "Keep Both")[0].click()
    assert window.doc.briefing.forces[0].conflicts[0].resolution == "both"
    assert window.doc.briefing.forces[0].strength == 60
    window.doc.undo_stack.undo()

    window.dialogs.own_value = None  # cancelled: nothing changes
    _buttons(detail, "Write My Own…")[0].click()
    assert window.doc.briefing.forces[0].conflicts[0].is_open
    window.dialogs.own_value = "80"
    _buttons(detail, "Write My Own…")[0].click()
    force = window.doc.briefing.forces[0]
    assert force.strength == 80 and force.conflicts[0].resolution == "own"
    assert [v.value for v in force.conflicts[0].values] == ["about 60", "100"]  # kept on record

    target = tmp_path / "settled.briefing"
    window.dialogs.save_path = str(target)
    assert window.save_as()
    other = make_window()
    assert other.load_briefing(target), other.dialogs.errors
    assert other.doc.briefing == window.doc.briefing
    assert other.doc.briefing.forces[0].conflicts[0].resolution == "own"
