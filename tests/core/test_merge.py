"""Multi-source briefings: merge rules, conflicts, split, remove, CLI and printed citations.

Every sentence here is written for these tests; the real extractor runs in the CLI tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pypdf import PdfReader

from briefing import storage
from briefing.citations import source_context
from briefing.merge import (
    add_source,
    merge_briefings,
    merge_duplicates,
    merged_statements,
    remove_source,
    split_item,
)
from briefing.model import Briefing, Force, KeyFact, OutlookItem, Place, Quote, Source, Span, TimelineEvent


def one_source(text: str, sid: str, **cards) -> Briefing:
    """A briefing of one source whose items each point at the sentence they quote from ``text``."""
    source = Source(id=sid, text=text, title=f"Report {sid}", outlet=f"Outlet {sid}")
    b = Briefing(sources=[source])
    for card, items in cards.items():
        for item, sentence in items:
            start = text.index(sentence)
            item.evidence = [Span(source_id=sid, start=start, end=start + len(sentence))]
        setattr(b, card, [item for item, _ in items])
    return b


def force_briefing(sid: str, sentence: str, **fields) -> Briefing:
    return one_source(sentence, sid, forces=[(Force(**fields), sentence)])


# ---------------------------------------------------------------- forces


def test_same_force_under_different_actor_names_becomes_one_item_with_both_spans() -> None:
    a = force_briefing("s1", "Russian troops were stationed in Niger.", actor="Russian troops",
                       unit_type="troops", location="Niger", status="stationed")
    b = force_briefing("s2", "Russia has military personnel in Niger.", actor="Russia",
                       unit_type="military personnel", location="Niger", status="present")
    merged = merge_briefings([a, b])
    assert len(merged.forces) == 1
    force = merged.forces[0]
    assert force.source_ids == ["s1", "s2"]
    assert force.actor == "Russian troops"  # the leading source's value is shown
    assert [merged.span_text(sp) for sp in force.evidence] == [
        "Russian troops were stationed in Niger.",
        "Russia has military personnel in Niger.",
    ]
    assert force.conflicts == []
    assert merged_statements(merged, force) == [
        (1, "Russian troops were stationed in Niger."),
        (2, "Russia has military personnel in Niger."),
    ]


def test_different_strengths_for_one_force_are_a_conflict_with_every_value() -> None:
    a = force_briefing("s1", "About 60 Russian soldiers are in Niger.", actor="Russia", strength=60,
                       qualifier="about", unit_type="soldiers", location="Niger")
    b = force_briefing("s2", "Russia sent 100 troops to Niger.", actor="Russian forces", strength=100,
                       unit_type="troops", location="Niger")
    force = merge_briefings([a, b]).forces[0]
    assert (force.strength, force.qualifier) == (60, "about")
    (conflict,) = force.conflicts
    assert conflict.field == "strength" and conflict.is_open
    assert [(v.value, v.source_ids) for v in conflict.values] == [("about 60", ["s1"]), ("100", ["s2"])]


def test_deployed_against_withdrawn_is_a_status_conflict() -> None:
    a = force_briefing("s1", "French troops deployed to Gao.", actor="France", unit_type="troops",
                       location="Gao", status="deployed")
    b = force_briefing("s2", "French soldiers have withdrawn from Gao.", actor="French soldiers",
                       unit_type="soldiers", location="Gao", status="withdrawn")
    (force,) = merge_briefings([a, b]).forces
    assert [c.field for c in force.conflicts] == ["status"]
    assert [v.value for v in force.conflicts[0].values] == ["deployed", "withdrawn"]


def test_a_force_differing_in_strength_and_status_is_still_one_item_with_two_conflicts() -> None:
    a = force_briefing("s1", "Some 300 Wagner fighters were deployed to Menaka.", actor="Wagner Group",
                       strength=300, unit_type="fighters", location="Menaka", status="deployed")
    b = force_briefing("s2", "About 80 Wagner fighters have left Menaka.", actor="Wagner Group",
                       strength=80, unit_type="mercenaries", location="Menaka", status="left")
    (force,) = merge_briefings([a, b]).forces
    assert sorted(c.field for c in force.conflicts) == ["status", "strength"]


def test_a_year_read_as_a_strength_is_no_strength_conflict_but_two_counts_are() -> None:
    a = force_briefing("s1", "In 2019 Turkish troops entered Afrin.", actor="Turkey", strength=2019,
                       unit_type="troops", location="Afrin", status="entered")
    b = force_briefing("s2", "About 400 Turkish soldiers are in Afrin.", actor="Turkish soldiers",
                       strength=400, qualifier="about", unit_type="soldiers", location="Afrin")
    (force,) = merge_briefings([a, b]).forces
    assert force.conflicts == []
    c = force_briefing("s3", "Turkey has 1,500 troops in Afrin.", actor="Turkey", strength=1500,
                       unit_type="troops", location="Afrin")
    (force,) = merge_briefings([a, c]).forces  # 2,019 against 1,500: counts of one order differ
    assert [c.field for c in force.conflicts] == ["strength"]


def test_forces_in_different_places_or_of_different_kinds_stay_apart() -> None:
    a = force_briefing("s1", "Chadian troops hold Abeche.", actor="Chad", unit_type="troops", location="Abeche")
    b = force_briefing("s2", "Chadian troops hold Faya.", actor="Chad", unit_type="troops", location="Faya")
    c = force_briefing("s3", "Chadian jets flew over Abeche.", actor="Chad", unit_type="jets", location="Abeche")
    assert len(merge_briefings([a, b, c]).forces) == 3


def test_one_article_giving_two_figures_is_not_one_fact() -> None:
    text = "Some 1,000 US troops are leaving Niger. Only 20 US troops will stay in Niger."
    b = one_source(text, "s1", forces=[
        (Force(actor="United States", strength=1000, unit_type="troops", location="Niger"),
         "Some 1,000 US troops are leaving Niger."),
        (Force(actor="US", strength=20, unit_type="troops", location="Niger"),
         "Only 20 US troops will stay in Niger."),
    ])
    assert len(merge_duplicates(b).forces) == 2


def test_duplicates_inside_one_source_merge() -> None:
    text = "Turkish drones struck Qamishli. The Turkish drones over Qamishli were armed."
    b = one_source(text, "s1", forces=[
        (Force(actor="Turkey", unit_type="drones", location="Qamishli", status="attacking"),
         "Turkish drones struck Qamishli."),
        (Force(actor="Turkish", unit_type="drones", location="Qamishli"),
         "The Turkish drones over Qamishli were armed."),
    ])
    (force,) = merge_duplicates(b).forces
    assert len(force.evidence) == 2 and force.source_ids == ["s1"]


# ---------------------------------------------------------------- quotes, outlook, timeline, places


def quote_briefing(sid: str, text: str, words: str, speaker: str) -> Briefing:
    return one_source(text, sid, quotes=[(Quote(text=words, speaker=speaker), text)])


def test_trimmed_and_repunctuated_copies_of_a_quote_merge() -> None:
    a = quote_briefing("s1", "“The bridge is open, and it will stay open,” Ms Okafor said.",
                       "The bridge is open, and it will stay open", "Grace Okafor")
    b = quote_briefing("s2", "Okafor said the bridge “will stay open”.", "will stay open", "Okafor")
    c = quote_briefing("s3", "“The bridge is open and it will stay open!” said Grace Okafor.",
                       "The bridge is open and it will stay open!", "Grace Okafor")
    (quote,) = merge_briefings([a, b, c]).quotes
    assert quote.source_ids == ["s1", "s2", "s3"] and quote.conflicts == []


def test_the_same_words_given_to_two_speakers_are_a_speaker_conflict() -> None:
    a = quote_briefing("s1", "“No talks without a ceasefire,” said Omar Haddad.",
                       "No talks without a ceasefire", "Omar Haddad")
    b = quote_briefing("s2", "“No talks without a ceasefire,” said Lina Saber.",
                       "No talks without a ceasefire", "Lina Saber")
    (quote,) = merge_briefings([a, b]).quotes
    assert quote.speaker == "Omar Haddad"
    assert [(v.value, v.source_ids) for v in quote.conflicts[0].values] == [
        ("Omar Haddad", ["s1"]), ("Lina Saber", ["s2"])
    ]


def test_a_quote_given_to_a_role_in_one_report_and_to_a_name_in_another_is_no_conflict() -> None:
    a = quote_briefing("s1", "The ferry's captain said “we lost the rudder at dawn”.",
                       "we lost the rudder at dawn", "ferry's captain")
    b = quote_briefing("s2", "“We lost the rudder at dawn,” said Captain Ilse Brandt.",
                       "We lost the rudder at dawn", "Ilse Brandt")
    (quote,) = merge_briefings([a, b]).quotes
    assert quote.source_ids == ["s1", "s2"] and quote.conflicts == []
    c = quote_briefing("s3", "“We lost the rudder at dawn,” said Jonas Weil.", "We lost the rudder at dawn",
                       "Jonas Weil")
    (quote,) = merge_briefings([b, c]).quotes  # two names still disagree
    assert [c.field for c in quote.conflicts] == ["speaker"]


def test_different_quotes_stay_apart() -> None:
    a = quote_briefing("s1", "“We will rebuild the port,” he said.", "We will rebuild the port", "Haddad")
    b = quote_briefing("s2", "“We will not leave the port,” he said.", "We will not leave the port", "Haddad")
    assert len(merge_briefings([a, b]).quotes) == 2


def test_outlook_statements_with_most_words_in_common_merge() -> None:
    s1 = "The ceasefire is likely to collapse before the harvest season."
    s2 = "Observers expect the ceasefire is likely to collapse before the harvest."
    s3 = "Grain exports will probably resume in spring."
    a = one_source(s1, "s1", outlook=[(OutlookItem(statement=s1, likelihood="likely"), s1)])
    b = one_source(s2 + " " + s3, "s2", outlook=[
        (OutlookItem(statement=s2, likelihood="likely"), s2),
        (OutlookItem(statement=s3, likelihood="likely"), s3),
    ])
    merged = merge_briefings([a, b])
    assert [o.source_ids for o in merged.outlook] == [["s1", "s2"], ["s2"]]


def test_timeline_same_month_and_words_merge_and_same_event_on_other_dates_conflicts() -> None:
    e1 = "Rebels seized the Tessit gold mine on 3 June."
    e2 = "The Tessit gold mine was seized by rebels on 3 June."
    e3 = "Rebels seized the Tessit gold mine on 5 June."
    a = one_source(e1, "s1", timeline=[(TimelineEvent(date="2025-06-03", event=e1), e1)])
    b = one_source(e2, "s2", timeline=[(TimelineEvent(date="2025-06-03", event=e2), e2)])
    c = one_source(e3, "s3", timeline=[(TimelineEvent(date="2025-06-05", event=e3), e3)])
    (event,) = merge_briefings([a, b, c]).timeline
    assert event.date == "2025-06-03" and event.source_ids == ["s1", "s2", "s3"]
    (conflict,) = event.conflicts
    assert conflict.field == "date"
    assert [(v.value, v.source_ids) for v in conflict.values] == [
        ("2025-06-03", ["s1", "s2"]), ("2025-06-05", ["s3"])
    ]


def _monday(sid: str, sentence: str) -> Briefing:
    event = TimelineEvent(date="2025-03-10", date_text="on Monday", event=sentence)
    return one_source(sentence, sid, timeline=[(event, sentence)])


def test_a_report_that_words_an_event_like_two_earlier_ones_joins_them() -> None:
    a = _monday("s1", "A fuel tanker overturned on the bypass on Monday.")
    b = _monday("s2", "The crash on Monday shut the ring road near the harbour after a lorry lost its load of petrol.")
    c = _monday("s3", "A tanker carrying petrol overturned on Monday and shut the ring road.")
    assert len(merge_briefings([a, b]).timeline) == 2  # too few words in common on their own
    (event,) = merge_briefings([a, b, c]).timeline
    assert event.source_ids == ["s1", "s2", "s3"] and event.conflicts == []
    # an open briefing may hold an analyst's split: a new source never joins two of its events
    opened = merge_briefings([a, b])
    assert len(add_source(opened, c).timeline) == 2


def test_two_events_of_one_article_are_not_joined_by_a_later_report() -> None:
    text = "A fuel tanker overturned on the bypass on Monday. Later on Monday a lorry lost petrol on the ring road."
    first, second = text.split(". ")
    own = one_source(text, "s1", timeline=[
        (TimelineEvent(date="2025-03-10", date_text="on Monday", event=first), first),
        (TimelineEvent(date="2025-03-10", date_text="on Monday", event=second), second),
    ])
    c = _monday("s3", "A tanker carrying petrol overturned on Monday on the ring road.")
    assert len(merge_briefings([own, c]).timeline) == 2


def test_a_place_under_two_names_of_one_country_merges() -> None:
    a = one_source("Talks were held in the United States.", "s1",
                   places=[(Place(name="United States", kind="country", country_code="US"), "United States")])
    b = one_source("The US hosted the talks.", "s2", places=[(Place(name="US", kind="country"), "US")])
    (place,) = merge_briefings([a, b]).places
    assert place.name == "United States" and place.source_ids == ["s1", "s2"]


# ---------------------------------------------------------------- split, remove, re-merge, situation


def conflicting_pair() -> Briefing:
    a = force_briefing("s1", "About 60 Russian soldiers are in Niger.", actor="Russia", strength=60,
                       qualifier="about", unit_type="soldiers", location="Niger")
    b = force_briefing("s2", "Russia sent 100 troops to Niger.", actor="Russia", strength=100,
                       unit_type="troops", location="Niger")
    return merge_briefings([a, b])


def test_split_undoes_a_merge_and_each_part_shows_its_own_value() -> None:
    merged = conflicting_pair()
    split = split_item(merged, "forces", merged.forces[0].id)
    assert [(f.source_ids, f.strength) for f in split.forces] == [(["s1"], 60), (["s2"], 100)]
    assert all(not f.conflicts for f in split.forces)
    assert split.forces[0].id == merged.forces[0].id  # the first part keeps the id (undo, selection)
    assert len(merged.forces) == 1  # the argument is left untouched


def test_remove_source_drops_its_values_and_the_items_only_it_supports() -> None:
    merged = conflicting_pair()
    extra = one_source("Chadian troops hold Faya.", "s3",
                       forces=[(Force(actor="Chad", location="Faya"), "Chadian troops hold Faya.")])
    merged = add_source(merged, extra)
    smaller = remove_source(merged, "s1")
    assert [f.source_ids for f in smaller.forces] == [["s2"], ["s3"]]
    assert smaller.forces[0].conflicts == [] and smaller.forces[0].strength == 100
    assert [s.id for s in remove_source(smaller, "s3").sources] == ["s2"]
    assert len(remove_source(smaller, "s3", keep_orphans=True).forces) == 2


def test_adding_a_source_keeps_a_resolved_conflict_and_a_new_value_reopens_it() -> None:
    merged = conflicting_pair()
    merged.forces[0].conflicts[0].resolution = "picked"
    again = force_briefing("s3", "Around 100 Russians are in Niger.", actor="Russians", strength=100,
                           qualifier="around", unit_type="troops", location="Niger")
    kept = add_source(merged, again)
    conflict = kept.forces[0].conflicts[0]
    assert conflict.resolution == "picked"
    assert [v.source_ids for v in conflict.values] == [["s1"], ["s2", "s3"]]
    other = force_briefing("s4", "Some 300 Russians are in Niger.", actor="Russia", strength=300,
                           unit_type="troops", location="Niger")
    reopened = add_source(kept, other).forces[0].conflicts[0]
    assert reopened.is_open and len(reopened.values) == 3


def test_situation_keeps_the_leading_bottom_line_and_does_not_duplicate_key_facts() -> None:
    a = Briefing(sources=[Source(id="s1", text="x")])
    a.situation.bluf = "Rebels took the Tessit mine."
    a.situation.key_facts = [KeyFact(label="who", text="Rebels", evidence=[Span(source_id="s1", start=0, end=1)])]
    b = Briefing(sources=[Source(id="s2", text="y")])
    b.situation.bluf = "A gold mine changed hands."
    b.situation.key_facts = [
        KeyFact(label="who", text="Rebels", evidence=[Span(source_id="s2", start=0, end=1)]),
        KeyFact(label="where", text="Tessit", evidence=[Span(source_id="s2", start=0, end=1)]),
    ]
    merged = merge_briefings([a, b])
    assert merged.situation.bluf == "Rebels took the Tessit mine."
    assert [(f.label, f.source_ids) for f in merged.situation.key_facts] == [("who", ["s1", "s2"]), ("where", ["s2"])]


def test_render_context_marks_nothing_extra_for_one_source() -> None:
    single = force_briefing("s1", "Chadian troops hold Faya.", actor="Chad", location="Faya")
    context = source_context(single)
    assert not context["multi_source"] and not context["single_source"] and not context["conflict_lines"]
    merged = conflicting_pair()
    lines = source_context(merged)["conflict_lines"][merged.forces[0].id]
    assert lines == ["sources differ on strength: about 60 [1] / 100 [2]"]


# ---------------------------------------------------------------- the real pipeline: CLI and PDF

ARTICLES = {
    "first.txt": """Russian troops deployed to Kessala airfield, governor says

