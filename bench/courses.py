"""Course search latency on a generated catalogue of 10,000 courses (`python -m bench courses`).

What is measured, in this run, on this machine:
- the catalogue is generated as CSV in a temporary folder and loaded through the real importer
  (a third of the rows without coordinates, so the gazetteer places them);
- course vectors: embedding 10,000 distinct descriptions with e5 would take ten minutes or more,
  so the generated courses share a few dozen texts (16 topics x 3 title variants), each embedded
  once for real: every course has the true e5 vector of its own text. That build is timed, and
  the time 10,000 distinct texts would take is extrapolated from it;
- each query goes through the real finder, as the engine calls it: reading the words, the place
  finder and the gazetteer, the e5 embedding of the topic (uncached: every query embeds), then
  filtering and ranking 10,000 courses with numpy and building the reply. Reported: end to end,
  the embedding alone, and everything but the embedding.
"""

from __future__ import annotations

import csv
import random
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from bot.config import Settings
from bot.courses.catalogue import COLUMNS, load_catalogue
from bot.courses.finder import CourseFinder
from bot.courses.geo import Gazetteer
from bot.courses.search import RELEVANCE, CourseIndex
from bot.courses.texts import CourseTexts
from bot.courses.vectors import embedding_text
from bot.guidance.language import Strings
from bot.guidance.places import PlaceFinder
from bot.guidance.types import Profile
from bot.services import build_embeddings

COURSES = 10_000
QUERIES = 300
COUNTRIES = ("FR", "DE", "BE", "NL", "IE", "IT", "ES", "PL", "PT", "AT")
FUNDING = {"FR": "CPF", "DE": "Bildungsurlaub", "BE": "VOV", "IE": "Springboard+", "PL": "KFS"}
# (topic as learners write it in en / de / fr, template title, description)
TOPICS = (
    ("English", "Englisch", "anglais", "English for work", "Speak and write English at work."),
    ("Excel", "Excel", "Excel", "Excel basics", "Spreadsheets, formulas and charts."),
    ("welding", "Schweißen", "soudure", "Welding for beginners", "MIG and arc welding."),
    ("bookkeeping", "Buchhaltung", "comptabilité", "Bookkeeping", "Invoices, VAT, accounts."),
    ("Python", "Python", "Python", "Python programming", "Learn to program in Python."),
    ("first aid", "Erste Hilfe", "premiers secours", "First aid", "Life-saving first aid."),
    ("cooking", "Kochen", "cuisine", "Cooking and food hygiene", "Kitchen skills, hygiene."),
    ("forklift", "Gabelstapler", "cariste", "Forklift driving", "Drive a forklift safely."),
    ("German", "Deutsch", "allemand", "German for work", "German at the workplace."),
    ("web design", "Webdesign", "création web", "Web design", "Build websites with HTML."),
    ("care work", "Pflege", "aide-soignant", "Care assistant", "Caring for older people."),
    ("project management", "Projektmanagement", "gestion de projet", "Project management",
     "Plan projects, budgets and teams."),
    ("electrician", "Elektriker", "électricien", "Electrical installation",
     "Wiring and safety for electricians."),
    ("digital skills", "Digitale Grundlagen", "numérique", "Digital basics",
     "Email, online forms, online safety."),
    ("customer service", "Kundenservice", "relation client", "Customer service",
     "Serve customers well on the phone and in person."),
    ("photography", "Fotografie", "photographie", "Photography", "Take better photos."),
)  # fmt: skip
TEMPLATE_VARIANTS = ("{} – evening course", "{} for beginners", "{} – intensive week")


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def _towns(gazetteer: Gazetteer) -> list[Any]:
    names = [
        "Cork", "Dublin", "Galway", "Lyon", "Paris", "Bordeaux", "Lille", "Köln", "Berlin",
        "München", "Hamburg", "Leipzig", "Gent", "Namur", "Antwerpen", "Utrecht", "Amsterdam",
        "Milano", "Torino", "Valencia", "Madrid", "Sevilla", "Warszawa", "Kraków", "Lisboa",
        "Porto", "Wien", "Graz", "Rotterdam", "Marseille", "Nantes", "Toulouse", "Stuttgart",
        "Frankfurt", "Bremen", "Liège", "Brugge", "Napoli", "Bologna", "Gdańsk",
    ]  # fmt: skip
    return [town for name in names if (town := gazetteer.lookup(name)) is not None]


