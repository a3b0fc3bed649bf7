"""The learner's time in the job against the time a rule asks for (`compose.tenure`), and the
line a reply adds under its lead: "Your time in the job: 10 months. Needed: at least 1 year."""

from __future__ import annotations

from datetime import date

import pytest

from bot.guidance.compose import FactIndex, Place, Question, plan_answer, render_answer
from bot.guidance.compose.render import NoTranslations
from bot.guidance.compose.tenure import (
    Tenure,
    TenureCheck,
    check_tenure,
    duration,
    learner_tenure,
    required_tenure,
)
from bot.guidance.language import Strings
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import Hit, SearchResult
from tests.test_compose import hit


@pytest.mark.parametrize(
    ("text", "months"),
    [
        ("Hola buenas, llevo 10 meses en una empresa de logistica en Zaragoza.", 10),
        ("pracuje przez agencje w magazynie w Duisburgu od 4 miesiecy", 4),
        ("lavoro da 3 anni e mezzo come cassiera in un supermercato", 42),
        ("Ik woon en werk sinds 9 maanden in Göteborg", 9),
        ("I work in Ulm at a physio clinic, started 8 months ago.", 8),
        ("I've been a care assistant in a nursing home in Bordeaux for 6 years (CDI).", 72),
        ("Ich bin im Betrieb seit einem Jahr", 12),
        # where the learner lives is not how long they have worked
        ("installée à Vienne depuis 5 ans, je travaille dans un hôtel depuis 4 ans", 48),
        ("Ich wohne seit 2 Jahren in Berlin", None),
        # the leave they want, or a course, is not time in the job
        ("Vorrei prendermi 6 mesi di congedo", None),
        ("I got into a 2-year master's starting in autumn", None),
    ],
)
def test_the_time_in_the_job_a_message_gives(text: str, months: float | None) -> None:
    assert learner_tenure(text) == (None if months is None else Tenure.months(months))


TODAY = date(2026, 12, 7)


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [
        # started at some point in 2022: from December 2022 (48 months) to January (59)
        ("Moin, bin Pflegefachfrau in Leipzig, 29, seit 2022 in Vollzeit.", 48, 59),
        ("je suis interimaire dans le BTP en Moselle depuis 2021", 60, 71),
        ("Trabajo de tecnico en una farmaceutica en Sevilla desde 2019", 84, 95),
        ("ik werk sinds september 2025 bij een logistiek bedrijf", 12, 23),
        ("pracuję w firmie od stycznia 2026", 0, 11),
    ],
)
def test_the_year_the_learner_started_gives_a_range_as_of_today(
    text: str, low: float, high: float
) -> None:
    tenure = learner_tenure(text, TODAY)
    assert tenure is not None
    assert (tenure.low, tenure.high) == (low, high)
    # without a clock, a year says nothing
    assert learner_tenure(text) is None


def test_a_year_is_not_time_in_the_job_where_it_is_not_said_of_the_job() -> None:
    assert learner_tenure("Ich wohne seit 2019 in Berlin", TODAY) is None
    assert learner_tenure("I work in Ghent since 2031", TODAY) is None  # not yet
    # a length said outweighs a year (here, when a course starts)
    text = "od 2 lat pracuję jako spawacz w stoczni. Od sierpnia 2026 chcę iść na kurs"
    assert learner_tenure(text, TODAY) == Tenure.months(24)


def test_the_time_with_the_employer_a_rule_asks_for() -> None:
    assert required_tenure("employees with at least 1 year in the company get 20 hours") == 12
    assert required_tenure("you need 6 months of employment before you can use it") == 6
    assert required_tenure("at least 5 years of service with the same employer") == 60
    # earlier jobs count too, or only usually: not compared
    assert required_tenure("24 months as an employee, including 12 with your employer") is None
    assert required_tenure("after 6 months (or 12 months in total in the last 2 years)") is None
    assert required_tenure("the usual waiting period is 6 months in the job") is None


