"""Word templates (docxtpl tags in a .docx): filled in the sandbox, marked, embedded, read back with
python-docx; hostile and broken templates give one line and write nothing."""

from __future__ import annotations

import importlib.util
import io
import subprocess
import sys
from pathlib import Path

import docx
import pypdf
import pytest

from briefing.docx_embed import briefing_from_docx_bytes
from briefing.docx_export import render_docx
from briefing.docx_finish import story_text
from briefing.errors import TemplateError
from briefing.model import Briefing, Quote
from briefing.render import render_html
from briefing.render_worker import handle
from briefing.template_archive import import_template
from briefing.templates import get_template, list_templates, load_template, user_dir
from briefing.word_templates import fill_word_template

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "assets" / "samples" / "niger-airbase-101.txt"


@pytest.fixture(autouse=True)
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """User templates go to tmp_path/data, never to the developer's own folder."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    return tmp_path / "data"


def _doc(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def word_template(folder: Path, *paragraphs: str, first_page: bool = False, header: str = "") -> Path:
    """A user's Word template: a heading "Forces", then one paragraph per string, tags and all."""
    folder.mkdir(parents=True)
    document = docx.Document()
    document.add_heading("Forces", level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    if header:
        document.sections[0].header.paragraphs[0].text = header
    document.sections[0].different_first_page_header_footer = first_page
    document.save(folder / "template.docx")
    (folder / "manifest.toml").write_text(
        f'name = "{folder.name}"\ntitle = "House"\ndescription = "ours"\nversion = "1"\n'
        'kind = "docx"\ncards = ["forces"]\n',
        encoding="utf-8",
    )
    return folder


def all_stories(document) -> list:
    stories = []
    for section in document.sections:
        stories += [section.header, section.footer]
        if section.different_first_page_header_footer:
            stories += [section.first_page_header, section.first_page_footer]
    return stories


# ------------------------------------------------------------------------------------ the built-in one


def test_word_brief_is_a_listed_word_template() -> None:
    tpl = get_template("word-brief")
    assert tpl.builtin and tpl.is_word and tpl.kind == "docx"
    assert (tpl.folder / "template.docx").is_file()
    assert "word-brief" in [t.name for t in list_templates()]


def test_the_built_in_template_is_filled_card_by_card(handmade_briefing: Briefing) -> None:
    b = handmade_briefing
    document = _doc(render_docx(b, "word-brief"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Situation", "Forces", "Statements", "Outlook", "Timeline", "Places", "Sources"]
    assert document.paragraphs[0].style.name == "Title" and document.paragraphs[0].text == b.title
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert b.situation.bluf in cells  # the BLUF box
    assert "{{" not in text + cells and "{%" not in text + cells  # every tag was filled
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert len(quotes) == sum(q.kind == "direct" for q in b.quotes)
    for o in b.outlook:
        assert o.statement in text and (o.likelihood or "not assessed") in text
    for s in b.sources:
        assert s.title in text


def test_several_sources_are_counted_in_the_title_block_and_listed_at_the_end(handmade_briefing: Briefing) -> None:
    from briefing.model import Source

    b = handmade_briefing.model_copy(deep=True)
    b.sources.append(Source(text="Another report.", title="Wire report on the convoy", reliability="B", credibility="2"))
    document = _doc(render_docx(b, "word-brief"))
    texts = [p.text for p in document.paragraphs]
    assert f"{len(b.sources)} sources, listed and graded at the end" in texts
    end = texts[texts.index("Sources") :]
    assert any(t.startswith("[2]") and "Wire report on the convoy" in t for t in end)
    one = _doc(render_docx(handmade_briefing, "word-brief"))  # one source: named in the title block
    assert any(p.text.startswith("Source: ") for p in one.paragraphs[:6])


def test_one_forces_row_per_force_and_one_row_per_place(handmade_briefing: Briefing) -> None:
    b = handmade_briefing
    document = _doc(render_docx(b, "word-brief"))
    forces = next(t for t in document.tables if t.rows[0].cells[0].text == "Actor")
    assert [c.text for c in forces.rows[0].cells] == ["Actor", "Strength", "Type", "Location", "Status"]
    actors = [row.cells[0].text.split(" [")[0] for row in forces.rows[1:]]
    assert actors == [f.actor for f in b.forces]
    assert forces.rows[1].cells[1].text == f"{b.forces[0].qualifier} {b.forces[0].strength:,}"
    places = next(t for t in document.tables if t.rows[0].cells[0].text == "Place")
    assert [row.cells[0].text for row in places.rows[1:]] == [p.name for p in b.places]


def test_marking_properties_and_the_embedded_briefing(handmade_briefing: Briefing) -> None:
    b = handmade_briefing.model_copy(deep=True)
    b.marking = "TLP:AMBER+STRICT"
    data = render_docx(b, "word-brief")
    document = _doc(data)
    for story in all_stories(document):
        assert "TLP:AMBER+STRICT" in story_text(story)
    props = document.core_properties
    assert props.title == b.title
    assert props.subject and props.subject.split()[0] == b.situation.bluf.split()[0]
    assert "TLP:AMBER+STRICT" in props.keywords and props.content_status == "TLP:AMBER+STRICT"
    assert "template word-brief" in props.comments
    assert briefing_from_docx_bytes(data) == b  # the whole briefing, not the template's capped copy


def _structure(data: bytes) -> list[tuple[str, str]]:
    """(style, text) of every paragraph and table cell, then the header and footer texts."""
    document = _doc(data)
    found = [(p.style.name, p.text) for p in document.paragraphs]
    found += [("cell", c.text) for t in document.tables for row in t.rows for c in row.cells]
    section = document.sections[0]
    return [*found, ("header", story_text(section.header)), ("footer", story_text(section.footer))]


def test_the_script_rebuilds_the_committed_template() -> None:
    """Same tags, styles and tables; with the same python-docx the bytes are identical too, but a
    newer python-docx may write its stock parts differently, so the test compares the content."""
    spec = importlib.util.spec_from_file_location("make_word_template", ROOT / "scripts" / "make_word_template.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    built, committed = module.build(), (ROOT / "templates" / "word-brief" / "template.docx").read_bytes()
    assert _structure(built) == _structure(committed)
    assert module.build() == built  # no clock or random id in the file: two runs agree byte for byte


def test_html_templates_keep_the_built_in_word_layout(handmade_briefing: Briefing) -> None:
    document = _doc(render_docx(handmade_briefing, "sitrep"))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:2] == ["Situation", "Forces"] and headings[-1] == "Sources"
    assert "Page" in story_text(document.sections[0].footer)  # the layout's own "Page N of M" band


def test_pdf_and_html_with_a_word_template_say_so(handmade_briefing: Briefing) -> None:
    with pytest.raises(TemplateError, match=r'"word-brief" is a Word template: it makes \.docx files only'):
        render_html(handmade_briefing, "word-brief")


def test_the_preview_sketches_the_filled_document_as_a_pdf(handmade_briefing: Briefing) -> None:
    header, pdf = handle({"id": 3, "briefing": handmade_briefing.model_dump(mode="json"), "template": "word-brief"})
    assert header["ok"], header["error"]
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)
    assert "Bottom line up front" in text and handmade_briefing.forces[0].actor in text
    refused, _ = handle({"id": 4, "briefing": handmade_briefing.model_dump(mode="json"),
                         "template": "word-brief", "format": "pdf"})
    assert not refused["ok"] and "Word template" in refused["error"]


# ------------------------------------------------------------------------------------ a user's template


def test_marking_goes_into_headers_and_footers_the_template_lacks(tmp_path: Path, handmade_briefing: Briefing) -> None:
    folder = word_template(tmp_path / "house", "{{ title }}", first_page=True, header="ACME Corp internal")
    b = handmade_briefing.model_copy(deep=True)
    b.marking = "SECRET//REL TO GBR"
    document = _doc(fill_word_template(b, load_template(folder)))
    stories = all_stories(document)
    assert len(stories) == 4  # default and first-page header and footer
    for story in stories:
        assert "SECRET//REL TO GBR" in story_text(story)
    assert "ACME Corp internal" in story_text(document.sections[0].header)  # the house header stays
    assert document.paragraphs[1].text == b.title


def test_article_text_that_looks_like_xml_stays_text(tmp_path: Path, handmade_briefing: Briefing) -> None:
    folder = word_template(tmp_path / "house", "{{ title }}")
    b = handmade_briefing.model_copy(deep=True)
    b.title = 'Raid on "Depot <7>" & </w:t></w:r> next'
    document = _doc(fill_word_template(b, load_template(folder)))
    assert document.paragraphs[1].text == b.title


def test_a_misspelt_attribute_names_the_template_and_the_tag(tmp_path: Path, handmade_briefing: Briefing) -> None:
    folder = word_template(tmp_path / "acme-word", "{%p for item in forces %}", "{{ item.strenght | upper }}",
                           "{%p endfor %}")
    with pytest.raises(TemplateError) as caught:
        fill_word_template(handmade_briefing, load_template(folder))
    message = str(caught.value)
    assert message.startswith('template "acme-word": bad tag "{{ item.strenght | upper }}" near "Forces"')
    assert "strenght" in message and "\n" not in message


def test_syntax_errors_and_unknown_filters_surface_when_the_template_loads(tmp_path: Path) -> None:
    broken = word_template(tmp_path / "unclosed", "Strength here", "{{ f.strength | upper }")
    with pytest.raises(TemplateError, match=r'^template "unclosed": bad tag "\{\{ f.strength \| upper \}'):
        load_template(broken)
    unknown = word_template(tmp_path / "filters", "{{ title | shout }}")
    with pytest.raises(TemplateError, match=r'template "filters": bad tag "\{\{ title \| shout \}\}".*shout'):
        load_template(unknown)


@pytest.mark.parametrize(
    ("tag", "says"),
    [
        ("{{ ''.__class__.__mro__ }}", "unsafe"),
        ("{% for i in range(99999) %}{{ 'x' * 999999 }}{% endfor %}", "passed 20 MiB"),
        ("{% include '/etc/passwd' %}", "may not include"),
        ("{{ forces.clear() }}{{ b.forces.append(1) }}", "unsafe"),
        ("{{ cite.__globals__['__builtins__'] }}", "unsafe"),  # our helpers lead nowhere either
    ],
)
def test_hostile_tags_stop_with_one_line(tmp_path: Path, handmade_briefing: Briefing, tag: str, says: str) -> None:
    folder = word_template(tmp_path / "hostile", tag)
    before = handmade_briefing.model_copy(deep=True)
    with pytest.raises(TemplateError) as caught:
        fill_word_template(handmade_briefing, load_template(folder))
    assert says in str(caught.value) and str(caught.value).startswith('template "hostile"')
    assert "root:" not in str(caught.value) and "\n" not in str(caught.value)
    assert handmade_briefing == before  # nothing the template did reached the briefing


def test_the_cli_refuses_a_hostile_template_and_writes_nothing(tmp_path: Path) -> None:
    folder = word_template(tmp_path / "hostile", "{% include '/etc/passwd' %}")
    out = tmp_path / "out.docx"
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "export", str(SAMPLE), "-o", str(out), "--template", str(folder)],
        capture_output=True, text=True, cwd=ROOT, timeout=180,
    )
    assert proc.returncode == 2
    assert proc.stderr.strip().splitlines() == [
        'briefing: template "hostile": bad tag "{% include \'/etc/passwd\' %}" near "Forces" — '
        "a Word template may not include or import other files"
    ]
    assert not out.exists() and list(tmp_path.iterdir()) == [folder]


