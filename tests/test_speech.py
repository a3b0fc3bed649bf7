"""Speech (bot/speech) with the real engines: the shipped Whisper base model, eSpeak NG from its
wheel and PyAV; sounds are made on the spot (tests/speech_audio.py)."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pytest

from bot.speech import weights
from bot.speech.audio import decode, encode_voice, has_speech, is_ogg_opus, to_wav
from bot.speech.espeak import VOICES, ESpeakVoice
from bot.speech.service import Speech
from bot.speech.speakable import MAX_CHARS, speakable
from bot.speech.types import (
    Pcm,
    Silent,
    SpeechBusy,
    SpeechTimeout,
    TooLong,
    Undecodable,
    UnsupportedLanguage,
)
from bot.speech.whisper import WhisperTranscriber, choose_language, sound_frames
from tests.speech_audio import (
    CPF_QUESTION,
    NOT_AUDIO,
    as_mp3,
    as_video_note,
    seconds_of,
    silence,
    spoken,
    word_error_rate,
)

LANGUAGES = frozenset(VOICES)


# --- what is read aloud --------------------------------------------------------------------


def test_an_answer_is_read_without_source_numbers_links_emoji_or_bullets() -> None:
    answer = (
        "Here is what I found:\n"
        "• France, CPF: an employee gets €500 a year, up to €5,000. [1]\n"
        "• See https://www.moncompteformation.gouv.fr/espace 👍 [1, 2]\n"
        "- **Jobseekers** do not pay the co-payment [2]"
    )
    said = speakable(answer)
    assert said == (
        "Here is what I found. France, CPF: an employee gets 500 euros a year, up to 5,000 "
        "euros. See. Jobseekers do not pay the co-payment."
    )


def test_the_euro_word_follows_the_language_and_long_answers_end_at_a_sentence() -> None:
    said = speakable("Sie bekommen 500 € im Jahr.", euro="Euro")
    assert said == "Sie bekommen 500 Euro im Jahr."
    long = speakable("This is one sentence. " * 200)
    assert len(long) <= MAX_CHARS
    assert long.endswith("sentence.")
    assert speakable("👍 [1]\n• \nhttps://example.org") == ""


# --- audio in memory -----------------------------------------------------------------------


def test_speech_is_encoded_as_a_telegram_voice_message_and_decoded_back() -> None:
    tone = (np.sin(np.arange(22050 * 2) * 2 * np.pi * 220 / 22050) * 8000).astype(np.int16)
    voice = encode_voice(Pcm(tone, 22050))
    assert is_ogg_opus(voice)
    audio = decode(voice, max_seconds=60)
    assert abs(len(audio) / 16_000 - 2.0) < 0.05
    assert has_speech(audio)
    assert to_wav(audio)[:4] == b"RIFF"


def test_bad_audio_is_refused_before_any_model() -> None:
    with pytest.raises(Undecodable):
        decode(NOT_AUDIO, max_seconds=60)
    with pytest.raises(Undecodable):
        decode(b"", max_seconds=60)
    with pytest.raises(TooLong):
        decode(spoken("This note says a little more than the limit allows."), max_seconds=1)
    assert not has_speech(decode(silence(3), max_seconds=60))


def test_espeak_speaks_each_of_the_bots_languages() -> None:
    voice = ESpeakVoice()
    for language in sorted(VOICES):
        pcm = voice.synthesize("Bonjour, guten Tag, hello, hola, ciao, dzień dobry.", language)
        assert pcm.rate == 22050
        assert pcm.seconds > 1.5, language


# --- the shipped model ---------------------------------------------------------------------


def test_the_joined_model_must_have_the_recorded_checksum(tmp_path: Path) -> None:
    parts = [tmp_path / "a.part1", tmp_path / "b.part2"]
    parts[0].write_bytes(b"first half ")
    parts[1].write_bytes(b"second half")
    side = tmp_path / "side"
    side.mkdir()
    for name in weights.SIDE_FILES:
        (side / name).write_text("{}")
    right = hashlib.sha256(b"first half second half").hexdigest()

    with pytest.raises(weights.ModelIntegrityError):
        weights.assemble(parts, side, tmp_path / "bad", "0" * 64)
    assert list((tmp_path / "bad").iterdir()) == []  # nothing half-written is left

    weights.assemble(parts, side, tmp_path / "good", right)
    assert (tmp_path / "good" / "model.bin").read_bytes() == b"first half second half"
    assert sorted(p.name for p in (tmp_path / "good").iterdir()) == sorted(
        ["model.bin", *weights.SIDE_FILES]
    )


def test_a_cached_model_that_was_changed_is_joined_again(whisper: WhisperTranscriber) -> None:
    folder = weights.shipped_model(whisper.cache)  # joined by the fixture: checked, reused
    model = folder / "model.bin"
    assert weights.sha256_of(model) == weights.MODEL_SHA256
    with model.open("r+b") as file:
        file.seek(1000)
        file.write(b"tampered")
    assert weights.shipped_model(whisper.cache) == folder
    assert weights.sha256_of(model) == weights.MODEL_SHA256


# --- hearing -------------------------------------------------------------------------------


def test_only_the_sound_of_a_window_is_encoded_with_a_second_to_spare() -> None:
    window = np.zeros((80, 3000), dtype=np.float32)
    window[:, :1250] = 0.3  # 12.5 s of sound, then the padding pad_or_trim added
    assert sound_frames(window).shape == (80, 1400)
    window[:, 2950] = 0.1  # sound near the end: the whole window
    assert sound_frames(window).shape == (80, 3000)
    short = np.zeros((80, 3000), dtype=np.float32)
    short[:, :400] = 0.3  # 4 s: never under 10 s
    assert sound_frames(short).shape == (80, 1000)


def test_a_note_is_heard_the_same_on_its_own_length_as_on_the_full_window(
    whisper: WhisperTranscriber,
) -> None:
    audio = decode(spoken(CPF_QUESTION), max_seconds=60)
    full = WhisperTranscriber(whisper.cache, short_context=False)
    assert full.transcribe(audio, "en", LANGUAGES).text == whisper.transcribe(
        audio, "en", LANGUAGES
    ).text


def test_an_english_question_is_heard_word_for_word_with_one_encoder_pass(
    whisper: WhisperTranscriber,
) -> None:
    audio = decode(spoken(CPF_QUESTION), max_seconds=60)
    model = whisper.load()
    before = model.encodes
    heard = whisper.transcribe(audio, None, LANGUAGES)
    assert word_error_rate(CPF_QUESTION, heard.text) <= 0.1, heard.text  # eSpeak varies a bit
    assert heard.language == "en"  # detected
    assert model.encodes - before <= 1  # detection and transcription shared the pass
    # A German speaker's known language does not stop them being heard in English.
    in_german = whisper.transcribe(audio, "de", LANGUAGES)
    assert (in_german.text, in_german.language) == (heard.text, "en")


@pytest.mark.parametrize("packed", [as_video_note, as_mp3], ids=["video note", "mp3 file"])
def test_round_video_notes_and_audio_files_are_heard(
    whisper: WhisperTranscriber, packed: Callable[[bytes], bytes]
) -> None:
    audio = decode(packed(spoken(CPF_QUESTION)), max_seconds=60)
    heard = whisper.transcribe(audio, "en", LANGUAGES).text
    # eSpeak's voice varies a little from run to run, and AAC or MP3 blur it a little more:
    # at most one word of the eleven may come back different ("every" as "10").
    assert word_error_rate(CPF_QUESTION, heard) <= 0.1, heard


def test_noise_without_words_is_silent(whisper: WhisperTranscriber) -> None:
    noise = np.random.default_rng(1).normal(0, 0.05, 16_000 * 3).astype(np.float32)
    assert has_speech(noise)  # loud enough to reach the model ...
    with pytest.raises(Silent):  # ... which hears no words in it
        whisper.transcribe(noise, "en", LANGUAGES)


def test_speech_in_a_language_the_bot_does_not_speak_is_refused(
    whisper: WhisperTranscriber,
) -> None:
    finnish = decode(spoken("Hei, minulla on kysymys koulutusvapaasta.", "fi"), 60)
    with pytest.raises(UnsupportedLanguage) as refused:
        whisper.transcribe(finnish, None, LANGUAGES)
    # Heard on its own length, eSpeak's Finnish is taken for Finnish or Latin (on the full 30 s
    # window, Finnish); either way none of ours, and the learner's reply names none.
    assert refused.value.language not in LANGUAGES


def test_the_language_choice() -> None:
    ours = frozenset(["en", "de", "fr"])
    assert choose_language({"de": 0.9, "en": 0.05}, None, ours) == "de"
    assert choose_language({"de": 0.3, "en": 0.2}, "en", ours) == "en"  # unsure: the learner's
    assert choose_language({"fr": 0.9, "en": 0.02}, "en", ours) == "fr"  # clearly switched
    assert choose_language({"tr": 0.4, "en": 0.3}, None, ours) == "en"  # ours nearly as likely
    with pytest.raises(UnsupportedLanguage):
        choose_language({"tr": 0.9, "en": 0.05}, "en", ours)
    with pytest.raises(UnsupportedLanguage):
        choose_language({"tr": 0.4, "en": 0.1}, None, ours)


# --- the service: off the event loop, bounded, timed ---------------------------------------


def speech_with(whisper: WhisperTranscriber, **limits: float) -> Speech:
    options = {"max_seconds": 60.0, "timeout": 120.0, "queue_size": 4.0} | limits
    return Speech(
        whisper,
        ESpeakVoice(),
        languages=LANGUAGES,
        max_seconds=options["max_seconds"],
        timeout=options["timeout"],
        queue_size=int(options["queue_size"]),
    )


async def test_a_note_is_heard_and_an_answer_spoken_off_the_event_loop(
    whisper: WhisperTranscriber,
) -> None:
    speech = speech_with(whisper)
    ticks = 0

    async def clock() -> None:
        nonlocal ticks
        while True:
            await asyncio.sleep(0.01)
            ticks += 1

    ticking = asyncio.create_task(clock())
    try:
        heard = await speech.transcribe(spoken(CPF_QUESTION), "en")
        voice = await speech.speak("• You get €500 a year. [1]", "en")
    finally:
        ticking.cancel()
        speech.close()
    assert word_error_rate(CPF_QUESTION, heard.text) <= 0.1, heard.text
    assert voice is not None
    assert is_ogg_opus(voice)
    assert ticks > 5  # the loop kept running while the models worked
    assert await speech_with(whisper).speak("[1] 👍", "en") is None  # nothing to say


async def test_silence_and_bad_files_are_answered_without_the_model(
    whisper: WhisperTranscriber,
) -> None:
    speech = speech_with(whisper)
    try:
        with pytest.raises(Silent):
            await speech.transcribe(silence(3), "en")
        with pytest.raises(Undecodable):
            await speech.transcribe(NOT_AUDIO, "en")
    finally:
        speech.close()


async def test_the_queue_is_bounded_and_the_work_timed(whisper: WhisperTranscriber) -> None:
    note = spoken(CPF_QUESTION)
    speech = speech_with(whisper, queue_size=1)
    try:
        first = asyncio.create_task(speech.transcribe(note, "en"))
        await asyncio.sleep(0)
        with pytest.raises(SpeechBusy):  # the one place is taken
            await speech.transcribe(note, "en")
        assert "CPF" in (await first).text
        assert speech.jobs == 0
    finally:
        speech.close()

    speech = speech_with(whisper, timeout=0.05)
    try:
        with pytest.raises(SpeechTimeout):
            await speech.transcribe(spoken(CPF_QUESTION * 2), "en")
    finally:
        speech.close()
    assert seconds_of(note) < 10


def test_nothing_of_speech_loads_before_the_first_voice_note(tmp_path: Path) -> None:
    """Building the bot's speech costs no memory: no model, no PyAV, no faster-whisper."""
    import subprocess
    import sys

    script = (
        "import sys; from bot.config import Settings; from bot.services import build_speech; "
        "import bot.channels.telegram.voice; "
        f"speech = build_speech(Settings(_env_file=None, data_dir={str(tmp_path)!r}), ['en']); "
        "assert speech is not None and speech.hears and speech.speaks; "
        "print(sorted(m for m in ('av', 'faster_whisper', 'ctranslate2', 'espeakng_loader') "
        "if m in sys.modules))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    ).stdout.strip()
    assert loaded == "[]"
    assert not (tmp_path / "models").exists()  # the model is joined on first use only


def test_recognition_runs_in_a_worker_process_started_on_first_use(
    whisper: WhisperTranscriber,
) -> None:
    """Whisper's Python loop runs in a child process at nice 19 (never holding the bot's GIL);
    its errors come back as themselves, and a worker that dies fails one note only."""
    import os
    import signal
    from functools import partial

    from bot.speech.worker import ProcessTranscriber

    worker = ProcessTranscriber(partial(WhisperTranscriber, whisper.cache), "whisper")
    assert not worker.started  # nothing before the first note
    note = decode(spoken(CPF_QUESTION), max_seconds=60)
    try:
        heard = worker.transcribe(note, "en", LANGUAGES)
        assert word_error_rate(CPF_QUESTION, heard.text) <= 0.1, heard.text
        (pid,) = worker._pool._processes  # type: ignore[union-attr]  # the one worker
        assert pid != os.getpid()
        assert os.getpriority(os.PRIO_PROCESS, pid) == 19
        noise = np.random.default_rng(1).normal(0, 0.05, 16_000 * 3).astype(np.float32)
        with pytest.raises(Silent):
            worker.transcribe(noise, "en", LANGUAGES)
        os.kill(pid, signal.SIGKILL)  # the worker dies (out of memory, say)
        with pytest.raises(RuntimeError):
            worker.transcribe(note, "en", LANGUAGES)
        assert "CPF" in worker.transcribe(note, "en", LANGUAGES).text  # a new worker
    finally:
        worker.close()
    assert not worker.started


def test_closing_the_worker_does_not_wait_for_a_note_in_flight(
    whisper: WhisperTranscriber,
) -> None:
    import threading
    import time
    from functools import partial

    from bot.speech.worker import ProcessTranscriber

    worker = ProcessTranscriber(partial(WhisperTranscriber, whisper.cache), "whisper")
    # (long enough that a fast machine is still transcribing it when the bot stops)
    note = decode(spoken(CPF_QUESTION * 16), max_seconds=400)
    failed: list[BaseException] = []

    def hear() -> None:
        try:
            worker.transcribe(note, "en", LANGUAGES)
        except BaseException as exc:  # the note in flight fails; the bot is stopping
            failed.append(exc)

    listening = threading.Thread(target=hear)
    listening.start()
    while not worker.started:
        time.sleep(0.01)
    time.sleep(1.5)  # the worker is up and busy with the note
    (pid,) = worker._pool._processes  # type: ignore[union-attr]
    started = time.perf_counter()
    worker.close()
    listening.join(timeout=10)
    assert not listening.is_alive()
    assert time.perf_counter() - started < 5
    assert failed  # the note in flight failed rather than held the shutdown
    gone = time.monotonic() + 5
    while Path(f"/proc/{pid}").exists() and time.monotonic() < gone:
        time.sleep(0.1)
    assert not Path(f"/proc/{pid}").exists()  # ended and reaped
