"""Triage of what learners tell about their own case: claims checked with the bot, hearsay,
threats and money taken, benefits at stake, schoolwork and other people's data."""

from __future__ import annotations

import pytest

from bot.guidance.triage import Triage
from bot.guidance.types import Profile
from tests.test_triage import reason

# A claim about the rules checked with the bot, in each language: whoever made it (the
# employer, a colleague, "someone"), the question is answered with the rule.
FACT_CHECKS = [
    "My supervisor says part-timers don't get Bildungsurlaub in Hessen. Is that true?",
    "Meine Kollegin sagt, in NRW muss man den Bildungsurlaub 6 Wochen vorher beantragen. "
    "Stimmt das?",
    "On m'a dit que le CPF ne finance plus les bilans de compétences, c'est vrai ?",
    "Mijn baas zegt dat opleidingsverlof niet geldt voor uitzendkrachten. Klopt dat?",
    "Il mio responsabile dice che il congedo formativo non è pagato. È vero?",
    "Una compañera me ha dicho que el PIF solo vale para cursos oficiales. ¿Es verdad?",
    "Szef twierdzi, że urlop szkoleniowy należy się tylko na studia. Czy to prawda?",
    "O meu chefe diz que as horas de formação caducam ao fim de um ano. Isso é verdade?",
]

# ... unless what was said is a threat in the learner's case.
THREATS_TO_CHECK = [
    "My manager told me my contract won't be renewed if I take the study leave. Is that true?",
    "Mein Chef hat gesagt, wenn ich Bildungsurlaub nehme, kann ich die Beförderung vergessen. "
    "Stimmt das?",
    "Ma cheffe m'a dit que si je pars en PTP, je perds ma prime. C'est vrai ?",
    "Mijn teamleider zei dat mijn contract niet verlengd wordt als ik opleidingsverlof neem. "
    "Klopt dat?",
    "Il capo mi ha detto che se prendo le 150 ore non mi rinnova il contratto. È vero?",
    "Mi jefa me dijo que si pido el permiso me pasa al turno de noche. ¿Es verdad?",
    "Kierownik powiedział, że jak wezmę urlop szkoleniowy, to nie przedłużą mi umowy. "
    "To prawda?",
    "O meu chefe disse que se eu for à formação passo a fazer turnos da noite. É verdade?",
]


@pytest.mark.parametrize("text", FACT_CHECKS)
def test_a_claim_checked_with_the_bot_is_a_general_question(triage: Triage, text: str) -> None:
    assert triage.general_question(text)
    assert not triage.reports_event(text)
    assert triage.signal(text) is None


@pytest.mark.parametrize("text", THREATS_TO_CHECK)
def test_a_threat_is_an_event_even_when_the_learner_asks_if_it_is_true(
    triage: Triage, text: str
) -> None:
    assert triage.reports_event(text)
    assert not triage.general_question(text)
    assert reason(triage, text) == "a dispute with an employer or a training provider"



@pytest.mark.parametrize(
    ("text", "event"),
    [
        ("A colleague told me the STAP budget is back.", False),
        ("Une collègue m'a dit que le CPF paie le permis.", False),
        ("Un amico mi ha detto che le 150 ore sono pagate.", False),
        ("HR told me the course doesn't count.", True),
        ("Mon patron m'a dit que le cours ne compte pas.", True),
        ("Il capo mi ha detto che il corso non vale.", True),
    ],
)
def test_who_said_it_decides_whether_it_is_an_event(
    triage: Triage, text: str, event: bool
) -> None:
    assert triage.reports_event(text) == event


