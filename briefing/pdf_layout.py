"""PDF page layout into text: running heads dropped, columns ordered, paragraphs and words rejoined.

Works on :class:`Line` records (text, box, type size) that ``briefing.ingest_pdf`` reads with
pdfminer.six; nothing here parses PDF, so each rule is tested on plain data.
"""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from dataclasses import dataclass

#: the share of the page height at its top and bottom where running heads and folios live
_MARGIN_BAND = 0.12
_SENTENCE_END = tuple(".!?:;\"”’')»]")
_SOFT_HYPHENS = ("\u2010", "\u00ad")  # hyphenation marks that typesetters (WeasyPrint) insert
_PAGE_NUMBER = re.compile(
    r"(?:page|p\.|seite|pagina)?\s*[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?\s*(?:(?:of|/|von|de)\s*\d{1,4})?",
    re.IGNORECASE,
)
_DIGITS = re.compile(r"\d+")
#: first halves of compounds that keep their hyphen at a line end when the document has no other
#: spelling of the word to go by ("well-known", "self-defence", "non-state")
_COMPOUND_HEADS = frozenset(
    {"well", "self", "long", "short", "high", "low", "half", "non", "anti", "cross", "multi", "semi"}
    | {"so", "all", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
    | {"first", "second", "third", "full", "large", "small", "state", "government"}
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


class PageLines(list):
    """A page's lines, with the page's box (x0, y0, x1, y1): the header test needs its height."""

    bbox: tuple[float, float, float, float] = (0.0, 0.0, 612.0, 792.0)


def page_lines(lines: list[Line], bbox: tuple[float, float, float, float]) -> PageLines:
    page = PageLines(lines)
    page.bbox = bbox
    return page


# ---------------------------------------------------------------------------- running heads


def is_page_number(text: str) -> bool:
    """"3", "- 3 -", "Page 3", "Page 3 of 9", "3 / 9": a folio, not text."""
    return bool(_PAGE_NUMBER.fullmatch(text.strip()))


def drop_running_lines(pages: list[list[Line]]) -> list[list[Line]]:
    """Pages without running headers, footers and page numbers.

    A line in the top or bottom band of a page is dropped when it is a page number, or when the
    same words (digits aside: "Page 3", "Page 4") stand at about the same height (within ~8 pt)
    on two pages of a short document or three of a longer one.  Three, not half: books and
    reports alternate heads (the title on even pages, the chapter on odd ones), and a chapter's
    head repeats only within the chapter; the same words at the same place on three pages of
    the margin are a running head, not text.
    """
    counts: Counter[tuple[str, int]] = Counter()
    for page in pages:
        counts.update({(_running_key(line), _height(line)) for line in page if _in_margin(line, page)})
    needed = 2 if len(pages) <= 4 else 3

    def running(line: Line) -> bool:
        key, height = _running_key(line), _height(line)
        return sum(counts[(key, height + step)] for step in (-1, 0, 1)) >= needed

    kept: list[list[Line]] = []
    for page in pages:
        rest = PageLines(
            line
            for line in page
            if not (_in_margin(line, page) and (is_page_number(line.text) or running(line)))
        )
        rest.bbox = getattr(page, "bbox", PageLines.bbox)
        kept.append(rest)
    return kept


def _height(line: Line) -> int:
    """The line's height on the page in 4 pt steps (neighbouring steps count as the same place)."""
    return round(line.y0 / 4)


def _in_margin(line: Line, page: list[Line]) -> bool:
    _x0, bottom, _x1, top = getattr(page, "bbox", PageLines.bbox)
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
    if sum(line.x0 > middle for line in page) < 3 or sum(line.x1 < middle for line in page) < 3:
        for line in lines:  # one column (a stray right-aligned line or two aside): one flow
            line.flow = (number, 0, 0)
        return lines
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

    in_full_band = False
    for line in lines:
        full_width = line.x0 < middle - 4 < middle + 4 < line.x1  # crosses the gutter
        if band and full_width != in_full_band:
            flush()
        in_full_band = full_width
        band.append(line)
    flush()
    return ordered


# ---------------------------------------------------------------------------- paragraphs


def body_size(lines: list[Line]) -> float:
    """The commonest type size, weighted by characters: the size the article is set in."""
    weights: Counter[float] = Counter()
    for line in lines:
        weights[line.size] += len(line.text)
    return weights.most_common(1)[0][0] if weights else 10.0


def build_paragraphs(lines: list[Line], body_size: float) -> list[str]:
    """Lines in reading order → paragraphs (lines joined, hyphenation undone)."""
    spacing = _usual_spacing(lines)
    edges: dict[tuple[int, int, int], tuple[float, float]] = {}
    for line in lines:
        left, right = edges.get(line.flow, (line.x0, line.x1))
        edges[line.flow] = (min(left, line.x0), max(right, line.x1))
    groups: list[list[Line]] = []
    for before, line in zip([None, *lines], lines, strict=False):
        # larger type has wider line spacing: a two-line headline is one paragraph
        usual = spacing * max(1.0, before.size / body_size) if before is not None else spacing
        if before is None or _starts_paragraph(before, line, usual, edges[before.flow]):
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


def _starts_paragraph(before: Line, line: Line, spacing: float, edges: tuple[float, float]) -> bool:
    """Does ``line`` open a new paragraph after ``before``?

    Within a column: a wider gap than usual, an indent, or a sentence that ends on a line the next
    word would have fitted on (paragraphs set with neither space nor indent between them, as
    Word's Normal style is).
    At a jump to the next column or page there is no gap to measure: a sentence running on
    continues, and so does one that ends flush with the column's right edge (a paragraph's last
    line is rarely full).
    """
    _left, right = edges
    if abs(before.size - line.size) > 0.6:  # a heading, or the body after one
        return True
    ends_sentence = before.text.endswith(_SENTENCE_END)
    if before.flow != line.flow:
        return ends_sentence and before.x1 < right - 1.5 * before.size
    gap = before.y0 - line.y0
    if gap <= 0 or gap > spacing * 1.3:
        return True
    if line.x0 - before.x0 > 0.8 * line.size:  # first-line indent
        return ends_sentence
    # a line is short when the next line's first word would have fitted at its end: the
    # typesetter broke it on purpose (a word that did not fit is how ragged-right lines end)
    char_width = (before.x1 - before.x0) / max(1, len(before.text))
    first_word = line.text.split(" ", 1)[0]
    room = right - before.x1
    return ends_sentence and (len(first_word) + 2) * char_width < room


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


def first_page_title(page: list[Line], body_size: float) -> str:
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
