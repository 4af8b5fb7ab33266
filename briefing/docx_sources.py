"""Several sources in the Word export: the support marks after an item and the title's source line.

The same words as the HTML templates (``citations.py``): a small "single source" tag and one
"⚠ sources differ on …" line per open or kept conflict, both only when the briefing has two or
more sources, so a one-source document looks as it always did.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .citations import conflict_line, source_entries
from .conflicts import open_conflicts
from .docx_layout import xml_text
from .model import Briefing, Item

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph

_GREY = (0x6B, 0x6B, 0x6B)
_AMBER = (0x8A, 0x4B, 0x00)


def _run(paragraph: Paragraph, text: str, colour: tuple[int, int, int], size: float):
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(xml_text(text))
    run.font.size = Pt(size)
    run.font.color.rgb = RGBColor(*colour)
    return run


def add_support_marks(briefing: Briefing, paragraph: Paragraph, item: Item) -> None:
    """After an item's [n] citations: "single source", and each disagreement on its own line."""
    if len(briefing.sources) < 2:
        return
    if len(item.source_ids) == 1:
        _run(paragraph, "  SINGLE SOURCE", _GREY, 6.5)
    for conflict in open_conflicts(item):
        paragraph.add_run().add_break()
        _run(paragraph, f"⚠ {conflict_line(briefing, conflict)}", _AMBER, 8)


def sources_line(briefing: Briefing) -> str:
    """"3 sources: [1] BBC (B2); [2] Reuters; [3] AP" for the title block."""
    parts = []
    for s in source_entries(briefing):
        grade = f" ({s['grade']})" if s["grade"] else ""
        parts.append(f"[{s['n']}] {s['outlet'] or s['file_name'] or 'article'}{grade}")
    return f"{len(parts)} sources: " + "; ".join(parts)
