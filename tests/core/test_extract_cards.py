"""Linguistic cases for quotes, forces, outlook and the BLUF, on our own example sentences.

These load the real spaCy pipeline (once per module) and run the real extractors.
"""

from __future__ import annotations

import datetime as dt

import pytest

from briefing.extract import extract, to_json
from briefing.extract.nlp import sentences
from briefing.extract.numbers import parse_number
from briefing.extract.outlook import likelihood_for
from briefing.ingest import source_from_text
from briefing.model import LIKELIHOODS, Source


def run(text: str, date: dt.date | None = dt.date(2024, 5, 3)):
    src = source_from_text(text)
    if date:
        src = Source(**{**src.model_dump(), "date": date})
    return extract(src)


def quotes_of(text: str) -> list[tuple[str, str]]:
    return [(q.text, q.speaker) for q in run(text).quotes if q.kind == "direct"]


# ------------------------------------------------------------------------------------ quotes


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "“We will hold the line at the river,” General Amara Diallo said.",
            "We will hold the line at the river",
            "Amara Diallo",
        ),
        (
            '"The convoy left before dawn today," said Colonel Pierre Martin.',
            "The convoy left before dawn today",
            "Pierre Martin",
        ),
        (
            "The minister said: « Nous ne partirons pas demain matin ».",
            "Nous ne partirons pas demain matin",
            "minister",
        ),
        (
            "Defence Minister Ana Ruiz said the plan was “ready to go within the week”.",
            "ready to go within the week",
            "Ana Ruiz",
        ),
    ],
)
def test_quote_styles_and_attribution(text: str, quote: str, speaker: str) -> None:
    found = quotes_of(text)
    assert found, text
    got_text, got_speaker = found[0]
    assert got_text.rstrip(".,") == quote
    assert speaker in got_speaker


def test_official_resolves_to_fullest_mention_and_pronoun_to_last_name() -> None:
    text = (
        "A senior Kenyan police official, speaking on condition of anonymity, described the raid.\n\n"
        "“They did not expect us at all,” the official said.\n\n"
        "Mary Wanjiru, who lives nearby, heard the shots.\n\n"
        "“It went on for an hour or more,” she said."
    )
    found = dict(quotes_of(text))
    assert found["They did not expect us at all"] == "senior Kenyan police official"
    assert found["It went on for an hour or more"] == "Mary Wanjiru"


def test_quote_split_by_said_and_running_over_paragraphs() -> None:
    text = (
        "“If the rains come early,” the engineer Tomas Berg said, “the bridge will not hold for long.\n\n"
        "“We have told the ministry this many times before.”"
    )
    found = quotes_of(text)
    assert [q for q, _ in found] == [
        "If the rains come early",
        "the bridge will not hold for long.",
        "We have told the ministry this many times before.",
    ]
    assert {s for _, s in found} == {"Tomas Berg"}


def test_title_is_split_from_name_and_kept_as_role() -> None:
    b = run("“Talks will resume next week in Doha,” said Foreign Minister Leila Haddad.")
    q = b.quotes[0]
    assert (q.speaker, q.speaker_role) == ("Leila Haddad", "Foreign Minister")


def test_scare_quotes_and_short_quotes_are_not_quotes() -> None:
    assert (
        quotes_of(
            "The so-called “peace dividend” never came, and the “one country, two systems” formula held."
        )
        == []
    )


def test_unbalanced_quote_marks_do_not_crash() -> None:
    b = run("He said “this never ends and then it did not. ‘Odd’ isn’t it")
    assert all(0 <= s.start <= s.end <= len(b.sources[0].text) for q in b.quotes for s in q.evidence)


def test_reported_speech_is_indirect() -> None:
    b = run("The army spokesman said that the town had been retaken on Sunday.")
    assert [q.kind for q in b.quotes] == ["indirect"]


# ------------------------------------------------------------------------------------ forces


