"""Operating the real bot process: Telegram's bad moments (a 502, a timeout, a 429 injected by the
test server), /healthz and /metrics scraped as a monitoring system does, quiet logs when idle,
and the graceful stop.

One bot serves the first tests (started once: its models take a while to load), configured as
in production except that every periodic job runs 20 times as often (`SCHEDULE_SCALE`), so a few
seconds of idling cover minutes of the real schedule.
"""

from __future__ import annotations

import contextlib
import json
import signal
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bot.guidance.language import Strings
from bot.services import Services
from tests.e2e.conftest import BotProcess, TelegramUser, launch_bot
from tests.e2e.processes import free_port

pytestmark = pytest.mark.e2e

CPF = "How much money do I get on my CPF each year?"
CPF_500 = "gets €500 a year"
GROUP = -1001234567890
SCALE = 0.05  # every job 20× as often: 7 s of idling are more than 2 minutes of schedule
IDLE_SECONDS = 7.0


@pytest.fixture(scope="module")
def strings() -> Strings:
    return Strings()


@pytest.fixture(scope="module")
def ops_bot(
    telegram_server: str, small_services: Services, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[BotProcess, str, str]]:
    """The bot with /healthz and /metrics on 127.0.0.1, JSON logs at DEBUG (so the idle test
    sees the jobs run), a counsellors' group and an editor (so their jobs run too), and a 1 s
    read timeout for Bot API calls: (bot, its token, the endpoints' base URL)."""
    port = free_port()
    token = f"{free_port()}:ops-token"
    extra = {
        "OPS_HTTP": "true",
        "METRICS_PORT": str(port),
        "LOG_FORMAT": "json",
        "LOG_LEVEL": "DEBUG",
        "SCHEDULE_SCALE": str(SCALE),
        "TELEGRAM_READ_TIMEOUT": "1",
        "COUNSELLOR_CHAT_ID": str(GROUP),
        "EDITOR_IDS": "7",
    }
    folder = tmp_path_factory.mktemp("ops-bot")
    with launch_bot(telegram_server, token, folder, small_services, extra=extra) as bot:
        yield bot, token, f"http://127.0.0.1:{port}"


@pytest.fixture
def faults(telegram_server: str) -> Iterator[httpx.Client]:
    """The test server's fault switch; every fault is cleared after the test."""
    client = httpx.Client(base_url=telegram_server, timeout=5)
    yield client
    client.post("/faults/clear")
    client.close()


def log_entries(bot: BotProcess) -> list[dict[str, Any]]:
    """The bot's JSON log lines; a line that is not JSON fails the test."""
    entries = []
    for line in bot.output().splitlines():
        if line.strip():
            try:
                entries.append(json.loads(line))
            except json.JSONDecodeError:
                pytest.fail(f"not a JSON log line: {line!r}")
    return entries


def answers(user: TelegramUser) -> list[str]:
    return [m["text"] for m in user.messages() if CPF_500 in m["text"]]


def test_idle_running_writes_no_info_line_while_the_jobs_run(ops_bot) -> None:
    bot, _, _ = ops_bot
    time.sleep(IDLE_SECONDS)
    entries = log_entries(bot)
    ready = next(
        i for i, e in enumerate(entries) if e["message"] == "Telegram bot polling for updates"
    )
    idle = entries[ready + 1 :]
    loud = [e for e in idle if e["level"] not in ("DEBUG",)]
    assert loud == []
    # The real jobs ran, several times, below INFO.
    runs = [e["message"] for e in idle if e["message"].startswith("Running job")]
    for job in ("handoff-outbox", "handoff-reminders", "watch-index", "purge", "handoff-purge"):
        assert any(f'"{job} (' in run for run in runs), (job, runs)
    assert sum('"handoff-outbox (' in run for run in runs) >= 10


@pytest.mark.parametrize(
    ("fault", "user_id"),
    [
        ({"status": 502}, 6001),
        ({"delayMs": 2500}, 6002),  # Telegram takes the message but answers after the timeout
        ({"status": 429, "retryAfter": 1}, 6003),
    ],
    ids=["502", "timeout", "429"],
)
def test_the_learner_gets_the_answer_exactly_once_through_a_transient_failure(
    ops_bot, telegram_server: str, faults: httpx.Client, strings: Strings, fault, user_id
) -> None:
    bot, token, _ = ops_bot
    learner = TelegramUser(telegram_server, token, bot, user_id=user_id)
    faults.post("/faults", json={"method": "sendMessage", "chatId": user_id, "times": 1, **fault})

    learner.send(CPF)
    learner.wait_for(lambda ms: answers(learner))
    time.sleep(2.0)  # longer than any retry: a second copy would have arrived by now

    assert len(answers(learner)) == 1
    assert len(learner.messages()) == 1  # no apology either
    assert faults.get("/faults").json()["result"][0]["hits"] == 1
    apology = strings.get("error_apology", "en")
    assert all(apology not in m["text"] for m in learner.messages())
    if "delayMs" in fault:  # the send was not repeated, and the log says why, with the update
        [line] = [e for e in log_entries(bot) if "not sent again" in e["message"]]
        assert line["level"] == "WARNING"
        assert "update=" in line["message"]
        assert "update=-" not in line["message"]
    assert CPF not in bot.output()  # the learner's words stay out of the logs, even at DEBUG


