"""Documents editors send to the bot: checked, completed in a short dialogue, confirmed, then
placed in the knowledge folder and indexed through the gate (`bot.editors.uploads`).

A document from anyone else is left to the learners' handler (which says the bot reads text:
a learner sending a file is not trying to edit the knowledge base), and logged without its
content. While an editor's upload waits for a metadata field, their next text message is the
answer; otherwise their messages are questions like anyone's.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, MessageHandler, filters

from bot.channels.telegram import keyboards
from bot.channels.telegram.deps import GuideApplication, GuideContext
from bot.channels.telegram.editors import begin_reindex, editor_desk
from bot.channels.telegram.formatting import escape
from bot.editors.desk import EditorDesk
from bot.editors.uploads import (
    AUTHORITIES,
    PROMPTS,
    Draft,
    UploadError,
    answer,
    missing,
    open_draft,
    prepare,
    problems,
    safe_name,
    target,
)

logger = logging.getLogger(__name__)

EDIT = "ed"


def add_handlers(application: GuideApplication, group: int) -> None:
    private = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE
    application.add_handler(MessageHandler(private & filters.Document.ALL, on_document), group)
    application.add_handler(
        MessageHandler(private & filters.TEXT & ~filters.COMMAND, on_field_answer), group
    )
    application.add_handler(
        CallbackQueryHandler(on_button, pattern=keyboards.pattern(EDIT)), group
    )


async def on_document(update: Update, context: GuideContext) -> None:
    """A document: an editor's upload; anyone else's goes on to the learners' handler."""
    desk = context.deps.editors
    user = update.effective_user
    message = update.effective_message
    assert user
    assert message
    assert message.document
    if desk is None or not desk.is_editor(user.id):
        logger.info("A document was not taken as an upload: the sender is not an editor")
        return
    document = message.document
    limit = desk.settings.max_upload_mb
    try:
        name = safe_name(document.file_name, document.file_size, limit)
        staged = desk.staging(user.id) / name
        try:
            telegram_file = await context.bot.get_file(document.file_id)
            await telegram_file.download_to_drive(staged)
        except TelegramError as exc:
            raise UploadError(f"The file could not be downloaded ({exc.message}).") from None
        safe_name(name, staged.stat().st_size, limit)  # the size Telegram announced may lie
        draft = open_draft(staged, name, message.caption)
    except UploadError as exc:
        desk.drop_draft(user.id)
        logger.info("Upload refused: %s", exc)
        await message.reply_text(f"Not accepted: {escape(str(exc))}\nNothing was changed.")
        raise ApplicationHandlerStop from None
    desk.drafts[user.id] = draft
    logger.info("Upload %s received (%d bytes)", draft.id, staged.stat().st_size)
    await next_step(context, desk, message.chat_id, user.id, draft)
    raise ApplicationHandlerStop


async def on_field_answer(update: Update, context: GuideContext) -> None:
    """The editor's answer to the metadata field being asked (other texts pass through)."""
    desk = context.deps.editors
    user = update.effective_user
    message = update.effective_message
    if desk is None or user is None or message is None or not desk.is_editor(user.id):
        return
    draft = desk.drafts.get(user.id)
    if draft is None or draft.asking is None:
        return
    problem = answer(draft, message.text or "")
    if problem:
        prompt = PROMPTS.get(draft.asking, draft.asking)
        await message.reply_text(
            f"That is not a valid {draft.asking}: {escape(problem)}.\n"
            f"Please send {escape(prompt)}.",
            reply_markup=_field_buttons(draft),
        )
    else:
        await next_step(context, desk, message.chat_id, user.id, draft)
    raise ApplicationHandlerStop


async def next_step(
    context: GuideContext, desk: EditorDesk, chat_id: int, user_id: int, draft: Draft
) -> None:
    """Ask the next missing field, or show what will be indexed and ask to confirm."""
    todo = missing(draft)
    if todo:
        draft.asking = todo[0]
        current = problems(draft.meta).get(draft.asking, "")
        why = "is missing" if draft.asking not in draft.meta else f"is not valid ({current})"
        prompt = PROMPTS.get(draft.asking, draft.asking)
        await context.bot.send_message(
            chat_id,
            f"The {escape(draft.asking)} {escape(why)}. Please send {escape(prompt)}."
            + (f"\n({len(todo)} fields to fill.)" if len(todo) > 1 else ""),
            reply_markup=_field_buttons(draft),
        )
        return
    draft.asking = None
    try:
        prepare(draft)
    except UploadError as exc:
        desk.drop_draft(user_id)
        await context.bot.send_message(
            chat_id, f"Not accepted: {escape(str(exc))}\nNothing was changed."
        )
        return
    destination = target(draft, desk.settings.knowledge_dir)
    where = destination.relative_to(desk.settings.knowledge_dir).as_posix()
    replaces = " (replaces the file there now)" if destination.exists() else ""
    await context.bot.send_message(
        chat_id,
        f"Ready: «{escape(str(draft.meta['title']))}», {draft.chunks} chunks, "
        f"to be saved as knowledge/{escape(where)}{replaces}.\n"
        "Index it now? The new index goes live only if the gate accepts it.",
        reply_markup=InlineKeyboardMarkup(
            [
                [
                    InlineKeyboardButton(
                        "Index it", callback_data=keyboards.data(EDIT, "ok", draft.id)
                    ),
                    InlineKeyboardButton(
                        "Cancel", callback_data=keyboards.data(EDIT, "no", draft.id)
                    ),
                ]
            ]
        ),
    )


def _field_buttons(draft: Draft) -> InlineKeyboardMarkup:
    rows = []
    if draft.asking == "authority":
        choices = [
            InlineKeyboardButton(a, callback_data=keyboards.data(EDIT, "set", a))
            for a in AUTHORITIES
        ]
        rows += [choices[:3], choices[3:]]
    rows.append(
        [InlineKeyboardButton("Cancel", callback_data=keyboards.data(EDIT, "no", draft.id))]
    )
    return InlineKeyboardMarkup(rows)


async def on_button(update: Update, context: GuideContext) -> None:
    """Index it / Cancel / an authority choice, under an upload's messages."""
    query = update.callback_query
    assert query
    desk = await editor_desk(update, context, "upload button")
    user = update.effective_user
    assert user
    assert update.effective_chat
    chat_id = update.effective_chat.id
    await query.answer()
    _, action, value = (query.data or "::").split(":", 2)
    draft = desk.drafts.get(user.id)
    if action == "set" and draft is not None and draft.asking == "authority":
        answer(draft, value)
        await next_step(context, desk, chat_id, user.id, draft)
    elif draft is None or (action in ("ok", "no") and value != draft.id):
        await query.edit_message_text("This upload is no longer waiting.")
    elif action == "no":
        desk.drop_draft(user.id)
        await query.edit_message_text("Upload cancelled: nothing was changed.")
    elif action == "ok":
        if desk.busy:
            await context.bot.send_message(
                chat_id, "A reindex is running: tap again when it ends."
            )
            raise ApplicationHandlerStop
        # No await from the check to taking the slot: a scheduled reindex cannot start in
        # between, index the upload half-done, or leave it installed without its own run.
        installed = desk.install(draft)
        begin_reindex(context.bot, desk, chat_id, upload=installed, by=f"editor {user.id}")
        desk.drop_draft(user.id)
        logger.info("Upload %s saved as %s", draft.id, installed.path)
        await query.edit_message_text(f"Saved as knowledge/{escape(installed.path.as_posix())}.")
    raise ApplicationHandlerStop
