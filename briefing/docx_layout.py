"""Page, styles and handling marks of the Word export; the few places python-docx cannot reach.

python-docx has no API for fields, cell shading or repeated table header rows, so those three are
written here as OOXML by hand (``w:fldSimple``, ``w:shd``, ``w:tblHeader``), each in one small
function saying so; the theme colour is one value replaced in the theme part's XML.  All
other formatting goes through python-docx and named styles, so a reader can restyle the document
in Word (Styles pane) instead of fighting direct formatting.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .model import TLP_LABELS

if TYPE_CHECKING:
    from docx.document import Document
    from docx.section import Section
    from docx.table import _Cell, _Row
    from docx.text.paragraph import Paragraph

TLP_COLOURS = {
    "TLP:RED": "FF2B2B",
    "TLP:AMBER": "FFC000",
    "TLP:AMBER+STRICT": "FFC000",
    "TLP:GREEN": "33FF00",
    "TLP:CLEAR": "FFFFFF",
}
#: millimetres, as the HTML templates' @page rules
PAGE_MM = {"A4": (210.0, 297.0), "Letter": (215.9, 279.4)}
MARGINS_MM = {"top": 24.0, "bottom": 22.0, "left": 18.0, "right": 18.0}
#: characters XML 1.0 cannot hold; python-docx raises on them, an article may contain them
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(text: object) -> str:
    """``text`` as a string Word can store (control characters and lone surrogates dropped)."""
    return _NOT_XML.sub("", str(text))


def hex_colour(value: object, default: str = "1F4E79") -> str:
    """'#1F4E79' or '#abc' from a manifest → '1F4E79'; anything else → ``default``."""
    text = str(value or "").lstrip("#")
    if re.fullmatch(r"[0-9a-fA-F]{3}", text):
        text = "".join(c * 2 for c in text)
    return text.upper() if re.fullmatch(r"[0-9a-fA-F]{6}", text) else default


def tint(colour: str, share: float = 0.9) -> str:
    """``colour`` mixed with ``share`` white: the BLUF box's background from the accent."""
    rgb = [int(colour[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(c + (255 - c) * share):02X}" for c in rgb)


# ------------------------------------------------------------------------------------ OOXML by hand


def add_field(
    paragraph: Paragraph,
    instruction: str,
    placeholder: str = "1",
    *,
    size_pt: float = 8,
    colour: str = "555B63",
) -> None:
    """A Word field (PAGE, NUMPAGES) at the end of ``paragraph``.

    Hand-written OOXML: python-docx cannot make fields.  ``w:fldSimple`` is the one-element form
    Word and LibreOffice both update when they lay out the page; ``placeholder`` is the text shown
    by a reader that does not compute fields.
    """
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    props = f'<w:rPr><w:color w:val="{colour}"/><w:sz w:val="{round(size_pt * 2)}"/></w:rPr>'
    field = parse_xml(
        f'<w:fldSimple {nsdecls("w")} w:instr=" {instruction} \\* MERGEFORMAT ">'
        f"<w:r>{props}<w:t>{placeholder}</w:t></w:r></w:fldSimple>"
    )
    paragraph._p.append(field)


def set_theme_accent(document: Document, accent: str) -> None:
    """Make the theme's Accent 1 the template's accent, so the "… Accent 1" table styles and the
    theme colours in Word's palette follow it (and Design ▸ Colors can still change it).

    The theme part is plain XML python-docx keeps as bytes (it has no theme API): one colour value
    is replaced in it.
    """
    import re as _re

    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        theme = document.part.part_related_by(RT.THEME)
    except KeyError:
        return
    blob = _re.sub(
        rb'(<a:accent1>\s*<a:srgbClr val=")[0-9A-Fa-f]{6}', rb"\g<1>" + accent.encode(), theme.blob, count=1
    )
    theme._blob = blob  # Part keeps its bytes here and has no setter
    # styles name the theme colour and also spell it out; LibreOffice reads the spelled-out value
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for element in document.styles.element.iter():
        if element.get(f"{w}themeTint") or element.get(f"{w}themeShade") or element.get(f"{w}themeFillTint"):
            continue
        if element.get(f"{w}themeColor") == "accent1":
            # <w:color w:val=…> on text, but <w:top w:val="single" w:color=…> on borders
            element.set(f"{w}val" if element.tag == f"{w}color" else f"{w}color", accent)
        if element.get(f"{w}themeFill") == "accent1" and element.get(f"{w}fill"):
            element.set(f"{w}fill", accent)


def drop_stock_thumbnail(document: Document) -> None:
    """python-docx's default template carries a thumbnail of some other document; file browsers
    would show it as ours.  No thumbnail is better than a wrong one."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    rels = document.part.package.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype == RT.THUMBNAIL]:
        del rels[rid]


def repeat_header_row(row: _Row) -> None:
    """Repeat ``row`` at the top of each page the table runs onto.  Hand-written ``w:tblHeader``:
    python-docx 1.x has no property for it."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    row._tr.get_or_add_trPr().append(parse_xml(f'<w:tblHeader {nsdecls("w")}/>'))


def shade_cell(cell: _Cell, fill: str) -> None:
    """Background colour of a table cell. Hand-written ``w:shd``: python-docx has no cell shading."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    tc_pr = cell._tc.get_or_add_tcPr()
    for old in tc_pr.findall("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}shd"):
        tc_pr.remove(old)
    tc_pr.append(parse_xml(f'<w:shd {nsdecls("w")} w:val="clear" w:color="auto" w:fill="{fill}"/>'))


# ------------------------------------------------------------------------------------ page and styles


def set_up_page(section: Section, page_size: str) -> float:
    """Paper size and margins; returns the width of the text area in millimetres."""
    from docx.shared import Mm

    width, height = PAGE_MM.get(page_size, PAGE_MM["A4"])
    section.page_width, section.page_height = Mm(width), Mm(height)
    section.top_margin, section.bottom_margin = Mm(MARGINS_MM["top"]), Mm(MARGINS_MM["bottom"])
    section.left_margin, section.right_margin = Mm(MARGINS_MM["left"]), Mm(MARGINS_MM["right"])
    section.header_distance = section.footer_distance = Mm(9)
    return width - MARGINS_MM["left"] - MARGINS_MM["right"]


def set_up_styles(document: Document, accent: str) -> None:
    """Base sizes, the accent on titles and headings, and the few styles of our own.

    Our own styles (BLUF, Briefing Meta, Quote Attribution, Source Entry, Disclaimer) are named
    paragraph styles based on Word's, so a house style can be applied to them in one place.
    """
    from docx.enum.style import WD_STYLE_TYPE
    from docx.shared import Mm, Pt, RGBColor

    styles = document.styles
    # one sans face for text and headings, as the PDF templates use (Lato there; Word has Calibri)
    for name in ("Normal", "Title", "Subtitle", "Heading 1", "Heading 2", "Quote"):
        styles[name].font.name = "Calibri"
    styles["Normal"].font.size = Pt(10)
    styles["Normal"].paragraph_format.space_after = Pt(4)
    for name in ("Title", "Subtitle", "Heading 1", "Heading 2"):
        styles[name].font.color.rgb = RGBColor.from_string(accent)
    styles["Title"].font.size = Pt(22)
    styles["Heading 1"].font.size = Pt(14)
    styles["Heading 1"].paragraph_format.space_before = Pt(14)
    styles["Heading 2"].font.size = Pt(11.5)

    def own(name: str, base: str = "Normal"):
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        style.quick_style = True
        return style

    meta = own("Briefing Meta")
    meta.font.size = Pt(9)
    meta.font.color.rgb = RGBColor(0x55, 0x5B, 0x63)
    meta.paragraph_format.space_after = Pt(1)
    bluf = own("BLUF")
    bluf.font.size = Pt(11.5)
    bluf.paragraph_format.space_after = Pt(2)
    label = own("BLUF Label")
    label.font.size, label.font.bold, label.font.small_caps = Pt(9), True, True
    label.font.color.rgb = RGBColor.from_string(accent)
    label.paragraph_format.space_after = Pt(1)
    label.paragraph_format.keep_with_next = True
    attribution = own("Quote Attribution")
    attribution.font.size = Pt(9)
    attribution.font.color.rgb = RGBColor(0x55, 0x5B, 0x63)
    attribution.paragraph_format.left_indent = Mm(15)
    attribution.paragraph_format.space_after = Pt(8)
    styles["Quote"].paragraph_format.keep_with_next = True
    styles["Quote"].paragraph_format.left_indent = Mm(8)
    source = own("Source Entry")
    source.paragraph_format.left_indent = Mm(8)
    source.paragraph_format.first_line_indent = Mm(-8)
    disclaimer = own("Disclaimer")
    disclaimer.font.size, disclaimer.font.italic = Pt(8), True
    disclaimer.font.color.rgb = RGBColor(0x66, 0x66, 0x66)
    disclaimer.paragraph_format.space_before = Pt(12)


# ------------------------------------------------------------------------------------ marking


def add_marking_run(paragraph: Paragraph, marking: str) -> None:
    """The handling mark, 12 pt bold (CONVENTIONS.md); a TLP label in its colour on black."""
    from docx.enum.text import WD_COLOR_INDEX
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(xml_text(marking))
    run.font.size, run.font.bold = Pt(12), True
    if marking in TLP_LABELS:
        # highlight, not shading: python-docx can set it, and Word and LibreOffice both draw it
        run.font.highlight_color = WD_COLOR_INDEX.BLACK
        run.font.color.rgb = RGBColor.from_string(TLP_COLOURS[marking])
    else:
        run.font.all_caps = True


def _small(paragraph: Paragraph, text: str):
    from docx.shared import Pt, RGBColor

    run = paragraph.add_run(xml_text(text))
    run.font.size = Pt(8)
    run.font.color.rgb = RGBColor(0x55, 0x5B, 0x63)
    return run


def _page_n_of_m(paragraph: Paragraph) -> None:
    _small(paragraph, "Page ")
    add_field(paragraph, "PAGE")
    _small(paragraph, " of ")
    add_field(paragraph, "NUMPAGES")


def add_marking_bands(
    document: Document, section: Section, marking: str, title: str, text_width_mm: float
) -> None:
    """Marking in the header and footer of every page of ``section``, and "Page N of M".

    A TLP label sits at the right (TLP 2.0), with the running title or the page number at the
    left; a classification line is centred top and bottom, with the page number under it.  One
    header and footer for all pages: no different first or even pages, so none goes unmarked.
    """
    from docx.enum.text import WD_PARAGRAPH_ALIGNMENT, WD_TAB_ALIGNMENT
    from docx.shared import Mm

    section.different_first_page_header_footer = False
    header, footer = section.header, section.footer
    # the Header and Footer styles carry centre and right tabs for a 6.5-inch line: one right tab
    # at this page's margin instead, so the label lands there however long the title is
    for style in (document.styles["Header"], document.styles["Footer"]):
        tabs = style.paragraph_format.tab_stops
        tabs.clear_all()
        tabs.add_tab_stop(Mm(text_width_mm), WD_TAB_ALIGNMENT.RIGHT)
    header.is_linked_to_previous = footer.is_linked_to_previous = False
    top, bottom = header.paragraphs[0], footer.paragraphs[0]
    if marking in TLP_LABELS:
        _small(top, title[:90] + ("…" if len(title) > 90 else ""))
        top.add_run("\t")
        add_marking_run(top, marking)
        _page_n_of_m(bottom)
        bottom.add_run("\t")
        add_marking_run(bottom, marking)
        return
    top.alignment = bottom.alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
    add_marking_run(top, marking)
    add_marking_run(bottom, marking)
    pages = footer.add_paragraph()
    pages.alignment = WD_PARAGRAPH_ALIGNMENT.CENTER
    _page_n_of_m(pages)
