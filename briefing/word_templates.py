"""Word templates: an organisation's own ``.docx`` with docxtpl (jinja2) tags, filled in the sandbox.

A Word template is a folder like any template, with ``kind = "docx"`` in its manifest and a
``template.docx`` instead of ``template.html.j2``/``style.css``.  docxtpl turns the document's
XML (body, headers, footers, footnotes) into jinja2 source and renders it with the environment we
give it: :class:`briefing.sandbox.DocumentSandbox`, the immutable sandbox with the HTML templates'
bounds, autoescaping (values land inside XML) and no file access at all.  The context is the HTML
templates' (``render._context``: a deep copy, capped per card) plus short names for Word authors
(``forces``, ``quotes``, ``outlook`` … and a few filters).

After filling, the file gets what every Word export of ours guarantees (``docx_finish``): the
marking in every header and footer, document properties and the embedded ``.briefing``.

A broken tag is reported as one line naming the template and the tag as the author wrote it,
found from the line jinja2 reports in docxtpl's XML (:func:`describe_tag_error`).
"""

from __future__ import annotations

import html
import io
import re
import sys
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from .errors import RenderError, TemplateError
from .model import LIKELIHOODS, Briefing, Force, Item, Place, Source
from .safe_io import MIB
from .sandbox import RENDER_SECONDS, DocumentSandbox, read_template_file

if TYPE_CHECKING:
    from docxtpl import DocxTemplate

    from .templates import Template

#: the most a template.docx may unpack to (a house template with a logo is well under 2 MiB)
MAX_UNPACKED = 64 * MIB
MAX_PARTS = 2000
_TAG = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)
_XML_TAG = re.compile(r"<[^>]+>")
_UNCLOSED = re.compile(r"\{[{%#].*", re.DOTALL)
_QUOTED = re.compile(r"'([^']+)'")
#: "'briefing.model.Force object' has no attribute …" reads better as "Force has no attribute …"
_OBJECT = re.compile(r"'(?:[\w]+\.)*(\w+) object'")


# ------------------------------------------------------------------------------------ opening


