"""Filtering and ranking over the test catalogue: distance, filters, relevance, dates."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from bot.courses.catalogue import Catalogue, load_catalogue
from bot.courses.geo import Gazetteer
from bot.courses.query import CourseQuery
from bot.courses.search import CourseIndex, Relevance

COURSES = Path(__file__).parent / "fixtures" / "courses"
TODAY = date(2026, 12, 1)
CORK = {"place": "Cork", "latitude": 51.8979, "longitude": -8.4706, "country": "IE"}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    catalogue = load_catalogue(COURSES, Gazetteer().coordinates)
    assert not catalogue.problems
    return catalogue


@pytest.fixture(scope="module")
def index(catalogue: Catalogue) -> CourseIndex:
    return CourseIndex(catalogue.courses)  # lexical only: no vectors


def ids(index: CourseIndex, query: CourseQuery, today: date = TODAY) -> list[str]:
    return [index.courses[hit.index].id for hit in index.search(query, None, today)]


def test_nearest_first_within_the_radius_and_never_online(index: CourseIndex) -> None:
    hits = index.search(CourseQuery(**CORK), None, TODAY)
    distances = [hit.distance_km for hit in hits]
    assert distances == sorted(distances)  # type: ignore[type-var]
    assert all(d is not None and d <= 25 for d in distances)
    found = [index.courses[hit.index] for hit in hits]
    assert {c.town for c in found} == {"Cork", "Midleton"}  # Mallow is 29 km away
    assert all(c.mode != "online" for c in found)


def test_a_wider_radius_reaches_further(index: CourseIndex) -> None:
    assert "T05" not in ids(index, CourseQuery(**CORK, topic="English"))
    assert "T05" in ids(index, CourseQuery(**CORK, topic="English", radius_km=50))


def test_relevance_first_then_distance(index: CourseIndex) -> None:
    found = ids(index, CourseQuery(**CORK, topic="welding"))
    assert found == ["T03"]
    english = ids(index, CourseQuery(**CORK, topic="English"))
    assert "T03" not in english  # welding is not about English
    assert english[-1] == "T04"  # Midleton, 20 km, comes after the ones in Cork


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"schedule": "evening"}, {"T01", "T04", "T14", "T15", "T16"}),
        ({"schedule": "daytime"}, {"T02", "T03"}),
        ({"free": True}, {"T02", "T03"}),
        ({"max_cost": 100}, {"T02", "T03", "T14", "T16"}),
        ({"funding": "skillnet"}, {"T01"}),
        ({"mode": "in person", "language": "en", "max_cost": 0}, {"T02", "T03"}),
        ({"min_cost": 150}, {"T01", "T15"}),
    ],
)
def test_filters(index: CourseIndex, changes: dict[str, object], expected: set[str]) -> None:
    assert set(ids(index, CourseQuery(**CORK, **changes))) == expected  # type: ignore[arg-type]


def test_online_courses_need_no_place_and_the_learners_country_comes_first(
    index: CourseIndex,
) -> None:
    assert set(ids(index, CourseQuery(mode="online"))) == {"T07", "T08"}
    # Online wins over a place: the place is ignored.
    assert set(ids(index, CourseQuery(**CORK, mode="online", topic="Python"))) == {"T07"}


def test_a_country_or_a_region_instead_of_a_town(index: CourseIndex) -> None:
    assert set(ids(index, CourseQuery(country="FR"))) == {"T09", "T10"}
    assert ids(index, CourseQuery(country="DE", topic="Englisch")) == ["T11"]


def test_courses_whose_last_start_date_has_passed_are_left_out(index: CourseIndex) -> None:
    assert "T12" not in ids(index, CourseQuery(**CORK))
    assert "T12" in ids(index, CourseQuery(**CORK), today=date(2025, 12, 1))
    assert "T01" not in ids(index, CourseQuery(**CORK), today=date(2032, 1, 1))


def test_semantic_relevance_keeps_the_courses_close_to_the_best(catalogue: Catalogue) -> None:
    vectors = np.zeros((len(catalogue.courses), 3), dtype=np.float32)
    for i, course in enumerate(catalogue.courses):
        vectors[i] = [1, 0, 0] if "english" in course.topics else [0, 1, 0]
    index = CourseIndex(catalogue.courses, vectors, Relevance(margin=0.05, floor=0.5))
    # No word in common: the lexical match alone finds nothing.
    assert ids(CourseIndex(catalogue.courses), CourseQuery(**CORK, topic="anglais")) == []
    hits = index.search(CourseQuery(**CORK, topic="anglais"), np.array([1.0, 0.1, 0.0]), TODAY)
    found = [index.courses[hit.index].id for hit in hits]
    assert set(found) == {"T01", "T02", "T04", "T14", "T15", "T16"}
    # Far from every course: nothing is relevant (the floor).
    assert index.search(CourseQuery(**CORK, topic="x"), np.array([0, 0, 1.0]), TODAY) == []


def test_ten_thousand_courses_are_searched_by_place(catalogue: Catalogue) -> None:
    # How fast, `make bench BENCH=courses` measures (10,000 courses, 300 queries).
    courses = catalogue.courses * 625
    rng = np.random.default_rng(1)
    index = CourseIndex(courses, rng.normal(size=(len(courses), 384)).astype(np.float32))
    hits = index.search(CourseQuery(**CORK, topic="English evening"), rng.normal(size=384), TODAY)
    assert hits
    assert all(hit.distance_km is not None and hit.distance_km <= 25 for hit in hits)


def test_equally_relevant_courses_come_nearest_first(catalogue: Catalogue) -> None:
    # Every English course is about English; their vectors differ a little, the way a model's
    # do, and the one furthest away (Midleton, 20 km) happens to be the closest vector.
    vectors = np.zeros((len(catalogue.courses), 3), dtype=np.float32)
    for i, course in enumerate(catalogue.courses):
        english = "english" in course.topics
        vectors[i] = [1, 0 if course.town == "Midleton" else 0.3, 0] if english else [0, 1, 0]
    index = CourseIndex(catalogue.courses, vectors, Relevance(margin=0.05, floor=0.5))
    hits = index.search(CourseQuery(**CORK, topic="English"), np.array([1.0, 0, 0]), TODAY)
    assert [index.courses[hit.index].town for hit in hits][-1] == "Midleton"
    distances = [hit.distance_km for hit in hits]
    assert distances == sorted(distances)  # type: ignore[type-var]


def test_a_language_named_in_the_topic_must_be_the_one_a_language_course_teaches(
    catalogue: Catalogue,
) -> None:
    french = replace(
        catalogue.courses[0], id="FLE", title="Français langue étrangère",
        topics=("french", "français", "language"), town="Cork",
    )  # fmt: skip
    courses = (*catalogue.courses, french)
    # The model finds the French course closest to "anglais" (both: a language course).
    vectors = np.array([[1, 0.1, 0] if "english" in c.topics else [0, 1, 0] for c in courses])
    vectors[-1] = [1, 0, 0]
    index = CourseIndex(courses, vectors, Relevance(margin=0.05, floor=0.5))
    found = {
        index.courses[hit.index].id
        for hit in index.search(CourseQuery(**CORK, topic="anglais"), np.array([1.0, 0, 0]), TODAY)
    }
    assert "FLE" not in found
    assert {"T01", "T02"} <= found
    # Asked for French, or for no language, it is found.
    assert "FLE" in ids(CourseIndex(courses), CourseQuery(**CORK, topic="français"))
    assert "FLE" in ids(CourseIndex(courses), CourseQuery(**CORK, topic="language"))


def test_topic_words_are_known_and_town_names_in_titles_are_not(index: CourseIndex) -> None:
    assert index.knows("Welding")
    assert index.knows("Python")
    assert not index.knows("Midleton")  # "English evening class in Midleton": a place
