"""How much and on what contract the learner works (`compose.situations`): hours or days a
week under full time are part-time work, and a part-timer's "how many hours?" is answered by
the part-timers' share; rules for another kind of contract or working time are not theirs."""

from __future__ import annotations

import pytest

from bot.guidance.compose import FactIndex, Place, Question, plan_answer, question_intents
from bot.guidance.compose.situations import learner_situations
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import Hit, SearchResult
from tests.test_situations import _hit, _lead


def test_a_rule_for_part_timers_does_not_lead_for_one_who_works_full_time() -> None:
    label = "Belgium, Wallonia, congé-éducation payé: "
    hits = [
        _hit(0, label + "half-time employees can use it only for training in work hours.", 0.87),
        _hit(1, label + "employees of private-sector employers can use it.", 0.866),
    ]
    text = "Je travaille à temps plein à Liège. J'ai droit au congé-éducation ?"
    asked = question_intents(text)
    assert _lead(hits, Question(asked)) == "c0"
    assert _lead(hits, Question(asked, situations=learner_situations(text))) == "c1"


def test_working_full_time_alone_does_not_make_a_rule_for_full_timers_the_answer() -> None:
    label = "Belgium, Flanders, VOV: "
    hits = [
        _hit(0, label + "the training must have at least 32 contact hours.", 0.87),
        _hit(1, label + "a full-time employee can get up to 125 hours per school year.", 0.866),
    ]
    text = "Ik werk voltijds. Kom ik in aanmerking?"
    asked = question_intents(text)
    assert _lead(hits, Question(asked, situations=learner_situations(text))) == "c0"


@pytest.mark.parametrize(
    ("text", "part_time"),
    [
        ("hallo ik werk in antwerpen als poetsvrouw 30u per week", True),
        ("je bosse 20h/semaine dans un magasin", True),
        ("ich arbeite 26 Stunden die Woche im Lager", True),
        ("pracuję 20 godzin tygodniowo", True),
        # the hours said outweigh the word for a full-time job they are a share of
        ("ik werk 26u per week op een voltijds van 38u", True),
        ("I work 38 hours per week", False),
        # days a week under five
        ("wenn ich nur 3 Tage die Woche arbeite", True),
        ("je travaille 4 jours par semaine", True),
        ("I work a 4-day week", True),
        ("the course is 3 days a week", False),
        # a course's hours are not the job's
        ("the course is 20 hours a week", False),
        ("Der Kurs hat 20 Stunden pro Woche", False),
    ],
)
def test_hours_or_days_worked_a_week_below_full_time_are_part_time_work(
    text: str, part_time: bool
) -> None:
    assert ("part_time" in learner_situations(text)) is part_time


def test_a_group_asked_about_in_french_is_not_the_learners_situation() -> None:
    text = "je travaille à mi-temps. J'ai droit au congé ou c'est que pour les temps plein ?"
    assert learner_situations(text) == {"part_time", "employed"}


def _vov(i: int, body: str, similarity: float) -> Hit:
    meta = {"country": "BE", "region": "BE-VLG", "kind": "fact", "source": "be/vov.md",
            "section": "s", "order": i}  # fmt: skip
    return Hit(f"c{i}", body, meta, 1.0 / (i + 1), similarity)


def test_a_part_timer_asking_how_many_hours_is_told_the_part_timers_share() -> None:
    hits = [
        _vov(0, "Belgium, Flanders, VOV: a 4/5 (80%) job of at least 28 hours a week still"
             " qualifies; a job under 80% or under 28 hours a week does not.", 0.882),
        _vov(1, "Belgium, Flanders, VOV: a full-time employee can get up to 125 hours per"
             " school year.", 0.882),
        _vov(2, "Belgium, Flanders, VOV: part-time employees get a pro-rata number of hours.",
             0.80),
    ]  # fmt: skip
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in hits), PlaceFinder())
    text = "ik werk in antwerpen als poetsvrouw 30u per week, hoeveel uur krijg ik per jaar?"
    question = Question(
        question_intents(text), Place("BE", "BE-VLG"), situations=learner_situations(text)
    )
    # (the search found the first two; the share is the document's, looked up)
    plan = plan_answer(SearchResult(hits[:2], []), question, facts)
    assert plan.lead is not None
    assert plan.lead.id == "c2"
    # to one who works full time, the part-timers' share is not shown at all
    full = "ik werk voltijds in Kortrijk, hoeveel uur krijg ik per jaar?"
    question = Question(
        question_intents(full), Place("BE", "BE-VLG"), situations=learner_situations(full)
    )
    plan = plan_answer(SearchResult(hits, []), question, facts)
    assert "c2" not in [h.id for h in plan.hits]


