"""Names of the countries we serve and of their first-level regions, from pycountry.

pycountry carries ISO 3166-1 (countries) and ISO 3166-2 (subdivisions) with gettext catalogues
of their names in many languages. `PlaceNames` reads them on first use, never at import, and
gives:

- `countries(codes)`: every name of each country: its English, common and official names and
  their translations into the languages learners write in and into the country's own languages
  (the United Kingdom's four nations count as names of the United Kingdom);
- `regions(codes)`: the same for first-level regions (German Länder, Austrian states, Belgian
  and Italian regions, Spanish autonomous communities, French regions, Polish voivodeships,
  Swiss cantons, ...);
- `provinces(codes)`: Belgian provinces, by the region they lie in (Belgian rules follow the
  region);
- `name(code, lang)`: the name of a country or region to show a learner, or None.

ISO's list forms are undone: "Madrid, Comunidad de" is "Comunidad de Madrid" (and "Madrid"),
"Catalunya [Cataluña]" is both names, "Guyane (française)" is "Guyane". Towns are left out
(Slovenian, Maltese and Latvian municipalities, Hungarian cities with county rights): the
place finder knows towns from geonames. The catalogues are incomplete, above all for regions
(no English "Lower Saxony", no Spanish or Portuguese names of the Länder): the place finder
adds the names no catalogue has from its own short table.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

# The languages learners write in (language.SUPPORTED_LANGUAGES, which imports this module):
# every country's name in each.
READ_LANGUAGES: tuple[str, ...] = (
    "en", "de", "fr", "nl", "it", "es", "pl", "pt", "sv", "fi", "sl", "el",
)  # fmt: skip
# Catalogue names where they differ from the ISO 639-1 code; Brazilian Portuguese spells
# "Polônia", "Estônia", which learners write too.
_CATALOGUES: Mapping[str, tuple[str, ...]] = {"pt": ("pt", "pt_BR"), "no": ("nb_NO", "nn")}
# Each country's own languages: its name and its regions' names in them count too. Cyrillic is
# not read (see places.py), so Bulgarian is left out.
OWN_LANGUAGES: Mapping[str, tuple[str, ...]] = {
    "AT": ("de",), "BE": ("nl", "fr", "de"), "HR": ("hr",), "CY": ("el",), "CZ": ("cs",),
    "DK": ("da",), "EE": ("et",), "FI": ("fi", "sv"), "FR": ("fr",), "DE": ("de",),
    "GR": ("el",), "HU": ("hu",), "IE": ("en", "ga"), "IT": ("it",), "LV": ("lv",),
    "LT": ("lt",), "LU": ("fr", "de"), "MT": ("mt", "en"), "NL": ("nl",), "PL": ("pl",),
    "PT": ("pt",), "RO": ("ro",), "SK": ("sk",), "SI": ("sl",), "ES": ("es", "ca", "eu"),
    "SE": ("sv",), "IS": ("is",), "LI": ("de",), "NO": ("no",), "GB": ("en",),
    "CH": ("de", "fr", "it"), "SG": ("en",),
}  # fmt: skip

# Top-level subdivisions that are towns (geonames has them) or lands outside Europe under laws
# of their own (Aruba, New Caledonia, ...). France's overseas departments stay: French law,
# and the CPF, apply there.
_NOT_REGIONS = frozenset({
    "Municipality", "Urban municipality", "Local council", "Commune", "State city",
    "City with county rights", "Special municipality", "Country", "Overseas collectivity",
    "Overseas collectivity with special status", "Overseas territory", "Dependency",
})  # fmt: skip
_NATIONS_OF = frozenset({"GB"})  # top-level parts that are named as the country itself
_PROVINCES_OF = frozenset({"BE"})  # second-level parts named as the region they lie in
_NO_REGIONS = frozenset({"SG"})  # a city state whose districts are compass points
# Regions whose translations are descriptions, not names ("Ouest", "Westland", "Terra del Sud"
# for Iceland's Vesturland, Suðurland): only their own names count.
_LOCAL_NAMES_ONLY = frozenset({"IS"})
# Words of a translated name that say nothing of the place: "Sud", "Nord-Ouest" (Icelandic
# regions in French), "Hoofdstad" (Denmark's capital region in Dutch) are not names.
_GENERIC_WORDS = """
    north south east west nord sud est ouest noord zuid oost ovest norte sur este oeste
    hoofdstad capital capitale region regio regione terra del dell de la of the
