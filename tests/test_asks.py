"""Planning a reply to a message that asks several things: each one gets its answer, from the
lead's own section where it has one, even when the search missed it (pure functions on
retrieval results, as in test_compose)."""

from __future__ import annotations

from bot.guidance.compose import Place, Question, plan_answer, question_intents
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import Hit, SearchResult
from tests.test_compose import hit, index

CONGEDO = "it/congedo.md#congedo"


def congedo(i: int, body: str, similarity: float, section: str = CONGEDO) -> Hit:
    return hit(i, body, similarity, country="IT", doc="it/congedo.md", section=section)


def test_each_other_ask_gets_the_leads_section_answer_the_search_missed(
    places: PlaceFinder,
) -> None:
    # "How long can I stay home? Do they pay me? How early must I ask?" A long message's
    # words find the congedo's 11 months, and for pay the commerce agreement's 150 paid hours;
    # the congedo's own "the leave is unpaid" and its notice are too short to rank.
    doc = [
        congedo(
            0, "Italy, congedo per la formazione: up to 11 months over your working life.", 0.9
        ),
        congedo(
            1,
            "Italy, congedo per la formazione: it can be used for training not organised or "
            "paid by the employer.",
            0.86,
        ),
        congedo(2, "Italy, congedo per la formazione: the leave is unpaid.", 0.0),
        congedo(3, "Italy, congedo per la formazione: the notice is at least 30 days.", 0.0),
        congedo(4, "Italy, 150 ore, commerce CCNL: 150 paid hours over three years.", 0.89, "150"),
    ]
    facts = index(doc, places)
    found = SearchResult([doc[0], doc[4], doc[1]], [])
    ask = question_intents(
        "Quanto tempo posso stare a casa? Mi pagano? E con quanto anticipo devo chiederlo?"
    )
    assert ask[:3] == ("days", "pay", "notice")
    plan = plan_answer(found, Question(ask, Place("IT")), facts)
    assert plan.lead is not None
    assert plan.lead.id == "c0"
    # Pay, then notice, each in the order asked, before what the search ranked higher.
    assert [h.id for h in plan.support][:2] == ["c2", "c3"]


def test_a_rule_that_only_touches_on_what_is_asked_is_not_looked_up(places: PlaceFinder) -> None:
    # "Ireland has not ratified the convention on paid educational leave" says "paid", but
    # is not the answer to "is it paid?"; a rule not found that only touches on it stays out.
    doc = [
        congedo(0, "Ireland, study leave: there is no statutory right to study leave.", 0.9),
        congedo(
            1,
            "Ireland, study leave: Ireland has not ratified the convention on paid "
            "educational leave.",
            0.0,
        ),
    ]
    doc = [
        hit(
            h.meta["order"],
            h.body,
            h.similarity,
            country="IE",
            doc="ie/s.md",
            section="ie/s.md#leave",
        )
        for h in doc
    ]
    facts = index(doc, places)
    ask = question_intents("Do I have a legal right to study leave? Is it paid?")
    plan = plan_answer(SearchResult(doc[:1], []), Question(ask, Place("IE")), facts)
    assert plan.lead is not None
    assert plan.lead.id == "c0"
    assert plan.support == ()


def test_how_high_it_goes_is_answered_from_the_leads_section_not_by_another_rule(
    places: PlaceFinder,
) -> None:
    # "How much a year, and how high does it go?" from a cleaner without a diploma: her €800 a
    # year, then her €8,000 ceiling; not the public sector's "25 hours a year, up to 150 hours",
    # whose "up to" answers a ceiling too.
    low = "fr/cpf.md#low"
    doc = [
        hit(
            0,
            "France, CPF: an employee without a CAP/BEP gets €800 a year.",
            0.9,
            country="FR",
            doc="fr/cpf.md",
            section=low,
        ),
        hit(
            1,
            "France, CPF: the ceiling for low-qualified employees is €8,000.",
            0.0,
            country="FR",
            doc="fr/cpf.md",
            section=low,
        ),
        hit(
            2,
            "France, CPF, public sector: full-timers get 25 hours a year, up to 150 hours.",
            0.895,
            country="FR",
            doc="fr/cpf.md",
            section="fr/cpf.md#public",
        ),
    ]
    facts = index(doc, places)
    ask = question_intents("Combien par an et jusqu'à combien ça monte ?")
    plan = plan_answer(SearchResult([doc[0], doc[2]], []), Question(ask, Place("FR")), facts)
    assert plan.lead is not None
    assert plan.lead.id == "c0"
    assert [h.id for h in plan.support][:1] == ["c1"]


def test_how_much_is_answered_by_the_main_rule_of_the_section_the_search_found(
    places: PlaceFinder,
) -> None:
    # "Combien j'ai sur mon CPF par an ?" found the section's later lines, not its first one.
    section = "fr/cpf.md#employees"
    doc = [
        hit(
            0,
            "France, CPF: an employee who worked at least half-time gets €500 for that year.",
            0.0,
            country="FR",
            doc="fr/cpf.md",
            section=section,
        ),
        hit(
            1,
            "France, CPF: the €500 and €800 yearly amounts have not changed since 2019.",
            0.87,
            country="FR",
            doc="fr/cpf.md",
            section=section,
        ),
    ]
    facts = index(doc, places)
    ask = question_intents("Combien j'ai sur mon CPF par an ?")
    plan = plan_answer(SearchResult(doc[1:], []), Question(ask, Place("FR")), facts)
    assert plan.lead is not None
    assert plan.lead.id == "c0"
    # (not to a question that is not about how much)
    other = question_intents("Est-ce que mon CPF existe encore ?")
    plan = plan_answer(SearchResult(doc[1:], []), Question(other, Place("FR")), facts)
    assert plan.lead is not None
    assert plan.lead.id == "c1"


