"""Interface strings for channel tests: each text is its key plus its parameters, tagged with
the language, so tests show which text the learner got. Keys and placeholders are checked
against the real English locale, so a missing key or parameter fails here as it would live."""

from __future__ import annotations

from typing import Any

from bot.guidance.language import Strings, placeholders

LANGUAGES = ("en", "fr", "de")


class FakeStrings:
    def __init__(self) -> None:
        self.real = Strings()

    def get(self, key: str, lang: str, **params: Any) -> str:
        template = self.real.table("en").get(key)
        assert isinstance(template, str), f"no text {key!r} in bot/locales/en.yaml"
        missing = placeholders(template) - set(params)
        assert not missing, f"text {key!r} needs {missing}"
        shown = " ".join(f"{name}={value}" for name, value in sorted(params.items()))
        return f"{key}[{lang}]" + (f" {shown}" if shown else "")

    def country_name(self, code: str, lang: str) -> str:
        return f"country {code}"

    def region_name(self, code: str, lang: str) -> str:
        return f"region {code}"

    def language_name(self, code: str) -> str:
        return self.real.language_name(code)

    def languages(self) -> tuple[str, ...]:
        return LANGUAGES
