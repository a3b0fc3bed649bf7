"""Questions: answers with sources and buttons, clarifications, feedback, handover, limits.

The real engine answers from the small test knowledge base (tests/fixtures/kb)."""

from __future__ import annotations

import re

from tg_factories import Learner, RecordingRequest, Texts, button_data, buttons

from bot.channels.telegram import keyboards
from bot.channels.telegram.formatting import render_reply
from bot.channels.telegram.send import send_parts
from bot.guidance.language import Strings
from bot.guidance.types import Option, Profile, Reply, Source, Turn
from bot.store import Store

CPF = "How much money do I get on my CPF each year?"
CPF_500 = "France, CPF: an employee who worked at least half-time gets €500 a year"
LEAVE = "How many days of paid training leave do I get?"
NRW_DAYS = "North Rhine-Westphalia: employees get 5 days of paid Bildungsurlaub a year"
SPAIN_HOURS = "an employee has 20 hours of paid training leave a year"
LAWYER = "My employer refuses, do I need a lawyer?"


async def test_question_gets_answer_with_sources_and_buttons(
    app, learner: Learner, request_: RecordingRequest, store: Store, tr: Texts
) -> None:
    await store.save_profile(42, Profile(language="en", country="FR"))

    await learner.send(CPF)

    (answer,) = request_.sent()
    text = answer["text"]
    # The answer first: the fact itself, not a heading.
    assert text.startswith(f"{CPF_500}, up to a ceiling of €5,000. [1]")
    # The source is a link with the date its facts were checked.
    assert text.endswith(
        f"\n\n<b>{tr('sources_heading')}</b>\n"
        '[1] <a href="https://www.moncompteformation.gouv.fr/">France: CPF amounts</a>'
        " — https://www.moncompteformation.gouv.fr/ (information checked 2026-02-28)"
    )
    assert answer["parse_mode"] == "HTML"
    labels = [button["text"] for button in buttons(answer)]
    assert labels == [tr("button_helpful"), tr("button_not_helpful"), tr("button_counsellor")]
    assert labels[:2] == ["👍", "👎"]
    # Both turns are remembered for the next question (the answer as plain text).
    user_turn, bot_turn = await store.recent_turns(42, 10)
    assert user_turn == Turn("user", CPF)
    assert bot_turn.role == "bot"
    assert bot_turn.text.startswith(CPF_500)
    assert "<" not in bot_turn.text


async def test_source_links_are_escaped(
    app, learner: Learner, request_: RecordingRequest, store: Store
) -> None:
    await store.save_profile(42, Profile(language="en", country="FR"))

    await learner.send("What is Upskilling Pathways?")

    text = request_.sent()[-1]["text"]
    assert "the pathway has three steps: a skills assessment" in text
    url = "https://ec.europa.eu/social/main.jsp?catId=1224&amp;langId=en"
    assert f'[1] <a href="{url}">EU: Upskilling Pathways</a> — {url} (' in text


async def test_the_place_in_the_profile_is_used(
    app, learner: Learner, request_: RecordingRequest, store: Store
) -> None:
    await store.save_profile(42, Profile(language="en", country="DE", region="DE-NW"))

    await learner.send(LEAVE)

    (answer,) = request_.sent()  # answered at once: no question about the country or region
    assert NRW_DAYS in answer["text"]
    assert "Baden-Württemberg" not in answer["text"]
    assert "Spain" not in answer["text"]


async def test_asking_for_another_language_switches_to_it(
    app, learner: Learner, request_: RecordingRequest, store: Store, tr: Texts
) -> None:
    await store.save_profile(42, Profile(language="en"))

    await learner.send("Could you answer me in Italian please?")

    assert request_.texts_in(42) == [tr("language_switched", "it")]
    assert (await store.get_profile(42)).language == "it"


async def test_history_is_passed_to_the_engine(
    app, learner: Learner, request_: RecordingRequest, store: Store
) -> None:
    await store.save_profile(42, Profile(language="en", country="DE", region="DE-NW"))
    await Learner(app, user_id=43).send("and in Spain?")  # without history: not understood
    assert SPAIN_HOURS not in request_.texts_in(43)[0]

    await learner.send(LEAVE)
    await learner.send("and in Spain?")  # a follow-up: read together with the last question

    first, follow_up = request_.texts_in(42)
    assert NRW_DAYS in first
    assert SPAIN_HOURS in follow_up
    assert "Spain: 20 hours of paid training leave" in follow_up  # its source
    assert [turn.role for turn in await store.recent_turns(42, 10)] == [
        "user", "bot", "user", "bot"]  # fmt: skip


