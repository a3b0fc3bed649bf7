"""What a question asks and which kinds of question a fact answers (`compose.intents`), read
in the bot's eight languages."""

from __future__ import annotations

import pytest

from bot.guidance.compose.fact_intents import fact_intents
from bot.guidance.compose.intents import asks_entitlement, question_intents


@pytest.mark.parametrize(
    ("text", "intents"),
    [
        ("How early do I need to ask, and who pays for the seminar?", ("notice", "pay")),
        ("How long before do I have to ask, and can he say no?", ("notice", "days", "refuse")),
        # "how many days do I have": one ask, for a number, not also for eligibility
        ("Wie viele Tage Bildungsurlaub habe ich?", ("days", "number")),
        ("Mon employeur peut-il refuser ma formation ?", ("refuse",)),
        ("Ile dni urlopu szkoleniowego mi przysługuje?", ("days", "number")),
        ("How much money do I get on my CPF each year?", ("amount",)),
        # "can I get money ...?" asks whether it is paid, not whether one may
        ("Can I get money from the state while I study?", ("pay",)),
        # whether one must accept what the employer proposes is what it may impose
        (
            "Mon employeur veut payer un master avec mon CPF, je suis obligé d'accepter ?",
            ("refuse",),
        ),
        ("Muss ich das annehmen?", ("refuse",)),
        # "how much can I borrow?" in Dutch asks for an amount, like "hoeveel geld"
        ("Hoeveel kan ik lenen met het levenlanglerenkrediet?", ("amount", "number")),
        ("Czy muszę się zgodzić?", ("refuse",)),
        ("I'm unemployed in Dublin. Can I do a Springboard course for free?", ("pay",)),
        ("Kann ich während der Weiterbildung Geld bekommen?", ("pay",)),
        ("Ik werk in Rotterdam. Moet mijn werkgever mijn opleiding betalen?", ("pay",)),
        # how long in the job the right needs: who may, not how many days
        ("Bildungsurlaub Berlin Wartezeit?", ("eligible",)),
        ("How long do I have to work there before I can take it?", ("eligible",)),
        ("Hoe lang moet ik in dienst zijn voor VOV?", ("eligible",)),
        ("How long is the leave?", ("days",)),
        # a kind of course named: whether it counts, beside whether the learner may
        ("Muss mein Chef mir Bildungsurlaub für einen Yogakurs geben?", ("eligible", "covers")),
        ("Posso usare il congedo per un corso di cucina?", ("eligible", "covers")),
        (
            "Tenho 58 anos. Ainda posso pedir o levenlanglerenkrediet para um curso de HBO?",
            ("eligible", "covers"),
        ),
        ("Mon employeur doit-il payer ma formation ?", ("pay",)),
        # "is that possible?" asks whether the learner may do what they describe
        ("Ich will direkt von der Karenz in die Weiterbildungszeit wechseln. Geht das so?",
         ("eligible",)),  # fmt: skip
        ("Je voudrais faire ça en septembre. Est-ce possible ?", ("eligible",)),
        # getting one's skills recognised: that, not applying for something
        ("How can I get my skills recognised in Portugal?", ("validation",)),
        ("Jak mogę potwierdzić umiejętności zdobyte w pracy?", ("validation",)),
        # what one can do, recognised without studying it all again
        ("¿Hay alguna forma de que me reconozcan lo que sé hacer?", ("validation",)),
        ("Comment faire reconnaître ce que je sais faire ?", ("validation",)),
        ("Can I get what I know recognised?", ("validation",)),
        # a form signed for the learner is no convention ratified
        ("Mi jefe me firmó el PIF y ahora no me lo paga", ("pay",)),
        ("Rumania lo firmó? El convenio 140 de la OIT", ("ratified",)),
        ("Is the course recognised?", ("covers",)),
        # what an account pays for, not whether the learner is paid
        ("Can my driving licence be paid with my CPF?", ("covers",)),
        ("Is the leave paid?", ("pay",)),
        # what a scheme can be used for
        ("Le 150 ore valgono anche per un corso di inglese?", ("covers",)),
        ("¿Qué cursos valen para la Bildungszeit? ¿Sirven para un curso de alemán?", ("covers",)),
        # ... but a second clause is a second ask
        (
            "I'm 42, how much credit do I have and can I use it for any course?",
            ("amount", "covers"),
        ),
        ("Ile dni mam i czy mogę je przenieść?", ("days", "number", "eligible")),
        ("L'Italia ha firmato la convenzione OIL, vero?", ("ratified",)),
        ("Did the Commission evaluate it? What did it find?", ("findings",)),
        ("c'est quoi la date limite pour l'attestation ?", ("when",)),
        ("What is ESCO and is it free to use?", ("what", "pay")),
        ("E gratuito para mim ou tenho de pagar os 10%?", ("pay", "eligible")),
        ("¿Pierdo esas horas o me las tienen que pagar?", ("exists", "pay")),
        ("Do I lose those 40 hours?", ("exists",)),
        ("Est-ce que j'ai déjà droit au CPF et combien?", ("eligible", "amount", "number")),
        ("Quanti soldi mi spettano e dove lo attivo?", ("amount", "number", "apply")),
        ("What is ESCO?", ("what",)),
        # How many weeks before: a notice period, not a number of days off.
        ("Ile tygodni wczesniej musze zglosic Bildungsurlaub?", ("notice", "days", "number")),
        ("Wie viele Wochen vorher muss ich fragen?", ("notice", "days", "number")),
        # Age limits; what a scheme pays for; a limit on how many may go is a refusal.
        ("Is he too old for it? And when can you apply?", ("age", "when", "apply")),
        ("Czy Bildungskonto z Oberösterreich może mi zwrócić część kosztów?", ("covers",)),
        ("Kann ich das fuer meinen B-Fuehrerschein verwenden?", ("covers",)),
        ("Darf der das überhaupt so begrenzen?", ("refuse",)),
        ("May he limit it to 3 people a year?", ("refuse",)),
        ("Is there a distance limit for courses abroad?", ("exists",)),
        # "Must my boss give it to me?" asks whether I am entitled.
        ("Czy szef musi mi dać studieledighet? Może odmówić?", ("eligible", "refuse")),
        # "Is there any way to keep getting paid?" asks about pay, not whether something exists
        ("Is there any way to keep getting paid while I study?", ("pay",)),
        ("Is there a training account in Sweden?", ("exists",)),
        # "have I been there long enough?" asks whether I qualify; "if she says no" is a refusal
        (
            "Est ce que j'ai assez d'anciennete pour le PTP ? et si elle dit non ?",
            ("eligible", "refuse"),
        ),
        ("Bin ich lange genug im Betrieb? Und wenn er nein sagt?", ("eligible", "refuse")),
        ("Muss meine Chefin das genehmigen oder ist das ein Recht?", ("eligible",)),
        # "is the course recognised?" asks what counts; "recognised courses" is no such ask
        ("Heißt das, der Kurs ist automatisch als Bildungsurlaub anerkannt?", ("covers",)),
        ("20 contacturen in de klas, de rest online. Telt dat?", ("covers",)),
        ("Czy ten kurs jest uznany?", ("covers",)),
        ("where can i find recognised job-related courses in germany?", ()),
        ("Geht das in NRW ueberhaupt als Bildungsurlaub durch?", ("covers",)),
        # "is that possible?" asks whether I may
        ("C'est possible d'enchainer comme ca ?", ("eligible",)),
        ("Is that possible with a baby?", ("eligible",)),
        # "can he force me to?" asks what the employer may impose; "is it mandatory?" whether it
        # binds
        ("Ele pode obrigar-me a usar o meu CPF nisso?", ("refuse",)),
        ("Peut-il m'obliger à utiliser mon CPF ?", ("refuse",)),
        ("Kann mein Chef mich zwingen, das zu machen?", ("refuse",)),
        ("Czy szef może mnie zmusić?", ("refuse",)),
        ("il mio capo dice che devo usare le ferie. è giusto?", ("refuse",)),
        ("Muss ich dafür Urlaub nehmen?", ("refuse",)),
        ("Est-ce obligatoire ?", ("binding",)),
        # "how long before?" asks the notice, not an amount
        ("Ile wczesniej musze zglosic?", ("notice", "number")),
        ("E quanto prima lo devo chiedere?", ("notice",)),
        ("¿Cuánto antes tengo que pedirlo?", ("notice",)),
        # "do we need to pay a licence?" asks what it costs
        ("Da para descarregar em CSV? e e preciso pagar licenca?", ("pay",)),
        ("Do we need to pay for a licence?", ("pay",)),
        # "why am I asked to pay?" asks about paying, not how to apply
        ("Pourquoi on me demande de payer 103 euros ? c'est une arnaque ?", ("pay", "scam")),
        ("Warum muss ich 103 Euro zahlen?", ("pay",)),
        # "and how high does it go?" asks for the ceiling of what another ask counts
        ("combien par an et jusqu'a combien ça monte ?", ("amount", "number", "ceiling")),
        ("¿cuántas puedo juntar como máximo?", ("number", "ceiling")),
        ("Quanti mesi dura al massimo il congedo?", ("number", "ceiling")),
        # "how do I go about asking for it?"
        ("Comment je fais pour demander un PTP ?", ("apply",)),
        ("Come chiedo il congedo per la formazione?", ("apply",)),
        # "do I get paid?" is one ask, about pay
        ("Can my employer refuse study leave and do I get paid?", ("refuse", "pay")),
        ("Krijg ik betaald tijdens het verlof?", ("pay",)),
        ("Do I get it, and is it paid?", ("eligible", "pay")),
        # "what is the amount per day?" asks how much
        ("What is the Weiterbildungsbeihilfe amount per day?", ("amount", "what")),
        ("Wie hoch ist die Weiterbildungsbeihilfe?", ("amount",)),
        ("Quel est le montant du CPF ?", ("amount",)),
        ("Jaka jest kwota?", ("amount",)),
        # "a gift, or must I pay it back?" asks whether it is a loan
        ("En is dat een gift of moet ik het terugbetalen?", ("pay",)),
        ("Is it a loan or a grant?", ("pay",)),
        ("Muss ich das zurückzahlen?", ("pay",)),
        ("È un prestito o un regalo? Devo restituirlo?", ("pay",)),
        ("Czy to pożyczka, czy muszę to spłacić?", ("pay",)),
        # "me too?", "what happened to it?", "how does it work?", "can the CPF pay for it?"
        ("Mis compañeros en Colonia tienen 5 dias al año. Yo tambien?", ("eligible",)),
        ("Kolega mowi ze jest 5 dni. Czy w Saksonii tez mam?", ("eligible",)),
        ("What happened to the adult education allowance in Finland?", ("exists",)),
        ("bildungsurlaub bayern gibts das jetzt endlich??", ("exists",)),
        ("Se l'azienda non mi fa formazione, le ore si perdono dopo 3 anni?", ("exists",)),
        ("Uma colega falou do Bildungskonto. Como funciona?", ("what",)),
        ("Je suis au chômage, est-ce que le CPF peut payer mon permis ?", ("covers",)),
        ("Jak to zlozyc?", ("apply",)),
        ("Wer ist dafür zuständig?", ("apply",)),
        ("What did the Partner Up project learn about reaching adults?", ("findings",)),
        ("Chce zrobic kurs na poziomie 7, jest jakies dofinansowanie?", ("pay",)),
        # someone else's use in a past year: whether it is still there
        (
            "Meine Schwester hat 2023 Weiterbildungsgeld bekommen. Kann ich das auch?",
            (
                "eligible",
                "exists",
            ),
        ),
        ("Ich arbeite seit 2019 hier. Kann ich das auch?", ("eligible",)),
        # "is it mandatory for Spain?": whether it binds
        ("Es obligatorio para España crearla? Cuanto dinero da?", ("binding", "amount")),
        ("Is the Upskilling Pathways recommendation binding?", ("binding",)),
        ("Ist das für Deutschland verpflichtend?", ("binding",)),
        # "mi pagano?", "può dirmi di no?", "con quanto anticipo?", "contam?"
        ("Mi pagano? Il mio capo puo dirmi di no?", ("pay", "refuse")),
        ("E con quanto anticipo devo chiederlo?", ("notice",)),
        ("As horas de formacao na empresa contam?", ("covers",)),
        # conditions of a person ask whether one qualifies; those of a course, what counts
        ("Wat zijn de voorwaarden voor ons als werknemer?", ("eligible",)),
        ("¿Que requisitos tiene que cumplir la formacion?", ("covers",)),
        # "where do I apply?"
        ("Kolega mowil o STAP budget, gdzie sie to sklada?", ("apply",)),
        ("Wo beantrage ich das?", ("apply",)),
        # what happened ("I paid", "j'ai payé") is no ask; "I want my money back" asks for help
        ("I paid 1,800€ to a provider, they cancelled. I want my money back!!", ("help",)),
        ("J'ai payé une formation avec mon CPF, l'organisme a annulé.", ()),
        ("Est-ce que le congé est payé ?", ("pay",)),
        # what came after it, or what else there is
        ("HR says it doesn't exist anymore. Is there a replacement?", ("successor",)),
        ("Bestaat dat nog? Zo niet, wat dan?", ("exists", "successor")),
        ("Czy jest jakas inna pomoc?", ("successor", "help")),
        ("Portugal e obrigado a criar uma?", ("binding",)),
        ("Czy na koniec należy mi się 21 dni urlopu szkoleniowego?", ("eligible",)),
        ("Quiero saber qué derechos tengo yo allí para estudiar", ("eligible",)),
        # skills shown without a diploma
        ("Como posso provar as minhas competências para um patrão?", ("validation",)),
        ("Comment prouver mes compétences sans diplôme ?", ("validation",)),
        # whether the employer must grant it: a claim, not a text that binds
        ("Sind wir verpflichtet, das zu genehmigen?", ("eligible",)),
        ("Are we obliged to grant him the leave?", ("eligible",)),
        ("Siamo obbligati a concederlo?", ("eligible",)),
        ("Wir sind 8 Leute. Müssen wir das genehmigen?", ("eligible",)),
        ("¿Estamos obligados a concederlo?", ("eligible",)),
        # the requirements a course must meet; when one can hand in the application
        ("Welche Anforderungen muss unser Lehrgang erfüllen?", ("covers",)),
        ("Ab wann kann man beim AMS einreichen?", ("when", "apply")),
        # a claim to check
        ("Kadrowa mowi ze nie dostane tych 21 dni. Czy to prawda?", ("verify",)),
        # typed without the apostrophe
        ("L auto-ecole me dit que c est fini, c est vrai ?", ("verify",)),
        ("Ouvi dizer que as horas caducam ao fim de 3 anos, e verdade?", ("exists", "verify")),
        # who applies, the learner or the firm; a minimum length a course must have
        (
            "¿Lo tengo que pedir yo o lo hace la empresa? ¿El curso tiene un minimo de horas?",
            ("apply", "covers"),
        ),
        ("Does the course need a minimum of hours?", ("covers",)),
        # "where do I get more?": how many
        ("Wo bekomme ich mehr Tage Bildungsurlaub?", ("days", "number")),
        ("Where do I get more days, NRW or Berlin?", ("days", "number")),
    ],
)
def test_what_a_question_asks_is_read_in_order_in_any_language(
    text: str, intents: tuple[str, ...]
) -> None:
    assert question_intents(text) == intents


