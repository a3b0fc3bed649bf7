"""Learners' questions: a text message becomes an engine call, the `Reply` becomes messages.

Answers come with their sources and 👍 / 👎 / counsellor buttons; clarifying questions with one
button per option, and choosing one answers the question the learner asked in the first place;
escalations and requests for a person go through `hand_over`.
"""

from __future__ import annotations

import logging
from typing import Literal

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update, User

from bot.channels.telegram import courses, editors, handover, keyboards
from bot.channels.telegram.deps import Deps, GuideContext, user_id_of
from bot.channels.telegram.formatting import render_reply
from bot.channels.telegram.send import best_effort, send_parts, typing
from bot.guidance.types import Profile, Reply
from bot.ops import updates

logger = logging.getLogger(__name__)

LEARNABLE = ("language", "country", "region", "status")

HandoverReason = Literal["engine", "learner", "feedback", "error"]


async def hand_over(
    context: GuideContext,
    chat_id: int,
    user_id: int,
    lang: str,
    reason: HandoverReason,
    reply: Reply | None = None,
    source: tuple[int, int] | None = None,
) -> None:
    """Put the learner in touch with a human counsellor: the engine's reply first (if any), then
    a case in the counsellors' group with the conversation so far (`handover.open_case_for`).

    Without a counsellors' group, the learner is told how a person will answer.
    `source` is the learner's message that asked (so a repeated update opens nothing twice).
    """
    deps = context.deps
    logger.debug("Handover requested (reason=%s)", reason)
    if reason != "engine":  # an escalation by the engine keeps its decision in the log line
        updates.note("handover", lang)
    if reply is not None:
        await send_parts(context.bot, chat_id, render_reply(reply, deps.strings, lang))
    if await handover.open_case_for(context, chat_id, user_id, lang, reason, reply, source):
        return
    if reply is None:
        await context.bot.send_message(chat_id, deps.text("human_requested", lang))
        return
    # The engine usually ends its text with this line already (in the reply's own language).
    if deps.strings.get("escalate_notice", reply.language) not in reply.text:
        await context.bot.send_message(chat_id, deps.text("escalate_notice", lang))


def _learn(profile: Profile, learned: dict[str, str]) -> Profile:
    changes = {key: value for key, value in learned.items() if key in LEARNABLE and value}
    return profile.with_(**changes) if changes else profile


def _reply_language(deps: Deps, reply: Reply, profile: Profile, user: User | None) -> str:
    if reply.language in deps.strings.languages():
        return reply.language
    return deps.language_for(profile, user)


async def answer_question(
    context: GuideContext,
    chat_id: int,
    user: User,
    question: str,
    *,
    new_question: bool = True,
    source: tuple[int, int] | None = None,
) -> Reply:
    """Ask the engine and render its reply, which it returns; `new_question` is False when
    re-asking after a clarification (the question is already in the history); `source` is the
    message asking (typed, or a voice note's words)."""
    deps = context.deps
    profile = await deps.store.get_profile(user.id)
    history = await deps.store.recent_turns(user.id, deps.settings.history_turns)
    async with typing(context.bot, chat_id, deps.typing_after):
        reply = await deps.engine.reply(question, profile, history)
    logger.debug("Engine decided %s (%s)", reply.decision, reply.reason)
    learned = _learn(profile, reply.learned)
    if learned != profile:
        await deps.store.save_profile(user.id, learned)
    if new_question:
        # Options offered with an earlier clarifying question no longer apply.
        await deps.store.take_pending(user.id)
        await deps.store.add_turn(user.id, "user", question)
    turn_id = await deps.store.add_turn(user.id, "bot", reply.text)
    lang = _reply_language(deps, reply, learned, user)
    updates.note_reply(reply.decision, lang, reply.index_version)
    handover.remember_answer(context, user.id, reply)
    await editors.log_reply(context, user.id, turn_id, question, reply, learned.country)

    crisis_support = deps.strings.get("crisis_support", reply.language)
    if reply.crisis and crisis_support not in reply.text:
        await context.bot.send_message(chat_id, deps.text("crisis_support", lang))
    if reply.decision == "escalate":
        await hand_over(context, chat_id, user.id, lang, "engine", reply, source)
        return reply
    if reply.course_query:  # the course finder answered: cards with paging, or "where?"
        await courses.send_course_reply(context, chat_id, reply, lang)
        return reply
    parts = render_reply(reply, deps.strings, lang)
    if reply.decision != "clarify":
        speaks = deps.speech is not None and deps.speech.speaks
        markup = keyboards.feedback(deps.strings, lang, turn_id, read_aloud=speaks)
    elif reply.options and reply.clarify_field:
        await deps.store.set_pending(user.id, question, reply.clarify_field)
        markup = keyboards.options(reply.options)
    else:  # a question back without choices ("please type your question")
        markup = None
    await send_parts(context.bot, chat_id, parts, markup)
    return reply


