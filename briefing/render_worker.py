"""A long-lived render process: briefings in on stdin, PDFs out on stdout.

Why a process: WeasyPrint is pure Python and holds the GIL for the whole layout, so rendering
in a thread of the editor would stall the GUI.  The worker stays warm between renders (fonts,
parsed CSS and jinja2 environments are cached in ``render``), so each preview only lays out.

Protocol (binary, length-prefixed frames: 4-byte big-endian length, then the payload):
request  = one JSON frame {"id": int, "briefing": {...}, "template": str|null, "page_size": str|null}
           and, from ``render_process`` only: "template_folder" (a folder the user chose), "format"
           ("pdf", "html": the self-contained HTML, or "docx") and "embed" (false: no embedded
           briefing).  Without a "format" (the preview and thumbnails), a Word template answers
           with a PDF sketch of the filled document (``word_preview``).
response = one JSON frame {"id", "ok", "error", "warnings", "seconds"} then one frame of PDF bytes
           (empty when ok is false).  Template and render errors come back as messages; they never
           end the worker.  End of input ends it.

    python -m briefing.render_worker [--memory-mb N]

``--memory-mb`` caps the process's address space, so a template that builds a huge document gets
a MemoryError (reported as a message) instead of taking the machine's memory.
"""

from __future__ import annotations

import contextlib
import json
import struct
import sys
import time
from pathlib import Path
from typing import Any, BinaryIO

_LEN = struct.Struct(">I")


def encode_frame(payload: bytes) -> bytes:
    return _LEN.pack(len(payload)) + payload


def encode_request(
    request_id: int, briefing_json: dict[str, Any], template: str | None = None, page_size: str | None = None
) -> bytes:
    body = {"id": request_id, "briefing": briefing_json, "template": template, "page_size": page_size}
    return encode_frame(json.dumps(body).encode("utf-8"))


class FrameReader:
    """Incremental frame parser: feed bytes as they arrive, take complete frames out."""

    def __init__(self) -> None:
        self._buf = bytearray()

    def feed(self, data: bytes) -> list[bytes]:
        self._buf += data
        frames = []
        while len(self._buf) >= _LEN.size:
            (size,) = _LEN.unpack_from(self._buf)
            if len(self._buf) < _LEN.size + size:
                break
            frames.append(bytes(self._buf[_LEN.size : _LEN.size + size]))
            del self._buf[: _LEN.size + size]
        return frames


def _read_exact(stream: BinaryIO, n: int) -> bytes | None:
    data = b""
    while len(data) < n:
        chunk = stream.read(n - len(data))
        if not chunk:
            return None
        data += chunk
    return data


def handle(request: dict[str, Any]) -> tuple[dict[str, Any], bytes]:
    """Render one request; any failure becomes an error message in the header."""
    from .errors import BriefingError
    from .render import render_pdf_with_warnings, self_contained_html
    from .storage import from_dict
    from .templates import load_template

    start = time.perf_counter()
    header: dict[str, Any] = {"id": request.get("id"), "ok": False, "error": "", "warnings": []}
    pdf = b""
    try:
        briefing = from_dict(request.get("briefing"), "preview")
        folder = request.get("template_folder")
        template = load_template(Path(folder)) if folder else request.get("template")
        size = request.get("page_size")
        fmt = request.get("format")
        if fmt == "docx":
            from .docx_export import render_docx

            pdf, warnings = render_docx(briefing, template, page_size=size), []
        elif fmt is None and _word_template(template, briefing) is not None:
            from .word_preview import preview_pdf

            pdf, warnings = preview_pdf(briefing, _word_template(template, briefing), page_size=size), []
        elif fmt == "html":
            pdf, warnings = self_contained_html(briefing, template, page_size=size).encode("utf-8"), []
        else:
            embed = bool(request.get("embed", True))
            pdf, warnings = render_pdf_with_warnings(briefing, template, page_size=size, embed=embed)
        header.update(ok=True, warnings=warnings)
    except BriefingError as exc:
        header["error"] = str(exc)
    except MemoryError:
        header["error"] = "the template needed more memory than a briefing may use; stopped"
    except Exception as exc:  # a bug must not kill the worker: report it and keep serving
        header["error"] = f"{type(exc).__name__}: {exc}"
    header["seconds"] = round(time.perf_counter() - start, 4)
    return header, pdf


def _word_template(template: Any, briefing: Any) -> Any:
    """The Template if the request renders with a Word template, else None."""
    from .render import resolve_template

    tpl = resolve_template(template, briefing)
    return tpl if tpl.is_word else None


def warm_up() -> None:
    """Lay out one small page with the default template: fonts, stylesheets and the template's
    code are then loaded before the real request arrives.  A failure here is the request's to
    report, not the warm-up's."""
    from .render import render_pdf
    from .user_templates import tiny_briefing

    with contextlib.suppress(Exception):  # the real render meets and reports the same problem
        render_pdf(tiny_briefing())


def serve(inp: BinaryIO, out: BinaryIO, *, warm: bool = False) -> None:
    import weasyprint  # noqa: F401  (import once, up front: the first preview is then quicker)

    if warm:
        warm_up()

    while True:
        head = _read_exact(inp, _LEN.size)
        if head is None:
            return
        body = _read_exact(inp, _LEN.unpack(head)[0])
        if body is None:
            return
        try:
            request = json.loads(body)
        except json.JSONDecodeError as exc:
            header, pdf = {"id": None, "ok": False, "error": f"bad request: {exc}", "warnings": []}, b""
        else:
            header, pdf = handle(request)
        out.write(encode_frame(json.dumps(header).encode("utf-8")) + encode_frame(pdf))
        out.flush()


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (POSIX); a no-op where ``resource`` is missing."""
    try:
        import resource
    except ImportError:
        return
    cap = megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        cap = min(cap, hard)
    resource.setrlimit(resource.RLIMIT_AS, (cap, hard))


def main(argv: list[str] | None = None) -> int:
    import argparse

    parser = argparse.ArgumentParser(prog="python -m briefing.render_worker")
    parser.add_argument("--memory-mb", type=int, default=0, help="cap the address space (MiB)")
    parser.add_argument("--warm", action="store_true", help="lay out a small page before the first request")
    args = parser.parse_args(argv)
    if args.memory_mb:
        limit_memory(args.memory_mb)
    serve(sys.stdin.buffer, sys.stdout.buffer, warm=args.warm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
