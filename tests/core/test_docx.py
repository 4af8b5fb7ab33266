"""Word export: content in the template's order, marks on every page, fields, properties, and the
embedded briefing that reopens; hostile .docx files give one line.  Read back with python-docx."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from briefing.docx_embed import MAX_ENTRIES, briefing_from_docx, briefing_from_docx_bytes
from briefing.docx_export import export_docx, render_docx
from briefing.errors import BriefingFileError
from briefing.model import Briefing, Quote
from briefing.templates import CARD_TITLES, get_template

ROOT = Path(__file__).resolve().parents[2]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
QUOTE_MARKS = set("\"“”«»„")


def _doc(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def _headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def _story_text(part) -> str:
    """All text of a header or footer, fields' shown values included."""
    return "".join(t.text or "" for t in part._element.iter(f"{W}t"))


@pytest.mark.parametrize("name", ["intelligence-brief", "sitrep", "executive-one-pager"])
def test_headings_follow_the_templates_cards(handmade_briefing: Briefing, name: str) -> None:
    document = _doc(render_docx(handmade_briefing, name))
    expected = [CARD_TITLES[card] for card in get_template(name).cards] + ["Sources"]
    assert _headings(document, 1) == expected
    assert document.paragraphs[0].style.name == "Title"
    assert document.paragraphs[0].text == handmade_briefing.title


def test_every_card_is_there_with_word_styles(handmade_briefing: Briefing) -> None:
    b = handmade_briefing
    document = _doc(render_docx(b, "intelligence-brief"))
    text = "\n".join(p.text for p in document.paragraphs)
    cells = "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    assert b.situation.bluf in cells  # the BLUF box is a shaded one-cell table
    assert "Key facts" in _headings(document, 2)
    assert "nearly 1,000" in cells and "Airbase 101, Niamey" in cells
    quotes = [p.text for p in document.paragraphs if p.style.name == "Quote"]
    assert quotes[0].startswith("“[The situation] is not great") and quotes[0].endswith("[1]")
    assert "— US official, senior US defence official (anonymous)" in text
    for word in ("very likely", "likely", "unlikely", "almost no chance"):
        assert word in text  # each outlook item carries its ICD 203 label
    assert "roughly even chance" in cells and "45–55 %" in cells  # the scale
    assert "2023-07" in cells and "Military coup in Niger." in cells
    assert "13.48° N, 2.18° E" in cells
    sources = [p.text for p in document.paragraphs if p.style.name == "Source Entry"]
    assert sources[0].startswith("[1]\tUS official says Russian and US troops do not mingle")
    assert "B2 (usually reliable; probably true)" in sources[0]
    forces = next(t for t in document.tables if t.rows[0].cells[0].text == "Actor")
    assert forces.rows[0]._tr.trPr.find(f"{W}tblHeader") is not None  # repeats on each page
    styles = {t.style.name for t in document.tables}
    assert {"Table Grid", "Light List Accent 1"} <= styles


def test_marking_in_every_header_and_footer_with_page_fields(handmade_briefing: Briefing) -> None:
    for marking in ("TLP:AMBER", "UNCLASSIFIED // FOR OFFICIAL USE ONLY"):
        b = handmade_briefing.model_copy(update={"marking": marking})
        document = _doc(render_docx(b))
        for section in document.sections:
            assert not section.different_first_page_header_footer
            for part in (section.header, section.footer):
                assert not part.is_linked_to_previous
                assert marking in _story_text(part)
            fields = [f.get(f"{W}instr") for f in section.footer._element.iter(f"{W}fldSimple")]
            assert [f.split()[0] for f in fields] == ["PAGE", "NUMPAGES"]
            assert "Page 1 of 1" in _story_text(section.footer)
        header = document.sections[0].header.paragraphs[0]
        if marking.startswith("TLP"):
            label = header.runs[-1]
            assert label.text == marking and label.font.size.pt >= 12 and label.font.bold
        else:
            assert header.alignment == 1  # centred


def test_document_properties(handmade_briefing: Briefing) -> None:
    b = handmade_briefing
    props = _doc(render_docx(b)).core_properties
    assert props.title == b.title
    assert props.subject and b.situation.bluf.startswith(props.subject.rstrip("…"))
    assert props.keywords.split(", ")[:3] == ["TLP:AMBER", "Airbase 101", "Niamey"]
    assert props.author == "Sahel Desk Analyst"
    assert props.created == b.created  # read back as UTC


def test_indirect_quotes_have_no_quotation_marks(handmade_briefing: Briefing) -> None:
    b = handmade_briefing.model_copy(deep=True)
    b.quotes.append(Quote(text="“the base would stay open”", speaker="officials", kind="indirect"))
    document = _doc(render_docx(b))
    paragraphs = document.paragraphs
    start = next(i for i, p in enumerate(paragraphs) if p.text == "Reported")
    reported = [p.text for p in paragraphs[start + 1 :] if p.style.name == "List Bullet"][:2]
    assert reported[0].startswith("US official: Russian troops were not mingling")
    assert reported[1].startswith("officials: the base would stay open")
    assert all(not (set(text) & QUOTE_MARKS) for text in reported), reported


