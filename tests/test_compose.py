"""Choosing and framing the facts of an offline answer (pure functions on retrieval results)."""

from __future__ import annotations

from bot.guidance.compose import number_sources, select_units
from bot.guidance.retrieval import Hit, SearchResult


def hit(
    i: int,
    body: str,
    similarity: float,
    *,
    country: str = "FR",
    kind: str = "fact",
    doc: str = "fr/a.md",
    section: str | None = None,
) -> Hit:
    meta = {
        "country": country,
        "kind": kind,
        "source": doc,
        "title": doc,
        "url": "https://x.org",
        "updated": "2026-02-28",
        "section": section or f"{doc}#{i}",
    }
    return Hit(f"c{i}", body, meta, 1.0 / (60 + i), similarity)


def bodies(hits: list[Hit]) -> list[str]:
    return [h.body for h in hits]


def test_aliases_are_never_quoted_and_summaries_only_open_an_answer() -> None:
    result = SearchResult(
        [
            hit(0, "Also called: CPF, compte personnel de formation", 0.90, kind="alias"),
            hit(1, "France, CPF: €500 a year up to €5,000.", 0.89),
            hit(2, "In short: the CPF is a training account.", 0.89, kind="summary"),
            hit(3, "France, CPF: €800 a year without a qualification.", 0.88),
        ],
        [],
    )
    assert bodies(select_units(result)) == [
        "France, CPF: €500 a year up to €5,000.",
        "France, CPF: €800 a year without a qualification.",
    ]
    opening = SearchResult(
        [
            hit(2, "In short: the CPF is a training account.", 0.9, kind="summary"),
            hit(1, "France, CPF: €500 a year.", 0.89),
        ],
        [],
    )
    assert bodies(select_units(opening))[0].startswith("In short")


def test_facts_far_below_the_best_match_are_left_out() -> None:
    result = SearchResult(
        [
            hit(0, "close fact one", 0.90),
            hit(1, "close fact two", 0.87),
            hit(2, "weak fact", 0.84),
        ],
        [],
    )
    assert bodies(select_units(result, window=0.04)) == ["close fact one", "close fact two"]


def test_national_rules_come_before_weaker_eu_wide_ones() -> None:
    result = SearchResult(
        [
            hit(0, "France, PTP: salary kept up to 2 times the SMIC.", 0.84),
            hit(
                1,
                "EU: learning accounts pay for listed training.",
                0.83,
                country="EU",
                doc="eu.md",
            ),
            hit(2, "ILO C140 gives no individual right.", 0.86, country="INT", doc="ilo.md"),
        ],
        [],
    )
    chosen = select_units(result, country="FR", window=0.05)
    assert bodies(chosen) == [
        "France, PTP: salary kept up to 2 times the SMIC.",
        "ILO C140 gives no individual right.",
    ]


def test_lexical_only_matches_count_only_near_the_top() -> None:
    words = ["alpha", "bravo", "charlie", "delta", "echo"]
    result = SearchResult(
        [hit(0, "strong dense fact", 0.9)]
        + [hit(i, f"lexical {words[i - 1]}", 0.0) for i in range(1, 6)],
        [],
    )
    assert bodies(select_units(result)) == ["strong dense fact", "lexical alpha", "lexical bravo"]


def test_near_duplicates_and_one_section_flooding_are_avoided() -> None:
    same = "France, CPF: employees get €500 a year, up to €5,000 in total."
    result = SearchResult(
        [hit(0, same, 0.9), hit(1, same.replace("in total", "overall"), 0.9)]
        + [
            hit(i, f"{word} rule", 0.9, section="fr/a.md#s")
            for i, word in enumerate(
                ["ceiling", "pro-rata", "disability", "public", "self-employed"], 2
            )
        ],
        [],
    )
    chosen = select_units(result)
    assert same in bodies(chosen)
    assert sum(1 for h in chosen if h.meta["section"] == "fr/a.md#s") == 3
    assert len(chosen) == 4


def test_sources_are_numbered_per_document_in_order_of_first_use() -> None:
    hits = [
        hit(0, "a", 0.9, doc="fr/a.md"),
        hit(1, "b", 0.9, doc="eu/b.md", country="EU"),
        hit(2, "c", 0.9, doc="fr/a.md"),
    ]
    ordered, sources = number_sources(hits)
    assert [(h.body, n) for h, n in ordered] == [("a", 1), ("c", 1), ("b", 2)]
    assert [s.title for s in sources] == ["fr/a.md", "eu/b.md"]
