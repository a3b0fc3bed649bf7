"""What a learner's message asks of the course finder. Pure functions, no I/O.

`CueReader.read(text)` returns the `Cues` of a message: does it name a course, is it a question
for the knowledge base instead ("how many days of Bildungsurlaub", "which courses can I pay with
my CPF"), does it ask to find something, and which schedule, mode, price, radius, language of
teaching and funding scheme it wants; what is left is the topic. Words that may name a town come
back as written, for the finder to resolve (`bot.courses.finder`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from bot.courses import words as w
from bot.guidance.folding import fold

MAX_WORDS = 30  # longer messages tell a story; a search is said in a few words
# Past this many words, a message that names a town but does not say "find" or "near me" is a
# story with a question in it ("I have worked in Braga for 5 years ... must they pay me?").
STORY_WORDS = 14
_TOKEN = re.compile(r"[^\W_]+")
_THOUSANDS = re.compile(r"(?<=\d)[.,\u00a0\u202f ](?=\d{3}(?!\d))")


@dataclass(frozen=True, slots=True)
class Cues:
    """What the words of one message say, before any place is resolved."""

    course: bool  # names a course, class, training, Kurs, formation, cursus, ...
    guidance: str  # why it is a question for the knowledge base; "" when it is not
    search: bool  # asks to find something
    finds: bool  # says "find", "search", "suche", ... in so many words
    near_me: bool
    schedule: str | None = None
    mode: str | None = None
    free: bool = False
    max_cost: float | None = None
    min_cost: float | None = None
    radius_km: float | None = None
    language: str | None = None
    funding: str | None = None
    topic: tuple[str, ...] = ()  # words left for the semantic match, as written
    places: tuple[str, ...] = ()  # words after "in", "near", "à", ... that may be a town
    near_places: tuple[str, ...] = ()  # those after "near", "bei", "près de": surely places
    loose_places: tuple[str, ...] = ()  # those in lower case after "in", "à": towns only if
    # the gazetteer knows them ("english course in cork"), else the topic
    words: int = 0

    @property
    def filters(self) -> int:
        price = self.free or self.max_cost is not None or self.min_cost is not None
        wanted = (self.schedule, self.mode, price, self.radius_km, self.language, self.funding)
        return sum(1 for value in wanted if value)

    def is_search(self, *, town: bool = False, country: bool = False) -> bool:
        """A course search: a course word, no guidance question, and something to search by."""
        if not self.course or self.guidance or self.words > MAX_WORDS:
            return False
        filters = self.filters + country
        if self.words > STORY_WORDS and not (self.finds or self.near_me):
            return False
        if town or self.near_me:
            return True
        if self.search and (0 < len(self.topic) <= 6 or filters):
            return True
        return filters >= 2 or (filters >= 1 and bool(self.topic))

    def refines(self, *, town: bool = False) -> bool:
        """A short follow-up that changes a search: "only evenings", "in Dublin", "free?"."""
        named = any(place not in self.loose_places for place in self.places)
        return (
            not self.guidance
            and self.words <= 8
            and bool(town or self.near_me or self.filters or named)
        )


def _alternatives(entries: Any) -> re.Pattern[str]:
    """Whole-word alternatives over the folded, space-joined words of a message."""
    return re.compile(r"(?<![^ ])(?:" + "|".join(entries) + r")(?![^ ])")


_GUIDANCE = [(reason, _alternatives([pattern])) for reason, pattern in w.GUIDANCE]
_YES_NO = _alternatives([w.YES_NO])
_FIND = _alternatives([w.FIND_VERBS])
# "Ci sono corsi gratuiti ...?", "are there free courses ...?" (not "gibt es Bildungsurlaub
# für einen Kurs?", which asks about leave for a course)
_ARE_THERE = _alternatives(
    [rf"(?:{'|'.join(w.ARE_THERE)})(?: (?!(?:{'|'.join(w.FOR_A)})(?![^ ]))\S+){{0,3}}"
     rf" (?:{'|'.join(w.COURSE_NOUNS)})"]
)  # fmt: skip
_SEARCH = _alternatives(w.SEARCH)
_NEAR_ME = _alternatives(w.NEAR_ME)
_SCHEDULES = {name: _alternatives(entries) for name, entries in w.SCHEDULES.items()}
_MODES = {name: _alternatives(entries) for name, entries in w.MODES.items()}
_FREE = _alternatives(w.FREE)
_FREE_TIME = _alternatives(w.FREE_TIME)
_MONEY = rf"(?:{w.CURRENCIES})"
_COST = _alternatives([rf"(\d+) {_MONEY}", rf"{_MONEY} (\d+)"])
# "under 100" is a price with or without a currency, unless a unit follows ("under 20 hours");
# "over 100" only with one ("from 2027" is a year).
_AT_MOST = _alternatives(
    [rf"(?:{'|'.join(w.AT_MOST)}) (?:{_MONEY} )?(\d+)(?: {_MONEY}"
     rf"|(?! (?:{'|'.join(w.NOT_MONEY)}|\d+)(?![^ ])))"]
)  # fmt: skip
_AT_LEAST = _alternatives([rf"(?:{'|'.join(w.AT_LEAST)}) (?:{_MONEY} (\d+)|(\d+) {_MONEY})"])
_RADIUS = _alternatives([r"(\d+) km"])
_LANGUAGE_OF = {
    code: _alternatives([rf"(?:{w.TAUGHT_IN}) (?:{'|'.join(names)})"])
    for code, names in w.LANGUAGE_NAMES.items()
}
_NOUNS = frozenset(w.COURSE_NOUNS)


@dataclass(frozen=True, slots=True)
class _Word:
    raw: str
    folded: str
    capital: bool
    hyphen: bool = False  # joined to the word before by a hyphen ("Île-de-France")


@dataclass(frozen=True, slots=True)
class _Place:
    text: str  # as written
    first: int  # index of its first and last word
    last: int
    near: bool  # after "near", "bei", "km of": surely a place
    loose: bool  # in lower case after "in", "à": a place only if the gazetteer knows it


class CueReader:
    """Reads `Cues` from messages; knows the funding schemes of the catalogue it serves."""

    def __init__(self, funding_names: Mapping[str, str] | None = None) -> None:
        names = {**w.FUNDING_ALIASES, **{fold(k): v for k, v in (funding_names or {}).items()}}
        self._funding = dict(sorted(names.items(), key=lambda item: -len(item[0])))
        self._funding_re = _alternatives(re.escape(name) for name in self._funding)

    def read(self, text: str) -> Cues:
        """The cues of one message (any language we serve)."""
        words = _words(text)
        joined, starts = _join(words)
        used: set[int] = set()

        def take(pattern: re.Pattern[str], *, hide: bool = False) -> re.Match[str] | None:
            """The first match of `pattern`, its words used; `hide` blanks it for later ones."""
            nonlocal joined
            found = pattern.search(joined)
            if found:
                used.update(i for i, s in enumerate(starts) if found.start() <= s < found.end())
                if hide:
                    blank = re.sub(r"\S", "#", found.group())
                    joined = joined[: found.start()] + blank + joined[found.end() :]
            return found

        take(_FREE_TIME, hide=True)  # "in my free time" says nothing about the price
        schedule = next((name for name, p in _SCHEDULES.items() if take(p)), None)
        mode = next((name for name, p in _MODES.items() if take(p)), None)
        language = next((code for code, p in _LANGUAGE_OF.items() if take(p)), None)
        least = take(_AT_LEAST, hide=True)  # "over 100 euros" is no most
        most = take(_AT_MOST) or take(_COST)
        radius = take(_RADIUS)
        funding_match = take(self._funding_re)
        funding = self._funding[funding_match.group(0)] if funding_match else None
        free, near_me, search = bool(take(_FREE)), bool(take(_NEAR_ME)), bool(take(_SEARCH))
        course = False
        for i, word in enumerate(words):
            if word.folded in _NOUNS and not _about_leave(words, i):
                course = True
                used.add(i)
            elif (prefix := _compound_prefix(word.folded)) is not None:
                course = True
                kind, value = w.COMPOUND_PREFIXES.get(prefix, ("", ""))
                schedule = value if kind == "schedule" else schedule
                mode = value if kind == "mode" else mode
                if kind:
                    used.add(i)
                elif scheme := self._funding_prefix(prefix):  # "Bildungsurlaubskurs"
                    funding = funding or scheme
                    used.add(i)
                else:  # "Englischkurs": the first part is the topic
                    words[i] = _Word(word.raw[: len(prefix)], prefix, word.capital)
            elif funding is None and (scheme := self._funding_prefix(word.folded)):
                funding = scheme
                used.add(i)
        places = _place_words(words, used, all_lower=text == text.lower())
        guidance = _guidance(joined, starts, words, places)
        topic = tuple(
            word.raw
            for i, word in enumerate(words)
            if i not in used and word.folded not in w.STOPWORDS and not word.folded.isdigit()
        )
        return Cues(
            course=course,
            guidance=guidance,
            search=search,
            finds=bool(_FIND.search(joined) or _ARE_THERE.search(joined)),
            near_me=near_me,
            schedule=schedule,
            mode=mode,
            free=free,
            max_cost=_number(most),
            min_cost=_number(least),
            radius_km=min(max(_number(radius) or 0.0, 1.0), 500.0) if radius else None,
            language=language,
            funding=funding,
            topic=topic,
            places=tuple(place.text for place in places),
            near_places=tuple(place.text for place in places if place.near),
            loose_places=tuple(place.text for place in places if place.loose),
            words=len(words),
        )

    def _funding_prefix(self, folded: str) -> str | None:
        """A scheme at the start of a compound: "bildungsurlaubsfähig", "CPF-éligible"."""
        for name, scheme in self._funding.items():
            if len(name) >= 6 and " " not in name and folded.startswith(name):
                return scheme
        return None


def _words(text: str) -> list[_Word]:
    text = text.replace("€", " eur ").replace("£", " gbp ").replace("zł", " zl ")
    text = _THOUSANDS.sub("", text)  # "1,500" and "1 500" are one number
    text = re.sub(r"(\d)([^\W\d_])", r"\1 \2", text)
    words = []
    for found in _TOKEN.finditer(text):
        raw, hyphen = found.group(), text[found.start() - 1 : found.start()] == "-"
        words.append(_Word(raw, fold(raw), raw[:1].isupper(), hyphen))
    return words


def _join(words: list[_Word]) -> tuple[str, list[int]]:
    starts, position = [], 0
    for word in words:
        starts.append(position)
        position += len(word.folded) + 1
    return " ".join(word.folded for word in words), starts


def _about_leave(words: list[_Word], i: int) -> bool:
    """ "training leave", "compte formation", "permiso retribuido para formación"."""
    near = words[max(0, i - 3) : i] + words[i + 1 : i + 2]
    return any(word.folded in w.NOT_A_COURSE for word in near)


def _compound_prefix(folded: str) -> str | None:
    """The first part of a compound course word ("englisch" for "englischkurs"), else None."""
    for noun in w.COMPOUND_NOUNS:
        if folded.endswith(noun) and len(folded) >= len(noun) + 3:
            return folded[: -len(noun)].removesuffix("s") if folded not in _NOUNS else None
    return None


def _place_words(words: list[_Word], used: set[int], *, all_lower: bool) -> list[_Place]:
    """Words that may name a town: capitalised after "in", "near", "à", "km of", ...; in a
    message typed all in lower case, any word there that is not a stopword, a course word or a
    language (`_Place.loose` unless after "near"). Up to three capitalised words in a row, and
    every part of a hyphenated name ("Aix-en-Provence"). Marks them used."""
    found: list[_Place] = []
    for i in range(1, len(words)):
        cue, word = words[i - 1].folded, words[i]
        after_km = cue in w.AFTER_KM and i > 1 and words[i - 2].folded == "km"
        near = cue in w.NEAR or after_km
        if not (cue in w.LOCATIVE or after_km) or i in used or word.folded in w.STOPWORDS:
            continue
        if not (word.capital or all_lower) or _known_word(word.folded):
            continue
        run = [i]
        for j in range(i + 1, len(words)):
            if j in used or not (words[j].hyphen or _continues_name(words[j], len(run))):
                break
            run.append(j)
        used.update(run)
        text = "".join(("-" if words[j].hyphen else " ") + words[j].raw for j in run)[1:]
        found.append(_Place(text, run[0], run[-1], near, not word.capital and not near))
    return found


def _continues_name(word: _Word, length: int) -> bool:
    return word.capital and length < 3 and word.folded not in w.STOPWORDS


def _guidance(joined: str, starts: list[int], words: list[_Word], places: list[_Place]) -> str:
    """Why the message is a question for the knowledge base, if it is one. Capitalised place
    names are not read as words ("Île-de-France" does not ask "ile", how many)."""
    for place in places:
        if not place.loose:
            start, end = starts[place.first], starts[place.last] + len(words[place.last].folded)
            joined = joined[:start] + re.sub(r"\S", "#", joined[start:end]) + joined[end:]
    reason = next((reason for reason, p in _GUIDANCE if p.search(joined)), "")
    if not reason and _YES_NO.search(joined) and not _FIND.search(joined):
        reason = "a yes-no question about the learner"
    return reason


def _known_word(folded: str) -> bool:
    return folded in _NOUNS or any(folded in names for names in w.LANGUAGE_NAMES.values())


def _number(found: re.Match[str] | None) -> float | None:
    if found is None:
        return None
    digits = next(group for group in found.groups() if group)
    return float(digits.replace(",", "."))
