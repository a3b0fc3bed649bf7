"""The course finder inside the real engine (real e5 model, real small index), and the CLI."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from bot.config import Settings
from bot.courses.cues import CueReader
from bot.courses.finder import CourseFinder
from bot.courses.query import CourseQuery
from bot.guidance.embeddings import E5Embeddings
from bot.guidance.language import Strings
from bot.guidance.pipeline import Engine
from bot.guidance.places import PlaceFinder
from bot.guidance.triage import Verdict
from bot.guidance.types import Profile, Turn
from bot.services import Services, build_course_finder

COURSES = Path(__file__).parent / "fixtures" / "courses"


class CountingEmbeddings:
    """The real model, counting the documents it embeds."""

    def __init__(self, real: E5Embeddings) -> None:
        self.real, self.documents, self.model_id = real, 0, real.model_id

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.documents += len(texts)
        return self.real.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        return self.real.embed_query(text)


@pytest.fixture(scope="module")
def course_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    root = tmp_path_factory.mktemp("courses")
    shutil.copytree(COURSES, root / "knowledge" / "courses")
    return Settings(_env_file=None, data_dir=root / "data", knowledge_dir=root / "knowledge")  # type: ignore[call-arg]


@pytest.fixture(scope="module")
def finder(course_settings: Settings, embeddings: E5Embeddings) -> CourseFinder:
    counting = CountingEmbeddings(embeddings)
    built = build_course_finder(course_settings, counting, Strings(), PlaceFinder())  # type: ignore[arg-type]
    assert built is not None
    assert counting.documents == 16
    again = build_course_finder(course_settings, counting, Strings(), PlaceFinder())  # type: ignore[arg-type]
    assert again is not None
    assert counting.documents == 16  # the vectors came from the cache
    return built


@pytest.fixture(scope="module")
def engine(small_services: Services, finder: CourseFinder) -> Engine:
    real = small_services.engine
    return Engine(
        real.retriever, real.strings, real._detector, real._places, real._triage, courses=finder
    )


def ids(reply: Any) -> list[str]:
    return [card.id for card in reply.courses]


async def test_a_course_search_gets_cards_nearest_first_marked_as_sample(engine: Engine) -> None:
    reply = await engine.reply("evening English course near Cork", Profile())

    assert reply.decision == "answer"
    assert reply.reason == "course search"
    assert set(ids(reply)) == {"T01", "T04", "T14", "T15", "T16"}
    assert ids(reply)[-1] == "T04"  # Midleton, 20 km out
    assert reply.courses[0].distance_km is not None
    assert reply.courses[0].distance_km < 5
    assert all("evening" in card.schedule for card in reply.courses)
    assert "within 25 km of Cork" in reply.text
    assert any("Sample data" in notice for notice in reply.notices)
    assert reply.learned == {"country": "IE"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Abendkurs Englisch in Köln", ["T11"]),
        ("cours d'anglais le soir à Lyon", ["T09"]),
        ("formation Excel éligible CPF à Lyon", ["T10"]),
        ("Is there a welding class in Cork?", ["T03"]),
        ("free online Python course", ["T07"]),
    ],
)
async def test_searches_in_several_languages(engine: Engine, text: str, expected: list) -> None:
    reply = await engine.reply(text, Profile())
    assert ids(reply) == expected


@pytest.mark.parametrize(
    "text",
    [
        "which courses can I pay with my CPF",
        "how many days of Bildungsurlaub do I get?",
        "is there free money for courses if you're unemployed?",
        "Wie viele Tage Bildungsurlaub habe ich in Köln?",
    ],
)
async def test_guidance_questions_stay_with_the_knowledge_base(engine: Engine, text: str) -> None:
    reply = await engine.reply(text, Profile(country="DE", region="DE-NW"))
    assert reply.reason != "course search"
    assert reply.course_query == ""


async def test_no_place_asks_where_and_the_answer_continues_the_search(engine: Engine) -> None:
    asked = await engine.reply("I'm looking for an evening welding course", Profile())
    assert asked.decision == "clarify"
    assert asked.clarify_field == "place"
    assert "share your location" in asked.text

    history = [Turn("user", "I'm looking for an evening welding course"), Turn("bot", asked.text)]
    reply = await engine.reply("Dublin", Profile(), history)
    assert reply.decision == "answer"
    assert CourseQuery.from_json(reply.course_query).place == "Dublin"
    assert ids(reply) == []  # the welding course in Dublin is at weekends
    assert "wider area" in reply.text

    history += [Turn("user", "Dublin"), Turn("bot", reply.text)]
    weekend = await engine.reply("at the weekend then", Profile(), history)
    assert ids(weekend) == ["T13"]


async def test_the_online_courses_button_answers_where(engine: Engine) -> None:
    asked = await engine.reply("I'm looking for a Python course", Profile())
    assert asked.clarify_field == "place"
    history = [Turn("user", "I'm looking for a Python course"), Turn("bot", asked.text)]
    online = await engine.reply("Online courses", Profile(), history)  # the button's text
    assert ids(online) == ["T07"]
    assert online.text == "Online courses: 1–1 of 1."


async def test_an_unknown_town_gets_a_did_you_mean(engine: Engine) -> None:
    reply = await engine.reply("English course in Corkk", Profile())
    assert reply.decision == "clarify"
    assert reply.clarify_field == "place"
    assert "Did you mean Cork (IE)?" in reply.text
    # Too small for the gazetteer, and nothing like it: ask for a location.
    small = await engine.reply("English course near Mallow", Profile())
    assert small.text.startswith('I don\'t know a place called "Mallow".')
    assert "Did you mean" not in small.text
    assert "share your location" in small.text


async def test_an_empty_result_suggests_a_wider_area_or_online(engine: Engine) -> None:
    reply = await engine.reply("pottery class near Cork", Profile())
    assert reply.decision == "answer"
    assert reply.courses == ()
    assert "search a wider area, or look at online courses" in reply.text


async def test_follow_ups_refine_the_last_search(engine: Engine) -> None:
    history = [Turn("user", "English course near Cork"), Turn("bot", "…")]
    free = await engine.reply("only free ones", Profile(), history)
    assert ids(free) == ["T02"]
    online = await engine.reply("online?", Profile(), history)
    assert ids(online) == ["T08"]


def test_pages_refinements_and_a_shared_location(finder: CourseFinder) -> None:
    first = finder.reply_to("English course near Cork", Profile(), [], "en")
    assert first is not None
    assert (first.course_total, len(first.courses), first.course_offset) == (6, 5, 0)
    second = finder.page(first.course_query, 5, "en")
    assert [c.id for c in second.courses] == ["T04"]
    assert "6–6 of 6" in second.text
    evening = finder.refine(first.course_query, "evening", "en")
    assert evening.course_total == 5
    wider = finder.refine(first.course_query, "wider", "en")
    assert CourseQuery.from_json(wider.course_query).radius_km == 50
    assert wider.course_total == 7  # Mallow, 29 km

    near = finder.at_location(first.course_query, 51.915, -8.175, "en")  # in Midleton
    assert near.courses[0].id == "T04"
    assert "your location" in near.text
    anything = finder.at_location("", 53.35, -6.26, "en")  # Dublin, no search waiting
    assert {c.id for c in anything.courses} == {"T06", "T13"}


def test_the_reply_is_in_the_learners_language(finder: CourseFinder) -> None:
    reply = finder.reply_to("Abendkurs Englisch in Köln", Profile(), [], "de")
    assert reply is not None
    assert reply.text.startswith("Kurse im Umkreis von 25 km um Köln")
    assert reply.notices[0].startswith("Beispieldaten")


def test_namesakes_are_taken_in_the_learners_country_or_language(finder: CourseFinder) -> None:
    def country(text: str, profile: Profile) -> str | None:
        query = finder.recognise(text, profile)
        assert query is not None
        return query.country

    assert country("formation à Valence", Profile()) == "ES"  # the biggest: Valencia
    assert country("formation à Valence", Profile(country="FR")) == "FR"
    assert country("formation à Valence", Profile(language="fr")) == "FR"
    assert country("formation à Valence en Espagne", Profile(country="FR")) == "ES"  # said so
    reply = finder.reply_to("formation à Valence", Profile(), [], "fr")  # in French: France
    assert reply is not None
    assert CourseQuery.from_json(reply.course_query).country == "FR"


def test_a_town_in_lower_case_after_in_is_the_place(finder: CourseFinder) -> None:
    query = finder.recognise("english course in cork", Profile())
    assert query is not None
    assert (query.place, query.country, query.topic) == ("Cork", "IE", "english")
    assert finder.query_for("english course in cork", Profile()).located  # the CLI too
    # An everyday word that is only another name of a small town is no place.
    everyday = finder.recognise("evening course in care", Profile())
    assert everyday is not None
    assert not everyday.located
    assert everyday.topic == "care"


def test_within_km_of_a_town(finder: CourseFinder) -> None:
    query = finder.recognise("English course within 100 km of Cork", Profile())
    assert query is not None
    assert (query.place, query.radius_km, query.topic) == ("Cork", 100.0, "English")


def test_prices_keep_their_direction(finder: CourseFinder) -> None:
    over = finder.reply_to("English course over 100 euros near Cork", Profile(), [], "en")
    under = finder.reply_to("English course under 100 near Cork", Profile(), [], "en")
    assert over is not None
    assert under is not None
    assert {c.id for c in over.courses} == {"T01", "T04", "T15"}
    assert {c.id for c in under.courses} == {"T02", "T14", "T16"}


async def test_a_course_search_in_a_place_not_found_asks_about_the_place(engine: Engine) -> None:
    misspelt = await engine.reply("English course in Bruxelle", Profile())
    assert misspelt.clarify_field == "place"
    assert "Did you mean Brussels (BE)?" in misspelt.text
    village = await engine.reply("English course in Ballyhooly", Profile())
    assert village.clarify_field == "place"
    assert village.reason == "course search: where?"


async def test_a_region_with_no_course_is_named_plainly(engine: Engine) -> None:
    # Regions outside Germany, Belgium and Austria are known by name (pycountry) and named as
    # pycountry names them; the catalogue has no course there.
    reply = await engine.reply("formation Excel en Île-de-France", Profile())
    assert reply.courses == ()
    said = "Je n'ai trouvé aucune formation de ce type (lieu : Île-de-France)."
    assert reply.text.startswith(said)
    unknown = await engine.reply("formation Excel en Ile-de-Frankreich", Profile())
    assert unknown.clarify_field == "place"
    empty = await engine.reply("Excel Kurs in Sachsen", Profile(), [])
    assert empty.courses == ()
    assert empty.text.startswith("Ich habe keinen passenden Kurs gefunden (Gebiet: Sachsen).")
    assert "weniger Bedingungen" not in empty.text


def test_an_inflected_town_is_named_as_the_learner_would(finder: CourseFinder) -> None:
    reply = finder.reply_to("kurs angielskiego w Warszawie", Profile(), [], "pl")
    assert reply is not None
    assert "(miejsce: Warszawa)" in reply.text
    assert "Warsaw" not in reply.text


def run_cli(settings: Settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATA_DIR": str(settings.data_dir),
           "KNOWLEDGE_DIR": str(settings.knowledge_dir)}  # fmt: skip
    return subprocess.run(
        [sys.executable, "-m", "bot", "courses", *args],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip


def test_cli_searches_near_a_town_as_text_or_json(
    course_settings: Settings, finder: CourseFinder
) -> None:
    text = run_cli(course_settings, "evening English", "--near", "Cork")
    assert text.returncode == 0, text.stderr
    assert "Courses within 25 km of Cork: 1–5 of 5." in text.stdout
    assert "Evening English conversation — Sample Provider T01" in text.stdout
    assert "https://example.org/test/t01" in text.stdout
    assert "Sample data" in text.stdout

    as_json = run_cli(course_settings, "welding", "--json")
    data = json.loads(as_json.stdout)
    assert data["decision"] == "answer"
    assert {c["id"] for c in data["courses"]} == {"T03", "T13"}  # anywhere: no place given

    unknown = run_cli(course_settings, "English", "--near", "Corkk")
    assert "Did you mean Cork (IE)?" in unknown.stdout


def test_cli_check_reports_bad_rows(course_settings: Settings, tmp_path: Path) -> None:
    shutil.copytree(course_settings.knowledge_dir, tmp_path / "knowledge")
    bad = tmp_path / "knowledge" / "courses" / "bad.jsonl"
    bad.write_text('{"id": "X1", "title": "No provider"}\n', encoding="utf-8")
    settings = course_settings.model_copy(update={"knowledge_dir": tmp_path / "knowledge"})

    result = run_cli(settings, "--check")

    assert result.returncode == 1
    assert "16 courses loaded, 1 rows left out" in result.stdout
    assert "bad.jsonl:1: provider is missing" in result.stdout


async def test_a_course_search_outweighs_a_handover_resting_on_an_example_phrase(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nearest-example verdicts are soft: a clear search for a course is answered as one.
    A handover decided by a signal is not overridden."""
    soft = Verdict("escalate", "like an example", "escalate_reason_disability", soft=True)
    monkeypatch.setattr(engine._triage, "classify", lambda *args, **kwargs: soft)
    reply = await engine.reply("evening English course near Cork", Profile())
    assert reply.reason.startswith("course search")
    # Without a place or "find", course words don't outweigh it.
    reply = await engine.reply("I need more time in the exams of my online course", Profile())
    assert reply.decision == "escalate"
    firm = Verdict("escalate", "disability support", "escalate_reason_disability")
    monkeypatch.setattr(engine._triage, "classify", lambda *args, **kwargs: firm)
    reply = await engine.reply("evening English course near Cork", Profile())
    assert reply.decision == "escalate"


