"""Reading a message: is it a course search, and what does it ask for (many languages)."""

from __future__ import annotations

import pytest

from bot.courses.cues import CueReader
from bot.courses.query import CourseQuery

reader = CueReader({"Skillnet": "Skillnet"})


@pytest.mark.parametrize(
    ("text", "schedule", "topic", "place"),
    [
        ("evening English course near Cork", "evening", "English", "Cork"),
        ("Abendkurs Englisch in Köln", "evening", "Englisch", "Köln"),
        ("Englischkurs am Wochenende in München", "weekend", "Englisch", "München"),
        ("cours d'anglais le soir à Lyon", "evening", "anglais", "Lyon"),
        ("avondopleiding boekhouden in Antwerpen", "evening", "boekhouden", "Antwerpen"),
        ("corso di inglese serale a Milano", "evening", "inglese", "Milano"),
        ("curso de inglés por la noche en Valencia", "evening", "inglés", "Valencia"),
        ("wieczorowy kurs angielskiego w Krakowie", "evening", "angielskiego", "Krakowie"),
        ("curso de inglês à noite em Lisboa", "evening", "inglês", "Lisboa"),
    ],
)
def test_course_searches_in_our_languages(
    text: str, schedule: str, topic: str, place: str
) -> None:
    cues = reader.read(text)
    assert cues.course
    assert cues.guidance == ""
    assert cues.schedule == schedule
    assert cues.topic == (topic,)
    assert cues.places == (place,)
    assert cues.is_search(town=True)


@pytest.mark.parametrize(
    "text",
    [
        "which courses can I pay with my CPF",
        "how many days of Bildungsurlaub do I get for a course?",
        "Wie viele Tage Bildungsurlaub habe ich für einen Kurs in Köln?",
        "Combien d'heures de formation avec mon CPF à Lyon ?",
        "Heb ik recht op opleidingsverlof voor een avondopleiding in Gent?",
        "where can i find recognised job-related courses in germany? is there an official list",
        "is there an official database of courses in Germany?",
        "is there free money for courses if you're unemployed?",
        "Could our 8-week evening online course qualify for the Austrian Weiterbildungsbeihilfe?",
        "My employer refuses to pay for my English course in Cork",
        "I paid 1,800€ for a course in Lyon, they cancelled and I want my money back",
        "¿Cuántas horas de permiso retribuido para formación me corresponden en Valencia?",
        "Ile dni urlopu szkoleniowego przysługuje na kurs w Warszawie?",
        "Do I get paid during the training in Dublin?",
        "is this evening course in Cork eligible for Skillnet?",
        "how many days of training leave do I get per year?",
        "What is the co-payment when I buy a course with my CPF?",
        "Comment financer une formation d'anglais à Lyon avec le CPF ?",
        "¿Cómo uso FUNDAE para un curso de inglés en Madrid?",
        "Wie nutze ich meinen Bildungsurlaub für einen Englischkurs in Köln?",
        "Jak wykorzystać KFS na kurs angielskiego w Warszawie?",
        "Who pays for my welding course in Lyon?",
    ],
)
def test_guidance_questions_are_not_course_searches(text: str) -> None:
    cues = reader.read(text)
    assert not cues.is_search(town=True), cues.guidance


def test_the_ways_to_narrow_a_search() -> None:
    cues = reader.read("free online Python course, taught in English, Skillnet, within 10 km")
    assert (cues.mode, cues.free, cues.language, cues.funding, cues.radius_km) == (
        "online", True, "en", "Skillnet", 10.0
    )  # fmt: skip
    assert cues.topic == ("Python",)
    assert reader.read("Excel course under 200€").max_cost == 200.0
    assert reader.read("Excel course max 150 euros").max_cost == 150.0
    assert reader.read("Kurs Buchhaltung kostenlos am Samstag").schedule == "weekend"
    assert reader.read("formation Excel à distance").mode == "online"
    assert reader.read("Präsenzkurs Excel").mode == "in person"
    assert reader.read("Bildungsurlaubskurs Yoga").funding == "Bildungsurlaub"
    assert reader.read("curso en inglés").language == "en"
    assert reader.read("English course in my free time").free is False


def test_what_counts_as_a_search() -> None:
    assert reader.read("I want to take an English course").is_search()  # asks: then "where?"
    assert reader.read("courses near me").is_search()
    assert reader.read("free online courses").is_search()  # two filters say enough
    assert reader.read("evening English course").is_search()  # a filter and a topic
    assert not reader.read("English course").is_search()  # just a topic: the knowledge base
    assert not reader.read("What is a training course?").is_search()
    assert not reader.read("The evening was great, thanks").is_search()  # no course word


def test_training_next_to_leave_or_money_words_is_not_a_course() -> None:
    assert not reader.read("training leave in Cork").course
    assert not reader.read("mon compte formation").course
    assert reader.read("Excel training in Lyon").course


def test_a_capitalised_word_after_in_is_a_place_candidate_not_the_topic() -> None:
    cues = reader.read("Is there an evening welding class in Corkk?")
    assert cues.places == ("Corkk",)
    assert cues.topic == ("welding",)
    lower = reader.read("english course near corkk")
    assert lower.places == ("corkk",)
    assert reader.read("english course in the evening").places == ()


def test_short_follow_ups_refine_a_search() -> None:
    assert reader.read("only in the evening").refines()
    assert reader.read("and free?").refines()
    assert reader.read("in Dublin?").refines()
    assert reader.read("what about Dublin?").refines(town=True)  # the finder found the town
    assert not reader.read("thanks!").refines()
    assert not reader.read("how many days of leave do I get?").refines()


def test_a_query_survives_json_and_follow_ups_win() -> None:
    query = CourseQuery(topic="English", place="Cork", latitude=51.9, longitude=-8.47)
    assert CourseQuery.from_json(query.to_json()) == query
    assert CourseQuery.from_json("not json") == CourseQuery()
    assert CourseQuery.from_json('{"topic": 3, "colour": "blue"}').topic == 3  # kept as given
    later = CourseQuery(place="Dublin", latitude=53.3, longitude=-6.3, schedule="evening")
    merged = query.then(later)
    assert (merged.topic, merged.place, merged.schedule) == ("English", "Dublin", "evening")
    assert query.then(CourseQuery(free=True)).place == "Cork"
    assert CourseQuery(mode="online").needs_place is False
    assert CourseQuery(topic="x").needs_place is True
