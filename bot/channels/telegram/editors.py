"""Editors in a private chat: /reindex, /kb, /gaps (uploads: `editor_uploads`); the jobs that
keep the running bot on the live index; the answer log hooks for learners' replies.

Editors are `EDITOR_IDS`; anyone else gets a plain refusal, and the refusal is logged. These
handlers run in group -1, before the learners' ones, and stop the update once handled. A
reindex runs in the background: one message shows its progress, then its result. Texts for
editors are English (staff tools); learners' texts stay localised.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import TYPE_CHECKING, TypeVar

from telegram import Bot, Update
from telegram.error import TelegramError
from telegram.ext import ApplicationHandlerStop, CommandHandler, filters

from bot.channels.telegram.deps import GuideApplication, GuideContext
from bot.channels.telegram.formatting import code_block, escape
from bot.channels.telegram.send import best_effort
from bot.editors.gaps import describe_groups
from bot.guidance.triage import THRESHOLDS
from bot.guidance.types import Reply
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
    from bot.channels.telegram import editor_uploads

    private = filters.ChatType.PRIVATE
    for name, callback in (("reindex", on_reindex), ("kb", on_kb), ("gaps", on_gaps)):
        application.add_handler(CommandHandler(name, callback, filters=private), group=GROUP)
    editor_uploads.add_handlers(application, GROUP)
    deps = application.bot_data["deps"]
    if deps.editors is None or application.job_queue is None:
        return
    jobs = application.job_queue
    jobs.run_repeating(watch_index, interval=INDEX_CHECK_EVERY, name="watch-index")
    interval = deps.settings.reindex_interval
    if interval is not None:
        jobs.run_repeating(scheduled_reindex, interval=interval, first=interval, name="reindex")


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
        force="force" in words,
        full="full" in words,
        by=f"editor {update.effective_user.id}",
    )
    raise ApplicationHandlerStop


async def on_kb(update: Update, context: GuideContext) -> None:
    """/kb: the live index, and the documents due for a check."""
    desk = await editor_desk(update, context, "/kb")
    assert update.effective_chat
    await send_block(context.bot, update.effective_chat.id, desk.overview().describe())
    raise ApplicationHandlerStop


async def on_gaps(update: Update, context: GuideContext) -> None:
    """/gaps: the last 30 days' unanswered questions, grouped, most frequent first."""
    desk = await editor_desk(update, context, "/gaps")
    assert update.effective_chat
    groups = await desk.gap_groups(context.deps.store)
    await send_block(context.bot, update.effective_chat.id, describe_groups(groups, 30))
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
    *,
    force: bool = False,
    full: bool = False,
    by: str,
) -> bool:
    """Start a reindex in the background with a progress message; False if one is running."""
    if desk.busy:
        await context.bot.send_message(
            chat_id, "A reindex is already running: wait for its result."
        )
        return False
    begin_reindex(context.bot, desk, chat_id, force=force, full=full, by=by)
    return True


def begin_reindex(
    bot: Bot,
    desk: EditorDesk,
    chat_id: int,
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
        what = "Reindex (forced: no gate)" if force else "Reindex"
        message_id = None  # without a progress message, the result comes as a new one
        try:
            message_id = (await bot.send_message(chat_id, f"{what}: starting…")).message_id
        except TelegramError as exc:
            logger.warning("reindex progress message failed: %s", exc)
        return await run_reindex(bot, desk, [chat_id], message_id, force, full, upload, by=by)

    # A plain task (kept on the desk): it reports its own failures to the editor.
    desk.task = asyncio.create_task(announced(), name="reindex")


async def run_reindex(
    bot: Bot,
    desk: EditorDesk,
    chat_ids: list[int],
    message_id: int | None,
    force: bool = False,
    full: bool = False,
    upload: Installed | None = None,
    *,
    by: str = "the schedule",
) -> ReindexResult | None:
    """Run the reindex in a thread, edit the progress message, then report to `chat_ids`."""
    loop = asyncio.get_running_loop()
    stages: list[str] = []

    def progress(text: str) -> None:
        loop.call_soon_threadsafe(stages.append, text)

    work = in_daemon_thread(lambda: desk.reindex(full=full, force=force, progress=progress, by=by))
    shown = ""
    while not (await asyncio.wait({work}, timeout=PROGRESS_EVERY))[0]:
        if message_id is not None and stages and stages[-1] != shown:
            shown = stages[-1]
            await best_effort(
                bot.edit_message_text(
                    f"Reindex: {escape(shown)}", chat_id=chat_ids[0], message_id=message_id
                ),
                "progress",
            )
    result = None
    try:
        result = work.result()
        text = result.details()
    except IndexBusy:
        text = "Another reindex is running (perhaps `guidebot ingest`): try again later."
    except Exception:
        logger.exception("Reindex failed")
        text = "The reindex failed (see the log); the live index is unchanged."
    if upload is not None:
        if result is None or not result.went_live:
            upload.rollback()
            text += f"\n\nThe upload {upload.path} was taken out again: nothing changed."
        upload.done()
    for n, chat_id in enumerate(chat_ids):
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
        text = "Scheduled reindex:\n" + result.details()
        for editor in desk.settings.editor_ids:
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
