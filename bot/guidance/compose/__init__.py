"""Grounded replies: which facts to show, in which order, in the learner's language.

`select` plans a reply (the fact that answers the question first, then a few that help, for the
learner's place), `coverage` one for a place the knowledge base has no rules of; `render`
writes it offline from the knowledge base and its translations, one renderer per kind of
reply; `llm` has a chat model write it from the same facts when an endpoint is configured, and
checks what it wrote. Citations [n] either way.
"""

from bot.guidance.compose.coverage import plan_coverage
from bot.guidance.compose.facts import GLOBAL, FactIndex, Place
from bot.guidance.compose.intents import asks_entitlement, question_intents
from bot.guidance.compose.lasting import course_months
from bot.guidance.compose.llm import LLMComposer, Prompts
from bot.guidance.compose.numbers import (
    figures,
    number_readings,
    numbers_in,
    unsupported_numbers,
)
from bot.guidance.compose.render import (
    Composition,
    NoTranslations,
    no_rules_sentence,
    number_sources,
    render_answer,
    render_coverage,
)
from bot.guidance.compose.score import Question
from bot.guidance.compose.select import Plan, plan_answer
from bot.guidance.compose.situations import learner_age, learner_situations
from bot.guidance.compose.staff import learner_staff
from bot.guidance.compose.tenure import learner_tenure

__all__ = [
    "GLOBAL",
    "asks_entitlement",
    "Composition",
    "FactIndex",
    "figures",
    "course_months",
    "learner_age",
    "learner_situations",
    "learner_staff",
    "learner_tenure",
    "LLMComposer",
    "NoTranslations",
    "Place",
    "Plan",
    "Prompts",
    "Question",
    "number_readings",
    "number_sources",
    "numbers_in",
    "plan_answer",
    "plan_coverage",
    "question_intents",
    "no_rules_sentence",
    "render_answer",
    "render_coverage",
    "unsupported_numbers",
]
