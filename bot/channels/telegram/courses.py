"""Course search in Telegram: result cards with paging and refine buttons, `/courses`, and
the learner's shared location.

Plain messages reach the finder through the engine (`questions.answer_question` hands replies
that carry a course search to `send_course_reply`). `/courses`, buttons and a shared location
call the finder directly, like `guidebot courses` does. The search behind the last results is
kept in `user_data` (as the finder's JSON), so paging and refining need no second question.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    KeyboardButton,
    ReplyKeyboardMarkup,
    Update,
)
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.channels.telegram import errors, keyboards
from bot.channels.telegram.deps import GuideApplication, GuideContext, user_id_of
from bot.channels.telegram.formatting import escape, link, split_for_telegram
from bot.channels.telegram.send import best_effort, send_parts
from bot.courses.finder import PAGE_SIZE
from bot.courses.query import CourseQuery
from bot.courses.replies import RADII, wider
from bot.courses.texts import CourseTexts, card_lines
from bot.guidance.types import Reply

if TYPE_CHECKING:
    from bot.courses.finder import CourseFinder

logger = logging.getLogger(__name__)

COURSES = "crs"  # callback data: crs:p:<offset> (a page), crs:r:<online|evening|free|wider>
PAGE, REFINE = "p", "r"
SAVED = "course_search"  # user_data key: the search behind the last results (JSON)
_TITLE_CHARS, _PROVIDER_CHARS = 120, 80


def add_handlers(application: GuideApplication) -> None:
    """`/courses`, the course buttons and shared locations (before the catch-all handlers)."""
    private = filters.ChatType.PRIVATE
    application.add_handler(CommandHandler("courses", on_courses_command, filters=private))
    application.add_handler(
        CallbackQueryHandler(on_course_button, pattern=keyboards.pattern(COURSES))
    )
    application.add_handler(
        MessageHandler(private & filters.UpdateType.MESSAGE & filters.LOCATION, on_location)
    )


def finder_of(context: GuideContext) -> CourseFinder | None:
    """The engine's course finder; None when no catalogue is loaded."""
    return getattr(context.deps.engine, "courses", None)


# -- rendering ----------------------------------------------------------------------------------


def render_courses(reply: Reply, texts: CourseTexts, lang: str) -> list[str]:
    """The reply's text, its notices and its cards as Telegram HTML messages."""
    blocks = [f"<b>{escape(reply.text)}</b>"]
    blocks += [f"<i>{escape(notice)}</i>" for notice in reply.notices]
    for n, card in enumerate(reply.courses, reply.course_offset + 1):
        short = replace(card, title=_cut(card.title, _TITLE_CHARS),
                        provider=_cut(card.provider, _PROVIDER_CHARS))  # fmt: skip
        head, where, money = card_lines(short, texts, lang)
        title, _, provider = head.partition(" — ")
        title_link = link(card.url, title)
        blocks.append(
            f"{n}. <b>{title_link}</b> — {escape(provider)}\n{escape(where)}\n{escape(money)}"
        )
    return split_for_telegram("\n\n".join(blocks))


def results_keyboard(
    reply: Reply, texts: CourseTexts, lang: str, page_size: int = PAGE_SIZE
) -> InlineKeyboardMarkup:
    """Paging, then the refine buttons (a dot marks the ones on), then a wider area if empty."""
    query = CourseQuery.from_json(reply.course_query)
    rows: list[list[InlineKeyboardButton]] = []
    paging = []
    if reply.course_offset > 0:
        back = max(0, reply.course_offset - page_size)
        paging.append(_button(texts.get("button_previous", lang), PAGE, back))
    if reply.course_offset + len(reply.courses) < reply.course_total:
        paging.append(
            _button(texts.get("button_next", lang), PAGE, reply.course_offset + len(reply.courses))
        )
    if paging:
        rows.append(paging)
    toggles = (("online", query.mode == "online"), ("evening", query.schedule == "evening"),
               ("free", query.free))  # fmt: skip
    rows.append(
        [
            _button(("• " if on else "") + texts.get(f"button_{name}", lang), REFINE, name)
            for name, on in toggles
        ]
    )
    if (
        not reply.courses
        and query.located
        and query.mode != "online"
        and query.radius_km < RADII[-1]
    ):
        label = texts.get("button_wider", lang, km=f"{wider(query.radius_km):g}")
        rows.append([_button(label, REFINE, "wider")])
    return InlineKeyboardMarkup(rows)


