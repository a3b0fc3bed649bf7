"""Whether a rule for some people is the learner's own: their age, their firm's size, their
commute, the length of their course. `select` adds these to a fact's score; each is a small
weight beside the closeness of the search, so that "employees under 25 get 10 days a year"
leads for a 23-year-old and not for one of 40, and "in firms with fewer than 10 employees there
is no legal claim" leads for a salon of 7.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.guidance.compose.facts import FactInfo, Place
from bot.guidance.compose.lasting import fits

AGE_BONUS = 0.025  # for people of the learner's age ("employees under 25", to a 23-year-old)
AGE_PENALTY = 0.025  # ... for people of another age than the learner's
AGE_UNKNOWN_PENALTY = 0.01  # ... for an age group, to a learner whose age we do not know
TYPICAL_AGES = (30, 55)  # an age group that holds all these is no narrower than most learners
# The rule for firms of the learner's size ("fewer than 10 employees: no legal claim", to one of
# 7 people) is their answer; one for firms of another size is not theirs.
STAFF_BONUS = 0.03
STAFF_PENALTY = 0.025
STAFF_UNKNOWN_PENALTY = 0.01  # ... to one who does not say their firm's size
# The rule for courses as long as the learner's ("an absence of 6 months or more: ask 120 days
# before", to one starting a 10-month course) is theirs; one for other lengths is not.
COURSE_BONUS = 0.02
COURSE_PENALTY = 0.025


def most_adults(ages: tuple[int, int]) -> bool:
    """An age group that holds most learners ("aged 25 and over", "under 57"): no group of a
    learner's own."""
    first, last = ages
    return first <= TYPICAL_AGES[0] and TYPICAL_AGES[1] <= last


@dataclass(frozen=True, slots=True)
class AgeCheck:
    """The learner's age against the ages a rule is for ("you must be aged 27 to 62", to one
    of 63): the line a reply adds under that rule when it leads."""

    age: int
    ages: tuple[int, int]
    # a condition of the scheme the reply is about, not shown ("the age limit is under 57"),
    # rather than the lead itself
    condition: bool = False

    @property
    def within(self) -> bool:
        return self.ages[0] <= self.age <= self.ages[1]


def check_age(info: FactInfo | None, age: int | None, eligible: bool) -> AgeCheck | None:
    """The verdict on a rule for an age group, for a message that gives an age (the learner's
    or their mother's): always when it is outside the group; inside it, only to one who asks
    whether they can ("Can I still get it?", `eligible`) and for a group narrower than most
    adults (not "aged 25 and over", to one of 40)."""
    if info is None or info.ages is None or age is None:
        return None
    check = AgeCheck(age, info.ages)
    return check if not check.within or (eligible and not most_adults(info.ages)) else None


# A statement that sets an age condition of its scheme, rather than a rule for an age group
# ("the age limit is under 57", "you must be aged 27 to 62"; not "people under 18 ... cannot
# use it", whose ages are those left out).
AGE_CONDITION = re.compile(r"\b(?:age limit|must be aged|must be (?:under|over|at least))\b")


def check_age_condition(info: FactInfo | None, body: str, age: int | None) -> AgeCheck | None:
    """The learner's age against an age condition of the scheme a reply is about."""
    if info is None or info.ages is None or age is None or not AGE_CONDITION.search(body):
        return None
    return AgeCheck(age, info.ages, condition=True)


def age_fit(ages: tuple[int, int], age: int | None, asked: Sequence[str]) -> float:
    """ "Employees under 25 get 10 days a year": for a 23-year-old the lead; for someone of
    40, or whose age we do not know, not the rule that applies. To "can I still apply at 58?",
    "you must be under 57" is the answer: an age limit that leaves the learner out decides
    whether they may. `asked`: what the message asks (`Question.specific`)."""
    first, last = ages
    wide = most_adults(ages)
    if age is None:
        return 0.0 if wide or "age" in asked else -AGE_UNKNOWN_PENALTY
    if first <= age <= last:
        return 0.0 if wide and "age" not in asked else AGE_BONUS
    return AGE_BONUS if {"age", "eligible"} & set(asked) else -AGE_PENALTY


@dataclass(frozen=True, slots=True)
class StaffCheck:
    """The size of the learner's workplace against the firm sizes a leading rule is for ("in
    firms with fewer than 10 employees there is no legal claim", to a firm of 8)."""

    staff: int
    sizes: tuple[int, int]


def check_staff(info: FactInfo | None, staff: int | None) -> StaffCheck | None:
    """The line under a lead for firms of some sizes, where the message's firm is one: why
    the rule is theirs."""
    if info is None or info.staff is None or staff is None:
        return None
    return StaffCheck(staff, info.staff) if info.staff[0] <= staff <= info.staff[1] else None


def staff_fit(sizes: tuple[int, int], staff: int | None) -> float:
    """ "In firms with fewer than 10 employees there is no legal claim": to one of 7 people the
    answer; "in firms of 10 to 50 the employer may limit it to 10%", to one of 40, a caveat
    (as for anyone); to one of 500, not theirs; to one who does not say, a rule for some firms
    that may not be theirs."""
    first, last = sizes
    if staff is None:
        return -STAFF_UNKNOWN_PENALTY
    if not first <= staff <= last:
        return -STAFF_PENALTY
    return STAFF_BONUS if first <= 1 else 0.0


def course_fit(lasting: tuple[float, float], months: float, asked: Sequence[str]) -> float:
    """ "If the absence is shorter than 6 months, ask 60 days before": to one whose course
    lasts 10 months, not the rule; "... 6 months or more, 120 days", theirs. To "could our
    8-week course qualify?", "the training must last at least 2 months" is the answer: a
    length their course fails decides whether it may."""
    if fits(lasting, months) or {"eligible", "covers"} & set(asked):
        return COURSE_BONUS
    return -COURSE_PENALTY


def commute(info: FactInfo, commuter: bool | None, place: Place) -> int:
    """A fact about people who live in one place and work in another: 1 to such a learner
    where its commuter works where they do (`place`; or anywhere); -1 to one who commutes
    elsewhere, or works where they live ("ich arbeite in Sachsen" is not told of those who
    live in Saxony and work in Berlin); 0 to a fact about others, or where the learner's
    workplace is unknown (`commuter` None)."""
    if "commuter" not in info.situations or commuter is None:
        return 0
    if commuter and (not info.works_in or {place.region, place.country} & set(info.works_in)):
        return 1
    return -1
