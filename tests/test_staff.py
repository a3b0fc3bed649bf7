"""How many work where the learner works, against the firm sizes a rule is for
(`compose.staff`): "we are 7" is answered by the rule for firms under 10 first."""

from __future__ import annotations

import pytest

from bot.guidance.compose import Place, Question, plan_answer, question_intents, render_answer
from bot.guidance.compose.render import NoTranslations
from bot.guidance.compose.staff import fact_staff, learner_staff
from bot.guidance.language import Strings
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import SearchResult
from tests.test_compose import hit, index


@pytest.mark.parametrize(
    ("text", "staff"),
    [
        ("ich arbeite in einem Friseursalon in Köln, wir sind 7 Leute.", 7),
        ("I work in a small shop, we are 5", 5),
        ("je travaille dans une PME de 8 salariés", 8),
        ("Lavoro in una ditta, siamo in 6", 6),
        ("trabajo en una empresa de 12 trabajadores", 12),
        ("jest nas 7 w firmie", 7),
        ("mein Betrieb hat 250 Mitarbeiter", 250),
        ("wir sind ein Familienbetrieb mit 5 Leuten", 5),
        # a family, or colleagues who did something, are not the firm
        ("we are 4 at home", None),
        ("I have 2 kids and we are 4 people", None),
        ("3 colleagues got it last year", None),
        ("in my company 3 people already got it", None),
    ],
)
def test_the_size_of_the_workplace_a_message_gives(text: str, staff: int | None) -> None:
    assert learner_staff(text) == staff


def test_the_firm_sizes_a_rule_is_for() -> None:
    assert fact_staff("In firms with fewer than 10 employees there is no legal claim.") == (1, 9)
    assert fact_staff("The employer may refuse if the firm had fewer than 10 staff.") == (1, 9)
    assert fact_staff("In firms with 10 to 50 staff, the employer may limit it.") == (10, 50)
    assert fact_staff("Firms with 250 or more employees must report it.") == (250, 10**9)
    assert fact_staff("You get 5 days a year.") is None


def test_the_rule_for_a_firm_of_the_learners_size_leads() -> None:
    hits = [
        hit(0, "Germany, NRW, Bildungsurlaub: you get 5 days of paid leave per year.", 0.86),
        hit(
            1,
            "Germany, NRW, Bildungsurlaub: in firms with 10 to 50 staff, the employer may "
            "limit it to 10% of staff per year.",
            0.85,
        ),
        hit(
            2,
            "Germany, NRW, Bildungsurlaub: in firms with fewer than 10 employees there is no "
            "legal claim.",
            0.84,
        ),
    ]
    hits = [hit(h.meta["order"], h.body, h.similarity, region="DE-NW") for h in hits]
    facts = index(hits, PlaceFinder())

    def lead(staff: int | None) -> str:
        plan = plan_answer(SearchResult(hits, []), Question(("eligible",), staff=staff), facts)
        assert plan.lead is not None
        return plan.lead.id

    assert lead(7) == "c2"  # no legal claim: their answer
    assert lead(None) == "c0"
    assert lead(500) == "c0"
    # to one who does not say, rules for firms of some sizes do not lead, however close
    close = [
        hit(int(h.id[1:]), h.body, 0.87 if h.id == "c1" else 0.86, region="DE-NW") for h in hits
    ]
    plan = plan_answer(
        SearchResult(close, []), Question(("eligible",)), index(close, PlaceFinder())
    )
    assert plan.lead is not None
    assert plan.lead.id == "c0"


def test_the_rule_for_a_firm_of_the_learners_size_is_found_in_the_document_found() -> None:
    # The search found the NRW document, not its rule for small firms: a painter's firm of 8
    # asking whether it must grant the leave reads that rule first.
    found = [
        hit(0, "Germany, NRW, Bildungsurlaub: tell your employer at least 6 weeks before.", 0.86,
            region="DE-NW", doc="de/nrw.md"),
        hit(1, "Germany, NRW, Bildungsurlaub: you get 5 days of paid leave per year.", 0.85,
            region="DE-NW", doc="de/nrw.md"),
    ]  # fmt: skip
    small = hit(2, "Germany, NRW, Bildungsurlaub: in firms with fewer than 10 employees there is"
                " no legal claim.", 0.0, region="DE-NW", doc="de/nrw.md")  # fmt: skip
    facts = index([*found, small], PlaceFinder())
    asked = question_intents("Wir sind 8 Mitarbeiter. Sind wir verpflichtet, das zu genehmigen?")
    nrw = Place("DE", "DE-NW")
    plan = plan_answer(SearchResult(found, []), Question(asked, nrw, staff=8), facts)
    assert plan.lead is not None
    assert plan.lead.id == "c2"
    unsaid = plan_answer(SearchResult(found, []), Question(asked, nrw), facts)
    assert "c2" not in [h.id for h in unsaid.hits]


def test_the_reply_says_why_the_rule_for_small_firms_is_the_learners() -> None:
    hits = [
        hit(0, "Germany, NRW, Bildungsurlaub: in firms with fewer than 10 employees there is no"
            " legal claim.", 0.86, region="DE-NW"),
    ]  # fmt: skip
    facts = index(hits, PlaceFinder())
    nrw = Place("DE", "DE-NW")
    plan = plan_answer(SearchResult(hits, []), Question(("eligible",), nrw, staff=8), facts)
    lines = render_answer(plan, "de", Strings(), NoTranslations()).text.splitlines()
    assert lines[1] == (
        "Ihr Betrieb laut Ihrer Nachricht: 8 Beschäftigte. Diese Regel gilt für Betriebe mit"
        " weniger als 10 Beschäftigten, sie gilt hier also."
    )
    # a firm of another size: not theirs, nothing to say
    plan = plan_answer(SearchResult(hits, []), Question(("eligible",), nrw, staff=40), facts)
    assert plan.verdicts.staff is None