def test_a_duration_is_said_in_the_learners_language() -> None:
    pl = {"month": "miesiąc|miesiące|miesięcy", "year": "rok|lata|lat"}
    assert duration(4, "pl", pl) == "4 miesiące"
    assert duration(6, "pl", pl) == "6 miesięcy"
    assert duration(12, "pl", pl) == "1 rok"
    assert duration(42, "en", {"month": "month|months", "year": "year|years"}) == "42 months"


def _hit(i: int, body: str, similarity: float, country: str = "ES") -> Hit:
    return hit(i, body, similarity, country=country, doc=f"{country.lower()}/rules.md")


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("Llevo 10 meses en una empresa en Zaragoza. ¿Tengo las 20 horas?", "todavía no"),
        ("Llevo 2 años en una empresa en Zaragoza. ¿Tengo las 20 horas?", "cumples"),
    ],
)
def test_the_reply_says_under_its_lead_whether_the_learner_has_been_there_long_enough(
    text: str, line: str
) -> None:
    hits = [
        _hit(0, "Spain, paid training leave: employees with at least 1 year in the company"
             " have 20 hours a year.", 0.87),
        _hit(1, "Spain, paid training leave: you can accumulate the hours over 5 years.", 0.86),
    ]  # fmt: skip
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in hits), PlaceFinder())
    question = Question(("eligible",), Place("ES"), tenure=learner_tenure(text))
    plan = plan_answer(SearchResult(hits, []), question, facts)
    reply = render_answer(plan, "es", Strings(), NoTranslations()).text
    second = reply.splitlines()[1]
    assert "1 año" in second
    assert line in second
    # no time in the job said: no such line
    plain = plan_answer(SearchResult(hits, []), Question(("eligible",), Place("ES")), facts)
    assert "1 año" not in render_answer(plain, "es", Strings(), NoTranslations()).text


def test_two_rules_of_different_lengths_get_no_verdict() -> None:
    hits = [
        _hit(0, "Italy, congedo per la formazione: employees with at least 5 years of service"
             " with the same employer can use it.", 0.87),
        _hit(1, "Italy, congedo per la formazione: the commerce agreement requires only 4 years"
             " of seniority.", 0.86),
    ]  # fmt: skip
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in hits), PlaceFinder())
    text = (
        "Lavoro in un negozio (CCNL commercio) da 4 anni e mezzo. Posso già chiedere il congedo?"
    )
    plan = plan_answer(
        SearchResult(hits, []),
        Question(("eligible",), Place("IT"), tenure=learner_tenure(text)),
        facts,
    )
    assert plan.verdicts.tenure is None


def test_a_rule_found_but_not_shown_still_holds_back_a_verdict() -> None:
    # The lead's 5 years are shown; the commerce agreement's 4, found lower, are not: a learner
    # of 4½ years gets no "not yet".
    hits = [
        _hit(0, "Italy, congedo per la formazione: employees with at least 5 years of service"
             " with the same employer can use it.", 0.87),
        _hit(1, "Italy, congedo per la formazione: only for employees, who can suspend work for"
             " up to 11 months.", 0.86),
        _hit(2, "Italy, congedo per la formazione: the commerce agreement requires only 4 years"
             " of seniority.", 0.85),
    ]  # fmt: skip
    hits = [_hit(int(h.id[1:]), h.body, h.similarity, "IT") for h in hits]
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in hits), PlaceFinder())
    question = Question(("eligible",), Place("IT"), tenure=Tenure.months(54))
    plan = plan_answer(SearchResult(hits, []), question, facts, max_support=1)
    assert [h.id for h in plan.hits] == ["c0", "c1"]
    assert plan.verdicts.tenure is None
    assert required_tenure("after at least 3 months for the same employer: 5 days") == 3


