"""``.briefing`` files: UTF-8 JSON, saved atomically, loaded with validation and migration.

A save writes a temporary file in the target's folder, fsyncs it and ``os.replace``s it over
the target, so a crash or a full disk mid-save leaves the previous file as it was.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from pydantic_core import PydanticSerializationError

from .errors import BriefingFileError
from .model import SCHEMA_VERSION, Briefing, utcnow
from .safe_io import MIB, read_regular, replace_lone_surrogates

SUFFIX = ".briefing"
#: the largest .briefing (or embedded briefing) read: ten 5 MiB articles and their cards fit
MAX_BRIEFING_BYTES = 64 * MIB
#: keys only a briefing has; a JSON object with none of them is some other program's file
_BRIEFING_KEYS = frozenset(Briefing.model_fields) - {"schema_version"} | {"tlp"}

#: migrations[n] turns a schema-n document (a dict) into schema n+1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {}


def _migrate_0(doc: dict[str, Any]) -> dict[str, Any]:
    """Schema 0 (pre-release drafts) kept the handling mark under "tlp" and quotes' speaker as "who"."""
    if "tlp" in doc and "marking" not in doc:
        doc["marking"] = doc.pop("tlp")
    for quote in doc.get("quotes", []):
        if isinstance(quote, dict) and "who" in quote and "speaker" not in quote:
            quote["speaker"] = quote.pop("who")
    return doc


MIGRATIONS[0] = _migrate_0


def atomic_write_bytes(path: Path, data: bytes, *, mode: int | None = None) -> None:
    """Write ``data`` to ``path`` so that readers see either the old file or the new one, whole.

    A symlink is followed (the file it points at is replaced, the link stays a link).  A file with
    other hard links is rewritten in place after the new bytes are safely on disk beside it,
    because a rename would split it from its other names.  OSErrors name ``path``, never the
    temporary file.
    """
    path = _save_target(Path(path))
    try:
        _write_replacing(path, data, mode)
    except OSError as exc:
        if exc.filename != str(path):
            raise OSError(exc.errno, exc.strerror, str(path)) from exc
        raise


def _save_target(path: Path) -> Path:
    """The real file a save to ``path`` must change: a symlink's target (followed to the end)."""
    if path.is_symlink():
        return Path(os.path.realpath(path))
    return path


