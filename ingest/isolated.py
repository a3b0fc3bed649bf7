"""Reading documents in a worker process that is bounded in time and memory.

A parser that loops or allocates without end on a hostile file must not take down the process
that asked: the bot keeps answering learners while an editor's upload is read, and a reindex
(run by the bot or by `guidebot ingest`) reads the knowledge folder the same way.
`IsolatedLoader.load` and `.extract` do what `ingest.documents.load_document` and `extract` do,
in a worker process that:

- is a fresh interpreter (`python -I -B`) with an empty environment (no bot token, no API key),
  no inherited file descriptors, and JSON lines on its stdin and stdout;
- limits itself before it reads any file: address space (RLIMIT_AS: an allocation beyond it
  fails, which the worker reports as the memory limit), CPU time per file (RLIMIT_CPU: SIGXCPU
  kills it), no files written (RLIMIT_FSIZE 0), no core dumps;
- applies the document `Limits` as every loader does.

The caller waits at most `Bounds.seconds` of wall-clock time per file, counted from the moment
the worker is ready (a parser blocked on anything but the CPU escapes RLIMIT_CPU), then kills
the worker it started (SIGKILL, by its pid) and the next file gets a new one. Otherwise one
worker serves all the files of a run in turn, so a reindex starts one interpreter, not one per
file, and a run with nothing to read starts none.

Why a subprocess rather than multiprocessing: the bot is multi-threaded (asyncio's thread pool,
Chroma, onnxruntime), and forking a threaded process can leave the child holding locks no thread
will release (Python 3.12 warns about it); a forked child would also share the bot's 700 MB
address space, so an address-space limit could not be set below it. The spawn and forkserver
start methods avoid fork, but re-import the parent's `__main__` in every child, pass arguments
and results as pickles (unpickling what a subverted worker sends back runs its code in the bot),
and offer no way to stop one stuck task short of tearing down the pool. `preexec_fn`, the usual
way to set a child's rlimits, is unsafe in a threaded parent, hence the worker limits itself.
A worker costs about 0.5 s of CPU to start (the interpreter, pydantic, pypdf and python-docx;
1.5 to 3 s of wall-clock time on a busy 2-core machine, measured), 1 to 2 s more the first time
it reads HTML (trafilatura's imports), once per run; results are plain JSON, validated again on
arrival.
"""

from __future__ import annotations

import json
import os
import resource
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from ingest.documents import Block, Extracted, LoadedDoc, extract, load_document
from ingest.limits import LimitExceeded, Limits, LoadError, error_from_dict
from ingest.schema import DocMeta

ROOT = Path(__file__).resolve().parent.parent
# The worker imports this module from the project folder, whatever the caller's sys.path.
_BOOT = "import sys; sys.path.insert(0, sys.argv[1]); from ingest.isolated import main; main()"
MAX_ANSWER_BYTES = 64 * 1024 * 1024  # far above what `Limits.text_chars` lets through
# A worker is ready once it has confined itself and imported the parsers: a file's time bound
# starts then (a busy machine may take seconds to start an interpreter).
START_SECONDS = 60.0


@dataclass(frozen=True, slots=True)
class Bounds:
    """What the worker process may use for one file: wall-clock seconds and memory (bytes of
    address space, which includes the interpreter and the parsers, about 100 MB)."""

    seconds: float
    memory_bytes: int


