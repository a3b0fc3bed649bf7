"""The rules of `knowledge/_triage/signals.yaml` as triage reads them: categories of patterns and
of factors that decide together, plain pattern lists, and the readings of an event in the
learner's own case (what was said to them, by whom, a threat, money taken)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from bot.guidance.folding import unaccented
from bot.guidance.types import Decision


@dataclass(frozen=True, slots=True)
class Category:
    name: str
    decision: Decision
    reason: str
    message_key: str
    crisis: bool
    patterns: tuple[re.Pattern[str], ...]
    factors: dict[str, re.Pattern[str]] = field(default_factory=dict)
    decisive: frozenset[str] = frozenset()
    # Combinations of factors that decide together ("an employer" and "refused"); without
    # any, two different factors or one with two countries named do (the "complex" rule).
    requires: tuple[tuple[str, ...], ...] = ()
    # Factors that decide only beside another one, not with two countries named alone (living
    # in one country and working in another: the workplace's rules apply).
    minor: frozenset[str] = frozenset()
    # Reports what happened in the learner's own case (a dispute): not decided on a general
    # question about the rules.
    reported: bool = False
    # Words that keep the category from deciding ("a loan" is off-topic, "a loan for my
    # studies" is not), and whether the words of the field (`on_topic`) do too.
    unless: tuple[re.Pattern[str], ...] = ()
    unless_on_topic: bool = False


def rx(source: str) -> re.Pattern[str]:
    """A rule, read without accents as the messages are ("każe zwrócić" also finds the "kaze
    zwrocic" a learner types on a keyboard without Polish letters)."""
    return re.compile(unaccented(source), re.IGNORECASE)


def load_categories(path: Path) -> list[Category]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    categories = []
    for name, spec in data.items():
        if "decision" not in spec:
            continue
        categories.append(
            Category(
                name=name,
                decision=spec["decision"],
                reason=spec["reason"],
                message_key=spec["message"],
                crisis=bool(spec.get("crisis", False)),
                patterns=tuple(rx(p) for p in spec.get("patterns", [])),
                factors={
                    k: rx(v) for k, v in (spec.get("factors") or {}).items()
                },
                decisive=frozenset(spec.get("decisive") or ()),
                requires=tuple(tuple(combo) for combo in spec.get("requires") or ()),
                minor=frozenset(spec.get("minor") or ()),
                reported=bool(spec.get("reported", False)),
                unless=tuple(rx(p) for p in spec.get("unless") or ()),
                unless_on_topic=bool(spec.get("unless_on_topic", False)),
            )
        )
    return categories


def pattern_list(signals: dict[str, Any], name: str) -> tuple[re.Pattern[str], ...]:
    return tuple(rx(p) for p in (signals.get(name) or {}).get("patterns", []))


CLAUSE_BREAK = re.compile(r"[.!?;\n]")


def before(
    text: str,
    match: re.Match[str],
    patterns: Sequence[re.Pattern[str]],
    *,
    including: bool = False,
) -> bool:
    """Whether one of `patterns` is found in the sentence before `match` (and the match itself
    if `including`): who said it ("une collègue m'a dit", "on m'a dit"), or a condition put on
    it ("if my employer deducts ...")."""
    clause = CLAUSE_BREAK.split(text[max(0, match.start() - 80) : match.start()])[-1]
    return any(p.search(clause + (match.group(0) if including else "")) for p in patterns)


def event_readings(spec: dict[str, Any]) -> tuple[tuple[re.Pattern[str], ...], ...]:
    """The readings of `own_event` beside its plain patterns: something told to the learner,
    who said it when it is hearsay, a threat (the other side's words and a consequence for the
    learner in one sentence), money taken from the learner, and the words that put a condition
    on it ("if", "wenn")."""

    def compiled(*sources: str) -> tuple[re.Pattern[str], ...]:
        return (rx("".join(sources)),) if all(sources) else ()

    speech, retaliation = spec.get("speech", ""), spec.get("retaliation", "")
    return (
        compiled(spec.get("told", "")),
        compiled(spec.get("hearsay", "")),
        compiled(f"(?:{speech})", r"[^.!?\n]{0,150}?", f"(?:{retaliation})")
        if speech and retaliation
        else (),
        compiled(spec.get("money_taken", "")),
        compiled(spec.get("conditional", "")),
    )
