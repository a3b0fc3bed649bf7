"""Voice messages end to end: the real bot process (faster-whisper with the shipped Whisper base,
eSpeak NG) against the Telegram test server, which serves getFile, file downloads, sendVoice and
copyMessage (telegram_server/files.js). One bot process serves the module, so the speech model
loads once."""

from __future__ import annotations

import base64
import contextlib
import html
import os
import re
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
from bot.speech.audio import decode, is_ogg_opus
from bot.speech.whisper import WhisperTranscriber
from tests.e2e.conftest import BOT_COMMAND, PROJECT, BotProcess, TelegramUser, bot_data
from tests.e2e.processes import free_port, stop
from tests.speech_audio import (
    CPF_QUESTION,
    NOT_AUDIO,
    as_video_note,
    seconds_of,
    silence,
    spoken,
    word_error_rate,
)

pytestmark = pytest.mark.e2e

GROUP = -1001234567890
COUNSELLOR = 7001
MAX_SECONDS = 30
LANGUAGES = frozenset(["en", "de", "fr", "nl", "it", "es", "pl", "pt"])


@pytest.fixture(scope="module")
def strings() -> Strings:
    return Strings()


@pytest.fixture(scope="module")
def voice_bot(
    telegram_server: str, tmp_path_factory: pytest.TempPathFactory, small_services: Services
) -> Iterator[BotProcess]:
    """The bot with voice messages and a counsellors' group, for the whole module."""
    folder = tmp_path_factory.mktemp("voice-bot")
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT),
        "TELEGRAM_BOT_TOKEN": f"{free_port()}:voice-token",
        "TELEGRAM_API_BASE_URL": f"{telegram_server}/bot",
        **bot_data(small_services, folder),
        "POLL_INTERVAL": "0.05",
        "LOG_LEVEL": "INFO",
        "COUNSELLOR_CHAT_ID": str(GROUP),
        "COUNSELLOR_IDS": str(COUNSELLOR),
        "VOICE_MAX_SECONDS": str(MAX_SECONDS),
        "SPEECH_TIMEOUT": "120",  # the machine is shared: never the limit under test here
    }
    for name in ("WEBHOOK_URL", "WEBHOOK_SECRET", "OPENAI_API_KEY", "OPENAI_BASE_URL",
                 "OFFICE_HOURS", "SPEECH_TO_TEXT", "TEXT_TO_SPEECH", "SPEECH_MODEL",
                 "TELEGRAM_FILE_BASE_URL"):  # fmt: skip
        env.pop(name, None)
    log = folder / "bot.log"
    with log.open("wb") as sink:
        process = subprocess.Popen(
            BOT_COMMAND, cwd=folder, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    bot = BotProcess(process, log, folder / "data" / "guidebot.sqlite3")
    bot.token = env["TELEGRAM_BOT_TOKEN"]  # type: ignore[attr-defined]
    try:
        bot.wait_ready()
        yield bot
    finally:
        stop(process)
        print(bot.output())


class Speaker(TelegramUser):
    """A learner who sends voice notes (uploaded to the test server first)."""

    def __init__(self, server: str, bot: BotProcess, user_id: int) -> None:
        super().__init__(server, bot.token, bot, user_id=user_id)  # type: ignore[attr-defined]

    def upload(self, data: bytes) -> dict[str, Any]:
        return self._post("/files", {"data": base64.b64encode(data).decode()})

    def send_voice(self, data: bytes, seconds: float | None = None, kind: str = "voice") -> str:
        """Send `data` as a voice note (or `kind`: audio, video_note); returns its file id."""
        file = self.upload(data)
        duration = round(seconds if seconds is not None else seconds_of(data))
        media = {"file_id": file["file_id"], "file_unique_id": file["file_unique_id"],
                 "duration": duration, "file_size": file["file_size"]}  # fmt: skip
        if kind == "voice":
            media["mime_type"] = "audio/ogg"
        if kind == "video_note":
            media["length"] = 240
        self._post("/sendMessage", {**self._common(), kind: media})
        return str(file["file_id"])

    def voices(self) -> list[dict[str, Any]]:
        response = self.http.get("/voices", params={"chatId": self.chat["id"]})
        return list(response.json()["result"])

    def file_log(self) -> list[dict[str, Any]]:
        return list(self.http.get("/files/log").json()["result"])


@pytest.fixture
def speaker(request: pytest.FixtureRequest, telegram_server: str, voice_bot: BotProcess):  # type: ignore[no-untyped-def]
    # A new learner per test (ids from the test's name), so tests do not share a history.
    user = Speaker(telegram_server, voice_bot, 6000 + abs(hash(request.node.name)) % 1000)
    yield user
    user.http.close()


def heard_words(speaker: Speaker, strings: Strings) -> str:
    """The words of the bot's "🎤 I heard: …" message, once it came."""
    message = speaker.wait_for(having(lambda m: "🎤" in m["text"]), timeout=90)
    prefix = strings.get("voice_heard", "en", text="")
    text = shown(message["text"])
    assert text.startswith(prefix), text
    return text[len(prefix) :]


def shown(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", text))


def having(predicate: Callable[[dict[str, Any]], bool]) -> Callable[[list[dict]], Any]:
    return lambda messages: next((m for m in messages if predicate(m)), None)


def rows(bot: BotProcess, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    with contextlib.closing(sqlite3.connect(bot.database)) as db:
        return db.execute(sql, args).fetchall()


def everything_stored(bot: BotProcess) -> str:
    """Every text value in every table of the bot's database."""
    with contextlib.closing(sqlite3.connect(bot.database)) as db:
        listed = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        tables = [row[0] for row in listed]
        values = [
            str(value)
            for table in tables
            for row in db.execute(f"SELECT * FROM {table}")  # noqa: S608 - the database's own names
            for value in row
            if isinstance(value, str)
        ]
    return "\n".join(values)


AUDIO_MAGIC = (b"OggS", b"RIFF", b"ID3", b"fLaC", b"\x1aE\xdf\xa3")


def audio_files(folder: Path) -> list[Path]:
    """Files under `folder` that start like audio (Ogg, WAV, MP3, FLAC, WebM/Matroska) or end
    like it, whatever their name."""
    found = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        with path.open("rb") as file:
            head = file.read(4)
        if head.startswith(AUDIO_MAGIC) or path.suffix in (".ogg", ".oga", ".wav", ".mp3"):
            found.append(path)
    return found


def test_a_spoken_question_is_answered_in_text_and_aloud_then_forgotten(
    speaker: Speaker, strings: Strings, whisper: WhisperTranscriber, voice_bot: BotProcess
) -> None:
    speaker.send_voice(spoken(CPF_QUESTION))

    heard = heard_words(speaker, strings)
    assert word_error_rate(CPF_QUESTION, heard) <= 0.1, heard  # eSpeak varies a little
    answer = speaker.wait_for(having(lambda m: "gets €500 a year" in shown(m["text"])))
    assert any(b.startswith("say:") for b in answer["buttons"])  # 🔊 under the answer too
    voice = speaker.wait_for(lambda _: speaker.voices(), timeout=30)[0]
    ogg = base64.b64decode(voice["data"])
    assert is_ogg_opus(ogg)
    audio = decode(ogg, max_seconds=600)
    said = whisper.transcribe(audio, "en", LANGUAGES).text
    # What the voice says is the answer, without source numbers, links or bullets.
    assert "500 euros" in said.replace("€", " euros").replace("  ", " "), said
    assert "[1]" not in said

    # The words count as the learner's message: in the history and in /mydata.
    assert rows(voice_bot, "SELECT role, text FROM turns WHERE user_id = ? ORDER BY id",
                speaker.user["id"])[0] == ("user", heard)  # fmt: skip
    speaker.command("mydata")
    speaker.wait_for(having(lambda m: shown(m["text"]) == strings.get("voice_mydata", "en")))
    assert any(heard in shown(m["text"]) for m in speaker.messages())

    # /forget: no transcript left in the database, no audio anywhere in the data folder.
    speaker.command("forget")
    confirm = speaker.wait_for(having(lambda m: "forget:yes" in m["buttons"]))
    speaker.tap(confirm, "forget:yes")
    done = strings.get("forget_done", "en")
    speaker.wait_for(having(lambda m: shown(m["text"]) == done))
    assert heard not in everything_stored(voice_bot)
    assert audio_files(voice_bot.database.parent) == []
    assert heard not in voice_bot.output()  # never logged at INFO
    assert "How much money" not in voice_bot.output()


def test_notes_that_cannot_be_answered_each_get_their_reply(
    speaker: Speaker, strings: Strings
) -> None:
    speaker.send_voice(NOT_AUDIO, seconds=4)
    undecodable = strings.get("voice_undecodable", "en")
    speaker.wait_for(having(lambda m: shown(m["text"]) == undecodable), timeout=60)

    speaker.send_voice(silence(3))
    silent = strings.get("voice_silent", "en")
    speaker.wait_for(having(lambda m: shown(m["text"]) == silent), timeout=60)

    # Too long by the message's own figures: refused before anything is downloaded.
    long_note = speaker.send_voice(spoken("Hello."), seconds=MAX_SECONDS + 30)
    too_long = strings.get("voice_too_long", "en", seconds=MAX_SECONDS)
    speaker.wait_for(having(lambda m: shown(m["text"]) == too_long))
    assert all(entry.get("file_id") != long_note for entry in speaker.file_log())

    # Nothing of these was answered by the engine or spoken.
    assert speaker.voices() == []
    assert rows(speaker.bot, "SELECT COUNT(*) FROM turns WHERE user_id = ?",
                speaker.user["id"]) == [(0,)]  # fmt: skip


def test_a_voice_note_in_an_open_case_reaches_the_counsellors_with_its_transcript(
    speaker: Speaker, strings: Strings, telegram_server: str
) -> None:
    speaker.command("human")
    opened = strings.get("case_opened", "en", n=1).split("1")[0]
    speaker.wait_for(having(lambda m: shown(m["text"]).startswith(opened)))

    file_id = speaker.send_voice(spoken("My employer refused my training leave."))
    group = TelegramUser(telegram_server, speaker.token, speaker.bot, user_id=COUNSELLOR)
    group.chat = {"id": GROUP}
    try:
        relayed = group.wait_for(having(lambda m: "🎤" in m["text"]), timeout=90)
    finally:
        group.http.close()
    text = shown(relayed["text"])
    assert text.startswith(strings.get("team_from_learner", "en", n=1).split("1")[0])
    assert "employer refused my training leave" in text.lower()
    copies = httpx.get(f"{telegram_server}/copies").json()["result"]
    assert any(int(c["chat_id"]) == GROUP and int(c["from_chat_id"]) == speaker.user["id"]
               for c in copies)  # fmt: skip
    # Relayed, not answered by the bot: no "I heard", no spoken answer, nothing in the history.
    assert not any("🎤" in m["text"] for m in speaker.messages())
    assert speaker.voices() == []
    assert file_id


def test_read_aloud_under_a_typed_answer_and_spoken_answers_turned_off(
    speaker: Speaker, strings: Strings
) -> None:
    speaker.send("How much money do I get on my CPF each year?")
    answer = speaker.wait_for(having(lambda m: "gets €500 a year" in shown(m["text"])))
    assert speaker.voices() == []  # typed: answered in writing only
    read_aloud = next(b for b in answer["buttons"] if b.startswith("say:"))
    speaker.tap(answer, read_aloud)
    voice = speaker.wait_for(lambda _: speaker.voices(), timeout=30)[0]
    assert is_ogg_opus(base64.b64decode(voice["data"]))

    speaker.command("voice")
    on = strings.get("voice_settings_on", "en")
    choice = speaker.wait_for(having(lambda m: shown(m["text"]) == on))
    speaker.tap(choice, "spoken:off")
    off = strings.get("voice_turned_off", "en")
    speaker.wait_for(having(lambda m: shown(m["text"]) == off))
    assert rows(speaker.bot, "SELECT spoken FROM spoken_answers WHERE user_id = ?",
                speaker.user["id"]) == [(0,)]  # fmt: skip

    # The choice is kept: a voice note is now answered in writing only.
    speaker.send_voice(spoken(CPF_QUESTION))
    speaker.wait_for(
        lambda ms: sum("gets €500 a year" in shown(m["text"]) for m in ms) == 2, timeout=90
    )
    time.sleep(3)  # a spoken answer would follow the text within this
    assert len(speaker.voices()) == 1


def test_a_round_video_note_is_heard_and_answered(speaker: Speaker, strings: Strings) -> None:
    speaker.send_voice(as_video_note(spoken(CPF_QUESTION)), kind="video_note")
    heard = heard_words(speaker, strings)
    assert word_error_rate(CPF_QUESTION, heard) <= 0.1, heard
    speaker.wait_for(having(lambda m: "gets €500 a year" in shown(m["text"])))
