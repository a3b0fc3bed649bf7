"""Failures, non-text messages, group chats, and non-essential calls that fail."""

from __future__ import annotations

import logging
import traceback

import pytest
from telegram.error import BadRequest
from tg_factories import Learner, RecordingRequest, Texts, button_data, buttons

from bot.channels.telegram import build_application
from bot.store import Store


async def test_engine_failure_gets_an_apology_with_a_counsellor_button(
    settings, store: Store, strings, request_: RecordingRequest, fresh_services, tr: Texts, caplog
) -> None:
    # A real engine whose knowledge index has gone away under it (its database is closed).
    fresh_services.close()
    application = build_application(
        settings, engine=fresh_services.engine, store=store, strings=strings, request=request_
    )
    await application.initialize()
    request_.clear()
    try:
        with caplog.at_level(logging.INFO):
            await Learner(application).send("How much money do I get on my CPF? my secret")
    finally:
        await application.shutdown()

    (apology,) = request_.sent()
    assert apology["text"] == tr("error_apology")
    assert button_data(apology) == ["human"]
    assert [b["text"] for b in buttons(apology)] == [tr("button_counsellor")]
    failure = next(r for r in caplog.records if r.levelno == logging.ERROR)
    assert failure.exc_info
    error = failure.exc_info[1]
    assert error is not None
    # The failure came from inside the engine (its search), not from Telegram.
    frames = traceback.extract_tb(error.__traceback__)
    assert any(frame.filename.endswith("guidance/pipeline.py") for frame in frames)
    # The learner's words never reach the logs.
    assert all("secret" not in record.getMessage() for record in caplog.records)


async def test_a_reply_telegram_refuses_gets_an_apology(
    app, learner: Learner, request_: RecordingRequest, tr: Texts, caplog
) -> None:
    request_.fail_next["sendMessage"] = 1  # Telegram answers 400 to the answer, once

    with caplog.at_level(logging.INFO):
        await learner.send("How much money do I get on my CPF each year? my secret question")

    answer, apology = request_.sent()
    assert "€500 a year" in answer["text"]
    assert apology["text"] == tr("error_apology")
    assert button_data(apology) == ["human"]
    failure = next(r for r in caplog.records if r.levelno == logging.ERROR)
    assert failure.exc_info
    assert isinstance(failure.exc_info[1], BadRequest)
    assert all("secret" not in record.getMessage() for record in caplog.records)


async def test_failing_chat_action_and_menu_do_not_break_the_reply(
    app, request_: RecordingRequest, tr: Texts, caplog
) -> None:
    request_.fail |= {"sendChatAction": 500, "setMyCommands": 500}
    app.bot_data["deps"].typing_after = 0  # "typing…" for every reply
    learner = Learner(app)

    with caplog.at_level(logging.DEBUG):
        await learner.command("start")
        await learner.send("How much money do I get on my CPF each year?")

    assert request_.texts()[0] == tr("welcome")
    assert "€500 a year" in request_.texts()[-1]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("sendChatAction failed" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("kind", ["voice", "photo", "sticker", "document", "location"])
async def test_non_text_messages_get_a_clear_reply(
    app, learner: Learner, request_: RecordingRequest, tr: Texts, kind: str, engine
) -> None:
    await learner.send_attachment(kind)

    assert request_.texts() == [tr("non_text")]
    assert engine.asked == []


async def test_group_commands_get_one_line_and_messages_are_ignored(
    app, request_: RecordingRequest, tr: Texts, engine
) -> None:
    member = Learner(app, chat_type="group", chat_id=-7)

    await member.command("start")
    await member.send("How much money do I get on my CPF each year?")

    assert request_.texts() == [tr("private_only")]
    assert engine.asked == []


async def test_counsellors_group_is_left_alone(app, request_: RecordingRequest) -> None:
    counsellor = Learner(app, chat_type="supergroup", chat_id=-100500)

    await counsellor.command("start")

    assert request_.texts() == []


async def test_a_blocked_bot_logs_a_warning_and_sends_nothing_more(
    app, learner: Learner, request_: RecordingRequest, caplog
) -> None:
    request_.fail["sendMessage"] = 403

    await learner.send("How much money do I get on my CPF each year?")

    (refused,) = request_.sent()  # the answer was refused; no apology attempted
    assert "€500 a year" in refused["text"]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("may not write" in r.getMessage() for r in caplog.records)
