"""The qualification level a learner names against the levels a rule is for (`compose.levels`),
and the rule on time in the job the learner meets, to "can I already?" (`compose.tenure`)."""

from __future__ import annotations

import pytest

from bot.guidance.compose import FactIndex, Place, Question, plan_answer, question_intents
from bot.guidance.compose.levels import learner_levels, levels
from bot.guidance.compose.score import Scorer
from bot.guidance.compose.tenure import learner_tenure
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import SearchResult
from tests.test_compose import hit, index


@pytest.mark.parametrize(
    ("text", "found"),
    [
        (
            "Ireland, Springboard+, employed people: NFQ level 7–9 courses are 90% funded",
            ((7, 9),),
        ),
        ("Ireland, Springboard+, employed people: NFQ level 6 courses are free", ((6, 6),)),
        (
            "an upper-secondary qualification (EQF level 3 or 4, depending on the country)",
            ((3, 4),),
        ),
        ("no qualification at CAP/BEP level (below level 3) gets €800 a year", ((0, 2),)),
        ("courses at level 5 or above", ((5, 99),)),
        ("the course lasts 7 weeks", ()),
    ],
)
def test_the_levels_a_rule_is_for(text: str, found: tuple[tuple[int, int], ...]) -> None:
    assert levels(text) == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("I want to do a level 7 course in supply chain management", {7}),
        ("Quiero hacer un curso de data analytics nivel 7 con Springboard", {7}),
        ("Chcę zrobić kurs z quality na poziomie 7", {7}),
        ("een opleiding op niveau 4 bij het mbo", {4}),
        ("un corso di livello 5", {5}),
        ("I have worked here for 7 years", set()),
    ],
)
def test_the_level_a_learner_names(text: str, found: set[int]) -> None:
    assert learner_levels(text) == found


def _springboard() -> tuple[list, FactIndex]:  # type: ignore[type-arg]
    hits = [
        hit(0, "Ireland, Springboard+, employed people: NFQ level 6 courses are free (2018"
            " terms).", 0.867, country="IE", doc="ie/springboard.md", section="s"),
        hit(1, "Ireland, Springboard+, employed people: NFQ level 7–9 courses are 90% funded by"
            " the State and the learner pays 10% (2018 terms).", 0.862, country="IE",
            doc="ie/springboard.md", section="s"),
    ]  # fmt: skip
    return hits, index(hits, PlaceFinder())


@pytest.mark.parametrize(("level", "lead"), [(7, 1), (8, 1), (6, 0)])
def test_the_rule_for_the_learners_level_leads(level: int, lead: int) -> None:
    hits, facts = _springboard()
    text = f"I work in a warehouse in Cork. I want to do a level {level} course: is it free?"
    question = Question(
        question_intents(text), Place("IE"), text=text, levels=learner_levels(text)
    )
    plan = plan_answer(SearchResult(hits, []), question, facts)
    assert plan.lead is not None
    assert plan.lead.id == hits[lead].id


def test_without_a_level_the_search_decides() -> None:
    hits, facts = _springboard()
    question = Question(question_intents("Is Springboard free for me?"), Place("IE"))
    plan = plan_answer(SearchResult(hits, []), question, facts)
    assert plan.lead is not None
    assert plan.lead.id == hits[0].id


def _study_leave() -> tuple[list, FactIndex]:  # type: ignore[type-arg]
    hits = [
        hit(0, "Finland, study leave: if you have worked at least 1 year for the same employer,"
            " you can get up to 2 years of study leave within 5 years.", 0.838, country="FI",
            doc="fi/study-leave.md", section="s"),
        hit(1, "Finland, study leave: if you have worked at least 3 months for the same"
            " employer, you can get up to 5 days of study leave.", 0.837, country="FI",
            doc="fi/study-leave.md", section="s"),
    ]  # fmt: skip
    return hits, index(hits, PlaceFinder())


@pytest.mark.parametrize(
    ("text", "lead"),
    [
        # 4 months: the 3-month rule they meet, not the 1-year rule they do not yet
        (
            "Ich arbeite seit 4 Monaten in Tampere. Kann ich Studienurlaub nehmen?",
            1,
        ),
        # 2 years: both are met, the document's main rule leads
        ("I have worked in Tampere for 2 years. Can I take study leave?", 0),
        # no time in the job said
        ("Can I take study leave in Finland?", 0),
    ],
)
def test_the_rule_on_time_in_the_job_the_learner_meets_leads(text: str, lead: int) -> None:
    hits, facts = _study_leave()
    question = Question(question_intents(text), Place("FI"), tenure=learner_tenure(text))
    plan = plan_answer(SearchResult(hits, []), question, facts)
    assert plan.lead is not None
    assert plan.lead.id == hits[lead].id


@pytest.mark.parametrize(
    "text",
    [
        "Verlies ik loon als ik opleidingsverlof neem?",
        "Verliere ich Lohn, wenn ich Bildungsurlaub nehme?",
        "Est-ce que je perds mon salaire pendant la formation ?",
    ],
)
def test_losing_pay_is_a_question_about_pay_not_about_an_expiry(text: str) -> None:
    assert question_intents(text)[0] == "pay"
    assert "exists" not in question_intents(text)


def test_only_a_rule_of_the_learners_place_on_time_in_the_job_counts_as_unmet() -> None:
    hits, _ = _study_leave()
    hits.append(
        hit(2, "Italy, congedo per la formazione: you need at least 5 years of service with the"
            " same employer.", 0.83, country="IT", doc="it/congedo.md")
    )  # fmt: skip
    facts = index(hits, PlaceFinder())
    text = "I have worked in Tampere for 14 months. Can I take study leave?"
    question = Question(question_intents(text), Place("FI"), tenure=learner_tenure(text))
    # (met: 3 months and 1 year in Finland; Italy's 5 years are not the learner's rule)
    assert not Scorer(SearchResult(hits, []), question, facts).unmet
    short = Question(
        question_intents(text),
        Place("FI"),
        tenure=learner_tenure("I have worked here for 4 months"),
    )
    assert Scorer(SearchResult(hits, []), short, facts).unmet
