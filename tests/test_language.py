"""Language detection on learners' messages, and the localised interface texts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.guidance.language import (
    LANGUAGE_NAMES,
    SUPPORTED_LANGUAGES,
    LanguageDetector,
    Strings,
    placeholders,
    requested_language,
)

REQUIRED_LOCALES = ("en", "de", "fr", "nl", "it", "es", "pl")
CLARIFY_COUNTRIES = ("FR", "DE", "AT", "BE", "NL", "IE", "IT", "ES", "PT", "PL", "FI", "SE", "SI",
                     "GR", "SG")  # fmt: skip
CLARIFY_REGIONS = ("DE-BW", "DE-BY", "DE-BE", "DE-BB", "DE-HB", "DE-HH", "DE-HE", "DE-MV",
                   "DE-NI", "DE-NW", "DE-RP", "DE-SL", "DE-SN", "DE-ST", "DE-SH", "DE-TH",
                   "BE-VLG", "BE-WAL", "BE-BRU")  # fmt: skip


@pytest.fixture(scope="module")
def detector() -> LanguageDetector:
    return LanguageDetector()


# Realistic learner messages, one language each, with and without accents.
LEARNER_MESSAGES = [
    ("en", "Can my employer say no to my training leave if I asked three months before?"),
    ("en", "i work part time in a shop, do i still get days off to study"),
    ("de", "Kann mein Chef den Antrag einfach ablehnen, obwohl der Kurs anerkannt ist?"),
    ("de", "ich bin arbeitslos und möchte einen Deutschkurs machen, wer bezahlt das"),
    ("fr", "Est-ce que je peux utiliser mon compte formation pour passer le permis ?"),
    ("fr", "je suis en arret maladie, est ce que je peux quand meme faire une formation"),
    ("nl", "Mag mijn werkgever mijn aanvraag voor opleidingsverlof zomaar weigeren?"),
    ("nl", "ik werk halftijds, heb ik dan ook recht op verlof om te studeren"),
    ("it", "Il mio datore di lavoro può rifiutare le ore di permesso per studio?"),
    ("it", "lavoro part time, ho diritto lo stesso ai permessi per gli esami?"),
    ("es", "¿Mi empresa me puede negar las horas de formación si tengo contrato temporal?"),
    ("es", "estoy en paro y quiero hacer un curso de informatica, hay ayudas"),
    ("pl", "Czy pracodawca może mi odmówić dni wolnych na egzamin na studiach?"),
    ("pl", "pracuje na pol etatu, czy moge dostac dofinansowanie do kursu"),
    ("pt", "A minha empresa pode recusar as horas de formação a que tenho direito?"),
    ("pt", "estou desempregado e quero fazer um curso de informatica, ha apoios"),
    ("sv", "Kan min arbetsgivare neka mig tjänstledigt för att plugga?"),
    ("fi", "Voiko työnantaja kieltäytyä antamasta opintovapaata, jos olen ollut töissä vuoden?"),
    ("sl", "Ali mi delodajalec lahko zavrne plačan dopust za izpit na fakulteti?"),
    ("el", "Μπορεί ο εργοδότης μου να μου αρνηθεί άδεια για εξετάσεις;"),
]


@pytest.mark.parametrize(("expected", "text"), LEARNER_MESSAGES)
def test_detects_the_language_of_a_learner_message(
    detector: LanguageDetector, expected: str, text: str
) -> None:
    other = "de" if expected == "en" else "en"
    assert detector.detect(text, fallback=other) == expected


@pytest.mark.parametrize(
    "text", ["CPF?", "ok", "Lyon", "München", "merci", "thanks", "", "   ", "123", "👍", "?!"]
)
def test_short_or_empty_text_keeps_the_profile_language(
    detector: LanguageDetector, text: str
) -> None:
    assert detector.detect(text, fallback="fr") == "fr"
    assert detector.detect(text, fallback="pl") == "pl"


@pytest.mark.parametrize(
    ("expected", "text"),
    [
        ("en", "My boss says Bildungsurlaub is only for managers, is that right?"),
        ("en", "Can I use my congé-éducation payé hours for an online course in Liège?"),
        ("en", "Is the Weiterbildungsbeihilfe paid every month or only once?"),
        ("en", "Does the Vlaams opleidingsverlof also count for evening classes?"),
        ("fr", "Mon patron dit que le Bildungsurlaub n'existe pas en France, c'est vrai ?"),
        ("de", "Gilt der congé-éducation payé auch für Grenzgänger, die in Aachen wohnen?"),
        ("es", "Mi jefe dice que el Bildungsurlaub no existe en España, ¿es verdad?"),
        ("nl", "Mijn werkgever zegt dat het Bildungsurlaub niet geldt voor grensarbeiders."),
    ],
)
def test_the_language_of_the_sentence_beats_a_quoted_foreign_term(
    detector: LanguageDetector, expected: str, text: str
) -> None:
    assert detector.detect(text, fallback="pl") == expected


@pytest.mark.parametrize(
    ("expected", "text"),
    [("es", "permiso 20 horas requisitos"), ("es", "permiso retribuido requisitos")],
)
def test_three_keywords_clearly_of_one_language_are_in_it(
    detector: LanguageDetector, expected: str, text: str
) -> None:
    assert detector.detect(text, fallback="en") == expected
    assert detector.detect("thanks a lot", fallback="fr") == "fr"  # (not clearly English)


def test_unsupported_script_keeps_the_profile_language(detector: LanguageDetector) -> None:
    assert detector.detect("Могу ли я взять учебный отпуск?", fallback="de") == "de"


def test_telegram_language_tags_are_reduced_to_iso_639_1(detector: LanguageDetector) -> None:
    assert detector.detect("ok", fallback="pt-BR") == "pt"
    assert detector.detect("ok", fallback="") == "en"


def test_very_long_and_odd_text_is_handled(detector: LanguageDetector) -> None:
    long_text = "Ich möchte eine Weiterbildung machen. " * 600
    assert detector.detect(long_text) == "de"
    odd = "\x00\x07\u202e שלום 🎉 \ud800 مرحبا"
    assert detector.detect(odd, fallback="nl") == "nl"


def test_unknown_language_codes_are_refused() -> None:
    with pytest.raises(ValueError, match="xx"):
        LanguageDetector(["en", "xx"], preload=False)


# -- interface texts ---------------------------------------------------------------------


def test_required_locales_exist(strings: Strings) -> None:
    assert set(REQUIRED_LOCALES) <= set(strings.languages())
    assert strings.languages()[0] == "en"


def test_every_locale_has_every_english_key_with_the_same_placeholders(
    strings: Strings,
) -> None:
    english = strings.table("en")
    for lang in strings.languages():
        table = strings.table(lang)
        for key, text in english.items():
            assert key in table, f"{lang} lacks {key}"
            if isinstance(text, str):
                assert isinstance(table[key], str), f"{lang}.{key} is not a text"
                assert placeholders(table[key]) == placeholders(text), f"{lang}.{key}"
            else:
                assert set(table[key]) == set(text), f"{lang}.{key} has other codes"
        assert set(table) == set(english), f"{lang} has keys English lacks"


def _filled(strings: Strings, key: str, **params: object) -> dict[str, object]:
    """`params`, plus a value for every other placeholder the English text has."""
    extra = placeholders(strings.table("en")[key]) - set(params)
    return {**params, **{name: "1" for name in extra}}


def test_texts_format_with_their_parameters_in_every_language(strings: Strings) -> None:
    params = {"days": 30, "limit": 4000, "n": 1, "title": "T", "url": "https://x.eu",
              "updated": "2026-01-31", "seconds": 5, "what": "FR"}  # fmt: skip
    for lang in strings.languages():
        for key in strings.text_keys():
            text = strings.get(key, lang, **_filled(strings, key, **params))
            assert text.strip()
            assert "{" not in text, f"{lang}.{key} left a placeholder"


def test_source_line_and_counts_are_filled_in(strings: Strings) -> None:
    line = strings.get("source_line", "fr", n=2, title="Service-public", url="https://sp.fr",
                       updated="2026-02-01")  # fmt: skip
    assert line.startswith("[2] Service-public — https://sp.fr")
    assert "2026-02-01" in line
    assert "30" in strings.get("privacy_notice", "de", days=30)


def test_missing_language_falls_back_to_english(strings: Strings) -> None:
    assert strings.get("sources_heading", "fi") == strings.get("sources_heading", "en")
    assert strings.get("sources_heading", "de-AT") == "Quellen"


def test_missing_key_and_broken_translation_fall_back_to_english(tmp_path: Path) -> None:
    (tmp_path / "en.yaml").write_text(
        'hello: "Hello {name}"\nbye: "Bye"\ncountries:\n  "FR": "France"\n', encoding="utf-8"
    )
    (tmp_path / "de.yaml").write_text('hello: "Hallo {nom}"\n', encoding="utf-8")
    strings = Strings(tmp_path)
    assert strings.get("bye", "de") == "Bye"
    assert strings.get("hello", "de", name="Ana") == "Hello Ana"
    assert strings.country_name("FR", "de") == "France"
    with pytest.raises(KeyError):
        strings.get("nope", "de")


def test_no_locale_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        Strings(tmp_path)


def test_country_region_and_language_names(strings: Strings) -> None:
    assert strings.country_name("DE", "fr") == "Allemagne"
    assert strings.country_name("gr", "en") == "Greece"
    assert strings.country_name("NO", "de") == "Norwegen"  # YAML must not read NO as false
    assert strings.country_name("XX", "fr") == "XX"
    assert strings.region_name("DE-BY", "de") == "Bayern"
    assert strings.region_name("BE-VLG", "nl") == "Vlaanderen"
    assert strings.region_name("BE-WAL", "fi") == "Wallonia"
    assert strings.language_name("de") == "Deutsch"
    assert strings.language_name("el") == "Ελληνικά"
    assert set(LANGUAGE_NAMES) == set(SUPPORTED_LANGUAGES)


def test_every_locale_names_the_countries_and_regions_we_ask_about(strings: Strings) -> None:
    for lang in strings.languages():
        table = strings.table(lang)
        assert set(CLARIFY_COUNTRIES) <= set(table["countries"]), lang
        assert set(CLARIFY_REGIONS) <= set(table["regions"]), lang


_EMOJI = re.compile("[\U0001f300-\U0001faff\u2600-\u27bf]")
_VOICE_SYMBOLS = ("voice_heard", "team_voice_transcript", "button_voice_on",
                  "voice_settings_off", "voice_turned_off")  # fmt: skip


def test_no_emoji_outside_the_feedback_buttons_and_short_button_labels(
    strings: Strings,
) -> None:
    for lang in strings.languages():
        for key in strings.text_keys():
            params = _filled(strings, key, days=1, limit=1, n=1, title="", url="", updated="",
                             seconds=1, what="")  # fmt: skip
            text = strings.get(key, lang, **params)
            if key in ("button_helpful", "button_not_helpful", "button_read_aloud"):
                assert _EMOJI.search(text)
            elif key in _VOICE_SYMBOLS:  # 🎤 marks what was heard; 🔊 names the button
                assert set(_EMOJI.findall(text)) <= {"🎤", "🔊"}, f"{lang}.{key}"
            else:
                assert not _EMOJI.search(text), f"{lang}.{key}"
            if key.startswith(("button_", "status_")) or key == "country_other":
                assert len(text) <= 40, f"{lang}.{key} is too long for a button"


def test_crisis_text_gives_112_and_no_invented_helpline(strings: Strings) -> None:
    for lang in strings.languages():
        text = strings.get("crisis_support", lang)
        assert "112" in text
        assert re.findall(r"\d{3,}", text) == ["112"], lang


def test_help_lists_every_command(strings: Strings) -> None:
    commands = ("/settings", "/language", "/country", "/human", "/mydata", "/forget",
                "/privacy", "/help")  # fmt: skip
    for lang in strings.languages():
        text = strings.get("help", lang)
        assert all(command in text for command in commands), lang


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Could you answer me in Italian please?", "it"),
        ("Können Sie bitte auf Deutsch antworten?", "de"),
        ("Pouvez-vous répondre en français ?", "fr"),
        ("Antwoord in het Nederlands a.u.b.", "nl"),
        ("¿Puedes responder en español?", "es"),
        ("Odpowiadaj po polsku, proszę", "pl"),
        ("Do you speak Portuguese?", "pt"),
        ("I want an English course in Cork", None),
        ("Is there a course in Spanish in Madrid?", None),
    ],
)
def test_a_request_for_another_language_is_recognised(text: str, code: str | None) -> None:
    assert requested_language(text) == code


def test_texts_of_a_concern_live_in_their_own_folder_and_cannot_shadow(tmp_path: Path) -> None:
    (tmp_path / "en.yaml").write_text('hello: "Hello"\n', encoding="utf-8")
    (tmp_path / "voice").mkdir()
    (tmp_path / "voice" / "en.yaml").write_text('heard: "I heard: {text}"\n', encoding="utf-8")
    (tmp_path / "voice" / "de.yaml").write_text('heard: "Ich habe gehört: {text}"\n', "utf-8")
    strings = Strings(tmp_path)
    assert strings.get("hello", "de") == "Hello"
    assert strings.get("heard", "de", text="x") == "Ich habe gehört: x"
    (tmp_path / "voice" / "en.yaml").write_text('hello: "Hi"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="hello"):
        Strings(tmp_path)