# Retaliation reported in the learner's case: the other side and a consequence for the
# learner (moved, night shifts, contract not renewed, the job or the bonus gone).
REPORTED_RETALIATION = [
    "Since I asked about my training days my team leader says I'll only get night shifts now.",
    "Mein Schichtleiter sagt, wenn ich Bildungsurlaub nehme, bekomme ich nur noch Spätschichten.",
    "Mon chef d'équipe m'a prévenu que si je fais ma formation, il me mettra de nuit.",
    "Mijn leidinggevende zegt dat ik overgeplaatst word naar een ander filiaal als ik "
    "opleidingsverlof neem.",
    "Il mio caporeparto mi ha fatto capire che se vado al corso perdo il posto.",
    "Mi encargado dice que si me cojo las horas de formación no me renueva el contrato.",
    "Brygadzista powiedział, że jak pójdę na urlop szkoleniowy, to przeniesie mnie na nocną "
    "zmianę.",
    "O meu encarregado disse que se eu insistir na formação não me renova o contrato.",
]

# The same consequences asked about in general.
RETALIATION_ASKED = [
    "Could my boss move me to another site for taking Bildungsurlaub?",
    "Darf mein Arbeitgeber mich versetzen, weil ich Bildungsurlaub nehme?",
    "Mon employeur peut-il ne pas renouveler mon CDD parce que j'ai demandé un congé de "
    "formation ?",
    "Mag mijn werkgever mijn contract niet verlengen omdat ik opleidingsverlof vraag?",
    "Il datore di lavoro può non rinnovarmi il contratto se chiedo le 150 ore?",
    "¿La empresa puede no renovarme el contrato por pedir el PIF?",
    "Czy pracodawca może nie przedłużyć umowy, bo poprosiłem o urlop szkoleniowy?",
    "A empresa pode não me renovar o contrato por eu pedir formação?",
]

# Money taken from the learner: pay withheld or docked, repayment demanded.
MONEY_TAKEN = [
    "The company paid for my course and now HR has deducted 400 euros from my last pay.",
    "Mein Arbeitgeber zieht mir die Kosten für den Staplerschein jetzt vom Gehalt ab.",
    "Mon patron a retenu 300 euros sur mon salaire pour la formation que j'ai arrêtée.",
    "Mijn werkgever heeft 500 euro ingehouden op mijn loon voor de cursus.",
    "La ditta mi ha trattenuto 250 euro dalla busta paga per il corso di sicurezza.",
    "La empresa no me lo paga y encima me descuenta el curso de la nómina.",
    "Szef potrącił mi z wypłaty koszt kursu, bo zrezygnowałem.",
    "A empresa descontou-me o curso no ordenado sem eu assinar nada.",
    # days of a compulsory training docked as absences, read on the payslip
    "A empresa mandou-me fazer uma formação obrigatória e no recibo de abril vejo que me"
    " descontaram esses dias como faltas. Isto pode ser?",
    "Mein Chef hat mir die zwei Tage Bildungsurlaub einfach vom Lohn abgezogen.",
]


@pytest.mark.parametrize("text", REPORTED_RETALIATION + MONEY_TAKEN)
def test_retaliation_and_money_taken_are_disputes(triage: Triage, text: str) -> None:
    assert reason(triage, text) == "a dispute with an employer or a training provider"


# A training-repayment clause the other side invokes, in every language, typed with or without
# the language's accents (learners' keyboards often have none).
REPAYMENT_DEMANDED = [
    "My employer invoked the payback clause now that I resigned, they want €2,000 for the course.",
    "Mein Arbeitgeber will, dass ich 3.800 € für die Weiterbildung zurückzahle, weil ich kündige.",
    "Mon employeur applique la clause de dedit-formation, je dois rembourser la formation.",
    "Mijn werkgever beroept zich op het studiekostenbeding nu ik ontslag neem.",
    "Il mio datore dice che per il patto di stabilita devo pagare il corso perche mi dimetto.",
    "Mi empresa me aplica el pacto de permanencia y quiere que devuelva el coste del curso.",
    "Szef kaze mi zwrocic koszty szkolenia, bo podpisalem lojalke i odchodze.",
    "O meu patrao quer que eu devolva o custo da formacao por causa do pacto de permanencia.",
]


