"""Privacy and reporting: forgetting a learner, the retention purge, the export behind
`guidebot cases` (counts, dates, outcomes and ratings; message texts only when asked), and the
queue's backlog behind /metrics."""

from __future__ import annotations

import csv
import io
import json
import logging
from datetime import datetime
from typing import Any

from bot.handoff import card
from bot.handoff.cases import Desk
from bot.handoff.models import FORGOTTEN
from bot.handoff.repository import CaseRepository, iso
from bot.ops.metrics import Backlog

logger = logging.getLogger(__name__)

_ENDED = "SELECT id FROM cases WHERE closed_at < ? AND status NOT IN ('open', 'claimed')"
# The columns of the export, in order; `user_id` and texts only with `with_text`.
COLUMNS = (
    "id", "status", "origin", "reason", "language", "country", "region", "opened_at",
    "claimed_at", "closed_at", "counsellor_id", "counsellor_name", "outcome", "rating",
    "learner_messages", "counsellor_messages", "notes", "anonymised",
)  # fmt: skip


async def forget_learner(desk: Desk, user_id: int) -> int:
    """Anonymise the learner's cases, closing an active one (counsellors are told), and their
    cards in the group (through the outbox); counts, dates, outcomes and ratings stay. Returns
    how many cases."""
    cases = desk.cases
    async with cases.transaction():
        active = await cases.active_for(user_id)
        if active is not None:
            await cases.change(
                active.id, status="closed", closed_at=desk.now(), outcome=FORGOTTEN,
                awaiting_since=None,
            )  # fmt: skip
        ids = [row["id"] for row in await cases.rows(
            "SELECT id FROM cases WHERE user_id = ?", user_id)]  # fmt: skip
        for case_id in ids:
            await _anonymise(cases, case_id)
            await _anonymise_card(desk, case_id)
        if active is not None:
            text = desk.team("team_forgotten", n=active.id)
            await cases.enqueue(active.id, "thread", "text", text=text)
    if ids:
        logger.info("Anonymised %d case(s) on a learner's request", len(ids))
    return len(ids)


async def queue_backlog(cases: CaseRepository) -> Backlog:
    """Cases open and waiting, how long the oldest has waited, messages not yet delivered."""
    rows = await cases.rows(
        """SELECT COUNT(*) FILTER (WHERE status IN ('open', 'claimed')) AS active,
        COUNT(*) FILTER (WHERE status = 'open') AS unclaimed,
        MIN(opened_at) FILTER (WHERE status = 'open') AS oldest,
        (SELECT COUNT(*) FROM outbox WHERE status = 'pending') AS pending
        FROM cases"""
    )
    row = rows[0]
    oldest = datetime.fromisoformat(row["oldest"]) if row["oldest"] else None
    return Backlog(
        open_cases=row["active"],
        unclaimed_cases=row["unclaimed"],
        oldest_unclaimed_seconds=(cases.now() - oldest).total_seconds() if oldest else 0.0,
        outbox_pending=row["pending"],
    )


async def _anonymise(cases: CaseRepository, case_id: int) -> None:
    db = cases.db
    await db.execute(
        """UPDATE cases SET user_id = NULL, chat_id = NULL, summary = '', context = '{}',
        anonymised_at = ? WHERE id = ?""",
        (iso(cases.now()), case_id),
    )
    # The dedupe keys of a learner's messages hold their chat id (= their user id): replaced.
    await db.execute(
        """UPDATE case_messages SET text = NULL, chat_id = 0, message_id = -id,
        author_id = CASE WHEN direction IN ('learner', 'opening') THEN NULL ELSE author_id END
        WHERE case_id = ?""",
        (case_id,),
    )
    await db.execute(
        """UPDATE outbox SET text = NULL, from_chat_id = NULL,
        error = CASE WHEN status = 'pending' THEN 'forgotten' ELSE error END,
        status = CASE WHEN status = 'pending' THEN 'failed' ELSE status END
        WHERE case_id = ?""",
        (case_id,),
    )


