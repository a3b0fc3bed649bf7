"""What people read about a case, as Telegram-style HTML: the case card and the queue for
counsellors, the notices for learners, and the callback data of their buttons.

Texts come from the locales (counsellors in the team's language, learners in theirs); anything a
learner or a document wrote is escaped before markup is added.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol

from bot.handoff.hours import OfficeHours
from bot.handoff.models import OUTCOMES, Button, Case
from bot.handoff.summary import shorten

CASE = "case"  # counsellors' buttons: case:<action>:<id>[:<outcome>]
RATE = "rate"  # learners' rating: rate:<id>:<1-5>
PIECE_CHARS = 3800  # a relayed text longer than this goes as several messages
CARD_LIMIT = 3900  # visible characters; Telegram allows 4096
TURN_CHARS = 250
ANSWER_CHARS = 700
MAX_TURNS = 6
MAX_SOURCES = 5


class Texts(Protocol):
    def get(self, key: str, lang: str, **params: Any) -> str: ...

    def country_name(self, code: str, lang: str) -> str: ...

    def region_name(self, code: str, lang: str) -> str: ...

    def language_name(self, code: str) -> str: ...


def esc(text: str) -> str:
    return html.escape(text, quote=False)


def say(strings: Texts, key: str, lang: str, **params: Any) -> str:
    """A localised text, escaped for HTML."""
    return esc(strings.get(key, lang, **params))


def pieces(text: str, size: int = PIECE_CHARS) -> list[str]:
    """`text` cut at whitespace into parts of at most `size` characters (relayed texts)."""
    parts = []
    while len(text) > size:
        cut = text.rfind(" ", 0, size)
        cut = cut if cut > size // 2 else size
        parts.append(text[:cut])
        text = text[cut:].lstrip()
    return [*parts, text] if text else parts


def visible_length(markup: str) -> int:
    return len(html.unescape(re.sub(r"<[^>]+>", "", markup)))


def minutes_between(start: datetime, end: datetime) -> int:
    return max(0, int((end - start).total_seconds() // 60))


def state(case: Case, strings: Texts, lang: str) -> str:
    """The case's status in a few words ("claimed by Marie")."""
    if case.status == "claimed":
        return strings.get("team_state_claimed", lang, name=case.counsellor_name or "?")
    if case.status == "closed":
        return strings.get("team_state_closed", lang, outcome=outcome_label(case, strings, lang))
    return strings.get(f"team_state_{case.status}", lang)


def outcome_label(case: Case, strings: Texts, lang: str) -> str:
    if case.outcome in (*OUTCOMES, "forgotten"):
        return strings.get(f"team_outcome_{case.outcome}", lang)
    return case.outcome or "-"


def place(case: Case, strings: Texts, lang: str) -> str:
    names = [strings.country_name(case.country, lang)] if case.country else []
    if case.region:
        names.append(strings.region_name(case.region, lang))
    return ", ".join(names) or "-"


def stamp(moment: datetime, hours: OfficeHours | None) -> str:
    local = moment.astimezone(hours.zone if hours else UTC)
    return local.strftime("%Y-%m-%d %H:%M ") + (local.tzname() or "")


def topic_name(case: Case, strings: Texts, lang: str) -> str:
    """The forum topic's name: no personal data, it shows in everyone's topic list."""
    parts = [strings.get("team_card_title", lang, n=case.id), case.language]
    if case.country:
        parts.append(case.country)
    return " · ".join(parts)[:128]


