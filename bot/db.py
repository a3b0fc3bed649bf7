"""Small helpers shared by every repository over the one aiosqlite connection."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiosqlite


async def fetch_rows(db: aiosqlite.Connection, sql: str, *args: Any) -> list[dict[str, Any]]:
    """Run a query and read all its rows in one call to the database thread.

    Reading a cursor over several awaits leaves a statement open while other handlers run; a
    commit from one of them then fails ("cannot commit transaction - SQL statements in
    progress"). Every read in the project goes through here; the connection must use
    `aiosqlite.Row` as its row factory (`bot.store.Store.open` sets it).
    """
    return [dict(row) for row in await db.execute_fetchall(sql, args)]


class Writes:
    """Every write on the bot's connection, one unit at a time.

    SQLite has one transaction per connection: a commit by any writer would commit whatever a
    handoff transaction (`CaseRepository.transaction`, which takes the same lock) has written so
    far. So every write takes this lock, commits on success and rolls back on failure.
    """

    def __init__(self, db: aiosqlite.Connection) -> None:
        self.db = db
        self.lock = asyncio.Lock()

    @asynccontextmanager
    async def unit(self) -> AsyncIterator[None]:
        async with self.lock:
            try:
                yield
            except BaseException:
                await self.db.rollback()
                raise
            await self.db.commit()
