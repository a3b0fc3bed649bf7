"""A scheme the message names by a name of its own ("curriculum europeo": Europass) has its
facts among those a reply may quote, though a long story found others closer; kinds of scheme
("training leave", "Bildungsurlaub": many documents') name none."""

from __future__ import annotations

from bot.guidance.compose import Place, Question, plan_answer, question_intents
from bot.guidance.folding import fold
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import SearchResult
from tests.test_compose import hit, index

EUROPASS = "Also called: Europass, European CV, curriculum europeo."
KINDS = "Also called: training leave, study leave, Bildungsurlaub."


def _hits() -> list:  # type: ignore[type-arg]
    return [
        hit(0, "Italy, congedo per la formazione: it can be used to finish compulsory schooling.",
            0.841, country="IT", doc="it/congedo.md"),
        hit(1, "Italy, congedo per la formazione: you need 5 years with the same employer.",
            0.840, country="IT", doc="it/congedo.md"),
        hit(2, EUROPASS, 0.826, country="EU", kind="alias", doc="eu/europass.md"),
        hit(3, "EU, Europass: you can write your CV in 29 languages, with several templates.",
            0.826, country="EU", doc="eu/europass.md"),
        hit(4, KINDS, 0.82, country="EU", kind="alias", doc="eu/rights.md"),
        hit(5, "Also called: Flemish training leave, Vlaams opleidingsverlof.", 0.8,
            country="BE", kind="alias", region="BE-VLG", doc="be/vov.md"),
    ]  # fmt: skip


def test_a_name_of_its_own_names_a_document_a_kind_of_scheme_does_not(
    places: PlaceFinder,
) -> None:
    facts = index(_hits(), places)
    assert facts.names_document("mio figlio dice: fai un curriculum europeo", "eu/europass.md")
    # ("training leave" is in another document's names: a kind of leave, not one scheme)
    assert not facts.names_document("Can I get training leave?", "eu/rights.md")
    assert facts.names_document("I want Flemish training leave", "be/vov.md")


def test_a_named_eu_instrument_is_quoted_beside_national_rules(places: PlaceFinder) -> None:
    hits = _hits()
    facts = index(hits, places)
    text = "Napoli, cassa integrazione. Mio figlio dice che devo fare un curriculum europeo. Come?"
    question = Question(question_intents(text), Place("IT"), text=fold(text))
    plan = plan_answer(SearchResult(hits, []), question, facts)
    shown = [plan.lead, *plan.support]
    assert any(h is not None and h.meta["source"] == "eu/europass.md" for h in shown)
    # (the same story without the name gets Italy's rules alone)
    other = "Napoli, cassa integrazione. Mio figlio dice che devo fare qualcosa. Come?"
    question = Question(question_intents(other), Place("IT"), text=fold(other))
    plan = plan_answer(SearchResult(hits, []), question, facts)
    assert all(h.meta["source"] != "eu/europass.md" for h in [plan.lead, *plan.support] if h)
