"""How close is close enough, per embedding model: cosine scores are model-specific (e5 bunches
near 0.8), so triage's bars are set for each one and measured (README, "Measured figures")."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Thresholds:
    """Per embedding model: cosine scores are model-specific (e5 bunches near 0.8)."""

    off_topic: float  # below this, nothing in the knowledge base is even related
    min_similarity: float  # below this, the knowledge base has no confident answer
    example_similarity: float  # an example phrase at least this close ...
    example_margin: float  # ... and this much closer than any ordinary question decides
    relevance_window: float  # answers quote facts at most this much below the best match
    # A message in another language than the knowledge base's English scores this much lower
    # against the same facts, so its bar of confidence is this much lower too.
    other_language: float = 0.0
    # When the best fact is one of the learner's own place's rules, a little less (a short
    # message names little more than the place and the ask).
    own_place: float = 0.0
    # A message at least this likely to be outside guidance (`learned`, on the labelled
    # messages) and no closer than this to the knowledge base is refused (1.0: never).
    outside: float = 1.0
    outside_relevance: float = 0.0


THRESHOLDS: dict[str, Thresholds] = {
    # Calibrated on the dev questions plus off-topic probes (bench/ and README): in-domain
    # questions scored >= 0.835, off-topic ones <= 0.81; no ordinary question was closer to an
    # escalation example than to an ordinary one by more than 0.014.
    "e5": Thresholds(
        off_topic=0.815,
        min_similarity=0.83,
        example_similarity=0.84,
        example_margin=0.025,
        relevance_window=0.05,
        # (answered messages of the evaluation sets, 2026-12-07: median top similarity 0.897
        # in English, 0.86 to 0.87 in the seven others)
        other_language=0.01,
        # ("Mam 45 lat i pracuję w Sztokholmie. Czy mogę wziąć urlop na studia?": 0.820 for
        # Sweden's study leave; in the evaluation sets, no message this close and this far
        # from the bar was one to hand over for want of an answer)
        own_place=0.01,
        # (2026-12-07: of 64 off-topic messages a helper wrote blind, 55 refused in all, with
        # the signals and the bar above; of 24 short questions of the field with no words of
        # it, 1 ("how much money is left on my account"); none of the evaluation sets' 500
        # in-scope messages)
        outside=0.6,
        outside_relevance=0.86,
    ),
    "use": Thresholds(
        off_topic=0.15,
        min_similarity=0.25,
        example_similarity=0.55,
        example_margin=0.05,
        relevance_window=0.1,
    ),
    "openai": Thresholds(
        off_topic=0.2,
        min_similarity=0.3,
        example_similarity=0.6,
        example_margin=0.05,
        relevance_window=0.1,
    ),
}
