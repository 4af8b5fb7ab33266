"""Briefing → HTML (jinja2, sandboxed, autoescaped) → PDF (WeasyPrint, fenced fetcher).

Security: templates are treated as untrusted (they are shared between colleagues), so they run
in jinja2's ``SandboxedEnvironment`` with autoescaping, and WeasyPrint may only read ``data:``
URIs and files inside the template's folder or the app's font folder — never ``file:///etc/…``
or the network.  A blocked resource is skipped with a warning; the export still succeeds.

Speed: the jinja2 environment, the parsed stylesheet and the font configuration are cached per
template folder, so repeated renders (the live preview) only lay out the document.
"""

from __future__ import annotations

import atexit
import datetime as dt
import logging
import os
import sys
import threading
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from .errors import RenderError, TemplateError
from .model import LIKELIHOODS, TLP_LABELS, Briefing
from .render_guards import collect_warnings, default_deflate, fewer_collections
from .sandbox import BoundedSandbox, FencedLoader, read_template_file, render_bounded
from .storage import atomic_write_bytes
from .template_fetcher import folder_fetcher, make_fetcher
from .templates import Template, assets_dir, get_template
from .verbatim import analyst_likelihoods, edited_quotes, honest_disclaimer
from .word_templates import word_template_refusal

#: the most items of one card a template is given: a 20,000-quote briefing would otherwise take
#: minutes to lay out; the rest stay in the briefing (and its embedded copy) and are counted
MAX_ITEMS_PER_CARD = 400
#: what ``template`` arguments accept: a name (never a path: see ``Briefing.template``), a Template
#: loaded by the caller (``--template ./folder``), or None for the briefing's own template
TemplateSpec = str | Template | None

if TYPE_CHECKING:
    import weasyprint

TLP_COLOURS = {
    "TLP:RED": "#FF2B2B",
    "TLP:AMBER": "#FFC000",
    "TLP:AMBER+STRICT": "#FFC000",
    "TLP:GREEN": "#33FF00",
    "TLP:CLEAR": "#FFFFFF",
}
_lock = threading.Lock()  # WeasyPrint's caches are not meant for concurrent renders
# fontTools (font subsetting) logs harmless notes about old font timestamps to stderr
logging.getLogger("fontTools").setLevel(logging.ERROR)


# ------------------------------------------------------------------------------------ HTML


