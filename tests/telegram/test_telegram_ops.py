"""The running application as an operator sees it: answers through Telegram's bad moments, one
log line per update, the metrics they move, the scaled job queue and the stop's grace period."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any

import pytest
from telegram.error import TimedOut
from tg_factories import Learner, RecordingRequest, Texts

from bot.channels.telegram import build_application
from bot.channels.telegram.lifecycle import InFlight

CPF = "How much money do I get on my CPF each year? my secret question"
CPF_500 = "€500 a year"


class StumblingRequest(RecordingRequest):
    """Answers the scripted failures first (an HTTP status, or an exception to raise), then as
    Telegram does; `delivered` holds the calls Telegram carried out."""

    def __init__(self) -> None:
        super().__init__()
        self.script: dict[str, list[int | Exception]] = {}
        self.delivered: list[tuple[str, dict[str, Any]]] = []

    async def do_request(self, url: str, method: str, request_data: Any = None, *args: Any,
                         **kwargs: Any) -> tuple[int, bytes]:  # fmt: skip
        name = url.rsplit("/", 1)[-1]
        failures = self.script.get(name)
        if failures:
            failure = failures.pop(0)
            self.calls.append((name, request_data.parameters if request_data else {}))
            if isinstance(failure, Exception):
                raise failure
            return failure, b'{"ok": false, "error_code": %d, "description": "Bad Gateway"}' % (
                failure
            )
        code, payload = await super().do_request(url, method, request_data, *args, **kwargs)
        if code == 200:
            self.delivered.append(self.calls[-1])
        return code, payload

    def delivered_texts(self, chat_id: int = 42) -> list[str]:
        return [
            p["text"]
            for name, p in self.delivered
            if name == "sendMessage" and int(p["chat_id"]) == chat_id
        ]


@pytest.fixture
def request_() -> StumblingRequest:
    return StumblingRequest()


def update_lines(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.name == "bot.ops.updates"]


async def test_an_answer_gets_through_a_bad_gateway_once_without_an_apology(
    app, learner: Learner, request_: StumblingRequest, tr: Texts
) -> None:
    request_.script["sendMessage"] = [502]
    await learner.send(CPF)
    (answer,) = request_.delivered_texts()
    assert CPF_500 in answer
    assert len(request_.sent()) == 2  # refused once, then sent


async def test_a_send_that_still_fails_is_logged_with_the_update_id_before_the_apology(
    app, learner: Learner, request_: StumblingRequest, settings, tr: Texts, caplog
) -> None:
    request_.script["sendMessage"] = [502] * (1 + settings.telegram_retries)
    apologised_when_logged: list[bool] = []

    class Watch(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            if record.levelno == logging.ERROR:
                apologised_when_logged.append(tr("error_apology") in request_.delivered_texts())

    watch = Watch()
    logging.getLogger().addHandler(watch)
    try:
        with caplog.at_level(logging.INFO):
            await learner.send(CPF)
    finally:
        logging.getLogger().removeHandler(watch)

    assert request_.delivered_texts() == [tr("error_apology")]
    assert apologised_when_logged == [False]
    failure = next(r for r in caplog.records if r.levelno == logging.ERROR)
    (line,) = update_lines(caplog)
    assert failure.getMessage() == f"Handling update {line.update_id} failed"  # type: ignore[attr-defined]
    assert (line.decision, line.result) == ("answer", "error")  # type: ignore[attr-defined]


async def test_a_message_telegram_may_have_taken_is_neither_repeated_nor_apologised_for(
    app, learner: Learner, request_: StumblingRequest, caplog
) -> None:
    request_.script["sendMessage"] = [TimedOut()]
    with caplog.at_level(logging.INFO):
        await learner.send(CPF)

    assert len(request_.sent()) == 1  # the answer, once; no retry, no apology
    (line,) = update_lines(caplog)
    warning = next(r for r in caplog.records if "not sent again" in r.getMessage())
    assert f"update={line.update_id} sendMessage" in warning.getMessage()  # type: ignore[attr-defined]
    assert line.result == "maybe_sent"  # type: ignore[attr-defined]


async def test_each_update_gets_one_info_line_without_the_learners_words(
    app, learner: Learner, request_: StumblingRequest, small_services, caplog
) -> None:
    with caplog.at_level(logging.INFO):
        await learner.command("start")
        await learner.send(CPF)
        await learner.command("nonsense")

    start, question, unknown = update_lines(caplog)
    fields = ("kind", "decision", "result", "language")
    assert [getattr(start, f) for f in fields] == ["command:start", "handled", "ok", "-"]
    assert [getattr(question, f) for f in fields] == ["text", "answer", "ok", "en"]
    assert question.index == small_services.index_version  # type: ignore[attr-defined]
    assert question.latency_ms >= 0  # type: ignore[attr-defined]
    assert unknown.kind == "command:other"  # type: ignore[attr-defined]
    assert all(r.levelno == logging.INFO for r in (start, question, unknown))
    assert all("secret" not in r.getMessage() for r in caplog.records)

    metrics = app.bot_data["deps"].metrics
    answered = {"decision": "answer", "language": "en"}
    assert metrics.registry.get_sample_value("guidebot_replies_total", answered) == 1
    assert metrics.registry.get_sample_value("guidebot_reply_seconds_count") == 1
    assert metrics.registry.get_sample_value("guidebot_updates_total", {"kind": "text"}) == 1


async def test_the_schedule_scale_shortens_every_job_interval(
    settings, engine, store, strings
) -> None:
    fast = settings.model_copy(update={"schedule_scale": 0.1})
    application = build_application(fast, engine=engine, store=store, strings=strings,
                                     request=RecordingRequest())  # fmt: skip
    jobs = application.job_queue.jobs()
    intervals = {job.name: getattr(job.job.trigger, "interval", None) for job in jobs}
    assert intervals["handoff-outbox"] == timedelta(seconds=0.5)
    assert intervals["purge"] == timedelta(hours=2.4)


async def test_the_stop_waits_for_work_in_flight_then_cuts_what_outlives_the_grace() -> None:
    in_flight = InFlight()
    finished: list[str] = []

    async def work(name: str, seconds: float) -> None:
        in_flight.add(asyncio.current_task())
        try:
            await asyncio.sleep(seconds)
            finished.append(name)
        finally:
            in_flight.discard(asyncio.current_task())

    quick = asyncio.create_task(work("quick", 0.05))
    slow = asyncio.create_task(work("slow", 30))
    await asyncio.sleep(0)
    assert await in_flight.drain(grace=0.3) == 1
    assert finished == ["quick"]
    assert quick.done()
    assert slow.cancelled()
