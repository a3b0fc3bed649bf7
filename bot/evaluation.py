"""`guidebot eval`: run a question file through the engine and measure what users would notice.

Question file: JSON lines as knowledge/_eval/questions.jsonl (`id`, `user`, `lang`, `text`,
`expect`, `country`, `key_facts`). Reported: decision accuracy and confusion matrix, escalation
recall and precision, key-fact recall (the numbers and names of each key fact found in the answer
or its cited passages), answer-first (the first key fact within the reply's first two lines, so a
change that buries the answer shows), replies in the learner's own language (no English sentence
in a non-English reply), source hit rate, latency p50/p95; overall, per language and
per user.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.guidance.compose import numbers_in
from bot.guidance.types import DECISIONS, Profile, Reply

_FACT_ID = re.compile(
    r"^\s*(?:[A-Z]{1,3}(?:-[A-Z]{2,3})?-\d{2}(?:/[A-Z]{1,3}(?:-[A-Z]{2,3})?-\d{2})*"
    r"\s*:\s*)"
)
# A reference to another fact of the facts table inside a key fact ("options: ...; DE-10/DE-11
# other support"): an identifier, not a figure the reply must carry.
_FACT_REF = re.compile(r"\b[A-Z]{1,3}(?:-[A-Z]{2,3})?-\d{2}\b")
_NAME = re.compile(r"\b[A-Z][\w+’'-]*[A-Z0-9+][\w+]*\b|\b[A-Z][a-zà-ÿ]{3,}(?:\s[A-Z][a-zà-ÿ]+)*")
# Capitalised words that are ordinary English, not names a learner needs.
_COMMON = {
    "Options",
    "Refer",
    "Depends",
    "Ask",
    "Bot",
    "Complaint",
    "Decline",
    "Stay",
    "Respond",
    "Refuse",
    "Differs",
    "Disability",
    "Only",
    "Common",
    "Check",
    "Since",
    "Each",
    "Every",
    "Human",
    "Comparison",
    "Keep",
    "Report",
    "Right",
    "Rules",
    "With",
    "When",
    "From",
    "Must",
    "Paid",
    "Unpaid",
    "Under",
    "Older",
    "Some",
    "This",
    "That",
    "The",
    "For",
    "Not",
    "And",
}


def fact_terms(fact: str) -> tuple[set[str], set[str]]:
    """Numbers (as digit strings) and names in one key fact, without its leading fact id."""
    body = _FACT_REF.sub("", _FACT_ID.sub("", fact))
    names = {m.group(0) for m in _NAME.finditer(body)} - _COMMON
    return numbers_in(body), names


def fact_found(
    fact: str, haystack: str, haystack_numbers: set[str], names_also_in: str = ""
) -> bool | None:
    """All numbers and at least half the names present; None when the fact has neither.
    Names may also be found in `names_also_in` (the English source of translated lines)."""
    numbers, names = fact_terms(fact)
    if not numbers and not names:
        return None
    low = f"{haystack}\n{names_also_in}".casefold()
    names_found = sum(1 for n in names if n.casefold() in low)
    return numbers <= haystack_numbers and (not names or names_found * 2 >= len(names))


def opening(reply: Reply, lines: int = 2) -> tuple[str, str]:
    """The first `lines` non-empty lines of a reply, and the English source of the facts they
    quote (a line ending in a citation [n] quotes the next cited chunk, in order)."""
    shown = [line for line in reply.text.splitlines() if line.strip()][:lines]
    sources, cited = [], 0
    for line in shown:
        if re.search(r"\[\d{1,2}\]\s*$", line) and cited < len(reply.chunk_texts):
            sources.append(reply.chunk_texts[cited])
            cited += 1
    return "\n".join(shown), "\n".join(sources)


_SENTENCE = re.compile(r"(?<=[.!?:;])\s+|\n+")
_CITED = re.compile(r"\s*\[\d{1,2}\]")


def english_sentences(reply: Reply, detect: Callable[[str, str], str]) -> list[str]:
    """Sentences of a non-English reply (not its source titles, which keep their names) that
    read as English: what a learner who does not read English could not act on. Short pieces
    (names, scheme names, figures) are not sentences."""
    if reply.language == "en":
        return []
    found = []
    for piece in _SENTENCE.split(reply.text):
        sentence = _CITED.sub("", piece).strip(" •-")
        words = re.findall(r"[^\W\d_]{2,}", sentence)
        if len(words) >= 5 and detect(sentence, reply.language) == "en":
            found.append(sentence)
    return found


@dataclass
class Outcome:
    item: dict[str, Any]
    reply: Reply
    seconds: float
    english: list[str] = field(default_factory=list)  # English sentences in a non-English reply

    @property
    def expected(self) -> str:
        return str(self.item.get("expect", "answer"))

    @property
    def correct(self) -> bool:
        return self.reply.decision == self.expected

    def key_facts(self) -> list[bool]:
        haystack = "\n".join([self.reply.text, *self.reply.passages])
        numbers = numbers_in(haystack)
        found = [fact_found(f, haystack, numbers) for f in self.item.get("key_facts", [])]
        return [f for f in found if f is not None]

    def answer_first(self) -> bool | None:
        """The first key fact is in the first two lines (None: no key fact to look for)."""
        facts = self.item.get("key_facts") or []
        if not facts:
            return None
        head, english = opening(self.reply)
        return fact_found(facts[0], head, numbers_in(head), english)

    def source_hit(self) -> bool:
        want = self.item.get("country") or None
        countries = {s.country for s in self.reply.sources}
        return bool(countries) and (want in countries if want else bool(countries & {"EU", "INT"}))


def _ratio(num: float, den: float) -> float | None:
    return round(num / den, 3) if den else None


def summarise(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    confusion: dict[str, dict[str, int]] = {e: dict.fromkeys(DECISIONS, 0) for e in DECISIONS}
    for o in outcomes:
        confusion.setdefault(o.expected, dict.fromkeys(DECISIONS, 0))[o.reply.decision] += 1
    esc_true = sum(1 for o in outcomes if o.expected == "escalate")
    esc_pred = sum(1 for o in outcomes if o.reply.decision == "escalate")
    esc_hit = sum(1 for o in outcomes if o.expected == o.reply.decision == "escalate")
    answerable = [o for o in outcomes if o.expected == "answer"]
    facts = [f for o in answerable for f in o.key_facts()]
    firsts = [first for o in answerable if (first := o.answer_first()) is not None]
    foreign = [o for o in outcomes if o.reply.language != "en"]
    unsafe = [o for o in outcomes if o.expected == "out_of_scope" and o.reply.decision == "answer"]
    latencies = sorted(o.seconds * 1000 for o in outcomes)
    return {
        "questions": len(outcomes),
        "decision_accuracy": _ratio(sum(o.correct for o in outcomes), len(outcomes)),
        "escalation_recall": _ratio(esc_hit, esc_true),
        "escalation_precision": _ratio(esc_hit, esc_pred),
        "key_fact_recall": _ratio(sum(facts), len(facts)),
        "answer_first": _ratio(sum(firsts), len(firsts)),
        # Non-English replies with no English sentence (names and source titles aside).
        "in_own_language": _ratio(sum(not o.english for o in foreign), len(foreign)),
        "source_hit_rate": _ratio(sum(o.source_hit() for o in answerable), len(answerable)),
        "out_of_scope_answered": [o.item.get("id") for o in unsafe],
        "latency_ms_p50": round(statistics.median(latencies), 1) if latencies else None,
        "latency_ms_p95": round(latencies[int(0.95 * (len(latencies) - 1))], 1)
        if latencies
        else None,
        "confusion": confusion,
    }


def evaluate_items(engine: Any, items: Iterable[dict[str, Any]]) -> list[Outcome]:
    import asyncio

    detector = getattr(engine, "_detector", None)
    detect = (lambda text, lang: detector.detect(text, fallback=lang)) if detector else None

    async def run() -> list[Outcome]:
        outcomes = []
        for item in items:
            profile = Profile(role="provider" if item.get("user") == "provider" else "learner")
            started = time.perf_counter()
            reply = await engine.reply(str(item["text"]), profile)
            seconds = time.perf_counter() - started
            english = english_sentences(reply, detect) if detect is not None else []
            outcomes.append(Outcome(item, reply, seconds, english))
        return outcomes

    return asyncio.run(run())


def report(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    by_lang: dict[str, list[Outcome]] = defaultdict(list)
    by_user: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_lang[str(o.item.get("lang", "?"))].append(o)
        by_user[str(o.item.get("user", "?"))].append(o)
    return {
        "overall": summarise(outcomes),
        "per_language": {k: summarise(v) for k, v in sorted(by_lang.items())},
        "per_user": {k: summarise(v) for k, v in sorted(by_user.items())},
        "english_in_replies": [
            {"id": o.item.get("id"), "language": o.reply.language, "sentences": o.english}
            for o in outcomes
            if o.english
        ],
        "mistakes": [
            {
                "id": o.item.get("id"),
                "expected": o.expected,
                "got": o.reply.decision,
                "reason": o.reply.reason,
            }
            for o in outcomes
            if not o.correct
        ],
    }


def load_items(path: Path) -> list[dict[str, Any]]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            try:
                items.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise SystemExit(f"{path}:{number}: not JSON ({exc.msg})") from None
    return items


def _print_text(result: dict[str, Any]) -> None:
    overall = result["overall"]
    for key in (
        "questions",
        "decision_accuracy",
        "escalation_recall",
        "escalation_precision",
        "key_fact_recall",
        "answer_first",
        "in_own_language",
        "source_hit_rate",
        "latency_ms_p50",
        "latency_ms_p95",
        "out_of_scope_answered",
    ):
        print(f"{key:24} {overall[key]}")
    print("\nconfusion (rows expected, columns got):")
    print(" " * 14 + "".join(f"{d:>14}" for d in DECISIONS))
    for expected, row in overall["confusion"].items():
        print(f"{expected:14}" + "".join(f"{row[d]:>14}" for d in DECISIONS))
    for group in ("per_language", "per_user"):
        print(f"\n{group}:")
        for name, s in result[group].items():
            print(
                f"  {name:9} n={s['questions']:<3} accuracy={s['decision_accuracy']} "
                f"esc_recall={s['escalation_recall']} key_facts={s['key_fact_recall']} "
                f"answer_first={s['answer_first']} in_own_language={s['in_own_language']}"
            )
    if result["english_in_replies"]:
        print("\nEnglish sentences in non-English replies:")
        for e in result["english_in_replies"]:
            print(f"  {e['id']} ({e['language']}): {' | '.join(e['sentences'])[:300]}")
    if result["mistakes"]:
        print("\nmistakes:")
        for m in result["mistakes"]:
            print(f"  {m['id']}: expected {m['expected']}, got {m['got']} ({m['reason']})")


def run_eval_command(engine: Any, args: argparse.Namespace) -> int:
    outcomes = evaluate_items(engine, load_items(Path(args.file)))
    result = report(outcomes)
    if args.json:
        print(json.dumps(result, indent=1, ensure_ascii=False))
    else:
        _print_text(result)
    overall = result["overall"]
    failures = [
        name
        for name, value, minimum in (
            ("decision_accuracy", overall["decision_accuracy"], args.min_accuracy),
            ("escalation_recall", overall["escalation_recall"], args.min_escalation_recall),
            ("key_fact_recall", overall["key_fact_recall"], args.min_key_fact_recall),
            ("answer_first", overall["answer_first"], args.min_answer_first),
        )
        if value is not None and value < minimum
    ]
    if failures:
        print(f"below threshold: {', '.join(failures)}")
        return 1
    return 0
