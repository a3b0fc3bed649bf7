"""What a learner says of themself, their situation (`compose.situations`) and the figures
they quote (`compose.numbers.figures`), and how that picks the lead."""

from __future__ import annotations

import pytest

from bot.guidance.compose import (
    FactIndex,
    Place,
    Question,
    figures,
    plan_answer,
    question_intents,
    render_answer,
)
from bot.guidance.compose.numbers import same_figure
from bot.guidance.compose.render import NoTranslations
from bot.guidance.compose.situations import (
    fact_ages,
    fact_situations,
    learner_age,
    learner_situations,
)
from bot.guidance.language import Strings
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import Hit, SearchResult


@pytest.mark.parametrize(
    ("text", "situation"),
    [
        ("Estou desempregada em França, tenho de pagar a participação?", "jobseeker"),
        ("Hi, bin Azubi im 2. Lehrjahr in nem Autohaus in Heilbronn.", "apprentice"),
        ("je suis apprentie en alternance dans une boulangerie", "apprentice"),
        ("Sono un apprendista in un'officina", "apprentice"),
        ("je suis au chômage depuis mars", "jobseeker"),
        ("Ich bin seit Januar arbeitslos.", "jobseeker"),
        ("trabajo por cuenta propia", "self_employed"),
        ("Je suis auto-entrepreneuse (coiffure)", "self_employed"),
        ("ik ben zzp'er", "self_employed"),
        ("pracuję na pół etatu", "part_time"),
        ("Ich arbeite in Teilzeit, 20 Stunden", "part_time"),
        ("ik werk in Leuven, halftijds (19u) bij een bakkerij", "part_time"),
        ("I work half time in a shop", "part_time"),
        ("je suis agent territorial à la mairie", "public_sector"),
        ("soy auxiliar en el Ayuntamiento de Córdoba", "public_sector"),
        ("Je suis enseignante contractuelle dans un lycée public à Toulouse", "public_sector"),
        ("sono istruttrice amministrativa in un comune in provincia di Bari", "public_sector"),
        ("Ich arbeite in der Stadtverwaltung", "public_sector"),
        ("pracuję w urzędzie miasta", "public_sector"),
        ("grad noch in Karenz mit Kinderbetreuungsgeld", "parent"),
        ("sono in congedo parentale", "parent"),
        ("je suis intérimaire depuis 3 ans", "agency"),
        ("mam umowę na czas określony", "fixed_term"),
        # a contract of a length is a fixed-term one
        ("Sou cuidadora num lar em Lisboa há 2 meses com contrato de 4 meses.", "fixed_term"),
        ("I have a 6-month contract at a call centre", "fixed_term"),
        ("ho un contratto di 6 mesi in un negozio", "fixed_term"),
        ("Mam umowę na rok w sklepie", "fixed_term"),
        ("Salve, ho perso il lavoro a marzo (Napoli)", "jobseeker"),
        ("I lost my job in May", "jobseeker"),
        ("working full time as a lab technician", "employed"),
        ("trabalho a tempo inteiro numa empresa de limpezas", "full_time"),
        ("j'ai jamais eu de diplome (j'ai arreter l'ecole en 3eme)", "low_qualified"),
        ("Non ho nessun diploma, solo la terza media", "low_qualified"),
        ("Been at home minding the kids since 2017", "returner"),
        ("Ik werk voltijds in Hasselt", "full_time"),
        ("trabalho num hotel em Lisboa", "employed"),
        ("I've been at home with the kids for 9 years and want to get back to work", "returner"),
        ("sono casalinga da dieci anni", "returner"),
        ("Szef zgodził się na studia podyplomowe.", "postgraduate"),
        ("hago un posgrado en Valencia", "postgraduate"),
    ],
)
def test_a_learners_situation_is_read_in_any_language(text: str, situation: str) -> None:
    assert situation in learner_situations(text)


def test_signing_a_contract_some_time_ago_is_not_a_fixed_term() -> None:
    assert "fixed_term" not in learner_situations("I signed the contract 3 months ago")
    assert "fixed_term" not in learner_situations("tengo un contrato de trabajo indefinido")


