"""Fixtures for the Telegram handler tests: the real application with the real engine (the
small test index, see tests/conftest.py) and the real localised texts; only the Bot API is
recorded."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from tg_factories import Learner, RecordingRequest, Texts

from bot.channels.telegram import build_application
from bot.config import Settings
from bot.guidance.language import Strings
from bot.guidance.pipeline import Engine
from bot.guidance.types import Profile, Reply, Turn
from bot.services import Services
from bot.store import Store


class Clock:
    """A settable clock for the store."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def settings(tmp_path: Any) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token="1:T",
        data_dir=tmp_path,
        rate_limit_per_minute=3,
        history_turns=4,
        retention_days=30,
        counsellor_chat_id=-100500,
        telegram_retry_backoff=0.001,  # retries as in production, without the waits
    )


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
async def store(settings: Settings, clock: Clock) -> AsyncIterator[Store]:
    store = await Store.open(settings.database_path, clock=clock)
    yield store
    await store.close()


class CountingEngine:
    """The real engine, noting each message it was asked about (`asked`)."""

    def __init__(self, real: Engine) -> None:
        self.real = real
        self.asked: list[str] = []

    async def reply(self, message: str, profile: Profile, history: Sequence[Turn] = ()) -> Reply:
        self.asked.append(message)
        return await self.real.reply(message, profile, history)


@pytest.fixture
def engine(small_services: Services) -> CountingEngine:
    """The real guidance engine over the small test index (built once per session)."""
    return CountingEngine(small_services.engine)


@pytest.fixture
def strings(small_services: Services) -> Strings:
    """The real interface texts (bot/locales), as the engine uses them."""
    strings: Strings = small_services.engine.strings
    return strings


@pytest.fixture
def request_() -> RecordingRequest:
    return RecordingRequest()


@pytest.fixture
async def app(
    settings: Settings,
    engine: CountingEngine,
    store: Store,
    strings: Strings,
    request_: RecordingRequest,
) -> AsyncIterator[Any]:
    application = build_application(
        settings, engine=engine, store=store, strings=strings, request=request_
    )
    await application.initialize()
    request_.clear()
    yield application
    await application.shutdown()


@pytest.fixture
def learner(app: Any) -> Learner:
    return Learner(app)


@pytest.fixture
def tr(strings: Strings) -> Texts:
    """`tr("case_opened", n=1)`: what the learner reads for a key, in a language."""
    return Texts(strings)
