"""Hostile files and faults, through the real CLI and the real core: nothing leaks, hangs or is lost.

Each case asserts the one-line error, the exit status, that the output was not written and that
the secret never appears.  The attacks are the ones an adversarial pass found (issue 11).
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pypdf
import pytest

from briefing import storage
from briefing.errors import BriefingFileError, TemplateError
from briefing.model import Briefing, Quote, Source
from briefing.pdf_embed import briefing_from_pdf_bytes
from briefing.render import MAX_ITEMS_PER_CARD, render_html, render_pdf_with_warnings, self_contained_html
from briefing.render_process import render_isolated
from briefing.templates import get_template, load_template

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "assets" / "samples" / "niger-airbase-101.txt"
SECRET = "TOP-SECRET-7f3a"


def run(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args], capture_output=True, text=True, timeout=timeout
    )


def one_line_error(proc: subprocess.CompletedProcess[str], *needles: str) -> str:
    """The CLI failed with exit 2 and exactly one line on stderr that holds every needle."""
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(f"<p>{SECRET}</p>\n", encoding="utf-8")
    return path


@pytest.fixture
def template_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "T"
    shutil.copytree(get_template(None).folder, folder)
    return folder


def small_briefing(**changes) -> Briefing:
    src = Source(text="The minister said \u201cwe will hold the bridge at all costs\u201d on Monday.")
    quote = Quote(text="we will hold the bridge at all costs", speaker="the minister")
    return Briefing(**{"title": "Bridge", "sources": [src], "quotes": [quote], **changes})


def pdf_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


# ------------------------------------------------------------------------------ leaks and tampering


@pytest.mark.parametrize("planted", ["template.html.j2", "style.css", "part.html"])
def test_symlink_in_a_template_is_refused_and_nothing_leaks(
    tmp_path: Path, template_copy: Path, secret: Path, planted: str
) -> None:
    if planted == "part.html":
        with (template_copy / "template.html.j2").open("a", encoding="utf-8") as fh:
            fh.write("{% include 'part.html' %}")
    target = template_copy / planted
    target.unlink(missing_ok=True)
    target.symlink_to(secret)
    out = tmp_path / "out.pdf"
    proc = run("export", str(SAMPLE), "-o", str(out), "--template", str(template_copy))
    one_line_error(proc, "points outside the template folder")
    assert not out.exists()
    assert SECRET not in proc.stderr + proc.stdout


def test_a_template_path_inside_a_briefing_is_never_used(tmp_path: Path, template_copy: Path) -> None:
    marker = "EVIL-TEMPLATE-MARKER"
    (template_copy / "template.html.j2").write_text(f"<html><body>{marker}</body></html>", encoding="utf-8")
    doc = json.loads(small_briefing().model_dump_json())
    doc["template"] = str(template_copy)
    path = tmp_path / "sent.briefing"
    path.write_text(json.dumps(doc), encoding="utf-8")
    assert storage.load(path).template == "intelligence-brief"
    out = tmp_path / "out.pdf"
    assert run("export", str(path), "-o", str(out)).returncode == 0
    assert marker not in pdf_text(out.read_bytes())


def test_a_relative_template_folder_on_the_command_line_works(tmp_path: Path, template_copy: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "export", str(SAMPLE), "-o", "out.pdf", "--template", "./T"],
        capture_output=True, text=True, cwd=tmp_path, timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out.pdf").read_bytes().startswith(b"%PDF")


def test_a_template_cannot_change_the_briefing_it_renders(template_copy: Path) -> None:
    briefing = small_briefing()
    before = briefing.model_dump_json()
    (template_copy / "template.html.j2").write_text("{% set _ = b.quotes.clear() %}{{ b.title }}", encoding="utf-8")
    with pytest.raises(TemplateError, match="unsafe"):
        render_html(briefing, load_template(template_copy))
    assert briefing.model_dump_json() == before


def test_the_embedded_briefing_is_the_one_the_user_edited(template_copy: Path) -> None:
    """Even a template that reads everything embeds the document as given, sources and quotes."""
    briefing = small_briefing()
    pdf, _ = render_pdf_with_warnings(briefing, load_template(template_copy))
    back = briefing_from_pdf_bytes(pdf)
    assert back.quotes[0].text == briefing.quotes[0].text
    assert back.sources[0].text == briefing.sources[0].text


def test_self_contained_html_has_no_outside_reference(template_copy: Path) -> None:
    with (template_copy / "style.css").open("a", encoding="utf-8") as css:
        css.write(
            "\n@import url(http://evil.example/a.css);\nbody { background: url(http://evil.example/b.png); }\n"
            ".x { background-image: image-set('https://evil.example/c.png' 1x); }\n"
        )
    body = (template_copy / "template.html.j2").read_text(encoding="utf-8").replace(
        "</body>",
        '<img src="http://evil.example/d.png" srcset="http://evil.example/e.png 2x">'
        '<link rel="stylesheet" href="https://evil.example/f.css"><script src="http://evil.example/g.js"></script>'
        '<p style="background: url(//evil.example/h.png)">x</p><a href="https://example.org/ok">ok</a></body>',
    )
    (template_copy / "template.html.j2").write_text(body, encoding="utf-8")
    html = self_contained_html(small_briefing(), load_template(template_copy))
    assert "evil.example" not in html
    assert "https://example.org/ok" in html  # a plain link to click stays
    assert "Content-Security-Policy" in html


def test_pdf_links_are_only_http_https_and_mailto(template_copy: Path) -> None:
    body = (template_copy / "template.html.j2").read_text(encoding="utf-8").replace(
        "</body>",
        '<a href="javascript:alert(1)">a</a> <a href="file:///etc/passwd">b</a> '
        '<a href=" JaVaScRiPt:alert(2)">c</a> <a href="https://example.org/ok">d</a> '
        '<a href="mailto:desk@example.org">e</a></body>',
    )
    (template_copy / "template.html.j2").write_text(body, encoding="utf-8")
    pdf, warnings = render_pdf_with_warnings(small_briefing(), load_template(template_copy))
    uris = set()
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                uris.add(str(action["/URI"]))
    assert uris == {"https://example.org/ok", "mailto:desk@example.org"}
    assert sum("blocked link" in w for w in warnings) == 3


def test_bidi_controls_are_stripped_from_titles_and_metadata() -> None:
    briefing = small_briefing(title="report\u202etxt.exe", author="\u2067A\u2069")
    briefing.sources[0].title = "site\u202d"
    assert briefing.title == "reporttxt.exe"
    assert briefing.author == "A"
    assert briefing.sources[0].title == "site"
    loaded = storage.loads(json.dumps({"schema_version": 1, "title": "x\u202ey"}))
    assert loaded.title == "xy"


# ------------------------------------------------------------------------------ hangs and floods


def test_a_template_that_loops_forever_is_stopped_in_its_process(template_copy: Path) -> None:
    (template_copy / "template.html.j2").write_text(
        "{% for a in range(100000) %}{% for c in range(100000) %}{% endfor %}{% endfor %}", encoding="utf-8"
    )
    with pytest.raises(TemplateError, match="took longer than 3 s"):
        render_isolated(small_briefing(), load_template(template_copy), seconds=3)


def test_a_huge_string_is_refused_before_it_is_built(template_copy: Path) -> None:
    (template_copy / "template.html.j2").write_text("{{ 'x' * 10**10 }}", encoding="utf-8")
    with pytest.raises(TemplateError, match="would build"):
        render_html(small_briefing(), load_template(template_copy))


def test_output_is_capped(template_copy: Path) -> None:
    (template_copy / "template.html.j2").write_text(
        "{% for a in range(100000) %}{{ 'x' * 999 }}{% endfor %}", encoding="utf-8"
    )
    with pytest.raises(TemplateError, match="output passed 40 MiB"):
        render_html(small_briefing(), load_template(template_copy))


def test_a_template_import_that_hangs_is_stopped_and_leaves_nothing(
    tmp_path: Path, template_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from briefing import template_archive
    from briefing.templates import user_dir

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setattr(template_archive, "IMPORT_RENDER_SECONDS", 3)
    (template_copy / "template.html.j2").write_text(
        "{% for a in range(100000) %}{% for c in range(100000) %}{% endfor %}{% endfor %}", encoding="utf-8"
    )
    (template_copy / "manifest.toml").write_text(
        (template_copy / "manifest.toml").read_text(encoding="utf-8").replace(
            'name = "intelligence-brief"', 'name = "slow"'
        ),
        encoding="utf-8",
    )
    archive = tmp_path / "slow.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        for path in template_copy.iterdir():
            zf.write(path, f"slow/{path.name}")
    with pytest.raises(TemplateError, match="took longer than 3 s"):
        template_archive.import_template(archive)
    assert not user_dir().exists() or list(user_dir().iterdir()) == []


def test_a_big_briefing_gives_the_template_a_bounded_number_of_items() -> None:
    briefing = small_briefing()
    briefing.quotes = [Quote(text=f"quote number {i} said here", speaker="x") for i in range(5000)]
    html = render_html(briefing)
    assert html.count("quote number") == MAX_ITEMS_PER_CARD
    assert f"{5000 - MAX_ITEMS_PER_CARD} more quotes" in html
    assert len(briefing.quotes) == 5000  # the document itself keeps every quote


# ------------------------------------------------------------------------------ files that are not what they say


def _pdf_with_attachment(name: str, data: bytes) -> bytes:
    """A PDF whose attachment ``name`` holds ``data``, Flate-compressed (small on disk)."""
    from pypdf.generic import NameObject

    writer = pypdf.PdfWriter()
    writer.add_blank_page(200, 200)
    writer.add_attachment(name, b"placeholder")
    names = writer._root_object["/Names"]["/EmbeddedFiles"]["/Names"]
    stream = names[1].get_object()["/EF"]["/F"].get_object()
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    stream._data = zlib.compress(data, 9)  # the encoded bytes as they go into the file
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("deep.briefing", "[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ("deep2.briefing", '{"a":' * 100_000 + "1" + "}" * 100_000, "nested too deeply"),
        ("old.briefing", json.dumps({"tlp": "TLP:AMBER", "quotes": 5}), "old.briefing"),
        ("old2.briefing", json.dumps({"quotes": [{"who": ["x"]}], "title": 3}), "old2.briefing"),
        ("foreign.briefing", json.dumps({"name": "my-package", "version": "1.0"}), "not a Briefing Builder file"),
        ("fake.pdf", "this is not a PDF at all", "not a PDF file"),
        ("broken.pdf", "%PDF-1.7\n1 0 obj << /Type /Catalog /Names 7 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
         "broken.pdf"),
    ],
)
def test_malformed_files_give_one_line_and_write_nothing(tmp_path: Path, name: str, content: str, needle: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    out = tmp_path / "out.pdf"
    proc = run("export", str(path), "-o", str(out))
    one_line_error(proc, needle)
    assert not out.exists()


def test_a_deeply_nested_embedded_briefing_gives_one_line(tmp_path: Path) -> None:
    path = tmp_path / "deep.pdf"
    path.write_bytes(_pdf_with_attachment("briefing.briefing", b"[" * 100_000 + b"]" * 100_000))
    one_line_error(run("export", str(path), "-o", str(tmp_path / "o.pdf")), "nested too deeply")


def test_an_attachment_bomb_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.pdf"
    path.write_bytes(_pdf_with_attachment("briefing.briefing", b" " * (70 * 1024 * 1024)))
    assert path.stat().st_size < 2 * 1024 * 1024  # compressed: small on disk, big when opened
    one_line_error(run("export", str(path), "-o", str(tmp_path / "o.pdf")), "the limit is 64 MiB")


def test_a_deeply_nested_manifest_gives_one_line(tmp_path: Path, template_copy: Path) -> None:
    (template_copy / "manifest.toml").write_text("a = " + "[" * 100_000 + "]" * 100_000, encoding="utf-8")
    out = tmp_path / "out.pdf"
    one_line_error(run("export", str(SAMPLE), "-o", str(out), "--template", str(template_copy)), "manifest.toml")
    assert not out.exists()


def test_a_zip_entry_thousands_of_folders_deep_gives_one_line(tmp_path: Path) -> None:
    archive = tmp_path / "deep.zip"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("manifest.toml", "name = 'x'")
        zf.writestr("a/" * 2000 + "x.css", "body {}")
    one_line_error(run("templates", "import", str(archive)), "nested more than")


@pytest.mark.parametrize("suffix", [".briefing", ".pdf", ".docx", ".txt"])
def test_a_fifo_is_refused_at_once(tmp_path: Path, suffix: str) -> None:
    fifo = tmp_path / f"pipe{suffix}"
    os.mkfifo(fifo)
    proc = run("export", str(fifo), "-o", str(tmp_path / "o.pdf"), timeout=60)
    one_line_error(proc, "not a regular file")


def test_dev_zero_behind_a_briefing_name_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.briefing"
    link.symlink_to("/dev/zero")
    one_line_error(run("export", str(link), "-o", str(tmp_path / "o.pdf"), timeout=60), "not a regular file")


def test_a_lone_surrogate_loads_and_saves(tmp_path: Path) -> None:
    path = tmp_path / "odd.briefing"
    path.write_text('{"schema_version": 1, "title": "bad \\ud800 char", "sources": []}', encoding="utf-8")
    briefing = storage.load(path)
    assert briefing.title == "bad \ufffd char"
    storage.save(briefing, tmp_path / "again.briefing")
    assert storage.load(tmp_path / "again.briefing").title == "bad \ufffd char"


def test_a_non_pdf_prints_only_our_line(tmp_path: Path) -> None:
    path = tmp_path / "x.pdf"
    path.write_bytes(b"%PDF-1.4\n garbage that pypdf complains about \n")
    one_line_error(run("export", str(path), "-o", str(tmp_path / "o.pdf")), "x.pdf")


def test_blocked_resources_are_printed_as_warnings(tmp_path: Path, template_copy: Path) -> None:
    with (template_copy / "style.css").open("a", encoding="utf-8") as css:
        css.write("\nbody { background: url(file:///etc/passwd); }\n")
    proc = run("export", str(SAMPLE), "-o", str(tmp_path / "o.pdf"), "--template", str(template_copy))
    assert proc.returncode == 0, proc.stderr
    assert any(line.startswith("briefing: warning: ") and "/etc/passwd" in line for line in proc.stderr.splitlines())


# ------------------------------------------------------------------------------ saving


def test_a_write_failure_names_the_target(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root can write anywhere")
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    with pytest.raises(BriefingFileError) as info:
        storage.save(small_briefing(), folder / "x.briefing")
    assert str(folder / "x.briefing") in str(info.value) and ".tmp" not in str(info.value)


def test_a_write_failure_names_the_target_not_the_temporary_file(tmp_path: Path) -> None:
    """A folder in place of the file: the rename fails; the message names what the user chose."""
    target = tmp_path / "x.briefing"
    target.mkdir()
    (target / "keep").write_text("x", encoding="utf-8")
    with pytest.raises(BriefingFileError) as info:
        storage.save(small_briefing(), target)
    assert str(target) in str(info.value) and ".tmp" not in str(info.value)
    assert [p.name for p in tmp_path.iterdir()] == ["x.briefing"]  # no temporary file left


def test_saving_through_a_symlink_updates_its_target(tmp_path: Path) -> None:
    real = tmp_path / "real.briefing"
    storage.save(small_briefing(title="one"), real)
    link = tmp_path / "link.briefing"
    link.symlink_to(real)
    storage.save(small_briefing(title="two"), link)
    assert link.is_symlink()
    assert storage.load(real).title == "two"


def test_saving_a_hard_linked_file_keeps_the_link(tmp_path: Path) -> None:
    first = tmp_path / "a.briefing"
    storage.save(small_briefing(title="one"), first)
    second = tmp_path / "b.briefing"
    os.link(first, second)
    storage.save(small_briefing(title="two"), first)
    assert os.stat(first).st_ino == os.stat(second).st_ino
    assert storage.load(second).title == "two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.briefing", "b.briefing"]


@pytest.mark.parametrize("suffix", [".pdf", ".docx"])
def test_dev_zero_behind_an_article_name_is_refused_by_extract(tmp_path: Path, suffix: str) -> None:
    link = tmp_path / f"zero{suffix}"
    link.symlink_to("/dev/zero")
    one_line_error(run("extract", str(link), timeout=60), "not a regular file")
