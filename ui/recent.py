"""Settings (QSettings) and the Recent Files list."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

ORGANISATION = "Briefing Builder"
APPLICATION = "briefing-builder"
MAX_RECENT = 10


def settings() -> QSettings:
    """Explicit names and the default format, so tests can redirect it with ``QSettings.setPath``."""
    return QSettings(QSettings.defaultFormat(), QSettings.Scope.UserScope, ORGANISATION, APPLICATION)


class RecentFiles:
    KEY = "recentFiles"

    def paths(self) -> list[Path]:
        """Most recent first; files that have gone away are dropped from the list."""
        store = settings()
        raw = store.value(self.KEY, [])
        if isinstance(raw, str):  # INI files store a one-item list as a plain string
            raw = [raw]
        paths = [Path(p) for p in (raw or []) if p]
        existing = [p for p in paths if p.exists()][:MAX_RECENT]
        if existing != paths:
            store.setValue(self.KEY, [str(p) for p in existing])
        return existing

    def add(self, path: Path) -> None:
        path = Path(path).resolve()
        paths = [path] + [p for p in self.paths() if p.resolve() != path]
        settings().setValue(self.KEY, [str(p) for p in paths[:MAX_RECENT]])

    def clear(self) -> None:
        settings().remove(self.KEY)
