"""Planning a reply for whom a rule is: what the best documents say of the learner's situation,
group or age when the search missed it, and rules labelled for others (pure functions on
retrieval results, as in test_compose)."""

from __future__ import annotations

from dataclasses import replace

from bot.guidance.compose import Place, Question, plan_answer, question_intents
from bot.guidance.compose.select import Plan
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import Hit, SearchResult
from tests.test_compose import hit, index, lead_id


def test_a_rule_labelled_for_a_group_does_not_lead_for_one_not_in_it(places: PlaceFinder) -> None:
    # "Does my CPF still grow?" from someone who says nothing of the public sector.
    public = "France, CPF, public sector: civil servants still have their CPF counted in hours."
    hits = [
        hit(0, public, 0.874, country="FR"),
        hit(1, "France, CPF: since 2019 the account is counted in euros.", 0.873, country="FR"),
    ]
    ask = question_intents("Does my CPF still grow?")
    facts = index(hits, places)
    anyone = plan_answer(SearchResult(hits, []), Question(ask, Place("FR")), facts)
    assert anyone.lead is not None
    assert anyone.lead.id == "c1"
    staff = Question(ask, Place("FR"), situations=frozenset({"public_sector"}))
    civil_servant = plan_answer(SearchResult(hits, []), staff, facts)
    assert civil_servant.lead is not None
    assert civil_servant.lead.id == "c0"


def test_a_rule_under_a_heading_for_a_group_does_not_lead_for_one_not_in_it(
    places: PlaceFinder,
) -> None:
    # "How much do I get on my CPF a year?" from one who says nothing of her diplomas: the
    # statement under "Employees without a basic qualification" does not say whom it is for.
    low = hit(
        0,
        "France, CPF: to get the higher €800 rate you must declare your level.",
        0.874,
        country="FR",
    )
    low.meta["headings"] = "France: CPF › Employees without a basic qualification: €800 a year"
    hits = [
        low,
        hit(1, "France, CPF: the €500 and €800 amounts have not changed.", 0.873, country="FR"),
    ]
    facts = index(hits, places)
    ask = question_intents("Combien j'ai sur mon CPF par an ?")
    anyone = plan_answer(SearchResult(hits, []), Question(ask, Place("FR")), facts)
    assert anyone.lead is not None
    assert anyone.lead.id == "c1"
    mine = Question(ask, Place("FR"), situations=frozenset({"low_qualified"}))
    no_diploma = plan_answer(SearchResult(hits, []), mine, facts)
    assert no_diploma.lead is not None
    assert no_diploma.lead.id == "c0"


def test_what_the_document_says_of_the_learners_situation_is_found_unsearched(
    places: PlaceFinder,
) -> None:
    # "I work at the town hall: can I ask for the PIF too?" The search finds the PIF's other
    # rules; the document's line on public-administration staff, not found, answers it.
    doc = [
        hit(0, "Spain, PIF: the employer gets the salary cost back through FUNDAE.", 0.86),
        hit(1, "Spain, PIF: the training must have an in-person component.", 0.85),
        hit(2, "Spain, PIF: it is not available to public-administration staff.", 0.0),
    ]
    doc = [hit(h.meta["order"], h.body, h.similarity, country="ES", doc="es/p.md") for h in doc]
    facts = index(doc, places)
    found = SearchResult(doc[:2], [])
    ask = question_intents("Lo puedo pedir yo también?")

    def plan(situation: str) -> Plan:
        question = Question(ask, Place("ES"), situations=frozenset({situation}))
        return plan_answer(found, question, facts)

    town_hall = plan("public_sector")
    assert town_hall.lead is not None
    assert town_hall.lead.id == "c2"
    assert "c2" not in [h.id for h in plan("employed").hits]


def test_what_holds_for_the_self_employed_leads_a_leave_rule_and_only_for_them(
    places: PlaceFinder,
) -> None:
    nrw = [
        hit(0, "Germany, NRW, Bildungsurlaub: you get 5 days of paid leave per year.", 0.88),
        hit(1, "Germany, NRW, Bildungsurlaub: tell your employer 6 weeks before.", 0.86),
    ]
    eu = hit(
        5,
        "Europe, self-employed people: training-leave laws are for employees; if you are "
        "self-employed, you do not get training leave.",
        0.87,
        country="EU",
        doc="eu/rights.md",
    )
    facts = index([*nrw, eu], places)
    ask = question_intents("Do I have a right to Bildungsurlaub?")

    def plan(*situations: str, found: tuple[Hit, ...] = ()) -> Plan:
        question = Question(ask, Place("DE", "DE-NW"), situations=frozenset(situations))
        return plan_answer(SearchResult([*nrw, *found], []), question, facts)

    self_employed = plan("self_employed")  # found though the search did not find it
    # (and the employees' 5 days do not follow it: "you get 5 days" would read as theirs)
    assert [h.id for h in self_employed.hits] == ["c5"]
    # a provider's participants, some self-employed: the employees' rule still leads
    question = Question(
        ask, Place("DE", "DE-NW"), learner=False, situations=frozenset({"self_employed"})
    )
    assert plan_answer(SearchResult(nrw, []), question, facts).hits[0].id == "c0"
    # not to an employee, even where the search found it
    assert "c5" not in [h.id for h in plan("employed", found=(eu,)).hits]
    # nor as the lead, where only EU-wide facts were found and it came closest
    general = hit(6, "Europe, training rights: they are set by each country.", 0.86, country="EU")
    question = Question(ask, Place(), situations=frozenset({"disabled"}))
    found = SearchResult([replace(eu, similarity=0.9), general], [])
    assert [h.id for h in plan_answer(found, question, facts).hits] == ["c6"]


