"""`Speech`: what channels call. It runs speech work off the event loop, bounded and timed.

Recognition and synthesis each have one worker thread of their own (so a queue of voice notes
never delays a spoken answer) and together at most `queue_size` jobs waiting or running; past
that a learner is told to try again shortly instead of waiting behind everybody. Each job has a
time limit; a job over it is answered with an apology while its thread finishes (CTranslate2
cannot be interrupted) and its place in the queue is freed only then, so the bound holds.

With one thread for the models on a two-core machine, the other core stays free for the event
loop and the typed questions' embeddings; the Whisper model itself runs in a worker process of
its own (`bot.speech.worker`), so its Python loop never holds the bot's interpreter lock.
"""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from bot.speech.types import SpeechBusy, SpeechTimeout, Transcriber, Transcript, Voice

logger = logging.getLogger(__name__)

T = TypeVar("T")
NICENESS = 19  # of the speech threads (Linux: per thread); 0 is the bot's own


def _lower_priority() -> None:
    with contextlib.suppress(OSError, AttributeError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)


def _trimmed(work: Callable[[], T]) -> T:
    """Run `work`, then hand the memory it freed back to the system: a transcription's
    buffers (tens of MB) otherwise stay in the process's heap (glibc's `malloc_trim`)."""
    try:
        return work()
    finally:
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)


class Speech:
    """Voice notes to text and answers to Ogg/Opus voice messages; either side may be off
    (None)."""

    def __init__(
        self,
        transcriber: Transcriber | None,
        voice: Voice | None,
        *,
        languages: frozenset[str],
        max_seconds: float,
        timeout: float,
        queue_size: int,
    ) -> None:
        self.transcriber = transcriber
        self.voice = voice
        self.languages = languages
        self.max_seconds = max_seconds
        self.timeout = timeout
        self.queue_size = queue_size
        self.jobs = 0  # waiting or running
        # At a lower priority (threads the model starts there inherit it): when the cores are
        # busy, a typed question's embedding goes first and a voice note waits a little.
        self._listening = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="speech-in", initializer=_lower_priority
        )
        self._speaking = ThreadPoolExecutor(
            max_workers=1, thread_name_prefix="speech-out", initializer=_lower_priority
        )

    @property
    def hears(self) -> bool:
        return self.transcriber is not None

    @property
    def speaks(self) -> bool:
        return self.voice is not None

    async def transcribe(self, audio: bytes, hint: str | None) -> Transcript:
        """The words of a voice note (any audio PyAV reads); raises a `SpeechError`."""
        if self.transcriber is None:
            raise RuntimeError("speech recognition is off")
        transcriber = self.transcriber

        def work() -> Transcript:
            from bot.speech.audio import decode, has_speech
            from bot.speech.types import Silent

            samples = decode(audio, self.max_seconds)
            if not has_speech(samples):
                raise Silent("too quiet")
            return transcriber.transcribe(samples, hint, self.languages)

        return await self._run(self._listening, work)

    async def speak(self, text: str, language: str, euro: str = "euros") -> bytes | None:
        """`text` read aloud in `language` as an Ogg/Opus voice message; None when nothing in
        it can be said. Raises a `SpeechError`."""
        if self.voice is None:
            raise RuntimeError("speech synthesis is off")
        voice = self.voice

        def work() -> bytes | None:
            from bot.speech.audio import encode_voice
            from bot.speech.speakable import speakable

            words = speakable(text, euro)
            if not words:
                return None
            return encode_voice(voice.synthesize(words, language))

        return await self._run(self._speaking, work)

    async def _run(self, worker: ThreadPoolExecutor, work: Callable[[], T]) -> T:
        if self.jobs >= self.queue_size:
            raise SpeechBusy(f"{self.jobs} jobs")
        self.jobs += 1
        future = asyncio.get_running_loop().run_in_executor(worker, _trimmed, work)
        future.add_done_callback(self._finished)
        try:
            return await asyncio.wait_for(asyncio.shield(future), self.timeout)
        except TimeoutError:
            logger.warning("Speech work over its %.0f s limit", self.timeout)
            raise SpeechTimeout(f"over {self.timeout:.0f} s") from None

    def _finished(self, future: asyncio.Future[Any]) -> None:
        self.jobs -= 1
        if not future.cancelled() and future.exception() is not None:
            future.exception()  # retrieved: the caller (if still waiting) handles it

    def close(self) -> None:
        self._listening.shutdown(wait=False, cancel_futures=True)
        self._speaking.shutdown(wait=False, cancel_futures=True)
        close = getattr(self.transcriber, "close", None)  # a worker process (speech.worker)
        if callable(close):
            close()
