"""Hostile files and faults in the editor: a dialog with one line, and the open work untouched."""

from __future__ import annotations

import io
import json
import os
import shutil
import stat
import time
import zlib
from pathlib import Path

import pypdf
import pytest

from briefing import storage
from briefing.templates import get_template, user_dir
from ui.autosave import find_orphans, state_dir
from ui.commands import SetDetail

from .test_recovery import _simulate_crash

RENDER_TIMEOUT_MS = 60_000


def _bomb_pdf(path: Path) -> Path:
    from pypdf.generic import NameObject

    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_attachment("briefing.briefing", b"placeholder")
    stream = writer._root_object["/Names"]["/EmbeddedFiles"]["/Names"][1].get_object()["/EF"]["/F"].get_object()
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    stream._data = zlib.compress(b" " * (70 * 1024 * 1024), 9)
    out = io.BytesIO()
    writer.write(out)
    path.write_bytes(out.getvalue())
    return path


def _hostile(tmp_path: Path, kind: str) -> Path:
    if kind == "deep":
        path = tmp_path / "deep.briefing"
        path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    elif kind == "fifo":
        path = tmp_path / "pipe.briefing"
        os.mkfifo(path)
    elif kind == "zero":
        path = tmp_path / "zero.briefing"
        path.symlink_to("/dev/zero")
    elif kind == "foreign":
        path = tmp_path / "package.briefing"
        path.write_text(json.dumps({"name": "x", "version": "1"}), encoding="utf-8")
    elif kind == "schema0":
        path = tmp_path / "old.briefing"
        path.write_text(json.dumps({"tlp": "TLP:RED", "quotes": 7}), encoding="utf-8")
    elif kind == "fake-pdf":
        path = tmp_path / "fake.pdf"
        path.write_bytes(b"%PDF-1.4\nnot really\n")
    else:
        path = _bomb_pdf(tmp_path / "bomb.pdf")
    return path


@pytest.mark.parametrize("kind", ["deep", "fifo", "zero", "foreign", "schema0", "fake-pdf", "bomb"])
def test_a_hostile_file_gets_a_dialog_and_the_open_briefing_stays(
    window, sample_file, tmp_path, kind
) -> None:
    assert window.load_briefing(sample_file)
    before = window.doc.briefing.model_dump_json()
    assert not window.load_briefing(_hostile(tmp_path, kind))
    assert len(window.dialogs.errors) == 1
    title, message = window.dialogs.errors[0]
    assert title == "Could not open briefing"
    assert "\n" not in message and message
    assert window.doc.briefing.model_dump_json() == before
    assert window.doc.path == sample_file


def test_a_lone_surrogate_opens_and_saves(window, tmp_path) -> None:
    odd = tmp_path / "odd.briefing"
    odd.write_text('{"schema_version": 1, "title": "bad \\ud800 char"}', encoding="utf-8")
    assert window.load_briefing(odd)
    window.doc.push(SetDetail(window.doc, "author", "Analyst"))
    assert window.autosaver.autosave_now()
    assert window.save()
    assert window.dialogs.errors == []
    assert storage.load(odd).title == "bad \ufffd char"


def test_every_crashed_session_is_offered_and_the_restored_one_is_autosaved_at_once(
    make_window, sample, tmp_path
) -> None:
    _simulate_crash(sample.model_copy(update={"title": "Older crash"}))
    time.sleep(0.05)  # distinct mtimes: newest first
    _simulate_crash(sample.model_copy(update={"title": "Newer crash"}))
    window = make_window()
    window.dialogs.save_path = str(tmp_path / "second.briefing")
    window.startup(None)
    assert len(window.dialogs.asked_restore) == 2
    assert window.doc.briefing.title == "Newer crash"
    assert storage.load(tmp_path / "second.briefing").title == "Older crash"
    assert window.autosaver.autosave_path.is_file()  # a crash right now would lose nothing
    assert storage.load(window.autosaver.autosave_path).title == "Newer crash"
    assert find_orphans() == []


def test_an_autosave_not_yet_decided_is_kept(make_window, sample) -> None:
    _simulate_crash(sample.model_copy(update={"title": "One"}))
    time.sleep(0.05)
    _simulate_crash(sample.model_copy(update={"title": "Two"}))
    window = make_window()
    window.dialogs.save_path = None  # the user cancels saving the second one
    window.startup(None)
    left = find_orphans()
    assert [storage.load(o.autosave).title for o in left] == ["One"]


