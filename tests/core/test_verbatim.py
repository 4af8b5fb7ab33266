"""A direct quote prints as the speaker's words only while it still is them."""

from __future__ import annotations

from briefing.model import Briefing, Quote, Source, Span
from briefing.verbatim import edited_quotes, is_verbatim

TEXT = "The mayor said: \u201cWe will rebuild the bridge, and we will do it this year.\u201d"


def _briefing(text: str, kind: str = "direct", evidence: bool = True) -> tuple[Briefing, Quote]:
    source = Source(text=TEXT)
    start = TEXT.index("We will")
    spans = [Span(source_id=source.id, start=start, end=TEXT.index("\u201d"))] if evidence else []
    quote = Quote(text=text, speaker="the mayor", kind=kind, evidence=spans)
    return Briefing(sources=[source], quotes=[quote]), quote


def test_the_source_words_are_verbatim_whatever_the_marks_and_spacing() -> None:
    for text in ("We will rebuild the bridge, and we will do it this year.",
                 "we will  rebuild the bridge, and we will do it this year",
                 "We will rebuild the bridge \u2026 this year"):
        briefing, quote = _briefing(text)
        assert is_verbatim(briefing, quote), text


def test_a_paraphrase_or_a_changed_word_is_not() -> None:
    for text in ("The bridge will be rebuilt this year", "We will rebuild the bridge, and we will do it next year",
                 "this year \u2026 We will rebuild"):
        briefing, quote = _briefing(text)
        assert not is_verbatim(briefing, quote), text
        assert edited_quotes(briefing) == {quote.id}


def test_a_hand_typed_quote_has_nothing_to_differ_from_and_reported_speech_is_never_checked() -> None:
    briefing, quote = _briefing("We will rebuild the bridge", evidence=False)
    assert is_verbatim(briefing, quote)
    briefing, quote = _briefing("the city would rebuild the bridge", kind="indirect")
    assert is_verbatim(briefing, quote)


def test_a_rewritten_quote_prints_without_quotation_marks_in_every_template() -> None:
    from briefing.render import render_html

    briefing, _quote = _briefing("The bridge will be rebuilt soon")
    # the one-pager shows no quotes card by default
    for template in ("intelligence-brief", "sitrep"):
        html = render_html(briefing, template)
        assert "The bridge will be rebuilt soon (paraphrased)" in " ".join(html.split()).replace(
            '<span class="edited">(paraphrased)</span>', "(paraphrased)"), template
        assert "\u201cThe bridge will be rebuilt soon" not in html, template
    briefing, _quote = _briefing("We will rebuild the bridge, and we will do it this year.")
    assert "\u201cWe will rebuild the bridge" in render_html(briefing, "intelligence-brief")


def test_no_document_claims_the_articles_wording_for_a_likelihood_the_analyst_set() -> None:
    from briefing.model import OutlookItem
    from briefing.render import render_html

    statement = "The talks are likely to resume next week."
    briefing = Briefing(outlook=[OutlookItem(statement=statement, likelihood="likely")])
    claim = "express the article&#39;s own wording"
    assert claim in render_html(briefing, "intelligence-brief")
    briefing.outlook[0].likelihood = "almost certain"  # the analyst's judgment now
    html = render_html(briefing, "intelligence-brief")
    assert claim not in html
    assert "† the analyst's assessment" in html
