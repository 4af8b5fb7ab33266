"""The briefing document: the single source of truth that every part reads and edits.

Pure data and validation (pydantic v2).  Files, schema versions and migrations live in
``storage.py``; nothing here touches the disk or Qt.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from .safe_io import strip_bidi

SCHEMA_VERSION = 1

#: ICD 203 estimative words, from least to most likely (see CONVENTIONS.md).
LIKELIHOODS: tuple[str, ...] = (
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
)
Likelihood = Literal[
    "almost no chance",
    "very unlikely",
    "unlikely",
    "roughly even chance",
    "likely",
    "very likely",
    "almost certain",
]

#: TLP 2.0 labels; TLP 1.0's WHITE is obsolete and is migrated to CLEAR.
TLP_LABELS: tuple[str, ...] = ("TLP:CLEAR", "TLP:GREEN", "TLP:AMBER", "TLP:AMBER+STRICT", "TLP:RED")

CARD_NAMES: tuple[str, ...] = ("situation", "forces", "quotes", "outlook", "timeline", "places")
DEFAULT_TEMPLATE = "intelligence-brief"
#: a template name is also its folder name: short, lower-case and path-safe
TEMPLATE_NAME_RE = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")

#: a title, name or metadata line: bidi controls stripped, so nothing displays reordered
Line = Annotated[str, AfterValidator(strip_bidi)]


def new_id() -> str:
    """A short random id: stable across saves, unique enough within one briefing."""
    return uuid.uuid4().hex[:12]


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


class _Model(BaseModel):
    # validate_assignment: an edit made through an undo command is checked like a loaded file.
    model_config = ConfigDict(extra="ignore", validate_assignment=True)


class Span(_Model):
    """Characters ``[start, end)`` of one source's text: where a fact was read."""

    source_id: str
    start: int = Field(ge=0)
    end: int = Field(ge=0)

    @field_validator("end")
    @classmethod
    def _end_after_start(cls, end: int, info) -> int:
        start = info.data.get("start", 0)
        if end < start:
            raise ValueError(f"span end {end} is before its start {start}")
        return end


class ConflictValue(_Model):
    """One value the sources give for a field, and which sources give it."""

    value: str
    source_ids: list[str] = Field(default_factory=list)
    evidence: list[Span] = Field(default_factory=list)


class Conflict(_Model):
    """Sources that disagree on one field of a merged item ("about 60" vs "100" troops).

    The item's field holds the value shown; the conflict keeps every value with its sources so a
    reader sees the disagreement and the analyst can settle it.  ``resolution`` says how:
    "" still open, "picked" (one source's value chosen), "both" (kept, both printed), "own" (the
    analyst wrote the value in the field).  A resolved conflict is kept, so the choice is saved.
    """

    id: str = Field(default_factory=new_id)
    #: the item field the sources disagree on: "strength", "status", "date", "speaker", …
    field: str
    values: list[ConflictValue] = Field(default_factory=list)
    resolution: Literal["", "picked", "both", "own"] = ""

    @property
    def is_open(self) -> bool:
        return not self.resolution


class Item(_Model):
    """Anything on a card: it has a stable id and the evidence it was read from.

    Evidence may come from several sources: items that state the same fact are merged into one
    (``briefing.merge``), and the sources that support an item are those its spans point into.
    """

    id: str = Field(default_factory=new_id)
    evidence: list[Span] = Field(default_factory=list)
    conflicts: list[Conflict] = Field(default_factory=list)

    @property
    def source_ids(self) -> list[str]:
        """The sources this item's evidence comes from, first mention first, each once."""
        return list(dict.fromkeys(span.source_id for span in self.evidence))


class KeyFact(Item):
    label: Literal["who", "what", "where", "when", "why"] = "what"
    text: str = ""


class Situation(_Model):
    bluf: str = ""
    bluf_evidence: list[Span] = Field(default_factory=list)
    summary: str = ""
    key_facts: list[KeyFact] = Field(default_factory=list)


class Force(Item):
    actor: str = ""
    strength: int | None = Field(default=None, ge=0)
    #: how the article hedges the number: "about", "nearly", "more than", "up to", "at least"…
    qualifier: str = ""
    unit_type: str = ""
    location: str = ""
    status: str = ""
    description: str = ""


class Quote(Item):
    """A direct quotation (``text`` is the words inside the marks) or reported speech (``kind``
    "indirect": ``speaker`` + ``cue`` + ``content``, "the official said Russian troops were …")."""

    #: the quoted words; for reported speech the reported clause (the same as ``content``)
    text: str = ""
    speaker: str = ""
    speaker_role: str = ""
    kind: Literal["direct", "indirect"] = "direct"
    #: the speech verb or phrase as the article writes it: "said", "warned", "according to"
    cue: str = ""
    #: reported speech only: what was said, without the speaker or the cue.  Kept equal to
    #: ``text`` for indirect items so an edit of either column cannot leave the two apart.
    content: str = ""

    @model_validator(mode="after")
    def _content_follows_text(self) -> Quote:
        # files from before reported speech was split have no content: their text (the whole
        # sentence) stands in for it, so every indirect item reads as speaker + cue + content
        if self.kind == "indirect" and self.content and not self.text:
            self.__dict__["text"] = self.content  # a hand-written file that gives content only
        want = self.text if self.kind == "indirect" else ""
        if self.content != want:
            self.__dict__["content"] = want
        return self


