"""An SVG beside a picture's PNG in a .docx, so Word 2016+ draws the vector and older readers the PNG.

Word's own way (the ``asvg:svgBlip`` extension of DrawingML): the picture keeps its PNG ``a:blip``
as the fallback and names the SVG part in an ``a:extLst`` entry.  python-docx has no API for it,
so the part and the relationship are added here by hand.
"""

from __future__ import annotations

import itertools

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

SVG_EXT_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NS = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"
_R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
_numbers = itertools.count(1)


def add_svg_to_picture(document, inline_shape, svg: str) -> None:
    """Attach ``svg`` to the picture ``inline_shape`` (from ``document.add_picture``)."""
    package = document.part.package
    taken = {str(p.partname) for p in package.iter_parts()}
    number = next(n for n in _numbers if f"/word/media/map{n}.svg" not in taken)
    part = Part(PackURI(f"/word/media/map{number}.svg"), "image/svg+xml", svg.encode("utf-8"), package)
    rid = document.part.relate_to(part, RT.IMAGE)
    blip = inline_shape._inline.graphic.graphicData.pic.blipFill.find(f"{{{_A_NS}}}blip")
    ext = parse_xml(
        f'<a:extLst xmlns:a="{_A_NS}"><a:ext uri="{SVG_EXT_URI}">'
        f'<asvg:svgBlip xmlns:asvg="{SVG_NS}" xmlns:r="{_R_NS}" r:embed="{rid}"/></a:ext></a:extLst>'
    )
    blip.append(ext)
