"""Crash recovery: periodic autosave to the user state folder, and a lock naming our PID.

While the document has unsaved changes it is written (atomically) every ``interval`` ms to
``<state>/autosave-<pid>-<n>.briefing`` next to ``session-<pid>-<n>.json``.  A clean exit
removes both; so an autosave whose lock names a dead process is what a crash left behind.
"""

from __future__ import annotations

import itertools
import json
import os
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from .document import BriefingDocument

INTERVAL_MS = 30_000
_counter = itertools.count(1)


def state_dir() -> Path:
    import platformdirs  # honours XDG_STATE_HOME

    return Path(platformdirs.user_state_dir("briefing-builder"))


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's live process
        return True
    except OSError:
        return False
    return True


@dataclass
class Orphan:
    """What a crashed session left: its autosave and the file it was editing (if any)."""

    lock: Path
    autosave: Path
    original: Path | None
    saved_at: float

    def discard(self) -> None:
        self.autosave.unlink(missing_ok=True)
        self.lock.unlink(missing_ok=True)


def find_orphans(directory: Path | None = None) -> list[Orphan]:
    """Autosaves of dead sessions, newest first; dead locks without an autosave are tidied."""
    directory = directory or state_dir()
    orphans = []
    for lock in directory.glob("session-*.json"):
        try:
            info = json.loads(lock.read_text("utf-8"))
            pid = int(info["pid"])
        except (OSError, ValueError, KeyError, TypeError):
            continue
        if pid_alive(pid):
            continue
        autosave = directory / str(info.get("autosave", ""))
        if not autosave.is_file():
            lock.unlink(missing_ok=True)
            continue
        original = Path(info["path"]) if info.get("path") else None
        orphans.append(Orphan(lock, autosave, original, autosave.stat().st_mtime))
    return sorted(orphans, key=lambda o: o.saved_at, reverse=True)


class Autosaver(QObject):
    def __init__(
        self,
        doc: BriefingDocument,
        parent: QObject | None = None,
        *,
        interval_ms: int = INTERVAL_MS,
        directory: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.doc = doc
        self.directory = directory or state_dir()
        tag = f"{os.getpid()}-{next(_counter)}"
        self.autosave_path = self.directory / f"autosave-{tag}.briefing"
        self.lock_path = self.directory / f"session-{tag}.json"
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.autosave_now)
        doc.pathChanged.connect(lambda _p: self._write_lock())
        doc.modifiedChanged.connect(self._modified_changed)
        self.active = False

    def start(self) -> None:
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._write_lock()
        except OSError:
            return  # no state folder: run without crash recovery rather than not at all
        self.active = True
        self.timer.start()

    def _write_lock(self) -> None:
        if not self.directory.exists():
            return
        info = {
            "pid": os.getpid(),
            "autosave": self.autosave_path.name,
            "path": str(self.doc.path) if self.doc.path else "",
        }
        from briefing.storage import atomic_write_bytes

        atomic_write_bytes(self.lock_path, json.dumps(info).encode("utf-8"))

    def autosave_now(self) -> bool:
        """Write the document if it has unsaved changes; True when a file was written."""
        if not self.active or not self.doc.modified:
            return False
        from briefing.errors import BriefingFileError
        from briefing.storage import save

        try:
            # private, whatever the umask: the autosave may hold a TLP:RED briefing
            save(self.doc.briefing, self.autosave_path, touch=False, mode=0o600)
        except BriefingFileError:
            return False
        return True

    def _modified_changed(self, modified: bool) -> None:
        # Saved (or undone back to the saved state): nothing to recover any more.
        if not modified:
            self.autosave_path.unlink(missing_ok=True)

    def stop(self) -> None:
        """Clean exit: remove our autosave and lock."""
        self.timer.stop()
        self.active = False
        self.autosave_path.unlink(missing_ok=True)
        self.lock_path.unlink(missing_ok=True)