class OutlookItem(Item):
    statement: str = ""
    likelihood: Likelihood | None = None
    timeframe: str = ""


class TimelineEvent(Item):
    #: ISO date, as precise as the article allows: "2024", "2024-03" or "2024-03-15".
    date: str = ""
    date_text: str = ""
    event: str = ""

    @field_validator("date")
    @classmethod
    def _partial_iso(cls, value: str) -> str:
        value = value.strip()
        if value and not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
            raise ValueError(f"date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        parts = [int(p) for p in value.split("-")] if value else []
        if len(parts) >= 2 and not 1 <= parts[1] <= 12:
            raise ValueError(f"date {value!r}: there is no month {parts[1]}")
        if len(parts) == 3:
            try:
                dt.date(*parts)
            except ValueError:
                raise ValueError(f"date {value!r}: that day does not exist") from None
        return value


PlaceKind = Literal[
    "country",
    "city",
    "base",
    "region",
    "other",
    "district",
    "town",
    "camp",
    "crossing",
    "water",
    "site",
]


class Place(Item):
    name: str = ""
    #: the first five kinds are the original ones; a saved briefing with any of them still loads
    kind: PlaceKind = "other"
    #: ISO 3166-1 alpha-2 ("NE" for Niger), or empty when unknown
    country_code: str = ""
    lat: float | None = Field(default=None, ge=-90, le=90)
    lon: float | None = Field(default=None, ge=-180, le=180)
    #: how far to trust lat/lon: "exact" (the gazetteer's or the analyst's point), "city" (the
    #: city the article puts it in), "approximate" (a country's or a region's interior point, or
    #: "near the border with …"), "unknown" (no coordinates)
    precision: Literal["exact", "city", "approximate", "unknown"] = "unknown"
    #: where the reported event happened (the locator map fits its extent to these)
    is_event: bool = False

    @field_validator("country_code")
    @classmethod
    def _iso_code(cls, value: str) -> str:
        code = value.strip().upper()
        if code and not re.fullmatch(r"[A-Z]{2}", code):
            raise ValueError(f"country code {value!r} is not two letters (ISO 3166-1, e.g. NE for Niger)")
        return code


class Source(_Model):
    """One article the briefing is built from; every span points into ``text``."""

    id: str = Field(default_factory=new_id)
    text: str
    title: Line = ""
    standfirst: Line = ""
    outlet: Line = ""
    author: Line = ""
    #: the publication date: relative dates in the text ("on Friday") are resolved against it
    date: dt.date | None = None
    #: when the analyst read or fetched it (citations give both dates)
    accessed: dt.date | None = None
    url: Line = ""
    file_name: Line = ""
    #: the web page as fetched (decoded HTML) when the source came from a URL, so the briefing
    #: reproduces offline (``briefing.fetch.source_from_stored_page``); "" for files and paste
    page_html: str = ""
    #: Admiralty grades (A–F reliability, 1–6 credibility); empty until an analyst grades it.
    reliability: Line = ""
    credibility: Line = ""


def normalise_marking(value: str) -> str:
    """Upper-case TLP labels ("tlp:amber" → "TLP:AMBER"); keep a classification line as typed."""
    text = " ".join(value.split())
    if text.upper().replace(" ", "").startswith("TLP:"):
        label = text.upper().replace(" ", "")
        if label == "TLP:WHITE":
            return "TLP:CLEAR"
        if label not in TLP_LABELS:
            raise ValueError(f"{text!r} is not a TLP 2.0 label (use one of {', '.join(TLP_LABELS)})")
        return label
    return text


class Briefing(_Model):
    schema_version: int = SCHEMA_VERSION
    title: Line = ""
    created: dt.datetime = Field(default_factory=utcnow)
    modified: dt.datetime = Field(default_factory=utcnow)
    author: Line = ""
    organisation: Line = ""
    #: a TLP 2.0 label or a free classification line such as "UNCLASSIFIED // FOR OFFICIAL USE ONLY"
    marking: str = "TLP:CLEAR"
    #: a template by name only, never a path: a file someone sends must not pick a folder on this
    #: machine as its template (a path is the user's own choice, on the command line)
    template: str = DEFAULT_TEMPLATE
    sources: list[Source] = Field(default_factory=list)
    situation: Situation = Field(default_factory=Situation)
    forces: list[Force] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    outlook: list[OutlookItem] = Field(default_factory=list)
    timeline: list[TimelineEvent] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)

    @field_validator("marking")
    @classmethod
    def _marking(cls, value: str) -> str:
        return normalise_marking(strip_bidi(value))

    @field_validator("template")
    @classmethod
    def _template_name(cls, value: str) -> str:
        return value if TEMPLATE_NAME_RE.fullmatch(value) else DEFAULT_TEMPLATE

    @property
    def is_tlp(self) -> bool:
        return self.marking in TLP_LABELS

    def source(self, source_id: str) -> Source | None:
        return next((s for s in self.sources if s.id == source_id), None)

    def span_text(self, span: Span) -> str:
        """The words a span points at ("" when its source is gone)."""
        src = self.source(span.source_id)
        return src.text[span.start : span.end] if src else ""