def test_compulsory_schooling_is_no_rule_that_binds() -> None:
    assert "binding" not in fact_intents("It can be used to finish compulsory schooling.")
    assert "binding" in fact_intents("The recommendation is not binding; it is voluntary.")
    assert "binding" in question_intents("C'è un obbligo per gli stati?")


def test_a_fact_answers_am_i_eligible_only_with_a_condition() -> None:
    assert "eligible" not in fact_intents("Only about 1-2% of employees use their leave.")
    assert "eligible" in fact_intents("Part-time workers with at least 4/5 can use it.")
    assert "eligible" in fact_intents("Employees who worked 6 months get 5 days.")
    assert "eligible" in fact_intents("Self-employed people get €500 a year.")
    # whom the rules are for: to a cleaner on 4/5 in Brussels, "may I?"
    rules = "Brussels: the common rules are for private-sector employees, full-time or 4/5."
    assert "eligible" in fact_intents(rules)
    # "still qualifies" says who may; "courses that qualify you for volunteering" does not
    assert "eligible" in fact_intents("A 4/5 job of at least 28 hours a week still qualifies.")
    assert "eligible" not in fact_intents("Some Länder accept courses that qualify you for it.")
    # seniority an agreement asks for; a firm size that leaves no claim
    assert "eligible" in fact_intents("Some CCNL are more generous: commerce requires 4 years.")
    assert "eligible" in fact_intents("It may be refused in firms with fewer than 10 staff")
    # "can I claim it?": that there is nothing to claim
    assert "eligible" in fact_intents("It does not give you an individual right you can claim.")
    assert "eligible" in fact_intents("The same initiative, not a separate personal guarantee")
    assert "eligible" not in fact_intents("It gives a learning offer tailored to you.")


