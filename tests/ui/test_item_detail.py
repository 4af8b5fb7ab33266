"""The selected item in full under each card table: long text in a multi-line editor, the
evidence sentence, and edits that are validated and undone like cell edits."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPlainTextEdit


def _long_editor(table) -> QPlainTextEdit:
    return next(e for e in table.detail.editors.values() if isinstance(e, QPlainTextEdit))


def test_the_detail_shows_the_whole_text_and_its_evidence_sentence(window, sample_file) -> None:
    window.load_briefing(sample_file)
    table = window.cards.tables["forces"]
    window.cards.show_list("forces")
    table.select_item(window.doc.briefing.forces[0].id)
    force = window.doc.briefing.forces[0]
    assert _long_editor(table).toPlainText() == force.description
    sentence = window.doc.briefing.span_text(force.evidence[0])
    assert " ".join(sentence.split()) in table.detail.evidence.text()


def test_editing_in_the_detail_is_one_undo_step_and_validated(qtbot, window, sample_file) -> None:
    window.load_briefing(sample_file)
    table = window.cards.tables["quotes"]
    window.cards.show_list("quotes")
    quote = window.doc.briefing.quotes[0]
    table.select_item(quote.id)
    editor = _long_editor(table)
    editor.setFocus()
    editor.setPlainText("A rewritten quote")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.briefing.quotes[0].text == "A rewritten quote"
    window.undo_action.trigger()
    assert window.doc.briefing.quotes[0].text == quote.text
    assert editor.toPlainText() == quote.text  # the panel follows the document
    editor.setPlainText("   ")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert window.doc.briefing.quotes[0].text == quote.text
    assert "cannot be empty" in window.statusBar().currentMessage()
    assert editor.toPlainText() == quote.text  # what is kept is shown again


def test_a_rewritten_quote_is_marked_edited(window, sample_file) -> None:
    window.load_briefing(sample_file)
    table = window.cards.tables["quotes"]
    window.cards.show_list("quotes")
    quote = next(q for q in window.doc.briefing.quotes if q.kind == "direct")
    row = table.model.row_of(quote.id)
    col = next(i for i, c in enumerate(table.spec.columns) if c.field == "text")
    index = table.model.index(row, col)
    assert index.data(Qt.ItemDataRole.FontRole) is None
    assert table.model.setData(index, "The official said things were fine")
    assert index.data(Qt.ItemDataRole.FontRole).italic()
    assert "no longer the source's exact words" in index.data(Qt.ItemDataRole.ToolTipRole)
    table.select_item(quote.id)
    assert "no longer the source's exact words" in table.detail.evidence.text()
