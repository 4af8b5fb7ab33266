"""A hand-built briefing of the sample article (Niger, Airbase 101), independent of the extractor.

Why by hand: render tests and the export bench should check the template against known content
(a qualified strength, every likelihood word, a graded source) and keep working whatever the
extractor reads.  Plain Python, no pytest: ``bench/export.py`` falls back to it too.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from briefing.model import (
    Briefing,
    Force,
    KeyFact,
    OutlookItem,
    Place,
    Quote,
    Situation,
    Source,
    Span,
    TimelineEvent,
)

SAMPLE = Path(__file__).resolve().parents[1] / "assets" / "samples" / "niger-airbase-101.txt"
BLUF = (
    "Russian military personnel have entered an airbase in Niger that is hosting US troops, "
    "following a decision by Niger's military rulers to expel US forces from the country."
)


def build_sample_briefing() -> Briefing:
    """Every card filled, with evidence spans into the real sample text where the words occur."""
    text = SAMPLE.read_text(encoding="utf-8")
    src = Source(
        id="src-niger",
        text=text,
        title="US official says Russian and US troops do not mingle at Airbase 101",
        standfirst="Moscow's forces have deployed to a separate hangar.",
        outlet="Al Jazeera",
        date=dt.date(2024, 5, 3),
        url="https://www.aljazeera.com/news/2024/5/3/us-official-says-russian-and-us-troops-do-not-mingle",
        file_name="niger-airbase-101.txt",
        reliability="B",
        credibility="2",
    )

    def ev(words: str) -> list[Span]:
        start = text.find(words)
        return [Span(source_id=src.id, start=start, end=start + len(words))] if start >= 0 else []

    return Briefing(
        title="Russian troops at Niger's Airbase 101 alongside departing US forces",
        author="Sahel Desk Analyst",
        organisation="Sahel Desk",
        marking="TLP:AMBER",
        sources=[src],
        situation=Situation(
            bluf=BLUF,
            bluf_evidence=ev("Russian military personnel have entered an airbase in Niger"),
            summary=(
                "Niger's junta told Washington in March to withdraw its nearly 1,000 troops; about 60 "
                "Russian personnel are now reported at the same base, using a separate hangar."
            ),
            key_facts=[
                KeyFact(label="who", text="Russian and US military personnel; Niger's military rulers",
                        evidence=ev("Russian military personnel")),
                KeyFact(label="what", text="Russian personnel deployed to a base still hosting US troops",
                        evidence=ev("have entered an airbase in Niger")),
                KeyFact(label="where", text="Airbase 101, next to Diori Hamani International Airport, Niamey",
                        evidence=ev("Airbase 101, located next to Diori Hamani International Airport")),
                KeyFact(label="when", text="Reported 3 May 2024; withdrawal ordered in March 2024"),
                KeyFact(label="why", text="Niger's junta ordered US forces out after the July 2023 coup",
                        evidence=ev("to expel US forces from the country")),
            ],
        ),
        forces=[
            Force(actor="United States", strength=1000, qualifier="nearly", unit_type="military personnel",
                  location="Niger", status="withdrawing", evidence=ev("nearly 1,000 US military personnel")),
            Force(actor="Russia", strength=60, qualifier="about", unit_type="military personnel",
                  location="Airbase 101, Niamey", status="deployed",
                  evidence=ev("about 60 Russian military personnel")),
            Force(actor="Wagner Group", unit_type="mercenary force", location="Mali", status="deployed",
                  evidence=ev("the Wagner Group mercenary force deploying there")),
            Force(actor="France", unit_type="military", location="Mali, Burkina Faso", status="expelled",
                  evidence=ev("the French military has been kicked out of Mali and Burkina Faso")),
            Force(actor="United States", unit_type="forces", location="Chad", status="left",
                  evidence=ev("US forces have also left Chad")),
        ],
        quotes=[
            Quote(text="[The situation] is not great but, in the short-term, manageable.",
                  speaker="US official", speaker_role="senior US defence official (anonymous)",
                  evidence=ev("[The situation] is not great but, in the short-term, manageable")),
            Quote(text="They did not take that well.", speaker="US official",
                  speaker_role="senior US defence official (anonymous)",
                  evidence=ev("They did not take that well")),
            Quote(text="Russian troops were not mingling with US forces at the airbase.", kind="indirect",
                  speaker="US official", evidence=ev("Russian troops were not mingling with US forces")),
        ],
        outlook=[
            OutlookItem(statement="US forces complete their withdrawal from Niger to bases in Germany.",
                        likelihood="very likely", timeframe="coming months",
                        evidence=ev("return to US Africa Command’s home bases")),
            OutlookItem(statement="Russia expands its military presence in Niger after the US departure.",
                        likelihood="likely",
                        evidence=ev("seeking to strengthen relations with African nations")),
            OutlookItem(statement="US and Russian personnel clash at Airbase 101.", likelihood="unlikely",
                        evidence=ev("not mingling with US forces")),
            OutlookItem(statement="Niger reverses its decision to expel US forces.",
                        likelihood="almost no chance"),
        ],
        timeline=[
            TimelineEvent(date="2023-07", date_text="July last year", event="Military coup in Niger.",
                          evidence=ev("a military coup in July last year")),
            TimelineEvent(date="2024-03", date_text="mid-March",
                          event="Meeting in Niamey; junta tells Washington to withdraw its troops.",
                          evidence=ev("a meeting in Niamey in mid-March")),
            TimelineEvent(date="2024-05-03", date_text="2024-05-03",
                          event="Russian personnel reported at Airbase 101."),
        ],
        places=[
            Place(name="Airbase 101", kind="base", country_code="NE", lat=13.48, lon=2.18),
            Place(name="Niamey", kind="city", country_code="NE", lat=13.51, lon=2.11),
            Place(name="Agadez", kind="city", country_code="NE", lat=16.97, lon=7.99),
            Place(name="Niger", kind="country", country_code="NE", lat=17.61, lon=8.08),
            Place(name="Sahel", kind="region"),
        ],
    )
