"""The template store: user templates (save, apply, rename, duplicate, delete), zip sharing with
hostile archives refused, validation messages with file and line, and the sandbox.

Real renders read back with pypdf; every built-in's page limits live in test_builtin_templates.py.
"""

from __future__ import annotations

import io
import shutil
import stat
import zipfile
from pathlib import Path

import pypdf
import pytest

from briefing.cli import main as cli_main
from briefing.errors import TemplateError
from briefing.model import Briefing
from briefing.render import render_html, render_pdf
from briefing.template_archive import MAX_BYTES, MAX_FILES, export_template, import_template
from briefing.templates import (
    BrokenTemplate,
    get_template,
    list_templates,
    load_template,
    scan_templates,
    user_dir,
)
from briefing.user_templates import (
    apply_template,
    delete_template,
    duplicate_template,
    rename_template,
    save_as_template,
    tiny_briefing,
)


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """User templates go to tmp_path/data, never to the developer's own folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def pdf_text(pdf: bytes) -> tuple[str, int]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(p.extract_text() for p in reader.pages).split()), len(reader.pages)


def root_files() -> list[Path]:
    root = user_dir()
    return sorted(root.rglob("*")) if root.exists() else []


# ------------------------------------------------------------------------------------ store


def test_xdg_data_home_moves_user_templates(data_home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert user_dir() == data_home / "briefing-builder" / "templates"
    save_as_template(tiny_briefing(), "desk-seven")
    assert (data_home / "briefing-builder" / "templates" / "desk-seven" / "manifest.toml").is_file()
    names = [t.name for t in list_templates()]
    assert names.index("desk-seven") > names.index("intelligence-brief")  # built-ins come first
    assert cli_main(["templates", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split("\t")[0] for line in lines][-1] == "desk-seven"


def test_save_as_template_then_new_from_template(briefing_copy: Briefing) -> None:
    briefing_copy.organisation = "Sahel Desk"
    briefing_copy.marking = "TLP:RED"
    saved = save_as_template(
        briefing_copy,
        "sahel-desk",
        base="intelligence-brief",
        title="Sahel desk brief",
        cards=["outlook", "forces", "situation"],
        boilerplate={"distribution": "Sahel working group", "disclaimer": "Desk seven disclaimer."},
        style={"accent": "#7A1F2B"},
    )
    assert saved.manifest["based_on"] == "intelligence-brief"
    assert (saved.folder / "template.html.j2").read_bytes() == (
        get_template("intelligence-brief").folder / "template.html.j2"
    ).read_bytes()

    fresh = Briefing(
        sources=briefing_copy.sources,
        situation=briefing_copy.situation,
        forces=briefing_copy.forces,
        quotes=briefing_copy.quotes,
        outlook=briefing_copy.outlook,
    )
    apply_template(fresh, "sahel-desk")
    assert (fresh.template, fresh.marking, fresh.organisation) == ("sahel-desk", "TLP:RED", "Sahel Desk")
    text, pages = pdf_text(render_pdf(fresh))
    assert text.count("TLP:RED") >= 2 * pages
    assert "SAHEL DESK" in text.upper() and "Sahel working group" in text and "Desk seven disclaimer." in text
    order = [text.upper().index(h) for h in ("OUTLOOK", "FORCES", "BOTTOM LINE UP FRONT")]
    assert order == sorted(order)
    assert "STATEMENTS" not in text.upper()  # quotes were left out of the saved card list
    assert "#7A1F2B" in render_html(fresh)


def test_built_in_names_are_reserved_and_read_only() -> None:
    with pytest.raises(TemplateError, match="built-in template name"):
        save_as_template(tiny_briefing(), "sitrep")
    save_as_template(tiny_briefing(), "mine")
    with pytest.raises(TemplateError, match="built-in template name"):
        rename_template("mine", "intelligence-brief")
    with pytest.raises(TemplateError, match="built-in template and cannot be changed"):
        delete_template("sitrep")
    with pytest.raises(TemplateError, match="built-in template and cannot be changed"):
        rename_template("executive-one-pager", "x")
    with pytest.raises(TemplateError, match="not a valid template name"):
        save_as_template(tiny_briefing(), "../escape")
    # a folder that takes a built-in's name by hand is listed as broken, never used
    shutil.copytree(get_template("sitrep").folder, user_dir() / "sitrep")
    assert get_template("sitrep").builtin
    assert any(isinstance(t, BrokenTemplate) and t.name == "sitrep" for t in scan_templates())


def test_rename_duplicate_delete_and_fresh_caches() -> None:
    copy = duplicate_template("intelligence-brief", "mine", title="My brief")
    assert copy.title == "My brief" and not copy.builtin
    b = tiny_briefing()
    assert "KESSA-MARKER" not in render_html(b, "mine")
    html = copy.folder / "template.html.j2"
    html.write_text(html.read_text(encoding="utf-8").replace("<body", "KESSA-MARKER<body"), encoding="utf-8")
    assert "KESSA-MARKER" in render_html(b, "mine")  # an edited template is not served from the cache

    renamed = rename_template("mine", "ours")
    assert renamed.name == "ours" and renamed.manifest["name"] == "ours"
    with pytest.raises(TemplateError, match="no template named 'mine'"):
        get_template("mine")
    assert "KESSA-MARKER" in render_html(b, "ours")
    # a different template under the old name gets its own, fresh rendering
    duplicate_template("sitrep", "mine")
    assert "KESSA-MARKER" not in render_html(b, "mine")

    delete_template("ours")
    assert "ours" not in [t.name for t in list_templates()]
    assert not any(p.name.startswith(".") for p in user_dir().iterdir())  # no staging or trash left


# ------------------------------------------------------------------------------------ archives


def test_zip_export_import_round_trip(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    b = tiny_briefing()
    b.organisation = "Round Trip Cell"
    save_as_template(b, "cell", base="sitrep", boilerplate={"distribution": "Cell only"})
    original = {
        p.relative_to(get_template("cell").folder): p.read_bytes()
        for p in get_template("cell").folder.rglob("*")
    }
    out = tmp_path / "cell.zip"
    assert cli_main(["templates", "export", "cell", "-o", str(out)]) == 0
    delete_template("cell")
    assert cli_main(["templates", "import", str(out)]) == 0
    back = get_template("cell")
    assert {p.relative_to(back.folder): p.read_bytes() for p in back.folder.rglob("*")} == original
    text, _ = pdf_text(render_pdf(apply_template(tiny_briefing(), "cell")))
    assert "Round Trip Cell" in text and "Cell only" in text
    # a built-in can be shared too, and imported under another name
    export_template("executive-one-pager", tmp_path / "one.zip")
    assert import_template(tmp_path / "one.zip", name="my-one-pager").title == "Executive one-pager"
    assert cli_main(["templates", "import", str(tmp_path / "one.zip")]) == 2  # its own name is a built-in's
    assert "built-in template name" in capsys.readouterr().err


def _template_files() -> dict[str, bytes]:
    folder = get_template("sitrep").folder
    files = {p.name: p.read_bytes() for p in folder.iterdir() if p.is_file()}
    files["manifest.toml"] = files["manifest.toml"].replace(b'name = "sitrep"', b'name = "shared"')
    return files


def _zip(path: Path, extra: list[tuple[zipfile.ZipInfo | str, bytes]], *, prefix: str = "shared/") -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in _template_files().items():
            zf.writestr(prefix + name, data)
        for info, data in extra:
            zf.writestr(info, data)
    return path


def _symlink_info() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("shared/logo.png")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


def _lying_sizes(path: Path) -> Path:
    """A 2 MB entry whose headers declare 10 bytes (a zip bomb that hides its size)."""
    _zip(path, [("shared/notes.txt", b"A" * 2_000_000)])
    data = bytearray(path.read_bytes())
    name = b"shared/notes.txt"
    for sig, size_at in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(sig)
        while at != -1:
            name_at = at + (30 if sig == b"PK\x03\x04" else 46)
            if data[name_at : name_at + len(name)] == name:
                data[at + size_at : at + size_at + 4] = (10).to_bytes(4, "little")
            at = data.find(sig, at + 4)
    path.write_bytes(bytes(data))
    return path


MALICIOUS = {
    "absolute path": (lambda p: _zip(p, [("/tmp/briefing-evil-absolute.txt", b"x")]), "absolute"),
    "dot-dot path": (lambda p: _zip(p, [("shared/../../evil.txt", b"x")]), r"'\.\.'"),
    "symlink": (lambda p: _zip(p, [(_symlink_info(), b"/etc/passwd")]), "symbolic link"),
    "too many files": (
        lambda p: _zip(p, [(f"shared/n{i}.txt", b"x") for i in range(MAX_FILES)]),
        f"at most {MAX_FILES}",
    ),
    "too big (declared)": (lambda p: _zip(p, [("shared/big.txt", b"\0" * (MAX_BYTES + 1))]), "MiB unpacked"),
    "too big (actual bytes)": (_lying_sizes, "CRC|declares|not a readable zip"),
    "wrong kind": (lambda p: _zip(p, [("shared/payload.py", b"import os")]), r"\.py files are not allowed"),
    "no manifest": (lambda p: _zip(p, [], prefix="other/deeper/"), "no manifest.toml"),
}


@pytest.mark.parametrize("case", sorted(MALICIOUS))
def test_malicious_archive_is_refused_with_nothing_written(tmp_path: Path, case: str) -> None:
    build, message = MALICIOUS[case]
    archive = build(tmp_path / "evil.zip")
    outside_before = sorted(tmp_path.rglob("*"))
    with pytest.raises(TemplateError, match=message):
        import_template(archive)
    assert root_files() == []
    assert sorted(tmp_path.rglob("*")) == outside_before
    assert not Path("/tmp/briefing-evil-absolute.txt").exists()
    assert [t.name for t in list_templates()] == sorted(t.name for t in list_templates() if t.builtin)


def test_archive_whose_template_cannot_render_is_not_installed(tmp_path: Path) -> None:
    with zipfile.ZipFile(tmp_path / "inject.zip", "w") as zf:
        for name, data in _template_files().items():
            if name == "template.html.j2":
                data = b"<html><body>{{ cycler.__init__.__globals__ }}</body></html>"
            zf.writestr(name, data)  # files at the top, no folder: accepted layout too
    with pytest.raises(TemplateError, match=r"does not render.*unsafe"):
        import_template(tmp_path / "inject.zip")
    assert root_files() == []


# ------------------------------------------------------------------------------------ validation


def _user_copy(name: str = "mine") -> Path:
    duplicate_template("intelligence-brief", name)
    return user_dir() / name


@pytest.mark.parametrize(
    "payload",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ lipsum.__globals__['os'] }}",
        "{{ b.__class__.__init__.__globals__ }}",
        "{% for c in ''.__class__.__mro__[1].__subclasses__() %}{{ c }}{% endfor %}",
    ],
)
def test_template_injection_raises_a_clear_template_error(payload: str) -> None:
    folder = _user_copy()
    (folder / "template.html.j2").write_text(f"<html><body>\n{payload}\n</body></html>", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"template\.html\.j2, line 2: .*unsafe"):
        render_html(tiny_briefing(), "mine")


def test_jinja_syntax_error_names_file_and_line_and_the_store_lists_it_as_broken() -> None:
    folder = _user_copy()
    lines = (folder / "template.html.j2").read_text(encoding="utf-8").splitlines()
    lines[6] = "{% for x in %}"
    (folder / "template.html.j2").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(TemplateError, match=r"mine/template\.html\.j2, line 7"):
        get_template("mine")
    with pytest.raises(TemplateError, match=r"mine/template\.html\.j2, line 7"):
        render_html(tiny_briefing(), "mine")
    broken = [t for t in scan_templates() if isinstance(t, BrokenTemplate)]
    assert [t.name for t in broken] == ["mine"] and "line 7" in broken[0].error
    assert "mine" not in [t.name for t in list_templates()]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda m: m.replace('version = "1.0"\n', ""), r"manifest\.toml: missing key 'version'"),
        (lambda m: m.replace('"forces"', '"weather"'), r"manifest\.toml, line \d+: unknown card 'weather'"),
        (
            lambda m: m.replace("#1F4E79", "red; } body { background: url(x)"),
            r"line \d+: 'style\.accent' must be a colour",
        ),
        (lambda m: m + 'logo = "../../secret.png"\n', r"'style\.logo' must be an image file inside"),
        (lambda m: m + 'logo = "logo.png"\n', r"'style\.logo' names 'logo\.png', which is not in"),
        (lambda m: m.replace('page_size = "A4"', 'page_size = "A3"'), r"line \d+: page_size 'A3'"),
        (lambda m: m.replace('"TLP:CLEAR"', '"TLP:PURPLE"'), r"default_marking: .*not a TLP 2\.0 label"),
    ],
)
def test_manifest_errors_name_file_key_and_line(tmp_path: Path, change, message: str) -> None:
    folder = tmp_path / "bad"
    shutil.copytree(get_template("intelligence-brief").folder, folder)
    manifest = folder / "manifest.toml"
    manifest.write_text(change(manifest.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(TemplateError, match=message):
        load_template(folder)


def test_logo_is_copied_into_the_template(tmp_path: Path) -> None:
    logo = tmp_path / "crest.png"
    logo.write_bytes(_tiny_png())
    tpl = save_as_template(tiny_briefing(), "crest", logo=logo)
    assert tpl.style["logo"] == "logo.png" and (tpl.folder / "logo.png").read_bytes() == _tiny_png()


def _tiny_png() -> bytes:
    import base64

    return base64.b64decode(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
    )
