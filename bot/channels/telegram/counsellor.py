"""The counsellors' group: case buttons, commands, and counsellors' messages relayed to learners.

Only counsellors (`COUNSELLOR_IDS`) and the group's admins may act; anyone else is refused and
the refusal is logged. Commands: /queue, /case N, /claim [N], /close [N] [outcome],
/return [N], /note TEXT; inside a case's topic (or replying to its messages) N may be left out.
A message there (text, or anything Telegram can copy) goes to the learner; /note stays inside.
"""

from __future__ import annotations

import logging

from telegram import Message, Update
from telegram.ext import CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.channels.telegram.delivery import (
    Handoff,
    copyable,
    deliver,
    handoff_of,
    markup,
    refresh_card,
)
from bot.channels.telegram.deps import GuideApplication, GuideContext
from bot.channels.telegram.formatting import split_for_telegram
from bot.channels.telegram.keyboards import pattern
from bot.handoff import card
from bot.handoff import cases as lifecycle
from bot.handoff.cases import Change
from bot.handoff.models import OUTCOMES, Case, Person

logger = logging.getLogger(__name__)

HANDLER_GROUP = -2  # before the editors (-1) and learners (0): a case takes a message first


def person_of(update: Update) -> Person:
    message = update.effective_message
    if message is not None and message.sender_chat is not None:  # an anonymous admin
        return Person(message.sender_chat.id, message.sender_chat.title or "admin")
    user = update.effective_user
    assert user is not None
    return Person(user.id, user.full_name)


async def allowed(update: Update, context: GuideContext, handoff: Handoff, what: str) -> bool:
    """Whether the sender may act on cases; a refusal is logged."""
    message = update.effective_message
    user = update.effective_user
    if message is not None and message.sender_chat is not None:  # posted as a chat
        if message.sender_chat.id == handoff.group_id:  # the group's anonymous admins
            return True
        who = f"chat {message.sender_chat.id}"  # a channel
    elif user is not None and (
        user.id in handoff.counsellor_ids
        or user.id in await handoff.admins.of(context.bot, handoff.group_id)
    ):
        return True
    else:
        who = f"user {user.id if user else None}"
    logger.warning("Refused %s to %s in the counsellors' group", what, who)
    return False


async def case_of(handoff: Handoff, message: Message) -> Case | None:
    """The case a group message belongs to: by its topic, or by the message it replies to."""
    cases = handoff.desk.cases
    if message.is_topic_message and message.message_thread_id:
        return await cases.by_thread(message.message_thread_id)
    if message.reply_to_message is not None:
        found = await cases.by_group_message(handoff.group_id, message.reply_to_message.message_id)
        if found is not None:
            return found
    if message.message_thread_id:  # a reply chain in a group without topics
        return await cases.by_group_message(handoff.group_id, message.message_thread_id)
    return None


async def _answer(message: Message, text: str) -> None:
    for part in split_for_telegram(text):
        await message.reply_text(part)


async def _command(
    update: Update, context: GuideContext, what: str
) -> tuple[Handoff, Message, Case, list[str]] | None:
    """Check access and find the case a command is about (its first argument or its thread)."""
    handoff = handoff_of(context)
    message = update.effective_message
    if handoff is None or message is None:
        return None
    if not await allowed(update, context, handoff, what):
        await _answer(message, handoff.desk.team("team_refused"))
        return None
    args = list(context.args or [])
    if args and args[0].lstrip("#").isdigit():
        number = int(args.pop(0).lstrip("#"))
        case = await handoff.desk.cases.get(number)
        if case is None:
            await _answer(message, handoff.desk.team("team_unknown_case", n=number))
            return None
    elif (case := await case_of(handoff, message)) is None:
        await _answer(message, handoff.desk.team("team_which_case", command=what))
        return None
    return handoff, message, case, args


async def _report(
    context: GuideContext, message: Message, handoff: Handoff, change: Change
) -> None:
    """Say what a command did not do; on success the thread gets the outbox's note."""
    desk, case = handoff.desk, change.case
    assert case is not None
    name, state = case.counsellor_name or "?", card.state(case, desk.strings, desk.team_language)
    if change.result == "taken":
        await _answer(message, desk.team("team_already_claimed", n=case.id, name=name))
    elif change.result == "ended":
        await _answer(message, desk.team("team_case_ended", n=case.id, state=state))
    await deliver(context)
    if change.result == "done":
        await refresh_card(context, change.case)


async def on_queue(update: Update, context: GuideContext) -> None:
    """List the active cases, oldest first, with how long each has waited."""
    handoff = handoff_of(context)
    message = update.effective_message
    if handoff is None or message is None:
        return
    if not await allowed(update, context, handoff, "/queue"):
        await _answer(message, handoff.desk.team("team_refused"))
        return
    desk = handoff.desk
    lines = card.queue_text(
        await desk.cases.active_cases(), desk.strings, desk.team_language, desk.now()
    )
    await _answer(message, "\n".join(lines))


async def _show_card(message: Message, handoff: Handoff, case: Case, outcomes: bool) -> None:
    desk = handoff.desk
    rows = (card.outcome_buttons if outcomes else card.card_buttons)(
        case, desk.strings, desk.team_language
    )
    text = card.card_text(case, desk.strings, desk.team_language, desk.hours)
    await message.reply_text(text, reply_markup=markup(rows))