def _write_replacing(path: Path, data: bytes, mode: int | None) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent or ".")
    keep_tmp = False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            # mkstemp makes the file private (0600): give it the mode a plain open() would,
            # or keep the mode of the file being replaced
            os.fchmod(fh.fileno(), _target_mode(path) if mode is None else mode)
            os.fsync(fh.fileno())
        if _hard_linked(path):
            keep_tmp = True  # from here on the temporary file may be the only whole copy
            try:
                _overwrite_in_place(path, data)
            except OSError as exc:
                note = f"{exc.strerror or exc}; the complete new version is kept in {tmp}"
                raise OSError(exc.errno, note, str(path)) from exc
            keep_tmp = False
            os.unlink(tmp)
        else:
            os.replace(tmp, path)
    except BaseException:
        if not keep_tmp:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)
        raise
    # fsync the folder too, so the rename itself survives a power cut (POSIX only).
    if hasattr(os, "O_DIRECTORY"):
        dir_fd = os.open(path.parent or ".", os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def _hard_linked(path: Path) -> bool:
    try:
        info = path.stat()
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_nlink > 1


def _overwrite_in_place(path: Path, data: bytes) -> None:
    """Rewrite a hard-linked file's bytes; the complete copy beside it stays until this is done."""
    with open(path, "r+b") as fh:
        fh.write(data)
        fh.truncate()
        fh.flush()
        os.fsync(fh.fileno())


def _target_mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def dumps(briefing: Briefing) -> str:
    try:
        return briefing.model_dump_json(indent=1)
    except PydanticSerializationError:
        # a lone surrogate that reached the model some other way than a file (which is cleaned
        # on load): replace it rather than fail every save and autosave of the user's work
        doc = _without_lone_surrogates(briefing.model_dump(mode="json"))
        return json.dumps(doc, indent=1, ensure_ascii=False)


def save(
    briefing: Briefing, path: str | os.PathLike[str], *, touch: bool = True, mode: int | None = None
) -> Path:
    """Save atomically; ``touch`` stamps ``modified`` (autosave passes False to keep it honest);
    ``mode`` sets the file's permissions (autosaves are private: 0600)."""
    path = Path(path)
    if touch:
        briefing.modified = utcnow()
    try:
        atomic_write_bytes(path, dumps(briefing).encode("utf-8"), mode=mode)
    except OSError as exc:
        raise BriefingFileError(f"{path}: could not save ({exc.strerror or exc})") from exc
    return path


def _field_path(loc: tuple[Any, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def from_dict(doc: Any, origin: str = "briefing") -> Briefing:
    """Validate (and migrate) a decoded document; ``origin`` names it in error messages."""
    if not isinstance(doc, dict):
        raise BriefingFileError(f"{origin}: not a briefing (expected a JSON object)")
    version = doc.get("schema_version", 0)
    if not isinstance(version, int) or version < 0:
        raise BriefingFileError(f"{origin}: schema_version {version!r} is not a version number")
    if version > SCHEMA_VERSION:
        raise BriefingFileError(
            f"{origin}: written by a newer Briefing Builder (schema {version}, this one reads up to "
            f"{SCHEMA_VERSION}); update the app to open it"
        )
    if not _BRIEFING_KEYS & doc.keys():
        raise BriefingFileError(f"{origin}: not a Briefing Builder file (it has none of a briefing's fields)")
    try:
        while version < SCHEMA_VERSION:
            doc = MIGRATIONS[version](dict(doc))
            version += 1
            doc["schema_version"] = version
    except (TypeError, AttributeError, KeyError, ValueError) as exc:  # a field of the wrong shape
        raise BriefingFileError(f"{origin}: schema {version} file with a malformed field ({exc})") from None
    try:
        return Briefing.model_validate(_without_lone_surrogates(doc))
    except RecursionError:
        raise BriefingFileError(f"{origin}: nested too deeply to be a briefing") from None
    except ValidationError as exc:
        first = exc.errors()[0]
        more = f" (and {exc.error_count() - 1} more problems)" if exc.error_count() > 1 else ""
        raise BriefingFileError(
            f"{origin}: field {_field_path(first['loc'])}: {first['msg']}{more}"
        ) from None


def _without_lone_surrogates(doc: Any) -> Any:
    """Every string of a decoded document with lone surrogates replaced (else no save could work)."""
    stack = [doc]
    while stack:  # iterative: the document's depth is the file's choice
        node = stack.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for key, value in list(items):
            if isinstance(value, str):
                node[key] = replace_lone_surrogates(value)
            elif isinstance(value, dict | list):
                stack.append(value)
    return doc


def loads(text: str, origin: str = "briefing") -> Briefing:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise BriefingFileError(
            f"{origin}: not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
        ) from None
    except RecursionError:
        raise BriefingFileError(f"{origin}: nested too deeply to be a briefing") from None
    return from_dict(doc, origin)


def loads_embedded(blob: bytes, origin: str) -> Briefing:
    """The briefing a PDF or a Word file carries inside it (UTF-8 JSON), named after its file."""
    try:
        text = blob.decode("utf-8")
    except UnicodeDecodeError:
        raise BriefingFileError(f"{origin}: the embedded briefing is not UTF-8 text") from None
    return loads(text, f"{origin} (embedded briefing)")


def read_file(path: Path, *, what: str = "briefing file", limit: int = MAX_BRIEFING_BYTES) -> bytes:
    """The file's bytes, or a BriefingFileError naming it (missing, a folder, a pipe, too big)."""
    return read_regular(path, limit, error=BriefingFileError, what=what)


def load(path: str | os.PathLike[str]) -> Briefing:
    path = Path(path)
    raw = read_file(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise BriefingFileError(f"{path}: not a briefing file (it is not UTF-8 text)") from None
    return loads(text, str(path))