def test_a_bare_docx_imports_as_a_word_template(tmp_path: Path, handmade_briefing: Briefing) -> None:
    source = word_template(tmp_path / "src", "{{ title }}", "{% for f in forces %}{{ f.actor }}; {% endfor %}")
    house = tmp_path / "ACME House Brief.docx"
    house.write_bytes((source / "template.docx").read_bytes())
    tpl = import_template(house)
    assert tpl.name == "acme-house-brief" and tpl.is_word and not tpl.builtin
    assert tpl.folder.parent == user_dir() and (tpl.folder / "template.docx").read_bytes() == house.read_bytes()
    document = _doc(render_docx(handmade_briefing, tpl.name))
    assert document.paragraphs[2].text.startswith(f"{handmade_briefing.forces[0].actor}; ")


def test_a_broken_docx_import_leaves_nothing(tmp_path: Path) -> None:
    source = word_template(tmp_path / "src", "{{ title }}", "{{ nope.attribute }}")
    broken = tmp_path / "broken.docx"
    broken.write_bytes((source / "template.docx").read_bytes())
    with pytest.raises(TemplateError, match=r'does not render: template "broken": bad tag "\{\{ nope.attribute \}\}"'):
        import_template(broken)
    assert not user_dir().exists() or list(user_dir().iterdir()) == []
    (tmp_path / "not-word.docx").write_text("plain text", encoding="utf-8")
    with pytest.raises(TemplateError, match="not a Word document"):
        import_template(tmp_path / "not-word.docx")


