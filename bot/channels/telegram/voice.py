"""Voice messages: a spoken question becomes text for the engine; answers may come aloud.

A voice note, an audio file or a round video note is checked against the limits from the
message itself (duration, size) before anything is downloaded; it is then downloaded into
memory from the configured Bot API server, transcribed by `bot.speech` and dropped. The learner
first sees "🎤 I heard: …", then the answer exactly as for typed words (the words are their
message everywhere: history, triage, handoff, /mydata, retention, /forget), then, unless they
turned spoken answers off (/voice), the answer as a voice message. 🔊 under an answer reads it
aloud. During an open case with a counsellor a voice note is relayed with its transcript.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.error import TelegramError
from telegram.ext import (
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    filters,
)

from bot.channels.telegram import counsellor, keyboards, questions
from bot.channels.telegram.delivery import deliver, handoff_of
from bot.channels.telegram.deps import Deps, GuideApplication, GuideContext, user_id_of
from bot.channels.telegram.send import best_effort, typing
from bot.guidance.types import Reply
from bot.handoff.cases import relay_from_learner
from bot.speech.types import SpeechError, TooLarge, TooLong, Transcript

logger = logging.getLogger(__name__)

SPOKEN = "spoken"  # callback kind of the /voice buttons
AUDIO = filters.VOICE | filters.AUDIO | filters.VIDEO_NOTE | filters.Document.AUDIO
MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Recording:
    """What the message says about its audio, before anything is downloaded."""

    file_id: str
    seconds: int | None
    size: int | None


def recording_of(message: Message) -> Recording | None:
    """The voice note, audio file, round video note or audio document of `message`."""
    media = message.voice or message.audio or message.video_note
    if media is not None:
        duration = media.duration
        seconds = int(duration.total_seconds()) if hasattr(duration, "total_seconds") else duration
        return Recording(media.file_id, seconds, media.file_size)
    document = message.document
    if document is not None and (document.mime_type or "").startswith("audio/"):
        return Recording(document.file_id, None, document.file_size)
    return None


def check_bounds(recording: Recording, deps: Deps) -> None:
    """`TooLong` / `TooLarge` from the message's own figures, before any download."""
    settings = deps.settings
    if recording.seconds is not None and recording.seconds > settings.voice_max_seconds:
        raise TooLong(f"{recording.seconds} s")
    if recording.size is not None and recording.size > settings.voice_max_mb * MB:
        raise TooLarge(f"{recording.size} bytes")


async def download(bot: Bot, recording: Recording, max_bytes: int) -> bytes:
    """The file's bytes, in memory only (Telegram's `file_size` is checked again first)."""
    file = await bot.get_file(recording.file_id)
    if file.file_size is not None and file.file_size > max_bytes:
        raise TooLarge(f"{file.file_size} bytes")
    data = await file.download_as_bytearray()
    if len(data) > max_bytes:
        raise TooLarge(f"{len(data)} bytes")
    return bytes(data)


async def listen(context: GuideContext, message: Message, hint: str | None) -> Transcript:
    """Check, download and transcribe the message's recording; raises `SpeechError`."""
    deps = context.deps
    recording = recording_of(message)
    speech = deps.speech
    if recording is None or speech is None or not speech.hears:
        raise SpeechError("no recording, or speech recognition is off")
    check_bounds(recording, deps)
    try:
        audio = await download(context.bot, recording, int(deps.settings.voice_max_mb * MB))
    except TelegramError as exc:
        logger.warning("A voice note could not be downloaded: %s", exc)
        raise SpeechError("download failed") from exc
    try:
        return await speech.transcribe(audio, hint)
    finally:
        del audio  # the recording is never kept


def error_text(deps: Deps, error: SpeechError, lang: str) -> str:
    """The short reply to a voice note that cannot be answered, in the learner's language."""
    settings = deps.settings
    languages = ", ".join(deps.strings.language_name(code) for code in deps.strings.languages())
    params: dict[str, dict[str, object]] = {
        "voice_too_long": {"seconds": settings.voice_max_seconds},
        "voice_too_large": {"mb": f"{settings.voice_max_mb:g}"},
        "voice_unsupported_language": {"languages": languages},
    }
    return deps.text(error.key, lang, **params.get(error.key, {}))


async def on_voice(update: Update, context: GuideContext) -> None:
    """Answer a spoken question in writing, then (unless turned off) aloud."""
    deps = context.deps
    message = update.effective_message
    user = update.effective_user
    assert message
    assert user
    lang = await deps.language_of(update)
    if deps.speech is None or not deps.speech.hears:  # SPEECH_TO_TEXT=off
        await message.reply_text(deps.text("non_text", lang))
        return
    if not await questions.within_rate_limit(update, context):
        return
    profile = await deps.store.get_profile(user.id)
    try:
        async with typing(context.bot, message.chat_id, deps.typing_after):
            transcript = await listen(context, message, profile.language)
    except SpeechError as error:
        logger.info("Voice note not answered: %s", type(error).__name__)
        await message.reply_text(error_text(deps, error, lang))
        return
    heard_lang = transcript.language if transcript.language in deps.strings.languages() else lang
    await message.reply_text(deps.text("voice_heard", heard_lang, text=transcript.text))
    source = (message.chat_id, message.message_id)
    reply = await questions.answer_question(
        context, message.chat_id, user, transcript.text, source=source
    )
    if await deps.store.spoken.get(user.id) is not False:
        await say(context, message.chat_id, reply.text, _speech_language(deps, reply, lang))


