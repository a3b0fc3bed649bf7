"""The handoff without Telegram: office hours, the case card, summaries, the outbox's order and
retries, retention, and the `guidebot cases` export."""

from __future__ import annotations

import asyncio
import csv
import io
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from bot.guidance.language import Strings
from bot.guidance.types import Source, Turn
from bot.handoff import card
from bot.handoff.cases import Desk, close_case, open_case, relay_from_learner
from bot.handoff.hours import OfficeHours
from bot.handoff.models import Case, CaseContext, CaseRequest, Delivery, Person
from bot.handoff.outbox import Outbox, RetryLater, Sent, Undeliverable
from bot.handoff.records import export_cases, purge_texts
from bot.handoff.summary import LLMSummariser, conversation_summary
from bot.store import Store

SUNDAY_NOON = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
MARIE = Person(7, "Marie")


class Clock:
    def __init__(self) -> None:
        self.now = SUNDAY_NOON

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def store(tmp_path: Path, clock: Clock):  # type: ignore[no-untyped-def]
    store = await Store.open(tmp_path / "guidebot.sqlite3", clock=clock)
    yield store
    await store.close()


@pytest.fixture
def desk(store: Store, strings: Strings) -> Desk:
    return Desk(store.cases, strings)


def request(user_id: int = 42, **changes: Any) -> CaseRequest:
    turns = (Turn("user", "Can I take training leave?"), Turn("bot", "Yes, up to 24 days [1]."))
    source = Source(1, "Leave", "https://example.org/leave", "2026-02-01")
    context = CaseContext(turns, "Yes, up to 24 days [1].", (source,))
    values = {"user_id": user_id, "chat_id": user_id, "language": "fr", "origin": "learner",
              "country": "FR", "context": context}  # fmt: skip
    return CaseRequest(**(values | changes))


# --- office hours ---------------------------------------------------------------------------


def test_office_hours_are_parsed_with_breaks_several_rules_and_a_zone() -> None:
    hours = OfficeHours.parse("Mon-Fri 09:00-12:00 13:30-17:00, Sat 09:00-12:00 Europe/Paris")
    assert hours is not None
    paris = hours.zone
    assert hours.is_open(datetime(2026, 3, 2, 10, 0, tzinfo=paris))  # Monday
    assert not hours.is_open(datetime(2026, 3, 2, 12, 30, tzinfo=paris))  # lunch
    assert hours.is_open(datetime(2026, 3, 7, 11, 59, tzinfo=paris))  # Saturday
    assert not hours.is_open(datetime(2026, 3, 7, 12, 0, tzinfo=paris))
    assert hours.next_opening(datetime(2026, 3, 2, 12, 30, tzinfo=paris)) == datetime(
        2026, 3, 2, 13, 30, tzinfo=paris
    )
    assert hours.next_opening(datetime(2026, 3, 7, 12, 0, tzinfo=paris)) == datetime(
        2026, 3, 9, 9, 0, tzinfo=paris
    )


def test_office_hours_default_to_utc_and_empty_means_always() -> None:
    assert OfficeHours.parse("") is None
    assert OfficeHours.parse(None) is None
    hours = OfficeHours.parse("mon 08:00-24:00")
    assert hours is not None
    assert str(hours.zone) == "UTC"
    assert hours.is_open(datetime(2026, 3, 2, 23, 59, tzinfo=UTC))


@pytest.mark.parametrize(
    "spec",
    [
        "Mon-Fri",
        "Mon-Fri 9-17",
        "Mon-Fri 17:00-09:00",
        "Xyz 09:00-10:00",
        "Mon 09:00-10:00 Mars/Base",
    ],
)
def test_malformed_office_hours_are_refused(spec: str) -> None:
    with pytest.raises(ValueError, match="OFFICE_HOURS"):
        OfficeHours.parse(spec)


