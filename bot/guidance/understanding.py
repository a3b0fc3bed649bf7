"""What a message says before anything is decided: its text cleaned, its language, the
places it names and whether the learner lives somewhere else than where they work.

`understand` is the engine's first step (`pipeline.Engine.reply`); it reads, it does not search.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from bot.guidance.compose import (
    Place,
    Question,
    course_months,
    figures,
    learner_age,
    learner_staff,
    learner_tenure,
)
from bot.guidance.compose.levels import learner_levels
from bot.guidance.compose.speaker import speaks_as_provider
from bot.guidance.compose.worktime import learner_worktime
from bot.guidance.folding import fold
from bot.guidance.retrieval import Retriever
from bot.guidance.types import Profile

# "Which (EU) countries ...?" in the bot's eight languages (folded)
_WHICH_COUNTRIES = re.compile(
    r"\b(?:which|what|how many) (?:eu |european |other )?(?:countries|member states)\b"
    r"|\bquels (?:autres )?pays\b|\bdans quels pays\b|\bwelche(?:n)? (?:eu-)?(?:lander|staaten)\b"
    r"|\bwelke (?:eu-)?landen\b|\bquali (?:altri )?paesi\b|\bque (?:otros )?paises\b"
    r"|\bquais (?:os )?(?:outros )?paises\b|\bktore (?:kraje|panstwa)\b|\bw jakich krajach\b"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\ufeff]")


def clean_message(text: str) -> str:
    """Normalise Unicode, drop control and invisible characters, tidy whitespace."""
    text = unicodedata.normalize("NFKC", text).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub(" ", text)
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


@dataclass(frozen=True, slots=True)
class Understanding:
    """What the engine made of a message before deciding."""

    text: str
    language: str
    country: str | None
    region: str | None
    countries: tuple[str, ...]
    notices: tuple[str, ...]
    learned: dict[str, str]
    # The index this message is answered from, start to end, even if a reindex swaps it meanwhile.
    retriever: Retriever
    # Other places the message names (a comparison: facts of each are shown), and whether it
    # names the EU or one of its instruments (EU-wide facts answer it wherever the learner is).
    others: tuple[Place, ...] = ()
    eu: bool = False
    # The message speaks for a training provider ("we are a training company ..."), whatever
    # the sender's profile says (`compose.speaker`).
    provider: bool = False
    # The learner lives somewhere else than where they work (the workplace's rules apply);
    # None when the message says only where they live, or names no place.
    commuter: bool | None = None
    # The day the message came: "seit 2022" is a length of time in the job as of then.
    today: date | None = None

    @property
    def place(self) -> Place:
        return Place(self.country, self.region)

    def question(
        self, intents: tuple[str, ...], situations: frozenset[str], learner: bool = True
    ) -> Question:
        """What the composer needs to know of the message to pick and order the facts."""
        return Question(
            intents,
            self.place,
            self.others,
            learner,
            situations,
            self.eu,
            frozenset(figures(self.text)),
            learner_age(self.text),
            learner_tenure(self.text, self.today),
            learner_staff(self.text),
            self.commuter,
            course_months(self.text),
            learner_worktime(self.text),
            fold(self.text),
            learner_levels(self.text),
        )


def commuter(country: str | None, region: str | None, homes: Sequence[str]) -> bool | None:
    """Whether the learner lives somewhere else than where their question's place is: True
    ("j'habite à Mouscron mais je bosse à Courtrai"), False (a place of work or of the question
    only: "ich arbeite in Sachsen"), None (where they live only, or no place: the workplace is
    unknown)."""
    place = region or country
    if place is None or place in homes:
        return None
    return bool(homes)


def understand(
    message: str,
    profile: Profile,
    *,
    detector: Any,
    places: Any,
    strings: Any,
    retriever: Retriever,
    max_chars: int,
    today: date | None = None,
) -> Understanding:
    """The message cleaned and cut to `max_chars`, its language, and the places it names (the
    learner's workplace first; others compared; where they live, their nationality and where a
    course goes are not places of their case)."""
    text = clean_message(message)
    notices: list[str] = []
    fallback = profile.language or "en"
    language = detector.detect(text, fallback=fallback) if text else fallback
    if len(text) > max_chars:
        text = text[:max_chars].rsplit(" ", 1)[0]
        notices.append(strings.get("message_truncated", language, limit=max_chars))
    hint = places.find(text)
    learned: dict[str, str] = {}
    country, region = profile.country, profile.region
    if hint.country and hint.country not in ("EU", "INT"):
        if hint.country != country:
            region = None
        country = hint.country
        learned["country"] = country
    # (where the learner lives does not replace the workplace's region they told us)
    if hint.region and not (hint.region in hint.homes and region):
        region = hint.region
        learned["region"] = region
    which = hint.eu and bool(_WHICH_COUNTRIES.search(fold(text)))
    if which:
        # "Quels pays de l'UE ont un compte comme le CPF ?": a question about the EU's
        # countries, the CPF an example, not the learner's place nor one compared.
        country, region, learned = "EU", None, {}
    # Other places asked about (not where the learner only lives: the rules of the
    # workplace apply; nor their nationality; nor where a course or a trip goes).
    skip = {"EU", "INT", country, region, *hint.homes, *hint.nationalities}
    skip |= set(hint.destinations)
    others = [Place(c) for c in hint.countries if c not in skip and not which]
    others += [Place(r.split("-")[0], r) for r in hint.regions if r not in skip and not which]
    # A nationality ("I'm Irish, I live in Tampere") is who the learner is: not a second
    # country of their case.
    countries = tuple(
        c for c in hint.countries if c == hint.country or c not in hint.nationalities
    )
    return Understanding(
        text,
        language,
        country,
        region,
        countries,
        tuple(notices),
        learned,
        retriever,
        others=tuple(others),
        eu=hint.eu,
        provider=speaks_as_provider(text),
        commuter=commuter(country, region, hint.homes),
        today=today,
    )
