"""The regression gate: a new index goes live only if it answers the evaluation file as well.

Both indexes answer every question of the evaluation file through the same engine (composing
offline, so the comparison does not depend on an LLM's mood); the metrics are those of
`guidebot eval` (`bot.evaluation.summarise`). The new index passes when decision accuracy and
key-fact recall stay within `tolerance` of the live index's. The diff lists every question whose
decision, answer text or sources changed, passed or not.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.editors.texts import Count, Note, Say, english
from bot.evaluation import Outcome, evaluate_items, summarise
from bot.guidance.pipeline import Engine
from bot.guidance.retrieval import Retriever

log = logging.getLogger(__name__)

METRICS = ("decision_accuracy", "key_fact_recall")
_EPSILON = 1e-9


@dataclass(frozen=True, slots=True)
class Change:
    """One evaluation question answered differently by the new index."""

    id: str
    question: str
    decision: tuple[str, str]  # live, new
    changed: tuple[str, ...]  # of "decision", "answer", "sources"
    sources: tuple[tuple[str, ...], tuple[str, ...]]  # titles cited: live, new

    def describe(self, say: Say) -> str:
        live, new = self.decision
        head = f"{self.id}: {live} → {new}" if live != new else f"{self.id}: {live}"
        what = ", ".join(say(f"editor_gate_kind_{kind}") for kind in self.changed)
        lines = [say("editor_gate_change", head=head, what=what, question=self.question[:80])]
        if "sources" in self.changed:
            gone = [t for t in self.sources[0] if t not in self.sources[1]]
            added = [t for t in self.sources[1] if t not in self.sources[0]]
            lines += [f"    − {t}" for t in gone] + [f"    + {t}" for t in added]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether the new index may go live, the metrics of both, and what changed."""

    passed: bool
    live: dict[str, float | None]
    new: dict[str, float | None]
    tolerance: float
    questions: int
    changes: tuple[Change, ...]
    problems: tuple[Note, ...] = ()
    notes: tuple[Note, ...] = ()  # how it was run, when that matters (another embedding model)

    def describe(self, say: Say | None = None, max_changes: int = 15) -> str:
        say = say or english()
        head = "editor_gate_passed" if self.passed else "editor_gate_refused"
        lines = [say(head, n=Count(self.questions), tolerance=f"{self.tolerance:g}")]
        for name in METRICS:
            lines.append(f"  {name}: {_fmt(self.live.get(name))} → {_fmt(self.new.get(name))}")
        lines += [f"  {problem.said(say)}" for problem in self.problems]
        lines += ["  " + say("editor_gate_note", note=note.said(say)) for note in self.notes]
        if self.changes:
            lines.append("  " + say("editor_gate_changed", n=Count(len(self.changes))))
            lines += ["  " + c.describe(say) for c in self.changes[:max_changes]]
            if len(self.changes) > max_changes:
                more = Count(len(self.changes) - max_changes)
                lines.append("  " + say("editor_gate_more", n=more))
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        return {
            "passed": self.passed,
            "live": self.live,
            "new": self.new,
            "tolerance": self.tolerance,
            "questions": self.questions,
            "problems": list(self.problems),
            "notes": list(self.notes),
            "changes": [
                {
                    "id": c.id,
                    "decision": list(c.decision),
                    "changed": list(c.changed),
                    "sources": [list(s) for s in c.sources],
                }
                for c in self.changes
            ],
        }


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


def refused(reason: Note, tolerance: float) -> Verdict:
    """A verdict for a gate that could not run (no evaluation file, ...): the safe answer."""
    return Verdict(False, {}, {}, tolerance, 0, (), (reason,))


def engine_on(engine: Engine, retriever: Retriever) -> Engine:
    """The live engine searching another index, composing offline (reproducible answers)."""
    twin = copy.copy(engine)
    twin.retriever = retriever
    twin._llm = None  # an LLM's answers vary from run to run; the gate compares indexes
    return twin


def _titles(outcome: Outcome) -> tuple[str, ...]:
    return tuple(s.title for s in outcome.reply.sources)


def diff(live: Sequence[Outcome], new: Sequence[Outcome]) -> tuple[Change, ...]:
    """The questions whose decision, answer or sources differ between two runs."""
    changes = []
    for before, after in zip(live, new, strict=True):
        changed = tuple(
            name
            for name, differs in (
                ("decision", before.reply.decision != after.reply.decision),
                ("answer", before.reply.text != after.reply.text),
                ("sources", _titles(before) != _titles(after)),
            )
            if differs
        )
        if changed:
            changes.append(
                Change(
                    str(before.item.get("id", "?")),
                    str(before.item.get("text", "")),
                    (before.reply.decision, after.reply.decision),
                    changed,
                    (_titles(before), _titles(after)),
                )
            )
    return tuple(changes)


def compare(live: Sequence[Outcome], new: Sequence[Outcome], tolerance: float) -> Verdict:
    """Judge the new index's outcomes against the live index's on the same questions."""
    live_summary, new_summary = summarise(live), summarise(new)
    problems = []
    for name in METRICS:
        before, after = live_summary[name], new_summary[name]
        if before is not None and (after is None or after < before - tolerance - _EPSILON):
            problems.append(
                Note("editor_gate_dropped", metric=name, before=_fmt(before), after=_fmt(after))
            )
    return Verdict(
        passed=not problems,
        live={name: live_summary[name] for name in METRICS},
        new={name: new_summary[name] for name in METRICS},
        tolerance=tolerance,
        questions=len(new),
        changes=diff(live, new),
        problems=tuple(problems),
    )


def run_gate(
    live: Engine, new: Engine, items: Sequence[dict[str, Any]], tolerance: float
) -> Verdict:
    """Evaluate both engines on `items` and compare (blocking: run it in a worker thread)."""
    if not items:
        return refused(Note("editor_gate_no_questions"), tolerance)
    live_outcomes = evaluate_items(live, items)
    new_outcomes = evaluate_items(new, items)
    verdict = compare(live_outcomes, new_outcomes, tolerance)
    log.info(
        "gate %s: %s changed question(s)",
        "passed" if verdict.passed else "refused",
        len(verdict.changes),
    )
    return verdict
