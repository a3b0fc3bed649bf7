"""The case lifecycle: open → claimed → closed (with an outcome), or returned to the bot.

Plain async functions over a `Desk`. Each stores the change and the messages it causes (to the
learner, to the case's thread, to the group) in one transaction; `outbox.Outbox` sends them.
Learners are told in their language, counsellors in the team's.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from bot.handoff import card
from bot.handoff.card import Texts, esc, pieces, say
from bot.handoff.hours import OfficeHours
from bot.handoff.models import Button, Case, CaseRequest, Person, Target
from bot.handoff.repository import CaseRepository, IntegrityError
from bot.handoff.summary import Summariser, conversation_summary

logger = logging.getLogger(__name__)

Result = Literal["done", "unchanged", "taken", "ended", "missing"]
Rows = tuple[tuple[Button, ...], ...]


@dataclass
class Desk:
    """What the lifecycle needs: the case repository, texts, the team's language, the office
    hours, the SLA and, when an LLM is configured, a summariser."""

    cases: CaseRepository
    strings: Texts
    team_language: str = "en"
    hours: OfficeHours | None = None
    sla: timedelta = timedelta(minutes=30)
    summarise: Summariser | None = None

    def now(self) -> datetime:
        return self.cases.now()

    def team(self, key: str, **params: object) -> str:
        return say(self.strings, key, self.team_language, **params)

    async def tell_learner(
        self, case: Case, key: str, buttons: Rows = (), **params: object
    ) -> None:
        text = say(self.strings, key, case.language, **params)
        await self.cases.enqueue(case.id, "learner", "text", text=text, buttons=buttons)

    async def tell_team(
        self,
        case_id: int,
        key: str,
        target: Target = "thread",
        buttons: Rows = (),
        **params: object,
    ) -> None:
        text = self.team(key, **params)
        await self.cases.enqueue(case_id, target, "text", text=text, buttons=buttons)


@dataclass(frozen=True, slots=True)
class Change:
    """What a lifecycle step did: done, unchanged (already so), taken (claimed by someone
    else), ended (closed or returned before), missing (no such case)."""

    result: Result
    case: Case | None


async def open_case(desk: Desk, request: CaseRequest) -> tuple[Case, bool]:
    """Open a case for the learner, or return the active one; True when it is new."""
    cases, team = desk.cases, desk.team_language
    if (active := await cases.active_for(request.user_id)) is not None:
        return active, False
    summary = await desk.summarise(request.context, team) if desk.summarise else None
    summary = summary or conversation_summary(request.context, desk.strings, team)
    try:
        async with cases.transaction():
            case_id = await cases.insert(request, summary)
            if request.source:
                await cases.add_message(case_id, "opening", request.source)
            case = await cases.get(case_id)
            assert case is not None
            topic = card.topic_name(case, desk.strings, team)
            await cases.enqueue(case_id, "thread", "topic", text=topic)
            text = card.card_text(case, desk.strings, team, desk.hours)
            buttons = card.card_buttons(case, desk.strings, team)
            await cases.enqueue(case_id, "thread", "card", text=text, buttons=buttons)
            ack = [
                desk.strings.get("case_opened", case.language, n=case_id),
                card.wait_text(desk.strings, case.language, desk.hours, desk.sla, desk.now()),
            ]
            await cases.enqueue(case_id, "learner", "text", text=esc("\n\n".join(ack)))
    except IntegrityError:  # opened at the same moment by another update of this learner
        if (active := await cases.active_for(request.user_id)) is None:
            raise
        return active, False
    logger.info("Case %d opened (origin=%s)", case_id, request.origin)
    return case, True


async def _active(desk: Desk, case_id: int) -> Change | Case:
    """The case if it is active, else what stops the step."""
    case = await desk.cases.get(case_id)
    if case is None:
        return Change("missing", None)
    return case if case.active else Change("ended", case)


async def claim_case(desk: Desk, case_id: int, person: Person) -> Change:
    """The counsellor takes the case; the learner hears that someone is on it."""
    found = await _active(desk, case_id)
    if isinstance(found, Change):
        return found
    cases = desk.cases
    async with cases.transaction():
        claimed = await cases.change(
            case_id, ("open",), status="claimed", counsellor_id=person.id,
            counsellor_name=person.name, claimed_at=desk.now(),
        )  # fmt: skip
        case = await cases.get(case_id)
        assert case is not None
        if claimed:
            await desk.tell_learner(case, "case_claimed")
            await desk.tell_team(case_id, "team_claimed", n=case_id, name=person.name)
    if claimed:
        logger.info("Case %d claimed by %d", case_id, person.id)
        return Change("done", case)
    if not case.active:
        return Change("ended", case)
    return Change("unchanged" if case.counsellor_id == person.id else "taken", case)


async def close_case(desk: Desk, case_id: int, person: Person, outcome: str) -> Change:
    """Close with an outcome; the learner is told, then asked for a rating."""
    found = await _active(desk, case_id)
    if isinstance(found, Change):
        return found
    cases = desk.cases
    changes: dict[str, object] = {"status": "closed", "closed_at": desk.now(),
                                  "outcome": outcome[:200], "awaiting_since": None}  # fmt: skip
    if found.counsellor_id is None:
        changes |= {"counsellor_id": person.id, "counsellor_name": person.name}
    async with cases.transaction():
        if not await cases.change(case_id, ("open", "claimed"), **changes):
            return Change("ended", await cases.get(case_id))
        case = await cases.get(case_id)
        assert case is not None
        await desk.tell_learner(case, "case_closed", n=case_id)
        await desk.tell_learner(case, "case_rate", buttons=card.rating_buttons(case_id))
        label = card.outcome_label(case, desk.strings, desk.team_language)
        await desk.tell_team(case_id, "team_closed", n=case_id, name=person.name, outcome=label)
    logger.info("Case %d closed by %d", case_id, person.id)
    return Change("done", case)


async def return_to_bot(desk: Desk, case_id: int, person: Person) -> Change:
    """Hand the learner back to the bot without closing with an outcome."""
    found = await _active(desk, case_id)
    if isinstance(found, Change):
        return found
    cases = desk.cases
    async with cases.transaction():
        returned = await cases.change(
            case_id, ("open", "claimed"), status="returned", closed_at=desk.now(),
            awaiting_since=None,
        )  # fmt: skip
        case = await cases.get(case_id)
        assert case is not None
        if not returned:
            return Change("ended", case)
        await desk.tell_learner(case, "case_returned")
        await desk.tell_team(case_id, "team_returned", n=case_id, name=person.name)
    logger.info("Case %d returned to the bot by %d", case_id, person.id)
    return Change("done", case)


async def relay_from_learner(
    desk: Desk,
    case: Case,
    source: tuple[int, int],
    text: str | None,
    transcript: str | None = None,
) -> bool:
    """Pass the learner's message (text, or a copy of it when `text` is None) to the case's
    thread; a voice note's `transcript` is kept with it and shown above the copy. False when
    this message was relayed before."""
    cases = desk.cases
    async with cases.transaction():
        kind = "text" if text is not None else "copy"
        kept = text if text is not None else transcript
        if not await cases.add_message(case.id, "learner", source, kind=kind, text=kept):
            return False
        if case.awaiting_since is None:
            await cases.change(case.id, awaiting_since=desk.now())
        header = f"<b>{desk.team('team_from_learner', n=case.id)}</b>"
        if text is None and transcript:
            header += "\n" + esc(desk.team("team_voice_transcript", text=transcript))
        await _enqueue_relay(cases, case.id, "thread", header, source, text)
    return True


async def relay_from_counsellor(
    desk: Desk, case: Case, person: Person, source: tuple[int, int], text: str | None
) -> Change:
    """Pass a counsellor's message to the learner; a reply on an unclaimed case claims it."""
    if case.status == "open":
        case = (await claim_case(desk, case.id, person)).case or case
    if not case.active:
        return Change("ended", case)
    cases = desk.cases
    async with cases.transaction():
        kind = "text" if text is not None else "copy"
        if not await cases.add_message(
            case.id, "counsellor", source, kind=kind, text=text, author_id=person.id
        ):
            return Change("unchanged", case)
        await cases.change(case.id, awaiting_since=None, reminded_at=None)
        header = f"<b>{say(desk.strings, 'case_counsellor_label', case.language)}:</b>"
        await _enqueue_relay(cases, case.id, "learner", header, source, text)
    return Change("done", case)


