"""split_for_telegram and the HTML rendering of replies."""

from __future__ import annotations

import re

import pytest

from bot.channels.telegram.formatting import (
    escape,
    render_reply,
    split_for_telegram,
    telegram_length,
)
from bot.guidance.language import Strings
from bot.guidance.types import Reply, Source

LINK = '<a href="https://example.org/a?x=1&amp;y=2">the official page</a>'


def balanced(part: str) -> bool:
    stack = []
    for closing, name in re.findall(r"<(/?)([a-z]+)[^>]*>", part):
        if closing:
            if not stack or stack.pop() != name:
                return False
        else:
            stack.append(name)
    return not stack


def plain(text: str) -> str:
    """Text without tags or whitespace, to compare contents across a split."""
    return re.sub(r"\s+", "", re.sub(r"<[^>]+>", "", text))


def nine_thousand_characters() -> str:
    sentence = "Training leave is set by each Land [1]. Ask your employer in writing! "
    paragraphs = []
    for i in range(20):
        body = escape(sentence * 4) + f"See {LINK} for details. "
        paragraphs.append(f"<b>Step {i}</b>: " + body + escape(sentence))
    text = "\n\n".join(paragraphs)
    assert 9000 <= len(text) < 9100
    return text


def test_nine_thousand_character_answer_splits_at_paragraphs() -> None:
    text = nine_thousand_characters()

    parts = split_for_telegram(text)

    assert len(parts) == 3
    assert all(len(part) <= 4096 for part in parts)
    assert all(balanced(part) for part in parts)
    assert plain("".join(parts)) == plain(text)
    # Cut at paragraph boundaries: every part starts a paragraph and ends one.
    assert all(part.startswith("<b>Step ") for part in parts)
    assert all(part.endswith("in writing!") for part in parts)
    # No link is broken.
    assert sum(part.count(LINK) for part in parts) == 20


def test_without_paragraphs_it_cuts_after_a_sentence() -> None:
    text = " ".join(f"Sentence number {i} is here." for i in range(400))

    parts = split_for_telegram(text, limit=1000)

    assert all(telegram_length(part) <= 1000 for part in parts)
    assert all(part.endswith(".") for part in parts)
    assert plain("".join(parts)) == plain(text)


def test_tags_open_at_a_cut_are_closed_and_reopened() -> None:
    text = "<pre>" + escape('{"turn": "x < y"},\n' * 300) + "</pre>"

    parts = split_for_telegram(text, limit=1000)

    assert len(parts) > 1
    for part in parts:
        assert part.startswith("<pre>")
        assert part.endswith("</pre>")
        assert balanced(part)
        assert len(part) <= 1000
        assert "&lt" not in part.replace("&lt;", "")  # no entity cut in half


def test_a_link_is_never_cut_when_a_word_boundary_exists() -> None:
    words = "word " * 150
    text = f"{words}{LINK} {words}"

    for limit in range(700, 900, 7):
        parts = split_for_telegram(text, limit=limit)
        assert sum(part.count(LINK) for part in parts) == 1, limit
        assert all(balanced(part) for part in parts)


def test_length_counts_utf16_units() -> None:
    text = "😀 " * 3000  # 3 units each

    parts = split_for_telegram(text)

    assert all(telegram_length(part) <= 4096 for part in parts)
    assert "".join(parts).count("😀") == 3000


def test_short_text_is_one_part() -> None:
    assert split_for_telegram("  Hello  ") == ["Hello"]
    assert split_for_telegram("") == []


def test_impossibly_small_limit_is_refused() -> None:
    with pytest.raises(ValueError, match="limit too small"):
        split_for_telegram("<b>" + "x" * 50 + "</b>", limit=3)


def test_reply_text_is_escaped_and_sources_are_links(strings: Strings) -> None:
    reply = Reply(
        "answer",
        "Use <script> & CPF [1].",
        "en",
        "r",
        sources=(Source(1, 'A "quoted" <title>', "https://x.org/?a=1&b=<2>", "2026-01-02"),),
        notices=("Your message was cut.",),
    )

    (message,) = render_reply(reply, strings, "en")

    assert message.startswith("Use &lt;script&gt; &amp; CPF [1].\n\n<i>Your message was cut.</i>")
    href = "https://x.org/?a=1&amp;b=&lt;2&gt;"
    assert message.endswith(
        "\n\n<b>Sources</b>\n"
        f'[1] <a href="{href}">A "quoted" &lt;title&gt;</a> — {href} '
        "(information checked 2026-01-02)"
    )
    assert strings.get("sources_heading", "en") == "Sources"


def test_sources_are_introduced_in_the_learners_language(strings: Strings) -> None:
    source = Source(1, "Germany, North Rhine-Westphalia: Bildungsurlaub", "https://www.brd.nrw.de/",
                    "2026-02-28")  # fmt: skip
    reply = Reply("answer", "Das habe ich gefunden.", "de", "r", sources=(source,))

    (message,) = render_reply(reply, strings, "de")

    assert message == (
        "Das habe ich gefunden.\n\n<b>Quellen</b>\n[1] "
        '<a href="https://www.brd.nrw.de/">Germany, North Rhine-Westphalia: Bildungsurlaub</a>'
        " — https://www.brd.nrw.de/ (Angaben geprüft am 2026-02-28)"
    )