def test_postgraduate_studies_are_not_a_degrees_last_year() -> None:
    fact = "Poland: postgraduate studies (studia podyplomowe) do not give the 21 days."
    assert "postgraduate" in fact_situations(fact)
    assert "postgraduate" not in learner_situations("pracuję w Krakowie, studiuję zaocznie")


def test_a_part_time_course_in_a_fact_is_not_part_time_work() -> None:
    ptp = "France, PTP: if the absence is shorter than 6 months, or the training is part-time, ask"
    assert "part_time" not in fact_situations(ptp)
    llk = "Levenlanglerenkrediet: it is for recognised full-time, part-time or dual programmes."
    assert not {"part_time", "full_time"} & fact_situations(llk)
    # (the knowledge base's own wording, with the kinds of programme between)
    llk = (
        "Netherlands, Levenlanglerenkrediet: it is for recognised full-time, part-time or dual "
        "HBO or university programmes, including modular programmes."
    )
    assert not {"part_time", "full_time"} & fact_situations(llk)
    assert "part_time" in fact_situations("Flanders: part-time and full-time workers can use it.")
    assert "part_time" in fact_situations("Part-time employees get hours in proportion.")


def test_asking_whether_one_can_be_dismissed_is_not_being_unemployed() -> None:
    for text in (
        "Kann man gekündigt werden, nur weil man Bildungsurlaub beantragt?",
        "Posso ser despedido por pedir horas de formação?",
        "Kan ik ontslagen worden omdat ik opleidingsverlof aanvraag?",
        "Posso essere licenziato se chiedo il congedo?",
        "Czy mogę zostać zwolniony za urlop szkoleniowy?",
    ):
        assert "jobseeker" not in learner_situations(text), text
    assert "jobseeker" in learner_situations("Ich wurde gekündigt und suche einen Kurs.")
    assert "jobseeker" in learner_situations("Ik ben ontslagen.")


def test_short_time_work_is_not_unemployment() -> None:
    assert "jobseeker" not in learner_situations("je travaille en Belgique, chômage partiel")
    assert "jobseeker" not in learner_situations("on est en chômage technique depuis mai")


def test_a_situation_in_the_past_is_not_the_learners_now() -> None:
    assert learner_situations("un bilan payé par Pôle emploi quand j'étais au chômage") == set()
    assert learner_situations("I was unemployed last year, now I work in a shop") == {"employed"}
    assert learner_situations("Ich war arbeitslos, jetzt bin ich wieder arbeitslos") == {
        "jobseeker"
    }
    # what they did before this job
    assert learner_situations("en CDI depuis 14 mois, avant j'ai fait 3 ans d'intérim") == {
        "employed"
    }
    assert "agency" in learner_situations("lavoro in somministrazione in un magazzino")


def test_someone_elses_situation_is_not_the_learners() -> None:
    assert "self_employed" not in learner_situations("Mon mari est plombier auto-entrepreneur.")
    assert "jobseeker" not in learner_situations("My sister is unemployed. Can she use it?")
    # ... unless the learner goes on about themself
    assert "full_time" in learner_situations("My sister is unemployed and I work full time.")
    assert "jobseeker" in learner_situations("Estou desempregada, o meu marido trabalha.")
    text = "Mi marido es auxiliar administrativo en el ayuntamiento, ¿él también puede?"
    assert "public_sector" not in learner_situations(text)
    text = "faccio il commesso; mio cugino che lavora al comune dice che ne ha 150"
    assert "public_sector" not in learner_situations(text)


def test_a_part_time_course_is_not_part_time_work() -> None:
    assert "part_time" not in learner_situations("I want to start a part time masters.")
    assert "part_time" not in learner_situations("Ik wil een hbo-deeltijdopleiding doen.")
    assert "part_time" not in learner_situations("met de deeltijd hbo-opleiding verpleegkunde")
    assert "part_time" not in learner_situations("Teilzeitstudium neben dem Job")
    assert "part_time" in learner_situations("Ik werk deeltijds en volg een deeltijdse opleiding")
    assert "part_time" in learner_situations("I work part time, about 25 hours.")


