"""Trained linear classifiers, shipped as small JSON weight files and read without scikit-learn.

Why JSON and not a pickle: a pickle runs code when it loads, ties the app to the exact
scikit-learn version that wrote it, and cannot be diffed.  A logistic regression is a weight per
feature name plus a bias, so the file holds exactly that, with the decision threshold chosen in
training and a note of what it was trained on.  ``briefing.training`` writes these files; this module
only reads them, once per process and only when a card first needs them.

``BRIEFING_MODEL_DIR`` points the loader at another folder: cross-validation trains a model per
fold and scores the held-out articles with it, through the same ``briefing extract`` command.
"""

from __future__ import annotations

import json
import math
import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ExtractError

_lock = threading.Lock()
_loaded: dict[tuple[str, str], LinearModel] = {}


def model_dir() -> Path:
    """Where the weights are read from: ``$BRIEFING_MODEL_DIR`` or the shipped ``assets/models``."""
    override = os.environ.get("BRIEFING_MODEL_DIR")
    if override:
        return Path(override)
    from ..templates import assets_dir

    return assets_dir() / "models"


@dataclass(frozen=True)
class LinearModel:
    """A binary logistic model over named features: ``p = σ(bias + Σ wᵢ·xᵢ)``."""

    name: str
    weights: dict[str, float]
    bias: float
    threshold: float = 0.5
    meta: dict = field(default_factory=dict)

    def probability(self, features: dict[str, float]) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        if z < -60:  # keep exp() in range on absurd inputs
            return 0.0
        return 1.0 / (1.0 + math.exp(-z))

    def accepts(self, features: dict[str, float]) -> bool:
        return self.probability(features) >= self.threshold

    def to_json(self) -> dict:
        return {
            "name": self.name,
            "bias": self.bias,
            "threshold": self.threshold,
            "meta": self.meta,
            # sorted so the same training run writes byte-identical files
            "weights": dict(sorted(self.weights.items())),
        }

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        try:
            weights = {str(k): float(v) for k, v in data["weights"].items()}
            return cls(
                name=str(data["name"]),
                weights=weights,
                bias=float(data["bias"]),
                threshold=float(data.get("threshold", 0.5)),
                meta=dict(data.get("meta") or {}),
            )
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ExtractError(f"model file {data.get('name', '?')!r} is malformed: {exc}") from exc


def load(name: str) -> LinearModel:
    """The model ``name`` (``outlook``, ``forces``), loaded once per process and folder."""
    folder = model_dir()
    key = (str(folder), name)
    model = _loaded.get(key)
    if model is None:
        with _lock:
            model = _loaded.get(key)
            if model is None:
                path = folder / f"{name}.json"
                try:
                    data = json.loads(path.read_text(encoding="utf-8"))
                except OSError as exc:
                    raise ExtractError(f"trained model missing: {path} (run `make train`)") from exc
                except json.JSONDecodeError as exc:
                    raise ExtractError(f"trained model {path} is not valid JSON: {exc}") from exc
                model = LinearModel.from_json(data)
                _loaded[key] = model
    return model


def save(model: LinearModel, folder: Path) -> Path:
    """Write ``model`` as ``folder/NAME.json`` (compact, sorted, rounded: small and reproducible)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{model.name}.json"
    data = model.to_json()
    data["weights"] = {k: round(v, 5) for k, v in data["weights"].items() if abs(v) >= 1e-5}
    data["bias"] = round(data["bias"], 6)
    data["threshold"] = round(data["threshold"], 4)
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return path
