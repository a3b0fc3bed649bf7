"""The bot's Prometheus metrics, and the interface channels call to move them.

One `Metrics` per running bot, with its own `CollectorRegistry` (several bots in one test process
never share counters). Channels hold it (`Deps.metrics` in the Telegram channel) and call:

- `reply(decision, language, seconds)` once a learner's message got the engine's reply;
- `update(kind)` for every handled update (what it was: "text", "command:start", ...);
- `error(kind)` for a failure (see `ERROR_KINDS`);
- `reindex(outcome, passed)` after a reindex run in the bot, with the gate's verdict if it ran;
- `spoken_message(direction, language)` for a voice message transcribed ("in") or an answer
  spoken ("out");
- `set_backlog(backlog)` with the counsellors' queue, just before each scrape.

Labels are bounded sets: decisions, the bot's languages (anything else counts as "other"), error
kinds, outcomes. No learner identifier is ever a label.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    ProcessCollector,
    disable_created_metrics,
    generate_latest,
)

CONTENT_TYPE = CONTENT_TYPE_LATEST
LANGUAGES = ("en", "de", "fr", "nl", "it", "es", "pl", "pt")
DECISIONS = ("answer", "clarify", "escalate", "out_of_scope")
ERROR_KINDS = (
    "telegram_unreachable",  # connection refused or reset, connect or pool timeout
    "telegram_timeout",  # no answer in time after the request was sent
    "telegram_server_error",  # Telegram answered 5xx
    "telegram_flood",  # Telegram answered 429 (the rate limiter waits and retries)
    "telegram_gave_up",  # a call that still failed after its retries
    "telegram_maybe_sent",  # a send not repeated after a timeout: it may not have arrived
    "update_failed",  # a handler raised: the learner got the apology
    "job_failed",  # a scheduled job raised
    "cut_at_stop",  # an update or job still running when the stop's grace ran out
)
REINDEX_OUTCOMES = ("unchanged", "first", "live", "forced", "refused", "failed", "busy")
# Seconds from taking a learner's message to the last message of the reply accepted by Telegram.
LATENCY_BUCKETS = (0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

Direction = Literal["in", "out"]


@dataclass(frozen=True, slots=True)
class Backlog:
    """The counsellors' queue and the handoff outbox, as read from the database."""

    open_cases: int = 0  # open or claimed
    unclaimed_cases: int = 0
    oldest_unclaimed_seconds: float = 0.0  # 0 when none waits
    outbox_pending: int = 0


class Metrics:
    """Counters, gauges and histograms of one running bot."""

    def __init__(
        self, languages: Iterable[str] = LANGUAGES, registry: CollectorRegistry | None = None
    ) -> None:
        # The `_created` timestamp series double the output and no dashboard here uses them
        # (a process-wide switch of prometheus-client).
        disable_created_metrics()
        self.registry = registry or CollectorRegistry()
        self.languages = frozenset(languages)
        r = self.registry
        self._replies = Counter(
            "guidebot_replies",
            "Learners' messages answered by the engine, by its decision and the reply's language.",
            ["decision", "language"],
            registry=r,
        )
        self._latency = Histogram(
            "guidebot_reply_seconds",
            "Time from taking a learner's message to the last message of the reply sent.",
            buckets=LATENCY_BUCKETS,
            registry=r,
        )
        self._updates = Counter(
            "guidebot_updates",
            "Telegram updates handled, by what they were.",
            ["kind"],
            registry=r,
        )
        self._errors = Counter("guidebot_errors", "Failures, by kind.", ["kind"], registry=r)
        self._reindex = Counter(
            "guidebot_reindex_runs",
            "Reindex runs in the bot, by outcome.",
            ["outcome"],
            registry=r,
        )
        self._gate = Counter(
            "guidebot_gate_verdicts",
            "Regression gate verdicts on new index versions.",
            ["verdict"],
            registry=r,
        )
        self._spoken = Counter(
            "guidebot_spoken_messages",
            'Voice messages: "in" transcribed from learners, "out" answers spoken.',
            ["direction", "language"],
            registry=r,
        )
        self._open = Gauge("guidebot_cases_open", "Counsellor cases open or claimed.", registry=r)
        self._unclaimed = Gauge(
            "guidebot_cases_unclaimed", "Counsellor cases waiting for a counsellor.", registry=r
        )
        self._oldest = Gauge(
            "guidebot_oldest_unclaimed_case_age_seconds",
            "How long the oldest unclaimed case has waited (0 when none waits).",
            registry=r,
        )
        self._outbox = Gauge(
            "guidebot_outbox_backlog",
            "Handoff messages stored and not yet delivered to Telegram.",
            registry=r,
        )
        ProcessCollector(registry=r)
        # Every series exists from the start, at 0: a rate over a counter that appears only
        # with its first increment misses that increment.
        for decision in DECISIONS:
            for language in sorted(self.languages):
                self._replies.labels(decision, language)
        for kind in ERROR_KINDS:
            self._errors.labels(kind)
        for outcome in REINDEX_OUTCOMES:
            self._reindex.labels(outcome)
        for verdict in ("passed", "refused"):
            self._gate.labels(verdict)

    def _language(self, language: str | None) -> str:
        return language if language in self.languages else "other"

    def reply(self, decision: str, language: str | None, seconds: float) -> None:
        """A learner's message answered: the engine's decision, the reply's language."""
        label = decision if decision in DECISIONS else "other"
        self._replies.labels(label, self._language(language)).inc()
        self._latency.observe(seconds)

    def update(self, kind: str) -> None:
        self._updates.labels(kind).inc()

    def error(self, kind: str) -> None:
        self._errors.labels(kind if kind in ERROR_KINDS else "other").inc()

    def reindex(self, outcome: str, passed: bool | None = None) -> None:
        """A reindex run in this bot; `passed` is the gate's verdict when the gate ran."""
        self._reindex.labels(outcome if outcome in REINDEX_OUTCOMES else "other").inc()
        if passed is not None:
            self._gate.labels("passed" if passed else "refused").inc()

    def spoken_message(self, direction: Direction, language: str | None) -> None:
        """A voice message transcribed ("in") or an answer sent as speech ("out")."""
        self._spoken.labels(direction, self._language(language)).inc()

    def set_backlog(self, backlog: Backlog) -> None:
        self._open.set(backlog.open_cases)
        self._unclaimed.set(backlog.unclaimed_cases)
        self._oldest.set(backlog.oldest_unclaimed_seconds)
        self._outbox.set(backlog.outbox_pending)

    def render(self) -> bytes:
        """The Prometheus text exposition of every metric."""
        return generate_latest(self.registry)
