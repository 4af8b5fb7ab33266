"""Build the shipped Word template ``templates/word-brief/template.docx`` (reproducibly).

    .venv/bin/python scripts/make_word_template.py [OUT.docx]

python-docx writes a styled document (Title, Heading 1/2, Table Grid, Quote, List Bullet and the
export's own styles from ``docx_layout.set_up_styles``) whose text holds docxtpl tags: ``{{ … }}``
values, ``{%p … %}`` paragraph blocks (a card is left out when it is empty) and ``{%tr … %}``
table-row loops (one row per force, fact, event or place).  It shows a Word author what a house
template can do; users copy it, restyle it in Word and import it.

Reproducible: fixed core properties and dates, and zip entries written in a fixed order with a
fixed timestamp, so running it again gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from briefing import docx_layout as layout  # noqa: E402  (after the path set-up: this checkout's)

OUT = ROOT / "templates" / "word-brief" / "template.docx"
ACCENT = "2F4F4F"
FIXED = dt.datetime(2026, 1, 1)


def _table(doc, header: list[str], body: list[str], widths_mm: list[float], loop: str, end: str = "endfor"):
    """Header row, ``{%tr for … %}`` row, the row of values repeated per item, ``{%tr endfor %}`` row."""
    from docx.shared import Mm

    table = doc.add_table(rows=4, cols=len(header))
    table.style = doc.styles["Table Grid"]
    table.autofit = False
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)
        for cell in column.cells:
            cell.width = Mm(width)
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.paragraphs[0].add_run(text).bold = True
        layout.shade_cell(cell, layout.tint(ACCENT, 0.8))
    layout.repeat_header_row(table.rows[0])
    table.cell(1, 0).text = f"{{%tr {loop} %}}"
    for cell, text in zip(table.rows[2].cells, body, strict=True):
        cell.text = text
    table.cell(3, 0).text = f"{{%tr {end} %}}"
    return table


def _card_table(doc, card: str, heading: str, level: int, columns: dict[str, str], widths_mm: list[float]):
    """A heading and a one-row-per-item table, left out (``{%p if %}``) when the card is empty.

    ``columns``: header text → the tag of that column; the loop variable is the card's first letter.
    """
    doc.add_paragraph(f"{{%p if {card} %}}")
    doc.add_heading(heading, level=level)
    _table(doc, list(columns), list(columns.values()), widths_mm, f"for {card[0]} in {card}")
    doc.add_paragraph("{%p endif %}")


def build() -> bytes:
    import docx

    doc = docx.Document()
    section = doc.sections[0]
    width = layout.set_up_page(section, "A4")
    layout.set_up_styles(doc, ACCENT)
    layout.set_theme_accent(doc, ACCENT)
    layout.drop_stock_thumbnail(doc)
    p = doc.add_paragraph

    # header: running title left, marking right; footer: marking and "Page N of M"
    from docx.enum.text import WD_TAB_ALIGNMENT
    from docx.shared import Mm

    for style in (doc.styles["Header"], doc.styles["Footer"]):
        style.paragraph_format.tab_stops.clear_all()
        style.paragraph_format.tab_stops.add_tab_stop(Mm(width), WD_TAB_ALIGNMENT.RIGHT)
    top = section.header.paragraphs[0]
    top.add_run("{{ title | truncate(70) }}")  # one line: a long headline would wrap the header
    top.add_run("\t")
    top.add_run("{{ marking }}").bold = True
    bottom = section.footer.paragraphs[0]
    bottom.add_run("Page ")
    layout.add_field(bottom, "PAGE")
    bottom.add_run(" of ")
    layout.add_field(bottom, "NUMPAGES")
    bottom.add_run("\t")
    bottom.add_run("{{ marking }}").bold = True

    # title block
    p("{{ title }}", "Title")
    p("{{ organisation or 'Briefing' }} · prepared {{ generated }}{{ ' by ' ~ b.author if b.author }}",
      "Subtitle")
    # several sources are numbered at the end; the title block says how many (as the HTML ones do)
    p("{% if sources|length > 1 %}{{ sources|length }} sources, listed and graded at the end"
      "{% elif source %}Source: {{ source.title or source.file_name or 'the article' }}"
      "{{ ', ' ~ source.outlet if source.outlet }}"
      "{{ ', ' ~ source.date.isoformat() if source.date }}{% endif %}", "Briefing Meta")
    p("Handling: {{ marking }}", "Briefing Meta")

    # situation: BLUF box, summary, key facts
    p("{%p if bluf or summary or key_facts %}")
    doc.add_heading("Situation", level=1)
    box = doc.add_table(rows=1, cols=1)
    box.style = doc.styles["Table Grid"]
    cell = box.cell(0, 0)
    layout.shade_cell(cell, layout.tint(ACCENT))
    cell.paragraphs[0].style = doc.styles["BLUF Label"]
    cell.paragraphs[0].add_run("Bottom line up front")
    cell.add_paragraph("{{ bluf }}", style="BLUF")
    p("{{ summary }}")
    facts = {"Fact": "{{ k.label | capitalize }}", "Detail": "{{ k.text }} {{ cite(k) }}"}
    _card_table(doc, "key_facts", "Key facts", 2, facts, [30, width - 30])
    p("{%p endif %}")

    # forces
    forces = {
        "Actor": "{{ f.actor }} {{ cite(f) }}",
        "Strength": "{{ strength(f) }}",
        "Type": "{{ f.unit_type or '–' }}",
        "Location": "{{ f.location or '–' }}",
        "Status": "{{ f.status or '–' }}",
    }
    _card_table(doc, "forces", "Forces", 1, forces, [width * x for x in (0.26, 0.16, 0.2, 0.22, 0.16)])

    # statements: direct quotes in the Quote style, reported speech as bullets
    p("{%p if statements %}")
    doc.add_heading("Statements", level=1)
    p("{%p for q in quotes %}")
    p("“{{ q.text }}” {{ cite(q) }}", "Quote")
    p("— {{ q.speaker or 'unattributed' }}{{ ', ' ~ q.speaker_role if q.speaker_role }}", "Quote Attribution")
    p("{%p endfor %}")
    p("{%p if reported %}")
    doc.add_heading("Reported", level=2)
    p("{%p for q in reported %}")
    line = p("", "List Bullet")
    line.add_run("{{ q.speaker or 'Unattributed' }}").bold = True
    line.add_run("{{ ' (' ~ q.speaker_role ~ ')' if q.speaker_role }} {{ q.cue or 'said' }} "
                 "{{ q.content or q.text }} {{ cite(q) }}")
    p("{%p endfor %}")
    p("{%p endif %}")
    p("{%p endif %}")

    # outlook with the ICD 203 labels
    p("{%p if outlook %}")
    doc.add_heading("Outlook", level=1)
    p("{%p for o in outlook %}")
    line = p("", "List Bullet")
    label = line.add_run("{{ o.likelihood or 'not assessed' }}")
    label.bold, label.font.small_caps = True, True
    line.add_run("  {{ o.statement }}{{ ' (' ~ o.timeframe ~ ')' if o.timeframe }} {{ cite(o) }}")
    p("{%p endfor %}")
    p("Likelihood terms (ICD 203): {% for s in icd_scale %}{{ s.word }} {{ s.range }}"
      "{{ ', ' if not loop.last }}{% endfor %}.", "Disclaimer")
    p("{%p endif %}")

    # timeline and places
    events = {"Date": "{{ t.date or t.date_text or '–' }}", "Event": "{{ t.event }} {{ cite(t) }}"}
    _card_table(doc, "timeline", "Timeline", 1, events, [30, width - 30])
    places = {
        "Place": "{{ p.name }}",
        "Kind": "{{ p.kind }}{{ ' (' ~ p.country_code ~ ')' if p.country_code }}",
        "Coordinates": "{{ coords(p) }}",
    }
    _card_table(doc, "places", "Places", 1, places, [width * 0.4, width * 0.25, width * 0.35])

    # sources and boilerplate
    doc.add_heading("Sources", level=1)
    p("{%p for s in sources %}")
    p("[{{ loop.index }}]\t{{ s.title or s.file_name or 'Untitled article' }}"
      "{{ ', ' ~ s.outlet if s.outlet }}{{ ', ' ~ s.date.isoformat() if s.date }}. {{ grade(s) }}",
      "Source Entry")
    p("{%p endfor %}")
    p("{%p if omitted %}")  # a card past 400 items: the document says what only the file holds
    p("This document shows the first items of each card; the briefing file holds "
      "{% for card, n in omitted | dictsort %}{{ n }} more {{ card }}{{ ', ' if not loop.last }}"
      "{% endfor %}.",
      "Disclaimer")
    p("{%p endif %}")
    p("{{ boilerplate.disclaimer or '' }}", "Disclaimer")

    props = doc.core_properties
    props.title, props.author, props.last_modified_by = "Word brief", "Briefing Builder", "Briefing Builder"
    props.created = props.modified = FIXED
    props.revision = 1
    raw = io.BytesIO()
    doc.save(raw)
    return _normalised_zip(raw.getvalue())


def _normalised_zip(data: bytes) -> bytes:
    """The same entries, sorted, with one fixed timestamp: the file no longer depends on the clock."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        names = sorted(src.namelist(), key=lambda n: (n != "[Content_Types].xml", n))
        for name in names:
            info = zipfile.ZipInfo(name, date_time=FIXED.timetuple()[:6])
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(name))
    return out.getvalue()


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build())
    print(f"wrote {out} ({out.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