def scrape(base: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """GET /metrics and parse it as Prometheus does: {(sample name, labels): value}."""
    response = httpx.get(f"{base}/metrics", timeout=5)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def test_metrics_move_after_a_question(ops_bot, telegram_server: str) -> None:
    bot, token, base = ops_bot
    answered = ("guidebot_replies_total", (("decision", "answer"), ("language", "en")))
    latency = ("guidebot_reply_seconds_count", ())
    before = scrape(base)

    learner = TelegramUser(telegram_server, token, bot, user_id=6010)
    learner.send(CPF)
    learner.wait_for(lambda ms: answers(learner))
    time.sleep(0.2)  # the update's metrics move as its handling ends, after the last send
    after = scrape(base)

    assert after[answered] == before[answered] + 1
    assert after[latency] == before[latency] + 1
    assert after[("guidebot_cases_unclaimed", ())] == 0
    assert ("guidebot_outbox_backlog", ()) in after
    assert "6010" not in httpx.get(f"{base}/metrics").text  # no learner id in any label
    update_lines = [
        e
        for e in log_entries(bot)
        if e["logger"] == "bot.ops.updates" and e.get("decision") == "answer"
    ]
    assert update_lines[-1]["level"] == "INFO"
    assert update_lines[-1]["language"] == "en"
    assert update_lines[-1]["index"] != "-"


def health(base: str) -> tuple[int, dict[str, Any]]:
    response = httpx.get(f"{base}/healthz", timeout=10)
    return response.status_code, response.json()


def test_healthz_fails_while_the_database_is_locked(ops_bot) -> None:
    bot, _, base = ops_bot
    assert health(base)[0] == 200
    with contextlib.closing(sqlite3.connect(bot.database, timeout=5)) as other:
        other.execute("BEGIN EXCLUSIVE")  # e.g. a maintenance job holding the write lock
        status, body = health(base)
        other.execute("ROLLBACK")
    assert status == 503
    assert body["checks"]["database"]["ok"] is False
    assert "database: not writable: database is locked" in body["reason"]
    assert health(base)[0] == 200


def test_healthz_fails_while_the_index_is_missing(ops_bot) -> None:
    bot, _, base = ops_bot
    index = bot.database.parent / "index"
    version = (index / "CURRENT").read_text().strip()
    moved = index.parent / "moved-away"
    (index / version).rename(moved)
    try:
        status, body = health(base)
    finally:
        moved.rename(index / version)
    assert status == 503
    assert body["checks"]["index"]["ok"] is False
    assert f"index version {version} is missing" in body["reason"]
    assert health(base)[0] == 200


def outbox_pending(database: Path) -> int:
    with contextlib.closing(sqlite3.connect(database)) as db:
        return int(
            db.execute("SELECT COUNT(*) FROM outbox WHERE status = 'pending'").fetchone()[0]
        )


def test_sigterm_finishes_the_answer_in_flight_keeps_the_outbox_and_exits_within_10_s(
    telegram_server: str,
    bot_token: str,
    tmp_path: Path,
    small_services: Services,
    faults: httpx.Client,
    strings: Strings,
) -> None:
    """In webhook mode, with /healthz on the webhook server."""
    extra = {"COUNSELLOR_CHAT_ID": str(GROUP), "OPS_HTTP": "true"}
    with launch_bot(
        telegram_server, bot_token, tmp_path, small_services, webhook=True, extra=extra
    ) as bot:
        hook = next(line for line in bot.output().splitlines() if "HTTP endpoints on" in line)
        base = "http://" + hook.rsplit(" on ", 1)[1].strip()
        assert health(base)[0] == 200

        # The counsellors' group is down: a case's card waits in the outbox.
        for method in ("createForumTopic", "sendMessage"):
            faults.post("/faults", json={"method": method, "chatId": GROUP, "status": 502})
        someone = TelegramUser(telegram_server, bot_token, bot, user_id=6020)
        someone.command("human")
        someone.wait_for(lambda ms: ms)
        wait_until(lambda: outbox_pending(bot.database) >= 1, bot)

        # Telegram is slow to answer one learner's answer when the stop comes.
        learner = TelegramUser(telegram_server, bot_token, bot, user_id=6021)
        faults.post(
            "/faults", json={"method": "sendMessage", "chatId": 6021, "times": 1, "delayMs": 2000}
        )
        learner.send(CPF)
        wait_until(lambda: fault_hits(faults, 6021) == 1, bot)
        started = time.monotonic()
        bot.process.send_signal(signal.SIGTERM)
        code = bot.process.wait(timeout=15)
        took = time.monotonic() - started

        assert code == 0
        assert took < 10
        assert len(answers(learner)) == 1  # the answer in flight was finished
        assert outbox_pending(bot.database) >= 1  # the card stays for the next start
        assert "Telegram bot stopped in" in bot.output()
        with pytest.raises(httpx.TransportError):  # the webhook server is closed
            httpx.get(f"{base}/healthz", timeout=2)


def fault_hits(faults: httpx.Client, chat_id: int) -> int:
    return sum(
        f["hits"] for f in faults.get("/faults").json()["result"] if f.get("chatId") == chat_id
    )


def wait_until(condition: Any, bot: BotProcess, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if bot.process.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"timed out:\n{bot.output()}")
        time.sleep(0.05)
