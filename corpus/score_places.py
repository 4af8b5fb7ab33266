#!/usr/bin/env python3
"""Score the places card against corpus/places gold (``PLACES_GUIDE.md``).

Parses each article the gold names (text from ``../shared/corpus/articles/``) and runs the places
extractor only (the other cards do not feed it), then compares:

- **precision**: extracted places whose name matches a gold place, required or optional, by its
  name or one of its aliases (case, "the" and a possessive "'s" ignored);
- **recall**: required gold places matched by an extracted place;
- **country accuracy**: among matched places, those whose ``country_code`` equals the gold's
  (a gold "" — a sea, a continent — wants "");
- **kind accuracy** and **placed** (has coordinates) are printed for information.

    python corpus/score_places.py            # corpus/places
    python corpus/score_places.py -v         # every miss and false place, per article
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from a checkout without installing it
    sys.path.insert(0, str(ROOT))


def norm(name: str) -> str:
    name = re.sub(r"[’']s$", "", name.strip())
    name = re.sub(r"^the\s+", "", name, flags=re.I)
    return " ".join(name.replace(".", "").lower().split())


def score_article(gold: dict, places: list, text: str = "") -> dict:
    keys = []
    for g in gold["places"]:
        keys.append({norm(g["name"]), *(norm(a) for a in g.get("aliases", []))})
    matched_gold: set[int] = set()
    out = {"tp": 0, "fp": [], "country_ok": 0, "country_wrong": [], "kind_ok": 0, "placed": 0}
    for p in places:
        # the card's name may be canonical ("United States" for "America"): its spans count too
        names = {norm(p.name)} | {norm(text[s.start : s.end]) for s in p.evidence if text}
        hit = next((i for i, k in enumerate(keys) if names & k), None)
        if hit is None:
            out["fp"].append(p.name)
            continue
        out["tp"] += 1
        matched_gold.add(hit)
        g = gold["places"][hit]
        if p.country_code == g["country"]:
            out["country_ok"] += 1
        else:
            out["country_wrong"].append(f"{p.name} {p.country_code or '-'} (gold {g['country'] or '-'})")
        out["kind_ok"] += p.kind == g["kind"]
        out["placed"] += p.lat is not None
    required = [i for i, g in enumerate(gold["places"]) if g.get("required", True)]
    out["required"] = len(required)
    out["found"] = sum(i in matched_gold for i in required)
    out["missed"] = [gold["places"][i]["name"] for i in required if i not in matched_gold]
    out["predicted"] = len(places)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default=str(ROOT / "corpus" / "places"), help="folder of <id>.json")
    ap.add_argument("--texts", default=str(ROOT.parent / "shared" / "corpus" / "articles"))
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    from briefing.extract import nlp
    from briefing.extract.places import extract_places
    from briefing.ingest import load_article

    golds = sorted(Path(args.set).glob("*.json"))
    if not golds:
        print(f"no gold in {args.set}", file=sys.stderr)
        return 2
    tot = dict(tp=0, predicted=0, required=0, found=0, country_ok=0, kind_ok=0, placed=0)
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        src = load_article(Path(args.texts) / gold["article"])
        places = extract_places(nlp.parse(src.text), src)
        r = score_article(gold, places, src.text)
        for k in tot:
            tot[k] += r[k]
        if args.verbose and (r["fp"] or r["missed"] or r["country_wrong"]):
            print(f"== {gold['article']}")
            for label, key in (("missed", "missed"), ("false", "fp"), ("country", "country_wrong")):
                if r[key]:
                    print(f"  {label}: {', '.join(r[key])}")
    p = tot["tp"] / tot["predicted"] if tot["predicted"] else 0.0
    rec = tot["found"] / tot["required"] if tot["required"] else 0.0
    cacc = tot["country_ok"] / tot["tp"] if tot["tp"] else 0.0
    kacc = tot["kind_ok"] / tot["tp"] if tot["tp"] else 0.0
    placed = tot["placed"] / tot["tp"] if tot["tp"] else 0.0
    print(f"articles {len(golds)}  predicted {tot['predicted']}  required gold {tot['required']}")
    print(f"precision {p:.3f}  recall {rec:.3f}  country accuracy {cacc:.3f}")
    print(f"kind accuracy {kacc:.3f}  placed (has coordinates) {placed:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