@cache
def _environment(folder: Path, mtime_key: tuple[int, int]) -> BoundedSandbox:
    env = BoundedSandbox(
        loader=FencedLoader(folder),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["likelihood_rank"] = lambda word: LIKELIHOODS.index(word) if word in LIKELIHOODS else -1
    return env


def _mtime_key(folder: Path) -> tuple[int, int]:
    """Changes whenever any file of the template (assets in subfolders too) is written or replaced.

    Nanosecond mtimes and ctimes, plus the file count: a template imported or renamed into a
    folder that held another one a moment ago still gets fresh caches (a rename keeps mtimes).
    """
    try:
        stats = [p.stat() for p in folder.rglob("*")]
        return max(max(s.st_mtime_ns, s.st_ctime_ns) for s in stats), len(stats)
    except (OSError, ValueError):
        return 0, 0


def resolve_template(template: TemplateSpec, briefing: Briefing) -> Template:
    """The Template to render with: one given, one named, or the briefing's (by name only)."""
    if isinstance(template, Template):
        return template
    return get_template(template or briefing.template)


def same_pdf(
    briefing: Briefing,
    first: tuple[str | None, str | None],
    second: tuple[str | None, str | None],
    *,
    since_ns: int | None = None,
) -> bool:
    """Whether two (template name, page size) choices render ``briefing`` to the same PDF: the
    same HTML template and the same paper once the template's default fills an empty size, and
    (``since_ns``: when the first render began) no file of the template written since.  A Word
    template never: its preview is a sketch, not the document an export writes."""
    try:
        a, b = resolve_template(first[0], briefing), resolve_template(second[0], briefing)
    except TemplateError:
        return False
    if a.folder != b.folder or a.is_word:
        return False
    if since_ns is not None and _mtime_key(a.folder)[0] >= since_ns:
        return False
    return (first[1] or a.page_size) == (second[1] or b.page_size)


def _capped(briefing: Briefing) -> tuple[Briefing, dict[str, int]]:
    """A deep copy for the template, each card cut to MAX_ITEMS_PER_CARD; how many were left out.

    A copy, so nothing a template does can reach the briefing that is saved or embedded.
    """
    copy = briefing.model_copy(deep=True)
    omitted: dict[str, int] = {}
    for card in ("forces", "quotes", "outlook", "timeline", "places"):
        items = getattr(copy, card)
        if len(items) > MAX_ITEMS_PER_CARD:
            omitted[card] = len(items) - MAX_ITEMS_PER_CARD
            del items[MAX_ITEMS_PER_CARD:]
    return copy, omitted


def _context(briefing: Briefing, template: Template, page_size: str) -> dict[str, Any]:
    from .citations import source_context
    from .map_context import map_context

    briefing, omitted = _capped(briefing)
    analysed = analyst_likelihoods(briefing)
    boiler = template.boilerplate
    if "disclaimer" in boiler:  # never claims the article's wording for the analyst's likelihoods
        boiler["disclaimer"] = honest_disclaimer(str(boiler["disclaimer"]), analysed)
    source = briefing.sources[0] if briefing.sources else None
    marking = briefing.marking
    refs = {s.id: i + 1 for i, s in enumerate(briefing.sources)}
    return {
        "b": briefing,
        "briefing": briefing,
        "source": source,
        "source_ref": refs,
        "cards": template.cards,
        "style": template.style,
        "boilerplate": boiler,
        "organisation": briefing.organisation or boiler.get("organisation", ""),
        "marking": marking,
        "is_tlp": marking in TLP_LABELS,
        "marking_colour": TLP_COLOURS.get(marking, "#FFFFFF"),
        "likelihoods": LIKELIHOODS,
        "page_size": page_size,
        "generated": dt.date.today().isoformat(),
        "title": briefing.title or (source.title if source else "") or "Untitled briefing",
        "omitted": omitted,
        # direct quotes the analyst rewrote: printed as paraphrase, never in quotation marks
        "edited_quotes": edited_quotes(briefing),
        # outlook items whose likelihood the analyst set (not the article's own wording)
        "analyst_likelihoods": analysed,
        **source_context(briefing),  # numbered sources, citations, single-source and conflict marks
        **map_context(briefing, template.manifest),  # locator_map, locator_map_caption
    }


def render_html(briefing: Briefing, template: TemplateSpec = None, *, page_size: str | None = None) -> str:
    """The briefing as HTML, through the template's jinja2 file (sandboxed, autoescaped, bounded)."""
    tpl = resolve_template(template, briefing)
    if tpl.is_word:  # PDF and HTML come from HTML templates only
        raise TemplateError(word_template_refusal(tpl))
    size = page_size or tpl.page_size
    env = _environment(tpl.folder, _mtime_key(tpl.folder))
    origin = str(tpl.folder / "template.html.j2")
    try:
        context = _context(briefing, tpl, size)
        return render_bounded(env.get_template("template.html.j2"), context, origin=origin)
    except TemplateError:
        raise
    except jinja2.TemplateSyntaxError as exc:
        where = exc.filename or str(tpl.folder / (exc.name or "template.html.j2"))
        raise TemplateError(f"{where}, line {exc.lineno}: {exc.message}") from None
    except jinja2.TemplateNotFound as exc:
        raise TemplateError(f"{tpl.folder}: template file {exc.name!r} not found") from None
    except MemoryError:
        raise TemplateError(f"{origin}: the template ran out of memory; stopped") from None
    except Exception as exc:  # a runtime error inside the template (sandbox refusals included)
        raise TemplateError(f"{_template_line(tpl)}: {type(exc).__name__}: {exc}") from None


def _template_line(tpl: Template) -> str:
    """'…/template.html.j2, line N' from the traceback of the error being handled."""
    tb = sys.exc_info()[2]
    where = str(tpl.folder / "template.html.j2")
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".j2", ".html", ".jinja")):
            where = f"{name}, line {tb.tb_lineno}"
        tb = tb.tb_next
    return where


# ------------------------------------------------------------------------------------ PDF


@cache
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    # Drop the cached fonts before interpreter shutdown: FontConfiguration.__del__ fails once
    # the modules it calls have been torn down.
    atexit.register(_stylesheet.cache_clear)
    atexit.register(_font_config.cache_clear)
    return FontConfiguration()


LATO_FACES = (
    ("Lato-Regular.ttf", 400, "normal"),
    ("Lato-Italic.ttf", 400, "italic"),
    ("Lato-Bold.ttf", 700, "normal"),
    ("Lato-BoldItalic.ttf", 700, "italic"),
)


def font_face_css() -> str:
    """@font-face rules for the shipped Lato files, so PDFs never depend on the system's fonts."""
    fonts = assets_dir() / "fonts"
    return "\n".join(
        f"@font-face {{ font-family: 'Lato'; src: url('{(fonts / f).as_uri()}'); font-weight: {w}; "
        f"font-style: {s}; }}"
        for f, w, s in LATO_FACES
    )


