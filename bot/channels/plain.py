"""Plain-text rendering of a `Reply`, shared by the terminal chat and the CLI."""

from __future__ import annotations

from typing import Any

from bot.guidance.types import Reply


def render_plain(reply: Reply, strings: Any) -> str:
    """The answer, its notices, then the numbered sources with their dates."""
    lang = reply.language
    parts = [reply.text]
    if reply.options:
        parts.append("\n".join(f"  {i}. {o.label}" for i, o in enumerate(reply.options, 1)))
    parts += list(reply.notices)
    if reply.sources:
        lines = [strings.get("sources_heading", lang)]
        lines += [
            strings.get("source_line", lang, n=s.n, title=s.title, url=s.url, updated=s.updated)
            for s in reply.sources
        ]
        parts.append("\n".join(lines))
    return "\n\n".join(p for p in parts if p)


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
    }