"""
_GENERIC = frozenset(_GENERIC_WORDS.split())
_CODE = re.compile(r"\b[A-Z]{2}-[A-Z0-9]+\b")


class PlaceNames:
    """Country and region names from pycountry's ISO 3166 data and catalogues. Catalogues are
    read when first needed and kept while the instance lives: the place finder uses one to
    build its index and lets it go (56 catalogues, 3 MB); `Strings` keeps one for the few
    names its locale tables lack."""

    def __init__(self) -> None:
        self._catalogues: dict[tuple[str, str], _Catalogue] = {}

    def _catalogue(self, domain: str, lang: str) -> _Catalogue:
        key = (domain, lang)
        if key not in self._catalogues:
            self._catalogues[key] = _read_catalogue(domain, lang)
        return self._catalogues[key]

    def _translated(self, domain: str, names: list[str], languages: tuple[str, ...]) -> list[str]:
        """`names` and their translations in `languages`, each undone from ISO's list form."""
        said = [
            *names,
            *(self._catalogue(domain, lang).gettext(n) for n in names for lang in languages),
        ]
        return [variant for text in dict.fromkeys(said) for variant in _variants(text)]

    def countries(self, codes: Iterable[str]) -> dict[str, list[str]]:
        """Every name of each country in `codes` (alpha-2), in no particular order."""
        import pycountry

        names: dict[str, list[str]] = {}
        for code in codes:
            country: Any = pycountry.countries.get(alpha_2=code)
            if country is None:
                continue
            fields = [getattr(country, f, None) for f in ("name", "common_name", "official_name")]
            found = self._translated("iso3166-1", [f for f in fields if f], _languages(code))
            if code in _NATIONS_OF:
                found += [
                    name
                    for part in _top_level(code, every=True)
                    for name in self._translated("iso3166-2", [part.name], _languages(code))
                ]
            names[code] = list(dict.fromkeys(found))
        return names

    def regions(self, codes: Iterable[str]) -> dict[str, list[str]]:
        """Every name of each first-level region of the countries in `codes`, by ISO 3166-2
        code ("DE-NI", "IT-25", "ES-CT")."""
        names: dict[str, list[str]] = {}
        for code in codes:
            if code in _NO_REGIONS or code in _NATIONS_OF:
                continue
            languages = OWN_LANGUAGES.get(code, ()) if code in _LOCAL_NAMES_ONLY else None
            for part in _top_level(code):
                names.setdefault(part.code, []).extend(
                    self._translated("iso3166-2", [part.name], _languages(code, languages))
                )
        return {code: list(dict.fromkeys(found)) for code, found in names.items()}

    def provinces(self, codes: Iterable[str]) -> dict[str, list[str]]:
        """Names of the provinces of countries whose rules follow a larger region (Belgium),
        by the code of that region: "Hainaut", "Oost-Vlaanderen" -> "BE-WAL", "BE-VLG"."""
        names: dict[str, list[str]] = {}
        for code in codes:
            if code not in _PROVINCES_OF:
                continue
            for part in _second_level(code):
                names.setdefault(part.parent_code, []).extend(
                    self._translated("iso3166-2", [part.name], _languages(code))
                )
        return {code: list(dict.fromkeys(found)) for code, found in names.items()}

    def name(self, code: str, lang: str) -> str | None:
        """A country's ("CZ") or region's ("IT-25") name in `lang`, as the catalogue has it
        (the English or local name where it has none); None for an unknown code."""
        import pycountry

        lang = lang.split("-")[0].lower() or "en"
        if "-" not in code:
            country: Any = pycountry.countries.get(alpha_2=code.upper())
            if country is None:
                return None
            english = getattr(country, "common_name", None) or country.name
            return self._catalogue("iso3166-1", _CATALOGUES.get(lang, (lang,))[0]).gettext(english)
        part: Any = pycountry.subdivisions.get(code=code.upper())
        if part is None:
            return None
        said = self._catalogue("iso3166-2", _CATALOGUES.get(lang, (lang,))[0]).gettext(part.name)
        said = next(_variants(said), said)
        return said[:1].upper() + said[1:]  # Polish names are adjectives: "mazowieckie"


