"""Index versions side by side under the index folder, and the pointer to the live one.

    index/
      CURRENT                    the live version's name, one line, replaced atomically
      20260301-120000-123456/    one folder per build: manifest.json and chroma/
      .lock                      held while a reindex runs (one at a time, across processes)

A reindex builds a new version from a copy of the live one (so the incremental ingest re-embeds
only what changed), checks it, then switches `CURRENT` with `os.replace`: a reader sees the old
name or the new one, never a mix. Versions beyond the last `KEEP` are pruned. An index built
before versions existed (manifest.json and chroma/ directly in the folder) is the live version
`legacy` until the first switch.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import logging
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)

POINTER = "CURRENT"
LEGACY = "legacy"
KEEP = 3
CONTENTS = ("manifest.json", "chroma")
_NAME = re.compile(r"^\d{8}-\d{6}-\d{6}$")


class IndexBusy(RuntimeError):
    """Another reindex holds the lock."""


@dataclass(frozen=True, slots=True)
class Version:
    name: str
    path: Path


class IndexVersions:
    """The versions kept under `root` and which one is live."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def live(self) -> Version | None:
        """The version `CURRENT` names; the legacy layout or None when there is none."""
        try:
            name = (self.root / POINTER).read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            name = ""
        if name and _NAME.match(name) and (self.root / name).is_dir():
            return Version(name, self.root / name)
        if name:
            log.error("%s names a missing index version %s", POINTER, name)
            built = [v for v in self.versions() if v.name != LEGACY]
            if built:
                return built[-1]
        if (self.root / "manifest.json").exists():
            return Version(LEGACY, self.root)
        return None

    def versions(self) -> list[Version]:
        """All versions on disk, oldest first."""
        if not self.root.is_dir():
            return []
        found = [Version(p.name, p) for p in sorted(self.root.iterdir()) if _NAME.match(p.name)]
        if (self.root / "manifest.json").exists():
            found.insert(0, Version(LEGACY, self.root))
        return found

    def create(self, base: Version | None) -> Version:
        """A new version folder holding a copy of `base`'s files (empty without a base)."""
        self.root.mkdir(parents=True, exist_ok=True)
        name = dt.datetime.now(dt.UTC).strftime("%Y%m%d-%H%M%S-%f")
        path = self.root / name
        path.mkdir()
        if base is not None:
            for item in CONTENTS:
                source = base.path / item
                if source.is_dir():
                    shutil.copytree(source, path / item)
                elif source.exists():
                    shutil.copy2(source, path / item)
        return Version(name, path)

    def switch(self, version: Version) -> None:
        """Make `version` the live one, atomically."""
        tmp = self.root / f".{POINTER}.{os.getpid()}.tmp"
        with tmp.open("w", encoding="utf-8") as handle:
            handle.write(version.name + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.root / POINTER)

    def discard(self, version: Version) -> None:
        """Delete a version that never went live (or an old one)."""
        if version.name == LEGACY:
            for item in CONTENTS:
                target = self.root / item
                if target.is_dir():
                    shutil.rmtree(target, ignore_errors=True)
                else:
                    target.unlink(missing_ok=True)
            return
        shutil.rmtree(version.path, ignore_errors=True)

    def prune(self, keep: int = KEEP) -> list[str]:
        """Delete all but the newest `keep` versions (never the live one); returns their names."""
        live = self.live()
        versions = self.versions()
        removed = []
        for version in versions[: max(0, len(versions) - keep)]:
            if live is not None and version.name == live.name:
                continue
            self.discard(version)
            removed.append(version.name)
        return removed

    @contextlib.contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the reindex lock; raises `IndexBusy` at once when another run holds it."""
        self.root.mkdir(parents=True, exist_ok=True)
        with (self.root / ".lock").open("a+", encoding="utf-8") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise IndexBusy("a reindex is already running") from None
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)
