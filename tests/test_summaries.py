"""A document's summary ("In short: ...") in a reply: when it leads, and which of its
sentences it leads with (`compose.summaries`)."""

from __future__ import annotations

from bot.guidance.compose import (
    Place,
    Plan,
    Question,
    plan_answer,
    question_intents,
    render_answer,
)
from bot.guidance.compose.facts import sentences
from bot.guidance.compose.names import spelt_out
from bot.guidance.compose.tenure import learner_tenure
from bot.guidance.folding import fold
from bot.guidance.language import Strings
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import Hit, SearchResult
from tests.test_compose import NONE, Texts, hit, index, lead_id


def test_a_question_no_fact_answers_is_led_by_the_documents_summary(places: PlaceFinder) -> None:
    fact = "Belgium, Flanders, VOV: your employer keeps paying your salary during the hours."
    short = "In short: employees in Flanders get up to 125 hours a year."
    hits = [
        hit(0, fact, 0.88, doc="be/f.md"),
        hit(1, short, 0.86, doc="be/f.md", kind="summary"),
    ]
    facts = index(hits, places)
    refuse = plan_answer(
        SearchResult(hits, []), Question(question_intents("May my boss refuse it?")), facts
    )
    assert refuse.lead is not None
    assert refuse.lead.id == "c1"  # nothing says whether they may refuse: what it is, first
    pay = plan_answer(
        SearchResult(hits, []), Question(question_intents("Is it paid?")), facts
    )
    assert pay.lead is not None
    assert pay.lead.id == "c0"


def test_a_summary_whose_first_sentence_alone_answers_the_first_ask_leads(
    places: PlaceFinder,
) -> None:
    account = "EU, Europass: to use all features you need an EU Login account."
    free = "In short: Europass is a free EU website. You can make a CV in 29 languages."
    safe = "In short: use your CPF only on the official site. To buy a course you need a login."
    hits = [
        hit(0, account, 0.86, country="EU", doc="eu/e.md"),
        hit(1, free, 0.85, country="EU", doc="eu/e.md", kind="summary"),
    ]
    plan = plan_answer(
        SearchResult(hits, []),
        Question(question_intents("Europass, is it free? Do I qualify?")),
        index(hits, places),
    )
    assert lead_id(plan) == "c1"  # "free" first, then who may use it
    assert [h.id for h in plan.support] == ["c0"]
    # A summary that says "you need" only in passing does not take the lead from the fact
    # that answers the second ask.
    hits = [
        hit(0, "France, CPF co-payment: you pay €103.20 in 2026.", 0.86, country="FR"),
        hit(1, safe, 0.86, country="FR", doc="fr/s.md", kind="summary"),
    ]
    plan = plan_answer(
        SearchResult(hits, []),
        Question(question_intents("Do I qualify? Do I have to pay the 103 euros?")),
        index(hits, places),
    )
    assert lead_id(plan) == "c0"


def test_a_summary_answers_what_its_shown_sentences_say_and_whether_it_ended(
    places: PlaceFinder,
) -> None:
    short = (
        "In short: since 2 May 2024 you pay a fixed amount when you buy a course. In 2026 it "
        "is €103.20. Your employer cannot refuse to co-fund it. The old scheme was abolished."
    )
    refusal = "France, CPF: if you refuse a course your employer wants, it is not misconduct."
    hits = [
        hit(0, short, 0.87, country="FR", doc="fr/c.md", kind="summary"),
        hit(1, refusal, 0.86, country="FR"),
    ]
    facts = index(hits, places)
    info = facts.info("c0")
    assert info is not None
    assert "pay" in info.intents
    assert "ended" in info.intents
    assert "refuse" not in info.intents  # said only in a sentence the reply does not show
    plan = plan_answer(
        SearchResult(hits, []), Question(question_intents("Can he refuse? Do I pay?")), facts
    )
    assert lead_id(plan) == "c1"


