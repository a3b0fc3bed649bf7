"""Which sentences of a document's summary ("In short: ...") lead a reply, when the summary
is the lead: its first two, or a later one that answers what was asked better.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from bot.guidance.compose.fact_intents import fact_intents
from bot.guidance.compose.facts import sentences, split_label
from bot.guidance.compose.score import Question, mentions, short_names
from bot.guidance.retrieval import Hit

# A summary's later sentence on whether something lasts ("unused hours no longer expire"), not
# one that only says "still" ("details were still being settled in February 2026")
LASTS = re.compile(
    r"\b(?:no longer|(?:do|does|did) not (?:expire|lapse)|expire[sd]?|lapse[sd]?|lose|lost"
    r"|still (?:exists?|available|valid|appl(?:y|ies)|open|paid))\b"
)


def opens_with(summary: Hit, intent: str) -> bool:
    """The summary's first sentence alone answers `intent` ("Europass is a free EU website":
    "is it free?")."""
    opening = sentences(split_label(summary.body)[1])[:1]
    return bool(opening) and intent in fact_intents(opening[0])


def lead_sentences(
    summary: Hit,
    question: Question,
    best: Hit | None = None,
    spelt: Mapping[str, Iterable[str]] | None = None,
) -> tuple[int, ...]:
    """The sentences of a summary that lead a reply: its first two, unless the message asks
    whether something still exists (or how to apply) and only a later one says:

    - that it ended: that first ("How do I apply for the adult education allowance?": "The
      allowance ... was abolished in 2024", then the first sentence);
    - whether it lasts, to "do I lose those hours?": after the first ("... 40 hours a year.
      Unused hours no longer expire after three years ...");
    - what the scheme asked about is, to "what is ...?", when only a later sentence names the
      scheme of the best fact found ("¿qué es eso del PIF?": "There is also the Permiso
      Individual de Formación (PIF): paid leave ...", Spain's summary being about its 20 hours).

    - what came after it, to "is there a replacement?", after the first ("... ended on 31
      March 2025. A new, smaller scheme, Weiterbildungszeit ..., has its legal basis from 1
      January 2026").

    Other later sentences would answer other asks only by chance of wording."""
    parts = sentences(split_label(summary.body)[1])
    read = [fact_intents(part) for part in parts]
    if "successor" in question.specific and not any("successor" in p for p in read[:2]):
        later = [i for i, found in enumerate(read[2:], start=2) if "successor" in found]
        if later:
            return (0, later[0])
    scheme = split_label(best.body)[0].split(", ")[1:] if best is not None else []
    if question.intents[:1] == ("what",):
        # (the short name the message uses first: "¿qué es eso del PIF?" where the best fact
        # is on the 20 hours)
        # (or writes out: "¿qué es eso del Permiso Individual de Formación?", `spelt`)
        named = [
            i for i, p in enumerate(parts) if mentions(question.text, short_names(p), spelt)
        ] or [i for i, p in enumerate(parts) if any(s.casefold() in p.casefold() for s in scheme)]
        if named and named[0] >= 2:
            return (named[0],)
    # - whether one has a right at all, to "does my employer have to give me time off?", when
    #   only a later sentence says ("We found no general legal right to study leave in the
    #   Netherlands; ...", after two on STAP and the Levenlanglerenkrediet): that alone.
    if question.specific[:1] == ("eligible",) and not any("eligible" in p for p in read[:2]):
        later = [i for i, found in enumerate(read[2:], start=2) if "eligible" in found]
        if later:
            return (later[0],)
    asked = set(question.specific)
    if not {"exists", "apply"} & asked:
        return ()
    if any("ended" in p for p in read[:2]):
        return ()
    for i, found in enumerate(read[2:], start=2):
        if "ended" in found:
            return (i, 0)
        if "exists" in found and question.specific[0] == "exists" and LASTS.search(
            parts[i].casefold()
        ):
            return (0, i)
    return ()
