"""Planning an offline reply: what leads, what follows, for which place (pure functions on
retrieval results; the real place finder reads the labels). How it is written: test_render."""

from __future__ import annotations

from typing import Any

from bot.guidance.compose import (
    FactIndex,
    Place,
    Question,
    plan_answer,
    question_intents,
)
from bot.guidance.compose.select import Plan
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import Hit, SearchResult


def hit(
    i: int,
    body: str,
    similarity: float,
    *,
    country: str = "DE",
    region: str = "",
    kind: str = "fact",
    doc: str = "de/a.md",
    section: str | None = None,
    topics: str = "training_leave",
    volatile: bool = False,
) -> Hit:
    meta: dict[str, Any] = {
        "country": country,
        "region": region,
        "kind": kind,
        "source": doc,
        "title": f"Title of {doc}",
        "url": "https://x.org",
        "updated": "2026-02-28",
        "section": section or f"{doc}#{i}",
        "order": i,
        "topics": topics,
        "language": "en",
        "body": body,
        "volatile": volatile,
    }
    return Hit(f"c{i}", body, meta, 1.0 / (60 + i), similarity)


def index(hits: list[Hit], places: PlaceFinder) -> FactIndex:
    return FactIndex.build(((h.id, h.body, h.meta) for h in hits), places)


class Texts:
    """Translations in memory: {(lang, English): text}."""

    def __init__(self, table: dict[tuple[str, str], str]) -> None:
        self.table = table

    def get(self, lang: str, source: str, text: str) -> str | None:
        return self.table.get((lang, text))


NONE = Texts({})


def test_the_lead_answers_what_is_asked_first(places: PlaceFinder) -> None:
    hits = [
        hit(0, "Germany, NRW, Bildungsurlaub: tell your employer at least 6 weeks before.", 0.88),
        hit(1, "Germany, NRW, Bildungsurlaub: you get 5 days of leave per year.", 0.87),
        hit(2, "Germany, NRW, Bildungsurlaub: your employer keeps paying your salary.", 0.86),
    ]
    facts = index(hits, places)
    days = plan_answer(
        SearchResult(hits, []), Question(question_intents("How many days do I get?")), facts
    )
    assert days.lead is not None
    assert "5 days" in days.lead.body
    pay = plan_answer(
        SearchResult(hits, []),
        Question(question_intents("How early must I ask, and is it paid?")),
        facts,
    )
    assert pay.lead is not None
    assert "6 weeks" in pay.lead.body
    assert "salary" in pay.support[0].body  # the second thing asked comes next


def test_each_ask_of_a_two_part_question_is_answered(places: PlaceFinder) -> None:
    # The label's "Credit" does not make a fact about which courses count an answer to "how
    # much"; the lead's "aged 25 and over" does not answer "can I use it for any course?".
    hits = [
        hit(0, "Singapore, SkillsFuture Credit: it can be used only for selected courses.", 0.88),
        hit(1, "Singapore, SkillsFuture Credit: you claim it on MySkillsFuture.", 0.88),
        hit(2, "Singapore, SkillsFuture Credit: everyone aged 25 and over receives S$500.", 0.87),
    ]
    hits = [hit(h.meta["order"], h.body, h.similarity, country="SG") for h in hits]
    plan = plan_answer(
        SearchResult(hits, []),
        Question(question_intents("How much credit do I have and can I use it for any course?")),
        index(hits, places),
    )
    assert [h.id for h in plan.hits][:2] == ["c2", "c0"]


def lead_id(plan: Plan) -> str | None:
    return plan.lead.id if plan.lead is not None else None


def test_a_question_about_the_eu_is_answered_by_the_eus_own_text(places: PlaceFinder) -> None:
    # "Will I get a right to the 'European learning account' as an employee in the Netherlands?"
    hits = [
        hit(0, "Netherlands, ILO Convention 140: it was ratified but gives no individual right.",
            0.835, country="NL", doc="nl/a.md"),
        hit(1, "EU, learning accounts (2022): it only asks countries to consider them; it gives"
            " no individual right.", 0.832, country="EU", doc="eu/ila.md"),
        # in an EU document, but about one country: not the EU's text
        hit(2, "Netherlands, knowledge gaps: we found no legal right to study leave.", 0.834,
            country="EU", doc="eu/gaps.md"),
    ]  # fmt: skip
    asked = question_intents("Krijg ik daar recht op?")
    facts = index(hits, places)
    national = plan_answer(SearchResult(hits, []), Question(asked, Place("NL")), facts)
    eu = plan_answer(SearchResult(hits, []), Question(asked, Place("NL"), eu=True), facts)
    assert lead_id(national) == "c0"
    assert lead_id(eu) == "c1"


