"""Events of the learner's own case told in passing, before a plain question ("since my manager
heard about my PTP file he moved me to nights, anyway: how long does Transitions Pro take?"):
the question is answerable, but what happened is for a person. And the same words in a question
about the rules in general, which are answered."""

from __future__ import annotations

import pytest

from bot.guidance.triage import Triage
from tests.test_triage import reason

DISPUTE = "a dispute with an employer or a training provider"

EVENTS_IN_PASSING = [
    # moved to nights, transferred, after asking
    "ever since my supervisor found out about my course he has moved me to weekend shifts. "
    "anyway how many days of Bildungsurlaub do I get in Hessen?",
    # the first to go at the next restructuring
    "Hab Bildungszeit beantragt und seitdem heißt es von oben, ich wäre beim nächsten Abbau "
    "als Erste dran. Wie viele Tage sind es in Baden-Württemberg?",
    # "no need to come back"
    "Il mio responsabile mi ha detto che se vado al master non serve che torni. Quanti mesi "
    "di congedo posso prendere?",
    "Mi jefa me dijo que si me cojo el permiso no hace falta que vuelvas, así, riéndose. "
    "¿Cuántas horas son al año?",
    # an unjustified absence threatened, hours to make up at the weekend
    "Mijn leidinggevende zegt dat ik de uren in het weekend moet inhalen, anders noteert hij "
    "ongewettigde afwezigheid. Hoeveel uur VOV krijg ik?",
    "Mon chef dit que sinon il notera une absence injustifiée si je pars en formation. "
    "Combien d'heures j'ai sur mon CPF ?",
    # the leave booked as unpaid on the payslip
    "Na pasku wypłaty mam te dni jako urlop bezpłatny, kadry mówią, że tak ma być. Ile dni "
    "urlopu szkoleniowego mi przysługuje?",
    # a non-renewal letter after asking
    "Pedi as horas de formação e uma semana depois recebi a carta de não renovação. Quantas "
    "horas tenho por lei?",
    # refused, with the object ("me lo denegaron")
    "Solicité el PIF en marzo y me lo denegaron sin explicación. ¿Cuántas horas cubre?",
    # a threat quoted, in the perfect, a bonus taken, pay held back or missing
    "Since I asked about the course my boss keeps saying I can 'forget about the promotion'. "
    "How many days of Bildungsurlaub are there in Berlin?",
    "Meine Chefin hat mir mit Abmahnung gedroht, wenn ich Bildungsurlaub beantrage. Wie "
    "viele Tage sind es in NRW?",
    "Depuis que j'ai parlé du CPF à mon chef, il m'a supprimé ma prime. Bref, combien j'ai "
    "par an ?",
    "Il capo mi ha trattenuto tre giorni di stipendio per gli esami. Quanti giorni mi "
    "spettano?",
    "Mijn baas houdt loon in voor de uren dat ik naar de les ga. Hoeveel uur VOV heb ik?",
    "Bildungszeit war genehmigt, jetzt fehlen mir die 5 Tage Gehalt und der Chef sagt, das war "
    "unbezahlt. Wie ist das in BW geregelt?",
    # "you won't come back", "your job will disappear", what the contract's renewal will bring
    "mon patron ma dit si tu pars en formation tu reviens pas. c quoi le delai pour le cif",
    "My supervisor said my post will probably disappear while I'm on leave. Anyway, how long "
    "can study leave last in Sweden?",
    "La responsabile mi ha detto che se vado all'esame ne terrà conto al rinnovo. Quanti giorni "
    "di permesso ho?",
    "A chefe disse que se eu recusar não me renovam o contrato. A formação tem de ser "
    "certificada?",
    # wages not paid, a course docked from the payslip (typed without accents)
    "como uso as horas de formacao? ah e o patrao ainda nao me pagou o mes passado",
    "el jefe me lo desconto de la nomina. cuantas horas pagadas tengo?",
    # consequences promised, a no quoted, a dismissal received, nothing paid for those days
    "Mon responsable a dit qu'il y aurait des conséquences si je refuse. Combien d'heures "
    "j'ai ?",
    "Mein Chef hat ewig nix gesagt und jetzt heißt es 'geht nicht'. Was kann ich machen?",
    "Drie weken nadat ik VOV aanvroeg kreeg ik mijn ontslag. Hoeveel uur had ik?",
    "Przyszła wypłata i za te dni nic, kadry mówią, że tak ma być. Ile dni mi przysługuje?",
    "Mein Chef meint, ich brauch dann aber nicht mehr wiederkommen. Wie viele Tage sind es?",
    # the renewal to forget, taken off the rota, the night shift, hours held back, nothing paid
    "Mi jefa dice que ya me puedo ir olvidando de la renovación. ¿Cuántas horas tengo?",
    "Since I booked the seminar my manager has taken me off the Friday rota. How many days?",
    "Desde que pedí las horas mi jefe me ha pasado al turno de noche. ¿Cuentan por año?",
    "Mijn baas houdt die lesuren in op mijn loon. Tot wanneer moest het attest binnen?",
    "Saí da empresa e no acerto de contas não aparece nada das horas. Como funciona?",
    # an approval withdrawn, no more work and a "rupture conventionnelle", a reason to be let go
    "HR approved my leave, now they say it's withdrawn due to restructuring. How long can "
    "they postpone it?",
    "Depuis que j'ai parlé du PTP, ma cheffe ne me donne plus aucune mission. Combien de temps "
    "avant ?",
    "Il capo dice che se insisto trova un motivo per mandarmi via. Maturo anzianità?",
]

