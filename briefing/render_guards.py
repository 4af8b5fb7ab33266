"""What a WeasyPrint render runs inside: its warnings collected for the caller, the cyclic
garbage collector told to run less often (WeasyPrint's layout allocates millions of small objects),
and pydyf's page streams deflated at zlib's default level instead of its slowest.
"""

from __future__ import annotations

import gc
import logging
import types
import zlib
from collections.abc import Iterator
from contextlib import contextmanager


class _WarningCollector(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


#: cyclic-GC generation-0 threshold while WeasyPrint lays out: it allocates millions of short-lived
#: objects, and at Python's 700 a 19-page brief spent 0.35 s of 2.8 s in 411 collections; at
#: 10,000 it is 0.09 s in 26, and cycles are still collected, so memory stays bounded
RENDER_GC_THRESHOLD = 10_000


@contextmanager
def fewer_collections() -> Iterator[None]:
    """Generation-0 collections at most every RENDER_GC_THRESHOLD allocations, for the block."""
    saved = gc.get_threshold()
    gc.set_threshold(max(saved[0], RENDER_GC_THRESHOLD), *saved[1:])
    try:
        yield
    finally:
        gc.set_threshold(*saved)


@contextmanager
def collect_warnings() -> Iterator[list[str]]:
    """WeasyPrint's warnings (invalid CSS, blocked resources) logged during the block."""
    logger = logging.getLogger("weasyprint")
    handler = _WarningCollector()
    logger.addHandler(handler)
    try:
        yield handler.messages
    finally:
        logger.removeHandler(handler)


#: deflate level for the PDF's streams. pydyf asks zlib for level 9; on the 19-page merged brief
#: its 43 streams (1.6 MB) take 0.14 s at 9 and 0.04 s at 6 (zlib's default), for a PDF 2.5 %
#: larger (271 → 277 KB). Level 1 would save 0.03 s more for a PDF 24 % larger: not worth it.
PDF_DEFLATE_LEVEL = 6


def _zlib_at(level: int) -> types.SimpleNamespace:
    """zlib as pydyf uses it (``compressobj``, ``compress``), at ``level`` whatever it asks."""
    return types.SimpleNamespace(
        compressobj=lambda *args, **kwargs: zlib.compressobj(level),
        compress=lambda data, *args, **kwargs: zlib.compress(data, level),
        decompress=zlib.decompress,
    )


@contextmanager
def default_deflate() -> Iterator[None]:
    """pydyf deflates at PDF_DEFLATE_LEVEL during the block.

    pydyf hard-codes ``level=9`` and has no option for it, so its module's ``zlib`` is swapped for
    the block. The caller holds the render lock, the only place pydyf runs, so no other PDF sees
    the swap. A pydyf without a ``zlib`` attribute is left alone (the PDF is only slower to write).
    """
    import pydyf

    saved = getattr(pydyf, "zlib", None)
    if saved is not zlib:
        yield
        return
    pydyf.zlib = _zlib_at(PDF_DEFLATE_LEVEL)
    try:
        yield
    finally:
        pydyf.zlib = saved
