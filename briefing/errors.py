"""Typed errors whose messages are written for people.

The CLI prints ``str(error)`` and exits 2; the editor shows it in a dialog.  So every
message names the file (and field or line) at fault and never needs a traceback.
"""

from __future__ import annotations


class BriefingError(Exception):
    """Base of every error the core raises on purpose."""


class IngestError(BriefingError):
    """An article could not be read: empty, binary, too large, unknown kind."""


class BriefingFileError(BriefingError):
    """A ``.briefing`` file could not be loaded or saved."""


class NoEmbeddedBriefing(BriefingFileError):
    """A PDF or ``.docx`` that is readable but was not exported by us: import it as an article."""


class TemplateError(BriefingError):
    """A briefing template is missing, invalid, or failed while rendering."""


class RenderError(BriefingError):
    """HTML or PDF output could not be produced."""


class ExtractError(BriefingError):
    """The NLP pipeline could not run (e.g. the language model is not installed)."""


class ExtractCancelled(ExtractError):
    """The user cancelled an extraction (raised from its progress callback)."""
