"""The render worker process, driven over its pipes like the editor drives it."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pypdf

from briefing.model import Briefing
from briefing.render_worker import FrameReader, encode_request


def _roundtrip(proc: subprocess.Popen, reader: FrameReader, payload: bytes) -> tuple[dict, bytes]:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(payload)
    proc.stdin.flush()
    frames: list[bytes] = []
    while len(frames) < 2:
        frames += reader.feed(proc.stdout.read1(65536))
    return json.loads(frames[0]), frames[1]


def test_worker_renders_reports_errors_and_keeps_serving(sample_briefing: Briefing) -> None:
    proc = subprocess.Popen([sys.executable, "-m", "briefing.render_worker"], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)
    reader = FrameReader()
    try:
        data = sample_briefing.model_dump(mode="json")
        header, pdf = _roundtrip(proc, reader, encode_request(1, data))
        assert header["ok"] and header["id"] == 1
        text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
        assert "They did not take that well" in text

        header, pdf = _roundtrip(proc, reader, encode_request(2, data, template="no-such-template"))
        assert not header["ok"] and "no template named" in header["error"] and pdf == b""

        header, pdf = _roundtrip(proc, reader, encode_request(3, {"quotes": [{"kind": "shouted"}]}))
        assert not header["ok"] and "quotes[0].kind" in header["error"]

        header, pdf = _roundtrip(proc, reader, encode_request(4, data, page_size="Letter"))
        assert header["ok"]
        box = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].mediabox
        assert round(float(box.width)) == 612  # US Letter, in points
    finally:
        assert proc.stdin is not None
        proc.stdin.close()
        assert proc.wait(timeout=30) == 0


def test_frame_reader_handles_split_and_joined_frames() -> None:
    reader = FrameReader()
    a, b = encode_request(1, {}), encode_request(2, {})
    assert reader.feed(a[:3]) == []
    frames = reader.feed(a[3:] + b[:5])
    assert [json.loads(f)["id"] for f in frames] == [1]
    assert [json.loads(f)["id"] for f in reader.feed(b[5:])] == [2]
