"""Share templates as ``.zip`` files; treat every archive as hostile.

An import is refused, before anything is written, when an entry has an absolute or ``..``
path, is a link or special file, is encrypted, is of an unexpected kind, or when the archive
holds more than 200 files or declares more than 20 MB unpacked.  Extraction then counts the
bytes actually produced (a lying header cannot smuggle more) into a hidden staging folder inside
the templates root; the result is validated (manifest, jinja2 syntax, a real test render) and only
then renamed into place.  On any refusal the staging folder is removed: nothing is left behind
and nothing is ever written outside the templates folder.

A bare ``.docx`` with docxtpl tags imports too (:func:`import_word_document`): it becomes a Word
template folder (``manifest.toml`` with ``kind = "docx"``, named after the file, and the document
as ``template.docx``) through the same staging, checks and test render as an archive.  Why a
folder and not the loose file: a Word template is then stored, listed, renamed, exported and
shared like every other template, and its manifest can carry boilerplate and a default marking.
"""

from __future__ import annotations

import os
import re
import stat
import tempfile
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from .errors import BriefingError, TemplateError
from .safe_io import MIB, mib, read_regular
from .templates import Template, check_name, get_template, load_template
from .user_templates import ALLOWED_SUFFIXES, check_free, install, staging, tiny_briefing, write_manifest

MAX_FILES = 200
MAX_BYTES = 20 * MIB
#: deeper than any template's assets go; 2,000 nested folders would overflow path limits instead
MAX_DEPTH = 8
#: seconds the test render of an imported template may take (it runs in a child process)
IMPORT_RENDER_SECONDS = 60
_CHUNK = 64 * 1024


def _entry_path(info: zipfile.ZipInfo, archive: Path) -> PurePosixPath:
    """The entry's safe relative path, or a TemplateError naming the entry and the rule."""
    raw = info.filename
    where = f"{archive}: entry {raw!r}"
    if "\\" in raw or "\x00" in raw or raw.startswith("/") or re.match(r"[A-Za-z]:", raw):
        raise TemplateError(f"{where} has an absolute or unusual path; refused")
    parts = raw.rstrip("/").split("/")
    if any(p in ("", "..") for p in parts):
        raise TemplateError(f"{where} leaves its folder ('..' or an empty path part); refused")
    if len(parts) > MAX_DEPTH or any(len(p.encode("utf-8")) > 255 for p in parts):
        raise TemplateError(f"{archive}: an entry is nested more than {MAX_DEPTH} folders deep or has a "
                            "name over 255 bytes; refused")
    mode = info.external_attr >> 16
    if stat.S_ISLNK(mode):
        raise TemplateError(f"{where} is a symbolic link; refused")
    if stat.S_IFMT(mode) not in (0, stat.S_IFREG, stat.S_IFDIR):  # 0: made without Unix modes
        raise TemplateError(f"{where} is not a regular file; refused")
    if info.flag_bits & 0x1:
        raise TemplateError(f"{where} is encrypted; refused")
    path = PurePosixPath(*[p for p in parts if p != "."])
    if not info.is_dir() and path.suffix.lower() not in ALLOWED_SUFFIXES:
        kinds = " ".join(ALLOWED_SUFFIXES)
        raise TemplateError(f"{where}: {path.suffix or 'no extension'} files are not allowed (only {kinds})")
    return path


def plan_import(zf: zipfile.ZipFile, archive: Path) -> list[tuple[zipfile.ZipInfo, PurePosixPath]]:
    """Check every entry before extracting any: the files to write and where (relative)."""
    infos = zf.infolist()
    if len(infos) > 2 * MAX_FILES:
        raise TemplateError(f"{archive}: {len(infos)} entries; a template holds at most {MAX_FILES} files")
    files = [(info, _entry_path(info, archive)) for info in infos]
    files = [(info, path) for info, path in files if not info.is_dir()]
    if len(files) > MAX_FILES:
        raise TemplateError(f"{archive}: {len(files)} files; a template archive holds at most {MAX_FILES}")
    declared = sum(info.file_size for info, _ in files)
    if declared > MAX_BYTES:
        raise TemplateError(f"{archive}: {mib(declared)} MiB unpacked; the limit is {mib(MAX_BYTES)} MiB")
    seen = set()
    for _info, path in files:
        key = str(path).casefold()
        if key in seen:
            raise TemplateError(f"{archive}: {path} appears twice; refused")
        seen.add(key)
    # One top folder around everything ("NAME/manifest.toml") is stripped.
    tops = {path.parts[0] for _, path in files}
    if len(tops) == 1 and all(len(path.parts) > 1 for _, path in files):
        files = [(info, PurePosixPath(*path.parts[1:])) for info, path in files]
    if not any(str(path) == "manifest.toml" for _, path in files):
        raise TemplateError(f"{archive}: no manifest.toml at the top; not a briefing template archive")
    return files


