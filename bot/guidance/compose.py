"""Grounded answers: extractive offline, an LLM when one is configured; citations either way.

The extractive composer quotes the best retrieved units (each a self-contained bullet of the
knowledge base), grouped by source and cited [n]; it writes no words of its own beyond localised
framing. The LLM composer writes from the same numbered passages; its text is rejected (and the
extractive answer used) when it cites a source that does not exist or states a number that no
cited passage contains, or when the endpoint fails.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from bot.guidance.retrieval import Hit, SearchResult
from bot.guidance.types import Source

log = logging.getLogger(__name__)

MAX_UNITS = 6
MAX_CHARS = 1400
PER_SECTION = 3


class Localiser(Protocol):
    def get(self, key: str, lang: str, **params: Any) -> str: ...


@dataclass(frozen=True, slots=True)
class Composition:
    text: str
    sources: tuple[Source, ...]
    chunk_ids: tuple[str, ...]
    composer: str
    notices: tuple[str, ...] = ()


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w{3,}", text.casefold()))


def select_units(
    result: SearchResult,
    limit: int = MAX_UNITS,
    *,
    country: str | None = None,
    window: float = 0.04,
) -> list[Hit]:
    """The facts that answer best: close to the best match, national rules before EU-wide ones
    when the learner's country is known, no near-duplicates, no flooding from one section."""
    candidates = [
        h
        for rank, h in enumerate(result.hits)
        # lexical-only matches count when they rank near the top (a scheme name, a number)
        if h.meta.get("kind", "fact") != "alias" and (h.similarity > 0 or rank < 3)
    ]
    if not candidates:
        return []
    best = max(h.similarity for h in candidates)
    national = [h.similarity for h in candidates if h.meta.get("country") == country]
    chosen: list[Hit] = []
    per_section: dict[str, int] = {}
    budget = MAX_CHARS
    for hit in candidates:
        if hit.similarity and hit.similarity < best - window:
            continue
        if national and hit.meta.get("country") != country and hit.similarity < max(national):
            continue
        # A summary opens an answer or is left out: later it only repeats the facts.
        if hit.meta.get("kind") == "summary" and chosen:
            continue
        section = str(hit.meta.get("section", hit.id))
        if per_section.get(section, 0) >= PER_SECTION:
            continue
        words = _words(hit.body)
        if any(
            len(words & _words(c.body)) > 0.8 * max(1, min(len(words), len(_words(c.body))))
            for c in chosen
        ):
            continue
        if chosen and len(hit.body) > budget:
            continue
        chosen.append(hit)
        per_section[section] = per_section.get(section, 0) + 1
        budget -= len(hit.body)
        if len(chosen) >= limit:
            break
    return chosen


def number_sources(hits: list[Hit]) -> tuple[list[tuple[Hit, int]], tuple[Source, ...]]:
    """Group hits by document in order of first appearance; number the documents 1..n."""
    numbers: dict[str, int] = {}
    sources: list[Source] = []
    for hit in hits:
        doc = str(hit.meta.get("source", hit.id))
        if doc not in numbers:
            numbers[doc] = len(numbers) + 1
            sources.append(
                Source(
                    n=numbers[doc],
                    title=str(hit.meta.get("title", "")),
                    url=str(hit.meta.get("url", "")),
                    updated=str(hit.meta.get("updated", "")),
                    country=str(hit.meta.get("country", "")),
                    volatile=bool(hit.meta.get("volatile", False)),
                )
            )
    ordered = sorted(
        ((h, numbers[str(h.meta.get("source", h.id))]) for h in hits), key=lambda p: p[1]
    )
    return ordered, tuple(sources)


def framing_notices(
    sources: tuple[Source, ...], hits: list[Hit], lang: str, strings: Localiser
) -> tuple[str, ...]:
    notices = []
    if any(str(h.meta.get("language", "en"))[:2] != lang for h in hits):
        notices.append(strings.get("sources_in_english", lang))
    if any(s.volatile for s in sources):
        notices.append(strings.get("volatile_warning", lang))
    return tuple(notices)


def compose_extractive(
    result: SearchResult,
    lang: str,
    strings: Localiser,
    *,
    country: str | None = None,
    window: float = 0.04,
) -> Composition:
    hits = select_units(result, country=country, window=window)
    ordered, sources = number_sources(hits)
    lines = [strings.get("intro_answer", lang)]
    lines += [f"• {hit.body} [{n}]" for hit, n in ordered]
    return Composition(
        text="\n".join(lines),
        sources=sources,
        chunk_ids=tuple(h.id for h, _ in ordered),
        composer="extractive",
        notices=framing_notices(sources, hits, lang, strings),
    )


