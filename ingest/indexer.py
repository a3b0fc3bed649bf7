"""Incremental indexing of a knowledge folder into a vector store (the write side).

A manifest next to the index records, per file, the hash of its bytes and the ids of its chunks,
plus the embedding model that built the index. A run hashes every file: unchanged files are
skipped, changed ones re-embedded, deleted ones removed; a different embedding model forces a full
rebuild rather than mixing vectors. A broken file is reported with its reason and, if it was
indexed before, its previous chunks stay until it is fixed.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from ingest.documents import (
    CHUNKER_VERSION,
    SUPPORTED,
    Chunk,
    LoadedDoc,
    LoadError,
    chunk_document,
)

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
BATCH = 64
SKIPPED_DIRS = {"courses"}


# progress(done, total, path): called before each file of a run.
Progress = Callable[[int, int, str], None]
# Reads one file within the caller's limits: `IsolatedLoader(...).load` (a bounded worker
# process), or `functools.partial(load_document, limits=...)` in this process.
Loader = Callable[[Path], LoadedDoc]


class VectorStore(Protocol):
    """The part of a LangChain vector store (e.g. `langchain_chroma.Chroma`) ingest uses."""

    def add_texts(
        self,
        texts: Iterable[str],
        metadatas: list[dict[Any, Any]] | None = None,
        ids: list[str] | None = None,
        **kwargs: Any,
    ) -> list[str]: ...

    def delete(self, ids: list[str] | None = None, **kwargs: Any) -> Any: ...

    def reset_collection(self) -> None: ...


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    chunks_written: int = 0
    chunks_total: int = 0
    seconds: float = 0.0
    full: bool = False

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def summary(self) -> str:
        lines = [
            f"added {len(self.added)}, updated {len(self.updated)}, "
            f"unchanged {len(self.unchanged)}, removed {len(self.removed)}, "
            f"failed {len(self.failed)}; {self.chunks_written} chunks embedded, "
            f"{self.chunks_total} in the index; {self.seconds:.2f} s"
            + (" (full rebuild)" if self.full else "")
        ]
        lines += [f"  FAILED {path}: {reason}" for path, reason in self.failed]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "added": self.added,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "failed": [{"path": p, "reason": r} for p, r in self.failed],
            "chunks_written": self.chunks_written,
            "chunks_total": self.chunks_total,
            "seconds": round(self.seconds, 3),
            "full": self.full,
        }


def discover(knowledge_dir: Path) -> Iterator[Path]:
    """Knowledge files, skipping editors' guides, sidecars, hidden/`_` folders, the catalogue."""
    for root, dirs, files in os.walk(knowledge_dir):
        rel_root = Path(root).relative_to(knowledge_dir)
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith((".", "_")) and not (rel_root == Path() and d in SKIPPED_DIRS)
        )
        for name in sorted(files):
            path = Path(root) / name
            if name.lower() == "readme.md" or name.startswith(".") or name.endswith(".meta.yml"):
                continue
            if path.suffix.lower() in SUPPORTED:
                yield path


def _fingerprint(path: Path) -> str:
    digest = hashlib.sha256(path.read_bytes())
    sidecar = path.with_name(path.name + ".meta.yml")
    if sidecar.exists():
        digest.update(sidecar.read_bytes())
    return digest.hexdigest()


