"""The command line: exit codes, one-line errors, JSON contract, export."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pypdf

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "assets" / "samples" / "niger-airbase-101.txt"


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True,
                          input=stdin, cwd=ROOT, timeout=120)


def test_extract_json_follows_the_scorer_contract() -> None:
    proc = run("extract", str(SAMPLE), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout)
    assert doc["source"]["text"] == SAMPLE.read_text(encoding="utf-8")
    assert len(doc["situation"]["bluf"].split()) <= 50
    for card in ("forces", "quotes", "outlook", "timeline", "places"):
        assert isinstance(doc[card], list)
    q = next(q for q in doc["quotes"] if q["kind"] == "direct")
    assert doc["source"]["text"][q["evidence"]["start"] : q["evidence"]["end"]] == q["evidence"]["text"]


def test_extract_text_and_save_briefing(tmp_path: Path) -> None:
    out = tmp_path / "s.briefing"
    proc = run("extract", str(SAMPLE), "-o", str(out))
    assert proc.returncode == 0, proc.stderr
    assert "BLUF:" in proc.stdout and "QUOTES" in proc.stdout
    assert json.loads(out.read_text(encoding="utf-8"))["schema_version"] == 1


def test_extract_from_standard_input() -> None:
    proc = run("extract", "-", "--format", "json", stdin="“We will stay here until the end,” General Ana Ruiz said.")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["quotes"][0]["speaker"] == "Ana Ruiz"


def test_export_from_article_and_from_briefing(tmp_path: Path) -> None:
    saved = tmp_path / "s.briefing"
    assert run("extract", str(SAMPLE), "-o", str(saved)).returncode == 0
    for source in (str(SAMPLE), str(saved)):
        pdf = tmp_path / "out.pdf"
        proc = run("export", source, "-o", str(pdf), "--marking", "tlp:red")
        assert proc.returncode == 0, proc.stderr
        text = pypdf.PdfReader(pdf).pages[0].extract_text()
        assert "TLP:RED" in text and "Page 1 of" in text


def test_bad_input_gives_one_line_and_exit_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    corrupt = tmp_path / "bad.briefing"
    corrupt.write_text("{oops", encoding="utf-8")
    cases = [
        ("extract", str(tmp_path / "missing.txt")),
        ("extract", str(empty)),
        ("export", str(corrupt), "-o", str(tmp_path / "x.pdf")),
        ("export", str(SAMPLE), "-o", str(tmp_path / "x.pdf"), "--template", "nope"),
        ("export", str(SAMPLE), "-o", str(tmp_path / "x.pdf"), "--marking", "TLP:PURPLE"),
        ("export", str(SAMPLE), "-o", str(tmp_path / "no-such-dir" / "x.pdf")),
    ]
    for args in cases:
        proc = run(*args)
        assert proc.returncode == 2, (args, proc.stderr)
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("briefing: "), proc.stderr
        assert "Traceback" not in proc.stderr


def test_templates_list_prints_names_first() -> None:
    proc = run("templates", "list")
    assert proc.returncode == 0
    assert proc.stdout.splitlines()[0].split("\t")[0] in {"intelligence-brief", "executive-one-pager", "sitrep"}
