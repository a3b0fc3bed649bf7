"""Finding the country and region a learner's message is about."""

from __future__ import annotations

import pytest

from bot.guidance.places import NO_PLACE, PlaceFinder, PlaceHint


@pytest.fixture(scope="module")
def finder() -> PlaceFinder:
    return PlaceFinder()


@pytest.mark.parametrize(
    ("text", "country", "region"),
    [
        ("Hallo, ich wohne in München und arbeite auch da.", "DE", "DE-BY"),
        ("I live in Leipzig. My friend in Berlin gets Bildungsurlaub every year.", "DE", "DE-SN"),
        ("I work in Stuttgart. How early do I need to ask?", "DE", "DE-BW"),
        ("Ich arbeite in Köln und wohne in Bonn", "DE", "DE-NW"),
        ("Ik werk in Gent (4/5e, 30u per week)", "BE", "BE-VLG"),
        ("Je travaille à Namur et je veux passer mon CESS", "BE", "BE-WAL"),
        ("ik woon in Antwerpen", "BE", "BE-VLG"),
        ("Je travaille à Liège", "BE", "BE-WAL"),
        ("Hola, llevo 3 años en mi empresa en Valencia.", "ES", None),
        ("Valencia", "ES", None),
        ("hi how much do i get on my CPF? i work full time in lyon", "FR", None),
        ("Bin in Graz angestellt", "AT", "AT-6"),
        ("Ich wohne in Frankfurt (Oder)", "DE", "DE-BB"),
        ("Ich wohne in Frankfurt am Main", "DE", "DE-HE"),
        ("Woon in Den Haag", "NL", None),
        ("Πού μπορώ να βρω μαθήματα στην Αθήνα;", "GR", None),
    ],
)
def test_a_city_gives_country_and_region(
    finder: PlaceFinder, text: str, country: str, region: str | None
) -> None:
    hint = finder.find(text)
    assert (hint.country, hint.region) == (country, region)
    assert hint.evidence.startswith("city:")


@pytest.mark.parametrize(
    ("text", "country", "region"),
    [
        ("Pracuję w Warszawie i w tym roku piszę pracę magisterską", "PL", None),
        ("Mieszkam w Krakowie", "PL", None),
        ("Pracuję we Wrocławiu", "PL", None),
        ("Sto w Gdańsku", "PL", None),
        ("Kje najdem tečaje za odrasle v Ljubljani?", "SI", None),
        ("Živim v Mariboru", "SI", None),
        ("Mieszkam w Niemczech", "DE", None),
        ("Pracuję w Bawarii", "DE", "DE-BY"),
        # a softened last consonant: Frankfurt, Dortmund
        ("Pracuję we Frankfurcie nad Menem od roku", "DE", "DE-HE"),
        ("Mieszkam w Dortmundzie", "DE", "DE-NW"),
        ("hej pracuje w Dreznie od roku, koledzy z Berlina biora Bildungsurlaub", "DE", "DE-SN"),
        ("Pracuję w Wiedniu jako kucharz", "AT", "AT-9"),
        # typed in lower case: a big city or a region still
        ("mam 23 lata pracuje na budowie w berlinie, ile dni?", "DE", "DE-BE"),
        ("Asun Tampereella ja työskentelen Helsingissä", "FI", None),
    ],
)
def test_slavic_locatives_after_a_preposition(
    finder: PlaceFinder, text: str, country: str, region: str | None
) -> None:
    hint = finder.find(text)
    assert (hint.country, hint.region) == (country, region)


@pytest.mark.parametrize(
    ("text", "country", "region"),
    [
        ("Sweden - my employer says they can just refuse my study leave", "SE", None),
        ("Austria: I earn 4,200 gross", "AT", None),
        ("I'm in Portugal, my company hasn't given me any training", "PT", None),
        ("Bildungsurlaub in Bayern?", "DE", "DE-BY"),
        ("Is there Bildungsurlaub in Bavaria?", "DE", "DE-BY"),
        ("Je travaille en Bavière", "DE", "DE-BY"),
        ("NRW Bildungsurlaub", "DE", "DE-NW"),
        ("Ich lebe in Nordrhein-Westfalen", "DE", "DE-NW"),
        ("I work in North Rhine-Westphalia", "DE", "DE-NW"),
        ("Bildungsurlaub in Niedersachsen", "DE", "DE-NI"),
        ("more days in Saxony?", "DE", "DE-SN"),
        ("Ich arbeite in Sachsen-Anhalt", "DE", "DE-ST"),
        ("congé-éducation en Wallonie", "BE", "BE-WAL"),
        ("opleidingsverlof in Vlaanderen", "BE", "BE-VLG"),
        ("I work in Flanders", "BE", "BE-VLG"),
        ("je travaille en Flandre", "BE", "BE-VLG"),
        ("Ik werk in Brussel maar woon in Leuven", "BE", "BE-BRU"),
        ("Je vis à Bruxelles", "BE", "BE-BRU"),
        ("w Polsce", "PL", None),
        ("Lavoro in Germania", "DE", None),
        ("Estoy en Alemania", "DE", None),
        ("Ich wohne in Österreich", "AT", None),
        ("Bildungskonto in Oberösterreich", "AT", "AT-4"),
    ],
)
def test_country_and_region_names_in_many_languages(
    finder: PlaceFinder, text: str, country: str, region: str | None
) -> None:
    hint = finder.find(text)
    assert (hint.country, hint.region) == (country, region)