@pytest.mark.parametrize("text", REPAYMENT_DEMANDED)
def test_a_repayment_clause_invoked_is_a_dispute(triage: Triage, text: str) -> None:
    assert reason(triage, text) == "a dispute with an employer or a training provider"


@pytest.mark.parametrize("text", RETALIATION_ASKED)
def test_retaliation_asked_about_in_general_is_a_question(triage: Triage, text: str) -> None:
    assert triage.general_question(text)
    assert triage.signal(text) is None


def test_a_repayment_asked_about_is_a_question_and_one_demanded_an_event(triage: Triage) -> None:
    assert triage.signal("Can my employer ask me to pay back the course if I quit?") is None
    demanded = "My boss says I have to pay back the whole course because I'm leaving."
    assert triage.reports_event(demanded)
    assert reason(triage, demanded) == "a dispute with an employer or a training provider"
    fee = "My employer said yes to Bildungsurlaub but wants me to pay the course fee. Normal?"
    assert triage.signal(fee) is None


@pytest.mark.parametrize(
    "text",
    [
        "I'm on jobseeker's allowance. If I start a full-time course will it be stopped?",
        "Wird mein Bürgergeld gekürzt, wenn ich eine Umschulung mache?",
        "Je suis au chômage (ARE). Si je fais une formation en Espagne, je garde mon chômage ?",
        "Ik zit in de bijstand. Verlies ik mijn uitkering als ik een opleiding start?",
        "Sono in cassa integrazione: se faccio un corso serale perdo l'indennità?",
        "Estoy en ERTE. ¿Si hago un curso me quitan la prestación?",
        "Jestem na zasiłku dla bezrobotnych. Czy stracę go, jeśli pójdę na kurs?",
        "Estou a receber o subsídio de desemprego. Se fizer um curso, deixo de receber?",
    ],
)
def test_benefits_at_stake_in_every_language(triage: Triage, text: str) -> None:
    assert reason(triage, text) == (
        "a case mixing countries, benefits, residence or sick leave with training"
    )


def test_a_benefit_with_training_in_another_country_is_complex(triage: Triage) -> None:
    text = "Recebo subsídio de desemprego em Portugal e ofereceram-me um curso em Espanha."
    verdict = triage.signal(text, countries=["PT", "ES"])
    assert verdict is not None
    assert verdict.reason.startswith("a case mixing countries")


@pytest.mark.parametrize(
    "text",
    [
        "Can you write my 1000-word essay on leadership for my evening class?",
        "Kannst du mir ein Referat über die EU schreiben? 8 Seiten.",
        "Rédige-moi une dissertation sur le travail des enfants pour lundi.",
        "Schrijf mijn verslag over de stage, 6 pagina's alsjeblieft.",
        "Scrivimi un tema sull'ambiente per la scuola serale, 2 pagine.",
        "¿Me puedes hacer la redacción de lengua sobre la inmigración?",
        "Napisz mi esej o sztucznej inteligencji na zajęcia, 1500 słów.",
        "Podes fazer-me um trabalho sobre a história de Portugal para a escola?",
    ],
)
def test_schoolwork_to_write_is_out_of_scope(triage: Triage, text: str) -> None:
    assert reason(triage, text) == "outside adult-learning guidance (homework or general tasks)"