class IsolatedLoader:
    """Loads documents in a worker process (started on first use, closed with `close`)."""

    def __init__(self, limits: Limits, bounds: Bounds) -> None:
        self.limits = limits
        self.bounds = bounds
        self._worker: subprocess.Popen[bytes] | None = None
        self._buffer = b""

    def load(self, path: Path) -> LoadedDoc:
        """`load_document(path, limits)`, in the worker; raises `LoadError`."""
        answer = self._ask("load", path)
        return LoadedDoc(DocMeta.model_validate(answer["meta"]), _blocks(answer["blocks"]))

    def extract(self, path: Path) -> Extracted:
        """`extract(path, limits)`, in the worker; raises `LoadError`."""
        answer = self._ask("extract", path)
        front = answer["front_matter"]
        return Extracted(
            dict(front) if isinstance(front, dict) else None,
            str(answer["body"]) if answer["body"] is not None else None,
            _blocks(answer["blocks"]),
        )

    @property
    def pid(self) -> int | None:
        """The running worker's process id (None when there is none)."""
        return self._worker.pid if self._worker is not None else None

    def close(self) -> None:
        """Stop the worker (it exits by itself when its input closes; killed if it lingers)."""
        worker, self._worker = self._worker, None
        if worker is None:
            return
        if worker.stdin is not None:
            worker.stdin.close()
        try:
            worker.wait(timeout=2)
        except subprocess.TimeoutExpired:
            worker.kill()
            worker.wait()
        if worker.stdout is not None:
            worker.stdout.close()

    def __enter__(self) -> IsolatedLoader:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    # --- the parent's side of the conversation ------------------------------------------------

    def _start(self) -> subprocess.Popen[bytes]:
        worker = subprocess.Popen(
            [sys.executable, "-I", "-B", "-X", "utf8", "-c", _BOOT, str(ROOT)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env={"LC_ALL": "C.UTF-8"},
            cwd=ROOT,
        )
        self._worker, self._buffer = worker, b""
        setup = {"limits": self.limits.as_dict(), "memory_bytes": self.bounds.memory_bytes}
        started = time.monotonic()
        try:
            self._send(worker, setup)
            ready = self._read_line(worker, started + max(self.bounds.seconds, START_SECONDS))
        except BrokenPipeError:
            ready = None
        if ready != b"ready":
            raise self._failure(worker, 0.0)
        return worker

    def _send(self, worker: subprocess.Popen[bytes], message: dict[str, Any]) -> None:
        assert worker.stdin is not None
        worker.stdin.write(json.dumps(message).encode() + b"\n")
        worker.stdin.flush()

    def _ask(self, op: str, path: Path) -> dict[str, Any]:
        worker = self._worker or self._start()
        started = time.monotonic()
        try:
            self._send(worker, {"op": op, "path": str(path), "seconds": self.bounds.seconds})
            line = self._read_line(worker, started + self.bounds.seconds)
        except BrokenPipeError:
            line = None
        if line is None:  # the worker died, or was killed for taking too long
            raise self._failure(worker, time.monotonic() - started)
        answer = json.loads(line)
        if not answer.get("ok"):
            raise error_from_dict(answer["error"])
        return dict(answer)

    def _read_line(self, worker: subprocess.Popen[bytes], deadline: float) -> bytes | None:
        assert worker.stdout is not None
        descriptor = worker.stdout.fileno()
        with selectors.DefaultSelector() as selector:
            selector.register(descriptor, selectors.EVENT_READ)
            while b"\n" not in self._buffer:
                left = deadline - time.monotonic()
                if left <= 0 or not selector.select(timeout=left):
                    worker.kill()
                    return None
                chunk = os.read(descriptor, 1 << 16)
                if not chunk or len(self._buffer) > MAX_ANSWER_BYTES:
                    return None
                self._buffer += chunk
        line, self._buffer = self._buffer.split(b"\n", 1)
        return line

    def _failure(self, worker: subprocess.Popen[bytes], seconds: float) -> LoadError:
        """Why the worker gave no answer; it is gone, the next file gets a new one."""
        worker.kill()
        code = worker.wait()
        self._worker = None
        for stream in (worker.stdin, worker.stdout):
            if stream is not None:
                stream.close()
        if code in (-signal.SIGKILL, -signal.SIGXCPU) or seconds >= self.bounds.seconds:
            return LimitExceeded("seconds", None, self.bounds.seconds)
        return LoadError(
            f"the reader stopped unexpectedly (exit status {code}), most likely out of memory",
            "crashed",
            str(code),
        )


def _blocks(rows: list[list[Any]]) -> list[Block]:
    return [
        Block(tuple(str(h) for h in headings), str(text), row=bool(row))
        for headings, text, row in rows
    ]


def _rows(blocks: list[Block]) -> list[list[Any]]:
    # Every field of a Block: a table row lost on the way would be quoted raw in replies.
    return [[list(block.headings), block.text, block.row] for block in blocks]


# --- the worker ------------------------------------------------------------------------------


def _confine(memory_bytes: int) -> None:
    """Limit this process before it reads anything (hard limits too: they cannot be raised)."""
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _cpu_budget(seconds: float) -> None:
    """Allow `seconds` more CPU time from now (SIGXCPU after that)."""
    used = resource.getrusage(resource.RUSAGE_SELF)
    spent = used.ru_utime + used.ru_stime
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (int(spent + seconds) + 1, hard))


def _answer(request: dict[str, Any], limits: Limits) -> dict[str, Any]:
    path = Path(request["path"])
    if request["op"] == "load":
        doc = load_document(path, limits)
        return {"ok": True, "meta": doc.meta.model_dump(mode="json"), "blocks": _rows(doc.blocks)}
    found = extract(path, limits)
    return {"ok": True, "front_matter": found.front_matter, "body": found.body,
            "blocks": _rows(found.blocks)}  # fmt: skip


def main(stdin: IO[str] | None = None, stdout: IO[str] | None = None) -> None:
    """The worker: one JSON line of set-up, then one answer line per request line."""
    import logging
    import warnings

    stdin, stdout = stdin or sys.stdin, stdout or sys.stdout
    logging.disable(logging.CRITICAL)  # parsers' complaints about malformed files
    warnings.simplefilter("ignore")
    setup = json.loads(stdin.readline())
    memory = int(setup["memory_bytes"])
    _confine(memory)
    limits = Limits(**setup["limits"])
    import docx  # noqa: F401 - the parsers most files need, before the first file's clock runs
    import pypdf  # noqa: F401

    # Written before it is needed: when memory has run out, there may be none to build it.
    out_of_memory = json.dumps(
        {"ok": False, "error": LimitExceeded("memory_bytes", None, memory).as_dict()}
    )
    stdout.write("ready\n")
    stdout.flush()
    for line in stdin:
        request = json.loads(line)
        _cpu_budget(float(request["seconds"]))
        text = out_of_memory
        try:
            text = json.dumps(_answer(request, limits), ensure_ascii=False, default=str)
        except LoadError as exc:
            text = json.dumps({"ok": False, "error": exc.as_dict()})
        except MemoryError:
            pass  # leaving this block frees what the failed reading held
        except Exception as exc:  # a parser's own bug: this file fails, the worker goes on
            error = LoadError(f"{type(exc).__name__}: {exc}", "unreadable", str(exc))
            text = json.dumps({"ok": False, "error": error.as_dict()})
        stdout.write(text + "\n")
        stdout.flush()
