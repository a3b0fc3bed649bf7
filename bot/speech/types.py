"""The two interfaces speech is built on, the values they exchange and the errors they raise.

Errors (each has a short localised reply in `bot/locales/voice/`):

    SpeechError
    ├── Undecodable          the bytes are not audio the decoder can read
    ├── TooLong              longer than the configured limit (checked again after decoding)
    ├── TooLarge             a file larger than the configured limit
    ├── Silent               no speech in it
    ├── UnsupportedLanguage  speech in a language the bot does not speak
    ├── SpeechBusy           the queue of voice work is full
    └── SpeechTimeout        the work took longer than the configured time limit
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import numpy.typing as npt

Samples = npt.NDArray[np.float32]  # mono, 16 kHz, -1..1: what speech recognition takes


class SpeechError(Exception):
    """Speech work that cannot give a result; `key` names the reply in the voice locales."""

    key = "voice_failed"


class Undecodable(SpeechError):
    key = "voice_undecodable"


class TooLong(SpeechError):
    key = "voice_too_long"


class TooLarge(SpeechError):
    key = "voice_too_large"


class Silent(SpeechError):
    key = "voice_silent"


class UnsupportedLanguage(SpeechError):
    key = "voice_unsupported_language"

    def __init__(self, language: str) -> None:
        super().__init__(language)
        self.language = language


class SpeechBusy(SpeechError):
    key = "voice_busy"


class SpeechTimeout(SpeechError):
    key = "voice_timeout"


@dataclass(frozen=True, slots=True)
class Transcript:
    """What was understood: the words, their language and the length of the audio."""

    text: str
    language: str
    seconds: float


@dataclass(frozen=True, slots=True)
class Pcm:
    """Synthesised speech: 16-bit mono samples at `rate` Hz."""

    samples: npt.NDArray[np.int16]
    rate: int

    @property
    def seconds(self) -> float:
        return len(self.samples) / self.rate if self.rate else 0.0


class Transcriber(Protocol):
    """Speech to text from decoded audio (`bot.speech.audio.decode` checked it is sound, not too
    long and not silent). `hint` is the learner's known language, if any; `languages` are the
    ones the bot speaks: speech in another raises `UnsupportedLanguage`, and no words at all
    `Silent`. Blocking: callers run it off the event loop."""

    name: str

    def transcribe(
        self, audio: Samples, hint: str | None, languages: frozenset[str]
    ) -> Transcript: ...


class Voice(Protocol):
    """Text to speech in `language` (ISO 639-1). Blocking: callers run it off the event loop."""

    name: str

    def synthesize(self, text: str, language: str) -> Pcm: ...
