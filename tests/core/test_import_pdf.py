"""PDF articles in: PDFs made here with WeasyPrint (columns, hyphenation, running heads, page
numbers), the sample article as a PDF, and files that must be refused with one line."""

from __future__ import annotations

import datetime as dt
import html
import io
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pypdf
import pytest
import weasyprint
from import_helpers import encrypted, expect_refusal, stream_bomb_pdf, write

from briefing.errors import IngestError
from briefing.importers import IMPORT_SUFFIXES, embedded_briefing, load_source
from briefing.ingest_pdf import MAX_PAGES, MAX_PDF_BYTES, load_pdf_article, source_from_pdf_bytes
from briefing.pdf_layout import is_page_number, join_lines

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "assets" / "samples" / "niger-airbase-101.txt"

PAGE_CSS = """
@page { size: A4; margin: 2.5cm 2cm;
  @top-center { content: "Sahel Desk Weekly — internal"; font: 8pt sans-serif; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 8pt sans-serif; }
  @bottom-right { content: counter(page); font: 8pt sans-serif; } }
body { font: 10pt serif; }
h1 { font-size: 22pt; margin: 0 0 6pt 0; }
p { margin: 0 0 8pt 0; }
"""


def pdf_from_html(body: str, *, css: str = PAGE_CSS, title: str = "") -> bytes:
    head = f"<title>{html.escape(title)}</title>" if title else ""
    page = f'<html lang="en"><head>{head}<style>{css}</style></head><body>{body}</body></html>'
    return weasyprint.HTML(string=page).write_pdf()


def numbered_sentences(count: int) -> str:
    return " ".join(
        f"Convoy report {n} describes the security situation near the northern checkpoint." for n in range(count)
    )






@pytest.fixture(scope="module")
def two_column_pdf() -> bytes:
    css = PAGE_CSS + ".cols { columns: 2; column-gap: 1cm; text-align: justify; hyphens: auto; }"
    body = (
        "<h1>Militia Convoys Seen Near Border</h1><p>Published 12 March 2024</p>"
        f'<div class="cols"><p>{numbered_sentences(70)}</p>'
        "<p>A second paragraph notes a well-known smuggling route and the cease-fire line.</p></div>"
    )
    return pdf_from_html(body, css=css, title="Convoys | Example Outlet")


def test_two_columns_read_in_order_with_heads_and_folios_dropped(two_column_pdf: bytes) -> None:
    source = source_from_pdf_bytes(two_column_pdf, "convoys.pdf")
    assert len(pypdf.PdfReader(io.BytesIO(two_column_pdf)).pages) >= 2  # the test needs page breaks
    numbers = [int(n) for n in re.findall(r"Convoy report (\d+) describes", source.text)]
    # every sentence once, in order: columns read left then right, page after page
    assert numbers == list(range(70))
    assert "Sahel Desk Weekly" not in source.text
    assert "Page 1 of" not in source.text and "Page 2 of" not in source.text
    assert source.title == "Militia Convoys Seen Near Border"  # the largest type, not the metadata
    assert source.date == dt.date(2024, 3, 12)


def test_hyphenation_is_undone_and_real_hyphens_kept(two_column_pdf: bytes) -> None:
    text = source_from_pdf_bytes(two_column_pdf, "convoys.pdf").text
    assert "\u2010" not in text and "\u00ad" not in text
    assert text.count("security situation") == 70
    assert text.count("northern checkpoint") == 70
    assert "well-known smuggling route" in text and "cease-fire line" in text


def test_paragraphs_survive_column_and_page_breaks(two_column_pdf: bytes) -> None:
    paragraphs = source_from_pdf_bytes(two_column_pdf, "convoys.pdf").text.split("\n\n")
    assert paragraphs[0] == "Militia Convoys Seen Near Border"
    assert paragraphs[1] == "Published 12 March 2024"
    assert paragraphs[2].startswith("Convoy report 0 ") and paragraphs[2].endswith("checkpoint.")
    assert paragraphs[2].count("Convoy report") == 70  # one paragraph across columns and pages
    assert paragraphs[3].startswith("A second paragraph")
    assert len(paragraphs) == 4


@pytest.mark.parametrize(
    ("head", "tail", "joined"),
    [
        ("the secu\u2010", "rity forces", "the security forces"),  # WeasyPrint's hyphenation mark
        ("the secu-", "rity forces", "the security forces"),
        ("a well-", "known route", "a well-known route"),
        ("the anti-", "Western line", "the anti-Western line"),
        ("the", "next line", "the next line"),
    ],
)
def test_lines_join_with_hyphenation_undone(head: str, tail: str, joined: str) -> None:
    assert join_lines(head, tail, Counter()) == joined