def test_the_rule_for_the_learners_age_keeps_the_lead_over_the_sections_main_rule(
    places: PlaceFinder,
) -> None:
    section = "de/berlin.md#days"
    doc = [
        hit(
            0,
            "Germany, Berlin, Bildungsurlaub: employees get 10 days in 2 consecutive years.",
            0.0,
            region="DE-BE",
            doc="de/berlin.md",
            section=section,
        ),
        hit(
            1,
            "Germany, Berlin, Bildungsurlaub: employees under 25 get 10 days a year.",
            0.87,
            region="DE-BE",
            doc="de/berlin.md",
            section=section,
        ),
    ]
    facts = index(doc, places)
    ask = question_intents("Wie viele Tage Bildungsurlaub habe ich?")
    berlin = Place("DE", "DE-BE")
    plan = plan_answer(SearchResult(doc[1:], []), Question(ask, berlin, age=23), facts)
    assert plan.lead is not None
    assert plan.lead.id == "c1"


def test_the_rule_for_the_learners_situation_keeps_the_lead_over_the_sections_main_rule(
    places: PlaceFinder,
) -> None:
    # "Bin Azubi im 2. Lehrjahr in Heilbronn. Wieviele Tage hab ich?"
    section = "de/bw.md#days"
    doc = [
        hit(
            0,
            "Germany, Baden-Württemberg, Bildungszeit: you get up to 5 working days a year.",
            0.0,
            region="DE-BW",
            doc="de/bw.md",
            section=section,
        ),
        hit(
            1,
            "Germany, Baden-Württemberg, Bildungszeit: apprentices get 5 days for the whole "
            "apprenticeship.",
            0.87,
            region="DE-BW",
            doc="de/bw.md",
            section=section,
        ),
    ]
    facts = index(doc, places)
    ask = question_intents("Wieviele Tage hab ich?")
    azubi = Question(ask, Place("DE", "DE-BW"), situations=frozenset({"apprentice"}))
    plan = plan_answer(SearchResult(doc[1:], []), azubi, facts)
    assert plan.lead is not None
    assert plan.lead.id == "c1"


def test_how_much_is_answered_by_the_rule_in_force(places: PlaceFinder) -> None:
    # "cpf co payment 2026 how much": not the draft that would raise it, nor what it used to be.
    doc = [
        hit(0, "France, CPF 2026, co-payment: a draft decree would raise the co-payment from "
            "€103.20 to €150 (not confirmed as adopted).", 0.915, country="FR"),
        hit(1, "France, CPF co-payment: it started at €100 on 2 May 2024.", 0.913, country="FR"),
        hit(2, "France, CPF co-payment: it is €103.20 in 2026.", 0.910, country="FR"),
    ]  # fmt: skip
    facts = index(doc, places)
    ask = question_intents("cpf co payment 2026 how much")
    plan = plan_answer(SearchResult(doc, []), Question(ask, Place("FR")), facts)
    assert plan.lead is not None
    assert plan.lead.id == "c2"
    # (whether it will change is asked otherwise)
    news = question_intents("Will the co-payment change, is there a new amount?")
    plan = plan_answer(SearchResult(doc, []), Question(news, Place("FR")), facts)
    assert plan.lead is not None
    assert plan.lead.id == "c0"


def test_how_much_a_learner_gets_is_not_what_the_whole_scheme_costs(places: PlaceFinder) -> None:
    doc = [
        hit(0, "Austria, Weiterbildungsbeihilfe: the yearly budget is capped at €150 million.",
            0.905, country="AT"),
        hit(1, "Austria, Weiterbildungsbeihilfe: the minimum daily rate is €41.49 in 2026.",
            0.895, country="AT"),
    ]  # fmt: skip
    facts = index(doc, places)
    ask = question_intents("Wie hoch ist die Weiterbildungsbeihilfe?")
    plan = plan_answer(SearchResult(doc, []), Question(ask, Place("AT")), facts)
    assert plan.lead is not None
    assert plan.lead.id == "c1"


def test_a_rule_with_an_upper_limit_still_answers_the_ask_it_is_about(
    places: PlaceFinder,
) -> None:
    # "Can my employer refuse, and do I get paid?": "may postpone it by up to 6 months" answers
    # the refusal, its "up to" a figure like any other.
    section = "se/leave.md#leave"
    doc = [
        hit(0, "Sweden, studieledighet: the leave is unpaid.", 0.9, country="SE",
            doc="se/leave.md", section=section),
        hit(1, "Sweden, studieledighet: your employer may postpone the start by up to 6 months.",
            0.0, country="SE", doc="se/leave.md", section=section),
    ]  # fmt: skip
    facts = index(doc, places)
    ask = question_intents("Do I get paid, and can my employer refuse?")
    assert ask[:2] == ("pay", "refuse")
    plan = plan_answer(SearchResult(doc[:1], []), Question(ask, Place("SE")), facts)
    assert plan.lead is not None
    assert plan.lead.id == "c0"
    assert [h.id for h in plan.support] == ["c1"]
