"""What is outside adult-learning guidance (`knowledge/_triage/signals.yaml`): medical advice and
recipes whatever else a message says; residence papers, loans and housing unless the message is
about learning too."""

from __future__ import annotations

import pytest

from bot.guidance.triage import Triage


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