def test_a_recommendation_to_consider_answers_whether_it_binds() -> None:
    assert "binding" in fact_intents("The Council recommended that countries consider it.")
    assert "binding" in fact_intents("The Recommendation is not binding on Member States.")
    assert "binding" not in fact_intents("You get 5 days a year.")


def test_what_training_must_be_says_what_counts() -> None:
    assert "covers" in fact_intents("The training must be officially recognised (degrees, FP).")
    assert "covers" in fact_intents("Recognised training includes degrees and FP.")
    assert "covers" in fact_intents("The training must be at least 20 hours per week.")
    assert "covers" in fact_intents("Recorded videos alone do not meet the rule.")
    assert "covers" not in fact_intents("You must tell your employer 6 weeks before.")


def test_who_recognises_providers_is_where_a_provider_applies() -> None:
    assert "apply" in fact_intents(
        "For providers, NRW: providers based outside NRW are recognised by the Bezirksregierung "
        "Detmold."
    )
    assert "apply" not in fact_intents("Only courses of providers recognised by the RP count.")


def test_a_successor_scheme_says_what_came_after() -> None:
    assert "successor" in fact_intents("The successor scheme is Weiterbildungszeit.")
    assert "successor" in fact_intents("A new, smaller scheme, Weiterbildungszeit, started.")
    assert "successor" in fact_intents("They replace the old Bildungskarenz.")
    assert "successor" not in fact_intents("The benefit ended on 31 March 2025.")


