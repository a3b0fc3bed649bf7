"""Which place's texts answer a message (`searching.answerable_place`): a place with rules of
its own; the EU's texts for a question about them alone; a country's, for a question from one
of its regions without rules that asks about no rights."""

from __future__ import annotations

from typing import Any

import pytest

from bot.guidance.compose import FactIndex
from bot.guidance.places import PlaceFinder
from bot.guidance.searching import answerable_place, handover_intents, nationwide_answer
from bot.guidance.understanding import Understanding
from tests.test_compose import hit, index

HITS = [
    hit(0, "Germany, KURSNET: the Federal Employment Agency lists job-related courses.",
        0.8, doc="de/kursnet.md"),
    hit(1, "Germany, NRW: you get 5 days of Bildungsurlaub a year.", 0.8,
        region="DE-NW", doc="de/nrw.md"),
    hit(2, "Germany, Berlin: you get 10 days in 2 years.", 0.8, region="DE-BE",
        doc="de/berlin.md"),
    hit(3, "EU, learning accounts: the Recommendation asks countries to consider them.",
        0.8, country="EU", doc="eu/ila.md"),
    hit(4, "Also called: Qualifizierungsgeld, § 82a SGB III.", 0.8, kind="alias",
        doc="de/qualifizierungsgeld.md"),
    hit(5, "Germany, Qualifizierungsgeld: it pays 60% of net pay.", 0.8,
        doc="de/qualifizierungsgeld.md"),
    hit(6, "Also called: Bildungsurlaub NRW, AWbG.", 0.8, kind="alias", region="DE-NW",
        doc="de/nrw.md"),
]  # fmt: skip


@pytest.fixture(scope="module")
def facts() -> FactIndex:
    return index(HITS, PlaceFinder())


def _understood(text: str, country: str, region: str | None = None, **more: Any) -> Understanding:
    return Understanding(text, "de", country, region, (country,), (), {}, None, **more)  # type: ignore[arg-type]


def test_a_region_without_rules_asked_about_no_rights_is_answered_for_its_country(
    facts: FactIndex,
) -> None:
    # where the learner lives, a website asked for: Germany's texts answer
    website = "Ich wohne in Hannover. Gibt es eine Internetseite mit allen Kursen?"
    assert answerable_place(_understood(website, "DE", "DE-NI"), facts)
    # the days there are asked: we say first that we lack its rules
    days = "Ich wohne in Hannover. Wie viele Tage Bildungsurlaub habe ich?"
    assert not answerable_place(_understood(days, "DE", "DE-NI"), facts)
    # the region named as where they work: it is its rules they ask about
    work = "Ich arbeite in Hannover. Gibt es das in Niedersachsen auch?"
    assert not answerable_place(_understood(work, "DE", "DE-NI", commuter=False), facts)


def test_rights_asked_in_a_country_without_rules_are_not_answered_by_the_eu_alone(
    facts: FactIndex,
) -> None:
    eu_only = "I live in Prague. What does the EU recommendation on learning accounts say?"
    assert answerable_place(_understood(eu_only, "CZ", eu=True), facts)
    rights = "I work in Prague. How many days of paid leave do I get? And what does the EU give?"
    assert not answerable_place(_understood(rights, "CZ", eu=True), facts)


def test_a_scheme_of_the_whole_country_is_answered_in_a_region_without_rules(
    facts: FactIndex,
) -> None:
    # Qualifizierungsgeld is Germany's wherever one works: its money is asked in Thüringen
    national = "Werk in Thüringen, der Betriebsrat redet von Qualifizierungsgeld. Wieviel Geld?"
    assert answerable_place(_understood(national, "DE", "DE-TH"), facts)
    # Bildungsurlaub is each Land's: Thüringen's rules are asked
    regional = "Ich arbeite in Thüringen. Wie viele Tage Bildungsurlaub habe ich?"
    assert not answerable_place(_understood(regional, "DE", "DE-TH"), facts)
    assert facts.national_scheme("DE", "qualifizierungsgeld oder awbg?") is False


def test_a_question_a_national_scheme_answers_first_needs_no_word_on_the_lands_rules(
    facts: FactIndex,
) -> None:
    # ("Zulieferer in Thüringen ... Zahlt die Arbeitsagentur in der Zeit den Lohn?": the
    # Qualifizierungsgeld's 60% lead, the same in every Land)
    kursnet, nrw, paid = HITS[0], HITS[1], HITS[5]
    assert facts.nationwide(paid)
    assert not facts.nationwide(nrw)  # (a Land's rules)
    text = "Zulieferer in Thüringen. Zahlt die Arbeitsagentur in der Zeit den Lohn?"
    assert nationwide_answer(_understood(text, "DE", "DE-TH"), paid, facts)
    # ... not where the message names a Land's scheme, nor where nothing leads
    named = "Ich arbeite in Thüringen. Zahlt mein Chef den Lohn wie nach dem AWbG?"
    assert not nationwide_answer(_understood(named, "DE", "DE-TH"), paid, facts)
    assert not nationwide_answer(_understood(text, "DE", "DE-TH"), None, facts)
    assert not facts.nationwide(kursnet)  # (a database, named by no scheme's "also called")


def test_what_is_shown_before_a_handover_answers_the_case_first() -> None:
    asked = ("days", "refuse", "pay")
    assert handover_intents("escalate_reason_dispute", asked, True)[0] == "refuse"
    assert handover_intents("escalate_reason_dispute", ("days", "pay"), False) == ("days", "pay")
    assert handover_intents("escalate_reason_fraud", asked, False)[0] == "scam"
    assert handover_intents("escalate_reason_human", asked, True) == asked

