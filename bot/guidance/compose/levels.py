"""The qualification level a learner names, against the levels a rule is for.

"I want to do a level 7 course at the college: will I have to pay or is it free?" is answered by
"NFQ level 7–9 courses are 90% funded; you pay 10%", not by "NFQ level 6 courses are free": a
counsellor reads the level off the message. The level is read in the bot's eight languages
(folded: lower case, no accents) where a word for "level" comes right before it ("level 7",
"niveau 4", "NFQ level 8", "livello 5", "poziom 6"); the levels a rule is for from an English
fact ("NFQ level 6", "levels 7–9", "EQF level 3 or 4", "below level 3").
"""

from __future__ import annotations

import re

from bot.guidance.folding import fold

LEVEL_BONUS = 0.015  # a rule for the learner's level
LEVEL_PENALTY = 0.02  # a rule for other levels only
TOP = 99

_WORD = (
    r"(?:(?:nfq|eqf|qqi|dqr|eqr|qec|mec|zsk|prk|qnq|nlqf|mbo)[- ])?"
    r"(?:levels?|niveaux?|stufe|livell[oi]|nivel(?:es)?|niveis|poziom(?:u|ie|y)?)"
)
_JOIN = r"(?:-|–|to|a|à|bis|tot|al|do|or|ou|oder|of|o|y|e|i|and|et|und|en)"
_LEVEL = re.compile(rf"\b{_WORD}\s+(\d{{1,2}})\b(?:\s*{_JOIN}\s*(\d{{1,2}})\b)?")
# ("below level 3", "level 5 or above")
_BELOW = re.compile(r"\b(?:below|under|less than)\s+$")
_ABOVE = re.compile(r"^\s*(?:or (?:above|higher|more)|and (?:above|up|higher)|\+)")


def levels(text: str) -> tuple[tuple[int, int], ...]:
    """The levels a text names, each as the range it covers ("levels 7–9": (7, 9))."""
    folded = fold(text)
    found = []
    for match in _LEVEL.finditer(folded):
        first = int(match.group(1))
        last = int(match.group(2)) if match.group(2) else first
        if last < first:
            continue
        if _BELOW.search(folded[max(0, match.start() - 12) : match.start()]):
            first, last = 0, first - 1
        elif _ABOVE.match(folded[match.end() : match.end() + 12]):
            last = TOP
        found.append((first, last))
    return tuple(found)


def learner_levels(text: str) -> frozenset[int]:
    """The levels the learner names (one each: "a level 7 course", "niveau 4")."""
    return frozenset(first for first, last in levels(text) if first == last)


def level_fit(ranges: tuple[tuple[int, int], ...], asked: frozenset[int]) -> float:
    """A bonus for a rule for the learner's level, a penalty for one for other levels only."""
    if not ranges or not asked:
        return 0.0
    if any(first <= level <= last for first, last in ranges for level in asked):
        return LEVEL_BONUS
    return -LEVEL_PENALTY
