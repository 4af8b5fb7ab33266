"""Render children started ahead of their job, and the garbage-collector and deflate settings of a
render."""

from __future__ import annotations

import gc
import io
import zlib

import pydyf
import pypdf
import pytest

from briefing.errors import RenderError
from briefing.pdf_embed import briefing_from_pdf_bytes
from briefing.render import render_pdf
from briefing.render_guards import PDF_DEFLATE_LEVEL, RENDER_GC_THRESHOLD, default_deflate, fewer_collections
from briefing.render_process import RenderChild
from briefing.user_templates import tiny_briefing


def test_a_warmed_child_renders_the_briefing_it_is_given_once() -> None:
    briefing = tiny_briefing()
    briefing.title = "Warmed child brief"
    child = RenderChild(warm=True)
    pdf, _warnings = child.render(briefing)
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Warmed child brief" in " ".join(text.split())
    assert briefing_from_pdf_bytes(pdf) == briefing  # embedded, as every export
    with pytest.raises(RenderError, match="already used"):
        child.render(briefing)


def test_a_child_never_given_its_job_is_stopped() -> None:
    child = RenderChild(warm=True)
    proc = child._proc
    child.close()
    assert proc is not None and proc.poll() is not None
    child.close()  # twice is harmless


def test_collections_are_rarer_during_a_render_and_restored_after() -> None:
    saved = gc.get_threshold()
    with pytest.raises(ValueError), fewer_collections():
        assert gc.get_threshold()[0] == max(saved[0], RENDER_GC_THRESHOLD)
        assert gc.get_threshold()[1:] == saved[1:]
        raise ValueError("a failed render")
    assert gc.get_threshold() == saved


def test_streams_are_deflated_at_the_default_level_during_a_render_and_pydyf_restored_after() -> None:
    data = b"BT /F1 9 Tf (Niamey) Tj ET\n" * 2000
    with pytest.raises(ValueError), default_deflate():
        deflater = pydyf.zlib.compressobj(level=9)  # what pydyf asks for
        assert deflater.compress(data) + deflater.flush() == zlib.compress(data, PDF_DEFLATE_LEVEL)
        raise ValueError("a failed render")
    assert pydyf.zlib is zlib


def test_a_pdf_deflated_at_the_default_level_reads_back_whole() -> None:
    briefing = tiny_briefing()
    briefing.title = "Deflated brief"
    pdf = render_pdf(briefing)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert "Deflated brief" in " ".join(reader.pages[0].extract_text().split())
    assert briefing_from_pdf_bytes(pdf) == briefing
    assert pydyf.zlib is zlib
