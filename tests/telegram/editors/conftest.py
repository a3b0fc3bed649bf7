"""Fixtures of the editors' Telegram tests: the real engine over a writable copy of the small
knowledge base (`fresh_services`), an editor (user 7), and the application with a schedule."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from editing import EDITOR, FileServer
from pydantic import SecretStr
from tg_factories import Learner

from bot.channels.telegram import build_application
from bot.editors.desk import EditorDesk


@pytest.fixture
def request_() -> FileServer:
    return FileServer()


@pytest.fixture
def settings(fresh_services):  # type: ignore[no-untyped-def]
    settings = fresh_services.settings.model_copy(
        update={
            "telegram_bot_token": SecretStr("1:T"),
            "editor_ids": [EDITOR],
            "max_upload_mb": 1.0,
            "rate_limit_per_minute": 30,
            "telegram_retry_backoff": 0.001,
        }
    )
    fresh_services.settings = settings
    return settings


@pytest.fixture
def engine(fresh_services):  # type: ignore[no-untyped-def]
    return fresh_services.engine


@pytest.fixture
def desk(fresh_services, settings) -> EditorDesk:  # type: ignore[no-untyped-def]
    return EditorDesk(fresh_services)


@pytest.fixture
async def app(settings, engine, store, strings, request_, desk) -> AsyncIterator[Any]:  # type: ignore[no-untyped-def]
    application = build_application(
        settings, engine=engine, store=store, strings=strings, request=request_, desk=desk
    )
    await application.initialize()
    request_.clear()
    yield application
    await application.shutdown()


@pytest.fixture
def editor(app) -> Learner:  # type: ignore[no-untyped-def]
    return Learner(app, user_id=EDITOR)


@pytest.fixture
async def scheduled(  # type: ignore[no-untyped-def]
    settings, engine, store, strings, request_, fresh_services
) -> AsyncIterator[Any]:
    """The application with a scheduled reindex every 6 hours."""
    fresh_services.settings = settings.model_copy(update={"reindex_every": "6h"})
    application = build_application(
        fresh_services.settings,
        engine=engine,
        store=store,
        strings=strings,
        request=request_,
        desk=EditorDesk(fresh_services),
    )
    await application.initialize()
    yield application
    await application.shutdown()
