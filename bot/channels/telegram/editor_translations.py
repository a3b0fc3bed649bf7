"""Editors' translations in Telegram: `/translations` shows where each language stands,
`/translations de` sends the German texts still to translate as a PO file, and a `.po` or
`.csv` file an editor sends back is checked and imported (`bot.editors.translations`, the same
as `guidebot translations export` and `import`). The running bot answers with the imported
texts at once.
"""

from __future__ import annotations

import asyncio
import io
import logging
from typing import Literal

from telegram import Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, CommandHandler, MessageHandler, filters

from bot.channels.telegram.deps import GuideApplication, GuideContext
from bot.channels.telegram.editors import editor_desk, editor_say, send_block
from bot.editors import translations as tr
from bot.editors.texts import Count, Say

logger = logging.getLogger(__name__)

MAX_FILE_BYTES = 5 * 1024 * 1024  # an export of the whole knowledge base is about 1 MB
_FILES = filters.Document.FileExtension("po") | filters.Document.FileExtension("csv")


def add_handlers(application: GuideApplication, group: int) -> None:
    """Before the editors' uploads: a .po or .csv file is a translation, not a document."""
    private = filters.ChatType.PRIVATE
    application.add_handler(
        CommandHandler("translations", on_translations, filters=private), group=group
    )
    application.add_handler(
        MessageHandler(private & filters.UpdateType.MESSAGE & _FILES, on_translation_file),
        group=group,
    )


async def on_translations(update: Update, context: GuideContext) -> None:
    """/translations [lang]: coverage per language, or one language's texts to translate."""
    desk = await editor_desk(update, context, "/translations")
    message = update.effective_message
    assert message
    say = editor_say(context, update.effective_user)
    knowledge = desk.knowledge
    languages = await asyncio.to_thread(tr.translation_languages, knowledge)
    wanted = [arg.lower() for arg in context.args or ()]
    if not wanted:
        table = await asyncio.to_thread(tr.coverage_report, knowledge, languages)
        lines = [say("editor_translations_heading"), *coverage_lines(table, say)]
        await send_block(context.bot, message.chat_id, "\n".join(lines))
        await message.reply_text(say("editor_translations_how"))
        raise ApplicationHandlerStop
    lang = wanted[0]
    if lang not in languages:
        shown = ", ".join(languages)
        await message.reply_text(say("editor_translations_unknown", code=lang, languages=shown))
        raise ApplicationHandlerStop
    text = await asyncio.to_thread(tr.export_language, knowledge, lang, "po")
    entries = text.count("\nmsgctxt ")
    name = context.deps.strings.language_name(lang)
    if not entries:
        await message.reply_text(say("editor_translations_nothing", language=name))
        raise ApplicationHandlerStop
    await message.reply_document(
        io.BytesIO(text.encode("utf-8")),
        filename=f"guidebot-{lang}.po",
        caption=say("editor_translations_file", language=name, n=Count(entries)),
    )
    raise ApplicationHandlerStop


def coverage_lines(table: dict[str, dict[str, int]], say: Say) -> list[str]:
    return [
        say("editor_translations_line", code=lang, **{k: Count(v) for k, v in row.items()})
        for lang, row in sorted(table.items())
    ]


async def on_translation_file(update: Update, context: GuideContext) -> None:
    """A .po or .csv file from an editor: check it line by line and save the good lines."""
    desk = await editor_desk(update, context, "translation file")
    message = update.effective_message
    assert message
    assert message.document
    say = editor_say(context, update.effective_user)
    document = message.document
    shown = (document.file_name or "file").replace("\n", " ")[:80]
    fmt: Literal["po", "csv"] = "csv" if shown.lower().endswith(".csv") else "po"
    lang = (message.caption or "").strip().lower()[:5]
    try:
        if (document.file_size or 0) > MAX_FILE_BYTES:
            raise ValueError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        telegram_file = await context.bot.get_file(document.file_id)
        content = bytes(await telegram_file.download_as_bytearray()).decode("utf-8")
        if len(content.encode("utf-8")) > MAX_FILE_BYTES:
            raise ValueError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
        report = await asyncio.to_thread(
            tr.import_file, desk.knowledge, content, fmt, lang
        )
    except (TelegramError, UnicodeDecodeError, ValueError) as exc:
        needs_language = isinstance(exc, ValueError) and "which language" in str(exc)
        key = "editor_import_no_language" if needs_language else "editor_import_unreadable"
        logger.info("Translation file refused: %s", type(exc).__name__)
        await message.reply_text(say(key, file=shown, error=str(exc)))
        raise ApplicationHandlerStop from None
    refused = len(report.refused)
    logger.info("Translations imported: %d saved, %d refused", report.accepted, refused)
    if report.accepted:
        await asyncio.to_thread(desk.sync)
    text = report.describe(say)
    if report.accepted:
        text += "\n\n" + say("editor_import_picked_up")
    await send_block(context.bot, message.chat_id, text)
    raise ApplicationHandlerStop