def generate(folder: Path, gazetteer: Gazetteer, rng: random.Random) -> None:
    """10,000 courses over 40 towns and online, written as CSV."""
    towns = _towns(gazetteer)
    rows = []
    for n in range(COURSES):
        topic = TOPICS[n % len(TOPICS)]
        variant = TEMPLATE_VARIANTS[(n // len(TOPICS)) % len(TEMPLATE_VARIANTS)]
        town = rng.choice(towns)
        mode = rng.choices(("in person", "online", "blended"), (7, 2, 1))[0]
        with_coordinates = mode != "online" and rng.random() < 0.67
        cost = 0 if rng.random() < 0.2 else rng.randrange(50, 2000, 10)
        funding = [FUNDING[town.country]] if town.country in FUNDING else []
        jitter = (rng.uniform(-0.2, 0.2), rng.uniform(-0.3, 0.3))
        rows.append({
            "id": f"G{n:05d}", "title": variant.format(topic[3]),
            "provider": f"Sample Provider {n % 700}", "description": topic[4],
            "topics": topic[0].lower(), "language": "en", "mode": mode,
            "town": town.name if mode != "online" else "", "country": town.country,
            "latitude": f"{town.latitude + jitter[0]:.4f}" if with_coordinates else "",
            "longitude": f"{town.longitude + jitter[1]:.4f}" if with_coordinates else "",
            "start_dates": f"2031-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d}",
            "schedule": rng.choice(("daytime", "evening", "weekend", "self-paced")),
            "duration_hours": rng.randrange(6, 200), "cost": cost,
            "currency": "EUR" if cost else "",
            "funding": ";".join(funding + (["free"] if cost == 0 else [])),
            "url": f"https://example.org/bench/{n}", "updated": "2026-11-20", "sample": "yes",
        })  # fmt: skip
    with (folder / "bench.csv").open("w", newline="", encoding="utf-8") as file:
        writer = csv.DictWriter(file, fieldnames=COLUMNS, restval="")
        writer.writeheader()
        writer.writerows(rows)


def queries(rng: random.Random, towns: list[Any]) -> list[str]:
    """Varied searches in English, German and French, with places, schedules, prices."""
    made = []
    for n in range(QUERIES):
        en, de, fr = TOPICS[n % len(TOPICS)][:3]
        town = rng.choice(towns).name
        made.append(rng.choice((
            f"evening {en} course near {town}",
            f"{en} course in {town} under 300€",
            f"free {en} class at the weekend in {town}",
            f"Abendkurs {de} in {town}",
            f"{de} Kurs am Wochenende in {town} im Umkreis von 50 km",
            f"cours de {fr} le soir à {town}",
            f"formation {fr} gratuite à {town}",
            f"online {en} course",
            f"I am looking for a {en} course within 10 km of {town}",
        )))  # fmt: skip
    return made


def run() -> dict[str, Any]:
    """Generate, load, build vectors, then time the queries. Prints nothing."""
    rng = random.Random(20261125)
    embeddings = build_embeddings(Settings(_env_file=None))  # type: ignore[call-arg]
    gazetteer, places, strings = Gazetteer(), PlaceFinder(), Strings()
    with tempfile.TemporaryDirectory(prefix="guidebot-courses-") as tmp:
        generate(Path(tmp), gazetteer, rng)
        started = time.perf_counter()
        catalogue = load_catalogue(Path(tmp), gazetteer.coordinates)
        load_s = time.perf_counter() - started

    started = time.perf_counter()
    texts = [embedding_text(course) for course in catalogue.courses]
    distinct = sorted(set(texts))  # the generated courses share a few dozen texts
    embedded = dict(zip(distinct, embeddings.embed_documents(distinct), strict=True))
    vectors = np.asarray([embedded[text] for text in texts], dtype=np.float32)
    build_s = time.perf_counter() - started
    docs_per_s = len(distinct) / max(build_s, 1e-9)

    embed_ms: list[float] = []

    def timed_embed(text: str) -> list[float]:
        began = time.perf_counter()
        vector = embeddings.embed_query(text)
        embed_ms.append((time.perf_counter() - began) * 1000)
        return vector

    finder = CourseFinder(
        CourseIndex(catalogue.courses, vectors, RELEVANCE["e5"]), places=places,
        gazetteer=gazetteer, texts=CourseTexts(strings), embed_query=timed_embed,
        cached_vectors=0,
    )  # fmt: skip
    timed_embed("warm up")
    embed_ms.clear()
    asked = queries(rng, _towns(gazetteer))
    total_ms, rest_ms, found, recognised = [], [], [], 0
    for text in asked:
        before = len(embed_ms)
        began = time.perf_counter()
        reply = finder.reply_to(text, Profile(), (), "en")
        elapsed = (time.perf_counter() - began) * 1000
        total_ms.append(elapsed)
        rest_ms.append(elapsed - sum(embed_ms[before:]))
        if reply is not None:
            recognised += 1
            found.append(reply.course_total)
    return {
        "catalogue": {"courses": len(catalogue.courses), "rows_left_out": len(catalogue.problems),
                      "load_s": round(load_s, 2)},
        "vectors": {
            "how": f"the courses share {len(distinct)} distinct texts, embedded once with e5; "
                   "every course gets the real vector of its own text",
            "build_s": round(build_s, 1),
            "real_embedding_of_10k_estimated_min": round(COURSES / docs_per_s / 60, 1),
        },
        "queries": len(asked),
        "recognised_as_searches": recognised,
        "median_courses_found": statistics.median(found) if found else 0,
        "search_ms": {"p50": round(percentile(total_ms, 0.5), 1),
                      "p95": round(percentile(total_ms, 0.95), 1)},
        "query_embedding_ms": {"p50": round(percentile(embed_ms, 0.5), 1),
                               "p95": round(percentile(embed_ms, 0.95), 1)},
        "search_without_embedding_ms": {"p50": round(percentile(rest_ms, 0.5), 1),
                                        "p95": round(percentile(rest_ms, 0.95), 1)},
        "target_p95_ms": 30,
    }  # fmt: skip
