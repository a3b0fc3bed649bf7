"""Serving the application: taking updates (long polling, or a webhook), the `/healthz` and
`/metrics` endpoints, and the graceful stop.

Webhook mode runs its own small tornado server (python-telegram-bot's "custom webhook" set-up:
updates go into `application.update_queue`) so that `/healthz` and `/metrics` can share it. In
polling mode they get a server of their own on `METRICS_LISTEN:METRICS_PORT`. Both only with
`OPS_HTTP`.

On SIGTERM or SIGINT the bot stops taking updates (polling ends, or the webhook server closes:
Telegram keeps what it could not deliver and tries again later), lets the updates and jobs in
flight finish for up to `STOP_GRACE` seconds, cancels what still runs (logged; the outbox keeps
every message it has not delivered, for the next start), then stops the application and exits,
within 10 seconds with the default settings.
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import json
import logging
import re
import signal
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlparse

import tornado.web
from telegram import Update

from bot.channels.telegram.deps import GuideApplication
from bot.channels.telegram.lifecycle import IN_FLIGHT, InFlight
from bot.config import Settings
from bot.ops.http import OpsEndpoints, OpsServer, Route, ops_routes

logger = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
POLL_TIMEOUT = 10  # seconds a getUpdates call waits for updates (long polling)
SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"  # noqa: S105 - a header name


class WebhookHandler(tornado.web.RequestHandler):
    """Telegram's POST of one update: checked, then queued for the application."""

    def initialize(self, bot_app: GuideApplication, secret: str | None) -> None:
        self.bot_app = bot_app
        self.secret = secret

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if self.secret is not None and not hmac.compare_digest(given, self.secret):
            logger.warning("Webhook call without the right secret token: refused")
            self.send_error(403)
            return
        try:
            data = json.loads(self.request.body)
            update = Update.de_json(data, self.bot_app.bot) if isinstance(data, dict) else None
        except (ValueError, TypeError, KeyError):
            update = None
        if update is None:
            logger.warning("Webhook call whose body is not an update: refused")
            self.send_error(400)
            return
        await self.bot_app.update_queue.put(update)
        self.finish()


class Receiver:
    """How updates come in, and the HTTP server (if any); `stop` ends both."""

    def __init__(self, stop: Callable[[], Awaitable[None]], server: OpsServer | None) -> None:
        self._stop = stop
        self.server = server

    async def stop(self) -> None:
        await self._stop()


async def start_receiving(
    application: GuideApplication, settings: Settings, ops: OpsEndpoints | None
) -> Receiver:
    """Start taking updates, by webhook or long polling, and the ops endpoints if asked."""
    routes: list[Route] = ops_routes(ops) if ops is not None else []
    if settings.webhook_url:
        path = urlparse(settings.webhook_url).path or "/"
        secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else None
        hook: Route = (re.escape(path), WebhookHandler, {"bot_app": application, "secret": secret})
        webhook_server = OpsServer([hook, *routes], settings.webhook_listen, settings.webhook_port)
        await webhook_server.start()
        await application.bot.set_webhook(
            settings.webhook_url, allowed_updates=ALLOWED_UPDATES, secret_token=secret
        )
        logger.info("Telegram bot receiving updates by webhook")
        return Receiver(webhook_server.stop, webhook_server)
    updater = application.updater
    if updater is None:
        raise RuntimeError("the application was built without an updater")
    server = OpsServer(routes, settings.metrics_listen, settings.metrics_port) if routes else None
    if server is not None:
        await server.start()
    await updater.start_polling(
        poll_interval=settings.poll_interval,
        timeout=timedelta(seconds=max(1, round(POLL_TIMEOUT * settings.schedule_scale))),
        allowed_updates=ALLOWED_UPDATES,
    )
    logger.info("Telegram bot polling for updates")

    async def stop() -> None:
        await updater.stop()
        if server is not None:
            await server.stop()

    return Receiver(stop, server)


async def serve(
    application: GuideApplication,
    settings: Settings,
    stop: asyncio.Event | None = None,
    ops: OpsEndpoints | None = None,
) -> None:
    """Run the bot until `stop` is set (or SIGINT / SIGTERM arrives), then stop gracefully."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):
            loop.add_signal_handler(signum, stop.set)
    async with application:
        await application.start()
        receiver = await start_receiving(application, settings, ops)
        await stop.wait()
        logger.info("Telegram bot stopping")
        await stop_gracefully(application, receiver, settings.stop_grace)


async def stop_gracefully(application: GuideApplication, receiver: Receiver, grace: float) -> None:
    """Stop taking updates, let the work in flight finish within `grace`, stop the rest."""
    started = asyncio.get_running_loop().time()
    await receiver.stop()
    jobs = application.job_queue
    if jobs is not None and jobs.scheduler.running:
        jobs.scheduler.pause()  # no new job runs; those running may finish
    in_flight: InFlight = application.bot_data[IN_FLIGHT]
    cut = await in_flight.drain(grace, queued=application.update_queue.qsize)
    if cut:
        logger.warning("%d update(s) or job(s) still running after %.0f s: cut off", cut, grace)
    _abandon_reindex(application)
    await application.stop()
    logger.info("Telegram bot stopped in %.1f s", asyncio.get_running_loop().time() - started)


def _abandon_reindex(application: GuideApplication) -> None:
    """A reindex still running is left behind: it runs in a daemon thread, its half-built
    index version never went live, and the next reindex starts again from the live one."""
    deps: Any = application.bot_data.get("deps")
    desk = getattr(deps, "editors", None)
    if desk is not None and desk.busy and desk.task is not None:
        logger.warning(
            "A reindex was still running at stop: abandoned, the live index is unchanged"
        )
        desk.task.cancel()
