"""Shared fixtures: the real embedding model and real small indexes built in temporary folders."""

from __future__ import annotations

import copy
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT, Settings
from bot.guidance.embeddings import E5Embeddings
from bot.guidance.language import Strings
from bot.guidance.places import PlaceFinder
from bot.services import (
    ChromaIndexes,
    Services,
    build_services,
    document_limits,
    live_index,
    parse_bounds,
    run_ingest,
)

FIXTURE_KB = Path(__file__).parent / "fixtures" / "kb"
# The document limits and the reading worker's bounds of the default settings.
LIMITS = document_limits(Settings(_env_file=None))  # type: ignore[call-arg]
BOUNDS = parse_bounds(Settings(_env_file=None))  # type: ignore[call-arg]


@pytest.fixture(scope="session")
def embeddings() -> E5Embeddings:
    """One real multilingual-e5 model for the whole test session (loading it is cheap)."""
    return E5Embeddings()


@pytest.fixture(scope="session")
def triage(embeddings: E5Embeddings, tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Triage built from the shipped `knowledge/_triage/` data, once."""
    from bot.guidance.thresholds import THRESHOLDS
    from bot.guidance.triage import Triage

    return Triage(
        PROJECT_ROOT / "knowledge" / "_triage",
        embeddings.embed_documents,
        THRESHOLDS["e5"],
        cache_dir=tmp_path_factory.mktemp("triage-cache"),
    )


def make_settings(tmp: Path, knowledge: Path, **overrides: object) -> Settings:
    return Settings(
        _env_file=None,  # type: ignore[call-arg]
        data_dir=tmp / "data",
        knowledge_dir=knowledge,
        **overrides,  # type: ignore[arg-type]
    )


def copy_kb(target: Path) -> Path:
    """A writable copy of the small test knowledge base, with the real triage data."""
    shutil.copytree(FIXTURE_KB, target)
    shutil.copytree(PROJECT_ROOT / "knowledge" / "_triage", target / "_triage")
    return target


@pytest.fixture(scope="session")
def small_services(
    tmp_path_factory: pytest.TempPathFactory, embeddings: E5Embeddings
) -> Iterator[Services]:
    """Services over a real index of the small test knowledge base (built once)."""
    tmp = tmp_path_factory.mktemp("small")
    settings = make_settings(tmp, copy_kb(tmp / "knowledge"))
    report = run_ingest(settings, embeddings=embeddings)
    assert not report.failed, report.summary()
    return build_services(settings, embeddings=embeddings)


@pytest.fixture(scope="session")
def engine(small_services: Services):  # type: ignore[no-untyped-def]
    return small_services.engine


@pytest.fixture
def fresh_services(tmp_path: Path, small_services: Services) -> Iterator[Services]:
    """Services over a writable copy of the small knowledge base and its index, for tests that
    change them (files are copied; the engine's models are shared with `small_services`)."""
    source = small_services.settings
    shutil.copytree(source.knowledge_dir, tmp_path / "knowledge")
    shutil.copytree(source.index_dir, tmp_path / "data" / "index")
    settings = make_settings(tmp_path, tmp_path / "knowledge")
    live = live_index(settings)
    assert live is not None
    store = ChromaIndexes(settings, small_services.embeddings).open(live)
    engine = copy.copy(small_services.engine)
    engine.retriever = small_services.engine.retriever.sibling(store, live.name)
    services = Services(settings, small_services.embeddings, store, engine)
    yield services
    services.close()


@pytest.fixture(scope="session")
def whisper(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """The shipped Whisper base model, joined into a temporary cache and loaded once."""
    from bot.speech.whisper import WhisperTranscriber

    transcriber = WhisperTranscriber(tmp_path_factory.mktemp("speech-models"))
    transcriber.load()
    return transcriber


@pytest.fixture(scope="session")
def strings() -> Strings:
    """The shipped interface texts and place names (read-only)."""
    return Strings()


@pytest.fixture(scope="session")
def places() -> PlaceFinder:
    """The place finder over the gazetteer and the hand-written names (read-only)."""
    return PlaceFinder()
