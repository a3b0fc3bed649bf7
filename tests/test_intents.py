"""What a question asks and which kinds of question a fact answers (`compose.intents`), read
in the bot's eight languages."""

from __future__ import annotations

import pytest

from bot.guidance.compose.intents import fact_intents, question_intents


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
        # ... but a second clause is a second ask
        (
            "I'm 42, how much credit do I have and can I use it for any course?",
            ("amount", "eligible"),
        ),
        ("Ile dni mam i czy mogę je przenieść?", ("days", "number", "eligible")),
        ("L'Italia ha firmato la convenzione OIL, vero?", ("ratified",)),
        ("Did the Commission evaluate it? What did it find?", ("findings",)),
        ("c'est quoi la date limite pour l'attestation ?", ("what", "when")),
        ("What is ESCO?", ("what",)),
        # How many weeks before: a notice period, not a number of days off.
        ("Ile tygodni wczesniej musze zglosic Bildungsurlaub?", ("notice", "days", "number")),
        ("Wie viele Wochen vorher muss ich fragen?", ("notice", "days", "number")),
    ],
)
def test_what_a_question_asks_is_read_in_order_in_any_language(
    text: str, intents: tuple[str, ...]
) -> None:
    assert question_intents(text) == intents


def test_a_fact_answers_am_i_eligible_only_with_a_condition() -> None:
    assert "eligible" not in fact_intents("Only about 1-2% of employees use their leave.")
    assert "eligible" in fact_intents("Part-time workers with at least 4/5 can use it.")
    assert "eligible" in fact_intents("Employees who worked 6 months get 5 days.")
    assert "eligible" in fact_intents("Self-employed people get €500 a year.")


def test_a_limit_on_staff_away_at_once_answers_may_they_refuse() -> None:
    text = "Your employer may limit the number of staff absent at the same time to about 10%."
    assert "refuse" in fact_intents(text)
