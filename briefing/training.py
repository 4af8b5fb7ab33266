"""Train the outlook and forces classifiers from the annotated corpus: ``make train``.

Reads the gold files in ``corpus/gold/`` (our annotations, see ``corpus/README.md``) and the
article texts they name in ``../shared/corpus/articles/`` (never copied into the repository),
turns every sentence (outlook) and every (sentence, actor) candidate (forces) into the same
features extraction uses, labels them by matching the gold the way ``../shared/eval/score.py``
matches predictions, and fits an L2 logistic regression per card.  The decision threshold is the
one that maximises F1 on out-of-fold predictions within the training articles, so it is chosen
without looking at anything held out.  Writes ``assets/models/{outlook,forces}.json``.

Deterministic: articles are processed in sorted order, folds are a function of the article id,
and L-BFGS has no random state, so the same corpus gives byte-identical weight files.
scikit-learn is needed here only (``pip install -e .[train]``); the app reads the JSON.
"""

from __future__ import annotations

import argparse
import difflib
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from .extract.linear import LinearModel, save

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_GOLD = ROOT / "corpus" / "gold"
DEFAULT_TEXTS = ROOT.parent / "shared" / "corpus" / "articles"
DEFAULT_OUT = ROOT / "assets" / "models"
C_BY_MODEL = {"outlook": 0.5, "forces": 0.5}
INNER_FOLDS = 5
MAX_EVIDENCE_CHARS = 600

# ------------------------------------------------------------------ matching, as the scorer does

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def norm(text: str | None) -> str:
    text = (text or "").translate(_QUOTES).lower()
    return re.sub(r"\s+", " ", text).strip().strip(" \"'.,;:!?")


def has_word(haystack: str, needle: str) -> bool:
    needle = norm(needle)
    return (
        bool(needle) and re.search(r"(?<![\w])" + re.escape(needle) + r"(?![\w])", norm(haystack)) is not None
    )


def same_sentence(evidence: str, sentence: str) -> bool:
    e, s = norm(evidence), norm(sentence)
    if len(e) < 12 or len(e) > MAX_EVIDENCE_CHARS:
        return False
    return e in s or s in e or difflib.SequenceMatcher(None, e, s).ratio() >= 0.8


def label(matches: list[dict]) -> int | None:
    """1 for a required gold match, None (left out of training) for optional only, else 0."""
    if any(g.get("required", True) for g in matches):
        return 1
    return None if matches else 0


# ------------------------------------------------------------------ examples


@dataclass
class Article:
    gold_path: Path
    gold: dict
    article_id: str
    article_path: Path
    outlook: list[tuple[dict[str, float], int]]
    forces: list[tuple[dict[str, float], int]]


def load_gold(paths: list[Path], texts: Path) -> list[tuple[Path, dict, Path]]:
    out = []
    for path in sorted(paths):
        gold = json.loads(path.read_text(encoding="utf-8"))
        article = path.parent / gold["article"]
        if not article.exists():
            article = texts / gold["article"]
        want = gold.get("sha256_16")
        if want and hashlib.sha256(article.read_bytes()).hexdigest()[:16] != want:
            raise SystemExit(f"{article}: text differs from the one annotated (sha256_16 {want})")
        out.append((path, gold, article))
    return out


def article_examples(path: Path, gold: dict, article: Path) -> Article:
    """Featurise one article and label its sentences and candidates against its gold."""
    from .extract import nlp
    from .extract.force_candidates import featurized
    from .extract.outlook import candidate_sentences
    from .ingest import load_article

    source = load_article(article)
    doc = nlp.parse(source.text)
    text = source.text
    outlook = []
    for sent, feats in candidate_sentences(doc, source):
        body = text[sent.start : sent.end]
        y = label([g for g in gold.get("outlook", []) if same_sentence(body, g["sentence"])])
        if y is not None:
            outlook.append((feats, y))
    forces = []
    for cand in featurized(doc, source):
        body = text[cand.sent.start : cand.sent.end]
        hits = [
            g
            for g in gold.get("forces", [])
            if same_sentence(body, g["sentence"]) and any(has_word(cand.actor, a) for a in g["actor"])
        ]
        y = label(hits)
        if y is not None:
            forces.append((cand.features, y))
    return Article(path, gold, article.stem, article, outlook, forces)


