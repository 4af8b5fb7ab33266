"""What every Word file we write carries, whoever laid it out (our layout or the user's Word
template): the handling marking in every header and footer, document properties, and the
embedded ``.briefing``.  One place, so the two exports cannot drift apart.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from .docx_embed import add_briefing_part
from .docx_layout import add_marking_run, drop_stock_thumbnail, xml_text
from .model import TLP_LABELS, Briefing

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import _Footer, _Header

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def set_properties(
    document: Document, briefing: Briefing, title: str, template_title: str, name: str
) -> None:
    """Core properties (File ▸ Info in Word): title, subject, keywords, author, dates."""
    props, b = document.core_properties, briefing
    author = b.author or b.organisation or "Briefing Builder"
    bluf = " ".join(b.situation.bluf.split())
    props.title = xml_text(title)[:255]
    props.subject = xml_text(bluf if len(bluf) <= 200 else bluf[:199].rsplit(" ", 1)[0] + "…")
    places = [p.name for p in b.places][:8]
    props.keywords = xml_text(", ".join([b.marking, *places]))[:255]
    props.author = props.last_modified_by = xml_text(author)[:255]
    props.category = xml_text(template_title)[:255]
    props.comments = f"Exported by Briefing Builder (template {name}); handling: {xml_text(b.marking)}"
    props.content_status = xml_text(b.marking)[:255]
    props.language = "en"
    props.revision = 1
    # python-docx writes these as UTC ("…Z") without converting: give it naive UTC times
    props.created = b.created.astimezone(dt.UTC).replace(tzinfo=None)
    props.modified = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)


def story_text(story: _Header | _Footer) -> str:
    """All the text of a header or footer, tables and text boxes included."""
    return "".join(t.text or "" for t in story._element.iter(f"{W}t"))


def _stories(document: Document) -> list[tuple[_Header | _Footer, bool]]:
    """Every header and footer a page can show, with True for headers.

    The first section's stories are made real when they are missing (a page with no header shows
    no marking); a later section that links to the previous one shows that one's, already checked.
    """
    even = bool(document.settings.odd_and_even_pages_header_footer)
    found: list[tuple[_Header | _Footer, bool]] = []
    for index, section in enumerate(document.sections):
        kinds = [(section.header, True), (section.footer, False)]
        if section.different_first_page_header_footer:
            kinds += [(section.first_page_header, True), (section.first_page_footer, False)]
        if even:
            kinds += [(section.even_page_header, True), (section.even_page_footer, False)]
        for story, is_header in kinds:
            if story.is_linked_to_previous:
                if index > 0:
                    continue
                story.is_linked_to_previous = False  # the first section: give it its own, empty
            found.append((story, is_header))
    return found


def ensure_marking(document: Document, marking: str) -> None:
    """The marking in every header and footer: a story that already shows it (a Word template's
    ``{{ marking }}``) is left as it is; any other gets a marking line, at the top of a header and
    the bottom of a footer, right-aligned for a TLP label (TLP 2.0), centred for a classification."""
    from docx.enum.text import WD_PARAGRAPH_ALIGNMENT

    wanted = xml_text(marking).casefold()
    for story, is_header in _stories(document):
        if wanted in story_text(story).casefold():
            continue
        paragraph = story.add_paragraph()
        if is_header:  # add_paragraph appends: move it to the top of the header
            story._element.remove(paragraph._p)
            story._element.insert(0, paragraph._p)
        right = marking in TLP_LABELS
        paragraph.alignment = WD_PARAGRAPH_ALIGNMENT.RIGHT if right else WD_PARAGRAPH_ALIGNMENT.CENTER
        add_marking_run(paragraph, marking)


def finish_document(
    document: Document, briefing: Briefing, title: str, template_title: str, name: str
) -> None:
    """Properties, no stale thumbnail, and the briefing itself (as given, not cut to any limit)."""
    drop_stock_thumbnail(document)
    set_properties(document, briefing, title, template_title, name)
    add_briefing_part(document, briefing)
