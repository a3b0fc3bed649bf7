"""A tiny deterministic engine with the real engine's `reply` signature.

Only the end-to-end bot process loads it (`--engine tests.telegram.scripted_engine:build`, see
tests/e2e/conftest.py). The handler tests in tests/telegram use the real engine instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.guidance.types import Option, Profile, Reply, Source, Turn

SOURCE = Source(n=1, title="Training leave & you", url="https://example.org/leave?a=1&b=2",
                updated="2026-02-01", country="FR")  # fmt: skip
LONG_PARAGRAPH = (
    "Training leave lets you follow a course during working hours [1]. "
    "Your employer keeps paying your salary while you learn. "
    "Ask your employer in writing, well before the course starts. "
) * 5


class ScriptedEngine:
    """Decides from keywords in the message; records every call it gets."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, Profile, tuple[Turn, ...]]] = []

    async def reply(self, message: str, profile: Profile, history: Sequence[Turn] = ()) -> Reply:
        self.calls.append((message, profile, tuple(history)))
        text = message.lower()
        if "boom" in text:
            raise RuntimeError("engine failure")
        if "lawyer" in text:
            return Reply("escalate", "This needs a person who knows your case.", "en", "dispute")
        if "long" in text:
            body = "\n\n".join(LONG_PARAGRAPH for _ in range(10))
            return Reply("answer", body, "en", "long", sources=(SOURCE,))
        if "leave" in text and profile.country is None:
            return Reply(
                "clarify",
                "In which country do you work?",
                "en",
                "needs country",
                options=(Option("FR", "France"), Option("DE", "Germany")),
                clarify_field="country",
            )
        return Reply(
            "answer",
            f"In {profile.country or 'your country'} you may take training leave [1] <b>.",
            "en",
            "grounded",
            sources=(SOURCE,),
            crisis="hopeless" in text,
            learned={"status": "employee"} if "employee" in text else {},
        )


def build(settings: Any = None) -> ScriptedEngine:
    return ScriptedEngine()
