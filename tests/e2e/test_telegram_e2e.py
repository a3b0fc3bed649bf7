"""The real bot process against the Telegram Bot API test server, played as a learner."""

from __future__ import annotations

import contextlib
import html
import sqlite3

import pytest

from bot.guidance.language import Strings

pytestmark = pytest.mark.e2e

CPF = "How much money do I get on my CPF each year?"
CPF_500 = "an employee who worked at least half-time gets €500 a year"
NRW_DAYS = "North Rhine-Westphalia: employees get 5 days of paid Bildungsurlaub a year"


@pytest.fixture(scope="module")
def strings() -> Strings:
    return Strings()


def shown(text: str) -> str:
    """What the learner reads of an HTML message."""
    return html.unescape(text)


def count_rows(bot, table: str, user_id: int) -> int:
    """Rows the running bot holds about a learner (read from its database)."""
    with contextlib.closing(sqlite3.connect(bot.database)) as db:
        sql = f"SELECT COUNT(*) FROM {table} WHERE user_id = ?"  # noqa: S608
        return int(db.execute(sql, (user_id,)).fetchone()[0])


def test_onboarding_question_feedback_and_forget(learner, bot, strings: Strings) -> None:
    uid = learner.user["id"]

    # Onboarding: welcome, privacy notice, then language and country keyboards.
    learner.command("start")
    welcome, privacy, picker = learner.wait_for(lambda m: len(m) >= 3 and m)[:3]
    assert shown(welcome["text"]) == strings.get("welcome", "en")
    assert shown(privacy["text"]) == strings.get("privacy_notice", "en", days=90)
    assert "lang:fr:c" in picker["buttons"]

    learner.tap(picker, "lang:en:c")
    countries = learner.wait_for(
        lambda m: next((x for x in m if "country:FR" in x["buttons"]), None)
    )
    assert countries["message_id"] == picker["message_id"]  # the same message, edited
    learner.tap(countries, "country:FR")
    saved = strings.get("settings_saved", "en", what="France")
    learner.wait_for(lambda m: shown(m[2]["text"]).startswith(saved))

    # A question: the answer with its source link and the feedback buttons.
    learner.send(CPF)
    answer = learner.wait_for(lambda m: next((x for x in m if CPF_500 in shown(x["text"])), None))
    assert '<a href="https://www.moncompteformation.gouv.fr/">' in answer["text"]
    helpful = next(data for data in answer["buttons"] if data.startswith("fb:1:"))

    learner.tap(answer, helpful)
    learner.wait_for(
        lambda m: next(x for x in m if x["message_id"] == answer["message_id"])["buttons"] == []
    )
    assert count_rows(bot, "feedback", uid) == 1
    assert count_rows(bot, "turns", uid) == 2

    # /forget asks first, then erases everything.
    learner.command("forget")
    confirm = learner.wait_for(
        lambda m: next((x for x in m if "forget:yes" in x["buttons"]), None)
    )
    learner.tap(confirm, "forget:yes")
    learner.wait_for(lambda m: shown(m[-1]["text"]) == strings.get("forget_done", "en"))
    for table in ("profiles", "turns", "feedback"):
        assert count_rows(bot, table, uid) == 0

    # The learner's words stay out of the logs.
    assert CPF not in bot.output()


@pytest.mark.parametrize("bot", ["polling", "webhook"], indirect=True)
def test_clarifying_buttons_answer_the_original_question(learner) -> None:
    learner.send("How much training leave do I get?")
    country = learner.wait_for(
        lambda m: next((x for x in m if "clarify:DE" in x["buttons"]), None)
    )
    learner.tap(country, "clarify:DE")
    # In Germany the answer depends on the Land: one more question, then the answer.
    region = learner.wait_for(
        lambda m: next((x for x in m if "clarify:DE-NW" in x["buttons"]), None)
    )
    learner.tap(region, "clarify:DE-NW")

    learner.wait_for(lambda m: any(NRW_DAYS in shown(x["text"]) for x in m))


def test_a_german_question_gets_german_facts_through_telegram(learner, strings: Strings) -> None:
    learner.send("Ich arbeite in Köln. Wie viele Tage Bildungsurlaub bekomme ich?")
    answer = learner.wait_for(
        lambda m: next((x for x in m if "Nordrhein-Westfalen" in shown(x["text"])), None)
    )
    text = shown(answer["text"])
    assert text.startswith(
        "Deutschland, Nordrhein-Westfalen: Beschäftigte bekommen nach 6 Monaten im Job 5 Tage"
    )
    assert "employees get" not in text  # no English fact
    assert strings.get("not_translated_yet", "de") not in text
    assert "Germany, North Rhine-Westphalia: Bildungsurlaub" in text  # the source's own title
