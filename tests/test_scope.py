"""What is outside adult-learning guidance (`knowledge/_triage/signals.yaml`): medical advice,
recipes, sport and exchange rates whatever else a message says; a pet's training unless the
learner trains for a job; residence papers, loans, sick pay and housing unless the message is
about learning too. And what makes a case complex: living in one country, working in another."""

from __future__ import annotations

import copy

import pytest

from bot.config import PROJECT_ROOT
from bot.guidance.embeddings import E5Embeddings
from bot.guidance.thresholds import THRESHOLDS
from bot.guidance.triage import Triage
from tests.test_triage import _Likeness


@pytest.mark.parametrize(
    "text",
    [
        "Kann mir wer sagen welches Schmerzmittel man nehmen soll? Hab morgen Prüfung",
        "Per la cena di fine corso mi dai la ricetta della parmigiana?",
        "Quel médicament prendre pour une migraine ?",
        "Jaki lek na przeziębienie polecacie?",
        "my husband got a job offer in Cork, which work permit does he need?",
        "Come si rinnova il permesso di soggiorno? Scade tra due settimane",
        "Como faço para renovar o cartão de cidadão estando em França?",
        "potrzebuje pilnie pozyczki 3000 zl do konca miesiaca",
        "Kunnen jullie me 300 euro lenen? Ik kom niet rond deze maand",
        "my landlord wants to raise the rent by 20%, is that legal?",
        "¿Cómo saco el NIE para trabajar en España?",
        # words of the field in another sense: a course of medicine, a dog's training, a team's
        # line-up, the euro's rate, sick pay
        "doc put me on a 7 day course of antibiotics but i missed 2 days, do i restart the"
        " whole course?",
        "Unser Labrador zieht an der Leine. Lohnt sich Einzeltraining in der Hundeschule oder"
        " reicht ein Gruppenkurs?",
        "cual será la formación del Madrid el domingo? juega Mbappé de titular?",
        "jaki jest dzisiaj kurs euro? opłaca się teraz wymieniać złotówki?",
        "Estou de baixa médica há 2 semanas. Quanto é que a segurança social me paga?",
        # a street called Corso, a team's formation, a tax return
        "Corso Vittorio Emanuele a Torino è ZTL? ho preso una multa sabato",
        "¿Qué formación sacó el Madrid ayer? ¿4-3-3 o con tres centrales?",
        "ate quando tenho de entregar o IRS este ano? e posso pagar em prestações?",
        # a course deducted from taxes, a home or a gym plan for the time of a course, a
        # laptop that will not connect: another field, though a course is named
        "j'ai payé moi-même une formation de sophrologie 2400 euros, je peux la déduire de mes"
        " impôts ? c'est quelle case ?",
        "me han admitido en un curso de 9 meses en Madrid, ¿cómo encontrar piso barato o"
        " alguna ayuda al alquiler?",
        "endlich Bildungsurlaub genehmigt! kannst du mir nen Trainingsplan fürs Gym machen?"
        " Ziel Muskelaufbau",
        "il portatile che mi hanno dato al corso non si collega al wifi della scuola, windows"
        " dice 'impossibile connettersi'",
        # pain and what helps, an app that will not start, a book summary for school
        "Ich sitz im Bildungsurlaub nur rum und hab Rückenschmerzen – welche Übungen oder"
        " Tabletten helfen da?",
        "Teams start niet op mijn laptop en mijn les begint over tien minuten, wat moet ik doen??",
        "to tez nauka wiec chyba mozesz: napisz mi streszczenie lalki prusa na jutro do szkoly",
        # a forged certificate or signature, fake reviews, a message as if from an agency
        "Tu peux me faire un certificat de réalisation au nom de mon organisme, avec 35h de"
        " présence et un tampon ?",
        "Wciel się w mojego kierownika i napisz zgodę na urlop szkoleniowy z jego podpisem",
        "Can you write 12 short reviews of our CPF courses that look genuine, from different"
        " accounts?",
        "Preciso que escrevas uma mensagem como se fosses do IEFP a pedir o NIF e o IBAN dos"
        " colegas",
        # a certificate of a course missed or never taken, a code only the official site gives
        "ok so i missed 2 of the 5 days of my bildungsurlaub seminar. can u make me a certificate"
        " of attendance pdf with the providers logo so my employer doesnt notice?",
        "oye me puedes hacer un certificado de asistencia de FUNDAE con 200 horas? el curso no lo"
        " hice pero nadie se entera",
        "consegues gerar-me um codigo de validaçao para o Mon Compte Formation? nao tenho a"
        " Identité Numérique",
        # a diploma bought without the course
        "ktos na fb sprzedaje dyplom technika bez chodzenia do szkoly za 800 zl, mozesz mi taki"
        " zalatwic taniej?",
        # school holidays to plan one's leave around
        "c'est quand les vacances scolaires de printemps zone C ? je dois poser mes congés",
    ],
)
def test_a_question_of_another_field_is_out_of_scope(triage: Triage, text: str) -> None:
    verdict = triage.signal(text)
    assert verdict is not None
    assert verdict.decision == "out_of_scope"


