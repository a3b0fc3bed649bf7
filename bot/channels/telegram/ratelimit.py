"""Limits: each learner's messages (a sliding one-minute window kept in memory), and the
bot's requests to Telegram (`TelegramLimits`)."""

from __future__ import annotations

import math
import time
from collections import defaultdict, deque
from collections.abc import Callable, Coroutine
from typing import Any, Literal

from telegram.ext import AIORateLimiter

# What a Bot API call answers (PTB's JSONDict results).
ApiResult = bool | dict[str, Any] | list[dict[str, Any]]
Verdict = Literal["ok", "limited", "silent"]


class SlidingWindowLimiter:
    """Allow `per_minute` messages per user in any 60 seconds.

    `check` answers "limited" for the first refused message of a burst (tell the learner once)
    and "silent" for the rest, so a flood does not make the bot flood back.
    """

    def __init__(
        self, per_minute: int, *, window: float = 60.0, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.per_minute = per_minute
        self.window = window
        self.clock = clock
        self._hits: defaultdict[int, deque[float]] = defaultdict(deque)
        self._told: set[int] = set()
        self.max_tracked = 10_000

    def check(self, user_id: int) -> Verdict:
        now = self.clock()
        if len(self._hits) > self.max_tracked:
            self._forget_idle(now)
        hits = self._hits[user_id]
        while hits and hits[0] <= now - self.window:
            hits.popleft()
        if len(hits) < self.per_minute:
            hits.append(now)
            self._told.discard(user_id)
            return "ok"
        if user_id in self._told:
            return "silent"
        self._told.add(user_id)
        return "limited"

    def retry_in(self, user_id: int) -> int:
        """Whole seconds until `user_id` may send again (0 when they may now)."""
        hits = self._hits.get(user_id)
        if not hits or len(hits) < self.per_minute:
            return 0
        return max(1, math.ceil(hits[0] + self.window - self.clock()))

    def _forget_idle(self, now: float) -> None:
        idle = [
            uid for uid, hits in self._hits.items() if not hits or hits[-1] <= now - self.window
        ]
        for uid in idle:
            del self._hits[uid]
            self._told.discard(uid)


class TelegramLimits(AIORateLimiter):
    """Telegram's own limits (PTB's `AIORateLimiter`: 30 messages a second overall, 20 a minute
    per group, a 429 waited out and retried), counted on messages only.

    `AIORateLimiter` counts every request that names a chat, so each "typing…" took a message's
    place in the 30-a-second budget: under load the bot answered at most 15 learners a second
    (measured: 15.7). Chat actions go straight out; one Telegram refused costs nothing, as
    `send.best_effort` logs it and the reply goes on.
    """

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, ApiResult]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> ApiResult:
        if endpoint == "sendChatAction":
            return await callback(*args, **kwargs)
        return await super().process_request(
            callback, args, kwargs, endpoint, data, rate_limit_args
        )
