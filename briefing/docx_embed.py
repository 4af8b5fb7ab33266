"""The ``.briefing`` JSON travels inside every exported Word file, so a ``.docx`` reopens as a briefing.

How it is stored: an extra part of the OPC package, ``/briefing-builder/briefing.json`` (content
type ``application/vnd.briefing-builder.briefing+json``), holding exactly ``storage.dumps(b)`` as
UTF-8, reached from the package's own relationships (``/_rels/.rels``) by the relationship type
:data:`RELATIONSHIP`.  Why a package part and not a custom XML part: the JSON goes in as it is
(a custom XML part would need it escaped or base64-encoded, and lxml refuses text nodes over
10 MB unless its "huge tree" safety limits are switched off).  Word keeps parts it knows and may
drop this one when the user re-saves the file; such a file then reads as "holds no embedded
briefing", which is true: the Word edits are not in any briefing.

Reading treats the file as hostile (it may come from anyone): the whole file is capped, the zip's
entry count is read from its end record before ``zipfile`` builds its index, only the
relationships part and the one part it names are decompressed, each under a cap, and the XML is
parsed without DTDs, entities or network.  Python-docx is not used to read: it would parse every
part of a file we are only asked to look inside.
"""

from __future__ import annotations

import io
import os
import posixpath
import struct
import zipfile
import zlib
from pathlib import Path
from typing import TYPE_CHECKING

from . import storage
from .errors import BriefingFileError, NoEmbeddedBriefing
from .model import Briefing
from .safe_io import MIB, mib, read_regular

if TYPE_CHECKING:
    import docx.document

RELATIONSHIP = "https://briefing-builder.invalid/relationships/briefing"
PART_NAME = "/briefing-builder/briefing.json"
CONTENT_TYPE = "application/vnd.briefing-builder.briefing+json"
#: the largest .docx read: the embedded briefing (≤ 64 MiB, compressed) plus the document itself
MAX_DOCX_BYTES = storage.MAX_BRIEFING_BYTES + 32 * MIB
#: a document we write has about 20 entries; a zip with thousands is something else (or a bomb)
MAX_ENTRIES = 2000
#: the package relationships part is a few hundred bytes
MAX_RELS_BYTES = 1 * MIB
_PACKAGE_RELS = "_rels/.rels"
_EOCD = b"PK\x05\x06"


def add_briefing_part(document: docx.document.Document, briefing: Briefing) -> None:
    """Put ``briefing``'s JSON into ``document``'s package, related from the package itself."""
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    package = document.part.package
    blob = storage.dumps(briefing).encode("utf-8")
    part = Part(PackURI(PART_NAME), CONTENT_TYPE, blob, package)
    package.relate_to(part, RELATIONSHIP)


def briefing_from_docx_bytes(data: bytes, origin: str = "Word document") -> Briefing:
    """The briefing embedded in a ``.docx`` we exported; a one-line BriefingFileError otherwise."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE file: Word's password protection (or .doc)
        raise NoEmbeddedBriefing(f"{origin}: a password-protected or old Word file, not one of ours")
    if not data.startswith(b"PK"):
        raise BriefingFileError(f"{origin}: not a Word document (.docx files are zip archives)")
    _check_entry_count(data, origin)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:  # BytesIO shares the bytes: no copy
            if len(zf.infolist()) > MAX_ENTRIES:
                raise BriefingFileError(f"{origin}: the archive has more than {MAX_ENTRIES} entries; refused")
            target = _briefing_target(zf, origin)
            blob = _read_entry(zf, target, storage.MAX_BRIEFING_BYTES, origin, "embedded briefing")
    except BriefingFileError:
        raise
    except MemoryError:
        raise BriefingFileError(f"{origin}: the document is too large to read") from None
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        ValueError,
        OSError,
        struct.error,
    ) as exc:  # damaged, encrypted or oddly compressed archives
        raise BriefingFileError(
            f"{origin}: not a readable Word document ({type(exc).__name__}: {exc})"[:300]
        ) from None
    return storage.loads_embedded(blob, origin)


def briefing_from_docx(path: str | os.PathLike[str]) -> Briefing:
    """Reopen a ``.docx`` exported by Briefing Builder as the briefing it was made from."""
    path = Path(path)
    data = read_regular(path, MAX_DOCX_BYTES, error=BriefingFileError, what="Word document")
    return briefing_from_docx_bytes(data, str(path))


# ------------------------------------------------------------------------------------ reading


def _check_entry_count(data: bytes, origin: str) -> None:
    """Refuse a zip whose end record announces too many entries, before zipfile indexes them all
    (a central directory of millions of tiny entries would cost gigabytes of ZipInfo objects)."""
    at = data.rfind(_EOCD, max(0, len(data) - 22 - 65535))
    if at < 0 or at + 22 > len(data):
        raise BriefingFileError(f"{origin}: not a Word document (no zip directory found; truncated?)")
    total = struct.unpack_from("<H", data, at + 10)[0]
    if total > MAX_ENTRIES:  # 0xFFFF also means "see the zip64 record": no document of ours needs it
        raise BriefingFileError(f"{origin}: the archive has more than {MAX_ENTRIES} entries; refused")


def _read_entry(zf: zipfile.ZipFile, name: str, limit: int, origin: str, what: str) -> bytes:
    """One entry, decompressed to at most ``limit`` bytes (the declared size is checked first,
    and the read itself stops past the limit, so a size field that lies cannot inflate it)."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        raise BriefingFileError(f"{origin}: the {what} ({name}) is missing from the archive") from None
    if info.file_size > limit:
        raise BriefingFileError(
            f"{origin}: the {what} is {mib(info.file_size)} MiB; the limit is {mib(limit)} MiB"
        )
    with zf.open(info) as fh:
        blob = fh.read(limit + 1)
    if len(blob) > limit:
        raise BriefingFileError(f"{origin}: the {what} is more than {mib(limit)} MiB; refused")
    return blob


def _briefing_target(zf: zipfile.ZipFile, origin: str) -> str:
    """The zip entry the package relationship of type RELATIONSHIP points at."""
    from lxml import etree

    names = set(zf.namelist())
    if "word/document.xml" not in names and _PACKAGE_RELS not in names:
        raise BriefingFileError(f"{origin}: a zip archive, but not a Word document")
    if _PACKAGE_RELS not in names:
        raise BriefingFileError(f"{origin}: not a Word document (it has no package relationships)")
    rels = _read_entry(zf, _PACKAGE_RELS, MAX_RELS_BYTES, origin, "package relationships part")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(rels, parser)
    except etree.XMLSyntaxError as exc:
        raise BriefingFileError(
            f"{origin}: the package relationships are not valid XML ({exc})"[:300]
        ) from None
    for rel in root:
        if rel.get("Type") == RELATIONSHIP and rel.get("TargetMode", "Internal") == "Internal":
            target = posixpath.normpath(posixpath.join("/", rel.get("Target") or "")).lstrip("/")
            if not target or target.startswith(".."):
                break
            if target in names:
                return target
            break
    raise NoEmbeddedBriefing(
        f"{origin}: this Word document holds no embedded briefing (it was not exported by Briefing "
        "Builder, or was re-saved by another program)"
    )
