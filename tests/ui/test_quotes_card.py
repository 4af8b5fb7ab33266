"""The Quotes card shows reported speech as speaker, cue and content, and keeps content with text."""

from __future__ import annotations


def _column(table, field: str) -> int:
    return [c.field for c in table.spec.columns].index(field)


def test_quotes_card_has_a_cue_column_and_content_follows_text(window, sample_file) -> None:
    window.load_briefing(sample_file)
    window.cards.show_list("quotes")
    table = window.cards.tables["quotes"]
    headers = [table.model.headerData(i, _horizontal()) for i in range(table.model.columnCount())]
    assert "Cue" in headers and "Speaker" in headers
    row = next(i for i, q in enumerate(window.doc.briefing.quotes) if q.kind == "indirect")

    assert table.model.setData(table.model.index(row, _column(table, "cue")), "told reporters")
    assert table.model.index(row, _column(table, "cue")).data() == "told reporters"
    assert table.model.setData(table.model.index(row, _column(table, "text")), "the base is shared")
    quote = window.doc.briefing.quotes[row]
    assert (quote.cue, quote.text, quote.content) == ("told reporters", "the base is shared", "the base is shared")

    window.undo_action.trigger()  # the text edit: content goes back with it
    quote = window.doc.briefing.quotes[row]
    assert quote.content == quote.text == "Russian troops were not mingling with US forces"


def _horizontal():
    from PySide6.QtCore import Qt

    return Qt.Orientation.Horizontal