@pytest.mark.parametrize(
    ("text", "country", "region"),
    [
        ("my CPF", "FR", None),
        ("hi how much money do i get on my cpf each year?", "FR", None),
        ("My boss refused my PTP request", "FR", None),
        ("Mein Arbeitgeber hat meinen Bildungsurlaub abgelehnt", "DE", None),
        ("Wann muss ich den Bildungsurlaubsantrag stellen?", "DE", None),
        ("Do I have to do the counselling for the Weiterbildungsbeihilfe?", "AT", None),
        ("A learner says their VOV hours should cover our online modules", "BE", "BE-VLG"),
        ("Heb ik nog recht op Vlaams opleidingsverlof?", "BE", "BE-VLG"),
        ("Combien d'heures de congé-éducation payé je peux avoir ?", "BE", None),
        ("Hoeveel geld krijg ik van STAP?", "NL", None),
        ("ho diritto alle 150 ore per studiare?", "IT", None),
        ("¿Cómo pido el permiso individual de formación?", "ES", None),
        ("Ile dni urlopu szkoleniowego mi przysługuje?", "PL", None),
        ("Kan jag få omställningsstudiestöd?", "SE", None),
        ("SkillsFuture question: I'm 42, how much credit do I have?", "SG", None),
        ("Springboard+ courses for jobseekers", "IE", None),
        ("le CIF ça existe encore ?", "FR", None),  # a scheme that has ended
        ("combien de temps avant je demande mon congé de transition ?", "FR", None),
        ("Gibt es das Weiterbildungsgeld noch?", "AT", None),
    ],
)
def test_a_scheme_names_its_country(
    finder: PlaceFinder, text: str, country: str, region: str | None
) -> None:
    hint = finder.find(text)
    assert (hint.country, hint.region) == (country, region)
    assert hint.evidence.startswith("scheme:")


def test_evidence_quotes_the_message(finder: PlaceFinder) -> None:
    assert finder.find("Urlaub in Mecklenburg-Vorpommern").evidence == (
        "region:Mecklenburg-Vorpommern"
    )
    assert finder.find("Ich wohne in Frankfurt (Oder)").evidence == "city:Frankfurt (Oder)"
    assert finder.find("Wien").evidence == "region:Wien"


def test_cep_is_french_unless_the_message_is_about_belgium(finder: PlaceFinder) -> None:
    assert finder.find("My CEP advisor helped me build my project").country == "FR"
    assert finder.find("Le CEP à Namur, c'est combien d'heures ?").country == "BE"
    assert finder.find("CEP en Belgique : combien d'heures ?").country == "BE"


def test_a_place_beats_a_country_name_and_a_scheme(finder: PlaceFinder) -> None:
    hint = finder.find("Ich arbeite in Leipzig, gibt es in Deutschland Bildungsurlaub?")
    assert (hint.country, hint.region, hint.evidence) == ("DE", "DE-SN", "city:Leipzig")
    hint = finder.find("Can I use my CPF if I work in Belgium?")
    assert hint.country == "BE"
    assert hint.countries == ("BE", "FR")


def test_the_workplace_wins_over_the_home(finder: PlaceFinder) -> None:
    hint = finder.find("I live in Arlon but I work in Luxembourg")
    assert hint.country == "LU"
    assert set(hint.countries) == {"LU", "BE"}
    hint = finder.find("I live in Strasbourg and work in Karlsruhe")
    assert (hint.country, hint.region) == ("DE", "DE-BW")


