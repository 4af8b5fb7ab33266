"""The ``.briefing`` JSON travels inside every exported PDF, so a PDF reopens as an editable briefing.

The document is embedded as a PDF file attachment named ``briefing.briefing`` (relationship
"Source", as PDF/A-3 uses for the data a document was made from).  Reading it back uses pypdf,
which is already a dependency and needs no rendering.
"""

from __future__ import annotations

import io
import logging
import os
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from . import storage
from .errors import BriefingFileError, NoEmbeddedBriefing
from .model import Briefing
from .safe_io import mib, pdf_read_errors

#: pypdf reports damaged files through logging; with no handler Python prints them on stderr
#: before our own one-line message.  Our message says what matters.
logging.getLogger("pypdf").addHandler(logging.NullHandler())
logging.getLogger("pypdf").propagate = False

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
    """The briefing embedded in a PDF we exported; a BriefingFileError for anything else.

    The PDF may come from anyone, so every failure of pypdf on it (malformed trees, loops, bombs,
    which surface as many exception types) is one message, and only the one attachment we wrote
    is decompressed (pypdf caps each stream at 75 MB; we cap the briefing at 64 MiB).
    """
    import pypdf

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise BriefingFileError(f"{origin}: not a PDF file")
    read_errors = pdf_read_errors(
        origin,
        BriefingFileError,
        keep=(NoEmbeddedBriefing,),
        too_large="the PDF's attachments are too large to read",
    )
    with read_errors, warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = pypdf.PdfReader(io.BytesIO(data))
        # we never export with a password: a locked PDF is someone's report (the article
        # importer then names the password)
        if reader.is_encrypted and not reader.decrypt(""):
            raise NoEmbeddedBriefing(f"{origin}: the PDF is protected by a password")
        blobs = reader.attachments.get(ATTACHMENT_NAME)
    if not blobs:
        raise NoEmbeddedBriefing(
            f"{origin}: this PDF was not exported by Briefing Builder (it holds no embedded briefing)"
        )
    blob = blobs[0]
    if not isinstance(blob, bytes):
        raise BriefingFileError(f"{origin}: the embedded briefing is malformed")
    if len(blob) > storage.MAX_BRIEFING_BYTES:
        raise BriefingFileError(
            f"{origin}: the embedded briefing is {mib(len(blob))} MiB; the limit is "
            f"{mib(storage.MAX_BRIEFING_BYTES)} MiB"
        )
    return storage.loads_embedded(blob, origin)


def briefing_from_pdf(path: str | os.PathLike[str]) -> Briefing:
    """Reopen a PDF exported by Briefing Builder as the briefing it was made from."""
    path = Path(path)
    return briefing_from_pdf_bytes(storage.read_file(path, what="PDF"), str(path))
