"""The learner's own figures held against the rules a reply shows: their time in the job
(`tenure`), their age and their firm's size (`fit`), their working time (`worktime`). Each is
a line under the lead ("Your time in the job: 10 months. Needed: at least 1 year. So not
yet.").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from bot.guidance.compose.facts import FactIndex, sentences, split_label
from bot.guidance.compose.fit import (
    AGE_CONDITION,
    AgeCheck,
    StaffCheck,
    check_age,
    check_age_condition,
    check_staff,
)
from bot.guidance.compose.score import Question
from bot.guidance.compose.tenure import TenureCheck, check_tenure
from bot.guidance.compose.worktime import WorkTimeCheck, check_worktime
from bot.guidance.retrieval import Hit


@dataclass(frozen=True, slots=True)
class Verdicts:
    """The checks a reply shows under its lead; None where the message gives no such figure or
    no rule shown compares with it."""

    tenure: TenureCheck | None = None
    age: AgeCheck | None = None
    worktime: WorkTimeCheck | None = None
    staff: StaffCheck | None = None


def as_shown(lead: Hit, said: tuple[int, ...]) -> Hit:
    """The lead as the reply shows it: of a summary, the sentences shown (its first two, or
    `said`), so that what its other sentences say neither hides a supporting fact as a repeat
    nor stands as a rule the learner is measured against."""
    if lead.meta.get("kind") != "summary":
        return lead
    label, statement = split_label(lead.body)
    parts = sentences(statement)
    kept = [parts[i] for i in said if i < len(parts)] if said else parts[:2]
    return replace(lead, body=f"{label}: {' '.join(kept)}")


def verdicts(
    lead: Hit,
    support: Sequence[Hit],
    same_place: frozenset[str],
    pool: Sequence[Hit],
    question: Question,
    facts: FactIndex | None,
) -> Verdicts:
    """The learner's figures against the rules of the lead's place the reply shows (`lead` as
    shown), else the rule of the lead's section, else of its document and scheme (the congedo's
    5 years under its 11 months, NRW's 6 months in the job under its 5 days). Any other rule on
    time in the job found for that place, shown or not, holds a verdict back."""
    if facts is None:
        return Verdicts()
    shown = [split_label(h.body)[1] for h in (lead, *(h for h in support if h.id in same_place))]
    unshown: list[list[str]] = []
    if question.tenure is not None or question.worktime is not None:
        source, scheme = str(lead.meta.get("source", "")), split_label(lead.body)[0]
        section = facts.statements(source, str(lead.meta.get("section")))
        # (of the lead's scheme: not the 20 hours' year in the company, under the PIF)
        document = [h for h in facts.statements(source) if split_label(h.body)[0] == scheme]
        unshown = [[split_label(h.body)[1] for h in hits] for hits in (section, document)]
    found = [split_label(h.body)[1] for h in pool if facts.same(h.id, lead.id)]
    age = None
    if lead.meta.get("kind") != "summary":
        age = check_age(facts.info(lead.id), question.age, "eligible" in question.intents)
        if age is not None and AGE_CONDITION.search(lead.body):
            # (an age limit that leads is said as one: "it is only for people under 57")
            age = replace(age, condition=True)
    if age is None and question.age is not None:
        # (else the age condition of the lead's scheme: "the age limit is under 57", under
        # "the Levenlanglerenkrediet is for recognised HBO programmes", to one of 46)
        # (of a document the reply cites: the figure said has its source)
        cited = {str(h.meta.get("source", "")) for h in (lead, *support)}
        conditions = [
            check
            for h in facts.of_scheme(split_label(lead.body)[0])
            if str(h.meta.get("source", "")) in cited
            and (check := check_age_condition(facts.info(h.id), h.body, question.age))
        ]
        age = conditions[0] if len(conditions) == 1 else None
    staff = check_staff(facts.info(lead.id), question.staff)
    return Verdicts(
        check_tenure(question.tenure, shown, found, *unshown),
        age,
        check_worktime(question.worktime, shown, *unshown),
        staff,
    )
