"""Reading files that someone else may have crafted: regular files only, never more than a cap.

Why: ``Path.read_bytes()`` on a FIFO blocks forever and on ``/dev/zero`` (or a symlink to it) reads
until memory runs out.  Every file the app opens on a user's behalf (briefings, PDFs, articles,
template files) goes through :func:`read_regular`, which opens without blocking, checks with
``fstat`` on the open descriptor (so a swap between check and read changes nothing) that it is a
regular file, and reads at most ``limit + 1`` bytes.

Sizes are reported in MiB, the unit the limits are set in, rounded up so a file just over a
limit never reads as "20.0 MiB … the limit is 20 MiB".
"""

from __future__ import annotations

import math
import os
import stat
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .errors import BriefingError

MIB = 1024 * 1024


def mib(size: int) -> str:
    """``size`` bytes as MiB with one decimal, rounded up ("20.1"); whole limits print bare ("20")."""
    value = math.ceil(size / MIB * 10) / 10
    return f"{value:.0f}" if value == int(value) and size % MIB == 0 else f"{value:.1f}"


def read_regular(
    path: str | os.PathLike[str],
    limit: int,
    *,
    error: type[BriefingError] = BriefingError,
    what: str = "file",
    origin: str | None = None,
) -> bytes:
    """The bytes of the regular file at ``path``, or ``error`` with one line saying what is wrong.

    ``limit`` is the most bytes accepted; ``what`` names the kind of file in messages ("briefing
    file", "PDF") and ``origin`` how the file is named (default: its path).
    """
    path = Path(path)
    name = origin or str(path)
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer forever
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise error(f"{name}: no such file (was it moved or deleted?)") from None
    except PermissionError:
        raise error(f"{name}: permission denied; you are not allowed to read this file") from None
    except IsADirectoryError:
        raise error(f"{name}: this is a folder, not a {what}") from None
    except OSError as exc:
        raise error(f"{name}: could not open ({exc.strerror or exc})") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise error(f"{name}: this is a folder, not a {what}")
        if not stat.S_ISREG(info.st_mode):
            raise error(f"{name}: not a regular file (a pipe, device or socket); refused")
        if info.st_size > limit:
            raise error(too_big(name, info.st_size, limit, what))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(1024 * 1024, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        data = b"".join(chunks)
    except OSError as exc:
        raise error(f"{name}: could not read ({exc.strerror or exc})") from None
    finally:
        os.close(fd)
    if len(data) > limit:  # the file grew between fstat() and read(): its size is unknown
        raise error(too_big(name, len(data), limit, what, at_least=True))
    return data


def too_big(name: str, size: int, limit: int, what: str = "file", *, at_least: bool = False) -> str:
    shown = f"more than {mib(limit)}" if at_least else mib(size)
    return f"{name}: the {what} is {shown} MiB; the limit is {mib(limit)} MiB"


def strip_bidi(text: str) -> str:
    """``text`` without bidi controls and other invisible format characters (category Cf).

    Bidi overrides and isolates make "report\u202etxt.exe" display as "reportexe.txt"; a title,
    a name or a label never needs them.
    """
    if not any(unicodedata.category(ch) == "Cf" for ch in text):
        return text
    # Cf also holds soft hyphens and zero-width joiners, which emoji and some scripts need
    keep = {"\u200c", "\u200d"}
    return "".join(ch for ch in text if ch in keep or unicodedata.category(ch) != "Cf")


def replace_lone_surrogates(text: str) -> str:
    """Lone surrogates (from a JSON ``"\\ud800"`` escape) cannot be written as UTF-8: use U+FFFD.

    One code point for one, so evidence offsets into a source's text stay right.
    """
    if not any("\ud800" <= ch <= "\udfff" for ch in text):
        return text
    return "".join("\ufffd" if "\ud800" <= ch <= "\udfff" else ch for ch in text)


@contextmanager
def pdf_read_errors(
    origin: str,
    error: type[BriefingError],
    *,
    keep: tuple[type[BaseException], ...] = (),
    too_large: str = "the PDF is too large to read",
) -> Iterator[None]:
    """Turn whatever a PDF library raises on a damaged or hostile file into one ``error`` line.

    pypdf and pdfminer surface damage as a dozen exception types (PdfReadError, PSEOF, KeyError,
    TypeError, …), deep nesting as RecursionError and bombs as MemoryError; the user needs one
    sentence naming the file.  Errors in ``keep`` are already written for people and pass through.
    """
    try:
        yield
    except keep:
        raise
    except RecursionError:
        raise error(f"{origin}: the PDF's structure is nested too deeply to read") from None
    except MemoryError:
        raise error(f"{origin}: {too_large}") from None
    except Exception as exc:
        raise error(f"{origin}: not a readable PDF ({type(exc).__name__}: {exc})"[:300]) from None
