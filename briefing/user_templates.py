"""User templates: save a briefing's choices as a template, apply one, rename, duplicate, delete.

Every write goes through a staging folder inside the templates root that is renamed into place
only when complete and valid, so a crash or a refusal never leaves a half-written template where
the store would list it (staging folders start with a dot and are skipped).  Built-ins are
read-only: they can be duplicated into a user template, never changed.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from .errors import TemplateError
from .model import Briefing, KeyFact, OutlookItem, Quote, Source
from .templates import (
    BOILERPLATE_KEYS,
    IMAGE_SUFFIXES,
    Template,
    _validate,
    builtin_names,
    check_name,
    dump_manifest,
    get_template,
    load_template,
    user_dir,
)

#: the file kinds a template may hold (and an archive may carry)
ALLOWED_SUFFIXES = (
    ".toml", ".j2", ".html", ".css", ".png", ".jpg", ".jpeg", ".svg",
    ".woff", ".woff2", ".ttf", ".otf", ".txt", ".md", ".docx",
)  # fmt: skip


# ------------------------------------------------------------------------------------ staging


@contextmanager
def staging(prefix: str = ".new-") -> Iterator[Path]:
    """A fresh hidden folder in the templates root, removed again unless it was installed.

    Also removes the templates root (and its parents) if this call created them and they stay empty, so a
    refused import leaves no trace at all.
    """
    root = user_dir()
    created = [p for p in (root, *root.parents) if not p.exists()]  # deepest first
    root.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=prefix, dir=root))
    try:
        yield folder
    finally:
        if folder.exists():
            shutil.rmtree(folder, ignore_errors=True)
        for path in created:
            with contextlib.suppress(OSError):
                path.rmdir()  # only succeeds when nothing was installed


def check_free(name: str) -> None:
    """Refuse a name that is not valid, belongs to a built-in, or is taken by a user template."""
    check_name(name)
    if name in builtin_names():
        raise TemplateError(f"{name!r} is a built-in template name: choose another name")
    if (user_dir() / name).exists():
        raise TemplateError(f"a template named {name!r} already exists in {user_dir()}")


def install(folder: Path, name: str) -> Template:
    """Validate a staged folder and rename it into place as template ``name``."""
    check_free(name)
    load_template(folder)  # full validation before it becomes visible
    target = user_dir() / name
    try:
        os.rename(folder, target)
    except OSError as exc:
        raise TemplateError(f"{target}: could not install the template ({exc.strerror or exc})") from None
    return get_template(name)


def copy_files(src: Path, dst: Path) -> None:
    """Copy a template's regular files of allowed kinds (never links, caches or stray files)."""
    for path in sorted(src.rglob("*")):
        rel = path.relative_to(src)
        if path.is_symlink() or not path.is_file() or any(p.startswith((".", "__")) for p in rel.parts):
            continue
        if path.suffix.lower() not in ALLOWED_SUFFIXES:
            continue
        (dst / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, dst / rel)


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Write ``manifest.toml`` atomically (a rename, so a reader never sees half a file)."""
    tmp = folder / ".manifest.toml.tmp"
    tmp.write_text(dump_manifest(manifest), encoding="utf-8")
    os.replace(tmp, folder / "manifest.toml")


def _raw_manifest(folder: Path) -> dict[str, Any]:
    try:
        return tomllib.loads((folder / "manifest.toml").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TemplateError(f"{folder / 'manifest.toml'}: could not read ({exc})") from None


def _user_folder(name: str) -> Path:
    """The folder of user template ``name``; built-ins and unknown names are refused."""
    if name in builtin_names():
        raise TemplateError(f"{name!r} is a built-in template and cannot be changed: duplicate it first")
    check_name(name)
    folder = user_dir() / name
    if not folder.is_dir():
        raise TemplateError(f"no user template named {name!r} in {user_dir()}")
    return folder


# ------------------------------------------------------------------------------------ save / apply


def save_as_template(
    briefing: Briefing,
    name: str,
    *,
    base: str | None = None,
    title: str = "",
    description: str = "",
    cards: list[str] | None = None,
    boilerplate: dict[str, str] | None = None,
    style: dict[str, Any] | None = None,
    logo: Path | None = None,
) -> Template:
    """A user template capturing this briefing's choices on top of ``base`` (its own template).

    Captured: the base's jinja2 and CSS, the card order, the handling marking as the default,
    the organisation and other boilerplate, style variables (accent colour, logo).
    """
    check_free(name)
    tpl = get_template(base or briefing.template)
    bp = {k: str(v) for k, v in tpl.boilerplate.items()}
    if briefing.organisation:
        bp["organisation"] = briefing.organisation
    bp.update({k: str(v) for k, v in (boilerplate or {}).items()})
    for key in BOILERPLATE_KEYS:
        bp.setdefault(key, "")
    st = dict(tpl.style)
    st.update(style or {})
    if logo is not None:
        if Path(logo).suffix.lower() not in IMAGE_SUFFIXES or not Path(logo).is_file():
            raise TemplateError(f"{logo}: a logo must be an image file ({', '.join(IMAGE_SUFFIXES)})")
        st["logo"] = "logo" + Path(logo).suffix.lower()
    manifest: dict[str, Any] = {
        "name": name,
        "title": title or name.replace("-", " ").capitalize(),
        "description": description or f"Saved from a briefing; based on {tpl.title}.",
        "version": "1.0",
        "author": briefing.author or str(tpl.manifest.get("author", "")),
        "page_size": str(tpl.manifest.get("page_size", "A4")),
        "cards": list(cards) if cards is not None else tpl.cards,
        "default_marking": briefing.marking,
        "based_on": tpl.name,
        **({"kind": tpl.kind} if tpl.is_word else {}),  # a Word base stays a Word template
        "boilerplate": bp,
        "style": st,
    }
    if isinstance(tpl.manifest.get("map"), dict):  # the locator map's option and proportions
        manifest = {**{k: v for k, v in manifest.items() if k not in ("boilerplate", "style")},
                    "map": dict(tpl.manifest["map"]), "boilerplate": bp, "style": st}  # fmt: skip
    with staging() as folder:
        copy_files(tpl.folder, folder)
        if logo is not None:
            shutil.copyfile(logo, folder / st["logo"])
        (folder / "manifest.toml").unlink(missing_ok=True)
        try:  # report bad input (a colour, a card name) against the folder it was meant for
            _validate(manifest, folder / "manifest.toml")
        except TemplateError as exc:
            raise TemplateError(str(exc).replace(str(folder), str(user_dir() / name))) from None
        write_manifest(folder, manifest)
        return install(folder, name)


def template_defaults(template: str | Template) -> dict[str, Any]:
    """The briefing fields a template sets when a briefing starts from it (name, marking, org)."""
    tpl = template if isinstance(template, Template) else get_template(template)
    values: dict[str, Any] = {"template": tpl.name}
    if tpl.default_marking:
        values["marking"] = tpl.default_marking
    organisation = str(tpl.boilerplate.get("organisation", ""))
    if organisation:
        values["organisation"] = organisation
    return values


def apply_template(briefing: Briefing, template: str | Template) -> Briefing:
    """Set the template's defaults on ``briefing`` (in place; the editor uses an undo command)."""
    for key, value in template_defaults(template).items():
        setattr(briefing, key, value)
    return briefing