async def on_case(update: Update, context: GuideContext) -> None:
    """Show a case's card again, with its buttons."""
    if found := await _command(update, context, "case"):
        handoff, message, case, _ = found
        await _show_card(message, handoff, case, outcomes=False)


async def on_claim(update: Update, context: GuideContext) -> None:
    """Take a case."""
    if found := await _command(update, context, "claim"):
        handoff, message, case, _ = found
        change = await lifecycle.claim_case(handoff.desk, case.id, person_of(update))
        await _report(context, message, handoff, change)


def _outcome(words: list[str], handoff: Handoff) -> str | None:
    """An outcome code when the words name one (code or label), else the words themselves."""
    said = " ".join(words).strip()
    desk = handoff.desk
    for code in OUTCOMES:
        label = desk.strings.get(f"team_outcome_{code}", desk.team_language)
        if said.casefold() in (code, label.casefold()):
            return code
    return said or None


async def on_close(update: Update, context: GuideContext) -> None:
    """Close a case with an outcome (buttons to choose one when none is given)."""
    if found := await _command(update, context, "close"):
        handoff, message, case, words = found
        if (outcome := _outcome(words, handoff)) is None:
            await _show_card(message, handoff, case, outcomes=True)
            return
        change = await lifecycle.close_case(handoff.desk, case.id, person_of(update), outcome)
        await _report(context, message, handoff, change)


async def on_return(update: Update, context: GuideContext) -> None:
    """Hand the learner back to the bot."""
    if found := await _command(update, context, "return"):
        handoff, message, case, _ = found
        change = await lifecycle.return_to_bot(handoff.desk, case.id, person_of(update))
        await _report(context, message, handoff, change)


async def on_note(update: Update, context: GuideContext) -> None:
    """Keep an internal note on the case; it is never relayed."""
    if found := await _command(update, context, "note"):
        handoff, message, case, words = found
        text = " ".join(words).strip()
        if not text:
            await _answer(message, handoff.desk.team("team_note_usage"))
            return
        source = (message.chat_id, message.message_id)
        if await lifecycle.add_note(handoff.desk, case, person_of(update), source, text):
            await _answer(message, handoff.desk.team("team_note_saved", n=case.id))


async def on_case_button(update: Update, context: GuideContext) -> None:
    """Claim, Close (then an outcome, or Back) and Return to bot under a case card."""
    handoff = handoff_of(context)
    query = update.callback_query
    assert query is not None
    if handoff is None:
        await query.answer()
        return
    desk = handoff.desk
    if not await allowed(update, context, handoff, "a case button"):
        await query.answer(desk.strings.get("team_refused", desk.team_language), show_alert=True)
        return
    _, action, number, *rest = (query.data or "").split(":") + ["", ""]
    case = await desk.cases.get(int(number)) if number.isdigit() else None
    if case is None:
        await query.answer()
        return
    if action in ("close", "back"):
        await query.answer()
        rows = (card.outcome_buttons if action == "close" else card.card_buttons)(
            case, desk.strings, desk.team_language
        )
        await query.edit_message_reply_markup(reply_markup=markup(rows))
        return
    person = person_of(update)
    if action == "claim":
        change = await lifecycle.claim_case(desk, case.id, person)
    elif action == "done" and rest[0]:
        change = await lifecycle.close_case(desk, case.id, person, rest[0])
    elif action == "return":
        change = await lifecycle.return_to_bot(desk, case.id, person)
    else:
        await query.answer()
        return
    await query.answer(desk.strings.get(f"team_button_{change.result}", desk.team_language))
    await deliver(context)
    if change.case is not None:
        await refresh_card(context, change.case)


async def on_group_message(update: Update, context: GuideContext) -> None:
    """A counsellor's message in a case's thread goes to the learner."""
    handoff = handoff_of(context)
    message = update.effective_message
    if handoff is None or message is None:
        return
    case = await case_of(handoff, message)
    if case is None:  # counsellors talking among themselves
        return
    desk = handoff.desk
    if not await allowed(update, context, handoff, "a message to a learner"):
        await _answer(message, desk.team("team_refused"))
        return
    if message.text is None and not copyable(message):
        await _answer(message, desk.team("team_cannot_relay"))
        return
    was_open = case.status == "open"
    source = (message.chat_id, message.message_id)
    change = await lifecycle.relay_from_counsellor(
        desk, case, person_of(update), source, message.text
    )
    if change.result == "ended":
        await _answer(message, desk.team("team_not_relayed", n=case.id))
        return
    await deliver(context)
    if was_open:
        await refresh_card(context, change.case)


def add_handlers(application: GuideApplication, group_id: int) -> None:
    """Route the counsellors' group to these handlers."""
    chat = filters.Chat(chat_id=group_id)
    commands = {
        "queue": on_queue,
        "case": on_case,
        "claim": on_claim,
        "close": on_close,
        "return": on_return,
        "note": on_note,
    }
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback, filters=chat), HANDLER_GROUP)
    application.add_handler(
        CallbackQueryHandler(on_case_button, pattern=pattern(card.CASE)), HANDLER_GROUP
    )
    application.add_handler(
        MessageHandler(
            chat & filters.UpdateType.MESSAGE & ~filters.COMMAND & ~filters.StatusUpdate.ALL,
            on_group_message,
        ),
        HANDLER_GROUP,
    )