@cache
def _stylesheet(folder: Path, mtime_key: tuple[int, int], page_size: str) -> list[weasyprint.CSS]:
    import weasyprint

    tpl_fetcher = folder_fetcher(folder)
    fc = _font_config()
    # read through the fence (a style.css symlinked to /etc/passwd is refused), parsed from a string
    css = read_template_file(folder, "style.css").decode("utf-8", errors="replace")
    return [
        weasyprint.CSS(string=font_face_css(), font_config=fc, url_fetcher=tpl_fetcher),
        weasyprint.CSS(string=css, base_url=folder.as_uri() + "/", font_config=fc, url_fetcher=tpl_fetcher),
        weasyprint.CSS(string=f"@page {{ size: {page_size}; }}", font_config=fc),
    ]


def render_pdf_with_warnings(
    briefing: Briefing, template: TemplateSpec = None, *, page_size: str | None = None, embed: bool = True
) -> tuple[bytes, list[str]]:
    """PDF bytes plus warnings (invalid CSS, blocked resources, removed links)."""
    import weasyprint

    from .html_safety import drop_unsafe_pdf_links
    from .pdf_embed import attachment_for

    tpl = resolve_template(template, briefing)
    size = page_size or tpl.page_size
    html = render_html(briefing, tpl, page_size=size)
    with _lock, collect_warnings() as warnings, fewer_collections(), default_deflate():
        try:
            doc = weasyprint.HTML(
                string=html, base_url=tpl.folder.as_uri() + "/", url_fetcher=make_fetcher(tpl)
            ).render(
                stylesheets=_stylesheet(tpl.folder, _mtime_key(tpl.folder), size),
                font_config=_font_config(),
            )
            warnings.extend(drop_unsafe_pdf_links(doc))
            pdf = doc.write_pdf(
                # the briefing as given, not the copy the template saw
                attachments=[attachment_for(briefing)] if embed else [],
                # tagged PDF (structure tree, language, alt text rules) for screen readers
                pdf_variant="pdf/ua-1",
            )
        except TemplateError:
            raise
        except MemoryError:
            raise RenderError(f"the PDF with template {tpl.name!r} needed more memory than allowed") from None
        except Exception as exc:
            raise RenderError(f"could not lay out the PDF with template {tpl.name!r}: {exc}") from exc
    return pdf, list(warnings)


def render_pdf(briefing: Briefing, template: TemplateSpec = None, *, page_size: str | None = None) -> bytes:
    return render_pdf_with_warnings(briefing, template, page_size=page_size)[0]


def self_contained_html(
    briefing: Briefing, template: TemplateSpec = None, *, page_size: str | None = None
) -> str:
    """One HTML file that opens anywhere and fetches nothing: stylesheet and fonts inlined as
    ``data:`` URIs, every other outside reference removed (see ``html_safety``)."""
    import base64

    from .html_safety import self_contained

    tpl = resolve_template(template, briefing)
    size = page_size or tpl.page_size
    html = render_html(briefing, tpl, page_size=size)
    fonts = assets_dir() / "fonts"
    faces = []
    for name, weight, style in (
        ("Lato-Regular.ttf", 400, "normal"),
        ("Lato-Bold.ttf", 700, "normal"),
        ("Lato-Italic.ttf", 400, "italic"),
    ):
        data = base64.b64encode((fonts / name).read_bytes()).decode("ascii")
        faces.append(
            f"@font-face {{ font-family: 'Lato'; font-weight: {weight}; font-style: {style}; "
            f"src: url(data:font/ttf;base64,{data}); }}"
        )
    css = read_template_file(tpl.folder, "style.css").decode("utf-8", errors="replace")
    return self_contained(html, tpl.folder, "\n".join(faces) + f"\n{css}\n@page {{ size: {size}; }}\n")


def write_output(out: Path, data: bytes) -> None:
    """Atomic write; a failure is a RenderError naming ``out``."""
    try:
        atomic_write_bytes(out, data)
    except OSError as exc:
        raise RenderError(f"{exc.filename or out}: could not write ({exc.strerror or exc})") from None


def export_html(
    briefing: Briefing,
    out_path: str | os.PathLike[str],
    template: TemplateSpec = None,
    *,
    page_size: str | None = None,
) -> Path:
    out = Path(out_path)
    write_output(out, self_contained_html(briefing, template, page_size=page_size).encode("utf-8"))
    return out


def export_pdf(
    briefing: Briefing,
    out_path: str | os.PathLike[str],
    template: TemplateSpec = None,
    *,
    page_size: str | None = None,
    html_path: str | os.PathLike[str] | None = None,
) -> Path:
    """Write the PDF (and optionally the self-contained HTML) atomically; returns the PDF's path."""
    out = Path(out_path)
    write_output(out, render_pdf(briefing, template, page_size=page_size))
    if html_path is not None:
        html = self_contained_html(briefing, template, page_size=page_size)
        write_output(Path(html_path), html.encode("utf-8"))
    return out
