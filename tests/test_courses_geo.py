"""Towns to coordinates offline, in several languages; distances; "did you mean"."""

from __future__ import annotations

import numpy as np
import pytest

from bot.courses.geo import Gazetteer, distances_km, haversine_km


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def test_haversine_gives_known_distances() -> None:
    assert haversine_km(51.8985, -8.4756, 53.3498, -6.2603) == pytest.approx(
        220, abs=2
    )  # Cork-Dublin
    assert haversine_km(48.8566, 2.3522, 45.7640, 4.8357) == pytest.approx(
        392, abs=3
    )  # Paris-Lyon
    assert haversine_km(50.0, 8.0, 50.0, 8.0) == 0.0


def test_distances_to_many_points_match_one_by_one_and_keep_nan() -> None:
    lats = np.array([53.3498, 45.7640, np.nan])
    lons = np.array([-6.2603, 4.8357, np.nan])
    found = distances_km(51.8985, -8.4756, lats, lons)
    assert found[0] == pytest.approx(haversine_km(51.8985, -8.4756, 53.3498, -6.2603))
    assert found[1] == pytest.approx(haversine_km(51.8985, -8.4756, 45.7640, 4.8357))
    assert np.isnan(found[2])


@pytest.mark.parametrize(
    ("name", "country", "expected"),
    [
        ("Köln", None, "DE"),
        ("Cologne", None, "DE"),
        ("Keulen", None, "DE"),
        ("Colonia", "DE", "DE"),
        ("koln", None, "DE"),
        ("München", None, "DE"),
        ("Munich", None, "DE"),
        ("Bruxelles", None, "BE"),
        ("Brussel", None, "BE"),
        ("Lisboa", None, "PT"),
        ("Lisbonne", None, "PT"),
        ("Varsovie", None, "PL"),
        ("Mailand", None, "IT"),
        ("Séville", None, "ES"),
        ("Cork", None, "IE"),
        ("Gand", None, "BE"),
    ],
)
def test_towns_are_found_by_their_names_in_many_languages(
    gazetteer: Gazetteer, name: str, country: str | None, expected: str
) -> None:
    town = gazetteer.lookup(name, country)
    assert town is not None
    assert town.country == expected


def test_namesakes_go_to_the_biggest_unless_the_country_is_known(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Frankfurt").population > 500_000  # am Main, not an der Oder
    assert gazetteer.lookup("Valencia").country == "ES"
    assert gazetteer.lookup("Cork", "FR") is None


def test_inflected_forms_resolve_within_a_known_country(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Warszawie") is None
    assert gazetteer.resolve("Warszawie", "PL").name == "Warsaw"
    assert gazetteer.resolve("Krakowie", "PL").name == "Kraków"
    assert gazetteer.resolve("Tampereella", "FI").name == "Tampere"
    assert gazetteer.resolve("Ljubljani", "SI").name == "Ljubljana"
    assert gazetteer.resolve("Warszawie", None) is None


def test_did_you_mean_offers_close_names_the_learners_country_first(
    gazetteer: Gazetteer,
) -> None:
    assert [t.name for t in gazetteer.suggest("Corkk")] == ["Cork"]
    assert gazetteer.suggest("Bordeau", "FR")[0].name == "Bordeaux"
    assert gazetteer.suggest("Dublinn", "IE")[0].country == "IE"
    assert gazetteer.suggest("Marketing") == []
    assert gazetteer.suggest("xy") == []


def test_coordinates_feed_the_importer(gazetteer: Gazetteer) -> None:
    lat, lon = gazetteer.coordinates("Gent", "BE") or (0, 0)
    assert (round(lat), round(lon)) == (51, 4)
    assert gazetteer.coordinates("Gent", "FR") is None


def test_namesakes_in_the_preferred_country_first(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Valence").country == "ES"  # Valencia, the biggest
    assert gazetteer.lookup("Valence", prefer=["FR"]).country == "FR"
    assert gazetteer.lookup("Valence", prefer=[None, "DE", "FR"]).country == "FR"
    # Only among towns of that very name: "Valencia" is also another name of Valence.
    assert gazetteer.lookup("Valencia", prefer=["FR"]).country == "ES"


def test_strict_lookups_skip_other_names_of_small_towns(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("care").name == "Cerveteri"  # another name of a small town
    assert gazetteer.lookup("care", strict=True) is None
    assert gazetteer.lookup("cork", strict=True).country == "IE"
    assert gazetteer.lookup("cologne", strict=True).country == "DE"  # a big city's


@pytest.mark.parametrize(
    ("typed", "country"),
    [("Bruxelle", "BE"), ("Münhcen", "DE"), ("Colonge", "DE"), ("Warzawa", "PL")],
)
def test_did_you_mean_knows_local_names_too(
    gazetteer: Gazetteer, typed: str, country: str
) -> None:
    assert [t.country for t in gazetteer.suggest(typed)] == [country]


def test_an_inflected_town_is_named_in_its_base_form(gazetteer: Gazetteer) -> None:
    assert gazetteer.base_name("Warszawie", "PL") == "Warszawa"
    assert gazetteer.base_name("Krakowie", "PL") == "Kraków"
    assert gazetteer.base_name("Köln", "DE") == "Köln"  # as written
    assert gazetteer.base_name("cork", "IE") == "Cork"
