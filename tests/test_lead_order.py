"""Where facts score alike, the document's order decides what leads: writers put the main
case first and the exceptions after, the main rule of a section before its details."""

from __future__ import annotations

from dataclasses import replace

from bot.guidance.compose import FactIndex, Place, Question, plan_answer, question_intents
from bot.guidance.compose.score import names_scheme
from bot.guidance.folding import fold
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import SearchResult
from tests.test_compose import hit, index, lead_id


def test_of_two_near_equal_facts_the_documents_main_case_leads(places: PlaceFinder) -> None:
    # Writers put the main case first and the exceptions in later sections; a question that
    # names no exception, found a hair closer to one, still gets the main case first.
    exception = hit(5, "France, CPF: an employee with no diploma gets €800 a year.", 0.880)
    main = hit(1, "France, CPF: an employee who works half-time gets €500 a year.", 0.884)
    facts = index([exception, main], places)
    plan = plan_answer(
        SearchResult([exception, main], []),
        Question(question_intents("How much do I get a year?"), Place("FR")),
        facts,
    )
    assert plan.lead is not None
    assert plan.lead.id == "c1"


def test_of_two_statements_of_a_section_that_score_alike_the_first_leads() -> None:
    # The search ranks "can postpone" a hair above "cannot refuse" (first, less close: the
    # rank bonus makes up for all but 0.0001 of it); the section's writer put the main rule
    # first, and to "can my employer say no?" it is the answer.
    hits = [
        hit(2, "Sweden, studieledighet: your employer can postpone the start by up to 6"
            " months.", 0.907, country="SE", doc="se/s.md", section="s"),
        hit(1, "Sweden, studieledighet: your employer cannot refuse your study leave.",
            0.9089, country="SE", doc="se/s.md", section="s"),
    ]  # fmt: skip
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in hits), PlaceFinder())
    question = Question(("refuse",), Place("SE"))
    plan = plan_answer(SearchResult(hits, []), question, facts)
    assert plan.lead is not None
    assert plan.lead.id == "c1"
    # a real lead, by more than a hair, stays
    hits[1] = replace(hits[1], similarity=0.905)
    plan = plan_answer(SearchResult(hits, []), question, facts)
    assert plan.lead is not None
    assert plan.lead.id == "c2"


def test_the_scheme_the_message_names_by_its_short_name_leads(places: PlaceFinder) -> None:
    hits = [
        hit(0, "Spain, paid training leave: employees with 1 year in the company have 20 hours"
            " a year.", 0.849, country="ES", doc="es/s.md"),
        hit(1, "Spain, PIF: the employer gets the salary back for up to 200 working hours a"
            " year.", 0.848, country="ES", doc="es/s.md"),
    ]  # fmt: skip
    text = "Una compañera me habló del PIF. ¿Cuántas horas son?"
    facts = index(hits, places)
    named = Question(question_intents(text), Place("ES"), text=fold(text))
    assert lead_id(plan_answer(SearchResult(hits, []), named, facts)) == "c1"
    # (a message that does not name it: the closest)
    plain = Question(question_intents("¿Cuántas horas son?"), Place("ES"), text="cuantas horas")
    assert lead_id(plan_answer(SearchResult(hits, []), plain, facts)) == "c0"
    # (nor is a contract's short name a scheme's: "PTP, permanent contract (CDI)")
    assert not names_scheme("France, PTP, permanent contract (CDI)", "je suis en cdi")
    # a name made with a figure
    assert names_scheme("Italy, 150 ore, commerce CCNL", "ho diritto alle 150 ore?")
    assert not names_scheme("Italy, congedo per la formazione", "ho diritto alle 150 ore?")


def test_a_scheme_of_the_whole_country_named_leads_over_the_regions_own(
    places: PlaceFinder,
) -> None:
    # In the Saarland, one who asks about Qualifizierungsgeld (Germany's, wherever one works)
    # is not answered with the Saarland's Bildungsurlaub, found as close.
    land = hit(1, "Germany, Saarland, Bildungsurlaub: part of the pay is linked to own time.",
               0.824, region="DE-SL", doc="de/saarland.md")  # fmt: skip
    names = hit(2, "Also called: Qualifizierungsgeld, § 82a SGB III.", 0.85, kind="alias",
                doc="de/qualifizierungsgeld.md")  # fmt: skip
    pays = hit(3, "Germany, Qualifizierungsgeld: it pays 60% of net pay while you train.",
               0.830, doc="de/qualifizierungsgeld.md")  # fmt: skip
    hits = [names, pays, land]
    facts = index(hits, places)
    text = "Werk im Saarland, der Betriebsrat redet von Qualifizierungsgeld. Wer zahlt da?"
    question = Question(question_intents(text), Place("DE", "DE-SL"), text=fold(text))
    assert lead_id(plan_answer(SearchResult(hits, []), question, facts)) == "c3"
    # (without the name, the Land's own rule is the closer fit)
    other = "Werk im Saarland. Wer zahlt da?"
    question = replace(question, intents=question_intents(other), text=fold(other))
    assert lead_id(plan_answer(SearchResult(hits, []), question, facts)) == "c1"


