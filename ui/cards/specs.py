"""Which columns each card table shows, and how new items are made.

Declarative so that one table model, one delegate and one editor widget serve every card.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import get_args

from briefing.model import (
    LIKELIHOODS,
    Force,
    Item,
    KeyFact,
    OutlookItem,
    Place,
    PlaceKind,
    Quote,
    TimelineEvent,
)


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    #: "text", "int" (empty → None), "float" (empty → None) or "choice".
    kind: str = "text"
    choices: tuple[str, ...] = ()
    tooltip: str = ""
    #: stretch to fill the table's width (the main prose column).
    stretch: bool = False
    #: a choice column that may be left empty (None).
    optional: bool = False
    #: a text that may not be emptied (an empty quote would print as “” [1]): delete the item instead
    required: bool = False


@dataclass(frozen=True)
class CardSpec:
    list_name: str
    title: str
    noun: str
    factory: Callable[[], Item]
    columns: tuple[Column, ...] = field(default_factory=tuple)
    #: the field that receives the text when an item is made from a source selection.
    text_field: str = ""


SPECS: dict[str, CardSpec] = {
    spec.list_name: spec
    for spec in (
        CardSpec(
            "key_facts",
            "Key facts",
            "key fact",
            KeyFact,
            (
                Column("label", "Label", "choice", ("who", "what", "where", "when", "why")),
                Column("text", "Fact", stretch=True),
            ),
            text_field="text",
        ),
        CardSpec(
            "forces",
            "Forces",
            "force",
            Force,
            (
                Column("actor", "Actor", tooltip="Who the force belongs to"),
                Column("strength", "Strength", "int", tooltip="Head count; leave empty if unknown"),
                Column("qualifier", "Qualifier", tooltip='How the article hedges it: "about", "nearly"…'),
                Column("unit_type", "Unit type"),
                Column("location", "Location"),
                Column("status", "Status", tooltip='e.g. "deployed", "withdrawing"'),
                Column("description", "Description", stretch=True),
            ),
            text_field="description",
        ),
        CardSpec(
            "quotes",
            "Quotes",
            "quote",
            Quote,
            (
                Column(
                    "text",
                    "Quote / reported content",
                    stretch=True,
                    required=True,
                    tooltip="Direct: the words inside the quotation marks. Indirect: what was reported, "
                    "without the speaker or the cue",
                ),
                Column("speaker", "Speaker"),
                Column("speaker_role", "Role"),
                Column("cue", "Cue", tooltip='How it was said: "said", "warned in a statement"…'),
                Column("kind", "Kind", "choice", ("direct", "indirect")),
            ),
            text_field="text",
        ),
        CardSpec(
            "outlook",
            "Outlook",
            "outlook item",
            OutlookItem,
            (
                Column("statement", "Statement", stretch=True, required=True),
                Column(
                    "likelihood",
                    "Likelihood",
                    "choice",
                    LIKELIHOODS,
                    tooltip="ICD 203 estimative word, least to most likely",
                    optional=True,
                ),
                Column("timeframe", "Timeframe"),
            ),
            text_field="statement",
        ),
        CardSpec(
            "timeline",
            "Timeline",
            "timeline event",
            TimelineEvent,
            (
                Column("date", "Date", tooltip="YYYY, YYYY-MM or YYYY-MM-DD"),
                Column("date_text", "As written"),
                Column("event", "Event", stretch=True, required=True),
            ),
            text_field="event",
        ),
        CardSpec(
            "places",
            "Places",
            "place",
            Place,
            (
                Column("name", "Name", stretch=True),
                Column("kind", "Kind", "choice", get_args(PlaceKind)),
                Column("country_code", "Country", tooltip="ISO 3166 alpha-2 code"),
                Column("lat", "Latitude", "float"),
                Column("lon", "Longitude", "float"),
                Column(
                    "precision",
                    "Precision",
                    "choice",
                    ("exact", "city", "approximate", "unknown"),
                    tooltip="How far to trust the point: exact, the city it is in, approximate, unknown",
                ),
            ),
            text_field="name",
        ),
    )
}
