#!/usr/bin/env python3
"""Score multi-source merging against the hand-annotated events in ``corpus/multisource/``.

For each event: extract every article with the real pipeline, merge them (the first leads), map
the merged items back to the annotated facts through their evidence spans, and count

- merge pairs: two mentions of one fact (in different articles, or twice in one) should end up in
  one item; two mentions of different facts of the same card should not.  Precision and recall
  are over pairs of mentions the extractor found at all (a fact it never extracted is an
  extraction miss, reported as coverage, not a merge miss);
- conflicts: a fact annotated with ``"conflict": FIELD`` should carry an open conflict on that
  field; any conflict on an item that holds an annotated fact without one is a false alarm.

Article texts come from ``../shared/corpus/articles`` (``--corpus``); the annotations name them by
id and sha256_16 and hold short snippets only.

    PYTHONPATH=.:.shim python corpus/score_merge.py [-v] [--corpus DIR] [--event NAME]
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_CORPUS = HERE.parents[1] / "shared" / "corpus" / "articles"
if not DEFAULT_CORPUS.is_dir():
    DEFAULT_CORPUS = Path("/work/shared/corpus/articles")


def sha16(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()[:16]


def load_event(path: Path, corpus: Path):
    from briefing.extract import extract
    from briefing.ingest import load_article
    from briefing.merge import merge_briefings

    event = json.loads(path.read_text(encoding="utf-8"))
    briefings, source_of = [], {}
    for article in event["articles"]:
        file = corpus / f"{article['id']}.txt"
        if not file.is_file():
            raise SystemExit(f"{path.name}: {file} is missing (give --corpus)")
        if sha16(file) != article["sha256_16"]:
            raise SystemExit(f"{path.name}: {file.name} is not the annotated version (sha256_16 differs)")
        b = extract(load_article(file))
        source_of[article["id"]] = b.sources[0].id
        briefings.append(b)
    started = time.perf_counter()
    merged = merge_briefings(briefings)
    return event, merged, source_of, time.perf_counter() - started


def items_for(merged, card: str, source_id: str, snippet: str) -> set[str]:
    """Ids of the card's items whose evidence in that source states the snippet."""
    from briefing.merge_rules import contains_sequence, tokens

    want = tokens(snippet)
    found = set()
    for item in getattr(merged, card):
        for span in item.evidence:
            if span.source_id != source_id:
                continue
            have = tokens(merged.span_text(span))
            if card == "places":
                hit = have == want
            else:
                hit = contains_sequence(have, want) or (len(have) >= 4 and contains_sequence(want, have))
            if hit:
                found.add(item.id)
                break
    return found


def score_event(path: Path, corpus: Path, verbose: bool) -> dict:
    from briefing.merge_rules import contains_sequence, tokens

    event, merged, source_of, merge_s = load_event(path, corpus)
    texts = {s.id: s.text for s in merged.sources}
    mentions = []  # (fact id, card, article, item ids)
    for fact in event["facts"]:
        for m in fact["mentions"]:
            sid = source_of[m["article"]]
            if not contains_sequence(tokens(texts[sid]), tokens(m["snippet"])):
                print(f"  ! {path.name} {fact['id']}: snippet not in {m['article']}: {m['snippet'][:60]}")
            held = items_for(merged, fact["card"], sid, m["snippet"])
            mentions.append((fact["id"], fact["card"], m["article"], held))
    found = [m for m in mentions if m[3]]
    tp = fp = fn = 0
    for a, b in itertools.combinations(found, 2):
        if a[1] != b[1]:
            continue
        same_gold, same_pred = a[0] == b[0], bool(a[3] & b[3])
        tp += same_gold and same_pred
        fp += same_pred and not same_gold
        fn += same_gold and not same_pred
        if verbose and same_gold != same_pred:
            kind = "missed merge" if same_gold else "wrong merge"
            print(f"  {kind}: {a[0]}@{a[2]} / {b[0]}@{b[2]}")
    # conflicts: per annotated fact, the items holding its mentions
    cards = ("forces", "quotes", "outlook", "timeline", "places")
    items = {it.id: it for card in cards for it in getattr(merged, card)}
    c_tp = c_fp = c_fn = 0
    for fact in event["facts"]:
        held = set().union(*(m[3] for m in found if m[0] == fact["id"])) if found else set()
        flagged = {c.field for iid in held for c in items[iid].conflicts if c.is_open}
        want = {fact["conflict"]} if fact.get("conflict") else set()
        c_tp += len(flagged & want)
        c_fp += len(flagged - want)
        c_fn += len(want - flagged)
        if verbose and flagged != want:
            print(f"  conflict {fact['id']}: flagged {sorted(flagged)} annotated {sorted(want)}")
    return {
        "event": path.stem, "mentions": len(mentions), "found": len(found), "tp": tp, "fp": fp, "fn": fn,
        "c_tp": c_tp, "c_fp": c_fp, "c_fn": c_fn, "merge_s": merge_s, "sources": len(merged.sources),
    }


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "n/a"


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-v", "--verbose", action="store_true", help="list each miss and false alarm")
    p.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS, help="folder of the article .txt files")
    p.add_argument("--event", help="score one event (file stem) only")
    args = p.parse_args(argv)
    files = sorted((HERE / "multisource").glob("*.json"))
    if args.event:
        files = [f for f in files if f.stem == args.event]
    total = dict.fromkeys(("mentions", "found", "tp", "fp", "fn", "c_tp", "c_fp", "c_fn"), 0)
    for path in files:
        r = score_event(path, args.corpus, args.verbose)
        print(
            f"{r['event']:36s} sources {r['sources']}  found {r['found']}/{r['mentions']}  "
            f"merge P {ratio(r['tp'], r['tp'] + r['fp'])} R {ratio(r['tp'], r['tp'] + r['fn'])}  "
            f"conflicts tp {r['c_tp']} fp {r['c_fp']} fn {r['c_fn']}  merge {r['merge_s'] * 1000:.0f} ms"
        )
        for key in total:
            total[key] += r[key]
    t = total
    print(
        f"overall  events {len(files)}  mentions found {t['found']}/{t['mentions']}  "
        f"merge precision {ratio(t['tp'], t['tp'] + t['fp'])} recall {ratio(t['tp'], t['tp'] + t['fn'])} "
        f"(pairs tp {t['tp']} fp {t['fp']} fn {t['fn']})  "
        f"conflict precision {ratio(t['c_tp'], t['c_tp'] + t['c_fp'])} "
        f"recall {ratio(t['c_tp'], t['c_tp'] + t['c_fn'])} "
        f"(tp {t['c_tp']} fp {t['c_fp']} fn {t['c_fn']})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
