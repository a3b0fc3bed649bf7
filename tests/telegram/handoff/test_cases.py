"""Counsellor handoff in Telegram: cases opened from the learner's chat, worked in the group.

The learner is user 42 in a private chat; counsellors (7 and 8) work in the group -100500 with
forum topics. Telegram is the recording transport; the outbox, reminder and restart behaviour
is driven through the application's own jobs. The engine is the real one over the small test
index: "My employer refuses, do I need a lawyer?" is a legal question it hands over.
"""

from __future__ import annotations

import logging

from counsellors import (
    CPF,
    CPF_500,
    GROUP,
    LAWYER,
    LEAVE,
    LEGAL,
    SPAIN_HOURS,
    TOPIC,
    Counsellor,
    FlakyRequest,
    card_of,
    group_messages,
    open_case,
    opened,
    relayed_to_learner,
    relayed_to_team,
    started,
)
from tg_factories import Learner, Texts, button_data, buttons

from bot.guidance.language import Strings
from bot.guidance.types import Profile
from bot.handoff.hours import OfficeHours
from bot.handoff.records import export_cases
from bot.store import Store


async def test_escalation_opens_a_case_with_its_card_in_a_new_topic(
    app, learner: Learner, request_: FlakyRequest, store: Store, tr: Texts
) -> None:
    await open_case(learner, store)

    (topic,) = request_.sent("createForumTopic")
    assert topic["chat_id"] == GROUP
    assert topic["name"] == "Case 1 · en · FR" == tr("team_card_title", n=1) + " · en · FR"
    card = card_of(request_)
    assert card["message_thread_id"] == TOPIC
    text = card["text"]
    assert text.startswith(f"<b>{tr('team_card_title', n=1)}</b> – {tr('team_state_open')}\n")
    assert f"{tr('team_label_language')}: English (en)" in text
    assert f"{tr('team_label_place')}: France" in text
    assert f"{tr('team_label_reason')}: {tr('team_origin_engine')} ({LEGAL})" in text
    assert tr("team_summary_first", text=CPF) in text
    assert tr("team_summary_latest", text=LAWYER) in text
    assert f"<i>{tr('team_role_user')}:</i> {CPF}" in text
    assert f"<i>{tr('team_role_bot')}:</i> France, CPF:" in text  # the CPF answer
    # The bot's last answer: why it handed over.
    assert f"<b>{tr('team_label_answer')}</b>\n{tr('escalate_reason_legal')}" in text
    assert button_data(card) == ["case:claim:1", "case:close:1", "case:return:1"]
    assert [b["text"] for b in buttons(card)] == [
        tr("button_claim"), tr("button_close"), tr("button_return")]  # fmt: skip
    # The learner read the engine's text, then what happens next, in their language.
    assert request_.texts_in(42)[-2:] == [
        tr("escalate_reason_legal") + "\n\n" + tr("escalate_notice"),
        opened(tr),
    ]
    (case,) = await store.cases.active_cases()
    assert (case.status, case.origin, case.reason) == ("open", "engine", LEGAL)
    assert case.thread_id == TOPIC
    assert case.card_message_id == card["message_id"]


async def test_thumbs_down_then_counsellor_button_shows_the_answer_and_its_sources(
    app, learner: Learner, request_: FlakyRequest, store: Store, tr: Texts
) -> None:
    await store.save_profile(42, Profile(language="en", country="FR"))
    await learner.send(CPF)
    answer = request_.sent()[-1]
    await learner.tap(button_data(answer)[1], on=answer)  # 👎
    await learner.tap("human:fb", on=answer)

    text = card_of(request_)["text"]
    assert f"{tr('team_label_reason')}: {tr('team_origin_feedback')}" in text
    assert f"<b>{tr('team_label_answer')}</b>\nFrance, CPF:" in text
    assert CPF_500 in text
    assert (
        f"<b>{tr('sources_heading')}</b>\n"
        '[1] <a href="https://www.moncompteformation.gouv.fr/">France: CPF amounts</a>'
    ) in text


async def test_human_command_opens_one_case_and_a_summary_from_the_llm_when_configured(
    app, learner: Learner, request_: FlakyRequest, store: Store, tr: Texts
) -> None:
    seen = []

    async def summarise(context, language):
        seen.append((context.turns, language))
        return "Ana wants training leave; her employer refuses."

    app.bot_data["handoff"].desk.summarise = summarise
    await learner.send(CPF)
    await learner.command("human")
    await learner.command("human")

    assert len(request_.sent("createForumTopic")) == 1
    assert (
        f"<b>{tr('team_label_summary')}</b>\nAna wants training leave; her employer refuses."
        in (card_of(request_)["text"])
    )
    assert seen[0][1] == "en"
    assert [turn.role for turn in seen[0][0]] == ["user", "bot"]
    assert seen[0][0][0].text == CPF
    assert request_.texts_in(42)[-1] == tr("case_already_open", n=1)


