"""Every built-in template renders the sample cleanly, within its page limits."""

from __future__ import annotations

import io

import pypdf
import pytest

from briefing.model import Briefing
from briefing.render import render_pdf
from briefing.templates import list_templates

PAGE_LIMITS = {"intelligence-brief": (1, 4), "executive-one-pager": (1, 1), "sitrep": (1, 3)}


def test_the_built_in_set() -> None:
    assert {t.name for t in list_templates()} >= set(PAGE_LIMITS)


@pytest.mark.parametrize("name", sorted(PAGE_LIMITS))
@pytest.mark.parametrize("marking", ["TLP:AMBER", "UNCLASSIFIED // FOR OFFICIAL USE ONLY"])
def test_each_built_in_renders_the_sample(briefing_copy: Briefing, name: str, marking: str) -> None:
    briefing_copy.marking = marking
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(briefing_copy, name)))
    low, high = PAGE_LIMITS[name]
    assert low <= len(reader.pages) <= high
    for number, page in enumerate(reader.pages, 1):
        text = page.extract_text()
        assert text.count(marking) >= 2, (name, number)  # header and footer of every page
        assert f"Page {number} of {len(reader.pages)}" in text
    everything = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
    assert briefing_copy.situation.bluf.split(",")[0] in everything
    assert "Russia" in everything


def test_sitrep_numbers_its_sections(briefing_copy: Briefing) -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_pdf(briefing_copy, "sitrep")))
    text = " ".join(p.extract_text() for p in reader.pages).upper()
    positions = [text.index(h) for h in ("1. SITUATION", "2. FORCES", "3. STATEMENTS", "4. OUTLOOK", "5. SOURCES")]
    assert positions == sorted(positions)
