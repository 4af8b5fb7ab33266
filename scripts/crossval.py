"""Article-level k-fold cross-validation of the trained cards on our annotated corpus.

For each fold: train outlook and forces on the other folds' articles (``briefing.training``, the
same code as ``make train``), write the weights to a folder of their own, and score the held-out
articles with ``../shared/eval/score.py``'s own ``score_article`` on the JSON that ``briefing
extract`` prints.  Prints per-fold and mean figures; asserts nothing.

    .venv/bin/python scripts/crossval.py              # 5 folds, in process (about 3 minutes)
    .venv/bin/python scripts/crossval.py --score-py   # each fold through score.py and the CLI
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT.parent / "shared" / "eval"
sys.path.insert(0, str(ROOT))

from briefing import training  # noqa: E402
from briefing.extract.linear import save  # noqa: E402


def scorer():
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def summary(score, results: list[dict]) -> dict[str, float]:
    """The scorer's figures over a list of per-article results (its own formulas)."""
    tot = {k: {"tp": 0, "fp": 0, "fn": 0} for k in ("quotes", "forces", "outlook")}
    attributed = quote_gold = s_ok = s_gold = covered = groups = 0
    for res in results:
        for k in tot:
            for m in ("tp", "fp", "fn"):
                tot[k][m] += res[k][m]
        attributed += res["quotes"]["attributed"]
        quote_gold += res["quotes"]["gold"]
        s_ok += res["forces"]["strength_ok"]
        s_gold += res["forces"]["strength_gold"]
        covered += res["situation"]["covered"]
        groups += res["situation"]["groups"]
    out = {f"{k}F1": score.f1(**v)[2] for k, v in tot.items()}
    out |= {f"{k}P": score.f1(**v)[0] for k, v in tot.items()} | {
        f"{k}R": score.f1(**v)[1] for k, v in tot.items()
    }
    out["attribution"] = attributed / quote_gold if quote_gold else 1.0
    out["strength"] = s_ok / s_gold if s_gold else 1.0
    out["situation"] = covered / groups if groups else 1.0
    return out


def train_fold(articles, folds: int, k: int, folder: Path) -> list:
    """Train both models on every fold but ``k`` into ``folder``; return fold ``k``'s articles."""
    train = [a for a in articles if training.fold_of(a.article_id, folds) != k]
    for name in ("outlook", "forces"):
        save(training.train_model(name, train), folder)
    return [a for a in articles if training.fold_of(a.article_id, folds) == k]


def in_process(articles, folds: int, model_root: Path) -> list[list[dict]]:
    from briefing.extract import extract, to_json
    from briefing.ingest import load_article

    score = scorer()
    per_fold = []
    for k in range(folds):
        folder = model_root / f"fold{k}"
        held = train_fold(articles, folds, k, folder)
        os.environ["BRIEFING_MODEL_DIR"] = str(folder)
        results = []
        for a in held:
            doc = json.loads(json.dumps(to_json(extract(load_article(a.article_path))), default=str))
            results.append(score.score_article(a.gold, doc))
        per_fold.append(results)
    return per_fold


def with_score_py(articles, folds: int, model_root: Path) -> None:
    briefing_cmd = str(ROOT / ".venv" / "bin" / "briefing")
    for k in range(folds):
        folder = model_root / f"fold{k}"
        held = train_fold(articles, folds, k, folder)
        gold_dir = model_root / f"gold{k}"
        gold_dir.mkdir()
        for a in held:
            shutil.copy(a.gold_path, gold_dir / a.gold_path.name)
        cmd = f"env BRIEFING_MODEL_DIR={folder} {briefing_cmd} extract {{article}} --format json"
        proc = subprocess.run(
            [sys.executable, str(EVAL / "score.py"), "--set", str(gold_dir), "--cmd", cmd],
            capture_output=True,
            text=True,
            check=False,
        )
        print(f"fold {k} ({len(held)} articles): {proc.stdout.strip().splitlines()[-1]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--gold", type=Path, default=training.DEFAULT_GOLD)
    ap.add_argument("--score-py", action="store_true", help="score each fold with score.py through the CLI")
    ap.add_argument("--json", type=Path, help="write per-article results here")
    args = ap.parse_args()
    articles = training.build_examples(sorted(args.gold.glob("*.gold.json")))
    with tempfile.TemporaryDirectory(prefix="briefing-cv-") as tmp:
        if args.score_py:
            with_score_py(articles, args.folds, Path(tmp))
            return 0
        per_fold = in_process(articles, args.folds, Path(tmp))
    score = scorer()
    keys = ("quotesF1", "attribution", "forcesF1", "strength", "outlookF1", "situation")
    figures = []
    for k, results in enumerate(per_fold):
        fig = summary(score, results)
        figures.append(fig)
        print(
            f"fold {k} ({len(results):3d} articles): "
            + " ".join(f"{key} {fig[key]:.2f}" for key in keys)
            + f"  (forces P {fig['forcesP']:.2f} R {fig['forcesR']:.2f}, outlook P {fig['outlookP']:.2f}"
            f" R {fig['outlookR']:.2f})"
        )
    mean = {key: statistics.mean(f[key] for f in figures) for key in figures[0]}
    pooled = summary(score, [r for results in per_fold for r in results])
    print("mean of folds:        " + " ".join(f"{key} {mean[key]:.2f}" for key in keys))
    print(
        "pooled:               "
        + " ".join(f"{key} {pooled[key]:.2f}" for key in keys)
        + f"  (forces P {pooled['forcesP']:.2f} R {pooled['forcesR']:.2f}, outlook P {pooled['outlookP']:.2f}"
        f" R {pooled['outlookR']:.2f})"
    )
    if args.json:
        args.json.write_text(json.dumps(per_fold, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