async def test_outside_office_hours_the_learner_hears_when_the_team_is_back(
    app, learner: Learner, request_: FlakyRequest, store: Store, tr: Texts, strings: Strings
) -> None:
    # The clock says Sunday 2026-03-01 12:00 UTC.
    app.bot_data["handoff"].desk.hours = OfficeHours.parse("Mon-Fri 09:00-17:00 Europe/Paris")
    await learner.command("human")

    when = strings.get("case_back_when", "en", day="tomorrow", time="09:00", zone="Europe/Paris")
    assert request_.texts_in(42)[-1] == opened(tr, tr("case_wait_closed", when=when))
    assert request_.texts_in(42)[-1].endswith("back tomorrow at 09:00 (Europe/Paris).")


async def test_whole_case_claim_relay_both_ways_note_close_and_rating(
    app, learner: Learner, counsellor: Counsellor, request_: FlakyRequest, store: Store,
    tr: Texts, strings: Strings, engine,
) -> None:  # fmt: skip
    await open_case(learner, store)
    card = card_of(request_)
    assert engine.asked == [CPF, LAWYER]

    # Claim: the learner is told, the thread gets a note, the card loses its Claim button.
    request_.clear()
    await counsellor.tap("case:claim:1", on=card)
    assert request_.sent("answerCallbackQuery")[-1]["text"] == strings.get(
        "team_button_done", "en"
    )
    assert request_.texts_in(42) == [tr("case_claimed")]
    assert group_messages(request_)[0]["text"] == tr("team_claimed", n=1, name="Marie")
    (edit,) = request_.sent("editMessageText")
    assert edit["text"].startswith(f"<b>Case 1</b> – {tr('team_state_claimed', name='Marie')}\n")
    assert button_data(edit) == ["case:close:1", "case:return:1"]

    # The counsellor writes in the topic: it reaches the learner.
    request_.clear()
    await counsellor.say("Hello Ana, <did> you write to your employer?", thread=TOPIC)
    assert request_.texts_in(42) == [
        relayed_to_learner(tr, "Hello Ana, &lt;did&gt; you write to your employer?")
    ]

    # The learner answers: it reaches the topic, and the bot stays quiet.
    request_.clear()
    await learner.send("Yes, by email last week.")
    (relayed,) = group_messages(request_)
    assert relayed["message_thread_id"] == TOPIC
    assert relayed["text"] == relayed_to_team(tr, "Yes, by email last week.")
    assert request_.texts_in(42) == []
    assert engine.asked == [CPF, LAWYER]  # the engine was not asked

    # A note stays inside.
    request_.clear()
    await counsellor.command("note", "Called the employer.", thread=TOPIC)
    assert request_.texts_in(42) == []
    assert request_.texts_in(GROUP) == [tr("team_note_saved", n=1)]

    # Close: choose an outcome; the learner is told and asked to rate.
    request_.clear()
    await counsellor.tap("case:close:1", on=card)
    outcomes = request_.sent("editMessageReplyMarkup")[-1]
    assert button_data(outcomes) == ["case:done:1:resolved", "case:done:1:referred",
                                     "case:done:1:no_reply", "case:done:1:other",
                                     "case:back:1"]  # fmt: skip
    await counsellor.tap("case:done:1:resolved", on=card)
    closed, rate = [p for p in request_.sent() if p["chat_id"] == 42]
    assert closed["text"] == tr("case_closed", n=1)
    assert rate["text"] == tr("case_rate")
    assert button_data(rate) == [f"rate:1:{n}" for n in range(1, 6)]
    resolved = strings.get("team_outcome_resolved", "en")
    assert tr("team_closed", n=1, name="Marie", outcome=resolved) in request_.texts_in(GROUP)
    assert buttons(request_.sent("editMessageText")[-1]) == []

    # The learner rates, and is back with the bot.
    request_.clear()
    await learner.tap("rate:1:4", on=rate)
    assert request_.sent("editMessageText")[-1]["text"] == tr("case_rated")
    assert request_.texts_in(GROUP) == [tr("team_rated", n=1, rating=4)]
    await learner.tap("rate:1:1", on=rate)  # a second tap changes nothing
    request_.clear()
    await learner.send(CPF)
    assert engine.asked == [CPF, LAWYER, CPF]  # the bot answers again
    assert CPF_500 in request_.texts_in(42)[-1]
    assert request_.texts_in(GROUP) == []

    (row,) = await export_cases(store.cases)
    assert (row["status"], row["outcome"], row["rating"], row["counsellor_name"]) == (
        "closed", "resolved", 4, "Marie")  # fmt: skip
    assert (row["learner_messages"], row["counsellor_messages"], row["notes"]) == (1, 1, 1)