# ------------------------------------------------------------------------------------ manage


def rename_template(old: str, new: str, *, title: str | None = None) -> Template:
    """Rename a user template (folder and manifest name together)."""
    folder = _user_folder(old)
    if new == old:
        return get_template(old)
    check_free(new)
    manifest = _raw_manifest(folder)
    before = (folder / "manifest.toml").read_bytes()
    manifest["name"] = new
    if title:
        manifest["title"] = title
    write_manifest(folder, manifest)
    try:
        os.rename(folder, user_dir() / new)
    except OSError as exc:
        (folder / "manifest.toml").write_bytes(before)
        raise TemplateError(f"{folder}: could not rename ({exc.strerror or exc})") from None
    return get_template(new)


def duplicate_template(source: str, new: str, *, title: str | None = None) -> Template:
    """A user copy of any template (built-ins included: the way to customise one)."""
    check_free(new)
    tpl = get_template(source)
    with staging() as folder:
        copy_files(tpl.folder, folder)
        manifest = dict(tpl.manifest)
        manifest["name"] = new
        manifest["title"] = title or f"{tpl.title} (copy)"
        manifest.setdefault("based_on", tpl.name)
        write_manifest(folder, manifest)
        return install(folder, new)


def delete_template(name: str) -> None:
    """Remove a user template: moved aside first, so it disappears from the list at once."""
    folder = _user_folder(name)
    trash = Path(tempfile.mkdtemp(prefix=".trash-", dir=user_dir()))
    try:
        os.rename(folder, trash / name)
    except OSError as exc:
        trash.rmdir()
        raise TemplateError(f"{folder}: could not delete ({exc.strerror or exc})") from None
    shutil.rmtree(trash, ignore_errors=True)


# ------------------------------------------------------------------------------------ sample


def tiny_briefing() -> Briefing:
    """A small, realistic briefing for test renders and thumbnails (no NLP needed)."""
    text = (
        "Government troops took control of the river port of Kessa on Monday, officials said. "
        "About 400 soldiers are now in the town. 'The port is secure,' the defence minister said."
    )
    source = Source(text=text, title="Troops take river port", outlet="Wire service")
    return Briefing(
        title="Troops take the river port of Kessa",
        sources=[source],
        situation={
            "bluf": "Government troops control the river port of Kessa; about 400 soldiers hold the town.",
            "key_facts": [KeyFact(label="where", text="Kessa river port")],
        },
        forces=[
            {
                "actor": "Government",
                "strength": 400,
                "qualifier": "about",
                "unit_type": "soldiers",
                "location": "Kessa",
                "status": "holding",
            }
        ],
        quotes=[Quote(text="The port is secure", speaker="defence minister")],
        outlook=[OutlookItem(statement="Traffic on the river resumes within weeks", likelihood="likely")],
        timeline=[{"date": "2024-05-06", "event": "Troops enter Kessa"}],
        places=[{"name": "Kessa", "kind": "city"}],
    )
