"""What an operator sees, without Telegram: log lines (text and JSON, routine lines kept below
INFO), the metrics' labels, the health checks, and the counsellors' backlog read for /metrics."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import logging
import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.guidance.language import Strings
from bot.handoff.cases import Desk, claim_case, open_case
from bot.handoff.models import CaseRequest, Person
from bot.handoff.records import queue_backlog
from bot.ops import updates
from bot.ops.health import Health, TelegramContact, index_problem, write_probe
from bot.ops.logs import DemoteRoutine, JsonFormatter
from bot.ops.metrics import Backlog, Metrics
from bot.store import Store

# --- logs ------------------------------------------------------------------------------------


@contextlib.contextmanager
def capture(level: int, formatter: logging.Formatter) -> Iterator[io.StringIO]:
    """Root logging into a string, configured as `setup_logging` does."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(formatter)
    handler.addFilter(DemoteRoutine())
    root = logging.getLogger()
    saved = root.level
    root.addHandler(handler)
    root.setLevel(level)
    try:
        yield stream
    finally:
        root.removeHandler(handler)
        root.setLevel(saved)


def test_scheduler_runs_are_debug_lines_shown_only_at_debug() -> None:
    scheduler = logging.getLogger("apscheduler.executors.default")
    formatter = logging.Formatter("%(levelname)s %(name)s: %(message)s")
    with capture(logging.INFO, formatter) as quiet:
        scheduler.info('Running job "handoff-outbox (trigger: interval[0:00:05])"')
        scheduler.warning('Run time of job "handoff-outbox" was missed by 0:00:02')
    with capture(logging.DEBUG, formatter) as verbose:
        scheduler.info('Running job "handoff-outbox (trigger: interval[0:00:05])"')

    assert quiet.getvalue().splitlines() == [
        "WARNING apscheduler.executors.default: Run time of job "
        '"handoff-outbox" was missed by 0:00:02'
    ]
    assert verbose.getvalue().startswith("DEBUG apscheduler.executors.default: Running job")


def test_json_lines_carry_the_update_fields_and_the_exception() -> None:
    with capture(logging.INFO, JsonFormatter()) as out:
        with updates.handling(812, "text") as record:
            updates.note_reply("answer", "fr", "20260301-120000-000000")
        updates.log_update(record, 0.054)
        try:
            raise ValueError("boom")
        except ValueError:
            logging.getLogger("bot.test").exception("Handling update %s failed", 812)

    line, failure = (json.loads(text) for text in out.getvalue().splitlines())
    assert line["message"] == (
        "update=812 kind=text decision=answer result=ok language=fr latency_ms=54 "
        "index=20260301-120000-000000"
    )
    assert (line["level"], line["logger"]) == ("INFO", "bot.ops.updates")
    assert (line["update_id"], line["decision"], line["latency_ms"]) == (812, "answer", 54)
    assert datetime.fromisoformat(line["time"]).tzinfo is not None
    assert failure["level"] == "ERROR"
    assert "ValueError: boom" in failure["exception"]


def test_notes_outside_an_update_are_ignored_and_updates_do_not_mix() -> None:
    updates.note("relayed")  # no update being handled: nothing to note, nothing raised

    async def handle(update_id: int, decision: str) -> str | None:
        with updates.handling(update_id, "text") as record:
            await asyncio.sleep(0.01)
            updates.note(decision)
            await asyncio.sleep(0.01)
            assert updates.current_update_id() == update_id
        return record.decision

    async def both() -> list[str | None]:
        return list(await asyncio.gather(handle(1, "relayed"), handle(2, "rate_limited")))

    assert asyncio.run(both()) == ["relayed", "rate_limited"]
    assert updates.current_update_id() is None


# --- metrics ---------------------------------------------------------------------------------


def test_metric_labels_stay_within_bounded_sets() -> None:
    metrics = Metrics(["en", "fr"])
    metrics.reply("answer", "fr", 0.1)
    metrics.reply("answer", "Ана Petrova 5001", 0.1)  # never a label of its own
    metrics.spoken_message("in", "xx")
    metrics.error("something new")

    def value(name: str, **labels: str) -> float | None:
        return metrics.registry.get_sample_value(name, labels)

    assert value("guidebot_replies_total", decision="answer", language="fr") == 1
    assert value("guidebot_replies_total", decision="answer", language="other") == 1
    assert value("guidebot_spoken_messages_total", direction="in", language="other") == 1
    assert value("guidebot_errors_total", kind="other") == 1
    assert value("guidebot_reply_seconds_count") == 2
    assert "5001" not in metrics.render().decode()


