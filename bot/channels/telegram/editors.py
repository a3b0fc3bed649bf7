"""Editors in a private chat: /reindex, /kb, /gaps (uploads: `editor_uploads`); the jobs that
keep the running bot on the live index; the answer log hooks for learners' replies.

Editors are `EDITOR_IDS`; anyone else gets a plain refusal, and the refusal is logged. These
handlers run in group -1, before the learners' ones, and stop the update once handled. A
reindex runs in the background: one message shows its progress, then its result. Editors are
answered in their Telegram app's language (`bot/locales/editors/`), remembered for the
scheduled reindex's notices (English for an editor not heard from since the bot started).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, TypeVar

from telegram import Bot, Update, User
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, CommandHandler, filters

from bot.channels.telegram.deps import GuideApplication, GuideContext
from bot.channels.telegram.formatting import code_block, escape
from bot.channels.telegram.send import best_effort
from bot.editors.gaps import describe_groups
from bot.editors.texts import Say, speaker
from bot.guidance.thresholds import THRESHOLDS
from bot.guidance.types import Profile, Reply
from ingest.versions import IndexBusy

if TYPE_CHECKING:
    from bot.editors.desk import EditorDesk
    from bot.editors.reindex import ReindexResult
    from bot.editors.uploads import Installed

logger = logging.getLogger(__name__)

T = TypeVar("T")

GROUP = -1
PROGRESS_EVERY = 1.5  # seconds between progress edits (Telegram: about one a second per chat)
INDEX_CHECK_EVERY = timedelta(seconds=30)


def install(application: GuideApplication) -> None:
    """Add the editors' handlers and jobs to the application."""
    from bot.channels.telegram import editor_translations, editor_uploads

    private = filters.ChatType.PRIVATE
    for name, callback in (("reindex", on_reindex), ("kb", on_kb), ("gaps", on_gaps)):
        application.add_handler(CommandHandler(name, callback, filters=private), group=GROUP)
    editor_translations.add_handlers(application, GROUP)  # .po/.csv files before uploads
    editor_uploads.add_handlers(application, GROUP)
    deps = application.bot_data["deps"]
    if deps.editors is None or application.job_queue is None:
        return
    jobs = application.job_queue
    jobs.run_repeating(watch_index, interval=INDEX_CHECK_EVERY, name="watch-index")
    interval = deps.settings.reindex_interval
    if interval is not None:
        jobs.run_repeating(scheduled_reindex, interval=interval, first=interval, name="reindex")


def editor_say(context: GuideContext, user: User | None) -> Say:
    """The editors' texts in this editor's language: their Telegram app's (remembered)."""
    deps = context.deps
    lang = deps.language_for(Profile(), user)
    if user is not None and deps.editors is not None:
        deps.editors.languages[user.id] = lang
    return speaker(deps.strings, lang)


def language_say(context: GuideContext, editor: int) -> Say:
    """The texts for an editor the bot writes to unasked (the language they last used)."""
    desk = context.deps.editors
    lang = desk.languages.get(editor, "en") if desk is not None else "en"
    return speaker(context.deps.strings, lang)


async def editor_desk(update: Update, context: GuideContext, command: str) -> EditorDesk:
    """The desk, for an editor; otherwise refuse (logged) and stop handling the update."""
    deps = context.deps
    user = update.effective_user
    desk = deps.editors
    if desk is None or not desk.is_editor(user.id if user else None):
        logger.warning("Editors' %s refused: user %s is not an editor", command, user and user.id)
        lang = await deps.language_of(update)
        if update.callback_query is not None:
            await best_effort(
                update.callback_query.answer(deps.text("editors_only", lang)), "answer"
            )
        elif update.effective_message is not None:
            await update.effective_message.reply_text(deps.text("editors_only", lang))
        raise ApplicationHandlerStop
    return desk


