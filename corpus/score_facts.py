#!/usr/bin/env python3
"""Score the timeline and the key facts (where / when / why) against corpus/facts gold.

Runs the project's extraction in-process on each article a ``*.facts.json`` file names (the text
is read from ``../shared/corpus/articles/``) and compares it with the gold (``FACTS_GUIDE.md``).

    python corpus/score_facts.py                     # corpus/facts
    python corpus/score_facts.py --set corpus/facts_second -v

How each figure is counted:

- **timeline recall**: required gold events found — an extracted event whose evidence span overlaps
  the gold evidence's position in the text *and* whose date agrees at month precision (a gold
  ``YYYY`` needs the same year; a gold ``YYYY-MM[-DD]`` the same year and month).  Matching is one
  to one (one extracted event credits one gold event), required gold first.
- **timeline precision**: extracted events whose span overlaps any gold event, optional included.
- **date accuracy**: among extracted events that overlap a gold event, those whose date agrees with
  one of the gold events they overlap.
- **future violations**: extracted events dated after ``article_date`` (at the event's precision)
  that overlap no gold event dated on or after it at the gold's precision (a gold ``2015-12`` for
  "next week" in a 2015-12-04 article allows 2015-12-07; a gold ``2015-11-30`` does not).
- **where-first**: the first place of the first ``where`` key fact (text before the first comma)
  names one spelling of gold ``where[0]``; over articles whose gold ``where`` is not empty.
- **when**: the first ISO date in the ``when`` key fact agrees with gold ``when.date`` at month
  precision; over articles whose gold ``when`` is not null.
- **why contradictions**: the extracted why states a ``ruled_out`` cause (half or more of that
  cause's or its evidence's content words appear in it) with no negation word in the why.
- **why precision / recall**: an extracted why is right when half or more of the content words of
  the gold cause appear in it, or when half or more of its own content words appear in the gold
  why's evidence (it restates the clause the annotator marked).  Content words: lower-cased words
  of three or more letters not in a small stop list, compared on their first five letters so that
  "expel"/"expelled" agree.  Precision over articles with an extracted why, recall over articles
  with a gold why.
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

_STOP = frozenset(
    {
        "the",
        "and",
        "for",
        "with",
        "from",
        "that",
        "this",
        "was",
        "were",
        "are",
        "has",
        "had",
        "have",
        "been",
        "its",
        "their",
        "his",
        "her",
        "they",
        "them",
        "into",
        "over",
        "after",
        "before",
        "about",
        "than",
        "but",
        "not",
        "any",
        "all",
        "who",
        "which",
        "what",
        "when",
        "where",
        "why",
        "how",
        "also",
        "said",
        "says",
        "would",
        "will",
        "could",
        "should",
        "may",
        "might",
        "our",
        "out",
        "off",
        "one",
        "two",
    }
)
_NEGATION = re.compile(
    r"\b(?:not|no|never|none|nor|without|unfounded|denied|denies|deny|ruled out|rules out|rejected|"
    r"dismissed|false|no sign|no evidence|no indication)\b|n[’']t\b",
    re.I,
)
_ISO = re.compile(r"\b\d{4}(?:-\d{2}(?:-\d{2})?)?\b")


def content_words(text: str) -> set[str]:
    words = re.findall(r"[a-z][a-z’'-]{2,}", (text or "").lower())
    return {w[:5] for w in words if w not in _STOP}


def covers(extracted: str, gold: str, share: float = 0.5) -> bool:
    """Do ``share`` or more of ``gold``'s content words appear in ``extracted``?"""
    want = content_words(gold)
    return bool(want) and len(want & content_words(extracted)) / len(want) >= share


def dates_agree(gold: str, pred: str) -> bool:
    """Month precision: a gold year needs the year, a gold month or day needs year and month."""
    g = (gold or "")[:7]
    return bool(g) and (pred or "")[: len(g)] == g


def after(date: str, article_date: str) -> bool:
    """Is ``date`` (as precise as it is) after the article date?"""
    return bool(date) and date > article_date[: len(date)]


def not_before(date: str, article_date: str) -> bool:
    return bool(date) and date >= article_date[: len(date)]


def positions(text: str, evidence: str) -> list[tuple[int, int]]:
    out, i = [], text.find(evidence)
    while i >= 0 and evidence:
        out.append((i, i + len(evidence)))
        i = text.find(evidence, i + 1)
    return out


def overlaps(spans: list[dict], places: list[tuple[int, int]]) -> bool:
    return any(s["start"] < b and a < s["end"] for s in spans for a, b in places)


def score_timeline(gold: dict, text: str, events: list[dict]) -> dict:
    art = gold["article_date"]
    golds = [{**g, "pos": positions(text, g["evidence"])} for g in gold.get("timeline", [])]
    free = list(range(len(events)))
    found, missed = 0, []
    for g in sorted(golds, key=lambda g: not g.get("required", True)):
        hit = next(
            (
                i
                for i in free
                if overlaps(events[i]["spans"], g["pos"]) and dates_agree(g["date"], events[i]["date"])
            ),
            None,
        )
        if hit is not None:
            free.remove(hit)
        if g.get("required", True):
            if hit is None:
                missed.append(g)
            else:
                found += 1
    matched = wrong_date = 0
    extra, violations, wrong = [], [], []
    for e in events:
        over = [g for g in golds if overlaps(e["spans"], g["pos"])]
        if over:
            matched += 1
            if not any(dates_agree(g["date"], e["date"]) for g in over):
                wrong_date += 1
                wrong.append((e, over[0]))
        else:
            extra.append(e)
        if after(e["date"], art) and not any(not_before(g["date"], art) for g in over):
            violations.append(e)
    required = sum(1 for g in golds if g.get("required", True))
    return dict(
        required=required,
        found=found,
        events=len(events),
        matched=matched,
        wrong_date=wrong_date,
        violations=violations,
        missed=missed,
        extra=extra,
        wrong=wrong,
    )


