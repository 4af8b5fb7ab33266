"""Helpers the import tests share: files written for a test, the one-line refusal they must
give, and hostile PDFs built byte by byte."""

from __future__ import annotations

import io
import zlib
from pathlib import Path

import pypdf
import pytest

from briefing.errors import IngestError
from briefing.importers import load_source


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def expect_refusal(path: Path, *fragments: str) -> str:
    """Importing ``path`` fails with one line that names the file and holds every fragment."""
    with pytest.raises(IngestError) as caught:
        load_source(path)
    message = str(caught.value)
    assert "\n" not in message and message.startswith(f"{path.name}: ")
    for fragment in fragments:
        assert fragment in message
    return message


def encrypted(pdf: bytes, user_password: str) -> bytes:
    """``pdf`` encrypted with AES-128 (an empty user password: it opens, but may not be edited)."""
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf))
    writer.encrypt(user_password=user_password, owner_password="owner", algorithm="AES-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def stream_bomb_pdf() -> bytes:
    """One page whose content stream inflates to 600 MB of "q Q" operators, from about 600 KB:
    pdfminer works on it for over a minute and has no cap of its own."""
    stream = zlib.compress(b"q Q\n" * (150 * 1024 * 1024), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
