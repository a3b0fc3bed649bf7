"""Questions: answers with sources and buttons, clarifications, feedback, handover, limits."""

from __future__ import annotations

from scripted_engine import ScriptedEngine
from tg_factories import Learner, RecordingRequest, button_data, buttons

from bot.guidance.types import Option, Profile, Reply, Turn
from bot.store import Store


async def test_question_gets_answer_with_sources_and_buttons(
    app, learner: Learner, request_: RecordingRequest, store: Store, engine: ScriptedEngine
) -> None:
    await store.save_profile(42, Profile(language="en", country="FR"))

    await learner.send("Can I take training leave?")

    assert request_.sent("sendChatAction")[0]["action"] == "typing"
    (answer,) = request_.sent()
    text = answer["text"]
    # Engine text is escaped; the source is a link with its date.
    assert text.startswith("In FR you may take training leave [1] &lt;b&gt;.")
    assert "<b>sources_heading[en]</b>" in text
    assert '<a href="https://example.org/leave?a=1&amp;b=2">Training leave &amp; you</a>' in text
    assert "updated=2026-02-01" in text
    assert answer["parse_mode"] == "HTML"
    labels = [button["text"] for button in buttons(answer)]
    assert labels == ["button_helpful[en]", "button_not_helpful[en]", "button_counsellor[en]"]
    # The engine got the profile; both turns are remembered for the next question.
    assert engine.calls[0][1] == Profile(language="en", country="FR")
    assert await store.recent_turns(42, 10) == [
        Turn("user", "Can I take training leave?"),
        Turn("bot", "In FR you may take training leave [1] <b>."),
    ]


async def test_history_is_passed_to_the_engine(
    app, learner: Learner, settings, engine: ScriptedEngine
) -> None:
    for i in range(3):  # the third question sees the last four turns
        await learner.send(f"question {i}")

    _, _, history = engine.calls[-1]
    assert len(history) == settings.history_turns == 4
    assert [turn.role for turn in history] == ["user", "bot", "user", "bot"]
    assert history[0] == Turn("user", "question 0")
    assert history[2] == Turn("user", "question 1")


async def test_clarify_button_answers_the_original_question(
    app, learner: Learner, request_: RecordingRequest, store: Store, engine: ScriptedEngine
) -> None:
    await learner.send("How much training leave do I get?")
    (question,) = request_.sent()
    assert question["text"] == "In which country do you work?"
    assert button_data(question) == ["clarify:FR", "clarify:DE"]
    assert [b["text"] for b in buttons(question)] == ["France", "Germany"]

    request_.clear()
    await learner.tap("clarify:DE", on=question)

    assert (await store.get_profile(42)).country == "DE"
    # The original question was asked again, with the new profile, without retyping it.
    message, profile, _ = engine.calls[-1]
    assert message == "How much training leave do I get?"
    assert profile.country == "DE"
    assert request_.sent("editMessageReplyMarkup")[0]["message_id"] == question["message_id"]
    assert request_.texts()[-1].startswith("In DE you may take training leave")
    # The question is in the history once.
    turns = await store.recent_turns(42, 10)
    assert [t.text for t in turns].count("How much training leave do I get?") == 1


async def test_choosing_another_country_drops_the_old_region(
    app, learner: Learner, request_: RecordingRequest, store: Store
) -> None:
    await store.save_profile(42, Profile(language="en"))
    await learner.send("How much training leave do I get?")
    await store.save_profile(42, Profile(language="en", region="BE-VLG"))

    await learner.tap("clarify:FR", on=request_.sent()[-1])

    profile = await store.get_profile(42)
    assert (profile.country, profile.region) == ("FR", None)


async def test_stale_clarify_button_asks_for_the_question(
    app, learner: Learner, request_: RecordingRequest, engine: ScriptedEngine
) -> None:
    await learner.tap("clarify:FR")

    assert engine.calls == []
    assert request_.texts() == ["ask_something[en]"]


async def test_feedback_is_stored_and_thumbs_down_offers_a_counsellor(
    app, learner: Learner, request_: RecordingRequest, store: Store
) -> None:
    await learner.send("What is a learning account?")
    answer = request_.sent()[-1]
    thumbs_down = button_data(answer)[1]

    await learner.tap(thumbs_down, on=answer)

    feedback = (await store.export_user(42))["feedback"]
    assert [(row["turn_id"], row["helpful"]) for row in feedback] == [
        (int(thumbs_down.split(":")[2]), False)
    ]
    assert request_.sent("answerCallbackQuery")[-1]["text"] == "feedback_thanks[en]"
    (edit,) = request_.sent("editMessageReplyMarkup")
    assert button_data(edit) == ["human:fb"]  # a case opened from it says 👎 came first


async def test_thumbs_up_removes_the_buttons(
    app, learner: Learner, request_: RecordingRequest, store: Store
) -> None:
    await learner.send("What is a learning account?")
    answer = request_.sent()[-1]
    await learner.tap(button_data(answer)[0], on=answer)

    assert (await store.export_user(42))["feedback"][0]["helpful"] is True
    assert "reply_markup" not in request_.sent("editMessageReplyMarkup")[0]


