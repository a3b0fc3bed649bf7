"""A scheme of another country named as the model of what the learner looks for where they are
(`compose.alike`): "Is there something like the French CPF in Italy?" is answered with what
Italy has and what the EU says of such accounts, the French facts the name finds at most once."""

from __future__ import annotations

import pytest

from bot.guidance.compose import Place, Question, plan_answer, question_intents
from bot.guidance.compose.alike import asks_for_alike
from bot.guidance.folding import fold
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import SearchResult
from tests.test_compose import hit, index


@pytest.mark.parametrize(
    ("text", "alike"),
    [
        ("Is there something like the French CPF in Italy?", True),
        ("Gibt es in Österreich sowas wie Bildungsurlaub?", True),
        ("Czy w Polsce jest coś jak francuskie CPF?", True),
        ("Existe algo parecido al CPF en España?", True),
        ("Y a-t-il un équivalent du Bildungsurlaub en France ?", True),
        ("How much is on my CPF?", False),
        ("Ich arbeite wie immer Vollzeit, habe ich Bildungsurlaub?", False),
    ],
)
def test_a_scheme_asked_for_as_a_model(text: str, alike: bool) -> None:
    assert asks_for_alike(fold(text)) is alike


def _hits() -> list:  # type: ignore[type-arg]
    return [
        hit(0, "France, CPF: since 1 January 2019 the account is counted in euros, not in"
            " hours.", 0.876, country="FR", doc="fr/cpf.md"),
        hit(1, "France, CPF: an employee who worked at least half-time gets €500 a year.",
            0.870, country="FR", doc="fr/cpf.md"),
        hit(2, "France, CPF: the account opens at age 16.", 0.868, country="FR", doc="fr/cpf.md"),
        hit(3, "EU, Individual Learning Accounts (Council Recommendation of 2022): it only asks"
            " countries to consider setting up learning accounts.", 0.83, country="EU",
            doc="eu/ila.md"),
        hit(4, "Italy, congedo per la formazione: you need 5 years with the same employer.",
            0.80, country="IT", doc="it/congedo.md"),
    ]  # fmt: skip


def _plan(text: str):  # type: ignore[no-untyped-def]
    hits = _hits()
    facts = index(hits, PlaceFinder())
    question = Question(
        question_intents(text), Place("IT"), others=(Place("FR"),), text=fold(text)
    )
    return hits, plan_answer(SearchResult(hits, []), question, facts)


def test_the_models_facts_do_not_lead_and_come_once() -> None:
    hits, plan = _plan("Is there something like the French CPF in Italy?")
    assert plan.lead is not None
    assert plan.lead.meta["country"] != "FR"
    french = [h for h in plan.hits if h.meta["country"] == "FR"]
    # (what the model gives: its €500 a year)
    assert [h.id for h in french] == [hits[1].id]


def test_without_the_cue_the_named_scheme_is_what_is_asked_about() -> None:
    _, plan = _plan("When did the French CPF start counting in euros? I live in Italy.")
    assert plan.lead is not None
    assert plan.lead.meta["country"] == "FR"
