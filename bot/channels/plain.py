"""Plain-text rendering of a `Reply`, shared by the terminal chat and the CLI."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from bot.guidance.types import Reply


def render_plain(reply: Reply, strings: Any) -> str:
    """The answer, its notices, then the numbered sources with their dates."""
    lang = reply.language
    parts = [reply.text]
    if reply.options:
        parts.append("\n".join(f"  {i}. {o.label}" for i, o in enumerate(reply.options, 1)))
    if reply.courses:
        parts.append(render_courses(reply, strings))
    parts += list(reply.notices)
    if reply.sources:
        lines = [strings.get("sources_heading", lang)]
        lines += [
            strings.get("source_line", lang, n=s.n, title=s.title, url=s.url, updated=s.updated)
            for s in reply.sources
        ]
        parts.append("\n".join(lines))
    return "\n\n".join(p for p in parts if p)


def render_courses(reply: Reply, strings: Any) -> str:
    """The course cards of a reply, numbered from where the page starts."""
    from bot.courses.texts import CourseTexts, card_lines

    texts = CourseTexts(strings)
    blocks = []
    for n, card in enumerate(reply.courses, reply.course_offset + 1):
        head, where, money = card_lines(card, texts, reply.language)
        blocks.append(f"  {n}. {head}\n     {where}\n     {money}\n     {card.url}")
    return "\n".join(blocks)


def reply_as_dict(reply: Reply) -> dict[str, Any]:
    """The JSON contract of `guidebot ask --json` / `--jsonl`."""
    return {
        "decision": reply.decision,
        "text": reply.text,
        "language": reply.language,
        "sources": [{"title": s.title, "url": s.url, "updated": s.updated} for s in reply.sources],
        "reason": reply.reason,
        "options": [{"value": o.value, "label": o.label} for o in reply.options],
        "notices": list(reply.notices),
        "crisis": reply.crisis,
        "courses": [asdict(card) for card in reply.courses],
        "course_total": reply.course_total,
    }
