"""Counsellors' own texts: what only one counsellor reads (answers to their commands in a
private chat, the notice of a button they tap) is in their Telegram language; what is posted
in the shared group stays in COUNSELLOR_LANGUAGE (English here)."""

from __future__ import annotations

from counsellors import GROUP, TOPIC, Counsellor, FlakyRequest, card_of, group_messages
from tg_factories import Learner, Texts

from bot.store import Store


async def test_commands_in_a_private_chat_are_answered_in_the_counsellors_language(
    app, request_: FlakyRequest, store: Store, tr: Texts
) -> None:
    await Learner(app, user_id=42).command("human")
    marie = Learner(app, user_id=7, language_code="de")  # a counsellor, in a private chat
    jean = Learner(app, user_id=8, language_code="fr")
    request_.clear()

    await marie.command("queue")
    (queue,) = request_.texts_in(7)
    assert queue.startswith("<b>Offene Fälle, älteste zuerst:</b>\nFall 1: 0 Min., wartend")

    request_.clear()
    await marie.command("case", "1")
    (shown,) = request_.texts_in(7)
    assert shown == "<b>Fall 1</b>\nwartend, nicht übernommen"  # the learner's words stay out
    await marie.command("claim", "1")
    assert request_.texts_in(7) == [shown]  # nothing more to say on success ...
    assert tr("team_claimed", n=1, name="Ana") in request_.texts_in(GROUP)  # ... the group hears
    assert (await store.cases.get(1)).counsellor_id == 7

    request_.clear()
    await jean.command("claim", "1")
    await jean.command("claim")
    assert request_.texts_in(8) == [
        "Le dossier 1 est déjà pris en charge par Ana.",
        "Quel dossier ? Indiquez son numéro, par exemple /claim 12, ou utilisez la commande dans "
        "le fil du dossier.",
    ]
    assert group_messages(request_) == []


async def test_a_buttons_notice_is_in_the_tappers_language_and_the_card_in_the_groups(
    app, learner: Learner, request_: FlakyRequest, store: Store, tr: Texts
) -> None:
    await learner.command("human")
    card = card_of(request_)
    polish = Counsellor(app, user_id=7, first_name="Ola")
    polish.user["language_code"] = "pl"
    request_.clear()

    await polish.tap("case:claim:1", on=card)

    (notice,) = request_.sent("answerCallbackQuery")
    assert notice["text"] == "Gotowe."
    assert tr("team_claimed", n=1, name="Ola") in request_.texts_in(GROUP)
    edited = request_.sent("editMessageText")[-1]
    assert edited["text"].startswith(f"<b>{tr('team_card_title', n=1)}</b>")  # English card

    request_.clear()
    await polish.command("note", "", thread=TOPIC)  # in the group: the team's language
    assert request_.texts_in(GROUP) == [tr("team_note_usage")]


async def test_a_learner_who_sends_a_counsellors_command_is_not_a_counsellor(
    app, request_: FlakyRequest, tr: Texts
) -> None:
    await Learner(app, user_id=42).command("queue")
    (reply,) = request_.texts_in(42)
    assert reply.startswith(tr("help").splitlines()[0])  # the learners' help, not the queue
