"""Counsellor handoff in Telegram: /forget anonymises a learner's cases and their cards."""

from __future__ import annotations

from counsellors import (
    CPF,
    CPF_500,
    GROUP,
    LAWYER,
    LEGAL,
    TOPIC,
    Counsellor,
    FlakyRequest,
    card_of,
    open_case,
    run_job,
)
from tg_factories import Learner, Texts

from bot.channels.telegram.delivery import QUICK_RETRIES
from bot.handoff.records import export_cases
from bot.store import Store


async def test_forget_anonymises_the_cases_and_tells_the_counsellors(
    app, learner: Learner, counsellor: Counsellor, request_: FlakyRequest, store: Store,
    tr: Texts,
) -> None:  # fmt: skip
    await open_case(learner, store)
    await learner.send("My name is Ana Silva.")
    await counsellor.say("Hello Ana", thread=TOPIC)
    # What /mydata shows meanwhile: the case, with what was said in it.
    (kept,) = (await store.export_user(42))["cases"]
    assert (kept["id"], kept["status"], kept["reason"]) == (1, "claimed", LEGAL)
    said = [(m["from"], m["text"]) for m in kept["messages"] if m["from"] != "opening"]
    assert said == [("learner", "My name is Ana Silva."), ("counsellor", "Hello Ana")]

    await learner.command("forget")
    await learner.tap("forget:yes", on=request_.sent()[-1])
    await run_job(app, "handoff-outbox")

    case = await store.cases.get(1)
    assert (case.status, case.outcome, case.user_id, case.chat_id) == (
        "closed", "forgotten", None, None)  # fmt: skip
    assert case.summary == ""
    assert case.context.turns == ()
    (row,) = await export_cases(store.cases, with_text=True)
    assert (row["learner_messages"], row["counsellor_messages"]) == (1, 1)
    assert all(message["text"] is None for message in row["messages"])
    assert request_.texts_in(GROUP)[-1] == tr("team_forgotten", n=1)
    assert (await store.export_user(42))["cases"] == []
    # The learner starts again with the bot.
    await learner.send(CPF)
    assert CPF_500 in request_.texts_in(42)[-1]


async def test_forget_edits_the_card_to_its_anonymised_version_through_the_outbox(
    app, learner: Learner, request_: FlakyRequest, store: Store, clock, tr: Texts
) -> None:
    await open_case(learner, store)
    card = card_of(request_)
    await learner.command("forget")
    await learner.tap("forget:yes", on=request_.sent()[-1])
    request_.clear()

    request_.fail["editMessageText"] = 500  # Telegram is down: the edit waits in the outbox
    await run_job(app, "handoff-outbox")
    del request_.fail["editMessageText"]
    clock.advance(seconds=10)
    await run_job(app, "handoff-outbox")

    *refused, edit = request_.sent("editMessageText")  # tried again before the outbox waits
    assert len(refused) == 1 + QUICK_RETRIES
    assert (int(edit["chat_id"]), edit["message_id"]) == (GROUP, card["message_id"])
    forgotten = tr("team_outcome_forgotten")
    assert edit["text"].startswith(
        f"<b>{tr('team_card_title', n=1)}</b> – {tr('team_state_closed', outcome=forgotten)}\n"
    )
    assert edit["text"].endswith(f"\n\n{forgotten}")
    assert CPF not in edit["text"]
    assert LAWYER not in edit["text"]
    assert "reply_markup" not in edit  # no buttons left
    assert await store.cases.pending() == []
