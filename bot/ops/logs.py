"""The logging set-up of every `guidebot` command and of `python -m bot.channels.telegram`.

Levels (the README's "Logs" section says the same for operators):

- DEBUG: routine work. The scheduler's runs ("Running job ... executed successfully", demoted
  here from APScheduler's INFO), HTTP access lines of /healthz and /metrics, retries that
  changed nothing, the engine's reasons.
- INFO: one line per handled update (`bot.ops.updates`), start and stop, cases opened and
  closed, reindexes, data erased on request, housekeeping that removed something.
- WARNING: something failed and was worked around: a Bot API call retried, a message that may
  not have arrived, a refused editor command, an update cut off at stop.
- ERROR: something failed for someone: an update whose handler raised (the learner got the
  apology), a reindex that failed.

`LOG_FORMAT=json` writes one JSON object a line (time, level, logger, message, and the fields
of the update line), for log shippers. Learners' words are never logged at INFO or above.
"""

from __future__ import annotations

import json
import logging
import sys
from datetime import UTC, datetime
from typing import Any, Literal, TextIO

LogFormat = Literal["text", "json"]
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

# Their INFO lines are routine (or hold the bot token in a URL: httpx); WARNING and up stay.
# aiosqlite's DEBUG lines repeat the SQL parameters, learners' words among them.
QUIET = ("httpx", "httpcore", "chromadb", "bm25s", "telegram.ext", "aiosqlite")
# Their INFO lines are routine work: shown as DEBUG, only when DEBUG is on.
DEMOTED = ("apscheduler", "tornado.access")

# Attributes every LogRecord has; anything else was passed in `extra`.
_STANDARD = set(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    """One JSON object per record: time (UTC, ISO 8601), level, logger, message, extras."""

    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        entry.update((k, v) for k, v in vars(record).items() if k not in _STANDARD)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


class DemoteRoutine(logging.Filter):
    """Turn the INFO lines of `DEMOTED` loggers into DEBUG lines (dropped unless DEBUG is on)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.levelno != logging.INFO or not record.name.startswith(DEMOTED):
            return True
        record.levelno, record.levelname = logging.DEBUG, "DEBUG"
        return logging.getLogger().isEnabledFor(logging.DEBUG)


def setup_logging(
    level: str = "INFO",
    log_format: LogFormat = "text",
    *,
    verbose: bool = False,
    stream: TextIO | None = None,
) -> None:
    """Configure the root logger, once per process: like `logging.basicConfig`, nothing changes
    when it has handlers already (a command run inside a test keeps the test's logging)."""
    for name in QUIET:
        logging.getLogger(name).setLevel(logging.WARNING)
    root = logging.getLogger()
    if root.handlers:
        return
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(
        JsonFormatter() if log_format == "json" else logging.Formatter(TEXT_FORMAT)
    )
    handler.addFilter(DemoteRoutine())
    root.addHandler(handler)
    logging.captureWarnings(True)  # Python warnings become log lines too (one format)
    root.setLevel(logging.DEBUG if verbose else getattr(logging, level.upper(), logging.INFO))