def test_indirect_quote_with_cue_and_content(handmade_briefing: Briefing) -> None:
    """Reported speech as speaker + (role) + cue + content, when the Quote has those fields."""
    b = handmade_briefing.model_copy(deep=True)
    # for reported speech the model keeps content equal to text (the reported clause)
    b.quotes[2] = Quote(text="Russian troops were not mingling with US forces at the airbase.",
                        speaker="US official", speaker_role="defence", kind="indirect", cue="said that")
    document = _doc(render_docx(b))
    line = next(p.text for p in document.paragraphs if p.text.startswith("US official ("))
    assert line == "US official (defence) said that Russian troops were not mingling with US forces at the airbase."


def test_the_embedded_briefing_round_trips(sample_briefing: Briefing, tmp_path: Path) -> None:
    out = export_docx(sample_briefing, tmp_path / "brief.docx", "sitrep")
    assert briefing_from_docx(out) == sample_briefing
    with zipfile.ZipFile(out) as zf:
        assert "briefing-builder/briefing.json" in zf.namelist()
        assert "docProps/thumbnail.jpeg" not in zf.namelist()  # python-docx's stock picture


def test_cli_writes_docx_and_reopens_it(handmade_briefing: Briefing, tmp_path: Path) -> None:
    from briefing import storage

    saved = tmp_path / "s.briefing"
    storage.save(handmade_briefing, saved)
    out, again = tmp_path / "brief.docx", tmp_path / "again.bin"
    proc = _run("export", str(saved), "-o", str(out), "--marking", "TLP:RED")
    assert proc.returncode == 0, proc.stderr
    assert "TLP:RED" in _story_text(_doc(out.read_bytes()).sections[0].header)
    proc = _run("export", str(out), "-o", str(again), "--format", "docx")
    assert proc.returncode == 0, proc.stderr
    assert briefing_from_docx(again).marking == "TLP:RED"
    assert list(tmp_path.glob(".*.tmp")) == []  # written atomically: no temporary file left


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "briefing", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def _zip(entries: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return out.getvalue()


RELS = (b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        b'<Relationship Id="rId9" Type="https://briefing-builder.invalid/relationships/briefing" '
        b'Target="briefing-builder/briefing.json"/></Relationships>')


def _lying_sizes() -> bytes:
    """A zip bomb whose headers claim its 80 MiB entry holds 1,000 bytes."""
    data = bytearray(_zip({"_rels/.rels": RELS, "briefing-builder/briefing.json": b"\0" * (80 * 1024 * 1024)}))
    real = (80 * 1024 * 1024).to_bytes(4, "little")
    for at in range(len(data) - 4):  # the size fields of the local and the central header
        if data[at : at + 4] == real:
            data[at : at + 4] = (1000).to_bytes(4, "little")
    return bytes(data)


def _hostile(tmp_path: Path) -> dict[str, bytes]:
    plain = docx.Document()
    plain_bytes = io.BytesIO()
    plain.save(plain_bytes)
    return {
        "not-a-zip": b"PK but not really a zip file at all",
        "text": b"hello, I am a text file",
        "no-briefing": plain_bytes.getvalue(),  # a real Word document, from someone else
        "zip-bomb": _zip({"_rels/.rels": RELS, "word/document.xml": b"<w/>",
                          "briefing-builder/briefing.json": b"\0" * (80 * 1024 * 1024)}),
        "lying-sizes": _lying_sizes(),
        "many-entries": _zip({f"f{i}": b"" for i in range(MAX_ENTRIES + 1)}, zipfile.ZIP_STORED),
        "bad-json": _zip({"_rels/.rels": RELS, "briefing-builder/briefing.json": b"{oops"}),
        "entity-rels": _zip({"_rels/.rels": b'<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
                                            b"<Relationships>&x;</Relationships>"}),
    }


def test_hostile_docx_gives_one_line_error(tmp_path: Path) -> None:
    for name, data in _hostile(tmp_path).items():
        with pytest.raises(BriefingFileError) as err:
            briefing_from_docx_bytes(data, f"{name}.docx")
        message = str(err.value)
        assert message.startswith(f"{name}.docx") and "\n" not in message, message


def test_hostile_docx_via_cli_exit_2(tmp_path: Path) -> None:
    cases = {k: v for k, v in _hostile(tmp_path).items() if k in ("not-a-zip", "zip-bomb", "no-briefing")}
    for name, data in cases.items():
        path = tmp_path / f"{name}.docx"
        path.write_bytes(data)
        proc = _run("export", str(path), "-o", str(tmp_path / "x.pdf"))
        assert proc.returncode == 2, (name, proc.stderr)
        assert proc.stderr.count("\n") == 1 and proc.stderr.startswith("briefing: "), proc.stderr
        assert not (tmp_path / "x.pdf").exists()


def test_control_characters_in_text_do_not_break_the_export(handmade_briefing: Briefing) -> None:
    b = handmade_briefing.model_copy(deep=True)
    b.situation.bluf = "Bell\x07 and form feed\x0c in an article."
    document = _doc(render_docx(b))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert any("Bell and form feed in an article." in c for c in cells)
    assert briefing_from_docx_bytes(render_docx(b)) == b  # the embedded copy keeps them
