"""Shared fixtures for core tests: the sample article, extracted once per session, and by hand."""

from __future__ import annotations

import importlib.util
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


def _load_builder():
    """``bench/sample_briefing.py`` (plain Python, so the bench needs no pytest) loaded by path."""
    spec = importlib.util.spec_from_file_location("sample_briefing", ROOT / "bench" / "sample_briefing.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.build_sample_briefing


build_sample_briefing = _load_builder()


@pytest.fixture
def handmade_briefing() -> Briefing:
    """The sample article's briefing written by hand: known content for render tests, no extractor."""
    return build_sample_briefing()
