"""Shared fixtures for core tests: the sample article, extracted once per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.model import Briefing

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "assets" / "samples" / "niger-airbase-101.txt"


@pytest.fixture(scope="session")
def sample_briefing() -> Briefing:
    """The real sample article through the real extractor (copy before mutating)."""
    from briefing.extract import extract
    from briefing.ingest import load_article

    return extract(load_article(SAMPLE))


@pytest.fixture
def briefing_copy(sample_briefing: Briefing) -> Briefing:
    return sample_briefing.model_copy(deep=True)
