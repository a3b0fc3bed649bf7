"""The editors' desk: what the editors' channel works with, over the running services.

Reindexes run here on the bot's own `Services`, so the engine switches to a new index without a
restart; uploads are read here, one at a time, by a worker process bounded in time and memory
(`ingest.isolated`), from a worker thread: the event loop keeps serving learners meanwhile,
and however many uploads arrive at once, one worker's memory is all they cost. Uploads wait
here (one draft per editor) until confirmed or cancelled; a new upload replaces an editor's
draft only once it is accepted. The live index overview and the gaps are read from here.
Telegram-free: `bot.channels.telegram.editors` translates updates into these calls. Drafts do
not survive a restart; an upload whose reindex a crash interrupted is taken out of the
knowledge folder again unless its index went live.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from bot.editors.gaps import SAME_NEED, GapGroup, group_gaps
from bot.editors.kb import Overview, overview
from bot.editors.uploads import (
    Draft,
    Installed,
    Reader,
    install,
    open_draft,
    prepare,
    recover,
)
from bot.indexes import live_index
from ingest.isolated import IsolatedLoader
from ingest.versions import IndexBusy

if TYPE_CHECKING:
    from bot.editors.reindex import Progress, ReindexResult
    from bot.ops.metrics import Metrics
    from bot.services import Services
    from bot.store import Store
    from ingest.translations import KnowledgeFolder

log = logging.getLogger(__name__)

T = TypeVar("T")


class EditorDesk:
    """Reindexes, uploads, the index overview and the gaps, for one running bot."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.settings = services.settings
        self.drafts: dict[int, Draft] = {}
        # Each editor's language (their Telegram app's), as last seen: for unasked notices.
        self.languages: dict[int, str] = {}
        self.uploads_dir = self.settings.data_dir / "uploads"
        # The reindex running in the background, if any (tests await it).
        self.task: asyncio.Task[object] | None = None
        # Reindex runs and gate verdicts are counted here when the bot has metrics.
        self.metrics: Metrics | None = None
        # One upload is read at a time: at most one worker process's memory.
        self.reading = asyncio.Semaphore(1)
        live = live_index(self.settings)
        for undone in recover(self.uploads_dir / "backups", live.name if live else None):
            log.warning("Upload %s taken out again: a restart interrupted it", undone.path)
        shutil.rmtree(self.uploads_dir, ignore_errors=True)  # drafts do not survive a restart

    def is_editor(self, user_id: int | None) -> bool:
        return user_id is not None and user_id in self.settings.editor_ids

    @property
    def busy(self) -> bool:
        return self.task is not None and not self.task.done()

    def reindex(
        self,
        *,
        full: bool = False,
        force: bool = False,
        progress: Progress | None = None,
        by: str = "the schedule",
    ) -> ReindexResult:
        """The gated reindex on the running services (blocking: run it in a thread)."""
        from bot.services import reindex

        try:
            result = reindex(
                self.settings,
                full=full,
                force=force,
                services=self.services,
                progress=progress,
                by=by,
            )
        except IndexBusy:
            self._count("busy")
            raise
        except Exception:
            self._count("failed")
            raise
        self._count(result.outcome, result.verdict.passed if result.verdict else None)
        return result

    def _count(self, outcome: str, passed: bool | None = None) -> None:
        if self.metrics is not None:
            self.metrics.reindex(outcome, passed)

    @property
    def knowledge(self) -> KnowledgeFolder:
        """The knowledge folder with its translations, read within the document limits."""
        from bot.services import knowledge_folder

        return knowledge_folder(self.settings)

    def sync(self) -> bool:
        """Pick up an index switched by another process (e.g. `guidebot ingest`) and
        translations an editor changed (e.g. `guidebot translations import`)."""
        switched = self.services.sync_index()
        return self.services.sync_translations() or switched

    def overview(self) -> Overview:
        return overview(live_index(self.settings), self.settings.stale_after_days)

    async def gap_groups(self, store: Store) -> list[GapGroup]:
        """The last 30 days' gaps, grouped by meaning."""
        gaps = await store.answers.gaps()
        embeddings = self.services.embeddings
        threshold = SAME_NEED.get(self.settings.embeddings, 0.8)

        def embed(texts: list[str]) -> list[list[float]]:
            return [embeddings.embed_query(text) for text in texts]

        return await asyncio.to_thread(group_gaps, gaps, embed, threshold)

    def staging(self, user_id: int) -> Path:
        """A fresh staging folder for one upload of an editor (their draft, if any, stays)."""
        folder = self.uploads_dir / str(user_id) / secrets.token_hex(4)
        folder.mkdir(parents=True)
        return folder

    def discard(self, folder: Path) -> None:
        """Delete a staging folder that holds no draft (a refused upload)."""
        shutil.rmtree(folder, ignore_errors=True)
        with contextlib.suppress(OSError):  # the editor's folder, if nothing else is in it
            folder.parent.rmdir()

    async def receive(self, staged: Path, name: str, caption: str | None) -> Draft:
        """Read a downloaded upload within the limits (`UploadError` when refused)."""
        return await self._read(lambda reader: open_draft(staged, name, caption, reader))

    async def prepare(self, draft: Draft) -> None:
        """Write the draft's metadata and load it as ingest will (`UploadError` if it fails)."""
        await self._read(lambda reader: prepare(draft, reader))

    async def _read(self, work: Callable[[Reader], T]) -> T:
        async with self.reading:
            return await asyncio.to_thread(self._in_worker, work)

    def _in_worker(self, work: Callable[[Reader], T]) -> T:
        from bot.services import document_limits, parse_bounds

        with IsolatedLoader(document_limits(self.settings), parse_bounds(self.settings)) as reader:
            return work(reader)

    def keep(self, user_id: int, draft: Draft) -> None:
        """Make an accepted upload the editor's draft (replacing the one they had)."""
        self.drop_draft(user_id)
        self.drafts[user_id] = draft

    def install(self, draft: Draft) -> Installed:
        """Put a confirmed upload in the knowledge folder (saving what it replaces)."""
        live = live_index(self.settings)
        backups = self.uploads_dir / "backups" / draft.id
        return install(draft, self.settings.knowledge_dir, backups, live.name if live else None)

    def drop_draft(self, user_id: int) -> None:
        draft = self.drafts.pop(user_id, None)
        if draft is not None:
            self.discard(draft.staged.parent)
