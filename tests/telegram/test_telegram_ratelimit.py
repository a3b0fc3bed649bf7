"""The per-learner sliding window."""

from __future__ import annotations

from bot.channels.telegram.ratelimit import SlidingWindowLimiter


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