def _extract(zf: zipfile.ZipFile, plan: list[tuple[zipfile.ZipInfo, PurePosixPath]], dest: Path) -> None:
    total = 0
    root = dest.resolve()
    for info, rel in plan:
        target = dest.joinpath(*rel.parts)
        if not target.resolve().is_relative_to(root):  # belt and braces after the path checks
            raise TemplateError(f"entry {info.filename!r} would be written outside the template folder")
        target.parent.mkdir(parents=True, exist_ok=True)
        written = 0
        with zf.open(info) as src, open(target, "xb") as out:
            while chunk := src.read(_CHUNK):
                written += len(chunk)
                total += len(chunk)
                if written > info.file_size or total > MAX_BYTES:
                    raise TemplateError(
                        f"entry {info.filename!r} unpacks to more than it declares or past "
                        f"{mib(MAX_BYTES)} MiB in all; refused"
                    )
                out.write(chunk)


def import_template(archive: str | os.PathLike[str], *, name: str | None = None) -> Template:
    """Install the template in ``archive`` (a .zip, or a bare Word .docx) as a user template
    (under ``name`` if given)."""
    archive = Path(archive)
    if archive.suffix.lower() == ".docx":
        return import_word_document(archive, name=name)
    try:
        with zipfile.ZipFile(archive) as zf:
            plan = plan_import(zf, archive)
            if name is not None:
                check_free(name)
            with staging(".import-") as folder:
                _extract(zf, plan, folder)
                return _finish_import(folder, name, archive)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError) as exc:
        raise TemplateError(f"{archive}: not a readable zip archive ({exc})") from None
    except OSError as exc:
        raise TemplateError(f"{exc.filename or archive}: {exc.strerror or exc}") from None


def _finish_import(folder: Path, name: str | None, archive: Path) -> Template:
    from .render_process import render_isolated

    staged = load_template(folder)  # validates files, manifest and jinja2 syntax
    final = name or staged.name
    check_name(final)
    if final != staged.name:
        write_manifest(folder, {**staged.manifest, "name": final})
    check_free(final)
    fmt = "docx" if staged.is_word else "pdf"
    try:  # a real render of a small briefing, in a child process that is killed if it hangs
        render_isolated(tiny_briefing(), folder, embed=False, fmt=fmt, seconds=IMPORT_RENDER_SECONDS)
    except BriefingError as exc:
        raise TemplateError(f"{archive}: the template does not render: {exc}") from None
    return install(folder, final)


def word_template_name(path: Path) -> str:
    """A template name from a file name: "ACME Brief v2.docx" → "acme-brief-v2"."""
    slug = re.sub(r"[^a-z0-9_-]+", "-", path.stem.lower()).strip("-_")[:64].strip("-_")
    return slug or "word-template"


def import_word_document(document: str | os.PathLike[str], *, name: str | None = None) -> Template:
    """Install a Word ``.docx`` with docxtpl tags as a Word template folder (see the module)."""
    from .model import CARD_NAMES
    from .sandbox import MAX_TEMPLATE_FILE

    document = Path(document)
    data = read_regular(document, MAX_TEMPLATE_FILE, error=TemplateError, what="Word template")
    if not data.startswith(b"PK"):
        raise TemplateError(f"{document}: not a Word document (.docx files are zip archives)")
    final = check_name(name or word_template_name(document))
    check_free(final)
    manifest = {
        "name": final,
        "title": document.stem[:80],
        "description": f"Word template imported from {document.name}",
        "version": "1.0",
        "kind": "docx",
        "cards": list(CARD_NAMES),
    }
    try:
        with staging(".import-") as folder:
            (folder / "template.docx").write_bytes(data)
            write_manifest(folder, manifest)
            return _finish_import(folder, final, document)
    except OSError as exc:
        raise TemplateError(f"{exc.filename or document}: {exc.strerror or exc}") from None


def export_template(name: str, out: str | os.PathLike[str]) -> Path:
    """Write template ``name`` (built-in or user) as ``out`` (a zip with one top folder NAME/)."""
    tpl = get_template(name)
    out = Path(out)
    files = [
        p
        for p in sorted(tpl.folder.rglob("*"))
        if p.is_file()
        and not p.is_symlink()
        and p.suffix.lower() in ALLOWED_SUFFIXES
        and not any(part.startswith((".", "__")) for part in p.relative_to(tpl.folder).parts)
    ]
    if len(files) > MAX_FILES or sum(p.stat().st_size for p in files) > MAX_BYTES:
        limits = f"{MAX_FILES} files, {mib(MAX_BYTES)} MiB"
        raise TemplateError(f"{tpl.folder}: too large to share (limits: {limits})")
    try:
        handle, tmp_name = tempfile.mkstemp(prefix=".export-", suffix=".zip", dir=out.parent)
    except OSError as exc:
        raise TemplateError(f"{out}: could not write ({exc.strerror or exc})") from None
    os.close(handle)
    tmp = Path(tmp_name)
    try:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED) as zf:
            for path in files:
                zf.write(path, f"{tpl.name}/{path.relative_to(tpl.folder).as_posix()}")
        os.chmod(tmp, 0o644)  # a file to share, not a private temp file
        os.replace(tmp, out)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise TemplateError(f"{exc.filename or out}: could not write ({exc.strerror or exc})") from None
    return out