def card_text(case: Case, strings: Texts, lang: str, hours: OfficeHours | None) -> str:
    """The case card: who, why, a summary, the conversation so far, the bot's last answer."""
    title = say(strings, "team_card_title", lang, n=case.id)
    head = [
        f"<b>{title}</b> – {esc(state(case, strings, lang))}",
        f"{say(strings, 'team_label_language', lang)}: "
        f"{esc(strings.language_name(case.language))} ({esc(case.language)})",
        f"{say(strings, 'team_label_place', lang)}: {esc(place(case, strings, lang))}",
        f"{say(strings, 'team_label_reason', lang)}: "
        f"{say(strings, f'team_origin_{case.origin}', lang)}"
        + (f" ({esc(case.reason)})" if case.reason else ""),
        f"{say(strings, 'team_label_opened', lang)}: {esc(stamp(case.opened_at, hours))}",
    ]
    if case.anonymised:
        return "\n".join([*head, "", say(strings, "team_outcome_forgotten", lang)])
    blocks = ["\n".join(head)]
    if case.summary:
        blocks.append(f"<b>{say(strings, 'team_label_summary', lang)}</b>\n{esc(case.summary)}")
    answer = case.context.answer
    turns = [t for t in case.context.turns if not (t.role == "bot" and t.text == answer)]
    turns = turns[-MAX_TURNS:]
    tail = []
    if answer:
        tail.append(
            f"<b>{say(strings, 'team_label_answer', lang)}</b>\n"
            f"{esc(shorten(answer, ANSWER_CHARS))}"
        )
    if case.context.sources:
        lines = [f"<b>{say(strings, 'sources_heading', lang)}</b>"]
        for source in case.context.sources[:MAX_SOURCES]:
            title = esc(shorten(source.title, 80))
            lines.append(f'[{source.n}] <a href="{html.escape(source.url)}">{title}</a>')
        tail.append("\n".join(lines))
    while True:
        lines = [
            f"<i>{say(strings, 'team_role_' + turn.role, lang)}:</i> "
            f"{esc(shorten(turn.text, TURN_CHARS))}"
            for turn in turns
        ]
        conversation = (
            [f"<b>{say(strings, 'team_label_conversation', lang)}</b>\n" + "\n".join(lines)]
            if lines
            else []
        )
        text = "\n\n".join([*blocks, *conversation, *tail])
        if visible_length(text) <= CARD_LIMIT or not turns:
            return text
        turns = turns[1:]


def card_buttons(case: Case, strings: Texts, lang: str) -> tuple[tuple[Button, ...], ...]:
    """Claim (while nobody has), Close and Return to bot (while the case is active)."""
    if not case.active:
        return ()
    row = [Button(strings.get("button_claim", lang), f"{CASE}:claim:{case.id}")]
    if case.status != "open":
        row = []
    row += [
        Button(strings.get("button_close", lang), f"{CASE}:close:{case.id}"),
        Button(strings.get("button_return", lang), f"{CASE}:return:{case.id}"),
    ]
    return (tuple(row),)


def outcome_buttons(case: Case, strings: Texts, lang: str) -> tuple[tuple[Button, ...], ...]:
    """The outcomes to close with, and a way back to the card's buttons."""
    outcomes = tuple(
        Button(strings.get(f"team_outcome_{code}", lang), f"{CASE}:done:{case.id}:{code}")
        for code in OUTCOMES
    )
    back = Button(strings.get("button_back", lang), f"{CASE}:back:{case.id}")
    return (outcomes[:2], outcomes[2:], (back,))


def rating_buttons(case_id: int) -> tuple[tuple[Button, ...], ...]:
    return (tuple(Button(str(n), f"{RATE}:{case_id}:{n}") for n in range(1, 6)),)


def wait_text(
    strings: Texts, lang: str, hours: OfficeHours | None, sla: timedelta, now: datetime
) -> str:
    """What the learner can expect: an answer within the SLA, or when the team is back."""
    if hours is None or hours.is_open(now):
        return strings.get("case_wait_open", lang, minutes=int(sla.total_seconds() // 60))
    back = hours.next_opening(now)
    days = (back.date() - now.astimezone(hours.zone).date()).days
    day = {0: strings.get("day_today", lang), 1: strings.get("day_tomorrow", lang)}.get(
        days, strings.get(f"weekday_{back.weekday()}", lang)
    )
    when = strings.get(
        "case_back_when", lang, day=day, time=back.strftime("%H:%M"), zone=str(hours.zone)
    )
    return strings.get("case_wait_closed", lang, when=when)


def queue_text(cases: Sequence[Case], strings: Texts, lang: str, now: datetime) -> list[str]:
    """The active cases, oldest first, with how long each has waited; one line a case."""
    if not cases:
        return [say(strings, "team_queue_empty", lang)]
    lines = [f"<b>{say(strings, 'team_queue_title', lang)}</b>"]
    for case in cases:
        line = strings.get(
            "team_queue_line",
            lang,
            n=case.id,
            minutes=minutes_between(case.opened_at, now),
            state=state(case, strings, lang),
        )
        details = f"{case.language}, {place(case, strings, lang)}"
        lines.append(f"{esc(line)} ({esc(details)})")
    return lines
