"""The shipped knowledge base: valid front matter, sources, and no figure its sources lack."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.guidance.compose import unsupported_numbers
from ingest.documents import load_document
from ingest.indexer import discover

KNOWLEDGE = PROJECT_ROOT / "knowledge"
SOURCES = KNOWLEDGE / "_sources"
DOCUMENTS = sorted(discover(KNOWLEDGE))


def test_the_knowledge_base_covers_every_country_of_the_facts() -> None:
    countries = {load_document(p).meta.country for p in DOCUMENTS}
    assert {
        "EU",
        "FR",
        "DE",
        "AT",
        "BE",
        "NL",
        "IE",
        "IT",
        "ES",
        "PT",
        "PL",
        "FI",
        "SE",
        "SI",
        "SG",
    } <= countries


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.relative_to(KNOWLEDGE).as_posix())
def test_every_document_has_valid_front_matter_and_bullets(path: Path) -> None:
    doc = load_document(path)  # raises LoadError on missing or malformed front matter
    assert doc.meta.url.startswith("https://") or doc.meta.url.startswith("http://")
    assert doc.meta.updated.year >= 2025
    assert len(doc.blocks) >= 3


def test_no_document_states_a_figure_the_sources_do_not_have() -> None:
    """Every number in the knowledge base is in _sources/FACTS.md or the Partner Up summary."""
    sources = (SOURCES / "FACTS.md").read_text(encoding="utf-8")
    for seed in sorted(SOURCES.glob("*.txt")):
        sources += seed.read_text(encoding="utf-8")
    unsupported = {}
    for path in DOCUMENTS:
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        body = re.sub(r"https?://\S+", " ", body)  # links are sources, not figures
        extra = unsupported_numbers(body, sources)
        if extra:
            unsupported[path.relative_to(KNOWLEDGE).as_posix()] = sorted(extra)
    assert unsupported == {}
