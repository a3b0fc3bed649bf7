"""`/healthz` and `/metrics` over HTTP (tornado, the server python-telegram-bot's webhooks use).

`OpsEndpoints` holds what the two endpoints read: the `Health` checks, the `Metrics`, and how to
read the counsellors' backlog from the database just before a scrape. `OpsServer` serves them, on
their own (polling mode: 127.0.0.1:`METRICS_PORT`) or beside other routes (webhook mode: the
webhook's route on the same server).

- `GET /healthz`: 200 `{"status": "ok", ...}` or 503 `{"status": "failing", "reason": ...}`,
  with each check's result.
- `GET /metrics`: the Prometheus text format.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any

import tornado.web
from tornado.httpserver import HTTPServer

from bot.ops.health import Health
from bot.ops.metrics import CONTENT_TYPE, Backlog, Metrics

logger = logging.getLogger(__name__)

Route = tuple[str, type[tornado.web.RequestHandler], dict[str, Any]]


@dataclass
class OpsEndpoints:
    health: Health
    metrics: Metrics
    backlog: Callable[[], Awaitable[Backlog]] | None = None
    failing: str = ""  # the last failing reason logged: a change is logged, not every scrape


class _Handler(tornado.web.RequestHandler):
    def initialize(self, ops: OpsEndpoints) -> None:
        self.ops = ops

    def compute_etag(self) -> None:  # answers change every time: no caching
        return None


class HealthHandler(_Handler):
    async def get(self) -> None:
        report = await self.ops.health.check()
        reason = "" if report.ok else report.reason
        if reason != self.ops.failing:
            if reason:
                logger.warning("Health check failing: %s", reason)
            else:
                logger.info("Health check passing again")
            self.ops.failing = reason
        self.set_status(report.status)
        self.set_header("Content-Type", "application/json; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.finish(report.as_json())


class MetricsHandler(_Handler):
    async def get(self) -> None:
        if self.ops.backlog is not None:
            try:
                self.ops.metrics.set_backlog(await self.ops.backlog())
            except Exception:  # the rest of the metrics are still worth scraping
                logger.warning("Backlog metrics unavailable", exc_info=True)
        self.set_header("Content-Type", CONTENT_TYPE)
        self.finish(self.ops.metrics.render())


def ops_routes(ops: OpsEndpoints) -> list[Route]:
    return [
        (r"/healthz", HealthHandler, {"ops": ops}),
        (r"/metrics", MetricsHandler, {"ops": ops}),
    ]


class OpsServer:
    """An HTTP server for `routes`, started and stopped inside the bot's event loop."""

    def __init__(self, routes: Sequence[Route], listen: str, port: int) -> None:
        self.app = tornado.web.Application(list(routes))
        self.listen = listen
        self.port = port
        self._server: HTTPServer | None = None

    async def start(self) -> None:
        self._server = HTTPServer(self.app, xheaders=False)
        self._server.listen(self.port, self.listen)
        logger.info("HTTP endpoints on %s:%d", self.listen, self.port)

    async def stop(self) -> None:
        """Stop taking connections, and close those still open."""
        if self._server is not None:
            self._server.stop()
            await self._server.close_all_connections()
            self._server = None
