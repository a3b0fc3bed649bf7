"""Places the knowledge base has no rules of, in the engine's replies (a real small index, the
real embedding model): said first, never another place's rules, the country's for a region."""

from __future__ import annotations

import pytest

from bot.guidance.compose import Place, plan_coverage
from bot.guidance.pipeline import Engine
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import SearchResult
from bot.guidance.searching import naming_place
from bot.guidance.types import Profile
from tests.test_compose import hit, index


async def test_a_country_without_rules_is_said_first_and_handed_to_a_person(
    engine: Engine,
) -> None:
    reply = await engine.reply(
        "I work in Prague. How many days of paid training leave do I get?", Profile()
    )
    assert reply.decision == "escalate"
    first = reply.text.splitlines()[0]
    assert first == engine.strings.get("coverage_missing", "en", place="Czechia")
    assert "Spain" not in reply.text
    assert "Bildungsurlaub" not in reply.text
    assert engine.strings.get("escalate_notice", "en") in reply.text


async def test_an_eu_answer_says_the_learners_country_has_no_rules_of_ours(
    engine: Engine,
) -> None:
    question = "I live in Prague. What are the three steps of the EU's Upskilling Pathways?"
    reply = await engine.reply(question, Profile())
    assert reply.decision == "answer"
    assert "skills assessment" in reply.text.splitlines()[0]
    missing = engine.strings.get("coverage_missing", "en", place="Czechia")
    assert missing in reply.text.split("\n\n")[2:]  # after the answer and its facts
    spanish = await engine.reply(
        "Vivo en Madrid. ¿Cuáles son los tres pasos de Upskilling Pathways de la UE?", Profile()
    )
    assert engine.strings.get("coverage_missing", "es", place="España") not in spanish.text
    bremen = await engine.reply(
        "Trabajo en Bremen. ¿Cuáles son los tres pasos de Upskilling Pathways de la UE?", Profile()
    )
    # a Land, not a country ("… las normas de esta región: Bremen.")
    region = engine.strings.get("coverage_region_missing", "es", region="Bremen")
    assert region in bremen.text.split("\n\n")


async def test_rights_asked_in_a_country_without_rules_are_said_first_though_the_eu_is_named(
    engine: Engine,
) -> None:
    reply = await engine.reply(
        "Pracuję w Danii od 2 lat. Czy w Danii jest płatny urlop na kurs albo konto szkoleniowe"
        " jak CPF we Francji? UE coś daje?",
        Profile(),
    )
    assert reply.decision == "answer"  # what the EU's texts say, and a person offered
    first = reply.text.splitlines()[0]
    assert first.startswith(engine.strings.get("coverage_missing", "pl", place="Dania"))
    assert "CPF" not in reply.text  # France's account was an example, not a rule for Denmark


async def test_a_land_without_rules_gets_no_other_lands_rules(engine: Engine) -> None:
    reply = await engine.reply(
        "Wie viele Tage Bildungsurlaub habe ich in Niedersachsen?", Profile()
    )
    assert reply.decision == "answer"
    assert reply.text.splitlines()[0] == engine.strings.get(
        "coverage_region_missing", "de", region="Niedersachsen"
    )
    assert "Nordrhein" not in reply.text
    assert "Baden" not in reply.text
    assert engine.strings.get("offer_counsellor", "de") in reply.text
    assert "Upskilling" not in reply.text  # EU-wide facts are not Germany's rules


async def test_a_region_of_a_country_with_national_rules_gets_them(engine: Engine) -> None:
    reply = await engine.reply(
        "Trabajo en Cataluña. ¿Cuántas horas pagadas de formación tengo al año?", Profile()
    )
    assert reply.decision == "answer"
    assert "20 hours" in reply.text
    assert reply.learned == {"country": "ES", "region": "ES-CT"}


@pytest.mark.parametrize(
    ("region", "country"), [("Lombardy", "Italy"), ("Lombardia", "Italy"), ("Masovia", "Poland")]
)
async def test_a_region_of_a_country_without_rules_names_the_country(
    engine: Engine, region: str, country: str
) -> None:
    reply = await engine.reply(
        f"I work in {region}. How many days of paid training leave do I get?", Profile()
    )
    first = reply.text.splitlines()[0]
    assert first == engine.strings.get("coverage_missing", "en", place=country)
    assert "Spain" not in reply.text


async def test_one_who_lives_in_another_country_gets_the_workplaces_rules(engine: Engine) -> None:
    # (no case for a person on the commute alone: the Land where one works decides)
    reply = await engine.reply(
        "J'habite à Strasbourg et je travaille à Karlsruhe depuis 2 ans. J'ai droit à la"
        " Bildungszeit ? Combien de jours ?",
        Profile(),
    )
    assert reply.decision == "answer"
    assert "5" in reply.text.splitlines()[0]


async def test_where_one_lives_does_not_replace_the_workplace_one_told_us(
    engine: Engine,
) -> None:
    # (the learner chose North Rhine-Westphalia as their workplace's Land; the message says
    # only where they live)
    question = "Ich wohne in Stuttgart. Wie viele Tage Bildungsurlaub habe ich?"
    reply = await engine.reply(question, Profile(country="DE", region="DE-NW"))
    assert reply.decision == "answer"
    first = reply.text.splitlines()[0]
    assert "NRW" in first or "Nordrhein" in first


def test_the_facts_that_name_a_place_are_found_wherever_they_are(engine: Engine) -> None:
    retriever = engine.retriever
    facts = engine.facts(retriever)
    place = Place("DE", "DE-BW")
    found = naming_place(retriever, facts, place, 0.81)
    assert found.hits
    assert all(facts.names(h.id, place) and h.similarity == 0.81 for h in found.hits)
    assert all("Baden-Württemberg" in h.body for h in found.hits)
    # (read once per index and place)
    assert naming_place(retriever, facts, place, 0.81).hits == found.hits


def test_the_facts_that_name_a_place_lead_and_leave_room_for_an_answer() -> None:
    hits = [
        hit(0, "ILO Convention 140: it gives a worker no right they can claim by itself.", 0.83,
            country="INT", doc="int/ilo.md"),
        hit(1, "ILO Convention 140, Czechia: ratified on 1 January 1993.", 0.80, country="INT",
            doc="int/ilo.md"),
        hit(2, "EU, learning accounts, 2023 edition: Croatia, Czechia and Poland took part.",
            0.80, country="EU", doc="eu/ila.md"),
        hit(3, "Europe, knowledge gaps: our sources have no solid facts on Czechia.", 0.80,
            country="EU", doc="eu/gaps.md"),
    ]  # fmt: skip
    facts = index(hits, PlaceFinder())
    plan = plan_coverage(SearchResult(hits, []), Place("CZ"), facts, ("eligible",), floor=0.8)
    shown = [h.id for h in plan.hits]
    # two of the three that name Czechia, then the rule that answers the question
    assert len(shown) == 3
    assert shown[-1] == hits[0].id
    assert all(facts.names(i, Place("CZ")) for i in shown[:2])
