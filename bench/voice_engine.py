"""The bot's own part of a typed question's latency while voice notes are processed: the
engine and the speech service in this process, without the Telegram test server and client
that share the cores in the end-to-end figure (`bench.voice`)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from typing import Any

from bench.telegram import summary_ms


async def engine_while_listening(
    settings: Any,
    busy_notes: list[bytes],
    typed: int,
    questions: Sequence[str],
    languages: frozenset[str],
) -> dict[str, Any]:
    """The bot's own part of a typed question's latency (engine.reply, in this process) alone,
    then while the bot's speech service transcribes and speaks 5 voice notes: apart from the
    test server and the learners' client, which share the two cores in the end-to-end figure."""
    from bot.guidance.types import Profile
    from bot.services import build_services, build_speech

    services = build_services(settings)
    engine = services.engine
    speech = build_speech(settings, languages)
    assert speech is not None

    async def ask(count: int) -> list[float]:
        times = []
        for i in range(count):
            started = time.perf_counter()
            await engine.reply(questions[i % len(questions)], Profile())
            times.append((time.perf_counter() - started) * 1000)
            await asyncio.sleep(0.05)
        return times

    async def voice_note(data: bytes) -> None:
        heard = await speech.transcribe(data, "en")
        reply = await engine.reply(heard.text, Profile())
        await speech.speak(reply.text, "en")

    try:
        await voice_note(busy_notes[0])  # loads both models
        await ask(3)
        alone = await ask(typed)
        notes = asyncio.gather(*(voice_note(data) for data in busy_notes))
        busy: list[float] = []
        while not notes.done():
            busy += await ask(1)
        await notes
    finally:
        speech.close()
    return {"alone": summary_ms(alone), "during_5_voice_notes": summary_ms(busy)}
