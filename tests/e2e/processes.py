"""Local server processes shared by the end-to-end tests and `bench/telegram.py`.

The Telegram Bot API test server is `telegram_server/server.js` (telegram-test-api, patched for
python-telegram-bot 22; install with `npm ci --prefix tests/e2e/telegram_server`).
"""

from __future__ import annotations

import contextlib
import queue
import shutil
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

SERVER_DIR = Path(__file__).resolve().parent / "telegram_server"


class ServerUnavailable(RuntimeError):
    """Node or the npm package is missing: the server cannot run on this machine."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def stop(process: subprocess.Popen[Any]) -> None:
    """SIGTERM, then SIGKILL after 10 s."""
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def output_lines(process: subprocess.Popen[str]) -> queue.Queue[str]:
    """Read a process's output in a thread, so waiting for a line can time out."""
    lines: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return lines


@contextlib.contextmanager
def telegram_server(timeout: float = 15) -> Iterator[tuple[str, subprocess.Popen[str]]]:
    """The patched telegram-test-api on a free port of 127.0.0.1: (base URL, process)."""
    node = shutil.which("node")
    if node is None:
        raise ServerUnavailable("node is not installed: the Telegram Bot API test server needs it")
    if not (SERVER_DIR / "node_modules" / "telegram-test-api").is_dir():
        raise ServerUnavailable(
            f"telegram-test-api is not installed: npm ci --prefix {SERVER_DIR}"
        )
    port = free_port()
    process = subprocess.Popen(
        [node, "server.js", "--port", str(port)],
        cwd=SERVER_DIR,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines = output_lines(process)
    try:
        deadline = time.monotonic() + timeout
        seen: list[str] = []
        while not any("ready on" in line for line in seen):
            try:
                seen.append(lines.get(timeout=max(0.0, deadline - time.monotonic())))
            except queue.Empty:
                raise RuntimeError(f"the test server did not start: {''.join(seen)}") from None
        yield f"http://127.0.0.1:{port}", process
    finally:
        stop(process)
