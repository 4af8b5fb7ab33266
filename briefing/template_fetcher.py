"""The URL fetcher WeasyPrint gets for a template: ``data:`` URIs and files under the template's
folder and the app's font folder, nothing else (no ``file:///etc/…``, no network).

Its own module so the HTML preview of a Word template (``word_preview``) and the PDF render use
one fence.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from .templates import Template, assets_dir


@cache
def fetcher_class() -> type:
    """Build the fetcher class once, on first use: importing WeasyPrint costs ~0.5 s at startup."""
    from weasyprint.urls import URLFetcher, URLFetchingError

    class TemplateFetcher(URLFetcher):
        """Serves ``data:`` URIs and files under the allowed folders; refuses everything else.

        Refusing raises ``URLFetchingError`` (not the fatal kind), so WeasyPrint logs a warning,
        skips that image/stylesheet/attachment and still produces the PDF.  Redirects are off and
        only ``file``/``data`` reach ``super().fetch``, so no request ever leaves the machine.
        """

        def __init__(self, roots: list[Path]) -> None:
            super().__init__(allowed_protocols={"file", "data"}, allow_redirects=False, timeout=2)
            self.roots = [r.resolve() for r in roots]

        def allows(self, url: str) -> Path | None:
            """The real file a ``file:`` URL names, if it lies under an allowed folder."""
            parts = urlsplit(url)
            if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
                return None
            path = Path(unquote(parts.path)).resolve()  # follows symlinks, folds ".."
            if path.is_file() and any(path.is_relative_to(root) for root in self.roots):
                return path
            return None

        def fetch(self, url: str, headers: dict | None = None):
            if url[:5].lower() == "data:":
                return super().fetch(url, headers)
            path = self.allows(url)
            if path is None:
                raise URLFetchingError(f"blocked: {url} (templates may only use their own files)")
            return super().fetch(path.as_uri(), headers)

    return TemplateFetcher


def folder_fetcher(folder: Path):
    """A fetcher fenced to a template folder and the app's font folder."""
    return fetcher_class()([folder, assets_dir() / "fonts"])


def make_fetcher(template: Template):
    """A fetcher fenced to ``template``'s folder and the app's font folder."""
    return folder_fetcher(template.folder)


def __getattr__(name: str) -> Any:
    # ``from briefing.template_fetcher import TemplateFetcher`` works without importing WeasyPrint
    # up front
    if name == "TemplateFetcher":
        return fetcher_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
