"""How messages typed as learners type them read (`compose.intents.question_intents`): a scam
asked about, a kind of course, hours asked without an apostrophe, who called."""

from __future__ import annotations

from bot.guidance.compose.intents import question_intents


def test_a_scam_asked_about_without_a_call_keeps_the_order_of_the_asks() -> None:
    # (the site asks her to pay 103 €: what she must pay first, then whether it is a scam)
    asked = question_intents("ça me demande de payer 103,20€ de ma poche ?! c une arnaque ?")
    assert asked.index("pay") < asked.index("scam")
    # who called is not who can help
    assert "help" not in question_intents("Je viens d'avoir un appel d'un conseiller CPF.")
    assert "help" in question_intents("Un conseiller peut m'aider ?")
    # ("aide-soignante" is a job, not help)
    assert "help" not in question_intents("Je veux devenir aide-soignante, j'ai droit au PTP ?")


def test_a_kind_of_course_typed_loosely_asks_what_counts() -> None:
    # ("nen" for "einen", "yoga kurs" in two words)
    assert "covers" in question_intents("darf ich bildungszeit fuer nen yoga kurs nehmen?")
    assert "covers" in question_intents("Kann ich Bildungsurlaub für einen Yogakurs nehmen?")


def test_how_many_hours_typed_without_an_apostrophe_asks_for_hours() -> None:
    asked = question_intents("congé educ payé cest combien dheures et jdois le dire quand")
    assert asked[0] == "days"
    assert "amount" not in asked
    assert question_intents("combien ça coûte ?")[0] == "amount"


def test_whether_they_pay_the_learner_asks_about_pay() -> None:
    # ("me lo pagano?" after "posso prendere il congedo?": a second ask, about pay)
    asked = question_intents("posso prendere il congedo per finire il diploma? me lo pagano?")
    assert asked == ("eligible", "pay")
    assert question_intents("mi pagano le ore di studio?")[0] == "pay"
