"""Briefing → Word document (python-docx), in the order of the chosen template's ``cards``.

The Word file has the content of the built-in HTML templates (title block, BLUF box, key facts,
forces, statements, outlook with ICD 203 labels, timeline, places, numbered sources with
Admiralty grades), laid out with Word's own styles (Title, Heading 1/2, Quote, List Bullet, table
styles) so a reader restyles it in Word.  Only the template's manifest is read (its card order,
title, accent colour, boilerplate and ``max_<card>`` limits); no template code runs, which is why
the CLI may write a .docx in its own process while HTML/PDF renders go to ``render_process``.

Empty cards are left out, as the default template does.  The briefing itself travels inside the
file (``docx_embed``), so the .docx reopens as an editable briefing.
"""

from __future__ import annotations

import datetime as dt
import io
import os
from pathlib import Path
from typing import TYPE_CHECKING

from . import locator_map
from .citations import admiralty_grade, grade_words
from .docx_finish import finish_document
from .docx_layout import (
    add_marking_bands,
    hex_colour,
    repeat_header_row,
    set_theme_accent,
    set_up_page,
    set_up_styles,
    shade_cell,
    tint,
    xml_text,
)
from .docx_sources import add_support_marks, sources_line
from .errors import RenderError
from .model import LIKELIHOODS, Briefing, Item
from .render import MAX_ITEMS_PER_CARD, write_output
from .templates import CARD_TITLES, Template, get_template
from .verbatim import analyst_likelihoods, honest_disclaimer

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

ICD_PERCENT = ("1–5 %", "5–20 %", "20–45 %", "45–55 %", "55–80 %", "80–95 %", "95–99 %")
#: stripped from the ends of a reported (indirect) statement: it is not the speaker's words
_QUOTE_MARKS = "\"'“”‘’«»„‚‹›"


