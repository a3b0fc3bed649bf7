"""The handoff's Telegram transport and jobs: the outbox sent through the Bot API (forum topics
where the counsellors' group has them, reply threads otherwise), reminders and retention.

`build_application` calls `handover.install`, which puts a `Handoff` in `bot_data`; handlers
reach it with `handoff_of(context)` (None when no counsellors' group is configured).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any, cast

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, ReplyParameters
from telegram.error import BadRequest, Forbidden, RetryAfter, TelegramError

from bot.channels.telegram.deps import GuideContext
from bot.channels.telegram.request import MaybeSent, limited_retries
from bot.handoff import card
from bot.handoff.cases import Desk, remind_overdue
from bot.handoff.models import Button, Case, Delivery
from bot.handoff.outbox import Outbox, RetryLater, Sent, ThreadGone, Undeliverable
from bot.handoff.records import purge_texts

logger = logging.getLogger(__name__)

HANDOFF = "handoff"
ADMINS_TTL = 600.0  # seconds the group's admin list is trusted
OUTBOX_EVERY = timedelta(seconds=5)
# Quick retries of a Bot API call for a delivery (a single bad answer mends in half a second);
# longer failures wait for the outbox's own backoff, which keeps handlers that deliver quick.
QUICK_RETRIES = 1
REMINDERS_EVERY = timedelta(minutes=1)
# What `copyMessage` can pass on; anything else (polls, games, service messages) is refused.
COPYABLE = (
    "photo",
    "video",
    "document",
    "audio",
    "voice",
    "animation",
    "sticker",
    "video_note",
    "location",
    "venue",
    "contact",
)


def copyable(message: Message) -> bool:
    return any(getattr(message, kind) for kind in COPYABLE)


def markup(rows: tuple[tuple[Button, ...], ...]) -> InlineKeyboardMarkup | None:
    if not rows:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data) for b in row] for row in rows]
    )


class TelegramTransport:
    """Sends outbox messages; maps Bot API errors onto the outbox's retry / refuse."""

    def __init__(self, bot: Bot, group_id: int) -> None:
        self.bot = bot
        self.group_id = group_id
        self.topics: bool | None = None  # unknown until the first topic is asked for

    async def send(self, delivery: Delivery, case: Case) -> Sent:
        try:
            with limited_retries(QUICK_RETRIES):
                return await self._send(delivery, case)
        except MaybeSent:
            # Telegram took it and did not answer in time: most likely delivered. Sending it
            # again could show it twice; its message id stays unknown (logged by the request).
            return Sent()
        except RetryAfter as exc:  # what AIORateLimiter could not wait out
            raise RetryLater("flood control") from exc
        except Forbidden as exc:
            raise Undeliverable(exc.message) from exc
        except BadRequest as exc:
            if delivery.target != "learner" and "thread not found" in exc.message.lower():
                raise ThreadGone(exc.message) from exc
            raise Undeliverable(exc.message) from exc
        except TelegramError as exc:  # network, timeouts, server errors: try again later
            raise RetryLater(f"{type(exc).__name__}: {exc.message}") from exc

    async def _send(self, delivery: Delivery, case: Case) -> Sent:
        if delivery.kind == "topic":
            return await self._topic(delivery, case)
        if delivery.kind == "card" and case.card_message_id is not None:
            return await self._edit_card(delivery, case.card_message_id)
        if delivery.target == "learner":
            if case.chat_id is None:
                raise Undeliverable("the learner's data was erased")
            chat_id, where = case.chat_id, {}
        else:
            chat_id, where = self.group_id, self._where(delivery, case)
        if delivery.kind == "copy":
            if delivery.from_chat_id is None or delivery.from_message_id is None:
                raise Undeliverable("the message was erased")
            copied = await self.bot.copy_message(
                chat_id, delivery.from_chat_id, delivery.from_message_id, **where
            )
            return Sent(copied.message_id)
        message = await self.bot.send_message(
            chat_id, delivery.text or "-", reply_markup=markup(delivery.buttons), **where
        )
        return Sent(message.message_id)

    async def _edit_card(self, delivery: Delivery, message_id: int) -> Sent:
        """A card already in the group is edited in place (the anonymised one after /forget)."""
        await self.bot.edit_message_text(
            delivery.text or "-",
            chat_id=self.group_id,
            message_id=message_id,
            reply_markup=markup(delivery.buttons),
        )
        return Sent(message_id)

    def _where(self, delivery: Delivery, case: Case) -> dict[str, Any]:
        """The case's topic; else, a reply to its card (reply threads)."""
        reply = (
            {
                "reply_parameters": ReplyParameters(
                    case.card_message_id, allow_sending_without_reply=True
                )
            }
            if case.card_message_id and delivery.kind != "card"
            else {}
        )
        if delivery.target == "group":  # reminders: the main chat, where everyone sees them
            return reply if case.thread_id is None else {}
        return {"message_thread_id": case.thread_id} if case.thread_id else reply

    async def _topic(self, delivery: Delivery, case: Case) -> Sent:
        if self.topics is False or case.thread_id is not None:
            return Sent(thread_id=case.thread_id)
        try:
            topic = await self.bot.create_forum_topic(self.group_id, delivery.text or "Case")
        except (BadRequest, Forbidden) as exc:  # not a forum, or no right to manage topics
            logger.info(
                "No forum topics in the counsellors' group (%s): threads by replies", exc.message
            )
            self.topics = False
            return Sent()
        self.topics = True
        return Sent(thread_id=topic.message_thread_id)