def fold_of(article_id: str, folds: int) -> int:
    """A stable fold number from the article id (no random state to carry around)."""
    return int(hashlib.sha256(article_id.encode()).hexdigest(), 16) % folds


# ------------------------------------------------------------------ fitting


def _fit(examples: list[tuple[dict[str, float], int]], c: float):
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([f for f, _ in examples])
    y = [label for _, label in examples]
    clf = LogisticRegression(C=c, solver="lbfgs", max_iter=2000)
    clf.fit(x, y)
    return vec, clf


def _best_threshold(scored: list[tuple[float, int]]) -> float:
    """The probability cut that maximises F1 over (probability, label) pairs."""
    best, best_f1 = 0.5, -1.0
    positives = sum(y for _, y in scored)
    for cut in [i / 100 for i in range(10, 91)]:
        tp = sum(1 for p, y in scored if p >= cut and y)
        fp = sum(1 for p, y in scored if p >= cut and not y)
        f1 = 2 * tp / (2 * tp + fp + (positives - tp)) if positives else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = cut, f1
    return best


def train_model(name: str, articles: list[Article], c: float | None = None) -> LinearModel:
    """Fit the ``name`` model on ``articles`` with an out-of-fold threshold."""
    c = C_BY_MODEL[name] if c is None else c
    per_article = [(a.article_id, getattr(a, name)) for a in articles]
    scored: list[tuple[float, int]] = []
    for k in range(INNER_FOLDS):
        train = [ex for aid, exs in per_article if fold_of(aid + "#inner", INNER_FOLDS) != k for ex in exs]
        held = [ex for aid, exs in per_article if fold_of(aid + "#inner", INNER_FOLDS) == k for ex in exs]
        if not held or len({y for _, y in train}) < 2:
            continue
        vec, clf = _fit(train, c)
        probs = clf.predict_proba(vec.transform([f for f, _ in held]))[:, 1]
        scored.extend(zip(probs.tolist(), [y for _, y in held], strict=True))
    everything = [ex for _, exs in per_article for ex in exs]
    vec, clf = _fit(everything, c)
    weights = dict(zip(vec.get_feature_names_out().tolist(), clf.coef_[0].tolist(), strict=True))
    return LinearModel(
        name=name,
        weights=weights,
        bias=float(clf.intercept_[0]),
        threshold=_best_threshold(scored) if scored else 0.5,
        meta={
            "articles": len(articles),
            "examples": len(everything),
            "positives": sum(y for _, y in everything),
            "C": c,
            "trained_on": hashlib.sha256(
                "\n".join(sorted(a.article_id for a in articles)).encode()
            ).hexdigest()[:16],
        },
    )


def build_examples(gold_paths: list[Path], texts: Path = DEFAULT_TEXTS) -> list[Article]:
    return [article_examples(p, g, a) for p, g, a in load_gold(gold_paths, texts)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="briefing-train", description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, default=DEFAULT_GOLD, help="folder of *.gold.json")
    ap.add_argument("--texts", type=Path, default=DEFAULT_TEXTS, help="folder of the article texts")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write outlook.json, forces.json")
    args = ap.parse_args(argv)
    paths = sorted(args.gold.glob("*.gold.json"))
    if not paths:
        print(f"no *.gold.json in {args.gold}", file=sys.stderr)
        return 2
    articles = build_examples(paths, args.texts)
    for name in ("outlook", "forces"):
        model = train_model(name, articles)
        path = save(model, args.out)
        meta = model.meta
        print(
            f"{name}: {meta['articles']} articles, {meta['examples']} examples "
            f"({meta['positives']} positive), {len(model.weights)} features, "
            f"threshold {model.threshold:.2f} → {path}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