def test_a_group_asked_about_is_not_the_learners_situation() -> None:
    text = "Is Springboard free for people who are working or only for unemployed?"
    assert "jobseeker" not in learner_situations(text)
    assert "jobseeker" not in learner_situations("is that free or only if your unemployed?")
    assert "jobseeker" not in learner_situations("C'est gratuit seulement pour les chômeurs ?")
    assert "jobseeker" in learner_situations("I am unemployed, is it free for me?")
    assert "agency" in learner_situations("I work for a temp agency in Gent.")


def test_a_plain_question_says_nothing_of_the_learner() -> None:
    assert learner_situations("How many days of Bildungsurlaub do I get in Hessen?") == set()
    # the noun, not the verb: "I lost the job in March", not "I work in March"
    assert learner_situations("ho perso il lavoro a marzo") == {"jobseeker"}
    assert "employed" not in learner_situations("he perdido el trabajo en mayo")
    # coming "por conta propria" is coming on one's own initiative, not being self-employed
    assert "self_employed" not in learner_situations("se um trabalhador vier por conta propria")
    assert "self_employed" in learner_situations("trabalho por conta própria no Porto")
    # "interina" is a temporary public employee in Spain, not an agency worker
    assert "agency" not in learner_situations("soy interina en el ayuntamiento")


def test_facts_say_whom_they_are_about() -> None:
    assert fact_situations("France, CPF co-payment: jobseekers do not pay it.") == {"jobseeker"}
    assert "jobseeker" not in fact_situations("If you are not a jobseeker, a third party pays.")
    assert fact_situations("Spain, PIF: not available to public-administration staff.") == {
        "public_sector"
    }
    assert fact_situations("Employees get €500 a year.") == set()
    assert fact_situations("Apprentices get 5 days for the whole apprenticeship.") == {
        "apprentice"
    }
    # "free for formerly self-employed people" is not about the self-employed
    assert fact_situations("Springboard+: free for formerly self-employed people.") == set()
    assert fact_situations("Springboard+, employed people: level 6 courses are free.") == {
        "employed"
    }
    assert fact_situations("Springboard+: free for returners and homemakers.") == {"returner"}
    # a floor on the share of a full-time job is about part-timers
    vov = "Belgium, Flanders, VOV: you need a job of at least 80% and 28 hours a week."
    assert fact_situations(vov) == {"part_time"}


def _hit(i: int, body: str, similarity: float) -> Hit:
    meta = {
        "country": "FR",
        "region": "",
        "kind": "fact",
        "source": "fr/co-payment.md",
        "section": f"s{i}",
        "order": i,
        "topics": "ila",
        "body": body,
    }
    return Hit(f"c{i}", body, meta, 1.0 / (60 + i), similarity)


def _lead(hits: list[Hit], question: Question) -> str:
    """The id of the fact that leads the reply to `question`, from these hits."""
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in hits), PlaceFinder())
    plan = plan_answer(SearchResult(hits, []), question, facts)
    assert plan.lead is not None
    return plan.lead.id


def test_the_fact_about_the_learners_situation_leads() -> None:
    hits = [
        _hit(0, "France, CPF co-payment: you pay €103.20 even if your balance is high.", 0.870),
        _hit(1, "France, CPF co-payment: jobseekers do not pay the co-payment.", 0.862),
    ]
    text = "Estou desempregada. Tenho de pagar a participação?"
    asked = question_intents(text)
    assert _lead(hits, Question(asked)) == "c0"
    assert _lead(hits, Question(asked, situations=learner_situations(text))) == "c1"


def test_the_fact_with_the_figure_the_learner_quotes_leads() -> None:
    hits = [
        _hit(0, "Belgium, Flanders, VOV: a full-time employee can get up to 125 hours.", 0.880),
        _hit(1, "Belgium, Flanders, VOV: the doubling to 250 hours is no longer current.", 0.875),
    ]
    text = "Vorig jaar had mijn collega 250 uur opleidingsverlof. Klopt dat?"
    asked = question_intents(text)
    assert _lead(hits, Question(asked)) == "c0"
    assert _lead(hits, Question(asked, figures=frozenset(figures(text)))) == "c1"


