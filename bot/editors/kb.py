"""What is in the live index (`/kb`, `guidebot kb`): when and by which embedding model it was
built, documents and chunks per country, and the documents due for a check: those whose
`updated` date is older than `STALE_AFTER_DAYS`, and those marked `volatile`.

Read from the live version's manifest only: no vector store is opened.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from bot.editors.texts import Count, Say, english
from ingest.indexer import read_manifest
from ingest.versions import Version


@dataclass(frozen=True, slots=True)
class DocInfo:
    path: str
    title: str
    country: str
    updated: dt.date | None
    volatile: bool
    chunks: int

    def line(self, today: dt.date, say: Say) -> str:
        if self.updated is None:
            return say("editor_kb_doc_undated", path=self.path, country=self.country)
        days = Count((today - self.updated).days)
        return say("editor_kb_doc", path=self.path, country=self.country, days=days)


@dataclass(frozen=True, slots=True)
class Overview:
    version: str | None
    built_at: str | None = None
    model_id: str | None = None
    chunker: int | None = None
    documents: int = 0
    chunks: int = 0
    per_country: dict[str, tuple[int, int]] = field(default_factory=dict)  # docs, chunks
    stale: tuple[DocInfo, ...] = ()
    volatile: tuple[DocInfo, ...] = ()
    stale_after_days: int = 180
    today: dt.date = field(default_factory=dt.date.today)

    def describe(self, say: Say | None = None) -> str:
        say = say or english()
        if self.version is None:
            return say("editor_kb_no_index")
        lines = [
            say("editor_kb_live", version=self.version, built=self.built_at or "?"),
            say("editor_kb_model", model=self.model_id, chunker=self.chunker),
            say("editor_kb_size", documents=Count(self.documents), chunks=Count(self.chunks)),
            "",
            say("editor_kb_per_country"),
        ]
        lines += [f"  {c:4} {d:4} / {n}" for c, (d, n) in sorted(self.per_country.items())]
        days, stale = Count(self.stale_after_days), Count(len(self.stale))
        lines += ["", say("editor_kb_stale", days=days, n=stale)]
        lines += [f"  {doc.line(self.today, say)}" for doc in self.stale]
        lines += ["", say("editor_kb_volatile", n=Count(len(self.volatile)))]
        lines += [f"  {doc.line(self.today, say)}" for doc in self.volatile]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        def docs(items: tuple[DocInfo, ...]) -> list[dict[str, Any]]:
            return [
                {
                    "path": d.path,
                    "title": d.title,
                    "country": d.country,
                    "updated": d.updated.isoformat() if d.updated else None,
                    "chunks": d.chunks,
                }
                for d in items
            ]

        return {
            "version": self.version,
            "built_at": self.built_at,
            "model_id": self.model_id,
            "chunker": self.chunker,
            "documents": self.documents,
            "chunks": self.chunks,
            "per_country": {
                c: {"documents": d, "chunks": n} for c, (d, n) in self.per_country.items()
            },
            "stale_after_days": self.stale_after_days,
            "stale": docs(self.stale),
            "volatile": docs(self.volatile),
        }


def _date(value: object) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        return None


def overview(
    version: Version | None, stale_after_days: int, today: dt.date | None = None
) -> Overview:
    """The overview of `version` (the live one, from `bot.indexes.live_index`)."""
    today = today or dt.date.today()
    if version is None:
        return Overview(None, stale_after_days=stale_after_days, today=today)
    manifest = read_manifest(version.path)
    infos = [
        DocInfo(
            path,
            str(entry.get("title", "")),
            str(entry.get("country", "?")),
            _date(entry.get("updated")),
            bool(entry.get("volatile", False)),
            len(entry.get("chunks", [])),
        )
        for path, entry in sorted(manifest["files"].items())
    ]
    docs: Counter[str] = Counter()
    chunks: Counter[str] = Counter()
    for info in infos:
        docs[info.country] += 1
        chunks[info.country] += info.chunks
    cutoff = today - dt.timedelta(days=stale_after_days)
    return Overview(
        version=version.name,
        built_at=manifest.get("built_at"),
        model_id=manifest.get("model_id"),
        chunker=manifest.get("chunker"),
        documents=len(infos),
        chunks=sum(chunks.values()),
        per_country={c: (docs[c], chunks[c]) for c in docs},
        stale=tuple(i for i in infos if i.updated is None or i.updated < cutoff),
        volatile=tuple(i for i in infos if i.volatile),
        stale_after_days=stale_after_days,
        today=today,
    )