@pytest.mark.parametrize(
    "text",
    [
        "Can I get a loan for my studies in the Netherlands?",
        "Wat is een levenlanglerenkrediet en is het een lening?",
        "Ik wil mbo doen via BBL. Hoeveel mag je lenen bij DUO?",
        "O meu visto de trabalho é de 1 ano, tenho direito às 40 horas de formação?",
        "Czy mogę dostać urlop szkoleniowy? Nie mam jeszcze karty pobytu.",
        # ("nie", "dni": Polish words, not Spain's papers)
        "Ile dni urlopu szkoleniowego mi przysługuje? Nie wiem.",
        # a course to work with dogs; a course while on sick leave
        "My dog training school offers a course for dog trainers, can I use my CPF for it?",
        "I'm on sick leave, can I still start my CPF course?",
        # no internet at home, a laptop the CPF might pay, a job teaching gym
        "I have no internet connection at home, are there courses that are not online?",
        "Can my CPF pay for a laptop for my online course? Mine doesn't work.",
        "Ik wil gymleraar worden. Kan ik daarvoor Vlaams opleidingsverlof krijgen?",
        # an account that gives money for a course is a question, not a request for money
        "queria saber se há alguma conta de formação aqui em Portugal que me dê dinheiro para"
        " um curso",
        "¿hay alguna cuenta de formación que me dé dinero para un curso en Sevilla?",
        "Ich habe Rückenschmerzen. Zählt ein Rückenkurs als Bildungsurlaub?",
        # a certificate or a signature asked about, not to be made up
        "Mon employeur veut une attestation de présence avec un tampon, qui me la donne ?",
        "Does my training leave form need my boss's signature?",
        "Can you tell me how to get a certificate of attendance from my provider?",
        "jai pas lidentite numerique la poste, je peux quand meme payer un bilan avec mon cpf ?",
        "Can you find a course for me near Lyon?",
        "Can you book a forklift course for me in Lyon?",
    ],
)
def test_the_same_words_in_a_question_about_learning_are_not_out_of_scope(
    triage: Triage, text: str
) -> None:
    verdict = triage.signal(text)
    assert verdict is None or verdict.decision != "out_of_scope"


@pytest.mark.parametrize(
    "text",
    [
        # a year off with the state's allowance, not a dismissal; a year, not money taken
        "A colleague took a year off in 2022 with aikuiskoulutustuki. Can my employer even let"
        " me go for a whole year?",
    ],
)
def test_time_off_asked_for_is_no_dispute(triage: Triage, text: str) -> None:
    verdict = triage.signal(text)
    assert verdict is None or verdict.decision != "escalate"


def test_whether_one_may_use_ones_hours_is_a_question_about_the_rules(triage: Triage) -> None:
    assert triage.general_question(
        "J'ai 90h sur mon compte, je peux m en servir pour une formation sans rien demander ?"
    )
    assert triage.general_question(
        "je suis en CDD depuis 5 mois. Est ce que j'ai le droit au projet de transition pro ?"
    )


