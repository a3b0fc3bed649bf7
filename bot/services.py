"""The composition root: builds the real objects from `Settings` once, and closes them.

Nothing else in the project constructs embeddings, vector stores, chat models or the engine;
channels and commands receive them from here.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.embeddings import Embeddings

from bot.config import PROJECT_ROOT, Settings
from bot.guidance.compose import LLMComposer, Prompts
from bot.guidance.embeddings import E5Embeddings, UseEmbeddings, model_id_of, openai_embeddings
from bot.guidance.pipeline import Engine
from bot.guidance.retrieval import Retriever
from bot.guidance.triage import THRESHOLDS, Triage
from ingest.indexer import IngestReport, ingest, read_manifest

log = logging.getLogger(__name__)

COLLECTION = "knowledge"
PROMPTS_DIR = PROJECT_ROOT / "prompts"


def build_embeddings(settings: Settings) -> Embeddings:
    if settings.embeddings == "use":
        return UseEmbeddings()
    if settings.embeddings == "openai":
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        return openai_embeddings(settings.embeddings_model, key, settings.openai_base_url)
    return E5Embeddings()


def build_vector_store(settings: Settings, embeddings: Embeddings, index_dir: Path) -> Any:
    """Chroma: embedded and persistent under `index_dir`, or a server when CHROMA_HOST is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings
    from langchain_chroma import Chroma

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_host:
        client = chromadb.HttpClient(
            host=settings.chroma_host, port=settings.chroma_port, settings=chroma_settings
        )
    else:
        index_dir.mkdir(parents=True, exist_ok=True)
        client = chromadb.PersistentClient(
            path=str(index_dir / "chroma"), settings=chroma_settings
        )
    return Chroma(
        collection_name=COLLECTION,
        embedding_function=embeddings,
        client=client,
        collection_metadata={"hnsw:space": "cosine", "embedding_model": model_id_of(embeddings)},
    )


def run_ingest(
    settings: Settings, *, full: bool = False, embeddings: Embeddings | None = None
) -> IngestReport:
    """Bring the index in line with the knowledge folder (incremental unless `full`)."""
    embeddings = embeddings or build_embeddings(settings)
    store = build_vector_store(settings, embeddings, settings.index_dir)
    return ingest(
        settings.knowledge_dir, settings.index_dir, store, model_id_of(embeddings), full=full
    )


def index_is_current(settings: Settings, embeddings: Embeddings) -> bool:
    manifest = read_manifest(settings.index_dir)
    return bool(manifest.get("files")) and manifest.get("model_id") == model_id_of(embeddings)


def build_llm(settings: Settings) -> LLMComposer | None:
    if not settings.llm_enabled:
        return None
    from langchain_openai import ChatOpenAI

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "unused"
    model = ChatOpenAI(
        model=settings.llm_model,
        api_key=key,
        base_url=settings.openai_base_url,
        timeout=settings.llm_timeout,
        max_retries=1,
        temperature=0.1,
    )
    return LLMComposer(model, Prompts.load(PROMPTS_DIR))


@dataclass
class Services:
    settings: Settings
    embeddings: Embeddings
    store: Any
    engine: Engine


def build_services(settings: Settings, *, embeddings: Embeddings | None = None) -> Services:
    """Everything the channels need, built once at start-up."""
    # Imported here so that `guidebot ingest` does not load the language models.
    from bot.guidance.language import LanguageDetector, Strings
    from bot.guidance.places import PlaceFinder

    embeddings = embeddings or build_embeddings(settings)
    store = build_vector_store(settings, embeddings, settings.index_dir)
    retriever = Retriever(store, embeddings)
    triage = Triage(
        settings.knowledge_dir / "_triage",
        embeddings.embed_documents,
        THRESHOLDS[settings.embeddings],
        cache_dir=settings.data_dir / "cache",
        model_id=model_id_of(embeddings),
    )
    engine = Engine(
        retriever,
        Strings(),
        LanguageDetector(),
        PlaceFinder(),
        triage,
        llm=build_llm(settings),
        max_chars=settings.max_message_chars,
    )
    return Services(settings, embeddings, store, engine)
