"""/privacy, /mydata, /forget and the retention job."""

from __future__ import annotations

import html
import json

from tg_factories import Learner, RecordingRequest, Texts, button_data

from bot.guidance.types import Profile
from bot.store import Store


async def test_privacy_notice_states_the_retention(
    app, learner: Learner, request_, tr: Texts
) -> None:
    await learner.command("privacy")

    assert request_.texts() == [tr("privacy_notice", days=30)]
    assert "30 days" in request_.texts()[0]


async def test_mydata_sends_everything_stored_as_json(
    app, learner: Learner, request_: RecordingRequest, store: Store, tr: Texts
) -> None:
    await store.save_profile(42, Profile(language="en", country="FR"))
    await learner.send("How much money do I get on my <CPF> & PTP each year?")
    request_.clear()

    await learner.command("mydata")

    intro, *parts = request_.texts()
    assert intro == tr("mydata_intro")
    body = "".join(parts)
    assert body.startswith("<pre>")
    assert body.endswith("</pre>")
    document = json.loads(html.unescape(body.removeprefix("<pre>").removesuffix("</pre>")))
    assert document["profile"]["country"] == "FR"
    assert document["history"][0]["text"] == "How much money do I get on my <CPF> & PTP each year?"
    assert "€500 a year" in document["history"][1]["text"]  # the bot's answer
    assert document["answers"][0]["decision"] == "answer"  # the reply, as logged for replay


async def test_mydata_of_a_long_history_is_split(
    app, learner: Learner, request_: RecordingRequest, store: Store
) -> None:
    for i in range(10):
        await store.add_turn(42, "user", f"question {i} " + "x" * 900)

    await learner.command("mydata")

    parts = request_.texts()[1:]
    assert len(parts) > 1
    for part in parts:
        assert len(part) <= 4096
        assert part.startswith("<pre>")
        assert part.endswith("</pre>")


async def test_forget_asks_then_erases(
    app, learner: Learner, request_: RecordingRequest, store: Store, tr: Texts
) -> None:
    await store.save_profile(42, Profile(language="en", country="FR"))
    await learner.send("How much money do I get on my CPF each year?")
    answer = request_.sent()[-1]
    await learner.tap(button_data(answer)[0], on=answer)
    await store.set_pending(42, "a question", "country")

    await learner.command("forget")
    confirm = request_.sent()[-1]
    assert confirm["text"] == tr("forget_confirm")
    assert button_data(confirm) == ["forget:yes", "forget:no"]
    assert (await store.get_profile(42)).country == "FR"  # nothing erased yet

    await learner.tap("forget:yes", on=confirm)

    assert request_.sent("editMessageText")[-1]["text"] == tr("forget_done")
    assert await store.export_user(42) == {
        "user_id": 42,
        "profile": None,
        "history": [],
        "feedback": [],
        "pending_question": [],
        "answers": [],
        "cases": [],
        "spoken_answers": None,
    }


async def test_forget_can_be_cancelled(
    app, learner: Learner, request_: RecordingRequest, store: Store, tr: Texts
) -> None:
    await store.save_profile(42, Profile(country="FR"))
    await learner.command("forget")
    await learner.tap("forget:no", on=request_.sent()[-1])

    assert request_.sent("editMessageText")[-1]["text"] == tr("forget_cancelled")
    assert (await store.get_profile(42)).country == "FR"


async def test_daily_job_purges_old_history(app, store: Store, clock) -> None:
    await store.add_turn(42, "user", "an old question")
    clock.advance(days=31)
    await store.add_turn(42, "user", "a recent question")

    (job,) = app.job_queue.get_jobs_by_name("purge")
    await job.run(app)

    assert [turn.text for turn in await store.recent_turns(42, 10)] == ["a recent question"]
