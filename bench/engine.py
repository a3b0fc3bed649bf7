"""Engine benchmarks: ask latency, ingest throughput, no-op reindex, memory of the chat at rest.

Each figure is measured in this run, on this machine, against the shipped knowledge base indexed
into a temporary folder (the live ./data index is never touched).
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.config import PROJECT_ROOT, Settings
from bot.guidance.types import Profile
from bot.services import build_embeddings, build_services, run_ingest

DEV_QUESTIONS = PROJECT_ROOT / "knowledge" / "_eval" / "questions.jsonl"


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def questions() -> list[str]:
    if DEV_QUESTIONS.exists():
        lines = DEV_QUESTIONS.read_text(encoding="utf-8").splitlines()
        return [json.loads(line)["text"] for line in lines if line.strip()]
    return [
        "How much money do I get on my CPF each year?",
        "Wie viele Tage Bildungsurlaub habe ich in NRW?",
        "Combien d'heures de congé-éducation payé en Wallonie ?",
    ]


def bench_ingest(settings: Settings) -> dict[str, Any]:
    embeddings = build_embeddings(settings)
    full = run_ingest(settings, full=True, embeddings=embeddings)
    noop_times = []
    for _ in range(5):
        started = time.perf_counter()
        noop = run_ingest(settings, embeddings=embeddings)
        noop_times.append(time.perf_counter() - started)
        assert not noop.changed
    return {
        "documents": len(full.added),
        "chunks": full.chunks_total,
        "full_build_s": round(full.seconds, 2),
        "chunks_per_s": round(full.chunks_total / full.seconds, 1),
        "noop_reindex_s_median": round(statistics.median(noop_times), 3),
        "failed": full.failed,
    }


def bench_ask(settings: Settings, rounds: int = 3) -> dict[str, Any]:
    services = build_services(settings)
    engine = services.engine
    texts = questions()

    firsts: list[float] = []

    async def run() -> tuple[list[float], list[float], list[float], list[float]]:
        asks, embeds, searches, writes = [], [], [], []
        # A first round, timed apart: each language's first question also reads its translations
        # and builds its lexical index, once in the life of the bot.
        for text in texts:
            started = time.perf_counter()
            await engine.reply(text, Profile())
            firsts.append((time.perf_counter() - started) * 1000)
        for _ in range(rounds):
            for text in texts:
                started = time.perf_counter()
                await engine.reply(text, Profile())
                asks.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                vector = engine.retriever.embed_query(text)
                embeds.append((time.perf_counter() - started) * 1000)
                started = time.perf_counter()
                result = engine.retriever.search(text, vector, k=12)
                searches.append((time.perf_counter() - started) * 1000)
                writes.append(compose_ms(engine, text, result))
        return asks, embeds, searches, writes

    asks, embeds, searches, writes = asyncio.run(run())
    floor = statistics.median(embeds) + statistics.median(searches)
    return {
        "questions": len(texts),
        "rounds": rounds,
        "first_round_ms_p50": round(statistics.median(firsts), 1),
        "first_round_ms_p95": round(percentile(firsts, 0.95), 1),
        "ask_ms_p50": round(statistics.median(asks), 1),
        "ask_ms_p95": round(percentile(asks, 0.95), 1),
        "embed_query_ms_p50": round(statistics.median(embeds), 1),
        "search_ms_p50": round(statistics.median(searches), 2),
        "ratio_p50_to_floor": round(statistics.median(asks) / floor, 2),
        # Planning the reply and writing it in the question's language from the translations.
        "compose_ms_p50": round(statistics.median(writes), 2),
        "compose_ms_p95": round(percentile(writes, 0.95), 2),
    }


def compose_ms(engine: Any, text: str, result: Any) -> float:
    """Milliseconds to plan a reply to `text` and write it in its language (no search)."""
    from bot.guidance.compose import Question, plan_answer, question_intents, render_answer

    u = engine.understand(text, Profile())
    started = time.perf_counter()
    question = Question(question_intents(u.text), u.place, u.others)
    plan = plan_answer(result, question, engine.facts(u.retriever))
    render_answer(plan, u.language, engine.strings, u.retriever.translations)
    return (time.perf_counter() - started) * 1000


def bench_translations(settings: Settings) -> dict[str, Any]:
    """What the translations add: at start-up nothing is read; each language's first use reads
    and checks its files; the retriever keeps one lexical index per language (built on use)."""
    from bot.guidance.language import Strings
    from bot.guidance.retrieval import Retriever
    from bot.indexes import ChromaIndexes, live_index
    from ingest.translations import Translations

    folder = settings.knowledge_dir / "_translations"
    started = time.perf_counter()
    translations = Translations.load(folder)
    load_s = time.perf_counter() - started
    first_use = {}
    for lang in sorted(p.name for p in folder.iterdir() if p.is_dir()):
        started = time.perf_counter()
        translations.get(lang, "", "")
        first_use[lang] = round((time.perf_counter() - started) * 1000)
    translations = Translations.load(folder)
    embeddings = build_embeddings(settings)
    live = live_index(settings)
    assert live is not None
    store = ChromaIndexes(settings, embeddings).open(live)
    timings = {}
    try:
        for name, kwargs in (
            ("without", {}),
            ("with", {"translations": translations, "languages": tuple(Strings().languages())}),
        ):
            started = time.perf_counter()
            Retriever(store, embeddings, version=live.name, **kwargs)  # type: ignore[arg-type]
            timings[name] = time.perf_counter() - started
    finally:
        ChromaIndexes(settings, embeddings).close(store)
    return {
        "units": len(translations),
        "load_at_start_s": round(load_s, 3),
        "first_use_ms_per_language": first_use,
        "retriever_s_without": round(timings["without"], 2),
        "retriever_s_with": round(timings["with"], 2),
    }


def bench_key_facts(settings: Settings) -> dict[str, Any]:
    """Issue bar for the knowledge base: the top 5 passages hold >= 90% of the key facts."""
    from bench.retrieval import _items, key_fact_recall
    from bot.guidance.places import PlaceFinder

    services = build_services(settings)
    try:
        found = key_fact_recall(services.engine.retriever, _items(), PlaceFinder())
    finally:
        services.close()
    return {**found, "target": 0.9, "met": found["key_fact_recall_top5"] >= 0.9}


def bench_chat_memory(settings: Settings) -> dict[str, Any]:
    """Start `guidebot chat`, wait for its prompt, read its peak resident memory."""
    env = {
        **os.environ,
        "DATA_DIR": str(settings.data_dir),
        "KNOWLEDGE_DIR": str(settings.knowledge_dir),
    }
    env.pop("TELEGRAM_BOT_TOKEN", None)
    process = subprocess.Popen(
        [sys.executable, "-m", "bot", "chat"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        text=True,
    )
    try:
        started = time.perf_counter()
        assert process.stdout is not None
        buffer = ""
        while "you> " not in buffer:
            char = process.stdout.read(1)
            if not char:
                raise RuntimeError("guidebot chat exited before its prompt")
            buffer += char
        ready = time.perf_counter() - started
        time.sleep(1.0)
        status = Path(f"/proc/{process.pid}/status").read_text()
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        return {
            "startup_s": round(ready, 2),
            "rss_mb": round(int(fields["VmRSS"].split()[0]) / 1024, 1),
            "peak_rss_mb": round(int(fields["VmHWM"].split()[0]) / 1024, 1),
        }
    finally:
        process.kill()
        process.wait()


def run_all() -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="guidebot-bench-") as tmp:
        settings = Settings(_env_file=None, data_dir=Path(tmp))  # type: ignore[call-arg]
        return {
            "ingest": bench_ingest(settings),
            "ask": bench_ask(settings),
            "translations": bench_translations(settings),
            "key_facts_in_top5": bench_key_facts(settings),
            "chat_memory": bench_chat_memory(settings),
        }
