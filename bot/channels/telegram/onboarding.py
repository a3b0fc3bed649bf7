"""Welcome, and the learner's settings: interface language, country and (DE, BE) region.

`/start` greets in the learner's Telegram language, shows the privacy notice, then asks for the
language and the country with inline keyboards; `/settings` asks both again, `/language` and
`/country` one each. Every choice is saved to the profile at once.
"""

from __future__ import annotations

import logging

from telegram import BotCommand, CallbackQuery, Update

from bot.channels.telegram import keyboards
from bot.channels.telegram.deps import Deps, GuideContext, user_id_of
from bot.channels.telegram.send import best_effort

logger = logging.getLogger(__name__)

MENU = (
    "start", "help", "courses", "settings", "language", "country", "voice", "human", "privacy",
    "mydata", "forget",
)  # fmt: skip


async def register_menu(context: GuideContext, lang: str) -> None:
    """Publish the command menu in `lang` once per run (and once as the default menu)."""
    deps = context.deps
    for code in (None, lang):
        key = code or ""
        if key in deps.menus:
            continue
        text_lang = code or lang
        commands = [
            BotCommand(name, deps.strings.get(f"command_{name}", text_lang)) for name in MENU
        ]
        deps.menus.add(key)
        await best_effort(
            context.bot.set_my_commands(commands, language_code=code), "setMyCommands"
        )


async def on_start(update: Update, context: GuideContext) -> None:
    """Greet the learner, show the privacy notice, then ask for their language."""
    deps = context.deps
    assert update.effective_message
    lang = await deps.language_of(update)
    await register_menu(context, lang)
    message = update.effective_message
    await message.reply_text(deps.text("welcome", lang))
    await message.reply_text(deps.text("privacy_notice", lang, days=deps.settings.retention_days))
    await message.reply_text(
        deps.text("choose_language", lang),
        reply_markup=keyboards.languages(deps.strings, keyboards.THEN_COUNTRY),
    )


async def on_help(update: Update, context: GuideContext) -> None:
    """What the bot can do, with examples."""
    assert update.effective_message
    lang = await context.deps.language_of(update)
    await update.effective_message.reply_text(context.deps.text("help", lang))


async def on_settings(update: Update, context: GuideContext) -> None:
    """Ask for the language, then the country (and region)."""
    deps = context.deps
    assert update.effective_message
    lang = await deps.language_of(update)
    await update.effective_message.reply_text(
        deps.text("choose_language", lang),
        reply_markup=keyboards.languages(deps.strings, keyboards.THEN_COUNTRY),
    )


async def on_language_command(update: Update, context: GuideContext) -> None:
    """Ask for the interface language only."""
    deps = context.deps
    assert update.effective_message
    lang = await deps.language_of(update)
    await update.effective_message.reply_text(
        deps.text("choose_language", lang),
        reply_markup=keyboards.languages(deps.strings, keyboards.THEN_DONE),
    )


async def on_country_command(update: Update, context: GuideContext) -> None:
    """Ask for the country (and region)."""
    deps = context.deps
    assert update.effective_message
    lang = await deps.language_of(update)
    await update.effective_message.reply_text(
        deps.text("choose_country", lang),
        reply_markup=keyboards.countries(deps.strings, lang),
    )


def _choice(query: CallbackQuery) -> list[str]:
    return (query.data or "").split(":")[1:]


async def on_language_chosen(update: Update, context: GuideContext) -> None:
    """Save the chosen language; go on to the country when onboarding."""
    deps = context.deps
    query = update.callback_query
    assert query
    code, then = (_choice(query) + [keyboards.THEN_DONE])[:2]
    if code not in deps.strings.languages():
        await query.answer()
        return
    uid = user_id_of(update)
    profile = await deps.store.get_profile(uid)
    await deps.store.save_profile(uid, profile.with_(language=code))
    await query.answer()
    await register_menu(context, code)
    if then == keyboards.THEN_COUNTRY:
        await query.edit_message_text(
            deps.text("choose_country", code),
            reply_markup=keyboards.countries(deps.strings, code),
        )
    else:
        what = deps.strings.language_name(code)
        await query.edit_message_text(deps.text("settings_saved", code, what=what))


async def on_country_chosen(update: Update, context: GuideContext) -> None:
    """Save the chosen country; ask for the region where the rules differ by region."""
    deps = context.deps
    query = update.callback_query
    assert query
    code = (_choice(query) or [""])[0]
    if code not in keyboards.COUNTRIES:
        await query.answer()
        return
    uid = user_id_of(update)
    profile = await deps.store.get_profile(uid)
    region = profile.region if profile.country == code else None
    profile = profile.with_(country=code, region=region)
    await deps.store.save_profile(uid, profile)
    await query.answer()
    lang = deps.language_for(profile, update.effective_user)
    if code in keyboards.REGIONS:
        await query.edit_message_text(
            deps.text("choose_region", lang),
            reply_markup=keyboards.regions(deps.strings, code, lang),
        )
    else:
        await query.edit_message_text(
            _saved(deps, lang, keyboards.country_label(deps.strings, code, lang))
        )


async def on_region_chosen(update: Update, context: GuideContext) -> None:
    """Save the chosen region (and its country)."""
    deps = context.deps
    query = update.callback_query
    assert query
    code = (_choice(query) or [""])[0]
    country = code.split("-")[0]
    if code not in keyboards.REGIONS.get(country, ()):
        await query.answer()
        return
    uid = user_id_of(update)
    profile = (await deps.store.get_profile(uid)).with_(country=country, region=code)
    await deps.store.save_profile(uid, profile)
    await query.answer()
    lang = deps.language_for(profile, update.effective_user)
    what = f"{deps.strings.region_name(code, lang)}, {deps.strings.country_name(country, lang)}"
    await query.edit_message_text(_saved(deps, lang, what))


def _saved(deps: Deps, lang: str, what: str) -> str:
    saved = deps.text("settings_saved", lang, what=what)
    return f"{saved}\n\n{deps.text('ask_something', lang)}"
