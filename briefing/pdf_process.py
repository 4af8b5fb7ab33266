"""PDF import in a child process with a deadline and a memory cap.

Why: pdfminer.six cannot be interrupted inside a page, and it inflates content streams without a
size cap, so a crafted PDF (a page that loops, a small file that unpacks to gigabytes) could hold
or exhaust the app; the per-page deadline in ``ingest_pdf`` cannot stop either.  A child process
can be killed.  The child gets the file's bytes on stdin and answers one JSON object on stdout:
``{"ok": true, "source": {...}}`` or ``{"ok": false, "error": "one line"}``.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable

from .errors import IngestError
from .model import Source

#: wall-clock seconds for the whole import, start-up included (ingest_pdf stops itself at 60 s)
IMPORT_SECONDS = 75.0
#: address-space cap of the child: pdfminer on a 400-page report stays well under 1 GiB
MEMORY_MB = 2048


def source_from_pdf_isolated(
    data: bytes,
    origin: str,
    *,
    seconds: float = IMPORT_SECONDS,
    memory_mb: int = MEMORY_MB,
    should_stop: Callable[[], object] | None = None,
) -> Source:
    """``ingest_pdf.source_from_pdf_bytes`` run in a child; IngestError with one line on failure.

    ``should_stop()`` is called four times a second; when it raises (the editor's Cancel), the
    child is killed and the exception goes on.
    """
    argv = [sys.executable, "-m", "briefing.pdf_process", origin, str(memory_mb), str(max(1.0, seconds - 10))]
    # the bytes go in through a temporary file, not a pipe: communicate() with a timeout cannot
    # resume writing a large input after its first timeout, which would leave the child waiting
    with tempfile.TemporaryFile() as feed:
        feed.write(data)
        feed.seek(0)
        try:
            proc = subprocess.Popen(argv, stdin=feed, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        except OSError as exc:
            raise IngestError(f"{origin}: could not start the PDF reader ({exc.strerror or exc})") from None
        stop_at = time.monotonic() + seconds
        while True:
            try:
                stdout, stderr = proc.communicate(timeout=min(0.25, seconds))
                break
            except subprocess.TimeoutExpired:
                pass
            try:
                if should_stop is not None:
                    should_stop()
                if time.monotonic() > stop_at:
                    raise IngestError(f"{origin}: reading the PDF took over {seconds:.0f} s; stopped")
            except BaseException:
                proc.kill()
                proc.communicate()
                raise
    try:
        answer = json.loads(stdout.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        if proc.returncode < 0 or b"MemoryError" in stderr:
            raise IngestError(f"{origin}: the PDF needs too much memory to read; refused") from None
        last = stderr.decode("utf-8", errors="replace").strip().splitlines()[-1:] or ["no output"]
        message = f"{origin}: the PDF reader stopped (exit {proc.returncode}: {last[0][:200]})"
        raise IngestError(message) from None
    if not answer.get("ok"):
        raise IngestError(str(answer.get("error") or f"{origin}: the PDF could not be read"))
    return Source.model_validate(answer["source"])


def _child(origin: str, memory_mb: int, deadline: float) -> int:
    from .render_worker import limit_memory

    limit_memory(memory_mb)
    data = sys.stdin.buffer.read()
    try:
        from .ingest_pdf import source_from_pdf_bytes

        source = source_from_pdf_bytes(data, origin, deadline=deadline)
        answer: dict[str, object] = {"ok": True, "source": json.loads(source.model_dump_json())}
    except IngestError as exc:
        answer = {"ok": False, "error": str(exc)}
    except MemoryError:
        answer = {"ok": False, "error": f"{origin}: the PDF needs too much memory to read; refused"}
    sys.stdout.write(json.dumps(answer))
    return 0


if __name__ == "__main__":
    sys.exit(_child(sys.argv[1], int(sys.argv[2]), float(sys.argv[3])))