class _Writer:
    """Writes one briefing into one python-docx Document; a class only to share refs and widths."""

    def __init__(self, doc: Document, briefing: Briefing, template: Template, width_mm: float) -> None:
        self.doc, self.b, self.t, self.width_mm = doc, briefing, template, width_mm
        self.refs = {s.id: n for n, s in enumerate(briefing.sources, 1)}
        self.accent = hex_colour(template.style.get("accent"))
        self.omitted: dict[str, int] = {}

    # ------------------------------------------------------------------ helpers

    def items(self, card: str) -> list:
        """A card's items, cut to the template's ``max_<card>`` and to MAX_ITEMS_PER_CARD."""
        items = list(getattr(self.b, card))
        limit = MAX_ITEMS_PER_CARD
        wanted = self.t.style.get(f"max_{card}")
        if isinstance(wanted, int) and not isinstance(wanted, bool) and wanted >= 0:
            limit = min(limit, wanted)
        if len(items) > limit:
            self.omitted[card] = len(items) - limit
        return items[:limit]

    def para(self, text: str = "", style: str | None = None) -> Paragraph:
        return self.doc.add_paragraph(xml_text(text), style=style)

    def add_refs(self, paragraph: Paragraph, item: Item) -> None:
        """Superscript [n] for each source the item's evidence points into, as the HTML does."""
        seen: list[int] = []
        for span in item.evidence:
            n = self.refs.get(span.source_id)
            if n is not None and n not in seen:
                seen.append(n)
        for n in seen:
            paragraph.add_run(f"[{n}]").font.superscript = True
        add_support_marks(self.b, paragraph, item)  # several sources: single-source tag, conflicts

    def table(self, rows: int, widths_mm: list[float], style: str, header: list[str] | None = None) -> Table:
        from docx.shared import Mm

        table = self.doc.add_table(rows=rows + (1 if header else 0), cols=len(widths_mm))
        table.style = self.doc.styles[style]
        table.autofit = False
        # Word reads each cell's width, LibreOffice the grid's: set both
        for column, width in zip(table.columns, widths_mm, strict=True):
            column.width = Mm(width)
            for cell in column.cells:
                cell.width = Mm(width)
        if header:
            for cell, text in zip(table.rows[0].cells, header, strict=True):
                cell.text = text
            repeat_header_row(table.rows[0])
        return table

    def cell_text(self, cell, text: str, item: Item | None = None, *, bold: bool = False) -> None:
        paragraph = cell.paragraphs[0]
        paragraph.paragraph_format.space_after = 0
        run = paragraph.add_run(xml_text(text))
        run.bold = bold or None
        if item is not None:
            self.add_refs(paragraph, item)

    # ------------------------------------------------------------------ title block

    def title_block(self) -> None:
        b, source = self.b, (self.b.sources[0] if self.b.sources else None)
        self.title = b.title or (source.title if source else "") or "Untitled briefing"
        self.para(self.title, "Title")
        organisation = b.organisation or str(self.t.boilerplate.get("organisation", ""))
        self.para(" · ".join(x for x in (self.t.title, organisation) if x), "Subtitle")
        if len(b.sources) > 1:
            self.para(sources_line(b), "Briefing Meta")
        elif source:
            line = self.para("Source: ", "Briefing Meta")
            if source.title and source.title != self.title:
                line.add_run(xml_text(source.title.rstrip("."))).italic = True
                line.add_run(", ")
            where = source.outlet or source.file_name or "article"
            line.add_run(xml_text(where + (f", {source.date.isoformat()}" if source.date else "")))
        prepared = f"Prepared {dt.date.today().isoformat()}" + (f" by {b.author}" if b.author else "")
        self.para(prepared, "Briefing Meta")
        if organisation:
            self.para(f"Organisation: {organisation}", "Briefing Meta")
        if self.t.boilerplate.get("distribution"):
            self.para(f"Distribution: {self.t.boilerplate['distribution']}", "Briefing Meta")

    # ------------------------------------------------------------------ cards

    def has_content(self, card: str) -> bool:
        if card == "situation":
            s = self.b.situation
            return bool(s.bluf or s.summary or s.key_facts)
        return bool(getattr(self.b, card))

    def situation(self) -> None:
        s = self.b.situation
        self.locator_map()
        if s.bluf:
            box = self.table(1, [self.width_mm], "Table Grid")
            cell = box.cell(0, 0)
            shade_cell(cell, tint(self.accent))
            cell.paragraphs[0].style = self.doc.styles["BLUF Label"]
            cell.paragraphs[0].add_run("Bottom line up front")
            cell.add_paragraph(xml_text(s.bluf), style="BLUF")
            self.para("")  # Word joins two tables that touch; the summary may be empty
        if s.summary:
            self.para(s.summary)
        if s.key_facts:
            self.doc.add_heading("Key facts", level=2)
            table = self.table(len(s.key_facts), [28, self.width_mm - 28], "Table Grid")
            for row, fact in zip(table.rows, s.key_facts, strict=True):
                self.cell_text(row.cells[0], fact.label.capitalize(), bold=True)
                self.cell_text(row.cells[1], fact.text, fact)

    def locator_map(self) -> None:
        """The map as a picture: the SVG for Word 2016+, a 3x PNG for every other reader."""
        from .docx_svg import add_svg_to_picture
        from .map_context import map_options

        show, width, height = map_options(self.t.manifest)
        data = locator_map.png(self.b.places, width, height, scale=3.0) if show else b""
        if data:
            from docx.shared import Mm

            # at most 60 mm tall, so a small map stays small (the one-pager's)
            shape = self.doc.add_picture(io.BytesIO(data), width=Mm(min(self.width_mm, 60 * width / height)))
            add_svg_to_picture(self.doc, shape, locator_map.svg(self.b.places, width, height))

    def forces(self) -> None:
        forces = self.items("forces")
        w = self.width_mm
        table = self.table(
            len(forces),
            [w * 0.26, w * 0.16, w * 0.2, w * 0.22, w * 0.16],
            "Light List Accent 1",
            ["Actor", "Strength", "Type", "Location", "Status"],
        )
        for row, f in zip(table.rows[1:], forces, strict=True):
            strength = (
                f"{f.qualifier + ' ' if f.qualifier else ''}{f.strength:,}" if f.strength is not None else "–"
            )
            self.cell_text(row.cells[0], f.actor, f)
            for cell, text in zip(row.cells[1:], (strength, f.unit_type, f.location, f.status), strict=True):
                self.cell_text(cell, text or "–")

    def quotes(self) -> None:
        quotes = self.items("quotes")
        for q in (q for q in quotes if q.kind == "direct"):
            words = self.para(f"“{q.text}”", "Quote")
            self.add_refs(words, q)
            who = (q.speaker or "unattributed") + (f", {q.speaker_role}" if q.speaker_role else "")
            self.para(f"— {who}", "Quote Attribution")
        reported = [q for q in quotes if q.kind == "indirect"]
        if reported:
            self.doc.add_heading("Reported", level=2)
        for q in reported:
            # reported speech: speaker, cue ("said that"), content, and no quotation marks
            cue = str(getattr(q, "cue", "") or "").strip()
            content = str(getattr(q, "content", "") or "").strip() or q.text
            content = content.strip().strip(_QUOTE_MARKS).strip()
            line = self.para("", "List Bullet")
            if cue:  # "Officials (senior US defence) said that …", as the HTML templates write it
                speaker = q.speaker[:1].upper() + q.speaker[1:] if q.speaker else "Unattributed"
                line.add_run(xml_text(speaker)).bold = True
                role = f" ({q.speaker_role})" if q.speaker_role else ""
                line.add_run(xml_text(f"{role} {cue} {content}"))
            else:
                line.add_run(xml_text(q.speaker or "Unattributed")).bold = True
                line.add_run(xml_text(f": {content}"))
            self.add_refs(line, q)

    def outlook(self) -> None:
        for o in self.items("outlook"):
            line = self.para("", "List Bullet")
            label = line.add_run(xml_text(o.likelihood or "not assessed"))
            label.bold, label.font.small_caps = True, True
            line.add_run(xml_text(f"  {o.statement}"))
            if o.timeframe:
                line.add_run(xml_text(f" ({o.timeframe})")).italic = True
            self.add_refs(line, o)
        self.icd_scale()

    def icd_scale(self) -> None:
        """The seven ICD 203 terms with their ranges, the words used above in bold."""
        from docx.enum.text import WD_PARAGRAPH_ALIGNMENT
        from docx.shared import Pt

        used = {o.likelihood for o in self.b.outlook}
        table = self.table(2, [self.width_mm / 7] * 7, "Table Grid")
        for n, (word, share) in enumerate(zip(LIKELIHOODS, ICD_PERCENT, strict=True)):
            for row, text in ((0, word), (1, share)):
                paragraph = table.cell(row, n).paragraphs[0]
                paragraph.alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
                paragraph.paragraph_format.space_after = 0
                run = paragraph.add_run(text)
                run.font.size = Pt(7.5)
                run.bold = (row == 0 and word in used) or None
        legend = self.para("Likelihood terms: ICD 203 estimative language.", "Disclaimer")
        legend.paragraph_format.space_before = Pt(2)

    def timeline(self) -> None:
        events = self.items("timeline")
        table = self.table(len(events), [30, self.width_mm - 30], "Light List Accent 1", ["Date", "Event"])
        for row, t in zip(table.rows[1:], events, strict=True):
            self.cell_text(row.cells[0], t.date or t.date_text or "–")
            self.cell_text(row.cells[1], t.event, t)

    def places(self) -> None:
        places = self.items("places")
        w = self.width_mm
        table = self.table(
            len(places),
            [w * 0.4, w * 0.25, w * 0.35],
            "Light List Accent 1",
            ["Place", "Kind", "Coordinates"],
        )
        for row, p in zip(table.rows[1:], places, strict=True):
            kind = p.kind + (f" ({p.country_code})" if p.country_code else "")
            where = "–"
            if p.lat is not None and p.lon is not None:
                where = (
                    f"{abs(p.lat):.2f}° {'N' if p.lat >= 0 else 'S'}, "
                    f"{abs(p.lon):.2f}° {'E' if p.lon >= 0 else 'W'}"
                )
            for cell, text in zip(row.cells, (p.name, kind, where), strict=True):
                self.cell_text(cell, text)

    def sources(self) -> None:
        from docx.shared import Pt

        self.doc.add_heading("Sources", level=1)
        for n, s in enumerate(self.b.sources, 1):
            line = self.para(f"[{n}]\t", "Source Entry")
            name = (s.title or s.standfirst[:140] or s.file_name or "Untitled article").rstrip(".")
            line.add_run(xml_text(name)).italic = True
            line.add_run(
                xml_text(
                    "".join(
                        (
                            f", {s.author}" if s.author else "",
                            f", {s.outlet}" if s.outlet else "",
                            f", {'published ' if s.accessed else ''}{s.date.isoformat()}" if s.date else "",
                            f", accessed {s.accessed.isoformat()}" if s.accessed else "",
                            ".",
                        )
                    )
                )
            )
            if s.reliability or s.credibility:
                line.add_run("  ")
                line.add_run(xml_text(admiralty_grade(s))).bold = True
                if words := grade_words(s):
                    line.add_run(xml_text(f" ({words})"))
            where = " · ".join(x for x in (s.url, f"file {s.file_name}" if s.file_name else "") if x)
            if where:
                line.add_run().add_break()
                line.add_run(xml_text(where)).font.size = Pt(8)

    # ------------------------------------------------------------------ whole document

    def write(self) -> None:
        self.title_block()
        for card in self.t.cards:
            if card in CARD_TITLES and self.has_content(card):
                self.doc.add_heading(CARD_TITLES[card], level=1)
                getattr(self, card)()
        if self.b.sources:
            self.sources()
        if self.omitted:
            more = ", ".join(f"{n} more {card}" for card, n in sorted(self.omitted.items()))
            self.para(
                f"This document shows the first items of each card; the briefing file holds {more}.",
                "Disclaimer",
            )
        if self.t.boilerplate.get("disclaimer"):
            analysed = analyst_likelihoods(self.b)
            self.para(honest_disclaimer(str(self.t.boilerplate["disclaimer"]), analysed), "Disclaimer")


