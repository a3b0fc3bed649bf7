"""The age a message gives and the ages a rule is for (`compose.situations`, `compose.fit`):
which rule leads for the learner's age, which is not shown, and the line under a lead that
holds the age given against the lead's age group."""

from __future__ import annotations

import pytest

from bot.guidance.compose import (
    FactIndex,
    Question,
    plan_answer,
    question_intents,
    render_answer,
)
from bot.guidance.compose.render import NoTranslations
from bot.guidance.compose.situations import fact_ages, learner_age
from bot.guidance.language import Strings
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import SearchResult
from tests.test_situations import _hit, _lead


@pytest.mark.parametrize(
    ("text", "age"),
    [
        ("Oi, tenho 23 anos, sou portuguesa", 23),
        ("My dad is 63, lives in Uppsala", 63),
        ("hoi, ik ben 38 en werk in Utrecht", 38),
        ("Bonjour, j'ai 46 ans", 46),
        ("I'm 44, Singaporean", 44),
        ("ich bin 38 Stunden die Woche da", None),  # hours, not an age
        ("I work 38h a week", None),
        # an age set apart
        ("ich bin Lehrerin an einer Privatschule in Berlin, 45 Jahre.", 45),
        ("Pedro (34 anos) trabalha num hotel", 34),
        ("Je travaille depuis 12 ans.", None),
        # said in passing: "bin 23, arbeite ...", "Ich (34)", "j ai 52 ans"
        ("hi! bin 23, arbeite seit 1 jahr als Erzieherin in Berlin", 23),
        ("Servus! Ich (34) arbeite seit 3 Jahren in Graz", 34),
        ("bjr jai 52 ans je fais le menage", 52),
        ("bjr j ai 52 ans je fais le menage", 52),
        ("ich bin 30 Stunden die Woche da", None),
    ],
)
def test_the_age_a_message_gives(text: str, age: int | None) -> None:
    assert learner_age(text) == age


def test_the_ages_a_fact_is_for() -> None:
    assert fact_ages("Berlin: employees under 25 get 10 days per year.") == (0, 24)
    assert fact_ages("You must be aged 27 to 62.") == (27, 62)
    assert fact_ages("Citizens aged 40 and over get S$4,000.") == (40, 120)
    assert fact_ages("In firms with under 10 employees there is no claim.") is None


def test_the_fact_for_the_learners_age_leads() -> None:
    hits = [
        _hit(0, "Germany, Berlin: employees get 10 days over two years.", 0.866),
        _hit(1, "Germany, Berlin: employees under 25 get 10 days per year.", 0.861),
    ]
    asked = question_intents("Quantos dias são?")
    assert _lead(hits, Question(asked, age=40)) == "c0"
    assert _lead(hits, Question(asked, age=23)) == "c1"


def test_a_rule_for_an_age_group_does_not_lead_for_others() -> None:
    hits = [
        _hit(0, "Germany, Berlin: employees under 25 get 10 days per year.", 0.868),
        _hit(1, "Germany, Berlin: employees get 10 days over two years.", 0.866),
    ]
    asked = question_intents("Quantos dias de Bildungsurlaub tenho?")
    assert _lead(hits, Question(asked, age=23)) == "c0"
    assert _lead(hits, Question(asked, age=31)) == "c1"
    assert _lead(hits, Question(asked)) == "c1"  # age not said: the rule for everyone
    entitled = question_intents("Do I get that too?")
    assert _lead(hits, Question(entitled)) == "c1"


def test_an_age_limit_answers_whether_one_still_qualifies() -> None:
    hits = [
        _hit(0, "Netherlands, Levenlanglerenkrediet: you must be younger than 57.", 0.866),
        _hit(1, "Netherlands, help: DUO handles the Levenlanglerenkrediet; see duo.nl.", 0.868),
    ]
    asked = question_intents("Tenho 58 anos. Ainda posso pedir o levenlanglerenkrediet?")
    assert _lead(hits, Question(asked, age=58)) == "c0"


def test_a_wide_age_limit_is_no_answer_to_one_inside_it_but_excludes_one_outside() -> None:
    # "under 57" is most adults: to one of 38 asking whether a BBL course qualifies, what the
    # credit is for answers; to one of 58, the age limit does.
    hits = [
        _hit(0, "Netherlands, Levenlanglerenkrediet: the age limit is under 57.", 0.862),
        _hit(1, "Netherlands, Levenlanglerenkrediet: it is also for full-time MBO (BOL).", 0.872),
    ]
    asked = question_intents("Kan ik daarvoor het levenlanglerenkrediet krijgen?")
    assert _lead(hits, Question(asked, age=38)) == "c1"
    assert _lead(hits, Question(asked, age=58)) == "c0"


