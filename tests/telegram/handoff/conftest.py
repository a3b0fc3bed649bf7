"""Fixtures of the counsellor handoff tests: settings with a counsellors' group, a Telegram
that can be down for a chat, and a counsellor (user 7) writing in the group."""

from __future__ import annotations

from typing import Any

import pytest
from counsellors import GROUP, Counsellor, FlakyRequest

from bot.config import Settings


@pytest.fixture
def settings(tmp_path: Any) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        telegram_bot_token="1:T",
        data_dir=tmp_path,
        rate_limit_per_minute=20,
        history_turns=4,
        retention_days=30,
        counsellor_chat_id=GROUP,
        counsellor_ids=[7, 8],
        sla_minutes=30,
    )


@pytest.fixture
def request_() -> FlakyRequest:
    return FlakyRequest()


@pytest.fixture
def counsellor(app: Any) -> Counsellor:
    return Counsellor(app)
