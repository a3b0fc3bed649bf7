"""The hybrid search on a real small index: filtering by place, the lexical side, merging."""

from __future__ import annotations

from bot.guidance.retrieval import Hit, SearchResult


def test_retrieval_filters_by_country_and_region(small_services) -> None:
    retriever = small_services.engine.retriever
    vector = retriever.embed_query("days of paid leave for training")
    result = retriever.search(
        "days of paid leave for training", vector, country="DE", region="DE-NW", k=20
    )
    countries = {h.meta["country"] for h in result.hits}
    regions = {h.meta["region"] for h in result.hits}
    assert countries <= {"DE", "EU", "INT"}
    assert regions <= {"", "DE-NW"}
    assert any(h.meta["region"] == "DE-NW" for h in result.hits)
    everywhere = retriever.search("days of paid leave for training", vector, k=20)
    assert {"DE", "ES"} <= {h.meta["country"] for h in everywhere.hits}
    # the region's own documents alone (a comparison searches the learner's own region so)
    query = "days of paid leave for training"
    own = retriever.search(query, vector, country="DE", region="DE-NW", k=20, only_region=True)
    assert own.hits
    assert {h.meta["region"] for h in own.hits} == {"DE-NW"}
    # ... and the documents of no region alone (the country's and EU-wide ones)
    national = retriever.search(query, vector, country="DE", region="", k=20, only_region=True)
    assert national.hits
    assert {h.meta["region"] for h in national.hits} == {""}


def test_a_search_within_one_document(small_services) -> None:
    # (a scheme the message names, crowded out by the rest of a long message)
    retriever = small_services.engine.retriever
    query = "days of paid leave for training"
    result = retriever.search(query, retriever.embed_query(query), k=20, source="fr/cpf.md")
    assert result.hits
    assert {h.meta["source"] for h in result.hits} == {"fr/cpf.md"}


def test_lexical_search_finds_a_scheme_name(small_services) -> None:
    retriever = small_services.engine.retriever
    query = "Bildungszeit"
    result = retriever.search(query, retriever.embed_query(query), k=3)
    assert result.hits[0].meta["region"] == "DE-BW"


def test_a_hit_two_searches_found_keeps_the_closeness_one_measured() -> None:
    # The national search found the EU summary by its words only (closeness 0); the EU
    # search measured it: merged, it keeps its place and that closeness.
    lexical = Hit("s", "In short: ...", {}, 0.016, 0.0)
    national = SearchResult([Hit("n", "Netherlands ...", {}, 0.03, 0.84), lexical], [])
    eu = SearchResult(
        [Hit("s", "In short: ...", {}, 0.03, 0.823), Hit("e", "EU ...", {}, 0.02, 0.82)], []
    )
    merged = national.merged(eu)
    assert [(h.id, h.similarity) for h in merged.hits] == [("n", 0.84), ("s", 0.823), ("e", 0.82)]


def test_a_region_whose_scheme_is_named_but_whose_rules_are_crowded_out_is_searched_alone() -> (
    None
):
    # "Ik werk in Luik ... betaald educatief verlof?": Wallonia's "also called" line was found,
    # none of its rules (the Belgian overview crowded them out).
    from bot.guidance.searching import _named_unfound

    alias = Hit(
        "a",
        "Also called: congé-éducation payé, betaald educatief verlof",
        {"region": "BE-WAL", "kind": "alias"},
        0.03,
        0.83,
    )
    overview = Hit("o", "In short: in Belgium ...", {"region": "", "kind": "summary"}, 0.03, 0.85)
    rule = Hit(
        "r",
        "Belgium, Wallonia, CEP: full-time workers can use it.",
        {"region": "BE-WAL", "kind": "fact"},
        0.02,
        0.82,
    )
    assert _named_unfound(SearchResult([overview, alias], []), "BE-WAL")
    assert not _named_unfound(SearchResult([overview, alias, rule], []), "BE-WAL")
    assert not _named_unfound(SearchResult([overview], []), "BE-WAL")