def test_a_figure_alone_does_not_answer_how_many(places: PlaceFinder) -> None:
    # "May I say no? How long do I have to answer?": the rule for the worker's contract quotes
    # figures (any figure answers "how many"), but says nothing of refusing nor of days; it
    # does not lead over the employer's 30 days to answer, though it fits the CDI named.
    contract = hit(1, "France, PTP, permanent contract (CDI): you need 24 months as an"
                   " employee, including 12 months with your current employer.", 0.875,
                   country="FR", doc="fr/ptp.md", section="who")  # fmt: skip
    answer = hit(2, "France, PTP: your employer must answer in writing within 30 days.", 0.866,
                 country="FR", doc="fr/ptp.md", section="refuse")  # fmt: skip
    hits = [contract, answer]
    facts = index(hits, places)
    text = "Un vendeur en CDI depuis 4 ans. J'ai le droit de dire non ? J'ai combien de temps ?"
    question = Question(
        question_intents(text), Place("FR"), situations=frozenset({"permanent"}), text=fold(text)
    )
    assert lead_id(plan_answer(SearchResult(hits, []), question, facts)) == "c2"


def _cpf(*which: int) -> list:  # type: ignore[type-arg]
    """Statements of a CPF document, by section: everyone's €500 first, then the €800 of
    those without a basic qualification (its heading says whom)."""
    rows = {
        1: hit(1, "France, CPF: an employee who worked at least half-time gets €500 a year.",
               0.86, country="FR", doc="fr/cpf.md", section="main"),
        2: hit(2, "France, CPF: an employee with no qualification at CAP/BEP level gets €800 a"
               " year.", 0.864, country="FR", doc="fr/cpf.md", section="low"),
        3: hit(3, "France, CPF: the ceiling for low-qualified employees is €8,000.", 0.851,
               country="FR", doc="fr/cpf.md", section="low"),
    }  # fmt: skip
    for h in rows.values():
        h.meta["headings"] = (
            "CPF › Employees without a basic qualification" if h.meta["section"] == "low" else
            "CPF › Private-sector employees"
        )  # fmt: skip
    return [rows[i] for i in which]


def test_a_groups_rule_found_alone_gives_way_to_the_main_case(places: PlaceFinder) -> None:
    # "20 hours a week: how much is on my CPF?" found the €800 of those with no diploma, not
    # the €500 the document puts first: the main case answers one who says nothing of diplomas.
    every = _cpf(1, 2, 3)
    facts = index(every, places)
    found = [every[1]]
    text = "je fais 20h par semaine depuis 3 ans, combien j'ai sur mon CPF ?"
    question = Question(question_intents(text), Place("FR"), text=fold(text))
    assert lead_id(plan_answer(SearchResult(found, []), question, facts)) == "c1"
    # ... while to one with no diploma, that rule stands first, before its ceiling
    no_diploma = Question(
        question.intents, Place("FR"), situations=frozenset({"low_qualified"}), text=fold(text)
    )
    found = [every[2]]
    assert lead_id(plan_answer(SearchResult(found, []), no_diploma, facts)) == "c2"


def test_a_rules_history_comes_after_the_rules_in_force(places: PlaceFinder) -> None:
    # "How many hours do I get?": after the 125 hours, the part-timers' share, not the one-off
    # doubling that is no longer current (next in the document).
    hits = [
        hit(1, "Belgium, Flanders, VOV: a full-time employee can get up to 125 hours per school"
            " year.", 0.88, country="BE", region="BE-VLG", doc="be/vov.md", section="hours"),
        hit(2, "Belgium, Flanders, VOV: the one-off doubling to 250 hours applied in 2021–22; it"
            " is no longer current.", 0.87, country="BE", region="BE-VLG", doc="be/vov.md",
            section="hours"),
        hit(3, "Belgium, Flanders, VOV: part-time employees get a number of hours in proportion"
            " to their working time.", 0.85, country="BE", region="BE-VLG", doc="be/vov.md",
            section="hours"),
    ]  # fmt: skip
    facts = index(hits, places)
    text = "Hoeveel uur opleidingsverlof krijg ik?"
    question = Question(question_intents(text), Place("BE", "BE-VLG"), text=fold(text))
    plan = plan_answer(SearchResult(hits, []), question, facts)
    assert lead_id(plan) == "c1"
    assert plan.support[0].id == "c3"


def test_another_schemes_rule_for_the_learners_contract_is_not_shown(
    places: PlaceFinder,
) -> None:
    # On a CDI, "can I still pay my driving licence with my CPF?": the PTP's 24 months for a
    # CDI fits the contract, not the question.
    hits = [
        hit(1, "France, CPF 2026, driving licence: the CPF pays for a car licence only for"
            " jobseekers.", 0.88, country="FR", doc="fr/cpf-2026.md"),
        hit(2, "France, CPF 2026, driving licence: otherwise a third party must co-fund it.",
            0.86, country="FR", doc="fr/cpf-2026.md"),
        hit(3, "France, PTP, permanent contract (CDI): you need 24 months as an employee.", 0.85,
            country="FR", doc="fr/ptp.md"),
    ]  # fmt: skip
    facts = index(hits, places)
    text = "Je suis en CDI, je peux encore utiliser mon CPF pour le permis B ?"
    question = Question(
        question_intents(text), Place("FR"), situations=frozenset({"permanent"}), text=fold(text)
    )
    plan = plan_answer(SearchResult(hits, []), question, facts)
    assert "c3" not in [h.id for h in plan.support]
