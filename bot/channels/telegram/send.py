"""Sending helpers shared by the handlers: multi-part messages, best-effort calls, typing."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Awaitable, Sequence
from typing import Any

from telegram import Bot, InlineKeyboardMarkup, Message
from telegram.constants import ChatAction
from telegram.error import NetworkError, TelegramError

logger = logging.getLogger(__name__)

TYPING_AFTER = 0.5  # seconds of work before "typing…" shows
TYPING_REFRESH = 4.5  # seconds; Telegram shows "typing…" for about 5 seconds


async def best_effort(call: Awaitable[Any], what: str) -> None:
    """Await a non-essential call (menus, chat actions): its failure never breaks a reply."""
    try:
        await call
    except NetworkError as exc:  # includes TimedOut; also what the test server answers
        logger.debug("%s failed: %s", what, exc)
    except TelegramError as exc:
        logger.warning("%s failed: %s", what, exc)


async def send_parts(
    bot: Bot,
    chat_id: int,
    parts: Sequence[str],
    reply_markup: InlineKeyboardMarkup | None = None,
) -> Message | None:
    """Send HTML `parts` in order, the keyboard with the last; returns the last message."""
    last = None
    for i, part in enumerate(parts):
        markup = reply_markup if i == len(parts) - 1 else None
        last = await bot.send_message(chat_id, part, reply_markup=markup)
    return last


@contextlib.asynccontextmanager
async def typing(bot: Bot, chat_id: int, after: float = TYPING_AFTER) -> AsyncIterator[None]:
    """Show "typing…" in the chat while the block runs, once it has run for `after` seconds.

    The work starts at once: waiting for the chat action first added a round trip to Telegram
    to every reply, and a reply quicker than `after` needs no "typing…" at all.
    """

    async def keep_typing() -> None:
        await asyncio.sleep(after)
        while True:
            await best_effort(bot.send_chat_action(chat_id, ChatAction.TYPING), "sendChatAction")
            await asyncio.sleep(TYPING_REFRESH)

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
