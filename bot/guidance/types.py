"""Values the guidance engine takes and returns.

Every channel (Telegram, terminal, CLI, tests) builds a `Profile` and a history of `Turn`s, calls
`bot.guidance.pipeline.reply(...)` and renders the `Reply` it gets back. Nothing here knows about
Telegram or any other transport.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Literal

Decision = Literal["answer", "clarify", "escalate", "out_of_scope"]
DECISIONS: tuple[Decision, ...] = ("answer", "clarify", "escalate", "out_of_scope")

# The engine's reason for a reply about a place the knowledge base has no rules of (followed
# by the place): editors see these questions among the gaps (`bot.answer_log`).
NO_RULES = "the knowledge base has no rules for"

# What a clarifying question asks for; the channel stores the chosen option under this name.
ClarifyField = Literal["country", "region", "status", "place"]


@dataclass(frozen=True, slots=True)
class Profile:
    """What the learner told us about themselves; every field may be unknown."""

    language: str | None = None  # ISO 639-1, e.g. "fr"
    country: str | None = None  # ISO 3166-1 alpha-2, e.g. "FR"
    region: str | None = None  # e.g. "DE-BY", "BE-VLG"
    status: str | None = None  # employee | public_sector | self_employed | jobseeker | other
    role: Literal["learner", "provider"] = "learner"

    def with_(self, **changes: str | None) -> Profile:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Turn:
    """One line of the conversation so far, oldest first."""

    role: Literal["user", "bot"]
    text: str


@dataclass(frozen=True, slots=True)
class Source:
    """A document cited by an answer; `n` is the number used in the text's [n] markers."""

    n: int
    title: str
    url: str
    updated: str  # ISO date the facts were checked
    country: str = ""
    volatile: bool = False


@dataclass(frozen=True, slots=True)
class Option:
    """A choice offered with a clarifying question (a button in Telegram)."""

    value: str  # stored in the profile, e.g. "FR" or "DE-NW"; short (fits callback data)
    label: str  # shown to the learner, already localised


@dataclass(frozen=True, slots=True)
class CourseCard:
    """A course found for the learner, ready to show (the finder in `bot.courses` builds it)."""

    id: str
    title: str
    provider: str
    town: str
    country: str
    mode: str  # in person | online | blended
    schedule: tuple[str, ...]  # daytime | evening | weekend | self-paced
    url: str
    cost: float = 0.0
    currency: str = ""
    funding: tuple[str, ...] = ()
    distance_km: float | None = None  # from the place searched, when there is one
    start: str = ""  # the next start date (ISO), "" when self-paced or not given
    language: str = ""  # language of teaching
    sample: bool = False  # made-up sample data: channels must say so


@dataclass(frozen=True, slots=True)
class Reply:
    """What the engine decided and what to say. Channels render it; they never change it."""

    decision: Decision
    text: str
    language: str
    reason: str
    sources: tuple[Source, ...] = ()
    options: tuple[Option, ...] = ()
    clarify_field: ClarifyField | None = None
    # Set when the message showed signs of distress: channels show crisis contacts at once.
    crisis: bool = False
    # Ids of the chunks the answer was built from (for replay and evaluation).
    chunk_ids: tuple[str, ...] = ()
    # Texts of the passages the answer cites (for evaluation and counsellor context).
    passages: tuple[str, ...] = ()
    # Profile facts learnt from the message itself (e.g. a city naming the country).
    learned: dict[str, str] = field(default_factory=dict)
    # Short notices to show with the answer (message cut, sources in English, ...).
    notices: tuple[str, ...] = ()
    composer: Literal["extractive", "llm", "none"] = "none"
    # The texts of the cited chunks (as `chunk_ids`) and the index version they come from, so
    # an answer can be replayed after a reindex changed them.
    chunk_texts: tuple[str, ...] = ()
    index_version: str = ""
    # How close the knowledge base came to the question (best similarity); None if not searched.
    confidence: float | None = None
    # Courses found (one page of them), how many in all, where the page starts, and the search
    # as JSON so a channel can ask for the next page or a refinement (`bot.courses.finder`).
    courses: tuple[CourseCard, ...] = ()
    course_total: int = 0
    course_offset: int = 0
    course_query: str = ""
