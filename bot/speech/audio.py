"""Audio in and out, in memory only: decoding what learners send (any container and codec PyAV
reads: Telegram's Ogg/Opus voice notes, MP3/M4A audio files, the sound of round video notes),
telling speech from silence, and encoding synthesised speech as a Telegram voice message
(Ogg/Opus, mono).

Nothing here touches the disk: audio is personal data and is never stored. PyAV (FFmpeg) is
imported on first use, so a bot that never gets a voice note never loads it.
"""

from __future__ import annotations

import io
import wave
from collections.abc import Iterator
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    import av

from bot.speech.types import Pcm, Samples, TooLong, Undecodable

RATE = 16_000  # what Whisper takes
OPUS_RATE = 24_000  # Opus's wideband rate: ample for speech, and half the resampling of 48 kHz
OPUS_BIT_RATE = 24_000  # Telegram's own voice notes use about this
# Speech mode at a low complexity: a 27 s answer encodes in 0.44 s instead of 1.13 s (measured on
# a busy 2-core machine) for a file of the same size.
OPUS_OPTIONS = {"application": "voip", "compression_level": "1"}
WINDOW = 0.03  # seconds per loudness window
SPEECH_LEVEL = 0.01  # RMS (-40 dBFS): quieter windows count as silence
SPEECH_SECONDS = 0.3  # at least this much sound above that level, or the note is silent


def decode(data: bytes, max_seconds: float) -> Samples:
    """The first audio stream of `data` as 16 kHz mono float32; `Undecodable` when there is
    none or it cannot be read, `TooLong` past `max_seconds` (stops decoding there)."""
    import av

    chunks: list[np.ndarray] = []
    limit = int(max_seconds * RATE) + RATE  # a second of slack: metadata rounds durations
    decoded = 0
    try:
        with av.open(io.BytesIO(data), mode="r", metadata_errors="ignore") as container:
            if not container.streams.audio:
                raise Undecodable("no audio stream")
            resampler = av.AudioResampler(format="s16", layout="mono", rate=RATE)
            for frame in _frames(container):
                for out in resampler.resample(frame):
                    chunk = out.to_ndarray().reshape(-1)
                    chunks.append(chunk)
                    decoded += len(chunk)
                if decoded > limit:
                    raise TooLong(f"over {max_seconds:.0f} s")
            for out in resampler.resample(None):
                chunks.append(out.to_ndarray().reshape(-1))
    except (TooLong, Undecodable):
        raise
    except (av.FFmpegError, ValueError, IndexError, OSError) as exc:
        raise Undecodable(type(exc).__name__) from exc
    if not chunks or not sum(len(chunk) for chunk in chunks):
        raise Undecodable("no samples")
    return (np.concatenate(chunks).astype(np.float32) / 32768.0).astype(np.float32)


def _frames(container: av.container.InputContainer) -> Iterator[av.AudioFrame]:
    """The audio frames, skipping the odd corrupt packet (as faster-whisper does)."""
    import av

    packets = container.demux(container.streams.audio[0])
    for packet in packets:
        try:
            frames = packet.decode()
        except av.InvalidDataError:
            continue
        for frame in frames:
            if isinstance(frame, av.AudioFrame):
                yield frame


def has_speech(audio: Samples) -> bool:
    """True when enough of `audio` is louder than a quiet room: a silent note (or one of
    faint hiss) is answered without loading a model."""
    size = int(WINDOW * RATE)
    usable = len(audio) - len(audio) % size
    if usable <= 0:
        return False
    windows = audio[:usable].reshape(-1, size)
    loud = np.sqrt(np.mean(np.square(windows, dtype=np.float64), axis=1)) > SPEECH_LEVEL
    return float(np.count_nonzero(loud)) * WINDOW >= SPEECH_SECONDS


def seconds(audio: Samples) -> float:
    return len(audio) / RATE


def to_wav(audio: Samples) -> bytes:
    """16-bit mono WAV at 16 kHz: what a transcription endpoint is sent."""
    pcm = np.clip(audio * 32768.0, -32768, 32767).astype("<i2")
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(pcm.tobytes())
    return buffer.getvalue()


def encode_voice(pcm: Pcm) -> bytes:
    """`pcm` as a Telegram voice message: Ogg/Opus, mono."""
    import av

    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format="ogg") as out:
        stream = out.add_stream("libopus", rate=OPUS_RATE, layout="mono", options=OPUS_OPTIONS)
        stream.bit_rate = OPUS_BIT_RATE
        frame = av.AudioFrame.from_ndarray(
            np.ascontiguousarray(pcm.samples, dtype=np.int16).reshape(1, -1),
            format="s16",
            layout="mono",
        )
        frame.sample_rate = pcm.rate
        resampler = av.AudioResampler(format="s16", layout="mono", rate=OPUS_RATE)
        for resampled in [*resampler.resample(frame), *resampler.resample(None)]:
            out.mux(stream.encode(resampled))
        out.mux(stream.encode(None))
    return buffer.getvalue()


def is_ogg_opus(data: bytes) -> bool:
    """True for an Ogg stream whose first packet is an Opus header (what Telegram plays as a
    voice message)."""
    return data[:4] == b"OggS" and b"OpusHead" in data[:512]