async def test_a_reply_on_an_unclaimed_case_claims_it_first(
    app, learner: Learner, counsellor: Counsellor, request_: FlakyRequest, store: Store,
    tr: Texts,
) -> None:  # fmt: skip
    await open_case(learner, store)
    request_.clear()

    await counsellor.say("Hello!", thread=TOPIC)

    assert request_.texts_in(42) == [tr("case_claimed"), relayed_to_learner(tr, "Hello!")]
    assert (await store.cases.get(1)).counsellor_id == 7


async def test_return_to_bot_hands_the_learner_back(
    app, learner: Learner, counsellor: Counsellor, request_: FlakyRequest, store: Store,
    tr: Texts, engine,
) -> None:  # fmt: skip
    await open_case(learner, store)
    card = card_of(request_)
    request_.clear()

    await counsellor.tap("case:return:1", on=card)

    assert request_.texts_in(42) == [tr("case_returned")]
    assert (await store.cases.get(1)).status == "returned"
    request_.clear()
    await learner.send(CPF)
    assert engine.asked == [CPF, LAWYER, CPF]  # the bot answers again
    (answer,) = request_.texts_in(42)
    assert CPF_500 in answer
    assert request_.texts_in(GROUP) == []  # nothing relayed


async def test_commands_queue_case_claim_close_by_number(
    app, counsellor: Counsellor, request_: FlakyRequest, store: Store, clock, tr: Texts,
    strings: Strings,
) -> None:  # fmt: skip
    await Learner(app, user_id=42).command("human")
    clock.advance(minutes=5)
    await Learner(app, user_id=43).command("human")
    clock.advance(minutes=35)
    request_.clear()

    await counsellor.command("queue")
    (queue,) = request_.texts_in(GROUP)
    waiting = strings.get("team_state_open", "en")
    assert queue.splitlines() == [
        f"<b>{tr('team_queue_title')}</b>",
        tr("team_queue_line", minutes=40, n=1, state=waiting) + " (en, -)",
        tr("team_queue_line", minutes=35, n=2, state=waiting) + " (en, -)",
    ]
    assert queue.splitlines()[1] == "Case 1: 40 min, waiting, not claimed (en, -)"

    request_.clear()
    await counsellor.command("case", "2")
    assert request_.texts_in(GROUP)[0].startswith(f"<b>{tr('team_card_title', n=2)}</b>")
    assert button_data(request_.sent()[-1]) == ["case:claim:2", "case:close:2", "case:return:2"]

    await counsellor.command("claim", "2")
    request_.clear()
    await Counsellor(app, user_id=8, first_name="Jean").command("claim", "#2")
    assert request_.texts_in(GROUP) == [tr("team_already_claimed", n=2, name="Marie")]

    request_.clear()
    await counsellor.command("claim", "99")
    await counsellor.command("claim")
    assert request_.texts_in(GROUP) == [tr("team_unknown_case", n=99),
                                        tr("team_which_case", command="claim")]  # fmt: skip

    await counsellor.command("close", "2 referred to the job centre")
    await counsellor.command("close", "Resolved", thread=TOPIC)  # the label works too
    assert (await store.cases.get(2)).outcome == "referred to the job centre"
    assert (await store.cases.get(1)).outcome == "resolved"
    request_.clear()
    await counsellor.command("queue")
    assert request_.texts_in(GROUP) == [tr("team_queue_empty")]
    await counsellor.command("close", "1 again")
    closed = strings.get("team_state_closed", "en", outcome="Resolved")
    assert request_.texts_in(GROUP)[-1] == tr("team_case_ended", n=1, state=closed)


async def test_strangers_are_refused_and_logged(
    app, learner: Learner, request_: FlakyRequest, store: Store, tr: Texts, caplog
) -> None:
    caplog.set_level(logging.WARNING)
    await open_case(learner, store)
    card = card_of(request_)
    stranger = Counsellor(app, user_id=99, first_name="Eve")
    request_.clear()

    await stranger.tap("case:claim:1", on=card)
    await stranger.command("queue")
    await stranger.say("Hi, I am not a counsellor", thread=TOPIC)

    answer = request_.sent("answerCallbackQuery")[-1]
    assert (answer["text"], answer["show_alert"]) == (tr("team_refused"), True)
    assert request_.texts_in(GROUP) == [tr("team_refused"), tr("team_refused")]
    assert request_.texts_in(42) == []
    assert (await store.cases.get(1)).status == "open"
    refusals = [r for r in caplog.records if r.getMessage().startswith("Refused")]
    assert len(refusals) == 3
    assert all("user 99" in r.getMessage() for r in refusals)


