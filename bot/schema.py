"""The bot's database schema: numbered migrations applied in order when the store opens.

In the style of simonw/llm: `@migration async def m00N_...`; applied names are recorded in
`_migrations`, so each runs once. Tables: profiles, turns, feedback, pending (m001); the
counsellor handoff's cases, case_messages, outbox (m002); answers and gaps (m003); whether a
learner wants answers read aloud (m004).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime

import aiosqlite

from bot.db import fetch_rows

Migration = Callable[[aiosqlite.Connection], Awaitable[None]]
MIGRATIONS: list[Migration] = []


def migration(fn: Migration) -> Migration:
    """Register a schema migration; they run in the order they are defined."""
    MIGRATIONS.append(fn)
    return fn


@migration
async def m001_initial(db: aiosqlite.Connection) -> None:
    await db.executescript(
        """
        CREATE TABLE profiles (
            user_id INTEGER PRIMARY KEY,
            language TEXT, country TEXT, region TEXT, status TEXT,
            role TEXT NOT NULL DEFAULT 'learner',
            created_at TEXT NOT NULL, updated_at TEXT NOT NULL
        );
        CREATE TABLE turns (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL,
            role TEXT NOT NULL CHECK (role IN ('user', 'bot')),
            text TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        CREATE INDEX turns_user ON turns (user_id, id);
        CREATE TABLE feedback (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER NOT NULL,
            turn_id INTEGER NOT NULL,
            helpful INTEGER NOT NULL,
            created_at TEXT NOT NULL,
            UNIQUE (user_id, turn_id)
        );
        CREATE TABLE pending (
            user_id INTEGER PRIMARY KEY,
            question TEXT NOT NULL,
            field TEXT NOT NULL,
            created_at TEXT NOT NULL
        );
        """
    )


@migration
async def m002_handoff(db: aiosqlite.Connection) -> None:
    """Counsellor cases, every message relayed for them, and the outbox of messages to send."""
    await db.executescript(
        """
        CREATE TABLE cases (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            user_id INTEGER,
            chat_id INTEGER,
            language TEXT NOT NULL, country TEXT, region TEXT,
            origin TEXT NOT NULL,
            reason TEXT NOT NULL DEFAULT '',
            summary TEXT NOT NULL DEFAULT '',
            context TEXT NOT NULL DEFAULT '{}',
            status TEXT NOT NULL DEFAULT 'open'
                CHECK (status IN ('open', 'claimed', 'closed', 'returned')),
            counsellor_id INTEGER, counsellor_name TEXT,
            opened_at TEXT NOT NULL, claimed_at TEXT, closed_at TEXT,
            outcome TEXT,
            rating INTEGER CHECK (rating BETWEEN 1 AND 5),
            thread_id INTEGER, card_message_id INTEGER,
            awaiting_since TEXT, reminded_at TEXT,
            anonymised_at TEXT
        );
        CREATE UNIQUE INDEX cases_one_active ON cases (user_id)
            WHERE status IN ('open', 'claimed');
        CREATE INDEX cases_thread ON cases (thread_id);
        CREATE INDEX cases_card ON cases (card_message_id);
        CREATE TABLE case_messages (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id INTEGER NOT NULL REFERENCES cases (id),
            direction TEXT NOT NULL
                CHECK (direction IN ('opening', 'learner', 'counsellor', 'note')),
            author_id INTEGER,
            chat_id INTEGER NOT NULL,
            message_id INTEGER NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('text', 'copy')),
            text TEXT,
            created_at TEXT NOT NULL,
            UNIQUE (chat_id, message_id)
        );
        CREATE INDEX case_messages_case ON case_messages (case_id, id);
        CREATE TABLE outbox (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            case_id INTEGER NOT NULL REFERENCES cases (id),
            target TEXT NOT NULL CHECK (target IN ('learner', 'thread', 'group')),
            kind TEXT NOT NULL CHECK (kind IN ('topic', 'card', 'text', 'copy')),
            text TEXT, buttons TEXT,
            from_chat_id INTEGER, from_message_id INTEGER,
            status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at TEXT NOT NULL,
            message_id INTEGER, error TEXT,
            created_at TEXT NOT NULL, sent_at TEXT
        );
        CREATE INDEX outbox_pending ON outbox (status, id);
        CREATE INDEX outbox_message ON outbox (message_id);
        """
    )


@migration
async def m003_answer_log(db: aiosqlite.Connection) -> None:
    """What each reply said and cited, for replay; questions the knowledge base missed."""
    await db.executescript(
        """
        CREATE TABLE answers (
            turn_id INTEGER PRIMARY KEY,
            user_id INTEGER NOT NULL,
            decision TEXT NOT NULL,
            reason TEXT NOT NULL,
            text TEXT NOT NULL,
            index_version TEXT NOT NULL,
            chunks TEXT NOT NULL DEFAULT '[]',
            sources TEXT NOT NULL DEFAULT '[]',
            gap TEXT,
            created_at TEXT NOT NULL
        );
        CREATE INDEX answers_user ON answers (user_id, created_at);
        CREATE TABLE gaps (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            question TEXT NOT NULL,
            reason TEXT NOT NULL,
            language TEXT NOT NULL DEFAULT '',
            country TEXT NOT NULL DEFAULT '',
            created_at TEXT NOT NULL
        );
        CREATE INDEX gaps_created ON gaps (created_at);
        """
    )


@migration
async def m004_spoken_answers(db: aiosqlite.Connection) -> None:
    """A learner's choice of spoken answers (on or off); no row: the default."""
    await db.executescript(
        """
        CREATE TABLE spoken_answers (
            user_id INTEGER PRIMARY KEY,
            spoken INTEGER NOT NULL,
            updated_at TEXT NOT NULL
        );
        """
    )


async def migrate(db: aiosqlite.Connection) -> list[str]:
    """Apply the migrations not yet recorded; returns the names applied now."""
    await db.execute(
        "CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    done = {row["name"] for row in await fetch_rows(db, "SELECT name FROM _migrations")}
    applied = []
    for fn in MIGRATIONS:
        if fn.__name__ in done:
            continue
        await fn(db)
        await db.execute(
            "INSERT INTO _migrations (name, applied_at) VALUES (?, ?)",
            (fn.__name__, datetime.now(UTC).isoformat(timespec="seconds")),
        )
        applied.append(fn.__name__)
    await db.commit()
    return applied
