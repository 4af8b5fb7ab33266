"""What a rendered briefing may point at: links a reader can safely click, and, in the
self-contained HTML export, nothing outside the file at all.

* **Links** (PDF and HTML): only ``http``, ``https`` and ``mailto`` targets and links inside the
  document (``#…``).  A ``javascript:`` or ``file:`` link from a template would run code or open a
  local file when a reader clicks it.  In the PDF the check runs on WeasyPrint's own list of links
  after layout, so it sees exactly what the PDF will contain, however the template spelled it.
* **Self-contained HTML**: every resource (images, stylesheets, fonts, frames, scripts, CSS
  ``url()`` and ``@import``) is either a file of the template's folder, inlined as a ``data:`` URI,
  or removed.  Opening the file can then never reach the network or tell anyone it was opened.
  The page also carries a Content-Security-Policy that forbids any fetch, in case a browser reads
  something this pass does not.
"""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .errors import TemplateError
from .sandbox import read_template_file

LINK_SCHEMES = frozenset({"http", "https", "mailto"})
#: elements that load or run something and have no place in a briefing
_DROP_TAGS = frozenset({
    "script", "noscript", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "portal",
    "audio", "video", "source", "track", "form", "input", "button", "textarea", "select",
})  # fmt: skip
#: attributes whose value is fetched by a browser (or, for ``a``/``area`` href, followed on a click)
_URL_ATTRS = frozenset({
    "src", "href", "srcset", "poster", "data", "action", "formaction", "background", "cite",
    "longdesc", "usemap", "ping", "manifest", "codebase", "archive", "profile", "lowsrc", "dynsrc",
    "xlink:href",
})  # fmt: skip
_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:"
#: CSS functions whose arguments are fetched (strings as well as url() tokens)
_CSS_FETCHING = frozenset({"url", "src", "image", "image-set", "-webkit-image-set", "cross-fade"})
_MAX_INLINE = 5 * 1024 * 1024


def link_allowed(url: str) -> bool:
    """True for http(s) and mailto links and links inside the document."""
    text = "".join(ch for ch in url if ch > " ").strip()  # browsers ignore tabs and newlines in URLs
    if text.startswith("#"):
        return True
    scheme = urlsplit(text).scheme.lower()
    return scheme in LINK_SCHEMES


def drop_unsafe_pdf_links(document: Any) -> list[str]:
    """Remove every external link a laid-out WeasyPrint document has that :func:`link_allowed`
    refuses; returns one warning per link removed."""
    removed: list[str] = []
    for page in document.pages:
        kept = []
        for link in page.links:
            link_type, target = link[0], link[1]
            if link_type == "external" and not link_allowed(str(target)):
                removed.append(f"blocked link: {str(target)[:80]} (only http, https and mailto links)")
                continue
            kept.append(link)
        page.links = kept
    return removed


# ------------------------------------------------------------------------------------ HTML


def self_contained(html: str, folder: Path, extra_css: str = "") -> str:
    """``html`` with every outside reference inlined from ``folder`` or removed (see module doc)."""
    from lxml import etree
    from lxml import html as lxml_html

    doc = lxml_html.document_fromstring(html)
    for el in list(doc.iter()):
        if not isinstance(el.tag, str):  # comments and processing instructions
            if el.getparent() is not None:
                el.drop_tree()
            continue
        tag = el.tag.lower()
        if tag in _DROP_TAGS or (tag == "meta" and el.get("http-equiv")) or _foreign_link(el):
            el.drop_tree()
            continue
        if tag == "link":  # a stylesheet of the template's folder becomes a <style>
            style = etree.Element("style")
            style.text = clean_css(_local_text(el.get("href", ""), folder), folder)
            el.addprevious(style)
            el.drop_tree()
            continue
        for name in list(el.attrib):
            lower = name.lower()
            value = el.attrib[name]
            if lower.startswith("on"):
                del el.attrib[name]
            elif lower == "style":
                el.attrib[name] = clean_css(value, folder, declarations=True)
            elif lower in _URL_ATTRS:
                if tag in ("a", "area") and lower == "href" and link_allowed(value) and ":" in value:
                    continue
                if tag in ("a", "area") and lower == "href" and value.strip().startswith("#"):
                    continue
                inlined = _data_uri(value, folder) if lower in ("src", "href", "xlink:href") else None
                if inlined:
                    el.attrib[name] = inlined
                else:
                    del el.attrib[name]
        if tag == "style" and el.text:
            el.text = clean_css(el.text, folder)
    head = doc.find("head")
    if head is None:
        head = etree.Element("head")
        doc.insert(0, head)
    csp = etree.Element("meta", {"http-equiv": "Content-Security-Policy", "content": _CSP})
    head.insert(0, csp)
    if extra_css:
        style = etree.SubElement(head, "style")
        style.text = clean_css(extra_css, folder)
    return lxml_html.tostring(doc, doctype="<!DOCTYPE html>", encoding="unicode", method="html")


