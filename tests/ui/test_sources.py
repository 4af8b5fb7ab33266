"""Multi-source briefings in the editor (issue 13): add sources by menu, by pasting and by drop,
edit and grade them, remove them, and save and reopen with everything kept.

Real extraction on short articles written here; every step is undone as the analyst would.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from .conftest import SAMPLE_ARTICLE
from .test_files import _drop

EXTRACT_TIMEOUT_MS = 120_000

FIRST = """Rebels seize river port of Kalmar

Rebel fighters seized the river port of Kalmar on Tuesday, the regional governor said.
About 60 rebels entered the town before dawn, according to residents.
"We will not negotiate with people who burn schools," the governor told reporters.
Government troops are likely to try to retake the port within weeks.
"""

SECOND = """Fighting for Kalmar port

Government forces said on Wednesday that 100 rebels were holding the port of Kalmar.
"We will not negotiate with people who burn schools," the governor said at a news conference.
Aid agencies warned that food supplies in the town could run out by the end of the month.
"""


@pytest.fixture
def articles(tmp_path: Path) -> tuple[Path, Path]:
    first, second = tmp_path / "kalmar-first.txt", tmp_path / "kalmar-second.txt"
    first.write_text(FIRST, "utf-8")
    second.write_text(SECOND, "utf-8")
    return first, second


def _wait(qtbot, window) -> None:
    qtbot.waitUntil(lambda: not window.busy, timeout=EXTRACT_TIMEOUT_MS)
    assert window.dialogs.errors == []


def _open_first(qtbot, window, path: Path) -> None:
    window.open_path(path)
    _wait(qtbot, window)
    assert len(window.doc.briefing.sources) == 1


def test_add_source_by_menu_is_one_undo_step(qtbot, window, articles) -> None:
    first, second = articles
    _open_first(qtbot, window, first)
    before = window.doc.briefing.model_copy(deep=True)
    window.dialogs.source_paths = [str(second)]
    window.add_source_action.trigger()  # File ▸ Add Source…
    assert window.busy
    _wait(qtbot, window)

    briefing = window.doc.briefing
    assert [s.file_name for s in briefing.sources] == ["kalmar-first.txt", "kalmar-second.txt"]
    assert window.doc.undo_stack.count() == 1
    assert window.doc.undo_stack.undoText().startswith("Add source kalmar-second.txt")
    # the added source is shown and chosen in the Sources tab
    assert window.source_view.source.id == briefing.sources[1].id
    assert window.sources_panel.current_id() == briefing.sources[1].id
    assert window.sources_panel.model.rowCount() == 2
    # items from both articles are in the cards
    ids = {sid for card in ("quotes", "forces") for it in getattr(briefing, card) for sid in it.source_ids}
    assert ids == {s.id for s in briefing.sources}

    window.doc.undo_stack.undo()
    assert window.doc.briefing == before
    assert window.sources_panel.model.rowCount() == 1
    window.doc.undo_stack.redo()
    assert len(window.doc.briefing.sources) == 2


def test_add_source_from_pasted_text_keeps_the_title(qtbot, window, articles) -> None:
    _open_first(qtbot, window, articles[0])
    window.dialogs.pasted_source = (SECOND, "Wire copy on Kalmar")
    window.add_pasted_source_action.trigger()
    _wait(qtbot, window)
    added = window.doc.briefing.sources[1]
    assert added.title == "Wire copy on Kalmar"
    assert added.date is None and added.outlet == ""  # pasted text: empty fields to fill
    window.dialogs.pasted_source = None  # the dialog cancelled: nothing happens
    window.add_pasted_source_action.trigger()
    assert not window.busy and len(window.doc.briefing.sources) == 2


def test_dropping_an_article_on_an_open_briefing_asks(qtbot, window, articles) -> None:
    first, second = articles
    _open_first(qtbot, window, first)
    window.dialogs.drop_action = "cancel"
    _drop(window, second)
    qtbot.waitUntil(lambda: window.dialogs.asked_drop == ["kalmar-second.txt"])
    assert not window.busy and len(window.doc.briefing.sources) == 1

    window.dialogs.drop_action = "source"
    _drop(window, second)
    qtbot.waitUntil(lambda: window.busy or len(window.doc.briefing.sources) == 2)
    _wait(qtbot, window)
    assert len(window.doc.briefing.sources) == 2

    window.dialogs.drop_action = "new"
    _drop(window, second)
    qtbot.waitUntil(lambda: len(window.dialogs.asked_drop) == 3)
    _wait(qtbot, window)
    assert [s.file_name for s in window.doc.briefing.sources] == ["kalmar-second.txt"]
    assert window.doc.undo_stack.count() == 0  # a new briefing: history starts afresh


def _two_sources(qtbot, window, articles) -> None:
    _open_first(qtbot, window, articles[0])
    window.dialogs.source_paths = [str(articles[1])]
    window.add_source_action.trigger()
    _wait(qtbot, window)
    assert len(window.doc.briefing.sources) == 2


def test_grade_and_metadata_edits_are_undoable_and_saved(
    qtbot, window, make_window, articles, tmp_path
) -> None:
    _two_sources(qtbot, window, articles)
    panel = window.sources_panel
    window.show_sources_action.trigger()  # View ▸ Sources (Ctrl+4)
    assert window.cards.currentWidget() is window.cards.details and panel.isVisible()
    panel.select(window.doc.briefing.sources[0].id)
    assert window.source_view.source.id == window.doc.briefing.sources[0].id  # chosen → shown
    form = panel.form
    form.fields["outlet"].setText("Kalmar Herald")
    form.fields["outlet"].editingFinished.emit()
    form.reliability.setCurrentIndex(form.reliability.findData("B"))
    form.reliability.activated.emit(form.reliability.currentIndex())
    form.credibility.setCurrentIndex(form.credibility.findData("2"))
    form.credibility.activated.emit(form.credibility.currentIndex())
    source = window.doc.briefing.sources[0]
    assert (source.outlet, source.reliability, source.credibility) == ("Kalmar Herald", "B", "2")
    assert panel.model.index(0, 4).data() == "B2"
    assert "Usually reliable" in panel.model.index(0, 4).data(Qt.ItemDataRole.ToolTipRole)  # the tooltip says what B2 means
    assert window.doc.undo_stack.undoText() == "Edit source credibility"

    form.fields["accessed"].setText("12 April")  # not a date: refused, nothing changes
    form.fields["accessed"].editingFinished.emit()
    assert window.doc.briefing.sources[0].accessed is None
    assert "YYYY-MM-DD" in window.statusBar().currentMessage()

    window.doc.undo_stack.undo()
    assert window.doc.briefing.sources[0].credibility == ""
    assert form.credibility.currentData() == ""  # the form follows the model
    window.doc.undo_stack.redo()

    target = tmp_path / "kalmar.briefing"
    window.dialogs.save_path = str(target)
    assert window.save()
    other = make_window()
    assert other.load_briefing(target)
    assert other.doc.briefing == window.doc.briefing
    assert other.sources_panel.model.index(0, 4).data() == "B2"


def test_a_published_date_entered_later_redates_that_source_in_one_step(qtbot, window, articles) -> None:
    _two_sources(qtbot, window, articles)
    first = window.doc.briefing.sources[0]
    assert not any(e.date_text.lower() == "on tuesday" for e in window.doc.briefing.timeline)
    steps = window.doc.undo_stack.count()
    panel = window.sources_panel
    panel.select(first.id)
    panel.form.fields["date"].setText("2024-03-14")
    panel.form.fields["date"].editingFinished.emit()
    assert window.doc.briefing.sources[0].date == dt.date(2024, 3, 14)  # at once; re-dating follows
    qtbot.waitUntil(
        lambda: any(e.date == "2024-03-12" for e in window.doc.briefing.timeline), timeout=EXTRACT_TIMEOUT_MS
    )
    assert window.doc.undo_stack.count() == steps + 1  # the date and the re-dated timeline: one step
    assert panel.model.index(0, 3).data() == "2024-03-14"

    window.doc.undo_stack.undo()
    assert window.doc.briefing.sources[0].date is None
    assert not any(e.date == "2024-03-12" for e in window.doc.briefing.timeline)
    window.doc.undo_stack.redo()
    assert any(e.date == "2024-03-12" for e in window.doc.briefing.timeline)


@pytest.mark.parametrize("choice", ["delete", "keep", "cancel"])
def test_remove_source_asks_about_items_only_it_supports(qtbot, window, articles, choice) -> None:
    _two_sources(qtbot, window, articles)
    before = window.doc.briefing.model_copy(deep=True)
    second = before.sources[1]
    only = [it.id for card in ("forces", "quotes", "outlook", "timeline", "places")
            for it in getattr(before, card) if it.source_ids == [second.id]]
    assert only  # the second article brings items of its own
    window.sources_panel.select(second.id)
    window.dialogs.orphans_choice = choice
    steps = window.doc.undo_stack.count()
    window.remove_source_action.trigger()
    assert window.dialogs.asked_orphans and window.dialogs.asked_orphans[0][1] == len(only)
    briefing = window.doc.briefing
    if choice == "cancel":
        assert briefing == before and window.doc.undo_stack.count() == steps
        return
    assert [s.id for s in briefing.sources] == [before.sources[0].id]
    remaining = {it.id for card in ("forces", "quotes", "outlook", "timeline", "places")
                 for it in getattr(briefing, card)}
    if choice == "delete":
        assert not remaining & set(only)
    else:  # kept as the analyst's own: still there, without evidence
        assert set(only) <= remaining
        kept = [it for card in ("forces", "quotes") for it in getattr(briefing, card) if it.id in only]
        assert all(it.evidence == [] for it in kept)
    assert window.doc.undo_stack.count() == steps + 1
    assert window.sources_panel.model.rowCount() == 1
    window.doc.undo_stack.undo()
    assert window.doc.briefing == before


def test_choosing_a_source_or_evidence_switches_the_source_pane(qtbot, window, articles) -> None:
    _open_first(qtbot, window, articles[0])
    window.dialogs.source_paths = [str(SAMPLE_ARTICLE)]
    window.add_source_action.trigger()
    _wait(qtbot, window)
    assert "Airbase 101" in window.source_view.toPlainText()
    assert window.source_title.text().startswith("Source [2]")  # the pane says which one
    window.sources_panel.select(window.doc.briefing.sources[0].id)
    assert "Kalmar" in window.source_view.toPlainText()
    assert window.source_title.text().startswith("Source [1]")
    # the evidence of an item from the first article switches the pane back to it
    quote = next(q for q in window.doc.briefing.quotes if q.source_ids == [window.doc.briefing.sources[0].id])
    window.source_view.set_source(window.doc.briefing.sources[1])
    window.cards.show_list("quotes")
    window.cards.tables["quotes"].select_item(quote.id)
    assert "Kalmar" in window.source_view.toPlainText()
    assert window.source_view.extraSelections()


def test_edits_made_while_a_source_is_extracted_are_kept(qtbot, window, articles) -> None:
    from ui.commands import SetDetail

    _open_first(qtbot, window, articles[0])
    window.dialogs.source_paths = [str(articles[1])]
    window.add_source_action.trigger()
    assert window.busy
    window.doc.push(SetDetail(window.doc, "title", "Kalmar port falls"))  # typed while spaCy works
    _wait(qtbot, window)
    assert window.doc.briefing.title == "Kalmar port falls"
    assert len(window.doc.briefing.sources) == 2
    assert window.doc.undo_stack.count() == 2


def test_several_articles_chosen_at_once_are_added_one_after_another(qtbot, window, articles, tmp_path) -> None:
    third = tmp_path / "kalmar-third.txt"
    third.write_text("Kalmar residents said on Thursday that the rebels had left the port.\n", "utf-8")
    _open_first(qtbot, window, articles[0])
    window.dialogs.source_paths = [str(articles[1]), str(third)]
    window.add_source_action.trigger()
    assert len(window._source_queue) == 1  # the second waits for the first
    qtbot.waitUntil(lambda: len(window.doc.briefing.sources) == 3, timeout=EXTRACT_TIMEOUT_MS)
    _wait(qtbot, window)
    assert window.doc.undo_stack.count() == 2  # one step per source
    assert window.sources_panel.model.rowCount() == 3
