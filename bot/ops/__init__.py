"""What an operator sees of the running bot: logs, metrics, health.

- `logs`: the logging set-up of every command (text or JSON lines, `LOG_FORMAT`), with routine
  scheduler and HTTP access lines kept below INFO.
- `updates`: one INFO line per handled update (id, decision, language, latency, index version,
  never the learner's words), noted by the handlers through a context variable.
- `metrics`: the Prometheus metrics (`prometheus-client`) and the small interface channels call to
  move them (`Metrics.reply`, `.error`, `.spoken_message`, ...).
- `health`: the checks behind `/healthz` (index loaded, database writable, Telegram answered).
- `http`: the `/healthz` and `/metrics` endpoints (tornado), on their own small server or added to
  the webhook server.

Nothing here imports `telegram`: the Telegram channel feeds these from its edge.
"""
