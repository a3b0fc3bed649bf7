"""What the bot said and from what (answer replay), and what it could not answer (gaps).

Tables from migration m003 in `bot.schema`:

- `answers`: one row per reply, keyed by the bot turn's id (the id 👍 / 👎 carry): decision,
  reason, the text sent, the index version, the cited chunks (id and text, as they were then)
  and the sources. Not the question: the learner's words stay in the bounded history. Purged
  with the history after the retention period, erased by /forget. `guidebot replay` reads it.
- `gaps`: the text of questions that ended in a handover for lack of knowledge, a place the
  knowledge base has no rules of, a low-confidence answer, nothing related, or a 👎; with
  language and country but no user id, and only the day (an exact time would match the
  answer's, and so its user), kept `GAP_DAYS` at most. `/gaps` groups them.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

import aiosqlite

from bot.db import Writes, fetch_rows
from bot.guidance.thresholds import Thresholds
from bot.guidance.types import NO_RULES, Reply, Source

GAP_DAYS = 30
# The engine's reason for a handover for lack of knowledge (`bot.guidance.pipeline`); other
# handovers (the learner asked for a person, a dispute, distress...) are not gaps.
NO_ANSWER = "no confident answer in the knowledge base"

GapReason = Literal["no_answer", "no_rules", "low_confidence", "nothing_related", "unhelpful"]


def gap_reason(reply: Reply, thresholds: Thresholds) -> GapReason | None:
    """Why a reply shows a gap in the knowledge base, if it does.

    A low-confidence answer is one whose best match lies within one band (the distance between
    "unrelated" and "no confident answer") above the no-answer threshold.
    """
    if reply.confidence is None:  # decided before searching: smalltalk, crisis, off-topic...
        return None
    band = thresholds.min_similarity - thresholds.off_topic
    if reply.reason.startswith(NO_RULES):
        return "no_rules"
    if reply.decision == "escalate":
        return "no_answer" if reply.reason == NO_ANSWER else None
    if reply.decision == "out_of_scope":
        return "nothing_related"
    if reply.decision == "answer" and reply.confidence < thresholds.min_similarity + band:
        return "low_confidence"
    return None


@dataclass(frozen=True, slots=True)
class AnswerRecord:
    """One logged reply, as it was sent."""

    turn_id: int
    decision: str
    reason: str
    text: str
    index_version: str
    chunks: tuple[tuple[str, str], ...]  # (chunk id, text)
    sources: tuple[dict[str, Any], ...]
    created_at: str
    case_id: int | None = None

    def describe(self) -> str:
        lines = [
            f"turn {self.turn_id}"
            + (f" (case {self.case_id})" if self.case_id is not None else "")
            + f", {self.created_at}, index version {self.index_version or '?'}",
            f"decision: {self.decision} ({self.reason})",
            "",
            self.text,
        ]
        if self.sources:
            lines += ["", "sources:"]
            lines += [
                f"  [{s['n']}] {s['title']} ({s['updated']}) {s['url']}" for s in self.sources
            ]
        if self.chunks:
            lines += ["", "cited chunks (as they were when answered):"]
            lines += [f"  {cid}: {text}" for cid, text in self.chunks]
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "turn_id": self.turn_id,
            "case_id": self.case_id,
            "created_at": self.created_at,
            "index_version": self.index_version,
            "decision": self.decision,
            "reason": self.reason,
            "text": self.text,
            "sources": list(self.sources),
            "chunks": [{"id": cid, "text": text} for cid, text in self.chunks],
        }


@dataclass(frozen=True, slots=True)
class LoggedAnswer:
    """A reply as the learner read it, with the sources it cited."""

    text: str
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class Gap:
    question: str
    reason: str
    language: str
    country: str
    created_at: str


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class AnswerLog:
    """The `answers` and `gaps` tables."""

    def __init__(
        self, db: aiosqlite.Connection, clock: Callable[[], datetime], writes: Writes
    ) -> None:
        self.db = db
        self.clock = clock
        self.writes = writes  # the lock every write on the connection takes

    async def _rows(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        return await fetch_rows(self.db, sql, *args)

    async def record(
        self,
        user_id: int,
        turn_id: int,
        reply: Reply,
        *,
        question: str,
        country: str | None,
        gap: GapReason | None,
    ) -> None:
        """Log a reply; its question goes (without the user) to the gaps if `gap` says so."""
        now = _iso(self.clock())
        chunks = [
            [cid, text] for cid, text in zip(reply.chunk_ids, reply.chunk_texts, strict=False)
        ]
        sources = [
            {"n": s.n, "title": s.title, "url": s.url, "updated": s.updated, "country": s.country}
            for s in reply.sources
        ]
        async with self.writes.unit():
            await self.db.execute(
                """INSERT OR REPLACE INTO answers (turn_id, user_id, decision, reason, text,
                index_version, chunks, sources, gap, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                (
                    turn_id,
                    user_id,
                    reply.decision,
                    reply.reason,
                    reply.text,
                    reply.index_version,
                    json.dumps(chunks, ensure_ascii=False),
                    json.dumps(sources, ensure_ascii=False),
                    gap,
                    now,
                ),
            )
            if gap is not None:
                await self._add_gap(question, gap, reply.language, country or "")

    async def _add_gap(self, question: str, reason: str, language: str, country: str) -> None:
        day = self.clock().astimezone(UTC).date().isoformat()  # not the answer's exact time
        await self.db.execute(
            "INSERT INTO gaps (question, reason, language, country, created_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (question, reason, language, country, day),
        )

    async def mark_unhelpful(self, user_id: int, turn_id: int) -> bool:
        """A 👎 on an answer: its question becomes a gap (once); False if it is one already."""
        rows = await self._rows(
            "SELECT gap FROM answers WHERE turn_id = ? AND user_id = ?", turn_id, user_id
        )
        if not rows or rows[0]["gap"] is not None:
            return False
        asked = await self._rows(
            """SELECT text FROM turns WHERE user_id = ? AND role = 'user' AND id < ?
            ORDER BY id DESC LIMIT 1""",
            user_id,
            turn_id,
        )
        if not asked:
            return False
        profile = await self._rows(
            "SELECT language, country FROM profiles WHERE user_id = ?", user_id
        )
        language = (profile[0]["language"] if profile else None) or ""
        country = (profile[0]["country"] if profile else None) or ""
        async with self.writes.unit():
            await self._add_gap(asked[0]["text"], "unhelpful", language, country)
            await self.db.execute(
                "UPDATE answers SET gap = 'unhelpful' WHERE turn_id = ?", (turn_id,)
            )
        return True

    @staticmethod
    def _record(row: dict[str, Any], case_id: int | None = None) -> AnswerRecord:
        return AnswerRecord(
            turn_id=row["turn_id"],
            decision=row["decision"],
            reason=row["reason"],
            text=row["text"],
            index_version=row["index_version"],
            chunks=tuple((str(c), str(t)) for c, t in json.loads(row["chunks"])),
            sources=tuple(json.loads(row["sources"])),
            created_at=row["created_at"],
            case_id=case_id,
        )

    async def last(self, user_id: int, *, unhelpful: bool = False) -> LoggedAnswer | None:
        """The learner's last reply, or with `unhelpful` the last one they marked 👎; None when
        there is none (or it was purged)."""
        if unhelpful:
            sql = """SELECT a.text, a.sources FROM feedback f
            JOIN answers a ON a.turn_id = f.turn_id AND a.user_id = f.user_id
            WHERE f.user_id = ? AND f.helpful = 0 ORDER BY f.created_at DESC, f.id DESC LIMIT 1"""
        else:
            sql = """SELECT text, sources FROM answers WHERE user_id = ?
            ORDER BY turn_id DESC LIMIT 1"""
        rows = await self._rows(sql, user_id)
        if not rows:
            return None
        sources = tuple(
            Source(s["n"], s["title"], s["url"], s["updated"], s.get("country", ""))
            for s in json.loads(rows[0]["sources"])
        )
        return LoggedAnswer(rows[0]["text"], sources)

    async def by_turn(self, turn_id: int) -> AnswerRecord | None:
        rows = await self._rows("SELECT * FROM answers WHERE turn_id = ?", turn_id)
        return self._record(rows[0]) if rows else None

    async def by_case(self, case_id: int, limit: int = 3) -> list[AnswerRecord]:
        """The replies a learner got up to the moment a counsellor case opened, latest first."""
        try:
            cases = await self._rows("SELECT user_id, opened_at FROM cases WHERE id = ?", case_id)
        except aiosqlite.OperationalError:  # no counsellor cases in this database
            return []
        if not cases or cases[0]["user_id"] is None:
            return []
        rows = await self._rows(
            """SELECT * FROM answers WHERE user_id = ? AND created_at <= ?
            ORDER BY created_at DESC, turn_id DESC LIMIT ?""",
            cases[0]["user_id"],
            cases[0]["opened_at"],
            limit,
        )
        return [self._record(row, case_id) for row in rows]

    async def gaps(self, days: int = GAP_DAYS) -> list[Gap]:
        """Gaps of the last `days` days, newest first."""
        cutoff = _iso(self.clock() - timedelta(days=min(days, GAP_DAYS)))
        rows = await self._rows(
            "SELECT question, reason, language, country, created_at FROM gaps "
            "WHERE created_at >= ? ORDER BY created_at DESC, id DESC",
            cutoff,
        )
        return [Gap(**row) for row in rows]
