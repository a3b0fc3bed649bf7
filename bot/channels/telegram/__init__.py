"""The Telegram channel for learners.

Modules, one concern each: `app` (build and run the application), `onboarding` (welcome,
language, country, region, help), `questions` (questions, clarifications, feedback, handover),
`privacy` (/privacy, /mydata, /forget, retention), `errors` (failures, non-text, groups),
`editors` and `editor_uploads` (/reindex, /kb, /gaps, documents sent by editors),
`formatting` (HTML and message splitting), `keyboards` (buttons and callback data), `send`,
`ratelimit` and `deps` (what handlers need, typed), `request` (every Bot API call, retried when
that is safe), `lifecycle` (each update's log line and metrics, work in flight, the job queue),
`serving` (polling or webhook, /healthz and /metrics, the graceful stop).
`python -m bot.channels.telegram` runs it.
"""

from bot.channels.telegram.app import build_application, run_bot, run_with, serve
from bot.channels.telegram.formatting import split_for_telegram

__all__ = ["build_application", "run_bot", "run_with", "serve", "split_for_telegram"]
