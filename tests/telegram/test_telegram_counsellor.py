"""Counsellor handoff in Telegram: cases opened from the learner's chat, worked in the group.

The learner is user 42 in a private chat; counsellors (7 and 8) work in the group -100500 with
forum topics. Telegram is the recording transport; the outbox, reminder and restart behaviour
is driven through the application's own jobs. The engine is the real one over the small test
index: "My employer refuses, do I need a lawyer?" is a legal question it hands over.
"""

from __future__ import annotations

import html
import itertools
import json
import logging
import time
from typing import Any

import pytest
from tg_factories import BOT, Learner, RecordingRequest, Texts, button_data, buttons

from bot.channels.telegram import build_application
from bot.config import Settings
from bot.guidance.language import Strings
from bot.guidance.types import Profile
from bot.handoff.hours import OfficeHours
from bot.handoff.records import export_cases
from bot.store import Store

GROUP = -100500
TOPIC = 5000  # the first forum topic the fake Telegram creates
CPF = "How much money do I get on my CPF each year?"
CPF_500 = "gets €500 a year"
LAWYER = "My employer refuses, do I need a lawyer?"
LEGAL = "legal action against an employer or provider"  # why the engine hands over


class FlakyRequest(RecordingRequest):
    """Also answers an HTTP error for every message to a chat listed in `down`; those calls
    are kept in `refused`, not in `calls` (which holds what Telegram accepted)."""

    def __init__(self) -> None:
        super().__init__()
        self.down: dict[int, int] = {}
        self.refused: list[tuple[str, dict[str, Any]]] = []
        self.topics = itertools.count(TOPIC)

    def _result(self, name: str, params: dict[str, Any]) -> Any:
        if name == "createForumTopic" and name not in self.results:
            return {"message_thread_id": next(self.topics), "name": params["name"],
                    "icon_color": 7322096}  # fmt: skip
        return super()._result(name, params)

    async def do_request(self, url: str, method: str, request_data: Any = None, *args: Any,
                         **kwargs: Any) -> tuple[int, bytes]:  # fmt: skip
        name = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        status = self.down.get(int(params.get("chat_id") or 0))
        if status and name in ("sendMessage", "copyMessage", "createForumTopic"):
            self.refused.append((name, params))
            body = {"ok": False, "error_code": status, "description": self.ERRORS[status]}
            return status, json.dumps(body).encode()
        return await super().do_request(url, method, request_data, *args, **kwargs)


class Counsellor(Learner):
    """Someone writing in the counsellors' group, in a case's topic or replying to a message."""

    def __init__(self, app: Any, user_id: int = 7, first_name: str = "Marie") -> None:
        super().__init__(app, user_id=user_id, chat_type="supergroup", chat_id=GROUP)
        self.user["first_name"] = first_name

    def message(self, thread: int | None = None, reply_to: dict | None = None, **fields: Any):
        if thread is not None:
            fields |= {"message_thread_id": thread, "is_topic_message": True}
        if reply_to is not None:
            fields["reply_to_message"] = {"message_id": reply_to["message_id"], "from": BOT,
                                          "date": int(time.time()), "chat": self.chat,
                                          "text": reply_to.get("text", "…")}  # fmt: skip
        return self._message(**fields)

    async def say(self, text: str | None = None, **where: Any) -> dict[str, Any]:
        fields = {"text": text} if text is not None else {}
        message = self.message(**(where | fields))
        await self._process({"message": message})
        return message

    async def command(self, name: str, args: str = "", **where: Any) -> None:  # type: ignore[override]
        text = f"/{name} {args}".strip()
        entity = {"type": "bot_command", "offset": 0, "length": len(name) + 1}
        await self._process({"message": self.message(**where, text=text, entities=[entity])})