def _foreign_link(el: Any) -> bool:
    """A <link> that is not a stylesheet of the template's own folder."""
    if el.tag.lower() != "link":
        return False
    rel = (el.get("rel") or "").lower().split()
    return "stylesheet" not in rel


def _local_file(url: str, folder: Path) -> Path | None:
    """The file of ``folder`` a relative (or file:) URL names, or None for anything else."""
    text = url.strip()
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("", "file") or parts.netloc not in ("",) or not parts.path:
        return None
    path = Path(unquote(parts.path))
    try:
        name = path.relative_to(Path(folder).resolve()) if path.is_absolute() else path
        read_template_file(folder, name)
    except (TemplateError, ValueError):
        return None
    return Path(folder) / name


def _local_text(url: str, folder: Path) -> str:
    path = _local_file(url, folder)
    if path is None:
        return ""
    try:
        return read_template_file(folder, path.relative_to(folder)).decode("utf-8", errors="replace")
    except TemplateError:
        return ""


def _data_uri(url: str, folder: Path) -> str | None:
    if url.strip().lower().startswith("data:"):
        return url.strip()
    path = _local_file(url, folder)
    if path is None:
        return None
    try:
        data = read_template_file(folder, path.relative_to(folder))
    except TemplateError:
        return None
    if len(data) > _MAX_INLINE:
        return None
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return f"data:{kind};base64,{base64.b64encode(data).decode('ascii')}"


# ------------------------------------------------------------------------------------ CSS


def clean_css(css: str, folder: Path, *, declarations: bool = False) -> str:
    """CSS with ``@import`` dropped and every fetched URL inlined from ``folder`` or emptied."""
    import tinycss2

    if declarations:
        nodes = tinycss2.parse_component_value_list(css)
        return tinycss2.serialize(_clean_tokens(nodes, folder))
    rules = tinycss2.parse_stylesheet(css, skip_comments=True)
    kept = []
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword in ("import", "namespace"):
            continue
        if rule.type in ("qualified-rule", "at-rule"):
            rule.prelude = _clean_tokens(rule.prelude, folder)
            if rule.content is not None:
                rule.content = _clean_tokens(rule.content, folder)
        kept.append(rule)
    return tinycss2.serialize(kept)


def _clean_tokens(tokens: list[Any], folder: Path) -> list[Any]:
    import tinycss2

    out = []
    for token in tokens:
        kind = token.type
        if kind == "url":
            out.append(_url_token(token.value, folder))
        elif kind == "function" and token.lower_name in _CSS_FETCHING:
            urls = [t.value for t in token.arguments if t.type in ("string", "url")]
            out.append(_url_token(urls[0] if urls else "", folder))
        elif kind == "function":
            token.arguments = _clean_tokens(token.arguments, folder)
            out.append(token)
        elif kind in ("() block", "[] block", "{} block"):
            token.content = _clean_tokens(token.content, folder)
            out.append(token)
        elif kind == "at-keyword" and token.lower_value == "import":
            out.extend(tinycss2.parse_component_value_list("/* @import removed */"))
        else:
            out.append(token)
    return out


def _url_token(url: str, folder: Path) -> Any:
    import tinycss2

    inlined = _data_uri(url, folder)
    text = f'url("{inlined}")' if inlined else "none"
    return tinycss2.parse_component_value_list(text)[0]