def test_whether_an_eu_instrument_binds_a_country_is_answered_by_the_eu_rule(
    places: PlaceFinder,
) -> None:
    # "Is Portugal obliged to create one (an EU learning account)?": the search finds
    # Portugal's own 40 hours closer, but only the EU's text says whether it binds
    hits = [
        hit(0, "Portugal, continuous training: every worker has at least 40 hours a year.",
            0.874, country="PT", doc="pt/a.md"),
        hit(1, "EU, learning accounts (2022): it only asks countries to consider them; it is "
            "not an obligation.", 0.841, country="EU", doc="eu/ila.md"),
    ]  # fmt: skip
    asked = question_intents("Portugal e obrigado a criar uma? Quantos paises ja tem isso?")
    facts = index(hits, places)
    eu = plan_answer(SearchResult(hits, []), Question(asked, Place("PT"), eu=True), facts)
    assert lead_id(eu) == "c1"
    # a question that names no EU instrument keeps the country's own rule first
    national = plan_answer(SearchResult(hits, []), Question(asked, Place("PT")), facts)
    assert lead_id(national) == "c0"


def test_advice_written_for_providers_leads_for_a_provider_not_for_a_learner(
    places: PlaceFinder,
) -> None:
    hits = [
        hit(0, "Germany, NRW: you get 5 days a year after 6 months in the job.", 0.89),
        hit(1, "For providers, Germany, NRW: a provider must have existed for 2 years.", 0.888,
            doc="providers/de.md"),
    ]  # fmt: skip
    facts = index(hits, places)
    asked = question_intents("Can our courses be recognised?")
    learner = plan_answer(SearchResult(hits, []), Question(asked), facts)
    provider = plan_answer(SearchResult(hits, []), Question(asked, learner=False), facts)
    assert lead_id(learner) == "c0"
    assert lead_id(provider) == "c1"


def test_what_it_is_comes_first_when_asked_first(places: PlaceFinder) -> None:
    hits = [
        hit(0, "EU, ESCO: ESCO is free to use; it is published as linked open data.", 0.88,
            country="EU", doc="eu/esco.md"),
        hit(1, "In short: ESCO is the EU's free, multilingual list of occupations and skills.",
            0.86, country="EU", doc="eu/esco.md", kind="summary"),
    ]  # fmt: skip
    facts = index(hits, places)
    result = SearchResult(hits, [])
    plan = plan_answer(result, Question(question_intents("What is ESCO and is it free?")), facts)
    assert lead_id(plan) == "c1"
    assert [h.id for h in plan.support] == ["c0"]
    free = plan_answer(result, Question(question_intents("Is ESCO free?")), facts)
    assert lead_id(free) == "c0"


def test_the_learners_own_region_leads_however_far_the_search_ranked_it(
    places: PlaceFinder,
) -> None:
    # "My colleagues in Cologne get 5 days. Me too, in Munich?"
    hits = [
        hit(0, "Germany, NRW, Bildungsurlaub: you get 5 days a year.", 0.85, region="DE-NW",
            doc="de/nrw.md"),
        hit(1, "Germany, Bildungsurlaub: the typical right is 5 working days a year.", 0.85),
        hit(2, "Germany, Bavaria, Bildungsurlaub: Bavaria has no Bildungsurlaub law.", 0.79,
            region="DE-BY", doc="de/by.md"),
    ]  # fmt: skip
    question = Question((), Place("DE", "DE-BY"), (Place("DE", "DE-NW"),))
    plan = plan_answer(SearchResult(hits, []), question, index(hits, places))
    assert lead_id(plan) == "c2"
    # (nor, after "Bavaria has no law", "the typical right is 5 days")
    assert "c1" not in [h.id for h in plan.hits]


