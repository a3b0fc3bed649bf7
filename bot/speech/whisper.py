"""Speech recognition with faster-whisper (CTranslate2), offline by default.

The default model is the shipped Whisper base (`bot.speech.weights`); `SPEECH_MODEL` names
another: a folder holding a CTranslate2 conversion, or a model name such as "small" where the
deployment can download it (into the same cache folder). The model loads on the first voice
note, on the caller's thread (the speech worker), never at start-up.

Language: with the learner's known language the note is transcribed in it at once (detection
on a short note is often wrong, and a wrong language gives nonsense); only when Whisper is
unsure of the words is the language detected, to catch a learner who switched. Without a known
language it is detected first. Speech in a language the bot does not speak is refused.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

from bot.speech.audio import seconds
from bot.speech.types import Samples, Silent, Transcript, UnsupportedLanguage

logger = logging.getLogger(__name__)

DOUBT_LOGPROB = -1.0  # Whisper's own fallback threshold: below it the words are doubtful
SURE = 0.5  # a detected language at least this probable is believed
HINT_FLOOR = 0.1  # the learner's language stays when detection gives it at least this much


class WhisperTranscriber:
    """`Transcriber` over a faster-whisper model, loaded on first use."""

    def __init__(
        self,
        cache: Path,
        model: str = "",
        *,
        threads: int = 1,
        beam_size: int = 1,
        compute_type: str = "int8",
    ) -> None:
        self.cache = cache
        self.model_setting = model
        self.threads = threads
        self.beam_size = beam_size
        self.compute_type = compute_type
        self.name = f"faster-whisper:{model or 'base (shipped)'}"
        self._model: Any = None
        self._loading = threading.Lock()

    @property
    def loaded(self) -> bool:
        return self._model is not None

    def load(self) -> Any:
        """The model, loaded (and for the shipped one joined and checked) on first call."""
        with self._loading:
            if self._model is None:
                from faster_whisper import WhisperModel

                from bot.speech.weights import shipped_model

                setting = self.model_setting
                path = setting or str(shipped_model(self.cache))
                # Its INFO lines hold durations and languages, no words; keep the log short.
                logging.getLogger("faster_whisper").setLevel(logging.WARNING)
                self._model = WhisperModel(
                    path,
                    device="cpu",
                    compute_type=self.compute_type,
                    cpu_threads=self.threads,
                    download_root=str(self.cache),
                )
                logger.info("Speech recognition model loaded (%s)", self.name)
        return self._model

    def transcribe(
        self, audio: Samples, hint: str | None, languages: frozenset[str]
    ) -> Transcript:
        model = self.load()
        length = seconds(audio)
        if hint in languages:
            assert hint is not None
            text, logprob = self._words(model, audio, hint)
            if logprob >= DOUBT_LOGPROB:
                return self._result(text, hint, length)
            language = self._language(model, audio, languages, hint)
            if language == hint:
                return self._result(text, hint, length)
        else:
            language = self._language(model, audio, languages, None)
        text, _ = self._words(model, audio, language)
        return self._result(text, language, length)

    def _language(
        self, model: Any, audio: Samples, languages: frozenset[str], hint: str | None
    ) -> str:
        """The language to transcribe in; `UnsupportedLanguage` when it is none of ours."""
        best, probability, ranked = model.detect_language(audio)
        odds = dict(ranked)
        logger.debug("Detected %s (%.2f); hint %s", best, probability, hint)
        if hint is not None and (odds.get(hint, 0.0) >= HINT_FLOOR or probability < SURE):
            return hint
        if best in languages:
            return str(best)
        ours = max(languages, key=lambda code: odds.get(code, 0.0))
        if probability >= SURE or odds.get(ours, 0.0) < HINT_FLOOR:
            raise UnsupportedLanguage(str(best))
        return ours

    def _words(self, model: Any, audio: Samples, language: str) -> tuple[str, float]:
        """The words in `language` and their mean log-probability."""
        segments, _ = model.transcribe(
            audio,
            language=language,
            beam_size=self.beam_size,
            vad_filter=True,  # no words made up from silence or hiss
            condition_on_previous_text=False,
        )
        texts, logprobs = [], []
        for segment in segments:
            if segment.text.strip():
                texts.append(segment.text.strip())
                logprobs.append(segment.avg_logprob)
        if not texts:
            return "", 0.0
        return " ".join(texts), sum(logprobs) / len(logprobs)

    @staticmethod
    def _result(text: str, language: str, length: float) -> Transcript:
        if not text:
            raise Silent("no words")
        return Transcript(text, language, length)