def test_a_rule_that_applies_from_a_date_is_not_how_to_apply() -> None:
    assert "apply" not in fact_intents("The guideline applies from 1 May 2026 at the earliest.")
    assert "apply" in fact_intents("The employer applies for the refund within 3 months.")


def test_the_european_union_is_no_trade_union() -> None:
    assert "help" not in fact_intents("Europass is a free online platform of the European Union.")
    assert "help" in fact_intents("If your employer refuses, ask your union.")


def test_a_limit_on_staff_away_at_once_answers_may_they_refuse() -> None:
    text = "Your employer may limit the number of staff absent at the same time to about 10%."
    assert "refuse" in fact_intents(text)


def test_the_questions_come_before_the_story_around_them() -> None:
    text = (
        "Mein Chef sagt, Bildungsurlaub kriegen bei uns höchstens 3 Leute. Darf der das so"
        " begrenzen?? Ich will nur wissen, ob das stimmt, bevor ich meinen Antrag stelle."
    )
    assert question_intents(text) == ("refuse", "apply")
    # A sentence that begins with a question word is a question, "?" or not.
    assert question_intents("How many days do I get. And who pays?") == (
        "days",
        "number",
        "pay",
    )


def test_a_notice_period_is_not_a_number_of_days_off() -> None:
    notice = "You must tell your employer; the notice period is typically 4 to 9 weeks."
    assert "days" not in fact_intents(notice)
    assert "notice" in fact_intents(notice)
    assert "days" in fact_intents("The typical right is 5 working days per calendar year.")