def _languages(country: str, only: Iterable[str] | None = None) -> tuple[str, ...]:
    wanted = dict.fromkeys(
        only if only is not None else [*READ_LANGUAGES, *OWN_LANGUAGES.get(country, ())]
    )
    return tuple(name for lang in wanted for name in _CATALOGUES.get(lang, (lang,)))


def _top_level(country: str, *, every: bool = False) -> list[Any]:
    import pycountry

    parts = pycountry.subdivisions.get(country_code=country) or []
    tops = [part for part in parts if part.parent_code is None]
    return tops if every else [part for part in tops if part.type not in _NOT_REGIONS]


def _second_level(country: str) -> list[Any]:
    import pycountry

    parts = pycountry.subdivisions.get(country_code=country) or []
    tops = {p.code for p in _top_level(country)}
    return [p for p in parts if p.parent_code in tops]


def _read_catalogue(domain: str, lang: str) -> _Catalogue:
    import pycountry

    path = Path(pycountry.LOCALES_DIR) / lang / "LC_MESSAGES" / f"{domain}.mo"
    return _Catalogue(path.read_bytes() if path.is_file() else b"")


class _Catalogue:
    """One gettext catalogue (.mo), looked up through its own hash table. `gettext` decodes
    every entry first (iso3166-2 has ~5,000 per language: 0.9 s for the catalogues we read);
    this decodes only the entries asked for."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._order = "<" if data[:4] == b"\xde\x12\x04\x95" else ">"
        if len(data) < 28:
            self._count = self._hash_size = 0
            return
        fields = struct.unpack(f"{self._order}5I", data[8:28])
        self._count, self._ids_at, self._texts_at, self._hash_size, self._hash_at = fields

    def gettext(self, message: str) -> str:
        """The translation of `message`, or `message` itself when there is none."""
        wanted = message.encode()
        size = self._hash_size
        if size < 3:
            return message
        value = _hash(wanted)
        index, step = value % size, 1 + value % (size - 2)
        for _ in range(size):
            (entry,) = struct.unpack_from(f"{self._order}I", self._data, self._hash_at + 4 * index)
            if entry == 0:
                return message
            if entry <= self._count and self._string(self._ids_at, entry - 1) == wanted:
                return self._string(self._texts_at, entry - 1).decode() or message
            index = index + step - size if index >= size - step else index + step
        return message

    def _string(self, table: int, number: int) -> bytes:
        length, start = struct.unpack_from(f"{self._order}2I", self._data, table + 8 * number)
        return self._data[start : start + length]


def _hash(text: bytes) -> int:
    """GNU gettext's hashpjw, which .mo hash tables are built with."""
    value = 0
    for byte in text:
        value = (value << 4) + byte
        high = value & 0xF0000000
        if high:
            value ^= (high >> 24) ^ high
    return value


def _variants(text: str) -> Iterator[str]:
    """The names in one catalogue entry: "Madrid, Comunidad de" -> "Comunidad de Madrid",
    "Madrid"; "Catalunya [Cataluña]" -> both; "Guyane (française)" -> "Guyane"; "Fribourg /
    Freiburg" -> both. Names made of compass points and the like are no names."""
    for piece in re.split(r"\s*[;/]\s*", text):
        inner = re.findall(r"\[([^\]]*)\]", piece)
        bracketed = re.findall(r"\(([^)]*)\)", piece)
        piece = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", piece)
        options = [piece, *inner, *(b for b in bracketed if b[:1].isupper())]
        for option in options:
            option = " ".join(_CODE.sub(" ", option).split()).strip(" ,-")
            head, _, tail = option.partition(",")
            head, tail = head.strip(), tail.strip()
            if tail:  # "Madrid, Comunidad de" / "Wallonne, Région" / "Praha, Hlavní město"
                yield from _named(f"{tail} {head}")
                if head[:1].isupper():
                    yield from _named(head)
            else:
                yield from _named(option)


def _named(text: str) -> Iterator[str]:
    words = re.findall(r"[^\W\d_]+", text.lower())
    if words and not all(word in _GENERIC for word in words):
        yield text
