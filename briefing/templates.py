"""The template store: built-in templates shipped with the app, and the user's own.

A template is a folder: ``manifest.toml`` (what it shows and how), ``template.html.j2`` (jinja2),
``style.css`` and its assets.  The manifest is checked when the template is loaded, so a missing
field, an unknown card or a jinja2 syntax error is reported with the file and line instead of
failing mid-render.

User templates live in ``platformdirs.user_data_dir("briefing-builder")/templates/NAME/`` (so
``XDG_DATA_HOME`` moves them) and are searched after the built-ins; a user template may never
take a built-in's name, so "intelligence-brief" always means the shipped one.  Creating,
renaming and sharing user templates is in ``user_templates`` and ``template_archive``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from .errors import TemplateError
from .model import CARD_NAMES, DEFAULT_TEMPLATE, normalise_marking
from .model import TEMPLATE_NAME_RE as NAME_RE

REQUIRED_FILES = ("manifest.toml", "template.html.j2", "style.css")
#: a Word template (``kind = "docx"`` in its manifest): the .docx holds the layout and the tags
WORD_FILES = ("manifest.toml", "template.docx")
KINDS = ("html", "docx")
REQUIRED_KEYS = ("name", "title", "description", "version", "cards")
PAGE_SIZES = {"A4": "A4", "Letter": "Letter", "US Letter": "Letter"}
BOILERPLATE_KEYS = ("organisation", "distribution", "disclaimer")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")
#: what a card is called in a document and in the editor's template lists
CARD_TITLES = {
    "situation": "Situation",
    "forces": "Forces",
    "quotes": "Statements",
    "outlook": "Outlook",
    "timeline": "Timeline",
    "places": "Places",
}
_COLOUR_RE = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


@dataclass(frozen=True)
class Template:
    name: str
    folder: Path
    manifest: dict[str, Any] = field(hash=False, compare=False)
    builtin: bool = field(default=False, compare=False)

    @property
    def title(self) -> str:
        return str(self.manifest.get("title", self.name))

    @property
    def description(self) -> str:
        return str(self.manifest.get("description", ""))

    @property
    def kind(self) -> str:
        """"html" (jinja2 + CSS: PDF, HTML and the built-in Word layout) or "docx" (a Word template)."""
        return str(self.manifest.get("kind", "html"))

    @property
    def is_word(self) -> bool:
        return self.kind == "docx"

    @property
    def cards(self) -> list[str]:
        return list(self.manifest["cards"])

    @property
    def page_size(self) -> str:
        return PAGE_SIZES.get(str(self.manifest.get("page_size", "A4")), "A4")

    @property
    def default_marking(self) -> str | None:
        marking = self.manifest.get("default_marking")
        return normalise_marking(str(marking)) if marking else None

    @property
    def style(self) -> dict[str, Any]:
        return dict(self.manifest.get("style", {}))

    @property
    def boilerplate(self) -> dict[str, Any]:
        return dict(self.manifest.get("boilerplate", {}))


@dataclass(frozen=True)
class BrokenTemplate:
    """A user template folder that failed to load: listed with its error, never rendered."""

    name: str
    folder: Path
    error: str
    builtin: bool = False


def builtin_dir() -> Path:
    """The folder of built-in templates (the repository's ``templates/``, shipped as a package)."""
    return Path(str(resources.files("briefing_templates")))


def assets_dir() -> Path:
    """The app's shipped data: fonts, icons, the sample article, trained weights."""
    return Path(str(resources.files("briefing_assets")))


def user_dir() -> Path:
    """Where user templates live; read on every call so a changed ``XDG_DATA_HOME`` counts."""
    import platformdirs

    return Path(platformdirs.user_data_dir("briefing-builder")) / "templates"


def search_path() -> list[Path]:
    """Folders holding template folders, searched in order (built-ins first)."""
    return [builtin_dir(), user_dir()]


def check_name(name: str) -> str:
    """``name`` if it can be a template (and folder) name; a TemplateError saying why not."""
    if not NAME_RE.fullmatch(name or ""):
        raise TemplateError(
            f"{name!r} is not a valid template name: use 1–64 lower-case letters, digits, '-' or '_', "
            "starting with a letter or digit"
        )
    return name


# ------------------------------------------------------------------------------------ loading


def load_template(folder: Path, *, builtin: bool = False) -> Template:
    """Read and validate one template folder (files, manifest keys, jinja2 syntax).

    Which files it needs depends on the manifest's ``kind``: read first, then the files checked.
    """
    from .sandbox import read_template_file

    folder = Path(folder).resolve()  # absolute: file URIs and the fences need it ("./T" works)
    if not folder.is_dir():
        raise TemplateError(f"{folder}: not a template folder")
    _check_files(folder)
    manifest_path = folder / "manifest.toml"
    if not manifest_path.is_file():
        raise TemplateError(f"{manifest_path}: missing (a template needs {', '.join(REQUIRED_FILES)})")
    try:
        text = read_template_file(folder, "manifest.toml").decode("utf-8")
        manifest = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise TemplateError(f"{manifest_path}: {exc}") from None
    except RecursionError:
        raise TemplateError(f"{manifest_path}: nested too deeply to be a manifest") from None
    except UnicodeDecodeError as exc:
        raise TemplateError(f"{manifest_path}: could not read ({exc})") from None
    _validate(manifest, manifest_path, text)
    word = manifest.get("kind") == "docx"
    needed = WORD_FILES if word else REQUIRED_FILES
    for name in needed:
        if not (folder / name).is_file():
            raise TemplateError(f"{folder / name}: missing (a template needs {', '.join(needed)})")
    if word:
        if not builtin:  # a shipped one is checked by its tests; parsing a .docx costs ~0.2 s
            from .word_templates import check_word_template

            check_word_template(folder, str(manifest["name"]))
    else:
        _check_syntax(folder, "template.html.j2")
    return Template(name=str(manifest["name"]), folder=folder, manifest=manifest, builtin=builtin)


#: more files than any template needs; a folder with more is not scanned further
_MAX_TEMPLATE_FILES = 500


def _check_files(folder: Path) -> None:
    """Refuse a template with any link or file that leads outside its folder, or a special file.

    Why here and not only when a file is read: a template is checked once, when it is loaded or
    imported, so the user hears about a planted ``style.css -> /etc/passwd`` before any export.
    """
    import stat

    root = folder.resolve()
    for count, path in enumerate(folder.rglob("*")):
        if count > _MAX_TEMPLATE_FILES:
            raise TemplateError(f"{folder}: more than {_MAX_TEMPLATE_FILES} files; not a template folder")
        try:
            real = path.resolve()
            mode = real.stat().st_mode
        except (OSError, RuntimeError):  # a dangling or looping link
            raise TemplateError(f"{path}: a broken or looping link; refused") from None
        if not real.is_relative_to(root):
            raise TemplateError(f"{path}: points outside the template folder ({real}); refused")
        if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
            raise TemplateError(f"{path}: not a regular file; refused")


def _where(path: Path, text: str, key: str) -> str:
    """'file, line N' for the line that sets ``key`` (the last dotted part), or just the file."""
    leaf = key.rpartition(".")[2]
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*{re.escape(leaf)}\s*=", line):
            return f"{path}, line {number}"
    return str(path)


def _validate(manifest: dict[str, Any], path: Path, text: str = "") -> None:
    def fail(key: str, message: str) -> TemplateError:
        return TemplateError(f"{_where(path, text, key)}: {key!r} {message}")

    for key in REQUIRED_KEYS:
        if key not in manifest:
            raise TemplateError(f"{path}: missing key {key!r}")
    kind = manifest.get("kind", "html")
    if kind not in KINDS:
        raise fail("kind", f"must be one of {', '.join(KINDS)}, not {kind!r}")
    for key in ("name", "title", "description", "version", "author"):
        if key in manifest and not isinstance(manifest[key], str):
            raise fail(key, "must be a string")
    if not NAME_RE.fullmatch(manifest["name"]):
        raise fail("name", "must be 1–64 lower-case letters, digits, '-' or '_'")
    cards = manifest["cards"]
    if not isinstance(cards, list) or not all(isinstance(c, str) for c in cards):
        raise fail("cards", "must be a list of card names")
    for card in cards:
        if card not in CARD_NAMES:
            known = ", ".join(CARD_NAMES)
            where = _where(path, text, "cards")
            raise TemplateError(f"{where}: unknown card {card!r} in 'cards' (known: {known})")
    if len(set(cards)) != len(cards):
        raise fail("cards", "names a card twice")
    size = str(manifest.get("page_size", "A4"))
    if size not in PAGE_SIZES:
        sizes = ", ".join(PAGE_SIZES)
        raise TemplateError(f"{_where(path, text, 'page_size')}: page_size {size!r} is not one of {sizes}")
    marking = manifest.get("default_marking")
    if marking is not None:
        try:
            normalise_marking(str(marking))
        except ValueError as exc:
            raise TemplateError(f"{_where(path, text, 'default_marking')}: default_marking: {exc}") from None
    for table in ("boilerplate", "style"):
        if table in manifest and not isinstance(manifest[table], dict):
            raise fail(table, "must be a table ([" + table + "])")
    for key, value in manifest.get("boilerplate", {}).items():
        if not isinstance(value, str):
            raise fail(f"boilerplate.{key}", "must be a string")
    style = manifest.get("style", {})
    for key, value in style.items():
        if not isinstance(value, str | int | float | bool):
            raise fail(f"style.{key}", "must be a string, number or true/false")
    # style values land inside CSS: only plain colours, never free text that could close a rule
    for key, value in style.items():
        if (key == "accent" or key.endswith("_colour") or key.endswith("_color")) and not (
            isinstance(value, str) and _COLOUR_RE.fullmatch(value)
        ):
            raise fail(f"style.{key}", f"must be a colour like #1F4E79, not {value!r}")
    logo = style.get("logo")
    if logo:
        logo_path = Path(str(logo))
        kinds = ", ".join(IMAGE_SUFFIXES)
        outside = logo_path.is_absolute() or ".." in logo_path.parts
        if outside or logo_path.suffix.lower() not in IMAGE_SUFFIXES:
            raise fail("style.logo", f"must be an image file inside the template folder ({kinds})")
        if not (path.parent / logo_path).is_file():
            raise fail("style.logo", f"names {logo!r}, which is not in {path.parent}")


def _check_syntax(folder: Path, name: str) -> None:
    """Parse (not run) the jinja2 file so a syntax error surfaces on load, with its line."""
    import jinja2

    from .sandbox import read_template_file

    path = folder / name
    try:
        text = read_template_file(folder, name).decode("utf-8")
        jinja2.Environment().parse(text, filename=str(path))
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(f"{path}, line {exc.lineno}: {exc.message}") from None
    except UnicodeDecodeError as exc:
        raise TemplateError(f"{path}: could not read ({exc})") from None
    except RecursionError:
        raise TemplateError(f"{path}: nested too deeply") from None


# ------------------------------------------------------------------------------------ lookup


@cache
def _builtin_templates() -> tuple[Template, ...]:
    found = []
    for folder in sorted(builtin_dir().iterdir()):
        if folder.is_dir() and (folder / "manifest.toml").is_file():
            found.append(load_template(folder, builtin=True))
    return tuple(found)


def builtin_names() -> set[str]:
    return {t.name for t in _builtin_templates()}


def _load_user(folder: Path) -> Template | BrokenTemplate:
    """One user template folder; any problem becomes a BrokenTemplate carrying the message."""
    try:
        if folder.name in builtin_names():
            raise TemplateError(f"{folder}: a user template may not take the built-in name {folder.name!r}")
        tpl = load_template(folder)
        if tpl.name != folder.name:
            raise TemplateError(
                f"{folder / 'manifest.toml'}: name {tpl.name!r} does not match its folder {folder.name!r}"
            )
        return tpl
    except TemplateError as exc:
        return BrokenTemplate(name=folder.name, folder=folder, error=str(exc))


def scan_templates() -> list[Template | BrokenTemplate]:
    """Every template folder, built-ins first, broken user templates included (for the manager)."""
    found: list[Template | BrokenTemplate] = list(_builtin_templates())
    root = user_dir()
    if root.is_dir():
        for folder in sorted(root.iterdir()):
            if folder.is_dir() and not folder.name.startswith(".") and not folder.is_symlink():
                found.append(_load_user(folder))
    return found


def list_templates() -> list[Template]:
    """Every usable template: built-ins first, then the user's, one per name."""
    return [t for t in scan_templates() if isinstance(t, Template)]


def get_template(name: str | None) -> Template:
    """The template called ``name`` (None → the default); unknown names list what exists.

    Names only: a path here would let a briefing file pick any folder as its template.  A folder
    the user names on purpose goes through :func:`template_from_path`.
    """
    name = name or DEFAULT_TEMPLATE
    for t in _builtin_templates():
        if t.name == name:
            return t
    if NAME_RE.fullmatch(name):
        folder = user_dir() / name
        if folder.is_dir():
            found = _load_user(folder)
            if isinstance(found, BrokenTemplate):
                raise TemplateError(found.error)
            return found
    available = ", ".join(t.name for t in list_templates())
    raise TemplateError(f"no template named {name!r} (available: {available})")


def template_from_path(spec: str) -> Template:
    """``--template``: a template name, or a folder given by path ("./T", "/home/me/T").

    A name wins over a folder of the same name in the current directory.
    """
    named = NAME_RE.fullmatch(spec) is not None
    if named and (any(t.name == spec for t in _builtin_templates()) or (user_dir() / spec).is_dir()):
        return get_template(spec)
    folder = Path(spec).expanduser()
    if not folder.is_dir():
        return get_template(spec)  # the usual "no template named … (available: …)"
    return load_template(folder)


# ------------------------------------------------------------------------------------ writing


def dump_manifest(manifest: dict[str, Any]) -> str:
    """TOML for a manifest (scalars, lists of scalars, one level of tables): no extra dependency."""

    def value(v: Any) -> str:
        if isinstance(v, bool):
            return "true" if v else "false"
        if isinstance(v, int | float):
            return repr(v)
        if isinstance(v, list):
            return "[" + ", ".join(value(x) for x in v) + "]"
        text = str(v).replace("\\", "\\\\").replace('"', '\\"')
        text = text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")
        return f'"{text}"'

    def key(k: str) -> str:
        return k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else value(k)

    top = [f"{key(k)} = {value(v)}" for k, v in manifest.items() if not isinstance(v, dict)]
    tables = [
        f"\n[{key(k)}]\n" + "\n".join(f"{key(name)} = {value(x)}" for name, x in v.items())
        for k, v in manifest.items()
        if isinstance(v, dict)
    ]
    return "\n".join(top) + "\n" + "\n".join(tables) + "\n"
