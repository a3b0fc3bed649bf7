"""What a learner says of themself, their situation (`compose.situations`) and the figures
they quote (`compose.numbers.figures`), and how that picks the lead."""

from __future__ import annotations

import pytest

from bot.guidance.compose import (
    FactIndex,
    Question,
    figures,
    plan_answer,
    question_intents,
)
from bot.guidance.compose.numbers import same_figure
from bot.guidance.compose.situations import (
    fact_situations,
    learner_situations,
)
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
        ("sono dipendente del Comune di Bari a tempo pieno", "public_sector"),
        ("Sono impiegata in un ente pubblico e vorrei iscrivermi all'università", "public_sector"),
        ("faccio l'impiegata comunale a Verona", "public_sector"),
        ("Ich arbeite in der Stadtverwaltung", "public_sector"),
        ("pracuję w urzędzie miasta", "public_sector"),
        ("grad noch in Karenz mit Kinderbetreuungsgeld", "parent"),
        ("sono in congedo parentale", "parent"),
        ("Wieviel Geld bekomme ich da? Hab 2 Kinder", "parent"),
        ("j'ai trois enfants et je travaille à mi-temps", "parent"),
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
        ("nie mam zadnego dyplomu nawet z Polski", "low_qualified"),
        ("Trabajo en Oporto hace 8 meses, contrato fijo en una fábrica", "permanent"),
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
        "employed",
        "permanent",
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


def test_how_much_of_a_civil_servant_is_answered_by_the_hours_of_the_public_sector() -> None:
    hits = [
        _hit(0, "France, CPF: old hours were converted at €15 per hour in 2019.", 0.862),
        _hit(1, "France, CPF, public sector: a full-time public-sector worker gets 25 hours a"
             " year, up to 150 hours.", 0.860),
    ]  # fmt: skip
    text = "je suis fonctionnaire territoriale. J'ai combien max sur mon CPF ?"
    asked = question_intents(text)
    assert _lead(hits, Question(asked, situations=learner_situations(text))) == "c1"
    # (to one who says nothing of the public sector, what the search found first)
    assert _lead(hits, Question(asked)) == "c0"


def test_a_situation_the_learner_says_they_are_not_in_is_not_theirs() -> None:
    assert "permanent" not in learner_situations(
        "Est-ce que j'ai droit au PTP même si je suis pas en CDI ?"
    )
    assert "permanent" not in learner_situations("I don't have a permanent contract")
    assert "jobseeker" not in learner_situations("Je ne suis pas au chômage, je suis en CDD")
    assert "permanent" in learner_situations("je suis en CDI depuis 3 ans")


def test_registered_with_the_employment_service_is_a_jobseeker() -> None:
    assert "jobseeker" in learner_situations("Je suis inscrit à France Travail depuis janvier")
    assert "jobseeker" in learner_situations("ik ben ingeschreven bij het UWV")
    registered = learner_situations("jestem zarejestrowana w urzędzie pracy")
    assert "jobseeker" in registered
    assert "public_sector" not in registered
