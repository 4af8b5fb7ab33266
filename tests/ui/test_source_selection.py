"""Selecting article text and adding it as a card item, with exact evidence offsets."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QTextCursor

from briefing import storage
from briefing.model import Briefing, Quote, Source, Span

EMOJI_TEXT = (
    "🇳🇪 Niamey 🛩️ update 😀\n"
    "The colonel said: “We will leave the base by September,” and 🚀 rockets were seen.\n"
    "About 100 Russian instructors arrived in April."
)


def _select(view, words: str) -> None:
    """Select ``words`` the way a user would: by Qt's own positions, not by our conversion."""
    found = view.document().find(words)
    assert not found.isNull(), words
    cursor = view.textCursor()
    cursor.setPosition(found.selectionStart())
    cursor.setPosition(found.selectionEnd(), QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


@pytest.fixture
def emoji_file(tmp_path):
    path = tmp_path / "emoji.briefing"
    storage.save(Briefing(title="Emoji", sources=[Source(text=EMOJI_TEXT)]), path, touch=False)
    return path


@pytest.mark.parametrize(
    ("action", "list_name", "field", "words"),
    [
        ("add_quote_action", "quotes", "text", "We will leave the base by September"),
        ("add_force_action", "forces", "description", "About 100 Russian instructors"),
        ("add_outlook_action", "outlook", "statement", "rockets were seen"),
    ],
)
def test_add_selection_after_emoji_keeps_exact_offsets(
    window, emoji_file, action, list_name, field, words
) -> None:
    window.load_briefing(emoji_file)
    source = window.doc.briefing.sources[0]
    _select(window.source_view, words)
    assert getattr(window, action).isEnabled()
    getattr(window, action).trigger()

    items = window.doc.items(list_name)
    assert len(items) == 1
    item = items[0]
    span = item.evidence[0]
    assert span.source_id == source.id
    assert source.text[span.start : span.end] == words
    assert window.doc.briefing.span_text(span) == words
    assert getattr(item, field) == words
    # The new item is selected on its card and its evidence highlighted in the source.
    table = window.cards.tables[list_name]
    assert window.cards.currentWidget() is table
    assert table.current_id() == item.id
    selections = window.source_view.extraSelections()
    assert [s.cursor.selectedText() for s in selections] == [words]
    # One undo step removes it again.
    window.undo_action.trigger()
    assert window.doc.items(list_name) == []


def test_quote_marks_are_not_part_of_the_quote_text(window, emoji_file) -> None:
    window.load_briefing(emoji_file)
    _select(window.source_view, "“We will leave the base by September,”")
    item_id = window.add_from_selection("quotes")
    quote = window.doc.item("quotes", item_id)
    assert quote.text == "We will leave the base by September,"
    assert window.doc.briefing.span_text(quote.evidence[0]) == "“We will leave the base by September,”"


def test_whitespace_at_the_edges_of_a_selection_is_trimmed(window, emoji_file) -> None:
    window.load_briefing(emoji_file)
    _select(window.source_view, " Russian instructors ")
    window.add_force_action.trigger()
    span = window.doc.briefing.forces[0].evidence[0]
    assert window.doc.briefing.span_text(span) == "Russian instructors"


def test_no_selection_adds_nothing(window, emoji_file) -> None:
    window.load_briefing(emoji_file)
    assert not window.add_quote_action.isEnabled()
    assert window.add_from_selection("quotes") is None
    assert window.doc.briefing.quotes == []
    assert "Select some words" in window.statusBar().currentMessage()


def test_context_menu_offers_the_add_actions(window, emoji_file) -> None:
    window.load_briefing(emoji_file)
    assert window.source_view.selection_actions == [
        window.add_quote_action,
        window.add_force_action,
        window.add_outlook_action,
    ]
    assert window.add_quote_action in window.menuBar().actions()[1].menu().actions()


def test_evidence_after_emoji_highlights_the_right_words(window, tmp_path) -> None:
    source = Source(text=EMOJI_TEXT)
    start = EMOJI_TEXT.index("rockets were seen")
    quote = Quote(text="rockets were seen", evidence=[Span(source_id=source.id, start=start, end=start + 17)])
    path = tmp_path / "e.briefing"
    storage.save(Briefing(sources=[source], quotes=[quote]), path, touch=False)
    window.load_briefing(path)
    window.cards.show_list("quotes")
    window.cards.tables["quotes"].select_item(quote.id)
    selections = window.source_view.extraSelections()
    assert [s.cursor.selectedText() for s in selections] == ["rockets were seen"]
