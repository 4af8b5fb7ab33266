"""Timeline dates from tense and reference, and the lead event's key facts (where / when / why).

Every case runs the real pipeline on sentences written for these tests (no article text); the
last test runs it on every annotated corpus article that names a ruled-out cause.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
from pathlib import Path

import pytest

from briefing.extract import extract
from briefing.extract.dates import date_phrases, resolve_phrase
from briefing.ingest import load_article, source_from_text
from briefing.model import Briefing, Source

ROOT = Path(__file__).resolve().parents[2]
CORPUS_TEXTS = ROOT.parent / "shared" / "corpus" / "articles"
REF = dt.date(2024, 5, 3)  # a Friday


def run(text: str, date: dt.date = REF) -> Briefing:
    src = source_from_text(text)
    return extract(Source(**{**src.model_dump(), "date": date}))


def events(text: str, date: dt.date = REF) -> list[tuple[str, str]]:
    return [(e.date, e.event) for e in run(text, date).timeline]


def fact(briefing: Briefing, label: str) -> str:
    return next((f.text for f in briefing.situation.key_facts if f.label == label), "")


def dated(text: str, needle: str) -> str:
    """The date of the one event whose text holds ``needle``."""
    found = [d for d, e in events(text) if needle in e]
    assert len(found) == 1, (needle, events(text))
    return found[0]


# ------------------------------------------------------------------------------------ timeline


@pytest.mark.parametrize(
    ("sentence", "needle", "iso"),
    [
        # future tense: the weekday on or after the article date
        ("Traffic on the coastal road should ease by Thursday, the transport office said.", "ease", "2024-05-09"),
        ("The Harbour Sharks will host the Valley Rams on Sunday in the new arena.", "host", "2024-05-05"),
        ("The Harbour Sharks play their last home game on Sunday in the new arena.", "play", "2024-05-05"),
        ("The ferry company is due to resume sailings on Tuesday.", "resume", "2024-05-07"),
        ("The regional assembly is expected to vote in June on the new water tariff.", "vote", "2024-06"),
        ("Mr. Osei is to take over as chief engineer on Jan. 1.", "take over", "2025-01-01"),
        # past tense: the weekday on or before it
        ("The council voted on Tuesday to close the old bridge to lorries.", "voted", "2024-04-30"),
        ("Protesters gathered outside the ministry in June to demand higher pensions.", "gathered", "2023-06"),
        ("The harbour master resigned on Friday after a long dispute.", "resigned", "2024-05-03"),
    ],
)
def test_weekdays_and_months_follow_the_tense(sentence: str, needle: str, iso: str) -> None:
    assert dated(sentence, needle) == iso


def test_the_next_year_counts_from_the_year_last_mentioned() -> None:
    text = (
        "The bakery opened its first shop on the high street in 2015. "
        "The next year, it moved into a larger hall by the canal. "
        "The following year the owners opened a second branch in the north."
    )
    dates = [d for d, _ in events(text)]
    assert dates == ["2015", "2016", "2017"]


def test_since_is_a_duration_not_the_date_of_a_present_state() -> None:
    assert events("Peacekeepers have remained in the valley since 2018, the mission said.") == []
    text = "Engineers arrived in the valley in 2018 and the mission has kept its camp there since 2019."
    found = events(text)
    assert ("2018" in [d for d, _ in found]) and "2019" not in [d for d, _ in found]


def test_each_event_is_its_clause_and_an_undated_sentence_is_no_event() -> None:
    text = (
        "The mayor, who resigned on Monday, said the city would need fresh elections before the winter. "
        "The city has many fine old bridges and a busy river port."
    )
    b = run(text)
    assert len(b.timeline) == 1
    event = b.timeline[0]
    assert event.date == "2024-04-29"
    assert event.event.startswith("The mayor") and "resigned on Monday" in event.event
    assert "elections" not in event.event  # the clause, not the whole sentence
    span = event.evidence[0]
    assert b.sources[0].text[span.start : span.end] in text


def test_coordinated_clauses_with_their_own_dates_are_two_events() -> None:
    text = "Rescuers reached the village on Monday, and the last survivors were flown out on Wednesday."
    assert [d for d, _ in events(text)] == ["2024-04-29", "2024-05-01"]


def test_a_date_on_a_noun_dates_that_noun_but_after_x_dates_the_main_event() -> None:
    found = events("The council imposed a curfew last week in response to two bomb attacks in March.")
    assert ("2024-03", "Two bomb attacks in March") in found
    assert any(d == "2024-04-22" and "imposed a curfew" in e for d, e in found)
    found = events("After the flood in April, the farmers moved their herds to the hills.")
    assert len(found) == 1 and found[0][0] == "2024-04" and "moved their herds" in found[0][1]


def test_the_main_clause_of_a_dated_as_clause_shares_its_date() -> None:
    found = events("As the minister spoke in parliament on Tuesday, protesters marched to the palace.")
    assert {d for d, _ in found} == {"2024-04-30"}
    assert any("protesters marched" in e for _, e in found)


@pytest.mark.parametrize(
    ("phrase", "iso"),
    [
        ("July last year", "2023-07"),
        ("mid-March", "2024-03"),
        ("Last week", "2024-04-22"),
        ("In 2012, she", "2012"),
        ("last fall", "2023"),
        ("this morning", "2024-05-03"),
        ("on New Year's Eve 2015", "2015-12-31"),
        ("the 2015 New Year's Eve", "2015-12-31"),
        ("Last weekend", "2024-04-27"),
    ],
)
def test_phrases_dateparser_misses_resolve_against_the_article_date(phrase: str, iso: str) -> None:
    hits = date_phrases(phrase, REF)
    assert [resolve_phrase(h, REF) for h in hits] == [iso]


def test_a_day_of_the_year_takes_its_year_from_the_same_sentence() -> None:
    text = "Two years ago, dozens of revellers were robbed while celebrating New Year's Eve in the old square."
    assert "2022-12-31" in [d for d, _ in events(text)]


def test_no_event_after_the_article_date_without_a_stated_future() -> None:
    text = (
        "The rebels seized the town of Kolo in June. "
        "On Sunday, they set fire to the customs post. "
        "In November the army retook the road. "
        "The governor said on Thursday that the curfew would end in August. "
        "The road reopens next week, officials said."
    )
    found = events(text)
    late = [(d, e) for d, e in found if d > REF.isoformat()[: len(d)]]
    assert late == [(d, e) for d, e in found if "reopens" in e]  # only the stated future is later
    assert all(d <= "2024-05-03" for d, e in found if "reopens" not in e)


def test_page_furniture_and_photo_credits_are_no_events() -> None:
    text = (
        "A version of this article appears in print on May 4, 2024, on Page A 12.\n\n"
        "The bridge was closed on Tuesday after cracks were found."
    )
    assert [d for d, _ in events(text)] == ["2024-04-30"]


# ----------------------------------------------------------------------------------- key facts


def test_where_names_the_event_place_most_specific_first() -> None:
    b = run(
        "Gunmen attacked a fuel convoy at Camp Lemonnier in Djibouti on Tuesday, killing two drivers. "
        "The convoy had left the port earlier that morning."
    )
    assert fact(b, "where").split(", ")[:2] == ["Camp Lemonnier", "Djibouti"]


def test_where_skips_a_capital_used_as_its_government() -> None:
    b = run(
        "Washington condemned a drone strike that hit a fuel depot in Mombasa, Kenya, on Sunday. "
        "Washington said it would send investigators."
    )
    where = fact(b, "where").split(", ")
    assert where[0] == "Mombasa" and "Kenya" in where and "Washington" not in where


def test_where_finds_the_site_the_lead_only_describes() -> None:
    b = run(
        "Foreign troops have entered an airbase in Niger that also hosts European forces, officials said. "
        "The troops use a separate hangar at the site known as Airbase 301, next to the airport in Niamey."
    )
    assert fact(b, "where").split(", ") == ["Airbase 301", "Niamey", "Niger"]


def test_where_never_takes_a_word_of_a_persons_name() -> None:
    b = run(
        "Priya Kingston won the regional chess final on Sunday after a six-hour game. "
        "Kingston, calm throughout, beat the defending champion in the last round in Nairobi."
    )
    where = fact(b, "where").split(", ")
    assert "Kingston" not in where and where[0] == "Nairobi"


def test_where_takes_the_headlines_site_when_the_lead_names_none() -> None:
    b = run(
        "date 2024-05-03\nOkafor wins at Zandvoort after a late safety car\n\n"
        "Despite a slow start, the rookie drove the best race of his career to take the win. "
        "He now trails the leader by twelve points with two rounds left."
    )
    assert fact(b, "where").split(", ")[0] == "Zandvoort"


def test_where_follows_the_event_into_the_country_it_started_from() -> None:
    b = run(
        "Northland fired a rocket over Japan early on Tuesday, officials in Tokyo said. "
        "The rocket was launched from Kalvi, near the capital of Northland, military officials said."
    )
    assert fact(b, "where").split(", ")[0] == "Kalvi"


def test_where_prefers_the_event_site_to_the_dateline() -> None:
    b = run(
        "date 2024-05-03\nCandidate removed by police\n\n"
        "HEMPSTEAD, N.Y. — A third-party candidate was escorted off the premises of Westbury University "
        "on Monday, hours before the debate."
    )
    assert fact(b, "where").split(", ")[:2] == ["Westbury University", "Hempstead"]


def test_where_is_the_country_that_owns_the_event_when_no_place_is_named() -> None:
    b = run(
        "date 2024-05-03\nOutrage but few options\n\n"
        "World leaders on Friday condemned North Korea's latest nuclear test and vowed further sanctions. "
        "The council issued a statement calling the test a clear threat to peace."
    )
    assert fact(b, "where").split(", ")[0] == "North Korea"


def test_where_reads_on_from_the_city_to_the_site() -> None:
    b = run(
        "The city's New Year's party will have a safe zone for women for the first time. "
        "Partygoers in Hamburg will find the zone staffed by volunteers. "
        "The zone will be set up at the Millerntor Gate, near the main stage."
    )
    assert fact(b, "where").split(", ")[:2] == ["Millerntor Gate", "Hamburg"]


def test_when_is_the_lead_events_date_not_just_the_report_date() -> None:
    b = run("Rebels shelled the central market in Goma on Tuesday, local officials said.")
    assert fact(b, "when").startswith("2024-04-30")
    b = run("The central bank keeps its key interest rate unchanged, its governor said.")
    assert fact(b, "when") == "2024-05-03 (publication date)"
    b = run("The fire at the fuel depot on Monday was not caused by lightning, the operator said.")
    assert fact(b, "when").startswith("2024-04-29")
    # a date in a relative clause dates the background, not the news
    b = run("The death toll from the flood, which struck the valley on April 12, rose to forty.")
    assert fact(b, "when").startswith("2024-05-03")


def test_why_only_a_stated_cause() -> None:
    b = run("The airline cancelled all its flights on Monday because of a strike by ground staff.")
    assert "strike by ground staff" in fact(b, "why")
    assert fact(run("The council met on Monday to discuss the new budget for the harbour."), "why") == ""
    # "after" at the head of a sentence says when, not why
    assert fact(run("After the meeting on Monday, the two ministers walked to the harbour."), "why") == ""


@pytest.mark.parametrize(
    "text",
    [
        "Investigators said on Monday there was no sign that the fire was caused by arson.",
        "The ministry did not indicate whether the closure was in response to the protests.",
        "Police denied that the raid was in retaliation for the attack on the station.",
        "The fire at the depot on Monday was not caused by a lightning strike, the operator said.",
    ],
)
def test_a_negated_cause_keeps_its_negation_or_is_left_out(text: str) -> None:
    why = fact(run(text), "why").lower()
    assert why == "" or any(w in why for w in ("not", "no ", "denied", "n't"))


# -------------------------------------------------------------------------- annotated corpus


def _facts_dir() -> Path | None:
    for folder in (ROOT / "corpus" / "facts", ROOT.parent / "main" / "corpus" / "facts"):
        if folder.is_dir() and any(folder.glob("*.facts.json")):
            return folder
    return None


def _scorer():
    spec = importlib.util.spec_from_file_location("score_facts", ROOT / "corpus" / "score_facts.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_why_never_states_a_ruled_out_cause_on_the_annotated_articles() -> None:
    folder = _facts_dir()
    if folder is None or not CORPUS_TEXTS.is_dir():
        pytest.skip("the key-fact gold or ../shared/corpus is not here")
    scorer = _scorer()
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(folder.glob("*.facts.json"))]
    golds = [g for g in golds if g.get("ruled_out") and (CORPUS_TEXTS / g["article"]).exists()]
    if not golds:
        pytest.skip("no annotated article names a ruled-out cause")
    for gold in golds:
        b = extract(load_article(CORPUS_TEXTS / gold["article"]))
        why = fact(b, "why")
        for ruled in gold["ruled_out"]:
            states = why and (scorer.covers(why, ruled["cause"]) or scorer.covers(why, ruled["evidence"]))
            assert not states or scorer._NEGATION.search(why), (gold["article"], why, ruled["cause"])


def test_where_follows_a_title_case_headline_past_a_lead_on_another_event() -> None:
    b = run(
        "date 2024-05-03\nNorthland Fires Rocket Over Its Neighbour\n\n"
        "Only days earlier, the Northlanders launched two short-range rockets that came down near Ostrava. "
        "The country had promised talks in the spring. "
        "The rocket fired on Tuesday took off from near Brno, the army said."
    )
    assert fact(b, "where").split(", ")[:2] == ["Brno", "Ostrava"]


def test_where_falls_back_on_the_town_the_report_names_most() -> None:
    b = run(
        "date 2024-05-03\nSenator warns of risk to allies;\n\n"
        "With his usual energy, the senator talked tough at his first rally beside the governor.\n\n"
        "The senator said the remarks had made the challenger a danger to allies abroad.\n\n"
        "He said allies were worried. He said the danger had grown. He said the remarks had no limits. "
        "He said the party would win. He said the campaign had only begun.\n\n"
        "He joked about an old house of his in Ravenna. The governor recalled that her father "
        "had grown up in Ravenna before moving to Chicago."
    )
    assert fact(b, "where").split(", ")[0] == "Ravenna"


def test_a_thin_clause_reads_as_the_clause_it_hangs_from() -> None:
    """"Released Sunday" or "When it launches on Tuesday" is no event on its own."""
    found = events("A poll released Sunday shows the governor ahead of his rival by ten points.")
    assert found == [("2024-04-28", "A poll released Sunday shows the governor ahead of his rival by ten points")]
    found = events(
        "When it launches on Tuesday, the rocket will try to land all three of its boosters at once.",
        dt.date(2018, 2, 5),
    )
    assert [d for d, _e in found] == ["2018-02-06"] and found[0][1].startswith("When it launches on Tuesday, the rocket")


def test_the_clauses_own_date_beats_one_on_its_subject() -> None:
    found = events(
        "A rocket more powerful than any other flying today is scheduled to blast off Tuesday.", dt.date(2018, 2, 5)
    )
    assert [d for d, _e in found] == ["2018-02-06"]


def test_an_event_told_twice_is_one_event_with_both_spans() -> None:
    briefing = run("The army seized the town on Monday.\n\nThe army seized the town on Monday.")
    assert len(briefing.timeline) == 1 and len(briefing.timeline[0].evidence) == 2


def test_a_holiday_days_away_is_the_coming_one_whatever_the_tense() -> None:
    on_eve = events("Berlin sets up a safe zone for women on New Year's Eve.", dt.date(2017, 12, 30))
    assert [d for d, _e in on_eve] == ["2017-12-31"]
    after = events("Police arrested 40 people on New Year's Eve.", dt.date(2018, 1, 2))
    assert [d for d, _e in after] == ["2017-12-31"]
    months_on = events("Police arrested 40 people on New Year's Eve.", dt.date(2018, 6, 2))
    assert [d for d, _e in months_on] == ["2017-12-31"]