def test_reported_speech_fills_from_its_parts(tmp_path: Path, handmade_briefing: Briefing) -> None:
    folder = word_template(tmp_path / "speech", "{% for q in reported %}{{ q.speaker }} {{ q.cue }} {{ q.content }}{% endfor %}")
    b = handmade_briefing.model_copy(deep=True)
    b.quotes = [Quote(kind="indirect", text="troops would stay", content="troops would stay", cue="said that",
                      speaker="the minister")]
    document = _doc(fill_word_template(b, load_template(folder)))
    assert document.paragraphs[1].text == "the minister said that troops would stay"


def test_saving_a_briefing_as_a_template_on_a_word_base_keeps_it_a_word_template(handmade_briefing: Briefing) -> None:
    from briefing.user_templates import duplicate_template, save_as_template

    b = handmade_briefing.model_copy(deep=True)
    b.organisation = "Sahel Desk, ACME"
    saved = save_as_template(b, "desk-word", base="word-brief", boilerplate={"disclaimer": "House rule 7 applies."})
    assert saved.is_word and (saved.folder / "template.docx").is_file()
    text = [p.text for p in _doc(render_docx(b, "desk-word")).paragraphs]
    assert "House rule 7 applies." in text and any(t.startswith("Sahel Desk, ACME · prepared") for t in text)
    copy = duplicate_template("desk-word", "desk-word-2")
    assert copy.is_word and _doc(render_docx(b, copy.name)).paragraphs[0].text == b.title


