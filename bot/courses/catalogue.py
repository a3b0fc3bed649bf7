"""The course catalogue: its schema, and the importer that checks every row.

Editors keep courses in `knowledge/courses/` as CSV (`*.csv`, a header row, lists separated by
";") or JSON lines (`*.jsonl`, one object per line, lists as arrays or ";" strings). The schema
is documented in `knowledge/courses/README.md`. `load_catalogue` reads every file, reports each
bad row by file, line and reason, and loads the rest: one bad row never hides the others.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

MODES = ("in person", "online", "blended")
SCHEDULES = ("daytime", "evening", "weekend", "self-paced")
COLUMNS = (
    "id", "title", "provider", "description", "topics", "level", "language", "mode", "address",
    "town", "country", "region", "latitude", "longitude", "start_dates", "schedule",
    "duration_hours", "cost", "currency", "funding", "accessibility", "url", "contact",
    "updated", "sample",
)  # fmt: skip
REQUIRED = ("id", "title", "provider", "language", "mode", "country", "schedule", "cost", "url",
            "updated")  # fmt: skip
_MODE_ALIASES = {"in person": "in person", "in-person": "in person", "in_person": "in person",
                 "on site": "in person", "online": "online", "blended": "blended",
                 "hybrid": "blended"}  # fmt: skip
_SCHEDULE_ALIASES = {"daytime": "daytime", "day": "daytime", "evening": "evening",
                     "weekend": "weekend", "self-paced": "self-paced",
                     "self paced": "self-paced", "selfpaced": "self-paced"}  # fmt: skip
_TRUE = {"yes", "true", "1", "y"}
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


@dataclass(frozen=True, slots=True)
class Course:
    """One course as the finder uses it; coordinates are None only for online courses."""

    id: str
    title: str
    provider: str
    description: str
    topics: tuple[str, ...]
    level: str
    language: str  # ISO 639-1 of the teaching
    mode: str  # in person | online | blended
    address: str
    town: str
    country: str  # ISO 3166-1 alpha-2
    region: str
    latitude: float | None
    longitude: float | None
    start_dates: tuple[str, ...]  # ISO dates, sorted
    schedule: tuple[str, ...]  # daytime | evening | weekend | self-paced
    duration_hours: float | None
    cost: float
    currency: str
    funding: tuple[str, ...]  # schemes that pay for it: CPF, VOV, Bildungsurlaub, free, ...
    accessibility: str
    url: str
    contact: str
    updated: str
    sample: bool  # made-up sample data, said so in every reply that shows it


@dataclass(frozen=True, slots=True)
class Problem:
    """A row the importer left out, and why."""

    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass(frozen=True, slots=True)
class Catalogue:
    courses: tuple[Course, ...]
    problems: tuple[Problem, ...]
    digest: str  # hash of the files read: changes whenever the catalogue does

    @property
    def sample_only(self) -> bool:
        return bool(self.courses) and all(course.sample for course in self.courses)

    def summary(self) -> str:
        lines = [f"{len(self.courses)} courses loaded, {len(self.problems)} rows left out"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


# Finds the coordinates of a town in a country; the importer uses it when a row has none.
Locate = Callable[[str, str], tuple[float, float] | None]


class RowError(ValueError):
    """A row that cannot be loaded; the message is the reason shown to editors."""


def load_catalogue(folder: Path, locate: Locate | None = None) -> Catalogue:
    """Read every `*.csv` and `*.jsonl` file in `folder` (sorted by name)."""
    courses: list[Course] = []
    problems: list[Problem] = []
    digest = hashlib.sha256()
    seen: set[str] = set()
    files = sorted(
        p for p in folder.glob("*") if p.suffix.lower() in (".csv", ".jsonl") and p.is_file()
    )
    for path in files:
        data = path.read_bytes()
        digest.update(path.name.encode() + b"\0" + data)
        for line, row in _rows(path.suffix.lower(), data.decode("utf-8-sig")):
            try:
                course = parse_row(row, locate)
                if course.id in seen:
                    raise RowError(f"id {course.id!r} is used twice")
            except RowError as exc:
                problems.append(Problem(path.name, line, str(exc)))
                continue
            seen.add(course.id)
            courses.append(course)
    if problems:
        log.warning("course catalogue: %d rows left out (guidebot courses --check)", len(problems))
    return Catalogue(tuple(courses), tuple(problems), digest.hexdigest()[:16])


def _rows(suffix: str, text: str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, row) pairs; a line that is not a row at all comes as {"": reason}."""
    if suffix == ".jsonl":
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                yield number, {"": f"not JSON: {exc.msg}"}
                continue
            yield number, item if isinstance(item, dict) else {"": "not a JSON object"}
        return
    reader = csv.DictReader(io.StringIO(text))
    unknown = set(reader.fieldnames or ()) - set(COLUMNS)
    for row in reader:
        number = reader.line_num  # the line the row ends on: its only line unless quoted
        if None in row:
            yield number, {"": "more values than columns"}
        elif unknown:
            yield number, {"": f"unknown columns: {', '.join(sorted(unknown))}"}
        else:
            yield number, row


