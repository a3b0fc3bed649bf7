"""Which facts a reply shows beside its lead (`compose.shown`): the rule for everyone beside one
for an age group the learner is not known to be in, no other country's rule for a learner who
names no place, and in a comparison each other place's measure of the right."""

from __future__ import annotations

from bot.guidance.compose import Place, Question, plan_answer
from bot.guidance.compose.intents import question_intents
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import SearchResult
from tests.test_compose import hit, index


def test_the_rule_for_everyone_stands_beside_one_for_the_young() -> None:
    # The search found only "under 25: 10 days a year"; its section holds the rule for all.
    young = "Germany, Berlin, Bildungsurlaub: employees under 25 get 10 days per year."
    everyone = "Germany, Berlin, Bildungsurlaub: employees get 10 days of paid leave over 2 years."
    fees = "Germany, Berlin, Bildungsurlaub: you pay the course fees yourself."
    hits = [
        hit(0, young, 0.88, region="DE-BE", doc="de/be.md", section="be#days"),
        hit(1, fees, 0.87, region="DE-BE", doc="de/be.md", section="be#pay"),
        hit(2, everyone, 0.0, region="DE-BE", doc="de/be.md", section="be#days"),
    ]
    facts = index(hits, PlaceFinder())
    found = SearchResult(hits[:2], [])

    def reply(age: int | None) -> list[str]:
        question = Question(("number",), Place("DE", "DE-BE"), age=age)
        plan = plan_answer(found, question, facts)
        return [h.id for h in (plan.lead, *plan.support) if h is not None]

    assert reply(None)[:2] == ["c0", "c2"]  # no age given: the rule for everyone too
    assert reply(40)[0] == "c2"  # one of 40: the rule for everyone leads
    assert reply(23)[0] == "c0"  # one of 23: the rule for the young is theirs
    assert "c2" not in reply(23)


def test_with_no_place_named_another_countrys_rule_is_not_shown() -> None:
    hits = [
        hit(
            0,
            "Spain, paid training leave: you get 20 hours a year.",
            0.88,
            country="ES",
            doc="es/a.md",
        ),
        hit(
            1,
            "Spain, paid training leave: the training must be vocational.",
            0.86,
            country="ES",
            doc="es/a.md",
        ),
        hit(
            2,
            "Portugal, training-hours credit: unused hours become a credit.",
            0.87,
            country="PT",
            doc="pt/a.md",
        ),
        hit(3, "EU, Upskilling Pathways: it is not binding.", 0.85, country="EU", doc="eu/a.md"),
    ]
    facts = index(hits, PlaceFinder())

    def shown(question: Question) -> list[str]:
        return [h.id for h in plan_answer(SearchResult(hits, []), question, facts).support]

    assert "c2" not in shown(Question(("number",)))
    assert "c3" in shown(Question(("number",)))  # (what holds EU-wide may still follow)
    # A comparison of the two keeps both countries.
    assert "c2" in shown(Question(("number",), Place("ES"), (Place("PT"),)))


def test_a_comparison_shows_each_places_measure_beside_the_leads() -> None:
    # The search found only a hedged line of Hessen's document; the document says 5 days.
    hits = [
        hit(
            0,
            "Germany, Berlin, Bildungsurlaub: employees get 10 days over 2 years.",
            0.88,
            region="DE-BE",
            doc="de/be.md",
        ),
        hit(
            1,
            "Germany, Berlin, Bildungsurlaub: you pay the course fees yourself.",
            0.87,
            region="DE-BE",
            doc="de/be.md",
        ),
        hit(
            2,
            "Germany, Hessen, Bildungsurlaub: in many Länder two years can be combined.",
            0.86,
            region="DE-HE",
            doc="de/he.md",
        ),
        hit(
            3,
            "Germany, Hessen, Bildungsurlaub: employees get 5 days of paid leave per year.",
            0.0,
            region="DE-HE",
            doc="de/he.md",
        ),
    ]
    facts = index(hits, PlaceFinder())
    found = SearchResult(hits[:3], [])
    question = Question(
        question_intents("Wo bekomme ich mehr Tage, in Berlin oder in Hessen?"),
        Place("DE", "DE-BE"),
        (Place("DE", "DE-HE"),),
    )
    plan = plan_answer(found, question, facts)
    assert plan.lead is not None
    assert plan.lead.id == "c0"
    assert plan.support[0].id == "c3"
    # Without a comparison, Hessen's days are not brought in.
    alone = plan_answer(found, Question(("number",), Place("DE", "DE-BE")), facts)
    assert "c3" not in [h.id for h in alone.support]


def test_more_days_or_hours_asks_how_many() -> None:
    for text in (
        "¿Dónde tengo más horas de formación pagadas, en España o en Portugal?",
        "Wo bekomme ich mehr Tage Bildungsurlaub?",
        "Where do I get more paid days, Berlin or Hessen?",
        "Où est-ce qu'on a plus de jours de congé ?",
    ):
        assert "number" in question_intents(text), text


