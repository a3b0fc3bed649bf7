"""The learner's side of a handover, and the wiring of the handoff into the application.

`open_case_for` opens a case with the conversation so far (what `questions.hand_over` calls);
while a case is active the learner's messages go to its thread and the bot stays quiet; once it
is closed the learner rates it. `install` adds the counsellors' group, these handlers and the
handoff's jobs when `COUNSELLOR_CHAT_ID` is set.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from datetime import timedelta

from telegram import Update
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler, MessageHandler, filters

from bot.answer_log import LoggedAnswer
from bot.channels.telegram import counsellor
from bot.channels.telegram.delivery import (
    HANDOFF,
    OUTBOX_EVERY,
    REMINDERS_EVERY,
    Handoff,
    TelegramTransport,
    copyable,
    deliver,
    handoff_of,
    purge_case_texts,
    resume_deliveries,
    send_reminders,
)
from bot.channels.telegram.deps import Deps, GuideApplication, GuideContext
from bot.channels.telegram.keyboards import CLARIFY, FEEDBACK, pattern
from bot.channels.telegram.send import best_effort
from bot.guidance.types import Reply
from bot.handoff.card import RATE
from bot.handoff.cases import Desk, open_case, rate_case, relay_from_learner
from bot.handoff.hours import OfficeHours
from bot.handoff.models import CaseContext, CaseRequest, Origin
from bot.handoff.outbox import Outbox
from bot.handoff.records import forget_learner
from bot.handoff.summary import Summariser
from bot.ops import updates

logger = logging.getLogger(__name__)

LAST_ANSWERS = "handoff_last_answers"
KEEP_ANSWERS = 1000  # learners whose last answer (with its sources) is kept in memory
CASE_TURNS = 10


def remember_answer(context: GuideContext, user_id: int, reply: Reply) -> None:
    """Keep the learner's last answer with its sources, for the card if they ask for a person."""
    answers: OrderedDict[int, Reply] = context.bot_data.setdefault(LAST_ANSWERS, OrderedDict())
    answers[user_id] = reply
    answers.move_to_end(user_id)
    while len(answers) > KEEP_ANSWERS:
        answers.popitem(last=False)


async def open_case_for(
    context: GuideContext,
    chat_id: int,
    user_id: int,
    lang: str,
    origin: Origin,
    reply: Reply | None = None,
    source: tuple[int, int] | None = None,
) -> bool:
    """Open a case (or point to the active one); False when there is no counsellors' group."""
    handoff = handoff_of(context)
    if handoff is None:
        return False
    if source is not None and await handoff.desk.cases.seen(source):
        return True  # the same update delivered again
    deps = context.deps
    profile = await deps.store.get_profile(user_id)
    turns = tuple(await deps.store.recent_turns(user_id, CASE_TURNS))
    last = await _answer_for_card(context, user_id, origin, reply)
    answer = last.text if last else next((t.text for t in reversed(turns) if t.role == "bot"), "")
    request = CaseRequest(
        user_id=user_id,
        chat_id=chat_id,
        language=lang,
        origin=origin,
        reason=reply.reason if reply else "",
        country=profile.country,
        region=profile.region,
        context=CaseContext(turns, answer, last.sources if last else ()),
        source=source,
    )
    case, new = await open_case(handoff.desk, request)
    if not new:
        await context.bot.send_message(chat_id, deps.text("case_already_open", lang, n=case.id))
    await deliver(context)
    return True


async def _answer_for_card(
    context: GuideContext, user_id: int, origin: Origin, reply: Reply | None
) -> LoggedAnswer | None:
    """The answer the card shows, with its sources: the one that handed over, the one the
    learner marked 👎 (when the case comes from that), else their last one (kept in memory, or
    as the answer log has it after a restart)."""
    if reply is not None:
        return LoggedAnswer(reply.text, reply.sources)
    store = context.deps.store
    if origin == "feedback" and (unhelpful := await store.answers.last(user_id, unhelpful=True)):
        return unhelpful
    if (kept := context.bot_data.get(LAST_ANSWERS, {}).get(user_id)) is not None:
        return LoggedAnswer(kept.text, kept.sources)
    return await store.answers.last(user_id)


async def on_learner_message(update: Update, context: GuideContext) -> None:
    """While the learner's case is active, their messages go to its thread, not the bot.

    Every one is relayed: the rate limit protects the engine, which is not asked here."""
    handoff = handoff_of(context)
    message = update.effective_message
    user = update.effective_user
    if handoff is None or message is None or user is None:
        return
    case = await handoff.desk.cases.active_for(user.id)
    if case is None:
        return  # the learner handlers answer
    deps = context.deps
    if message.text is None and not copyable(message):
        await message.reply_text(deps.text("case_cannot_relay", await deps.language_of(update)))
        raise ApplicationHandlerStop
    await relay_from_learner(
        handoff.desk, case, (message.chat_id, message.message_id), message.text
    )
    updates.note("relayed")
    await deliver(context)
    raise ApplicationHandlerStop