def test_what_a_fact_says_of_ages_exclusions_and_conditions() -> None:
    assert "age" in fact_intents("You must be aged 27 to 62.")
    assert "age" not in fact_intents("You must have worked 8 of the last 14 years.")
    assert "covers" in fact_intents("Car driving licences are excluded.")
    assert "covers" in fact_intents("Only contact hours count; distance learning does not count.")
    assert "eligible" in fact_intents(
        "You cannot have received childcare allowance in the 26 weeks before the start."
    )


def test_what_the_law_gives_me_is_an_entitlement() -> None:
    assert asks_entitlement("¿Cuántos días de permiso me da la ley checa?")
    assert asks_entitlement("How many days does the law give me?")
    assert not asks_entitlement("How many days does the law give employees in Czechia?")


def test_losing_a_job_or_counting_is_not_what_it_sounds_like() -> None:
    # losing one's job is no question of whether a right expires
    assert "exists" not in question_intents("If I lose my job, what happens to my training?")
    assert "exists" not in question_intents("Se perdo il lavoro, cosa succede?")
    # "Zählen dann die Kurse als Bildungsurlaub?" counts; it does not pay
    assert "pay" not in question_intents("Zählen die Kurse dann als Bildungsurlaub?")
    assert "pay" not in question_intents("Je veux passer le permis C avec mon CPF.")


def test_a_fact_that_denies_an_individual_right_answers_am_i_entitled() -> None:
    assert "eligible" in fact_intents(
        "EU, ILA Recommendation (2022): it is not an obligation and gives you no individual right."
    )


