"""Small helpers shared by every repository over the one aiosqlite connection."""

from __future__ import annotations

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