def test_after_a_summary_each_other_ask_gets_its_statement() -> None:
    # The summary's first two sentences lead; "paid Bildungsurlaub" says what the leave is, not
    # who pays the course, which a statement further down the document says.
    summary = (
        "In short: if you mainly work in Berlin, you get 10 days of paid Bildungsurlaub in 2 "
        "consecutive years. If you are under 25, you get 10 days every year. Your employer "
        "keeps paying your salary; you pay the course."
    )
    hits = [
        hit(0, summary, 0.9, region="DE-BE", doc="de/be.md", kind="summary", section="be"),
        hit(
            1,
            "Germany, Berlin, Bildungsurlaub: only recognised courses count.",
            0.86,
            region="DE-BE",
            doc="de/be.md",
            section="be#courses",
        ),
        hit(
            2,
            "Germany, Berlin, Bildungsurlaub: your employer keeps paying your salary.",
            0.0,
            region="DE-BE",
            doc="de/be.md",
            section="be#pay",
        ),
        hit(
            3,
            "Germany, Berlin, Bildungsurlaub: you pay the course fees and travel yourself.",
            0.0,
            region="DE-BE",
            doc="de/be.md",
            section="be#pay",
        ),
    ]
    facts = index(hits, PlaceFinder())
    question = Question(("amount", "covers", "pay"), Place("DE", "DE-BE"))
    plan = plan_answer(SearchResult(hits[:2], []), question, facts)
    assert plan.lead is not None
    assert plan.lead.id == "c0"
    shown = [h.id for h in plan.support]
    assert "c3" in shown  # who pays the course: the fees, before the salary
    assert shown.index("c3") < (shown.index("c2") if "c2" in shown else len(shown))


def test_the_rule_for_the_learners_situation_answers_instead_of_the_rule_for_all() -> None:
    # To a jobseeker's "must I pay the 103 €?", the document's "jobseekers do not pay".
    hits = [
        hit(
            0,
            "France, CPF co-payment: a request to pay €103.20 is the official co-payment.",
            0.9,
            country="FR",
            doc="fr/co.md",
            section="co#scam",
        ),
        hit(
            1,
            "France, CPF co-payment: jobseekers do not pay the co-payment.",
            0.86,
            country="FR",
            doc="fr/co.md",
            section="co#who",
        ),
        hit(
            2,
            "France, CPF co-payment: pay it only inside moncompteformation.gouv.fr.",
            0.85,
            country="FR",
            doc="fr/co.md",
            section="co#scam",
        ),
    ]
    facts = index(hits, PlaceFinder())

    def lead(situations: frozenset[str]) -> str | None:
        question = Question(("pay",), Place("FR"), situations=situations)
        plan = plan_answer(SearchResult(hits, []), question, facts)
        return plan.lead.id if plan.lead else None

    assert lead(frozenset({"jobseeker"})) == "c1"
    assert lead(frozenset({"employed"})) == "c0"


def test_a_statement_that_adds_to_another_comes_with_it() -> None:
    sweden = "se/leave.md"
    hits = [
        hit(
            0,
            "Sweden, studieledighet: your employer cannot refuse your study leave.",
            0.9,
            country="SE",
            doc=sweden,
            section="se#employer",
        ),
        hit(
            1,
            "Sweden, studieledighet: you have a right to study leave if you have worked for "
            "your employer for the last 6 months.",
            0.0,
            country="SE",
            doc=sweden,
            section="se#who",
        ),
        hit(
            2,
            "Sweden, studieledighet: you also have the right if you have worked for your "
            "employer for 12 months in total during the last 2 years.",
            0.86,
            country="SE",
            doc=sweden,
            section="se#who",
        ),
    ]
    facts = index(hits, PlaceFinder())
    plan = plan_answer(
        SearchResult([hits[0], hits[2]], []), Question(("refuse",), Place("SE")), facts
    )
    shown = [h.id for h in plan.support]
    assert "c1" in shown  # the 6 months, which the search missed
    assert shown.index("c1") < (shown.index("c2") if "c2" in shown else len(shown))


def test_after_training_leave_is_for_employees_no_employees_rule_follows() -> None:
    group = (
        "Europe, self-employed people: training-leave laws are for employees; if you are "
        "self-employed, you do not get it."
    )
    hits = [
        hit(0, group, 0.9, country="EU", doc="eu/who.md", topics="rights,training_leave"),
        hit(
            1,
            "Spain, paid training leave: employees get 20 hours a year.",
            0.88,
            country="ES",
            doc="es/leave.md",
            topics="training_leave,pif",
        ),
        hit(
            2,
            "France, CPF: self-employed people get €500 a year.",
            0.86,
            country="FR",
            doc="fr/cpf.md",
            topics="ila,cpf,self_employed",
        ),
    ]
    facts = index(hits, PlaceFinder())
    question = Question(("eligible",), situations=frozenset({"self_employed"}))
    plan = plan_answer(SearchResult(hits, []), question, facts)
    assert plan.lead is not None
    assert plan.lead.id == "c0"
    shown = [h.id for h in plan.support]
    assert "c1" not in shown
    assert "c2" in shown