@pytest.mark.parametrize(
    ("text", "actor", "strength", "qualifier"),
    [
        (
            "Washington has deployed nearly 1,000 American troops to the region.",
            "United States",
            1000,
            "nearly",
        ),
        ("About 60 Russian military personnel arrived in Niamey last week.", "Russia", 60, "about"),
        ("Moscow’s forces have moved into a separate hangar at the base.", "Russia", None, ""),
        ("Some 300 Wagner Group mercenaries were deployed to Bamako.", "Wagner Group", 300, "some"),
        ("Two hundred German soldiers left Mali on Friday.", "Germany", 200, ""),
    ],
)
def test_force_actor_strength_qualifier(text: str, actor: str, strength: int | None, qualifier: str) -> None:
    """The parse readers name the actor and read its strength (the classifier's decision is
    measured by cross-validation, not here)."""
    from briefing.extract import nlp
    from briefing.extract.force_candidates import featurized
    from briefing.extract.forces import _force

    src = source_from_text(text)
    doc = nlp.parse(src.text)
    match = [c for c in featurized(doc, src) if c.actor == actor]
    assert match, [c.actor for c in featurized(doc, src)]
    force = _force(doc, src, match[0])
    assert force.strength == strength
    assert force.qualifier == qualifier


def test_force_status_and_location() -> None:
    f = run("After the coup, the French military withdrew its troops from Mali.").forces[0]
    assert f.actor == "France"
    assert f.status == "withdrawing"
    assert f.location == "Mali"


def test_police_making_a_statement_is_not_a_force() -> None:
    assert run("Police said the road would reopen on Monday morning.").forces == []


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("1,000", 1000),
        ("60", 60),
        ("two", 2),
        ("twenty-five", 25),
        ("a dozen", 12),
        ("three hundred", 300),
        ("1.5 million", 1_500_000),
        ("$100m", 100_000_000),
        ("hundreds", None),
        ("several", None),
    ],
)
def test_number_words(words: str, value: int | None) -> None:
    assert parse_number(words) == value


# ------------------------------------------------------------------------------------ outlook


@pytest.mark.parametrize(
    ("sentence", "likelihood"),
    [
        ("The government will almost certainly extend the curfew.", "almost certain"),
        ("The rebels are expected to attack the city before the rains.", "likely"),
        ("Talks could resume if both sides agree.", "roughly even chance"),
        ("A ceasefire is unlikely before the election.", "unlikely"),
        ("Officials ruled out any withdrawal this year.", "almost no chance"),
    ],
)
def test_likelihood_words_follow_the_wording(sentence: str, likelihood: str) -> None:
    assert likelihood_for(sentence) == likelihood
    assert likelihood in LIKELIHOODS


def test_outlook_keeps_forward_looking_sentences_only() -> None:
    text = (
        "The convoy reached the border on Tuesday. "
        "The ministry plans to reopen the crossing next month. "
        "Residents fear the fighting will spread to the capital. "
        "The bridge was built in 1962."
    )
    found = [o.statement for o in run(text).outlook]
    assert found == [
        "The ministry plans to reopen the crossing next month.",
        "Residents fear the fighting will spread to the capital.",
    ]
    assert run(text).outlook[0].timeframe == "next month"


# ------------------------------------------------------------------------------------ situation


def test_bluf_uses_lead_drops_attribution_and_fits() -> None:
    text = (
        "date 2024-05-03 Rebels seize northern town\n\n"
        "Rebel fighters have seized the northern town of Kidal in Mali after a week of fighting, "
        "a senior army officer told reporters, following the withdrawal of UN peacekeepers.\n\n"
        "The army said it would retake the town."
    )
    b = run(text, date=None)
    bluf = b.situation.bluf
    assert "Kidal" in bluf and "Mali" in bluf
    assert "told reporters" not in bluf
    assert len(bluf.split()) <= 50
    src = b.sources[0]
    assert "Kidal" in src.text[b.situation.bluf_evidence[0].start : b.situation.bluf_evidence[0].end]


