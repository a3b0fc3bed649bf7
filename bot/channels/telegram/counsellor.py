"""The counsellors' group: case buttons, commands, and counsellors' messages relayed to learners.

Only counsellors (`COUNSELLOR_IDS`) and the group's admins may act; anyone else is refused and
the refusal is logged. Commands: /queue, /case N, /claim [N], /close [N] [outcome],
/return [N], /note TEXT; inside a case's topic (or replying to its messages) N may be left out.
A message there (text, or anything Telegram can copy) goes to the learner; /note stays inside.
Counsellors may also send these commands to the bot in a private chat (with N).

What is posted in the group is in the team's language (`COUNSELLOR_LANGUAGE`: a shared group
has no single language); what only one person reads, the answers to their commands in a
private chat and the notices of the buttons they tap, is in their own (their Telegram app's).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import Message, Update
from telegram.constants import ChatType
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

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
from bot.guidance.types import Profile
from bot.handoff import card
from bot.handoff import cases as lifecycle
from bot.handoff.card import say
from bot.handoff.cases import Change
from bot.handoff.models import OUTCOMES, Case, Person

logger = logging.getLogger(__name__)

HANDLER_GROUP = -2  # before the editors (-1) and learners (0): a case takes a message first
Callback = Callable[[Update, GuideContext], Coroutine[Any, Any, None]]


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


def language_of(update: Update, context: GuideContext, handoff: Handoff) -> str:
    """The person's own language (their Telegram app's) for what only they read: a private
    chat, a button's notice; the team's for what is posted in the group."""
    chat = update.effective_chat
    if update.callback_query is not None or (chat is not None and chat.type == ChatType.PRIVATE):
        return context.deps.language_for(Profile(), update.effective_user)
    return handoff.desk.team_language


async def case_of(handoff: Handoff, message: Message) -> Case | None:
    """The case a group message belongs to: by its topic, or by the message it replies to."""
    if message.chat_id != handoff.group_id:  # a private chat has no case threads
        return None
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
) -> tuple[Handoff, Message, Case, list[str], str] | None:
    """Check access and find the case a command is about (its first argument or its thread);
    with the language to answer in."""
    handoff = handoff_of(context)
    message = update.effective_message
    if handoff is None or message is None:
        return None
    lang, strings = language_of(update, context, handoff), handoff.desk.strings
    if not await allowed(update, context, handoff, what):
        await _answer(message, say(strings, "team_refused", lang))
        return None
    args = list(context.args or [])
    if args and args[0].lstrip("#").isdigit():
        number = int(args.pop(0).lstrip("#"))
        case = await handoff.desk.cases.get(number)
        if case is None:
            await _answer(message, say(strings, "team_unknown_case", lang, n=number))
            return None
    elif (case := await case_of(handoff, message)) is None:
        await _answer(message, say(strings, "team_which_case", lang, command=what))
        return None
    return handoff, message, case, args, lang


async def _report(
    context: GuideContext, message: Message, handoff: Handoff, change: Change, lang: str
) -> None:
    """Say what a command did not do; on success the thread gets the outbox's note."""
    desk, case = handoff.desk, change.case
    assert case is not None
    strings, name = desk.strings, case.counsellor_name or "?"
    if change.result == "taken":
        await _answer(message, say(strings, "team_already_claimed", lang, n=case.id, name=name))
    elif change.result == "ended":
        state = card.state(case, strings, lang)
        await _answer(message, say(strings, "team_case_ended", lang, n=case.id, state=state))
    await deliver(context)
    if change.result == "done":
        await refresh_card(context, change.case)


async def on_queue(update: Update, context: GuideContext) -> None:
    """List the active cases, oldest first, with how long each has waited."""
    handoff = handoff_of(context)
    message = update.effective_message
    if handoff is None or message is None:
        return
    lang = language_of(update, context, handoff)
    if not await allowed(update, context, handoff, "/queue"):
        await _answer(message, say(handoff.desk.strings, "team_refused", lang))
        return
    desk = handoff.desk
    lines = card.queue_text(await desk.cases.active_cases(), desk.strings, lang, desk.now())
    await _answer(message, "\n".join(lines))


async def _show_card(
    message: Message, handoff: Handoff, case: Case, outcomes: bool, lang: str
) -> None:
    desk = handoff.desk
    rows = (card.outcome_buttons if outcomes else card.card_buttons)(case, desk.strings, lang)
    if message.chat_id == handoff.group_id:
        text = card.card_text(case, desk.strings, lang, desk.hours)
    else:  # a private chat: the learner's words stay in the group, where /forget reaches them
        title = say(desk.strings, "team_card_title", lang, n=case.id)
        text = f"<b>{title}</b>\n{card.esc(card.state(case, desk.strings, lang))}"
    await message.reply_text(text, reply_markup=markup(rows))


