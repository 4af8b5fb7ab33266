"""Three real-pipeline reports of one deployment, in the article layout (date line, headline, a
dateline lead): a paragraph break ends the parse's sentence, so the lead's report and force are
the lead's own, and the merge sees both strengths and the withdrawal as conflicts."""

from __future__ import annotations

import pytest

from briefing.extract import extract
from briefing.ingest import source_from_text
from briefing.merge import merge_briefings

REPORTS = [
    "date 2024-05-02\nRussian troops arrive at Niger air base\n\n"
    "NIAMEY, Niger (AP) — About 60 Russian soldiers are deployed at Airbase 101 in Niamey, Niger's "
    "capital, officials said on Thursday. The soldiers arrived with an air defence system, the junta said.\n",
    "date 2024-05-03\nRussia sends military instructors to Niger\n\n"
    "Some 100 Russian troops are stationed at the airbase in Niamey, according to a Western diplomat.\n",
    "date 2024-06-10\nRussian forces leave Niamey base, sources say\n\n"
    "Russian forces withdrew from Airbase 101 in Niamey on Tuesday, two security sources said.\n",
]


@pytest.fixture(scope="module")
def briefings():
    return [extract(source_from_text(text, file_name=f"report-{n}.txt")) for n, text in enumerate(REPORTS)]


def test_a_lead_report_is_the_leads_words_without_headline_or_dateline(briefings) -> None:
    reported = [q for q in briefings[0].quotes if q.kind == "indirect" and q.speaker == "officials"]
    assert [q.text for q in reported] == [
        "About 60 Russian soldiers are deployed at Airbase 101 in Niamey, Niger's capital"
    ]
    diplomat = next(q for q in briefings[1].quotes if q.speaker == "Western diplomat")
    assert diplomat.text == "Some 100 Russian troops are stationed at the airbase in Niamey"  # no comma left


def test_the_lead_force_keeps_its_own_place_and_status(briefings) -> None:
    force = next(f for f in briefings[1].forces if f.strength == 100)
    assert (force.actor, force.location, force.status) == ("Russia", "Niamey", "stationed")


def test_three_reports_merge_into_one_force_with_strength_and_status_conflicts(briefings) -> None:
    merged = merge_briefings(briefings)
    force = next(f for f in merged.forces if f.location == "Niamey")
    assert len({s.source_id for s in force.evidence}) == 3
    fields = {c.field: sorted(v.value for v in c.values) for c in force.conflicts}
    assert fields["strength"] == ["about 60", "some 100"]
    assert "withdrawing" in fields["status"] and "deployed" in fields["status"]
