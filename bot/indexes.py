"""The index versions the bot answers from: which one is live, and each one's vector store.

`live_index(settings)` is the one place the CLI, the bot and the tests find the live index
through (`ingest.versions` keeps the folders and the `CURRENT` pointer). `ChromaIndexes` opens,
copies and drops the Chroma store of a version: a folder each with embedded Chroma, a
collection each on a Chroma server.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
from langchain_core.embeddings import Embeddings

from bot.config import Settings
from bot.guidance.embeddings import model_id_of
from ingest.documents import CHUNKER_VERSION
from ingest.indexer import read_manifest
from ingest.versions import LEGACY, IndexVersions, Version

COLLECTION = "knowledge"


def build_vector_store(
    settings: Settings, embeddings: Embeddings, index_dir: Path, collection: str = COLLECTION
) -> Any:
    """Chroma: embedded and persistent under `index_dir`, or a server when CHROMA_HOST is set."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    from bot.guidance.vectors import KnowledgeStore

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
    return KnowledgeStore(
        collection_name=collection,
        embedding_function=embeddings,
        client=client,
        collection_metadata={"hnsw:space": "cosine", "embedding_model": model_id_of(embeddings)},
    )


def live_index(settings: Settings) -> Version | None:
    """The live index version: the one place CLI, bot and tests find the index through."""
    return IndexVersions(settings.index_dir).live()


class ChromaIndexes:
    """The vector store of each index version: a folder each (embedded Chroma), or a
    collection each on a Chroma server (CHROMA_HOST)."""

    COPY_BATCH = 500

    def __init__(self, settings: Settings, embeddings: Embeddings) -> None:
        self.settings = settings
        self.embeddings = embeddings
        self.model_id = model_id_of(embeddings)

    def _collection(self, version: Version) -> str:
        if not self.settings.chroma_host or version.name == LEGACY:
            return COLLECTION
        return f"{COLLECTION}-{version.name}"

    def open(self, version: Version) -> Any:
        return build_vector_store(
            self.settings, self.embeddings, version.path, self._collection(version)
        )

    def populate(self, source: Version | None, target: Version) -> None:
        """Copy the vectors of `source` into `target` (a server; folders are copied as files)."""
        if not self.settings.chroma_host or source is None:
            return
        source_store, target_store = self.open(source), self.open(target)
        data = source_store._collection.get(include=["embeddings", "documents", "metadatas"])
        ids = data["ids"]
        for start in range(0, len(ids), self.COPY_BATCH):
            end = start + self.COPY_BATCH
            target_store._collection.add(
                ids=ids[start:end],
                embeddings=data["embeddings"][start:end],
                documents=data["documents"][start:end],
                metadatas=data["metadatas"][start:end],
            )
        self.close(source_store)
        self.close(target_store)

    def close(self, store: Any) -> None:
        client = getattr(store, "_client", None)
        if client is not None and hasattr(client, "close"):
            client.close()
        # chromadb's HTTP client leaves its connection pool open when its system stops.
        session = getattr(getattr(client, "_server", None), "_session", None)
        if isinstance(session, httpx.Client):
            session.close()

    def drop(self, version: Version) -> None:
        if not self.settings.chroma_host:
            return  # the folder goes with the version
        store = self.open(version)
        try:
            store.delete_collection()
        finally:
            self.close(store)


def index_is_current(settings: Settings, embeddings: Embeddings) -> bool:
    live = live_index(settings)
    manifest = read_manifest(live.path) if live else {}
    return (
        bool(manifest.get("files"))
        and manifest.get("model_id") == model_id_of(embeddings)
        and manifest.get("chunker") == CHUNKER_VERSION
    )
