"""Documents editors send to the bot: checked, completed, then placed in the knowledge folder.

A `Draft` is an uploaded file waiting in a staging folder of its own. It is checked on arrival:
its name is reduced to a safe one (`safe_name`: no folders, no control characters; the name
shown back to the editor is `display_name`), its size against the upload limit, and its content
is read by a `Reader` (`ingest.isolated.IsolatedLoader`: a worker process bounded in time and
memory) within the document limits. A zip bomb, nested XML entities, a 20,000-page PDF, a
.pdf that is really a zip or a parser that never finishes is refused with what it broke
(`UploadError`) before the editor is asked anything. The metadata comes from the Markdown front
matter, or for other formats from the caption (`key: value` lines, as in a `.meta.yml`
sidecar). Fields still missing or invalid are asked one at a time (`missing`, `answer`).
`prepare` writes the metadata and loads the file as ingest will, in the worker again;
`install` copies it into the knowledge folder (a sidecar for non-Markdown) and returns what to
undo if the gate refuses it, also noted on disk beside the saved copies so that `recover` can
undo it after a crash. Nothing here knows Telegram; texts are keys of
`bot/locales/editors/`.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import shutil
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

import frontmatter
import yaml
from pydantic import ValidationError

from bot.editors.texts import Count, Size
from ingest.documents import Extracted, LoadedDoc, chunk_document
from ingest.limits import LimitExceeded, LoadError
from ingest.schema import DocMeta

RECORD = "installed.json"  # in an upload's backup folder: what `install` changed
ALLOWED = {".md", ".markdown", ".html", ".htm", ".pdf", ".docx"}
MARKDOWN = {".md", ".markdown"}
# Asked in this order; region and volatile are optional.
FIELDS = ("title", "url", "country", "topics", "language", "updated", "authority")
AUTHORITIES = ("law", "government", "agency", "provider", "ngo", "project")
MAX_SHOWN_NAME = 60
# Limits whose size is in bytes (shown in MB); the others are counts.
_SIZES = {"file_bytes", "expanded_bytes", "member_bytes", "memory_bytes"}
# `LoadError.reason`s with a text of their own (upload_refused_<reason>).
_REASONS = {"unsupported", "empty", "not_pdf", "not_docx", "not_utf8", "dtd", "unreadable",
            "no_text", "metadata", "front_matter", "crashed"}  # fmt: skip


class Reader(Protocol):
    """Reads a staged file within the document limits (`ingest.isolated.IsolatedLoader`)."""

    def extract(self, path: Path) -> Extracted: ...

    def load(self, path: Path) -> LoadedDoc: ...


class UploadError(Exception):
    """The upload cannot be used: `key` names the editors' text that says why, `params` fill
    it (`file`, the name shown, is added by whoever knows it)."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key = key
        self.params = params


def refusal(error: LoadError) -> UploadError:
    """The editors' text for a file the reader refused."""
    if isinstance(error, LimitExceeded):
        wrap = Size if error.limit in _SIZES else Count
        key = f"upload_limit_{error.limit}"
        if error.limit == "pages" and error.found is None:  # a page tree whose count lied
            key += "_over"
        found = wrap(error.found) if error.found is not None else None
        return UploadError(key, found=found, limit=wrap(int(error.maximum)), part=error.part)
    reason = error.reason if error.reason in _REASONS else "unreadable"
    return UploadError(f"upload_refused_{reason}", detail=error.detail or str(error))


@dataclass
class Draft:
    """An uploaded document waiting for metadata and confirmation."""

    id: str
    name: str  # safe file name, as it will be in the knowledge folder
    staged: Path  # in a folder of its own, named by `id`
    meta: dict[str, Any] = field(default_factory=dict)
    body: str | None = None  # Markdown content without the front matter
    asking: str | None = None
    chunks: int = 0

    @property
    def suffix(self) -> str:
        return Path(self.name).suffix.lower()

    def folder(self) -> str:
        return str(self.meta.get("country", "")).lower()


