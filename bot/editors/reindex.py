"""The gated reindex: build the new index beside the live one, check it, switch, prune.

One path for `guidebot ingest`, `/reindex`, uploads and the schedule:

Every file to read is read by a worker process within the document limits and the worker's
time and memory bounds (`ingest.isolated`): one broken or hostile file fails alone.

1. plan: hash the knowledge folder against the live manifest; nothing to change, nothing done.
2. build: copy the live version into a new one and run the incremental ingest on the copy
   (`full` starts from empty), so only changed files are embedded.
3. gate: the live and the new index answer the evaluation file (`bot.editors.gate`). The first
   build has nothing to compare with; `force` skips the gate and says in the log who forced it.
   After a change of embedding model the new index is built in full, and the live one answers
   through an engine on the model that built it (`live_engine`); without one, it is refused.
4. switch `CURRENT` atomically, hand the new index to the running engine (`on_live`), prune.

A refused build is deleted: the live index never changes underneath the bot.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal, Protocol

from bot.editors.gate import Verdict, engine_on, refused, run_gate
from bot.editors.texts import Count, Note, Say, english
from bot.evaluation import load_items
from bot.guidance.pipeline import Engine
from bot.guidance.retrieval import Retriever
from ingest.indexer import IngestReport, Loader, ingest, plan, read_manifest
from ingest.isolated import Bounds, IsolatedLoader
from ingest.limits import Limits
from ingest.translations import KnowledgeFolder
from ingest.versions import KEEP, IndexVersions, Version

log = logging.getLogger(__name__)

Outcome = Literal["unchanged", "first", "live", "forced", "refused"]


class Progress(Protocol):
    """Told each stage of a reindex: a key of the editors' texts and its parameters."""

    def __call__(self, key: str, /, **params: object) -> None: ...


def _quiet(key: str, /, **params: object) -> None:
    return None


class IndexBackend(Protocol):
    """Opens the vector store of a version (`bot.services.ChromaIndexes`)."""

    model_id: str

    def open(self, version: Version) -> Any: ...

    def populate(self, source: Version | None, target: Version) -> None: ...

    def close(self, store: Any) -> None: ...

    def drop(self, version: Version) -> None: ...


# Called with the version that went live, its store and a retriever over it.
OnLive = Callable[[Version, Any, Retriever], None]
# The engine answering from the live index with the embedding model (id) that built it; None
# when this configuration cannot load that model.
LiveEngine = Callable[[str], Engine | None]


@dataclass
class ReindexResult:
    """What a reindex did: the ingest report, the gate's verdict, which version is live."""

    outcome: Outcome
    report: IngestReport
    version: str | None  # live after the run
    previous: str | None  # live before the run
    verdict: Verdict | None = None
    seconds: float = 0.0

    @property
    def went_live(self) -> bool:
        return self.outcome in ("first", "live", "forced")

    def headline(self, say: Say | None = None) -> str:
        say = say or english()
        return say(f"editor_result_{self.outcome}", version=self.version, previous=self.previous)

    def details(self, say: Say | None = None, limit: int = 25) -> str:
        """For editors: which documents changed, failures with reasons (as the loaders give
        them, in English), the gate's verdict."""
        say = say or english()
        report = self.report
        lines = [self.headline(say), ""]
        for key, paths in (
            ("editor_result_added", report.added),
            ("editor_result_changed", report.updated),
            ("editor_result_removed", report.removed),
        ):
            shown = ", ".join(paths[:limit]) + (" …" if len(paths) > limit else "")
            lines.append(say(key, n=Count(len(paths)), paths=shown or "-"))
        failed = say("editor_result_failed", n=Count(len(report.failed)))
        lines.append(failed + ("" if report.failed else " -"))
        lines += [f"  {path}: {reason}" for path, reason in report.failed]
        full = say("editor_result_full_rebuild") if report.full else ""
        written, total = Count(report.chunks_written), Count(report.chunks_total)
        lines.append(say("editor_result_chunks", written=written, total=total, full=full).strip())
        lines.append(say("editor_result_time", seconds=f"{self.seconds:.1f}"))
        if self.verdict is not None:
            lines += ["", self.verdict.describe(say)]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "outcome": self.outcome,
            "version": self.version,
            "previous": self.previous,
            "report": self.report.as_dict(),
            "gate": self.verdict.as_dict() if self.verdict else None,
            "seconds": round(self.seconds, 3),
        }


