"""Articles in: read a .txt, .md or .html file (or pasted text) into a :class:`Source`.

The text a ``Source`` carries is canonical: every evidence span is a pair of character
offsets into it, so it is produced once, here, and never rewritten later.  That is why the
cleaning is deliberately minimal — strip a byte-order mark, turn ``\\r\\n``/``\\r`` into
``\\n`` — and why header lines we parse (a ``date`` line, a title line) stay in the text.

Every refusal raises :class:`IngestError` with one line a person can act on, naming the file.
Nothing here touches the network: web pages are parsed from the bytes on disk only.
"""

from __future__ import annotations

import codecs
import datetime as dt
import os
import re
import unicodedata
from pathlib import Path
from typing import Any

from .errors import IngestError
from .model import Source
from .safe_io import MIB, mib, read_regular, replace_lone_surrogates

MAX_BYTES = 5 * MIB
ARTICLE_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")

#: how much of the start of a file is sniffed for NUL bytes and control characters
_SNIFF = 8192
#: above this share of control characters in the sniffed text, the "text" is really binary data
_CONTROL_SHARE = 0.10
#: control characters that ordinary text files do contain
_TEXT_CONTROLS = frozenset("\t\n\r\f\v")
#: longest line still taken for a title (headlines are short; a first paragraph is not)
_TITLE_MAX = 150
#: fewer words than this from a web page is a menu, a cookie wall or a script stub, not news
_MIN_PAGE_WORDS = 15
#: UTF-32 first: its little-endian BOM begins with the UTF-16 little-endian one.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_DATE_LINE = re.compile(r"[ \t]*date:?[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]+(.*?))?[ \t]*", re.IGNORECASE)
#: a final full stop that belongs to an abbreviation such as "U.S." or "a.m."
_ABBREVIATION_END = re.compile(r"(?:^|\s)(?:\w\.){2,}$")
_MD_HEADING = re.compile(r"#[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+")
_FRONT_MATTER_KEYS = {
    "title": "title",
    "date": "date",
    "source": "outlet",
    "outlet": "outlet",
    "publisher": "outlet",
    "url": "url",
    "link": "url",
    "standfirst": "standfirst",
    "description": "standfirst",
    "subtitle": "standfirst",
}


# ---------------------------------------------------------------------------- public API


def load_article(path: str | os.PathLike[str]) -> Source:
    """Read one article file and dispatch on its suffix (.txt, .md/.markdown, .html/.htm)."""
    path = Path(path)
    raw = _read_file(path)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return _from_html(raw, path.name)
    text = decode_bytes(raw, path.name)
    if suffix in (".md", ".markdown"):
        return _from_markdown(text, path.name)
    return _from_plain(text, path.name)


def source_from_text(text: str, *, title: str = "", file_name: str = "", url: str = "") -> Source:
    """Pasted text, cleaned and parsed exactly like a .txt file; explicit arguments win."""
    origin = file_name or "pasted text"
    text = replace_lone_surrogates(text)  # a clipboard can hold them; no file could be saved
    size = len(text.encode("utf-8"))
    if size > MAX_BYTES:
        limit = mib(MAX_BYTES)
        raise IngestError(f"{origin}: the text is {mib(size)} MiB; articles over {limit} MiB are refused")
    _refuse_control_heavy(text, origin)
    source = _from_plain(text, origin, what="the text")
    updates: dict[str, str] = {"file_name": file_name, "url": url}
    if title.strip():
        updates["title"] = title.strip()
    return source.model_copy(update=updates)


def source_from_html(raw: bytes, origin: str) -> Source:
    """A web page's bytes (a saved file or a fetched page) read like a ``.html`` file."""
    return _from_html(raw, origin)


def decode_page(raw: bytes, origin: str, charset: str = "") -> str:
    """A fetched page's text: BOM, UTF-8, the server's charset, the page's ``<meta>``, cp1252."""
    return _decode(raw, origin, fallbacks=(*((charset,) if charset else ()), *_declared_charsets(raw)))


def decode_bytes(raw: bytes, origin: str) -> str:
    """Turn a file's bytes into text: a BOM decides; else strict UTF-8; else cp1252.

    cp1252 is the last resort because it is what old Windows editors and many web pages
    really write when they say "latin-1", and it can decode almost any byte, so binary data
    has to be caught before (NUL bytes) and after (too many control characters).
    The BOM, if any, is not part of the returned text; newlines are left as they are.
    """
    return _decode(raw, origin, fallbacks=())


# ---------------------------------------------------------------------------- reading files