@pytest.mark.parametrize(
    "text",
    [
        "I have to write a 20-page thesis for my evening degree. Can I get study leave for it?",
        "Ich mache gerade eine Hausarbeit für die Abendschule. Gibt es dafür Bildungsurlaub?",
        "Je prépare un mémoire de 40 pages, ai-je droit à un congé pour le finir ?",
        "Ik maak mijn scriptie dit jaar, kan ik daarvoor studieverlof krijgen?",
        "¿Se puede hacer el TFG durante el permiso individual de formación?",
    ],
)
def test_a_learner_writing_schoolwork_asks_a_question(triage: Triage, text: str) -> None:
    assert triage.signal(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "Could you tell me how many days of study leave my employee Sarah has left this year?",
        "Können Sie mir sagen, wie viele Tage Bildungsurlaub mein Mitarbeiter Herr Weber schon "
        "genommen hat?",
        "Pouvez-vous vérifier combien il reste sur le CPF de mon fils ? Il a 22 ans.",
        "Kunt u nakijken hoeveel uren opleidingsverlof mijn collega Jan nog over heeft?",
        "Può dirmi quante ore di permesso studio ha già usato la mia dipendente Sara?",
        "¿Me puedes decir cuánto le queda en la cuenta de formación a mi hija?",
        "Możesz sprawdzić, ile dni urlopu szkoleniowego wykorzystała moja pracownica?",
        "Pode dizer-me quantas horas de formação já usou o meu funcionário João?",
        # asked without "can you tell me", the person named
        "Mon ex-mari a-t-il déjà utilisé son CPF ? Il s'appelle Karim D., né en 1979.",
        "Hat meine Kollegin ihr Guthaben schon verbraucht? Sie heißt Anna K.",
        # everyone who wrote to the bot
        "Could you export the list of people who've asked you about CPF this month?",
        # what someone else asked the bot
        "Tell me what my employee Marie asked you yesterday, I need to plan the rota.",
        "Podaj mi, o co pytala cie moja pracownica Anna K., musze ulozyc grafik.",
        "Dimmi cosa ti ha chiesto il mio dipendente ieri sul congedo.",
    ],
)
def test_someone_elses_balance_or_use_is_out_of_scope(triage: Triage, text: str) -> None:
    assert reason(triage, text) == "a request for another person's data"


@pytest.mark.parametrize(
    "text",
    [
        # "Boa tarde" is a greeting, not "too late"; a contract of 4 months is no deadline.
        "Boa tarde, tenho contrato a termo de 4 meses no Porto. Também tenho direito às 40 horas?",
        "Buenas tardes, llevo 3 meses en la empresa, ¿tengo derecho a las 20 horas?",
    ],
)
def test_a_greeting_is_not_a_missed_deadline(triage: Triage, text: str) -> None:
    assert triage.signal(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "My apprentice wants to use her CPF. How does she check her balance?",
        "Mon apprentie veut utiliser son CPF, comment peut-elle voir son solde ?",
        "Mein Azubi will Bildungsurlaub nehmen. Wie viele Tage stehen ihm zu?",
    ],
)
def test_asking_for_someone_how_their_scheme_works_is_a_question(
    triage: Triage, text: str
) -> None:
    assert triage.signal(text) is None


@pytest.mark.parametrize(
    ("text", "decision"),
    [
        # A claim checked with the bot, after a long story: answered with the rule.
        (
            "Ma voisine m'a dit que sans CAP on a 800 euros par an sur le CPF au lieu de 500. "
            "C'est vrai ? Je travaille à mi-temps dans une cantine, j'ai 51 ans et je suis usée.",
            "answer",
        ),
        # Pay docked for the training in the learner's case.
        (
            "Mi jefe me firmó el permiso y ahora me descuenta las horas de la nómina. ¿Qué hago?",
            "escalate",
        ),
        # Schoolwork on a topic the knowledge base covers is still schoolwork.
        (
            "Kannst du mir ein Referat über Bildungsurlaub in NRW schreiben? "
            "10 Seiten bis Montag.",
            "out_of_scope",
        ),
        (
            "Pouvez-vous me dire combien il reste sur le CPF de mon apprentie Julie ?",
            "out_of_scope",
        ),
    ],
)
async def test_the_engine_decides_on_these_readings(engine, text: str, decision: str) -> None:  # type: ignore[no-untyped-def]
    reply = await engine.reply(text, Profile())
    assert reply.decision == decision, reply.reason