def test_wait_text_in_hours_gives_the_sla_and_outside_when_the_team_is_back(
    strings: Strings,
) -> None:
    hours = OfficeHours.parse("Mon-Fri 09:00-17:00 Europe/Paris")
    sla = timedelta(minutes=45)
    monday = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)
    assert card.wait_text(strings, "en", hours, sla, monday) == (
        "A counsellor usually answers within 45 minutes."
    )
    assert card.wait_text(strings, "fr", hours, sla, SUNDAY_NOON) == (
        "Nos conseillers ne sont pas disponibles en ce moment. "
        "Ils seront de retour demain à 09:00 (Europe/Paris)."
    )
    friday_evening = datetime(2026, 3, 6, 18, 0, tzinfo=UTC)
    assert "am Montag um 09:00 Uhr" in card.wait_text(strings, "de", hours, sla, friday_evening)
    assert "45" in card.wait_text(strings, "en", None, sla, SUNDAY_NOON)


# --- the card -------------------------------------------------------------------------------


async def test_card_stays_within_telegrams_limit_and_escapes_what_people_wrote(
    desk: Desk, strings: Strings
) -> None:
    turns = tuple(Turn("user" if i % 2 else "bot", "<b>x</b> " * 400) for i in range(10))
    case, _ = await open_case(desk, request(context=CaseContext(turns, "<i>answer</i> " * 300)))

    text = card.card_text(case, strings, "en", None)

    assert card.visible_length(text) <= 4096
    assert "<b>x</b>" not in text
    assert "&lt;b&gt;x&lt;/b&gt;" in text
    assert text.startswith("<b>Case 1</b> – waiting, not claimed")
    assert "Country / region: France" in text


def test_conversation_summary_quotes_first_and_latest_messages(strings: Strings) -> None:
    context = CaseContext((Turn("user", "First " * 100), Turn("bot", "Answer"),
                           Turn("user", "Then this")))  # fmt: skip
    summary = conversation_summary(context, strings, "en")
    assert summary.startswith("First question: “First First")
    assert "…”." in summary  # long messages are cut
    assert "Latest message: “Then this”." in summary
    assert summary.endswith("Messages from the learner: 2.")
    assert conversation_summary(CaseContext(), strings, "en") == strings.get(
        "team_summary_none", "en"
    )


class FakeChatModel:
    def __init__(self, answer: str | Exception, delay: float = 0.0) -> None:
        self.answer = answer
        self.delay = delay
        self.messages: list[Any] = []

    async def ainvoke(self, messages: Any) -> Any:
        self.messages.append(messages)
        await asyncio.sleep(self.delay)
        if isinstance(self.answer, Exception):
            raise self.answer
        return type("Message", (), {"content": self.answer})()


async def test_llm_summary_is_used_and_its_failures_fall_back_to_none() -> None:
    context = request().context
    model = FakeChatModel("  Ana asks about\ntraining leave.  ")
    summarise = LLMSummariser(model, "Summarise in {language}.", timeout=1.0)
    assert await summarise(context, "de") == "Ana asks about training leave."
    system, human = model.messages[0]
    assert system == ("system", "Summarise in de.")
    assert "Learner: Can I take training leave?" in human[1]

    failing = LLMSummariser(FakeChatModel(RuntimeError("down")), "{language}", timeout=1.0)
    assert await failing(context, "en") is None
    slow = LLMSummariser(FakeChatModel("late", delay=1.0), "{language}", timeout=0.05)
    assert await slow(context, "en") is None


# --- transactions ---------------------------------------------------------------------------


async def test_a_failed_transaction_leaves_nothing_though_another_write_came_in_between(
    store: Store,
) -> None:
    cases = store.cases
    meanwhile: list[asyncio.Task[int]] = []

    async def open_then_fail() -> None:
        async with cases.transaction():
            case_id = await cases.insert(request(), "summary")
            await cases.enqueue(case_id, "thread", "topic", text="Case 1")
            # A learner's turn is stored while the case's messages are still being added.
            meanwhile.append(asyncio.create_task(store.add_turn(43, "user", "Hello")))
            await asyncio.wait(meanwhile, timeout=0.2)
            raise RuntimeError("the card could not be stored")

    with pytest.raises(RuntimeError):
        await open_then_fail()
    await meanwhile[0]

    assert await cases.rows("SELECT id FROM cases") == []
    assert await cases.rows("SELECT id FROM outbox") == []
    assert await store.recent_turns(43, 5) == [Turn("user", "Hello")]


# --- the outbox -----------------------------------------------------------------------------