async def test_clarify_buttons_answer_the_original_question(
    app, learner: Learner, request_: RecordingRequest, store: Store, tr: Texts
) -> None:
    await learner.send(LEAVE)
    (question,) = request_.sent()
    assert question["text"] == tr("clarify_country")
    choices = button_data(question)
    assert sorted(choices[:3]) == ["clarify:DE", "clarify:ES", "clarify:FR"]  # those it knows
    assert choices[-1] == "clarify:other"
    assert len(choices) == 9
    labels = dict(zip(choices, [b["text"] for b in buttons(question)], strict=True))
    assert (labels["clarify:DE"], labels["clarify:other"]) == ("Germany", tr("country_other"))

    request_.clear()
    await learner.tap("clarify:DE", on=question)

    assert (await store.get_profile(42)).country == "DE"
    assert request_.sent("editMessageReplyMarkup")[0]["message_id"] == question["message_id"]
    # The original question was asked again, with the new profile, without retyping it:
    # in Germany the answer depends on the Land.
    (region,) = request_.sent()
    assert region["text"] == tr("clarify_region_de")
    assert len(button_data(region)) == 16
    assert all(len(data.encode()) <= 64 for data in button_data(region))

    request_.clear()
    await learner.tap("clarify:DE-NW", on=region)

    profile = await store.get_profile(42)
    assert (profile.country, profile.region) == ("DE", "DE-NW")
    (answer,) = request_.sent()
    assert NRW_DAYS in answer["text"]
    assert buttons(answer)[0]["text"] == "👍"
    # The question is in the history once.
    turns = await store.recent_turns(42, 10)
    assert [t.text for t in turns].count(LEAVE) == 1


async def test_choosing_another_country_drops_the_old_region(
    app, learner: Learner, request_: RecordingRequest, store: Store
) -> None:
    await store.save_profile(42, Profile(language="en"))
    await learner.send(LEAVE)
    await store.save_profile(42, Profile(language="en", region="BE-VLG"))

    await learner.tap("clarify:FR", on=request_.sent()[-1])

    profile = await store.get_profile(42)
    assert (profile.country, profile.region) == ("FR", None)


async def test_stale_clarify_button_asks_for_the_question(
    app, learner: Learner, request_: RecordingRequest, tr: Texts, engine
) -> None:
    await learner.tap("clarify:FR")

    assert engine.asked == []
    assert request_.texts() == [tr("ask_something")]


async def test_feedback_is_stored_and_thumbs_down_offers_a_counsellor(
    app, learner: Learner, request_: RecordingRequest, store: Store, tr: Texts
) -> None:
    await learner.send(CPF)
    answer = request_.sent()[-1]
    thumbs_down = button_data(answer)[1]

    await learner.tap(thumbs_down, on=answer)

    feedback = (await store.export_user(42))["feedback"]
    assert [(row["turn_id"], row["helpful"]) for row in feedback] == [
        (int(thumbs_down.split(":")[2]), False)
    ]
    assert request_.sent("answerCallbackQuery")[-1]["text"] == tr("feedback_thanks")
    (edit,) = request_.sent("editMessageReplyMarkup")
    assert button_data(edit) == ["human:fb"]  # a case opened from it says 👎 came first
    assert [b["text"] for b in buttons(edit)] == [tr("button_counsellor")]


async def test_thumbs_up_removes_the_buttons(
    app, learner: Learner, request_: RecordingRequest, store: Store
) -> None:
    await learner.send(CPF)
    answer = request_.sent()[-1]
    await learner.tap(button_data(answer)[0], on=answer)

    assert (await store.export_user(42))["feedback"][0]["helpful"] is True
    assert "reply_markup" not in request_.sent("editMessageReplyMarkup")[0]


async def test_counsellor_button_and_human_command_hand_over(
    app, learner: Learner, request_: RecordingRequest, tr: Texts
) -> None:
    await learner.tap("human")
    await learner.command("human")

    # A case is opened once (see handoff/test_cases.py); asking again points to it.
    assert request_.texts_in(42) == [
        tr("case_opened", n=1) + "\n\n" + tr("case_wait_open", minutes=30),
        tr("case_already_open", n=1),
    ]


async def test_asking_for_a_person_in_words_hands_over(
    app, learner: Learner, request_: RecordingRequest, tr: Texts
) -> None:
    await learner.send("Can I talk to a real person?")

    texts = request_.texts_in(42)
    assert texts[0].endswith(tr("escalate_notice"))
    assert texts[1] == tr("case_opened", n=1) + "\n\n" + tr("case_wait_open", minutes=30)


async def test_escalation_gives_the_engine_text_and_the_way_to_a_human(
    app, learner: Learner, request_: RecordingRequest, tr: Texts
) -> None:
    await learner.send(LAWYER)

    texts = request_.texts_in(42)
    assert texts[0] == tr("escalate_reason_legal") + "\n\n" + tr("escalate_notice")
    assert texts[0].startswith("This is a legal question, and I cannot give legal advice.")
    assert texts[1] == tr("case_opened", n=1) + "\n\n" + tr("case_wait_open", minutes=30)
    assert len(texts) == 2


async def test_crisis_contacts_come_first_and_are_not_repeated(
    app, learner: Learner, request_: RecordingRequest, tr: Texts
) -> None:
    await learner.send("I feel hopeless, I want to end my life")

    texts = request_.texts_in(42)
    assert texts[0] == tr("crisis_support") + "\n\n" + tr("escalate_notice")
    assert "112" in texts[0]
    assert not any(tr("crisis_support") in text for text in texts[1:])
    assert texts[1].startswith(tr("case_opened", n=1))


