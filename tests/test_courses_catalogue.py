"""The course catalogue importer: good rows load, bad rows are reported by line and reason."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.courses.catalogue import COLUMNS, load_catalogue
from bot.courses.geo import Gazetteer

HEADER = ",".join(COLUMNS)
GOOD = (
    "C1,Evening English,Sample School,Spoken English,english;language,B1,en,in person,,Cork,IE,,"
    "51.9,-8.47,2027-01-12;2026-12-01,evening,40,180,EUR,Skillnet;free,,https://example.org/c1,,"
    "2026-11-20,yes"
)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def write(folder: Path, name: str, lines: list[str]) -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def row(**changes: str) -> str:
    values = dict(zip(COLUMNS, GOOD.split(","), strict=True))
    values.update(changes)
    return ",".join(values[column] for column in COLUMNS)


def test_a_good_row_loads_with_lists_numbers_and_sorted_dates(tmp_path: Path) -> None:
    write(tmp_path, "courses.csv", [HEADER, GOOD])

    catalogue = load_catalogue(tmp_path)

    assert catalogue.problems == ()
    (course,) = catalogue.courses
    assert course.topics == ("english", "language")
    assert course.start_dates == ("2026-12-01", "2027-01-12")
    assert course.schedule == ("evening",)
    assert course.funding == ("Skillnet", "free")
    assert (course.latitude, course.longitude, course.cost) == (51.9, -8.47, 180.0)
    assert course.sample is True


def test_bad_rows_are_reported_by_line_and_reason_and_the_rest_loads(
    tmp_path: Path, gazetteer: Gazetteer
) -> None:
    write(
        tmp_path,
        "courses.csv",
        [
            HEADER,
            row(id="A"),
            row(id="B", mode="by pigeon"),
            row(id="C", cost="cheap", url="ftp://x"),
            row(id="D", latitude="", longitude="", town="Nowhereville"),
            row(id="A"),
            row(id="E", start_dates="2027-02-30"),
            row(id="F", title=""),
            row(id="G", latitude="51.9", longitude=""),
            row(id="H", latitude="", longitude="", town="Köln", country="DE"),
        ],
    )

    catalogue = load_catalogue(tmp_path, gazetteer.coordinates)

    assert [c.id for c in catalogue.courses] == ["A", "H"]
    reasons = {p.line: p.reason for p in catalogue.problems}
    assert set(reasons) == {3, 4, 5, 6, 7, 8, 9}
    assert "mode must be one of" in reasons[3]
    assert "cost must be a number" in reasons[4]
    assert "url must start with" in reasons[4]
    assert "'Nowhereville' is not in the gazetteer" in reasons[5]
    assert "used twice" in reasons[6]
    assert "real dates" in reasons[7]
    assert reasons[8] == "title is missing"
    assert "both latitude and longitude" in reasons[9]
    assert str(catalogue.problems[0]) == f"courses.csv:3: {reasons[3]}"
    # A town without coordinates takes the gazetteer's.
    assert catalogue.courses[1].latitude == pytest.approx(50.93, abs=0.01)
    assert "7 rows left out" in catalogue.summary()


def test_json_lines_load_too_and_bad_lines_are_reported(tmp_path: Path) -> None:
    good = dict(zip(COLUMNS, GOOD.split(","), strict=True))
    good.update(id="J1", topics=["english", "work"], cost=0, latitude=51.9, longitude=-8.47)
    online = dict(good, id="J2", mode="online", town="", latitude="", longitude="")
    lines = [json.dumps(good), "", "{not json", json.dumps([1, 2]), json.dumps(online)]
    lines.append(json.dumps(dict(good, id="J3", colour="blue")))
    write(tmp_path, "more.jsonl", lines)

    catalogue = load_catalogue(tmp_path)

    assert [c.id for c in catalogue.courses] == ["J1", "J2"]
    assert catalogue.courses[0].topics == ("english", "work")
    assert catalogue.courses[1].latitude is None  # online courses need no place
    assert [(p.line, p.reason[:12]) for p in catalogue.problems] == [
        (3, "not JSON: Ex"),
        (4, "not a JSON o"),
        (6, "unknown fiel"),
    ]


def test_unknown_columns_and_extra_values_are_refused(tmp_path: Path) -> None:
    write(tmp_path, "a.csv", [HEADER + ",colour", GOOD + ",blue"])
    write(tmp_path, "b.csv", [HEADER, GOOD.replace("C1", "C2") + ",extra"])

    catalogue = load_catalogue(tmp_path)

    assert catalogue.courses == ()
    assert [str(p) for p in catalogue.problems] == [
        "a.csv:2: unknown columns: colour",
        "b.csv:2: more values than columns",
    ]


def test_the_digest_changes_with_the_catalogue(tmp_path: Path) -> None:
    path = write(tmp_path, "courses.csv", [HEADER, GOOD])
    first = load_catalogue(tmp_path).digest
    path.write_text(path.read_text().replace("Evening English", "Evening Irish"))
    assert load_catalogue(tmp_path).digest != first


def test_the_shipped_sample_catalogue_is_clean_and_obviously_fictional(
    gazetteer: Gazetteer,
) -> None:
    catalogue = load_catalogue(PROJECT_ROOT / "knowledge" / "courses", gazetteer.coordinates)

    assert catalogue.problems == ()
    assert len(catalogue.courses) >= 40
    assert catalogue.sample_only
    assert all(c.provider.startswith("Sample ") for c in catalogue.courses)
    assert all(c.url.startswith("https://example.org/") for c in catalogue.courses)
    assert len({c.country for c in catalogue.courses}) >= 8
    assert {"online", "in person", "blended"} <= {c.mode for c in catalogue.courses}
