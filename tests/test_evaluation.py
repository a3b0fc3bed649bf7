"""What `guidebot eval` measures about a reply: key facts, answer-first, and English sentences
left in a reply in another language."""

from __future__ import annotations

import pytest

from bot.evaluation import Outcome, english_sentences, report
from bot.guidance.language import LanguageDetector
from bot.guidance.types import Reply

FACT = "FR-02: €500/year if worked ≥ half-time, ceiling €5,000"


@pytest.fixture(scope="module")
def detect():  # type: ignore[no-untyped-def]
    detector = LanguageDetector()
    return lambda text, lang: detector.detect(text, fallback=lang)


def outcome(text: str, *, chunk_texts: tuple[str, ...] = (), lang: str = "en") -> Outcome:
    item = {"id": "x", "lang": lang, "text": "?", "expect": "answer", "key_facts": [FACT]}
    reply = Reply("answer", text, lang, "", chunk_texts=chunk_texts)
    return Outcome(item, reply, 0.01)


def test_the_answer_is_first_only_when_the_first_key_fact_is_in_the_first_two_lines() -> None:
    first = outcome("France, CPF: €500 a year, up to €5,000. [1]\n\n• Other fact. [1]")
    assert first.answer_first() is True
    buried = outcome(
        "France, CPF: a co-payment of €103.20.\n• You pay it online.\n• €500 a year, up to €5,000."
    )
    assert buried.answer_first() is False
    assert buried.key_facts() == [True]  # in the reply, but not first
    split = outcome("France: €500 a year. [1]\n• The ceiling is €5,000. [1]\n• Other. [1]")
    assert split.answer_first() is True


def test_references_to_other_facts_are_not_figures_to_find() -> None:
    fact = "Options: collective agreement, company agreement; DE-10/DE-11 other support, 5 days"
    item = {"id": "z", "lang": "en", "text": "?", "expect": "answer", "key_facts": [fact]}
    reply = Reply("answer", "Ask about a collective agreement; 5 days. [1]", "en", "")
    assert Outcome(item, reply, 0.01).key_facts() == [True]
    without = Reply("answer", "Ask about a collective agreement. [1]", "en", "")
    assert Outcome(item, without, 0.01).key_facts() == [False]  # the 5 days still count


def test_names_of_a_translated_line_are_looked_up_in_its_english_source() -> None:
    fact = "DE-01: Bavaria has no Bildungsurlaub law"
    item = {"id": "y", "lang": "de", "text": "?", "expect": "answer", "key_facts": [fact]}
    german = Reply(
        "answer",
        "Deutschland, Bayern: Es gibt kein Gesetz über Bildungsurlaub. [1]",
        "de",
        "",
        chunk_texts=("Germany, Bavaria: there is no Bildungsurlaub law.",),
    )
    assert Outcome(item, german, 0.01).answer_first() is True


def test_english_sentences_in_a_reply_in_another_language_are_found(detect: object) -> None:
    german = Reply(
        "answer",
        "Deutschland, NRW: Sie bekommen 5 Tage Bildungsurlaub pro Jahr. [1]\n\n"
        "• Germany, NRW: tell your employer at least six weeks before the course starts. [1]\n"
        "• Kurse beim Anbieter CPF, KURSNET oder VHS. [2]",
        "de",
        "",
    )
    assert english_sentences(german, detect) == [  # type: ignore[arg-type]
        "tell your employer at least six weeks before the course starts."
    ]
    english = Reply("answer", "Germany, NRW: tell your employer six weeks before.", "en", "")
    assert english_sentences(english, detect) == []  # type: ignore[arg-type]


def test_the_report_gives_answer_first_and_the_share_of_replies_in_their_own_language() -> None:
    outcomes = [
        outcome("France, CPF: €500 a year, up to €5,000. [1]"),
        outcome("Nothing here.\nStill nothing.\n€500 a year, up to €5,000."),
    ]
    outcomes[1].reply = Reply("answer", outcomes[1].reply.text, "fr", "")
    outcomes[1].english = ["Nothing here."]
    overall = report(outcomes)["overall"]
    assert overall["answer_first"] == 0.5
    assert overall["in_own_language"] == 0.0
    assert report(outcomes)["english_in_replies"] == [
        {"id": "x", "language": "fr", "sentences": ["Nothing here."]}
    ]