async def on_case(update: Update, context: GuideContext) -> None:
    """Show a case's card again, with its buttons."""
    if found := await _command(update, context, "case"):
        handoff, message, case, _, lang = found
        await _show_card(message, handoff, case, outcomes=False, lang=lang)


async def on_claim(update: Update, context: GuideContext) -> None:
    """Take a case."""
    if found := await _command(update, context, "claim"):
        handoff, message, case, _, lang = found
        change = await lifecycle.claim_case(handoff.desk, case.id, person_of(update))
        await _report(context, message, handoff, change, lang)


def _outcome(words: list[str], handoff: Handoff, lang: str) -> str | None:
    """An outcome code when the words name one (code, or label in the team's language or the
    counsellor's), else the words themselves."""
    said = " ".join(words).strip()
    desk = handoff.desk
    for code in OUTCOMES:
        labels = {desk.strings.get(f"team_outcome_{code}", language).casefold()
                  for language in (desk.team_language, lang)}  # fmt: skip
        if said.casefold() == code or said.casefold() in labels:
            return code
    return said or None


async def on_close(update: Update, context: GuideContext) -> None:
    """Close a case with an outcome (buttons to choose one when none is given)."""
    if found := await _command(update, context, "close"):
        handoff, message, case, words, lang = found
        if (outcome := _outcome(words, handoff, lang)) is None:
            await _show_card(message, handoff, case, outcomes=True, lang=lang)
            return
        change = await lifecycle.close_case(handoff.desk, case.id, person_of(update), outcome)
        await _report(context, message, handoff, change, lang)


async def on_return(update: Update, context: GuideContext) -> None:
    """Hand the learner back to the bot."""
    if found := await _command(update, context, "return"):
        handoff, message, case, _, lang = found
        change = await lifecycle.return_to_bot(handoff.desk, case.id, person_of(update))
        await _report(context, message, handoff, change, lang)


async def on_note(update: Update, context: GuideContext) -> None:
    """Keep an internal note on the case; it is never relayed."""
    if found := await _command(update, context, "note"):
        handoff, message, case, words, lang = found
        strings = handoff.desk.strings
        text = " ".join(words).strip()
        if not text:
            await _answer(message, say(strings, "team_note_usage", lang))
            return
        source = (message.chat_id, message.message_id)
        if await lifecycle.add_note(handoff.desk, case, person_of(update), source, text):
            await _answer(message, say(strings, "team_note_saved", lang, n=case.id))


async def on_case_button(update: Update, context: GuideContext) -> None:
    """Claim, Close (then an outcome, or Back) and Return to bot under a case card."""
    handoff = handoff_of(context)
    query = update.callback_query
    assert query is not None
    if handoff is None:
        await query.answer()
        return
    desk = handoff.desk
    lang = language_of(update, context, handoff)  # a button's notice: only the tapper sees it
    if not await allowed(update, context, handoff, "a case button"):
        await query.answer(desk.strings.get("team_refused", lang), show_alert=True)
        return
    _, action, number, *rest = (query.data or "").split(":") + ["", ""]
    case = await desk.cases.get(int(number)) if number.isdigit() else None
    if case is None:
        await query.answer()
        return
    if action in ("close", "back"):
        await query.answer()
        shown = query.message is not None and query.message.chat.id == handoff.group_id
        rows = (card.outcome_buttons if action == "close" else card.card_buttons)(
            case, desk.strings, desk.team_language if shown else lang
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
    await query.answer(desk.strings.get(f"team_button_{change.result}", lang))
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


def _only(callback: Callback) -> Callback:
    """`callback`, then no other handler (in a private chat, the learners' ones would answer
    the same command with their help)."""

    async def handled(update: Update, context: GuideContext) -> None:
        await callback(update, context)
        raise ApplicationHandlerStop

    return handled


def add_handlers(
    application: GuideApplication, group_id: int, counsellor_ids: frozenset[int] = frozenset()
) -> None:
    """Route the counsellors' group, and counsellors' commands in a private chat, here."""
    chat = filters.Chat(chat_id=group_id)
    commands = {
        "queue": on_queue,
        "case": on_case,
        "claim": on_claim,
        "close": on_close,
        "return": on_return,
        "note": on_note,
    }
    private = filters.ChatType.PRIVATE & filters.User(user_id=counsellor_ids)
    for name, callback in commands.items():
        application.add_handler(CommandHandler(name, callback, filters=chat), HANDLER_GROUP)
        if counsellor_ids:
            application.add_handler(
                CommandHandler(name, _only(callback), filters=private), HANDLER_GROUP
            )
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
