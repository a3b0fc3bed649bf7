"""Telegram HTML for engine replies, and splitting long texts into messages Telegram accepts.

Engine text is plain text: it is escaped with `html.escape` before any markup is added, so a
learner or a document can never inject tags. Telegram takes at most 4,096 characters a message
(counted in UTF-16 code units); `split_for_telegram` cuts at paragraph, then line, then sentence,
then word boundaries, never inside a tag, an entity or a link, and closes and reopens the tags
that are open at a cut so every part is valid HTML on its own.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

from bot.channels.telegram.deps import Strings
from bot.guidance.types import Reply, Source

TELEGRAM_LIMIT = 4096

_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});")
_SENTENCE_END = ".!?…:;"
# Boundary strengths, strongest first; a cut is taken at the strongest kind found far enough in.
_PARAGRAPH, _LINE, _SENTENCE, _WORD, _ANYWHERE = 4, 3, 2, 1, 0


def _units(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def telegram_length(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units)."""
    return sum(_units(char) for char in text)


def _strength(text: str, i: int) -> int:
    """How good a place it is to cut `text` just before index `i`."""
    before = text[i - 1]
    if before == "\n":
        return _PARAGRAPH if i >= 2 and text[i - 2] == "\n" else _LINE
    if before.isspace():
        j = i - 1
        while j > 0 and text[j - 1] in "\"')]»”’":  # a quote or bracket may close a sentence
            j -= 1
        if j > 0 and text[j - 1] in _SENTENCE_END:
            return _SENTENCE
        return _WORD
    return _ANYWHERE


def _find_cut(text: str, limit: int) -> tuple[int, tuple[tuple[str, str], ...]]:
    """The index to cut `text` at and the tags open there, as (name, opening tag) pairs."""
    stack: tuple[tuple[str, str], ...] = ()
    best: dict[int, tuple[int, tuple[tuple[str, str], ...]]] = {}
    used = 0
    i = 0
    while i < len(text):
        if used + sum(len(name) + 3 for name, _ in stack) > limit:
            break
        if i > 0:
            in_link = any(name == "a" for name, _ in stack)
            strength = _ANYWHERE if in_link else _strength(text, i)
            for level in range(strength + 1):
                best[level] = (i, stack)
        char = text[i]
        match = _TAG.match(text, i) if char == "<" else None
        match = match or (_ENTITY.match(text, i) if char == "&" else None)
        if match is None:
            used += _units(char)
            i += 1
            continue
        if match.re is _TAG:
            name = match.group(2).lower()
            if not match.group(1):
                stack = (*stack, (name, match.group(0)))
            elif any(open_name == name for open_name, _ in stack):
                while stack[-1][0] != name:
                    stack = stack[:-1]
                stack = stack[:-1]
        used += len(match.group(0))
        i = match.end()
    # Take the strongest boundary that leaves the part at least a quarter full.
    for level in (_PARAGRAPH, _LINE, _SENTENCE, _WORD):
        if level in best and best[level][0] >= limit // 4:
            return best[level]
    if _ANYWHERE in best:
        return best[_ANYWHERE]
    raise ValueError("limit too small to split this text")


def split_for_telegram(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split HTML `text` into parts of at most `limit` characters, each with balanced tags."""
    parts: list[str] = []
    rest = text.strip()
    while telegram_length(rest) > limit:
        cut, open_tags = _find_cut(rest, limit)
        head = rest[:cut].rstrip() + "".join(f"</{name}>" for name, _ in reversed(open_tags))
        parts.append(head)
        rest = "".join(tag for _, tag in open_tags) + rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts


def escape(text: str) -> str:
    """Escape plain text for Telegram's HTML parse mode."""
    return html.escape(text, quote=False)


def link(url: str, title: str) -> str:
    return f'<a href="{html.escape(url, quote=True)}">{escape(title)}</a>'


def fill(template: str, **html_params: str) -> str:
    """Escape a localised `template` that was filled with `{{name}}` sentinels, then put the
    ready-made HTML `html_params` in their place (so the template's own text is escaped too)."""
    out = escape(template)
    for name, value in html_params.items():
        out = out.replace(escape(_sentinel(name)), value)
    return out


def _sentinel(name: str) -> str:
    return f"\x00{name}\x00"


def render_sources(sources: Sequence[Source], strings: Strings, lang: str) -> str:
    """The numbered sources as links with the date their facts were checked."""
    lines = [f"<b>{escape(strings.get('sources_heading', lang))}</b>"]
    for source in sources:
        template = strings.get(
            "source_line",
            lang,
            n=_sentinel("n"),
            title=_sentinel("title"),
            url=_sentinel("url"),
            updated=_sentinel("updated"),
        )
        lines.append(
            fill(
                template,
                n=str(source.n),
                title=link(source.url, source.title),
                url=escape(source.url),
                updated=escape(source.updated),
            )
        )
    return "\n".join(lines)


def render_reply(reply: Reply, strings: Strings, lang: str) -> list[str]:
    """The reply as Telegram HTML messages: text, notices, then sources."""
    blocks = [escape(reply.text.strip())]
    blocks += [f"<i>{escape(notice)}</i>" for notice in reply.notices]
    if reply.sources:
        blocks.append(render_sources(reply.sources, strings, lang))
    return split_for_telegram("\n\n".join(block for block in blocks if block))


def code_block(text: str) -> list[str]:
    """Preformatted text (e.g. a JSON document), split into messages if long."""
    return split_for_telegram(f"<pre>{escape(text)}</pre>")