class Transport:
    """Fails what `fail` says per (target, attempt); records what it sent."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str, str | None]] = []
        self.fail: dict[str, Exception] = {}

    async def send(self, delivery: Delivery, case: Case) -> Sent:
        if (error := self.fail.get(delivery.target)) is not None:
            raise error
        self.sent.append((delivery.target, delivery.kind, delivery.text))
        return Sent(message_id=len(self.sent), thread_id=77 if delivery.kind == "topic" else None)


async def test_outbox_keeps_order_per_destination_and_backs_off(
    desk: Desk, store: Store, clock: Clock
) -> None:
    transport = Transport()
    outbox = Outbox(desk, transport)
    case, _ = await open_case(desk, request())
    transport.fail["thread"] = RetryLater("network down")

    assert await outbox.deliver_pending() == 1  # the learner's notice
    await relay_from_learner(desk, case, (42, 9), "more")
    await outbox.deliver_pending()
    assert [t for t, _, _ in transport.sent] == ["learner"]

    del transport.fail["thread"]
    await outbox.deliver_pending()
    assert len(transport.sent) == 1  # not due yet: 5 s backoff
    clock.now += timedelta(seconds=6)
    assert await outbox.deliver_pending() == 3
    assert [k for _, k, _ in transport.sent[1:]] == ["topic", "card", "text"]
    reloaded = await store.cases.get(case.id)
    assert (reloaded.thread_id, reloaded.card_message_id) == (77, 3)


async def test_a_refused_learner_message_is_reported_in_the_thread(desk: Desk) -> None:
    transport = Transport()
    outbox = Outbox(desk, transport)
    case, _ = await open_case(desk, request())
    transport.fail["learner"] = Undeliverable("Forbidden: bot was blocked by the user")

    await outbox.deliver_pending()

    kinds = [(t, k) for t, k, _ in transport.sent]
    assert kinds == [("thread", "topic"), ("thread", "card"), ("thread", "text")]
    assert "could not reach the learner (Forbidden" in (transport.sent[-1][2] or "")
    assert await desk.cases.pending() == []


# --- retention and export -------------------------------------------------------------------


async def test_texts_of_old_closed_cases_are_purged_and_counts_stay(
    desk: Desk, store: Store, clock: Clock
) -> None:
    old, _ = await open_case(desk, request(42))
    await relay_from_learner(desk, old, (42, 5), "my story")
    await close_case(desk, old.id, MARIE, "resolved")
    clock.now += timedelta(days=40)
    recent, _ = await open_case(desk, request(43))
    await relay_from_learner(desk, recent, (43, 5), "my recent story")

    assert await purge_texts(store.cases, clock.now - timedelta(days=30)) == 1

    rows = {row["id"]: row for row in await export_cases(store.cases, with_text=True)}
    assert rows[old.id]["messages"][0]["text"] is None
    assert rows[old.id]["learner_messages"] == 1
    assert rows[old.id]["summary"] == ""
    assert rows[recent.id]["messages"][0]["text"] == "my recent story"


def test_guidebot_cases_exports_without_text_unless_asked(
    strings: Strings, tmp_path: Path, monkeypatch, capsys
) -> None:
    async def prepare() -> None:
        store = await Store.open(tmp_path / "guidebot.sqlite3")
        desk = Desk(store.cases, strings)
        case, _ = await open_case(desk, request(42))
        await relay_from_learner(desk, case, (42, 5), "my employer said no")
        await close_case(desk, case.id, MARIE, "referred")
        await store.close()

    asyncio.run(prepare())
    monkeypatch.setenv("DATA_DIR", str(tmp_path))
    monkeypatch.chdir(tmp_path)  # no .env

    assert main(["cases", "--format", "csv"]) == 0
    out = capsys.readouterr().out
    (row,) = csv.DictReader(io.StringIO(out))
    assert (row["status"], row["outcome"], row["learner_messages"]) == ("closed", "referred", "1")
    assert "my employer said no" not in out
    assert "user_id" not in row

    assert main(["cases", "--format", "json", "--with-text"]) == 0
    (item,) = json.loads(capsys.readouterr().out)
    assert item["user_id"] == 42
    assert [m["text"] for m in item["messages"]] == ["my employer said no"]

    assert main(["cases", "--status", "open"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "id  status  opened_at  language  country  origin  outcome  rating"
    ]