def test_the_verdict_takes_one_rule_shown_and_none_other_found() -> None:
    shown = ["employees with at least 1 year in the company get 20 hours a year."]
    check = check_tenure(Tenure.months(10), shown, shown)
    assert check is not None
    assert (check.have.low, check.need, check.meets) == (10, 12, False)
    assert check_tenure(None, shown, shown) is None
    # another length found for the place, though not shown: no verdict between the two
    commerce = "commerce requires only 4 years of seniority."
    assert check_tenure(Tenure.months(30), shown, [*shown, commerce]) is None
    # ... but one who meets both meets the one shown
    assert check_tenure(Tenure.months(54), shown, [*shown, commerce]) == TenureCheck(
        Tenure.months(54), 12, True
    )


def test_one_short_of_every_length_shown_is_told_not_yet_by_the_leads_rule() -> None:
    law = "employees with at least 5 years of service with the same employer can use it."
    commerce = "commerce requires only 4 years of seniority."
    leave = "you can suspend work for up to 11 months in total over your working life."
    check = check_tenure(Tenure.months(36), [law, commerce, leave], [law, commerce, leave])
    assert check == TenureCheck(Tenure.months(36), 60, False)
    # time worked in total still holds it back ("or 12 months in the last 2 years")
    total = "or if you have worked 12 months in total in the last 2 years."
    assert check_tenure(Tenure.months(3), [law, total], [law, total]) is None


def test_a_verdict_holds_only_for_the_whole_range_of_a_year() -> None:
    shown = ["employees with at least 1 year in the company get 20 hours a year."]
    # "desde 2019": years more in any case; "desde 2026", in December: under a year in any case
    assert check_tenure(Tenure(84, 95, 2019), shown, shown).meets  # type: ignore[union-attr]
    assert not check_tenure(Tenure(0, 11, 2026), shown, shown).meets  # type: ignore[union-attr]
    # "since 2025", in December: 12 to 23 months, against 18: no verdict
    eighteen = ["you need 18 months of employment"]
    assert check_tenure(Tenure(12, 23, 2025), eighteen, eighteen) is None


def test_the_rule_of_the_leads_section_is_compared_when_none_is_shown() -> None:
    law = "employees with at least 5 years of service with the same employer can use it."
    commerce = "commerce requires only 4 years of seniority."
    # 7 years meet both the law's 5 and the agreement's 4: the law's 5 are said
    check = check_tenure(Tenure.months(84), [], [commerce], [law, commerce])
    assert check is not None
    assert (check.need, check.meets) == (60, True)
    # 3 years are short of both, but which one to name is not clear: no verdict
    assert check_tenure(Tenure.months(36), [], [], [law, commerce]) is None
    # the section says nothing: the document's rule
    assert check_tenure(Tenure.months(3), [], [], [], [law]) == TenureCheck(
        Tenure.months(3), 60, False
    )


def test_the_documents_rule_is_only_that_of_the_leads_scheme() -> None:
    # Under the PIF, Spain's 20 hours' year in the company is another scheme's condition.
    def es(i: int, body: str, similarity: float, section: str) -> Hit:
        return hit(i, body, similarity, country="ES", doc="es/rules.md", section=section)

    pif = es(0, "Spain, PIF: it is paid leave for officially accredited training.", 0.87, "pif")
    hours = es(1, "Spain, paid training leave: employees with at least 1 year in the company"
               " have 20 hours a year.", 0.0, "hours")  # fmt: skip
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in (pif, hours)), PlaceFinder())
    question = Question(("what",), Place("ES"), tenure=Tenure.months(6))
    assert plan_answer(SearchResult([pif], []), question, facts).verdicts.tenure is None
    # a rule of the lead's own scheme, in another section, is compared
    own = es(2, "Spain, PIF: you need 6 months of employment.", 0.0, "who")
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in (pif, hours, own)), PlaceFinder())
    check = plan_answer(SearchResult([pif], []), question, facts).verdicts.tenure
    assert check is not None
    assert (check.need, check.meets) == (6, True)