def test_the_document_decides_a_line_end_hyphen() -> None:
    assert join_lines("the cease-", "fire held", Counter({"cease-fire": 2})) == "the cease-fire held"
    assert join_lines("the self-", "ish act", Counter({"selfish": 1})) == "the selfish act"


@pytest.mark.parametrize("folio", ["3", "- 3 -", "Page 3", "Page 3 of 9", "3 / 9", "p. 12"])
def test_page_numbers_are_recognised(folio: str) -> None:
    assert is_page_number(folio)


@pytest.mark.parametrize("line", ["3 soldiers were hurt", "Page turner", "2024 in review"])
def test_text_is_not_a_page_number(line: str) -> None:
    assert not is_page_number(line)


def test_metadata_title_when_the_page_has_no_larger_type(tmp_path: Path) -> None:
    body = f"<p>{numbered_sentences(5)}</p>"
    source = load_pdf_article(write(tmp_path, "plain.pdf", pdf_from_html(body, title="Checkpoint Log")))
    assert source.title == "Checkpoint Log"
    assert "Convoy report 0 describes" in source.text


def test_sample_article_as_a_pdf_keeps_its_quotes(tmp_path: Path) -> None:
    from briefing.extract import extract

    paragraphs = [p for p in SAMPLE.read_text("utf-8").split("\n\n") if p.strip()]
    body = "".join(f"<p>{html.escape(' '.join(p.split()))}</p>" for p in paragraphs)
    pdf = write(tmp_path, "niger.pdf", pdf_from_html(body, css=PAGE_CSS + "p { hyphens: auto; }"))
    source = load_source(pdf)
    quote = "[The situation] is not great but, in the short-term, manageable"
    assert quote in source.text
    assert "Sahel Desk Weekly" not in source.text
    briefing = extract(source)
    assert any("manageable" in q.text for q in briefing.quotes)
    for q in briefing.quotes:  # evidence points into the text we produced
        for span in q.evidence:
            assert source.text[span.start : span.end]


def test_scanned_pdf_without_text_is_refused(tmp_path: Path) -> None:
    picture = '<div style="width: 10cm; height: 14cm; background: #777"></div>'
    path = write(tmp_path, "scan.pdf", pdf_from_html(picture, css="@page { size: A4 }"))
    expect_refusal(path, "has no text layer (a scanned PDF?); OCR is not supported")


def test_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    locked = write(tmp_path, "locked.pdf", encrypted(pdf_from_html(f"<p>{numbered_sentences(3)}</p>"), "s3cret"))
    assert embedded_briefing(locked) is None  # not one of ours: the importer names the password
    expect_refusal(locked, "protected by a password")


def test_pdf_encrypted_without_a_user_password_still_opens(tmp_path: Path) -> None:
    print_only = encrypted(pdf_from_html(f"<p>{numbered_sentences(3)}</p>"), "")
    assert "Convoy report 2" in load_source(write(tmp_path, "print-only.pdf", print_only)).text


