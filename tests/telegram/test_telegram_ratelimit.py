"""The per-learner sliding window, and Telegram's limits on the bot's requests."""

from __future__ import annotations

import asyncio
from typing import Any

from bot.channels.telegram.ratelimit import SlidingWindowLimiter, TelegramLimits


class Ticks:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_window_slides() -> None:
    ticks = Ticks()
    limiter = SlidingWindowLimiter(2, clock=ticks)

    assert [limiter.check(1) for _ in range(4)] == ["ok", "ok", "limited", "silent"]
    ticks.now = 59.0
    assert limiter.check(1) == "silent"
    ticks.now = 60.5
    assert limiter.check(1) == "ok"
    assert limiter.check(2) == "ok"


def test_idle_learners_are_forgotten() -> None:
    ticks = Ticks()
    limiter = SlidingWindowLimiter(1, clock=ticks)
    limiter.max_tracked = 10
    for uid in range(20):
        limiter.check(uid)
    ticks.now = 120.0
    limiter.check(99)

    assert len(limiter._hits) == 1


def test_retry_in_counts_down_to_the_oldest_message_leaving_the_window() -> None:
    ticks = Ticks()
    limiter = SlidingWindowLimiter(2, clock=ticks)
    assert limiter.retry_in(1) == 0
    limiter.check(1)
    ticks.now = 10.0
    limiter.check(1)

    ticks.now = 20.5
    assert limiter.retry_in(1) == 40


async def test_chat_actions_do_not_use_the_message_budget() -> None:
    limits = TelegramLimits(overall_max_rate=1, overall_time_period=60)  # 1 message a minute
    sent: list[str] = []

    async def call(endpoint: str) -> Any:
        async def post(name: str) -> bool:
            sent.append(name)
            return True

        return await limits.process_request(post, (endpoint,), {}, endpoint, {"chat_id": 1}, None)

    await call("sendMessage")  # the minute's one message
    waiting = asyncio.create_task(call("sendMessage"))
    for _ in range(2):  # not held up (AIORateLimiter alone would make them wait a minute)
        await asyncio.wait_for(call("sendChatAction"), timeout=5)
    await asyncio.sleep(0.05)

    assert sent == ["sendMessage", "sendChatAction", "sendChatAction"]
    assert not waiting.done()  # the second message waits for the next minute
    waiting.cancel()
