"""Counsellor handoff in Telegram when things go wrong: an update delivered twice, a group
outage, a restart with messages undelivered, a learner who blocked the bot, and reminders of
waiting cases across restarts and office hours. Same setting as test_cases.py.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from typing import Any

from counsellors import (
    GROUP,
    LAWYER,
    TOPIC,
    Counsellor,
    FlakyRequest,
    group_messages,
    open_case,
    opened,
    relayed_to_learner,
    relayed_to_team,
    run_job,
    started,
)
from telegram import Update
from tg_factories import Learner, RecordingRequest, Texts, button_data

from bot.channels.telegram.delivery import QUICK_RETRIES
from bot.guidance.types import Profile
from bot.handoff.hours import OfficeHours
from bot.store import Store


async def test_a_group_outage_delays_the_card_and_relays_without_losing_or_reordering(
    app, learner: Learner, request_: FlakyRequest, store: Store, clock, tr: Texts
) -> None:
    request_.down[GROUP] = 500
    await open_case(learner, store)
    await learner.send("Are you there?")

    # The learner was answered; nothing reached the group, everything waits in the outbox.
    assert request_.texts_in(42)[-1] == opened(tr)
    assert group_messages(request_) == []
    # One delivery, tried again by the Bot API transport, then the outbox backs off.
    attempts = 1 + QUICK_RETRIES
    assert [name for name, _ in request_.refused] == ["createForumTopic"] * attempts
    await run_job(app, "handoff-outbox")
    assert len(request_.refused) == attempts  # not due yet

    del request_.down[GROUP]
    clock.advance(seconds=10)
    request_.clear()
    await run_job(app, "handoff-outbox")
    await run_job(app, "handoff-outbox")
    texts = [p["text"] for p in group_messages(request_)]
    assert len(texts) == 2
    assert texts[0].startswith(f"<b>{tr('team_card_title', n=1)}</b>")
    assert texts[1] == relayed_to_team(tr, "Are you there?")


async def test_an_undelivered_card_arrives_once_after_a_restart(
    app, learner: Learner, request_: FlakyRequest, store: Store, settings, engine, strings
) -> None:
    request_.down[GROUP] = 500
    await open_case(learner, store)
    assert card_sent(request_) == 0
    await app.shutdown()  # the bot stops with the card stored, not delivered

    after = FlakyRequest()
    async with started(settings, after, engine=engine, store=store, strings=strings) as restarted:
        await run_job(restarted, "handoff-resume")  # what runs first after start-up
        await run_job(restarted, "handoff-outbox")
    await app.initialize()  # the fixture shuts it down again

    assert card_sent(after) == 1
    assert len(after.sent("createForumTopic")) == 1
    assert not after.texts_in(42)  # the learner was told once, before the restart


def card_sent(request_: RecordingRequest) -> int:
    return sum(1 for p in group_messages(request_) if "case:claim:1" in button_data(p))


async def test_a_learner_who_blocked_the_bot_is_reported_to_the_counsellors(
    app, learner: Learner, counsellor: Counsellor, request_: FlakyRequest, store: Store,
    tr: Texts,
) -> None:  # fmt: skip
    await open_case(learner, store)
    request_.down[42] = 403
    request_.clear()

    await counsellor.say("Hello?", thread=TOPIC)

    reason = "Forbidden: bot was blocked by the user"
    assert tr("team_undelivered", n=1, reason=reason) in request_.texts_in(GROUP)


async def test_reminders_for_waiting_cases_repeat_per_sla_and_survive_a_restart(
    app, learner: Learner, counsellor: Counsellor, request_: FlakyRequest, store: Store,
    clock, settings, engine, strings, tr: Texts,
) -> None:  # fmt: skip
    await open_case(learner, store)
    request_.clear()
    clock.advance(minutes=29)
    await run_job(app, "handoff-reminders")
    assert request_.texts_in(GROUP) == []

    clock.advance(minutes=2)
    await run_job(app, "handoff-reminders")
    await run_job(app, "handoff-reminders")
    (reminder,) = group_messages(request_)
    assert reminder["text"] == tr("team_reminder_unclaimed", minutes=31, n=1)
    assert "message_thread_id" not in reminder  # raised in the group's main chat
    assert button_data(reminder) == ["case:claim:1"]

    # After a restart the reminder state is still known: no repeat before another SLA.
    after = FlakyRequest()
    async with started(settings, after, engine=engine, store=store, strings=strings) as restarted:
        clock.advance(minutes=10)
        await run_job(restarted, "handoff-reminders")
        assert after.texts_in(GROUP) == []
        clock.advance(minutes=21)
        await run_job(restarted, "handoff-reminders")
        assert after.texts_in(GROUP) == [tr("team_reminder_unclaimed", minutes=62, n=1)]

        # Claimed and answered: quiet; the learner writes again and waits: raised again.
        await counsellor.say("Hello!", thread=TOPIC)
        await learner.send("Thanks, one more question.")
        clock.advance(minutes=31)
        await run_job(restarted, "handoff-reminders")
        assert after.texts_in(GROUP)[-1] == tr(
            "team_reminder_unanswered", minutes=31, n=1, name="Marie"
        )


async def test_no_reminders_outside_office_hours(
    app, learner: Learner, request_: FlakyRequest, store: Store, clock, tr: Texts
) -> None:
    app.bot_data["handoff"].desk.hours = OfficeHours.parse("Mon-Fri 09:00-17:00 UTC")
    await open_case(learner, store)  # Sunday noon
    request_.clear()
    clock.advance(hours=3)
    await run_job(app, "handoff-reminders")
    assert request_.texts_in(GROUP) == []
    clock.advance(hours=18)  # Monday 09:00
    await run_job(app, "handoff-reminders")
    assert request_.texts_in(GROUP) == [tr("team_reminder_unclaimed", minutes=1260, n=1)]


async def test_the_same_update_twice_is_relayed_once(
    app, learner: Learner, counsellor: Counsellor, request_: FlakyRequest, store: Store,
    tr: Texts,
) -> None:  # fmt: skip
    update_ids = itertools.count(10_000)

    async def twice(message: dict[str, Any]) -> None:
        update = {"update_id": next(update_ids), "message": message}
        for _ in range(2):
            await app.process_update(Update.de_json(update, app.bot))

    await store.save_profile(42, Profile(language="en"))
    await twice(learner._message(text=LAWYER))
    assert len(request_.sent("createForumTopic")) == 1
    case_opened = tr("case_opened", n=1)
    assert [t for t in request_.texts_in(42) if t.startswith(case_opened)] == [opened(tr)]
    assert not any(tr("team_from_learner", n=1) in t for t in request_.texts_in(GROUP))

    request_.clear()
    await twice(learner._message(text="Here are more details."))
    await twice(counsellor.message(thread=TOPIC, text="Thanks, I read them."))
    assert [p["text"] for p in group_messages(request_)] == [
        relayed_to_team(tr, "Here are more details."),
        tr("team_claimed", n=1, name="Marie"),
    ]
    assert request_.texts_in(42) == [
        tr("case_claimed"),
        relayed_to_learner(tr, "Thanks, I read them."),
    ]


async def test_the_same_update_twice_at_once_is_handled_once(
    app, learner: Learner, request_: FlakyRequest, store: Store, tr: Texts, engine
) -> None:
    await store.save_profile(42, Profile(language="en"))
    message = learner._message(text=LAWYER)
    update = Update.de_json({"update_id": 20_000, "message": message}, app.bot)

    await asyncio.gather(app.process_update(update), app.process_update(update))

    assert engine.asked == [LAWYER]
    assert [t for t in request_.texts_in(42) if tr("escalate_notice") in t] == [
        tr("escalate_reason_legal") + "\n\n" + tr("escalate_notice")
    ]
    assert [t for t in request_.texts_in(42) if t.startswith(tr("case_opened", n=1))] == [
        opened(tr)
    ]
    assert len(request_.sent("createForumTopic")) == 1


async def test_what_a_closed_topic_refuses_is_posted_in_the_group_and_logged(
    app, learner: Learner, request_: FlakyRequest, store: Store, tr: Texts, caplog
) -> None:
    caplog.set_level(logging.WARNING)
    await open_case(learner, store)
    request_.closed_topics.add(TOPIC)
    request_.clear()

    await learner.send("Are you there?")
    await learner.send_attachment("photo")

    notice = tr("team_thread_refused", n=1, reason="Topic_closed")  # as PTB words it
    header = f"<b>{tr('team_from_learner', n=1)}</b>"
    posted = [(name, p.get("text")) for name, p in request_.calls
              if name in ("sendMessage", "copyMessage")]  # fmt: skip
    assert posted == [
        ("sendMessage", notice), ("sendMessage", relayed_to_team(tr, "Are you there?")),
        ("sendMessage", notice), ("sendMessage", header),
        ("sendMessage", notice), ("copyMessage", None),
    ]  # fmt: skip
    # In the group's main chat, not the closed topic; nothing is left waiting.
    assert all(int(p["chat_id"]) == GROUP for _, p in request_.calls if "chat_id" in p)
    assert not any("message_thread_id" in p for _, p in request_.calls)
    assert await store.cases.pending() == []
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert sum("posted in the group instead" in w for w in warnings) == 3