@dataclass
class Admins:
    """The group's administrators (who may act besides COUNSELLOR_IDS), cached."""

    ids: frozenset[int] = frozenset()
    until: float = 0.0
    clock: Any = field(default=time.monotonic)

    async def of(self, bot: Bot, chat_id: int) -> frozenset[int]:
        if self.clock() < self.until:
            return self.ids
        try:
            members = await bot.get_chat_administrators(chat_id)
        except TelegramError as exc:
            logger.debug("Admins of the counsellors' group unavailable: %s", exc)
            self.until = self.clock() + 60
            return self.ids
        self.ids = frozenset(member.user.id for member in members)
        self.until = self.clock() + ADMINS_TTL
        return self.ids


@dataclass
class Handoff:
    """The handoff services of one application."""

    desk: Desk
    outbox: Outbox
    transport: TelegramTransport
    group_id: int
    counsellor_ids: frozenset[int]
    retention_days: int
    admins: Admins = field(default_factory=Admins)


def handoff_of(context: GuideContext) -> Handoff | None:
    return cast(Handoff | None, context.bot_data.get(HANDOFF))


async def deliver(context: GuideContext) -> None:
    """Send what the handoff has stored (now, rather than at the next outbox run)."""
    if (handoff := handoff_of(context)) is not None:
        await handoff.outbox.deliver_pending()


async def refresh_card(context: GuideContext, case: Case | None) -> None:
    """Show the case's state and buttons on its card (cosmetic: failures are only logged)."""
    handoff = handoff_of(context)
    if handoff is None or case is None or case.card_message_id is None:
        return
    desk = handoff.desk
    try:
        await context.bot.edit_message_text(
            card.card_text(case, desk.strings, desk.team_language, desk.hours),
            chat_id=handoff.group_id,
            message_id=case.card_message_id,
            reply_markup=markup(card.card_buttons(case, desk.strings, desk.team_language)),
        )
    except TelegramError as exc:
        logger.debug("Case card %d not updated: %s", case.id, exc)


async def resume_deliveries(context: GuideContext) -> None:
    """At start-up: what was not delivered before the restart is due now."""
    if (handoff := handoff_of(context)) is not None:
        await handoff.desk.cases.release_backoff()
        await handoff.outbox.deliver_pending()


async def send_reminders(context: GuideContext) -> None:
    """Raise cases waiting longer than the SLA again in the group."""
    if (handoff := handoff_of(context)) is not None and await remind_overdue(handoff.desk):
        await handoff.outbox.deliver_pending()


async def purge_case_texts(context: GuideContext) -> None:
    """Daily: erase the texts of cases that ended longer ago than the retention period."""
    if (handoff := handoff_of(context)) is not None:
        cutoff = handoff.desk.now() - timedelta(days=handoff.retention_days)
        erased = await purge_texts(handoff.desk.cases, cutoff)
        logger.log(
            logging.INFO if erased else logging.DEBUG,
            "Retention: texts of %d case message(s) erased",
            erased,
        )