def test_to_how_much_what_one_has_now_leads_before_what_expired() -> None:
    sg = "sg/credit.md"
    hits = [
        hit(
            0,
            "Singapore, SkillsFuture Credit: a one-off S$500 top-up given in 2020 expired on "
            "31 December 2025.",
            0.93,
            country="SG",
            doc=sg,
        ),
        hit(
            1,
            "Singapore, SkillsFuture Credit: every citizen aged 25 and over receives a S$500 "
            "opening credit.",
            0.928,
            country="SG",
            doc=sg,
        ),
        hit(
            2,
            "Singapore, SkillsFuture Level-Up: an allowance of up to S$3,000 per month.",
            0.93,
            country="SG",
            doc=sg,
        ),
    ]
    facts = index(hits, PlaceFinder())
    plan = plan_answer(SearchResult(hits, []), Question(("amount",), Place("SG")), facts)
    assert plan.lead is not None
    assert plan.lead.id == "c1"


def test_to_how_many_the_rule_leads_not_its_history() -> None:
    pt = "pt/training.md"
    hits = [
        hit(
            0,
            "Portugal, formação contínua: the 40 hours replaced the old 35 hours, through Law "
            "93/2019, in force since 1 October 2019.",
            0.883,
            country="PT",
            doc=pt,
        ),
        hit(
            1,
            "Portugal, formação contínua: every worker has a right to at least 40 hours of "
            "continuous training per year.",
            0.880,
            country="PT",
            doc=pt,
        ),
    ]
    facts = index(hits, PlaceFinder())
    plan = plan_answer(SearchResult(hits, []), Question(("days", "number"), Place("PT")), facts)
    assert plan.lead is not None
    assert plan.lead.id == "c1"


def test_a_comparison_takes_the_other_places_rule_not_its_help_page() -> None:
    hits = [
        hit(
            0,
            "Portugal, continuous training: every worker has at least 40 hours a year.",
            0.9,
            country="PT",
            doc="pt/training.md",
        ),
        hit(
            1,
            "In short: in Spain, your collective agreement sets when you use your 20 hours.",
            0.88,
            country="ES",
            doc="help/spain.md",
            topics="help,training_leave",
            kind="summary",
        ),
        hit(
            2,
            "Spain, help: ask HR when you can use your 20 hours of paid training leave.",
            0.0,
            country="ES",
            doc="help/spain.md",
            topics="help,training_leave",
        ),
        hit(
            4,
            "Spain, PIF: the employer gets the salary back for up to 200 hours a year.",
            0.86,
            country="ES",
            doc="es/leave.md",
        ),
        hit(
            3,
            "Spain, paid training leave: employees get 20 hours of paid training leave a year.",
            0.0,
            country="ES",
            doc="es/leave.md",
        ),
    ]
    facts = index(hits, PlaceFinder())
    question = Question(("days", "number"), Place("PT"), (Place("ES"),))
    plan = plan_answer(SearchResult([*hits[:2], hits[3]], []), question, facts)
    assert plan.lead is not None
    assert plan.lead.id == "c0"
    assert plan.support[0].id == "c3"  # Spain's 20 hours, first in its own document


def test_a_scheme_found_by_its_names_alone_answers_with_its_rule_for_the_learner() -> None:
    # ("je n'ai aucun diplôme ... j'avais droit à plus d'argent sur mon CPF ?": the search found
    # the CPF's "also called" line and advice on providers, none of the CPF's own rules)
    alias = hit(0, "Also called: compte personnel de formation, CPF.", 0.86, country="FR",
                kind="alias", doc="fr/cpf.md")
    advice = hit(1, "France, help: if a CPF course is cancelled, keep all emails and receipts.",
                 0.85, country="FR", doc="fr/help.md")
    employee = hit(2, "France, CPF: an employee gets €500 a year.", 0.8, country="FR",
                   doc="fr/cpf.md", section="cpf#amounts")
    low = hit(3, "France, CPF: an employee with no qualification at CAP/BEP level gets €800 a"
              " year.", 0.8, country="FR", doc="fr/cpf.md", section="cpf#amounts")
    facts = index([alias, advice, employee, low], PlaceFinder())  # fmt: skip

    def lead(situations: frozenset[str]) -> str | None:
        question = Question(("amount",), Place("FR"), situations=situations)
        plan = plan_answer(SearchResult([alias, advice], []), question, facts)
        return plan.lead.id if plan.lead else None

    assert lead(frozenset({"low_qualified"})) == "c3"
    assert lead(frozenset()) != "c3"  # (nothing said of diplomas: not her rule)
