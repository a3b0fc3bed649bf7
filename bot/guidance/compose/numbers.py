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
