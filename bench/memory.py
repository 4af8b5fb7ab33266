"""Peak memory (RSS) and time of extraction and export on the largest inputs the app accepts.

Each case runs in its own Python, so one peak never hides another: a 5 MB article of real prose
(corpus articles joined), 5 MB of random Unicode, a web page of 100,000 elements, and the export of
a briefing with 20,000 quotes.  Inputs are generated in a temporary folder; nothing is kept.

    python bench/memory.py [--quick]      # --quick: 1 MB inputs instead of 5 MB
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus" / "articles"
MIB = 1024 * 1024

_MEASURE = """
import resource, sys, time
kind, path = sys.argv[1:3]
start = time.perf_counter()
if kind == "export":
    from briefing.render import render_pdf
    from briefing.storage import load
    render_pdf(load(path))
else:
    from briefing.extract import extract
    from briefing.ingest import load_article
    extract(load_article(path))
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(f"{time.perf_counter() - start:.1f} {peak:.0f}")
"""


def prose(size: int) -> str:
    files = sorted(CORPUS.glob("*.txt")) if CORPUS.is_dir() else []
    if not files:
        sentence = "The army said troops moved north towards the border on Monday, officials said. "
        return "A long report\n\n" + (sentence * 10 + "\n\n") * (size // 800 + 1)
    parts, total, i = ["A long report", ""], 0, 0
    while total < size:
        text = files[i % len(files)].read_text(encoding="utf-8").split("\n", 3)[-1]
        parts.append(text)
        total += len(text.encode("utf-8"))
        i += 1
    # cut to ``size`` bytes, not characters: curly quotes are three bytes, and an article over the
    # ingest's 5 MiB limit is refused before it is parsed
    return "\n\n".join(parts).encode("utf-8")[:size].decode("utf-8", errors="ignore")


def random_unicode(size: int) -> str:
    rng = random.Random(1)
    chars = (chr(rng.randint(0x20, 0x2FFF)) for _ in range(size // 3))
    return "".join(ch for ch in chars if not 0xD800 <= ord(ch) <= 0xDFFF)


def big_page(elements: int) -> str:
    rng = random.Random(2)
    words = [
        "the", "army", "said", "troops", "moved", "north", "near", "the", "border", "on", "monday",
        "while", "officials", "warned",
    ]  # fmt: skip
    paras = "".join(
        "<p>" + " ".join(rng.choice(words) for _ in range(6)).capitalize() + ".</p>" for _ in range(elements)
    )
    return f"<html><head><title>Big page</title></head><body><article>{paras}</article></body></html>"


def many_quotes(count: int, folder: Path) -> Path:
    sys.path.insert(0, str(ROOT))
    from briefing import storage
    from briefing.model import Briefing, Quote, Source, Span

    lines = [f"“Statement number {i} was made today,” the spokesman said." for i in range(count)]
    source = Source(text="\n\n".join(lines), title="Many quotes")
    quotes, offset = [], 0
    for i, line in enumerate(lines):
        start = offset + 1
        text = f"Statement number {i} was made today,"
        quotes.append(Quote(text=text, speaker="spokesman",
                            evidence=[Span(source_id=source.id, start=start, end=start + len(text))]))
        offset += len(line) + 2
    path = folder / "quotes.briefing"
    storage.save(Briefing(title="Many quotes", sources=[source], quotes=quotes), path)
    return path


def measure(kind: str, path: Path) -> tuple[float, float]:
    out = subprocess.run([sys.executable, "-c", _MEASURE, kind, str(path)], capture_output=True, text=True,
                         cwd=ROOT, check=True)
    seconds, peak = out.stdout.split()
    return float(seconds), float(peak)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 MB inputs instead of 5 MB")
    args = parser.parse_args()
    size = (1 if args.quick else 5) * MIB - 1024
    with tempfile.TemporaryDirectory(prefix="bench-memory-") as tmp:
        folder = Path(tmp)
        cases = {
            f"prose article, {size / MIB:.1f} MiB": ("extract", folder / "prose.txt", prose(size)),
            f"random Unicode, {size / MIB:.1f} MiB": ("extract", folder / "random.txt", random_unicode(size)),
            "web page, 100,000 elements": ("extract", folder / "page.html", big_page(100_000)),
        }
        print(f"{'input':34s} {'seconds':>8s} {'peak RSS':>10s}")
        for label, (kind, path, text) in cases.items():
            path.write_text(text, encoding="utf-8")
            seconds, peak = measure(kind, path)
            print(f"{label:34s} {seconds:8.1f} {peak:7.0f} MiB")
        seconds, peak = measure("export", many_quotes(20_000, folder))
        print(f"{'export, 20,000 quotes':34s} {seconds:8.1f} {peak:7.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
