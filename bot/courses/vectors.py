"""Course vectors for the semantic match, computed once and cached on disk.

Embedding documents is slow (multilingual-e5-small: about ten a second on two cores), so the
vectors are saved under `cache_dir` in a file named by a hash of the embedding model and of the
texts embedded: a changed catalogue or model gives a new file; an unchanged one loads at once.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from bot.courses.catalogue import Course
from bot.guidance.vector_cache import cached_vectors

log = logging.getLogger(__name__)

EmbedMany = Callable[[list[str]], list[list[float]]]


def embedding_text(course: Course) -> str:
    """What is embedded for a course: title, topics and description."""
    topics = ", ".join(topic.replace("_", " ") for topic in course.topics)
    return ". ".join(part for part in (course.title, topics, course.description) if part)


def course_vectors(
    courses: Sequence[Course],
    embed_many: EmbedMany,
    *,
    cache_dir: Path | None,
    model_id: str,
) -> np.ndarray:
    """One float32 row per course, from the cache when the catalogue and model are unchanged."""
    texts = [embedding_text(course) for course in courses]
    started = time.perf_counter()

    def embed(many: list[str]) -> list[list[float]]:
        embedded = embed_many(many)
        log.info("embedded %d courses in %.1f s", len(many), time.perf_counter() - started)
        return embedded

    return cached_vectors(cache_dir, "courses", model_id, texts, embed)