def test_an_overview_of_groups_is_not_a_statement_about_the_learners(places: PlaceFinder) -> None:
    # "I work at the town office: can I rely on the convention?" A line that lists who may use
    # training leave (civil servants among others) says nothing of the learner's case.
    doc = [
        hit(0, "ILO Convention 140: ratification alone gives no claim against an employer.", 0.88),
        hit(1, "ILO Convention 140: leave should cover training at any level.", 0.86),
        hit(
            2,
            "Europe, eligibility: it depends on your job status: private-sector employee, "
            "civil servant (public sector), self-employed person or jobseeker.",
            0.0,
        ),
    ]
    doc = [hit(h.meta["order"], h.body, h.similarity, country="INT", doc="int/c.md") for h in doc]
    question = Question(
        question_intents("Can I rely on it?"), Place("PL"), situations=frozenset({"public_sector"})
    )
    plan = plan_answer(SearchResult(doc[:2], []), question, index(doc, places))
    assert "c2" not in [h.id for h in plan.hits]


def test_the_rule_for_the_learners_age_group_is_found_unsearched_and_leads(
    places: PlaceFinder,
) -> None:
    # "I'm 42, how much credit do I have?" The search finds the S$500 everyone over 25 gets;
    # the document's S$4,000 for those of 40 and over, not found, leads, the S$500 next.
    doc = [
        hit(0, "Singapore, SkillsFuture Credit: citizens aged 25 and over get S$500.", 0.88),
        hit(1, "Singapore, SkillsFuture Credit: it can be used for approved courses.", 0.87),
        hit(2, "Singapore, SkillsFuture Credit: you claim it on MySkillsFuture.", 0.86),
        hit(3, "Singapore, SkillsFuture Credit: a 2020 top-up for ages 40 to 60 was merged.", 0),
        hit(4, "Singapore, SkillsFuture Mid-Career Credit: aged 40 and over get S$4,000.", 0),
    ]
    doc = [
        hit(h.meta["order"], h.body, h.similarity, country="SG", doc="int/sg.md", section=s)
        for h, s in zip(doc, ["a", "a", "a", "b", "c"], strict=True)
    ]
    facts = index(doc, places)
    ask = question_intents("How much credit do I have?")

    def plan(age: int) -> Plan:
        return plan_answer(SearchResult(doc[:3], []), Question(ask, Place("SG"), age=age), facts)

    assert [h.id for h in plan(42).hits][:2] == ["c4", "c0"]
    assert "c4" not in [h.id for h in plan(30).hits]


def test_what_the_document_says_of_the_learners_situation_follows_a_closer_lead(
    places: PlaceFinder,
) -> None:
    # The 20 hours a year answer "how many paid hours?" better and lead; the line on
    # public-administration staff comes right after, before two more PIF rules of its section.
    doc = [
        hit(0, "Spain, paid training leave: employees get 20 paid hours a year.", 0.90),
        hit(1, "Spain, PIF: it is paid leave of up to 200 hours a year.", 0.89, section="s"),
        hit(2, "Spain, PIF: the employer is paid back for 200 hours a year.", 0.89, section="s"),
        hit(
            3, "Spain, PIF: it is not available to public-administration staff.", 0.0, section="s"
        ),  # fmt: skip
    ]
    doc = [
        hit(
            h.meta["order"],
            h.body,
            h.similarity,
            country="ES",
            doc="es/p.md",
            section=h.meta["section"],
        )  # fmt: skip
        for h in doc
    ]
    facts = index(doc, places)
    question = Question(
        question_intents("How many paid hours do I get?"),
        Place("ES"),
        situations=frozenset({"public_sector"}),
    )
    plan = plan_answer(SearchResult(doc[:3], []), question, facts)
    assert [h.id for h in plan.hits][:2] == ["c0", "c3"]


def test_each_document_found_is_read_for_the_learners_situation(places: PlaceFinder) -> None:
    # A jobseeker asks about a driving licence and the co-payment: the licence document leads;
    # the co-payment document's line for jobseekers, not found, is shown, and does not lead.
    licence = [
        hit(0, "France, CPF 2026: a driving licence can be paid only for a jobseeker.", 0.86),
        hit(1, "France, CPF 2026: a draft decree sets co-funding at €100 at least.", 0.85),
    ]
    payment = [
        hit(2, "France, CPF co-payment: a request to pay €103.20 is the official one.", 0.85),
        hit(3, "France, CPF co-payment: jobseekers do not pay the co-payment.", 0.0),
    ]
    licence = [hit(h.meta["order"], h.body, h.similarity, country="FR", doc="fr/l.md")
               for h in licence]  # fmt: skip
    payment = [hit(h.meta["order"], h.body, h.similarity, country="FR", doc="fr/p.md")
               for h in payment]  # fmt: skip
    facts = index([*licence, *payment], places)
    found = SearchResult([*licence, payment[0]], [])
    asked = question_intents("Can the CPF pay my driving licence? Do I pay the co-payment?")
    plan = plan_answer(found, Question(asked, Place("FR"), situations=frozenset({"jobseeker"})),
                       facts)  # fmt: skip
    assert lead_id(plan) == "c0"
    assert "c3" in [h.id for h in plan.support]


