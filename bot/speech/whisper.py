"""Speech recognition with faster-whisper (CTranslate2), offline by default.

The default model is the shipped Whisper base (`bot.speech.weights`); `SPEECH_MODEL` names
another: a folder holding a CTranslate2 conversion, or a model name such as "small" where the
deployment can download it (into the same cache folder). The model loads on the first voice
note, on the caller's thread (the speech worker), never at start-up.

How a note is heard: voice activity detection (Silero, shipped with faster-whisper) keeps the
speech and finds silent notes without running Whisper; the first 30 s are encoded once, and
that one encoder pass (the costly part on a CPU) serves both the language detection and the
transcription. That pass runs on the note's own length (plus a second, at least 10 s), not on
the 30 s window Whisper pads every note to: the encoder takes fewer frames at a cost that grows
with their number, so a 10 s note is encoded about three times faster (`short_context`; the
English test notes come back word for word either way, see `sound_frames`).

Language: the learner's known language wins unless the note is clearly in another (a learner
who switched is then heard in the new one); without one, the detected language, if the bot
speaks it. Speech clearly in another language is refused.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import Any

import numpy as np

from bot.speech.audio import RATE, seconds
from bot.speech.types import Samples, Silent, Transcript, UnsupportedLanguage

logger = logging.getLogger(__name__)

SURE = 0.5  # a detected language at least this probable is believed over the learner's
HINT_FLOOR = 0.1  # ... unless the learner's language still has at least this much


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
        short_context: bool = True,
    ) -> None:
        self.cache = cache
        self.model_setting = model
        self.threads = threads
        self.beam_size = beam_size
        self.compute_type = compute_type
        self.short_context = short_context
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
                from bot.speech.weights import shipped_model

                path = self.model_setting or str(shipped_model(self.cache))
                # Its INFO lines hold durations and languages, no words; keep the log short.
                logging.getLogger("faster_whisper").setLevel(logging.WARNING)
                self._model = _shared_encoder_model(short_context=self.short_context)(
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
        speech = _speech_only(audio)
        if len(speech) < RATE // 4:
            raise Silent("no speech found")
        odds = self._language_odds(model, speech)
        language = choose_language(odds, hint, languages)
        segments, _ = model.transcribe(
            speech,
            language=language,
            beam_size=self.beam_size,
            vad_filter=False,  # done above, on the same samples the detection used
            condition_on_previous_text=False,
            # Timestamps stay: without them Whisper skips most of a note longer than ~20 s.
        )
        text = " ".join(part for segment in segments if (part := segment.text.strip()))
        if not text:
            raise Silent("no words")
        return Transcript(text, language, seconds(audio))

    @staticmethod
    def _language_odds(model: Any, speech: Samples) -> dict[str, float]:
        """Each language's probability, from the encoder pass the transcription reuses."""
        from faster_whisper.audio import pad_or_trim

        features = model.feature_extractor(speech)
        frames = min(model.feature_extractor.nb_max_frames, features.shape[-1] - 1)
        encoded = model.encode(pad_or_trim(features[:, :frames]))
        ranked = model.model.detect_language(encoded)[0]
        return {token[2:-2]: float(probability) for token, probability in ranked}


def choose_language(odds: dict[str, float], hint: str | None, languages: frozenset[str]) -> str:
    """The language to transcribe in, from the detected `odds` and the learner's `hint`;
    `UnsupportedLanguage` when the speech is clearly in none of `languages`."""
    best = max(odds, key=lambda code: odds[code])
    ours = max(languages, key=lambda code: odds.get(code, 0.0))
    logger.debug("Detected %s (%.2f); hint %s", best, odds[best], hint)
    if hint in languages:
        assert hint is not None
        if odds[best] < SURE or odds.get(hint, 0.0) >= HINT_FLOOR or best == hint:
            return hint
        if best in languages:
            return best  # the learner switched language
        raise UnsupportedLanguage(best)
    if best in languages:
        return best
    if odds.get(ours, 0.0) * 2 >= odds[best]:  # one of ours is nearly as likely
        return ours
    raise UnsupportedLanguage(best)


def _speech_only(audio: Samples) -> Samples:
    """The parts of `audio` with speech in them, joined (Silero VAD, as faster-whisper's own
    `vad_filter` does)."""
    from faster_whisper.vad import VadOptions, collect_chunks, get_speech_timestamps

    chunks = get_speech_timestamps(audio, VadOptions())
    if not chunks:
        return np.zeros(0, dtype=np.float32)
    pieces, _ = collect_chunks(audio, chunks)
    return np.concatenate(pieces).astype(np.float32)


CONTEXT_STEP = 100  # mel frames (1 s): the encoded length is the sound's, rounded up, plus this
CONTEXT_MIN = 1000  # ... and never under 10 s: on 4-7 s contexts Whisper base misheard words
# of a few test notes and once looped ("how much much much"), never at 10 s and more.


def sound_frames(features: np.ndarray) -> np.ndarray:
    """A window of mel features without most of the silent frames `pad_or_trim` appended to
    reach 30 s (exact zeros at the end): a second more than the sound, rounded up to a whole
    second, and at least 10 s."""
    if features.ndim != 2:
        return features
    (heard,) = np.nonzero(np.any(features != 0, axis=0))
    end = int(heard[-1]) + 1 if heard.size else 0
    keep = max(CONTEXT_MIN, -(-(end + CONTEXT_STEP) // CONTEXT_STEP) * CONTEXT_STEP)
    return features[:, :keep] if keep < features.shape[-1] else features


def _shared_encoder_model(*, short_context: bool = True) -> type:
    """`WhisperModel` that remembers its last encoder pass, so that detecting the language and
    transcribing the same 30 s encode them once (`encodes` counts the passes actually run), and
    that encodes only the sound of a window when `short_context`."""
    from faster_whisper import WhisperModel

    class SharedEncoderModel(WhisperModel):
        encodes = 0
        _last: tuple[np.ndarray, Any] | None = None

        def encode(self, features: np.ndarray) -> Any:
            last = self._last
            same_shape = last is not None and last[0].shape == features.shape
            if same_shape and last is not None and np.array_equal(last[0], features):
                return last[1]
            output = super().encode(sound_frames(features) if short_context else features)
            self._last = (np.array(features, copy=True), output)
            self.encodes += 1
            return output

    return SharedEncoderModel
