"""The learner's working time against a rule that asks for some (`compose.worktime`), and the
line a reply adds under its lead: "Your working time: 26 hours a week. Needed: at least 28
hours a week. So you do not meet this condition." """

from __future__ import annotations

import pytest

from bot.guidance.compose import FactIndex, Place, Question, plan_answer, render_answer
from bot.guidance.compose.render import NoTranslations
from bot.guidance.compose.worktime import (
    WorkTime,
    check_worktime,
    learner_worktime,
    required_worktime,
)
from bot.guidance.language import Strings
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import SearchResult
from tests.test_compose import hit

VOV = (
    "Belgium, Flanders, VOV: from the 2025–26 school year, you must have at least an 80% job"
    " AND work at least 28 hours per week."
)


@pytest.mark.parametrize(
    ("text", "hours", "share"),
    [
        ("ik werk in Gent, 26u per week op een voltijds van 38u, sinds 2020", 26, 0.68),
        ("je travaille a Namur, en 4/5 temps depuis la naissance de ma fille", None, 0.8),
        ("Ik werk 4/5de (30,4 uur per week) als bediende in Antwerpen", 30.4, 0.8),
        ("ich arbeite 30 Stunden die Woche in der Pflege", 30, None),
        ("Ich habe eine 30-Stunden-Woche im Lager", 30, None),
        ("ik werk halftijds bij een bakkerij", None, 0.5),
        ("trabajo 20 horas semanales en una tienda", 20, None),
        # not the learner's working time: a course's hours, a share of pay, a date
        ("je travaille à temps plein et le cours fait 12 heures par semaine", None, None),
        ("I get 80% of my salary while on leave", None, None),
        ("the course starts on 3/4 and I work in Ghent", None, None),
    ],
)
def test_the_working_time_a_message_gives(
    text: str, hours: float | None, share: float | None
) -> None:
    found = learner_worktime(text)
    assert (found.hours if found else None) == hours
    assert (found.share if found else None) == share


def test_the_working_time_a_rule_asks_for() -> None:
    assert required_worktime(VOV) == WorkTime(28, 0.8)
    wallonia = "Belgium, Wallonia: part-time employees working at least 4/5 can use it."
    assert required_worktime(wallonia) == WorkTime(None, 0.8)
    # hours of the course, not of the job; a share of pay
    assert required_worktime("Austria: the training must be at least 20 hours per week.") is None
    assert required_worktime("Sweden: it pays a grant of 80% of your previous pay.") is None
    # half of the normal working time; not a rate of incapacity after a work accident
    half = "France, CPF: one who worked at least half of the normal working time gets €500."
    assert required_worktime(half) == WorkTime(None, 0.5)
    oeth = "France, CPF: people with at least 10% permanent incapacity after a work accident."
    assert required_worktime(oeth) is None


def test_a_no_says_only_the_part_that_falls_short_and_a_yes_needs_every_part() -> None:
    short = check_worktime(WorkTime(26, None), [VOV])
    assert short is not None
    assert not short.meets
    assert short.have == WorkTime(26, None)
    assert short.need == WorkTime(28, None)
    # 30 hours a week, with no share said: 30 of 40 would be under 80%
    assert check_worktime(WorkTime(30, None), [VOV]) is None
    meets = check_worktime(WorkTime(30.4, 0.8), [VOV])
    assert meets is not None
    assert meets.meets
    # two rules asking for different hours: no verdict
    other = "Belgium, Flanders, VOV: employees working at least 30 hours a week qualify."
    assert check_worktime(WorkTime(26, 0.68), [VOV, other]) is None
    # no rule shown: that of the lead's section
    assert check_worktime(WorkTime(26, None), ["a full-time employee gets 125 hours."], [VOV])
    # a rule with another way in than the working time: no "no" (a half-timer in Liège)
    wallonia = "part-time employees working at least 4/5, or on variable schedules, can use it."
    assert check_worktime(WorkTime(None, 0.5), [wallonia]) is None
    yes = check_worktime(WorkTime(None, 0.8), [wallonia])
    assert yes is not None
    assert yes.meets


@pytest.mark.parametrize(
    ("text", "line"),
    [
        (
            "Ik werk 26u per week in Gent. Heb ik nog recht op opleidingsverlof?",
            "Hoeveel je werkt: 26 uur per week. Nodig: minstens 28 uur per week. Aan deze"
            " voorwaarde voldoe je dus niet.",
        ),
        (
            "Ik werk 4/5, 30 uur per week in Gent. Heb ik nog recht op opleidingsverlof?",
            "Hoeveel je werkt: 80% van een voltijdse job en 30 uur per week. Nodig: minstens 80%"
            " van een voltijdse job en 28 uur per week. Aan deze voorwaarde voldoe je dus.",
        ),
    ],
)
def test_the_reply_says_under_its_lead_whether_the_learner_works_enough(
    text: str, line: str
) -> None:
    hits = [
        hit(0, VOV, 0.87, country="BE", region="BE-VLG", doc="be/vov.md"),
        hit(1, "Belgium, Flanders, VOV: the course must be in the training database.", 0.86,
            country="BE", region="BE-VLG", doc="be/vov.md"),
    ]  # fmt: skip
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in hits), PlaceFinder())
    question = Question(("eligible",), Place("BE", "BE-VLG"), worktime=learner_worktime(text))
    reply = render_answer(plan_answer(SearchResult(hits, []), question, facts), "nl", Strings(),
                          NoTranslations()).text  # fmt: skip
    assert reply.splitlines()[1] == line
    # none said: no such line
    plain = plan_answer(SearchResult(hits, []), Question(("eligible",), Place("BE", "BE-VLG")),
                        facts)  # fmt: skip
    assert "Hoeveel je werkt" not in render_answer(plain, "nl", Strings(), NoTranslations()).text
