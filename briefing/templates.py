"""The template store: built-in templates shipped with the app, validated on load.

A template is a folder: ``manifest.toml`` (what it shows and how), ``template.html.j2`` (jinja2),
``style.css`` and its assets.  The manifest is checked when the template is loaded, so a missing
field or an unknown card is reported with the file and key instead of failing mid-render.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import TemplateError
from .model import CARD_NAMES, normalise_marking

DEFAULT_TEMPLATE = "intelligence-brief"
REQUIRED_FILES = ("manifest.toml", "template.html.j2", "style.css")
REQUIRED_KEYS = ("name", "title", "description", "version", "cards")
PAGE_SIZES = {"A4": "A4", "Letter": "Letter", "US Letter": "Letter"}


@dataclass(frozen=True)
class Template:
    name: str
    folder: Path
    manifest: dict[str, Any] = field(hash=False, compare=False)

    @property
    def title(self) -> str:
        return str(self.manifest.get("title", self.name))

    @property
    def cards(self) -> list[str]:
        return list(self.manifest["cards"])

    @property
    def page_size(self) -> str:
        return PAGE_SIZES.get(str(self.manifest.get("page_size", "A4")), "A4")

    @property
    def style(self) -> dict[str, Any]:
        return dict(self.manifest.get("style", {}))

    @property
    def boilerplate(self) -> dict[str, Any]:
        return dict(self.manifest.get("boilerplate", {}))


def builtin_dir() -> Path:
    """The folder of built-in templates (the repository's ``templates/``, shipped as a package)."""
    return Path(str(resources.files("briefing_templates")))


def search_path() -> list[Path]:
    """Folders holding template folders, searched in order (built-ins first)."""
    return [builtin_dir()]


def load_template(folder: Path) -> Template:
    """Read and validate one template folder."""
    folder = Path(folder)
    for name in REQUIRED_FILES:
        if not (folder / name).is_file():
            raise TemplateError(f"{folder / name}: missing (a template needs {', '.join(REQUIRED_FILES)})")
    manifest_path = folder / "manifest.toml"
    try:
        manifest = tomllib.loads(manifest_path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{manifest_path}: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise TemplateError(f"{manifest_path}: could not read ({exc})") from None
    _validate(manifest, manifest_path)
    return Template(name=str(manifest["name"]), folder=folder, manifest=manifest)


def _validate(manifest: dict[str, Any], path: Path) -> None:
    for key in REQUIRED_KEYS:
        if key not in manifest:
            raise TemplateError(f"{path}: missing key {key!r}")
    cards = manifest["cards"]
    if not isinstance(cards, list) or not all(isinstance(c, str) for c in cards):
        raise TemplateError(f"{path}: 'cards' must be a list of card names")
    for card in cards:
        if card not in CARD_NAMES:
            raise TemplateError(f"{path}: unknown card {card!r} in 'cards' (known: {', '.join(CARD_NAMES)})")
    size = str(manifest.get("page_size", "A4"))
    if size not in PAGE_SIZES:
        raise TemplateError(f"{path}: page_size {size!r} is not one of {', '.join(PAGE_SIZES)}")
    marking = manifest.get("default_marking")
    if marking is not None:
        try:
            normalise_marking(str(marking))
        except ValueError as exc:
            raise TemplateError(f"{path}: default_marking: {exc}") from None
    for table in ("boilerplate", "style"):
        if table in manifest and not isinstance(manifest[table], dict):
            raise TemplateError(f"{path}: [{table}] must be a table")


@cache
def _builtin_templates() -> tuple[Template, ...]:
    found = []
    for folder in sorted(builtin_dir().iterdir()):
        if folder.is_dir() and (folder / "manifest.toml").is_file():
            found.append(load_template(folder))
    return tuple(found)


def list_templates() -> list[Template]:
    """Every available template, built-ins first, one per name."""
    seen: dict[str, Template] = {}
    for t in _builtin_templates():
        seen.setdefault(t.name, t)
    return list(seen.values())


def get_template(name: str | None) -> Template:
    """The template called ``name`` (None → the default); unknown names list what exists."""
    name = name or DEFAULT_TEMPLATE
    for t in list_templates():
        if t.name == name:
            return t
    folder = Path(name)
    if folder.is_dir() and (folder / "manifest.toml").is_file():  # a template folder given by path
        return load_template(folder)
    available = ", ".join(t.name for t in list_templates())
    raise TemplateError(f"no template named {name!r} (available: {available})")
