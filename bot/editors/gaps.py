"""`/gaps`, `guidebot gaps`: what learners asked that the knowledge base could not answer.

The questions of the last 30 days (`bot.answer_log`: no user ids) are grouped by meaning: each
question joins the group whose centre is most similar, if similar enough, else starts one.
Groups come most frequent first, with a few of their questions and why they were gaps.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from bot.answer_log import Gap
from bot.editors.texts import Count, Say, english

# Cosine similarity above which two questions count as the same need, per embedding backend
# (e5 scores bunch high: unrelated questions still score about 0.75).
SAME_NEED = {"e5": 0.88, "use": 0.7, "openai": 0.6}
# Why a question is a gap; each has a text `editor_gap_<reason>`.
REASONS = ("no_answer", "no_rules", "low_confidence", "nothing_related", "unhelpful")


@dataclass
class GapGroup:
    questions: list[str] = field(default_factory=list)  # newest first, distinct
    count: int = 0
    reasons: Counter[str] = field(default_factory=Counter)
    countries: Counter[str] = field(default_factory=Counter)
    languages: Counter[str] = field(default_factory=Counter)
    last_seen: str = ""

    def describe(self, say: Say, examples: int = 3) -> str:
        head = f"×{self.count} «{self.questions[0]}»"
        lines = [head]
        lines += ["   " + say("editor_gap_also", question=q) for q in self.questions[1:examples]]
        if len(self.questions) > examples:
            more = Count(len(self.questions) - examples)
            lines.append("   " + say("editor_gap_more_wordings", n=more))
        why = ", ".join(
            f"{say(f'editor_gap_{r}') if r in REASONS else r} ×{n}"
            for r, n in self.reasons.most_common()
        )
        where = ", ".join(c for c, _ in self.countries.most_common() if c)
        langs = ", ".join(lang for lang, _ in self.languages.most_common() if lang)
        where = where or say("editor_gap_country_unknown")
        last = say("editor_gap_last", date=self.last_seen[:10])
        lines.append(f"   {why}; {where}; {langs}; {last}")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "count": self.count,
            "questions": self.questions,
            "reasons": dict(self.reasons),
            "countries": dict(self.countries),
            "languages": dict(self.languages),
            "last_seen": self.last_seen,
        }


def group_gaps(
    gaps: Sequence[Gap],
    embed: Callable[[list[str]], list[list[float]]],
    threshold: float,
) -> list[GapGroup]:
    """Group `gaps` (newest first) by similar meaning; most frequent group first."""
    if not gaps:
        return []
    texts = list(dict.fromkeys(" ".join(g.question.split()) for g in gaps))
    vectors = np.asarray(embed(texts), dtype=np.float32)
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    sums: list[np.ndarray] = []
    group_of: dict[str, int] = {}
    for text, vector in zip(texts, vectors, strict=True):
        best, best_score = -1, threshold
        for index, total in enumerate(sums):
            centre = total / max(float(np.linalg.norm(total)), 1e-12)
            score = float(centre @ vector)
            if score >= best_score:
                best, best_score = index, score
        if best < 0:
            sums.append(vector.copy())
            best = len(sums) - 1
        else:
            sums[best] = sums[best] + vector
        group_of[text] = best
    groups = [GapGroup() for _ in sums]
    for gap in gaps:
        text = " ".join(gap.question.split())
        group = groups[group_of[text]]
        if text not in group.questions:
            group.questions.append(text)
        group.count += 1
        group.reasons[gap.reason] += 1
        group.countries[gap.country] += 1
        group.languages[gap.language] += 1
        group.last_seen = max(group.last_seen, gap.created_at)
    return sorted(groups, key=lambda g: (g.count, g.last_seen), reverse=True)


def describe_groups(
    groups: Sequence[GapGroup], days: int, say: Say | None = None, limit: int = 20
) -> str:
    """The groups as text for editors (most frequent first)."""
    say = say or english()
    if not groups:
        return say("editor_gaps_none", days=Count(days))
    total = Count(sum(g.count for g in groups))
    lines = [say("editor_gaps_head", n=total, groups=Count(len(groups)), days=Count(days))]
    for group in groups[:limit]:
        lines += ["", group.describe(say)]
    if len(groups) > limit:
        lines += ["", say("editor_gaps_more", n=Count(len(groups) - limit))]
    return "\n".join(lines)