async def test_learned_facts_are_saved(
    app, learner: Learner, request_: RecordingRequest, store: Store, tr: Texts
) -> None:
    await learner.send("I work in Germany, how many days of Bildungsurlaub?")

    assert (await store.get_profile(42)).country == "DE"
    assert request_.texts() == [tr("clarify_region_de")]  # the country is not asked again


async def test_long_answer_is_split_into_valid_messages(
    app, request_: RecordingRequest, strings: Strings
) -> None:
    # The small index has no answer this long: the reply is built here and sent as the
    # handlers send it, through the real Bot to the recording transport.
    paragraph = (
        "Training leave lets you follow a course during working hours [1]. "
        "Your employer keeps paying your salary while you learn. "
        "Ask your employer in writing, well before the course starts. "
    ) * 5
    source = Source(1, "Training leave & you", "https://example.org/leave?a=1&b=2", "2026-02-01")
    body = "\n\n".join(paragraph for _ in range(10))
    reply = Reply("answer", body, "en", "long", sources=(source,))

    parts = render_reply(reply, strings, "en")
    await send_parts(app.bot, 42, parts, keyboards.feedback(strings, "en", 1))

    sent = request_.sent()
    assert len(sent) == 3
    assert all(len(part["text"]) <= 4096 for part in sent)
    # Buttons under the last part only; the source link is whole.
    assert [bool(buttons(part)) for part in sent] == [False, False, True]
    assert (
        '<a href="https://example.org/leave?a=1&amp;b=2">Training leave &amp; you</a>'
        in (sent[-1]["text"])
    )


async def test_rate_limit_tells_the_learner_once(
    app, learner: Learner, request_: RecordingRequest, tr: Texts, engine
) -> None:
    for _ in range(6):
        await learner.send(CPF)

    assert len(engine.asked) == 3  # three questions answered, then the limit
    texts = request_.texts()
    assert len(texts) == 4
    assert all(CPF_500 in text for text in texts[:3])
    found = re.search(r"wait (\d+) seconds", texts[3])
    assert found
    seconds = int(found[1])
    assert texts[3] == tr("rate_limited", seconds=seconds)
    assert 55 <= seconds <= 60


async def test_rate_limit_is_per_learner(app, request_: RecordingRequest, engine) -> None:
    for _ in range(3):
        await Learner(app, user_id=1).send(CPF)
    await Learner(app, user_id=2).send(CPF)

    assert len(engine.asked) == 4
    (answer,) = request_.texts_in(2)
    assert CPF_500 in answer


async def test_telegram_flood_control_is_waited_out(
    app, learner: Learner, request_: RecordingRequest, monkeypatch
) -> None:
    # python-telegram-bot 22 warns about its own RetryAfter unless timedelta mode is opted into.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    request_.retry_after["sendMessage"] = 1

    await learner.send(CPF)

    attempts = request_.sent()
    assert len(attempts) == 2
    assert attempts[0]["text"] == attempts[1]["text"]
    assert CPF_500 in attempts[1]["text"]


async def test_a_new_question_retires_the_old_clarify_buttons(
    app, learner: Learner, request_: RecordingRequest, tr: Texts, engine
) -> None:
    await learner.send(LEAVE)
    question = request_.sent()[-1]
    await learner.send(CPF)
    request_.clear()

    await learner.tap("clarify:FR", on=question)

    assert engine.asked == [LEAVE, CPF]  # not asked again
    assert request_.texts() == [tr("ask_something")]


def test_option_too_long_for_callback_data_is_left_out() -> None:
    # The engine's options (countries, regions) are short codes; a longer one would not fit.
    options = (Option("FR", "France"), Option("x" * 80, "Too long"))

    markup = keyboards.options(options).to_dict()

    assert button_data({"reply_markup": markup}) == ["clarify:FR"]


async def test_a_question_back_without_options_has_no_buttons(
    app, learner: Learner, request_: RecordingRequest, tr: Texts
) -> None:
    await learner.send("\u200b")

    (message,) = request_.sent()
    assert message["text"] == tr("ask_something")
    assert "reply_markup" not in message


async def test_typing_shows_while_a_slow_reply_is_worked_on(
    app, learner: Learner, request_: RecordingRequest
) -> None:
    app.bot_data["deps"].typing_after = 0  # every reply counts as slow

    await learner.send(CPF)

    methods = [name for name, _ in request_.calls]
    assert methods.index("sendChatAction") < methods.index("sendMessage")
    assert request_.sent("sendChatAction")[0]["action"] == "typing"


async def test_a_quick_reply_shows_no_typing(
    app, learner: Learner, request_: RecordingRequest
) -> None:
    app.bot_data["deps"].typing_after = 60

    await learner.send(CPF)

    assert request_.sent("sendChatAction") == []
    assert CPF_500 in request_.texts()[0]