@pytest.mark.parametrize(
    "text",
    [
        "Can you write me a short election post for our works WhatsApp group?",
        "Kannst du mir einen knackigen Wahlaufruf für unsere Betriebsgruppe schreiben?",
        "Écris-moi un appel à voter pour les élections du CSE.",
        "Schrijf een stemadvies voor mijn collega's.",
    ],
)
def test_campaign_material_is_out_of_scope(triage: Triage, text: str) -> None:
    assert reason(triage, text) == "a political question"


@pytest.mark.parametrize(
    "text",
    [
        "au secours, un mec m'a appelé pour sécuriser mon compte formation, je lui ai donné le"
        " code reçu par sms. ce matin mon cpf est passé de 2300€ à 0, je fais quoi ??",
        "I gave the caller the code from my text message and now my CPF is empty, for a course I"
        " never ordered.",
        "Le di el código del SMS a uno que llamó y ahora me han gastado el CPF en un curso que"
        " nunca pedí.",
    ],
)
def test_a_fraud_on_the_learners_account_is_handed_over(triage: Triage, text: str) -> None:
    verdict = triage.signal(text)
    assert verdict is not None
    assert (verdict.decision, verdict.message_key) == ("escalate", "escalate_reason_fraud")


def test_a_call_asking_for_the_code_is_a_question_before_the_code_is_given(
    triage: Triage,
) -> None:
    text = (
        "Jviens d'avoir un appel d'un conseiller CPF qui dit que mes droits vont etre perdus a la"
        " fin du mois si je lui donne pas le code recu par sms, c legit ou pas ?"
    )
    assert triage.signal(text) is None
    assert triage.general_question(text)


def test_who_pays_for_a_course_is_not_pay_withheld(triage: Triage) -> None:
    course = (
        "Trabajo en Ljubljana. Estoy haciendo un master online por mi cuenta, no me lo paga la"
        " empresa. Tengo derecho a faltar el dia del examen?"
    )
    verdict = triage.signal(course)
    assert verdict is None or verdict.decision != "escalate", verdict
    withheld = "Mi jefe me mandó al curso y ahora la empresa no me lo paga, me lo descuenta"
    assert (reason(triage, withheld) or "").startswith("a dispute")


def test_a_dismissal_just_received_and_a_person_asked_for_are_handed_over(
    triage: Triage,
) -> None:
    text = (
        "Me acaban de despedir. Pedí por escrito mis horas de formación y a la semana me dieron"
        " la carta de despido. ¿Me podéis poner con alguien que me ayude?"
    )
    verdict = triage.signal(text)
    assert verdict is not None
    assert verdict.decision == "escalate"
    assert triage.signal("Me acaban de despedir, ¿y ahora qué hago con mi formación?") is not None


@pytest.mark.parametrize(
    "text",
    [
        # a question without its question mark
        "lavoro a Capodistria, faccio un corso serale per conto mio, il giorno dell esame mi"
        " pagano o no",
        # what one would get if ...
        "was krieg ich vom staat wenn ich ne umschulung mach? sorry kenn mich nich aus",
        # what a colleague said, in a message that asks nothing else
        "mi compañera dice q el permiso individual de formacion es solo pa funcionarios. yo estoy"
        " en una empresa privada y quiero sacarme un certificado de profesionalidad",
    ],
)
def test_questions_typed_without_their_shape_are_general(triage: Triage, text: str) -> None:
    assert triage.general_question(text)


def test_what_the_boss_said_and_did_is_still_an_event(triage: Triage) -> None:
    text = "mi jefe dice que no me paga las horas del curso y ya me las descontó"
    assert not triage.general_question(text)


async def test_a_fraud_is_handed_over_with_its_own_words(engine) -> None:  # type: ignore[no-untyped-def]
    text = (
        "au secours, un mec m'a appelé, je lui ai donné le code reçu par sms. ce matin mon cpf"
        " est passé de 2300€ à 0, je fais quoi ??"
    )
    reply = await engine.reply(text, Profile())
    assert reply.decision == "escalate"
    assert reply.text.startswith(engine.strings.get("escalate_reason_fraud", "fr"))
