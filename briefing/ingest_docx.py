"""Word articles in: a ``.docx`` file's paragraphs, headings, tables and footnotes as a :class:`Source`.

Library: python-docx (already a dependency, it writes our DOCX export).  It reads paragraphs,
styles, tables and the core properties; it has no footnote API, so the footnotes part is found
through the document part's relationships and read with lxml (no DTDs, entities or network).

What the text looks like: one paragraph (or table row, cells joined by " | ") per block with a
blank line between, like our .txt files; footnotes and endnotes come after the body under a
"Notes" line, each as "[n] text", never in the middle of the sentence that cites them (the
reference mark itself is left out of the body).  The title comes from the core properties, else
the first paragraph in the Title style, else the first Heading 1.

The file may come from anyone: it is capped before parsing, its zip directory is checked for
entry count and total unpacked size, and a password-protected file (Word stores those as OLE
compound files, not zips) is named as such.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from .errors import BriefingFileError, IngestError
from .ingest import MAX_BYTES
from .ingest_pdf import find_date
from .model import Source
from .safe_io import MIB, mib, read_regular

MAX_DOCX_BYTES = 50 * MIB
#: all parts unpacked: a Word article with pictures is tens of MiB, a zip bomb is far more
MAX_UNPACKED_BYTES = 200 * MIB
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_NOTE_TYPES = ("footnotes", "endnotes")
#: the defaults python-docx's own blank template carries: not a real author or creation date
_PLACEHOLDER_AUTHORS = {"python-docx", "", "author", "user"}
_PLACEHOLDER_CREATED = dt.date(2013, 12, 23)


def load_docx_article(path: str | Path) -> Source:
    """Read a Word article into a Source (capped, regular files only), or refuse with one line."""
    path = Path(path)
    data = read_regular(path, MAX_DOCX_BYTES, error=IngestError, what="Word document", origin=path.name)
    return source_from_docx_bytes(data, path.name)


def source_from_docx_bytes(data: bytes, origin: str) -> Source:
    """The article in a .docx; IngestError for encrypted, damaged, empty or oversized files."""
    if not data:
        raise IngestError(f"{origin}: the file is empty")
    if data.startswith(_OLE_MAGIC):
        raise IngestError(
            f"{origin}: the document is protected by a password (or is an old .doc file); "
            "save it as .docx without a password and try again"
        )
    if not data.startswith(b"PK"):
        raise IngestError(f"{origin}: not a Word document (.docx files are zip archives)")
    _check_archive(data, origin)
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        blocks, title_from_styles = _body_blocks(document)
        notes = _notes(document)
        props = document.core_properties
        meta_title = " ".join((props.title or "").split())
        author = " ".join((props.author or "").split())
        created = props.created.date() if props.created else None
    except MemoryError:
        raise IngestError(f"{origin}: the document is too large to read") from None
    except Exception as exc:  # PackageNotFoundError, KeyError, lxml syntax errors, broken rels, …
        raise IngestError(_unreadable(origin, exc)) from None
    if not blocks:
        raise IngestError(f"{origin}: the document has no text")
    if notes:
        blocks += ["Notes", *notes]
    text = "\n\n".join(blocks)
    if len(text.encode("utf-8")) > MAX_BYTES:
        limit = mib(MAX_BYTES)
        raise IngestError(f"{origin}: the document's text is over {limit} MiB; too long for an article")
    if created == _PLACEHOLDER_CREATED:
        created = None
    return Source(
        text=text,
        title=(meta_title or title_from_styles)[:300],
        author="" if author.casefold() in _PLACEHOLDER_AUTHORS else author[:200],
        date=find_date(" ".join(blocks[:8])) or created,
        file_name=origin,
    )


def _unreadable(origin: str, exc: BaseException) -> str:
    return f"{origin}: not a readable Word document ({type(exc).__name__}: {exc})"[:300]


def _check_archive(data: bytes, origin: str) -> None:
    """Entry count (from the end record, before zipfile indexes anything) and unpacked size."""
    from .docx_embed import MAX_ENTRIES, _check_entry_count

    try:
        _check_entry_count(data, origin)
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_ENTRIES:
                raise IngestError(f"{origin}: the archive has more than {MAX_ENTRIES} entries; refused")
            if any(info.flag_bits & 0x1 for info in infos):
                raise IngestError(f"{origin}: the document is protected by a password; remove it, try again")
            unpacked = sum(info.file_size for info in infos)
            names = {info.filename for info in infos}
    except BriefingFileError as exc:
        raise IngestError(str(exc)) from None
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise IngestError(_unreadable(origin, exc)) from None
    if unpacked > MAX_UNPACKED_BYTES:
        raise IngestError(
            f"{origin}: the document unpacks to {mib(unpacked)} MiB; "
            f"the limit is {mib(MAX_UNPACKED_BYTES)} MiB"
        )
    if "word/document.xml" not in names and "[Content_Types].xml" not in names:
        raise IngestError(f"{origin}: a zip archive, but not a Word document")


def _body_blocks(document) -> tuple[list[str], str]:
    """The body's paragraphs and table rows in order, and the title its styles give."""
    from docx.table import Table

    blocks: list[str] = []
    title = heading = ""
    # style names by id, read once: python-docx's paragraph.style scans every style on each call
    # (20 s for a 5,000-paragraph file)
    names = {style.style_id: style.name for style in document.styles}
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            blocks.extend(_table_rows(block))
            continue
        text = " ".join(_paragraph_text(block._p).split())
        if not text:
            continue
        style = names.get(block._p.style or "", "") or ""
        if style == "Title" and not title:
            title = text
        elif style == "Heading 1" and not heading:
            heading = text
        blocks.append(text)
    return blocks, title or heading


def _paragraph_text(paragraph) -> str:
    """A paragraph's words as the reader sees them: runs, hyperlinks and tracked insertions
    (python-docx's ``paragraph.text`` skips ``w:ins``), not deleted text (``w:delText``), field
    codes (``w:instrText``) or footnote marks, and not text boxes anchored in it."""
    parts: list[str] = []
    for element in paragraph.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen"):
        if any(True for _ in element.iterancestors(f"{_W}txbxContent")):
            continue
        tag = element.tag[len(_W) :]
        parts.append(element.text or "" if tag == "t" else "-" if tag == "noBreakHyphen" else " ")
    return "".join(parts)


def _table_rows(table) -> list[str]:
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):  # a merged cell repeats in every column
                cells.append(text)
        if cells:
            rows.append(" | ".join(cells))
    return rows


def _notes(document) -> list[str]:
    """Footnotes, then endnotes, as "[n] text", numbered in order of appearance."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    notes: list[str] = []
    for reltype in (RT.FOOTNOTES, RT.ENDNOTES):
        for rel in document.part.rels.values():
            if rel.reltype != reltype or rel.is_external:
                continue
            root = etree.fromstring(rel.target_part.blob, parser)
            for note in root:
                if note.get(f"{_W}type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                paragraphs = ["".join(t.text or "" for t in p.iter(f"{_W}t")) for p in note.iter(f"{_W}p")]
                text = " ".join(" ".join(paragraphs).split())
                if text:
                    notes.append(f"[{len(notes) + 1}] {text}")
    return notes
