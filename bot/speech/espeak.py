"""Text to speech with eSpeak NG, from the `espeakng-loader` wheel (the library and its voice
data for about 100 languages), called through ctypes.

eSpeak NG keeps global state, so one process has one engine: it is initialised on first use and
every call holds a lock. Its voices are clear but robotic; a deployment that wants a natural
voice configures another `Voice` (see `bot.speech.types`).
"""

from __future__ import annotations

import ctypes
import threading
from typing import Any

import numpy as np

from bot.speech.types import Pcm, SpeechError

SYNCHRONOUS = 2  # AUDIO_OUTPUT_SYNCHRONOUS: samples come to the callback, nothing is played
DONT_EXIT = 0x8000  # espeakINITIALIZE_DONT_EXIT: report errors instead of exiting the process
CHARS_UTF8 = 1
RATE_PARAMETER = 1  # espeakRATE, words per minute
# The voice for each of the bot's languages (eSpeak NG's names).
VOICES = {"en": "en", "de": "de", "fr": "fr", "nl": "nl", "it": "it", "es": "es", "pl": "pl",
          "pt": "pt"}  # fmt: skip

_Callback = ctypes.CFUNCTYPE(
    ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int, ctypes.c_void_p
)


class ESpeakVoice:
    """`Voice` over libespeak-ng; `words_per_minute` a little slower than eSpeak's 175, for
    listeners in a second language."""

    name = "espeak-ng"
    _lock = threading.Lock()  # one engine per process, whatever the number of instances
    _engine: tuple[Any, int] | None = None

    def __init__(self, words_per_minute: int = 150) -> None:
        self.words_per_minute = words_per_minute
        self._chunks: list[np.ndarray] = []
        self._callback = _Callback(self._collect)  # kept alive as long as the engine may call it

    def synthesize(self, text: str, language: str) -> Pcm:
        voice = VOICES.get(language, language)
        with ESpeakVoice._lock:
            library, rate = self._library()
            library.espeak_SetSynthCallback(self._callback)
            if library.espeak_SetVoiceByName(voice.encode()) != 0:
                raise SpeechError(f"eSpeak NG has no voice {voice!r}")
            library.espeak_SetParameter(RATE_PARAMETER, self.words_per_minute, 0)
            data = text.encode("utf-8") + b"\0"
            self._chunks = []
            try:
                if library.espeak_Synth(data, len(data), 0, 1, 0, CHARS_UTF8, None, None) != 0:
                    raise SpeechError("eSpeak NG could not synthesise the text")
                samples = np.concatenate(self._chunks) if self._chunks else np.zeros(0, np.int16)
            finally:
                self._chunks = []
        return Pcm(samples.astype(np.int16), rate)

    def _collect(self, wave: Any, count: int, events: Any) -> int:
        if count > 0 and wave:
            self._chunks.append(np.ctypeslib.as_array(wave, shape=(count,)).copy())
        return 0  # go on

    @classmethod
    def _library(cls) -> tuple[Any, int]:
        """The library, initialised once (the caller holds the lock)."""
        if cls._engine is None:
            import espeakng_loader

            library = ctypes.CDLL(espeakng_loader.get_library_path())
            library.espeak_Initialize.argtypes = [
                ctypes.c_int, ctypes.c_int, ctypes.c_char_p, ctypes.c_int,
            ]  # fmt: skip
            library.espeak_SetSynthCallback.argtypes = [_Callback]
            library.espeak_SetVoiceByName.argtypes = [ctypes.c_char_p]
            library.espeak_SetParameter.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_int]
            library.espeak_Synth.argtypes = [
                ctypes.c_char_p, ctypes.c_size_t, ctypes.c_uint, ctypes.c_int, ctypes.c_uint,
                ctypes.c_uint, ctypes.c_void_p, ctypes.c_void_p,
            ]  # fmt: skip
            data = espeakng_loader.get_data_path().encode()
            rate = library.espeak_Initialize(SYNCHRONOUS, 0, data, DONT_EXIT)
            if rate <= 0:
                raise SpeechError("eSpeak NG could not start")
            cls._engine = (library, rate)
        return cls._engine