def test_supporting_facts_stay_on_the_leads_scheme(places: PlaceFinder) -> None:
    hits = [
        hit(0, "France, CPF, public sector: the €500 rule does not apply to nurses.", 0.90),
        hit(1, "France, CPF: an employee who worked half-time gets €500 a year.", 0.875),
        hit(2, "France, CPF, public sector: a full-time worker gets 25 hours a year.", 0.87),
    ]
    hits = [hit(h.meta["order"], h.body, h.similarity, country="FR") for h in hits]
    plan = plan_answer(
        SearchResult(hits, []),
        Question(
            question_intents("I'm a nurse in a public hospital: does the €500 a year apply?"),
            Place("FR"),
            situations=frozenset({"public_sector"}),
        ),
        index(hits, places),
    )
    assert [h.id for h in plan.hits][:2] == ["c0", "c2"]


def test_the_leads_own_section_gives_a_third_fact_before_another_sections(
    places: PlaceFinder,
) -> None:
    public = [
        "civil servants still have their CPF counted in hours, not euros",
        "the €500 rule for private employees does not apply to public hospital nurses",
        "you need your administration's agreement for a career project",
        "a full-time public-sector worker gets 25 hours a year, up to 150 hours",
    ]
    hits = [
        hit(i, f"France, CPF, public sector: {rule}.", 0.9 - i / 100, country="FR", section="p")
        for i, rule in enumerate(public)
    ]
    private = "France, CPF: a private-sector employee gets €500 a year."
    hits.append(hit(9, private, 0.89, country="FR"))
    plan = plan_answer(
        SearchResult(hits, []),
        Question(
            question_intents("I'm a public hospital nurse: does the €500 a year apply to me?"),
            Place("FR"),
            situations=frozenset({"public_sector"}),
        ),
        index(hits, places),
    )
    assert plan.lead is not None
    assert "does not apply" in plan.lead.body
    # (two of the section's statements, then the other section's €500, used to be all)
    assert [h.meta["section"] for h in plan.support].count("p") == 3
    assert any("25 hours" in h.body for h in plan.support)


def test_a_summary_that_answers_nothing_asked_gives_way_to_a_fact_that_does(
    places: PlaceFinder,
) -> None:
    # "Can my boss in Hessen refuse?": the Hessen summary is closest to the words; the
    # country's rule on refusals, a little further than the usual window, answers.
    hits = [
        hit(0, "In short: in Hessen you get 5 days of paid leave a year.", 0.90, kind="summary",
            region="DE-HE", doc="de/he.md"),
        hit(1, "Germany, Hessen, Bildungsurlaub: your employer keeps paying your salary.", 0.89,
            region="DE-HE", doc="de/he.md"),
        hit(2, "Germany, Bildungsurlaub: an employer may refuse only for the reasons in the "
            "Land law.", 0.84, doc="de/help.md"),
    ]
    question = Question(question_intents("Can my boss refuse it?"), Place("DE", "DE-HE"))
    plan = plan_answer(SearchResult(hits, []), question, index(hits, places))
    assert plan.lead is not None
    assert plan.lead.id == "c2"


def test_what_our_sources_lack_does_not_lead_over_what_they_say(places: PlaceFinder) -> None:
    # "Can I take 5 days this year?" in Saxony: "3 days a year from 2027", not "the waiting
    # period is not in our sources", though that came a little closer.
    hits = [
        hit(0, "Germany, Saxony, Bildungsurlaub: details such as the waiting period are not in "
            "our sources yet.", 0.862, region="DE-SN"),
        hit(1, "Germany, Saxony, Bildungsurlaub: from 2027 you get 3 days a year; no right "
            "before 2027.", 0.855, region="DE-SN"),
    ]
    question = Question(question_intents("Can I take the days this year?"), Place("DE", "DE-SN"))
    plan = plan_answer(SearchResult(hits, []), question, index(hits, places))
    assert plan.lead is not None
    assert plan.lead.id == "c1"


