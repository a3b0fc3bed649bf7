"""Filter and rank courses: numpy arrays over the whole catalogue, built once.

`CourseIndex.search(query, vector)` keeps the courses that pass every filter (active dates,
schedule, mode, price, funding, language of teaching, place within the radius) and ranks them
by relevance to the topic, then by distance. Relevance blends the semantic match (cosine of the
topic's vector with each course's) and a lexical match on title and topic words. The semantic
match counts as close (within `Relevance.margin` of the best) or not: finer differences are the
model's noise (e5 spreads courses on one topic over 0.04), so courses equally relevant are
ordered by distance (then the closer vector). With no topic, the nearest come first. A
language named in the topic ("anglais", "Englisch") must be one a language course teaches: a
French course is no answer to "cours d'anglais", however close the words. Everything is
vectorised: 10,000 courses take about a millisecond.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

from bot.courses.catalogue import MODES, SCHEDULES, Course
from bot.courses.geo import distances_km
from bot.courses.query import CourseQuery
from bot.courses.words import LANGUAGE_NAMES, STOPWORDS
from bot.guidance.folding import fold

_WORD = re.compile(r"[^\W_]+")
_PREFIX = 6  # words sharing their first six letters match ("englisch" ~ "english")
_NO_END = date.max.toordinal()


@dataclass(frozen=True, slots=True)
class Relevance:
    """How close a course's vector must be to the topic's; cosine scores are model-specific."""

    margin: float  # kept when within this of the best score in the catalogue
    floor: float  # ... and at least this (no course is relevant to a topic it is far from)


# Per embedding backend (settings.embeddings). e5 was calibrated on the sample catalogue: the
# courses on a topic score 0.835-0.91 against it, the best unrelated course 0.80-0.82. The others
# are starting points, not calibrated.
RELEVANCE = {
    "e5": Relevance(margin=0.035, floor=0.83),
    "use": Relevance(margin=0.08, floor=0.35),
    "openai": Relevance(margin=0.08, floor=0.30),
}


@dataclass(frozen=True, slots=True)
class Hit:
    index: int  # position in the catalogue
    distance_km: float | None
    score: float


def keywords(course: Course) -> set[str]:
    """The words of a course's title and topics, as the lexical match sees them."""
    text = " ".join([course.title, *course.topics]).replace("_", " ")
    return {_key(word) for word in _WORD.findall(fold(text)) if word not in STOPWORDS}


def _key(word: str) -> str:
    return word[:_PREFIX]


# Languages as subjects, by the lexical key of their names ("anglai" -> bit of "en").
_LANGUAGE_BITS = {
    _key(name): 1 << n for n, names in enumerate(LANGUAGE_NAMES.values()) for name in names
}


def subject_languages(words: set[str]) -> int:
    """The languages a set of keys names, as bits (0: none)."""
    bits = 0
    for word in words:
        bits |= _LANGUAGE_BITS.get(word, 0)
    return bits


