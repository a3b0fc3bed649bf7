"""The Telegram application: `build_application` wires the handlers, `serving.serve` runs it.

`run_bot(services)` (what `guidebot run` calls) opens the bot's database, builds the application
around the engine, its metrics and health checks, and serves it in one event loop until SIGINT /
SIGTERM, then closes the database. Long polling by default; webhook mode when
`settings.webhook_url` is set. Every Bot API call goes through `request.RetryingRequest`.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING

from telegram import LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot.channels.telegram import (
    courses,
    editors,
    errors,
    handover,
    keyboards,
    onboarding,
    privacy,
    questions,
    voice,
)
from bot.channels.telegram.deps import Deps, Engine, GuideApplication, GuideContext, Strings
from bot.channels.telegram.lifecycle import (
    IN_FLIGHT,
    GuideJobQueue,
    InFlight,
    TrackedApplication,
)
from bot.channels.telegram.ratelimit import SlidingWindowLimiter, TelegramLimits
from bot.channels.telegram.request import RetryingRequest, without_retries
from bot.channels.telegram.serving import serve
from bot.config import Settings
from bot.handoff.records import queue_backlog
from bot.handoff.summary import build_summariser
from bot.ops import updates
from bot.ops.health import Health, TelegramContact
from bot.ops.http import OpsEndpoints
from bot.ops.metrics import Metrics
from bot.services import build_chat_model
from bot.store import Store

if TYPE_CHECKING:
    from bot.editors.desk import EditorDesk
    from bot.services import Services as GuideServices
    from bot.speech.service import Speech

logger = logging.getLogger(__name__)

__all__ = ["build_application", "run_bot", "run_with", "serve"]

PURGE_EVERY = timedelta(days=1)
RETRIES_AFTER_429 = 3
RECENT_UPDATES = "recent_updates"
FIRST_GROUP = -10  # before every other handler group: an update is claimed before it is handled


class RecentUpdates:
    """The ids of the last updates taken, so one Telegram delivers twice is handled once."""

    def __init__(self, keep: int = 10_000) -> None:
        self.keep = keep
        self._ids: OrderedDict[int, None] = OrderedDict()

    def claim(self, update_id: int) -> bool:
        """Take the update; False if it was taken before. No await in here: two deliveries
        handled at the same time cannot both take it."""
        if update_id in self._ids:
            return False
        self._ids[update_id] = None
        if len(self._ids) > self.keep:
            self._ids.popitem(last=False)
        return True


async def drop_repeated_update(update: Update, context: GuideContext) -> None:
    """Stop an update already taken (Telegram retries a webhook it thinks went unanswered)."""
    if not context.bot_data[RECENT_UPDATES].claim(update.update_id):
        logger.debug("Update %d delivered again: dropped", update.update_id)
        updates.note("repeated")
        raise ApplicationHandlerStop


def build_application(
    settings: Settings,
    *,
    engine: Engine,
    store: Store,
    strings: Strings,
    request: BaseRequest | None = None,
    desk: EditorDesk | None = None,
    metrics: Metrics | None = None,
    contact: TelegramContact | None = None,
    speech: Speech | None = None,
) -> GuideApplication:
    """Build the bot; `desk` adds the editors' tools, `speech` voice messages, `request`
    replaces the HTTP transport (tests); `metrics` and `contact` are what /metrics and /healthz
    read."""
    if settings.telegram_bot_token is None:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set")
    metrics = metrics or Metrics(strings.languages())
    contact = contact or TelegramContact()
    in_flight = InFlight()
    calls, polls = _requests(settings, request, metrics, contact)
    builder = (
        Application.builder()
        .application_class(TrackedApplication)
        .token(settings.telegram_bot_token.get_secret_value())
        .base_url(settings.telegram_api_base_url)
        .base_file_url(settings.file_base_url)  # voice notes come from the same server
        .context_types(ContextTypes(context=GuideContext))
        .job_queue(GuideJobQueue(settings.schedule_scale, in_flight))
        .request(calls)
        .get_updates_request(polls)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        # Telegram's global and per-group limits; on 429 it waits `retry_after` and retries.
        .rate_limiter(TelegramLimits(max_retries=RETRIES_AFTER_429))
        .concurrent_updates(True)
    )
    application: GuideApplication = builder.build()
    application.bot_data["deps"] = Deps(
        settings=settings,
        engine=engine,
        store=store,
        strings=strings,
        limiter=SlidingWindowLimiter(settings.rate_limit_per_minute),
        editors=desk,
        metrics=metrics,
        speech=speech,
    )
    application.bot_data[IN_FLIGHT] = in_flight
    if desk is not None:
        desk.metrics = metrics  # reindex runs and gate verdicts
    add_handlers(application)
    # Editors: /reindex, /kb, /gaps, uploads; the jobs that keep the live index in use.
    editors.install(application)
    # Counsellor cases: the group's handlers, the relay, the outbox and reminder jobs.
    handover.install(
        application,
        summariser=build_summariser(build_chat_model(settings, max_retries=0), settings),
    )
    if application.job_queue is None:
        raise RuntimeError("python-telegram-bot[job-queue] is required for the retention job")
    application.job_queue.run_repeating(
        privacy.purge_history, interval=PURGE_EVERY, first=timedelta(minutes=1), name="purge"
    )
    return application


def _requests(
    settings: Settings, request: BaseRequest | None, metrics: Metrics, contact: TelegramContact
) -> tuple[RetryingRequest, RetryingRequest]:
    """The transports of Bot API calls (retried) and of getUpdates (the updater's own loop
    retries it; wrapped too, so that each of Telegram's answers counts as contact)."""

    def retrying(inner: BaseRequest, retries: int) -> RetryingRequest:
        return RetryingRequest(
            inner,
            retries=retries,
            backoff=settings.telegram_retry_backoff,
            metrics=metrics,
            contact=contact,
        )

    if request is not None:  # tests: one recording transport for both
        calls = retrying(request, settings.telegram_retries)
        return calls, calls
    timeout = settings.telegram_read_timeout
    calls = retrying(
        HTTPXRequest(connection_pool_size=256, read_timeout=timeout, write_timeout=timeout),
        settings.telegram_retries,
    )
    # getUpdates waits its long-polling timeout plus the default read timeout (5 s).
    return calls, retrying(HTTPXRequest(connection_pool_size=1), 0)


def add_handlers(application: GuideApplication) -> None:
    """Route learners' updates (private chats) to the handlers; groups get one line. An update
    delivered again is dropped before any of them."""
    application.bot_data[RECENT_UPDATES] = RecentUpdates()
    application.add_handler(TypeHandler(Update, drop_repeated_update), FIRST_GROUP)
    private = filters.ChatType.PRIVATE
    commands = {
        "start": onboarding.on_start,
        "settings": onboarding.on_settings,
        "language": onboarding.on_language_command,
        "country": onboarding.on_country_command,
        "help": onboarding.on_help,
        "human": questions.on_human_command,
        "privacy": privacy.on_privacy,
        "mydata": privacy.on_mydata,
        "forget": privacy.on_forget,
    }
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback, filters=private))
    buttons = {
        keyboards.LANGUAGE: onboarding.on_language_chosen,
        keyboards.COUNTRY: onboarding.on_country_chosen,
        keyboards.REGION: onboarding.on_region_chosen,
        keyboards.CLARIFY: questions.on_clarify_choice,
        keyboards.FEEDBACK: questions.on_feedback,
        keyboards.HUMAN: questions.on_human_button,
        keyboards.FORGET: privacy.on_forget_choice,
    }
    for kind, callback in buttons.items():
        application.add_handler(CallbackQueryHandler(callback, pattern=keyboards.pattern(kind)))
    courses.add_handlers(application)  # /courses, course buttons, shared locations
    voice.add_handlers(application)  # voice notes, 🔊, /voice; before "I only read text"
    new_private = private & filters.UpdateType.MESSAGE
    application.add_handler(
        MessageHandler(new_private & filters.TEXT & ~filters.COMMAND, questions.on_text)
    )
    application.add_handler(
        MessageHandler(new_private & filters.COMMAND, errors.on_unknown_command)
    )
    application.add_handler(MessageHandler(new_private & filters.ATTACHMENT, errors.on_non_text))
    application.add_handler(
        MessageHandler(filters.ChatType.GROUPS & filters.COMMAND, errors.on_group_command)
    )
    application.add_error_handler(errors.on_error)


