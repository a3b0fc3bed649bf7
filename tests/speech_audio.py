"""Sounds for the speech tests and the voice benchmark, made on the spot: spoken questions from
eSpeak NG (its English voice is transcribed cleanly by Whisper base), silence, and bytes that
are no audio at all. Nothing recorded is kept in the repository."""

from __future__ import annotations

import numpy as np

from bot.speech.audio import decode, encode_voice
from bot.speech.espeak import ESpeakVoice
from bot.speech.types import Pcm

CPF_QUESTION = "How much money do I get on my CPF account every year?"


def spoken(text: str, language: str = "en", words_per_minute: int = 150) -> bytes:
    """`text` spoken by eSpeak NG, as a Telegram voice note (Ogg/Opus)."""
    return encode_voice(ESpeakVoice(words_per_minute).synthesize(text, language))


def silence(seconds: float, rate: int = 48_000) -> bytes:
    """A voice note of digital silence with a whisper of noise (as a muted microphone gives)."""
    noise = np.random.default_rng(7).normal(0, 20, int(seconds * rate))
    return encode_voice(Pcm(noise.astype(np.int16), rate))


def seconds_of(voice_note: bytes) -> float:
    return len(decode(voice_note, max_seconds=3600)) / 16_000


NOT_AUDIO = b"OggS" + bytes(range(256)) * 40  # looks like Ogg for 4 bytes, then is not
