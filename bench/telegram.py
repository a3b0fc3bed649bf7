"""Telegram load benchmark: many learners at once against the real bot and a local Bot API server.

`python -m bench telegram` builds the knowledge index from the shipped knowledge/ in a temporary
DATA_DIR (about 100-170 s with the default e5 embeddings; `run(data_dir=...)` copies an existing
index instead), starts the patched telegram-test-api (tests/e2e/telegram_server/server.js; run
`npm ci --prefix tests/e2e/telegram_server` first, as `make bench` does) and the real bot process
(`python -m bot.channels.telegram`, offline extractive composer: no OPENAI_* variables), then
plays the learners of `bench/learners.py` against it:

1. reference pass (after a warm-up round): each conversation script is played once, one learner
   at a time, to learn what the bot sends for every message when it is not loaded (number and
   text of its messages, and the single-learner latency);
2. load pass: `learners` learners (distinct chat ids) each play a script of `messages_each`
   messages, all in parallel; a learner sends its next message as soon as the previous reply is
   complete (no think time: a closed loop, the heaviest load those learners can produce), then
   again with new learners who pause like people reading and typing (`think_times`, default
   3 s: 1.5-4.5 s between messages);
3. engine only (`breakdown`): the same messages straight to `engine.reply` in this process, one at
   a time and `learners` at once, to tell engine time from Telegram round trips.

How it is measured (all traffic stays on 127.0.0.1):
- latency: from the moment the learner starts its POST /sendMessage to the moment the test server
  stored the bot's first message for that chat after it (the server stamps every stored message
  with Date.now(), ms; same machine, same clock as time.time()). Polling the server therefore
  adds nothing to this figure; `seen_latency_ms` is the same interval as the learner noticed it by
  polling /getUpdates {token, chatId} every `poll_interval` s (reported);
- a reply is complete when the learner has the number of messages the reference pass got for the
  same message (else after `quiet` s without a new message); messages are attributed to the last
  message the learner sent before the server stored them;
- lost: no bot message within `reply_timeout` s (the learner then stops its conversation);
  error replies: the bot answered with its "Sorry, something went wrong" apology (a handler
  failed; the bot log's ERROR lines are summarised in `bot_log_error_kinds`);
  duplicated: a reply with more messages than the same message got in the reference pass, or with
  the same text twice (a normal answer is 1 message: text + sources, with the 👍/👎/counsellor
  keyboard; a long one is split into several; escalations add a notice message);
- per-learner rate limit set to RATE_LIMIT_PER_MINUTE=1000000 so it never throttles the benchmark.
  Telegram's own limits (30 messages/s overall, chat actions exempt) stay as in production;
- CPU: of the bot, the server and the learners during the load pass, and of every other process
  on the machine (a busy machine makes the figures worse; see `other_processes_cores`).
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from bench.learners import SCRIPTS, TOKEN, Script, apologies, judge, play
from tests.e2e.processes import stop, telegram_server

PROJECT = Path(__file__).resolve().parent.parent
BOT_COMMAND = [sys.executable, "-m", "bot.channels.telegram"]
TARGET = {"learners": 50, "p95_ms": 250}
RATE_LIMIT_PER_MINUTE = 1_000_000
LOAD_CHAT_IDS = 100_000
REFERENCE_CHAT_IDS = 900_000
WARM_UP_CHAT_IDS = 800_000


def log(message: str) -> None:
    print(f"[bench telegram] {message}", file=sys.stderr, flush=True)


def percentile(values: Sequence[float], q: float) -> float:
    """Nearest-rank percentile (the value below which a fraction `q` of the values lie)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def summary_ms(values: Sequence[float]) -> dict[str, float | None]:
    if not values:
        return {"p50": None, "p95": None, "max": None, "mean": None}
    return {
        "p50": round(statistics.median(values), 1),
        "p95": round(percentile(values, 0.95), 1),
        "max": round(max(values), 1),
        "mean": round(statistics.fmean(values), 1),
    }


# --- processes ---------------------------------------------------------------------------------