SAME_WORDS_IN_GENERAL = [
    "Can my employer move me to night shifts because I asked for training leave?",
    "Was passiert, wenn ich bei einer Umstrukturierung als Erste dran bin, zählt Bildungszeit?",
    "Se il datore di lavoro rifiuta il congedo, cosa posso fare?",
    "¿Puede la empresa denegar el PIF por necesidades de producción?",
    "Is het VOV onbetaald verlof of krijg ik loon?",
    "Fehlt mir Gehalt, wenn ich Bildungsurlaub nehme?",
    "Peut-on recevoir un avertissement si on refuse d'utiliser son CPF ?",
    # the learner keeping their own rights
    "Quand j'ai changé d'employeur l'an dernier, j'ai bien gardé mes droits CPF ?",
    # time off asked for, not a dismissal
    "I'm thinking about going back to school. Does my employer have to let me go?",
]


@pytest.mark.parametrize("text", EVENTS_IN_PASSING)
def test_an_event_told_in_passing_is_a_dispute(triage: Triage, text: str) -> None:
    assert reason(triage, text) == DISPUTE
    assert not triage.general_question(text)


@pytest.mark.parametrize("text", SAME_WORDS_IN_GENERAL)
def test_the_same_words_in_a_general_question_are_answered(triage: Triage, text: str) -> None:
    verdict = triage.signal(text)
    assert verdict is None or verdict.decision != "escalate", verdict


@pytest.mark.parametrize(
    "text",
    [
        "J'ai compris trop tard : j'aurais dû prévenir mon employeur 120 jours avant, je l'ai "
        "fait il y a 3 semaines. C'est fichu ?",
        "I should have told my boss 6 weeks before the course, I told him last week. What now?",
        "Avrei dovuto avvisare l'azienda 30 giorni prima, l'ho fatto ieri. Posso ancora andare?",
        "entreguei o papel da escola ao patrao so em dezembro, esqueci, agora diz que perdi",
    ],
)
def test_a_notice_given_too_late_is_a_missed_deadline(triage: Triage, text: str) -> None:
    assert reason(triage, text) == "a missed deadline in the learner's own case"


@pytest.mark.parametrize(
    "text",
    [
        "I should have 10 days a year, right?",
        "Combien de jours avant j'aurais dû prévenir, en général ?",
    ],
)
def test_what_one_should_have_is_no_missed_deadline(triage: Triage, text: str) -> None:
    verdict = triage.signal(text)
    assert verdict is None or verdict.reason != "a missed deadline in the learner's own case"


@pytest.mark.parametrize(
    "text",
    [
        # two outcomes asked about, without a question mark
        "abito a Capodistria, faccio un corso serale per conto mio, il giorno dell'esame me lo "
        "pagano o devo prendere ferie",
        "je suis au chômage, est ce que je vais devoir payer les 100 et quelques euros moi-même",
    ],
)
def test_questions_without_a_question_mark_are_general(triage: Triage, text: str) -> None:
    assert triage.general_question(text)


def test_a_long_question_whether_the_employer_may_refuse_is_general(triage: Triage) -> None:
    text = "Darf mein Arbeitgeber mir die Freistellung für eine Weiterbildung einfach so ablehnen?"
    assert triage.general_question(text)