def place_keyboard(texts: CourseTexts, lang: str) -> ReplyKeyboardMarkup:
    """Share a location, or ask for online courses (sent as a message the engine reads)."""
    return ReplyKeyboardMarkup(
        [
            [KeyboardButton(texts.get("button_location", lang), request_location=True)],
            [KeyboardButton(texts.get("button_online_courses", lang))],
        ],
        one_time_keyboard=True,
        resize_keyboard=True,
    )


async def send_course_reply(context: GuideContext, chat_id: int, reply: Reply, lang: str) -> None:
    """Send a finder reply: cards with buttons, or the question where to look."""
    finder = finder_of(context)
    texts = finder.texts if finder else CourseTexts(context.deps.strings)
    if context.user_data is not None and reply.course_query:
        context.user_data[SAVED] = reply.course_query
    parts = render_courses(reply, texts, lang)
    if reply.decision != "clarify":
        page_size = finder.page_size if finder else PAGE_SIZE
        markup = results_keyboard(reply, texts, lang, page_size)
        await send_parts(context.bot, chat_id, parts, markup)
        return
    for part in parts[:-1]:
        await context.bot.send_message(chat_id, part)
    await context.bot.send_message(chat_id, parts[-1], reply_markup=place_keyboard(texts, lang))


# -- handlers -----------------------------------------------------------------------------------


async def on_courses_command(update: Update, context: GuideContext) -> None:
    """`/courses [what and where]`: search at once, or ask what and where."""
    deps, finder = context.deps, finder_of(context)
    message = update.effective_message
    assert message
    if finder is None:  # no catalogue loaded: like any command the bot does not know
        await errors.on_unknown_command(update, context)
        return
    if not await _allowed(update, context):
        return
    uid = user_id_of(update)
    lang = await deps.language_of(update)
    text = " ".join(context.args or ())
    if not text:
        if context.user_data is not None:
            context.user_data[SAVED] = ""
        await message.reply_text(escape(finder.texts.get("intro", lang)),
                                 reply_markup=place_keyboard(finder.texts, lang))  # fmt: skip
        return
    profile = await deps.store.get_profile(uid)
    reply = await asyncio.to_thread(finder.answer, finder.query_for(text, profile), lang)
    await deps.store.add_turn(uid, "user", f"/courses {text}")
    await deps.store.add_turn(uid, "bot", reply.text)
    await send_course_reply(context, message.chat_id, reply, lang)


async def on_location(update: Update, context: GuideContext) -> None:
    """A shared location: the waiting search (or any course) near it."""
    finder = finder_of(context)
    message = update.effective_message
    assert message
    if finder is None or message.location is None:
        await errors.on_non_text(update, context)
        return
    if not await _allowed(update, context):
        return
    lang = await context.deps.language_of(update)
    saved = str((context.user_data or {}).get(SAVED, ""))
    where = message.location
    reply = await asyncio.to_thread(
        finder.at_location, saved, where.latitude, where.longitude, lang
    )
    await send_course_reply(context, message.chat_id, reply, lang)


async def on_course_button(update: Update, context: GuideContext) -> None:
    """Next or previous page, or a refine button: edit the results in place."""
    query = update.callback_query
    assert query
    finder = finder_of(context)
    saved = str((context.user_data or {}).get(SAVED, ""))
    lang = await context.deps.language_of(update)
    _, kind, value = ((query.data or "") + "::").split(":")[:3]
    if finder is None or not saved:
        text = finder.texts.get("search_again", lang) if finder else None
        await query.answer(text)
        return
    await query.answer()
    if kind == PAGE and value.isdigit():
        reply = await asyncio.to_thread(finder.page, saved, int(value), lang)
    elif kind == REFINE:
        reply = await asyncio.to_thread(finder.refine, saved, value, lang)
    else:
        return
    if context.user_data is not None:
        context.user_data[SAVED] = reply.course_query
    parts = render_courses(reply, finder.texts, lang)
    markup = results_keyboard(reply, finder.texts, lang)
    await best_effort(query.edit_message_text(parts[0], reply_markup=markup), "edit results")


async def _allowed(update: Update, context: GuideContext) -> bool:
    """The learner's rate limit, as for questions; says so once when reached."""
    deps = context.deps
    verdict = deps.limiter.check(user_id_of(update))
    if verdict == "limited" and update.effective_message:
        lang = await deps.language_of(update)
        seconds = deps.limiter.retry_in(user_id_of(update))
        await update.effective_message.reply_text(deps.text("rate_limited", lang, seconds=seconds))
    return verdict == "ok"


def _button(label: str, kind: str, value: str | int) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=keyboards.data(COURSES, kind, value))


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
