"""What the bot cannot serve: failures, non-text messages, group chats, unknown commands."""

from __future__ import annotations

import logging

from telegram import Update
from telegram.constants import ChatType
from telegram.error import Forbidden

from bot.channels.telegram import keyboards
from bot.channels.telegram.deps import GuideContext
from bot.channels.telegram.onboarding import on_help
from bot.channels.telegram.request import MaybeSent
from bot.channels.telegram.send import best_effort
from bot.guidance.types import Profile
from bot.ops import updates

logger = logging.getLogger(__name__)


async def on_error(update: object, context: GuideContext) -> None:
    """Log the failure; tell the learner, briefly, and show the way to a counsellor."""
    update_id = update.update_id if isinstance(update, Update) else None
    if update_id is None:  # a job
        context.deps.metrics.error("job_failed")
    if isinstance(context.error, Forbidden):  # the learner blocked the bot: nobody to tell
        logger.warning("Update %s: the bot may not write to this chat", update_id)
        updates.note_result("blocked")
        return
    if isinstance(context.error, MaybeSent):
        # Logged where it happened; the message most likely arrived, so no apology for it.
        updates.note_result("maybe_sent")
        return
    # The update itself is not logged: it holds the learner's words.
    logger.error("Handling update %s failed", update_id, exc_info=context.error)
    if update_id is not None:
        context.deps.metrics.error("update_failed")
        updates.note_result("error")
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    if update.effective_chat.type != ChatType.PRIVATE:
        return
    if update.callback_query:
        await best_effort(update.callback_query.answer(), "answerCallbackQuery")
    deps = context.deps
    try:
        lang = await deps.language_of(update)
    except Exception:  # the store may be what failed
        logger.warning("Profile unavailable for the apology", exc_info=True)
        lang = deps.language_for(Profile(), update.effective_user)
    await best_effort(
        context.bot.send_message(
            update.effective_chat.id,
            deps.text("error_apology", lang),
            reply_markup=keyboards.counsellor(deps.strings, lang),
        ),
        "apology",
    )


async def on_non_text(update: Update, context: GuideContext) -> None:
    """Voice, photos, stickers, files, places: say that the bot reads text."""
    assert update.effective_message
    lang = await context.deps.language_of(update)
    await update.effective_message.reply_text(context.deps.text("non_text", lang))


async def on_unknown_command(update: Update, context: GuideContext) -> None:
    """An unknown command: show the help."""
    await on_help(update, context)


async def on_group_command(update: Update, context: GuideContext) -> None:
    """A command in a group: the bot only talks with learners in private."""
    chat = update.effective_chat
    assert chat
    assert update.effective_message
    if chat.id == context.deps.settings.counsellor_chat_id:
        return  # the counsellors' group is served by the handoff work
    lang = await context.deps.language_of(update)
    await best_effort(
        update.effective_message.reply_text(context.deps.text("private_only", lang)),
        "group reply",
    )
