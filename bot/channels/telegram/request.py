"""Every Bot API call goes through `RetryingRequest`: answers, clarifying questions, course cards,
edits, files and voice, learners', counsellors' and editors' chats, jobs and handlers alike.

It wraps python-telegram-bot's HTTP transport (`HTTPXRequest`) and tries a call again, after
`backoff`, 2×, 4×, ... seconds (at most `MAX_WAIT`, `retries` times), when the failure is
transient:

- the request never reached Telegram (connection refused or reset, connect or pool timeout, a
  write that did not complete): any call is tried again;
- Telegram answered 500, 502 or 503: its front end says the Bot API failed the call, so any
  call is tried again. (Were the Bot API to deliver a message and then fail to answer, this
  would show it twice; Telegram does not document such a case, and during its incidents these
  answers come for calls it did not carry out.)
- the request reached Telegram and no answer came (read timeout, connection lost while waiting,
  504): Telegram may have carried it out. A call that is safe to repeat (reading, editing,
  setting, deleting, answering a button) is tried again. A call that sends something
  (`sendMessage`, `sendVoice`, `copyMessage`, `createForumTopic`, ...) is not: the Bot API has
  no idempotency key, and in practice such a timeout means Telegram is slow, not that it lost
  the request, so sending again would show the message twice. It raises `MaybeSent`, logged
  with the update id; the learner is not sent an apology for a message they most likely have.
  `TELEGRAM_READ_TIMEOUT` (default 15 s) keeps this rare.

429 is left to `TelegramLimits` (python-telegram-bot's `AIORateLimiter`), which waits
`retry_after` and calls again. Other 4xx answers are final. A call that still fails after its
retries raises as before: the handler's error handler logs it with the update id, then
apologises to the learner.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from typing import Literal

import httpx
from telegram.error import NetworkError, TelegramError, TimedOut
from telegram.request import BaseRequest, RequestData

from bot.ops.health import TelegramContact
from bot.ops.metrics import Metrics
from bot.ops.updates import current_update_id

logger = logging.getLogger(__name__)

MAX_WAIT = 8.0  # seconds between two attempts at most
TRANSIENT_STATUS = (500, 502, 503)
UNANSWERED_STATUS = 504
# Calls whose repetition changes nothing when the first one was carried out after all.
REPEATABLE_PREFIXES = ("get", "set", "delete", "edit", "close", "reopen", "pin", "unpin")
REPEATABLE = frozenset({"answerCallbackQuery", "sendChatAction", "logOut"})
# A 400 with one of these, on a repeated call, says the first attempt took effect after all.
ALREADY_DONE = (b"message is not modified", b"query is too old", b"query id is invalid")
# Not retried here: the updater's own loop retries getUpdates; "typing…" is refreshed anyway.
NEVER_RETRIED = frozenset({"getUpdates", "sendChatAction"})
DONE = b'{"ok": true, "result": true}'

Failure = Literal["unsent", "unanswered", "final"]

_retry_limit: ContextVar[int | None] = ContextVar("guidebot_retry_limit", default=None)


class MaybeSent(TimedOut):
    """A sending call got no answer in time after it reached Telegram: it may have been carried
    out, so it was not repeated (which could show the message twice)."""

    def __init__(self, endpoint: str) -> None:
        super().__init__(
            f"{endpoint}: no answer in time after Telegram took the request; "
            "not sent again, as it may have been delivered"
        )
        self.endpoint = endpoint


@contextmanager
def limited_retries(limit: int) -> Iterator[None]:
    """Calls in this block are tried again `limit` times at most: the handoff outbox, which
    retries on its own schedule, takes one quick retry; the health probe none."""
    token = _retry_limit.set(limit)
    try:
        yield
    finally:
        _retry_limit.reset(token)


def without_retries() -> AbstractContextManager[None]:
    """Calls in this block are tried once (the health check's probe answers now or fails)."""
    return limited_retries(0)


def repeatable(endpoint: str, http_method: str) -> bool:
    """Whether doing the call twice is the same as doing it once."""
    return (
        http_method == "GET"  # file downloads
        or endpoint in REPEATABLE
        or endpoint.startswith(REPEATABLE_PREFIXES)
    )


def classify(exc: TelegramError) -> Failure:
    """Where a transport failure happened: before Telegram had the request, after, or a
    failure that trying again cannot mend."""
    cause = exc.__cause__
    if isinstance(
        cause,
        httpx.ConnectError
        | httpx.ConnectTimeout
        | httpx.PoolTimeout
        | httpx.WriteError
        | httpx.WriteTimeout
        | httpx.ProxyError,
    ):
        return "unsent"
    if isinstance(cause, httpx.UnsupportedProtocol | httpx.LocalProtocolError):
        return "final"
    # Read timeouts, a connection lost while waiting, or a failure we cannot place: Telegram
    # may have the request.
    return "unanswered"


class RetryingRequest(BaseRequest):
    """A `BaseRequest` that tries transient failures of `inner` again (see the module's doc)."""

    def __init__(
        self,
        inner: BaseRequest,
        *,
        retries: int = 4,
        backoff: float = 0.5,
        metrics: Metrics | None = None,
        contact: TelegramContact | None = None,
    ) -> None:
        self.inner = inner
        self.retries = retries
        self.backoff = backoff
        self.metrics = metrics or Metrics()
        self.contact = contact or TelegramContact()

    @property
    def read_timeout(self) -> float | None:
        return self.inner.read_timeout

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()

    def wait_before(self, attempt: int) -> float:
        """Seconds before attempt `attempt + 1`: doubling, capped, with ±20 % jitter so that
        many waiting calls do not all come back at once."""
        return min(MAX_WAIT, self.backoff * 2**attempt) * random.uniform(0.8, 1.2)

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]
        limit = _retry_limit.get()
        retries = 0 if endpoint in NEVER_RETRIED else self.retries
        retries = retries if limit is None else min(retries, limit)
        safe_to_repeat = repeatable(endpoint, method)
        repeated_unanswered = False  # an earlier attempt may have been carried out
        for attempt in range(retries + 1):
            try:
                code, payload = await self.inner.do_request(
                    url,
                    method,
                    request_data,
                    read_timeout,  # type: ignore[arg-type]
                    write_timeout,  # type: ignore[arg-type]
                    connect_timeout,  # type: ignore[arg-type]
                    pool_timeout,  # type: ignore[arg-type]
                )
            except (TimedOut, NetworkError) as exc:
                failure = classify(exc)
                self.contact.failed(f"{endpoint}: {type(exc).__name__}: {exc}")
                self.metrics.error(
                    "telegram_unreachable" if failure == "unsent" else "telegram_timeout"
                )
                if failure == "final":
                    raise
                if failure == "unanswered" and not safe_to_repeat:
                    raise self._maybe_sent(endpoint) from exc
                if attempt == retries:
                    self._gave_up(endpoint, retries, f"{type(exc).__name__}: {exc}")
                    raise
                repeated_unanswered = repeated_unanswered or failure == "unanswered"
                await self._pause(endpoint, attempt, retries, f"{type(exc).__name__}: {exc}")
                continue
            if code < 500:
                self.contact.answered()
            if code == 429:
                self.metrics.error("telegram_flood")
            if code == 400 and repeated_unanswered and self._already_done(payload):
                logger.debug("%s: the earlier attempt had taken effect", endpoint)
                return 200, DONE
            if code not in (*TRANSIENT_STATUS, UNANSWERED_STATUS):
                return code, payload
            self.contact.failed(f"{endpoint}: HTTP {code}")
            self.metrics.error("telegram_server_error")
            if code == UNANSWERED_STATUS and not safe_to_repeat:
                raise self._maybe_sent(endpoint)
            if attempt == retries:
                self._gave_up(endpoint, retries, f"HTTP {code}")
                return code, payload
            repeated_unanswered = repeated_unanswered or code == UNANSWERED_STATUS
            await self._pause(endpoint, attempt, retries, f"HTTP {code}")
        raise AssertionError("unreachable: the last attempt returns or raises")

    @staticmethod
    def _already_done(payload: bytes) -> bool:
        return any(done in payload.lower() for done in ALREADY_DONE)

    async def _pause(self, endpoint: str, attempt: int, retries: int, why: str) -> None:
        wait = self.wait_before(attempt)
        logger.warning(
            "update=%s %s failed (%s): attempt %d of %d, next in %.1f s",
            current_update_id() or "-",
            endpoint,
            why,
            attempt + 1,
            retries + 1,
            wait,
        )
        await asyncio.sleep(wait)

    def _gave_up(self, endpoint: str, retries: int, why: str) -> None:
        """The call failed after its retries (a call not meant to be retried is left to its
        caller to report: getUpdates' failures are the updater's to log)."""
        if not retries:
            return
        self.metrics.error("telegram_gave_up")
        logger.warning(
            "update=%s %s failed %d time(s), last: %s; giving up",
            current_update_id() or "-",
            endpoint,
            retries + 1,
            why,
        )

    def _maybe_sent(self, endpoint: str) -> MaybeSent:
        self.metrics.error("telegram_maybe_sent")
        logger.warning(
            "update=%s %s: Telegram took the request but did not answer in time; not sent "
            "again, so it cannot show twice (it may be missing)",
            current_update_id() or "-",
            endpoint,
        )
        return MaybeSent(endpoint)