def test_figures_worth_matching_are_not_years_or_small_counts() -> None:
    assert figures("pourquoi payer 103 euros alors que j'ai 2000€ sur mon CPF") == {
        "103 money",
        "2000 money",
    }
    assert figures("103,20 € en 2026, depuis 2017, 6 ans, 8 mois") == {"103 money"}
    assert figures("up to 150 hours (since 2020), S$4,000, 38 years old") == {
        "150 hours",
        "4000 money",
        "38",
    }
    # (20 credits a semester are not the 20 hours a part-timer works)
    credits = figures("for university studies you need 20 ECTS credits per semester")
    assert credits == {"20 credits"}
    assert not same_figure(figures("ich bin Teilzeit (20 Std.) in Wien"), credits)


def test_a_figure_matches_only_in_the_same_unit() -> None:
    assert same_figure(figures("30u per week"), figures("at least 30 hours a week"))
    assert not same_figure(figures("30u per week"), figures("cut by 30%, from €21.30"))
    assert same_figure(figures("250 uur"), figures("the doubling to 250 was temporary"))


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


def test_the_fact_for_people_in_work_leads_for_someone_with_a_job() -> None:
    hits = [
        _hit(0, "Ireland, Springboard+: courses are free for jobseekers.", 0.870),
        _hit(1, "Ireland, Springboard+, employed people: level 6 courses are free.", 0.862),
    ]
    text = "I'm working full time in Limerick. Is it actually free for someone who has a job?"
    asked = question_intents(text)
    assert asked[0] == "pay"
    assert _lead(hits, Question(asked)) == "c0"
    assert _lead(hits, Question(asked, situations=learner_situations(text))) == "c1"


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


def test_the_rule_labelled_for_the_learners_group_leads() -> None:
    hits = [
        _hit(0, "Austria, Weiterbildungszeit: you need 12 months with your employer.", 0.894),
        _hit(1, "Austria, Weiterbildungszeit, graduates: you need 4 years insured work.", 0.883),
    ]
    text = "I have a master's degree. Can I get the Weiterbildungsbeihilfe?"
    asked = question_intents(text)
    assert _lead(hits, Question(asked)) == "c0"
    assert _lead(hits, Question(asked, situations=learner_situations(text))) == "c1"


def test_a_rule_for_disabled_workers_is_shown_only_to_one_who_says_they_are() -> None:
    label = "France, CPF: "
    hits = [
        _hit(0, label + "workers covered by the OETH (disability) get €800 a year.", 0.87),
        _hit(1, label + "an employee with no CAP/BEP qualification gets €800 a year.", 0.86),
        _hit(2, label + "an employee who works at least half-time gets €500 a year.", 0.85),
    ]
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in hits), PlaceFinder())
    asked = question_intents("How much do I get a year on my CPF?")
    plan = plan_answer(SearchResult(hits, []), Question(asked), facts)
    assert [h.id for h in plan.hits] == ["c1", "c2"]
    disabled = Question(asked, situations=frozenset({"disabled"}))
    plan = plan_answer(SearchResult(hits, []), disabled, facts)
    assert plan.hits[0].id == "c0"


def test_working_full_time_alone_does_not_make_a_rule_for_full_timers_the_answer() -> None:
    label = "Belgium, Flanders, VOV: "
    hits = [
        _hit(0, label + "the training must have at least 32 contact hours.", 0.87),
        _hit(1, label + "a full-time employee can get up to 125 hours per school year.", 0.866),
    ]
    text = "Ik werk voltijds. Kom ik in aanmerking?"
    asked = question_intents(text)
    assert _lead(hits, Question(asked, situations=learner_situations(text))) == "c0"


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
            "Leeftijd in je bericht: 58 jaar. Deze regel geldt voor mensen jonger dan 57, dus"
            " hier geldt hij niet.",
        ),
        (
            "Tengo 63 años. ¿Puedo pedir el omställningsstudiestöd?",
            "es",
            "Edad que indicas: 63 años. Esta regla es para personas de 27 a 62 años, así que"
            " aquí no se aplica.",
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
        assert (plan.age is not None) is said, text
    # an age group of most adults ("aged 25 and over"), to one inside it: nothing to say
    wide = [_hit(0, "Singapore: citizens aged 25 and over get a S$500 credit.", 0.87)]
    facts = FactIndex.build(((h.id, h.body, h.meta) for h in wide), PlaceFinder())
    question = Question(question_intents("I'm 42, can I get it?"), age=42)
    assert plan_answer(SearchResult(wide, []), question, facts).age is None


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