def test_a_hedge_does_not_lead_and_a_near_duplicate_is_shown_once(places: PlaceFinder) -> None:
    hedge = "Germany, Hessen, Bildungsurlaub: in many Länder two years combine into 10 days."
    hits = [
        hit(0, hedge, 0.900, region="DE-HE", doc="de/he.md"),
        hit(1, "Germany, Hessen, Bildungsurlaub: you get 5 days a year.", 0.895, region="DE-HE",
            doc="de/he.md"),
        hit(2, "Germany, Bildungsurlaub: in many Länder you can combine two years and take 10 "
            "days at once.", 0.89),
        hit(3, "Germany, Bildungsurlaub: Saxony passed a law giving 3 days from 2027.", 0.89),
        hit(4, "Germany, Bildungsurlaub: the usual entitlement is 5 days a year.", 0.89),
    ]
    plan = plan_answer(
        SearchResult(hits, []),
        Question(question_intents("Wie viele Tage habe ich?"), Place("DE", "DE-HE")),
        index(hits, places),
    )
    # no second "combine", no Saxony, no "usual" days of other Länder
    assert [h.id for h in plan.hits] == ["c1", "c0"]


def test_other_regions_rules_are_left_out_and_the_own_region_leads(places: PlaceFinder) -> None:
    hits = [
        hit(0, "Land: Hessen; Days: 5 days per year", 0.90, kind="row"),
        hit(1, "Germany, Saxony: 3 paid days a year from 2027.", 0.86, region="DE-SN"),
        hit(2, "Germany, Bildungsurlaub: the Land where you work decides.", 0.87),
    ]
    plan = plan_answer(
        SearchResult(hits, []),
        Question(("days",), Place("DE", "DE-SN")),
        index(hits, places),
    )
    assert plan.lead is not None
    assert plan.lead.id == "c1"
    assert "c0" not in [h.id for h in plan.hits]


def test_a_comparison_leads_with_the_learners_place_then_the_other(places: PlaceFinder) -> None:
    hits = [
        hit(0, "Germany, Berlin: 10 days in 2 consecutive years.", 0.90, region="DE-BE"),
        hit(1, "Germany, NRW: 5 days a year.", 0.89, region="DE-NW"),
        hit(2, "Germany, Saxony: 3 paid days a year from 2027.", 0.86, region="DE-SN"),
    ]
    plan = plan_answer(
        SearchResult(hits, []),
        Question(("eligible",), Place("DE", "DE-SN"), (Place("DE", "DE-BE"),)),
        index(hits, places),
    )
    assert [h.id for h in plan.hits] == ["c2", "c0"]  # NRW was not asked about


def test_a_comparison_shows_no_rule_of_a_region_not_compared(places: PlaceFinder) -> None:
    hits = [
        hit(0, "Germany, NRW, Bildungsurlaub: you get 5 days a year.", 0.90, region="DE-NW"),
        hit(1, "Germany, Bildungsurlaub: Saxony passed a law giving 3 days from 2027.", 0.89),
        hit(2, "Germany, Bildungsurlaub: Berlin gives 10 days in 2 consecutive years.", 0.88),
        hit(3, "Germany, Bildungsurlaub: the Land where you work decides.", 0.87),
    ]
    facts = index(hits, places)
    cologne = Place("DE", "DE-NW")
    # A course in Málaga is not a comparison of German Länder: only Cologne's rules.
    plan = plan_answer(SearchResult(hits, []), Question(("days",), cologne, (Place("ES"),)), facts)
    assert [h.id for h in plan.hits] == ["c0", "c3"]
    plan = plan_answer(
        SearchResult(hits, []), Question(("days",), cologne, (Place("DE", "DE-BE"),)), facts
    )
    assert [h.id for h in plan.hits] == ["c0", "c2", "c3"]