def _docx_bytes(folder: Path, label: str) -> bytes:
    """template.docx through the fence (inside the folder, regular, ≤ 5 MiB), unpacked size checked."""
    data = read_template_file(folder, "template.docx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            infos = zf.infolist()
            if len(infos) > MAX_PARTS or sum(i.file_size for i in infos) > MAX_UNPACKED:
                raise TemplateError(f"template {label}: template.docx unpacks to too much; refused")
            if "word/document.xml" not in zf.namelist():
                raise TemplateError(f"template {label}: template.docx is not a Word document")
    except zipfile.BadZipFile:
        raise TemplateError(f"template {label}: template.docx is not a Word document (not a zip)") from None
    return data


def _open(data: bytes, label: str) -> DocxTemplate:
    from docxtpl import DocxTemplate

    doc = DocxTemplate(io.BytesIO(data))
    try:
        doc.init_docx()
    except Exception as exc:  # python-docx refusing a damaged package
        raise TemplateError(f"template {label}: template.docx could not be read ({exc})"[:300]) from None
    return doc


def _sources(doc: DocxTemplate) -> list[str]:
    """The jinja2 source docxtpl renders for each part, as it renders it (for the syntax check)."""
    xml = [doc.patch_xml(doc.get_xml())]
    for uri in (doc.HEADER_URI, doc.FOOTER_URI):
        xml += [doc.patch_xml(doc.get_part_xml(part)) for _key, part in doc.get_headers_footers(uri)]
    # docxtpl puts each paragraph on its own line before rendering; do the same so lines match
    return [re.sub(r"<w:p([ >])", r"\n<w:p\1", x) for x in xml]


def check_word_template(folder: Path, name: str) -> None:
    """Parse (not run) every tag of ``folder/template.docx``: a syntax error surfaces on load."""
    label = f'"{name}"'
    doc = _open(_docx_bytes(folder, label), label)
    env = DocumentSandbox(origin=f"template {label}")
    for source in _sources(doc):
        try:
            env.from_string(source)
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateError(describe_tag_error(exc, source, name, exc.lineno)) from None


# ------------------------------------------------------------------------------------ errors


def word_template_refusal(template: Template) -> str:
    """What a PDF or HTML export with a Word template says (one line)."""
    return (
        f'template "{template.name}" is a Word template: it makes .docx files only (export as Word, '
        "or choose an HTML template for PDF and HTML)"
    )


def _tag_at(source: str, lineno: int | None, message: str) -> tuple[str, str]:
    """(the tag as the author wrote it, the nearest text before it) for ``lineno`` of ``source``."""
    lines = source.splitlines()
    if not lineno or not 0 < lineno <= len(lines):
        return "", ""

    def text(line: str) -> str:
        return html.unescape(_XML_TAG.sub("", line))

    here = text(lines[lineno - 1])
    tags = _TAG.findall(here) or _UNCLOSED.findall(here)  # a tag that never closes runs to the end
    names = _QUOTED.findall(message)
    tag = next((t for t in tags for n in names if n in t), tags[0] if tags else here.strip())
    near = _UNCLOSED.sub("", _TAG.sub("", here)).strip()
    back = lineno - 2
    while not near and back >= 0:
        near = _TAG.sub("", text(lines[back])).strip()
        back -= 1
    return " ".join(tag.split())[:120], " ".join(near.split())[:60]


def describe_tag_error(exc: BaseException, source: str, name: str, lineno: int | None) -> str:
    """One line: ``template "NAME": bad tag "{{ … }}" near "Forces" — what jinja2 said``."""
    message = getattr(exc, "message", None) or str(exc) or type(exc).__name__
    if isinstance(exc, jinja2.TemplateNotFound):
        message = "a Word template may not include or import other files"
    message = _OBJECT.sub(r"\1", " ".join(str(message).split()))
    tag, near = _tag_at(source, lineno, message)
    where = f' bad tag "{tag}"' if tag else ""
    where += f' near "{near}"' if near else ""
    if not where:  # no line to point at (an error outside any tag): the message alone
        return f'template "{name}": {message}'[:400]
    return f'template "{name}":{where} — {message}'[:400]


def _runtime_line() -> int | None:
    """The template line of the error being handled: jinja2 rewrites its frames to the source's."""
    tb, line = sys.exc_info()[2], None
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    return line


# ------------------------------------------------------------------------------------ context


def _strength(force: Force) -> str:
    if force.strength is None:
        return "–"
    return f"{force.qualifier + ' ' if force.qualifier else ''}{force.strength:,}"


def _coords(place: Place) -> str:
    if place.lat is None or place.lon is None:
        return "–"
    return (
        f"{abs(place.lat):.2f}° {'N' if place.lat >= 0 else 'S'}, "
        f"{abs(place.lon):.2f}° {'E' if place.lon >= 0 else 'W'}"
    )


def word_context(briefing: Briefing, template: Template, page_size: str) -> dict[str, Any]:
    """The HTML templates' context plus short names and filters a Word author needs."""
    from .citations import admiralty_grade, grade_words
    from .docx_export import ICD_PERCENT
    from .render import _context
    from .templates import BOILERPLATE_KEYS, CARD_TITLES

    context = _context(briefing, template, page_size)
    b = context["b"]  # the capped deep copy: nothing a template does reaches the briefing
    refs = context["source_ref"]

    def cite(item: Item) -> str:
        numbers = dict.fromkeys(refs[s.source_id] for s in item.evidence if s.source_id in refs)
        return "".join(f"[{n}]" for n in numbers)

    def grade(source: Source) -> str:
        words = grade_words(source)
        return admiralty_grade(source) + (f" ({words})" if words else "")

    # every boilerplate key is there, empty when the manifest has none: a Word template imported
    # from a bare .docx has no [boilerplate] table, and {{ boilerplate.disclaimer }} must not fail
    context["boilerplate"] = {key: "" for key in BOILERPLATE_KEYS} | context["boilerplate"]
    context.update(
        situation=b.situation,
        bluf=b.situation.bluf,
        summary=b.situation.summary,
        key_facts=b.situation.key_facts,
        forces=b.forces,
        statements=b.quotes,
        quotes=[q for q in b.quotes if q.kind == "direct"],
        reported=[q for q in b.quotes if q.kind == "indirect"],
        outlook=b.outlook,
        timeline=b.timeline,
        places=b.places,
        sources=b.sources,
        card_titles=CARD_TITLES,
        icd_scale=[{"word": w, "range": r} for w, r in zip(LIKELIHOODS, ICD_PERCENT, strict=True)],
        cite=cite,
        grade=grade,
        strength=_strength,
        coords=_coords,
    )
    return context


# ------------------------------------------------------------------------------------ filling


def _resync_relationships(document: Any) -> None:
    """docxtpl swaps each filled header and footer in by setting the relationship's ``_target``;
    python-docx resolves ``section.header`` through a separate rId → part map that still names the
    unfilled part, so an edit made afterwards (the marking) would go to a part that is not saved.
    Point the map at the parts that will be saved (private attributes of both: no public API)."""
    rels = document.part.rels
    for rid, rel in rels.items():
        if not rel.is_external:
            rels._target_parts_by_rId[rid] = rel._target


def fill_word_template(
    briefing: Briefing, template: Template, *, page_size: str | None = None, seconds: float = RENDER_SECONDS
) -> bytes:
    """The filled Word template as .docx bytes; a broken or hostile tag is a one-line TemplateError.

    ``page_size`` is accepted for the callers' sake and ignored: a Word template's page setup is
    the organisation's own.
    """
    from .docx_finish import ensure_marking, finish_document

    name = template.name
    label = f'"{name}"'
    doc = _open(_docx_bytes(template.folder, label), label)
    env = DocumentSandbox(origin=f"template {label}", seconds=seconds)
    context = word_context(briefing, template, page_size or template.page_size)
    try:
        doc.render(context, jinja_env=env, autoescape=True)
    except TemplateError as exc:  # the sandbox's size and time bounds
        raise TemplateError(str(exc)) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(describe_tag_error(exc, env.last_source, name, exc.lineno)) from None
    except MemoryError:
        raise TemplateError(f"template {label}: the template ran out of memory; stopped") from None
    except Exception as exc:  # undefined names, sandbox refusals, errors inside filters
        raise TemplateError(describe_tag_error(exc, env.last_source, name, _runtime_line())) from None
    try:
        document = doc.docx
        _resync_relationships(document)
        ensure_marking(document, briefing.marking)
        finish_document(document, briefing, context["title"], template.title, name)
        out = io.BytesIO()
        doc.save(out)
    except (ValueError, KeyError) as exc:
        raise RenderError(f"could not write the Word document with template {label}: {exc}") from None
    return out.getvalue()
