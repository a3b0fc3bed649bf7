"""`CourseFinder`: from a learner's words (and the conversation so far) to courses.

The engine asks `reply_to(message, profile, history, lang)`: None when the message is not a
course search (questions about rights and money stay with the knowledge base), else a `Reply`
with one page of course cards, a question back ("which town?", "did you mean Cork?"), or an
empty result that suggests a wider area or online courses. A short follow-up ("only evenings",
"in Dublin", "free?") changes the search made a turn or two before. Channels page and refine
through `page`, `refine` and `at_location`, which take the search back as JSON.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

import numpy as np

from bot.courses import replies
from bot.courses.cues import CueReader, Cues
from bot.courses.geo import Gazetteer, Town, key_of
from bot.courses.query import DEFAULT_RADIUS_KM, CourseQuery
from bot.courses.search import CourseIndex
from bot.courses.texts import CourseTexts
from bot.courses.words import LANGUAGE_COUNTRIES
from bot.guidance.types import Profile, Reply, Turn

COMMAND = "/courses"  # a history line starting so was an explicit search
PAGE_SIZE = 5
SHORT_REQUEST_WORDS = 12  # "English course in Bruxelle" is a request; longer tells a story
_FOLLOW_UP_TURNS = 3  # how far back a follow-up may reach


class CourseFinder:
    """Course search for every channel; build once (`bot.services.build_course_finder`)."""

    def __init__(
        self,
        index: CourseIndex,
        *,
        places: Any,
        gazetteer: Gazetteer,
        texts: CourseTexts,
        embed_query: Callable[[str], list[float]] | None = None,
        today: Callable[[], date] = date.today,
        page_size: int = PAGE_SIZE,
        cached_vectors: int = 256,
    ) -> None:
        self.index = index
        self.texts = texts
        self.gazetteer = gazetteer
        self._places = places
        self._embed = embed_query
        self._today = today
        self.page_size = page_size
        self._reader = CueReader(index.funding_names)
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cached = cached_vectors

    # -- what the engine and the channels call ------------------------------------------------

    def reply_to(
        self,
        message: str,
        profile: Profile,
        history: Sequence[Turn],
        lang: str,
        *,
        clear_only: bool = False,
    ) -> Reply | None:
        """A reply when `message` is a course search (or changes the last one), else None.
        With `clear_only`, only a search that names a place or says "find" counts."""
        with_language = profile.with_(language=profile.language or lang)
        query = self.recognise(message, with_language, history, clear_only=clear_only)
        return None if query is None else self.answer(query, lang)

    def recognise(
        self,
        message: str,
        profile: Profile,
        history: Sequence[Turn] = (),
        *,
        clear_only: bool = False,
    ) -> CourseQuery | None:
        """The search `message` asks for, taking a recent search into account; None if none."""
        cues = self._reader.read(message)
        query, town = self._resolve(message, cues, profile)
        cues = replace(cues, topic=tuple(query.topic.split()))
        if message.startswith(COMMAND) or cues.is_search(
            town=town, country=bool(query.country or query.region)
        ):
            clear = town or cues.near_me or cues.finds or message.startswith(COMMAND)
            return query if clear or not clear_only else None
        if clear_only or not cues.refines(town=town):
            return None
        earlier = self._earlier_search(history, profile)
        return None if earlier is None else earlier.then(_as_follow_up(query, cues))

    def query_for(self, text: str, profile: Profile, near: str | None = None) -> CourseQuery:
        """The search in `text` whatever it looks like (the `/courses` command, the CLI)."""
        query, _ = self._resolve(text, self._reader.read(text), profile)
        if not near:
            return query
        prefer = self._countries_to_prefer(profile)
        town = self._town(near, self._country_besides(text, ""), prefer)
        if town is None:
            return replace(query, unknown_place=near)
        return replace(query, place=near, latitude=town.latitude, longitude=town.longitude,
                       country=town.country, region=None, unknown_place="")  # fmt: skip

    def answer(
        self, query: CourseQuery, lang: str, offset: int = 0, *, anywhere: bool = False
    ) -> Reply:
        """One page of results for `query`, or the question to ask first (where? unless
        `anywhere`, which searches every place when none is given)."""
        if query.unknown_place:
            towns = self.gazetteer.suggest(query.unknown_place, query.home_country)
            return replies.unknown_place(query, towns, self.texts, lang)
        if query.needs_place and not anywhere:
            return replies.ask_place(query, self.texts, lang)
        hits = self.index.search(query, self._vector(query.topic), self._today())
        return replies.results(
            query, hits, self.index.courses, offset, self.page_size, self.texts, lang,
            today=self._today(),
        )  # fmt: skip

    def page(self, saved: str, offset: int, lang: str) -> Reply:
        return self.answer(CourseQuery.from_json(saved), lang, max(0, offset))

    def refine(self, saved: str, change: str, lang: str) -> Reply:
        """Toggle a refinement button: online, evening, free; or search a wider area."""
        query = CourseQuery.from_json(saved)
        if change == "online":
            query = replace(query, mode=None if query.mode == "online" else "online")
        elif change == "evening":
            query = replace(query, schedule=None if query.schedule == "evening" else "evening")
        elif change == "free":
            query = replace(query, free=not query.free, max_cost=None, min_cost=None)
        elif change == "wider":
            query = replace(query, radius_km=replies.wider(query.radius_km))
        return self.answer(query, lang)

    def at_location(self, saved: str, latitude: float, longitude: float, lang: str) -> Reply:
        """The saved search (or any course) near a location the learner shared."""
        query = CourseQuery.from_json(saved) if saved else CourseQuery()
        mode = None if query.mode == "online" else query.mode
        located = replace(query, latitude=latitude, longitude=longitude, place="", country=None,
                          region=None, unknown_place="", mode=mode)  # fmt: skip
        return self.answer(located, lang)

    # -- understanding a message --------------------------------------------------------------

    def _resolve(
        self, text: str, cues: Cues, profile: Profile, said: str = ""
    ) -> tuple[CourseQuery, bool]:
        """The search the cues and places of `text` describe; True when it names a place: a
        town, one the gazetteer does not know, or a word after "in" that is no course topic."""
        hint = self._places.find(text)
        kind, _, named = hint.evidence.partition(":")
        country = _served(hint.country)
        prefer = self._countries_to_prefer(profile)
        town: Town | None = None
        if kind == "city":  # of namesakes ("Valence") the place finder took the biggest
            said = named
            besides = self._country_besides(text, named)
            town = self._town(named, besides, prefer) or self.gazetteer.resolve(named, country)
        elif kind == "region":
            said = named
            town = self.gazetteer.resolve(named, country)
        topic = list(cues.topic)
        unknown, unplaced = "", False
        for candidate in cues.places:
            if key_of(candidate) == key_of(named):
                continue  # the place the hint found
            near = candidate in cues.near_places
            loose = candidate in cues.loose_places  # in lower case: a town only by its name
            if town is None and (
                found := self.gazetteer.lookup(candidate, country, prefer, strict=loose)
            ):
                town, said = found, candidate
            elif self._places.find(candidate).evidence == f"country:{candidate}":
                continue  # "à Valence en Espagne": the country, weighed above
            elif town or loose or kind == "region" or (self.index.knows(candidate) and not near):
                topic.append(candidate)  # "a course in Python": the topic after all
            elif not unknown and (
                near or _contains(candidate, named) or self._looks_like_a_town(candidate, country)
            ):
                unknown = candidate  # "near Mallow" (too small), "in Corkk", "en Île-de-France"
            else:
                topic.append(candidate)  # "in Ballyhooly", "in Marketing": ask where
                unplaced = True
        if town is None and not unknown and cues.words <= 3:
            bare = " ".join(cues.topic)
            town = self._town(bare, None, prefer)  # a bare town name: "Cork"
            said = bare if town else said
        place_words = set(key_of(said).split())
        topic = [word for word in topic if key_of(word) not in place_words]
        if town is not None:
            topic = [word for word in topic if key_of(word) != key_of(town.name)]
            said = self.gazetteer.base_name(said, town.country)  # "Warszawie" -> "Warszawa"
        query = CourseQuery(
            topic=" ".join(topic),
            place=said if town or kind in ("region", "country") else "",
            latitude=town.latitude if town else None,
            longitude=town.longitude if town else None,
            country=town.country if town else country if kind in ("region", "country") else None,
            region=hint.region if kind == "region" and town is None else None,
            radius_km=cues.radius_km or DEFAULT_RADIUS_KM,
            schedule=cues.schedule,
            mode=cues.mode,
            free=cues.free,
            max_cost=cues.max_cost,
            min_cost=cues.min_cost,
            funding=cues.funding,
            language=cues.language,
            unknown_place=unknown,
            home_country=profile.country,
        )
        # A word after "in" that is no known town only makes a short request a search: in a
        # story ("aide-soignante en EHPAD depuis 8 ans...") it is rarely a place to search.
        unsure = (bool(unknown) or unplaced) and cues.words <= SHORT_REQUEST_WORDS
        return query, town is not None or unsure

    def _town(self, name: str, named: str | None, prefer: Sequence[str | None]) -> Town | None:
        """The town called `name`: in the country the message names, else among namesakes the
        one in the learner's country, else in a country of their language, else the biggest."""
        town = self.gazetteer.lookup(name, named) if named else None
        return town or self.gazetteer.lookup(name, prefer=prefer)

    def _country_besides(self, text: str, town: str) -> str | None:
        """A country `text` names besides the town: "Valence en Espagne", "CPF à Valence"."""
        return _served(self._places.find(text.replace(town, " ") if town else text).country)

    @staticmethod
    def _countries_to_prefer(profile: Profile) -> list[str | None]:
        return [profile.country, *LANGUAGE_COUNTRIES.get(profile.language or "", ())]

    def _looks_like_a_town(self, word: str, country: str | None) -> bool:
        return bool(self.gazetteer.suggest(word, country, n=1))

    def _earlier_search(self, history: Sequence[Turn], profile: Profile) -> CourseQuery | None:
        """The search a follow-up refers to: the last search among the learner's recent turns,
        with the follow-ups after it applied in order."""
        follow_ups: list[CourseQuery] = []
        asked = [turn.text for turn in history if turn.role == "user"][-_FOLLOW_UP_TURNS:]
        for text in reversed(asked):
            cues = self._reader.read(text)
            query, town = self._resolve(text, cues, profile)
            cues = replace(cues, topic=tuple(query.topic.split()))
            if text.startswith(COMMAND) or cues.is_search(
                town=town, country=bool(query.country or query.region)
            ):
                for later in reversed(follow_ups):
                    query = query.then(later)
                return query
            if not cues.refines(town=town):
                return None
            follow_ups.append(_as_follow_up(query, cues))
        return None

    def _vector(self, topic: str) -> np.ndarray | None:
        """The topic's vector; recent ones are kept, since paging asks again for the same."""
        if not topic or self._embed is None:
            return None
        vector = self._vectors.get(topic)
        if vector is None:
            vector = np.asarray(self._embed(topic), dtype=np.float32)
            self._vectors[topic] = vector
        self._vectors.move_to_end(topic)
        while len(self._vectors) > self._cached:
            self._vectors.popitem(last=False)
        return vector


def _served(country: str | None) -> str | None:
    return None if country in ("EU", "INT") else country


def _contains(candidate: str, named: str) -> bool:
    """ "Île-de-France" contains "France": the place finder saw only part of the name."""
    words = set(key_of(named).split())
    return bool(words) and words < set(key_of(candidate).split())


def _as_follow_up(query: CourseQuery, cues: Cues) -> CourseQuery:
    """A follow-up changes the topic only when it names a course ("and an Excel course?");
    other words in it ("then", "please") are not a topic."""
    return query if cues.course else replace(query, topic="")