class CourseIndex:
    """The catalogue as arrays; `vectors` (one normalised row a course) may be None."""

    def __init__(
        self,
        courses: Sequence[Course],
        vectors: np.ndarray | None = None,
        relevance: Relevance = Relevance(margin=0.04, floor=0.0),
    ) -> None:
        self.courses = tuple(courses)
        self.relevance = relevance
        self.vectors = None if vectors is None else _normalised(vectors)
        self._lat = np.array([c.latitude if c.latitude is not None else np.nan for c in courses])
        self._lon = np.array([c.longitude if c.longitude is not None else np.nan for c in courses])
        self._cost = np.array([c.cost for c in courses], dtype=float)
        self._mode = np.array([MODES.index(c.mode) for c in courses], dtype=np.int8)
        self._schedule = {
            name: np.array([name in c.schedule for c in courses], dtype=bool) for name in SCHEDULES
        }
        self._country = np.array([c.country for c in courses], dtype="<U2")
        self._region = np.array([c.region for c in courses], dtype="<U8")
        self._language = np.array([c.language for c in courses], dtype="<U2")
        schemes = [{fold(s) for s in c.funding} for c in courses]
        self._free = np.array(
            [c.cost == 0 or "free" in s for c, s in zip(courses, schemes, strict=True)]
        )
        self._funding = {
            name: np.array([name in s for s in schemes], dtype=bool)
            for name in set().union(*schemes)
        }
        self._ends = np.array([_last_day(c) for c in courses], dtype=np.int64)
        self._words: dict[str, list[int]] = {}
        subjects = []
        for i, course in enumerate(courses):
            words = keywords(course)
            for word in words:
                self._words.setdefault(word, []).append(i)
            subjects.append(subject_languages(words))
        self._subjects = np.array(subjects, dtype=np.int64)  # languages a course teaches
        self._topics = {_key(w) for c in courses for t in c.topics for w in _WORD.findall(fold(t))}

    def __len__(self) -> int:
        return len(self.courses)

    def knows(self, word: str) -> bool:
        """True when `word` is a course topic ("Python", "Excel"; titles name towns too)."""
        return _key(fold(word)) in self._topics

    @property
    def funding_names(self) -> dict[str, str]:
        """Every funding scheme of the catalogue, folded -> as written ("free" is a price)."""
        return {fold(s): s for c in self.courses for s in c.funding if fold(s) != "free"}

    def search(
        self, query: CourseQuery, vector: np.ndarray | None = None, today: date | None = None
    ) -> list[Hit]:
        """Every course that passes the filters, best first."""
        today = today or date.today()
        mask = self._ends >= today.toordinal()
        mask &= self._filters(query)
        distance: np.ndarray | None = None
        if query.mode != "online":
            if query.located:
                distance = distances_km(query.latitude, query.longitude, self._lat, self._lon)  # type: ignore[arg-type]
                mask &= (self._mode != MODES.index("online")) & (distance <= query.radius_km)
            elif query.region:
                mask &= self._region == query.region
            elif query.country:
                mask &= self._country == query.country
        rows = np.flatnonzero(mask)
        score = similarity = np.zeros(len(rows))
        if query.topic:
            relevant, score, similarity = self._relevance(query.topic, vector, rows)
            rows, score, similarity = rows[relevant], score[relevant], similarity[relevant]
        away = np.zeros(len(rows)) if distance is None else distance[rows]
        home = np.ones(len(rows), dtype=bool)
        if query.home_country:
            home = self._country[rows] == query.home_country
        # Relevance first, then distance, then the learner's country, then the closest vector.
        order = np.lexsort((-similarity, ~home, away, -score))
        return [
            Hit(int(rows[i]), None if distance is None else float(away[i]), float(score[i]))
            for i in order
        ]

    def _filters(self, query: CourseQuery) -> np.ndarray:
        mask = np.ones(len(self.courses), dtype=bool)
        if query.schedule in self._schedule:
            mask &= self._schedule[query.schedule]
        if query.mode == "in person":
            mask &= self._mode != MODES.index("online")
        elif query.mode in MODES:
            mask &= self._mode == MODES.index(query.mode)
        if query.free:
            mask &= self._free
        if query.max_cost is not None:
            mask &= self._cost <= query.max_cost
        if query.min_cost is not None:
            mask &= self._cost >= query.min_cost
        if query.funding:
            mask &= self._funding.get(fold(query.funding), np.zeros_like(mask))
        if query.language:
            mask &= self._language == query.language
        return mask

    def _relevance(
        self, topic: str, vector: np.ndarray | None, rows: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Which of `rows` are about `topic`, how much (0..1) and their cosine."""
        words = [_key(word) for word in _WORD.findall(fold(topic)) if word not in STOPWORDS]
        lexical = np.zeros(len(self.courses))
        for word in words:
            lexical[self._words.get(word, [])] += 1.0 / len(words)
        lexical = lexical[rows]
        # A language course teaching another language than the one asked for is not relevant.
        asked, subjects = subject_languages(set(words)), self._subjects[rows]
        other_language = (subjects != 0) & (subjects & asked == 0) & (asked != 0)
        if vector is None or self.vectors is None:
            return (lexical > 0) & ~other_language, lexical, lexical
        # einsum, not `@`: a matrix-vector product this size wakes OpenBLAS's threads, which
        # keep spinning afterwards and slow the embedding model's next query down tenfold.
        sims = np.einsum("ij,j->i", self.vectors, _normalised(np.asarray(vector, np.float32)))
        best = float(sims.max()) if len(sims) else 0.0
        low = max(best - self.relevance.margin, self.relevance.floor)
        close = sims[rows] >= low
        relevant = (close | (lexical > 0)) & ~other_language
        return relevant, 0.7 * close + 0.3 * lexical, sims[rows]


def _normalised(vectors: np.ndarray) -> np.ndarray:
    vectors = np.asarray(vectors, dtype=np.float32)
    norms = np.linalg.norm(vectors, axis=-1, keepdims=True)
    return vectors / np.where(norms == 0, 1.0, norms)


def _last_day(course: Course) -> int:
    """The last day a course can be joined: its last start date, or never for the rest."""
    if not course.start_dates or "self-paced" in course.schedule:
        return _NO_END
    return date.fromisoformat(course.start_dates[-1]).toordinal()
