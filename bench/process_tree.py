"""Memory and CPU of a process and of every process it started (the bot and its speech
worker), read from /proc."""

from __future__ import annotations

import contextlib
from pathlib import Path

from bench.telegram import _cpu_seconds


def _status_kb(pid: int) -> dict[str, int]:
    status = Path(f"/proc/{pid}/status").read_text()
    values = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
    return {name: int(values[name].split()[0]) for name in ("VmRSS", "VmHWM")}


def descendants(pid: int) -> list[int]:
    """The processes `pid` started, and theirs (the speech recognition worker)."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        with contextlib.suppress(OSError):
            for child in (int(p) for p in (task / "children").read_text().split()):
                found += [child, *descendants(child)]
    return found


def rss_mb(pid: int) -> dict[str, float]:
    """Resident memory of the bot and of every process it started (the speech worker holds
    the Whisper model), now and at peak (the sum of each process's own peak)."""
    own = _status_kb(pid)
    workers = []
    for child in descendants(pid):
        with contextlib.suppress(OSError):
            workers.append(_status_kb(child))
    rss = own["VmRSS"] + sum(w["VmRSS"] for w in workers)
    peak = own["VmHWM"] + sum(w["VmHWM"] for w in workers)
    return {
        "rss_mb": round(rss / 1024, 1),
        "peak_mb": round(peak / 1024, 1),
        "of_which_workers_mb": round(sum(w["VmRSS"] for w in workers) / 1024, 1),
    }


def tree_cpu_seconds(pid: int) -> float:
    """CPU time of the bot and of the processes it started."""
    total = _cpu_seconds(pid)
    for child in descendants(pid):
        with contextlib.suppress(OSError):
            total += _cpu_seconds(child)
    return total
