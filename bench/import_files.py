"""Import time of a 20-page text PDF (two columns, running heads, hyphenation) and of a Word file
of the same text: median of 5 runs after a warm-up.  Run: ``python bench/import_files.py``.

The PDF goes through the app's path (``load_source``: a child process with a deadline and a
memory cap) and through ``source_from_pdf_bytes`` in-process, so the child's cost shows apart.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from export import median_time

SAMPLE = Path(__file__).resolve().parents[1] / "assets" / "samples" / "niger-airbase-101.txt"
CSS = """@page { size: A4; margin: 2.5cm 2cm;
  @top-center { content: "Desk report"; font: 8pt sans-serif; }
  @bottom-center { content: "Page " counter(page) " of " counter(pages); font: 8pt sans-serif; } }
body { font: 10pt serif; } .cols { columns: 2; column-gap: 1cm; text-align: justify; hyphens: auto; }"""


def paragraphs() -> list[str]:
    return [" ".join(p.split()) for p in SAMPLE.read_text("utf-8").split("\n\n") if p.strip()]


def make_pdf(pages: int) -> bytes:
    import html

    import pypdf
    import weasyprint

    reps = 0
    while True:
        reps += 4
        text = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs() * reps)
        data = weasyprint.HTML(
            string=f'<html lang="en"><style>{CSS}</style><h1>Report</h1><div class="cols">{text}</div>'
        ).write_pdf()
        if len(pypdf.PdfReader(io.BytesIO(data)).pages) >= pages:
            return data


def make_docx(repeats: int) -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Report", level=1)
    for text in paragraphs() * repeats:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    import pypdf

    from briefing.importers import load_source
    from briefing.ingest_pdf import source_from_pdf_bytes

    pdf = make_pdf(20)
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    with tempfile.TemporaryDirectory() as folder:
        pdf_path = Path(folder, "report.pdf")
        pdf_path.write_bytes(pdf)
        words = len(load_source(pdf_path).text.split())
        docx_path = Path(folder, "report.docx")
        docx_path.write_bytes(make_docx(max(1, words // len(" ".join(paragraphs()).split()))))
        child = median_time(lambda: load_source(pdf_path))
        inline = median_time(lambda: source_from_pdf_bytes(pdf, "report.pdf"))
        word = median_time(lambda: load_source(docx_path))
    print(f"PDF, {pages} pages, {words} words: {child:.2f} s (app path, child process), ", end="")
    print(f"{inline:.2f} s in-process")
    print(f"Word file, same text: {word:.3f} s")


if __name__ == "__main__":
    main()
