"""An answer as a person would read it aloud: no source numbers, links, emoji, bullet marks or
markup; sources stay in the text message. Amounts in euros are said in words ("€500" → "500
euros"), since eSpeak reads the sign inconsistently."""

from __future__ import annotations

import re

MAX_CHARS = 2_000  # about two minutes of speech: longer answers are cut at a sentence

_TAGS = re.compile(r"<[^>]+>")
_SOURCE_MARKS = re.compile(r"\s*\[\d+(?:\s*[,–-]\s*\d+)*\]")
_LINKS = re.compile(r"(?:https?://|www\.)\S+", re.IGNORECASE)
_EMOJI = re.compile(
    "[\U0001f000-\U0001faff\u2600-\u27bf\u2b00-\u2bff\ufe0f\u200d\u20e3\U000e0020-\U000e007f]"
)
_BULLET = re.compile(r"^\s*(?:[•·▪●◦‣*–—-]|\d+[.)])\s+")
_MARKUP = re.compile(r"[*_`#>|]+")
_EURO_BEFORE = re.compile(r"€\s?(\d[\d.,\s]*\d|\d)")
_EURO_AFTER = re.compile(r"(\d[\d.,]*)\s?(?:€|EUR\b)")
_SPACES = re.compile(r"[ \t]+")


def speakable(text: str, euro: str = "euros") -> str:
    """`text` cleaned for a speech engine; `euro` is the word for € in the answer's language."""
    lines = []
    for raw in _TAGS.sub(" ", text).splitlines():
        line = _BULLET.sub("", raw)
        line = _SOURCE_MARKS.sub("", line)
        line = _LINKS.sub("", line)
        line = _EMOJI.sub("", line)
        line = _EURO_BEFORE.sub(lambda m: f"{m.group(1).strip()} {euro}", line)
        line = _EURO_AFTER.sub(lambda m: f"{m.group(1)} {euro}", line)
        line = _MARKUP.sub(" ", line)
        line = _SPACES.sub(" ", line).strip(" :;,")
        line = line.replace("( )", "").replace("()", "").strip()
        if not line:
            continue
        # A line without a full stop would run into the next one: end it, so the voice pauses.
        lines.append(line if line[-1] in ".!?…" else f"{line}.")
    return _shorten(" ".join(lines))


def _shorten(text: str) -> str:
    if len(text) <= MAX_CHARS:
        return text
    cut = text[:MAX_CHARS]
    end = max(cut.rfind(". "), cut.rfind("! "), cut.rfind("? "))
    return cut[: end + 1] if end > 0 else cut
