"""Inline keyboards and their callback data (each at most 64 bytes, Telegram's limit).

Callback data is `kind:value[:more]`; the patterns below route each kind to its handler.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.channels.telegram.deps import Strings
from bot.guidance.places import COMMON_COUNTRIES, REGIONS
from bot.guidance.types import Option

logger = logging.getLogger(__name__)

__all__ = ["COUNTRIES", "REGIONS"]

OTHER_COUNTRY = "other"  # the value the engine's clarifying question uses too

MAX_CALLBACK_BYTES = 64

# The countries offered (the engine's own list) and "other"; the regions where rules differ.
COUNTRIES = (*COMMON_COUNTRIES, OTHER_COUNTRY)

LANGUAGE = "lang"
COUNTRY = "country"
REGION = "region"
CLARIFY = "clarify"
FEEDBACK = "fb"
HUMAN = "human"
FORGET = "forget"
READ_ALOUD = "say"

# After choosing a language during onboarding, go on to the country.
THEN_COUNTRY = "c"
THEN_DONE = "-"


def pattern(*kinds: str) -> str:
    """The `CallbackQueryHandler` pattern for one or more kinds of callback data."""
    return rf"^(?:{'|'.join(kinds)})(:|$)"


def data(*parts: str | int) -> str:
    text = ":".join(str(part) for part in parts)
    if len(text.encode()) > MAX_CALLBACK_BYTES:
        raise ValueError(f"callback data over {MAX_CALLBACK_BYTES} bytes: {text[:20]}...")
    return text


def _rows(
    buttons: Sequence[InlineKeyboardButton], per_row: int
) -> list[list[InlineKeyboardButton]]:
    return [list(buttons[i : i + per_row]) for i in range(0, len(buttons), per_row)]


def languages(strings: Strings, then: str) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(strings.language_name(code), callback_data=data(LANGUAGE, code, then))
        for code in strings.languages()
    ]
    return InlineKeyboardMarkup(_rows(buttons, 3))


def country_label(strings: Strings, code: str, lang: str) -> str:
    if code == OTHER_COUNTRY:
        return strings.get("country_other", lang)
    return strings.country_name(code, lang)


def countries(strings: Strings, lang: str) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(country_label(strings, code, lang), callback_data=data(COUNTRY, code))
        for code in COUNTRIES
    ]
    return InlineKeyboardMarkup(_rows(buttons, 2))


def regions(strings: Strings, country: str, lang: str) -> InlineKeyboardMarkup:
    buttons = [
        InlineKeyboardButton(strings.region_name(code, lang), callback_data=data(REGION, code))
        for code in REGIONS[country]
    ]
    return InlineKeyboardMarkup(_rows(buttons, 2))


def options(choices: Iterable[Option]) -> InlineKeyboardMarkup:
    """Buttons for the options of a clarifying question; an option too long to fit is left out."""
    buttons = []
    for option in choices:
        try:
            buttons.append(
                InlineKeyboardButton(option.label, callback_data=data(CLARIFY, option.value))
            )
        except ValueError:
            logger.warning("Clarify option left out: its value does not fit in callback data")
    return InlineKeyboardMarkup(_rows(buttons, 2))


def counsellor_row(strings: Strings, lang: str) -> list[InlineKeyboardButton]:
    return [InlineKeyboardButton(strings.get("button_counsellor", lang), callback_data=HUMAN)]


def feedback(
    strings: Strings, lang: str, turn_id: int, read_aloud: bool = False
) -> InlineKeyboardMarkup:
    """👍 / 👎 on an answer (and 🔊 to hear it, when the bot can speak), and the way to a
    counsellor."""
    row = [
        InlineKeyboardButton(
            strings.get("button_helpful", lang), callback_data=data(FEEDBACK, 1, turn_id)
        ),
        InlineKeyboardButton(
            strings.get("button_not_helpful", lang), callback_data=data(FEEDBACK, 0, turn_id)
        ),
    ]
    if read_aloud:
        row.append(
            InlineKeyboardButton(
                strings.get("button_read_aloud", lang),
                callback_data=data(READ_ALOUD, turn_id, lang),
            )
        )
    return InlineKeyboardMarkup([row, counsellor_row(strings, lang)])


def counsellor(strings: Strings, lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup([counsellor_row(strings, lang)])


def confirm_forget(strings: Strings, lang: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [
            [
                InlineKeyboardButton(
                    strings.get("button_yes_erase", lang), callback_data=data(FORGET, "yes")
                ),
                InlineKeyboardButton(
                    strings.get("button_cancel", lang), callback_data=data(FORGET, "no")
                ),
            ]
        ]
    )
