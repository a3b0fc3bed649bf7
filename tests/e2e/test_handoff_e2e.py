"""Counsellor handoff end to end: the real bot process, the Telegram test server, two chats
(the learner's private chat and the counsellors' forum group), and a crash in the middle."""

from __future__ import annotations

import contextlib
import html
import os
import re
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.guidance.language import Strings
from bot.services import Services
from tests.e2e.conftest import BOT_COMMAND, PROJECT, BotProcess, TelegramUser, bot_data

pytestmark = pytest.mark.e2e

CPF = "How much money do I get on my CPF each year?"
CPF_500 = "gets €500 a year"
GROUP = -1001234567890
COUNSELLOR = 7001


@pytest.fixture(scope="module")
def strings() -> Strings:
    return Strings()


class Launcher:
    """Starts the bot (again) on one data folder, configured for a counsellors' group."""

    def __init__(self, server: str, token: str, folder: Path, data: dict[str, str]) -> None:
        self.folder = folder
        self.env = {
            **os.environ,
            "PYTHONPATH": str(PROJECT),
            "TELEGRAM_BOT_TOKEN": token,
            "TELEGRAM_API_BASE_URL": f"{server}/bot",
            **data,
            "POLL_INTERVAL": "0.05",
            "LOG_LEVEL": "INFO",
            "COUNSELLOR_CHAT_ID": str(GROUP),
            "COUNSELLOR_IDS": str(COUNSELLOR),
            "COUNSELLOR_LANGUAGE": "en",
            "SLA_MINUTES": "30",
        }
        for name in ("WEBHOOK_URL", "WEBHOOK_SECRET", "OFFICE_HOURS", "OPENAI_API_KEY",
                     "OPENAI_BASE_URL"):  # fmt: skip
            self.env.pop(name, None)
        self.runs: list[BotProcess] = []

    def start(self) -> BotProcess:
        log = self.folder / f"bot-{len(self.runs)}.log"
        with log.open("wb") as sink:
            process = subprocess.Popen(
                BOT_COMMAND, cwd=self.folder, env=self.env, stdout=sink, stderr=subprocess.STDOUT
            )
        bot = BotProcess(process, log, self.folder / "data" / "guidebot.sqlite3")
        self.runs.append(bot)
        bot.wait_ready()
        return bot

    def stop_all(self) -> None:
        for bot in self.runs:
            if bot.process.poll() is None:
                bot.process.send_signal(signal.SIGTERM)
                try:
                    bot.process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    bot.process.kill()
                    bot.process.wait()
            print(bot.output())  # shown by pytest when the test failed