async def test_group_admins_may_act(
    app, learner: Learner, request_: FlakyRequest, store: Store
) -> None:
    await open_case(learner, store)
    request_.results["getChatAdministrators"] = [
        {"status": "administrator", "user": {"id": 55, "is_bot": False, "first_name": "Ad"},
         "can_be_edited": False, "is_anonymous": False, "can_manage_chat": True,
         "can_delete_messages": True, "can_manage_video_chats": True,
         "can_restrict_members": True, "can_promote_members": False, "can_change_info": True,
         "can_invite_users": True, "can_post_stories": False, "can_edit_stories": False,
         "can_delete_stories": False}
    ]  # fmt: skip

    await Counsellor(app, user_id=55, first_name="Ad").tap("case:claim:1", on=card_of(request_))

    assert (await store.cases.get(1)).counsellor_id == 55


async def test_without_a_counsellors_group_the_learner_is_told_how_a_person_answers(
    settings, engine, store, strings, request_: FlakyRequest, tr: Texts
) -> None:
    no_group = settings.model_copy(update={"counsellor_chat_id": None})
    async with started(no_group, request_, engine=engine, store=store, strings=strings) as other:
        await Learner(other).command("human")
        assert "handoff" not in other.bot_data

    assert request_.texts_in(42) == [tr("human_requested")]


async def test_after_a_restart_the_card_shows_the_last_answer_and_its_sources(
    app, learner: Learner, store: Store, settings, engine, strings: Strings, tr: Texts
) -> None:
    await store.save_profile(42, Profile(language="en", country="FR"))
    await learner.send(CPF)

    after = FlakyRequest()
    async with started(settings, after, engine=engine, store=store, strings=strings) as restarted:
        await Learner(restarted).command("human")

    text = card_of(after)["text"]
    assert f"<b>{tr('team_label_answer')}</b>\nFrance, CPF:" in text
    assert (
        f"<b>{tr('sources_heading')}</b>\n"
        '[1] <a href="https://www.moncompteformation.gouv.fr/">France: CPF amounts</a>'
    ) in text


async def test_after_thumbs_down_the_card_shows_the_answer_found_unhelpful(
    app, learner: Learner, request_: FlakyRequest, store: Store, tr: Texts
) -> None:
    await store.save_profile(42, Profile(language="en", country="FR"))
    await learner.send(CPF)
    cpf = request_.sent()[-1]
    await store.save_profile(42, Profile(language="en", country="ES"))
    await learner.send(LEAVE)  # a later answer, for Spain
    assert SPAIN_HOURS in request_.sent()[-1]["text"]

    await learner.tap(button_data(cpf)[1], on=cpf)  # 👎 on the earlier answer
    await learner.tap("human:fb", on=cpf)

    text = card_of(request_)["text"]
    assert f"<b>{tr('team_label_answer')}</b>\nFrance, CPF:" in text
    assert '<a href="https://www.moncompteformation.gouv.fr/">France: CPF amounts</a>' in text


async def test_return_command_back_button_and_an_empty_note(
    app, learner: Learner, counsellor: Counsellor, request_: FlakyRequest, store: Store,
    tr: Texts, strings: Strings,
) -> None:  # fmt: skip
    await open_case(learner, store)
    card = card_of(request_)

    # Close, then Back: the card's buttons again, and nothing changed.
    await counsellor.tap("case:close:1", on=card)
    request_.clear()
    await counsellor.tap("case:back:1", on=card)
    (back,) = request_.sent("editMessageReplyMarkup")
    assert button_data(back) == ["case:claim:1", "case:close:1", "case:return:1"]
    assert (await store.cases.get(1)).status == "open"

    # An empty note: how to write one, and nothing kept.
    request_.clear()
    await counsellor.command("note", thread=TOPIC)
    assert request_.texts_in(GROUP) == [tr("team_note_usage")]
    assert (await export_cases(store.cases))[0]["notes"] == 0

    # /return in the case's topic: the learner is back with the bot, the card loses its buttons.
    request_.clear()
    await counsellor.command("return", thread=TOPIC)
    assert request_.texts_in(42) == [tr("case_returned")]
    assert tr("team_returned", n=1, name="Marie") in request_.texts_in(GROUP)
    assert (await store.cases.get(1)).status == "returned"
    assert buttons(request_.sent("editMessageText")[-1]) == []
    request_.clear()
    await counsellor.command("return", thread=TOPIC)
    returned = strings.get("team_state_returned", "en")
    assert request_.texts_in(GROUP) == [tr("team_case_ended", n=1, state=returned)]
