"""Whether a message speaks for a training provider (`compose.speaker`): the Telegram bot does
not ask for a role, so "we are a training company" is read from the message."""

from __future__ import annotations

import pytest

from bot.guidance.compose.speaker import speaks_as_provider


@pytest.mark.parametrize(
    "text",
    [
        "We are a small training company in Lyon. How do we get our courses listed for CPF?",
        "Hello, we are a small English language school in Galway",
        "Wir sind ein kleines Erwachsenenbildungsinstitut in Graz (Ö-Cert)",
        "Nous sommes un organisme de formation à Lille",
        "Wij zijn een opleidingscentrum in Hasselt (IT-cursussen).",
        "Buongiorno, siamo una cooperativa sociale di Napoli che fa formazione per adulti.",
        "Somos una academia en Sevilla",
        "Jesteśmy firmą szkoleniową z Krakowa",
        "Boa tarde, somos uma escola profissional em Braga",
    ],
)
def test_a_provider_is_read_from_what_they_write(text: str) -> None:
    assert speaks_as_provider(text)


@pytest.mark.parametrize(
    "text",
    [
        "I want to do a course at my school",
        "Our company sends us to courses every year",
        "Mon employeur est un organisme public",
        "Ich mache einen Kurs bei einer Sprachschule in Köln",
    ],
)
def test_a_learner_speaking_of_a_school_is_not_a_provider(text: str) -> None:
    assert not speaks_as_provider(text)
