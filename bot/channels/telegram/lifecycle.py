"""The running application's bookkeeping: each update's log line and metrics, the work in
flight, and the job queue.

- `TrackedApplication.process_update` opens each update's record (`bot.ops.updates`), logs its
  one line when it is done, moves the update and reply metrics, and counts the update as work in
  flight while it runs.
- `GuideJobQueue` counts every job run as work in flight too, and multiplies every interval by
  `SCHEDULE_SCALE` (1 in production; tests and drills run the real jobs faster).
- `InFlight.drain` is the graceful stop's wait: the work in flight may finish within the grace
  period, what still runs then is cancelled (and logged).
"""

from __future__ import annotations

import asyncio
import datetime as dt
import functools
import logging
import re
import time
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

from telegram import Update
from telegram.constants import ChatType
from telegram.ext import Application, CommandHandler, ExtBot, JobQueue

from bot.channels.telegram.deps import GuideContext
from bot.ops import updates
from bot.ops.metrics import Metrics

logger = logging.getLogger(__name__)

IN_FLIGHT = "in_flight"
MEDIA = ("voice", "audio", "video_note", "video", "document", "photo", "sticker", "location")
_BUTTON_KIND = re.compile(r"[a-z_]{1,16}")

T = TypeVar("T")


class InFlight:
    """The tasks handling an update or running a job right now."""

    def __init__(self) -> None:
        self._tasks: set[asyncio.Task[Any]] = set()

    def add(self, task: asyncio.Task[Any] | None) -> None:
        if task is not None:
            self._tasks.add(task)

    def discard(self, task: asyncio.Task[Any] | None) -> None:
        if task is not None:
            self._tasks.discard(task)

    def running(self) -> set[asyncio.Task[Any]]:
        return {task for task in self._tasks if not task.done()}

    async def drain(self, grace: float, queued: Callable[[], int] = lambda: 0) -> int:
        """Wait up to `grace` seconds for the work in flight (and `queued` updates not yet
        started) to finish; cancel what still runs. Returns how many tasks were cut."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + grace
        while (running := self.running()) or queued():
            left = deadline - loop.time()
            if left <= 0:
                break
            if running:  # new work may start meanwhile (queued updates): look again often
                await asyncio.wait(running, timeout=min(left, 0.2))
            else:
                await asyncio.sleep(min(left, 0.02))
        cut = self.running()
        for task in cut:
            task.cancel()
        if cut:
            await asyncio.wait(cut, timeout=1.0)
        return len(cut)


def update_kind(update: Update, commands: frozenset[str]) -> str:
    """What an update is, as a short label from a bounded set (no learner's words in it)."""
    chat = update.effective_chat
    scope = "" if chat is None or chat.type == ChatType.PRIVATE else "group:"
    if update.callback_query is not None:
        prefix = (update.callback_query.data or "").split(":", 1)[0]
        return f"{scope}button:{prefix if _BUTTON_KIND.fullmatch(prefix) else 'other'}"
    message = update.effective_message
    if message is None:
        return "other"
    if message.text is not None:
        if message.text.startswith("/"):
            words = message.text[1:].split(maxsplit=1)
            name = words[0].split("@")[0].lower() if words else ""
            return f"{scope}command:{name if name in commands else 'other'}"
        return f"{scope}text"
    kind = next((kind for kind in MEDIA if getattr(message, kind, None)), "other")
    return f"{scope}{kind}"


class TrackedApplication(
    Application[ExtBot[Any], GuideContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any]
):
    """The application, with each update logged in one line, measured and tracked."""

    _commands: frozenset[str] | None = None

    def commands(self) -> frozenset[str]:
        """The command names the handlers answer (for the update's label)."""
        if self._commands is None:
            self._commands = frozenset(
                name
                for group in self.handlers.values()
                for handler in group
                if isinstance(handler, CommandHandler)
                for name in handler.commands
            )
        return self._commands

    async def process_update(self, update: object) -> None:
        if not isinstance(update, Update):
            await super().process_update(update)
            return
        metrics: Metrics = self.bot_data["deps"].metrics
        in_flight: InFlight = self.bot_data[IN_FLIGHT]
        task = asyncio.current_task()
        in_flight.add(task)
        kind = update_kind(update, self.commands())
        with updates.handling(update.update_id, kind) as record:
            try:
                await super().process_update(update)
            except asyncio.CancelledError:
                record.result = "cut_at_stop"
                metrics.error("cut_at_stop")
                logger.warning(
                    "update=%s cut off at stop: its reply may be missing or incomplete",
                    update.update_id,
                )
                raise
            finally:
                in_flight.discard(task)
                seconds = time.perf_counter() - record.started
                updates.log_update(record, seconds)
                metrics.update(kind)
                if record.answered and record.decision is not None:
                    metrics.reply(record.decision, record.language, seconds)


JobCallback = Callable[[GuideContext], Coroutine[Any, Any, Any]]


class GuideJobQueue(JobQueue[GuideContext]):
    """The job queue: every run counts as work in flight; intervals scaled by `scale`."""

    def __init__(self, scale: float = 1.0, in_flight: InFlight | None = None) -> None:
        super().__init__()
        self.scale = scale
        self.in_flight = in_flight or InFlight()

    def _scaled(self, value: T) -> T:
        if isinstance(value, dt.timedelta):
            return value * self.scale  # type: ignore[return-value]
        if isinstance(value, int | float) and not isinstance(value, bool):
            return value * self.scale  # type: ignore[return-value]
        return value  # a date or a time of day stays what it is

    def _tracked(self, callback: JobCallback) -> JobCallback:
        in_flight = self.in_flight

        @functools.wraps(callback)
        async def run(context: GuideContext) -> Any:
            task = asyncio.current_task()
            in_flight.add(task)
            try:
                return await callback(context)
            finally:
                in_flight.discard(task)

        return run

    def run_once(self, callback: JobCallback, when: Any, *args: Any, **kwargs: Any) -> Any:
        return super().run_once(self._tracked(callback), self._scaled(when), *args, **kwargs)

    def run_repeating(
        self,
        callback: JobCallback,
        interval: Any,
        first: Any = None,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        return super().run_repeating(
            self._tracked(callback), self._scaled(interval), self._scaled(first), *args, **kwargs
        )
