"""Voice benchmark: spoken questions to the real bot, answered in text and aloud.

`python -m bench voice` copies the index `make run` keeps in data/ (or builds one from the shipped
knowledge base, as the Telegram benchmark does) into a temporary DATA_DIR, then measures:

1. transcription speed in this process (faster-whisper, the shipped Whisper base, int8, one
   thread as the bot uses it): English questions spoken by eSpeak NG, 5 to 20 s long, decoded
   and transcribed; time per second of audio;
2. the real bot process (`python -m bot.channels.telegram`) against the Telegram test server:
   - its memory at rest with voice off (SPEECH_TO_TEXT=off, TEXT_TO_SPEECH=off) and with voice
     on but not yet used, then after the voice notes below (VmRSS, and the peak VmHWM, of the
     bot and of the speech worker process it starts);
   - the first voice note, which joins and checks the model and loads it;
   - `notes_each` notes of each length, one at a time: from the learner's POST /sendMessage to
     the test server storing the text answer (the message after "🎤 I heard") and the voice
     answer (sendVoice); the server stamps both (ms, same clock);
   - typed questions one at a time, alone, then again while 5 learners' voice notes (10-15 s)
     are being processed: the typed latency (send → the server storing the answer). Bursts of
     5 notes follow one another until as many typed questions were timed during them as alone
     (one burst holds about ten: their p95 would be their maximum); and, for reference, a
     typed question sent just after 5 other learners' typed questions;
3. the same in this process without Telegram: the engine's reply to typed questions alone and
   while the bot's speech service transcribes, answers and speaks 5 notes (the bot's own part,
   apart from the test server and client that share the cores in 2).

Everything stays on 127.0.0.1. The machine is shared with other work: read the figures as one run.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from bench.process_tree import rss_mb, tree_cpu_seconds
from bench.telegram import (
    PROJECT,
    bot_process,
    machine,
    percentile,
    prepare_data,
    summary_ms,
)
from bench.voice_engine import engine_beside_transcription, engine_while_listening
from bench.voice_learners import Client, drain, typed_latency, voice_reply
from bench.voice_roundtrip import round_trip
from tests.e2e.processes import telegram_server

LANGUAGES = frozenset(["en", "de", "fr", "nl", "it", "es", "pl", "pt"])
LENGTHS = (5, 10, 15, 20)  # seconds of speech per note
QUESTIONS = (
    "How much money do I get on my CPF account every year?",
    "How many days of training leave do I get in North Rhine-Westphalia?",
    "Who pays for my course if I am looking for work?",
)
CONTEXT = (
    "I work full time in an office.",
    "I have never used it before.",
    "I would like to take a course in the evening.",
    "My manager says that it is a good idea.",
    "I want to learn more about computers.",
    "Thank you very much for your help.",
)
TYPED = (
    "How much money do I get on my CPF each year?",
    "How many days of Bildungsurlaub do I get if I work in Hamburg?",
    "What is VOV? I work in Gent, how many hours do I get?",
    "Who pays for my course if I am looking for work?",
    "Do I get paid during training leave in North Rhine-Westphalia?",
)
TARGETS = {"text_10s_ms": 3000, "voice_after_text_10s_ms": 2000, "added_memory_mb": 300}
VOICE_CHATS = 700_000
TYPED_CHATS = 710_000
BUSY_CHATS = 720_000


def log(message: str) -> None:
    print(f"[bench voice] {message}", file=sys.stderr, flush=True)


def spoken_note(length: float, variant: int) -> tuple[float, bytes]:
    """A question, then context sentences until eSpeak speaks for about `length` seconds:
    (seconds, Ogg/Opus bytes)."""
    from tests.speech_audio import seconds_of, spoken

    sentences = [QUESTIONS[variant % len(QUESTIONS)]]
    extra = iter(CONTEXT[variant % len(CONTEXT) :] + CONTEXT[: variant % len(CONTEXT)])
    while True:
        data = spoken(" ".join(sentences))
        seconds = seconds_of(data)
        if seconds >= length - 0.6:
            return seconds, data
        sentences.append(next(extra, "Thank you."))


def make_notes(count: int) -> list[tuple[float, bytes]]:
    """`count` notes of each length in LENGTHS."""
    return [spoken_note(length, variant) for length in LENGTHS for variant in range(count)]


def transcription_speed(notes: list[tuple[float, bytes]], whisper: Any) -> dict[str, Any]:
    """Decode + transcribe each note in this process, one thread."""
    from bot.speech.audio import decode

    started = time.perf_counter()
    whisper.load()
    load_s = time.perf_counter() - started
    whisper.transcribe(decode(notes[0][1], 60), "en", LANGUAGES)  # warm-up
    per_second, rows = [], []
    for length, data in notes:
        started = time.perf_counter()
        heard = whisper.transcribe(decode(data, 60), "en", LANGUAGES)
        took = time.perf_counter() - started
        per_second.append(took * 1000 / length)
        rows.append({"audio_s": round(length, 1), "ms": round(took * 1000), "heard": heard.text})
    return {
        "first_load_s (join + SHA-256 + load)": round(load_s, 2),
        "ms_per_audio_second": summary_ms(per_second),
        "real_time_factor_p50": round(statistics.median(per_second) / 1000, 3),
        "notes": rows,
    }


def typed_round(client: Client, first_chat: int, count: int) -> list[float]:
    latencies = []
    for i in range(count):
        chat = first_chat + i
        latency = typed_latency(client, chat, TYPED[i % len(TYPED)])
        if latency is not None:
            latencies.append(latency)
        drain(client, chat, quiet=0.3)
    return latencies


@contextlib.contextmanager
def bot(server: str, settings: Any, workdir: Path, **env: str) -> Iterator[Any]:
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)  # bot_process passes the environment on
    try:
        with bot_process(server, workdir / "data", settings.knowledge_dir, workdir) as (proc, _):
            yield proc
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run(notes_each: int = 3, typed: int = 40, *, data_dir: Path | str | None = None) -> dict:
    """Run the benchmark (see the module docstring); `notes_each` notes of each length.
    `data_dir`: a folder whose index is copied; default the project's data/ when `make run` or
    `make index` built one there (brought in line with knowledge/ first), else a new build."""
    own = PROJECT / "data"
    source = Path(data_dir) if data_dir else own if (own / "index").is_dir() else None
    with tempfile.TemporaryDirectory(prefix="guidebot-bench-voice-") as tmp:
        workdir = Path(tmp)
        settings = prepare_data(workdir / "data", source)
        log("making the spoken questions (eSpeak NG, English)")
        notes = make_notes(notes_each)
        busy_notes = [data for length, data in notes if 9 <= length <= 16][:5]
        log("transcription speed in this process")
        from bot.speech.whisper import WhisperTranscriber

        whisper = WhisperTranscriber(workdir / "models", threads=1)
        speed = transcription_speed(notes, whisper)
        log("round trip per language: the bot's spoken replies transcribed back")
        languages = round_trip(whisper)
        del whisper
        log("typed questions in this process, alone and while 5 voice notes are transcribed")
        engine_only = asyncio.run(
            engine_while_listening(settings, busy_notes, typed, TYPED, LANGUAGES)
        )
        log("typed questions in this process beside nonstop transcription: thread or process")
        beside = asyncio.run(
            engine_beside_transcription(settings, busy_notes[0], max(typed, 100), TYPED)
        )
        shutil.rmtree(settings.data_dir / "models", ignore_errors=True)  # the bot joins its own
        shutil.rmtree(workdir / "models", ignore_errors=True)  # the bot joins its own copy
        result: dict[str, Any] = {
            "machine": machine(),
            "transcription": speed,
            "round_trip_per_language": languages,
            "typed_engine_only_ms": engine_only,
            "typed_engine_beside_transcription_ms": beside,
        }
        with telegram_server() as (server, _node):
            client = Client(server)
            try:
                log("bot with voice off: memory at rest")
                with bot(server, settings, workdir, SPEECH_TO_TEXT="off",
                         TEXT_TO_SPEECH="off") as proc:  # fmt: skip
                    typed_round(client, TYPED_CHATS - 100, 3)
                    memory_off = rss_mb(proc.pid)
                log("bot with voice on")
                with bot(server, settings, workdir, RATE_LIMIT_PER_MINUTE="100000",
                         SPEECH_TIMEOUT="120", SPEECH_QUEUE="16") as proc:  # fmt: skip
                    result |= measure_bot(client, proc, notes, busy_notes, typed, memory_off)
            finally:
                client.close()
    return result


def measure_bot(
    client: Client,
    proc: Any,
    notes: list[tuple[float, bytes]],
    busy_notes: list[bytes],
    typed: int,
    memory_off: dict[str, float],
) -> dict[str, Any]:
    typed_round(client, TYPED_CHATS - 200, 3)  # warm-up
    at_rest = rss_mb(proc.pid)
    cpu_before = tree_cpu_seconds(proc.pid)
    log("first voice note (joins, checks and loads the model)")
    first_length, first_data = next(note for note in notes if note[0] >= 9)
    sent = client.send_voice(VOICE_CHATS, first_data, first_length)
    first = voice_reply(client, VOICE_CHATS, sent)
    log("voice notes one at a time")
    by_length: dict[int, dict[str, list[float]]] = {}
    rows = []
    for i, (length, data) in enumerate(notes):
        chat = VOICE_CHATS + 1 + i
        reply = voice_reply(client, chat, client.send_voice(chat, data, length))
        rows.append({"audio_s": round(length, 1), **reply})
        bucket = by_length.setdefault(round(length / 5) * 5, {"text": [], "voice": [], "gap": []})
        if reply.get("text_ms") is not None and reply.get("voice_ms") is not None:
            bucket["text"].append(reply["text_ms"])
            bucket["voice"].append(reply["voice_ms"])
            bucket["gap"].append(reply["voice_ms"] - reply["text_ms"])
    all_text = [v for b in by_length.values() for v in b["text"]]
    all_voice = [v for b in by_length.values() for v in b["voice"]]
    after_voice = rss_mb(proc.pid)

    log(f"typed questions alone ({typed})")
    alone = typed_round(client, TYPED_CHATS, typed)
    log("typed questions while 5 voice notes are processed")
    busy, voice_window_s, bursts = asyncio.run(typed_while_busy(client, busy_notes, typed))
    log("typed questions just after 5 other learners' typed questions (the reference)")
    after_typed = [t for b in range(typed) for t in typed_after_five_typed(client, b)]
    memory_end = rss_mb(proc.pid)
    ten = by_length.get(10, {"text": [], "gap": []})
    text_10 = statistics.median(ten["text"]) if ten["text"] else None
    gap_10 = statistics.median(ten["gap"]) if ten["gap"] else None
    added = after_voice["rss_mb"] - at_rest["rss_mb"]
    return {
        "memory": {
            "voice_off_at_rest": memory_off,
            "voice_on_at_rest_before_any_note": at_rest,
            "after_voice_notes": after_voice,
            "at_the_end": memory_end,
            "added_at_rest_mb": round(at_rest["rss_mb"] - memory_off["rss_mb"], 1),
            "added_by_voice_use_mb": round(added, 1),
        },
        "first_note": {"audio_s": round(first_length, 1), **first},
        "notes_one_at_a_time_ms": {
            f"{length}s": {
                "text": summary_ms(b["text"]),
                "voice": summary_ms(b["voice"]),
                "voice_after_text": summary_ms(b["gap"]),
            }
            for length, b in sorted(by_length.items())
        },  # fmt: skip
        "notes_5_to_20s_ms": {"text": summary_ms(all_text), "voice": summary_ms(all_voice)},
        "notes": rows,
        "bot_cpu_s_for_the_notes": round(tree_cpu_seconds(proc.pid) - cpu_before, 1),
        "typed_alone_ms": summary_ms(alone),
        "typed_during_5_voice_notes_ms": summary_ms(busy),
        "typed_during_5_voice_notes_count": len(busy),
        "bursts_of_5_voice_notes": bursts,
        # The same engine answers the notes' questions: what 5 typed ones at once cost a sixth.
        "typed_just_after_5_typed_questions_ms": summary_ms(after_typed),
        "voice_window_s": round(voice_window_s, 1),
        "targets": {
            **TARGETS,
            "text_10s_p50_ms": text_10,
            "voice_after_text_10s_p50_ms": gap_10,
            "text_met": text_10 is not None and text_10 <= TARGETS["text_10s_ms"],
            "voice_met": gap_10 is not None and gap_10 <= TARGETS["voice_after_text_10s_ms"],
            "memory_met": added <= TARGETS["added_memory_mb"],
            "typed_p95_alone_vs_busy_ms": [
                round(percentile(alone, 0.95), 1) if alone else None,
                round(percentile(busy, 0.95), 1) if busy else None,
            ],
        },
    }


def typed_after_five_typed(client: Client, burst: int) -> list[float]:
    """Five learners type a question at once; a sixth asks right after them: its latency."""
    chats = [BUSY_CHATS + 5_000 + 10 * burst + i for i in range(5)]
    for i, chat in enumerate(chats):
        client.send_text(chat, TYPED[(burst + i + 1) % len(TYPED)])
    chat = TYPED_CHATS + 5_000 + burst
    latency = typed_latency(client, chat, TYPED[burst % len(TYPED)])
    for each in (chat, *chats):
        drain(client, each, 0.3)
    return [latency] if latency is not None else []


async def typed_while_busy(
    client: Client, busy_notes: list[bytes], typed: int, most_bursts: int = 8
) -> tuple[list[float], float, int]:
    """Five learners send voice notes at once; meanwhile typed questions go one at a time until
    every voice note has its spoken answer. A burst lasts about 10 s and holds about ten typed
    questions, whose p95 would be their maximum: bursts follow one another until `typed`
    questions were timed inside them (at most `most_bursts`). Returns those latencies, the time
    the bursts took together and how many bursts there were."""
    latencies: list[float] = []
    window = 0.0
    bursts = 0
    while len(latencies) < typed and bursts < most_bursts:
        started = time.monotonic()
        latencies += await _one_burst(client, busy_notes, BUSY_CHATS + 10 * bursts, len(latencies))
        window += time.monotonic() - started
        bursts += 1
    return latencies, window, bursts


async def _one_burst(
    client: Client, busy_notes: list[bytes], first_chat: int, asked: int
) -> list[float]:
    from tests.speech_audio import seconds_of

    chats = [first_chat + i for i in range(len(busy_notes))]
    sends = [
        asyncio.to_thread(client.send_voice, chat, data, seconds_of(data))
        for chat, data in zip(chats, busy_notes, strict=True)
    ]
    sent = await asyncio.gather(*sends)
    server = str(client.http.base_url)

    def answered(chat: int, at: float) -> dict[str, Any]:
        own = Client(server)
        try:
            return voice_reply(own, chat, at)
        finally:
            own.close()

    waits = [asyncio.to_thread(answered, chat, at) for chat, at in zip(chats, sent, strict=True)]
    voices = asyncio.gather(*waits)
    latencies: list[float] = []
    started = time.monotonic()
    while not voices.done():
        chat = TYPED_CHATS + 1000 + asked + len(latencies)
        text = TYPED[(asked + len(latencies)) % len(TYPED)]
        latency = await asyncio.to_thread(typed_latency, client, chat, text)
        if latency is not None and not voices.done():
            latencies.append(latency)
        await asyncio.to_thread(drain, client, chat, 0.3)
        if time.monotonic() - started > 300:
            break
    replies = await voices
    missing = [r for r in replies if r.get("voice_ms") is None]
    if missing:
        log(f"{len(missing)} of the 5 voice notes got no spoken answer: {missing}")
    return latencies
