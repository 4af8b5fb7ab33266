"""Where a template runs: a jinja2 sandbox that can read only its own folder and cannot change,
stall or flood anything it is given.

Templates are shared between colleagues, so each is treated as hostile:

* **files** — the loader resolves every name (symlinks followed, ``..`` folded) and refuses any file
  that ends up outside the template's folder or is not a regular file; :func:`template_file` does
  the same for ``style.css`` and assets read outside jinja2;
* **data** — the environment is jinja2's *immutable* sandbox (no ``list.clear()``, ``dict.update()``
  …) and the briefing it gets is a deep copy, so even a missed hole cannot reach the document that
  is saved or embedded;
* **size and time** — ``*`` and ``**`` are checked before they run (``'x' * 10**9`` is refused, not
  built), output is streamed and stopped past :data:`MAX_HTML_CHARS`, and a render past its deadline
  stops at the next piece of output.  A loop that prints nothing cannot be stopped from inside
  Python; that is why untrusted renders also run in a child process with a hard timeout
  (``render_process``).
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError

from .errors import TemplateError
from .safe_io import MIB, mib, read_regular

#: the largest HTML a template may produce (a 20,000-quote briefing is about 6 MiB)
MAX_HTML_CHARS = 40 * MIB
#: the largest template file (the .j2, an included file, a stylesheet or an asset)
MAX_TEMPLATE_FILE = 5 * MIB
#: default wall-clock budget for one template render, in seconds
RENDER_SECONDS = 60.0
#: the longest string or list a ``*`` may build, and the largest result a ``**`` may give
_MAX_PRODUCT = 1_000_000
_MAX_POWER_DIGITS = 1000


def template_file(folder: Path, name: str | os.PathLike[str]) -> Path:
    """The real path of ``name`` inside ``folder``, or a TemplateError if it leaves the folder."""
    root = Path(folder).resolve()
    path = (root / name).resolve()  # follows symlinks and folds "..", like open() would
    if not path.is_relative_to(root):
        raise TemplateError(f"{Path(folder) / name}: points outside the template folder; refused")
    return path


def read_template_file(folder: Path, name: str | os.PathLike[str]) -> bytes:
    """Bytes of a file inside the template folder (regular files only, at most 5 MiB)."""
    path = template_file(folder, name)
    origin = str(Path(folder) / name)
    return read_regular(path, MAX_TEMPLATE_FILE, error=TemplateError, what="template file", origin=origin)


class FencedLoader(jinja2.BaseLoader):
    """Loads ``{% include %}``/``{% extends %}`` files from one folder and nowhere else."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        if "\\" in template or template.startswith("/"):
            raise jinja2.TemplateNotFound(template)
        try:
            path = template_file(self.folder, template)
        except TemplateError:
            raise jinja2.TemplateNotFound(template) from None
        if not path.is_file():
            raise jinja2.TemplateNotFound(template)
        data = read_template_file(self.folder, template)
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise TemplateError(f"{self.folder / template}: not UTF-8 text") from None
        mtime = path.stat().st_mtime_ns
        return text, str(self.folder / template), lambda: _unchanged(path, mtime)


def _unchanged(path: Path, mtime: int) -> bool:
    try:
        return path.stat().st_mtime_ns == mtime
    except OSError:
        return False


class BoundedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox plus checks on the two operators that can build huge values."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: jinja2.runtime.Context, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                sized = isinstance(seq, str | list | tuple) and isinstance(count, int)
                if sized and len(seq) * max(count, 0) > _MAX_PRODUCT:
                    raise SecurityError(f"'*' would build a value of {len(seq) * count:,} items")
        ints = operator == "**" and isinstance(left, int) and isinstance(right, int)
        if ints and abs(left) > 1 and right * max(len(str(abs(left))), 1) > _MAX_POWER_DIGITS:
            raise SecurityError(f"'**' would build a number with more than {_MAX_POWER_DIGITS} digits")
        return super().call_binop(context, operator, left, right)


def render_bounded(
    template: jinja2.Template,
    context: dict[str, Any],
    *,
    origin: str,
    max_chars: int = MAX_HTML_CHARS,
    seconds: float = RENDER_SECONDS,
) -> str:
    """Render, streaming, and stop with a TemplateError past ``max_chars`` or ``seconds``."""
    deadline = time.monotonic() + seconds
    parts: list[str] = []
    size = 0
    for piece in template.generate(context):
        size += len(piece)
        if size > max_chars:
            raise TemplateError(f"{origin}: the template's output passed {mib(max_chars)} MiB; stopped")
        if time.monotonic() > deadline:
            raise TemplateError(f"{origin}: the template took longer than {seconds:.0f} s; stopped")
        parts.append(piece)
    return "".join(parts)


# ------------------------------------------------------------------------------------ Word templates

#: the largest XML one part of a Word template may produce (the sample's document.xml is ~60 KB)
MAX_DOCX_XML_CHARS = 20 * MIB


class NoFilesLoader(jinja2.BaseLoader):
    """A Word template is one ``.docx``: ``{% include %}``/``{% import %}`` of anything is refused."""

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        raise jinja2.TemplateNotFound(template)


class BoundedTemplate(jinja2.Template):
    """A template whose ``render`` streams through :func:`render_bounded`.

    docxtpl calls ``env.from_string(xml).render(context)`` itself; giving it an environment whose
    templates render this way puts its output under the same size and time bounds as ours.
    """

    def render(self, *args: Any, **kwargs: Any) -> str:
        env = self.environment
        bounds = getattr(env, "bounds", None) or {}
        return render_bounded(self, dict(*args, **kwargs), **bounds)


class DocumentSandbox(BoundedSandbox):
    """The sandbox for Word templates: immutable, bounded, autoescaped (values land inside XML,
    so ``<`` in an article must arrive as ``&lt;``), no files, and it remembers the source it was
    last given, so an error's line number can be mapped back to the tag the user wrote."""

    template_class = BoundedTemplate

    def __init__(self, *, origin: str, seconds: float = RENDER_SECONDS, max_chars: int = MAX_DOCX_XML_CHARS):
        super().__init__(loader=NoFilesLoader(), autoescape=True, undefined=jinja2.StrictUndefined)
        deadline = time.monotonic() + seconds
        self.last_source = ""
        self._origin, self._deadline, self._max_chars = origin, deadline, max_chars

    @property
    def bounds(self) -> dict[str, Any]:
        """One deadline for the whole document (body, headers, footers), not one per part."""
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TemplateError(f"{self._origin}: the template took too long; stopped")
        return {"origin": self._origin, "max_chars": self._max_chars, "seconds": left}

    def from_string(self, source: Any, *args: Any, **kwargs: Any) -> jinja2.Template:
        self.last_source = str(source)
        return super().from_string(source, *args, **kwargs)
