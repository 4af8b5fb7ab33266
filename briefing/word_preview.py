"""A PDF sketch of a filled Word template, for the live preview and the template manager's thumbnails.

Why a sketch and not the real page: only Word or LibreOffice lay out a .docx exactly, and
LibreOffice is neither in CI nor on most analysts' machines (and takes seconds to start for each
page).  So the filled document is read back with python-docx and its blocks, in order, become
plain HTML (Title, Heading 1/2, Quote, list paragraphs, tables, the header's first line) laid out
by WeasyPrint like any preview.  It shows what the template puts where; fonts and spacing are the
export's business.  The HTML is ours (every value escaped); no template code runs here beyond the
fill itself, which is the same sandboxed fill as the export.
"""

from __future__ import annotations

import html
import io
from typing import TYPE_CHECKING

from .model import Briefing

if TYPE_CHECKING:
    from .templates import Template

#: blocks drawn at most: a preview of a 400-row table needs no more
MAX_BLOCKS = 1500
_TAGS = {"Title": "h1", "Heading 1": "h2", "Heading 2": "h3", "Heading 3": "h4", "Quote": "blockquote"}
_CSS = """
@page { size: A4; margin: 18mm 16mm; }
body { font-family: Lato, sans-serif; font-size: 9.5pt; color: #222; }
h1 { font-size: 20pt; color: #2f4f4f; margin: 0 0 4pt; }
h2 { font-size: 13pt; color: #2f4f4f; margin: 12pt 0 4pt; }
h3 { font-size: 11pt; margin: 8pt 0 3pt; }
p { margin: 0 0 4pt; } p.li::before { content: "• "; }
blockquote { font-style: italic; margin: 4pt 0 2pt 16pt; }
table { border-collapse: collapse; width: 100%; margin: 3pt 0 6pt; }
td { border: 0.5pt solid #999; padding: 2pt 3pt; vertical-align: top; }
.band { font-size: 8pt; color: #555; border-bottom: 0.5pt solid #bbb; margin-bottom: 8pt; }
.note { font-size: 7pt; color: #8a5a00; margin-bottom: 4pt; }
"""


def _paragraph(p) -> str:
    text = html.escape(p.text)
    if not text.strip():
        return ""
    style = p.style.name if p.style is not None else ""
    tag = _TAGS.get(style, "p")
    css = ' class="li"' if style.startswith("List") else ""
    return f"<{tag}{css}>{text}</{tag}>"


def _table(t) -> str:
    rows = []
    for row in t.rows[:200]:
        cells = "".join(f"<td>{html.escape(c.text)}</td>" for c in row.cells)
        rows.append(f"<tr>{cells}</tr>")
    return f"<table>{''.join(rows)}</table>"


def docx_to_html(data: bytes, note: str = "") -> str:
    """The body of a .docx as simple HTML, blocks in document order, the header's text as a band
    (and ``note`` above it: the preview says that it is a sketch)."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(io.BytesIO(data))
    header = " · ".join(p.text for p in document.sections[0].header.paragraphs if p.text.strip())
    parts = [f'<div class="note">{html.escape(note)}</div>'] if note else []
    parts += [f'<div class="band">{html.escape(header)}</div>'] if header else []
    for count, block in enumerate(document.iter_inner_content()):
        if count >= MAX_BLOCKS:
            parts.append("<p>…</p>")
            break
        if isinstance(block, Paragraph):
            parts.append(_paragraph(block))
        elif isinstance(block, Table):
            parts.append(_table(block))
    return "<!DOCTYPE html><html><body>" + "".join(parts) + "</body></html>"


def preview_pdf(briefing: Briefing, template: Template, *, page_size: str | None = None) -> bytes:
    """The filled Word template, sketched as a PDF (no embedded briefing: it is only a preview)."""
    import weasyprint

    from .docx_layout import hex_colour
    from .render import _font_config, _lock, font_face_css
    from .template_fetcher import make_fetcher
    from .word_templates import fill_word_template

    data = fill_word_template(briefing, template, page_size=page_size)
    note = f"Sketch of the Word template “{template.title}”: the exported .docx keeps its own layout."
    size = page_size or template.page_size
    accent = "#" + hex_colour(template.style.get("accent"), "2F4F4F")  # validated by the manifest check
    css = font_face_css() + _CSS.replace("size: A4", f"size: {size}").replace("#2f4f4f", accent)
    with _lock:
        fc = _font_config()
        return weasyprint.HTML(string=docx_to_html(data, note), url_fetcher=make_fetcher(template)).write_pdf(
            stylesheets=[weasyprint.CSS(string=css, font_config=fc, url_fetcher=make_fetcher(template))],
            font_config=fc,
        )
