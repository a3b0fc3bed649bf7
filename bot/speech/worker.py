"""`ProcessTranscriber`: speech recognition in a worker process of its own.

Whisper's decoding loop is Python. Run on a thread of the bot, even at the lowest priority, it
holds the interpreter lock often enough to slow the bot's own Python work while a voice note is
heard: a 6 ms piece of pure-Python work took 6.3 ms at p95 alone and 12.8 ms beside a nice-19
transcription thread, and 5.9 ms beside a nice-19 transcription process (2 cores, one run).
So the model lives in a child process: started ("spawn") on the first voice note, never before,
at nice 19; the decoded samples go to it and the transcript comes back. `Silent` and
`UnsupportedLanguage` come back as themselves. A worker that dies (out of memory, say) fails
that note only: the next note starts a new one.
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from bot.speech.types import Samples, Transcriber, Transcript

logger = logging.getLogger(__name__)

NICENESS = 19

_transcriber: Transcriber | None = None  # in the worker process only


class ProcessTranscriber:
    """A `Transcriber` that runs the one `make` builds in a worker process."""

    def __init__(self, make: Callable[[], Transcriber], name: str) -> None:
        self._make = make  # picklable: it is sent to the worker
        self.name = name
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    @property
    def started(self) -> bool:
        return self._pool is not None

    def transcribe(
        self, audio: Samples, hint: str | None, languages: frozenset[str]
    ) -> Transcript:
        pool = self._worker()
        try:
            return pool.submit(_transcribe, audio, hint, languages).result()
        except BrokenProcessPool:
            logger.error("The speech recognition process stopped; the next note starts anew")
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            pool.shutdown(wait=False, cancel_futures=True)
            raise RuntimeError("speech recognition process stopped") from None

    def _worker(self) -> ProcessPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_start,
                    initargs=(self._make,),
                )
            return self._pool

    def close(self) -> None:
        """Stop the worker now, even mid-note: the bot's shutdown must not wait for a long
        transcription (CTranslate2 cannot be interrupted from outside the process)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is None:
            return
        # ProcessPoolExecutor has no public way to end its workers before Python 3.14
        # (`terminate_workers`); its process table is the one handle there is.
        workers = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for worker in workers:
            with contextlib.suppress(Exception):
                worker.terminate()


def _start(make: Callable[[], Transcriber]) -> None:
    """In the worker: lower its priority and build the transcriber (its model loads on the
    first note, as in the bot's own process)."""
    global _transcriber
    with contextlib.suppress(OSError):
        os.setpriority(os.PRIO_PROCESS, 0, NICENESS)
    _transcriber = make()


def _transcribe(audio: Samples, hint: str | None, languages: frozenset[str]) -> Transcript:
    assert _transcriber is not None
    try:
        return _transcriber.transcribe(audio, hint, languages)
    finally:
        # a transcription's buffers (tens of MB) back to the system (glibc's malloc_trim)
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)