def test_where_the_learner_comes_from_is_not_where_they_work(finder: PlaceFinder) -> None:
    hint = finder.find(
        "I moved from Manchester to Erfurt last year and work in a call centre here"
    )
    assert (hint.country, hint.region) == ("DE", "DE-TH")
    assert hint.nationalities == ("GB",)  # who the learner is, not a place compared
    hint = finder.find("Ich zieh von München nach Hamburg und bin aus Polen")
    assert (hint.country, hint.region, hint.regions) == ("DE", "DE-HH", ("DE-HH",))
    hint = finder.find("Soy de Valencia y trabajo en Oulu (Finlandia)")
    assert hint.country == "FI"
    assert hint.nationalities == ("ES",)
    # nor where their old job was
    hint = finder.find(
        "I moved to Frankfurt for a new job. My old employer in Bavaria never gave"
        " Bildungsurlaub. Now that I'm in Hessen, how many days do I get?"
    )
    assert (hint.country, hint.region) == ("DE", "DE-HE")
    hint = finder.find("Mein früherer Arbeitgeber in Sachsen gab nie frei. Jetzt: Berlin.")
    assert hint.region == "DE-BE"
    # nor where a provider is from, when it asks about another Land's rules
    hint = finder.find(
        "Wir sind ein Bildungsträger aus Hamburg. Wie kriegen wir unsere Seminare in NRW als"
        " Bildungsurlaub anerkannt?"
    )
    assert hint.region == "DE-NW"
    assert finder.find("Wir sind ein Betrieb aus Hamburg mit 8 Leuten.").region == "DE-HH"
    # ... though the last years worked there are
    assert finder.find("In den letzten Jahren in Bayern gearbeitet: wie viele Tage?").region == (
        "DE-BY"
    )


def test_a_commute_is_to_work(finder: PlaceFinder) -> None:
    hint = finder.find("I live in Malmö and commute over the bridge to Copenhagen every day")
    assert hint.country == "DK"
    assert hint.homes == ("SE",)


def test_a_month_is_not_a_town_and_no_porto_is_in_porto(finder: PlaceFinder) -> None:
    assert finder.find("I saw a 5 day course in March that would be perfect") == NO_PLACE
    assert finder.find("tenho contrato a termo num call center no Porto").country == "PT"


def test_where_a_course_or_a_trip_goes_is_not_a_place_compared(finder: PlaceFinder) -> None:
    hint = finder.find(
        "Ik werk voltijds in een bank in Leuven. Deze zomer gaan we 3 weken naar Toscane,"
        " dus ik wil een cursus Italiaans volgen."
    )
    assert (hint.country, hint.region) == ("BE", "BE-VLG")
    assert "IT" in hint.destinations
    hint = finder.find("Trabajo en Praga. Quiero hacer un máster con exámenes en Madrid.")
    assert (hint.country, hint.destinations) == ("CZ", ("ES",))
    # ... unless the learner also lives or works there
    hint = finder.find("I live in Malmö and work in Copenhagen; a master's in Lund is on offer.")
    assert hint.destinations == ()


def test_where_the_learner_goes_back_to_is_not_where_they_work(finder: PlaceFinder) -> None:
    hint = finder.find(
        "Trabajo de camarera en un hotel en Lisboa. Me voy en diciembre porque vuelvo con mi"
        " familia a Madrid. ¿Pierdo esas horas?"
    )
    assert (hint.country, hint.destinations) == ("PT", ("ES",))
    # the going back comes after the work cue of the same sentence
    hint = finder.find("I work in Dublin but I am going back to Poland in May.")
    assert (hint.country, hint.destinations) == ("IE", ("PL",))


def test_an_employee_in_a_country_works_there(finder: PlaceFinder) -> None:
    hint = finder.find("Heeft mijn broer in Antwerpen dit ook? Ik ben werknemer in Nederland.")
    assert hint.country == "NL"


def test_brussels_in_a_message_about_the_eu_is_the_eu(finder: PlaceFinder) -> None:
    hint = finder.find(
        "Krijg ik als werknemer in Nederland recht op een Europese leerrekening,"
        " of is dat gewoon een plannetje van Brussel?"
    )
    assert (hint.country, hint.eu) == ("NL", True)
    assert "BE-BRU" not in hint.regions
    assert "BE" not in hint.countries
    # ... but a learner who works there is in Brussels
    hint = finder.find("Je travaille à Bruxelles : le compte européen, c'est pour moi ?")
    assert hint.region == "BE-BRU"


def test_cross_border_message_lists_every_country(finder: PlaceFinder) -> None:
    hint = finder.find(
        "Complicated one: I'm Portuguese, I work in Luxembourg, I live in Arlon (Belgium)."
        " I've been on sick leave since March."
    )
    assert {"PT", "LU", "BE"} <= set(hint.countries)
    assert hint.countries[0] == hint.country
    assert len(hint.countries) == len(set(hint.countries))


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Abito a Gorizia e lavoro a Nova Gorica con contratto sloveno.", "SI"),
        ("Mieszkam w Cieszynie, pracuję w fabryce (umowa czeska).", "CZ"),
        ("Ich wohne in Passau und habe einen tschechischen Arbeitsvertrag.", "CZ"),
        ("I live in Arlon and work on a Luxembourgish contract.", "LU"),
    ],
)
def test_the_country_of_the_contract_is_where_the_learner_works(
    finder: PlaceFinder, text: str, country: str
) -> None:
    hint = finder.find(text)
    assert hint.country == country
    assert country not in hint.nationalities


