"""Writing a planned reply (`compose.render`): in the learner's language, table rows as
sentences, sources numbered, the labels of supporting facts trimmed to what the lead does not
say, a place without rules said first."""

from __future__ import annotations

from bot.guidance.compose import (
    Place,
    Question,
    number_sources,
    plan_answer,
    plan_coverage,
    render_answer,
    render_coverage,
)
from bot.guidance.compose.render import row_sentence
from bot.guidance.compose.select import Plan
from bot.guidance.language import Strings
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import SearchResult
from tests.test_compose import NONE, Texts, hit, index


def test_the_answer_is_written_in_the_learners_language(
    places: PlaceFinder, strings: Strings
) -> None:
    hits = [
        hit(0, "Germany, NRW: you get 5 days of paid Bildungsurlaub per year.", 0.9),
        hit(1, "Germany, NRW: tell your employer at least 6 weeks before.", 0.88),
    ]
    texts = Texts(
        {
            ("de", hits[0].body): "Deutschland, NRW: Sie bekommen 5 Tage pro Jahr.",
            ("de", hits[1].body): "Deutschland, NRW: Sagen Sie es 6 Wochen vorher.",
        }
    )
    plan = plan_answer(SearchResult(hits, []), Question(("days",)), index(hits, places))
    composed = render_answer(plan, "de", strings, texts)
    assert composed.text.splitlines() == [
        "Deutschland, NRW: Sie bekommen 5 Tage pro Jahr. [1]",
        "",
        "• Sagen Sie es 6 Wochen vorher. [1]",
    ]
    assert strings.get("not_translated_yet", "de") not in composed.notices


def test_a_fact_not_yet_translated_is_shown_in_english_and_says_so(
    places: PlaceFinder, strings: Strings
) -> None:
    hits = [hit(0, "Germany, NRW: you get 5 days per year.", 0.9, volatile=True)]
    plan = plan_answer(SearchResult(hits, []), Question(), index(hits, places))
    composed = render_answer(plan, "pl", strings, NONE)
    assert composed.text == "Germany, NRW: you get 5 days per year. [1]"
    assert composed.notices == (
        strings.get("not_translated_yet", "pl"),
        strings.get("volatile_warning", "pl"),
    )
    assert render_answer(plan, "en", strings, NONE).notices == (
        strings.get("volatile_warning", "en"),
    )


def test_a_table_row_is_shown_as_a_sentence(places: PlaceFinder, strings: Strings) -> None:
    row = "Land: Hessen; Days: 5 days per year; Notice to employer: not in our sources"
    hits = [hit(0, row, 0.9, kind="row")]
    plan = plan_answer(SearchResult(hits, []), Question(), index(hits, places))
    written = Texts({("en", row): "Germany, Hessen: you get 5 days a year."})
    assert render_answer(plan, "en", strings, written).text == (
        "Germany, Hessen: you get 5 days a year. [1]"
    )
    assert render_answer(plan, "en", strings, NONE).text == (
        "Hessen: days 5 days per year; notice to employer not in our sources. [1]"
    )
    assert row_sentence("Land: Bavaria") == "Bavaria"


def test_a_place_without_rules_is_said_first_then_only_what_applies_there(
    places: PlaceFinder, strings: Strings
) -> None:
    hits = [
        hit(0, "Spain, paid training leave: you need 1 year in the company.", 0.90, country="EU"),
        hit(1, "ILO Convention 140, Czechia: ratified on 1 January 1993.", 0.88, country="EU"),
        hit(2, "Europe: rights come from national law.", 0.87, country="EU"),
    ]
    place = Place("CZ")
    plan = plan_coverage(SearchResult(hits, []), place, index(hits, places))
    assert [h.id for h in plan.hits] == ["c1", "c2"]
    composed = render_coverage(plan, "en", strings, NONE, place_name="Czechia")
    lines = composed.text.splitlines()
    # Said first, with what follows announced on the same line; the first fact on the second.
    missing = strings.get("coverage_missing", "en", place="Czechia")
    assert lines[0] == f"{missing} {strings.get('coverage_international', 'en')}"
    assert lines[1].startswith("•")
    assert "Spain" not in composed.text


def test_a_fact_naming_the_place_comes_with_what_its_document_says_in_short(
    places: PlaceFinder, strings: Strings
) -> None:
    summary = (
        "In short: ILO Convention 140 asks countries to promote paid leave for education. It"
        " gives you no right you can claim by itself. Many EU countries ratified it."
    )
    hits = [
        hit(
            0,
            "ILO Convention 140, Czechia: ratified on 1 January 1993.",
            0.80,
            country="EU",
            doc="int/ilo.md",
        ),
        hit(1, summary, 0.78, country="EU", kind="summary", doc="int/ilo.md"),
    ]
    facts = index(hits, places)
    plan = plan_coverage(SearchResult(hits, []), Place("CZ"), facts, floor=0.8)
    assert [h.id for h in plan.hits] == ["c0", "c1"]
    lines = render_coverage(plan, "en", strings, NONE, place_name="Czechia").text.splitlines()
    # (by its first two sentences, without its "In short")
    assert lines[2] == (
        "• ILO Convention 140 asks countries to promote paid leave for education. It gives you"
        " no right you can claim by itself. [1]"
    )
    # not found as close to the question: not shown
    far = [hits[0], hit(1, summary, 0.70, country="EU", kind="summary", doc="int/ilo.md")]
    plan = plan_coverage(SearchResult(far, []), Place("CZ"), index(far, places), floor=0.8)
    assert [h.id for h in plan.hits] == ["c0"]


