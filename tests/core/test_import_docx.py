"""Word articles in: documents made here with python-docx (headings, a table, footnotes added as
a hand-built part, since python-docx cannot write them), and files that must be refused."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml.ns import qn
from import_helpers import expect_refusal, write
from lxml import etree

from briefing.importers import embedded_briefing
from briefing.ingest_docx import MAX_DOCX_BYTES, source_from_docx_bytes

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def add_footnotes(document, notes: list[str]) -> None:
    """A footnotes part as Word writes it: two separators (ids -1 and 0), then the notes (1…)."""
    root = etree.Element(qn("w:footnotes"), nsmap={"w": W_NS})
    for number, kind in ((-1, "separator"), (0, "continuationSeparator")):
        note = etree.SubElement(root, qn("w:footnote"), {qn("w:type"): kind, qn("w:id"): str(number)})
        etree.SubElement(etree.SubElement(note, qn("w:p")), qn("w:r"))
    for number, text in enumerate(notes, 1):
        note = etree.SubElement(root, qn("w:footnote"), {qn("w:id"): str(number)})
        run = etree.SubElement(etree.SubElement(note, qn("w:p")), qn("w:r"))
        etree.SubElement(run, qn("w:t")).text = text
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI("/word/footnotes.xml"), FOOTNOTES_TYPE, blob, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES)


def cite(paragraph, number: int) -> None:
    """A footnote reference mark at the end of ``paragraph`` (w:footnoteReference in a run)."""
    run = paragraph.add_run()
    run._r.append(etree.Element(qn("w:footnoteReference"), {qn("w:id"): str(number)}))


def report(title_in_properties: str = "") -> bytes:
    document = docx.Document()
    if title_in_properties:
        document.core_properties.title = title_in_properties
    document.core_properties.author = "Sahel Desk"
    document.add_paragraph("Militia convoys seen near the border", style="Title")
    document.add_paragraph("12 March 2024")
    first = document.add_paragraph("Three convoys crossed the river on Monday, a local official said.")
    cite(first, 1)
    first.add_run(" The army has not confirmed the crossing.")
    document.add_heading("Background", level=1)
    second = document.add_paragraph("The route has been used by smugglers for a decade.")
    cite(second, 2)
    table = document.add_table(rows=2, cols=3)
    for row, cells in zip(table.rows, (("Actor", "Strength", "Place"), ("Militia", "300", "Gao")), strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    add_footnotes(document, ["Interview by telephone, 11 March.", "UN panel report, 2023."])
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()






def test_paragraphs_headings_and_table_in_order() -> None:
    source = source_from_docx_bytes(report(), "report.docx")
    blocks = source.text.split("\n\n")
    assert blocks[:6] == [
        "Militia convoys seen near the border",
        "12 March 2024",
        "Three convoys crossed the river on Monday, a local official said. The army has not confirmed the crossing.",
        "Background",
        "The route has been used by smugglers for a decade.",
        "Actor | Strength | Place",
    ]
    assert blocks[6] == "Militia | 300 | Gao"
    assert source.title == "Militia convoys seen near the border"  # the Title style
    assert source.date == dt.date(2024, 3, 12)
    assert source.author == "Sahel Desk"


def test_footnotes_come_after_the_body_never_inside_a_sentence() -> None:
    text = source_from_docx_bytes(report(), "report.docx").text
    assert "said. The army" in text  # the reference mark left no trace in the sentence
    body, notes = text.split("\n\nNotes\n\n")
    assert "Interview by telephone" not in body
    assert notes.split("\n\n") == ["[1] Interview by telephone, 11 March.", "[2] UN panel report, 2023."]


def test_core_properties_title_wins_and_heading_is_the_fallback() -> None:
    assert source_from_docx_bytes(report("Convoy report"), "r.docx").title == "Convoy report"
    document = docx.Document()
    document.add_heading("Border crossings rise", level=1)
    document.add_paragraph("Officials counted more crossings than in any month this year.")
    buffer = io.BytesIO()
    document.save(buffer)
    source = source_from_docx_bytes(buffer.getvalue(), "h.docx")
    assert source.title == "Border crossings rise"
    assert source.author == "" and source.date is None  # python-docx's placeholders are not data


def test_empty_encrypted_damaged_and_huge_documents_give_one_line(tmp_path: Path) -> None:
    blank = io.BytesIO()
    docx.Document().save(blank)
    expect_refusal(write(tmp_path, "blank.docx", blank.getvalue()), "has no text")
    expect_refusal(write(tmp_path, "empty.docx", b""), "empty")
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512)  # how Word stores a password-protected file
    locked = write(tmp_path, "locked.docx", ole)
    assert embedded_briefing(locked) is None  # so export and Open name the password too
    expect_refusal(locked, "password")
    good = report()
    expect_refusal(write(tmp_path, "cut.docx", good[: len(good) // 2]), "not a Word document")
    expect_refusal(write(tmp_path, "text.docx", b"just some text"), "not a Word document")
    other = io.BytesIO()
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("notes.txt", "a zip, but no document")
    expect_refusal(write(tmp_path, "other.docx", other.getvalue()), "not a Word document")
    huge = tmp_path / "huge.docx"
    with huge.open("wb") as fh:
        fh.write(b"PK")
        fh.truncate(MAX_DOCX_BYTES + 1)
    expect_refusal(huge, "the limit is 50 MiB")


def test_a_zip_bomb_is_refused_before_python_docx_unpacks_it(tmp_path: Path) -> None:
    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/document.xml", b"<" + b" " * (210 * 1024 * 1024))
    expect_refusal(write(tmp_path, "bomb.docx", bomb.getvalue()), "unpacks to")


def test_a_docx_we_exported_still_reopens_as_its_briefing(tmp_path: Path, briefing_copy) -> None:
    from briefing.docx_export import export_docx

    out = tmp_path / "brief.docx"
    export_docx(briefing_copy, out)
    assert embedded_briefing(out) == briefing_copy
    assert embedded_briefing(write(tmp_path, "article.docx", report())) is None


def test_tracked_insertions_count_and_deletions_do_not() -> None:
    document = docx.Document()
    paragraph = document.add_paragraph("The convoy ")
    inserted = etree.SubElement(paragraph._p, qn("w:ins"), {qn("w:id"): "1", qn("w:author"): "Ed"})
    etree.SubElement(etree.SubElement(inserted, qn("w:r")), qn("w:t")).text = "turned back"
    deleted = etree.SubElement(paragraph._p, qn("w:del"), {qn("w:id"): "2", qn("w:author"): "Ed"})
    etree.SubElement(etree.SubElement(deleted, qn("w:r")), qn("w:delText")).text = " crossed"
    paragraph.add_run(" at dawn, officials said.")
    buffer = io.BytesIO()
    document.save(buffer)
    assert source_from_docx_bytes(buffer.getvalue(), "t.docx").text == "The convoy turned back at dawn, officials said."
