"""What Edit ▸ Copy Briefing and Copy Card put on the clipboard: formatted HTML and plain text.

Word, Outlook and web mail paste the HTML with its headings, tables and lists; a text editor or a
chat box gets the plain text.  Both are built here, in the core, so the editor only hands them to
the clipboard.  Every value is escaped with markupsafe (an article's words can hold ``<script>``);
styles are inline because pasted HTML keeps no style sheet.  The handling marking goes first, on
its own line, in both forms and for a single card too: a pasted excerpt must carry its marking.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markupsafe import Markup, escape

from .merge import citation_numbers
from .model import Briefing, Item
from .templates import CARD_TITLES

#: the cards in briefing order, and the sources list that ends a whole briefing
CARDS: tuple[str, ...] = ("situation", "forces", "quotes", "outlook", "timeline", "places")
_TABLE = 'style="border-collapse:collapse;margin:4pt 0 8pt 0"'
_CELL = 'style="border:1px solid #999;padding:2pt 6pt;vertical-align:top;text-align:left"'
_HEAD = 'style="border:1px solid #999;padding:2pt 6pt;background:#e8ecf2;text-align:left"'
_MARKING = 'style="font-weight:bold;letter-spacing:0.05em;margin:0 0 6pt 0"'


@dataclass(frozen=True)
class ClipboardContent:
    html: str
    text: str


def briefing_for_clipboard(briefing: Briefing) -> ClipboardContent:
    """The whole briefing: marking, title, every card with content, the sources."""
    html = [_marking_html(briefing), f"<h1>{escape(briefing.title or 'Untitled briefing')}</h1>"]
    text = [briefing.marking, "", briefing.title or "Untitled briefing", ""]
    for card in (*CARDS, "sources"):
        part = _card(briefing, card)
        if part is not None:
            html.append(part.html)
            text.append(part.text)
    return ClipboardContent("\n".join(html), "\n".join(text).rstrip() + "\n")


def card_for_clipboard(briefing: Briefing, card: str) -> ClipboardContent:
    """One card (``"situation"``, ``"forces"``, …, ``"sources"``) under the briefing's marking."""
    if card not in (*CARDS, "sources"):
        raise ValueError(f"unknown card {card!r}")
    part = _card(briefing, card) or ClipboardContent(
        f"<h2>{escape(_title(card))}</h2><p>(empty)</p>", f"{_title(card)}\n(empty)\n"
    )
    return ClipboardContent(
        f"{_marking_html(briefing)}\n{part.html}", f"{briefing.marking}\n\n{part.text.rstrip()}\n"
    )


# ---------------------------------------------------------------------------- cards


def _card(briefing: Briefing, card: str) -> ClipboardContent | None:
    """A card's HTML and text, or None when it has nothing to show."""
    builder: Callable[[Briefing], tuple[list[str], list[str]] | None] = _BUILDERS[card]
    built = builder(briefing)
    if built is None:
        return None
    html, text = built
    title = _title(card)
    return ClipboardContent(
        f"<h2>{escape(title)}</h2>\n" + "\n".join(html), "\n".join([title, "-" * len(title), *text, ""])
    )


def _situation(b: Briefing) -> tuple[list[str], list[str]] | None:
    s = b.situation
    if not (s.bluf or s.summary or s.key_facts):
        return None
    html, text = [], []
    if s.bluf:
        html.append(f"<p><b>BLUF:</b> {escape(s.bluf)}</p>")
        text.append(f"BLUF: {s.bluf}")
    if s.summary:
        html.append(f"<p>{escape(s.summary)}</p>")
        text.append(s.summary)
    if s.key_facts:
        rows = [
            f"<li><b>{escape(f.label.title())}:</b> {escape(f.text)}{_refs(b, f)}</li>" for f in s.key_facts
        ]
        html.append("<ul>" + "".join(rows) + "</ul>")
        text += [f"- {f.label.title()}: {f.text}{_refs_text(b, f)}" for f in s.key_facts]
    return html, text


def _forces(b: Briefing) -> tuple[list[str], list[str]] | None:
    if not b.forces:
        return None
    rows = []
    for f in b.forces:
        strength = "–"
        if f.strength is not None:
            strength = f"{f.qualifier + ' ' if f.qualifier else ''}{f.strength:,}"
        actor = f.actor + _refs_text(b, f)
        rows.append((actor, strength, f.unit_type or "–", f.location or "–", f.status or "–"))
    return _table(("Actor", "Strength", "Type", "Location", "Status"), rows)


