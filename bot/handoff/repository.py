"""SQL for the handoff tables (`cases`, `case_messages`, `outbox`; schema in `bot.schema` m002).

One repository on the bot's connection, reached as `store.cases`. Writes that belong together
run in `transaction()`, which holds the lock every write on the connection takes (the store's
`Writes`), so a case and the messages it must send are stored together or not at all: no
other commit on the connection can come in between.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from datetime import UTC, datetime
from typing import Any

import aiosqlite

from bot.db import Writes, fetch_rows
from bot.handoff.models import (
    ACTIVE,
    Button,
    Case,
    CaseContext,
    CaseRequest,
    Delivery,
    DeliveryKind,
    Direction,
    Target,
    buttons_from_json,
    buttons_to_json,
)

# Columns lifecycle code may change (names are put in SQL, so they are checked against this).
MUTABLE = frozenset(
    {
        "status",
        "counsellor_id",
        "counsellor_name",
        "claimed_at",
        "closed_at",
        "outcome",
        "thread_id",
        "card_message_id",
        "awaiting_since",
        "reminded_at",
    }
)
_ACTIVE_SQL = ", ".join(f"'{status}'" for status in ACTIVE)


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.astimezone(UTC).isoformat(timespec="seconds")


def _time(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


def _case(row: dict[str, Any]) -> Case:
    return Case(
        id=row["id"],
        user_id=row["user_id"],
        chat_id=row["chat_id"],
        language=row["language"],
        country=row["country"],
        region=row["region"],
        origin=row["origin"],
        reason=row["reason"],
        summary=row["summary"],
        context=CaseContext.from_json(row["context"]),
        status=row["status"],
        counsellor_id=row["counsellor_id"],
        counsellor_name=row["counsellor_name"],
        opened_at=datetime.fromisoformat(row["opened_at"]),
        claimed_at=_time(row["claimed_at"]),
        closed_at=_time(row["closed_at"]),
        outcome=row["outcome"],
        rating=row["rating"],
        thread_id=row["thread_id"],
        card_message_id=row["card_message_id"],
        awaiting_since=_time(row["awaiting_since"]),
        reminded_at=_time(row["reminded_at"]),
        anonymised=row["anonymised_at"] is not None,
    )


class CaseRepository:
    def __init__(
        self,
        db: aiosqlite.Connection,
        clock: Callable[[], datetime],
        writes: Writes | None = None,
    ) -> None:
        """`writes` is the unit every other write on `db` goes through (the Store's)."""
        self.db = db
        self.clock = clock
        self._writes = writes or Writes(db)

    def now(self) -> datetime:
        return self.clock()

    def transaction(self) -> AbstractAsyncContextManager[None]:
        """Run the block's writes as one unit: committed together or rolled back."""
        return self._writes.unit()

    async def rows(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        return await fetch_rows(self.db, sql, *args)

    async def _one(self, where: str, *args: Any) -> Case | None:
        rows = await self.rows(f"SELECT * FROM cases WHERE {where} LIMIT 1", *args)  # noqa: S608
        return _case(rows[0]) if rows else None

    # --- cases --------------------------------------------------------------------------

    async def insert(self, request: CaseRequest, summary: str) -> int:
        """Add an open case (inside a transaction); raises IntegrityError if one is active."""
        now = iso(self.now())
        cursor = await self.db.execute(
            """INSERT INTO cases (user_id, chat_id, language, country, region, origin, reason,
            summary, context, opened_at, awaiting_since)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                request.user_id,
                request.chat_id,
                request.language,
                request.country,
                request.region,
                request.origin,
                request.reason,
                summary,
                request.context.to_json(),
                now,
                now,
            ),
        )
        assert cursor.lastrowid is not None
        return cursor.lastrowid

    async def get(self, case_id: int) -> Case | None:
        return await self._one("id = ?", case_id)

    async def active_for(self, user_id: int) -> Case | None:
        return await self._one(f"user_id = ? AND status IN ({_ACTIVE_SQL})", user_id)

    async def by_thread(self, thread_id: int) -> Case | None:
        return await self._one("thread_id = ? ORDER BY id DESC", thread_id)

    async def by_group_message(self, chat_id: int, message_id: int) -> Case | None:
        """The case a message in the group belongs to: its card, a message the bot relayed
        there, or a counsellor's message relayed from there."""
        rows = await self.rows(
            """SELECT id AS case_id FROM cases WHERE card_message_id = ?
            UNION ALL SELECT case_id FROM outbox WHERE message_id = ? AND target = 'thread'
            UNION ALL SELECT case_id FROM case_messages WHERE chat_id = ? AND message_id = ?
            LIMIT 1""",
            message_id,
            message_id,
            chat_id,
            message_id,
        )
        return await self.get(rows[0]["case_id"]) if rows else None

    async def active_cases(self) -> list[Case]:
        rows = await self.rows(
            f"SELECT * FROM cases WHERE status IN ({_ACTIVE_SQL}) ORDER BY opened_at, id"  # noqa: S608
        )
        return [_case(row) for row in rows]

    async def change(self, case_id: int, only_if: tuple[str, ...] = (), **changes: Any) -> bool:
        """Set columns of a case (inside a transaction), only if its status is in `only_if`
        when given; returns whether it changed. Datetimes are stored as ISO text."""
        if not set(changes) <= MUTABLE:
            raise ValueError(f"not changeable: {set(changes) - MUTABLE}")
        values = [iso(v) if isinstance(v, datetime) else v for v in changes.values()]
        columns = ", ".join(f"{name} = ?" for name in changes)  # checked against MUTABLE
        sql = f"UPDATE cases SET {columns} WHERE id = ?"  # noqa: S608
        if only_if:
            sql += f" AND status IN ({', '.join('?' for _ in only_if)})"
        cursor = await self.db.execute(sql, (*values, case_id, *only_if))
        return cursor.rowcount > 0

    async def rate(self, case_id: int, user_id: int, rating: int) -> bool:
        cursor = await self.db.execute(
            """UPDATE cases SET rating = ? WHERE id = ? AND user_id = ? AND status = 'closed'
            AND rating IS NULL""",
            (rating, case_id, user_id),
        )
        return cursor.rowcount > 0

    # --- relayed messages -----------------------------------------------------------------

    async def add_message(
        self,
        case_id: int,
        direction: Direction,
        source: tuple[int, int],
        *,
        kind: str = "text",
        text: str | None = None,
        author_id: int | None = None,
    ) -> bool:
        """Record a message of the case once; False when that message was seen before."""
        cursor = await self.db.execute(
            """INSERT OR IGNORE INTO case_messages
            (case_id, direction, author_id, chat_id, message_id, kind, text, created_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)""",
            (case_id, direction, author_id, *source, kind, text, iso(self.now())),
        )
        return cursor.rowcount > 0

    async def seen(self, source: tuple[int, int]) -> bool:
        rows = await self.rows(
            "SELECT 1 FROM case_messages WHERE chat_id = ? AND message_id = ?", *source
        )
        return bool(rows)

    # --- outbox ---------------------------------------------------------------------------

    async def enqueue(
        self,
        case_id: int,
        target: Target,
        kind: DeliveryKind,
        *,
        text: str | None = None,
        buttons: tuple[tuple[Button, ...], ...] = (),
        copy_of: tuple[int, int] | None = None,
    ) -> None:
        """Store a message to send (inside a transaction)."""
        now = iso(self.now())
        await self.db.execute(
            """INSERT INTO outbox (case_id, target, kind, text, buttons, from_chat_id,
            from_message_id, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""",
            (
                case_id,
                target,
                kind,
                text,
                buttons_to_json(buttons),
                *(copy_of or (None, None)),
                now,
                now,
            ),
        )

    async def pending(self, limit: int = 200) -> list[Delivery]:
        rows = await self.rows(
            "SELECT * FROM outbox WHERE status = 'pending' ORDER BY id LIMIT ?", limit
        )
        return [
            Delivery(
                id=row["id"],
                case_id=row["case_id"],
                target=row["target"],
                kind=row["kind"],
                text=row["text"],
                buttons=buttons_from_json(row["buttons"]),
                from_chat_id=row["from_chat_id"],
                from_message_id=row["from_message_id"],
                attempts=row["attempts"],
                next_attempt_at=datetime.fromisoformat(row["next_attempt_at"]),
            )
            for row in rows
        ]

    async def mark_sent(self, delivery_id: int, message_id: int | None) -> None:
        await self.db.execute(
            "UPDATE outbox SET status = 'sent', message_id = ?, sent_at = ?, error = NULL "
            "WHERE id = ?",
            (message_id, iso(self.now()), delivery_id),
        )

    async def mark_retry(self, delivery_id: int, error: str, at: datetime) -> None:
        await self.db.execute(
            "UPDATE outbox SET attempts = attempts + 1, error = ?, next_attempt_at = ? "
            "WHERE id = ?",
            (error[:300], iso(at), delivery_id),
        )

    async def mark_failed(self, delivery_id: int, error: str) -> None:
        await self.db.execute(
            "UPDATE outbox SET status = 'failed', attempts = attempts + 1, error = ? WHERE id = ?",
            (error[:300], delivery_id),
        )

    async def release_backoff(self) -> None:
        """Make every pending message due now (after a restart: try again at once)."""
        async with self.transaction():
            await self.db.execute(
                "UPDATE outbox SET next_attempt_at = ? WHERE status = 'pending'",
                (iso(self.now()),),
            )


IntegrityError = sqlite3.IntegrityError