def test_a_silent_endless_loop_is_stopped_in_its_process(tmp_path: Path, handmade_briefing: Briefing) -> None:
    """A loop that prints nothing cannot be interrupted from inside Python: the child process is."""
    from briefing.render_process import render_isolated

    folder = word_template(tmp_path / "spin", "{% for a in range(99999) %}{% for c in range(99999) %}{% endfor %}{% endfor %}")
    with pytest.raises(TemplateError, match="took longer than 3 s"):
        render_isolated(handmade_briefing, load_template(folder), fmt="docx", seconds=3)


def test_every_tag_of_the_built_in_template_parses() -> None:
    """Built-ins skip the tag check when the store loads them (it costs startup time): here it runs."""
    from briefing.word_templates import check_word_template

    check_word_template(get_template("word-brief").folder, "word-brief")  # raises on a broken tag


def test_a_template_docx_that_unpacks_to_too_much_is_refused(tmp_path: Path) -> None:
    import zipfile

    folder = word_template(tmp_path / "bomb", "{{ title }}")
    with zipfile.ZipFile(folder / "template.docx", "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/media/padding.bin", b"\0" * (65 * 1024 * 1024))  # 65 MiB of zeros, ~64 KB packed
    assert (folder / "template.docx").stat().st_size < 1024 * 1024
    with pytest.raises(TemplateError, match=r'template "bomb": template.docx unpacks to too much; refused'):
        load_template(folder)


def test_a_card_past_the_cap_is_counted_in_the_document(handmade_briefing: Briefing) -> None:
    from briefing.model import Place
    from briefing.render import MAX_ITEMS_PER_CARD

    b = handmade_briefing.model_copy(deep=True)
    b.places = [Place(name=f"Village {n}", kind="other") for n in range(MAX_ITEMS_PER_CARD + 5)]
    data = render_docx(b, "word-brief")
    document = _doc(data)
    places = next(t for t in document.tables if t.rows[0].cells[0].text == "Place")
    assert len(places.rows) == 1 + MAX_ITEMS_PER_CARD
    assert any("the briefing file holds 5 more places." in p.text for p in document.paragraphs)
    assert len(briefing_from_docx_bytes(data).places) == MAX_ITEMS_PER_CARD + 5  # the file has them all