class Reindexer:
    """Runs gated reindexes of one knowledge folder into one versioned index folder."""

    def __init__(
        self,
        knowledge_dir: Path,
        versions: IndexVersions,
        backend: IndexBackend,
        embeddings: Any,
        *,
        engine: Callable[[], Engine],
        eval_path: Path,
        tolerance: float,
        limits: Limits,
        bounds: Bounds,
        on_live: OnLive | None = None,
        live_engine: LiveEngine | None = None,
        keep: int = KEEP,
    ) -> None:
        self.knowledge_dir = knowledge_dir
        self.versions = versions
        self.backend = backend
        self.embeddings = embeddings
        self._engine = engine
        self.eval_path = eval_path
        self.tolerance = tolerance
        self.limits = limits
        self.bounds = bounds
        self.on_live = on_live
        self._live_engine = live_engine
        self.keep = keep

    def run(
        self,
        *,
        full: bool = False,
        force: bool = False,
        progress: Progress | None = None,
        by: str = "the command line",
    ) -> ReindexResult:
        """One gated reindex (blocking; raises `IndexBusy` when another one is running); `by`
        is who asked, for the log line of a forced one."""
        say = progress or _quiet
        started = time.perf_counter()
        with self.versions.lock(), IsolatedLoader(self.limits, self.bounds) as loader:
            live = self.versions.live()
            say("editor_stage_checking")
            if live is not None and not full:
                planned = plan(
                    self.knowledge_dir, live.path, self.backend.model_id, load=loader.load
                )
                if not (planned.changed or planned.full):
                    planned.seconds = time.perf_counter() - started
                    return ReindexResult(
                        "unchanged", planned, live.name, live.name, None, planned.seconds
                    )
                full = planned.full  # another model or chunker: nothing to copy
            result = self._build(live, loader.load, full=full, force=force, say=say, by=by)
        result.seconds = time.perf_counter() - started
        level = logging.WARNING if result.outcome in ("forced", "refused") else logging.INFO
        log.log(level, "reindex: %s", result.headline(english()))
        return result

    def _build(
        self,
        live: Version | None,
        load: Loader,
        *,
        full: bool,
        force: bool,
        say: Progress,
        by: str,
    ) -> ReindexResult:
        say("editor_stage_copying" if live and not full else "editor_stage_starting")
        base = None if full else live
        new = self.versions.create(base)
        store: Any = None
        try:
            self.backend.populate(base, new)
            store = self.backend.open(new)

            def each_file(done: int, total: int, path: str) -> None:
                say("editor_stage_indexing", done=Count(done + 1), total=Count(total), path=path)

            report = ingest(
                self.knowledge_dir,
                new.path,
                store,
                self.backend.model_id,
                load=load,
                full=full,
                progress=each_file,
            )
            previous = live.name if live else None
            retriever, verdict = None, None
            if live is None:
                outcome: Outcome = "first"
            elif force:
                log.warning("reindex: the regression gate was skipped (--force) by %s", by)
                outcome = "forced"
            else:
                retriever = self._engine().retriever.sibling(store, new.name)
                verdict = self._gate(live, retriever, say)
                outcome = "live" if verdict.passed else "refused"
        except BaseException:
            self._discard(new, store)
            raise
        if outcome == "refused":
            self._discard(new, store)
            return ReindexResult(outcome, report, previous, previous, verdict)
        say("editor_stage_switching")
        self.versions.switch(new)
        if self.on_live is not None:
            self.on_live(
                new, store, retriever or self._engine().retriever.sibling(store, new.name)
            )
        else:
            self.backend.close(store)
        for name in self.versions.prune(self.keep):
            self.backend.drop(Version(name, self.versions.root / name))
        return ReindexResult(outcome, report, new.name, previous, verdict)

    def _gate(self, live: Version, retriever: Retriever, say: Progress) -> Verdict:
        say("editor_stage_translations")
        if problems := KnowledgeFolder(self.knowledge_dir, self.limits).problems():
            listed = "; ".join(str(p) for p in problems[:5]) + (" …" if len(problems) > 5 else "")
            failing = Note("editor_gate_translations", n=Count(len(problems)), listed=listed)
            return refused(failing, self.tolerance)
        if not self.eval_path.is_file():
            missing = Note("editor_gate_no_eval_file", path=str(self.eval_path))
            return refused(missing, self.tolerance)
        try:
            items = load_items(self.eval_path)
        except SystemExit as exc:  # load_items speaks to the command line
            return refused(Note("editor_gate_eval_unreadable", error=str(exc)), self.tolerance)
        say("editor_stage_evaluating", n=Count(len(items)))
        base = self._engine()
        built_with = read_manifest(live.path).get("model_id") or self.backend.model_id
        if built_with != self.backend.model_id:
            return self._gate_across_models(built_with, base, retriever, items)
        live_store, live_retriever = None, base.retriever
        if live_retriever.version != live.name:  # the running engine usually searches it already
            live_store = self.backend.open(live)
            live_retriever = base.retriever.sibling(live_store, live.name)
        try:
            return run_gate(
                engine_on(base, live_retriever), engine_on(base, retriever), items, self.tolerance
            )
        finally:
            if live_store is not None:
                self.backend.close(live_store)

    def _gate_across_models(
        self, built_with: str, base: Engine, retriever: Retriever, items: list[dict[str, Any]]
    ) -> Verdict:
        """After a change of embedding model: the live index answers through an engine on its
        own model (vectors, scores and triage thresholds are per model), the new one through
        the engine on the new model."""
        models = {"before": built_with, "after": self.backend.model_id}
        live = self._live_engine(built_with) if self._live_engine is not None else None
        if live is None:
            return refused(Note("editor_gate_model_unavailable", **models), self.tolerance)
        verdict = run_gate(
            engine_on(live, live.retriever), engine_on(base, retriever), items, self.tolerance
        )
        return replace(verdict, notes=(Note("editor_gate_model_changed", **models),))

    def _discard(self, version: Version, store: Any) -> None:
        if store is not None:
            self.backend.close(store)
        self.backend.drop(version)
        self.versions.discard(version)