@pytest.fixture
def settings(tmp_path: Any) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token="1:T",
        data_dir=tmp_path,
        rate_limit_per_minute=20,
        history_turns=4,
        retention_days=30,
        counsellor_chat_id=GROUP,
        counsellor_ids=[7, 8],
        sla_minutes=30,
    )


@pytest.fixture
def request_() -> FlakyRequest:
    return FlakyRequest()


@pytest.fixture
def counsellor(app: Any) -> Counsellor:
    return Counsellor(app)


async def run_job(app: Any, name: str) -> None:
    (job,) = app.job_queue.get_jobs_by_name(name)
    await job.run(app)


def group_messages(request_: RecordingRequest) -> list[dict[str, Any]]:
    return [params for params in request_.sent() if int(params["chat_id"]) == GROUP]


def card_of(request_: RecordingRequest) -> dict[str, Any]:
    return next(p for p in group_messages(request_) if "case:close:1" in button_data(p))


async def open_case(learner: Learner, store: Store) -> None:
    """Ana, in France, asks a question, then hands over (the engine escalates)."""
    await store.save_profile(42, Profile(language="en", country="FR"))
    await learner.send(CPF)
    await learner.send(LAWYER)


def opened(tr: Texts, wait: str | None = None) -> str:
    """What the learner reads when case 1 opens (during office hours, by default)."""
    return tr("case_opened", n=1) + "\n\n" + (wait or tr("case_wait_open", minutes=30))


def relayed_to_learner(tr: Texts, text: str) -> str:
    return f"<b>{tr('case_counsellor_label')}:</b>\n{text}"


def relayed_to_team(tr: Texts, text: str) -> str:
    return f"<b>{tr('team_from_learner', n=1)}</b>\n{text}"


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
    assert f"<i>{tr('team_role_bot')}:</i> Here is what I found:" in text  # the CPF answer
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
    assert f"<b>{tr('team_label_answer')}</b>\nHere is what I found: • France, CPF:" in text
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


async def test_the_same_update_twice_is_relayed_once(
    app, learner: Learner, counsellor: Counsellor, request_: FlakyRequest, store: Store,
    tr: Texts,
) -> None:  # fmt: skip
    from telegram import Update

    async def twice(message: dict[str, Any]) -> None:
        update = {"update_id": 10_000 + message["message_id"], "message": message}
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


async def test_a_group_outage_delays_the_card_and_relays_without_losing_or_reordering(
    app, learner: Learner, request_: FlakyRequest, store: Store, clock, tr: Texts
) -> None:
    request_.down[GROUP] = 500
    await open_case(learner, store)
    await learner.send("Are you there?")

    # The learner was answered; nothing reached the group, everything waits in the outbox.
    assert request_.texts_in(42)[-1] == opened(tr)
    assert group_messages(request_) == []
    assert [name for name, _ in request_.refused] == ["createForumTopic"]  # then backed off
    await run_job(app, "handoff-outbox")
    assert len(request_.refused) == 1  # not due yet

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
    restarted = build_application(
        settings, engine=engine, store=store, strings=strings, request=after
    )
    await restarted.initialize()
    try:
        await run_job(restarted, "handoff-resume")  # what runs first after start-up
        await run_job(restarted, "handoff-outbox")
    finally:
        await restarted.shutdown()
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
    restarted = build_application(
        settings, engine=engine, store=store, strings=strings, request=after
    )
    await restarted.initialize()
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
    await restarted.shutdown()


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


async def test_without_a_counsellors_group_the_learner_is_told_how_a_person_answers(
    settings, engine, store, strings, request_: FlakyRequest, tr: Texts
) -> None:
    no_group = settings.model_copy(update={"counsellor_chat_id": None})
    application = build_application(
        no_group, engine=engine, store=store, strings=strings, request=request_
    )
    await application.initialize()
    try:
        await Learner(application).command("human")
    finally:
        await application.shutdown()

    assert request_.texts_in(42) == [tr("human_requested")]
    assert "handoff" not in application.bot_data