class Counsellor(TelegramUser):
    """A counsellor in the forum group: messages and commands in a case's topic."""

    def __init__(self, base_url: str, token: str, bot: BotProcess) -> None:
        super().__init__(base_url, token, bot, user_id=COUNSELLOR)
        self.user = {"id": COUNSELLOR, "is_bot": False, "first_name": "Marie"}
        self.chat = {"id": GROUP, "type": "supergroup", "title": "Counsellors", "is_forum": True}

    def send_in(self, thread: int, text: str) -> None:
        where = {"message_thread_id": thread, "is_topic_message": True}
        self._post("/sendMessage", {**self._common(), **where, "text": text})

    def command_in(self, thread: int, text: str) -> None:
        where = {"message_thread_id": thread, "is_topic_message": True}
        entity = {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
        self._post("/sendCommand", {**self._common(), **where, "text": text,
                                    "entities": [entity]})  # fmt: skip


@pytest.fixture
def launcher(
    telegram_server: str, bot_token: str, tmp_path: Path, small_services: Services
) -> Iterator[Launcher]:
    launcher = Launcher(telegram_server, bot_token, tmp_path, bot_data(small_services, tmp_path))
    yield launcher
    launcher.stop_all()


@pytest.fixture
def chats(
    telegram_server: str, bot_token: str, launcher: Launcher
) -> Iterator[tuple[TelegramUser, Counsellor]]:
    bot = launcher.start()
    learner = TelegramUser(telegram_server, bot_token, bot)
    counsellor = Counsellor(telegram_server, bot_token, bot)
    yield learner, counsellor
    learner.http.close()
    counsellor.http.close()


def shown(text: str) -> str:
    """What a person reads of an HTML message."""
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def having(predicate: Callable[[dict[str, Any]], bool]) -> Callable[[list[dict]], Any]:
    """A `wait_for` condition: the first message matching `predicate`."""
    return lambda messages: next((m for m in messages if predicate(m)), None)


def rows(bot: BotProcess, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(bot.database)) as db:
        return db.execute(sql, args).fetchall()


def test_escalation_claim_relay_both_ways_close_and_rating(chats, strings: Strings) -> None:
    learner, counsellor = chats

    # The bot answers, then hands over: a case card in a new topic, and the learner is told.
    learner.send(CPF)
    learner.wait_for(having(lambda m: CPF_500 in m["text"]))
    learner.send("My employer refuses, do I need a lawyer?")
    opened = strings.get("case_opened", "en", n=1)
    learner.wait_for(having(lambda m: shown(m["text"]).startswith(opened)))
    card = counsellor.wait_for(having(lambda m: "case:claim:1" in m["buttons"]))
    topic = card["thread"]
    assert topic is not None
    assert "My employer refuses, do I need a lawyer?" in shown(card["text"])
    assert "the bot handed over (legal action against an employer or provider)" in shown(
        card["text"]
    )

    # Claim: the learner hears someone is on it; the card loses its Claim button.
    counsellor.tap(card, "case:claim:1")
    claimed = strings.get("case_claimed", "en")
    learner.wait_for(having(lambda m: shown(m["text"]) == claimed))
    counsellor.wait_for(having(lambda m: m["message_id"] == card["message_id"]
                               and "case:claim:1" not in m["buttons"]))  # fmt: skip

    # The counsellor writes in the topic; the learner reads it in their chat.
    counsellor.send_in(topic, "Hello Ana, what did your employer say exactly?")
    label = strings.get("case_counsellor_label", "en")
    learner.wait_for(having(
        lambda m: shown(m["text"]) == f"{label}:\nHello Ana, what did your employer say exactly?"
    ))  # fmt: skip

    # The learner answers; it lands in the topic, and the bot does not answer it.
    learner.send("They said the course is not related to my job.")
    header = strings.get("team_from_learner", "en", n=1)
    relayed = counsellor.wait_for(having(lambda m: shown(m["text"]).startswith(header)))
    assert relayed["thread"] == topic
    assert shown(relayed["text"]).endswith("They said the course is not related to my job.")
    before = len(learner.messages())

    # An internal note is not relayed; closing tells the learner and asks for a rating.
    counsellor.command_in(topic, "/note Employer refuses: job relevance.")
    counsellor.wait_for(having(lambda m: "Note saved on case 1" in shown(m["text"])))
    counsellor.command_in(topic, "/close resolved")
    rate = learner.wait_for(having(lambda m: "rate:1:5" in m["buttons"]))
    texts = [shown(m["text"]) for m in learner.messages()[before:]]
    assert texts == [strings.get("case_closed", "en", n=1), strings.get("case_rate", "en")]

    # The learner rates and is back with the bot.
    learner.tap(rate, "rate:1:5")
    rated = strings.get("case_rated", "en")
    learner.wait_for(having(lambda m: m["message_id"] == rate["message_id"]
                            and shown(m["text"]) == rated))  # fmt: skip
    learner.send(CPF)
    learner.wait_for(lambda ms: sum(CPF_500 in m["text"] for m in ms) == 2)

    bot = learner.bot
    assert rows(bot, "SELECT status, outcome, rating, counsellor_id FROM cases") == [
        ("closed", "resolved", 5, COUNSELLOR)
    ]
    assert "They said the course" not in bot.output()  # learners' words stay out of logs


def test_a_card_and_a_relay_stored_before_a_crash_arrive_once_after_restart(
    chats, launcher: Launcher, telegram_server: str, strings: Strings
) -> None:
    learner, counsellor = chats
    faults = httpx.Client(base_url=telegram_server, timeout=5)
    # Telegram answers 500 to every message for the group: the card cannot be delivered.
    faults.post("/faults", json={"method": "sendMessage", "chatId": GROUP, "status": 500})
    try:
        learner.send("My employer refuses, do I need a lawyer?")
        opened = strings.get("case_opened", "en", n=1)
        learner.wait_for(having(lambda m: shown(m["text"]).startswith(opened)))
        learner.send("Are you there?")
        bot = learner.bot
        deadline = time.monotonic() + 15
        while not rows(bot, "SELECT 1 FROM case_messages WHERE direction = 'learner'"):
            assert time.monotonic() < deadline, bot.output()
            time.sleep(0.05)
        assert faults.get("/faults").json()["result"][0]["hits"] >= 1

        bot.process.send_signal(signal.SIGKILL)  # a crash: nothing is flushed or closed
        bot.process.wait(timeout=10)
        assert counsellor.messages() == []
    finally:
        faults.post("/faults/clear")
        faults.close()

    restarted = launcher.start()
    learner.bot = counsellor.bot = restarted
    counsellor.wait_for(lambda ms: len(ms) >= 2)
    time.sleep(6)  # longer than one outbox run: nothing may come twice

    posted = counsellor.messages()
    assert len(posted) == 2
    card, relay = posted
    assert "case:claim:1" in card["buttons"]
    assert shown(relay["text"]).endswith("Are you there?")
    assert card["thread"] == relay["thread"] is not None  # the topic made before the crash
    assert [shown(m["text"]).startswith(opened) for m in learner.messages()].count(True) == 1
    assert rows(restarted, "SELECT DISTINCT status FROM outbox") == [("sent",)]