async def on_reindex(update: Update, context: GuideContext) -> None:
    """/reindex [force] [full]: the gated reindex, in the background."""
    desk = await editor_desk(update, context, "/reindex")
    assert update.effective_chat
    assert update.effective_user
    words = {arg.lower().lstrip("-") for arg in context.args or ()}
    await start_reindex(
        context,
        desk,
        update.effective_chat.id,
        editor_say(context, update.effective_user),
        force="force" in words,
        full="full" in words,
        by=f"editor {update.effective_user.id}",
    )
    raise ApplicationHandlerStop


async def on_kb(update: Update, context: GuideContext) -> None:
    """/kb: the live index, and the documents due for a check."""
    desk = await editor_desk(update, context, "/kb")
    assert update.effective_chat
    say = editor_say(context, update.effective_user)
    from bot.channels.telegram.editor_translations import coverage_lines
    from bot.editors.translations import coverage_report

    table = await asyncio.to_thread(coverage_report, desk.knowledge)
    lines = [desk.overview().describe(say), "", say("editor_translations_heading")]
    lines += coverage_lines(table, say)
    await send_block(context.bot, update.effective_chat.id, "\n".join(lines))
    raise ApplicationHandlerStop


async def on_gaps(update: Update, context: GuideContext) -> None:
    """/gaps: the last 30 days' unanswered questions, grouped, most frequent first."""
    desk = await editor_desk(update, context, "/gaps")
    assert update.effective_chat
    groups = await desk.gap_groups(context.deps.store)
    say = editor_say(context, update.effective_user)
    await send_block(context.bot, update.effective_chat.id, describe_groups(groups, 30, say))
    raise ApplicationHandlerStop


async def send_block(bot: Bot, chat_id: int, text: str, message_id: int | None = None) -> None:
    """Preformatted text, split into messages; the first replaces `message_id` if given."""
    parts = code_block(text)
    if message_id is not None:
        await bot.edit_message_text(parts[0], chat_id=chat_id, message_id=message_id)
        parts = parts[1:]
    for part in parts:
        await bot.send_message(chat_id, part)


async def start_reindex(
    context: GuideContext,
    desk: EditorDesk,
    chat_id: int,
    say: Say,
    *,
    force: bool = False,
    full: bool = False,
    by: str,
) -> bool:
    """Start a reindex in the background with a progress message; False if one is running."""
    if desk.busy:
        await context.bot.send_message(chat_id, escape(say("editor_reindex_already_running")))
        return False
    begin_reindex(context.bot, desk, chat_id, say, force=force, full=full, by=by)
    return True


def begin_reindex(
    bot: Bot,
    desk: EditorDesk,
    chat_id: int,
    say: Say,
    *,
    force: bool = False,
    full: bool = False,
    upload: Installed | None = None,
    by: str,
) -> None:
    """Take the reindex slot (`desk.task`, free: the caller checked `desk.busy` and has not
    awaited since, so no scheduled reindex started in between) and run in the background."""
    assert not desk.busy

    async def announced() -> ReindexResult | None:
        starting = say("editor_reindex_forced_starting" if force else "editor_reindex_starting")
        message_id = None  # without a progress message, the result comes as a new one
        try:
            message_id = (await bot.send_message(chat_id, escape(starting))).message_id
        except TelegramError as exc:
            logger.warning("reindex progress message failed: %s", exc)
        return await run_reindex(
            bot, desk, [(chat_id, say)], message_id, force, full, upload, by=by
        )

    # A plain task (kept on the desk): it reports its own failures to the editor.
    desk.task = asyncio.create_task(announced(), name="reindex")