def test_every_reply_series_exists_at_zero_before_the_first_reply() -> None:
    text = Metrics(["en"]).render().decode()
    assert 'guidebot_replies_total{decision="escalate",language="en"} 0.0' in text
    assert 'guidebot_errors_total{kind="telegram_gave_up"} 0.0' in text


# --- health ----------------------------------------------------------------------------------


def test_the_index_must_be_loaded_and_still_on_disk(tmp_path: Path) -> None:
    assert "no index is loaded" in (index_problem("", tmp_path) or "")
    version = tmp_path / "20260301-120000-000000"
    assert "is missing" in (index_problem(version.name, tmp_path) or "")
    version.mkdir()
    (version / "manifest.json").write_text("{}")
    assert index_problem(version.name, tmp_path) is None
    (tmp_path / "manifest.json").write_text("{}")  # an index from before versions existed
    assert index_problem("legacy", tmp_path) is None


def test_the_write_probe_fails_while_another_connection_holds_the_lock(tmp_path: Path) -> None:
    database = tmp_path / "guidebot.sqlite3"
    with pytest.raises(FileNotFoundError):
        write_probe(database)
    sqlite3.connect(database).close()
    write_probe(database)
    with contextlib.closing(sqlite3.connect(database)) as other:
        other.execute("BEGIN EXCLUSIVE")
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            write_probe(database, wait=0.05)
        other.execute("ROLLBACK")
    write_probe(database)
    with contextlib.closing(sqlite3.connect(database)) as db:
        assert db.execute("SELECT COUNT(*) FROM _health").fetchone() == (1,)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


async def test_a_stale_telegram_contact_is_probed_before_it_fails_the_check(
    tmp_path: Path,
) -> None:
    clock = FakeClock()
    contact = TelegramContact(clock)
    answers: list[bool] = []

    async def probe() -> object:
        if not answers.pop(0):
            raise ConnectionError("Telegram is down")
        return True

    database = tmp_path / "db.sqlite3"
    sqlite3.connect(database).close()
    (tmp_path / "v1").mkdir()
    (tmp_path / "v1" / "manifest.json").write_text("{}")
    health = Health(
        index_version=lambda: "v1",
        index_dir=tmp_path,
        database=database,
        contact=contact,
        probe=probe,
        within=60,
    )
    contact.answered()
    clock.now += 30
    assert (await health.check()).ok  # recent enough: no probe (none scripted)

    clock.now += 60
    answers.append(True)
    assert (await health.check()).ok  # stale, but getMe answered
    assert contact.age() == 0

    clock.now += 90
    answers.append(False)
    report = await health.check()
    assert report.status == 503
    assert report.reason == (
        "telegram: no answer for 90 s (last failure: getMe: ConnectionError: Telegram is down)"
    )
    assert json.loads(report.as_json())["checks"]["index"] == {"ok": True, "detail": "version v1"}


# --- the counsellors' backlog ----------------------------------------------------------------


async def test_backlog_counts_open_and_unclaimed_cases_and_undelivered_messages(
    tmp_path: Path,
) -> None:
    now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    clock = [now]
    store = await Store.open(tmp_path / "guidebot.sqlite3", clock=lambda: clock[0])
    try:
        desk = Desk(store.cases, Strings())
        assert await queue_backlog(store.cases) == Backlog()  # nothing waits
        first, _ = await open_case(desk, CaseRequest(1, 1, "fr", "learner"))
        clock[0] = now + timedelta(minutes=5)
        second, _ = await open_case(desk, CaseRequest(2, 2, "de", "learner"))
        await claim_case(desk, second.id, Person(7, "Marie"))
        clock[0] = now + timedelta(minutes=20)

        backlog = await queue_backlog(store.cases)
    finally:
        await store.close()

    assert backlog.open_cases == 2
    assert backlog.unclaimed_cases == 1
    assert backlog.oldest_unclaimed_seconds == 20 * 60
    assert backlog.outbox_pending >= 2  # both cards (and more), none delivered
