"""The values of the handoff: a case, what it shows counsellors, and a message waiting to be sent.

Nothing here knows about Telegram: a `Delivery` names its target (the learner's chat, the case's
thread in the counsellors' group, or the group itself) and the transport resolves it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Literal

from bot.guidance.types import Source, Turn

CaseStatus = Literal["open", "claimed", "closed", "returned"]
ACTIVE: tuple[CaseStatus, ...] = ("open", "claimed")
# How the case came to be: the engine escalated, the learner asked (/human, the button), the
# learner found an answer unhelpful (👎 then the button), or the bot failed.
Origin = Literal["engine", "learner", "feedback", "error"]
Direction = Literal["opening", "learner", "counsellor", "note"]
Target = Literal["learner", "thread", "group"]
# A card is sent the first time and edited in place once the case has one (after /forget).
DeliveryKind = Literal["topic", "card", "text", "copy"]
# Outcomes offered as buttons; `/close N words` stores the counsellor's own words instead.
OUTCOMES = ("resolved", "referred", "no_reply", "other")
FORGOTTEN = "forgotten"


@dataclass(frozen=True, slots=True)
class Person:
    """Someone acting on a case: a counsellor (or a group admin)."""

    id: int
    name: str


@dataclass(frozen=True, slots=True)
class CaseContext:
    """What the counsellor sees of the conversation before the handover (bounded)."""

    turns: tuple[Turn, ...] = ()
    answer: str = ""  # the bot's last answer
    sources: tuple[Source, ...] = ()

    def to_json(self) -> str:
        return json.dumps(
            {
                "turns": [{"role": t.role, "text": t.text} for t in self.turns],
                "answer": self.answer,
                "sources": [
                    {"n": s.n, "title": s.title, "url": s.url, "updated": s.updated}
                    for s in self.sources
                ],
            },
            ensure_ascii=False,
        )

    @classmethod
    def from_json(cls, text: str | None) -> CaseContext:
        data: dict[str, Any] = json.loads(text or "{}")
        return cls(
            turns=tuple(Turn(t["role"], t["text"]) for t in data.get("turns", [])),
            answer=str(data.get("answer", "")),
            sources=tuple(Source(**s) for s in data.get("sources", [])),
        )


@dataclass(frozen=True, slots=True)
class CaseRequest:
    """What opening a case needs; `source` is the learner's message that asked for it."""

    user_id: int
    chat_id: int
    language: str
    origin: Origin
    reason: str = ""
    country: str | None = None
    region: str | None = None
    context: CaseContext = field(default_factory=CaseContext)
    source: tuple[int, int] | None = None  # (chat id, message id)


@dataclass(frozen=True, slots=True)
class Case:
    id: int
    user_id: int | None  # None once the learner asked to be forgotten
    chat_id: int | None
    language: str
    country: str | None
    region: str | None
    origin: str
    reason: str
    summary: str
    context: CaseContext
    status: CaseStatus
    counsellor_id: int | None
    counsellor_name: str | None
    opened_at: datetime
    claimed_at: datetime | None
    closed_at: datetime | None
    outcome: str | None
    rating: int | None
    thread_id: int | None
    card_message_id: int | None
    awaiting_since: datetime | None  # the learner waits for a counsellor's answer since then
    reminded_at: datetime | None
    anonymised: bool

    @property
    def active(self) -> bool:
        return self.status in ACTIVE


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    data: str


@dataclass(frozen=True, slots=True)
class Delivery:
    """A message stored before it is sent; `attempts` counts failed tries."""

    id: int
    case_id: int
    target: Target
    kind: DeliveryKind
    text: str | None
    buttons: tuple[tuple[Button, ...], ...]
    from_chat_id: int | None
    from_message_id: int | None
    attempts: int
    next_attempt_at: datetime

    @property
    def copy_of(self) -> tuple[int, int] | None:
        """The (chat id, message id) of the message to copy, unless erased."""
        if self.from_chat_id is None or self.from_message_id is None:
            return None
        return (self.from_chat_id, self.from_message_id)


def buttons_to_json(rows: tuple[tuple[Button, ...], ...]) -> str | None:
    if not rows:
        return None
    return json.dumps([[[b.label, b.data] for b in row] for row in rows], ensure_ascii=False)


def buttons_from_json(text: str | None) -> tuple[tuple[Button, ...], ...]:
    if not text:
        return ()
    return tuple(tuple(Button(label, data) for label, data in row) for row in json.loads(text))
