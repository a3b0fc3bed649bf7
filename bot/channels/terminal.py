"""The same conversation as in Telegram, in a terminal (`guidebot chat`)."""

from __future__ import annotations

import asyncio
import sys
from typing import TextIO

from bot.channels.plain import render_plain
from bot.guidance.pipeline import Engine
from bot.guidance.types import Profile, Reply, Turn

PROMPT = "you> "


async def chat(
    engine: Engine,
    *,
    stdin: TextIO = sys.stdin,
    stdout: TextIO = sys.stdout,
    profile: Profile | None = None,
    history_turns: int = 6,
) -> None:
    """Read questions line by line until EOF or /quit; numbered options answer a question."""
    profile = profile or Profile()
    history: list[Turn] = []
    pending: tuple[str, Reply] | None = None
    strings = engine.strings
    print(strings.get("welcome", profile.language or "en"), file=stdout)
    print("(/quit to leave)", file=stdout)
    while True:
        print(PROMPT, end="", file=stdout, flush=True)
        line = await asyncio.to_thread(stdin.readline)
        if not line or line.strip() in {"/quit", "/exit"}:
            break
        text = line.strip()
        if pending and text.isdigit() and 1 <= int(text) <= len(pending[1].options):
            question, asked = pending
            choice = asked.options[int(text) - 1].value
            if asked.clarify_field and choice != "other":
                profile = profile.with_(**{asked.clarify_field: choice})
            text = question
        reply = await engine.reply(text, profile, history[-history_turns:])
        if reply.learned:
            profile = profile.with_(**reply.learned)
        profile = profile.with_(language=reply.language)
        pending = (text, reply) if reply.options else None
        history += [Turn("user", text), Turn("bot", reply.text)]
        print("\n" + render_plain(reply, strings) + "\n", file=stdout, flush=True)