async def run_reindex(
    bot: Bot,
    desk: EditorDesk,
    chats: list[tuple[int, Say]],
    message_id: int | None,
    force: bool = False,
    full: bool = False,
    upload: Installed | None = None,
    *,
    by: str = "the schedule",
) -> ReindexResult | None:
    """Run the reindex in a thread, edit the progress message (in the first chat), then report
    to each chat in its editor's language."""
    loop = asyncio.get_running_loop()
    stages: list[str] = []
    first = chats[0][1] if chats else None

    def progress(key: str, /, **params: object) -> None:
        if first is not None:
            loop.call_soon_threadsafe(stages.append, first(key, **params))

    work = in_daemon_thread(lambda: desk.reindex(full=full, force=force, progress=progress, by=by))
    shown = ""
    while not (await asyncio.wait({work}, timeout=PROGRESS_EVERY))[0]:
        if message_id is not None and stages and stages[-1] != shown:
            shown = stages[-1]
            assert first is not None
            await best_effort(
                bot.edit_message_text(
                    escape(first("editor_reindex_progress", stage=shown)),
                    chat_id=chats[0][0],
                    message_id=message_id,
                ),
                "progress",
            )
    result, failure = None, None
    try:
        result = work.result()
    except IndexBusy:
        failure = "editor_reindex_busy_elsewhere"
    except Exception:
        logger.exception("Reindex failed")
        failure = "editor_reindex_failed"
    taken_out = upload is not None and (result is None or not result.went_live)
    if upload is not None:
        if taken_out:
            upload.rollback()
        upload.done()
    for n, (chat_id, say) in enumerate(chats):
        text = say(failure) if failure else result.details(say) if result else ""
        if taken_out and upload is not None:
            text += "\n\n" + say("editor_upload_taken_out", path=upload.path.as_posix())
        await best_effort(
            send_block(bot, chat_id, text, message_id if n == 0 else None), "reindex result"
        )
    return result


def in_daemon_thread(work: Callable[[], T]) -> asyncio.Future[T]:
    """Run `work` in a thread of its own that does not hold up the process's exit: a stopping
    bot leaves a reindex behind (its new index version never went live) instead of waiting
    minutes for it, as `asyncio.to_thread` would."""
    loop = asyncio.get_running_loop()
    future: asyncio.Future[T] = loop.create_future()

    def settle(result: T | None, error: BaseException | None) -> None:
        if future.done():
            return
        if error is not None:
            future.set_exception(error)
        else:
            future.set_result(result)  # type: ignore[arg-type]

    def run() -> None:
        try:
            result, error = work(), None
        except BaseException as exc:  # handed to the awaiting task
            result, error = None, exc
        with contextlib.suppress(RuntimeError):  # the loop closed: nobody waits any more
            loop.call_soon_threadsafe(settle, result, error)

    threading.Thread(target=run, name="reindex", daemon=True).start()
    return future


async def watch_index(context: GuideContext) -> None:
    """Job: answer from the live index when another process switched it."""
    desk = context.deps.editors
    if desk is not None and not desk.busy:
        await asyncio.to_thread(desk.sync)


async def scheduled_reindex(context: GuideContext) -> None:
    """Job (`REINDEX_EVERY`): the same gated reindex; editors hear when something changed or
    a file failed (a broken new file alone changes nothing in the index)."""
    desk = context.deps.editors
    if desk is None or desk.busy:
        return
    desk.task = asyncio.ensure_future(run_reindex(context.bot, desk, [], None))
    result = await desk.task
    if result is not None and (result.outcome != "unchanged" or result.report.failed):
        for editor in desk.settings.editor_ids:
            say = language_say(context, editor)
            text = say("editor_scheduled_reindex") + "\n" + result.details(say)
            await best_effort(send_block(context.bot, editor, text), "scheduled reindex")


# --- the answer log, for replay and /gaps ----------------------------------------------------


async def log_reply(
    context: GuideContext,
    user_id: int,
    turn_id: int,
    question: str,
    reply: Reply,
    country: str | None,
) -> None:
    """Record the reply for replay; the question (without the user) if it shows a gap."""
    from bot.answer_log import gap_reason

    deps = context.deps
    gap = gap_reason(reply, THRESHOLDS[deps.settings.embeddings])
    await deps.store.answers.record(
        user_id, turn_id, reply, question=question, country=country, gap=gap
    )


async def log_unhelpful(context: GuideContext, user_id: int, turn_id: int) -> None:
    """A 👎: the question of that answer becomes a gap."""
    await context.deps.store.answers.mark_unhelpful(user_id, turn_id)
