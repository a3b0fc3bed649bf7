"""The vector store of an index: langchain's Chroma, plus a lean nearest-neighbour query.

Imported when an index is opened (it loads chromadb), never at start-up.
"""

from __future__ import annotations

from typing import Any

from langchain_chroma import Chroma


class KnowledgeStore(Chroma):
    """Chroma as LangChain wraps it (ingest adds and deletes through it), with `nearest`.

    The retriever keeps every chunk's text and metadata in memory; reading them back from
    Chroma's SQLite for each query took 2.5 of the 4 ms a search took, so `nearest` asks for
    ids and distances only.
    """

    def nearest(
        self, vector: list[float], k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]:
        """The ids of the `k` closest chunks (within `where`), with their cosine distance."""
        found = self._collection.query(
            query_embeddings=vector, n_results=k, where=where, include=["distances"]
        )
        distances = (found["distances"] or [[]])[0]
        return list(zip(found["ids"][0], distances, strict=True))
