"""The checks behind `/healthz`: the index is loaded, the database is writable, Telegram answered.

- index: the engine answers from an index version, and that version is still on disk.
- database: a write is committed through a connection of its own, waiting at most a second for
  the lock, so a locked, read-only or full database shows here rather than in a learner's chat.
  (Its table, `_health`, holds one timestamp: nothing about anyone.)
- telegram: a Bot API call got an answer within `within` seconds. An idle bot may have made none
  (webhook mode), so a stale contact is checked with one `getMe` before it counts as a failure.

`Health.check()` runs the three and returns a `HealthReport`: 200 when all pass, 503 with the
reason of each failure otherwise.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import sqlite3
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ingest.versions import LEGACY

DATABASE_WAIT = 1.0  # seconds the write check waits for the database's lock
PROBE_TIMEOUT = 5.0  # seconds the getMe check may take


class TelegramContact:
    """When Telegram last answered one of the bot's requests, and the last failure seen."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.last_answer: float | None = None
        self.last_failure = ""

    def answered(self) -> None:
        self.last_answer = self.clock()

    def failed(self, reason: str) -> None:
        self.last_failure = reason

    def age(self) -> float | None:
        """Seconds since Telegram last answered; None if it never did."""
        return None if self.last_answer is None else self.clock() - self.last_answer


@dataclass(frozen=True, slots=True)
class HealthReport:
    """Each check's result: None when it passed, else the reason it failed."""

    problems: dict[str, str | None] = field(default_factory=dict)
    details: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(self.problems.values())

    @property
    def status(self) -> int:
        return 200 if self.ok else 503

    @property
    def reason(self) -> str:
        """What fails, one "check: why" per failing check."""
        return "; ".join(f"{name}: {why}" for name, why in self.problems.items() if why)

    def as_json(self) -> str:
        checks = {
            name: {"ok": problem is None, "detail": problem or self.details.get(name, "")}
            for name, problem in self.problems.items()
        }
        body = {"status": "ok" if self.ok else "failing", "reason": self.reason}
        return json.dumps({**body, "checks": checks}, ensure_ascii=False)


def index_problem(version: str, index_dir: Path) -> str | None:
    """Why the index the engine answers from is not usable, or None."""
    if not version:
        return "no index is loaded (run `guidebot ingest`)"
    folder = index_dir if version == LEGACY else index_dir / version
    if not (folder / "manifest.json").is_file():
        return f"index version {version} is missing from {folder}"
    return None


def write_probe(database: Path, wait: float = DATABASE_WAIT) -> None:
    """Commit one small write to the database; raises `sqlite3.Error` (or `OSError`) if it can't.

    A connection of its own, so the check waits `wait` seconds for a lock at most and never
    holds up the bot's own connection. The file must exist: a missing database is a failure,
    not something to create here.
    """
    if not database.is_file():
        raise FileNotFoundError(f"no database at {database}")
    connection = sqlite3.connect(database, timeout=wait, isolation_level=None)
    try:
        connection.execute("BEGIN IMMEDIATE")
        connection.execute(
            "CREATE TABLE IF NOT EXISTS _health (id INTEGER PRIMARY KEY CHECK (id = 1), "
            "checked_at TEXT NOT NULL)"
        )
        connection.execute(
            "INSERT INTO _health (id, checked_at) VALUES (1, ?) "
            "ON CONFLICT (id) DO UPDATE SET checked_at = excluded.checked_at",
            (datetime.now(UTC).isoformat(timespec="seconds"),),
        )
        connection.execute("COMMIT")
    except BaseException:
        with contextlib.suppress(sqlite3.Error):
            connection.execute("ROLLBACK")
        raise
    finally:
        connection.close()


class Health:
    """The three checks of one running bot."""

    def __init__(
        self,
        *,
        index_version: Callable[[], str],
        index_dir: Path,
        database: Path,
        contact: TelegramContact,
        probe: Callable[[], Awaitable[object]] | None = None,
        within: float = 60.0,
    ) -> None:
        self.index_version = index_version
        self.index_dir = index_dir
        self.database = database
        self.contact = contact
        self.probe = probe  # one Bot API call (getMe) when the contact is stale
        self.within = within

    async def check(self) -> HealthReport:
        version = self.index_version()
        problems = {
            "index": index_problem(version, self.index_dir),
            "database": await self._database(),
            "telegram": await self._telegram(),
        }
        age = self.contact.age()
        details = {
            "index": f"version {version}",
            "database": str(self.database.name),
            "telegram": f"answered {age:.0f} s ago" if age is not None else "",
        }
        return HealthReport(problems, details)

    async def _database(self) -> str | None:
        try:
            await asyncio.to_thread(write_probe, self.database)
        except (sqlite3.Error, OSError) as exc:
            return f"not writable: {exc}"
        return None

    async def _telegram(self) -> str | None:
        age = self.contact.age()
        if age is not None and age <= self.within:
            return None
        if self.probe is not None:
            try:
                await asyncio.wait_for(self.probe(), PROBE_TIMEOUT)
            except Exception as exc:  # any failure of the probe is the answer
                self.contact.failed(f"getMe: {type(exc).__name__}: {exc}")
            else:
                self.contact.answered()
                return None
        since = "never answered" if age is None else f"no answer for {age:.0f} s"
        last = f" (last failure: {self.contact.last_failure})" if self.contact.last_failure else ""
        return f"{since}{last}"
