"""Crash recovery at startup: every dead session's autosave offered, leftovers cleaned.

Kept apart from the window so the rules (what is offered, when an autosave may be deleted) read
in one place; the window only calls in.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from briefing.errors import BriefingFileError
from briefing.model import Briefing

from .autosave import find_orphans

if TYPE_CHECKING:
    from .main_window import MainWindow


def offer_recovery(window: MainWindow) -> bool:
    """Offer every crashed session's autosave, newest first; each is deleted only once the
    user has decided about it.  The first one restored opens here and is autosaved at once
    (so a second crash cannot lose it); any further one the user wants is saved where they say.
    """
    restored = False
    for orphan in find_orphans(window.autosaver.directory):
        if not window.dialogs.ask_restore(orphan.original, orphan.saved_at):
            orphan.discard()
            continue
        from briefing.storage import load

        try:
            briefing = load(orphan.autosave)
        except BriefingFileError as exc:
            window.dialogs.show_error("Could not restore", f"{exc} (the autosave is kept)")
            continue
        if not restored:
            window.doc.replace(briefing, orphan.original, unsaved=True)
            window.autosaver.autosave_now()
            window.statusBar().showMessage("Restored unsaved work from the last session", 8000)
            restored = True
            orphan.discard()
        elif _save_restored_copy(window, briefing, orphan.original):
            orphan.discard()
    return restored

def _save_restored_copy(window: MainWindow, briefing: Briefing, original: Path | None) -> bool:
    """A second restored session: this window already holds one, so save it to a file."""
    stem = original.stem + " (recovered)" if original else "Recovered"
    start = original.parent / f"{stem}.briefing" if original else Path(f"{stem}.briefing")
    name = window.dialogs.choose_save_path(str(start))
    if not name:
        return False  # kept: offered again next time
    from briefing.storage import save

    try:
        save(briefing, Path(name), touch=False)
    except BriefingFileError as exc:
        window.dialogs.show_error("Could not save", str(exc))
        return False
    window.recent.add(Path(name))
    return True

def clean_leftovers(window: MainWindow) -> None:
    """Temporary files of killed saves, imports and exports from earlier sessions."""
    from briefing.cleanup import remove_leftovers, stale_leftovers
    from briefing.templates import user_dir

    folders = [p.parent for p in window.recent.paths()] + [window.autosaver.directory]
    remove_leftovers(stale_leftovers(folders, user_dir()))
