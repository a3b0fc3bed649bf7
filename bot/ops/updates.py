"""One log line per handled update, and what the handlers note for it.

The channel opens a record for each update (`handling`); handlers note what happened
(`note_reply` when the engine answered, `note` for anything else: "rate_limited", "relayed",
...; `note_result` when it failed); when the update is done, one INFO line says so:

    update=812 kind=text decision=answer result=ok language=fr latency_ms=54 index=20260301-...

The record lives in a context variable: python-telegram-bot handles each update in a task of
its own, so concurrent updates never see each other's record, and code below the handlers (the
Bot API request with its retries) can name the update it works for (`current_update_id`).
Never the learner's words, names or ids: an update id identifies nobody outside Telegram's own
systems, and it is what an operator needs to match a failure with the update's line.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

logger = logging.getLogger(__name__)


@dataclass
class UpdateRecord:
    """What is known about one update while it is handled."""

    update_id: int
    kind: str  # what the update is: "text", "command:start", "button:fb", "location", ...
    started: float
    decision: str | None = None  # the engine's, or what was done: "rate_limited", "relayed", ...
    by_engine: bool = False  # the engine replied to a learner's message
    result: str = "ok"  # or how it failed: "error", "maybe_sent", "blocked", "cut_at_stop"
    language: str | None = None
    index_version: str | None = None

    @property
    def answered(self) -> bool:
        """The engine's reply went out (what the reply metrics count)."""
        return self.by_engine and self.result in ("ok", "maybe_sent")

    def fields(self, seconds: float) -> dict[str, object]:
        return {
            "update_id": self.update_id,
            "kind": self.kind,
            "decision": self.decision or "handled",
            "result": self.result,
            "language": self.language or "-",
            "latency_ms": round(seconds * 1000),
            "index": self.index_version or "-",
        }


_current: ContextVar[UpdateRecord | None] = ContextVar("guidebot_update", default=None)


def current_update_id() -> int | None:
    """The id of the update being handled in this task, if any."""
    record = _current.get()
    return record.update_id if record else None


def note_reply(decision: str, language: str, index_version: str) -> None:
    """The engine answered the update's message."""
    record = _current.get()
    if record is not None:
        record.decision, record.by_engine, record.language = decision, True, language
        record.index_version = index_version or None


def note(decision: str, language: str | None = None) -> None:
    """What was done with the update, when the engine did not decide it."""
    record = _current.get()
    if record is not None and not record.by_engine:
        record.decision = decision
        record.language = language or record.language


def note_result(result: str) -> None:
    """How handling the update ended, when not as planned ("error", "maybe_sent", ...)."""
    record = _current.get()
    if record is not None:
        record.result = result


@contextmanager
def handling(
    update_id: int, kind: str, clock: Callable[[], float] = time.perf_counter
) -> Iterator[UpdateRecord]:
    """Open the update's record for the block; the caller logs it (`log_update`) after."""
    record = UpdateRecord(update_id, kind, clock())
    token = _current.set(record)
    try:
        yield record
    finally:
        _current.reset(token)


def log_update(record: UpdateRecord, seconds: float) -> None:
    """The update's one INFO line (and the same fields for JSON logs)."""
    fields = record.fields(seconds)
    logger.info(
        "update=%s kind=%s decision=%s result=%s language=%s latency_ms=%s index=%s",
        *fields.values(),
        extra=fields,
    )