def test_a_summary_says_first_that_what_is_asked_about_ended(
    places: PlaceFinder, strings: Strings
) -> None:
    short = (
        "In short: under Finland's Study Leave Act you can take up to 2 years of study leave. "
        "The leave is unpaid. The adult education allowance, which used to pay people during "
        "study leave, was abolished in 2024. Unused days no longer expire."
    )
    hits = [hit(0, short, 0.86, country="FI", doc="fi/s.md", kind="summary")]
    facts = index(hits, places)

    def lead(text: str) -> str:
        plan = plan_answer(SearchResult(hits, []), Question(question_intents(text)), facts)
        return render_answer(plan, "en", strings, NONE).text.splitlines()[0]

    assert lead("How do I apply for the allowance?").startswith(
        "The adult education allowance, which used to pay people during study leave, was "
        "abolished in 2024. Under Finland's Study Leave Act"
    )
    # what is asked is not whether anything ended: its first two sentences
    assert lead("How long can I be off work?").startswith(
        "Under Finland's Study Leave Act you can take up to 2 years of study leave. The leave"
    )

    # in the learner's language, the same sentences when the translation has as many; else,
    # not knowing which is which, its first two
    plan = plan_answer(
        SearchResult(hits, []), Question(question_intents("Bestaat de uitkering nog?")), facts
    )
    nl = "Kort: studieverlof tot 2 jaar. Het is onbetaald. De uitkering is afgeschaft in 2024. "
    split = Texts({("nl", short): nl + "Ongebruikte dagen vervallen niet."})
    assert render_answer(plan, "nl", strings, split).text.startswith(
        "De uitkering is afgeschaft in 2024. Studieverlof tot 2 jaar."
    )
    merged = Texts(
        {("nl", short): "Kort: studieverlof tot 2 jaar, onbetaald. De uitkering is afgeschaft in "
         "2024. Ongebruikte dagen vervallen niet."}
    )  # fmt: skip
    assert render_answer(plan, "nl", strings, merged).text.startswith(
        "Studieverlof tot 2 jaar, onbetaald. De uitkering is afgeschaft in 2024. [1]"
    )


def test_a_summary_sentence_that_only_says_still_is_no_answer_to_does_it_last(
    places: PlaceFinder, strings: Strings
) -> None:
    short = (
        "In short: the Finance Law for 2026 limits what your CPF can pay for. A car licence can "
        "only be paid if you are a jobseeker. Many details were still being settled in "
        "February 2026. The 2020 top-up expired on 31 December 2025."
    )
    hits = [hit(0, short, 0.86, country="FR", doc="fr/c.md", kind="summary")]
    facts = index(hits, places)
    plan = plan_answer(SearchResult(hits, []), Question(("exists",)), facts)
    assert plan.summary_sentences == (0, 3)  # "expired", not "still being settled"
    shorter = short.rsplit(" The 2020", 1)[0]
    hits = [hit(0, shorter, 0.86, country="FR", doc="fr/c.md", kind="summary")]
    plan = plan_answer(SearchResult(hits, []), Question(("exists",)), index(hits, places))
    assert plan.summary_sentences == ()  # its first two


def test_what_a_scheme_is_comes_from_the_summary_sentence_that_names_it(
    places: PlaceFinder, strings: Strings
) -> None:
    short = (
        "In short: in Spain, an employee with 1 year in the company has 20 hours a year. You "
        "can save them for 5 years. There is also the Permiso Individual de Formación (PIF): "
        "paid leave for officially recognised training, up to 200 hours a year."
    )
    hits = [
        hit(0, "Spain, PIF: the employer gets the salary back through FUNDAE.", 0.86,
            country="ES", doc="es/s.md"),
        hit(1, short, 0.85, country="ES", doc="es/s.md", kind="summary"),
    ]  # fmt: skip
    plan = plan_answer(
        SearchResult(hits, []), Question(question_intents("¿Qué es eso del PIF?")),
        index(hits, places),
    )  # fmt: skip
    assert lead_id(plan) == "c1"
    assert render_answer(plan, "en", strings, NONE).text.startswith(
        "There is also the Permiso Individual de Formación (PIF): paid leave"
    )
    # ... or writes out, as the knowledge base does, where the best fact is on the 20 hours
    hits[0] = hit(0, "Spain, paid training leave: training the company gives can count.", 0.86,
                  country="ES", doc="es/s.md")  # fmt: skip
    text = "Que es eso del Permiso Individual de Formacion? Cuantas horas me pagan?"
    question = Question(question_intents(text), text=fold(text))
    plan = plan_answer(SearchResult(hits, []), question, index(hits, places))
    assert render_answer(plan, "en", strings, NONE).text.startswith("There is also the Permiso")


def test_the_names_the_knowledge_base_writes_out_for_its_acronyms() -> None:
    assert spelt_out("There is also the Permiso Individual de Formación (PIF): paid") == {
        "PIF": {"permiso individual de formacion"}
    }
    assert spelt_out("the Projet de transition professionnelle (PTP) pays") == {
        "PTP": {"projet de transition professionnelle"}
    }
    # initials that do not spell it, a single word: nothing
    assert spelt_out("the Arbeitnehmerweiterbildungsgesetz (AWbG) and a training fund (ABC)") == {}


