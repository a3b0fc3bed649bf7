"""Speech recognition at an OpenAI-compatible transcription endpoint (`/audio/transcriptions`:
OpenAI's Whisper API, or a self-hosted faster-whisper server), through the `openai` client.

The decoded note is sent as 16 kHz WAV with the learner's known language, if any. The endpoint's
`verbose_json` answer names the language (a code, or a name such as "english"); speech in a
language the bot does not speak is refused like the offline engine does.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.speech.audio import seconds, to_wav
from bot.speech.types import Samples, Silent, Transcript, UnsupportedLanguage

logger = logging.getLogger(__name__)

# What OpenAI's Whisper API answers for the bot's languages.
LANGUAGE_NAMES = {
    "english": "en", "german": "de", "french": "fr", "dutch": "nl", "italian": "it",
    "spanish": "es", "polish": "pl", "portuguese": "pt",
}  # fmt: skip


class OpenAITranscriber:
    """`Transcriber` at an OpenAI-compatible endpoint."""

    def __init__(
        self,
        model: str,
        *,
        api_key: str | None,
        base_url: str | None,
        timeout: float,
        client: Any = None,
    ) -> None:
        self.name = f"openai:{model}"
        self.model = model
        if client is None:
            from openai import OpenAI

            client = OpenAI(
                api_key=api_key or "unused", base_url=base_url, timeout=timeout, max_retries=1
            )
        self.client = client

    def transcribe(
        self, audio: Samples, hint: str | None, languages: frozenset[str]
    ) -> Transcript:
        options: dict[str, Any] = {"language": hint} if hint in languages else {}
        answer = self.client.audio.transcriptions.create(
            model=self.model,
            file=("note.wav", to_wav(audio), "audio/wav"),
            response_format="verbose_json",
            **options,
        )
        text = str(getattr(answer, "text", "") or "").strip()
        named = str(getattr(answer, "language", "") or "").strip().lower()
        # A code ("de", "pt-BR"), or a name: ours are mapped, any other name is not ours.
        language = LANGUAGE_NAMES.get(named, named.split("-")[0] if len(named) <= 5 else named)
        if language and language not in languages:
            raise UnsupportedLanguage(language)
        if not text:
            raise Silent("no words")
        return Transcript(text, language or hint or "", seconds(audio))
