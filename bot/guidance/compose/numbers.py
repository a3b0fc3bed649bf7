"""Numbers as answers state them: every way a written number can be read, for checking that an
answer states no amount, date or duration its passages lack."""

from __future__ import annotations

import re

# A number with thousands groups ("5,000", "5 000", "1.600") or a plain/decimal one ("103.20").
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?")
CITATION = re.compile(r"\[(\d{1,2})\]")


def _digits(raw: str) -> str:
    return re.sub(r"\D", "", raw).lstrip("0") or "0"


def number_readings(text: str) -> list[frozenset[str]]:
    """Each number in the text with the ways it can be read, as bare digit strings.

    5,000 / 5 000 / 5.000 / 5000 all read "5000"; a group with spaces may also be a list
    ("ZDR-1 171" is 1 and 171), so it also reads as its parts.
    """
    text = CITATION.sub(" ", text)
    readings = []
    for match in _NUMBER.finditer(text):
        raw = match.group(0)
        options = {_digits(raw)}
        parts = re.split(r"[ \u00a0\u202f]", raw)
        if len(parts) > 1 and not any(part.startswith("0") for part in parts[1:]):
            options |= {_digits(part) for part in parts}
        readings.append(frozenset(options))
    return readings


def numbers_in(text: str) -> set[str]:
    """Every reading of every number in the text."""
    return {reading for options in number_readings(text) for reading in options}


def unsupported_numbers(answer: str, support: str) -> set[str]:
    """Numbers in the answer that no reading of the supporting text contains."""
    allowed = numbers_in(support)
    # A decimal written without its zero ("103.2") still matches "103.20".
    allowed |= {a.rstrip("0") for a in allowed}
    return {
        min(options)
        for options in number_readings(answer)
        if not any(n in allowed or n.rstrip("0") in allowed for n in options)
    }



# The unit of a figure, from the words around it: money, a share, a duration.
_UNITS = (
    ("money", re.compile(r"\s?(?:€|eur\b|euros?\b|zl\b|zł|\$|s\$|chf\b)", re.IGNORECASE)),
    (
        "share",
        re.compile(r"\s?(?:%|per ?cent|prozent|pour ?cent|procent|por ?ciento)", re.IGNORECASE),
    ),
    (
        "hours",
        re.compile(
            r"\s?(?:h|u|uur|uren|hours?|hrs?|std|stunden|heures?|ore|horas|godzin\w*)\b",
            re.IGNORECASE,
        ),
    ),
    (
        "days",
        re.compile(r"\s?(?:days?|dagen|tage?n?|jours?|giorni|d[ií]as|dni)\b", re.IGNORECASE),
    ),
    # ("20 ECTS per semester" is not the "20 Std." of a part-timer's week)
    (
        "credits",
        re.compile(
            r"\s?(?:ects|credits?|studiepunten|crediti|cr[ée]ditos?|punkte)\b", re.IGNORECASE
        ),
    ),
)
_MONEY_BEFORE = re.compile(r"(?:€|\$|S\$|EUR|CHF)\s?$")


def figures(text: str) -> set[str]:
    """The figures a text quotes that are worth matching, as "number unit": whole parts of
    numbers of at least 20 ("103,20 €" is "103 money", "250 uur" "250 hours"), not years
    ("since 2017"), not small counts; the unit is "" when none is said."""
    text = CITATION.sub(" ", text)
    found = set()
    for match in _NUMBER.finditer(text):
        whole = re.split(r"[.,](?=\d{1,2}(?!\d))", match.group(0))[0]
        value = int(_digits(whole))
        after = text[match.end() : match.end() + 10]
        unit = next((name for name, pattern in _UNITS if pattern.match(after)), "")
        if not unit and _MONEY_BEFORE.search(text[max(0, match.start() - 4) : match.start()]):
            unit = "money"
        year = 1950 <= value <= 2039 and not unit
        if value >= 20 and not year:
            found.add(f"{value} {unit}".strip())
    return found


def same_figure(asked: set[str] | frozenset[str], stated: set[str] | frozenset[str]) -> bool:
    """A figure the learner quotes is one a fact states: the same number, and the same unit
    when both say one ("30 hours" is not "30 %")."""
    for a in asked:
        number, _, unit = a.partition(" ")
        for b in stated:
            other, _, other_unit = b.partition(" ")
            if number == other and (unit == other_unit or not unit or not other_unit):
                return True
    return False