def test_to_is_there_a_replacement_the_summary_says_what_came_after(
    places: PlaceFinder, strings: Strings
) -> None:
    short = (
        "In short: Austria's state money for educational leave ended on 31 March 2025. You can "
        "still agree unpaid leave with your employer. A new, smaller scheme, "
        "Weiterbildungszeit with Weiterbildungsbeihilfe, has its legal basis from 1 January 2026."
    )
    hits = [hit(0, short, 0.86, country="AT", doc="at/b.md", kind="summary")]
    facts = index(hits, places)
    asked = question_intents("HR says it doesn't exist anymore?? Is there a replacement?")
    plan = plan_answer(SearchResult(hits, []), Question(asked), facts)
    assert plan.summary_sentences == (0, 2)
    assert render_answer(plan, "en", strings, NONE).text.startswith(
        "Austria's state money for educational leave ended on 31 March 2025. A new, smaller"
    )
    # not asked: its first two sentences
    plan = plan_answer(SearchResult(hits, []), Question(("exists",)), facts)
    assert plan.summary_sentences == ()


def test_a_claim_to_check_is_answered_by_the_fact_closest_to_it_not_the_summary(
    places: PlaceFinder,
) -> None:
    # "HR says I won't get the 21 days because it is postgraduate. Is that true?"
    short = "In short: in Poland you get 6 days for exams and 21 days in the final year."
    fact = "Poland, urlop szkoleniowy: postgraduate studies do not give the 21 days."
    hits = [
        hit(0, short, 0.852, country="PL", doc="pl/u.md", kind="summary"),
        hit(1, fact, 0.858, country="PL", doc="pl/u.md"),
    ]
    facts = index(hits, places)
    checked = question_intents("Kadrowa mowi ze nie dostane tych 21 dni, bo to podyplomowe. "
                               "Czy to prawda?")  # fmt: skip
    assert lead_id(plan_answer(SearchResult(hits, []), Question(checked), facts)) == "c1"
    # with nothing asked, the overview leads
    assert lead_id(plan_answer(SearchResult(hits, []), Question(()), facts)) == "c0"


def test_under_a_summary_a_bullet_whose_subject_is_in_its_label_names_it(
    strings: Strings,
) -> None:
    doc = "nl/funding.md"
    short = hit(0, "In short: STAP has ended. Adults can borrow with the Levenlanglerenkrediet.",
                0.9, country="NL", doc=doc, kind="summary")  # fmt: skip
    loan = hit(1, "Netherlands, Levenlanglerenkrediet: it is also for full-time MBO-BOL.", 0.9,
               country="NL", doc=doc)  # fmt: skip
    text = render_answer(Plan(short, (loan,)), "en", strings, NONE).text
    # ("It is also for full-time MBO-BOL": STAP or the loan?)
    bullet = "• Levenlanglerenkrediet: it is also for full-time MBO-BOL. [1]"
    assert text.splitlines()[-1] == bullet


def test_a_sentence_does_not_end_at_an_abbreviation() -> None:
    text = "Walidacja pomaga. W 2012 r. UE poprosiła o systemy do 2018 r. Ten krok jest trzeci."
    assert sentences(text) == [
        "Walidacja pomaga.",
        "W 2012 r. UE poprosiła o systemy do 2018 r.",
        "Ten krok jest trzeci.",
    ]
    assert sentences("Das gilt z. B. in Hessen. Danach fragen Sie.") == [
        "Das gilt z. B. in Hessen.",
        "Danach fragen Sie.",
    ]


def test_whether_one_has_a_right_at_all_comes_from_the_summary_sentence_that_says(
    places: PlaceFinder, strings: Strings
) -> None:
    # "Does my employer have to give me time off for a course?", where only the summary was
    # close: its sentence on study leave leads alone, not the two on STAP and a loan, and no
    # statement on who may borrow follows as if it answered.
    short = (
        "In short: the Dutch STAP training budget has ended. Adults can borrow money for "
        "tuition fees through the Levenlanglerenkrediet from DUO. We found no general legal "
        "right to study leave in the Netherlands; study leave is mostly arranged in "
        "collective agreements (cao)."
    )
    hits = [
        hit(0, short, 0.85, country="NL", doc="nl/s.md", kind="summary"),
        hit(1, "Netherlands, Levenlanglerenkrediet: it is for recognised HBO programmes.", 0.0,
            country="NL", doc="nl/s.md"),
    ]  # fmt: skip
    text = "Does my employer have to give me time off for a Dutch language course?"
    assert question_intents(text)[:1] == ("eligible",)
    plan = plan_answer(
        SearchResult(hits[:1], []), Question(question_intents(text)), index(hits, places)
    )
    assert lead_id(plan) == "c0"
    assert render_answer(plan, "en", strings, NONE).text.startswith(
        "We found no general legal right to study leave in the Netherlands"
    )
    assert [h.id for h in plan.hits] == ["c0"]


