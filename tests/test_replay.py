"""Answer replay: `guidebot replay` shows what the bot said, from which chunks and index
version, even after a reindex changed those chunks; and the answer log's gaps and retention."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime, timedelta

import pytest

from bot.answer_log import NO_ANSWER, gap_reason
from bot.cli import main
from bot.guidance.thresholds import THRESHOLDS
from bot.guidance.types import Profile, Reply
from bot.services import reindex
from bot.store import Store

QUESTION = "How much money do I get on my CPF each year?"


async def test_replay_returns_the_cited_chunks_after_a_reindex_changed_them(
    fresh_services, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    settings = fresh_services.settings
    reply = await fresh_services.engine.reply(QUESTION, Profile(country="FR"))
    assert reply.decision == "answer"
    assert any("€500 a year" in text for text in reply.chunk_texts)
    answered_from = reply.index_version
    store = await Store.open(settings.database_path)
    await store.add_turn(5, "user", QUESTION)
    turn_id = await store.add_turn(5, "bot", reply.text)
    await store.answers.record(5, turn_id, reply, question=QUESTION, country="FR", gap=None)
    opened = datetime.now(UTC).isoformat(timespec="seconds")
    cursor = await store.db.execute(
        "INSERT INTO cases (user_id, chat_id, language, origin, opened_at) "
        "VALUES (5, 5, 'en', 'engine', ?)",
        (opened,),
    )
    case_id = cursor.lastrowid
    await store.db.commit()
    await store.close()

    cpf = settings.knowledge_dir / "fr" / "cpf.md"
    cpf.write_text(cpf.read_text(encoding="utf-8").replace("€500 a year", "€600 a year"), "utf-8")
    result = await asyncio.to_thread(reindex, settings, services=fresh_services, force=True)
    assert result.went_live
    retriever = fresh_services.engine.retriever
    assert retriever.version != answered_from
    gone = [cid for cid in reply.chunk_ids if retriever.chunk(cid) is None]
    assert gone  # the cited chunk no longer exists in the live index

    monkeypatch.setenv("DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("KNOWLEDGE_DIR", str(settings.knowledge_dir))
    # The command line runs its own event loop: in a thread, as from a shell.
    assert await asyncio.to_thread(main, ["replay", str(turn_id)]) == 0
    shown = capsys.readouterr().out
    assert "€500 a year" in shown
    assert "€600" not in shown
    assert f"index version {answered_from}" in shown
    assert "France: CPF amounts" in shown

    assert await asyncio.to_thread(main, ["replay", f"case:{case_id}", "--json"]) == 0
    (record,) = json.loads(capsys.readouterr().out)
    assert record["case_id"] == case_id
    assert record["index_version"] == answered_from
    assert {chunk["id"] for chunk in record["chunks"]} == set(reply.chunk_ids)
    assert any("€500 a year" in chunk["text"] for chunk in record["chunks"])

    assert await asyncio.to_thread(main, ["replay", "999999"]) == 1


E5 = THRESHOLDS["e5"]
PERSON = "the learner asked for a person"


@pytest.mark.parametrize(
    ("decision", "reason", "confidence", "expected"),
    [
        ("escalate", NO_ANSWER, E5.min_similarity - 0.01, "no_answer"),
        ("escalate", "a dispute", E5.min_similarity + 0.05, None),  # the knowledge is there
        ("escalate", PERSON, E5.min_similarity - 0.05, None),  # asked for, not missing
        ("escalate", "a dispute", E5.off_topic - 0.01, None),
        ("answer", "r", E5.min_similarity + 0.001, "low_confidence"),
        ("answer", "r", E5.min_similarity + 0.05, None),
        ("out_of_scope", "r", E5.off_topic - 0.01, "nothing_related"),
        ("out_of_scope", "r", None, None),  # off-topic by the triage: not a gap
        ("clarify", "r", None, None),
    ],
)
def test_which_replies_are_gaps(decision, reason, confidence, expected) -> None:
    reply = Reply(decision, "text", "en", reason, confidence=confidence)
    assert gap_reason(reply, E5) == expected


async def test_asking_for_a_person_is_not_a_gap_in_the_knowledge_base(engine) -> None:
    reply = await engine.reply("Can I talk to a real person?", Profile(country="FR"))
    assert reply.decision == "escalate"
    assert reply.confidence is not None  # searched: the old rule counted it by its score
    assert gap_reason(reply, E5) is None


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


async def test_gaps_keep_no_user_and_last_thirty_days_answers_follow_retention() -> None:
    clock = Clock()
    store = await Store.open(":memory:", clock=clock)
    reply = Reply("escalate", "A person will help.", "de", "no confident answer", confidence=0.5)
    await store.add_turn(8, "user", "Bildungsurlaub in Bayern?")
    turn = await store.add_turn(8, "bot", reply.text)
    await store.answers.record(
        8, turn, reply, question="Bildungsurlaub in Bayern?", country="DE", gap="no_answer"
    )
    answered = Reply("answer", "You get 5 days.", "en", "answerable", confidence=0.95)
    await store.add_turn(8, "user", "How many days in NRW?")
    good = await store.add_turn(8, "bot", answered.text)
    await store.answers.record(8, good, answered, question="-", country="DE", gap=None)

    assert await store.answers.mark_unhelpful(8, good)
    assert not await store.answers.mark_unhelpful(8, good)  # one gap per answer
    assert not await store.answers.mark_unhelpful(9, good)  # not this learner's answer
    gaps = await store.answers.gaps()
    assert [(g.question, g.reason) for g in gaps] == [
        ("How many days in NRW?", "unhelpful"),
        ("Bildungsurlaub in Bayern?", "no_answer"),
    ]
    async with store.db.execute("SELECT * FROM gaps") as cursor:
        columns = {column[0] for column in cursor.description}
    assert not columns & {"user_id", "turn_id", "chat_id"}

    clock.now += timedelta(days=31)
    await store.purge_older_than(90)
    assert await store.answers.gaps() == []  # gaps: 30 days at most
    assert await store.answers.by_turn(turn) is not None  # answers: the retention period
    await store.forget_user(8)
    assert await store.answers.by_turn(turn) is None
    await store.close()


async def test_a_gap_cannot_be_joined_to_its_answer_by_time() -> None:
    clock = Clock()
    store = await Store.open(":memory:", clock=clock)
    reply = Reply("escalate", "A person will help.", "en", NO_ANSWER, confidence=0.5)
    answered = Reply("answer", "You get 5 days.", "en", "answerable", confidence=0.95)
    for user in (1, 2, 3):
        clock.now += timedelta(minutes=7)
        turn = await store.add_turn(user, "bot", reply.text)
        await store.answers.record(user, turn, reply, question="Q?", country="", gap="no_answer")
        await store.add_turn(user, "user", "How many days?")
        good = await store.add_turn(user, "bot", answered.text)
        await store.answers.record(user, good, answered, question="-", country="", gap=None)
        assert await store.answers.mark_unhelpful(user, good)

    rows = store.answers._rows
    answer_times = {row["created_at"] for row in await rows("SELECT created_at FROM answers")}
    gap_times = {row["created_at"] for row in await rows("SELECT created_at FROM gaps")}
    assert gap_times == {"2026-03-01"}  # the day only
    assert not gap_times & answer_times
    assert len(await store.answers.gaps()) == 6
    await store.close()