# --- LLM ---------------------------------------------------------------------------------------

# A number with thousands groups ("5,000", "5 000", "1.600") or a plain/decimal one ("103.20").
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f.,]\d{3})+(?:[.,]\d+)?(?!\d)|\d+(?:[.,]\d+)?")
_CITATION = re.compile(r"\[(\d{1,2})\]")


def _digits(raw: str) -> str:
    return re.sub(r"\D", "", raw).lstrip("0") or "0"


def number_readings(text: str) -> list[frozenset[str]]:
    """Each number in the text with the ways it can be read, as bare digit strings.

    5,000 / 5 000 / 5.000 / 5000 all read "5000"; a group with spaces may also be a list
    ("ZDR-1 171" is 1 and 171), so it also reads as its parts.
    """
    text = _CITATION.sub(" ", text)
    readings = []
    for match in _NUMBER.finditer(text):
        raw = match.group(0)
        options = {_digits(raw)}
        parts = re.split(r"[ \u00a0\u202f]", raw)
        if len(parts) > 1 and not any(part.startswith("0") for part in parts[1:]):
            options |= {_digits(part) for part in parts}
        readings.append(frozenset(options))
    return readings


def numbers_in(text: str) -> set[str]:
    """Every reading of every number in the text."""
    return {reading for options in number_readings(text) for reading in options}


def unsupported_numbers(answer: str, support: str) -> set[str]:
    """Numbers in the answer that no reading of the supporting text contains."""
    allowed = numbers_in(support)
    # A decimal written without its zero ("103.2") still matches "103.20".
    allowed |= {a.rstrip("0") for a in allowed}
    return {
        min(options)
        for options in number_readings(answer)
        if not any(n in allowed or n.rstrip("0") in allowed for n in options)
    }


@dataclass(frozen=True, slots=True)
class Prompts:
    system: str
    user: str

    @classmethod
    def load(cls, folder: Path) -> Prompts:
        return cls(
            system=(folder / "answer_system.md").read_text(encoding="utf-8"),
            user=(folder / "answer_user.md").read_text(encoding="utf-8"),
        )


class LLMComposer:
    """Writes the answer with a chat model through an OpenAI-compatible endpoint."""

    def __init__(self, chat_model: Any, prompts: Prompts) -> None:
        self._model = chat_model
        self._prompts = prompts

    async def compose(
        self,
        question: str,
        result: SearchResult,
        lang: str,
        strings: Localiser,
        history: str = "",
        *,
        country: str | None = None,
        window: float = 0.04,
    ) -> Composition | None:
        hits = select_units(result, limit=8, country=country, window=window)
        if not hits:
            return None
        ordered, sources = number_sources(hits)
        numbered = "\n".join(f"[{n}] {hit.body}" for hit, n in ordered)
        messages = [
            ("system", self._prompts.system),
            (
                "human",
                self._prompts.user.format(
                    language=lang,
                    question=question,
                    passages=numbered,
                    history=history or "-",
                ),
            ),
        ]
        try:
            response = await self._model.ainvoke(messages)
        except Exception as exc:  # any endpoint failure falls back, never reaches the learner
            log.warning("LLM unavailable, using the extractive answer: %s", type(exc).__name__)
            return None
        answer = str(getattr(response, "content", "") or "").strip()
        if not answer:
            log.warning("LLM returned an empty answer; using the extractive answer")
            return None
        cited = {int(n) for n in _CITATION.findall(answer)}
        if not cited or not cited <= {s.n for s in sources}:
            log.warning("LLM answer rejected: citations %s not in 1..%d", cited, len(sources))
            return None
        support = numbered + "\n" + question
        if bad := unsupported_numbers(answer, support):
            log.warning("LLM answer rejected: %d unsupported number(s)", len(bad))
            log.debug("unsupported numbers: %s", bad)
            return None
        used = [(h, n) for h, n in ordered if n in cited]
        return Composition(
            text=answer,
            sources=tuple(s for s in sources if s.n in cited),
            chunk_ids=tuple(h.id for h, _ in used),
            composer="llm",
            notices=tuple(
                n
                for n in framing_notices(sources, hits, lang, strings)
                if n != strings.get("sources_in_english", lang)
            ),
        )
