"""Vectors and fitted weights cached on disk, in a file named by a hash of the embedding model
and of the texts: a changed text or model gives a new file, an unchanged one loads at once.

Each file is written whole or not at all (a start stopped half-way leaves no broken cache), and
a file that cannot be read is computed again rather than stopping the start.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np


def cache_file(
    cache_dir: Path | None, prefix: str, model_id: str, texts: Sequence[str]
) -> Path | None:
    """Where the vectors of `texts` by `model_id` are kept (None: no cache)."""
    if cache_dir is None:
        return None
    key = hashlib.sha256(json.dumps([model_id, list(texts)]).encode()).hexdigest()[:16]
    return cache_dir / f"{prefix}-{key}.npy"


def read(path: Path | None) -> np.ndarray | None:
    """An array cached earlier, or None (none yet, or a file left unreadable)."""
    if path is None or not path.exists():
        return None
    try:
        return np.asarray(np.load(path))
    except (OSError, ValueError, EOFError):
        return None


def write(path: Path | None, array: np.ndarray) -> None:
    """Save `array` at `path` through a temporary file, so readers never see half of it."""
    if path is None:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f"{path.name}.{os.getpid()}.partial")
    with partial.open("wb") as out:
        np.save(out, array)
    os.replace(partial, path)


def cached_vectors(
    cache_dir: Path | None,
    prefix: str,
    model_id: str,
    texts: Sequence[str],
    embed: Callable[[list[str]], Sequence[Sequence[float]]],
) -> np.ndarray:
    """One float32 row per text: from the cache when texts and model are unchanged, else
    embedded (`embed`) and cached."""
    path = cache_file(cache_dir, prefix, model_id, texts)
    vectors = read(path)
    if vectors is not None and vectors.shape[0] == len(texts):
        return vectors
    vectors = np.asarray(embed(list(texts)), dtype=np.float32).reshape(len(texts), -1)
    write(path, vectors)
    return vectors
