"""`any_of`: one regular expression from a list, as the pattern lists of intents, facts and
situations are written."""

from __future__ import annotations

import re


def any_of(*patterns: str) -> re.Pattern[str]:
    """One pattern matching any of `patterns` (the pattern lists of intents and situations)."""
    return re.compile("|".join(f"(?:{p})" for p in patterns))