@dataclass
class Installed:
    """Files placed in the knowledge folder, and how to put things back."""

    path: Path  # relative to the knowledge folder
    written: list[Path]
    backups: dict[Path, Path]  # original path → saved copy
    backup_dir: Path
    live: str | None = None  # the live index version when it was installed

    def save(self) -> None:
        """Note what to undo beside the saved copies (before anything is copied)."""
        record = {
            "path": self.path.as_posix(),
            "written": [str(p) for p in self.written],
            "backups": {str(k): str(v) for k, v in self.backups.items()},
            "live": self.live,
        }
        tmp = self.backup_dir / (RECORD + ".tmp")
        tmp.write_text(json.dumps(record), encoding="utf-8")
        tmp.replace(self.backup_dir / RECORD)

    @classmethod
    def load(cls, backup_dir: Path) -> Installed:
        record = json.loads((backup_dir / RECORD).read_text(encoding="utf-8"))
        return cls(
            Path(record["path"]),
            [Path(p) for p in record["written"]],
            {Path(k): Path(v) for k, v in record["backups"].items()},
            backup_dir,
            record["live"],
        )

    def rollback(self) -> None:
        """Put the knowledge folder back as it was before `install`."""
        for target in self.written:
            target.unlink(missing_ok=True)
        for original, saved in self.backups.items():
            shutil.copy2(saved, original)

    def done(self) -> None:
        """Forget the saved copies (after the reindex, whatever its outcome)."""
        shutil.rmtree(self.backup_dir, ignore_errors=True)


def display_name(file_name: str | None) -> str:
    """The file's name as the editor may be shown it: its last part, without control or
    direction-changing characters, at most `MAX_SHOWN_NAME` characters."""
    name = unicodedata.normalize("NFKC", file_name or "").replace("\\", "/").split("/")[-1]
    name = "".join(c for c in name if not unicodedata.category(c).startswith("C"))
    name = " ".join(name.split())
    if len(name) > MAX_SHOWN_NAME:
        name = name[: MAX_SHOWN_NAME - 1] + "…"
    return name or "?"


def safe_name(file_name: str | None, size: int | None, max_mb: float) -> str:
    """The name the file gets in the knowledge folder (letters, digits, - and _ and its type:
    never a path), or `UploadError` for a wrong format or size."""
    name = unicodedata.normalize("NFKC", file_name or "").replace("\\", "/").split("/")[-1]
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED:
        raise UploadError("upload_refused_type", kind=suffix or "?")
    if size is not None and size > max_mb * 1024 * 1024:
        raise UploadError(
            "upload_limit_file_bytes", found=Size(size), limit=Size(max_mb * 1024 * 1024)
        )
    stem = re.sub(r"[^\w-]+", "-", Path(name).stem.lower()).strip("-_")[:80]
    if not stem or stem == "readme":
        raise UploadError("upload_refused_name")
    return stem + suffix


def open_draft(staged: Path, name: str, caption: str | None, reader: Reader) -> Draft:
    """Read a downloaded file within the limits, with the metadata it (or its caption) carries;
    `UploadError` when it cannot be used."""
    try:
        found = reader.extract(staged)
    except LoadError as exc:
        raise refusal(exc) from None
    if not found.blocks:
        raise UploadError("upload_refused_no_text", detail="")
    draft = Draft(staged.parent.name, name, staged)
    if Path(name).suffix.lower() in MARKDOWN:
        draft.meta, draft.body = dict(found.front_matter or {}), found.body or ""
    elif caption:
        try:
            data = yaml.safe_load(caption)
        except yaml.YAMLError:
            data = None
        if isinstance(data, dict):
            draft.meta = {str(k): v for k, v in data.items()}
    return draft


def problems(meta: dict[str, Any]) -> dict[str, str]:
    """Field name → what is wrong with it, for the metadata as it stands."""
    try:
        DocMeta.model_validate(meta)
    except ValidationError as exc:
        found: dict[str, str] = {}
        for error in exc.errors():
            name = str(error["loc"][0]) if error["loc"] else "front matter"
            found.setdefault(name, error["msg"])
        return found
    return {}


