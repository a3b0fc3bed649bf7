"""Words of a message as the place finder and the course finder compare them: folded (lower
case, no accents) and split into tokens that know whether they start a sentence."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

WORD = re.compile(r"[^\W_]+")
_SENTENCE_END = re.compile(r"[.!?\n\r]")
_FOLD = str.maketrans({"ß": "ss", "ł": "l", "ø": "o", "æ": "ae", "œ": "oe", "đ": "d",
                       "ı": "i", "þ": "th", "ð": "d", "ς": "σ"})  # fmt: skip


_UNACCENT = str.maketrans({"ß": "ss", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D"})


def unaccented(text: str) -> str:
    """Without accents, case kept: "Łódź, échéance" -> "Lodz, echeance". Learners often type
    without them; rules written with them are read through this on both sides."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text.translate(_UNACCENT))
    return unicodedata.normalize(
        "NFC", "".join(char for char in decomposed if not unicodedata.combining(char))
    )


def fold(text: str) -> str:
    """Lower case without accents: "Köln" -> "koln", "Łódź" -> "lodz", "Αθήνα" -> "αθηνα"."""
    lowered = text.lower().translate(_FOLD)
    if lowered.isascii():
        return lowered
    decomposed = unicodedata.normalize("NFKD", lowered)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@dataclass(frozen=True, slots=True)
class Token:
    raw: str
    folded: str
    starts_sentence: bool
    start: int
    end: int


def tokenise(text: str) -> list[Token]:
    tokens: list[Token] = []
    previous_end = 0
    for found in WORD.finditer(text):
        gap = text[previous_end : found.start()]
        starts = not tokens or _SENTENCE_END.search(gap) is not None
        raw = found.group()
        tokens.append(Token(raw, fold(raw), starts, found.start(), found.end()))
        previous_end = found.end()
    return tokens