def test_what_a_scheme_is_comes_from_the_sentence_with_the_short_name_the_message_uses(
    places: PlaceFinder, strings: Strings
) -> None:
    # The best fact is on the 20 hours; the message asks about the PIF.
    short = (
        "In short: in Spain, an employee with at least 1 year in the company has 20 hours a "
        "year. You can save them for 5 years. There is also the Permiso Individual de Formación"
        " (PIF): paid leave for officially recognised training, up to 200 hours a year."
    )
    hits = [
        hit(0, "Spain, paid training leave: employees with at least 1 year in the company have"
            " 20 hours a year.", 0.87, country="ES", doc="es/s.md"),
        hit(1, short, 0.85, country="ES", doc="es/s.md", kind="summary"),
    ]  # fmt: skip
    text = "Trabajo en Sevilla desde 2019. ¿Qué es eso del PIF?"
    question = Question(
        question_intents(text), Place("ES"), text=fold(text), tenure=learner_tenure(text)
    )
    plan = plan_answer(SearchResult(hits, []), question, index(hits, places))
    reply = render_answer(plan, "en", strings, NONE).text
    assert reply.startswith("There is also the Permiso Individual de Formación (PIF)")
    # (the year in the company is the 20 hours' rule, which the reply does not lead with)
    assert plan.verdicts.tenure is None
    # without the short name, the summary's first sentences
    plain = plan_answer(
        SearchResult(hits, []), Question(question_intents(text), Place("ES")), index(hits, places)
    )
    assert render_answer(plain, "en", strings, NONE).text.startswith("In Spain, an employee")


def test_under_a_summary_a_fact_that_says_its_sentences_again_with_a_hedge_is_left_out(
    places: PlaceFinder,
) -> None:
    short = hit(0, "In short: in Spain, an employee with at least 1 year in the company has 20"
                " hours a year. You can save them for 5 years (at most 100 hours). Unused hours"
                " are paid out when you leave.", 0.9, country="ES", doc="es/s.md",
                kind="summary")  # fmt: skip
    hedged = hit(1, "Spain, paid training leave: employees with at least 1 year in the company"
                 " have 20 hours a year; unused hours can be saved for up to 5 years (at most"
                 " 100 hours; older texts said 3 years).", 0.88, country="ES",
                 doc="es/s.md")  # fmt: skip
    # what only the summary's third sentence, not shown, says
    later = hit(2, "Spain, paid training leave: unused hours are paid out when you leave.", 0.87,
                country="ES", doc="es/s.md")  # fmt: skip
    hits = [short, hedged, later]
    question = Question(question_intents("¿Las horas se pierden?"), Place("ES"))
    plan = plan_answer(SearchResult(hits, []), question, index(hits, places))
    assert lead_id(plan) == "c0"
    assert [h.id for h in plan.support] == ["c2"]


def test_an_eu_summary_that_opens_with_the_answer_leads_where_no_national_fact_answers(
    places: PlaceFinder,
) -> None:
    # "Esiste un modo per farmi riconoscere quello che so fare?", from Bologna: validation is
    # the EU's; Italy's documents are about training leave.
    def hits(validation: float) -> list[Hit]:
        return [
            hit(0, "Italy, congedo per la formazione: employees with 5 years of service can"
                " take it.", 0.822, country="IT", doc="it/c.md"),
            hit(1, "Italy, congedo per la formazione: it can be used to get a diploma.", 0.82,
                country="IT", doc="it/c.md"),
            hit(2, "In short: if you learned skills at work without a diploma, validation can"
                " make them visible. In 2012 the EU asked each Member State to set up"
                " validation.", validation, country="EU", doc="eu/v.md", kind="summary"),
        ]  # fmt: skip

    question = Question(question_intents("Posso farmi riconoscere le competenze?"), Place("IT"))
    assert question.specific[:1] == ("validation",)
    close = hits(0.815)
    assert lead_id(plan_answer(SearchResult(close, []), question, index(close, places))) == "c2"
    # (far below the national facts: not what the search found for the question)
    far = hits(0.74)
    assert lead_id(plan_answer(SearchResult(far, []), question, index(far, places))) != "c2"
