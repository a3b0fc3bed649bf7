"""Planning a reply to a message that asks several things: each one gets its answer, from the
lead's own section where it has one, even when the search missed it; "how much?" gets the
section's main rule, the rule in force, the learner's own amount (pure functions on retrieval
results, as in test_compose)."""

from __future__ import annotations

from typing import Any

from bot.guidance.compose import Place, Question, plan_answer, question_intents
from bot.guidance.compose.select import Plan
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import Hit, SearchResult
from tests.test_compose import hit, index


def section(doc: str, name: str, *rows: tuple[str, float], **where: Any) -> list[Hit]:
    """The statements of one section of a document, in order, each (body, closeness); a
    closeness of 0 is a statement the search did not find. `where`: country or region."""
    return [
        hit(i, body, similarity, doc=doc, section=f"{doc}#{name}", **where)
        for i, (body, similarity) in enumerate(rows)
    ]


def plan(
    places: PlaceFinder, doc: list[Hit], found: list[Hit], text: str, place: Place, **about: Any
) -> Plan:
    """The plan for `text` asked at `place`, from the hits `found` of the facts `doc`."""
    question = Question(question_intents(text), place, **about)
    return plan_answer(SearchResult(found, []), question, index(doc, places))


def lead_and_support(result: Plan) -> list[str]:
    assert result.lead is not None
    return [result.lead.id, *(h.id for h in result.support)]


def test_each_other_ask_gets_the_leads_section_answer_the_search_missed(
    places: PlaceFinder,
) -> None:
    # "How long can I stay home? Do they pay me? How early must I ask?" A long message's
    # words find the congedo's 11 months, and for pay the commerce agreement's 150 paid hours;
    # the congedo's own "the leave is unpaid" and its notice are too short to rank.
    congedo = section(
        "it/congedo.md",
        "congedo",
        ("Italy, congedo per la formazione: up to 11 months over your working life.", 0.9),
        (
            "Italy, congedo per la formazione: it can be used for training not organised or "
            "paid by the employer.",
            0.86,
        ),
        ("Italy, congedo per la formazione: the leave is unpaid.", 0.0),
        ("Italy, congedo per la formazione: the notice is at least 30 days.", 0.0),
        country="IT",
    )
    ore = hit(4, "Italy, 150 ore, commerce CCNL: 150 paid hours over three years.", 0.89,
              country="IT", doc="it/congedo.md", section="it/congedo.md#150")  # fmt: skip
    text = "Quanto tempo posso stare a casa? Mi pagano? E con quanto anticipo devo chiederlo?"
    assert question_intents(text)[:3] == ("days", "pay", "notice")
    doc = [*congedo, ore]
    result = plan(places, doc, [congedo[0], ore, congedo[1]], text, Place("IT"))
    # Pay, then notice, each in the order asked, before what the search ranked higher.
    assert lead_and_support(result)[:3] == ["c0", "c2", "c3"]


def test_a_rule_that_only_touches_on_what_is_asked_is_not_looked_up(places: PlaceFinder) -> None:
    # "Ireland has not ratified the convention on paid educational leave" says "paid", but
    # is not the answer to "is it paid?"; a rule not found that only touches on it stays out.
    doc = section(
        "ie/s.md",
        "leave",
        ("Ireland, study leave: there is no statutory right to study leave.", 0.9),
        (
            "Ireland, study leave: Ireland has not ratified the convention on paid "
            "educational leave.",
            0.0,
        ),
        country="IE",
    )
    text = "Do I have a legal right to study leave? Is it paid?"
    assert lead_and_support(plan(places, doc, doc[:1], text, Place("IE"))) == ["c0"]


def test_a_rule_with_an_upper_limit_still_answers_the_ask_it_is_about(
    places: PlaceFinder,
) -> None:
    # "Do I get paid, and can my employer refuse?": "may postpone it by up to 6 months" answers
    # the refusal, its "up to" a figure like any other.
    doc = section(
        "se/leave.md",
        "leave",
        ("Sweden, studieledighet: the leave is unpaid.", 0.9),
        ("Sweden, studieledighet: your employer may postpone the start by up to 6 months.", 0.0),
        country="SE",
    )
    text = "Do I get paid, and can my employer refuse?"
    assert question_intents(text)[:2] == ("pay", "refuse")
    assert lead_and_support(plan(places, doc, doc[:1], text, Place("SE"))) == ["c0", "c1"]


def test_how_high_it_goes_is_answered_from_the_leads_section_not_by_another_rule(
    places: PlaceFinder,
) -> None:
    # "How much a year, and how high does it go?" from a cleaner without a diploma: her €800 a
    # year, then her €8,000 ceiling; not the public sector's "25 hours a year, up to 150 hours",
    # whose "up to" answers a ceiling too.
    low = section(
        "fr/cpf.md",
        "low",
        ("France, CPF: an employee with no qualification at CAP/BEP level gets €800 a year.", 0.9),
        ("France, CPF: the ceiling for low-qualified employees is €8,000.", 0.0),
        country="FR",
    )
    public = hit(2, "France, CPF, public sector: full-timers get 25 hours, up to 150 hours.",
                 0.895, country="FR", doc="fr/cpf.md", section="fr/cpf.md#public")  # fmt: skip
    text = "Combien par an et jusqu'à combien ça monte ?"
    result = plan(places, [*low, public], [low[0], public], text, Place("FR"))
    assert lead_and_support(result)[:2] == ["c0", "c1"]