def test_a_part_timer_is_told_the_countrys_rule_for_fewer_days_under_the_lands_own() -> None:
    # "Wie viele Tage bekomme ich in Hessen, wenn ich nur 3 Tage die Woche arbeite?": Hessen's
    # 5 days, then Germany's "if you work fewer days a week, the number of days is adjusted"
    # from another document, before Hessen's other rules.
    def de(i: int, body: str, similarity: float, doc: str, region: str = "") -> Hit:
        meta = {"country": "DE", "region": region, "kind": "fact", "source": doc,
                "section": f"{doc}#{i}", "order": i}  # fmt: skip
        return Hit(f"c{i}", body, meta, 1.0 / (i + 1), similarity)

    hits = [
        de(0, "Germany, Hessen, Bildungsurlaub: employees get 5 days of paid Bildungsurlaub"
           " per year.", 0.908, "de/hessen.md", "DE-HE"),
        de(1, "Germany, Hessen, Bildungsurlaub: in many Länder two years can be combined into"
           " 10 days.", 0.909, "de/hessen.md", "DE-HE"),
        de(2, "Germany, Hessen, Bildungsurlaub: you pay the course fees yourself.", 0.904,
           "de/hessen.md", "DE-HE"),
        de(3, "Germany, Bildungsurlaub: if you work more or fewer days a week, the number of"
           " days is adjusted.", 0.859, "de/overview.md"),
    ]  # fmt: skip
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in hits), PlaceFinder())
    text = "Wie viele Tage Bildungsurlaub bekomme ich in Hessen, wenn ich nur 3 Tage arbeite?"
    text = text.replace("3 Tage arbeite", "3 Tage die Woche arbeite")
    question = Question(
        question_intents(text), Place("DE", "DE-HE"), situations=learner_situations(text)
    )
    plan = plan_answer(SearchResult(hits, []), question, facts)
    assert [h.id for h in plan.hits][:2] == ["c0", "c3"]


def test_a_rule_for_another_kind_of_contract_is_not_shown() -> None:
    hits = [
        _hit(0, "France, PTP, fixed-term contract (CDD): you need 24 months as an employee in"
             " the last 5 years, including 4 months on a CDD in the last 12 months.", 0.87),
        _hit(1, "France, PTP, temporary agency workers: you need 1,600 hours in the sector.",
             0.86),
        _hit(2, "France, PTP: ask at least 120 days before an absence of 6 months or more.",
             0.85),
    ]  # fmt: skip
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in hits), PlaceFinder())
    text = "Je suis en CDD de 6 mois. Est-ce que j'ai droit au PTP ?"
    question = Question(question_intents(text), situations=learner_situations(text))
    shown = [h.id for h in plan_answer(SearchResult(hits, []), question, facts).hits]
    assert shown == ["c0", "c2"]
    # one who says nothing of their contract reads both
    plain = Question(question_intents("Est-ce que j'ai droit au PTP ?"))
    assert "c1" in [h.id for h in plan_answer(SearchResult(hits, []), plain, facts).hits]


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        # a temp worker is not told the rule for permanent contracts, nor the reverse
        ("Je suis intérimaire dans le BTP. Est-ce que j'ai droit au PTP ?", "c0"),
        ("Je suis en CDI depuis 2019. Est-ce que j'ai droit au PTP ?", "c1"),
        ("Llevo 3 años con contrato indefinido. ¿Tengo derecho al PTP?", "c1"),
    ],
)
def test_a_permanent_contract_is_a_kind_of_contract_too(text: str, hidden: str) -> None:
    label = "France, PTP, "
    hits = [
        _hit(0, label + "permanent contract (CDI): you need 24 months as an employee.", 0.87),
        _hit(1, label + "temporary agency workers (intérim): you need 1,600 hours.", 0.86),
        _hit(2, "France, PTP: ask at least 120 days before an absence of 6 months or more.",
             0.85),
    ]  # fmt: skip
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in hits), PlaceFinder())
    question = Question(question_intents(text), situations=learner_situations(text))
    assert hidden not in [h.id for h in plan_answer(SearchResult(hits, []), question, facts).hits]
