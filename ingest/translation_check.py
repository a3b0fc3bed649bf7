"""The mechanical check of a translation: it carries exactly the numbers (dates, amounts,
percentages, phone numbers), links, e-mail addresses and ISO codes of its English source, as
the same multiset once thousand separators and decimal commas are normalised."""

from __future__ import annotations

import re
from collections import Counter

_URL = re.compile(r"https?://[^\s<>\"')\]]+")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_ISO = re.compile(r"\b[A-Z]{2}-[A-Z0-9]{1,3}\b")
# 5,000 / 5.000 / 5 000 (also with no-break or thin spaces), optionally with decimals; then
# plain numbers: 103.20 / 103,20 / 2026 (a date 2026-02-28 is three numbers, 1–2 two).
_GROUPED = re.compile(r"(?<![\d.,])\d{1,3}(?:[,. \u00a0\u202f]\d{3})+(?!\d)(?:[.,]\d{1,2}(?!\d))?")
_PLAIN = re.compile(r"\d+(?:[.,]\d+)?")
_GROUPS = re.compile(r"(\d{1,3}(?:[,. \u00a0\u202f]\d{3})+)(?:[.,](\d{1,2}))?")


def _number_value(raw: str) -> str:
    """The number a written form stands for: '5.000' and '5,000' are 5000, '103,20' is 103.2."""
    if grouped := _GROUPS.fullmatch(raw):
        whole, decimals = int(re.sub(r"\D", "", grouped.group(1))), grouped.group(2) or ""
    else:
        whole_text, _, decimals = raw.replace(",", ".").partition(".")
        whole = int(whole_text)
    decimals = decimals.rstrip("0")
    return f"{whole}.{decimals}" if decimals else str(whole)


def protected_tokens(text: str) -> Counter[str]:
    """Numbers, links, e-mail addresses and ISO codes of a text, normalised, with their counts."""
    tokens: Counter[str] = Counter()
    rest = text
    for pattern, kind in ((_URL, "url"), (_EMAIL, "email")):
        for found in pattern.findall(rest):
            tokens[f"{kind}:{found.rstrip('.,;:')}"] += 1
        rest = pattern.sub(" ", rest)
    for found in _ISO.findall(rest):
        tokens[f"code:{found}"] += 1
    rest = _ISO.sub(" ", rest)
    for found in _GROUPED.findall(rest):
        tokens[_number_value(found)] += 1
    rest = _GROUPED.sub(" ", rest)
    for found in _PLAIN.findall(rest):
        tokens[_number_value(found)] += 1
    return tokens


_ANY_PROTECTED = re.compile(r"[\d@]|://|\b[A-Z]{2}-")


def check_text(source: str, translation: str) -> list[str]:
    """What differs: '-5000' for a token of the source the translation lacks, '+50' for one it
    adds. Empty when the two carry the same figures, links and codes."""
    if not _ANY_PROTECTED.search(source) and not _ANY_PROTECTED.search(translation):
        return []  # nothing to compare (most texts without a figure): the quick way out
    want, got = protected_tokens(source), protected_tokens(translation)
    missing = [f"-{token}" for token in sorted((want - got).elements())]
    extra = [f"+{token}" for token in sorted((got - want).elements())]
    return missing + extra
