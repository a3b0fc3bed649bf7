"""How long the learner's course lasts, against the course lengths a rule is for
(`compose.lasting`): to one starting a 10-month course, "an absence of 6 months or more: ask
120 days before", not the 60 days for a shorter one."""

from __future__ import annotations

import math

import pytest

from bot.guidance.compose import Place, Question, plan_answer
from bot.guidance.compose.lasting import course_months, fact_lasting
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import SearchResult
from tests.test_compose import hit, index


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("Je voudrais faire une formation de comptable de 10 mois.", 10),
        ("the course is 3 years and I can't live without my salary", 36),
        ("la formation dure 8 mois a temps plein", 8),
        ("Ausbildung zur Pflegefachassistenz (1 Jahr Vollzeit)", 12),
        ("eine 3-jährige Ausbildung zur Pflegefachfrau", 36),
        ("a 6 month full-time data engineering bootcamp", 6),
        ("un corso di saldatura di 3 mesi", 3),
        ("een opleiding van 2 jaar", 24),
        ("kurs trwa 2 lata", 24),
        ("je travaille depuis 3 ans, formation de 6 mois", 6),
        # time in the job, or before the course starts, is not its length
        ("ich arbeite seit 3 Jahren hier und will eine Weiterbildung machen", None),
        ("trabajo desde hace 2 años y quiero un curso de inglés", None),
        ("I have worked for 6 years and want a course", None),
        ("in 2 weeks the course starts", None),
        ("la formation commence dans 3 mois", None),
    ],
)
def test_the_length_of_the_course_a_message_gives(text: str, months: float | None) -> None:
    assert course_months(text) == months


def test_the_course_lengths_a_rule_is_for() -> None:
    longer = "France, PTP: if the training means an absence of 6 months or more, ask 120 days."
    shorter = "France, PTP: if the absence is shorter than 6 months, ask at least 60 days before."
    assert fact_lasting(longer) == (6, math.inf)
    assert fact_lasting(shorter) == (0, 6)
    assert fact_lasting("Austria: the training must last at least 2 months.") == (2, math.inf)
    assert fact_lasting("You need 12 months of employment.") is None


def test_the_deadline_for_a_course_of_the_learners_length_comes_first() -> None:
    hits = [
        hit(0, "France, PTP: the employer can refuse only if the conditions are not met.", 0.87),
        hit(
            1,
            "France, PTP: if the absence is shorter than 6 months, or the training is "
            "part-time, ask at least 60 days before the start.",
            0.86,
        ),
        hit(
            2,
            "France, PTP: if the training means a continuous absence of 6 months or more, ask "
            "at least 120 days before the start.",
            0.85,
        ),
    ]
    facts = index(hits, PlaceFinder())

    def support(course: float | None) -> list[str]:
        question = Question(("refuse", "when"), Place("FR"), course=course)
        return [h.id for h in plan_answer(SearchResult(hits, []), question, facts).support]

    assert support(10)[0] == "c2"  # a 10-month course: 120 days
    assert support(3)[0] == "c1"
    assert support(None)[0] == "c1"  # (the closer, when the length is not said)


def test_the_rule_for_another_course_length_gives_way_to_the_learners() -> None:
    # The search found only the 60 days for a short absence; the section holds the 120 days
    # for one of 6 months or more, which a 3-year course is.
    shorter = (
        "France, PTP: if the absence is shorter than 6 months, or the training is part-time, "
        "ask at least 60 days before the start."
    )
    longer = (
        "France, PTP: if the training means a continuous absence of 6 months or more, ask at "
        "least 120 days before the start."
    )
    lead = "France, PTP: you keep 100% of your salary if your pay is up to 2 times the SMIC."
    hits = [hit(0, lead, 0.88), hit(1, longer, 0.0), hit(2, shorter, 0.86)]
    for h in hits:
        h.meta["section"] = "ptp#deadlines"
    facts = index(hits, PlaceFinder())
    found = SearchResult([hits[0], hits[2]], [])

    def support(course: float | None) -> list[str]:
        plan = plan_answer(found, Question(("pay",), Place("FR"), course=course), facts)
        return [h.id for h in plan.support]

    assert support(36) == ["c1"]
    assert support(None) == ["c2"]


def test_a_length_the_course_fails_is_the_answer_to_whether_it_qualifies() -> None:
    hits = [
        hit(0, "Austria, Weiterbildungsbeihilfe: you need at least 6 months of employment.", 0.87),
        hit(1, "Austria, Weiterbildungsbeihilfe: the training must last at least 2 months.", 0.86),
        hit(2, "Austria, Weiterbildungsbeihilfe: hobby courses are excluded.", 0.86),
    ]
    facts = index(hits, PlaceFinder())

    def lead(course: float | None) -> str | None:
        question = Question(("eligible",), Place("AT"), course=course)
        plan = plan_answer(SearchResult(hits, []), question, facts)
        return plan.lead and plan.lead.id

    assert lead(8 / 4.35) == "c1"  # "an 8-week course": too short, it does not qualify
    assert lead(None) == "c0"
