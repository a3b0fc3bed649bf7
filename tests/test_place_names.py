"""Country and region names from pycountry's ISO 3166 lists and catalogues, and the place
finder knowing them in our eight languages."""

from __future__ import annotations

import gettext

import pycountry
import pytest

from bot.guidance.language import SUPPORTED_LANGUAGES, Strings
from bot.guidance.place_names import READ_LANGUAGES, PlaceNames, _read_catalogue, _variants
from bot.guidance.places import NO_PLACE, SERVED_COUNTRIES, PlaceFinder


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


@pytest.mark.parametrize(
    ("text", "country", "region"),
    [
        ("Ich arbeite in Niedersachsen", "DE", "DE-NI"),
        ("Lavoro in Lombardia", "IT", "IT-25"),
        ("Ich arbeite in der Lombardei", "IT", "IT-25"),
        ("I live in Tuscany", "IT", "IT-52"),
        ("trabajo en Cataluña", "ES", "ES-CT"),
        ("Trabalho na Catalunha", "ES", "ES-CT"),
        ("I work in the Basque Country", "ES", "ES-PV"),
        ("trabajo en la Comunidad de Madrid", "ES", "ES-MD"),
        ("je travaille en Bretagne", "FR", "FR-BRE"),
        ("Je travaille en Île-de-France", "FR", "FR-IDF"),
        ("pracuję w województwie mazowieckim", "PL", "PL-14"),
        ("Pracuję na Mazowszu", "PL", "PL-14"),
        ("Mieszkam w Wielkopolsce", "PL", "PL-30"),
        ("mieszkam na Podkarpaciu", "PL", "PL-18"),
        ("Ik werk in Noord-Brabant", "NL", "NL-NB"),
        ("Je travaille dans le Hainaut", "BE", "BE-WAL"),
        ("Ich arbeite in Graubünden", "CH", "CH-GR"),
        ("Jihomoravský kraj", "CZ", "CZ-64"),
        ("Trabalho na Madeira", "PT", "PT-30"),
    ],
)
def test_regions_of_every_served_country_are_known(
    places: PlaceFinder, text: str, country: str, region: str
) -> None:
    hint = places.find(text)
    assert (hint.country, hint.region) == (country, region)
    assert hint.evidence.startswith("region:")


@pytest.mark.parametrize(
    "name",
    ["Czechia", "Tschechien", "Tchéquie", "Tsjechië", "Cechia", "Chequia", "Czechy", "Chéquia"],
)
def test_czechia_in_each_of_our_languages(places: PlaceFinder, name: str) -> None:
    assert places.find(f"I work in {name}").country == "CZ"


LANGUAGES = ("en", "de", "fr", "nl", "it", "es", "pl", "pt")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_served_country_by_its_name_in_our_languages(
    places: PlaceFinder, strings: Strings, lang: str
) -> None:
    # The names the bot itself says (the locale tables, written by hand), not pycountry's.
    for code in SERVED_COUNTRIES:
        name = strings.country_name(code, lang)
        assert name != code, f"no {lang} name for {code}"
        assert places.find(name).country == code, f"{lang} {name!r}"
        assert places.find(f"({name})").country == code, f"{lang} {name!r}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_land_and_region_the_bot_names_in_our_languages(
    places: PlaceFinder, strings: Strings, lang: str
) -> None:
    for code in strings.table("en")["regions"]:
        name = strings.region_name(code, lang)
        assert places.find(name).region == code, f"{lang} {name!r}"


@pytest.mark.parametrize(
    ("text", "country", "region", "evidence"),
    [
        ("Je travaille à Namur", "BE", "BE-WAL", "city:Namur"),  # a province's name too
        ("Ik werk in Antwerpen", "BE", "BE-VLG", "city:Antwerpen"),
        ("Je travaille au Luxembourg", "LU", None, "country:Luxembourg"),  # a province too
        ("Ich arbeite in Hamburg", "DE", "DE-HH", "region:Hamburg"),  # a city state
        ("Ich wohne in Berlin", "DE", "DE-BE", "region:Berlin"),
        ("trabajo en Madrid", "ES", None, "city:Madrid"),  # a region named after its city
        ("I live in Lisboa", "PT", None, "city:Lisboa"),
        ("Ik woon in Utrecht", "NL", None, "city:Utrecht"),
        ("Ik woon in Limburg (België)", "BE", None, "country:België"),  # two provinces
    ],
)
def test_region_names_shared_with_towns_and_countries(
    places: PlaceFinder, text: str, country: str, region: str | None, evidence: str
) -> None:
    hint = places.find(text)
    assert (hint.country, hint.region, hint.evidence) == (country, region, evidence)


@pytest.mark.parametrize(
    "text",
    [
        "Ik werk in Limburg",  # Belgian or Dutch: say which
        "¿Vas a trabajar mañana?",
        "Ich studiere Jura",
        "La réunion de demain est annulée",
        "la plus grande est la meilleure",
        "un café corsé",
        "um móvel de madeira",
        "Wraca do domu",
        "que valga la pena",
        "la marche à suivre",
        "Ik woon in Nieuw-Zeeland",
    ],
)
def test_region_names_that_are_everyday_words_are_not_places(
    places: PlaceFinder, text: str
) -> None:
    assert places.find(text) == NO_PLACE