def _speech_language(deps: Deps, reply: Reply, lang: str) -> str:
    return reply.language if reply.language in deps.strings.languages() else lang


async def say(context: GuideContext, chat_id: int, text: str, language: str) -> bool:
    """Send `text` as a voice message; False (logged) when it cannot be spoken."""
    deps = context.deps
    speech = deps.speech
    if speech is None or not speech.speaks:
        return False
    try:
        voice = await speech.speak(text, language, deps.strings.get("voice_euro", language))
    except SpeechError as error:
        logger.warning("Spoken answer not made: %s", type(error).__name__)
        return False
    if voice is None:
        return False
    await context.bot.send_voice(chat_id, voice, filename="answer.ogg")
    return True


async def on_read_aloud(update: Update, context: GuideContext) -> None:
    """🔊 under an answer: read that answer aloud."""
    deps = context.deps
    query = update.callback_query
    assert query
    assert query.message
    uid = user_id_of(update)
    _, turn_ref, lang = ((query.data or "").split(":") + ["", "", ""])[:3]
    text = await deps.store.history.answer_text(uid, int(turn_ref)) if turn_ref.isdigit() else None
    if text is None:
        await query.answer(deps.strings.get("voice_answer_gone", await deps.language_of(update)))
        return
    await query.answer()
    language = lang if lang in deps.strings.languages() else await deps.language_of(update)
    if not await say(context, query.message.chat.id, text, language):
        await context.bot.send_message(query.message.chat.id, deps.text("voice_failed", language))


def spoken_buttons(deps: Deps, lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    deps.strings.get("button_voice_on", lang),
                    callback_data=keyboards.data(SPOKEN, "on"),
                ),
                InlineKeyboardButton(
                    deps.strings.get("button_voice_off", lang),
                    callback_data=keyboards.data(SPOKEN, "off"),
                ),
            ]
        ]
    )


async def on_voice_command(update: Update, context: GuideContext) -> None:
    """/voice: whether answers to voice notes are read aloud, with buttons to change it."""
    deps = context.deps
    assert update.effective_message
    lang = await deps.language_of(update)
    spoken = await deps.store.spoken.get(user_id_of(update)) is not False
    await update.effective_message.reply_text(
        deps.text("voice_settings_on" if spoken else "voice_settings_off", lang),
        reply_markup=spoken_buttons(deps, lang),
    )


async def on_spoken_choice(update: Update, context: GuideContext) -> None:
    """Remember the learner's choice of spoken answers."""
    deps = context.deps
    query = update.callback_query
    assert query
    spoken = query.data == keyboards.data(SPOKEN, "on")
    await deps.store.spoken.set(user_id_of(update), spoken)
    lang = await deps.language_of(update)
    await query.answer()
    await best_effort(
        query.edit_message_text(
            deps.text("voice_turned_on" if spoken else "voice_turned_off", lang)
        ),
        "spoken answers choice",
    )


async def on_voice_in_case(update: Update, context: GuideContext) -> None:
    """During an open case, a voice note goes to the counsellors with its transcript (the
    relay without one when it cannot be transcribed); otherwise the learner handlers answer."""
    handoff = handoff_of(context)
    message = update.effective_message
    user = update.effective_user
    if handoff is None or message is None or user is None:
        return
    case = await handoff.desk.cases.active_for(user.id)
    if case is None:
        return
    deps = context.deps
    transcript = None
    if deps.speech is not None and deps.speech.hears:
        try:
            transcript = (await listen(context, message, case.language)).text
        except SpeechError as error:
            logger.info("Voice note relayed without transcript: %s", type(error).__name__)
    source = (message.chat_id, message.message_id)
    await relay_from_learner(handoff.desk, case, source, None, transcript=transcript)
    await deliver(context)
    raise ApplicationHandlerStop


def add_handlers(application: GuideApplication) -> None:
    """Voice notes from learners (a case's relay first), 🔊 and /voice."""
    private = filters.ChatType.PRIVATE
    learner_audio = private & filters.UpdateType.MESSAGE & AUDIO
    # Before the handoff's own relay (which would pass the note on without its words).
    application.add_handler(
        MessageHandler(learner_audio, on_voice_in_case), counsellor.HANDLER_GROUP - 1
    )
    application.add_handler(MessageHandler(learner_audio, on_voice))
    application.add_handler(CommandHandler("voice", on_voice_command, filters=private))
    application.add_handler(
        CallbackQueryHandler(on_read_aloud, pattern=keyboards.pattern(keyboards.READ_ALOUD))
    )
    application.add_handler(
        CallbackQueryHandler(on_spoken_choice, pattern=keyboards.pattern(SPOKEN))
    )