def facts_of(doc: dict, label: str) -> list[str]:
    return [f.get("text") or "" for f in doc["situation"].get("key_facts", []) if f.get("label") == label]


def name_in(text: str, spelling: str) -> bool:
    return re.search(r"(?<!\w)" + re.escape(spelling.lower()) + r"(?!\w)", text.lower()) is not None


def score_facts(gold: dict, doc: dict) -> dict:
    out: dict = {}
    where = facts_of(doc, "where")
    first = where[0].split(", ")[0] if where else ""
    if gold.get("where"):
        out["where_ok"] = any(name_in(first, s) for s in gold["where"][0])
        out["where"] = where[0] if where else ""
    when = facts_of(doc, "when")
    if gold.get("when"):
        m = _ISO.search(when[0]) if when else None
        out["when_ok"] = bool(m) and dates_agree(gold["when"]["date"], m.group(0))
        out["when"] = when[0] if when else ""
    why = (facts_of(doc, "why") or [""])[0]
    out["why"] = why
    out["contradicts"] = (
        bool(why)
        and not _NEGATION.search(why)
        and any(covers(why, r["cause"]) or covers(why, r["evidence"]) for r in gold.get("ruled_out", []))
    )
    g = gold.get("why")
    out["why_gold"] = bool(g)
    out["why_right"] = bool(why and g and (covers(why, g["cause"]) or covers(g["evidence"], why)))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--set", default=str(ROOT / "corpus" / "facts"), help="folder of *.facts.json")
    ap.add_argument("--texts", default=str(ROOT.parent / "shared" / "corpus" / "articles"))
    ap.add_argument("--json", help="write the per-article results here")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every miss per article")
    args = ap.parse_args()

    from briefing.extract import extract, to_json
    from briefing.ingest import load_article

    golds = sorted(Path(args.set).glob("*.facts.json"))
    if not golds:
        print(f"no *.facts.json in {args.set}", file=sys.stderr)
        return 2
    t = dict(required=0, found=0, events=0, matched=0, wrong_date=0, violations=0)
    where_n = where_ok = when_n = when_ok = contradictions = why_pred = why_gold = why_right = 0
    results = {}
    for path in golds:
        gold = json.loads(path.read_text(encoding="utf-8"))
        src = load_article(Path(args.texts) / gold["article"])
        doc = to_json(extract(src))
        tl = score_timeline(gold, src.text, doc["timeline"])
        kf = score_facts(gold, doc)
        for k in ("required", "found", "events", "matched", "wrong_date"):
            t[k] += tl[k]
        t["violations"] += len(tl["violations"])
        where_n += "where_ok" in kf
        where_ok += kf.get("where_ok", False)
        when_n += "when_ok" in kf
        when_ok += kf.get("when_ok", False)
        contradictions += kf["contradicts"]
        why_pred += bool(kf["why"])
        why_gold += kf["why_gold"]
        why_right += kf["why_right"]
        results[gold["article"]] = {
            **{k: v for k, v in tl.items() if isinstance(v, int)},
            "violations": len(tl["violations"]),
            **kf,
        }
        if args.verbose:
            print(f"== {gold['article']}  ({gold['article_date']})")
            print(
                f"  timeline found {tl['found']}/{tl['required']}  events {tl['events']} "
                f"matched {tl['matched']} wrong-date {tl['wrong_date']} future {len(tl['violations'])}"
            )
            for g in tl["missed"]:
                print(f"    missed [{g['date']}]: {g['evidence'][:100]}")
            for e, g in tl["wrong"]:
                print(f"    wrong date {e['date']} (gold {g['date']}): {e['event'][:90]}")
            for e in tl["violations"]:
                print(f"    FUTURE {e['date']}: {e['event'][:90]}")
            for e in tl["extra"]:
                print(f"    extra [{e['date']}]: {e['event'][:90]}")
            if "where_ok" in kf and not kf["where_ok"]:
                print(f"  where {kf['where']!r}, gold first {gold['where'][0]}")
            if "when_ok" in kf and not kf["when_ok"]:
                print(f"  when {kf['when']!r}, gold {gold['when']['date']}")
            if kf["contradicts"]:
                print(f"  WHY CONTRADICTS: {kf['why']!r}")
            if kf["why"] and not kf["why_right"]:
                print(f"  why extracted, not gold: {kf['why'][:100]!r}")
            if kf["why_gold"] and not kf["why_right"]:
                print(f"  why missed: {gold['why']['cause'][:100]!r}")

    def ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    print(f"articles {len(golds)}")
    print(
        f"timeline recall {ratio(t['found'], t['required']):.2f} ({t['found']}/{t['required']}) · "
        f"precision {ratio(t['matched'], t['events']):.2f} ({t['matched']}/{t['events']}) · "
        f"date accuracy {ratio(t['matched'] - t['wrong_date'], t['matched']):.2f} · "
        f"future violations {t['violations']}"
    )
    print(
        f"where-first {ratio(where_ok, where_n):.2f} ({where_ok}/{where_n}) · "
        f"when {ratio(when_ok, when_n):.2f} ({when_ok}/{when_n})"
    )
    print(
        f"why contradictions {contradictions} · precision {ratio(why_right, why_pred):.2f} "
        f"({why_right}/{why_pred}) · recall {ratio(why_right, why_gold):.2f} ({why_right}/{why_gold})"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