async def within_rate_limit(update: Update, context: GuideContext) -> bool:
    """Count the learner's message; False (after telling them, once) when they send too fast."""
    deps = context.deps
    message = update.effective_message
    user = update.effective_user
    assert message
    assert user
    verdict = deps.limiter.check(user.id)
    if verdict == "ok":
        return True
    logger.debug("Rate limit reached by a learner (%s)", verdict)
    updates.note("rate_limited")
    if verdict == "limited":
        lang = await deps.language_of(update)
        await message.reply_text(
            deps.text("rate_limited", lang, seconds=deps.limiter.retry_in(user.id))
        )
    return False


async def on_text(update: Update, context: GuideContext) -> None:
    """Answer a learner's free-text question."""
    message = update.effective_message
    user = update.effective_user
    assert message
    assert message.text
    assert user
    if not await within_rate_limit(update, context):
        return
    source = (message.chat_id, message.message_id)
    await answer_question(context, message.chat_id, user, message.text, source=source)


async def on_clarify_choice(update: Update, context: GuideContext) -> None:
    """Store the chosen option in the profile and answer the question that was waiting."""
    deps = context.deps
    query = update.callback_query
    user = update.effective_user
    assert query
    assert user
    assert query.message
    await query.answer()
    value = (query.data or "").partition(":")[2]
    pending = await deps.store.take_pending(user.id)
    chat_id = query.message.chat.id
    await best_effort(query.edit_message_reply_markup(reply_markup=None), "remove options")
    profile = await deps.store.get_profile(user.id)
    if pending is None or not value:
        lang = deps.language_for(profile, user)
        await context.bot.send_message(chat_id, deps.text("ask_something", lang))
        return
    changes: dict[str, str | None] = {pending.field: value}
    if pending.field == "country" and value != profile.country:
        changes["region"] = None  # a region belongs to its country
    await deps.store.save_profile(user.id, profile.with_(**changes))
    await answer_question(context, chat_id, user, pending.question, new_question=False)


async def on_feedback(update: Update, context: GuideContext) -> None:
    """Record 👍 / 👎 on an answer; after 👎 only the counsellor button stays."""
    deps = context.deps
    query = update.callback_query
    assert query
    uid = user_id_of(update)
    try:
        helpful_flag, turn_ref = (query.data or "").split(":")[1:3]
        helpful, turn_id = helpful_flag == "1", int(turn_ref)
    except ValueError:
        await query.answer()
        return
    await deps.store.add_feedback(uid, turn_id, helpful)
    if not helpful:  # the question behind an unhelpful answer is a gap for editors
        await editors.log_unhelpful(context, uid, turn_id)
    lang = await deps.language_of(update)
    await query.answer(deps.strings.get("feedback_thanks", lang))
    # After 👎 only the counsellor button stays; a case opened from it says so.
    button = InlineKeyboardButton(
        deps.strings.get("button_counsellor", lang),
        callback_data=keyboards.data(keyboards.HUMAN, "fb"),
    )
    markup = None if helpful else InlineKeyboardMarkup([[button]])
    await best_effort(query.edit_message_reply_markup(reply_markup=markup), "update buttons")


async def on_human_command(update: Update, context: GuideContext) -> None:
    """Put the learner in touch with a counsellor."""
    deps = context.deps
    assert update.effective_chat
    uid = user_id_of(update)
    lang = await deps.language_of(update)
    message = update.message
    source = (message.chat_id, message.message_id) if message else None
    await hand_over(context, update.effective_chat.id, uid, lang, "learner", source=source)


async def on_human_button(update: Update, context: GuideContext) -> None:
    """The counsellor button (under an answer, or left after 👎): same as /human."""
    deps = context.deps
    query = update.callback_query
    assert query
    assert update.effective_chat
    await query.answer()
    origin: HandoverReason = "feedback" if query.data == f"{keyboards.HUMAN}:fb" else "learner"
    lang = await deps.language_of(update)
    await hand_over(context, update.effective_chat.id, user_id_of(update), lang, origin)
