"""Delivering what the lifecycle stored: every pending message, in order, through a transport.

Exceptions a transport raises (documented here, httpx-style):

- `RetryLater` — a transient failure (network, flood control, server error): the message stays
  pending and is tried again after a backoff, or at once after a restart; later messages to the
  same destination wait behind it, so order is kept.
- `ThreadGone(RetryLater)` — the case's forum topic no longer exists: messages go to the group
  without a topic from now on.
- `Undeliverable` — a permanent refusal (the learner blocked the bot, a message that cannot be
  copied, a closed topic): the message is marked failed; for a learner, the counsellors are
  told; one for the case's thread is posted in the group's main chat instead, after a line
  naming the case.

A message is marked sent only after the transport returns, so a crash between the two sends it
again after the restart (at least once); relays are deduplicated before they are stored.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Protocol

from bot.handoff.cases import Desk
from bot.handoff.models import Case, Delivery

logger = logging.getLogger(__name__)

FIRST_RETRY = 5.0  # seconds; doubled each attempt
MAX_RETRY = 600.0


class RetryLater(Exception):
    def __init__(self, reason: str, after: float | None = None) -> None:
        super().__init__(reason)
        self.after = after


class ThreadGone(RetryLater):
    pass


class Undeliverable(Exception):
    pass


@dataclass(frozen=True, slots=True)
class Sent:
    message_id: int | None = None
    thread_id: int | None = None


class Transport(Protocol):
    async def send(self, delivery: Delivery, case: Case) -> Sent: ...


@dataclass
class Outbox:
    """Delivers a desk's pending messages; one delivery run at a time."""

    desk: Desk
    transport: Transport
    _running: asyncio.Lock = field(default_factory=asyncio.Lock)
    _again: bool = False

    async def deliver_pending(self) -> int:
        """Send what is due; returns how many were sent. If a run is under way, it is asked
        to look again when done instead of waiting for it."""
        if self._running.locked():
            self._again = True
            return 0
        sent = 0
        async with self._running:
            self._again = True
            while self._again:
                self._again = False
                sent += await self._run()
        return sent

    async def _run(self) -> int:
        cases = self.desk.cases
        blocked: set[tuple[str, int]] = set()  # (learner | group, case id) whose order holds
        sent = 0
        for delivery in await cases.pending():
            key = ("learner" if delivery.target == "learner" else "group", delivery.case_id)
            if key in blocked:
                continue
            if delivery.next_attempt_at > cases.now():
                blocked.add(key)
                continue
            case = await cases.get(delivery.case_id)
            assert case is not None
            try:
                result = await self.transport.send(delivery, case)
            except RetryLater as exc:
                blocked.add(key)
                await self._retry(delivery, exc)
                continue
            except Undeliverable as exc:
                await self._failed(delivery, case, str(exc))
                continue
            async with cases.transaction():
                await cases.mark_sent(delivery.id, result.message_id)
                if delivery.kind == "topic" and result.thread_id is not None:
                    await cases.change(case.id, thread_id=result.thread_id)
                if delivery.kind == "card":
                    await cases.change(case.id, card_message_id=result.message_id)
            sent += 1
        return sent

    async def _retry(self, delivery: Delivery, exc: RetryLater) -> None:
        cases = self.desk.cases
        delay = exc.after or min(MAX_RETRY, FIRST_RETRY * 2**delivery.attempts)
        logger.warning(
            "Delivery %d (case %d, %s) failed, retrying in %.0fs: %s",
            delivery.id,
            delivery.case_id,
            delivery.target,
            delay,
            exc,
        )
        async with cases.transaction():
            if isinstance(exc, ThreadGone):
                await cases.change(delivery.case_id, thread_id=None)
                delay = 0
            await cases.mark_retry(delivery.id, str(exc), cases.now() + timedelta(seconds=delay))
        if isinstance(exc, ThreadGone):
            self._again = True

    async def _failed(self, delivery: Delivery, case: Case, reason: str) -> None:
        cases = self.desk.cases
        logger.warning(
            "Delivery %d (case %d, %s) refused: %s",
            delivery.id,
            case.id,
            delivery.target,
            reason,
        )
        async with cases.transaction():
            await cases.mark_failed(delivery.id, reason)
            if delivery.target == "learner":
                text = self.desk.team("team_undelivered", n=case.id, reason=reason)
                await cases.enqueue(case.id, "thread", "text", text=text)
                self._again = True
            elif delivery.target == "thread":
                await self._post_in_group(delivery, reason)

    async def _post_in_group(self, delivery: Delivery, reason: str) -> None:
        """Send what the case's thread refused to the group instead (inside a transaction)."""
        cases = self.desk.cases
        logger.warning(
            "Delivery %d (case %d): posted in the group instead of the case's thread",
            delivery.id,
            delivery.case_id,
        )
        notice = self.desk.team("team_thread_refused", n=delivery.case_id, reason=reason)
        await cases.enqueue(delivery.case_id, "group", "text", text=notice)
        await cases.enqueue(
            delivery.case_id, "group", delivery.kind, text=delivery.text,
            buttons=delivery.buttons, copy_of=delivery.copy_of,
        )  # fmt: skip
        self._again = True
