"""Course vectors for the semantic match, computed once and cached on disk.

Embedding documents is slow (multilingual-e5-small: about ten a second on two cores), so the
vectors are saved under `cache_dir` in a file named by a hash of the embedding model and of the
texts embedded: a changed catalogue or model gives a new file; an unchanged one loads at once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from bot.courses.catalogue import Course

log = logging.getLogger(__name__)

EmbedMany = Callable[[list[str]], list[list[float]]]


def embedding_text(course: Course) -> str:
    """What is embedded for a course: title, topics and description."""
    topics = ", ".join(topic.replace("_", " ") for topic in course.topics)
    return ". ".join(part for part in (course.title, topics, course.description) if part)


def cache_path(cache_dir: Path, model_id: str, texts: Sequence[str]) -> Path:
    key = hashlib.sha256(json.dumps([model_id, list(texts)]).encode()).hexdigest()[:16]
    return cache_dir / f"courses-{key}.npy"


def course_vectors(
    courses: Sequence[Course],
    embed_many: EmbedMany,
    *,
    cache_dir: Path | None,
    model_id: str,
) -> np.ndarray:
    """One float32 row per course, from the cache when the catalogue and model are unchanged."""
    texts = [embedding_text(course) for course in courses]
    path = cache_path(cache_dir, model_id, texts) if cache_dir else None
    if path is not None and path.exists():
        vectors = np.load(path)
        if vectors.shape[0] == len(texts):
            return vectors
    started = time.perf_counter()
    vectors = np.asarray(embed_many(texts), dtype=np.float32).reshape(len(texts), -1)
    log.info("embedded %d courses in %.1f s", len(texts), time.perf_counter() - started)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, vectors)
    return vectors
