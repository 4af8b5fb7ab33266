"""Renders that may run someone else's template: in a child process with a deadline and a
memory cap, so a template that loops or balloons is stopped and reported, never waited for.

Why a process: jinja2 cannot interrupt a loop that prints nothing, and a thread cannot be killed;
a process can.  The child is ``render_worker`` (the same code as the editor's live preview) fed a
single request; closing its input ends it.  The parent does not import WeasyPrint at all.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from .errors import RenderError, TemplateError
from .model import Briefing
from .render_worker import FrameReader, encode_frame
from .templates import Template

#: wall-clock seconds one export may take (a 400-item-per-card briefing takes about 10 s)
EXPORT_SECONDS = 120.0
#: address-space cap of the child (WeasyPrint and its fonts map ~0.6 GiB before any document)
MEMORY_MB = 3072


class RenderChild:
    """One render child, started before its request is known: it imports WeasyPrint and (with
    ``warm``) lays out a small page while the caller still extracts, on the other core.  A cold
    child spent about three seconds on that before a long merged brief's own render began."""

    def __init__(self, memory_mb: int = MEMORY_MB, *, warm: bool = False) -> None:
        argv = [sys.executable, "-m", "briefing.render_worker", "--memory-mb", str(memory_mb)]
        try:
            self._proc: subprocess.Popen[bytes] | None = subprocess.Popen(
                [*argv, "--warm"] if warm else argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
        except OSError as exc:
            raise RenderError(f"could not start the render process ({exc.strerror or exc})") from None

    def render(
        self,
        briefing: Briefing,
        template: str | Template | Path | None = None,
        *,
        page_size: str | None = None,
        embed: bool = True,
        fmt: str = "pdf",
        seconds: float = EXPORT_SECONDS,
    ) -> tuple[bytes, list[str]]:
        """The PDF (or, with ``fmt="html"``, the self-contained HTML) and its warnings.  One
        request per child: it ends when its input closes."""
        proc, self._proc = self._proc, None
        if proc is None:
            raise RenderError("this render process was already used")
        request: dict[str, object] = {
            "id": 1,
            "briefing": json.loads(briefing.model_dump_json()),
            "page_size": page_size,
            "format": fmt,
            "embed": embed,
        }
        name = template.name if isinstance(template, Template) else template
        if isinstance(template, Template | Path):
            folder = template.folder if isinstance(template, Template) else template
            request["template_folder"] = str(Path(folder).resolve())
        else:
            request["template"] = template
        try:
            stdout, stderr = proc.communicate(
                encode_frame(json.dumps(request).encode("utf-8")), timeout=seconds
            )
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.communicate()
            label = f"template {name}" if name else "the template"
            raise TemplateError(f"{label} took longer than {seconds:.0f} s to render; stopped") from None
        frames = FrameReader().feed(stdout)
        if len(frames) < 2:
            last = stderr.decode("utf-8", errors="replace").strip().splitlines()[-1:] or ["no output"]
            raise RenderError(f"the render process stopped (exit {proc.returncode}: {last[0][:200]})")
        header = json.loads(frames[0])
        if not header.get("ok"):
            raise TemplateError(header.get("error") or "the render failed")
        return frames[1], list(header.get("warnings") or [])

    def close(self) -> None:
        """Stop a child that was never given its request."""
        proc, self._proc = self._proc, None
        if proc is not None:
            proc.kill()
            proc.communicate()


def render_isolated(
    briefing: Briefing,
    template: str | Template | Path | None = None,
    *,
    page_size: str | None = None,
    embed: bool = True,
    fmt: str = "pdf",
    seconds: float = EXPORT_SECONDS,
    memory_mb: int = MEMORY_MB,
) -> tuple[bytes, list[str]]:
    """The PDF (or, with ``fmt="html"``, the self-contained HTML) and its warnings, from a new child."""
    return RenderChild(memory_mb).render(
        briefing, template, page_size=page_size, embed=embed, fmt=fmt, seconds=seconds
    )
