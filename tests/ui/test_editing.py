"""Editing cards in place: every change goes through the undo stack."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from briefing.model import LIKELIHOODS, TLP_LABELS


def _edit_cell(qtbot, table, row: int, field: str):
    """Open the view's editor on a cell, as a double-click would, and return the editor widget."""
    col = [c.field for c in table.spec.columns].index(field)
    index = table.model.index(row, col)
    table.view.setCurrentIndex(index)
    table.view.edit(index)
    qtbot.waitUntil(
        lambda: QApplication.focusWidget() is not None and QApplication.focusWidget() is not table.view
    )
    return QApplication.focusWidget(), index


def test_open_sample_shows_every_card(window, sample, sample_file) -> None:
    assert window.load_briefing(sample_file)
    assert window.doc.briefing == sample
    assert window.source_view.toPlainText() == sample.sources[0].text
    for name in ("forces", "quotes", "outlook", "timeline", "places", "key_facts"):
        assert window.cards.tables[name].model.rowCount() == len(window.doc.items(name))
    window.resize(1600, 900)  # room for every tab's count (a narrow window moves them to the tooltips)
    assert window.cards.tabText(window.cards.indexOf(window.cards.tables["forces"])) == "Forces 3"
    assert window.cards.situation.bluf.toPlainText() == sample.situation.bluf
    assert window.cards.details.title.text() == sample.title
    assert window.cards.details.marking.currentText() == "TLP:AMBER"
    assert window.windowTitle() == f"niger.briefing[*] — {window.doc.briefing.marking} — Briefing Builder"
    assert not window.isWindowModified()


def test_edit_quote_speaker_in_the_view_then_undo_and_redo(qtbot, window, sample_file) -> None:
    window.load_briefing(sample_file)
    window.cards.show_list("quotes")
    table = window.cards.tables["quotes"]
    editor, index = _edit_cell(qtbot, table, 0, "speaker")
    assert isinstance(editor, QLineEdit)
    assert editor.text() == "senior US defence official"
    editor.selectAll()
    qtbot.keyClicks(editor, "Pentagon spokesperson")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # the delegate commits through a queued call
    qtbot.waitUntil(lambda: window.doc.briefing.quotes[0].speaker == "Pentagon spokesperson")
    assert index.data() == "Pentagon spokesperson"
    assert window.isWindowModified()
    assert window.undo_action.isEnabled()
    assert window.doc.undo_stack.count() == 1

    window.undo_action.trigger()
    assert window.doc.briefing.quotes[0].speaker == "senior US defence official"
    assert table.model.index(0, index.column()).data() == "senior US defence official"
    assert not window.isWindowModified()

    window.redo_action.trigger()
    assert window.doc.briefing.quotes[0].speaker == "Pentagon spokesperson"
    assert window.isWindowModified()


def test_undo_shortcut_undoes_through_the_stack(qtbot, window, sample_file) -> None:
    window.load_briefing(sample_file)
    table = window.cards.tables["quotes"]
    table.model.setData(table.model.index(0, 1), "Someone else")
    window.cards.show_list("quotes")
    table.view.setFocus()
    qtbot.keyClick(table.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.briefing.quotes[0].speaker == "senior US defence official"


def test_likelihood_picker_offers_the_icd203_words(qtbot, window, sample_file) -> None:
    window.load_briefing(sample_file)
    window.cards.show_list("outlook")
    table = window.cards.tables["outlook"]
    editor, _index = _edit_cell(qtbot, table, 0, "likelihood")
    assert isinstance(editor, QComboBox)
    words = [editor.itemText(i) for i in range(editor.count())]
    assert words[1:] == list(LIKELIHOODS)
    editor.setCurrentIndex(editor.findText("almost certain"))
    editor.activated.emit(editor.currentIndex())
    assert window.doc.briefing.outlook[0].likelihood == "almost certain"
    window.undo_action.trigger()
    assert window.doc.briefing.outlook[0].likelihood == "likely"


def test_bad_number_is_refused_with_a_message(window, sample_file) -> None:
    window.load_briefing(sample_file)
    table = window.cards.tables["forces"]
    assert not table.model.setData(table.model.index(0, 1), "a thousand")
    assert window.doc.briefing.forces[0].strength == 1000
    assert "not a whole number" in window.statusBar().currentMessage()
    assert table.model.setData(table.model.index(0, 1), "1,200")
    assert window.doc.briefing.forces[0].strength == 1200
    assert table.model.setData(table.model.index(0, 1), "")
    assert window.doc.briefing.forces[0].strength is None


def _actors(window) -> list[str]:
    return [f.actor for f in window.doc.briefing.forces]


def test_add_delete_and_reorder_forces(qtbot, window, sample_file) -> None:
    window.load_briefing(sample_file)
    window.cards.show_list("forces")
    table = window.cards.tables["forces"]
    view = table.view

    # Add (button/action): a new empty force after the current row, opened for editing.
    view.setCurrentIndex(table.model.index(0, 0))
    table.add_action.trigger()
    qtbot.keyClicks(QApplication.focusWidget(), "Wagner")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _actors(window) == ["US", "Wagner", "Russia", "ISIL"])
    assert window.doc.undo_stack.count() == 2  # add, then the typed actor

    # Move down with the keyboard (Ctrl+Down) and up with the action.
    view.setFocus()
    table.select_item(window.doc.briefing.forces[1].id)
    qtbot.keyClick(view, Qt.Key.Key_Down, Qt.KeyboardModifier.ControlModifier)
    assert _actors(window) == ["US", "Russia", "Wagner", "ISIL"]
    assert table.current_id() == window.doc.briefing.forces[2].id  # selection follows the item
    table.up_action.trigger()
    assert _actors(window) == ["US", "Wagner", "Russia", "ISIL"]

    # Drag: the view drops our MIME data on the model; move "ISIL" above "US".
    mime = table.model.mimeData([table.model.index(3, 0)])
    assert table.model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, table.model.index(-1, -1))
    assert _actors(window) == ["ISIL", "US", "Wagner", "Russia"]

    # Duplicate (Ctrl+D) and delete (Del).
    table.select_item(window.doc.briefing.forces[1].id)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert _actors(window) == ["ISIL", "US", "US", "Wagner", "Russia"]
    assert window.doc.briefing.forces[1].id != window.doc.briefing.forces[2].id
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    qtbot.keyClick(view, Qt.Key.Key_Delete)
    assert _actors(window) == ["ISIL", "US", "Russia"]

    # Every step is undoable, back to the file as opened.
    while window.doc.undo_stack.canUndo():
        window.undo_action.trigger()
    assert _actors(window) == ["US", "Russia", "ISIL"]
    assert not window.isWindowModified()