def test_sources_are_numbered_per_document_in_order_of_first_use() -> None:
    hits = [
        hit(0, "a", 0.9, doc="fr/a.md"),
        hit(1, "b", 0.9, doc="eu/b.md", country="EU"),
        hit(2, "c", 0.9, doc="fr/a.md"),
    ]
    numbers, sources = number_sources(hits)
    assert numbers == {"fr/a.md": 1, "eu/b.md": 2}
    assert [s.title for s in sources] == ["Title of fr/a.md", "Title of eu/b.md"]


def test_a_supporting_fact_keeps_what_its_label_narrows_once(strings: Strings) -> None:
    doc = "fr/cpf.md"
    lead = hit(0, "France, CPF: an employee gets €500 a year.", 0.9, country="FR", doc=doc)
    public = [
        hit(i, f"France, CPF, public sector: rule {i}.", 0.9, country="FR", doc=doc)
        for i in (1, 2)
    ]
    other = hit(3, "France, CPF, help: ask a CEP adviser.", 0.9, country="FR", doc=doc)
    plan = Plan(lead, (*public, other))
    text = render_answer(plan, "en", strings, NONE).text
    assert text.splitlines()[2:] == [
        "• Public sector: rule 1. [1]",
        "• Rule 2. [1]",  # the bullet above said it
        "• Ask a CEP adviser. [1]",  # "help" narrows nothing down
    ]


def test_under_a_summary_a_bullet_keeps_its_label_but_the_place(strings: Strings) -> None:
    doc = "it/leave.md"
    short = hit(0, "In short: in Italy you can take leave.", 0.9, country="IT", doc=doc,
                kind="summary")  # fmt: skip
    public = hit(1, "Italy, 150 ore (public sector): up to 150 hours.", 0.9, country="IT", doc=doc)
    text = render_answer(Plan(short, (public,)), "en", strings, NONE).text
    assert text.splitlines()[-1] == "• 150 ore (public sector): up to 150 hours. [1]"


def test_a_bullet_of_another_scheme_says_which(strings: Strings) -> None:
    doc = "it/leave.md"
    lead = hit(0, "Italy, congedo per la formazione: it is unpaid.", 0.9, country="IT", doc=doc)
    other = hit(1, "Italy, diritto allo studio: 150 paid hours over three years.", 0.9,
                country="IT", doc=doc)  # fmt: skip
    text = render_answer(Plan(lead, (other,)), "en", strings, NONE).text
    assert text.splitlines()[-1] == "• Diritto allo studio: 150 paid hours over three years. [1]"


def test_a_label_the_bullet_above_began_with_is_not_repeated(strings: Strings) -> None:
    lead = hit(0, "Germany, Bildungsurlaub: Saxony passed a law.", 0.9)
    saxony = [
        hit(i, f"Germany, Saxony, Bildungsurlaub: rule {i}.", 0.9, region="DE-SN", doc="de/sn.md")
        for i in (1, 2)
    ]
    text = render_answer(Plan(lead, tuple(saxony)), "en", strings, NONE).text
    assert text.splitlines()[2:] == [
        "• Germany, Saxony, Bildungsurlaub: rule 1. [2]",
        "• Rule 2. [2]",
    ]


def test_a_region_without_rules_gets_none_of_its_countrys_rules_for_another_group(
    places: PlaceFinder,
) -> None:
    # "¿Cuántos días tengo en Hamburgo y quién paga el curso?": of a few lines on Germany,
    # none for part-timers to one who does not say they work part-time.
    where = {"country": "DE", "doc": "de/overview.md"}
    hits = [
        hit(0, "Germany, Bildungsurlaub: if you work more or fewer days a week, the number of"
            " days is adjusted.", 0.90, **where),
        hit(1, "Germany, Bildungsurlaub: the typical right is 5 working days per calendar"
            " year.", 0.89, **where),
        hit(2, "Germany, Bildungsurlaub: you pay the course fees yourself.", 0.88, **where),
    ]  # fmt: skip
    place = Place("DE", "DE-HH")
    facts = index(hits, places)
    plan = plan_coverage(SearchResult(hits, []), place, facts, ("days", "pay"))
    assert [h.id for h in plan.hits] == ["c1", "c2"]
    part_timer = plan_coverage(
        SearchResult(hits, []), place, facts, ("days", "pay"),
        situations=frozenset({"part_time"}),
    )  # fmt: skip
    assert "c0" in [h.id for h in part_timer.hits]
