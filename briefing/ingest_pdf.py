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
import itertools
import logging
import math
import re
import statistics
import time
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from .errors import IngestError
from .ingest import MAX_BYTES
from .model import Source
from .safe_io import MIB, mib, read_regular

for _name in ("pdfminer", "pypdf"):  # they log damage on stderr; our one line says what matters
    logging.getLogger(_name).addHandler(logging.NullHandler())
    logging.getLogger(_name).propagate = False

#: reports with pictures are large; the text taken from them is still capped at ingest.MAX_BYTES
MAX_PDF_BYTES = 50 * MIB
#: an article or a report has tens of pages; thousands is a book, a dump or a trap
MAX_PAGES = 400
#: reading stops here (checked after each page): a hostile file must not hold the app forever
DEADLINE_SECONDS = 60.0
#: the share of the page height at its top and bottom where running heads and folios live
_MARGIN_BAND = 0.12
#: fewer visible characters than this in the whole file: there is no text layer to speak of
_MIN_CHARS = 20
_SENTENCE_END = tuple(".!?:;\"”’')»]")
_SOFT_HYPHENS = ("\u2010", "\u00ad")  # hyphenation marks that typesetters (WeasyPrint) insert
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.|seite|pagina)?\s*[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?\s*(?:(?:of|/|von|de)\s*\d{1,4})?",
    re.IGNORECASE,
)
_SPACES = re.compile(r"\s+")
_DIGITS = re.compile(r"\d+")
#: first halves of compounds that keep their hyphen at a line end when the document has no other
#: spelling of the word to go by ("well-known", "self-defence", "non-state")
_COMPOUND_HEADS = frozenset(
    {"well", "self", "long", "short", "high", "low", "half", "non", "anti", "cross", "multi", "semi"}
    | {"so", "all", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
    | {"first", "second", "third", "full", "large", "small", "state", "government"}
)
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


@dataclass
class Line:
    """One line of text on a page, in PDF points (origin bottom left, y grows upwards)."""

    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str
    size: float
    #: which run of reading this line belongs to (page, band, column): a change is a jump
    flow: tuple[int, int, int] = (0, 0, 0)


# ---------------------------------------------------------------------------- public API


def load_pdf_article(path: str | Path) -> Source:
    """Read a text PDF into a Source (capped, regular files only), or refuse with one line."""
    path = Path(path)
    data = read_regular(path, MAX_PDF_BYTES, error=IngestError, what="PDF", origin=path.name)
    return source_from_pdf_bytes(data, path.name)


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
    if sum(len(line.text.replace(" ", "")) for page in pages for line in page) < _MIN_CHARS:
        raise IngestError(f"{origin}: this PDF has no text layer (a scanned PDF?); OCR is not supported")
    kept = drop_running_lines(pages)
    body_size = _body_size([line for page in kept for line in page])
    heading = _first_page_title(kept[0] if kept else [], body_size)
    ordered = [line for number, page in enumerate(kept) for line in reading_order(page, number)]
    text = "\n\n".join(build_paragraphs(ordered, body_size))
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

    try:
        with warnings.catch_warnings():
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
    except IngestError:
        raise
    except RecursionError:
        raise IngestError(f"{origin}: the PDF's structure is nested too deeply to read") from None
    except MemoryError:
        raise IngestError(f"{origin}: the PDF is too large to read") from None
    except Exception as exc:  # pypdf raises PdfReadError, ValueError, KeyError, … on damage
        raise IngestError(f"{origin}: not a readable PDF ({type(exc).__name__}: {exc})"[:300]) from None
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
    params = LAParams(char_margin=1.0, line_margin=0.5, detect_vertical=False)
    stop_at = time.monotonic() + deadline
    pages: list[list[Line]] = []
    try:
        for number, page in enumerate(extract_pages(io.BytesIO(data), laparams=params, maxpages=MAX_PAGES)):
            lines: list[Line] = []
            for box in page:
                if not isinstance(box, LTTextContainer):
                    continue
                for item in box:
                    if not isinstance(item, LTTextLineHorizontal):
                        continue
                    text = _SPACES.sub(" ", item.get_text()).strip()
                    if not text:
                        continue
                    sizes = [ch.size for ch in item if isinstance(ch, LTChar) and ch.get_text().strip()]
                    size = statistics.median(sizes) if sizes else item.height
                    lines.append(Line(number, item.x0, item.y0, item.x1, item.y1, text, round(size, 1)))
            pages.append(_with_page_geometry(lines, page.bbox))
            if time.monotonic() > stop_at:
                raise IngestError(f"{origin}: reading the PDF took over {deadline:.0f} s; stopped")
    except IngestError:
        raise
    except RecursionError:
        raise IngestError(f"{origin}: the PDF's structure is nested too deeply to read") from None
    except MemoryError:
        raise IngestError(f"{origin}: the PDF is too large to read") from None
    except Exception as exc:  # pdfminer raises PDFSyntaxError, PSEOF, KeyError, TypeError, …
        raise IngestError(f"{origin}: not a readable PDF ({type(exc).__name__}: {exc})"[:300]) from None
    return pages


def _with_page_geometry(lines: list[Line], bbox: tuple[float, float, float, float]) -> list[Line]:
    """Stash the page's box on the list (the header test needs the page height)."""
    page = _PageLines(lines)
    page.bbox = bbox
    return page


class _PageLines(list):
    bbox: tuple[float, float, float, float] = (0.0, 0.0, 612.0, 792.0)


# ---------------------------------------------------------------------------- running heads


def is_page_number(text: str) -> bool:
    """"3", "- 3 -", "Page 3", "Page 3 of 9", "3 / 9": a folio, not text."""
    return bool(_PAGE_NUMBER.fullmatch(text.strip()))


def drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Pages without running headers, footers and page numbers.

    A line in the top or bottom band of a page is dropped when it is a page number, or when the
    same words (digits aside: "Page 3", "Page 4") stand at about the same height on at least
    half the pages (and on two or more).
    """
    counts: dict[str, list[float]] = defaultdict(list)
    for page in pages:
        for line in page:
            if _in_margin(line, page):
                counts[_running_key(line)].append(line.y0)
    needed = max(2, math.ceil(len(pages) / 2))
    running = {
        key for key, heights in counts.items() if len(heights) >= needed and max(heights) - min(heights) < 8
    }
    kept: list[list[Line]] = []
    for page in pages:
        rest = _PageLines(
            line
            for line in page
            if not (_in_margin(line, page) and (is_page_number(line.text) or _running_key(line) in running))
        )
        rest.bbox = getattr(page, "bbox", _PageLines.bbox)
        kept.append(rest)
    return kept


def _in_margin(line: Line, page: list[Line]) -> bool:
    _x0, bottom, _x1, top = getattr(page, "bbox", _PageLines.bbox)
    band = (top - bottom) * _MARGIN_BAND
    return line.y0 > top - band or line.y1 < bottom + band


def _running_key(line: Line) -> str:
    return _DIGITS.sub("#", line.text.casefold())


# ---------------------------------------------------------------------------- columns


def reading_order(page: list[Line], number: int = 0) -> list[Line]:
    """The page's lines in reading order, column by column.

    The page is cut into horizontal bands at every line that crosses the middle of the text
    (a title, a full-width paragraph); inside a band with lines on both sides of the middle, the
    left column is read top to bottom before the right one.  Each line gets its ``flow`` so the
    paragraph builder knows where reading jumped.
    """
    if not page:
        return []
    left = min(line.x0 for line in page)
    right = max(line.x1 for line in page)
    middle = (left + right) / 2
    lines = sorted(page, key=lambda line: (-line.y1, line.x0))
    ordered: list[Line] = []
    band: list[Line] = []
    band_number = 0

    def flush() -> None:
        nonlocal band_number
        if not band:
            return
        two_sided = any(line.x1 < middle for line in band) and any(line.x0 > middle for line in band)
        for column, side in enumerate((True, False) if two_sided else (None,)):
            for line in band:
                if side is None or (line.x0 < middle) == side:
                    line.flow = (number, band_number, column)
                    ordered.append(line)
        band.clear()
        band_number += 1

    for line in lines:
        if line.x0 < middle - 4 < middle + 4 < line.x1:  # spans the gutter: full width
            flush()
            band.append(line)
            flush()
        else:
            band.append(line)
    flush()
    return ordered


# ---------------------------------------------------------------------------- paragraphs


def _body_size(lines: list[Line]) -> float:
    """The commonest type size, weighted by characters: the size the article is set in."""
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def build_paragraphs(lines: list[Line], body_size: float) -> list[str]:
    """Lines in reading order → paragraphs (lines joined, hyphenation undone)."""
    spacing = _usual_spacing(lines)
    right_edges: dict[tuple[int, int, int], float] = {}
    for line in lines:
        right_edges[line.flow] = max(right_edges.get(line.flow, 0.0), line.x1)
    groups: list[list[Line]] = []
    for before, line in zip([None, *lines], lines, strict=False):
        if before is None or _starts_paragraph(before, line, spacing, right_edges[before.flow]):
            groups.append([line])
        else:
            groups[-1].append(line)
    vocabulary = _vocabulary(lines)
    paragraphs = []
    for group in groups:
        text = group[0].text
        for line in group[1:]:
            text = join_lines(text, line.text, vocabulary)
        paragraphs.append(text.strip())
    return [p for p in paragraphs if p]


def _usual_spacing(lines: list[Line]) -> float:
    """The median distance between baselines of consecutive lines in one column."""
    gaps = [
        a.y0 - b.y0
        for a, b in itertools.pairwise(lines)
        if a.flow == b.flow and a.size == b.size and 0 < a.y0 - b.y0 < 3 * a.size
    ]
    return statistics.median(gaps) if gaps else 1.2 * (lines[0].size if lines else 10.0)


def _starts_paragraph(before: Line, line: Line, spacing: float, right_edge: float) -> bool:
    """Does ``line`` open a new paragraph after ``before``?

    Within a column: a wider gap than usual, or an indent after a full stop.  At a jump to the
    next column or page there is no gap to measure: a sentence running on continues, and so does
    one that ends flush with the column's right edge (a paragraph's last line is rarely full).
    """
    if abs(before.size - line.size) > 0.6:  # a heading, or the body after one
        return True
    if before.flow != line.flow:
        full = before.x1 >= right_edge - 1.5 * before.size
        return before.text.endswith(_SENTENCE_END) and not full
    gap = before.y0 - line.y0
    if gap <= 0 or gap > spacing * 1.3:
        return True
    indent = line.x0 - before.x0 > 0.8 * line.size
    return indent and before.text.endswith(_SENTENCE_END)


def _vocabulary(lines: list[Line]) -> Counter[str]:
    """Words as the document spells them mid-line: evidence for undoing hyphenation."""
    words: Counter[str] = Counter()
    for line in lines:
        for word in re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*", line.text):
            words[word.casefold()] += 1
    return words


def join_lines(text: str, line: str, vocabulary: Counter[str] | None = None) -> str:
    """``text`` continued by the next line of its paragraph: a space, or a hyphenated word rejoined."""
    if text.endswith(_SOFT_HYPHENS) and line[:1].isalpha():
        return text[:-1] + line
    if text.endswith("-") and len(text) > 1 and text[-2].isalpha() and line[:1].isalpha():
        head = re.findall(r"[^\W\d_]+$", text[:-1])
        tail = re.findall(r"^[^\W\d_]+", line)
        if head and tail and not join_hyphenated(head[0], tail[0], vocabulary or Counter()):
            return text + line  # a real hyphen: "well-" + "known"
        return text[:-1] + line
    return f"{text} {line}"


def join_hyphenated(head: str, tail: str, vocabulary: Counter[str]) -> bool:
    """Is "head-" at a line end followed by "tail" one word split by hyphenation?

    The document decides when it can: the word spelt whole elsewhere ("security") means join,
    spelt with its hyphen elsewhere ("cease-fire") means keep.  Otherwise a capital after the
    break ("anti-" / "Western") or a common compound head ("well-", "self-") keeps the hyphen,
    and anything else is hyphenation, which is what most line-end hyphens in typeset text are.
    """
    whole = (head + tail).casefold()
    hyphenated = f"{head}-{tail}".casefold()
    if vocabulary.get(whole):
        return True
    if vocabulary.get(hyphenated):
        return False
    if tail[:1].isupper():
        return False
    return head.casefold() not in _COMPOUND_HEADS


# ---------------------------------------------------------------------------- title and date


def _first_page_title(page: list[Line], body_size: float) -> str:
    """The largest type on the first page (consecutive lines of it joined), if larger than the body."""
    if not page:
        return ""
    largest = max(line.size for line in page)
    if largest < body_size * 1.25:
        return ""
    ordered = sorted(page, key=lambda line: -line.y1)
    title: list[str] = []
    for line in ordered:
        if abs(line.size - largest) <= 0.6:
            title.append(line.text)
        elif title:
            break
    joined = " ".join(title)
    return joined[:300] if len(joined) < 300 else ""


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