async def test_a_clear_course_search_outweighs_a_refusal_resting_on_likeness(
    engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    # ("cooking course" may read like the off-topic messages; with a place it is a search)
    soft = Verdict("out_of_scope", "like the messages outside guidance", "out_of_scope", soft=True)
    monkeypatch.setattr(engine._triage, "classify", lambda *args, **kwargs: soft)
    reply = await engine.reply("evening English course near Cork", Profile())
    assert reply.reason.startswith("course search")
    # without a place or "find", it stands
    reply = await engine.reply("which English course is good for me?", Profile())
    assert reply.decision == "out_of_scope"


async def test_a_story_with_an_unknown_word_after_in_is_not_a_course_search(
    engine: Engine,
) -> None:
    """'aide-soignante en EHPAD depuis 8 ans': in a story, a word after "en" that is no town is
    not a place to search; in a short request it is ("English course in Bruxelle")."""
    story = (
        "Je suis aide-soignante en EHPAD depuis 8 ans et je voudrais devenir infirmière "
        "l'année prochaine, avec une formation de trois ans."
    )
    reply = await engine.reply(story, Profile(country="FR"))
    assert not reply.reason.startswith("course search")
    short = await engine.reply("English course in Bruxelle", Profile())
    assert short.reason.startswith("course search")


async def test_an_event_in_the_learners_case_is_not_a_course_search(engine: Engine) -> None:
    text = (
        "My supervisor told me yesterday that if I start the evening course my contract won't "
        "be renewed. I work in Cork."
    )
    reply = await engine.reply(text, Profile())
    assert reply.decision == "escalate"
    assert reply.course_query == ""


def test_whether_an_account_can_pay_for_a_course_is_no_course_search() -> None:
    reader = CueReader()
    for text in (
        "Est-ce que le CPF peut payer une formation en anglais ?",
        "Can the CPF pay for an English course?",
        # a loan for one's studies
        "Ik wil lenen voor mijn opleiding, kan dat via DUO met het levenlanglerenkrediet?",
        "Existe-t-il un prêt pour une formation d'infirmière ?",
    ):
        assert reader.read(text).guidance, text
