"""Real renders read back with pypdf: content, marking, page numbers, metadata, and the fence."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pypdf
import pytest

from briefing.errors import TemplateError
from briefing.model import Briefing, Quote, Source
from briefing.pdf_embed import briefing_from_pdf_bytes
from briefing.render import export_pdf, make_fetcher, render_html, render_pdf, render_pdf_with_warnings
from briefing.templates import get_template


def pdf_text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages)


def test_sample_pdf_holds_marking_bluf_quote_and_page_numbers(briefing_copy: Briefing) -> None:
    briefing_copy.marking = "TLP:AMBER"
    briefing_copy.author = "Desk Analyst"
    pdf = render_pdf(briefing_copy)
    text = pdf_text(pdf)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert text.count("TLP:AMBER") >= 2 * len(reader.pages)  # header and footer of every page
    assert "Page 1 of" in text
    assert briefing_copy.situation.bluf.split(",")[0] in " ".join(text.split())
    assert "They did not take that well" in text
    assert "senior US defence official" in text
    assert reader.metadata.title == briefing_copy.title
    assert reader.metadata.author == "Desk Analyst"
    assert reader.metadata.subject.startswith(briefing_copy.situation.bluf[:40])
    assert "TLP:AMBER" in reader.metadata["/Keywords"]
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root and root["/MarkInfo"]["/Marked"]  # a tagged PDF (PDF/UA-1)


def test_classification_line_marking_is_printed(briefing_copy: Briefing) -> None:
    briefing_copy.marking = "UNCLASSIFIED // FOR OFFICIAL USE ONLY"
    assert "UNCLASSIFIED // FOR OFFICIAL USE ONLY" in pdf_text(render_pdf(briefing_copy))


def test_every_export_embeds_the_briefing_and_reopens(briefing_copy: Briefing, tmp_path: Path) -> None:
    out = export_pdf(briefing_copy, tmp_path / "b.pdf", html_path=tmp_path / "b.html")
    assert briefing_from_pdf_bytes(out.read_bytes()) == briefing_copy
    assert "<h1>" in (tmp_path / "b.html").read_text(encoding="utf-8")


def test_article_text_is_escaped_not_interpreted() -> None:
    src = Source(text="x")
    b = Briefing(
        title='<img src="file:///etc/passwd"> <script>alert(1)</script>',
        sources=[src],
        quotes=[Quote(text='<link rel="attachment" href="file:///etc/passwd"> words here', speaker="<b>X</b>")],
    )
    html = render_html(b)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert '<link rel="attachment"' not in html
    pdf = render_pdf(b)
    assert "<script>alert(1)</script>" in pdf_text(pdf)  # shown as text
    assert set(pypdf.PdfReader(io.BytesIO(pdf)).attachments) == {"briefing.briefing"}


def test_fetcher_blocks_local_files_and_network(tmp_path: Path) -> None:
    """Hostile HTML through the same fetcher: nothing outside the template folder gets in."""
    import weasyprint

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    tpl = get_template(None)
    hostile = f"""
      <link rel="attachment" href="{secret.as_uri()}">
      <link rel="attachment" href="file:///etc/hostname">
      <link rel="stylesheet" href="http://127.0.0.1:9/x.css">
      <style>body {{ background: url({secret.as_uri()}); }}</style>
      <img src="{secret.as_uri()}"><img src="http://127.0.0.1:9/x.png"><img src="file:///etc/passwd">
      <p>still rendered</p>"""
    pdf = weasyprint.HTML(string=hostile, base_url=tpl.folder.as_uri() + "/", url_fetcher=make_fetcher(tpl)).write_pdf()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {}
    assert b"TOP-SECRET-CONTENT" not in pdf
    assert "still rendered" in pdf_text(pdf)


def test_fetcher_serves_template_files_and_data_uris() -> None:
    tpl = get_template(None)
    fetcher = make_fetcher(tpl)
    resp = fetcher.fetch((tpl.folder / "style.css").as_uri())
    assert b"@page" in resp.read()
    resp.close()
    data = fetcher.fetch("data:text/plain,hello")
    assert data.read() == b"hello"
    data.close()
    with pytest.raises(ValueError, match="blocked"):
        fetcher.fetch((tpl.folder / ".." / ".." / "pyproject.toml").as_uri())


def test_template_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    shutil.copytree(get_template(None).folder, folder)
    lines = (folder / "template.html.j2").read_text(encoding="utf-8").splitlines()
    lines[4] = "{% if %}"
    (folder / "template.html.j2").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(TemplateError, match=r"template\.html\.j2, line 5"):
        render_html(Briefing(), str(folder))


def test_sandbox_blocks_template_injection(tmp_path: Path) -> None:
    folder = tmp_path / "evil"
    shutil.copytree(get_template(None).folder, folder)
    (folder / "template.html.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"unsafe|SecurityError"):
        render_html(Briefing(), str(folder))


def test_unknown_template_and_bad_manifest(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"no template named 'nope'.*intelligence-brief"):
        get_template("nope")
    folder = tmp_path / "bad"
    shutil.copytree(get_template(None).folder, folder)
    manifest = (folder / "manifest.toml").read_text(encoding="utf-8")
    (folder / "manifest.toml").write_text(manifest.replace('"timeline"', '"weather"'), encoding="utf-8")
    with pytest.raises(TemplateError, match=r"manifest\.toml, line 7: unknown card 'weather'"):
        get_template(str(folder))


def test_render_reports_no_warnings_for_the_default_template(briefing_copy: Briefing) -> None:
    _pdf, warnings = render_pdf_with_warnings(briefing_copy)
    assert warnings == []