def _machine_busy_seconds() -> float:
    """CPU time all processes of the machine have used so far (every core, not idle)."""
    values = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    idle = values[3] + values[4]  # idle, iowait
    return (sum(values[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _cpu_seconds(pid: int) -> float:
    """User + system CPU time a process has used so far."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat.rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextlib.contextmanager
def bot_process(
    server: str, data_dir: Path, knowledge_dir: Path, workdir: Path
) -> Iterator[tuple[subprocess.Popen[bytes], Path]]:
    """The real bot (real engine, offline composer) polling the test server: (process, log)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("OPENAI_", "WEBHOOK_", "CHROMA_", "COUNSELLOR_", "EDITOR_"))
    }
    env |= {
        "PYTHONPATH": str(PROJECT),
        "TELEGRAM_BOT_TOKEN": TOKEN,
        "TELEGRAM_API_BASE_URL": f"{server}/bot",
        "DATA_DIR": str(data_dir),
        "KNOWLEDGE_DIR": str(knowledge_dir),
        "POLL_INTERVAL": "0",
        "RATE_LIMIT_PER_MINUTE": str(RATE_LIMIT_PER_MINUTE),
        "LOG_LEVEL": "INFO",
        "NO_PROXY": "127.0.0.1,localhost",
        "no_proxy": "127.0.0.1,localhost",
    }
    log_path = workdir / "bot.log"
    with log_path.open("wb") as sink:
        # Run from the temporary folder so that a developer's .env does not apply.
        process = subprocess.Popen(
            BOT_COMMAND, cwd=workdir, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 300
        while "Telegram bot polling" not in log_path.read_text(errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                tail = log_path.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"the bot did not start:\n{tail}")
            time.sleep(0.1)
        yield process, log_path
    finally:
        stop(process)


def prepare_data(data_dir: Path, source: Path | None) -> Any:
    """Index the shipped knowledge base into `data_dir` (or copy `source`'s index); returns the
    settings used."""
    from bot.config import Settings
    from bot.services import run_ingest

    settings = Settings(_env_file=None, data_dir=data_dir)
    if source is not None:
        if not (source / "index").is_dir():
            raise RuntimeError(f"no index in {source}")
        for name in ("index", "cache"):
            if (source / name).is_dir():
                shutil.copytree(source / name, data_dir / name)
        log(f"copied the index of {source}; bringing it in line with {settings.knowledge_dir}")
    else:
        log(f"indexing {settings.knowledge_dir} ({settings.embeddings} embeddings, ~2-3 min)")
    done = threading.Event()

    def heartbeat() -> None:
        started = time.monotonic()
        while not done.wait(15):
            log(f"  ... still indexing ({time.monotonic() - started:.0f} s)")

    threading.Thread(target=heartbeat, daemon=True).start()
    try:
        report = run_ingest(settings)
    finally:
        done.set()
    log(f"index ready: {report.summary()}")
    return settings


# --- learners ----------------------------------------------------------------------------------


# --- figures -----------------------------------------------------------------------------------


def logged_errors(output: str) -> Counter[str]:
    """ERROR lines of the bot's log, by message and the exception that ended its traceback."""
    found: Counter[str] = Counter()
    lines = output.splitlines()
    for i, line in enumerate(lines):
        if " ERROR " not in line:
            continue
        what = line.split(" ERROR ", 1)[1]
        what = re.sub(r"\d+", "N", what)
        for follow in lines[i + 1 : i + 200]:
            if re.match(r"\d{4}-\d\d-\d\d ", follow):
                break
            if re.match(r"[\w.]+(Error|Exception|TimedOut|Timeout)\b", follow):
                what += " <- " + follow[:160]
        found[what] += 1
    return found


def machine() -> str:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = next(
        (line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if "model name" in line),
        platform.processor() or platform.machine(),
    )
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        total_kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {total_kb / 1024 / 1024:.0f} GB RAM"
    node = subprocess.run(
        ["node", "--version"], capture_output=True, text=True, timeout=10, check=False
    ).stdout.strip()
    import telegram

    return (
        f"{model}, {os.cpu_count()} logical CPUs{memory}; {platform.system()}; "
        f"Python {platform.python_version()}, Node {node}, python-telegram-bot "
        f"{telegram.__version__}, telegram-test-api 4.2.1; learners, bot and server share it"
    )


def engine_only(settings: Any, plan: list[tuple[int, Script]], count: int) -> dict[str, Any]:
    """The engine in this process, no Telegram: one message at a time, then the same messages
    `len(plan)` at a time (as the bot's concurrent updates would run them), to split engine time
    from transport time."""
    from bot.guidance.types import Profile
    from bot.services import build_services

    engine = build_services(settings).engine

    async def timed(text: str) -> float:
        started = time.perf_counter()
        await engine.reply(text, Profile())
        return (time.perf_counter() - started) * 1000

    async def measure() -> tuple[list[float], list[float], float]:
        texts = [text for script in SCRIPTS for text in script.messages]
        for text in texts:  # warm-up: first calls load lazily built parts
            await engine.reply(text, Profile())
        alone = [await timed(text) for text in texts]
        together: list[float] = []
        started = time.perf_counter()
        for step in range(count):
            batch = [s.messages[step % len(s.messages)] for _, s in plan]
            together += await asyncio.gather(*(timed(t) for t in batch))
        return alone, together, time.perf_counter() - started

    alone, together, wall = asyncio.run(measure())
    return {
        "note": "engine.reply in the benchmark process, no Telegram, no history or profile",
        "one_at_a_time_ms": summary_ms(alone),
        f"{len(plan)}_at_once_ms": summary_ms(together),
        f"{len(plan)}_at_once_messages_per_s": round(len(together) / wall, 1),
    }


TELEGRAM_MESSAGES_PER_S = 30  # Telegram's limit for a bot's messages to different chats


def load_pass(
    server: str,
    bot: subprocess.Popen[bytes],
    node: subprocess.Popen[str],
    plan: list[tuple[int, Script]],
    messages_each: int,
    reference: dict[tuple[str, int], list[str]],
    think_s: float,
    timing: dict[str, float],
) -> dict[str, Any]:
    """All learners of `plan` at once, each pausing `think_s` (0.5x-1.5x) between messages."""
    expected = {key: len(texts) for key, texts in reference.items()}
    before = (_cpu_seconds(bot.pid), _cpu_seconds(node.pid), time.process_time())
    machine_before = _machine_busy_seconds()
    cpu_started = time.perf_counter()
    exchanges, wall = asyncio.run(
        play(server, plan, messages_each, expected, sequential=False, think=think_s, **timing)
    )
    cpu = (
        _cpu_seconds(bot.pid) - before[0],
        _cpu_seconds(node.pid) - before[1],
        time.process_time() - before[2],
    )
    other = _machine_busy_seconds() - machine_before - sum(cpu)
    cpu_wall = time.perf_counter() - cpu_started  # with the final settle wait

    timeout = timing["reply_timeout"]
    verdicts = judge(exchanges, reference, timeout, apologies())
    answered = [e for e in exchanges if (x := e.latency_ms()) is not None
                and x <= timeout * 1000]  # fmt: skip
    latencies = [e.latency_ms() or 0.0 for e in answered]
    seen = [(e.seen_mono - e.sent_mono) * 1000 for e in answered if e.seen_mono is not None]
    p95 = percentile(latencies, 0.95) if latencies else math.inf
    learners = len(plan)
    return {
        "think_s": think_s,
        "messages_sent": len(exchanges),
        "messages_not_sent_after_a_lost_reply": learners * messages_each - len(exchanges),
        "replies": len(answered),
        "total_s": round(wall, 2),
        # Handled: answered within the timeout, not with the bot's error apology.
        "messages_per_s": round((len(answered) - verdicts["error_replies"]) / wall, 1),
        "latency_ms": summary_ms(latencies),
        "seen_latency_ms": summary_ms(seen),
        **verdicts,
        "target": {
            **TARGET,
            "met": learners >= TARGET["learners"]
            and p95 < TARGET["p95_ms"]
            and verdicts["lost_replies"] == 0
            and verdicts["error_replies"] == 0
            and verdicts["duplicated_replies"] == 0,
        },
        "cpu_during_load": {
            "window_s": round(cpu_wall, 1),
            "bot_cores": round(cpu[0] / cpu_wall, 2),
            "server_cores": round(cpu[1] / cpu_wall, 2),
            "learners_cores": round(cpu[2] / cpu_wall, 2),
            "other_processes_cores": round(max(0.0, other) / cpu_wall, 2),
            "bot_cpu_ms_per_message": round(cpu[0] * 1000 / max(1, len(exchanges)), 1),
        },
    }


def run(
    learners: int = 50,
    messages_each: int = 5,
    *,
    data_dir: Path | str | None = None,
    poll_interval: float = 0.1,
    reply_timeout: float = 10.0,
    quiet: float = 1.0,
    think_times: Sequence[float] = (0.0, 3.0),
    breakdown: bool = True,
    bot_log: Path | str | None = None,
) -> dict[str, Any]:
    """Run the benchmark: one load pass per think time (0 = closed loop), each with its own
    learners; `data_dir` reuses (copies) an existing index instead of building one, `bot_log`
    keeps a copy of the bot's log."""
    reference_plan = [(REFERENCE_CHAT_IDS + i, s) for i, s in enumerate(SCRIPTS)]
    timing = {"poll_interval": poll_interval, "reply_timeout": reply_timeout,
              "quiet": quiet, "settle": 2.0}  # fmt: skip
    passes: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory(prefix="guidebot-bench-telegram-") as tmp:
        workdir = Path(tmp)
        settings = prepare_data(workdir / "data", Path(data_dir) if data_dir else None)
        with telegram_server() as (server, node):
            log(f"test server on {server}; starting the bot (loads the models)")
            with bot_process(server, workdir / "data", settings.knowledge_dir, workdir) as (
                bot,
                log_path,
            ):
                log("bot polling; idle CPU for 3 s (its long-polling getUpdates)")
                idle = (_cpu_seconds(bot.pid), _cpu_seconds(node.pid), time.perf_counter())
                time.sleep(3)
                idle_s = time.perf_counter() - idle[2]
                idle_bot = (_cpu_seconds(bot.pid) - idle[0]) / idle_s
                idle_node = (_cpu_seconds(node.pid) - idle[1]) / idle_s

                log("warm-up and reference pass: each script alone, one learner at a time")
                warm_up = [(WARM_UP_CHAT_IDS + i, s) for i, s in enumerate(SCRIPTS)]
                asyncio.run(play(server, warm_up, messages_each, None, sequential=True, **timing))
                ref_exchanges, _ = asyncio.run(
                    play(server, reference_plan, messages_each, None, sequential=True, **timing)
                )
                reference = {(e.script, e.step): e.texts() for e in ref_exchanges}
                ref_latencies = [x for e in ref_exchanges if (x := e.latency_ms()) is not None]

                for n, think_s in enumerate(think_times):
                    name = f"think_{think_s:g}s" if think_s else "closed_loop"
                    log(f"load pass {name}: {learners} learners x {messages_each} messages")
                    first = LOAD_CHAT_IDS + n * 10_000  # new learners for each pass
                    plan = [(first + i, SCRIPTS[i % len(SCRIPTS)]) for i in range(learners)]
                    passes[name] = load_pass(
                        server, bot, node, plan, messages_each, reference, think_s, timing
                    )
        bot_output = log_path.read_text(errors="replace")
        if bot_log is not None:
            shutil.copyfile(log_path, bot_log)
        log("bot and test server stopped")
        plan = [(LOAD_CHAT_IDS + i, SCRIPTS[i % len(SCRIPTS)]) for i in range(learners)]
        engine = engine_only(settings, plan, messages_each) if breakdown else None

    errors = logged_errors(bot_output)
    shapes = Counter(len(texts) for texts in reference.values())
    result: dict[str, Any] = {
        "learners": learners,
        "messages_each": messages_each,
        "passes": passes,
        # Little's law: with every learner waiting for a reply (closed loop), the mean time to
        # a reply is learners / messages per second, and Telegram lets a bot send 30 a second.
        "closed_loop_mean_latency_floor_ms": round(learners / TELEGRAM_MESSAGES_PER_S * 1000),
        "reference_single_learner": {
            "latency_ms": summary_ms(ref_latencies),
            "messages_per_reply": {str(k): v for k, v in sorted(shapes.items())},
        },
        # No learner writing: the bot long-polls getUpdates, as it does against Telegram.
        "cpu_idle": {"bot_cores": round(idle_bot, 2), "server_cores": round(idle_node, 2)},
        "bot_log_errors": sum(errors.values()),
        "bot_log_error_kinds": dict(errors.most_common(5)),
        "how": (
            "real bot process (python -m bot.channels.telegram, offline extractive composer, "
            "concurrent_updates=True, Telegram's limits as in production: 30 messages/s, chat "
            "actions exempt) long-polling the patched telegram-test-api; "
            f"RATE_LIMIT_PER_MINUTE={RATE_LIMIT_PER_MINUTE} so the per-learner limit never "
            "throttles; learners are asyncio tasks with httpx; closed_loop: each learner sends "
            "its next message as soon as the reply is complete; think_Ns: it pauses 0.5-1.5 x N "
            "s first; latency = POST /sendMessage start -> server timestamp (ms) of the bot's "
            "first message for that chat; seen_latency adds the learner's polling of "
            f"/getUpdates every {poll_interval * 1000:.0f} ms; lost = no reply within "
            f"{reply_timeout:.0f} s; duplicated = more messages (or a repeated text) than the "
            "same message got alone in the reference pass"
        ),
        "poll_interval_ms": round(poll_interval * 1000),
        "machine": machine(),
    }
    if engine is not None:
        result["engine_only"] = engine
    return result


if __name__ == "__main__":
    import json

    print(json.dumps(run(), indent=1))
