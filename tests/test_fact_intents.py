"""Which kinds of question an English fact of the knowledge base answers
(`compose.fact_intents`): a sum of money, days, pay, a notice, a condition."""

from __future__ import annotations

from bot.guidance.compose.fact_intents import fact_intents


def test_how_much_is_answered_by_a_sum_of_money() -> None:
    assert "amount" in fact_intents("An employee gets €500 a year.")
    assert "amount" in fact_intents("Citizens aged 40 and over get S$4,000.")
    assert "amount" not in fact_intents("Since 2019 the account is counted in euros, not hours.")
    assert "amount" not in fact_intents("When your account reaches the ceiling, nothing is added.")


def test_a_usual_right_of_so_many_days_says_what_one_gets() -> None:
    assert "gets" in fact_intents("The typical right is 5 working days per calendar year.")


def test_the_name_of_the_paid_educational_leave_convention_says_nothing_of_pay() -> None:
    ilo = "Finland ratified the ILO Convention on paid educational leave on 24 February 1992."
    assert "pay" not in fact_intents(ilo)
    assert "pay" in fact_intents("Finland, study leave: the leave is unpaid.")
    assert "pay" in fact_intents("Convention 140 on paid educational leave: you keep your pay.")


def test_what_one_cannot_get_if_answers_whether_one_may() -> None:
    bilan = (
        "France, CPF 2026, bilan de compétences: under the draft rules you cannot get a new"
        " CPF-funded bilan if you had a publicly funded bilan in the previous 5 years."
    )
    assert "eligible" in fact_intents(bilan)


def test_a_share_of_hours_says_how_many() -> None:
    assert "days" in fact_intents("VOV: part-time employees get a pro-rata number of hours.")


def test_a_notice_in_weeks_says_nothing_of_the_leaves_days() -> None:
    notice = (
        "Germany, Baden-Württemberg, Bildungszeit: ask at least 9 weeks before the course (the"
        " 2015 law text says 8 weeks); your employer must then decide within 4 weeks."
    )
    assert "days" not in fact_intents(notice)
    assert "notice" in fact_intents(notice)
    assert "days" in fact_intents("Land: X; Days: 5 days per year; Notice: 6 weeks before")


def test_how_hours_are_counted_is_not_how_many_one_gets() -> None:
    counted = "Belgium, Wallonia: a 50-minute lesson period counts as 1 hour."
    assert "days" not in fact_intents(counted)
    assert "days" in fact_intents("Belgium, Wallonia: up to 100 hours per school year.")


def test_a_share_of_pay_says_how_much_and_a_group_paid_is_not_what_it_covers() -> None:
    children = "Germany, Qualifizierungsgeld: it pays 67% of net pay for employees with children."
    assert "amount" in fact_intents("Germany, Qualifizierungsgeld: it pays 60% of net pay.")
    assert "amount" in fact_intents(children)
    assert "covers" not in fact_intents(children)
    assert "covers" in fact_intents("The Bildungskonto pays for part of the course fees.")


def test_tools_that_work_without_an_account_say_how_to_use_them() -> None:
    editor = "EU, Europass: the CV editor and the digital-skills test work without an account."
    assert "apply" in fact_intents(editor)


def test_a_warning_about_unsolicited_calls_answers_whether_one_is_a_scam() -> None:
    calls = (
        "France, CPF: if someone calls, texts or emails you without being asked to sell a CPF"
        " course, this is not allowed; do not give them your login or codes."
    )
    assert "scam" in fact_intents(calls)
    assert "scam" not in fact_intents("France, CPF: you can see your balance on the website.")
