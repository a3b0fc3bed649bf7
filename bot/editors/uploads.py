"""Documents editors send to the bot: checked, completed, then placed in the knowledge folder.

A `Draft` is an uploaded file waiting in a staging folder. It is checked on arrival (format by
name and by content, size), its metadata taken from the Markdown front matter, or for other
formats from the caption (`key: value` lines, as in a `.meta.yml` sidecar). Fields still
missing or invalid are asked one at a time (`missing`, `answer`). `prepare` writes the metadata
and loads the file as ingest will; `install` copies it into the knowledge folder (a sidecar for
non-Markdown) and returns what to undo if the gate refuses it, also noted on disk beside the
saved copies so that `recover` can undo it after a crash. Nothing here knows Telegram.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import secrets
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import frontmatter
import yaml
from pydantic import ValidationError

from ingest.documents import LoadError, chunk_document, load_document
from ingest.schema import DocMeta

RECORD = "installed.json"  # in an upload's backup folder: what `install` changed
ALLOWED = {".md", ".markdown", ".html", ".htm", ".pdf", ".docx"}
MARKDOWN = {".md", ".markdown"}
# Asked in this order; region and volatile are optional.
FIELDS = ("title", "url", "country", "topics", "language", "updated", "authority")
AUTHORITIES = ("law", "government", "agency", "provider", "ngo", "project")
PROMPTS = {
    "title": 'the title, e.g. "France: CPF amounts"',
    "url": "the official source link (https://…)",
    "country": "the country code: FR, DE, BE, … or EU / INT",
    "topics": "topics, separated by commas, e.g. training_leave, funding",
    "language": "the language code of the document, e.g. en, fr, de",
    "updated": "the date you checked the facts: YYYY-MM-DD, or today",
    "authority": "who publishes it: " + ", ".join(AUTHORITIES),
}


class UploadError(Exception):
    """The upload cannot be used; the message says why, for the editor."""


@dataclass
class Draft:
    """An uploaded document waiting for metadata and confirmation."""

    id: str
    name: str  # safe file name, as it will be in the knowledge folder
    staged: Path
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


def safe_name(file_name: str | None, size: int | None, max_mb: float) -> str:
    """The file name to use, or `UploadError` for a wrong format or size."""
    name = Path(file_name or "").name
    suffix = Path(name).suffix.lower()
    if suffix not in ALLOWED:
        kinds = "Markdown, HTML, PDF or DOCX"
        raise UploadError(f"{suffix or 'this file type'} is not accepted: send {kinds}.")
    if size is not None and size > max_mb * 1024 * 1024:
        raise UploadError(f"The file is {size / 1048576:.1f} MB; the limit is {max_mb:g} MB.")
    stem = re.sub(r"[^\w-]+", "-", Path(name).stem.lower()).strip("-_")[:80]
    if not stem or stem == "readme":
        raise UploadError("Please give the file a descriptive name (not README).")
    return stem + suffix


def _check_content(path: Path, suffix: str) -> None:
    head = path.read_bytes()[:8]
    if suffix == ".pdf" and not head.startswith(b"%PDF-"):
        raise UploadError("The file is not a PDF (its content does not start like one).")
    if suffix == ".docx" and not zipfile.is_zipfile(path):
        raise UploadError("The file is not a DOCX document (not a valid Word file).")
    if suffix not in (".pdf", ".docx"):
        try:
            path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise UploadError("The file is not UTF-8 text.") from None


def open_draft(staged: Path, name: str, caption: str | None) -> Draft:
    """Check a downloaded file and read the metadata it (or its caption) carries."""
    suffix = Path(name).suffix.lower()
    _check_content(staged, suffix)
    draft = Draft(secrets.token_hex(4), name, staged)
    if suffix in MARKDOWN:
        try:
            post = frontmatter.loads(staged.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            reason = str(exc).splitlines()[0]
            raise UploadError(f"The front matter is not valid YAML: {reason}") from None
        draft.meta, draft.body = dict(post.metadata), post.content
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


def prepare(draft: Draft) -> None:
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
        chunks = chunk_document(draft.name, load_document(draft.staged))
    except LoadError as exc:
        raise UploadError(f"The document cannot be read: {exc}") from None
    if not chunks:
        raise UploadError("The document has no text to index.")
    draft.chunks = len(chunks)


def target(draft: Draft, knowledge_dir: Path) -> Path:
    """Where the document goes: the folder of its country."""
    return knowledge_dir / draft.folder() / draft.name


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
