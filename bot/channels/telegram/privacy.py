"""What the bot keeps about a learner: `/privacy`, `/mydata`, `/forget`, and the retention job."""

from __future__ import annotations

import json
import logging

from telegram import Update

from bot.channels.telegram import keyboards
from bot.channels.telegram.deps import GuideContext, user_id_of
from bot.channels.telegram.formatting import code_block
from bot.channels.telegram.send import send_parts

logger = logging.getLogger(__name__)


async def on_privacy(update: Update, context: GuideContext) -> None:
    """Show the privacy notice."""
    deps = context.deps
    assert update.effective_message
    lang = await deps.language_of(update)
    notice = deps.text("privacy_notice", lang, days=deps.settings.retention_days)
    if deps.speech is not None:  # what happens to voice messages
        notice += "\n\n" + deps.text("voice_privacy", lang)
    await update.effective_message.reply_text(notice)


async def on_mydata(update: Update, context: GuideContext) -> None:
    """Send everything stored about the learner as a JSON document."""
    deps = context.deps
    assert update.effective_chat
    uid = user_id_of(update)
    lang = await deps.language_of(update)
    document = json.dumps(await deps.store.export_user(uid), ensure_ascii=False, indent=2)
    # The test server cannot receive files, so the document travels as preformatted text.
    await context.bot.send_message(update.effective_chat.id, deps.text("mydata_intro", lang))
    await send_parts(context.bot, update.effective_chat.id, code_block(document))
    if deps.speech is not None:
        await context.bot.send_message(update.effective_chat.id, deps.text("voice_mydata", lang))


async def on_forget(update: Update, context: GuideContext) -> None:
    """Ask for confirmation before erasing the learner's data."""
    deps = context.deps
    assert update.effective_message
    lang = await deps.language_of(update)
    await update.effective_message.reply_text(
        deps.text("forget_confirm", lang),
        reply_markup=keyboards.confirm_forget(deps.strings, lang),
    )


async def on_forget_choice(update: Update, context: GuideContext) -> None:
    """Erase the learner's profile, history and feedback once confirmed."""
    deps = context.deps
    query = update.callback_query
    assert query
    uid = user_id_of(update)
    lang = await deps.language_of(update)
    await query.answer()
    if query.data != keyboards.data(keyboards.FORGET, "yes"):
        await query.edit_message_text(deps.text("forget_cancelled", lang))
        return
    await deps.store.forget_user(uid)
    logger.info("A learner's data was erased on request")
    await query.edit_message_text(deps.text("forget_done", lang))


async def purge_history(context: GuideContext) -> None:
    """Daily job: delete conversation data older than the retention period."""
    deps = context.deps
    deleted = await deps.store.purge_older_than(deps.settings.retention_days)
    # Housekeeping that removed nothing is routine: not worth an INFO line a day.
    logger.log(
        logging.INFO if deleted else logging.DEBUG, "Retention: %d old rows deleted", deleted
    )
