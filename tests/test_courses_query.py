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
        "Is SkillsFuture credit usable for online courses from Coursera?",
        "Can Irish learners use Springboard+ for our part-time evening course?",
        # who pays part of a course
        "Szukam wieczornego kursu niemieckiego w Linzu. Czy land dopłaca do kursów?",
        "Does the region subsidise evening courses in Ghent?",
        # where to look, a website
        "Szukam kursu na wozek widlowy w Bremie. gdzie szukac? jest jakas strona po niemiecku?",
        # whether a course is allowed or recognised
        "Ist ein Yogakurs als Bildungsurlaub erlaubt?",
        "Ce cours d'anglais à Lyon est-il reconnu pour le CPF ?",
        # whether a scheme still exists
        "Bestaat het STAP-budget nog? Ik wil een cursus Excel doen in Zwolle.",
        "Gibt es den Bildungsscheck noch? Ich suche einen Excel-Kurs in Köln.",
        # whether it is for the learner too
        "estoy en dublin, me dijeron q hay cursos de la uni gratis q se llaman springboard, es"
        " pa mi tambien?",
    ],
)
def test_guidance_questions_are_not_course_searches(text: str) -> None:
    cues = reader.read(text)
    assert not cues.is_search(town=True), cues.guidance


def test_still_looking_for_a_course_is_a_search() -> None:
    # ("noch": still looking, not whether a scheme still exists)
    assert reader.read("Ich suche noch einen Excel-Kurs in Köln").is_search(town=True)


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
    # a course with public money is one to find
    assert reader.read("Is there a funded forklift course near Cork?").is_search(town=True)
    assert reader.read("curso de soldadura financiado en Sevilla").is_search(town=True)


def test_asking_whether_there_are_courses_is_a_search_in_a_longer_message() -> None:
    napoli = (
        "Ciao, sono disoccupato a Napoli. Ci sono corsi gratuiti per imparare a usare il computer?"
    )
    assert reader.read(napoli).is_search(town=True)
    story = "I have worked in Braga for 5 years and my boss gives no training, must they pay me?"
    assert not reader.read(story).is_search(town=True)
    # ("is there Bildungsurlaub for a course?" asks about leave, not for courses)
    leave = (
        "Ich wohne in Leipzig und arbeite seit 3 Jahren. Gibt es Bildungsurlaub für einen Kurs?"
    )
    assert not reader.read(leave).is_search(town=True)


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
    assert not reader.read("thanks in advance").refines()  # "advance" is no town
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


@pytest.mark.parametrize(
    ("text", "most", "least"),
    [
        ("English course under 100 in Cork", 100.0, None),  # no currency: still a price
        ("Excel Kurs bis 150 Euro", 150.0, None),
        ("formation Excel à moins de 1 500 €", 1500.0, None),
        ("curso de Excel hasta 200 euros", 200.0, None),
        ("kurs Excel poniżej 300 zł", 300.0, None),
        ("English course over 100 euros in Cork", None, 100.0),
        ("English course for more than €100", None, 100.0),
        ("Excel Kurs ab 100 Euro", None, 100.0),
        ("formation Excel plus de 100 €", None, 100.0),
        ("cursus Excel meer dan 100 euro", None, 100.0),
        ("corso Excel più di 100 euro", None, 100.0),
        ("kurs Excel powyżej 100 zł", None, 100.0),
        ("English course under 20 hours", None, None),  # hours are no price
        ("Kurs bis 18 Uhr", None, None),
    ],
)
def test_prices_read_with_their_direction(
    text: str, most: float | None, least: float | None
) -> None:
    cues = reader.read(text)
    assert (cues.max_cost, cues.min_cost) == (most, least)


def test_a_town_after_km_of_is_a_place() -> None:
    cues = reader.read("English course within 100 km of Cork")
    assert (cues.radius_km, cues.places, cues.near_places) == (100.0, ("Cork",), ("Cork",))
    assert cues.topic == ("English",)
    assert reader.read("Englischkurs im Umkreis von 30 km um Köln").places == ("Köln",)
    assert reader.read("cursus engels binnen 30 km van gent").near_places == ("gent",)


def test_in_lower_case_any_word_after_in_may_be_a_town() -> None:
    cues = reader.read("english course in cork")
    assert (cues.places, cues.loose_places, cues.topic) == (("cork",), ("cork",), ("english",))
    assert reader.read("curso de inglés en valencia").loose_places == ("valencia",)
    # Not stopwords, course words or languages.
    assert reader.read("course in the evening").places == ()
    assert reader.read("cursus in het engels").places == ()
    # With capitals, a word in lower case after "in" stays a word.
    assert reader.read("English course in person").places == ()


def test_a_hyphenated_place_is_one_name_and_not_read_as_words() -> None:
    cues = reader.read("formation en Île-de-France")
    assert cues.places == ("Île-de-France",)
    assert cues.guidance == ""  # "Île" is no Polish "ile" (how many)
    assert reader.read("formation Excel à Aix-en-Provence").places == ("Aix-en-Provence",)
