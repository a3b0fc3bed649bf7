"""One who lives in one region and works in another is answered by the rule of where they
work ("if you live in Wallonia but work in Flanders, you use the VOV"), not by the one for
the opposite commute; one who works where they live is told of neither."""

from __future__ import annotations

from dataclasses import replace

from bot.guidance.compose import Place, Question, plan_answer, plan_coverage, question_intents
from bot.guidance.compose.situations import fact_situations
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import SearchResult
from tests.test_compose import hit, index, lead_id


def test_facts_about_commuters_are_read_as_such() -> None:
    assert "commuter" in fact_situations(
        "Belgium, educational leave: if you live in Flanders but work in Brussels, you use ..."
    )
    assert "commuter" in fact_situations("It depends on where you work, not where you live.")
    assert "commuter" not in fact_situations("Belgium, VOV: you get up to 125 hours a year.")


def test_the_commute_the_learner_makes_leads() -> None:
    hits = [
        hit(
            0,
            "Belgium, educational leave: if you live in Flanders but work in Brussels, you "
            "use the Brussels congé-éducation payé.",
            0.855,
            country="BE",
            doc="be/r.md",
        ),
        hit(
            1,
            "Belgium, educational leave: if you live in Wallonia or Brussels but work in "
            "Flanders, you use the Flemish VOV.",
            0.848,
            country="BE",
            doc="be/r.md",
        ),
    ]
    hits.append(
        hit(2, "Belgium, Flanders, VOV: the training must last at least 32 contact hours.", 0.85,
            country="BE", region="BE-VLG", doc="be/vov.md")
    )  # fmt: skip
    facts = index(hits, PlaceFinder())
    place = Place("BE", "BE-VLG")

    def lead(commuter: bool | None) -> str:
        plan = plan_answer(
            SearchResult(hits, []), Question(("eligible",), place, commuter=commuter), facts
        )
        assert plan.lead is not None
        return plan.lead.id

    assert lead(True) == "c1"  # lives in Wallonia, works in Flanders
    assert lead(None) == "c0"  # (closer to the words of the message, and names Flanders)
    # one who works in Flanders and lives there is told neither commute
    assert lead(False) == "c2"


def test_to_do_i_get_it_too_and_how_many_hours_the_commute_leads_then_the_hours() -> None:
    """"Training gives up to 100 hours" says how many, not whether one qualifies, when the
    question also asks how many."""
    label = "Belgium, Brussels, congé-éducation payé: "
    hits = [
        hit(0, label + "vocational training gives up to 100 hours per school year.", 0.86,
            country="BE", region="BE-BRU", doc="be/bru.md"),
        hit(1, label + "someone who lives in Flanders but works in Brussels uses the Brussels "
            "congé-éducation payé, not the Flemish VOV.", 0.843,
            country="BE", region="BE-BRU", doc="be/bru.md"),
    ]  # fmt: skip
    facts = index(hits, PlaceFinder())
    brussels = Place("BE", "BE-BRU")
    asked = ("eligible", "days", "number")
    plan = plan_answer(SearchResult(hits, []), Question(asked, brussels, commuter=True), facts)
    assert [h.id for h in plan.hits] == ["c1", "c0"]
    # Asked only whether: "gives up to 100 hours" says one gets it
    plan = plan_answer(SearchResult(hits, []), Question(("eligible",), brussels), facts)
    assert [h.id for h in plan.hits] == ["c0", "c1"]


def test_to_one_working_in_a_region_without_rules_the_workplace_deciding_comes_first() -> None:
    # "ich wohne in Mannheim, arbeite aber in Ludwigshafen": we have no rules for
    # Rhineland-Palatinate; that the Land of the workplace decides comes first among the
    # country's rules, from the document the search found, though it did not find that line
    found = [
        hit(0, "Germany, Bildungsurlaub: you pay the course fees yourself.", 0.85, doc="de/o.md"),
        hit(1, "Germany, Bildungsurlaub: tell your employer 4 to 9 weeks before.", 0.849,
            doc="de/o.md"),
        hit(2, "Germany, other support: Qualifizierungsgeld replaces part of your wage.", 0.848,
            doc="de/q.md"),
    ]  # fmt: skip
    rule = hit(
        3,
        "Germany, Bildungsurlaub: the law of the Land where you mainly work applies, not the "
        "Land where you live.",
        0.80,
        doc="de/o.md",
    )
    facts = index([*found, rule], PlaceFinder())
    place = Place("DE", "DE-RP")

    def shown(commuter: bool | None) -> list[str]:
        plan = plan_coverage(SearchResult(found, []), place, facts, ("pay",), commuter=commuter)
        return [h.id for h in plan.hits]

    assert shown(True)[0] == "c3"
    assert len(shown(True)) == 4  # (besides the three others)
    assert "c3" not in shown(None)


def test_a_message_about_another_places_scheme_only_is_answered_for_that_place(
    places: PlaceFinder,
) -> None:
    # A Singaporean working in Dublin asks about his SkillsFuture credit before moving home:
    # Ireland's rules are far from the question, Singapore's close.
    hits = [
        hit(0, "Singapore, SkillsFuture Credit: citizens aged 40 and over get S$4,000.", 0.886,
            country="SG", doc="sg/sf.md"),
        hit(1, "Singapore, SkillsFuture Credit: it can be used only for selected courses.", 0.87,
            country="SG", doc="sg/sf.md"),
        hit(2, "Ireland, Springboard+: courses are free for jobseekers.", 0.83, country="IE",
            doc="ie/sb.md"),
    ]  # fmt: skip
    facts = index(hits, places)
    asked = question_intents("Can I use the SkillsFuture credit for a photography course?")
    question = Question(asked, Place("IE"), (Place("SG"),))
    plan = plan_answer(SearchResult(hits, []), question, facts)
    assert [h.id for h in plan.hits] == ["c0", "c1"]
    # a comparison where the learner's own place is close too: it leads
    near = [*hits[:2], replace(hits[2], similarity=0.86)]
    plan = plan_answer(SearchResult(near, []), question, index(near, places))
    assert lead_id(plan) == "c2"


def test_a_message_about_the_eu_keeps_the_eus_text_beside_a_country_named_as_an_example(
    places: PlaceFinder,
) -> None:
    # "a European recommendation ... an account like the French CPF: is there an obligation
    # for the States?", from Emilia-Romagna: France is an example, the EU's text the answer
    hits = [
        hit(0, "EU, individual learning accounts: the Recommendation only asks countries to"
            " consider them; it is not binding.", 0.839, country="EU", doc="eu/ila.md"),
        hit(1, "Italy, worker-students: you have a right to shifts that help you attend.", 0.836,
            country="IT", doc="it/ws.md"),
        hit(2, "France, CPF: the co-payment is €103.20 in 2026.", 0.835, country="FR",
            doc="fr/cpf.md"),
    ]  # fmt: skip
    asked = question_intents("C'è un obbligo per gli stati?")
    question = Question(asked, Place("IT"), (Place("FR"),), eu=True)
    assert lead_id(plan_answer(SearchResult(hits, []), question, index(hits, places))) == "c0"
    # (not about the EU: the learner's own place leads the comparison)
    plain = Question(asked, Place("IT"), (Place("FR"),))
    assert lead_id(plan_answer(SearchResult(hits, []), plain, index(hits, places))) == "c1"
