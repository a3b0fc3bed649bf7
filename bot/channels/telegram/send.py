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
async def typing(bot: Bot, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" in the chat while the block runs."""
    await best_effort(bot.send_chat_action(chat_id, ChatAction.TYPING), "sendChatAction")

    async def keep_typing() -> None:
        while True:
            await asyncio.sleep(TYPING_REFRESH)
            await best_effort(bot.send_chat_action(chat_id, ChatAction.TYPING), "sendChatAction")

    task = asyncio.create_task(keep_typing())
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
