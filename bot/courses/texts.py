"""The course finder's texts in the learner's language, and a course card as lines of text.

The texts live in the `courses:` table of each `bot/locales/<lang>.yaml` (English is the
reference and the fallback). `card_lines` gives the three plain-text lines every channel shows
for a card; channels add their own markup (links, bold) around them.
"""

from __future__ import annotations

from typing import Any

from bot.guidance.types import CourseCard

REFERENCE = "en"


class CourseTexts:
    """Reads the `courses:` table of the interface strings (`bot.guidance.language.Strings`)."""

    def __init__(self, strings: Any) -> None:
        self.strings = strings

    def get(self, key: str, lang: str, **params: object) -> str:
        """The text for `key` in `lang` with `params` filled in; English when missing."""
        for language in (lang, REFERENCE):
            table = self.strings.table(language).get("courses")
            template = table.get(key) if isinstance(table, dict) else None
            if isinstance(template, str):
                try:
                    return template.format(**params)
                except (KeyError, IndexError, ValueError):
                    continue
        raise KeyError(key)

    def place_name(self, country: str | None, region: str | None, lang: str) -> str:
        if region:
            return str(self.strings.region_name(region, lang))
        return str(self.strings.country_name(country or "", lang))


def price(card: CourseCard, texts: CourseTexts, lang: str) -> str:
    if card.cost == 0:
        return texts.get("free", lang)
    amount = f"{card.cost:,.2f}".removesuffix(".00")
    return f"{amount} {card.currency}".strip()


def card_lines(card: CourseCard, texts: CourseTexts, lang: str) -> tuple[str, str, str]:
    """Title and provider; where and when; price and funding. Plain text."""
    head = f"{card.title} — {card.provider}"
    where = card.town or texts.get("mode_online", lang)
    if card.distance_km is not None:
        where += ", " + texts.get("distance", lang, km=_km(card.distance_km))
    when = [texts.get(f"schedule_{s.replace('-', '_')}", lang) for s in card.schedule]
    details = [where, " / ".join(when), texts.get(f"mode_{card.mode.replace(' ', '_')}", lang)]
    if card.start:
        details.append(texts.get("starts", lang, date=card.start))
    money = [price(card, texts, lang)]
    schemes = [s for s in card.funding if s.lower() != "free"]
    if schemes:
        money.append(texts.get("funding", lang, schemes=", ".join(schemes)))
    return head, " · ".join(d for d in details if d), " · ".join(money)


def _km(distance: float) -> str:
    if distance < 1:
        return "< 1"
    return f"{distance:.1f}" if distance < 10 else f"{distance:.0f}"
