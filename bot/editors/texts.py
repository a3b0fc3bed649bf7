"""The editors' own texts, in the editor's language (`bot/locales/editors/<lang>.yaml`).

Editors' tools speak through a `Say`: a key and its parameters in, plain text out, in one
language. The Telegram channel makes one from the editor's Telegram language; the command line
uses English. Parameters that are numbers or sizes are written the way the editor's language
writes them (a German editor reads "20.000 Seiten", not "20,000", which is twenty).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Protocol


class Say(Protocol):
    """One editor's texts: `say(key, **params)` is the text in their language."""

    def __call__(self, key: str, /, **params: object) -> str: ...


class StringTable(Protocol):
    """Localised texts (`bot.guidance.language.Strings`)."""

    def get(self, key: str, lang: str, **params: object) -> str: ...


@dataclass(frozen=True, slots=True)
class Count:
    """A number, written with the language's thousands and decimal separators."""

    value: float
    digits: int = 0  # after the decimal separator


@dataclass(frozen=True, slots=True)
class Size:
    """A size in bytes, written in MB the way the language writes them."""

    value: float


MB = 1024 * 1024


def speaker(strings: StringTable, lang: str) -> Say:
    """The editors' texts in `lang` (English where a text is missing)."""

    def say(key: str, /, **params: object) -> str:
        shown = {name: _shown(value, strings, lang) for name, value in params.items()}
        return strings.get(key, lang, **shown)

    return say


@functools.cache
def _reference() -> StringTable:
    from bot.guidance.language import Strings

    return Strings()


def english() -> Say:
    """The editors' texts in English: the command line's."""
    return speaker(_reference(), "en")


class Note(str):
    """A sentence for editors that is English wherever a string is expected (logs, JSON), and
    said in another language with `said`."""

    key: str
    params: dict[str, object]

    def __new__(cls, key: str, /, **params: object) -> Note:
        note = super().__new__(cls, english()(key, **params))
        note.key, note.params = key, params
        return note

    def said(self, say: Say) -> str:
        return say(self.key, **self.params)


def _shown(value: object, strings: StringTable, lang: str) -> object:
    if isinstance(value, Count):
        return _number(value.value, value.digits, strings, lang)
    if isinstance(value, Size):
        megabytes = value.value / MB
        text = _number(megabytes, 1 if megabytes < 10 else 0, strings, lang)
        return strings.get("editor_size_mb", lang, n=text)
    return value


def _number(value: float, digits: int, strings: StringTable, lang: str) -> str:
    whole, _, fraction = f"{value:.{digits}f}".partition(".")
    text = _group(int(whole), strings.get("editor_thousands_separator", lang))
    if fraction:
        text += strings.get("editor_decimal_separator", lang) + fraction
    return text


def _group(value: int, separator: str) -> str:
    """1234567 -> "1,234,567" with `separator` ("_" stands for a narrow no-break space, which
    YAML would otherwise hide)."""
    separator = separator.replace("_", "\u202f")
    digits = str(abs(value))
    groups = [digits[max(0, end - 3) : end] for end in range(len(digits), 0, -3)][::-1]
    return ("-" if value < 0 else "") + separator.join(groups)