def _quotes(b: Briefing) -> tuple[list[str], list[str]] | None:
    if not b.quotes:
        return None
    html, text = [], []
    for q in b.quotes:
        who = (q.speaker or "Unattributed") + (f" ({q.speaker_role})" if q.speaker_role else "")
        if q.kind == "indirect":
            said = f"{q.cue} {q.content or q.text}" if q.cue else f": {q.content or q.text}"
            line = f"{who} {said}" if q.cue else f"{who}{said}"
            html.append(f"<li><b>{escape(who)}</b>{escape(line[len(who):])}{_refs(b, q)}</li>")
            text.append(f"- {line}{_refs_text(b, q)}")
        else:
            html.append(f"<li>“{escape(q.text)}” — <b>{escape(who)}</b>{_refs(b, q)}</li>")
            text.append(f"- “{q.text}” — {who}{_refs_text(b, q)}")
    return ["<ul>" + "".join(html) + "</ul>"], text


def _outlook(b: Briefing) -> tuple[list[str], list[str]] | None:
    if not b.outlook:
        return None
    html, text = [], []
    for o in b.outlook:
        label = (o.likelihood or "not assessed").upper()
        when = f" ({o.timeframe})" if o.timeframe else ""
        html.append(f"<li><b>{escape(label)}</b> {escape(o.statement)}{escape(when)}{_refs(b, o)}</li>")
        text.append(f"- {label}: {o.statement}{when}{_refs_text(b, o)}")
    return ["<ul>" + "".join(html) + "</ul>"], text


def _timeline(b: Briefing) -> tuple[list[str], list[str]] | None:
    if not b.timeline:
        return None
    rows = [(t.date or t.date_text or "–", t.event + _refs_text(b, t)) for t in b.timeline]
    return _table(("Date", "Event"), rows)


def _places(b: Briefing) -> tuple[list[str], list[str]] | None:
    if not b.places:
        return None
    rows = []
    for p in b.places:
        where = "–"
        if p.lat is not None and p.lon is not None:
            north, east = "N" if p.lat >= 0 else "S", "E" if p.lon >= 0 else "W"
            where = f"{abs(p.lat):.2f}° {north}, {abs(p.lon):.2f}° {east}"
        rows.append((p.name, p.kind + (f" ({p.country_code})" if p.country_code else ""), where))
    return _table(("Place", "Kind", "Coordinates"), rows)


def _sources(b: Briefing) -> tuple[list[str], list[str]] | None:
    if not b.sources:
        return None
    html, text = [], []
    for n, s in enumerate(b.sources, 1):
        name = (s.title or s.standfirst[:140] or s.file_name or "Untitled article").rstrip(".")
        details = "".join((f", {s.outlet}" if s.outlet else "", f", {s.date.isoformat()}" if s.date else ""))
        accessed = f" (accessed {s.accessed.isoformat()})" if s.accessed else ""
        web = s.url.startswith(("http://", "https://"))  # a link only where a click is safe
        link = f' <a href="{escape(s.url)}">{escape(s.url)}</a>' if web else ""
        html.append(f"<li><i>{escape(name)}</i>{escape(details)}.{escape(accessed)}{Markup(link)}</li>")
        text.append(f"[{n}] {name}{details}.{accessed}{' ' + s.url if s.url else ''}")
    return ["<ol>" + "".join(html) + "</ol>"], text


_BUILDERS = {
    "situation": _situation,
    "forces": _forces,
    "quotes": _quotes,
    "outlook": _outlook,
    "timeline": _timeline,
    "places": _places,
    "sources": _sources,
}


# ---------------------------------------------------------------------------- pieces


def _title(card: str) -> str:
    return "Sources" if card == "sources" else CARD_TITLES.get(card, card.title())


def _marking_html(b: Briefing) -> str:
    return f"<p {_MARKING}>{escape(b.marking)}</p>"


def _table(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> tuple[list[str], list[str]]:
    """An HTML table with borders, and the same as padded plain-text columns."""
    head = "".join(f"<th {_HEAD}>{escape(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td {_CELL}>{escape(c)}</td>" for c in row) + "</tr>" for row in rows)
    html = f"<table {_TABLE}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    widths = [min(40, max(len(str(r[i])) for r in (header, *rows))) for i in range(len(header))]
    lines = [
        "  ".join(str(c).ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in (header, *rows)
    ]
    return [html], lines


def _refs(b: Briefing, item: Item) -> Markup:
    """ [1][2] after an item, when the briefing has more than one source."""
    return escape(_refs_text(b, item))


def _refs_text(b: Briefing, item: Item) -> str:
    if len(b.sources) < 2:
        return ""
    return " " + "".join(f"[{n}]" for n in citation_numbers(b, item)) if citation_numbers(b, item) else ""