def test_typing_in_a_field_is_one_undo_step(qtbot, window, sample_file) -> None:
    window.load_briefing(sample_file)
    window.cards.setCurrentWidget(window.cards.details)
    title = window.cards.details.title
    title.setFocus()
    title.end(False)
    qtbot.keyClicks(title, " (draft)")
    assert window.doc.briefing.title == "Russian forces at Airbase 101 (draft)"
    assert window.doc.undo_stack.count() == 1
    # Ctrl+Z in the field goes to the document's stack, not the field's own history.
    qtbot.keyClick(title, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.briefing.title == "Russian forces at Airbase 101"
    assert title.text() == "Russian forces at Airbase 101"


def test_bluf_edits_and_shows_its_evidence(qtbot, window, sample, sample_file) -> None:
    window.load_briefing(sample_file)
    bluf = window.cards.situation.bluf
    bluf.setFocus()
    qtbot.waitUntil(lambda: len(window.source_view.extraSelections()) == 1)
    selections = window.source_view.extraSelections()  # keep the list alive while reading it
    selected = selections[0].cursor.selectedText()
    assert selected == sample.span_text(sample.situation.bluf_evidence[0])
    bluf.moveCursor(bluf.textCursor().MoveOperation.End)
    qtbot.keyClicks(bluf, " More.")
    assert window.doc.briefing.situation.bluf.endswith("troops. More.")
    assert window.doc.undo_stack.count() == 1


def test_marking_accepts_tlp_labels_and_classification_lines(qtbot, window, sample_file) -> None:
    window.load_briefing(sample_file)
    combo = window.cards.details.marking
    assert [combo.itemText(i) for i in range(combo.count())] == list(TLP_LABELS)
    combo.setCurrentText("tlp:red")
    combo.commit()
    assert window.doc.briefing.marking == "TLP:RED"
    assert combo.currentText() == "TLP:RED"
    combo.setCurrentText("UNCLASSIFIED // FOR OFFICIAL USE ONLY")
    combo.commit()
    assert window.doc.briefing.marking == "UNCLASSIFIED // FOR OFFICIAL USE ONLY"
    combo.setCurrentText("TLP:PURPLE")
    combo.commit()
    assert window.doc.briefing.marking == "UNCLASSIFIED // FOR OFFICIAL USE ONLY"
    assert "not a TLP 2.0 label" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert window.doc.briefing.marking == "TLP:RED"
    assert combo.currentText() == "TLP:RED"


def test_selecting_an_item_highlights_and_scrolls_to_its_evidence(qtbot, window, sample, sample_file) -> None:
    window.resize(900, 400)  # short, so the evidence near the end needs scrolling
    window.load_briefing(sample_file)
    window.cards.show_list("quotes")
    table = window.cards.tables["quotes"]
    table.view.selectionModel().setCurrentIndex(
        table.model.index(0, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    selections = window.source_view.extraSelections()
    assert [s.cursor.selectedText() for s in selections] == [sample.quotes[0].text]
    assert window.source_view.verticalScrollBar().value() > 0
    # The highlight derives from the palette's highlight colour.
    highlight = window.source_view.palette().color(window.source_view.palette().ColorRole.Highlight)
    assert selections[0].format.background().color().rgb() == highlight.rgb()