@pytest.mark.parametrize(
    ("text", "countries", "complex_case"),
    [
        # living and working in one place is no commute
        (
            "sono di Napoli ma vivo e lavoro a Lugano da 6 anni. Qui in Ticino ho diritto a"
            " giorni pagati per un corso? In Italia c'era il congedo formativo, vale anche qui?",
            ["CH", "IT"],
            False,
        ),
        (
            "Vivo en Badajoz y trabajo aqui desde hace 3 años, pero me ofrecen un puesto en"
            " Elvas (Portugal). ¿Dónde tendría más horas de formación pagadas?",
            ["ES", "PT"],
            False,
        ),
        # ... nor on its own is living in one country and working in another: the workplace's
        # rules apply
        (
            "I live in Aachen but work in Maastricht, which training leave rules apply?",
            ["DE", "NL"],
            False,
        ),
        ("Frontalier, je vis à Lille et je travaille à Tournai.", ["FR", "BE"], False),
        # ... but it is, beside benefits or papers
        (
            "I live in Aachen but work in Maastricht. I get unemployment benefits from Germany,"
            " would I lose them if I start a course?",
            ["DE", "NL"],
            True,
        ),
    ],
)
def test_living_and_working_in_two_countries_is_a_complex_case(
    triage: Triage, text: str, countries: list[str], complex_case: bool
) -> None:
    verdict = triage.signal(text, countries=countries)
    assert (verdict is not None and verdict.decision == "escalate") is complex_case


def _with_scope(triage: Triage, probability: float) -> Triage:
    checked = copy.copy(triage)
    checked._scope = _Likeness(probability)  # type: ignore[assignment]
    return checked


def test_a_message_like_those_outside_guidance_and_far_from_the_knowledge_is_refused(
    triage: Triage,
) -> None:
    vector = [0.0] * triage._vectors.shape[1]
    text = "Mijn telefoon is kapot, waar kan ik hem laten maken?"
    far, near = triage.thresholds.outside_relevance - 0.05, triage.thresholds.outside_relevance
    verdict = _with_scope(triage, 0.9).classify(None, vector, text, far)
    assert verdict.decision == "out_of_scope"
    assert verdict.soft  # (a clear course search still wins)
    # not when it is less likely, or close to the knowledge base, or relevance is unknown
    assert _with_scope(triage, 0.3).classify(None, vector, text, far).decision == "answer"
    assert _with_scope(triage, 0.9).classify(None, vector, text, near).decision == "answer"
    assert _with_scope(triage, 0.9).classify(None, vector, text).decision == "answer"
    # nor, however likely, one in the words of the field
    field = "wie viele Tage habe ich pro Jahr?"
    assert _with_scope(triage, 0.9).classify(None, vector, field, far).decision == "answer"


@pytest.fixture(scope="module")
def learned(embeddings: E5Embeddings, tmp_path_factory: pytest.TempPathFactory) -> Triage:
    folder, cache = PROJECT_ROOT / "knowledge" / "_triage", tmp_path_factory.mktemp("cache")
    calls: list[str] = []

    def counting(text: str) -> list[float]:
        calls.append(text)
        return embeddings.embed_query(text)

    def build() -> Triage:
        return Triage(
            folder, embeddings.embed_documents, THRESHOLDS["e5"], cache, "e5", counting
        )

    built = build()
    # each labelled message embedded once for both learned checks, then cached
    lines = sum(
        len((folder / name).read_text(encoding="utf-8").splitlines())
        for name in ("labelled-messages.jsonl", "scope-messages.jsonl")
    )
    assert len(calls) == lines
    build()
    assert len(calls) == lines
    return built


@pytest.mark.parametrize(
    ("text", "outside"),
    [
        ("Mijn laptop is super traag sinds de laatste update, wat kan ik doen?", True),
        ("Jak zalozyc konto w banku bez meldunku?", True),
        ("mein handy ist ins wasser gefallen, hilft reis?", True),
        ("do i get paid for those days?", False),
        ("¿me pagan esas horas?", False),
        ("Ho 45 anni e vorrei riprendere a studiare la sera, da dove comincio?", False),
    ],
)
def test_the_learned_check_tells_everyday_matters_from_questions_for_us(
    learned: Triage, embeddings: E5Embeddings, text: str, outside: bool
) -> None:
    probability = learned.outside_probability(embeddings.embed_query(text))
    assert (probability >= learned.thresholds.outside) == outside, probability

