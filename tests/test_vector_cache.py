"""Vectors cached on disk (`bot.guidance.vector_cache`): reused when texts and model are the same,
and a start stopped half-way, or a broken file, costs an embedding, not the start."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from bot.guidance.vector_cache import cache_file, cached_vectors


class Counting:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, texts: list[str]) -> list[list[float]]:
        self.calls += 1
        return [[float(len(text)), 1.0] for text in texts]


def test_vectors_are_embedded_once_then_read_back(tmp_path: Path) -> None:
    embed = Counting()
    first = cached_vectors(tmp_path, "labelled", "e5", ["a", "bb"], embed)
    again = cached_vectors(tmp_path, "labelled", "e5", ["a", "bb"], embed)
    assert embed.calls == 1
    assert np.array_equal(first, again)
    # other texts or another model: embedded anew
    cached_vectors(tmp_path, "labelled", "e5", ["a", "ccc"], embed)
    cached_vectors(tmp_path, "labelled", "use", ["a", "bb"], embed)
    assert embed.calls == 3
    assert not list(tmp_path.glob("*.partial"))  # (written whole, then moved into place)


def test_a_broken_cache_file_is_embedded_again(tmp_path: Path) -> None:
    path = cache_file(tmp_path, "labelled", "e5", ["a", "bb"])
    assert path is not None
    path.write_bytes(b"\x93NUMPY half a file")  # a start stopped while writing it
    embed = Counting()
    vectors = cached_vectors(tmp_path, "labelled", "e5", ["a", "bb"], embed)
    assert embed.calls == 1
    assert vectors.shape == (2, 2)
    assert np.array_equal(np.load(path), vectors)  # (and the file is whole again)
