"""The short summary on a case card: written by the LLM when one is configured, otherwise built
from the conversation itself (the learner's first and latest messages)."""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING, Any, Protocol

from bot.config import PROJECT_ROOT
from bot.handoff.models import CaseContext

if TYPE_CHECKING:
    from bot.config import Settings

logger = logging.getLogger(__name__)

PROMPT_PATH = PROJECT_ROOT / "prompts" / "case_summary.md"
QUOTE_CHARS = 240
SUMMARY_CHARS = 700


class Texts(Protocol):
    def get(self, key: str, lang: str, **params: Any) -> str: ...


class Summariser(Protocol):
    async def __call__(self, context: CaseContext, language: str) -> str | None: ...


def shorten(text: str, limit: int) -> str:
    """`text` on one line, cut at a word to at most `limit` characters."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[: limit - 1].rsplit(" ", 1)[0] + "…"


def conversation_summary(context: CaseContext, strings: Texts, lang: str) -> str:
    """The learner's first and latest messages, quoted, and how many they wrote."""
    said = [turn.text for turn in context.turns if turn.role == "user"]
    if not said:
        return strings.get("team_summary_none", lang)
    parts = [strings.get("team_summary_first", lang, text=shorten(said[0], QUOTE_CHARS))]
    if len(said) > 1:
        parts.append(strings.get("team_summary_latest", lang, text=shorten(said[-1], QUOTE_CHARS)))
    parts.append(strings.get("team_summary_count", lang, count=len(said)))
    return " ".join(parts)


class LLMSummariser:
    """Asks a chat model (langchain `ainvoke`) for a few sentences; None when it fails."""

    def __init__(self, chat_model: Any, prompt: str, timeout: float) -> None:
        self._model = chat_model
        self._prompt = prompt
        self._timeout = timeout

    async def __call__(self, context: CaseContext, language: str) -> str | None:
        lines = [f"{'Learner' if t.role == 'user' else 'Bot'}: {t.text}" for t in context.turns]
        if context.answer:
            lines.append(f"Bot (last answer): {context.answer}")
        if not lines:
            return None
        messages = [
            ("system", self._prompt.format(language=language)),
            ("human", "\n".join(lines)),
        ]
        try:
            response = await asyncio.wait_for(self._model.ainvoke(messages), self._timeout)
        except Exception as exc:  # the built summary stands in; the case opens regardless
            logger.warning("Case summary by the LLM failed: %s", type(exc).__name__)
            return None
        text = " ".join(str(getattr(response, "content", "") or "").split())
        return shorten(text, SUMMARY_CHARS) if text else None


def build_summariser(model: Any | None, settings: Settings) -> LLMSummariser | None:
    """The LLM summariser over `model` (None offline: summaries come from the conversation)."""
    if model is None:
        return None
    prompt = PROMPT_PATH.read_text(encoding="utf-8")
    return LLMSummariser(model, prompt, timeout=min(settings.llm_timeout, 15.0))
