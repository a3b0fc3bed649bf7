"""Fixtures of the counsellor handoff tests: settings with a counsellors' group, a Telegram
that can be down for a chat, and a counsellor (user 7) writing in the group."""

from __future__ import annotations

from typing import Any

import pytest
from counsellors import GROUP, Counsellor, FlakyRequest

from bot.config import Settings


@pytest.fixture
def settings(settings: Settings) -> Settings:
    """The Telegram tests' settings, with counsellors 7 and 8 and a 30-minute SLA."""
    return settings.model_copy(
        update={
            "rate_limit_per_minute": 20,
            "counsellor_chat_id": GROUP,
            "counsellor_ids": [7, 8],
            "sla_minutes": 30,
        }
    )


@pytest.fixture
def request_() -> FlakyRequest:
    return FlakyRequest()


@pytest.fixture
def counsellor(app: Any) -> Counsellor:
    return Counsellor(app)