def missing(draft: Draft) -> list[str]:
    """The fields still to ask, in the order they are asked."""
    wrong = problems(draft.meta)
    return [name for name in FIELDS if name in wrong] + [
        name for name in wrong if name not in FIELDS
    ]


def answer(draft: Draft, text: str) -> str | None:
    """Store the editor's answer for the field being asked; the problem with it, if any."""
    name = draft.asking
    if name is None:
        return None
    value: Any = text.strip()
    if name == "topics":
        value = [t.strip().lower().replace(" ", "_") for t in value.split(",") if t.strip()]
    elif name == "country":
        value = value.upper()
    elif name in ("language", "authority"):
        value = value.lower()
    elif name == "updated" and value.lower() in ("today", "now"):
        value = dt.date.today().isoformat()
    draft.meta[name] = value
    return problems(draft.meta).get(name)


def prepare(draft: Draft, reader: Reader) -> None:
    """Write the metadata beside the staged file and load it as ingest will (counts chunks)."""
    if draft.suffix in MARKDOWN:
        post = frontmatter.Post(draft.body or "", **_plain(draft.meta))
        draft.staged.write_text(frontmatter.dumps(post) + "\n", encoding="utf-8")
    else:
        _sidecar(draft.staged).write_text(
            yaml.safe_dump(_plain(draft.meta), allow_unicode=True, sort_keys=False),
            encoding="utf-8",
        )
    try:
        chunks = chunk_document(draft.name, reader.load(draft.staged))
    except LoadError as exc:
        raise refusal(exc) from None
    if not chunks:
        raise UploadError("upload_refused_no_text", detail="")
    draft.chunks = len(chunks)


def target(draft: Draft, knowledge_dir: Path) -> Path:
    """Where the document goes: the folder of its country (checked to stay inside)."""
    destination = knowledge_dir / draft.folder() / draft.name
    if destination.resolve().parent.parent != knowledge_dir.resolve():
        raise UploadError("upload_refused_name")
    return destination


def install(
    draft: Draft, knowledge_dir: Path, backup_dir: Path, live: str | None = None
) -> Installed:
    """Copy the prepared document (and its sidecar) into the knowledge folder; files it
    replaces are saved in `backup_dir` first, with a note of what to undo. `live`: the live
    index version now."""
    destination = target(draft, knowledge_dir)
    destination.parent.mkdir(parents=True, exist_ok=True)
    pairs = [(draft.staged, destination)]
    if draft.suffix not in MARKDOWN:
        pairs.append((_sidecar(draft.staged), _sidecar(destination)))
    backups: dict[Path, Path] = {}
    backup_dir.mkdir(parents=True, exist_ok=True)
    for _, final in pairs:
        if final.exists():
            saved = backup_dir / final.name
            shutil.copy2(final, saved)
            backups[final] = saved
    written = [final for _, final in pairs if final not in backups]
    installed = Installed(
        destination.relative_to(knowledge_dir), written, backups, backup_dir, live
    )
    installed.save()
    for source, final in pairs:
        shutil.copy2(source, final)
    return installed


def recover(backups: Path, live: str | None) -> list[Installed]:
    """After a restart: undo the uploads whose reindex a crash interrupted before their index
    went live (the live version is still the one they were installed under); an upload whose
    index went live stays. Returns those undone; their saved copies are deleted either way."""
    undone = []
    for folder in sorted(backups.iterdir()) if backups.is_dir() else ():
        try:
            installed = Installed.load(folder)
        except (OSError, ValueError, KeyError):  # no note: nothing was copied yet
            shutil.rmtree(folder, ignore_errors=True)
            continue
        if installed.live == live:
            installed.rollback()
            undone.append(installed)
        installed.done()
    return undone


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".meta.yml")


def _plain(meta: dict[str, Any]) -> dict[str, Any]:
    """Metadata as YAML-friendly values (dates as ISO strings)."""
    return {k: v.isoformat() if isinstance(v, dt.date) else v for k, v in meta.items()}