def parse_row(row: dict[str, Any], locate: Locate | None = None) -> Course:
    """One validated course from a row of strings (CSV) or values (JSON); raises RowError."""
    if "" in row:
        raise RowError(str(row[""]))
    unknown = set(row) - set(COLUMNS)
    if unknown:
        raise RowError(f"unknown fields: {', '.join(sorted(unknown))}")
    get = {key: _text(row.get(key)) for key in COLUMNS}
    reasons = [f"{key} is missing" for key in REQUIRED if not get[key]]
    mode = _MODE_ALIASES.get(get["mode"].lower())
    if get["mode"] and mode is None:
        reasons.append(f"mode must be one of {', '.join(MODES)}")
    schedule = tuple(
        dict.fromkeys(_SCHEDULE_ALIASES.get(s.lower(), "?") for s in _list(row, "schedule"))
    )
    if "?" in schedule:
        reasons.append(f"schedule must be among {', '.join(SCHEDULES)}")
    country = get["country"].upper()
    if country and not re.fullmatch(r"[A-Z]{2}", country):
        reasons.append("country must be a two-letter ISO code")
    if get["language"] and not re.fullmatch(r"[a-z]{2}", get["language"].lower()):
        reasons.append("language must be a two-letter ISO 639-1 code")
    cost = _number(get["cost"], "cost", reasons, minimum=0.0)
    hours = _number(get["duration_hours"], "duration_hours", reasons, minimum=0.0)
    if cost and not re.fullmatch(r"[A-Z]{3}", get["currency"].upper()):
        reasons.append("currency must be a three-letter code when the course costs something")
    if get["url"] and not re.match(r"https?://\S+$", get["url"]):
        reasons.append("url must start with http:// or https://")
    dates = _list(row, "start_dates")
    if any(not _is_date(d) for d in [*dates, get["updated"]] if d):
        reasons.append("dates must be real dates written YYYY-MM-DD")
    latitude, longitude = _coordinates(get, mode, country, locate, reasons)
    if reasons:
        raise RowError("; ".join(reasons))
    return Course(
        id=get["id"], title=get["title"], provider=get["provider"],
        description=get["description"], topics=_list(row, "topics"), level=get["level"],
        language=get["language"].lower(), mode=str(mode), address=get["address"],
        town=get["town"], country=country, region=get["region"].upper(), latitude=latitude,
        longitude=longitude, start_dates=tuple(sorted(dates)), schedule=schedule,
        duration_hours=hours, cost=cost or 0.0, currency=get["currency"].upper(),
        funding=_list(row, "funding"), accessibility=get["accessibility"], url=get["url"],
        contact=get["contact"], updated=get["updated"], sample=get["sample"].lower() in _TRUE,
    )  # fmt: skip


def _coordinates(
    get: dict[str, str], mode: str | None, country: str, locate: Locate | None, reasons: list[str]
) -> tuple[float | None, float | None]:
    latitude = _number(get["latitude"], "latitude", reasons, minimum=-90.0, maximum=90.0)
    longitude = _number(get["longitude"], "longitude", reasons, minimum=-180.0, maximum=180.0)
    if (latitude is None) != (longitude is None):
        reasons.append("give both latitude and longitude, or neither")
    elif latitude is None and mode in ("in person", "blended"):
        if not get["town"]:
            reasons.append("a course in person needs a town (or latitude and longitude)")
        elif locate is not None and country:
            found = locate(get["town"], country)
            if found is None:
                reasons.append(
                    f"town {get['town']!r} is not in the gazetteer: give latitude and longitude"
                )
            else:
                latitude, longitude = found
    return latitude, longitude


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value).strip()


def _list(row: dict[str, Any], key: str) -> tuple[str, ...]:
    value = row.get(key)
    items = value if isinstance(value, list) else _text(value).split(";")
    return tuple(str(item).strip() for item in items if str(item).strip())


def _number(
    text: str, name: str, reasons: list[str], *, minimum: float, maximum: float = float("inf")
) -> float | None:
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        reasons.append(f"{name} must be a number")
        return None
    if not minimum <= value <= maximum:
        reasons.append(f"{name} is out of range")
        return None
    return value


def _is_date(text: str) -> bool:
    if not _ISO_DATE.match(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True
