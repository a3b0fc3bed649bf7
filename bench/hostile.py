"""Hostile uploads against the running bot: its memory, its worker's, and learners' answers
meanwhile.

`python -m bench hostile` indexes the shipped knowledge/ into a temporary DATA_DIR (as
`python -m bench telegram` does; `run(data_dir=...)` copies an existing index instead), builds
the bot as `guidebot run` does (real services, the editors' desk, `build_application`) in this
process, with an in-process Bot API that serves the uploaded files and keeps what the bot sends,
and then, for each generated hostile file (tests/hostile.py), lets an editor upload it while a
learner asks the dev questions one after another until the upload is answered. It records:

- the refusal the editor read, and how long the upload took;
- the learner's answers meanwhile (count, latency from update to handled), against the same
  questions asked with no upload running;
- every 20 ms: the resident memory (VmRSS) of this process, which is the bot, and of its child
  processes, the workers that read the uploads; the peaks per file and overall (and VmHWM,
  the bot's peak since it started), and the largest sampled sum of both.

`unprotected`: the peak memory of python-docx reading the 1 GB zip-bomb .docx with no limits, in
a separate process capped at 8 GB of address space, for comparison.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from telegram import Update

from bench.telegram import prepare_data
from bot.config import PROJECT_ROOT
from tests import hostile
from tests.telegram.tg_factories import RecordingRequest

EDITOR, LEARNER = 7, 42
SAMPLE_EVERY = 0.02
MB = 1024 * 1024

FILES: dict[str, Callable[[], bytes]] = {
    "bomb.docx": lambda: hostile.zip_bomb_docx(expanded_mb=1024),
    "parts.docx": lambda: hostile.many_parts_docx(parts=3, part_mb=40),
    "entities.docx": hostile.entity_expansion_docx,
    "external-entity.docx": hostile.external_entity_docx,
    "deep-xml.docx": lambda: hostile.deep_xml_docx(depth=5000),
    "pages.pdf": lambda: hostile.many_pages_pdf(20_000),
    "pages-compact.pdf": lambda: hostile.many_pages_pdf(20_000, compact=True),
    "pages-lying.pdf": lambda: hostile.many_pages_pdf(20_000, declared=1, compact=True),
    "endless-page.pdf": hostile.endless_page_pdf,
    "deep.html": lambda: hostile.nested_html(500_000),
    "zip-named.pdf": lambda: hostile.word_docx("Validation has four stages."),
    "empty.md": lambda: b"",
}


def log(message: str) -> None:
    print(f"[bench hostile] {message}", file=sys.stderr, flush=True)


class BotApi(RecordingRequest):
    """The Bot API in this process (the Telegram tests' recording transport), which also serves
    the uploaded `files`."""

    def __init__(self) -> None:
        super().__init__()
        self.files: dict[str, bytes] = {}

    async def do_request(
        self, url: str, method: str, request_data: Any = None, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:
            return 200, self.files[url.rsplit("/", 1)[-1]]
        return await super().do_request(url, method, request_data, *args, **kwargs)

    def _result(self, name: str, params: dict[str, Any]) -> Any:
        if name == "getFile":
            file_id = params["file_id"]
            size = len(self.files[file_id])
            return {"file_id": file_id, "file_unique_id": file_id, "file_size": size,
                    "file_path": f"d/{file_id}"}  # fmt: skip
        return super()._result(name, params)


class Sampler:
    """Samples the resident memory of this process and of its children every 20 ms."""

    def __init__(self) -> None:
        self.samples: list[tuple[float, float, float]] = []  # time, bot MB, children MB
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_EVERY):
            children = sum(rss_mb(pid) for pid in children_of_self())
            self.samples.append((time.monotonic(), rss_mb("self"), children))

    def peaks(self, since: float, until: float) -> dict[str, float]:
        window = [s for s in self.samples if since <= s[0] <= until] or [(0.0, 0.0, 0.0)]
        return {
            "bot_rss_peak_mb": round(max(s[1] for s in window), 1),
            "worker_rss_peak_mb": round(max(s[2] for s in window), 1),
            "bot_plus_worker_peak_mb": round(max(s[1] + s[2] for s in window), 1),
        }


def rss_mb(pid: int | str, field: str = "VmRSS") -> float:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:  # the worker has just exited
        return 0.0
    for line in status.splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    return 0.0


def children_of_self() -> set[int]:
    """The workers this process started (a child caught between fork and exec still shares
    this process's memory, and is not counted)."""
    found: set[int] = set()
    for task in Path("/proc/self/task").iterdir():
        try:
            found |= {int(p) for p in (task / "children").read_text().split()}
        except OSError:
            continue
    return {pid for pid in found if b"ingest.isolated" in _cmdline(pid)}


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


def _questions() -> list[str]:
    lines = (PROJECT_ROOT / "knowledge" / "_eval" / "questions.jsonl").read_text("utf-8")
    return [json.loads(line)["text"] for line in lines.splitlines() if line.strip()]


class People:
    """An editor and a learner writing to the application."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.ids = itertools.count(1)

    def _update(self, user: int, **message: Any) -> Update:
        person = {"id": user, "is_bot": False, "first_name": "Ana", "language_code": "en"}
        data = {"update_id": next(self.ids), "message": {
            "message_id": next(self.ids), "date": int(time.time()),
            "chat": {"id": user, "type": "private"}, "from": person, **message}}  # fmt: skip
        return Update.de_json(data, self.app.bot)

    async def ask(self, text: str) -> float:
        """The learner's question, handled; seconds it took."""
        started = time.perf_counter()
        await self.app.process_update(self._update(LEARNER, text=text))
        return time.perf_counter() - started

    async def upload(self, name: str, file_id: str, size: int) -> None:
        document = {"file_id": file_id, "file_unique_id": file_id, "file_name": name,
                    "file_size": size}  # fmt: skip
        await self.app.process_update(self._update(EDITOR, document=document))


def unprotected_peak_mb(path: Path) -> dict[str, Any]:
    """python-docx reading `path` with no limits, in a process capped at 8 GB."""
    code = (
        "import resource, sys, time, docx\n"
        "resource.setrlimit(resource.RLIMIT_AS, (8 << 30, 8 << 30))\n"
        "t = time.perf_counter()\n"
        "try:\n    docx.Document(sys.argv[1]); outcome = 'read'\n"
        "except MemoryError:\n    outcome = 'MemoryError at 8 GB'\n"
        "except Exception as exc:\n    outcome = type(exc).__name__ + ': ' + str(exc)[:120]\n"
        "print(round(time.perf_counter() - t, 1),"
        " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, outcome)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, check=False
    )
    words = done.stdout.split(maxsplit=2)
    if len(words) < 3:
        return {"outcome": f"exit {done.returncode}", "stderr": done.stderr[-300:]}
    return {"seconds": float(words[0]), "peak_rss_mb": int(words[1]),
            "outcome": words[2].strip()}  # fmt: skip


async def _play(settings: Any, files: dict[str, bytes]) -> dict[str, Any]:
    from bot.channels.telegram import build_application
    from bot.editors.desk import EditorDesk
    from bot.guidance.language import Strings
    from bot.services import build_services
    from bot.store import Store

    services = build_services(settings)
    store = await Store.open(settings.database_path)
    api = BotApi()
    app = build_application(
        settings, engine=services.engine, store=store, strings=Strings(), request=api,
        desk=EditorDesk(services),
    )  # fmt: skip
    await app.initialize()
    people = People(app)
    questions = itertools.cycle(_questions())
    try:
        for _ in range(5):  # warm-up: models and caches
            await people.ask(next(questions))
        idle = [await people.ask(next(questions)) for _ in range(20)]
        rss_before = rss_mb("self")
        results: dict[str, Any] = {}
        with Sampler() as sampler:
            for name, data in files.items():
                api.files[name] = data
                sent_before = len(api.texts_in(EDITOR))
                started = time.monotonic()
                upload = asyncio.create_task(people.upload(name, name, len(data)))
                latencies = []
                while not upload.done():
                    latencies.append(await people.ask(next(questions)))
                await upload
                ended = time.monotonic()
                reply = api.texts_in(EDITOR)[sent_before:]
                results[name] = {
                    "size_kb": round(len(data) / 1024, 1),
                    "seconds": round(ended - started, 2),
                    "editor_read": reply[0] if reply else None,
                    "learner_answers_meanwhile": len(latencies),
                    "learner_ms_p50": _ms(statistics.median(latencies)) if latencies else None,
                    "learner_ms_max": _ms(max(latencies)) if latencies else None,
                    **sampler.peaks(started, ended),
                }
                log(f"{name}: {results[name]['seconds']} s, {len(latencies)} answers, "
                    f"bot {results[name]['bot_rss_peak_mb']} MB, "
                    f"worker {results[name]['worker_rss_peak_mb']} MB")  # fmt: skip
            totals = sampler.peaks(0, time.monotonic())
        apology = Strings().get("error_apology", "en")
        learner = api.texts_in(LEARNER)
        return {
            "files": results,
            "learner_messages": len(learner),
            "learner_apologies": sum(apology in text for text in learner),
            "bot_rss_before_mb": round(rss_before, 1),
            "bot_rss_after_mb": round(rss_mb("self"), 1),
            "bot_peak_rss_mb": round(rss_mb("self", "VmHWM"), 1),  # since it started
            "sampled_peaks": totals,
            "learner_ms_idle": {"p50": _ms(statistics.median(idle)), "max": _ms(max(idle))},
        }
    finally:
        await app.shutdown()
        await store.close()
        services.close()


def _ms(seconds: float) -> float:
    return round(seconds * 1000, 1)


def run(
    *, data_dir: Path | str | None = None, parse_timeout: float = 30.0, unprotected: bool = True
) -> dict[str, Any]:
    """The benchmark; `data_dir` copies an existing index instead of building one."""
    from pydantic import SecretStr

    files = {name: make() for name, make in FILES.items()}
    with tempfile.TemporaryDirectory(prefix="guidebot-bench-hostile-") as tmp:
        workdir = Path(tmp)
        comparison = None
        if unprotected:
            bomb = workdir / "bomb.docx"
            bomb.write_bytes(files["bomb.docx"])
            log("python-docx reading the 1 GB zip bomb with no limits (for comparison)")
            comparison = unprotected_peak_mb(bomb)
        settings = prepare_data(workdir / "data", Path(data_dir) if data_dir else None)
        shutil.copytree(settings.knowledge_dir, workdir / "knowledge")
        settings = settings.model_copy(
            update={
                "knowledge_dir": workdir / "knowledge",
                "telegram_bot_token": SecretStr("1:bench"),
                "editor_ids": [EDITOR],
                "rate_limit_per_minute": 1_000_000,
                "parse_timeout": parse_timeout,
            }
        )
        log(f"bot built in this process (pid {os.getpid()}); {len(files)} hostile uploads")
        result = asyncio.run(_play(settings, files))
    result["unprotected_bomb_docx"] = comparison
    result["how"] = (
        "the bot as `guidebot run` builds it, in this process, with an in-process Bot API; "
        "production limits (settings defaults) except PARSE_TIMEOUT="
        f"{parse_timeout:g} s; a learner asks the dev questions one after another while each "
        "upload is read; memory sampled every 20 ms (VmRSS of the bot process and of its child "
        "worker processes)"
    )
    return result
