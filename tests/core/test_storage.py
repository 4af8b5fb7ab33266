"""`.briefing` files: round trip, atomic saves, clear errors, migration."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing import storage
from briefing.errors import BriefingFileError
from briefing.model import LIKELIHOODS, TLP_LABELS, Briefing, Force, OutlookItem, Quote, Source, Span

texts = st.text(max_size=80)


@st.composite
def briefings(draw) -> Briefing:
    src = Source(text=draw(st.text(min_size=1, max_size=200)), title=draw(texts))
    span = Span(source_id=src.id, start=0, end=len(src.text))
    return Briefing(
        title=draw(texts),
        author=draw(texts),
        marking=draw(st.sampled_from(TLP_LABELS)),
        sources=[src],
        forces=[Force(actor=draw(texts), strength=draw(st.none() | st.integers(0, 10**9)), evidence=[span])],
        quotes=[
            Quote(text=draw(texts), speaker=draw(texts), kind=draw(st.sampled_from(["direct", "indirect"])))
        ],
        outlook=[
            OutlookItem(statement=draw(texts), likelihood=draw(st.none() | st.sampled_from(LIKELIHOODS)))
        ],
    )


@settings(max_examples=40, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(b=briefings())
def test_save_load_round_trip_is_identical(tmp_path: Path, b: Briefing) -> None:
    path = tmp_path / "x.briefing"
    storage.save(b, path, touch=False)
    assert storage.load(path) == b


def test_failed_save_keeps_previous_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "keep.briefing"
    old = Briefing(title="old")
    storage.save(old, path)
    before = path.read_bytes()

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", disk_full)  # the write itself fails, as on a full disk
    with pytest.raises(BriefingFileError, match="No space left"):
        storage.save(Briefing(title="new"), path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["keep.briefing"]  # no temp file left behind


def test_process_killed_mid_save_leaves_old_file_intact(tmp_path: Path) -> None:
    """A real crash: a child process is SIGKILLed while writing a large briefing."""
    path = tmp_path / "crash.briefing"
    storage.save(Briefing(title="survivor"), path)
    script = textwrap.dedent(
        f"""
        import sys
        from briefing import storage
        from briefing.model import Briefing, Source
        big = Briefing(title="big", sources=[Source(text="x" * 60_000_000)])
        print("ready", flush=True)
        while True:
            storage.save(big, {str(path)!r})
        """
    )
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None and proc.stdout.readline().strip() == "ready"
    time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    loaded = storage.load(path)  # either the old file or a complete new one, never a torn one
    assert loaded.title in {"survivor", "big"}


def test_saved_files_get_normal_permissions(tmp_path: Path) -> None:
    path = tmp_path / "perm.briefing"
    storage.save(Briefing(), path)
    umask = os.umask(0)
    os.umask(umask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    path.chmod(0o640)
    storage.save(Briefing(title="again"), path)
    assert path.stat().st_mode & 0o777 == 0o640  # replacing a file keeps its mode


def test_bad_files_raise_one_readable_error(tmp_path: Path) -> None:
    bad_json = tmp_path / "bad.briefing"
    bad_json.write_text("{not json", encoding="utf-8")
    with pytest.raises(BriefingFileError, match=r"bad\.briefing: not valid JSON \(line 1"):
        storage.load(bad_json)

    bad_field = tmp_path / "field.briefing"
    bad_field.write_text(json.dumps({"schema_version": 1, "quotes": [{"kind": "shouted"}]}), encoding="utf-8")
    with pytest.raises(BriefingFileError, match=r"field\.briefing: field quotes\[0\]\.kind"):
        storage.load(bad_field)

    newer = tmp_path / "newer.briefing"
    newer.write_text(json.dumps({"schema_version": 99}), encoding="utf-8")
    with pytest.raises(BriefingFileError, match="newer Briefing Builder"):
        storage.load(newer)

    with pytest.raises(BriefingFileError, match="no such file"):
        storage.load(tmp_path / "missing.briefing")


def test_schema_0_is_migrated(tmp_path: Path) -> None:
    old = {"title": "draft", "tlp": "tlp:amber", "quotes": [{"text": "We will return", "who": "General X"}]}
    path = tmp_path / "old.briefing"
    path.write_text(json.dumps(old), encoding="utf-8")
    b = storage.load(path)
    assert b.marking == "TLP:AMBER"
    assert b.quotes[0].speaker == "General X"
    assert b.schema_version == 1


def test_marking_accepts_tlp_and_classification_lines() -> None:
    assert Briefing(marking="tlp:amber+strict").marking == "TLP:AMBER+STRICT"
    assert Briefing(marking="TLP:WHITE").marking == "TLP:CLEAR"
    assert Briefing(marking="UNCLASSIFIED // FOR OFFICIAL USE ONLY").is_tlp is False
    with pytest.raises(ValueError, match=r"not a TLP 2\.0 label"):
        Briefing(marking="TLP:PURPLE")