async def _anonymise_card(desk: Desk, case_id: int) -> None:
    """Replace the case's card by its anonymised version, without buttons (an edit)."""
    case = await desk.cases.get(case_id)
    assert case is not None
    if case.card_message_id is None:  # never shown in the group
        return
    text = card.card_text(case, desk.strings, desk.team_language, desk.hours)
    await desk.cases.enqueue(case_id, "group", "card", text=text)


async def purge_texts(cases: CaseRepository, before: datetime) -> int:
    """Erase the texts of cases that ended before `before`; returns the messages erased."""
    cutoff = (iso(before),)
    async with cases.transaction():
        cursor = await cases.db.execute(
            f"UPDATE case_messages SET text = NULL WHERE text IS NOT NULL AND case_id IN ({_ENDED})",  # noqa: E501, S608
            cutoff,
        )
        await cases.db.execute(
            f"UPDATE outbox SET text = NULL WHERE status != 'pending' AND case_id IN ({_ENDED})",  # noqa: S608
            cutoff,
        )
        await cases.db.execute(
            f"UPDATE cases SET summary = '', context = '{{}}' WHERE id IN ({_ENDED})",  # noqa: S608
            cutoff,
        )
    return cursor.rowcount


async def export_cases(
    cases: CaseRepository, status: str | None = None, with_text: bool = False
) -> list[dict[str, Any]]:
    """One row per case with its message counts; with `with_text`, also the learner's id, the
    summary and every message's text."""
    rows = await cases.rows(
        """SELECT c.*,
        (SELECT COUNT(*) FROM case_messages m WHERE m.case_id = c.id
         AND m.direction = 'learner') AS learner_messages,
        (SELECT COUNT(*) FROM case_messages m WHERE m.case_id = c.id
         AND m.direction = 'counsellor') AS counsellor_messages,
        (SELECT COUNT(*) FROM case_messages m WHERE m.case_id = c.id
         AND m.direction = 'note') AS notes
        FROM cases c WHERE ? IS NULL OR c.status = ? ORDER BY c.id""",
        status,
        status,
    )
    out = []
    for row in rows:
        row["anonymised"] = row["anonymised_at"] is not None
        item = {name: row[name] for name in COLUMNS}
        if with_text:
            item |= {"user_id": row["user_id"], "summary": row["summary"]}
            item["messages"] = await cases.rows(
                """SELECT direction, kind, text, created_at FROM case_messages
                WHERE case_id = ? AND direction != 'opening' ORDER BY id""",
                row["id"],
            )
        out.append(item)
    return out


def as_json(rows: list[dict[str, Any]]) -> str:
    return json.dumps(rows, ensure_ascii=False, indent=1) + "\n"


def as_table(rows: list[dict[str, Any]]) -> str:
    """A short listing for a terminal: one line a case."""
    names = ("id", "status", "opened_at", "language", "country", "origin", "outcome", "rating")
    lines = [[str(name) for name in names]]
    lines += [["-" if row[name] is None else str(row[name]) for name in names] for row in rows]
    widths = [max(len(line[i]) for line in lines) for i in range(len(names))]
    return "".join(
        "  ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip() + "\n"
        for line in lines
    )


def as_csv(rows: list[dict[str, Any]]) -> str:
    """CSV, one line per case; with texts, the messages as one "direction: text" column."""
    out = io.StringIO()
    names = list(COLUMNS)
    if rows and "messages" in rows[0]:
        names += ["user_id", "summary", "messages"]
    writer = csv.DictWriter(out, fieldnames=names, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        flat = dict(row)
        if "messages" in flat:
            flat["messages"] = "\n".join(
                f"{m['created_at']} {m['direction']}: {m['text'] or ''}" for m in row["messages"]
            )
        writer.writerow(flat)
    return out.getvalue()
