"""Country and region names from pycountry's ISO 3166 lists and catalogues."""

from __future__ import annotations

import gettext

import pycountry
import pytest

from bot.guidance.language import SUPPORTED_LANGUAGES, Strings
from bot.guidance.place_names import READ_LANGUAGES, PlaceNames, _read_catalogue, _variants


@pytest.fixture(scope="module")
def names() -> PlaceNames:
    return PlaceNames()


@pytest.mark.parametrize(("domain", "lang"), [("iso3166-1", "pl"), ("iso3166-2", "de")])
def test_the_catalogue_reader_agrees_with_gettext(domain: str, lang: str) -> None:
    expected = gettext.translation(domain, pycountry.LOCALES_DIR, [lang])
    mine = _read_catalogue(domain, lang)
    entries = [key for key in expected._catalog if isinstance(key, str) and key]  # type: ignore[attr-defined]
    assert len(entries) > 400
    for key in entries:
        assert mine.gettext(key) == expected.gettext(key)
    assert mine.gettext("Atlantis") == "Atlantis"
    assert _read_catalogue(domain, "xx").gettext("Germany") == "Germany"  # no such catalogue


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("Madrid, Comunidad de", ["Comunidad de Madrid", "Madrid"]),
        ("Catalunya [Cataluña]", ["Catalunya", "Cataluña"]),
        ("Guyane (française)", ["Guyane"]),
        ("Opole (Silésie centrale)", ["Opole", "Silésie centrale"]),
        ("Fribourg / Freiburg", ["Fribourg", "Freiburg"]),
        ("Wallonne, Région", ["Région Wallonne", "Wallonne"]),
        ("wallonne, Région", ["Région wallonne"]),
        ("Västerbottens län [SE-24]", ["Västerbottens län"]),
        ("Nord-Ouest", []),  # a compass point is no name
    ],
)
def test_iso_list_forms_are_undone(entry: str, expected: list[str]) -> None:
    assert list(_variants(entry)) == expected


def test_country_names_in_our_languages_and_their_own(names: PlaceNames) -> None:
    assert READ_LANGUAGES == SUPPORTED_LANGUAGES  # the languages learners write in
    found = names.countries(["CZ", "GB", "XX"])
    assert {"Czechia", "Tschechien", "Tchéquie", "Czechy", "Česko", "Česká republika"} <= set(
        found["CZ"]
    )
    assert {"United Kingdom", "Royaume-Uni", "England", "Scotland", "Wales"} <= set(found["GB"])
    assert "XX" not in found


def test_first_level_regions_but_no_towns(names: PlaceNames) -> None:
    found = names.regions(["DE", "IT", "SI", "MT", "SG", "FR"])
    assert len([code for code in found if code.startswith("DE-")]) == 16
    assert {"Lombardia", "Lombardei", "Lombardie"} <= set(found["IT-25"])
    assert "Bretagne" in found["FR-BRE"]
    assert "FR-NC" not in found  # New Caledonia: its own labour law
    assert not [code for code in found if code[:2] in ("SI", "MT", "SG")]  # municipalities


def test_belgian_provinces_are_named_as_their_region(names: PlaceNames) -> None:
    found = names.provinces(["BE", "DE"])
    assert "Hainaut" in found["BE-WAL"]
    assert "Oost-Vlaanderen" in found["BE-VLG"]
    assert set(found) == {"BE-VLG", "BE-WAL"}


@pytest.mark.parametrize(
    ("code", "lang", "expected"),
    [
        ("CZ", "it", "Cechia"),
        ("CZ", "en", "Czechia"),
        ("IT-25", "it", "Lombardia"),
        ("IT-25", "de", "Lombardei"),
        ("ES-MD", "es", "Comunidad de Madrid"),
        ("PL-14", "pl", "Mazowieckie"),  # the catalogue's adjective, capitalised
        ("PL-14", "pt-BR", "Mazowieckie"),  # no translation: the local name
        ("XX", "en", None),
        ("XX-99", "en", None),
    ],
)
def test_a_name_to_show(names: PlaceNames, code: str, lang: str, expected: str | None) -> None:
    assert names.name(code, lang) == expected


def test_strings_name_places_their_tables_lack_as_pycountry_does() -> None:
    strings = Strings()
    assert strings.region_name("IT-25", "it") == "Lombardia"
    assert strings.region_name("DE-NI", "en") == "Lower Saxony"  # the locale table first
    assert strings.country_name("CZ", "it") == "Cechia"
    assert strings.country_name("EU", "en") == "EU"
    assert strings.country_name("XX", "fr") == "XX"
    assert strings.region_name("DE-", "en") == "DE-"
    text = strings.get("coverage_missing", "it", place=strings.region_name("IT-25", "it"))
    assert "Lombardia" in text
