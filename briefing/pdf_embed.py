"""The ``.briefing`` JSON travels inside every exported PDF, so a PDF reopens as an editable briefing.

The document is embedded as a PDF file attachment named ``briefing.briefing`` (relationship
"Source", as PDF/A-3 uses for the data a document was made from).  Reading it back uses pypdf,
which is already a dependency and needs no rendering.
"""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import storage
from .errors import BriefingFileError
from .model import Briefing

if TYPE_CHECKING:
    import weasyprint

ATTACHMENT_NAME = "briefing.briefing"


def attachment_for(briefing: Briefing) -> weasyprint.Attachment:
    """A WeasyPrint attachment holding the briefing's JSON (no URL is ever fetched for it)."""
    import weasyprint

    # file_obj, not a URL: WeasyPrint reads the bytes given and fetches nothing.
    return weasyprint.Attachment(
        file_obj=io.BytesIO(storage.dumps(briefing).encode("utf-8")),
        name=ATTACHMENT_NAME,
        description="Briefing Builder document: open this PDF in Briefing Builder to edit it",
        relationship="Source",
    )


def briefing_from_pdf_bytes(data: bytes, origin: str = "PDF") -> Briefing:
    import pypdf
    from pypdf.errors import PdfReadError

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        attachments = reader.attachments
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise BriefingFileError(f"{origin}: not a readable PDF ({exc})") from None
    blobs = attachments.get(ATTACHMENT_NAME)
    if not blobs:
        raise BriefingFileError(
            f"{origin}: this PDF was not exported by Briefing Builder (it holds no embedded briefing)"
        )
    try:
        text = blobs[0].decode("utf-8")
    except UnicodeDecodeError:
        raise BriefingFileError(f"{origin}: the embedded briefing is not UTF-8 text") from None
    return storage.loads(text, f"{origin} (embedded briefing)")


def briefing_from_pdf(path: str | os.PathLike[str]) -> Briefing:
    """Reopen a PDF exported by Briefing Builder as the briefing it was made from."""
    path = Path(path)
    return briefing_from_pdf_bytes(storage.read_file(path), str(path))