def test_a_nationality_is_only_a_weak_hint(finder: PlaceFinder) -> None:
    assert finder.find("I'm Portuguese").country == "PT"
    hint = finder.find("Could our course qualify for the Austrian Weiterbildungsbeihilfe?")
    assert hint.evidence == "scheme:Weiterbildungsbeihilfe"
    assert finder.find("I work for a German company in Vienna").country == "AT"


@pytest.mark.parametrize(
    "text",
    [
        "I want to learn German",
        "Ich möchte Deutsch lernen",
        "cours de français gratuit",
        "Is there a free Dutch course?",
    ],
)
def test_a_language_name_is_not_a_country(finder: PlaceFinder, text: str) -> None:
    assert finder.find(text) == NO_PLACE


@pytest.mark.parametrize(
    "text",
    [
        "how many days of training leave do I get per year?",
        "Best practice for evening courses?",
        "Come on, just tell me the answer",
        "Nice to meet you",
        "Nice course, thanks!",
        "I want to split my training into two parts",
        "Das Essen in der Kantine ist schlecht",
        "Ich bin nicht in der Lage, das zu bezahlen",
        "Born in 1980, I want to change careers",
        "I'm a bus driver and want to become a nurse",
        "Para que sirve la formación?",
        "Wir sind ein Dach-Verband",
        "I've been a care assistant in a nursing home for 6 years",
        "i work in care",
        "My manager Martin said no",
        "Sofia, my daughter, wants to study",
        "Can I do a course in Marketing?",
        "I want to move to New York",
        "honestly i dont see the point anymore. lost my job",
        "Pretend you're my lawyer and write a formal letter",
    ],
)
def test_everyday_words_are_not_places(finder: PlaceFinder, text: str) -> None:
    assert finder.find(text) == NO_PLACE


def test_a_town_that_is_also_a_word_needs_a_capital_and_a_preposition(
    finder: PlaceFinder,
) -> None:
    assert finder.find("I live in Nice").country == "FR"
    assert finder.find("I work in Split").country == "HR"
    assert finder.find("Ich wohne in Essen").region == "DE-NW"
    assert finder.find("Split") == NO_PLACE


def test_a_small_town_needs_a_preposition_or_its_country(finder: PlaceFinder) -> None:
    assert finder.find("Arlon") == NO_PLACE
    assert finder.find("I live in Arlon").region == "BE-WAL"
    assert finder.find("Arlon, Belgium").region == "BE-WAL"


def test_the_eu_itself(finder: PlaceFinder) -> None:
    hint = finder.find("Is the EU Skills Guarantee different from Upskilling Pathways?")
    assert hint == PlaceHint("EU", None, "eu:EU", (), eu=True)
    assert finder.find("What does the EU say about training in France?").country == "FR"
    # "eu" is Portuguese for "I"; an all-capitals message is shouting, not the EU
    assert finder.find("eu quero saber se posso fazer o curso") == NO_PLACE
    assert finder.find("EU QUERO SABER SE POSSO FAZER O CURSO") == NO_PLACE
    # the learning-account Recommendation, named in the learner's language
    for text in (
        "Qu'est-ce que la recommandation européenne sur les comptes individuels de formation ?",
        "Was sagt die EU-Empfehlung zu individuellen Lernkonten?",
        "¿Qué dice la recomendación europea sobre las cuentas individuales de aprendizaje?",
    ):
        assert finder.find(text).eu, text


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\t ",
        "x" * 20_000,
        "Ich wohne in München. " * 1_000,
        "\x00\x01\x02\x1b[31m",
        "🎉🎉🎉 👍",
        "שלום, אני גר בתל אביב",
        "مرحبا أنا أعيش في برلين",
        "\u202e\u200f\ufeff",
        "\ud800 lone surrogate",
    ],
)
def test_odd_input_never_raises(finder: PlaceFinder, text: str) -> None:
    hint = finder.find(text)
    assert isinstance(hint, PlaceHint)


def test_a_finder_built_from_given_cities() -> None:
    cities = {
        "1": {"name": "Musterstadt", "countrycode": "DE", "admin1code": "02",
              "population": 50_000, "alternatenames": ["Sample Town", "MST"]},
        "2": {"name": "Faraway", "countrycode": "US", "admin1code": "CA",
              "population": 900_000, "alternatenames": []},
    }  # fmt: skip
    finder = PlaceFinder(cities)
    assert finder.find("I live in Musterstadt").region == "DE-BY"
    assert finder.find("I live in Sample Town").region == "DE-BY"
    assert finder.find("I live in Faraway") == NO_PLACE
