"""Inter-annotator agreement on the doubly annotated articles, and folding in the second annotation.

Each annotation is scored against the other with ``../shared/eval/score.py``'s own
``score_article``, in both directions: annotation B's *required* entries play the extractor's
output (quotes with B's first speaker alias, forces with B's first actor alias, outlook items,
and a bottom line made of B's first two aliases per must-mention group) and A is the gold, then
the other way round.  Prints per-card F1 both ways.

``--fold`` then adds to each ``gold/`` file, as optional (``"required": false``), every entry of
the second annotation that the first has no entry for, so that an extractor which finds what
either annotator found is not penalised for it.

    python corpus/agreement.py [--fold]
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import statistics
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVAL = HERE.parent.parent / "shared" / "eval"
FOLDED = "second annotator"  # the "from" mark of an entry folded in from corpus/second/


def scorer():
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def as_prediction(gold: dict, strict: bool = False) -> dict:
    """An annotation dressed as extractor output (required entries only, or all when strict)."""

    def req(entry: dict) -> bool:
        return strict or entry.get("required", True)

    groups = gold.get("situation", {}).get("must_mention", [])
    return {
        "situation": {"bluf": " ".join(a for g in groups for a in g[:2])},
        "quotes": [
            {
                "text": q["text"],
                "speaker": (q.get("speaker") or [""])[0] if q.get("speaker") else "",
                "kind": "direct",
            }
            for q in gold.get("quotes", [])
            if req(q)
        ],
        "forces": [
            {"actor": f["actor"][0], "strength": f.get("strength"), "evidence": {"text": f["sentence"]}}
            for f in gold.get("forces", [])
            if req(f)
        ],
        "outlook": [{"evidence": {"text": o["sentence"]}} for o in gold.get("outlook", []) if req(o)],
    }


def all_required(gold: dict) -> dict:
    """The annotation with every entry required: agreement on what is an item at all."""
    out = dict(gold)
    for key in ("quotes", "forces", "outlook"):
        out[key] = [{**e, "required": True} for e in gold.get(key, [])]
    return out


def figures(score, pairs: list[tuple[dict, dict]], strict: bool = False) -> dict[str, float]:
    tot = {k: {"tp": 0, "fp": 0, "fn": 0} for k in ("quotes", "forces", "outlook")}
    covered = groups = attributed = quote_gold = 0
    for gold, other in pairs:
        if strict:
            gold = all_required(gold)
        res = score.score_article(gold, as_prediction(other, strict))
        for k in tot:
            for m in ("tp", "fp", "fn"):
                tot[k][m] += res[k][m]
        covered += res["situation"]["covered"]
        groups += res["situation"]["groups"]
        attributed += res["quotes"]["attributed"]
        quote_gold += res["quotes"]["gold"]
    out = {k: score.f1(**v)[2] for k, v in tot.items()}
    out["attribution"] = attributed / quote_gold if quote_gold else 1.0
    out["situation"] = covered / groups if groups else 1.0
    return out


def unfolded(gold: dict) -> dict:
    """The first annotator's own entries (without those folded in from the second)."""
    out = dict(gold)
    for key in ("quotes", "forces", "outlook"):
        out[key] = [e for e in gold.get(key, []) if e.get("from") != FOLDED]
    return out


def fold(score, first: dict, second: dict) -> int:
    """Add the second annotator's unmatched entries to ``first`` as optional ones."""
    added = 0
    for q in second.get("quotes", []):
        if not any(score.same_text(q["text"], g["text"]) for g in first.get("quotes", [])):
            first.setdefault("quotes", []).append({**q, "required": False, "from": FOLDED})
            added += 1
    for f in second.get("forces", []):
        if not any(
            score.norm(f["sentence"]) == score.norm(g["sentence"])
            and any(score.has_word(f["actor"][0], a) or score.has_word(a, f["actor"][0]) for a in g["actor"])
            for g in first.get("forces", [])
        ):
            first.setdefault("forces", []).append({**f, "required": False, "from": FOLDED})
            added += 1
    for o in second.get("outlook", []):
        if not any(score.norm(o["sentence"]) == score.norm(g["sentence"]) for g in first.get("outlook", [])):
            first.setdefault("outlook", []).append({**o, "required": False, "from": FOLDED})
            added += 1
    return added


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--fold", action="store_true", help="fold the second annotations into gold/ as optional")
    args = ap.parse_args()
    score = scorer()
    pairs = []
    for second_path in sorted((HERE / "second").glob("*.gold.json")):
        first_path = HERE / "gold" / second_path.name
        pairs.append(
            (
                first_path,
                unfolded(json.loads(first_path.read_text(encoding="utf-8"))),
                json.loads(second_path.read_text(encoding="utf-8")),
            )
        )
    a_vs_b = figures(score, [(a, b) for _, a, b in pairs])
    b_vs_a = figures(score, [(b, a) for _, a, b in pairs])
    print(f"{len(pairs)} articles annotated twice")
    for name, figs in (("first as gold, second scored", a_vs_b), ("second as gold, first scored", b_vs_a)):
        print(f"{name:30s} " + " ".join(f"{k} {v:.2f}" for k, v in figs.items()))
    mean = {k: statistics.mean((a_vs_b[k], b_vs_a[k])) for k in a_vs_b}
    print(f"{'mean of both directions':30s} " + " ".join(f"{k} {v:.2f}" for k, v in mean.items()))
    strict = figures(score, [(a, b) for _, a, b in pairs], strict=True)
    print(f"{'strict (optional = required)':30s} " + " ".join(f"{k} {v:.2f}" for k, v in strict.items()))
    if args.fold:
        total = 0
        for path, _, second in pairs:
            first = json.loads(path.read_text(encoding="utf-8"))
            if first.get("folded_second"):
                continue
            added = fold(score, first, second)
            first["folded_second"] = added
            path.write_text(json.dumps(first, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
            total += added
        print(f"folded {total} entries of the second annotator in as optional")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
