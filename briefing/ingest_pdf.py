"""PDF articles and reports in: the text layer of a PDF rebuilt into paragraphs, as a :class:`Source`.

Library: pdfminer.six.  pypdf (already a dependency) extracts text but gives no reliable line
positions or font sizes, and those are what everything here needs: running headers are lines
that repeat *at the same place* on every page, columns are told apart by x positions, paragraphs
by the vertical gap between lines, and a title is the largest type on the first page.
pdfminer.six is pure Python, widely used (pdfplumber is built on it), and its layout analysis
groups characters into lines for us; pdfplumber would add only table tools we do not need.
pypdf still does the cheap checks first (encryption, page count, metadata).

What a PDF becomes: paragraphs separated by a blank line, like our .txt files.  Line breaks inside
a paragraph become spaces; a word split by hyphenation ("secu-" / "rity") is joined again, while a
real hyphen at a line end ("well-" / "known") is kept (see :func:`join_hyphenated`).  Running
headers, footers and page numbers are dropped; a two-column page is read column by column.

The PDF may come from anyone: the file is capped before parsing, password-protected and damaged
files give one line, the page count is capped, and reading stops at a deadline.
"""

from __future__ import annotations

import datetime as dt
import io
import logging
import re
import statistics
import time
import warnings
from collections.abc import Callable
from pathlib import Path

from .errors import IngestError
from .ingest import MAX_BYTES
from .model import Source
from .pdf_layout import (
    Line,
    body_size,
    build_paragraphs,
    drop_running_lines,
    first_page_title,
    page_lines,
    reading_order,
)
from .safe_io import MIB, mib, pdf_read_errors, read_regular

for _name in ("pdfminer", "pypdf"):  # they log damage on stderr; our one line says what matters
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False

#: reports with pictures are large; the text taken from them is still capped at ingest.MAX_BYTES
MAX_PDF_BYTES = 50 * MIB
#: an article or a report has tens of pages; thousands is a book, a dump or a trap
MAX_PAGES = 400
#: reading stops here (checked after each page): a hostile file must not hold the app forever
DEADLINE_SECONDS = 60.0
#: fewer visible characters than this per page: there is no text layer to speak of
_MIN_CHARS = 20
_SPACES = re.compile(r"\s+")
_CID = re.compile(r"\(cid:\d+\)")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff]")
_MONTHS = {
    m: i
    for i, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sep", "sept"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        1,
    )
    for m in names
}
_MONTH = (
    r"(january|february|march|april|may|june|july|august|september|october|november|december"
    r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?"
)
_DATE_PATTERNS = (
    re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"),
    re.compile(rf"\b(\d{{1,2}})\s+{_MONTH}\s+(\d{{4}})\b", re.IGNORECASE),
    re.compile(rf"\b{_MONTH}\s+(\d{{1,2}}),?\s+(\d{{4}})\b", re.IGNORECASE),
)


# ---------------------------------------------------------------------------- public API


def load_pdf_article(path: str | Path, *, should_stop: Callable[[], object] | None = None) -> Source:
    """Read a text PDF into a Source (capped, regular files only, parsed in a child process with a
    deadline and a memory cap: ``briefing.pdf_process``), or refuse with one line.  ``should_stop``
    is polled while the child works: Cancel in the editor."""
    path = Path(path)
    data = read_regular(path, MAX_PDF_BYTES, error=IngestError, what="PDF", origin=path.name)
    if not data:
        raise IngestError(f"{path.name}: the file is empty")
    from .pdf_process import source_from_pdf_isolated  # a child process: deadline and memory cap

    return source_from_pdf_isolated(data, path.name, should_stop=should_stop)


def source_from_pdf_bytes(data: bytes, origin: str, *, deadline: float = DEADLINE_SECONDS) -> Source:
    """The article in a PDF's text layer; IngestError for encrypted, damaged, empty or scanned files."""
    if not data:
        raise IngestError(f"{origin}: the file is empty")
    if len(data) > MAX_PDF_BYTES:
        raise IngestError(f"{origin}: the PDF is {mib(len(data))} MiB; the limit is {mib(MAX_PDF_BYTES)} MiB")
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise IngestError(f"{origin}: not a PDF file")
    title, author, created = _check_with_pypdf(data, origin)
    pages = _read_lines(data, origin, deadline)
    # a scan may carry a scanner app's stamp on each page: count characters per page, not in all
    if sum(len(line.text.replace(" ", "")) for page in pages for line in page) < _MIN_CHARS * len(pages):
        raise IngestError(f"{origin}: this PDF has no text layer (a scanned PDF?); OCR is not supported")
    kept = drop_running_lines(pages)
    body = body_size([line for page in kept for line in page])
    heading = first_page_title(kept[0] if kept else [], body)
    ordered = [line for number, page in enumerate(kept) for line in reading_order(page, number)]
    text = "\n\n".join(build_paragraphs(ordered, body))
    if not text.strip():
        raise IngestError(f"{origin}: this PDF holds only page headers and numbers, no article text")
    if len(text.encode("utf-8")) > MAX_BYTES:
        limit = mib(MAX_BYTES)
        raise IngestError(f"{origin}: the PDF's text is over {limit} MiB; articles over that are refused")
    first_page_text = " ".join(line.text for line in (kept[0] if kept else [])[:20])
    return Source(
        text=text,
        title=heading or title,
        author=author,
        date=find_date(first_page_text) or created,
        file_name=origin,
    )


