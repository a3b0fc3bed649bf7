"""End-to-end fixtures: the Telegram Bot API test server (Node) and the real bot process.

The server is `telegram_server/server.js` (telegram-test-api, patched for python-telegram-bot 22;
install with `npm ci --prefix tests/e2e/telegram_server`). The bot runs as its own process,
configured through the environment like in production, and long-polls the server; tests play
the learner through the server's client endpoints (`TelegramUser`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bot.services import Services
from tests.e2e.processes import ServerUnavailable, free_port, stop
from tests.e2e.processes import telegram_server as launch_telegram_server

PROJECT = Path(__file__).resolve().parents[2]
NODE = shutil.which("node")
# The bot under test, as in production: the real engine over a copy of the small test index.
BOT_COMMAND = [sys.executable, "-m", "bot.channels.telegram"]
BOT_USER = {"id": 666, "is_bot": True, "first_name": "Test First name"}


@pytest.fixture(scope="session")
def telegram_server() -> Iterator[str]:
    """The test server's base URL (http://127.0.0.1:PORT)."""
    if NODE is None:
        pytest.skip("node is not installed: the Telegram Bot API test server needs Node.js")
    try:
        with launch_telegram_server() as (url, _):
            yield url
    except ServerUnavailable as exc:
        pytest.fail(f"{exc}")


class BotProcess:
    def __init__(self, process: subprocess.Popen[bytes], log: Path, database: Path) -> None:
        self.process = process
        self.log = log
        self.database = database

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait_ready(self, timeout: float = 60) -> None:
        """Wait until the bot polls or listens (updates sent before the webhook is set would
        never be delivered)."""
        deadline = time.monotonic() + timeout
        while "Telegram bot polling" not in (output := self.output()) and (
            "Telegram bot receiving updates" not in output
        ):
            if self.process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the bot did not start:\n{output}")
            time.sleep(0.05)


def bot_data(small_services: Services, folder: Path) -> dict[str, str]:
    """DATA_DIR and KNOWLEDGE_DIR for a bot process: a copy of the small test index (built once
    per session with the real e5 model, see tests/conftest.py) and its knowledge folder."""
    source = small_services.settings
    shutil.copytree(source.data_dir, folder / "data")
    return {"DATA_DIR": str(folder / "data"), "KNOWLEDGE_DIR": str(source.knowledge_dir)}


@pytest.fixture
def bot_token() -> str:
    return f"{free_port()}:e2e-token"


@pytest.fixture
def bot(
    request: pytest.FixtureRequest,
    telegram_server: str,
    bot_token: str,
    tmp_path: Path,
    small_services: Services,
) -> Iterator[BotProcess]:
    """The bot, started as in production and pointed at the test server; long polling unless
    parametrized with "webhook" (no secret token: it crashes the test server)."""
    webhook = getattr(request, "param", "polling") == "webhook"
    with launch_bot(telegram_server, bot_token, tmp_path, small_services, webhook=webhook) as bot:
        yield bot


@contextlib.contextmanager
def launch_bot(
    telegram_server: str,
    bot_token: str,
    folder: Path,
    small_services: Services,
    *,
    webhook: bool = False,
    extra: dict[str, str] | None = None,
) -> Iterator[BotProcess]:
    """Start the bot process in `folder` (its data, log and working directory) with the
    production environment plus `extra`; stop it (SIGTERM) afterwards."""
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT),
        "TELEGRAM_BOT_TOKEN": bot_token,
        "TELEGRAM_API_BASE_URL": f"{telegram_server}/bot",
        **bot_data(small_services, folder),
        "POLL_INTERVAL": "0.05",
        "LOG_LEVEL": "INFO",
    }
    for name in ("WEBHOOK_URL", "WEBHOOK_SECRET", "OPENAI_API_KEY", "OPENAI_BASE_URL"):
        env.pop(name, None)
    if webhook:
        port = free_port()
        env |= {
            "WEBHOOK_URL": f"http://127.0.0.1:{port}/telegram/hook",
            "WEBHOOK_LISTEN": "127.0.0.1",
            "WEBHOOK_PORT": str(port),
        }
    env |= extra or {}
    log = folder / "bot.log"
    with log.open("wb") as sink:
        # Run from the folder so that a developer's .env does not apply.
        process = subprocess.Popen(
            BOT_COMMAND, cwd=folder, env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    bot = BotProcess(process, log, folder / "data" / "guidebot.sqlite3")
    try:
        bot.wait_ready()
        yield bot
    finally:
        stop(process)
        print(bot.output())  # shown by pytest when the test failed


class TelegramUser:
    """A learner in a private chat, played through the test server's client endpoints."""

    def __init__(self, base_url: str, token: str, bot: BotProcess, user_id: int = 5001) -> None:
        self.http = httpx.Client(base_url=base_url, timeout=5)
        self.token = token
        self.bot = bot
        self.user = {"id": user_id, "is_bot": False, "first_name": "Ana", "language_code": "en"}
        self.chat = {"id": user_id, "type": "private", "first_name": "Ana"}

    def _post(self, path: str, body: dict[str, Any]) -> Any:
        response = self.http.post(path, json=body)
        response.raise_for_status()
        return response.json()["result"]

    def _common(self) -> dict[str, Any]:
        return {"botToken": self.token, "from": self.user, "chat": self.chat,
                "date": int(time.time())}  # fmt: skip

    def send(self, text: str) -> None:
        self._post("/sendMessage", {**self._common(), "text": text})

    def command(self, name: str) -> None:
        text = f"/{name}"
        entity = {"type": "bot_command", "offset": 0, "length": len(text)}
        self._post("/sendCommand", {**self._common(), "text": text, "entities": [entity]})

    def tap(self, message: dict[str, Any], data: str) -> None:
        """Tap the button carrying `data` under a message from the bot."""
        assert data in message["buttons"], (data, message["buttons"])
        shown = {"message_id": message["message_id"], "date": int(time.time()),
                 "chat": self.chat, "from": BOT_USER, "text": message["text"]}  # fmt: skip
        self._post("/sendCallback", {**self._common(), "data": data, "message": shown})

    def messages(self) -> list[dict[str, Any]]:
        """What the bot has sent to this chat so far, as currently shown (edits applied)."""
        entries = self._post("/getUpdatesHistory", {"token": self.token})
        shown = []
        for entry in entries:
            message = entry.get("message") or {}
            if str(message.get("chat_id")) != str(self.chat["id"]):
                continue
            rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
            shown.append({
                "message_id": entry["messageId"],
                "text": message.get("text", ""),
                "buttons": [button["callback_data"] for row in rows for button in row],
                "thread": int(thread) if (thread := message.get("message_thread_id")) else None,
            })  # fmt: skip
        return shown

    def wait_for(
        self, condition: Callable[[list[dict[str, Any]]], Any], timeout: float = 15
    ) -> Any:
        """Poll until `condition(messages)` is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = condition(self.messages())
            if result:
                return result
            if self.bot.process.poll() is not None:
                pytest.fail(f"the bot exited:\n{self.bot.output()}")
            time.sleep(0.05)
        pytest.fail(f"timed out; the bot sent {self.messages()}")


@pytest.fixture
def learner(telegram_server: str, bot_token: str, bot: BotProcess) -> Iterator[TelegramUser]:
    user = TelegramUser(telegram_server, bot_token, bot)
    yield user
    user.http.close()