def read_manifest(index_dir: Path) -> dict[str, Any]:
    try:
        data = json.loads((index_dir / MANIFEST).read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {"model_id": None, "files": {}}
    data.setdefault("files", {})
    return data


def _write_manifest(index_dir: Path, manifest: dict[str, Any]) -> None:
    index_dir.mkdir(parents=True, exist_ok=True)
    tmp = index_dir / (MANIFEST + ".tmp")
    tmp.write_text(json.dumps(manifest, indent=1, sort_keys=True), encoding="utf-8")
    tmp.replace(index_dir / MANIFEST)


def ingest(
    knowledge_dir: Path,
    index_dir: Path,
    store: VectorStore,
    model_id: str,
    *,
    load: Loader,
    full: bool = False,
    progress: Progress | None = None,
    record: bool = True,
) -> IngestReport:
    """Bring the index in line with the knowledge folder; returns what changed.

    `load` reads each new or changed file; `progress(done, total, path)` is called before each
    file; `record=False` leaves the manifest as it was (with `plan`, nothing is written at all).
    """
    started = time.perf_counter()
    manifest = read_manifest(index_dir)
    report = IngestReport()
    stale = manifest.get("chunker") != CHUNKER_VERSION and bool(manifest.get("files"))
    if full or stale or manifest.get("model_id") != model_id:
        if manifest.get("model_id") not in (None, model_id):
            log.warning(
                "index was built with %s, now %s: rebuilding", manifest["model_id"], model_id
            )
        store.reset_collection()
        manifest = {"model_id": model_id, "chunker": CHUNKER_VERSION, "files": {}}
        report.full = True
    old_files: dict[str, dict[str, Any]] = manifest["files"]
    new_files: dict[str, dict[str, Any]] = {}

    paths = list(discover(knowledge_dir))
    for done, path in enumerate(paths):
        rel = path.relative_to(knowledge_dir).as_posix()
        if progress is not None:
            progress(done, len(paths), rel)
        previous = old_files.get(rel)
        try:
            fingerprint = _fingerprint(path)
        except OSError as exc:
            report.failed.append((rel, f"unreadable: {exc.strerror or exc}"))
            if previous:
                new_files[rel] = previous
            continue
        if previous and previous["sha256"] == fingerprint:
            report.unchanged.append(rel)
            new_files[rel] = previous
            continue
        try:
            chunks = chunk_document(rel, load(path))
            if not chunks:
                raise LoadError("no text to index")
        except LoadError as exc:
            report.failed.append((rel, str(exc)))
            if previous:
                new_files[rel] = previous
            continue
        except Exception as exc:  # a loader bug must not stop the other files
            log.exception("unexpected error loading %s", rel)
            report.failed.append((rel, f"{type(exc).__name__}: {exc}"))
            if previous:
                new_files[rel] = previous
            continue
        if previous:
            store.delete(ids=previous["chunks"])
        _add(store, chunks)
        report.chunks_written += len(chunks)
        (report.updated if previous else report.added).append(rel)
        new_files[rel] = {
            "sha256": fingerprint,
            "chunks": [c.id for c in chunks],
            "title": chunks[0].metadata["title"],
            "country": chunks[0].metadata["country"],
            "updated": chunks[0].metadata["updated"],
            "volatile": chunks[0].metadata["volatile"],
        }

    for rel in sorted(set(old_files) - set(new_files)):
        store.delete(ids=old_files[rel]["chunks"])
        report.removed.append(rel)

    report.chunks_total = sum(len(f["chunks"]) for f in new_files.values())
    if record and (report.changed or report.full or manifest.get("files") != new_files):
        manifest = {
            "model_id": model_id,
            "chunker": CHUNKER_VERSION,
            "files": new_files,
            "built_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "chunks": report.chunks_total,
        }
        _write_manifest(index_dir, manifest)
    report.seconds = time.perf_counter() - started
    return report


class _NoStore:
    """Stands in for the vector store when only planning: nothing is embedded or written."""

    def add_texts(self, texts: Iterable[str], *args: Any, **kwargs: Any) -> list[str]:
        return []

    def delete(self, ids: list[str] | None = None, **kwargs: Any) -> None:
        return None

    def reset_collection(self) -> None:
        return None


def plan(
    knowledge_dir: Path, index_dir: Path, model_id: str, *, load: Loader, full: bool = False
) -> IngestReport:
    """What `ingest` would change in the index at `index_dir`, without embedding or writing.

    Changed files are loaded and chunked, so a file that would fail is reported as failed, not
    as a change.
    """
    return ingest(
        knowledge_dir, index_dir, _NoStore(), model_id, load=load, full=full, record=False
    )


def _add(store: VectorStore, chunks: list[Chunk]) -> None:
    for start in range(0, len(chunks), BATCH):
        batch = chunks[start : start + BATCH]
        store.add_texts(
            [c.text for c in batch],
            metadatas=[dict(c.metadata) for c in batch],
            ids=[c.id for c in batch],
        )
