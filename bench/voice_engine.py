"""The bot's own part of a typed question's latency while voice notes are processed: the
engine and the speech service in this process, without the Telegram test server and client
that share the cores in the end-to-end figure (`bench.voice`). And why recognition runs in a
worker process: the same typed questions beside a transcription that never stops, run on a
nice-19 thread of this process (as until 2026-12-06) and in the nice-19 worker process."""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Sequence
from typing import Any

from bench.telegram import summary_ms


async def _ask(engine: Any, questions: Sequence[str], count: int, pause: float) -> list[float]:
    """`count` typed questions, one after another: each one's engine time in ms."""
    from bot.guidance.types import Profile

    times = []
    for i in range(count):
        started = time.perf_counter()
        await engine.reply(questions[i % len(questions)], Profile())
        times.append((time.perf_counter() - started) * 1000)
        await asyncio.sleep(pause)
    return times


async def engine_while_listening(
    settings: Any,
    busy_notes: list[bytes],
    typed: int,
    questions: Sequence[str],
    languages: frozenset[str],
) -> dict[str, Any]:
    """The bot's own part of a typed question's latency (engine.reply, in this process) alone,
    then while the bot's speech service transcribes and speaks 5 voice notes (bursts of them
    until `typed` questions were timed during them): apart from the
    test server and the learners' client, which share the two cores in the end-to-end figure."""
    from bot.guidance.types import Profile
    from bot.services import build_services, build_speech

    services = build_services(settings)
    engine = services.engine
    speech = build_speech(settings, languages)
    assert speech is not None

    def ask(count: int) -> Any:
        return _ask(engine, questions, count, pause=0.05)

    async def voice_note(data: bytes) -> None:
        heard = await speech.transcribe(data, "en")
        reply = await engine.reply(heard.text, Profile())
        await speech.speak(reply.text, "en")

    try:
        await voice_note(busy_notes[0])  # loads both models
        await ask(3)
        alone = await ask(typed)
        busy: list[float] = []
        for _ in range(8):  # bursts of 5 notes until as many questions were timed as alone
            notes = asyncio.gather(*(voice_note(data) for data in busy_notes))
            while not notes.done():
                busy += await ask(1)
            await notes
            if len(busy) >= typed:
                break
    finally:
        speech.close()
    return {"alone": summary_ms(alone), "during_5_voice_notes": summary_ms(busy)}


async def engine_beside_transcription(
    settings: Any, note: bytes, typed: int, questions: Sequence[str]
) -> dict[str, Any]:
    """Typed questions (engine.reply) alone, then beside transcriptions of `note` back to back,
    on a nice-19 thread of this process and then in the nice-19 worker process."""
    from functools import partial

    from bot.services import build_services
    from bot.speech.audio import decode
    from bot.speech.whisper import WhisperTranscriber
    from bot.speech.worker import ProcessTranscriber

    engine = build_services(settings).engine
    samples = decode(note, 60)
    english = frozenset({"en"})
    make = partial(WhisperTranscriber, settings.data_dir / "models", threads=1)

    def ask(count: int) -> Any:
        return _ask(engine, questions, count, pause=0.03)

    async def beside(transcriber: Any) -> list[float]:
        transcriber.transcribe(samples, "en", english)  # loaded before timing
        stop = threading.Event()

        def listen() -> None:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
            while not stop.is_set():
                transcriber.transcribe(samples, "en", english)

        worker = threading.Thread(target=listen)
        worker.start()
        try:
            await asyncio.sleep(1)
            return await ask(typed)
        finally:
            stop.set()
            await asyncio.to_thread(worker.join)

    await ask(5)
    alone = await ask(typed)
    on_a_thread = await beside(make())
    process = ProcessTranscriber(make, "whisper")
    try:
        in_a_process = await beside(process)
    finally:
        process.close()
    return {
        "alone": summary_ms(alone),
        "beside_transcription_on_a_thread": summary_ms(on_a_thread),
        "beside_transcription_in_the_worker_process": summary_ms(in_a_process),
    }