async def on_bot_button(update: Update, context: GuideContext) -> None:
    """While the learner's case is active, the bot's own buttons (clarifying options, 👍 / 👎)
    do nothing but say that a counsellor has the conversation."""
    handoff = handoff_of(context)
    query = update.callback_query
    user = update.effective_user
    if handoff is None or query is None or user is None:
        return
    if await handoff.desk.cases.active_for(user.id) is None:
        return  # the learner handlers answer
    deps = context.deps
    await query.answer(deps.strings.get("case_buttons_paused", await deps.language_of(update)))
    raise ApplicationHandlerStop


async def on_rating(update: Update, context: GuideContext) -> None:
    """The learner's 1–5 rating of a closed case."""
    handoff = handoff_of(context)
    query = update.callback_query
    user = update.effective_user
    assert query is not None
    assert user is not None
    _, number, score = ((query.data or "").split(":") + ["", ""])[:3]
    if handoff is None or not number.isdigit() or not score.isdigit():
        await query.answer()
        return
    deps = context.deps
    lang = await deps.language_of(update)
    rated = await rate_case(handoff.desk, int(number), user.id, int(score))
    await query.answer(deps.strings.get("case_rated", lang) if rated else None)
    if rated:
        await best_effort(query.edit_message_text(deps.text("case_rated", lang)), "rating")
        await deliver(context)
    else:  # rated before, or a stale button
        await best_effort(query.edit_message_reply_markup(reply_markup=None), "rating buttons")


def install(application: GuideApplication, summariser: Summariser | None = None) -> None:
    """Add the handoff to the application when a counsellors' group is configured."""
    deps: Deps = application.bot_data["deps"]
    settings = deps.settings
    group_id = settings.counsellor_chat_id
    if group_id is None:
        return
    desk = Desk(
        cases=deps.store.cases,
        strings=deps.strings,
        team_language=settings.counsellor_language,
        hours=OfficeHours.parse(settings.office_hours),
        sla=timedelta(minutes=settings.sla_minutes),
        summarise=summariser,
    )
    transport = TelegramTransport(application.bot, group_id)
    application.bot_data[HANDOFF] = Handoff(
        desk,
        Outbox(desk, transport),
        transport,
        group_id,
        frozenset(settings.counsellor_ids),
        settings.retention_days,
    )
    counsellor.add_handlers(application, group_id, frozenset(settings.counsellor_ids))
    learner_messages = filters.ChatType.PRIVATE & filters.UpdateType.MESSAGE & ~filters.COMMAND
    application.add_handler(
        MessageHandler(learner_messages, on_learner_message), counsellor.HANDLER_GROUP
    )
    application.add_handler(
        CallbackQueryHandler(on_rating, pattern=pattern(RATE)), counsellor.HANDLER_GROUP
    )
    application.add_handler(
        CallbackQueryHandler(on_bot_button, pattern=pattern(CLARIFY, FEEDBACK)),
        counsellor.HANDLER_GROUP,
    )
    _forget_cases_with_learner(desk, deps)
    jobs = application.job_queue
    if jobs is None:
        raise RuntimeError("python-telegram-bot[job-queue] is required for the handoff")
    jobs.run_once(resume_deliveries, when=0, name="handoff-resume")
    jobs.run_repeating(
        _deliver_job, interval=OUTBOX_EVERY, first=OUTBOX_EVERY, name="handoff-outbox"
    )
    jobs.run_repeating(
        send_reminders,
        interval=REMINDERS_EVERY,
        first=timedelta(seconds=10),
        name="handoff-reminders",
    )
    jobs.run_repeating(
        purge_case_texts,
        interval=timedelta(days=1),
        first=timedelta(minutes=2),
        name="handoff-purge",
    )


async def _deliver_job(context: GuideContext) -> None:
    await deliver(context)


def _forget_cases_with_learner(desk: Desk, deps: Deps) -> None:
    """/forget anonymises the learner's cases too (once per store, however many apps)."""
    hooks = deps.store.forget_hooks
    if any(getattr(hook, "handoff", False) for hook in hooks):
        return

    async def forget_cases(user_id: int) -> None:
        await forget_learner(desk, user_id)

    setattr(forget_cases, "handoff", True)  # noqa: B010
    hooks.append(forget_cases)
