"""Sounds for the speech tests and the voice benchmark, made on the spot: spoken questions from
eSpeak NG (its English voice is transcribed cleanly by Whisper base), silence, and bytes that
are no audio at all. Nothing recorded is kept in the repository."""

from __future__ import annotations

import io
import re
import unicodedata
from typing import Any

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


def words(text: str) -> list[str]:
    text = unicodedata.normalize("NFC", text.lower())
    return re.sub(r"[^\w\s']", " ", text).split()


def word_error_rate(said: str, heard: str) -> float:
    """Word-level edit distance over the number of words said."""
    ref, hyp = words(said), words(heard)
    previous = list(range(len(hyp) + 1))
    for i, word in enumerate(ref, 1):
        current = [i]
        for j, other in enumerate(hyp, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1,
                               previous[j - 1] + (word != other)))  # fmt: skip
        previous = current
    return previous[-1] / max(1, len(ref))


NOT_AUDIO = b"OggS" + bytes(range(256)) * 40  # looks like Ogg for 4 bytes, then is not


def _pcm(voice_note: bytes, rate: int) -> np.ndarray:
    """The note's samples as 16-bit mono at `rate` Hz."""
    import av

    with av.open(io.BytesIO(voice_note)) as container:
        resampler = av.AudioResampler(format="s16", layout="mono", rate=rate)
        frames = [f for frame in container.decode(audio=0) for f in resampler.resample(frame)]
    return np.concatenate([frame.to_ndarray().reshape(-1) for frame in frames])


def as_video_note(voice_note: bytes) -> bytes:
    """The note as Telegram's round video notes come: MP4, H.264 square video, AAC sound."""
    import av

    samples = _pcm(voice_note, 44_100)
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="mp4") as out:
        video = out.add_stream("h264", rate=10)
        video.width = video.height = 96
        video.pix_fmt = "yuv420p"
        sound = out.add_stream("aac", rate=44_100, layout="mono")
        for i in range(int(len(samples) / 44_100 * 10)):
            picture = np.full((96, 96, 3), (i * 5) % 255, dtype=np.uint8)
            out.mux(video.encode(av.VideoFrame.from_ndarray(picture, format="rgb24")))
        out.mux(video.encode(None))
        _encode_audio(out, sound, samples, 44_100)
    return buffer.getvalue()


def as_mp3(voice_note: bytes) -> bytes:
    """The note as an MP3 audio file."""
    import av

    samples = _pcm(voice_note, 44_100)
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="mp3") as out:
        sound = out.add_stream("libmp3lame", rate=44_100, layout="mono")
        _encode_audio(out, sound, samples, 44_100)
    return buffer.getvalue()


def _encode_audio(out: Any, stream: Any, samples: np.ndarray, rate: int) -> None:
    import av

    frame = av.AudioFrame.from_ndarray(samples.reshape(1, -1), format="s16", layout="mono")
    frame.sample_rate = rate
    resampler = av.AudioResampler(format=stream.format.name, layout="mono", rate=rate,
                                  frame_size=stream.frame_size or None)  # fmt: skip
    for piece in [*resampler.resample(frame), *resampler.resample(None)]:
        out.mux(stream.encode(piece))
    out.mux(stream.encode(None))