async def _enqueue_relay(
    cases: CaseRepository,
    case_id: int,
    target: Target,
    header: str,
    source: tuple[int, int],
    text: str | None,
) -> None:
    """A relayed message under `header`: its text (in parts if long), or when `text` is None
    the header on its own, then a copy of the message (a photo, a voice message...)."""
    if text is None:
        await cases.enqueue(case_id, target, "text", text=header)
        await cases.enqueue(case_id, target, "copy", copy_of=source)
    for piece in pieces(text or ""):
        await cases.enqueue(case_id, target, "text", text=f"{header}\n{esc(piece)}")


async def add_note(
    desk: Desk, case: Case, person: Person, source: tuple[int, int], text: str
) -> bool:
    """Keep an internal note on the case (never relayed); False if seen before."""
    async with desk.cases.transaction():
        return await desk.cases.add_message(
            case.id, "note", source, text=text, author_id=person.id
        )


async def rate_case(desk: Desk, case_id: int, user_id: int, rating: int) -> bool:
    """Record the learner's 1–5 rating of a closed case, once."""
    if not 1 <= rating <= 5:
        return False
    async with desk.cases.transaction():
        if not await desk.cases.rate(case_id, user_id, rating):
            return False
        await desk.tell_team(case_id, "team_rated", n=case_id, rating=rating)
    return True


async def remind_overdue(desk: Desk) -> int:
    """Raise again, in the group, each case waiting longer than the SLA (unclaimed, or with the
    learner's message unanswered), at most once per SLA period; only in office hours."""
    now = desk.now()
    if desk.hours is not None and not desk.hours.is_open(now):
        return 0
    raised = 0
    for case in await desk.cases.active_cases():
        since = case.awaiting_since
        if since is None or now - since < desk.sla:
            continue
        if case.reminded_at is not None and now - case.reminded_at < desk.sla:
            continue
        minutes = card.minutes_between(since, now)
        async with desk.cases.transaction():
            await desk.cases.change(case.id, reminded_at=now)
            if case.status == "open":
                label = desk.strings.get("button_claim", desk.team_language)
                claim = ((Button(label, f"{card.CASE}:claim:{case.id}"),),)
                await desk.tell_team(case.id, "team_reminder_unclaimed", "group", claim,
                                     n=case.id, minutes=minutes)  # fmt: skip
            else:
                name = case.counsellor_name or "?"
                await desk.tell_team(case.id, "team_reminder_unanswered", "group", n=case.id,
                                     minutes=minutes, name=name)  # fmt: skip
        raised += 1
    if raised:
        logger.info("Reminders sent for %d waiting case(s)", raised)
    return raised