def test_a_time_to_answer_is_no_number_of_days_off() -> None:
    assert "days" not in fact_intents(
        "If your employer does not answer within 4 weeks, your Bildungszeit counts as approved."
    )
    assert "days" in fact_intents("You get up to 5 working days a year.")


def test_a_ceiling_is_said_by_its_word_not_by_a_cap_diploma() -> None:
    assert "ceiling" in fact_intents("The ceiling for low-qualified employees is €8,000.")
    assert "ceiling" in fact_intents("You can combine years, up to 100 hours.")
    assert "ceiling" not in fact_intents("An employee without a CAP/BEP gets €800 a year.")


def test_a_length_of_leave_as_a_condition_is_not_a_number_of_days_given() -> None:
    notice = "For leave longer than 5 days, apply in writing at least 45 days before."
    assert "days" not in fact_intents(notice)
    assert "days" not in fact_intents("For leave of 5 days or less, apply 15 days before.")
    assert "days" in fact_intents("You can get up to 5 days of study leave.")


def test_when_opening_a_clause_is_not_asking_when() -> None:
    assert question_intents("Do I still get paid when I go on study leave?") == ("pay",)
    assert "when" not in question_intents("quand je pars en formation, je suis payé ?")
    assert "when" not in question_intents("Krijg ik loon wanneer ik op opleiding ga?")
    assert "when" in question_intents("When should I ask my boss?")
    assert "when" in question_intents("je dois demander quand ?")
    assert "when" in question_intents("Wanneer moet ik het aanvragen?")


def test_how_to_check_ones_balance_asks_where_to_look() -> None:
    for text in (
        "How do I check how much money is on my CPF?",
        "Comment voir combien j'ai sur mon CPF ?",
        "¿Cómo puedo ver cuánto tengo en mi CPF?",
    ):
        assert question_intents(text)[0] == "apply", text


def test_which_countries_is_asked_and_pays_is_no_pay() -> None:
    assert "countries" in question_intents("Which EU countries have individual learning accounts?")
    assert "countries" in question_intents("Welche EU-Länder haben ein Lernkonto?")
    ila = "A 2024 review found 14 of 27 Member States planning or running a learning account."
    assert "countries" in fact_intents(ila)
    # "pays" is French for countries, not "who pays?"
    assert "pay" not in question_intents("Quels pays ont un compte individuel de formation ?")
    assert "pay" in question_intents("Est-ce que je suis payée pendant le congé ?")


@pytest.mark.parametrize(
    ("text", "first"),
    [
        # one who would say no asks whether they may, not whether they are entitled
        ("Est-ce que je peux refuser ? Et j'ai combien de temps pour répondre ?", "refuse"),
        ("Kann ich als Arbeitgeber den Antrag ablehnen?", "refuse"),
        ("Mag ik als werkgever weigeren?", "refuse"),
        # "until when?" asks for a deadline
        ("jusqu'a quand je dois donner mon attestation ?", "when"),
        ("Bis wann muss ich den Antrag stellen?", "when"),
        # whether a scheme with a hyphenated name still exists
        ("Bestaat het STAP-budget nog? Ik wil een cursus Excel doen.", "exists"),
        # "zahlt" (pays) is not "zählt" (counts) once accents are folded
        ("Zahlt die Arbeitsagentur in der Zeit den Lohn?", "pay"),
        ("Zählt das als Bildungsurlaub?", "covers"),
        # "more money than the others": how much
        ("j'avais droit à plus d'argent sur mon CPF que les autres, c'est vrai ?", "amount"),
        # how long an employer has to answer is a deadline, not days off
        (
            "Une salariée nous demande un PTP pour une formation d'aide-soignante. On a combien"
            " de temps pour répondre ?",
            "when",
        ),
        ("How long do we have to answer his request?", "when"),
        # whether to trust a call comes first, before what the caller claimed
        (
            "un appel d'un conseiller CPF qui dit que mes droits vont etre perdus si je lui donne"
            " pas le code reçu par sms, c legit ou pas ? et comment je vois mon solde",
            "scam",
        ),
    ],
)
def test_what_is_asked_first(text: str, first: str) -> None:
    asked = question_intents(text)
    assert asked[:1] == (first,), asked
    if first == "refuse":
        assert "eligible" not in asked