def test_the_schemes_of_time_off_for_study_are_rules_of_leave() -> None:
    # (what holds for jobseekers leads them: "estoy en paro, ¿puedo pedir el PIF?")
    from bot.guidance.compose.statements import LEAVE

    for rule in (
        "Spain, PIF: the company may refuse it only for organisational reasons.",
        "Italy, 150 ore: the hours come from collective agreements.",
        "Italy, worker-students: you have a right to paid leave days for exams.",
        "Germany, NRW, Bildungsurlaub (AWbG): you get 5 days a year.",
    ):
        assert LEAVE.search(rule), rule
    assert not LEAVE.search("Ireland, Springboard+: courses are free for jobseekers.")


def test_after_no_right_in_the_learners_region_how_the_right_works_elsewhere_is_not_shown(
    places: PlaceFinder,
) -> None:
    # "Ich wohne und arbeite in München. Wie viele Tage Bildungsurlaub habe ich?"
    hits = [
        hit(0, "Germany, Bavaria, Bildungsurlaub: in Bavaria you have no legal right to paid "
            "training leave, so zero days.", 0.88, region="DE-BY", doc="de/by.md"),
        hit(1, "Germany, Bildungsurlaub: if you work more or fewer days a week, the number of "
            "days is adjusted.", 0.87, doc="de/de.md"),
        hit(2, "Germany, other support: Qualifizierungsgeld can replace part of your wage.",
            0.86, doc="de/de.md"),
    ]  # fmt: skip
    ask = question_intents("Wie viele Tage Bildungsurlaub habe ich?")
    plan = plan_answer(SearchResult(hits, []), Question(ask, Place("DE", "DE-BY")),
                       index(hits, places))  # fmt: skip
    assert [h.id for h in plan.hits] == ["c0", "c2"]


def test_what_the_leads_document_says_of_the_learners_situation_answers_first(
    places: PlaceFinder,
) -> None:
    # "Estou desempregada. Tenho de pagar a participação de 103,20 €?": "jobseekers do not
    # pay" answers her and leads; the rule quoting her figure comes next, though the two share
    # most of their words.
    doc = "fr/copay.md"
    hits = [
        hit(0, "France, CPF co-payment: a request to pay €103.20 in 2026 is the official "
            "co-payment, not a scam.", 0.90, country="FR", doc=doc),
        hit(1, "France, CPF co-payment: you pay it even if your balance is high enough.", 0.89,
            country="FR", doc=doc),
        hit(2, "France, CPF co-payment: jobseekers do not pay the co-payment.", 0.85,
            country="FR", doc=doc),
    ]  # fmt: skip
    ask = question_intents("Tenho de pagar a participação de 103,20 €?")
    jobseeker = Question(ask, Place("FR"), situations=frozenset({"jobseeker"}),
                         figures=frozenset({"103 money"}))  # fmt: skip
    plan = plan_answer(SearchResult(hits, []), jobseeker, index(hits, places))
    assert plan.lead is not None
    assert plan.lead.id == "c2"
    assert [h.id for h in plan.support][:1] == ["c0"]


def test_to_may_i_the_condition_for_the_learners_situation_is_found_unsearched(
    places: PlaceFinder,
) -> None:
    # "halftijds (19u): kan ik VOV krijgen?" The search finds that part-timers get hours pro
    # rata, which says what they get, not whether they may; the document's condition (80% and
    # 28 hours a week), not found, does.
    doc = [
        hit(0, "Belgium, Flanders, VOV: it is for private-sector employees.", 0.86),
        hit(1, "Belgium, Flanders, VOV: part-time employees get pro-rata hours.", 0.85),
        hit(
            2,
            "Belgium, Flanders, VOV: a job below 80% or below 28 hours a week does not qualify.",
            0.0,
        ),
    ]
    doc = [
        hit(h.meta["order"], h.body, h.similarity, region="BE-VLG", doc="be/v.md") for h in doc
    ]
    facts = index(doc, places)
    found = SearchResult(doc[:2], [])
    half_time = frozenset({"employed", "part_time"})

    def shown(ask: str) -> list[str]:
        question = Question(question_intents(ask), Place("BE", "BE-VLG"), situations=half_time)
        return [h.id for h in plan_answer(found, question, facts).hits]

    assert "c2" in shown("Kan ik VOV krijgen?")
    assert "c2" not in shown("Hoeveel uur krijg ik?")  # (pro rata says how many)