def test_autosaves_are_private(window, sample_file) -> None:
    assert window.load_briefing(sample_file)
    sample_file.chmod(0o644)
    window.doc.push(SetDetail(window.doc, "author", "Analyst"))
    assert window.autosaver.autosave_now()
    assert stat.S_IMODE(window.autosaver.autosave_path.stat().st_mode) == 0o600


def test_stale_leftovers_are_cleaned_on_start_and_fresh_ones_kept(make_window, sample_file) -> None:
    window = make_window()
    window.recent.add(sample_file)
    folder = sample_file.parent
    old_tmp = folder / f".{sample_file.name}.abcd1234.tmp"
    new_tmp = folder / f".{sample_file.name}.efgh5678.tmp"
    user_dir().mkdir(parents=True, exist_ok=True)
    old_import = user_dir() / ".import-abc123"
    old_import.mkdir()
    (old_import / "manifest.toml").write_text("x", encoding="utf-8")
    unrelated = folder / "notes.tmp"
    for path in (old_tmp, new_tmp, unrelated):
        path.write_bytes(b"x" * 1000)
    hour_ago = time.time() - 3600
    for path in (old_tmp, old_import, unrelated):
        os.utime(path, (hour_ago, hour_ago))
    state_dir().mkdir(parents=True, exist_ok=True)
    window.startup(None)
    assert not old_tmp.exists() and not old_import.exists()
    assert new_tmp.exists() and unrelated.exists()


def test_a_template_that_loops_forever_stops_the_preview_with_a_message(qtbot, window, sample_file) -> None:
    with qtbot.waitSignal(window.preview.shown, timeout=RENDER_TIMEOUT_MS):
        window.load_briefing(sample_file)
    folder = user_dir() / "loops"
    shutil.copytree(get_template(None).folder, folder)
    manifest = folder / "manifest.toml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace('name = "intelligence-brief"', 'name = "loops"'),
        encoding="utf-8",
    )
    (folder / "template.html.j2").write_text(
        "{% for a in range(100000) %}{% for c in range(100000) %}{% endfor %}{% endfor %}", encoding="utf-8"
    )
    worker = window.preview.worker
    worker._watchdog.setInterval(2000)
    messages: list[str] = []
    worker.failed.connect(lambda _id, message: messages.append(message))
    window.doc.push(SetDetail(window.doc, "template", "loops"))
    window.preview.render_now()
    qtbot.waitUntil(lambda: any("took longer than" in m for m in messages), timeout=RENDER_TIMEOUT_MS)
    # the window still works: the next edit renders with a good template (with the real deadline:
    # a fresh worker's start-up alone can take longer than the test's two seconds)
    worker._watchdog.setInterval(60_000)
    with qtbot.waitSignal(window.preview.shown, timeout=RENDER_TIMEOUT_MS):
        window.doc.push(SetDetail(window.doc, "template", "intelligence-brief"))


def test_a_long_article_shows_progress_and_can_be_cancelled(qtbot, window, sample_file, tmp_path) -> None:
    from briefing.extract.nlp import SINGLE_DOC_CHARS

    assert window.load_briefing(sample_file)
    before = window.doc.briefing.model_dump_json()
    paragraph = "The convoy left the northern town at dawn and the army said it would return. "
    long_article = tmp_path / "long.txt"
    long_article.write_text("A long report\n\n" + (paragraph * 12 + "\n\n") * (SINGLE_DOC_CHARS // 900 * 3),
                            encoding="utf-8")
    shares: list[float] = []
    window.open_path(long_article)
    job = window._extraction
    assert job is not None and window.cancel_button.isVisible()
    job.signals.progress.connect(shares.append)
    qtbot.waitUntil(lambda: bool(shares), timeout=120_000)
    assert 0 < shares[0] < 1 and window.progress.maximum() == 100
    with qtbot.waitSignal(job.signals.cancelled, timeout=120_000):
        window.cancel_button.click()
    assert not window.cancel_button.isVisible()
    assert window.doc.briefing.model_dump_json() == before
    assert window.dialogs.errors == []
