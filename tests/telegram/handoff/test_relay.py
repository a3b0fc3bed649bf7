"""Counsellor handoff in Telegram: what is relayed between the learner and the case thread,
and what is not (closed cases, channel posts, the bot's own buttons during a case)."""

from __future__ import annotations

import html
import logging

from counsellors import (
    CPF,
    GROUP,
    LAWYER,
    TOPIC,
    Counsellor,
    FlakyRequest,
    card_of,
    group_messages,
    open_case,
    relayed_to_learner,
    relayed_to_team,
)
from tg_factories import Learner, Texts, button_data

from bot.guidance.language import Strings
from bot.guidance.types import Profile
from bot.store import Store


async def test_media_is_copied_and_what_cannot_be_copied_is_refused(
    app, learner: Learner, counsellor: Counsellor, request_: FlakyRequest, store: Store,
    tr: Texts,
) -> None:  # fmt: skip
    await open_case(learner, store)
    request_.clear()

    await learner.send_attachment("photo")
    await counsellor.say(thread=TOPIC, document={"file_id": "d", "file_unique_id": "d"})
    invoice = {"title": "Fee", "description": "Course fee", "start_parameter": "x",
               "currency": "EUR", "total_amount": 100}  # fmt: skip
    await counsellor.say(thread=TOPIC, invoice=invoice)  # Telegram cannot copy invoices

    to_group, to_learner = request_.sent("copyMessage")
    assert (to_group["chat_id"], to_group["from_chat_id"], to_group["message_thread_id"]) == (
        GROUP, 42, TOPIC)  # fmt: skip
    assert (to_learner["chat_id"], to_learner["from_chat_id"]) == (42, GROUP)
    assert request_.texts_in(GROUP)[-1] == tr("team_cannot_relay")
    # Each copy comes after a header saying who sent it, like a relayed text.
    sent = [(name, int(p["chat_id"]), p.get("text")) for name, p in request_.calls
            if name in ("sendMessage", "copyMessage")]  # fmt: skip
    assert sent == [
        ("sendMessage", GROUP, f"<b>{tr('team_from_learner', n=1)}</b>"),
        ("copyMessage", GROUP, None),
        ("sendMessage", 42, tr("case_claimed")),  # the counsellor's reply claimed the case
        ("sendMessage", GROUP, tr("team_claimed", n=1, name="Marie")),
        ("sendMessage", 42, f"<b>{tr('case_counsellor_label')}:</b>"),
        ("copyMessage", 42, None),
        ("sendMessage", GROUP, tr("team_cannot_relay")),
    ]


async def test_without_topics_cases_are_threaded_by_replies(
    app, learner: Learner, counsellor: Counsellor, request_: FlakyRequest, store: Store,
    tr: Texts,
) -> None:  # fmt: skip
    request_.fail["createForumTopic"] = 400  # "the chat is not a forum"
    await open_case(learner, store)
    card = card_of(request_)
    assert "message_thread_id" not in card

    await learner.send("More details.")
    relayed = group_messages(request_)[-1]
    assert relayed["reply_parameters"]["message_id"] == card["message_id"]

    request_.clear()
    await counsellor.say("Got it.", reply_to=relayed)
    assert request_.texts_in(42)[-1] == relayed_to_learner(tr, "Got it.")
    await counsellor.say("Talking among ourselves.")  # not in any case's thread
    assert len(request_.texts_in(42)) == 2
    # A second case does not try to create topics again.
    await Learner(app, user_id=43).command("human")
    assert request_.sent("createForumTopic") == []


async def test_a_message_to_a_closed_case_is_not_relayed(
    app, learner: Learner, counsellor: Counsellor, request_: FlakyRequest, store: Store,
    tr: Texts,
) -> None:  # fmt: skip
    await open_case(learner, store)
    await counsellor.command("close", "resolved", thread=TOPIC)
    request_.clear()

    await counsellor.say("One more thing", thread=TOPIC)

    assert request_.texts_in(42) == []
    assert request_.texts_in(GROUP) == [tr("team_not_relayed", n=1)]


async def test_long_learner_messages_are_relayed_in_parts(
    app, learner: Learner, request_: FlakyRequest, store: Store
) -> None:
    await open_case(learner, store)
    request_.clear()
    words = "word " * 1800  # 9,000 characters: Telegram allows 4,096 a message

    await learner.send(words.strip())

    parts = group_messages(request_)
    assert len(parts) == 3
    assert all(len(html.unescape(p["text"])) <= 4096 for p in parts)


async def test_every_learner_message_of_an_open_case_is_relayed_however_quick(
    app, learner: Learner, request_: FlakyRequest, store: Store, tr: Texts, engine
) -> None:
    await open_case(learner, store)
    # Telegram's 20 messages a minute per group would stretch this test over a minute.
    app.bot.rate_limiter._group_max_rate = 0
    request_.clear()

    for n in range(25):  # more than the 20 a minute the engine answers a learner
        await learner.send(f"Detail {n}")

    assert [p["text"] for p in group_messages(request_)] == [
        relayed_to_team(tr, f"Detail {n}") for n in range(25)
    ]
    assert all(p["message_thread_id"] == TOPIC for p in group_messages(request_))
    assert request_.texts_in(42) == []  # no "slow down"
    assert engine.asked == [CPF, LAWYER]


async def test_the_bots_buttons_wait_while_a_counsellor_has_the_conversation(
    app, learner: Learner, request_: FlakyRequest, store: Store, strings: Strings, engine
) -> None:
    await store.save_profile(42, Profile(language="en", country="FR"))
    await learner.send(CPF)
    answer = request_.sent()[-1]
    await learner.send(LAWYER)  # the case opens
    await store.set_pending(42, CPF, "country")  # as if a clarifying question were still open
    request_.clear()

    await learner.tap(button_data(answer)[0], on=answer)  # 👍
    await learner.tap("clarify:DE", on=answer)

    paused = strings.get("case_buttons_paused", "en")
    assert [p["text"] for p in request_.sent("answerCallbackQuery")] == [paused, paused]
    assert request_.texts() == []
    assert engine.asked == [CPF, LAWYER]
    assert (await store.export_user(42))["feedback"] == []


async def test_a_message_posted_as_a_channel_is_refused_and_logged(
    app, learner: Learner, request_: FlakyRequest, store: Store, tr: Texts, caplog
) -> None:
    caplog.set_level(logging.WARNING)
    await open_case(learner, store)
    request_.clear()
    channel = {"id": -100777, "type": "channel", "title": "News"}
    words = "A channel post about the learner"

    await Counsellor(app, user_id=136817688).say(words, thread=TOPIC, sender_chat=channel)

    assert request_.texts_in(42) == []
    assert request_.texts_in(GROUP) == [tr("team_refused")]
    (refusal,) = [r for r in caplog.records if r.getMessage().startswith("Refused")]
    assert refusal.levelno == logging.WARNING
    assert "chat -100777" in refusal.getMessage()
    assert not any(words in r.getMessage() for r in caplog.records)