def _read_file(path: Path) -> bytes:
    """The file's bytes, or a refusal that says in plain words what is wrong with the path."""
    name = path.name or str(path)
    if path.is_dir():
        raise IngestError(f"{name}: this is a folder, not an article file")
    suffix = path.suffix.lower()
    if suffix not in ARTICLE_SUFFIXES:
        kind = f"'{suffix}'" if suffix else "with no suffix"
        raise IngestError(f"{name}: unknown kind of file {kind} (use .txt, .md, .html or .htm)")
    # regular files only (a FIFO would block forever, /dev/zero never end), at most MAX_BYTES
    return read_regular(path, MAX_BYTES, error=IngestError, what="article file", origin=name)


# ---------------------------------------------------------------------------- decoding


def _decode(raw: bytes, origin: str, fallbacks: tuple[str, ...]) -> str:
    """BOM, then UTF-8, then each of ``fallbacks`` (e.g. a page's declared charset), then cp1252."""
    if not raw:
        raise IngestError(f"{origin}: the file is empty")
    for bom, codec in _BOMS:
        if raw.startswith(bom):
            text = raw[len(bom) :].decode(codec, errors="replace")
            break
    else:
        if b"\x00" in raw[:_SNIFF]:
            raise IngestError(f"{origin}: this looks like a binary file, not an article")
        text = _decode_unmarked(raw, fallbacks)
    _refuse_control_heavy(text, origin)
    return text


def _decode_unmarked(raw: bytes, fallbacks: tuple[str, ...]) -> str:
    for codec in ("utf-8", *fallbacks):
        try:
            return raw.decode(codec)
        except (UnicodeDecodeError, LookupError):
            continue
    return raw.decode("cp1252", errors="replace")


def _refuse_control_heavy(text: str, origin: str) -> None:
    """Binary data decoded as cp1252 (or a wrong UTF-16) is full of control characters."""
    sample = text[:_SNIFF]
    if not sample:
        return
    odd = sum(1 for ch in sample if ch == "\ufffd" or (_is_control(ch) and ch not in _TEXT_CONTROLS))
    if odd / len(sample) > _CONTROL_SHARE:
        raise IngestError(f"{origin}: this looks like a binary file, not an article")


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) == "Cc"


def _clean(text: str, origin: str, what: str = "the file") -> str:
    """The canonical text: no BOM, ``\\n`` newlines, nothing else changed; refuse if blank."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text:
        raise IngestError(f"{origin}: {what} is empty")
    if not text.strip():
        raise IngestError(f"{origin}: {what} contains only blank space, no words")
    return text


# ---------------------------------------------------------------------------- plain text


def _from_plain(text: str, origin: str, what: str = "the file") -> Source:
    """A .txt article: the optional ``date YYYY-MM-DD [standfirst]`` first line, then a title.

    Both header lines stay in ``text``: evidence offsets are scored against the file as read.
    """
    text = _clean(text, origin, what)
    lines = text.split("\n")
    date: dt.date | None = None
    standfirst = ""
    title_at = 0
    match = _DATE_LINE.fullmatch(lines[0])
    if match:
        date = _parse_date(match.group(1))
        standfirst = (match.group(2) or "").strip()
        title_at = 1
    title = _title_line(lines, title_at)
    return Source(text=text, title=title, standfirst=standfirst, date=date, file_name=origin)


def date_line_end(text: str) -> int:
    """Where the opening ``date YYYY-MM-DD`` of our .txt layout ends in ``text`` (0 without one).

    The date is metadata (``Source.date``): the extractors skip it, and any standfirst after it on
    the same line stays text."""
    match = _DATE_LINE.fullmatch(text.split("\n", 1)[0])
    return match.end(1) if match else 0


def _title_line(lines: list[str], index: int) -> str:
    """A headline: a short line with no closing full stop, followed by a blank line (or the end)."""
    if index >= len(lines):
        return ""
    line = lines[index].strip()
    if not line or len(line) >= _TITLE_MAX or line.endswith((",", ";", ":")):
        return ""
    if line.endswith(".") and not _ABBREVIATION_END.search(line):
        return ""  # a sentence, not a headline ("… With U.S." is still a headline)
    if index + 1 < len(lines) and lines[index + 1].strip():
        return ""
    return line


def _parse_date(value: str) -> dt.date | None:
    """An ISO date (a longer timestamp is cut to its day); None if it is not a real date."""
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------------------- markdown


def _from_markdown(text: str, origin: str) -> Source:
    """Markdown is kept as written; YAML front matter and a leading ``# Heading`` give metadata."""
    text = _clean(text, origin)
    meta, body = _split_front_matter(text)
    if not body.strip():
        raise IngestError(f"{origin}: the file has a front-matter header but no article text")
    fields: dict[str, Any] = {key: value for key, value in meta.items() if key != "date"}
    if "date" in meta:
        fields["date"] = _parse_date(meta["date"])
    if not fields.get("title"):
        fields["title"] = _markdown_heading(body)
    return Source(text=body, file_name=origin, **fields)


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """``---`` / key: value lines / ``---`` at the very top; without a closing fence it is text."""
    lines = text.split("\n")
    if lines[0].rstrip() != "---":
        return {}, text
    for end in range(1, len(lines)):
        if lines[end].rstrip() in ("---", "..."):
            meta = _front_matter_fields(lines[1:end])
            return meta, "\n".join(lines[end + 1 :]).lstrip("\n")
    return {}, text


