"""Whether the answer depends on the learner's country or region (`Triage.country_dependent`,
`Triage.region_dependent`): read from where the best passages come from."""

from __future__ import annotations

import pytest

from bot.guidance.retrieval import Hit, SearchResult
from bot.guidance.triage import Triage


def _found(*countries: str) -> SearchResult:
    hits = [Hit(f"c{i}", "fact", {"country": c}, 0.0, 0.9) for i, c in enumerate(countries)]
    return SearchResult(hits, [])


@pytest.mark.parametrize(
    "text",
    [
        "¿Con cuánta antelación tengo que avisar a la empresa?",  # what the learner must do
        "Combien d'argent est-ce que je peux avoir chaque année ?",
    ],
)
def test_one_countrys_rules_for_an_own_question_without_a_place_depend_on_it(
    triage: Triage, text: str
) -> None:
    # The language a learner writes in does not say where they work.
    assert triage.country_dependent(text, _found("ES", "ES", "EU", "ES", "EU", "EU"))
    assert not triage.country_dependent(text, _found("EU", "EU", "ES", "EU"))
    assert not triage.country_dependent("What is ESCO?", _found("ES", "ES", "EU"))


def test_rules_of_regions_among_the_best_passages_depend_on_the_region() -> None:
    def found(*regions: str) -> SearchResult:
        hits = [
            Hit(f"c{i}", "text", {"region": r, "kind": "fact"}, 1.0, 0.8)
            for i, r in enumerate(regions)
        ]
        return SearchResult(hits, [])

    # two Länder's rules: which one is the learner's?
    assert Triage.region_dependent(found("DE-BY", "", "DE-NW"))
    # one Land's statement among the three best ("Bavaria has no Bildungsurlaub law", to "my
    # boss says I have no right to it: true?"): it may not be the learner's Land
    assert Triage.region_dependent(found("", "", "DE-BY", ""))
    # the country's own rules ("Qualifizierungsgeld"), a region's far down
    assert not Triage.region_dependent(found("", "", "", "", "DE-BY"))