def test_damaged_empty_and_fake_pdfs_give_one_line(tmp_path: Path) -> None:
    good = pdf_from_html(f"<p>{numbered_sentences(3)}</p>")
    expect_refusal(write(tmp_path, "cut.pdf", good[: len(good) // 3]), "not a readable PDF")
    expect_refusal(write(tmp_path, "empty.pdf", b""), "empty")
    expect_refusal(write(tmp_path, "fake.pdf", b"<html>not a pdf</html>"), "not a PDF file")
    expect_refusal(write(tmp_path, "junk.pdf", b"%PDF-1.7\n" + bytes(range(256)) * 40), "not a readable PDF")


def test_a_huge_pdf_is_refused_before_parsing(tmp_path: Path) -> None:
    path = tmp_path / "huge.pdf"
    with path.open("wb") as fh:  # sparse: the size is checked, the bytes are never read
        fh.write(b"%PDF-1.7\n")
        fh.truncate(MAX_PDF_BYTES + 1)
    expect_refusal(path, "the limit is 50 MiB")


def test_too_many_pages_are_refused(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter()
    for _ in range(MAX_PAGES + 1):
        writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    expect_refusal(write(tmp_path, "book.pdf", buffer.getvalue()), f"at most {MAX_PAGES}")


def test_pdf_and_docx_are_offered_by_the_import_dialog() -> None:
    assert ".pdf" in IMPORT_SUFFIXES and ".docx" in IMPORT_SUFFIXES


def test_a_pdf_we_exported_still_reopens_as_its_briefing(tmp_path: Path, briefing_copy) -> None:
    from briefing.render import export_pdf

    out = tmp_path / "brief.pdf"
    export_pdf(briefing_copy, out)
    assert embedded_briefing(out) == briefing_copy
    plain = write(tmp_path, "article.pdf", pdf_from_html(f"<p>{numbered_sentences(3)}</p>"))
    assert embedded_briefing(plain) is None  # an article: the importer reads it


def test_cli_extracts_a_pdf_and_a_bad_one_writes_nothing(tmp_path: Path) -> None:
    plain = write(tmp_path, "article.pdf", pdf_from_html(f"<p>{numbered_sentences(4)}</p>"))
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "extract", str(plain), "--format", "text"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert "BLUF:" in proc.stdout
    bad = write(tmp_path, "bad.pdf", b"%PDF-1.4\n% nothing else")
    out = tmp_path / "out.pdf"
    proc = subprocess.run(
        [sys.executable, "-m", "briefing", "export", str(bad), "-o", str(out)],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
    )
    assert proc.returncode == 2
    assert proc.stderr.count("\n") == 1 and "bad.pdf" in proc.stderr
    assert not out.exists()


def test_the_import_runs_in_a_child_that_is_stopped_at_its_deadline(two_column_pdf: bytes) -> None:
    from briefing.pdf_process import source_from_pdf_isolated

    source = source_from_pdf_isolated(two_column_pdf, "convoys.pdf")
    assert source == source_from_pdf_bytes(two_column_pdf, "convoys.pdf").model_copy(update={"id": source.id})
    with pytest.raises(IngestError, match=r"^convoys.pdf: reading the PDF took over 0 s; stopped$"):
        source_from_pdf_isolated(two_column_pdf, "convoys.pdf", seconds=0.05)


def test_a_pdf_that_unpacks_past_the_memory_cap_is_refused(tmp_path: Path) -> None:
    from briefing.pdf_process import source_from_pdf_isolated

    with pytest.raises(IngestError) as caught:
        source_from_pdf_isolated(stream_bomb_pdf(), "bomb.pdf", memory_mb=512)
    message = str(caught.value)
    assert message.startswith("bomb.pdf: ") and "\n" not in message
    assert "too large" in message or "memory" in message  # the cap stopped it, not the clock


def test_alternating_running_heads_are_dropped_and_body_lines_kept() -> None:
    from briefing.pdf_layout import Line, drop_running_lines, page_lines

    pages = []
    for number in range(6):
        head = "Annual Security Review" if number % 2 == 0 else f"Chapter {1 + number // 4}: The Sahel"
        lines = [
            Line(number, 72, 760, 300, 770, head, 9.0),
            Line(number, 72, 400, 520, 410, "The same body sentence repeats on every page.", 10.0),
            Line(number, 290, 30, 300, 40, str(number + 1), 9.0),
        ]
        pages.append(page_lines(lines, (0, 0, 595, 842)))
    kept = drop_running_lines(pages)
    assert [[line.text for line in page] for page in kept] == [
        ["The same body sentence repeats on every page."]
    ] * 6


def test_a_scan_with_a_scanner_stamp_on_each_page_is_still_a_scan(tmp_path: Path) -> None:
    stamp = '<div style="height: 24cm; background: #777"></div><p style="font-size: 6pt">Scanned by ScanApp</p>'
    path = write(tmp_path, "stamped.pdf", pdf_from_html(stamp * 3, css="@page { size: A4; margin: 1cm }"))
    assert len(pypdf.PdfReader(path).pages) == 3
    expect_refusal(path, "has no text layer")


def test_a_pdf_larger_than_a_pipe_buffer_reaches_the_child_whole(tmp_path: Path) -> None:
    writer = pypdf.PdfWriter(clone_from=io.BytesIO(pdf_from_html(f"<p>{numbered_sentences(3)}</p>")))
    writer.add_attachment("photo.bin", os.urandom(400_000))  # a report with a big picture, say
    buffer = io.BytesIO()
    writer.write(buffer)
    path = write(tmp_path, "big.pdf", buffer.getvalue())
    assert path.stat().st_size > 256 * 1024
    assert embedded_briefing(path) is None
    assert "Convoy report 2 describes" in load_source(path).text


def test_paragraphs_without_space_or_indent_are_told_apart_by_their_short_last_line(tmp_path: Path) -> None:
    paragraphs = [" ".join(p.split()) for p in SAMPLE.read_text("utf-8").split("\n\n") if p.strip()][1:]
    body = '<h1 style="font-size: 26pt">Russian troops enter Niger airbase, officials say</h1>' + "".join(
        f"<p>{html.escape(p)}</p>" for p in paragraphs
    )
    css = "@page { size: A4; margin: 2cm } body { font: 11pt serif } p { margin: 0; text-indent: 0 }"
    source = load_source(write(tmp_path, "word-like.pdf", pdf_from_html(body, css=css)))
    found = source.text.split("\n\n")
    assert found[0] == "Russian troops enter Niger airbase, officials say"  # a two-line headline, whole
    exact = sum(1 for p in paragraphs if p in found)
    assert exact >= 0.9 * len(paragraphs), [p for p in found if p not in paragraphs]