def _front_matter_fields(lines: list[str]) -> dict[str, str]:
    """Flat ``key: value`` scalars only; the few keys a Source has a place for."""
    fields: dict[str, str] = {}
    for line in lines:
        key, sep, value = line.partition(":")
        field = _FRONT_MATTER_KEYS.get(key.strip().lower())
        if not sep or field is None or line[:1].isspace():
            continue
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        if value and field not in fields:
            fields[field] = value
    return fields


def _markdown_heading(body: str) -> str:
    """The text of a level-one ``# Heading`` on the first non-blank line, else ""."""
    for line in body.split("\n"):
        if line.strip():
            match = _MD_HEADING.fullmatch(line.strip())
            return match.group(1).strip() if match else ""
    return ""


# ---------------------------------------------------------------------------- web pages


def _from_html(raw: bytes, origin: str) -> Source:
    """A saved web page: trafilatura finds the article body and its metadata, offline."""
    html = _decode(raw, origin, fallbacks=_declared_charsets(raw))
    doc = _extract_html(html)
    body = _paragraphs(doc.get("text") or "")
    if len(body.split()) < _MIN_PAGE_WORDS:
        raise IngestError(f"{origin}: no article text found in this page")
    description = " ".join((doc.get("description") or "").split())
    lead = _missing_lead(description, body, html)
    if lead:
        body = f"{lead}\n\n{body}"
    return Source(
        text=_clean(body, origin),
        title=(doc.get("title") or "").strip(),
        standfirst="" if _contains(body, description) else description,
        outlet=(doc.get("sitename") or "").strip(),
        date=_parse_date(doc.get("date") or ""),
        url=(doc.get("url") or "").strip(),
        file_name=origin,
    )


def _declared_charsets(raw: bytes) -> tuple[str, ...]:
    """The ``<meta charset>`` a page declares, tried after UTF-8 (browsers trust a BOM first)."""
    match = _META_CHARSET.search(raw[:_SNIFF])
    return (match.group(1).decode("ascii"),) if match else ()


def _extract_html(html: str) -> dict[str, Any]:
    """Run trafilatura on the page text only: never a URL, so it can never fetch anything."""
    import trafilatura  # imported here: slow to import, and only web pages need it

    doc = trafilatura.bare_extraction(
        html,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        favor_precision=True,
    )
    if doc is None:
        return {}
    return doc if isinstance(doc, dict) else doc.as_dict()


def _paragraphs(text: str) -> str:
    """Trafilatura puts one block per line; a blank line between blocks, like our .txt files."""
    blocks = [line.strip() for line in text.replace("\r\n", "\n").split("\n")]
    return "\n\n".join(block for block in blocks if block)


def _missing_lead(description: str, body: str, html: str) -> str:
    """A page's lead paragraph, when trafilatura dropped it as a "summary" box.

    Some sites (RT, for one) print the opening sentence in a summary element that the
    extractor skips; the same words are the page's meta description.  We put it back only
    when those words are visible in the page itself, so a blurb written just for search
    engines never becomes article text.
    """
    if len(description) < 60 or _contains(body, description):
        return ""
    return description if _visible_in_page(description, html) else ""


def _visible_in_page(words: str, html: str) -> bool:
    from lxml import etree  # trafilatura's own parser, so always present here
    from lxml import html as lxml_html

    try:
        tree = lxml_html.fromstring(html)
    except (ValueError, TypeError, etree.ParserError):
        return False
    for bad in tree.xpath("//head | //script | //style | //noscript | //template"):
        bad.drop_tree()
    return _contains(tree.text_content(), words)


def _contains(text: str, words: str) -> bool:
    """Substring test on letters and digits only.

    Pages wrap lines anywhere, and a meta description often writes "-" where the body has
    "—", or ends in "…" where it was cut short; none of that makes it different words.
    """
    needle = _squash(words)
    return bool(needle) and needle in _squash(text)


def _squash(text: str) -> str:
    return _NON_WORD.sub("", text).casefold()