def render_docx(
    briefing: Briefing, template: str | Template | None = None, *, page_size: str | None = None
) -> bytes:
    """The briefing as the bytes of a .docx, laid out per ``template`` (default: the briefing's).

    A Word template (``kind = "docx"``) is filled instead (``word_templates``): that runs the
    template's tags, so callers that render someone else's template do it in a child process.
    """
    import docx

    tpl = template if isinstance(template, Template) else get_template(template or briefing.template)
    if tpl.is_word:
        from .word_templates import fill_word_template

        return fill_word_template(briefing, tpl, page_size=page_size)
    document = docx.Document()
    try:
        section = document.sections[0]
        width = set_up_page(section, page_size or tpl.page_size)
        writer = _Writer(document, briefing, tpl, width)
        set_up_styles(document, writer.accent)
        set_theme_accent(document, writer.accent)
        writer.write()
        add_marking_bands(document, section, briefing.marking, writer.title, width)
        finish_document(document, briefing, writer.title, tpl.title, tpl.name)
        out = io.BytesIO()
        document.save(out)
    except MemoryError:
        raise RenderError(
            f"the Word document with template {tpl.name!r} needed more memory than allowed"
        ) from None
    except (ValueError, KeyError) as exc:  # python-docx refusing a value we failed to clean
        raise RenderError(f"could not write the Word document with template {tpl.name!r}: {exc}") from None
    return out.getvalue()


def export_docx(
    briefing: Briefing,
    out_path: str | os.PathLike[str],
    template: str | Template | None = None,
    *,
    page_size: str | None = None,
) -> Path:
    """Write the .docx atomically (readers see the old file or the new one); returns its path."""
    out = Path(out_path)
    write_output(out, render_docx(briefing, template, page_size=page_size))
    return out
