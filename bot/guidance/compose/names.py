"""The names of schemes: those an "Also called" line lists, those the knowledge base writes out
before their acronym ("the Permiso Individual de Formación (PIF)"), and whether a message uses
one."""

from __future__ import annotations

import re

from bot.guidance.folding import fold

_ALSO_CALLED = re.compile(r"^\s*also called:\s*", re.IGNORECASE)


def listed_names(line: str) -> set[str]:
    """The names an "Also called: ..." line lists, not the questions it adds ("wo finde ich
    anerkannte Kurse?"), remarks ("(CIF, old name)") nor years ("1974")."""
    listed = re.sub(r"\([^)]*\)?", "", _ALSO_CALLED.sub("", line))
    return {
        name.strip(" .()")
        for name in re.split(r"[,;]", listed)
        if len(name.strip()) > 3
        and not re.search(r"[?\"“”]", name)
        and re.search(r"[^\W\d]", name)
    }


def name_pattern(name: str) -> tuple[bool, re.Pattern[str]]:
    """How a message uses a scheme's name: folded, as a phrase; a short one ("STAP", "PIF")
    only as written (True), or it would be a word ("een eerste stap")."""
    if len(name) < 5:
        return True, re.compile(rf"\b{re.escape(name)}\b")
    return False, re.compile(rf"\b{re.escape(fold(name))}\b")


def uses_name(message: str, folded: str, pattern: tuple[bool, re.Pattern[str]]) -> bool:
    """The message (and its `folded` form) uses a name (`name_pattern`)."""
    as_written, compiled = pattern
    return compiled.search(message if as_written else folded) is not None


# "the Permiso Individual de Formación (PIF)": a name written out, then its acronym.
_SPELT = re.compile(r"([^()]{3,80}?)\s+\(([A-Z][A-Za-z]{1,4}[A-Z])\)")
# Small words an acronym skips ("Permiso Individual de Formación": PIF).
_LINK_WORDS = frozenset(
    re.findall(
        r"\S+",
        "de di du des del la le of the for für do da dos das van voor per pour para dla"
        " na et and und y e i",
    )
)


def spelt_out(text: str) -> dict[str, set[str]]:
    """Acronyms the text writes out in full, with their names, folded: {"PIF": {"permiso
    individual de formacion"}}."""
    found: dict[str, set[str]] = {}
    for phrase, acronym in _SPELT.findall(text):
        words = re.findall(r"[\w'’-]+", phrase)
        letters = [c.casefold() for c in acronym]
        taken: list[str] = []
        while words and len([w for w in taken if w.casefold() not in _LINK_WORDS]) < len(letters):
            taken.insert(0, words.pop())
        initials = [w[0].casefold() for w in taken if w.casefold() not in _LINK_WORDS]
        if initials == letters and taken[0].casefold() not in _LINK_WORDS:
            found.setdefault(acronym, set()).add(fold(" ".join(taken)))
    return found
