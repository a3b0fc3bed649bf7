"""Retrieval quality per embedding backend, with and without lexical fusion.

For every dev question expected to be answered: do the top-5 retrieved passages (sections) contain
its key facts (numbers and names)? Also ingest time per backend. This is how the default backend
and the hybrid search were chosen (figures in README.md). Run: `python -m bench retrieval`.
"""

from __future__ import annotations

import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.evaluation import fact_found
from bot.guidance.compose import numbers_in
from bot.guidance.retrieval import Retriever
from bot.services import build_embeddings, build_vector_store, run_ingest

DEV = Path(__file__).resolve().parent.parent / "knowledge" / "_eval" / "questions.jsonl"


def _items() -> list[dict[str, Any]]:
    lines = DEV.read_text(encoding="utf-8").splitlines()
    return [
        item for line in lines if line.strip() if (item := json.loads(line))["expect"] == "answer"
    ]


def key_fact_recall(
    retriever: Retriever, items: list[dict[str, Any]], places: Any, top: int = 5
) -> dict[str, Any]:
    found: list[bool] = []
    latencies = []
    misses = []
    for item in items:
        hint = places.find(item["text"])
        started = time.perf_counter()
        vector = retriever.embed_query(item["text"])
        result = retriever.search(
            item["text"],
            vector,
            country=hint.country if hint.country not in ("EU", "INT") else None,
            region=hint.region,
            sections=top,
        )
        latencies.append((time.perf_counter() - started) * 1000)
        haystack = "\n".join(s.text for s in result.sections[:top])
        numbers = numbers_in(haystack)
        for fact in item["key_facts"]:
            ok = fact_found(fact, haystack, numbers)
            if ok is None:
                continue
            found.append(ok)
            if not ok:
                misses.append(f"{item['id']}: {fact[:70]}")
    return {
        "key_fact_recall_top5": round(sum(found) / len(found), 3),
        "facts": len(found),
        "query_ms_p50": round(statistics.median(latencies), 1),
        "misses": misses,
    }


def compare(backends: tuple[str, ...] = ("e5", "use")) -> dict[str, Any]:
    from bot.guidance.places import PlaceFinder

    items = _items()
    places = PlaceFinder()
    out: dict[str, Any] = {}
    for backend in backends:
        with tempfile.TemporaryDirectory(prefix=f"guidebot-{backend}-") as tmp:
            settings = Settings(_env_file=None, data_dir=Path(tmp), embeddings=backend)  # type: ignore[call-arg]
            embeddings = build_embeddings(settings)
            report = run_ingest(settings, full=True, embeddings=embeddings)
            store = build_vector_store(settings, embeddings, settings.index_dir)
            row: dict[str, Any] = {
                "ingest_s": round(report.seconds, 1),
                "chunks_per_s": round(report.chunks_total / report.seconds, 1),
            }
            for lexical in (False, True):
                retriever = Retriever(store, embeddings, lexical=lexical)
                row["hybrid" if lexical else "dense"] = key_fact_recall(retriever, items, places)
            out[backend] = row
    return out
