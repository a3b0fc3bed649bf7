"""Interface strings for channel tests: `key` plus its parameters, tagged with the language."""

from __future__ import annotations

from typing import Any

LANGUAGES = ("en", "fr", "de")


class FakeStrings:
    def get(self, key: str, lang: str, **params: Any) -> str:
        shown = " ".join(f"{name}={value}" for name, value in sorted(params.items()))
        return f"{key}[{lang}]" + (f" {shown}" if shown else "")

    def country_name(self, code: str, lang: str) -> str:
        return f"country {code}"

    def region_name(self, code: str, lang: str) -> str:
        return f"region {code}"

    def language_name(self, code: str) -> str:
        return {"en": "English", "fr": "Français", "de": "Deutsch"}[code]

    def languages(self) -> tuple[str, ...]:
        return LANGUAGES
