"""Documents editors send to the bot: checked, completed in a short dialogue, confirmed, then
placed in the knowledge folder and indexed through the gate (`bot.editors.uploads`).

A document from anyone else is left to the learners' handler (which says the bot reads text:
a learner sending a file is not trying to edit the knowledge base), and logged without its
content. While an editor's upload waits for a metadata field, their next text message is the
answer; otherwise their messages are questions like anyone's. The file is read by a worker
process (`EditorDesk.receive`), so learners keep getting answers while it is; a refusal names
the file and the limit it broke, in the editor's language, and changes nothing else.
"""

from __future__ import annotations

import logging

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, MessageHandler, filters

from bot.channels.telegram import keyboards
from bot.channels.telegram.deps import GuideApplication, GuideContext
from bot.channels.telegram.editors import begin_reindex, editor_desk, editor_say
from bot.channels.telegram.formatting import escape
from bot.editors.desk import EditorDesk
from bot.editors.texts import Say
from bot.editors.uploads import (
    AUTHORITIES,
    Draft,
    UploadError,
    answer,
    display_name,
    missing,
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
    say = editor_say(context, user)
    document = message.document
    shown = display_name(document.file_name)
    limit = desk.settings.max_upload_mb
    staged = None
    try:
        name = safe_name(document.file_name, document.file_size, limit)
        staged = desk.staging(user.id) / name
        try:
            telegram_file = await context.bot.get_file(document.file_id)
            await telegram_file.download_to_drive(staged)
        except TelegramError as exc:
            raise UploadError("upload_refused_download", detail=exc.message) from None
        safe_name(name, staged.stat().st_size, limit)  # the size Telegram announced may lie
        draft = await desk.receive(staged, name, message.caption)
    except UploadError as exc:
        if staged is not None:
            desk.discard(staged.parent)
        logger.info("Upload refused: %s", exc.key)
        await _refuse(message, say, exc, shown, desk.drafts.get(user.id))
        raise ApplicationHandlerStop from None
    desk.keep(user.id, draft)
    logger.info("Upload %s received (%d bytes)", draft.id, staged.stat().st_size)
    await next_step(context, desk, message.chat_id, user.id, draft, say)
    raise ApplicationHandlerStop


async def _refuse(
    message: Message, say: Say, error: UploadError, shown: str, waiting: Draft | None
) -> None:
    """Say why, naming the file; and that an earlier draft of the editor still waits."""
    reason = say(error.key, **{**error.params, "file": shown})
    text = say("upload_refused", reason=reason)
    if waiting is not None:
        text += "\n" + say("upload_earlier_waits", file=waiting.name)
    await message.reply_text(escape(text))


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
    say = editor_say(context, user)
    problem = answer(draft, message.text or "")
    if problem:
        text = say(
            "upload_answer_invalid",
            label=_label(say, draft.asking),
            problem=problem,
            prompt=say(f"upload_prompt_{draft.asking}"),
        )
        await message.reply_text(escape(text), reply_markup=_field_buttons(draft, say))
    else:
        await next_step(context, desk, message.chat_id, user.id, draft, say)
    raise ApplicationHandlerStop


def _label(say: Say, field: str) -> str:
    """A metadata field's name in the editor's language (unknown ones as they are)."""
    try:
        return say(f"upload_label_{field}")
    except KeyError:
        return field


async def next_step(
    context: GuideContext, desk: EditorDesk, chat_id: int, user_id: int, draft: Draft, say: Say
) -> None:
    """Ask the next missing field, or show what will be indexed and ask to confirm."""
    todo = missing(draft)
    if todo:
        draft.asking = todo[0]
        label = _label(say, draft.asking)
        try:
            prompt = say(f"upload_prompt_{draft.asking}")
        except KeyError:
            prompt = label
        if draft.asking not in draft.meta:
            text = say("upload_ask_missing", label=label, prompt=prompt)
        else:
            problem = problems(draft.meta).get(draft.asking, "")
            text = say("upload_ask_invalid", label=label, problem=problem, prompt=prompt)
        if len(todo) > 1:
            text += "\n" + say("upload_fields_left", n=len(todo))
        await context.bot.send_message(
            chat_id, escape(text), reply_markup=_field_buttons(draft, say)
        )
        return
    draft.asking = None
    try:
        await desk.prepare(draft)
    except UploadError as exc:
        desk.drop_draft(user_id)
        reason = say(exc.key, **{**exc.params, "file": draft.name})
        await context.bot.send_message(chat_id, escape(say("upload_refused", reason=reason)))
        return
    destination = target(draft, desk.settings.knowledge_dir)
    where = destination.relative_to(desk.settings.knowledge_dir).as_posix()
    lines = [say("upload_ready", title=str(draft.meta["title"]), chunks=draft.chunks, path=where)]
    if destination.exists():
        lines.append(say("upload_ready_replaces"))
    lines.append(say("upload_ready_question"))
    buttons = [
        InlineKeyboardButton(
            say("button_editor_index"), callback_data=keyboards.data(EDIT, "ok", draft.id)
        ),
        InlineKeyboardButton(
            say("button_editor_cancel"), callback_data=keyboards.data(EDIT, "no", draft.id)
        ),
    ]
    await context.bot.send_message(
        chat_id, escape("\n".join(lines)), reply_markup=InlineKeyboardMarkup([buttons])
    )


def _field_buttons(draft: Draft, say: Say) -> InlineKeyboardMarkup:
    rows = []
    if draft.asking == "authority":
        choices = [
            InlineKeyboardButton(
                say(f"button_authority_{a}"), callback_data=keyboards.data(EDIT, "set", a)
            )
            for a in AUTHORITIES
        ]
        rows += [choices[:3], choices[3:]]
    cancel = keyboards.data(EDIT, "no", draft.id)
    rows.append([InlineKeyboardButton(say("button_editor_cancel"), callback_data=cancel)])
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
    say = editor_say(context, user)
    await query.answer()
    _, action, value = (query.data or "::").split(":", 2)
    draft = desk.drafts.get(user.id)
    if action == "set" and draft is not None and draft.asking == "authority":
        answer(draft, value)
        await next_step(context, desk, chat_id, user.id, draft, say)
    elif draft is None or (action in ("ok", "no") and value != draft.id):
        await query.edit_message_text(escape(say("upload_gone")))
    elif action == "no":
        desk.drop_draft(user.id)
        await query.edit_message_text(escape(say("upload_cancelled")))
    elif action == "ok":
        if desk.busy:
            await context.bot.send_message(chat_id, escape(say("upload_wait_for_reindex")))
            raise ApplicationHandlerStop
        # No await from the check to taking the slot: a scheduled reindex cannot start in
        # between, index the upload half-done, or leave it installed without its own run.
        installed = desk.install(draft)
        begin_reindex(context.bot, desk, chat_id, say, upload=installed, by=f"editor {user.id}")
        desk.drop_draft(user.id)
        logger.info("Upload %s saved as %s", draft.id, installed.path)
        path = installed.path.as_posix()
        await query.edit_message_text(escape(say("upload_saved", path=path)))
    raise ApplicationHandlerStop