@pytest.mark.parametrize(
    ("text", "lang", "line"),
    [
        (
            "Ik ben 58. Kan ik nog het Levenlanglerenkrediet krijgen?",
            "nl",
            # (an age limit that leads is said as one)
            "Leeftijd in je bericht: 58 jaar. Het is alleen voor mensen jonger dan 57, dus met je"
            " leeftijd kan het niet.",
        ),
        (
            "Tengo 63 años. ¿Puedo pedir el omställningsstudiestöd?",
            "es",
            "Edad que indicas: 63 años. Es solo para personas de 27 a 62 años, así que con tu"
            " edad no es posible.",
        ),
        (
            "I'm 24 and work in Berlin. Can I get Bildungsurlaub every year?",
            "en",
            "Age in your message: 24. This rule is for people under 25, so it applies here.",
        ),
    ],
)
def test_the_reply_holds_the_age_given_against_the_leads_age_group(
    text: str, lang: str, line: str
) -> None:
    bodies = {
        "nl": "Netherlands, Levenlanglerenkrediet: the age limit is under 57.",
        "es": "Sweden, omställningsstudiestöd: you must be aged 27 to 62.",
        "en": "Germany, Berlin: employees under 25 get 10 days per year.",
    }
    hits = [_hit(0, bodies[lang], 0.87)]
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in hits), PlaceFinder())
    question = Question(question_intents(text), age=learner_age(text))
    plan = plan_answer(SearchResult(hits, []), question, facts)
    reply = render_answer(plan, lang, Strings(), NoTranslations()).text
    assert reply.splitlines()[1] == line


def test_an_age_inside_a_group_is_said_only_to_one_who_asks_whether_they_can() -> None:
    hits = [_hit(0, "Singapore: citizens aged 40 and over get S$4,000.", 0.87)]
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in hits), PlaceFinder())
    for text, said in (
        ("I'm 42, how much credit do I have?", False),
        ("I'm 42, can I get the S$4,000?", True),
        ("I'm 35, can I get the S$4,000?", True),  # outside: always said
    ):
        question = Question(question_intents(text), age=learner_age(text))
        plan = plan_answer(SearchResult(hits, []), question, facts)
        assert (plan.verdicts.age is not None) is said, text
    # an age group of most adults ("aged 25 and over"), to one inside it: nothing to say
    wide = [_hit(0, "Singapore: citizens aged 25 and over get a S$500 credit.", 0.87)]
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in wide), PlaceFinder())
    question = Question(question_intents("I'm 42, can I get it?"), age=42)
    assert plan_answer(SearchResult(wide, []), question, facts).verdicts.age is None


def test_a_rule_for_an_age_group_the_learner_is_not_in_is_not_shown() -> None:
    hits = [
        _hit(0, "Germany, Berlin: employees get 10 days over two years.", 0.870),
        _hit(1, "Germany, Berlin: employees under 25 get 10 days per year.", 0.866),
        _hit(2, "Germany, Berlin: only recognised courses count.", 0.860),
    ]
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in hits), PlaceFinder())
    asked = question_intents("Wie viele Tage Bildungsurlaub habe ich?")
    shown = plan_answer(SearchResult(hits, []), Question(asked, age=45), facts).hits
    assert [h.id for h in shown] == ["c0", "c2"]
    # one who gives no age still reads it
    unknown = plan_answer(SearchResult(hits, []), Question(asked), facts).hits
    assert "c1" in [h.id for h in unknown]


def test_the_age_condition_of_the_leads_scheme_is_held_against_the_age_given() -> None:
    hits = [
        _hit(0, "Netherlands, Levenlanglerenkrediet: it is for part-time HBO programmes.", 0.87),
        _hit(1, "Netherlands, Levenlanglerenkrediet: the interest rate was 2.57% in 2025.", 0.86),
    ]
    limit = _hit(2, "Netherlands, Levenlanglerenkrediet: the age limit is under 57.", 0.70)
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in [*hits, limit]), PlaceFinder())
    for text, line in (
        (
            "Ik ben 46. Kan ik het collegegeld lenen voor een deeltijd hbo?",
            "Leeftijd in je bericht: 46 jaar. Het is voor mensen jonger dan 57, dus je leeftijd is"
            " geen bezwaar.",
        ),
        (
            "Ik ben 58. Kan ik het collegegeld lenen voor een deeltijd hbo?",
            "Leeftijd in je bericht: 58 jaar. Het is alleen voor mensen jonger dan 57, dus met je"
            " leeftijd kan het niet.",
        ),
    ):
        question = Question(question_intents(text), age=learner_age(text))
        plan = plan_answer(SearchResult(hits, []), question, facts)
        assert plan.lead is not None
        assert plan.lead.id == "c0"
        reply = render_answer(plan, "nl", Strings(), NoTranslations()).text
        assert reply.splitlines()[1] == line
    # ... from a document the reply cites only (the figure said has its source)
    elsewhere = _hit(2, limit.body, 0.70)
    elsewhere.meta["source"] = "nl/duo.md"
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in [*hits, elsewhere]), PlaceFinder())
    question = Question(question_intents("Ik ben 46. Kan ik lenen?"), age=46)
    assert plan_answer(SearchResult(hits, []), question, facts).verdicts.age is None


def test_a_rule_that_leaves_an_age_group_out_is_no_age_condition() -> None:
    hits = [
        _hit(0, "Austria, Weiterbildungszeit: the AMS may pay a Weiterbildungsbeihilfe.", 0.87),
        _hit(1, "Austria, Weiterbildungszeit: people under 18 in school cannot use it.", 0.70),
    ]
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in hits), PlaceFinder())
    question = Question(question_intents("Ich bin 41. Kann ich das machen?"), age=41)
    assert plan_answer(SearchResult(hits[:1], []), question, facts).verdicts.age is None
