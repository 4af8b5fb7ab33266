"""Which importer reads an input: an article file by its suffix, a web address, or an exported file.

A ``.pdf`` or ``.docx`` is first looked into for the briefing Briefing Builder embeds when it
exports; only a file without one (:class:`NoEmbeddedBriefing`) is read as an article.  A damaged
or password-protected file then gets the article importer's one-line message.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from .errors import NoEmbeddedBriefing
from .ingest import ARTICLE_SUFFIXES, load_article
from .model import Briefing, Source

#: what File ▸ New from Article… and ``briefing extract`` accept
IMPORT_SUFFIXES: tuple[str, ...] = (*ARTICLE_SUFFIXES, ".pdf", ".docx")


def is_url(text: str | os.PathLike[str]) -> bool:
    """A web address the user typed (http or https only; any other scheme is a file name)."""
    return isinstance(text, str) and text.strip().lower().startswith(("http://", "https://"))


def load_source(
    path_or_url: str | os.PathLike[str], *, should_stop: Callable[[], object] | None = None
) -> Source:
    """One article, from a file of any kind we import or from an http(s) address.

    ``should_stop()`` is called now and then during the slow kinds (a download, a PDF); when it
    raises, the work stops and the exception goes on (the editor's Cancel).
    """
    if is_url(path_or_url):
        from .fetch import source_from_url

        return source_from_url(str(path_or_url).strip(), should_stop=should_stop)
    path = Path(path_or_url)
    suffix = path.suffix.lower()
    if suffix == ".pdf" and not path.is_dir():
        from .ingest_pdf import load_pdf_article

        return load_pdf_article(path, should_stop=should_stop)
    if suffix == ".docx" and not path.is_dir():
        from .ingest_docx import load_docx_article

        return load_docx_article(path)
    return load_article(path)


def embedded_briefing(path: str | os.PathLike[str]) -> Briefing | None:
    """The briefing inside a PDF or .docx we exported; None when the file has none (an article).

    Other failures (unreadable, too large) raise :class:`BriefingFileError` as before.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    try:
        if suffix == ".pdf":
            from .pdf_embed import briefing_from_pdf

            return briefing_from_pdf(path)
        if suffix == ".docx":
            from .docx_embed import briefing_from_docx

            return briefing_from_docx(path)
    except NoEmbeddedBriefing:
        return None
    return None
