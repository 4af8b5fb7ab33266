"""Extraction speed: pipeline load time, then median time per 1,000 words on the dev articles.

Also runs odd inputs (empty, emoji, right-to-left, no punctuation, unbalanced quotes, 1 MB) and
prints the time each takes, so a hang or a blow-up shows here rather than in a timed unit test.
Prints medians; asserts nothing.

    .venv/bin/python bench/extract.py
"""

from __future__ import annotations

import statistics
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "assets" / "samples" / "niger-airbase-101.txt"
DEV = ROOT.parent / "shared" / "eval" / "dev"
RUNS = 5


def main() -> None:
    t0 = time.perf_counter()
    from briefing.extract import extract, nlp
    from briefing.ingest import load_article, source_from_text

    nlp.pipeline()
    load = time.perf_counter() - t0
    from briefing.extract import linear

    t1 = time.perf_counter()
    models = [linear.load(name) for name in ("outlook", "forces")]
    weights_load = time.perf_counter() - t1
    size = sum((linear.model_dir() / f"{m.name}.json").stat().st_size for m in models)
    print(
        f"trained weights: {size / 1e6:.2f} MB on disk, {sum(len(m.weights) for m in models)} features, "
        f"loaded in {weights_load:.2f} s (once per process, on first extraction)"
    )

    articles = sorted(DEV.glob("*.txt")) if DEV.is_dir() else [SAMPLE]
    per_kw: list[float] = []
    for path in articles:
        src = load_article(path)
        words = len(src.text.split())
        extract(src)  # warm caches for this text's length class
        times = []
        for _ in range(RUNS):
            nlp._split_cached.cache_clear()  # measure the splitter too, not a cache hit
            start = time.perf_counter()
            extract(src)
            times.append(time.perf_counter() - start)
        med = statistics.median(times)
        per_kw.append(med / words * 1000)
        print(
            f"{path.name:70s} {words:5d} words  median {med:.3f} s  ({med / words * 1000:.3f} s/1000 words)"
        )

    odd = {
        "one word": "Niger",
        "emoji": "🚀🔥 Troops 🪖 arrived “today” 🎉 " * 50,
        "right-to-left": "قالت الحكومة إن القوات ستنسحب غدا. " * 100,
        "no punctuation": "troops moved north and the minister said they would return next year " * 200,
        "unbalanced quotes": "“He said ‘we will go and “they will not” stay. " * 200,
        "1 MB": (
            "Some 300 soldiers were deployed to the city, officials said. “We will stay,” he said.\n\n"
            * 12000
        ),
    }
    for name, text in odd.items():
        start = time.perf_counter()
        b = extract(source_from_text(text))
        print(
            f"odd input {name:18s} {len(text):8d} chars  {time.perf_counter() - start:.3f} s  "
            f"({len(b.quotes)} quotes, {len(b.forces)} forces)"
        )

    print(f"extract median {statistics.median(per_kw):.3f} s per 1000 words · load {load:.2f} s")


if __name__ == "__main__":
    main()
