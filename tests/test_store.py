"""bot.store: migrations, profiles, bounded history, feedback, pending questions, privacy."""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import pytest

from bot.guidance.types import Profile, Turn
from bot.schema import MIGRATIONS, migrate
from bot.store import Store


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def store(tmp_path, clock: Clock) -> AsyncIterator[Store]:
    store = await Store.open(tmp_path / "db" / "bot.sqlite3", keep_turns=5, clock=clock)
    yield store
    await store.close()


async def test_migrations_run_once_and_are_recorded(tmp_path) -> None:
    path = tmp_path / "bot.sqlite3"
    store = await Store.open(path)
    await store.save_profile(1, Profile(country="FR"))
    await store.close()

    reopened = await Store.open(path)
    assert await migrate(reopened.db) == []
    async with reopened.db.execute("SELECT name FROM _migrations") as cursor:
        names = [row[0] async for row in cursor]
    assert names == [fn.__name__ for fn in MIGRATIONS]
    assert names[:2] == ["m001_initial", "m002_handoff"]
    assert (await reopened.get_profile(1)).country == "FR"
    await reopened.close()


async def test_unknown_learner_has_an_empty_profile(store: Store) -> None:
    assert await store.get_profile(7) == Profile()


async def test_profile_round_trip_and_update(store: Store, clock: Clock) -> None:
    await store.save_profile(7, Profile(language="de", country="DE", region="DE-BY"))
    clock.now += timedelta(days=1)
    await store.save_profile(7, Profile(language="de", country="AT", status="employee"))

    assert await store.get_profile(7) == Profile(language="de", country="AT", status="employee")
    profile = (await store.export_user(7))["profile"]
    assert profile["created_at"] == "2026-03-01T00:00:00+00:00"
    assert profile["updated_at"] == "2026-03-02T00:00:00+00:00"


async def test_history_is_bounded_per_learner(store: Store) -> None:
    for i in range(8):
        await store.add_turn(1, "user" if i % 2 == 0 else "bot", f"turn {i}")
    await store.add_turn(2, "user", "someone else")

    assert [t.text for t in await store.recent_turns(1, 3)] == ["turn 5", "turn 6", "turn 7"]
    assert len(await store.recent_turns(1, 100)) == 5  # keep_turns
    assert await store.recent_turns(2, 10) == [Turn("user", "someone else")]


async def test_feedback_last_tap_wins(store: Store) -> None:
    turn_id = await store.add_turn(1, "bot", "an answer")
    await store.add_feedback(1, turn_id, True)
    await store.add_feedback(1, turn_id, False)

    feedback = (await store.export_user(1))["feedback"]
    assert [(row["turn_id"], row["helpful"]) for row in feedback] == [(turn_id, False)]


async def test_pending_question_is_taken_once(store: Store) -> None:
    await store.set_pending(1, "first question", "country")
    await store.set_pending(1, "how much leave?", "region")

    pending = await store.take_pending(1)
    assert (pending.question, pending.field) == ("how much leave?", "region")
    assert await store.take_pending(1) is None


async def test_forget_user_erases_everything_and_calls_hooks(store: Store) -> None:
    forgotten: list[int] = []

    async def hook(user_id: int) -> None:
        forgotten.append(user_id)

    store.forget_hooks.append(hook)
    await store.save_profile(1, Profile(country="FR"))
    turn_id = await store.add_turn(1, "bot", "answer")
    await store.add_feedback(1, turn_id, True)
    await store.set_pending(1, "q", "status")
    await store.spoken.set(1, False)
    await store.save_profile(2, Profile(country="BE"))

    await store.forget_user(1)

    assert await store.export_user(1) == {
        "user_id": 1, "profile": None, "history": [], "feedback": [], "pending_question": [],
        "answers": [], "cases": [], "spoken_answers": None,
    }  # fmt: skip
    assert forgotten == [1]
    assert (await store.get_profile(2)).country == "BE"


async def test_forget_user_erases_nothing_while_a_hook_fails(store: Store) -> None:
    async def failing(user_id: int) -> None:
        raise RuntimeError("the cases could not be anonymised")

    store.forget_hooks.append(failing)
    await store.save_profile(1, Profile(country="FR"))
    await store.add_turn(1, "user", "my question")

    with pytest.raises(RuntimeError):
        await store.forget_user(1)

    # Nothing is erased yet, so asking again erases everything, cases included.
    assert (await store.get_profile(1)).country == "FR"
    assert await store.recent_turns(1, 5) == [Turn("user", "my question")]


async def test_purge_older_than_keeps_recent_rows_and_profiles(store: Store, clock: Clock) -> None:
    await store.save_profile(1, Profile(country="FR"))
    old = await store.add_turn(1, "user", "old")
    await store.add_feedback(1, old, True)
    clock.now += timedelta(days=40)
    await store.add_turn(1, "user", "new")

    assert await store.purge_older_than(30) == 2
    assert await store.recent_turns(1, 10) == [Turn("user", "new")]
    assert (await store.get_profile(1)).country == "FR"


async def test_in_memory_database() -> None:
    store = await Store.open(":memory:")
    await store.add_turn(1, "user", "hi")
    assert await store.recent_turns(1, 5) == [Turn("user", "hi")]
    await store.close()


async def test_spoken_answers_choice_is_kept_and_shown(store: Store) -> None:
    assert await store.spoken.get(3) is None  # not chosen: the default applies
    await store.spoken.set(3, False)
    await store.spoken.set(3, True)
    assert await store.spoken.get(3) is True
    assert (await store.export_user(3))["spoken_answers"] is True


async def test_an_answer_is_found_for_its_learner_only(store: Store) -> None:
    question = await store.add_turn(5, "user", "question")
    answer = await store.add_turn(5, "bot", "the answer")
    assert await store.history.answer_text(5, answer) == "the answer"
    assert await store.history.answer_text(6, answer) is None  # someone else's
    assert await store.history.answer_text(5, question) is None  # not the bot's
