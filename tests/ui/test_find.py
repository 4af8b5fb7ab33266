"""Edit ▸ Find: words in the source (selected, wrapping) and across the cards (item selected)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence


def test_find_in_the_source_selects_each_match_and_wraps(window, sample_file) -> None:
    window.load_briefing(sample_file)
    assert window.find_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Find)
    window.find_action.trigger()
    bar = window.find_bar
    assert bar.isVisible()
    bar.field.setText("Airbase 101")
    text = window.source_view.toPlainText()
    count = text.count("Airbase 101")
    assert count >= 2
    positions = []
    for _ in range(count + 1):
        assert bar.find()
        cursor = window.source_view.textCursor()
        assert cursor.selectedText() == "Airbase 101"
        positions.append(cursor.selectionStart())
    assert positions[:count] == sorted(positions[:count])
    assert positions[count] == positions[0]  # wrapped to the first one
    assert bar.status.text() == "Wrapped"
    bar.field.setText("no such words anywhere")
    assert not bar.find() and bar.status.text() == "Not found"


def test_find_across_cards_selects_the_item(window, sample_file) -> None:
    window.load_briefing(sample_file)
    bar = window.find_bar
    window.find_action.trigger()
    bar.scope.setCurrentIndex(bar.scope.findData("cards"))
    quote = window.doc.briefing.quotes[0]
    bar.field.setText(quote.text[:20])
    assert bar.find()
    assert window.cards.currentWidget() is window.cards.tables["quotes"]
    assert window.cards.tables["quotes"].current_id() == quote.id
    assert bar.status.text().startswith("1 of ")
    # any field counts, case-insensitively
    assert bar.matches(quote.speaker.upper())
