"""A learned check for messages a counsellor should take: logistic regression on message vectors.

Patterns and example phrases miss a handover told in words nobody listed ("my team leader
laughed at me, now my request is on hold forever"). This model learns from labelled learner
messages (`knowledge/_triage/labelled-messages.jsonl`: text and expected decision) what such
messages have in common in the embedding space, whatever their words or language. It only says
"escalate" or nothing; it is trained at start-up (well under a second) on vectors cached per
model, and numpy is all it needs.

Measured by leaving out each set of labelled messages in turn (README; the general questions
and own-case reports added for issue 15 left out one language at a time): at probability 0.65 it
finds 111 of 138 handovers and wrongly hands over 7 of 264 other messages (0.7 found 104 and 6),
with 0.9 asked of a message triage reads as a general question about the rules
(`knowledge/_triage/signals.yaml`, `general_question`). The ordinary conversational messages
among them ("can you answer in Polish?", "my boss agreed, what next?") and the general questions
("may my employer refuse?") keep it from taking every personal message for a handover.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.guidance import vector_cache
from bot.guidance.vector_cache import cached_vectors

THRESHOLD = 0.65  # probability from which a message goes to a person
_L2 = 1e-3
_STEPS = 3000
_RATE = 0.5


def _rows(path: Path) -> list[tuple[str, str]]:
    """(text, expected decision) for each labelled message of a JSON-lines file."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [(row["text"], row["expect"]) for row in rows]


@dataclass(frozen=True)
class Labelled:
    """The messages of one labelled file, their decisions and their vectors: embedded once,
    cached per embedding model and texts, and shared by every model fitted on them."""

    texts: tuple[str, ...]
    decisions: tuple[str, ...]
    vectors: np.ndarray

    @classmethod
    def load(
        cls,
        path: Path,
        embed_query: Callable[[str], list[float]],
        cache_dir: Path | None = None,
        model_id: str = "",
    ) -> Labelled:
        rows = _rows(path)
        texts = [text for text, _ in rows]
        vectors = cached_vectors(
            cache_dir, path.stem, model_id, texts, lambda many: [embed_query(t) for t in many]
        )
        return cls(tuple(texts), tuple(expect for _, expect in rows), vectors)


class EscalationModel:
    """p(the message needs a person | its vector), fitted on labelled messages; or, built with
    another `decision`, p(the message is labelled so): `fit(..., decision="out_of_scope")`
    learns what lies outside adult-learning guidance ("my phone fell in water", "when do I get
    my state pension?") from the same messages."""

    def __init__(
        self,
        vectors: np.ndarray,
        needs_person: Sequence[bool],
        positive_weight: float | None = None,
        cache_dir: Path | None = None,
    ) -> None:
        """`positive_weight`: how much more a labelled message of the decision counts than one
        of the others; by default as much more as they are fewer (a missed handover costs more
        than an unneeded one: 178 handovers against 352 others weighed 2 to 1). Fitting is
        deterministic, so the weights are cached in `cache_dir` per vectors and labels (about
        1 s per 500 messages saved at each start)."""
        self._mean = vectors.mean(axis=0)
        x = self._prepare(vectors)
        y = np.asarray(needs_person, dtype=np.float32)
        if positive_weight is None:
            positive_weight = float((y == 0).sum() / max(1.0, float(y.sum())))
        fitted = hashlib.sha256(vectors.tobytes() + y.tobytes())
        fitted.update(repr((positive_weight, _STEPS, _RATE, _L2)).encode())
        cache = cache_dir / f"learned-{fitted.hexdigest()[:16]}.npy" if cache_dir else None
        saved = vector_cache.read(cache)
        if saved is not None and saved.shape == (x.shape[1] + 1,):
            self._w, self._b = saved[:-1].astype(np.float32), float(saved[-1])
            return
        weight = np.where(y == 1, positive_weight, 1.0)
        w, b = np.zeros(x.shape[1], dtype=np.float32), 0.0
        for _ in range(_STEPS):  # plain gradient descent: convex, deterministic, no library
            p = 1 / (1 + np.exp(-(x @ w + b)))
            gradient = (p - y) * weight
            w -= _RATE * (x.T @ gradient / len(y) + _L2 * w)
            b -= _RATE * float(gradient.mean())
        self._w, self._b = w, b
        vector_cache.write(cache, np.append(w.astype(np.float64), b))  # (b exactly, as fitted)

    def _prepare(self, vectors: np.ndarray) -> np.ndarray:
        centred = np.atleast_2d(vectors) - self._mean
        return centred / np.linalg.norm(centred, axis=1, keepdims=True)

    def probability(self, vector: Sequence[float]) -> float:
        x = self._prepare(np.asarray(vector, dtype=np.float32))
        return float(1 / (1 + np.exp(-(x @ self._w + self._b)))[0])

    @classmethod
    def fit(
        cls,
        labelled: Sequence[Labelled],
        decision: str = "escalate",
        positive_weight: float | None = None,
        cache_dir: Path | None = None,
    ) -> EscalationModel | None:
        """The model of `decision` on these labelled messages, or None without both kinds."""
        kinds = [d == decision for one in labelled for d in one.decisions]
        if len(set(kinds)) < 2:
            return None
        vectors = np.concatenate([one.vectors for one in labelled])
        return cls(vectors, kinds, positive_weight, cache_dir)

    @classmethod
    def from_file(
        cls,
        path: Path,
        embed_query: Callable[[str], list[float]],
        cache_dir: Path | None = None,
        model_id: str = "",
    ) -> EscalationModel | None:
        """The escalation model for the labelled messages in `path`, or None without both
        kinds."""
        return cls.fit(
            [Labelled.load(path, embed_query, cache_dir, model_id)], cache_dir=cache_dir
        )
