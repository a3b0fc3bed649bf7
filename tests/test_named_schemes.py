"""A scheme the message names by a name of its own ("curriculum europeo": Europass) has its
facts among those a reply may quote, though a long story found others closer; kinds of scheme
("training leave", "Bildungsurlaub": many documents') name none."""

from __future__ import annotations

from bot.guidance.compose import Place, Question, plan_answer, question_intents
from bot.guidance.compose.score import SHORT_NAME_BONUS, Scorer
from bot.guidance.folding import fold
from bot.guidance.places import PlaceFinder
from bot.guidance.retrieval import SearchResult
from bot.guidance.searching import _named_documents
from bot.guidance.understanding import Understanding
from bot.services import Services
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
    docs = ["eu/europass.md", "eu/rights.md", "be/vov.md"]
    assert facts.named_documents("mio figlio dice: fai un curriculum europeo", docs) == [
        "eu/europass.md"
    ]
    # ("training leave" is in another document's names: a kind of leave, not one scheme)
    assert facts.named_documents("Can I get training leave?", docs) == []
    assert facts.named_documents("I want Flemish training leave", docs) == ["be/vov.md"]


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


def test_a_document_whose_names_alone_were_found_is_searched_on_its_own(
    small_services: Services,
) -> None:
    # (the real small index: a long story found the CPF's "also called" line and none of its
    # facts; the message names it, so its own facts are searched)
    retriever = small_services.engine.retriever
    facts = small_services.engine.facts(retriever)
    text = "J'habite à Naples, mon fils dit que j'ai un compte personnel de formation. Et alors ?"
    vector = retriever.embed_query(text)
    alias = [h for h in retriever.search(text, vector, k=40).hits if h.meta["kind"] == "alias"]
    assert alias
    u = Understanding(text, "fr", "IT", None, ("IT",), (), {}, retriever)
    found = _named_documents(u, text, vector, SearchResult(alias[:1], []), facts)
    cpf = [h for h in found.hits if h.meta["source"] == "fr/cpf.md" and h.meta["kind"] == "fact"]
    assert cpf
    assert all(h.similarity > 0 for h in cpf)
    # ... and a message that does not name it searches nothing more
    u = Understanding("Et alors ?", "fr", "IT", None, ("IT",), (), {}, retriever)
    assert _named_documents(u, text, vector, SearchResult(alias[:1], []), facts).hits == alias[:1]



def test_a_named_eu_tool_counts_more_where_it_answers_the_first_ask(places: PlaceFinder) -> None:
    # ("curriculum europeo ... come si fa?": how to use it, which Italy's own facts, closer to
    # a story about Naples, would otherwise crowd out)
    editor = hit(7, "EU, Europass: the CV editor and the cover-letter editor work without an"
                 " account.", 0.815, country="EU", doc="eu/europass.md")  # fmt: skip
    hits = [*_hits(), editor]
    facts = index(hits, places)

    def score(text: str) -> float:
        question = Question(question_intents(text), Place("IT"), text=fold(text))
        return Scorer(SearchResult(hits, []), question, facts)(editor)

    named = score("Napoli. Mio figlio dice che devo fare un curriculum europeo. Come si fa?")
    unnamed = score("Napoli. Mio figlio dice che devo fare un CV per lavoro. Come si fa?")
    assert named - unnamed >= SHORT_NAME_BONUS - 1e-9
    # (not for what it answers second: "is it paid?" first)
    second = score("Napoli, un curriculum europeo: si paga? E come si fa?")
    plain = score("Napoli, un CV per lavoro: si paga? E come si fa?")
    assert second == plain
