"""Real renders read back with pypdf: content, marking, page numbers, metadata, and the fence.

No WeasyPrint mocks: every test lays out a real PDF and reads it back.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pypdf
import pytest

from briefing.errors import TemplateError
from briefing.model import Briefing, Quote, Source, TimelineEvent
from briefing.pdf_embed import briefing_from_pdf_bytes
from briefing.render import export_pdf, render_html, render_pdf, render_pdf_with_warnings
from briefing.template_fetcher import TemplateFetcher, make_fetcher
from briefing.templates import Template, get_template, load_template


def significant(warnings: list[str]) -> list[str]:
    """Warnings about the briefing or template, not about which optional system library WeasyPrint
    found (without libharfbuzz-subset0 it subsets fonts with fontTools and says so)."""
    return [w for w in warnings if "subset" not in w.lower() and "harfbuzz" not in w.lower()]

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


def _hostile_html(secret: Path, evil_css: Path) -> str:
    return f"""<html><head>
      <link rel="attachment" href="{secret.as_uri()}">
      <link rel="attachment" href="file:///etc/hostname">
      <link rel="stylesheet" href="{evil_css.as_uri()}">
      <link rel="stylesheet" href="http://127.0.0.1:9/x.css">
      <style>@import url({evil_css.as_uri()}); body {{ background: url(file:///etc/passwd); }}</style>
      </head><body>
      <img src="{secret.as_uri()}"><img src="http://127.0.0.1:9/x.png"><img src="file:///etc/passwd">
      <a rel="attachment" href="{secret.as_uri()}">annex</a>
      <p>still rendered</p></body></html>"""


def test_fetcher_blocks_local_files_and_network(tmp_path: Path) -> None:
    """Raw hostile HTML through our fetcher: nothing outside the template folder gets in."""
    import weasyprint

    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    evil_css = tmp_path / "evil.css"
    evil_css.write_text('body::after { content: "LEAKED-CSS"; }', encoding="utf-8")
    html = _hostile_html(secret, evil_css)
    tpl = get_template(None)
    base = tpl.folder.as_uri() + "/"

    # control: WeasyPrint's own fetcher really does pull these in, so the test below means something
    leaky = weasyprint.HTML(string=html, base_url=base, url_fetcher=weasyprint.urls.URLFetcher(timeout=1))
    leaky_pdf = leaky.write_pdf()
    assert "LEAKED-CSS" in pdf_text(leaky_pdf)
    assert pypdf.PdfReader(io.BytesIO(leaky_pdf)).attachments

    pdf = weasyprint.HTML(string=html, base_url=base, url_fetcher=make_fetcher(tpl)).write_pdf()
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert reader.attachments == {}
    assert b"TOP-SECRET-CONTENT" not in pdf
    hostname = Path("/etc/hostname")
    if hostname.is_file() and len(hostname.read_text().strip()) >= 6:
        assert hostname.read_text().strip().encode() not in pdf
    text = pdf_text(pdf)
    assert "still rendered" in text and "LEAKED-CSS" not in text


def test_hostile_briefing_cannot_pull_files_into_the_pdf(tmp_path: Path) -> None:
    """Hostile article text everywhere the template prints it: escaped, nothing fetched."""
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    payload = (
        f'<img src="{secret.as_uri()}"> <link rel="attachment" href="{secret.as_uri()}">'
        f' <style>body {{ background: url({secret.as_uri()}) }}</style> <img src="http://127.0.0.1:9/x.png">'
    )
    src = Source(text=payload, title=payload, outlet=payload, url=payload, file_name="x.txt")
    b = Briefing(
        title=payload,
        sources=[src],
        quotes=[Quote(text=payload, speaker=payload, speaker_role=payload)],
        timeline=[TimelineEvent(date="2024", event=payload)],
    )
    html = render_html(b)
    assert "<img" not in html.split("<body", 1)[1] and '<link rel="attachment"' not in html
    pdf, warnings = render_pdf_with_warnings(b)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert set(reader.attachments) == {"briefing.briefing"}  # only our own embedded document
    assert "TOP-SECRET-CONTENT" not in pdf_text(pdf)
    assert b"TOP-SECRET-CONTENT" not in pdf
    assert 'link rel="attachment"' in " ".join(pdf_text(pdf).split())  # shown as text
    assert significant(warnings) == []  # nothing was even attempted


def test_fetcher_serves_template_files_and_data_uris() -> None:
    from weasyprint.urls import URLFetcher

    tpl = get_template(None)
    fetcher = make_fetcher(tpl)
    assert isinstance(fetcher, TemplateFetcher) and isinstance(fetcher, URLFetcher)
    resp = fetcher.fetch((tpl.folder / "style.css").as_uri())
    assert b"@page" in resp.read()
    resp.close()
    data = fetcher.fetch("data:text/plain,hello")
    assert data.read() == b"hello"
    data.close()


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///etc/hostname",
        "http://127.0.0.1:9/x.png",
        "https://example.com/logo.png",
        "ftp://example.com/x.css",
        "file://otherhost/etc/passwd",
    ],
)
def test_fetcher_refuses_everything_else(url: str) -> None:
    from weasyprint.urls import URLFetchingError

    with pytest.raises(URLFetchingError, match="blocked"):
        make_fetcher(get_template(None)).fetch(url)


def test_fetcher_refuses_escapes_by_dotdot_and_symlink(tmp_path: Path) -> None:
    from weasyprint.urls import URLFetchingError

    folder = tmp_path / "tpl"
    shutil.copytree(get_template(None).folder, folder)
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    (folder / "innocent.png").symlink_to(secret)
    # load_template refuses such a folder outright; the fetcher is the second fence behind it
    fetcher = make_fetcher(Template(name="tpl", folder=folder, manifest={}))
    for url in (
        (folder / ".." / "secret.txt").as_uri(),
        folder.as_uri() + "/%2e%2e/secret.txt",
        (folder / "innocent.png").as_uri(),
    ):
        with pytest.raises(URLFetchingError):
            fetcher.fetch(url)


def test_blocked_resources_become_warnings_not_failures(tmp_path: Path, handmade_briefing: Briefing) -> None:
    """A template reaching outside its folder still renders; the editor gets the warnings."""
    folder = tmp_path / "leaky"
    shutil.copytree(get_template(None).folder, folder)
    with (folder / "style.css").open("a", encoding="utf-8") as css:
        css.write("\nbody { background: url(file:///etc/passwd); }\n")
    pdf, warnings = render_pdf_with_warnings(handmade_briefing, load_template(folder))
    assert "Page 1 of" in pdf_text(pdf)
    assert any("blocked" in w and "/etc/passwd" in w for w in warnings)


def test_template_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    folder = tmp_path / "broken"
    shutil.copytree(get_template(None).folder, folder)
    lines = (folder / "template.html.j2").read_text(encoding="utf-8").splitlines()
    lines[4] = "{% if %}"
    (folder / "template.html.j2").write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(TemplateError, match=r"template\.html\.j2, line 5"):
        render_html(Briefing(), load_template(folder))


def test_sandbox_blocks_template_injection(tmp_path: Path) -> None:
    folder = tmp_path / "evil"
    shutil.copytree(get_template(None).folder, folder)
    (folder / "template.html.j2").write_text("{{ ''.__class__.__mro__[1].__subclasses__() }}", encoding="utf-8")
    with pytest.raises(TemplateError, match=r"unsafe|SecurityError"):
        render_html(Briefing(), load_template(folder))


def test_unknown_template_and_bad_manifest(tmp_path: Path) -> None:
    with pytest.raises(TemplateError, match=r"no template named 'nope'.*intelligence-brief"):
        get_template("nope")
    folder = tmp_path / "bad"
    shutil.copytree(get_template(None).folder, folder)
    manifest = (folder / "manifest.toml").read_text(encoding="utf-8")
    (folder / "manifest.toml").write_text(manifest.replace('"timeline"', '"weather"'), encoding="utf-8")
    with pytest.raises(TemplateError, match=r"manifest\.toml, line 7: unknown card 'weather'"):
        load_template(folder)


def test_render_reports_no_warnings_for_the_default_template(briefing_copy: Briefing) -> None:
    _pdf, warnings = render_pdf_with_warnings(briefing_copy)
    assert significant(warnings) == []


def test_handmade_briefing_every_card(handmade_briefing: Briefing) -> None:
    """Known content through the default template: each card's fields land in the PDF."""
    pdf = render_pdf(handmade_briefing)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    text = " ".join(pdf_text(pdf).split())
    n = len(reader.pages)
    for i, page in enumerate(reader.pages, 1):
        page_text = page.extract_text()
        assert page_text.count("TLP:AMBER") >= 2 and f"Page {i} of {n}" in page_text
    assert "Bottom line up front".upper() in text.upper()
    assert "Russian military personnel have entered an airbase in Niger" in text
    assert "about 60" in text and "nearly 1,000" in text and "Airbase 101, Niamey" in text
    assert "They did not take that well." in text and "senior US defence official (anonymous)" in text
    for word in ("VERY LIKELY", "UNLIKELY", "ALMOST NO CHANCE", "ROUGHLY EVEN CHANCE", "55–80%"):
        assert word in text.upper()
    assert "2023-07" in text and "Military coup in Niger." in text
    assert "Agadez" in text and "16.97° N, 7.99° E" in text
    assert "Al Jazeera" in text and "B2" in text and "usually reliable" in text
    assert "niger-airbase-101.txt" in text
    assert reader.metadata.title == handmade_briefing.title
    assert reader.metadata.author == "Sahel Desk Analyst"


def test_cards_follow_the_manifest_and_empty_cards_vanish(tmp_path: Path, handmade_briefing: Briefing) -> None:
    folder = tmp_path / "short"
    shutil.copytree(get_template(None).folder, folder)
    manifest = (folder / "manifest.toml").read_text(encoding="utf-8")
    start = manifest.index("cards = ")
    end = manifest.index("\n", start)
    manifest = manifest[:start] + 'cards = ["outlook", "forces", "quotes"]' + manifest[end:]
    (folder / "manifest.toml").write_text(manifest, encoding="utf-8")
    handmade_briefing.quotes = []
    html = render_html(handmade_briefing, load_template(folder))
    headings = [h.split("<")[0] for h in html.split("<h2>")[1:]]
    assert headings == ["Outlook", "Forces", "Sources"]


def test_page_size_override(handmade_briefing: Briefing) -> None:
    letter = pypdf.PdfReader(io.BytesIO(render_pdf(handmade_briefing, page_size="Letter"))).pages[0]
    a4 = pypdf.PdfReader(io.BytesIO(render_pdf(handmade_briefing))).pages[0]
    assert round(float(letter.mediabox.width)) == 612 and round(float(a4.mediabox.width)) == 595
