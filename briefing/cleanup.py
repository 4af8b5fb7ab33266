"""Leftovers of killed processes: temporary files a save, an import or an export never finished.

A kill -9 (or a power cut) mid-save leaves ``.NAME.briefing.XXXX.tmp`` beside the target, a killed
template import leaves ``.import-*`` in the templates folder, a killed editor export leaves
``briefing-export-*.briefing`` in the temp folder.  Each holds a copy of the user's data and can be
large, so the editor removes those older than :data:`STALE_SECONDS` on its next start.  Only
names this app makes are touched, never anything else in those folders.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

#: older than any save, import or export still running could be (exports stop at 120 s)
STALE_SECONDS = 15 * 60
_SAVE_TMP = re.compile(r"\..+\.[A-Za-z0-9_]{8}\.tmp")
_IMPORT_DIR = re.compile(r"\.(?:import|new)-[A-Za-z0-9_]+")
_EXPORT_TMP = re.compile(r"briefing-export-[A-Za-z0-9_]+\.briefing")


def _old(path: Path, now: float) -> bool:
    try:
        return now - path.lstat().st_mtime > STALE_SECONDS
    except OSError:
        return False


def stale_leftovers(save_folders: Iterable[Path], templates_root: Path | None = None,
                    temp_folder: Path | None = None, *, now: float | None = None) -> list[Path]:
    """The leftovers in those folders that are old enough to be a dead process's."""
    now = time.time() if now is None else now
    found: list[Path] = []
    for folder in dict.fromkeys(Path(f) for f in save_folders):
        found += [p for p in _listing(folder) if _SAVE_TMP.fullmatch(p.name) and p.is_file()]
    if templates_root is not None:
        found += [p for p in _listing(templates_root) if _IMPORT_DIR.fullmatch(p.name) and p.is_dir()]
    temp = Path(tempfile.gettempdir()) if temp_folder is None else temp_folder
    found += [p for p in _listing(temp) if _EXPORT_TMP.fullmatch(p.name) and p.is_file()]
    return [p for p in found if not p.is_symlink() and _old(p, now)]


def _listing(folder: Path) -> list[Path]:
    try:
        return list(folder.iterdir())
    except OSError:
        return []


def remove_leftovers(paths: Iterable[Path]) -> int:
    """Delete them (folders whole); returns how many went.  Failures are skipped, never raised."""
    removed = 0
    for path in paths:
        try:
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
            removed += 1
        except OSError:
            continue
    return removed