KESSALA, March 4, 2025 - About 60 Russian troops have deployed to an airfield in Kessala, a regional governor said on Tuesday.

"We did not invite them and we will not accept them," governor Amina Dorsay told reporters in Kessala.
""",
    "second.txt": """Foreign soldiers reach Kessala as junta tightens grip

March 5, 2025 - Some 100 Russian soldiers have arrived at an airfield in Kessala, witnesses said on Wednesday.

"We did not invite them, and we will not accept them," the regional governor, Amina Dorsay, said.
""",
    "third.txt": """Kessala airfield quiet after Russian pull-out

March 9, 2025 - Russian forces have withdrawn from Kessala, a local official said on Sunday.

"We did not invite them," said Colonel Idris Mabo, the junta's spokesman.
""",
}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True, timeout=300)


@pytest.fixture
def articles(tmp_path: Path) -> list[Path]:
    paths = []
    for name, text in ARTICLES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
        paths.append(tmp_path / name)
    return paths


def test_cli_merges_several_articles_and_adds_a_source_to_a_saved_briefing(articles, tmp_path: Path) -> None:
    out = tmp_path / "two.briefing"
    done = run("extract", str(articles[0]), str(articles[1]), "-o", str(out), "--format", "text")
    assert done.returncode == 0, done.stderr
    assert "[1] Russian troops deployed to Kessala airfield" in done.stdout
    two = storage.load(out)
    assert len(two.sources) == 2
    quote = next(q for q in two.quotes if "not accept them" in q.text)
    assert len(quote.source_ids) == 2  # one quote, read from both articles

    three_path = tmp_path / "three.briefing"
    done = run("add-source", str(out), str(articles[2]), "-o", str(three_path))
    assert done.returncode == 0, done.stderr
    three = storage.load(three_path)
    assert len(three.sources) == 3
    quote = next(q for q in three.quotes if "not accept them" in q.text)
    assert len(quote.source_ids) == 3 and quote.conflicts[0].field == "speaker"

    again = run("add-source", str(three_path), str(articles[2]))
    assert again.returncode == 2 and len(again.stderr.strip().splitlines()) == 1
    assert storage.load(three_path).model_dump() == three.model_dump()  # nothing half-written


def test_exported_pdf_lists_every_source_and_cites_them(articles, tmp_path: Path) -> None:
    pdf = tmp_path / "merged.pdf"
    done = run("export", *map(str, articles), "-o", str(pdf))
    assert done.returncode == 0, done.stderr
    text = " ".join(" ".join((page.extract_text() or "").split()) for page in PdfReader(pdf).pages)
    for title in ("Russian troops deployed to Kessala airfield", "Foreign soldiers reach Kessala",
                  "Kessala airfield quiet after Russian pull-out"):
        assert title in text
    assert "[1]" in text and "[2]" in text and "[3]" in text
    assert "sources differ on speaker" in text
    assert "SINGLE SOURCE" in text.upper()