def run_bot(services: GuideServices, strings: Strings | None = None) -> None:
    """Run the Telegram bot until interrupted (blocking)."""
    from bot.editors.desk import EditorDesk

    if strings is None:
        from bot.guidance.language import Strings as LocaleStrings

        strings = LocaleStrings()
    asyncio.run(
        run_with(
            services.settings,
            services.engine,
            strings,
            EditorDesk(services),
            index_version=lambda: services.index_version,
        )
    )


async def run_with(
    settings: Settings,
    engine: Engine,
    strings: Strings,
    desk: EditorDesk | None = None,
    *,
    index_version: Callable[[], str] | None = None,
) -> None:
    """Open the bot's database, serve the bot (with /healthz and /metrics if `OPS_HTTP`), close
    the database. `index_version` names the index the engine answers from, for /healthz."""
    from bot.services import build_speech

    store = await Store.open(settings.database_path, keep_turns=max(2, settings.history_turns))
    speech = build_speech(settings, strings.languages())  # its models load on first use
    try:
        metrics, contact = Metrics(strings.languages()), TelegramContact()
        application = build_application(
            settings,
            engine=engine,
            store=store,
            strings=strings,
            desk=desk,
            metrics=metrics,
            contact=contact,
            speech=speech,
        )

        async def probe() -> object:
            with without_retries():
                return await application.bot.get_me()

        health = Health(
            index_version=index_version or (lambda: engine_index_version(engine)),
            index_dir=settings.index_dir,
            database=settings.database_path,
            contact=contact,
            probe=probe,
        )
        ops = OpsEndpoints(health, metrics, backlog=lambda: queue_backlog(store.cases))
        await serve(application, settings, ops=ops if settings.ops_http else None)
    finally:
        if speech is not None:
            speech.close()
        await store.close()


def engine_index_version(engine: Engine) -> str:
    """The index version the real engine's retriever searches ("" for another engine)."""
    retriever = getattr(engine, "retriever", None)
    return str(getattr(retriever, "version", "") or "")