def test_how_much_is_answered_by_the_main_rule_of_the_section_the_search_found(
    places: PlaceFinder,
) -> None:
    # "Combien j'ai sur mon CPF par an ?" found the section's later lines, not its first one.
    doc = section(
        "fr/cpf.md",
        "employees",
        ("France, CPF: an employee who worked at least half-time gets €500 for that year.", 0.0),
        ("France, CPF: the €500 and €800 yearly amounts have not changed since 2019.", 0.87),
        country="FR",
    )
    much = plan(places, doc, doc[1:], "Combien j'ai sur mon CPF par an ?", Place("FR"))
    assert lead_and_support(much)[0] == "c0"
    # (not to a question that is not about how much)
    exists = plan(places, doc, doc[1:], "Est-ce que mon CPF existe encore ?", Place("FR"))
    assert lead_and_support(exists)[0] == "c1"


def test_the_rule_for_the_learners_age_keeps_the_lead_over_the_sections_main_rule(
    places: PlaceFinder,
) -> None:
    doc = section(
        "de/berlin.md",
        "days",
        ("Germany, Berlin, Bildungsurlaub: employees get 10 days in 2 consecutive years.", 0.0),
        ("Germany, Berlin, Bildungsurlaub: employees under 25 get 10 days a year.", 0.87),
        region="DE-BE",
    )
    text = "Wie viele Tage Bildungsurlaub habe ich?"
    result = plan(places, doc, doc[1:], text, Place("DE", "DE-BE"), age=23)
    assert lead_and_support(result)[0] == "c1"


def test_the_rule_for_the_learners_situation_keeps_the_lead_over_the_sections_main_rule(
    places: PlaceFinder,
) -> None:
    # "Bin Azubi im 2. Lehrjahr in Heilbronn. Wieviele Tage hab ich?"
    doc = section(
        "de/bw.md",
        "days",
        ("Germany, Baden-Württemberg, Bildungszeit: you get up to 5 working days a year.", 0.0),
        (
            "Germany, Baden-Württemberg, Bildungszeit: apprentices get 5 days for the whole "
            "apprenticeship.",
            0.87,
        ),
        region="DE-BW",
    )
    azubi = frozenset({"apprentice"})
    result = plan(
        places, doc, doc[1:], "Wieviele Tage hab ich?", Place("DE", "DE-BW"), situations=azubi
    )
    assert lead_and_support(result)[0] == "c1"


def test_how_much_is_answered_by_the_rule_in_force(places: PlaceFinder) -> None:
    # "cpf co payment 2026 how much": not the draft that would raise it, nor what it used to be.
    doc = [
        hit(0, "France, CPF 2026, co-payment: a draft decree would raise the co-payment from "
            "€103.20 to €150 (not confirmed as adopted).", 0.915, country="FR"),
        hit(1, "France, CPF co-payment: it started at €100 on 2 May 2024.", 0.913, country="FR"),
        hit(2, "France, CPF co-payment: it is €103.20 in 2026.", 0.910, country="FR"),
    ]  # fmt: skip
    much = plan(places, doc, doc, "cpf co payment 2026 how much", Place("FR"))
    assert lead_and_support(much)[0] == "c2"
    # (whether it will change is asked otherwise)
    text = "Will the co-payment change, is there a new amount?"
    assert lead_and_support(plan(places, doc, doc, text, Place("FR")))[0] == "c0"


def test_how_much_a_learner_gets_is_not_what_the_whole_scheme_costs(places: PlaceFinder) -> None:
    doc = [
        hit(0, "Austria, Weiterbildungsbeihilfe: the yearly budget is capped at €150 million.",
            0.905, country="AT"),
        hit(1, "Austria, Weiterbildungsbeihilfe: the minimum daily rate is €41.49 in 2026.",
            0.895, country="AT"),
    ]  # fmt: skip
    result = plan(places, doc, doc, "Wie hoch ist die Weiterbildungsbeihilfe?", Place("AT"))
    assert lead_and_support(result)[0] == "c1"


def test_a_lead_that_answers_nothing_asked_gives_way_to_its_documents_answer(
    places: PlaceFinder,
) -> None:
    # "Kann ich Bildungszeit nehmen?": the search finds the law's date and a refusal rule;
    # the document's "who can use it" is its answer, and apprentices' days are not.
    doc = "de/bw.md"
    where = {"country": "DE", "region": "DE-BW", "doc": doc}
    facts = [
        hit(0, "Germany, Baden-Württemberg, Bildungszeit: the law has been in force since 1"
            " July 2015.", 0.87, section=f"{doc}#law", **where),
        hit(1, "Germany, Baden-Württemberg, Bildungszeit: apprentices get 5 days for the whole"
            " apprenticeship.", 0.0, section=f"{doc}#days", **where),
        hit(2, "Germany, Baden-Württemberg, Bildungszeit: you need 12 months of employment"
            " before you can use it.", 0.0, section=f"{doc}#who", **where),
        hit(3, "Germany, Baden-Württemberg, Bildungszeit: if your employer does not answer"
            " within 4 weeks, it counts as approved.", 0.86, section=f"{doc}#how", **where),
    ]  # fmt: skip
    text = "Guten Tag, ich arbeite in Stuttgart. Kann ich Bildungszeit nehmen?"
    assert question_intents(text)[:1] == ("eligible",)
    result = plan(places, facts, [facts[0], facts[3]], text, Place("DE", "DE-BW"))
    assert lead_and_support(result)[0] == "c2"
    # an apprentice is answered by the apprentices' rule where it is the first that answers
    apprentice = plan(
        places, facts, [facts[0], facts[3]], "Ich bin Azubi. Bekomme ich Bildungszeit?",
        Place("DE", "DE-BW"), situations=frozenset({"apprentice"}),
    )  # fmt: skip
    assert lead_and_support(apprentice)[0] == "c1"
