"""Failures, non-text messages, group chats, and non-essential calls that fail."""

from __future__ import annotations

import logging

import pytest
from tg_factories import Learner, RecordingRequest, button_data


async def test_engine_failure_gets_an_apology_with_a_counsellor_button(
    app, learner: Learner, request_: RecordingRequest, caplog
) -> None:
    with caplog.at_level(logging.INFO):
        await learner.send("boom: my secret question")

    (apology,) = request_.sent()
    assert apology["text"] == "error_apology[en]"
    assert button_data(apology) == ["human"]
    failure = next(r for r in caplog.records if r.levelno == logging.ERROR)
    assert failure.exc_info
    assert isinstance(failure.exc_info[1], RuntimeError)
    # The learner's words never reach the logs.
    assert all("secret" not in record.getMessage() for record in caplog.records)


async def test_failing_chat_action_and_menu_do_not_break_the_reply(
    app, request_: RecordingRequest, caplog
) -> None:
    request_.fail |= {"sendChatAction": 500, "setMyCommands": 500}
    learner = Learner(app)

    with caplog.at_level(logging.DEBUG):
        await learner.command("start")
        await learner.send("What is a learning account?")

    assert request_.texts()[0] == "welcome[en]"
    assert request_.texts()[-1].startswith("In your country")
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("sendChatAction failed" in r.getMessage() for r in caplog.records)


@pytest.mark.parametrize("kind", ["voice", "photo", "sticker", "document", "location"])
async def test_non_text_messages_get_a_clear_reply(
    app, learner: Learner, request_: RecordingRequest, engine, kind: str
) -> None:
    await learner.send_attachment(kind)

    assert request_.texts() == ["non_text[en]"]
    assert engine.calls == []


async def test_group_commands_get_one_line_and_messages_are_ignored(
    app, request_: RecordingRequest, engine
) -> None:
    member = Learner(app, chat_type="group", chat_id=-7)

    await member.command("start")
    await member.send("what about training leave?")

    assert request_.texts() == ["private_only[en]"]
    assert engine.calls == []


async def test_counsellors_group_is_left_alone(app, request_: RecordingRequest) -> None:
    counsellor = Learner(app, chat_type="supergroup", chat_id=-100500)

    await counsellor.command("start")

    assert request_.texts() == []


async def test_a_blocked_bot_logs_a_warning_and_sends_nothing_more(
    app, learner: Learner, request_: RecordingRequest, caplog
) -> None:
    request_.fail["sendMessage"] = 403

    await learner.send("What is a learning account?")

    assert len(request_.sent()) == 1  # the answer was refused; no apology attempted
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    assert any("may not write" in r.getMessage() for r in caplog.records)
