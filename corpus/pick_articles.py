"""Pick the articles of ../shared/corpus/ to annotate (deterministic: same index, same picks).

Conflict, security and foreign-policy news is chosen by the index's security-vocabulary density,
densest first, with a cap per outlet so that no publisher's style dominates; "other" news (politics,
business, disasters, sport) is drawn from the low-density end.  Writes selection.tsv.

    python corpus/pick_articles.py
"""

from __future__ import annotations

import csv
import hashlib
import re
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent
CORPUS = HERE.parent.parent / "shared" / "corpus"
CONFLICT_TARGET, OTHER_TARGET = 108, 27
MAX_PER_OUTLET = 7  # conflict picks per outlet
ENGLISH = {"the", "and", "of", "to", "in", "a", "is", "that", "for", "on", "said", "was"}
# the index spells some publishers two ways (PolNeAR ids vs URLs)
SAME_OUTLET = {
    "nyt": "nytimes.com",
    "usa-today": "usatoday.com",
    "wash-post": "washingtonpost.com",
    "huff-post": "huffingtonpost.com",
}


def outlet(row: dict[str, str]) -> str:
    found = re.match(r"pn_(?:train|dev)_([^_]+)_", row["id"])
    if found:
        name = found.group(1)
    else:
        host = re.match(r"https?://([^/]+)", row["url"])
        name = (
            re.sub(r"^(www|edition|m|mobile|news|uk|us|usa|africa|money)\.", "", host.group(1))
            if host
            else "?"
        )
    return SAME_OUTLET.get(name, name)


def is_english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return len(words) > 100 and sum(w in ENGLISH for w in words) / len(words) > 0.12


def main() -> None:
    rows = list(csv.DictReader((CORPUS / "index.tsv").open(encoding="utf-8"), delimiter="\t"))
    usable = []
    for row in rows:
        text = (CORPUS / "articles" / f"{row['id']}.txt").read_text(encoding="utf-8")
        digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
        if digest == row["sha256_16"] and 150 <= int(row["words"]) <= 1400 and is_english(text):
            usable.append(row)
    per_outlet: Counter[str] = Counter()
    conflict = []
    for row in sorted(usable, key=lambda r: (-float(r["conflict_per_1000_words"]), r["id"])):
        if len(conflict) == CONFLICT_TARGET or float(row["conflict_per_1000_words"]) < 4:
            break
        if per_outlet[outlet(row)] < MAX_PER_OUTLET:
            per_outlet[outlet(row)] += 1
            conflict.append(row)
    # other news: low density, spread over outlets (round-robin by outlet, ids sorted)
    low = [r for r in usable if float(r["conflict_per_1000_words"]) < 1.0]
    by_outlet: dict[str, list[dict[str, str]]] = {}
    for row in sorted(low, key=lambda r: hashlib.sha256(r["id"].encode()).hexdigest()):
        by_outlet.setdefault(outlet(row), []).append(row)
    other: list[dict[str, str]] = []
    while len(other) < OTHER_TARGET and any(by_outlet.values()):
        for name in sorted(by_outlet):
            if by_outlet[name] and len(other) < OTHER_TARGET:
                other.append(by_outlet[name].pop(0))
    with (HERE / "selection.tsv").open("w", encoding="utf-8", newline="") as out:
        writer = csv.writer(out, delimiter="\t", lineterminator="\n")
        writer.writerow(["id", "sha256_16", "group", "outlet", "words", "conflict_per_1000_words", "title"])
        for group, picked in (("conflict", conflict), ("other", other)):
            for row in picked:
                writer.writerow(
                    [
                        row["id"],
                        row["sha256_16"],
                        group,
                        outlet(row),
                        row["words"],
                        row["conflict_per_1000_words"],
                        row["title"][:90],
                    ]
                )
    outlets = {outlet(r) for r in conflict}
    print(f"{len(conflict)} conflict articles from {len(outlets)} outlets, {len(other)} other")


if __name__ == "__main__":
    main()
