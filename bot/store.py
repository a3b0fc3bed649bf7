"""The bot's own SQLite database: learners' profiles, recent history, feedback, pending questions.

The schema and its migrations are in `bot.schema`; they are applied when the store opens.

Learners' messages are personal data: the store keeps only what the conversation needs (the last
few turns, bounded per learner and purged after the retention period), `export_user` returns
everything held about one learner and `forget_user` erases it. Nothing here logs message text.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import aiosqlite

from bot.answer_log import GAP_DAYS, AnswerLog
from bot.db import Writes, fetch_rows
from bot.guidance.types import ClarifyField, Profile, Turn
from bot.handoff.repository import CaseRepository
from bot.schema import migrate

logger = logging.getLogger(__name__)

# Called with the user id when a learner is forgotten (e.g. to anonymise handoff cases).
ForgetHook = Callable[[int], Awaitable[None]]

PROFILE_FIELDS = tuple(f.name for f in fields(Profile))


def _now() -> datetime:
    return datetime.now(UTC)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True, slots=True)
class Pending:
    """A question waiting for the learner to pick one of the clarifying options."""

    question: str
    field: ClarifyField


class _Repository:
    def __init__(
        self, db: aiosqlite.Connection, clock: Callable[[], datetime], writes: Writes
    ) -> None:
        self.db = db
        self.clock = clock
        self.writes = writes

    def stamp(self) -> str:
        return _iso(self.clock())

    async def rows(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        return await fetch_rows(self.db, sql, *args)


class Profiles(_Repository):
    """What each learner told us about themselves."""

    async def get(self, user_id: int) -> Profile:
        rows = await self.rows("SELECT * FROM profiles WHERE user_id = ?", user_id)
        if not rows:
            return Profile()
        return Profile(**{name: rows[0][name] for name in PROFILE_FIELDS})

    async def save(self, user_id: int, profile: Profile) -> None:
        values = asdict(profile)
        now = self.stamp()
        async with self.writes.unit():
            await self.db.execute(
                f"""INSERT INTO profiles (user_id, {", ".join(PROFILE_FIELDS)}, created_at,
                updated_at) VALUES (?, {", ".join("?" for _ in PROFILE_FIELDS)}, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET
                {", ".join(f"{name} = excluded.{name}" for name in PROFILE_FIELDS)},
                updated_at = excluded.updated_at""",  # noqa: S608 - names come from the dataclass
                (user_id, *(values[name] for name in PROFILE_FIELDS), now, now),
            )


class History(_Repository):
    """The last turns of each learner's conversation, bounded to `keep` per learner."""

    def __init__(
        self, db: aiosqlite.Connection, clock: Callable[[], datetime], writes: Writes, keep: int
    ) -> None:
        super().__init__(db, clock, writes)
        self.keep = keep

    async def add(self, user_id: int, role: Literal["user", "bot"], text: str) -> int:
        async with self.writes.unit():
            cursor = await self.db.execute(
                "INSERT INTO turns (user_id, role, text, created_at) VALUES (?, ?, ?, ?)",
                (user_id, role, text, self.stamp()),
            )
            turn_id = cursor.lastrowid
            await self.db.execute(
                """DELETE FROM turns WHERE user_id = ? AND id NOT IN
                (SELECT id FROM turns WHERE user_id = ? ORDER BY id DESC LIMIT ?)""",
                (user_id, user_id, self.keep),
            )
        assert turn_id is not None
        return turn_id

    async def recent(self, user_id: int, n: int) -> list[Turn]:
        rows = await self.rows(
            "SELECT role, text FROM turns WHERE user_id = ? ORDER BY id DESC LIMIT ?", user_id, n
        )
        return [Turn(role=row["role"], text=row["text"]) for row in reversed(rows)]

    async def answer_text(self, user_id: int, turn_id: int) -> str | None:
        """The text of the bot's turn `turn_id` to this learner, while it is kept."""
        rows = await self.rows(
            "SELECT text FROM turns WHERE id = ? AND user_id = ? AND role = 'bot'",
            turn_id,
            user_id,
        )
        return str(rows[0]["text"]) if rows else None


class Feedback(_Repository):
    """Helpful / not helpful taps on answers; one per answer, the last tap wins."""

    async def add(self, user_id: int, turn_id: int, helpful: bool) -> None:
        async with self.writes.unit():
            await self.db.execute(
                """INSERT INTO feedback (user_id, turn_id, helpful, created_at)
                VALUES (?, ?, ?, ?) ON CONFLICT (user_id, turn_id) DO UPDATE SET
                helpful = excluded.helpful, created_at = excluded.created_at""",
                (user_id, turn_id, int(helpful), self.stamp()),
            )


class PendingClarifications(_Repository):
    """The question a learner asked while the bot waits for a clarifying choice."""

    async def put(self, user_id: int, question: str, field: ClarifyField) -> None:
        async with self.writes.unit():
            await self.db.execute(
                """INSERT INTO pending (user_id, question, field, created_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET question = excluded.question,
                field = excluded.field, created_at = excluded.created_at""",
                (user_id, question, field, self.stamp()),
            )

    async def take(self, user_id: int) -> Pending | None:
        # One statement, so two taps on the same button cannot both take the question.
        async with self.writes.unit():
            rows = await self.rows(
                "DELETE FROM pending WHERE user_id = ? RETURNING question, field", user_id
            )
        return Pending(question=rows[0]["question"], field=rows[0]["field"]) if rows else None


class SpokenAnswers(_Repository):
    """Whether each learner wants answers to their voice notes read aloud (None: not chosen)."""

    async def get(self, user_id: int) -> bool | None:
        rows = await self.rows("SELECT spoken FROM spoken_answers WHERE user_id = ?", user_id)
        return bool(rows[0]["spoken"]) if rows else None

    async def set(self, user_id: int, spoken: bool) -> None:
        async with self.writes.unit():
            await self.db.execute(
                """INSERT INTO spoken_answers (user_id, spoken, updated_at) VALUES (?, ?, ?)
                ON CONFLICT (user_id) DO UPDATE SET spoken = excluded.spoken,
                updated_at = excluded.updated_at""",
                (user_id, int(spoken), self.stamp()),
            )


class Store:
    """The bot's database; open with `await Store.open(path)` and `await store.close()`."""

    def __init__(
        self, db: aiosqlite.Connection, *, keep_turns: int, clock: Callable[[], datetime]
    ) -> None:
        self.db = db
        self.clock = clock
        self.writes = Writes(db)  # every write below takes its lock
        self.profiles = Profiles(db, clock, self.writes)
        self.history = History(db, clock, self.writes, keep_turns)
        self.feedback = Feedback(db, clock, self.writes)
        self.pending = PendingClarifications(db, clock, self.writes)
        # Counsellor cases (bot.handoff); their transactions take the same lock.
        self.cases = CaseRepository(db, clock, self.writes)
        self.answers = AnswerLog(db, clock, self.writes)  # replies, gaps
        self.spoken = SpokenAnswers(db, clock, self.writes)  # answers read aloud or not
        self.forget_hooks: list[ForgetHook] = []

    @classmethod
    async def open(
        cls,
        path: Path | str,
        *,
        keep_turns: int = 20,
        clock: Callable[[], datetime] = _now,
    ) -> Store:
        """Open (or create) the database at `path` (":memory:" for tests) and migrate it."""
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        db = await aiosqlite.connect(path)
        db.row_factory = aiosqlite.Row
        # Write-ahead log: a commit is an append, not a journal file synced and deleted (0.8 ms
        # each here, several per message), and readers such as `guidebot cases` don't block the
        # bot. NORMAL sync keeps every commit through a crash of the bot; only a power cut can
        # lose the last ones.
        await db.execute("PRAGMA journal_mode=WAL")
        await db.execute("PRAGMA synchronous=NORMAL")
        applied = await migrate(db)
        if applied:
            logger.info("Database migrated: %s", ", ".join(applied))
        return cls(db, keep_turns=keep_turns, clock=clock)

    async def close(self) -> None:
        await self.db.close()

    # The operations channels use, named for what they do.

    async def get_profile(self, user_id: int) -> Profile:
        return await self.profiles.get(user_id)

    async def save_profile(self, user_id: int, profile: Profile) -> None:
        await self.profiles.save(user_id, profile)

    async def add_turn(self, user_id: int, role: Literal["user", "bot"], text: str) -> int:
        """Record one turn; returns its id (answers' ids are what feedback refers to)."""
        return await self.history.add(user_id, role, text)

    async def recent_turns(self, user_id: int, n: int) -> list[Turn]:
        """The learner's last `n` turns, oldest first."""
        return await self.history.recent(user_id, n)

    async def add_feedback(self, user_id: int, turn_id: int, helpful: bool) -> None:
        await self.feedback.add(user_id, turn_id, helpful)

    async def set_pending(self, user_id: int, question: str, field: ClarifyField) -> None:
        await self.pending.put(user_id, question, field)

    async def take_pending(self, user_id: int) -> Pending | None:
        """Return and remove the learner's pending question, if any."""
        return await self.pending.take(user_id)

    async def export_user(self, user_id: int) -> dict[str, Any]:
        """Everything stored about one learner, as plain JSON-ready data."""
        where = "FROM {} WHERE user_id = ? ORDER BY rowid"
        profiles = await fetch_rows(self.db, "SELECT * " + where.format("profiles"), user_id)
        feedback = await fetch_rows(
            self.db, "SELECT turn_id, helpful, created_at " + where.format("feedback"), user_id
        )
        return {
            "user_id": user_id,
            "profile": {k: v for k, v in profiles[0].items() if k != "user_id"}
            if profiles
            else None,
            "history": await fetch_rows(
                self.db, "SELECT role, text, created_at " + where.format("turns"), user_id
            ),
            "feedback": [{**row, "helpful": bool(row["helpful"])} for row in feedback],
            "pending_question": await fetch_rows(
                self.db, "SELECT question, field, created_at " + where.format("pending"), user_id
            ),
            # The bot's replies as logged for replay (complaints and appeals).
            "answers": await fetch_rows(
                self.db,
                "SELECT turn_id, decision, text, index_version, sources, created_at "
                + where.format("answers"),
                user_id,
            ),
            "cases": await self._export_cases(user_id),
            # Voice notes are never stored: only their words, as history above.
            "spoken_answers": await self.spoken.get(user_id),
        }

    async def _export_cases(self, user_id: int) -> list[dict[str, Any]]:
        """The learner's counsellor cases with every message kept for them (counsellors' notes
        included: they are about the learner); counsellors' own ids left out."""
        cases = await fetch_rows(
            self.db,
            """SELECT id, status, origin, reason, summary, language, country, region,
            opened_at, claimed_at, closed_at, outcome, rating FROM cases
            WHERE user_id = ? ORDER BY id""",
            user_id,
        )
        for case in cases:
            case["messages"] = await fetch_rows(
                self.db,
                """SELECT direction AS "from", kind, text, created_at FROM case_messages
                WHERE case_id = ? ORDER BY id""",
                case["id"],
            )
        return cases

    async def forget_user(self, user_id: int) -> None:
        """Erase the learner's profile, history, feedback, pending question, answers and choice
        of spoken answers.

        The hooks run first (each commits its own transaction): if one fails, nothing of the
        learner is erased yet and asking again does it all; the learner is never erased while
        their cases still hold their data.
        """
        for hook in self.forget_hooks:
            await hook(user_id)
        async with self.writes.unit():
            for table in ("profiles", "turns", "feedback", "pending", "answers", "spoken_answers"):
                await self.db.execute(f"DELETE FROM {table} WHERE user_id = ?", (user_id,))  # noqa: S608

    async def purge_older_than(self, days: int) -> int:
        """Delete history, feedback and pending questions older than `days`; returns the count."""
        cutoff = _iso(self.clock() - timedelta(days=days))
        deleted = 0
        # Gaps hold questions without a user id, for editors, and never longer than GAP_DAYS.
        gaps_cutoff = _iso(self.clock() - timedelta(days=min(days, GAP_DAYS)))
        async with self.writes.unit():
            for table, before in (
                ("turns", cutoff),
                ("feedback", cutoff),
                ("pending", cutoff),
                ("answers", cutoff),
                ("gaps", gaps_cutoff),
            ):
                cursor = await self.db.execute(
                    f"DELETE FROM {table} WHERE created_at < ?",  # noqa: S608 - fixed table names
                    (before,),
                )
                deleted += cursor.rowcount
        return deleted
