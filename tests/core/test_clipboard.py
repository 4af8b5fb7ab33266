"""Copy Briefing and Copy Card: the HTML (headings, tables, lists, escaped) and the plain text."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from briefing.clipboard import CARDS, briefing_for_clipboard, card_for_clipboard
from briefing.model import Briefing, Force, Quote, Source


class Outline(HTMLParser):
    """The tags and text of an HTML fragment, to check its structure without string matching."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.text.append(data.strip())


def test_whole_briefing_has_marking_headings_tables_and_lists(handmade_briefing: Briefing) -> None:
    b = handmade_briefing
    copied = briefing_for_clipboard(b)
    outline = Outline(copied.html)
    assert outline.text[0] == b.marking  # the marking comes first
    assert outline.text[1] == b.title
    assert outline.tags.count("h1") == 1
    assert outline.tags.count("h2") == len(CARDS) + 1  # every card of the sample is filled, then Sources
    assert outline.tags.count("table") == 3  # forces, timeline, places
    assert "ul" in outline.tags and "ol" in outline.tags  # quotes and outlook; the sources
    assert b.forces[0].actor in outline.text
    assert copied.text.splitlines()[0] == b.marking
    assert b.situation.bluf in copied.text
    assert f"“{next(q for q in b.quotes if q.kind == 'direct').text}”" in copied.text
    assert "Sources" in copied.text and "[1] " in copied.text


def test_one_card_carries_the_marking_and_only_that_card(handmade_briefing: Briefing) -> None:
    copied = card_for_clipboard(handmade_briefing, "forces")
    outline = Outline(copied.html)
    assert outline.text[0] == handmade_briefing.marking
    assert outline.tags.count("h2") == 1 and outline.tags.count("table") == 1
    assert "Statements" not in copied.text
    lines = copied.text.splitlines()
    assert lines[0] == handmade_briefing.marking
    assert lines[2:4] == ["Forces", "------"]
    assert lines[4].split() == ["Actor", "Strength", "Type", "Location", "Status"]


def test_article_words_are_escaped_never_markup() -> None:
    source = Source(text="x")
    b = Briefing(
        title="<b>Bold</b> & co",
        sources=[source],
        forces=[Force(actor='<img src="http://example.invalid/x.png">', strength=3)],
        quotes=[Quote(text="<script>alert(1)</script>", speaker="A & B")],
    )
    copied = briefing_for_clipboard(b)
    assert "<script>" not in copied.html and "<img" not in copied.html and "<b>Bold" not in copied.html
    assert "&lt;script&gt;" in copied.html and "&amp; co" in copied.html
    assert "<script>alert(1)</script>" in copied.text  # plain text stays as written


def test_an_empty_card_says_so_and_an_unknown_one_is_an_error() -> None:
    b = Briefing(title="Nothing yet")
    assert "(empty)" in card_for_clipboard(b, "timeline").text
    with pytest.raises(ValueError):
        card_for_clipboard(b, "weather")


def test_reported_speech_reads_as_speaker_cue_content() -> None:
    b = Briefing(
        quotes=[
            Quote(kind="indirect", speaker="Officials", cue="said", text="the convoy turned back", content="the convoy turned back"),
            Quote(kind="indirect", speaker="A witness", text="the road was closed", content="the road was closed"),
        ]
    )
    copied = card_for_clipboard(b, "quotes")
    assert "- Officials said the convoy turned back" in copied.text
    assert "- A witness: the road was closed" in copied.text
    assert "<b>Officials</b> said the convoy turned back" in copied.html
    assert "<b>A witness</b>: the road was closed" in copied.html