async def test_counsellor_button_and_human_command_hand_over(
    app, learner: Learner, request_: RecordingRequest
) -> None:
    await learner.tap("human")
    await learner.command("human")

    # A case is opened once (see test_telegram_counsellor.py); asking again points to it.
    assert request_.texts_in(42) == [
        "case_opened[en] n=1\n\ncase_wait_open[en] minutes=30",
        "case_already_open[en] n=1",
    ]


async def test_escalation_gives_the_engine_text_and_the_way_to_a_human(
    app, learner: Learner, request_: RecordingRequest
) -> None:
    await learner.send("My employer refuses, do I need a lawyer?")

    texts = request_.texts_in(42)
    assert texts[0] == "This needs a person who knows your case."
    assert texts[1].startswith("case_opened[en] n=1")


async def test_engine_text_with_crisis_contacts_and_handover_is_not_repeated(
    app, learner: Learner, request_: RecordingRequest, engine: ScriptedEngine, strings
) -> None:
    text = "\n\n".join([strings.get("crisis_support", "en"), strings.get("escalate_notice", "en")])

    async def crisis(message, profile, history=()):
        return Reply("escalate", text, "en", "distress", crisis=True)

    engine.reply = crisis
    await learner.send("I can't go on")

    assert request_.texts_in(42)[:1] == ["crisis_support[en]\n\nescalate_notice[en]"]
    assert not any(text.startswith("crisis_support") for text in request_.texts_in(42)[1:])


async def test_crisis_contacts_come_first(app, learner: Learner, request_) -> None:
    await learner.send("I feel hopeless about this course")

    texts = request_.texts()
    assert texts[0].startswith("crisis_support[en]")
    assert texts[1].startswith("In your country")


async def test_learned_facts_are_saved(app, learner: Learner, store: Store) -> None:
    await learner.send("I am an employee in a bakery")

    assert (await store.get_profile(42)).status == "employee"


async def test_long_answer_is_split_into_valid_messages(
    app, learner: Learner, request_: RecordingRequest
) -> None:
    await learner.send("Give me the long version")

    parts = request_.sent()
    assert len(parts) == 3
    assert all(len(part["text"]) <= 4096 for part in parts)
    # Buttons under the last part only; the source link is whole.
    assert [bool(buttons(part)) for part in parts] == [False, False, True]
    assert '<a href="https://example.org/leave?a=1&amp;b=2">' in parts[-1]["text"]


async def test_rate_limit_tells_the_learner_once(
    app, learner: Learner, request_: RecordingRequest, engine: ScriptedEngine
) -> None:
    for i in range(6):
        await learner.send(f"question {i}")

    assert len(engine.calls) == 3
    notices = [text for text in request_.texts() if text.startswith("rate_limited")]
    assert len(notices) == 1
    seconds = int(notices[0].rsplit("=", 1)[1])
    assert 55 <= seconds <= 60


async def test_rate_limit_is_per_learner(app, request_: RecordingRequest, engine) -> None:
    for i in range(3):
        await Learner(app, user_id=1).send(f"question {i}")
    await Learner(app, user_id=2).send("my first question")

    assert len(engine.calls) == 4


async def test_telegram_flood_control_is_waited_out(
    app, learner: Learner, request_: RecordingRequest, monkeypatch
) -> None:
    # python-telegram-bot 22 warns about its own RetryAfter unless timedelta mode is opted into.
    monkeypatch.setenv("PTB_TIMEDELTA", "1")
    request_.retry_after["sendMessage"] = 1

    await learner.send("What is a learning account?")

    attempts = request_.sent()
    assert len(attempts) == 2
    assert attempts[0]["text"] == attempts[1]["text"]


async def test_a_new_question_retires_the_old_clarify_buttons(
    app, learner: Learner, request_: RecordingRequest, engine: ScriptedEngine
) -> None:
    await learner.send("How much training leave do I get?")
    question = request_.sent()[-1]
    await learner.send("What is a learning account?")
    request_.clear()

    await learner.tap("clarify:FR", on=question)

    assert len(engine.calls) == 2
    assert request_.texts() == ["ask_something[en]"]


async def test_option_too_long_for_callback_data_is_left_out(
    app, learner: Learner, request_: RecordingRequest, engine: ScriptedEngine
) -> None:
    options = (Option("FR", "France"), Option("x" * 80, "Too long"))

    async def clarify(message, profile, history=()):
        return Reply("clarify", "Where?", "en", "r", options=options, clarify_field="country")

    engine.reply = clarify
    await learner.send("training leave?")

    assert button_data(request_.sent()[-1]) == ["clarify:FR"]
    assert all(len(data.encode()) <= 64 for data in button_data(request_.sent()[-1]))


async def test_a_question_back_without_options_has_no_buttons(
    app, learner: Learner, request_: RecordingRequest, engine: ScriptedEngine
) -> None:
    async def ask_back(message, profile, history=()):
        return Reply("clarify", "Please type your question in a message.", "en", "empty")

    engine.reply = ask_back
    await learner.send("\u200b")

    (message,) = request_.sent()
    assert "reply_markup" not in message