# ------------------------------------------------------------------------------------ contract


def test_every_item_traces_back_to_its_sentence() -> None:
    from pathlib import Path

    sample = Path(__file__).resolve().parents[2] / "assets" / "samples" / "niger-airbase-101.txt"
    from briefing.ingest import load_article

    b = extract(load_article(sample))
    data = to_json(b)
    text = data["source"]["text"]
    assert data["source"]["date"] == "2024-05-03"
    for card in ("forces", "quotes", "outlook"):
        assert data[card], card
        for item in data[card]:
            ev = item["evidence"]
            assert text[ev["start"] : ev["end"]] == ev["text"]
            assert len(ev["text"]) <= 600
    assert all(f["actor"] for f in data["forces"])
    assert any(q["speaker"] == "senior US defence official" for q in data["quotes"])


def test_sentence_splitter_respects_abbreviations_and_quotes() -> None:
    text = "Mr. Smith met U.S. Army officers. “We are ready,” he said. Gen. A. Ruiz agreed."
    got = [text[s.start : s.end] for s in sentences(text)]
    assert got == ["Mr. Smith met U.S. Army officers.", "“We are ready,” he said.", "Gen. A. Ruiz agreed."]


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the pronoun agrees with the person it stands for, not with the nearest name
        (
            "Hillary Clinton said Donald Trump was helping the group. She said he was its recruiter.\n\n"
            "“He is becoming their best recruiter,” she said.",
            "Hillary Clinton",
        ),
        # the appositive name speaks, not the title it follows
        (
            "“I certainly hope that we will have a strong resolution,” Japan’s Ambassador to the "
            "United Nations, Koro Bessho, said on Friday.",
            "Koro Bessho",
        ),
        # a short sentence after the quotation names the speaker
        ("“This is the place that was called a success. Really?” Bush said. “Libya is chaotic.”", "Bush"),
        # a lower-case title inside the name
        (
            "“This is a very critical week for the campaign,” said GOP strategist Keith Nahigian, a veteran.",
            "Keith Nahigian",
        ),
        # reader comments signed with a dash
        ("“No sympathy, no preparedness, no integrity at all.” ― Oscar P. Quintero", "Oscar P. Quintero"),
    ],
)
def test_speaker_patterns_of_unseen_news(text: str, speaker: str) -> None:
    found = quotes_of(text)
    assert found and found[0][1] == speaker, found


def test_relative_pronoun_and_page_furniture_are_never_speakers() -> None:
    from briefing.extract.speakers import plausible_speaker

    assert not plausible_speaker("who")
    assert not plausible_speaker("Getty Images")
    assert plausible_speaker("Beijing") and plausible_speaker("one former campaign staffer")


def test_force_location_comes_from_its_own_clause() -> None:
    from briefing.extract import nlp
    from briefing.extract.force_candidates import featurized
    from briefing.extract.forces import _force

    src = source_from_text(
        "In addition to the impending departure from Niger, US forces have also left Chad in recent days, "
        "while the French military has been kicked out of Mali and Burkina Faso."
    )
    doc = nlp.parse(src.text)
    places = {c.actor: _force(doc, src, c).location for c in featurized(doc, src)}
    assert places["France"] == "Mali" and places["United States"] == "Chad"


def test_the_date_line_is_metadata_not_a_strength() -> None:
    """Parsed with the headline, the day of "date 2017-08-28" became a missile force's strength."""
    text = (
        "date 2019-03-17\nIranian Missile Passes Over Northern Iraq, Government Says\n\n"
        "Rebel fighters fired a missile over the border on Tuesday, officials said."
    )
    briefing = extract(source_from_text(text))
    assert briefing.sources[0].date == dt.date(2019, 3, 17)
    assert briefing.forces, "the rebels' missile is a force"
    assert all(f.strength != 17 for f in briefing.forces)
    for force in briefing.forces:  # evidence offsets still point into the text as given
        assert all(text[s.start : s.end].strip() for s in force.evidence)