# ---------------------------------------------------------------------------- reading


def _check_with_pypdf(data: bytes, origin: str) -> tuple[str, str, dt.date | None]:
    """Encryption and page count before the slow parse; the metadata title, author and date."""
    import pypdf

    with pdf_read_errors(origin, IngestError, keep=(IngestError,)), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = pypdf.PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise IngestError(
                f"{origin}: the PDF is protected by a password; remove it (print to PDF) and try again"
            )
        count = len(reader.pages)
        meta = reader.metadata or {}
        title = _clean_meta_title(str(meta.get("/Title") or ""))
        author = " ".join(str(meta.get("/Author") or "").split())[:200]
        created = _pdf_date(str(meta.get("/CreationDate") or ""))
    if count == 0:
        raise IngestError(f"{origin}: the PDF has no pages")
    if count > MAX_PAGES:
        raise IngestError(f"{origin}: the PDF has {count} pages; at most {MAX_PAGES} are imported (split it)")
    return title, author, created


def _read_lines(data: bytes, origin: str, deadline: float) -> list[list[Line]]:
    """Every page's text lines, through pdfminer's layout analysis, until the deadline."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTChar, LTTextContainer, LTTextLineHorizontal

    # char_margin 1.0 (default 2.0): a 1 em column gap must split a line, a word space must not
    # boxes_flow=None: pdfminer skips its own box ordering; reading_order() does ours
    params = LAParams(char_margin=1.0, line_margin=0.5, detect_vertical=False, boxes_flow=None)
    stop_at = time.monotonic() + deadline
    pages: list[list[Line]] = []
    with pdf_read_errors(origin, IngestError, keep=(IngestError,)):
        for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=params, maxpages=MAX_PAGES)):
            lines: list[Line] = []
            for box in page:
                if not isinstance(box, LTTextContainer):
                    continue
                for item in box:
                    if not isinstance(item, LTTextLineHorizontal):
                        continue
                    # (cid:N): a glyph the font does not map to any character; it is no text
                    # and control characters: broken fonts map glyphs to them; no reader sees them
                    text = _SPACES.sub(" ", _CONTROL.sub("", _CID.sub("", item.get_text()))).strip()
                    if not text:
                        continue
                    sizes = [ch.size for ch in item if isinstance(ch, LTChar) and ch.get_text().strip()]
                    size = statistics.median(sizes) if sizes else item.height
                    lines.append(Line(number, item.x0, item.y0, item.x1, item.y1, text, round(size, 1)))
            pages.append(page_lines(lines, page.bbox))
            if time.monotonic() > stop_at:
                raise IngestError(f"{origin}: reading the PDF took over {deadline:.0f} s; stopped")
    return pages


# ---------------------------------------------------------------------------- title and date


def _clean_meta_title(title: str) -> str:
    """A metadata title, unless it is a file name or an office program's placeholder."""
    title = " ".join(title.split())
    lowered = title.casefold()
    if not title or lowered in ("untitled", "title", "document") or lowered.startswith("microsoft "):
        return ""
    if re.search(r"\.(docx?|pdf|odt|rtf|txt|indd|qxp)$", lowered):
        return ""
    return title[:300]


def _pdf_date(value: str) -> dt.date | None:
    """A PDF date string ("D:20240312…") as a date."""
    match = re.match(r"(?:D:)?(\d{4})(\d{2})(\d{2})", value.strip())
    if not match:
        return None
    try:
        return dt.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def find_date(text: str) -> dt.date | None:
    """The first written date in ``text`` ("12 March 2024", "March 12, 2024", "2024-03-12")."""
    found: list[tuple[int, dt.date]] = []
    for number, pattern in enumerate(_DATE_PATTERNS):
        match = pattern.search(text)
        if not match:
            continue
        groups = match.groups()
        try:
            if number == 0:
                date = dt.date(int(groups[0]), int(groups[1]), int(groups[2]))
            elif number == 1:
                date = dt.date(int(groups[2]), _MONTHS[groups[1].casefold().rstrip(".")], int(groups[0]))
            else:
                date = dt.date(int(groups[2]), _MONTHS[groups[0].casefold().rstrip(".")], int(groups[1]))
        except (ValueError, KeyError):
            continue
        found.append((match.start(), date))
    return min(found)[1] if found else None
