"""Decide what to do with a message: answer, clarify, escalate or out_of_scope, with a reason.

Offline and deterministic. Three layers, all kept as editable data in `knowledge/_triage/`:
- `signals.yaml`: clear signals (asking for a person, legal action, distress, authority claimed
  over the bot, ...) as multilingual patterns, and factors that only decide together (the other
  side and what they did), checked in order; and two readings that decide nothing alone: a
  general question about the rules ("may my employer refuse?", "my colleague says it's over, is
  that true?") and an event reported in the learner's own case ("my employer refused
  yesterday", "he said my contract won't be renewed if I go");
- `examples.yaml`: example phrases per decision, embedded with the same model as the knowledge
  base; a message close enough in meaning to an example takes its decision;
- `labelled-messages.jsonl`: learner messages with their decision, from which
  `bot.guidance.learned` learns which messages a counsellor should take, whatever their words.
Whether an answer needs the learner's country or region is read from what retrieval found.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from bot.guidance.folding import unaccented
from bot.guidance.learned import THRESHOLD as LEARNED_THRESHOLD
from bot.guidance.learned import EscalationModel, Labelled
from bot.guidance.retrieval import SearchResult
from bot.guidance.signals import Category, before, event_readings, load_categories, pattern_list
from bot.guidance.thresholds import Thresholds
from bot.guidance.types import Decision
from bot.guidance.vector_cache import cached_vectors

log = logging.getLogger(__name__)

# A quotation mark, not an apostrophe within a word ("I can 'forget about the promotion'", but
# "don't", "m'a"): the signals read the words quoted as if they were not.
_QUOTE = re.compile(r"(?<!\w)['‘’\"“”«»„]|['‘’\"“”«»„](?!\w)")


def _plain(text: str) -> str:
    """The message as the signals read it: without accents and without quotation marks."""
    return re.sub(r"  +", " ", _QUOTE.sub(" ", unaccented(text)))

GLOBAL = {"EU", "INT", ""}
SCOPE_FILE = "scope-messages.jsonl"


@dataclass(frozen=True, slots=True)
class Verdict:
    decision: Decision
    reason: str = ""
    message_key: str = ""
    crisis: bool = False
    # Decided by closeness to example or labelled messages, not by a signal: a clear course
    # search wins over it.
    soft: bool = False
    # A general question about the rules, answered with the rule (a counsellor stays on offer).
    general: bool = False


class Triage:
    """Rules, example phrases and a learned check; built once at start-up from
    `knowledge/_triage/`."""

    def __init__(
        self,
        folder: Path,
        embed_many: Callable[[list[str]], list[list[float]]],
        thresholds: Thresholds,
        cache_dir: Path | None = None,
        model_id: str = "",
        embed_query: Callable[[str], list[float]] | None = None,
    ) -> None:
        self._categories = load_categories(folder / "signals.yaml")
        signals = yaml.safe_load((folder / "signals.yaml").read_text(encoding="utf-8")) or {}
        self._personal = pattern_list(signals, "personal_question")
        self._own_country = pattern_list(signals, "own_country")
        self._general = pattern_list(signals, "general_question")
        self._fact_check = pattern_list(signals, "fact_check")
        self._own_event = pattern_list(signals, "own_event")
        self._on_topic = pattern_list(signals, "on_topic")
        self._employer_side = pattern_list(signals, "employer_side")
        self._on_topic_slack = float((signals.get("on_topic") or {}).get("slack", 0.0))
        self._told, self._hearsay, self._threat, self._money, self._conditional = event_readings(
            signals.get("own_event") or {}
        )
        self._general_threshold = float(
            (signals.get("general_question") or {}).get("learned_threshold", LEARNED_THRESHOLD)
        )
        self._by_name = {c.name: c for c in self._categories}
        self.thresholds = thresholds
        self._examples: list[tuple[str, str]] = []  # (category name, phrase)
        self._vectors = np.zeros((0, 0), dtype=np.float32)
        examples_file = folder / "examples.yaml"
        if examples_file.exists():
            data = yaml.safe_load(examples_file.read_text(encoding="utf-8")) or {}
            self._examples = [
                (name, phrase) for name, phrases in data.items() for phrase in phrases or []
            ]
            self._vectors = self._embed_examples(embed_many, cache_dir, model_id)
        # The learned checks: who should go to a person, from the labelled learner messages;
        # what lies outside guidance, from the same and more of both kinds
        # (`scope-messages.jsonl`: "my phone fell in water", "a loan for my master's"). Each
        # file is embedded once (cached per model) for both.
        self._learned: EscalationModel | None = None
        self._scope: EscalationModel | None = None
        labelled_file, scope_file = folder / "labelled-messages.jsonl", folder / SCOPE_FILE
        if embed_query is not None and labelled_file.exists():
            labelled = Labelled.load(labelled_file, embed_query, cache_dir, model_id)
            more = (
                [Labelled.load(scope_file, embed_query, cache_dir, model_id)]
                if scope_file.exists()
                else []
            )
            self._learned = EscalationModel.fit([labelled], cache_dir=cache_dir)
            # (a learner refused by mistake is worse off than an off-topic message answered)
            self._scope = EscalationModel.fit(
                [labelled, *more], "out_of_scope", positive_weight=1.0, cache_dir=cache_dir
            )

    @property
    def min_similarity(self) -> float:
        return self.thresholds.min_similarity

    def confident_bar(self, lang: str, *, covered: bool = True, own: bool = False) -> float:
        """How close the best fact must be for a confident answer to a message in `lang`
        (about a place with rules of its own: one without goes to a person, in any language,
        unless the knowledge base is sure), `own`: the lead is a rule of the learner's place."""
        bar = self.thresholds.min_similarity
        if not covered:
            return bar
        if lang != "en":
            bar -= self.thresholds.other_language
        return bar - self.thresholds.own_place if own else bar

    def _embed_examples(
        self,
        embed_many: Callable[[list[str]], list[list[float]]],
        cache_dir: Path | None,
        model_id: str,
    ) -> np.ndarray:
        """Embed the example phrases, reusing vectors cached for the same phrases and model."""
        phrases = [p for _, p in self._examples]
        return cached_vectors(cache_dir, "triage-examples", model_id, phrases, embed_many)

    def classify(
        self,
        signal: Verdict | None,
        vector: Sequence[float],
        text: str = "",
        relevance: float | None = None,
    ) -> Verdict:
        """The decision for a message whose `signal()` is known (signals come first): then the
        nearest example phrase; then whether it is like the messages the labelled ones hand
        over. A general question about the rules (read from `text`) is not pulled into a
        reported dispute by an example, and the learned check needs more to overturn it."""
        text = _plain(text)
        general = bool(text) and self.general_question(text)
        verdict = signal or self._nearest_example(vector, general=general)
        if verdict.decision == "answer" and relevance is not None and not general:
            # Like the labelled messages outside guidance ("my phone fell in water", "when do
            # I get my state pension?"), and not close to the knowledge base (`relevance`: its
            # best match): soft, a clear course search wins.
            # (never a message in the words of the field: "how many days can I miss for my
            # exams? my boss says I must use my holidays")
            outside, bars = self.outside_probability(vector), self.thresholds
            if (
                outside >= bars.outside
                and relevance < bars.outside_relevance
                and not self.on_topic(text)
            ):
                return Verdict(
                    "out_of_scope",
                    f"like the messages outside guidance (p={outside:.2f})",
                    "out_of_scope",
                    soft=True,
                )
        if verdict.decision != "answer" or self._learned is None:
            return verdict
        if general:
            verdict = replace(verdict, reason="a general question about the rules", general=True)
        probability = self._learned.probability(vector)
        if probability < (self._general_threshold if general else LEARNED_THRESHOLD):
            return verdict
        # Likeness alone is soft (a clear course search outweighs it); likeness to handed-over
        # messages in a message that reports an event of the learner's case is not.
        return Verdict(
            "escalate",
            f"like the messages a counsellor takes (p={probability:.2f})",
            "escalate_reason_unknown",
            soft=not self.reports_event(text),
        )

    def outside_probability(self, vector: Sequence[float]) -> float:
        """How like the labelled messages outside guidance a message is (0 without them)."""
        return 0.0 if self._scope is None else self._scope.probability(vector)

    def learned_probability(self, vector: Sequence[float]) -> float | None:
        """What the learned check alone says (for measuring it); None without labelled data."""
        return None if self._learned is None else self._learned.probability(vector)

    def about_employer(self, text: str) -> bool:
        """The message speaks of the learner's employer ("HR said no", "mon patron")."""
        plain = _plain(text)
        return any(p.search(plain) for p in self._employer_side)

    def on_topic(self, text: str) -> bool:
        """The message uses words of the field ("course", "CPF", "exams")."""
        plain = _plain(text)
        return any(p.search(plain) for p in self._on_topic)

    def off_topic_bar(self, text: str) -> float:
        """How related to the knowledge base a message must be not to be refused as off-topic:
        a little less for one in the words of the field ("a forklift course: who pays?")."""
        bar = self.thresholds.off_topic
        return bar - self._on_topic_slack if self.on_topic(text) else bar

    def general_question(self, text: str) -> bool:
        """The message asks about a rule in general, or whether a claim about one is true, and
        reports no event of the learner's own case: "can my employer refuse?", "my employer
        says he needn't pay me in full, is that right?", not "my employer refused, can he?"."""
        text = _plain(text)
        checks = any(p.search(text) for p in self._fact_check)
        if not (checks or any(p.search(text) for p in self._general)):
            return False
        return not self.reports_event(text, fact_check=checks)

    def reports_event(self, text: str, *, fact_check: bool | None = None) -> bool:
        """The message says something happened in the learner's own case ("refused yesterday",
        "I was fired", "HR told me", "he said I can forget the promotion", "they want to dock
        my pay", "I missed the deadline"). What a colleague or "someone" told the learner is
        hearsay about a rule, and what anyone told them is not an event in a message that asks
        whether it is true (`fact_check`, read from the text when not given)."""
        text = _plain(text)
        if any(p.search(text) for p in self._own_event):
            return True
        if any(p.search(text) for p in self._threat):
            return True
        if any(
            not before(text, m, self._conditional) for p in self._money for m in p.finditer(text)
        ):
            return True
        if fact_check is None:
            fact_check = any(p.search(text) for p in self._fact_check)
        return not fact_check and any(
            not before(text, m, self._hearsay, including=True)
            for p in self._told
            for m in p.finditer(text)
        )

    def signal(self, text: str, *, countries: Sequence[str] = ()) -> Verdict | None:
        """The first unambiguous signal in the message, if any (no embedding needed)."""
        text = _plain(text)
        general = self.general_question(text)
        for category in self._categories:
            if general and category.reported:
                continue
            if any(p.search(text) for p in category.unless) or (
                category.unless_on_topic and any(p.search(text) for p in self._on_topic)
            ):
                continue
            if any(p.search(text) for p in category.patterns):
                return self._verdict(category)
            if category.factors and self._factors_decide(category, text, countries):
                return self._verdict(category)
        return None

    @staticmethod
    def _factors_decide(category: Category, text: str, countries: Sequence[str]) -> bool:
        # Each factor is searched at most once and only when it can still decide: the large
        # ones (what the other side did) only after a cheaper one of their combination matched.
        found: dict[str, bool] = {}

        def has(name: str) -> bool:
            if name not in found:
                found[name] = bool(category.factors[name].search(text))
            return found[name]

        if any(has(name) for name in category.decisive):
            return True
        if category.requires:
            return any(all(has(name) for name in combo) for combo in category.requires)
        factors = {name for name in category.factors if has(name)}
        national = {c for c in countries if c not in GLOBAL}
        weighty = factors - category.minor
        return bool(weighty) and (len(factors) >= 2 or len(national) >= 2)

    def _verdict(self, category: Category, detail: str = "") -> Verdict:
        reason = category.reason + (f" ({detail})" if detail else "")
        return Verdict(
            category.decision,
            reason,
            category.message_key,
            category.crisis,
            soft=bool(detail),
        )

    def _nearest_example(self, vector: Sequence[float], *, general: bool = False) -> Verdict:
        """The category of the closest example, if it is close and clearly closer than any
        ordinary question ("answer" examples): e5 scores bunch together, the margin tells. On a
        general question, examples of reported events (disputes) are left out."""
        if not self._examples:
            return Verdict("answer")
        scores = self._vectors @ np.asarray(vector, dtype=np.float32)
        best_by_category: dict[str, tuple[float, int]] = {}
        for i, (name, _) in enumerate(self._examples):
            if general and (category := self._by_name.get(name)) and category.reported:
                continue
            if scores[i] > best_by_category.get(name, (-1.0, -1))[0]:
                best_by_category[name] = (float(scores[i]), i)
        answer_score = best_by_category.pop("answer", (0.0, -1))[0]
        if not best_by_category:
            return Verdict("answer")
        name = max(best_by_category, key=lambda n: best_by_category[n][0])
        score, index = best_by_category[name]
        category = self._by_name.get(name)
        close = score >= self.thresholds.example_similarity
        if category is None or not close or score - answer_score < self.thresholds.example_margin:
            return Verdict("answer")
        log.debug("triage: nearest example %r (%.3f)", self._examples[index][1], score)
        return self._verdict(category, f"close to an example, similarity {score:.2f}")

    def mentions(self, category: str, text: str) -> bool:
        """The message says something one signal names ("disability": "I'm deaf", "RQTH"),
        whatever is decided on it."""
        found = self._by_name.get(category)
        text = _plain(text)
        return found is not None and any(p.search(text) for p in found.patterns)

    def personal(self, text: str) -> bool:
        """The learner asks about their own situation ("can I", "how do I", ...)."""
        text = _plain(text)
        return any(p.search(text) for p in self._personal)

    def country_dependent(self, text: str, result: SearchResult, top: int = 8) -> bool:
        """The learner speaks of "my country"; or the best passages are several countries' rules,
        not EU-wide ones; or the learner asks about their own situation and several countries'
        rules come up at all."""
        text = _plain(text)
        if any(p.search(text) for p in self._own_country):
            return True
        countries = result.countries(top)
        national = [c for c in countries if c not in GLOBAL]
        if len(set(national)) < 2:
            # One country's rules, found for a learner who names no place and asks about their
            # own rights: the language they write in does not say where they work.
            return len(national) >= 2 and self.personal(text)
        return len(national) >= len(countries) / 2 or self.personal(text)

    @staticmethod
    def region_dependent(result: SearchResult, top: int = 8) -> bool:
        """The best passages are rules of different regions of the same country, or one of the
        three best statements is one region's ("Bavaria has no Bildungsurlaub law", to "my boss
        says I have no right to it: true?" from a Land not named)."""
        regions = Counter(str(h.meta.get("region", "")) for h in result.hits[:top])
        best = [h for h in result.hits[:top] if h.meta.get("kind") != "alias"][:3]
        return len([r for r in regions if r]) >= 2 or any(h.meta.get("region") for h in best)

    @staticmethod
    def describe(verdict: Verdict) -> dict[str, Any]:
        return {"decision": verdict.decision, "reason": verdict.reason}
