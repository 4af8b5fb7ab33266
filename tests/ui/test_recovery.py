"""Autosave while dirty, and the offer to restore after a crash."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from briefing import storage
from ui.autosave import find_orphans, pid_alive, state_dir


def _dead_pid() -> int:
    """The PID of a process that has already exited (and been reaped)."""
    out = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    pid = int(out.stdout)
    assert not pid_alive(pid)
    return pid


def _simulate_crash(sample, original=None) -> None:
    """What a killed session leaves in the state folder: its autosave and its lock."""
    folder = state_dir()
    folder.mkdir(parents=True, exist_ok=True)
    pid = _dead_pid()
    storage.save(sample, folder / f"autosave-{pid}-1.briefing", touch=False)
    lock = {"pid": pid, "autosave": f"autosave-{pid}-1.briefing", "path": str(original or "")}
    (folder / f"session-{pid}-1.json").write_text(json.dumps(lock), "utf-8")


def test_state_folder_honours_xdg_state_home(isolated_environment) -> None:
    assert state_dir() == isolated_environment / "state" / "briefing-builder"


def test_restore_is_offered_after_a_crash(make_window, sample, sample_file) -> None:
    edited = sample.model_copy(update={"title": "Edited before the crash"})
    _simulate_crash(edited, original=sample_file)
    window = make_window()
    window.startup(None)
    assert len(window.dialogs.asked_restore) == 1
    assert window.dialogs.asked_restore[0][0] == sample_file
    assert window.doc.briefing == edited
    assert window.doc.path == sample_file  # Save goes back to the file being edited
    assert window.isWindowModified()  # restored work is not saved yet
    assert window.source_view.toPlainText() == sample.sources[0].text
    assert find_orphans() == []  # offered once, not at every start


def test_declining_discards_the_autosave(make_window, sample) -> None:
    _simulate_crash(sample)
    window = make_window()
    window.dialogs.restore = False
    window.startup(None)
    assert window.dialogs.asked_restore
    assert window.doc.briefing.sources == []
    assert find_orphans() == []


def test_live_sessions_are_not_offered(make_window, sample) -> None:
    other = make_window()  # a running instance (same PID) with unsaved work
    other.doc.replace(sample, None, unsaved=True)
    assert other.autosaver.autosave_now()
    window = make_window()
    window.startup(None)
    assert window.dialogs.asked_restore == []


def test_autosave_runs_while_dirty_and_clean_exit_removes_it(qtbot, make_window, sample_file) -> None:
    window = make_window(autosave_interval_ms=50)
    window.load_briefing(sample_file)
    autosave, lock = window.autosaver.autosave_path, window.autosaver.lock_path
    assert lock.exists()
    assert json.loads(lock.read_text("utf-8"))["path"] == str(sample_file)
    qtbot.wait(150)
    assert not autosave.exists()  # nothing unsaved, nothing written

    table = window.cards.tables["forces"]
    table.model.setData(table.model.index(0, 0), "United States")
    qtbot.waitUntil(autosave.exists, timeout=2000)
    qtbot.waitUntil(lambda: storage.load(autosave).forces[0].actor == "United States", timeout=2000)

    window.save()
    assert not autosave.exists()  # saved: nothing left to recover
    assert window.close()
    assert not lock.exists()


def test_default_interval_is_at_most_30_seconds(window) -> None:
    assert window.autosaver.timer.interval() <= 30_000
    assert window.autosaver.timer.isActive()


@pytest.mark.parametrize("content", ["not json", '{"pid": "x"}'])
def test_unreadable_locks_are_ignored(make_window, content) -> None:
    folder = state_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "session-1-1.json").write_text(content, "utf-8")
    window = make_window()
    window.startup(None)
    assert window.dialogs.asked_restore == []
