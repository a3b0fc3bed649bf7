"""Answers written by a chat model through an OpenAI-compatible endpoint, checked before use.

The model gets the same planned facts as the offline answer, each in the learner's language
where a translation exists, numbered, and is told to answer in that language. Its text is
rejected (and the offline answer sent) when it cites a passage it was not given, states a number
no passage or the question contains, is not in the learner's language, or the endpoint fails.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.guidance.compose.numbers import CITATION, unsupported_numbers
from bot.guidance.compose.render import Composition, Localiser, Texts, _Writer
from bot.guidance.compose.select import Plan

log = logging.getLogger(__name__)


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

    def __init__(
        self,
        chat_model: Any,
        prompts: Prompts,
        detect_language: Callable[[str, str], str] | None = None,
    ) -> None:
        self._model = chat_model
        self._prompts = prompts
        # (text, fallback) -> ISO 639-1; a reply in another language than the learner's is
        # refused, since a learner who writes Polish cannot act on an English answer.
        self._detect = detect_language

    async def compose(
        self,
        question: str,
        plan: Plan,
        lang: str,
        strings: Localiser,
        texts: Texts,
        history: str = "",
        *,
        language_name: str = "",
    ) -> Composition | None:
        hits = plan.hits
        if not hits:
            return None
        writer = _Writer(hits, lang, strings, texts)
        numbered = "\n".join(f"{writer.cite(h)} {writer.text(h)}" for h in hits)
        english = "\n".join(f"{writer.cite(h)} {h.body}" for h in hits)
        messages = [
            ("system", self._prompts.system),
            (
                "human",
                self._prompts.user.format(
                    language=lang,
                    language_name=language_name or lang,
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
        sources = writer.sources
        cited = {int(n) for n in CITATION.findall(answer)}
        if not cited or not cited <= {s.n for s in sources}:
            log.warning("LLM answer rejected: citations %s not in 1..%d", cited, len(sources))
            return None
        if bad := unsupported_numbers(answer, f"{numbered}\n{english}\n{question}"):
            log.warning("LLM answer rejected: %d unsupported number(s)", len(bad))
            log.debug("unsupported numbers: %s", bad)
            return None
        if self._detect is not None and (said := self._detect(answer, lang)) != lang:
            log.warning("LLM answer rejected: written in %s, the learner reads %s", said, lang)
            return None
        used = [h for h in hits if int(writer.cite(h).strip("[]")) in cited]
        notices = tuple(
            n for n in writer.notices() if n != strings.get("not_translated_yet", lang)
        )
        return Composition(
            answer,
            tuple(s for s in sources if s.n in cited),
            tuple(h.id for h in used),
            "llm",
            notices,
        )