def test_repeats_near_duplicates_and_flooding_are_avoided(places: PlaceFinder) -> None:
    lead = "France, CPF: employees get €500 a year, up to €5,000 in total."
    hits = [
        hit(0, lead, 0.9, country="FR"),
        hit(1, lead.replace("in total", "overall"), 0.9, country="FR"),
        hit(2, "France, CPF: €500 a year, up to €5,000.", 0.89, country="FR"),
        *[
            hit(i, f"France, CPF: {rule}.", 0.88, country="FR", section="s")
            for i, rule in enumerate(
                [
                    "part-time workers get a share in proportion",
                    "disabled workers get more money each year",
                    "public servants count hours instead of euros",
                    "self-employed people pay a contribution first",
                ],
                3,
            )
        ],
    ]
    plan = plan_answer(SearchResult(hits, []), Question((), Place("FR")), index(hits, places))
    assert plan.lead is not None
    assert plan.lead.id == "c0"
    bodies = [h.body for h in plan.support]
    assert lead.replace("in total", "overall") not in bodies
    assert "France, CPF: €500 a year, up to €5,000." not in bodies  # only repeats the lead
    assert len([h for h in plan.support if h.meta["section"] == "s"]) == 2


def test_a_learner_is_not_answered_with_advice_for_training_providers(
    places: PlaceFinder,
) -> None:
    hits = [
        hit(0, "For providers, France, CPF: list courses on EDOF.", 0.90, doc="providers/a.md"),
        hit(1, "France, CPF: you can check your balance online.", 0.89),
    ]
    facts = index(hits, places)
    learner = plan_answer(SearchResult(hits, []), Question((), Place("FR")), facts)
    provider = plan_answer(
        SearchResult(hits, []), Question((), Place("FR"), learner=False), facts
    )
    assert (learner.lead and learner.lead.id, provider.lead and provider.lead.id) == ("c1", "c0")


def test_a_fact_the_summary_already_says_is_not_repeated(places: PlaceFinder) -> None:
    short = hit(0, "In short: Bavaria has no Bildungsurlaub law; you have no right to it.", 0.9,
                region="DE-BY", kind="summary", doc="de/by.md")  # fmt: skip
    same = hit(1, "Germany, Bildungsurlaub: Bavaria has no Bildungsurlaub law.", 0.88)
    other = hit(2, "Germany, Bavaria: a collective agreement may still give you days.", 0.87,
                region="DE-BY", doc="de/by.md")  # fmt: skip
    hits = [short, same, other]
    plan = plan_answer(
        SearchResult(hits, []),
        Question(question_intents("Gibt es Bildungsurlaub in Bayern?"), Place("DE", "DE-BY")),
        index(hits, places),
    )
    assert [h.id for h in plan.hits] == ["c0", "c2"]


def test_what_holds_in_many_lander_is_not_shown_where_the_own_land_has_rules(
    places: PlaceFinder,
) -> None:
    hits = [
        hit(0, "Germany, Bavaria, Bildungsurlaub: you have no statutory days.", 0.90,
            region="DE-BY", doc="de/by.md"),  # fmt: skip
        hit(1, "Germany, Bildungsurlaub: the usual entitlement is 5 days a year.", 0.89),
        hit(2, "Germany, Bildungsurlaub: ask your works council about agreements.", 0.88),
    ]
    plan = plan_answer(
        SearchResult(hits, []),
        Question(question_intents("Wie viele Tage habe ich?"), Place("DE", "DE-BY")),
        index(hits, places),
    )
    assert "c1" not in [h.id for h in plan.hits]


def test_words_alone_with_nothing_close_in_meaning_give_no_answer() -> None:
    # "What support is there to train as a nurse?": only the words "support" found something.
    aside = hit(0, "EU, Cedefop database: use it for an overview, not for amounts.", 0.0)
    plan = plan_answer(SearchResult([aside], []), Question(("exists",), Place("IE")))
    assert plan.lead is None


def test_the_same_advice_in_two_documents_is_one_fact() -> None:
    from bot.guidance.compose.repeats import similar

    cpf = hit(0, "France, CPF: if you have a problem with a provider (for example a cancelled"
              " course and no refund), keep all emails, receipts and dates, and ask a human"
              " counsellor for help.", 0.8)
    help_ = hit(1, "France, help, provider problems: if a CPF-funded course is cancelled or a"
                " provider does not answer, keep all emails, receipts and dates, and ask a human"
                " counsellor for help.", 0.8)
    calls = hit(2, "France, CPF: if someone calls, texts or emails you without being asked to"
                " sell a CPF course, this is not allowed; do not give them your login or codes.",
                0.8)  # fmt: skip
    assert similar(cpf, help_)
    assert not similar(cpf, calls)
