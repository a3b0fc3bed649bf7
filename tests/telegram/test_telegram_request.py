"""`RetryingRequest`: which Bot API failures are tried again, and which never, so that a message
never shows twice. The real python-telegram-bot `Bot` over its real `HTTPXRequest`; only the
socket is replaced (an httpx `MockTransport` playing Telegram's bad moments)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from typing import Any

import httpx
import pytest
from telegram import Bot
from telegram.error import BadRequest, NetworkError, RetryAfter
from telegram.request import HTTPXRequest

from bot.channels.telegram.request import MaybeSent, RetryingRequest, without_retries
from bot.ops.health import TelegramContact
from bot.ops.metrics import Metrics

BOT_USER = {"id": 1, "is_bot": True, "first_name": "Guide", "username": "guide_bot"}
MESSAGE = {"message_id": 5, "date": 0, "chat": {"id": 42, "type": "private"}, "text": "Hi"}
VOICE = {"file_id": "v1", "file_unique_id": "v1", "duration": 2}
VOICE_MESSAGE = {"message_id": 6, "date": 0, "chat": {"id": 42, "type": "private"}, "voice": VOICE}

Step = Callable[[httpx.Request], httpx.Response]


def ok(result: Any) -> Step:
    return lambda request: httpx.Response(200, json={"ok": True, "result": result})


def status(code: int, description: str = "Bad Gateway", **parameters: Any) -> Step:
    body: dict[str, Any] = {"ok": False, "error_code": code, "description": description}
    if parameters:
        body["parameters"] = parameters
    return lambda request: httpx.Response(code, json=body)


def raises(error: type[httpx.TransportError]) -> Step:
    def step(request: httpx.Request) -> httpx.Response:
        raise error("injected", request=request)

    return step


class Telegram:
    """Answers each Bot API method with the next of its scripted steps (the last one repeats)."""

    def __init__(self) -> None:
        self.script: dict[str, list[Step]] = {"getMe": [ok(BOT_USER)]}
        self.calls: list[str] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        method = request.url.path.rsplit("/", 1)[-1]
        self.calls.append(method)
        steps = self.script[method]
        return (steps.pop(0) if len(steps) > 1 else steps[0])(request)

    def count(self, method: str) -> int:
        return self.calls.count(method)


@pytest.fixture
def telegram() -> Telegram:
    return Telegram()


@pytest.fixture
def metrics() -> Metrics:
    return Metrics()


@pytest.fixture
def contact() -> TelegramContact:
    return TelegramContact()


@pytest.fixture
async def bot(
    telegram: Telegram, metrics: Metrics, contact: TelegramContact
) -> AsyncIterator[Bot]:
    inner = HTTPXRequest(httpx_kwargs={"transport": httpx.MockTransport(telegram)})
    request = RetryingRequest(inner, retries=3, backoff=0.001, metrics=metrics, contact=contact)
    async with Bot("1:T", request=request) as bot:
        telegram.calls.clear()
        yield bot


def errors(metrics: Metrics, kind: str) -> float:
    value = metrics.registry.get_sample_value("guidebot_errors_total", {"kind": kind})
    return value or 0.0


async def test_a_502_is_tried_again_and_the_message_sent_once(bot, telegram, metrics) -> None:
    telegram.script["sendMessage"] = [status(502), ok(MESSAGE)]
    message = await bot.send_message(42, "Hi")
    assert message.message_id == 5
    assert telegram.count("sendMessage") == 2
    assert errors(metrics, "telegram_server_error") == 1


async def test_a_voice_upload_is_sent_whole_again_after_a_bad_gateway(bot, telegram) -> None:
    voice = b"OggS" + bytes(range(256)) * 4  # an Opus voice note's first bytes, and more
    bodies: list[bytes] = []

    def keep(step: Step) -> Step:
        def answer(request: httpx.Request) -> httpx.Response:
            bodies.append(request.read())
            return step(request)

        return answer

    telegram.script["sendVoice"] = [keep(status(502)), keep(ok(VOICE_MESSAGE))]
    await bot.send_voice(42, voice)
    assert telegram.count("sendVoice") == 2
    assert all(voice in body for body in bodies)  # the retry carried the whole file again


async def test_a_connection_that_never_reached_telegram_is_tried_again(bot, telegram) -> None:
    telegram.script["sendMessage"] = [
        raises(httpx.ConnectError),
        raises(httpx.ConnectTimeout),
        ok(MESSAGE),
    ]
    await bot.send_message(42, "Hi")
    assert telegram.count("sendMessage") == 3


@pytest.mark.parametrize(
    "failure", [raises(httpx.ReadTimeout), raises(httpx.RemoteProtocolError), status(504)]
)
async def test_a_message_telegram_may_have_taken_is_never_sent_twice(
    bot, telegram, metrics, failure: Step
) -> None:
    telegram.script["sendMessage"] = [failure, ok(MESSAGE)]
    with pytest.raises(MaybeSent):
        await bot.send_message(42, "Hi")
    assert telegram.count("sendMessage") == 1
    assert errors(metrics, "telegram_maybe_sent") == 1


async def test_an_edit_is_repeated_after_a_timeout_and_not_modified_means_done(
    bot, telegram
) -> None:
    telegram.script["editMessageText"] = [
        raises(httpx.ReadTimeout),  # the edit was made, its answer lost
        status(400, "Bad Request: message is not modified: specified new message content ..."),
    ]
    assert await bot.edit_message_text("Hi", chat_id=42, message_id=5) is True
    assert telegram.count("editMessageText") == 2


async def test_not_modified_without_an_earlier_timeout_is_an_error(bot, telegram) -> None:
    telegram.script["editMessageText"] = [status(400, "Bad Request: message is not modified")]
    with pytest.raises(BadRequest):
        await bot.edit_message_text("Hi", chat_id=42, message_id=5)


async def test_a_refusal_is_not_tried_again(bot, telegram) -> None:
    telegram.script["sendMessage"] = [status(400, "Bad Request: chat not found")]
    with pytest.raises(BadRequest):
        await bot.send_message(42, "Hi")
    assert telegram.count("sendMessage") == 1


async def test_retries_are_bounded_then_the_failure_is_raised(
    bot, telegram, metrics, contact
) -> None:
    telegram.script["sendMessage"] = [status(503, "Service Unavailable")]
    with pytest.raises(NetworkError):
        await bot.send_message(42, "Hi")
    assert telegram.count("sendMessage") == 4  # the first attempt and 3 retries
    assert errors(metrics, "telegram_gave_up") == 1
    assert "HTTP 503" in contact.last_failure


async def test_a_429_is_left_to_the_rate_limiter(bot, telegram, metrics, monkeypatch) -> None:
    monkeypatch.setenv("PTB_TIMEDELTA", "1")  # RetryAfter's new type, without the warning
    telegram.script["sendMessage"] = [status(429, "Too Many Requests", retry_after=3)]
    with pytest.raises(RetryAfter):
        await bot.send_message(42, "Hi")
    assert telegram.count("sendMessage") == 1
    assert errors(metrics, "telegram_flood") == 1


async def test_without_retries_a_call_is_tried_once(bot, telegram) -> None:
    telegram.script["getMe"] = [status(502)]
    with without_retries(), pytest.raises(NetworkError):
        await bot.get_me()
    assert telegram.count("getMe") == 1


async def test_every_answer_from_telegram_counts_as_contact(bot, telegram, contact) -> None:
    assert contact.age() is not None  # getMe when the bot started
    contact.last_answer = None
    telegram.script["sendMessage"] = [raises(httpx.ConnectError), ok(MESSAGE)]
    await bot.send_message(42, "Hi")
    assert contact.age() is not None
    assert "ConnectError" in contact.last_failure


def test_sending_calls_are_the_ones_not_repeated() -> None:
    from bot.channels.telegram.request import repeatable

    for method in ("sendMessage", "sendVoice", "sendDocument", "copyMessage", "createForumTopic"):
        assert not repeatable(method, "POST")
    for method in ("editMessageText", "getFile", "setMyCommands", "deleteMessage"):
        assert repeatable(method, "POST")
    assert repeatable("answerCallbackQuery", "POST")
    assert repeatable("voice.oga", "GET")  # downloading a file
