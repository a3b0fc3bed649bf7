"""The learner's language: detect it from a message, and say things to them in it.

`LanguageDetector` picks the language a message is written in, falling back to the learner's
profile language when the text is too short or too ambiguous to tell. `Strings` holds the
interface texts, one YAML file per language under `bot/locales/`, with English as the reference
and the fallback for anything missing.

Detection combines two signals. lingua's confidence values are good on whole sentences but are
swayed by a long foreign term ("Bildungsurlaub", "congé-éducation payé") dropped into a sentence,
since every character n-gram of it counts. Function words (articles, pronouns, prepositions,
auxiliaries) show the grammar a sentence is built on, so a share of them per language is blended
in: the language the learner writes in wins over the names of schemes they quote.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from string import Formatter
from typing import Any

import yaml

from bot.guidance.place_names import PlaceNames

logger = logging.getLogger(__name__)

SUPPORTED_LANGUAGES: tuple[str, ...] = (
    "en", "de", "fr", "nl", "it", "es", "pl", "pt", "sv", "fi", "sl", "el",
)  # fmt: skip
REFERENCE_LANGUAGE = "en"

# Each language's name in that language, for the language picker.
LANGUAGE_NAMES: Mapping[str, str] = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "nl": "Nederlands",
    "it": "Italiano",
    "es": "Español",
    "pl": "Polski",
    "pt": "Português",
    "sv": "Svenska",
    "fi": "Suomi",
    "sl": "Slovenščina",
    "el": "Ελληνικά",
}

# The most frequent closed-class words of each language: articles, pronouns, prepositions,
# conjunctions, auxiliaries and question words. A word listed under several languages counts
# for each of them in part. Apostrophes and hyphens split words ("c'est" -> "c", "est").
_FUNCTION_WORDS: Mapping[str, str] = {
    "en": """the a an and or but of to in on at for with from by about into than is are was were
        be been being am do does did don doesn didn have has had can could will would should must
        may might shall i me my mine you your yours we our us they their them he his him she her
        it its this that these those there here what how when where who whom which why if not no
        any some much many more most very also just only so too get got im ive dont cant""",
    "de": """der die das den dem des ein eine einen einem einer eines und oder aber denn ich du
        er sie es wir ihr mein meine meinen meinem meiner dein sein seine unser mir mich dir dich
        sich uns ist sind war waren bin bist hab habe hat haben hatte kann können konnte muss
        müssen musste darf dürfen soll sollte will wird werden wurde würde nicht kein keine keinen
        auch noch nur schon sehr mit von für auf bei nach aus zu zum zur im am vom ins beim über
        unter wie was wo wann warum wer wen wem welche welcher welches dass wenn ob weil als da
        hier jetzt gibt bitte man etwas viel viele wieviel""",
    "fr": """le la les un une des du de et ou mais donc je tu il elle on nous vous ils elles mon
        ma mes ton ta tes son sa ses notre nos votre vos leur leurs ce cet cette ces qui que quoi
        est sont suis es sommes êtes ai as a avons avez ont été être avoir fait pas ne plus pour
        par avec sans sur sous dans en au aux chez comment combien quand où pourquoi quel quelle
        quels quelles si y c j l d n qu s m t ça aussi très peux peut peuvent dois doit faut
        moi toi lui eux""",
    "nl": """de het een en of maar want ik je jij u hij zij ze we wij jullie mijn mij me ons
        onze jouw uw zijn haar hun is ben bent was waren heb hebt heeft hebben had kan kun kunt
        kunnen moet moeten mag mogen wil wilt willen wordt worden zal zou niet geen ook nog al wel
        van voor met op aan bij naar uit om over in te tot door dat die dit deze wat hoe waar
        wanneer waarom wie welke als er hier nu veel hoeveel iets""",
    "it": """il lo la i gli le un una uno e ed o ma io tu lui lei noi voi loro mio mia miei mie
        tuo tua suo sua nostro mi ti ci vi si è sono sei siamo siete ho hai ha abbiamo avete
        hanno posso puoi può possiamo devo deve dobbiamo non anche ancora già di del dello della
        dei degli delle al allo alla ai agli alle da dal dalla dai nel nello nella nei con su sul
        sulla per tra fra che chi cosa come dove quando perché perche quanto quanti quante quale
        quali se molto questo questa quel quella l dell all nell sull c""",
    "es": """el la los las un una unos unas y o pero yo tú tu él ella nosotros vosotros ellos
        ellas usted ustedes mi mis me te se su sus nuestro nuestra es son soy eres somos estoy
        está esta están estan ser estar he has ha hemos han hay tengo tiene tienen puedo puede
        pueden debo debe no sí también ya de del al a en con por para sin sobre entre desde hasta
        que qué quien quién cómo como dónde donde cuándo cuando cuánto cuanto cuántos cuantos
        cuántas cuantas cual cuál porque si muy este esto eso lo le les mucho nos""",
    "pl": """i w we z ze na do od o u po za przez dla bez przy nad pod przed że czy a ale lub
        albo jak gdzie kiedy dlaczego ile co kto który która które jest są był była było jestem
        jesteś mam masz ma mamy mają mogę może możesz muszę musi nie tak też także już jeszcze się
        mi mnie mój moja moje mojego mojej twój jego jej ich bo to ten ta tego tej jako oraz czym
        tylko bardzo""",
    "pt": """o a os as um uma uns umas e ou mas eu tu você voce ele ela nós nos eles elas meu
        minha meus minhas seu sua teu tua me te se lhe é são sou estou está estão ser estar tenho
        tem têm temos posso pode podem devo deve não nao sim também tambem já ainda de do da dos
        das em no na nas ao aos à com por pelo pela para sem sobre entre até que quem como onde
        quando quanto quantos quantas qual porque porquê se muito este esta isso isto""",
    "sv": """och eller men jag du han hon vi ni de dem den det min mitt mina din ditt dina sin
        sitt vår våra är var har hade kan kunde kunna måste ska skall skulle vill får fick inte
        ingen inga också bara redan i på av för med till från om hos efter vid att som vad hur
        när varför vem vilken vilka en ett mycket så där här mig dig oss er sig""",
    "fi": """ja tai mutta minä mä sinä sä hän me te he minun minulla minulle minua sinun sinulla
        hänen meidän on ole olen olet oli ovat olla voi voin voiko voinko saan saako saanko pitää
        täytyy ei en et emme eikä myös vain jo vielä kun että jos mikä mitä miten missä mistä
        mihin milloin miksi kuka kuinka paljon tämä tämän tätä se sen siitä kanssa ilman nyt
        kyllä""",
    "sl": """in ali ter pa a jaz ti on ona mi vi oni moj moja moje mojo mojega svoj svoja je so
        sem si smo ste bil bila bilo imam ima imamo imajo lahko moram mora ne tudi že še samo v
        na z s za od do pri po iz k o da ki kaj kako kje kdaj zakaj kdo koliko kateri katera če
        ker zelo to ta tega mi me""",
    "el": """και ή αλλά το τα η ο οι του της των τον την ένα μια ένας να θα με σε για από που
        είναι είμαι έχω έχει δεν μου σου μας τι πώς πού πότε γιατί πόσο πόσες πόσα στο στη στην
        στον στα αυτό αυτή""",
}

_WORD = re.compile(r"[^\W\d_]+")

# A language named the way a learner asks to be answered in it ("in Italian", "auf Deutsch",
# "en français", "po polsku"), in the languages the bot speaks.
_NAMED_IN = {
    "en": r"english|englisch|anglais|engels|inglese|ingl[eé]s|angielsku|ingl[eê]s",
    "de": r"german|deutsch|allemand|duits|tedesco|alem[aá]n|niemiecku|alem[aã]o",
    "fr": r"french|franz[öo]sisch|fran[cç]ais|frans|francese|franc[eé]s|francusku|franc[eê]s",
    "nl": r"dutch|niederl[äa]ndisch|n[eé]erlandais|nederlands|olandese|neerland[eé]s"
    r"|niderlandzku|holand[eê]s",
    "it": r"italian|italienisch|italien|italiaans|italiano|w[łl]osku",
    "es": r"spanish|spanisch|espagnol|spaans|spagnolo|espa[ñn]ol|hiszpa[ńn]sku|espanhol",
    "pl": r"polish|polnisch|polonais|pools|polacco|polaco|polsku",
    "pt": r"portuguese|portugiesisch|portugais|portugees|portoghese|portugu[eé]s|portugalsku",
}
_ASKS_TO_BE_ANSWERED = re.compile(
    r"\b(answer|reply|respond|write|speak|talk|explain|antwort\w*|schreib\w*|sprich|sprechen"
    r"|r[ée]pond\w*|[ée]cri[vs]\w*|parle[rz]?|antwoord\w*|schrijf|spreek|rispond\w*|scriv\w*"
    r"|parla\w*|respond\w*|contest\w*|escrib\w*|habla\w*|odpowi\w*|pisz\w*|m[óo]w\w*"
    r"|responda|escreva|fale)\b",
    re.IGNORECASE,
)
_MAX_REQUEST_WORDS = 12


def requested_language(text: str) -> str | None:
    """The language a short message asks the bot to answer in, if it asks for one."""
    if len(_WORD.findall(text)) > _MAX_REQUEST_WORDS or not _ASKS_TO_BE_ANSWERED.search(text):
        return None
    for code, names in _NAMED_IN.items():
        if re.search(rf"\b(in|auf|en|em|po|na)\s+(het\s+)?({names})\b", text, re.IGNORECASE):
            return code
        if re.search(rf"\b(speak|sprechen sie|sprichst du|parlez-vous|parles-tu|spreekt u"
                     rf"|spreek je|parli|parla|hablas|habla usted|m[óo]wisz|fala)\s+({names})\b",
                     text, re.IGNORECASE):  # fmt: skip
            return code
    return None


_MAX_WORD = 8  # letters of a word that lingua sees
_MAX_CHARS = 1000  # the first thousand characters tell the language; lingua slows on long text
SHORT_TEXT_LEAD = 3.0  # how many times the profile language's score a short text's language needs


class LanguageDetector:
    """Tell which supported language a learner's message is written in.

    Built once: lingua's high-accuracy models take 1.5 to 3.5 s and about 400 MB to load;
    `preload=True` pays that here, at start-up, instead of on the first message (lazy loading
    costs more in total). `low_accuracy=True` loads in 0.1 s and 20 MB but is less sure of
    texts of four or five words.
    """

    def __init__(
        self,
        languages: Iterable[str] = SUPPORTED_LANGUAGES,
        *,
        preload: bool = True,
        low_accuracy: bool = False,
        min_confidence: float = 0.35,
        short_text_confidence: float = 0.7,
        function_word_weight: float = 0.8,
    ) -> None:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

        codes = tuple(dict.fromkeys(code.lower() for code in languages))
        if len(codes) < 2:
            raise ValueError("a language detector needs at least two languages")
        unknown = [code for code in codes if not hasattr(IsoCode639_1, code.upper())]
        if unknown:
            raise ValueError(f"unknown language codes: {', '.join(unknown)}")
        lingua_languages = [
            Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in codes
        ]
        builder = LanguageDetectorBuilder.from_languages(*lingua_languages)
        if low_accuracy:
            builder = builder.with_low_accuracy_mode()
        if preload:
            builder = builder.with_preloaded_language_models()
        self._detector = builder.build()
        self._codes = codes
        self._min_confidence = min_confidence
        self._short_text_confidence = short_text_confidence
        self._function_word_weight = function_word_weight
        index: dict[str, list[str]] = {}
        for code in codes:
            for word in _FUNCTION_WORDS.get(code, "").split():
                index.setdefault(word, []).append(code)
        self._function_words = {word: tuple(langs) for word, langs in index.items()}

    @property
    def languages(self) -> tuple[str, ...]:
        """The ISO 639-1 codes this detector chooses from."""
        return self._codes

    def detect(self, text: str, fallback: str = "en") -> str:
        """Return the ISO 639-1 code of the text's language, or `fallback` when unsure."""
        fallback = _base_language(fallback) or REFERENCE_LANGUAGE
        words = _WORD.findall(text[:_MAX_CHARS])
        if len(words) < 2:
            return fallback
        scores = self._scores(words)
        if not scores:
            return fallback
        best = max(scores, key=scores.__getitem__)
        needed = self._short_text_confidence if len(words) <= 3 else self._min_confidence
        # (three words of keywords, "permiso 20 horas requisitos", are the learner's language
        # when it leads the profile's by far)
        clear = scores[best] >= self._min_confidence + 0.1 and scores[best] >= SHORT_TEXT_LEAD * (
            scores.get(fallback, 0.0)
        )
        if scores[best] < needed and not (len(words) > 2 and clear):
            return fallback
        # A near tie with the learner's own language goes to their language.
        if scores[best] - scores.get(fallback, 0.0) < 0.1:
            return fallback
        return best

    def scores(self, text: str) -> dict[str, float]:
        """How much the text looks like each language, 0..1; empty when there is no clue."""
        return self._scores(_WORD.findall(text[:_MAX_CHARS]))

    def _scores(self, words: list[str]) -> dict[str, float]:
        # One word, one voice: a long quoted term would otherwise outweigh a whole sentence.
        clipped = " ".join(word[:_MAX_WORD] for word in words)
        values = self._detector.compute_language_confidence_values(clipped)
        lingua_scores = {
            value.language.iso_code_639_1.name.lower(): value.value for value in values
        }
        if not any(lingua_scores.values()):
            return {}
        hits: dict[str, float] = {}
        matched = 0
        for word in words:
            # A capital "I" alone is the English pronoun; a lower-case "i" is also a conjunction.
            langs = ("en",) if word == "I" else self._function_words.get(word.lower())
            if not langs:
                continue
            matched += 1
            for code in langs:
                hits[code] = hits.get(code, 0.0) + 1.0 / len(langs)
        # The function words' say grows with their number, up to `function_word_weight`.
        weight = self._function_word_weight * min(1.0, matched / 4)
        total_hits = sum(hits.values()) or 1.0
        return {
            code: (1 - weight) * lingua_scores.get(code, 0.0)
            + weight * hits.get(code, 0.0) / total_hits
            for code in self._codes
        }


def _base_language(code: str | None) -> str:
    """ISO 639-1 part of a language tag (pt-BR -> pt): Telegram gives IETF tags."""
    if not code:
        return ""
    return code.replace("_", "-").split("-", 1)[0].strip().lower()


class Strings:
    """Interface texts per language, read from `bot/locales/<lang>.yaml` and, for texts that
    belong to one concern (voice, editors, ...), from `bot/locales/<concern>/<lang>.yaml`.

    English is the reference: a key or a language that is missing falls back to it. A key
    defined in two files of the same language is an error, so concerns cannot shadow each other.
    Country and region names come from the `countries:` and `regions:` tables; a place they
    lack (a region outside Germany, Belgium and Austria) is named as pycountry names it.
    """

    def __init__(
        self, folder: Path | str | None = None, *, place_names: PlaceNames | None = None
    ) -> None:
        self._place_names = place_names or PlaceNames()
        root = Path(folder) if folder is not None else Path(__file__).parent.parent / "locales"
        self._tables: dict[str, dict[str, Any]] = {}
        for path in sorted([*root.glob("*.yaml"), *root.glob("*/*.yaml")]):
            with path.open(encoding="utf-8") as file:
                data = yaml.safe_load(file) or {}
            if not isinstance(data, dict):
                raise ValueError(f"{path} must hold a mapping of keys to texts")
            table = self._tables.setdefault(path.stem.lower(), {})
            if clash := sorted(set(table) & set(data)):
                raise ValueError(f"{path} defines {', '.join(clash)} again")
            table.update(data)
        if REFERENCE_LANGUAGE not in self._tables:
            raise FileNotFoundError(f"no {REFERENCE_LANGUAGE}.yaml in {root}")

    def languages(self) -> list[str]:
        """Languages with a locale file, English first."""
        rest = sorted(code for code in self._tables if code != REFERENCE_LANGUAGE)
        return [REFERENCE_LANGUAGE, *rest]

    def text_keys(self) -> list[str]:
        """The text keys of the reference language (not the countries/regions tables)."""
        return [key for key, value in self._tables[REFERENCE_LANGUAGE].items()
                if isinstance(value, str)]  # fmt: skip

    def table(self, lang: str) -> Mapping[str, Any]:
        """The raw texts of one language (empty when there is no such file)."""
        return self._tables.get(_base_language(lang), {})

    def get(self, key: str, lang: str, **params: object) -> str:
        """The text for `key` in `lang`, formatted with `params`; English when missing."""
        reference = self._tables[REFERENCE_LANGUAGE].get(key)
        if not isinstance(reference, str):
            raise KeyError(key)
        template = self._tables.get(_base_language(lang), {}).get(key)
        if isinstance(template, str):
            try:
                return template.format(**params)
            except (KeyError, IndexError, ValueError):
                logger.warning("locale %s: text %s does not format; using English", lang, key)
        return reference.format(**params)

    def country_name(self, code: str, lang: str) -> str:
        """A country's name in `lang` (e.g. "DE" -> "Allemagne"); the code when unknown."""
        return self._lookup("countries", code.upper(), lang) or self._iso_name(code, lang)

    def region_name(self, code: str, lang: str) -> str:
        """A region's name in `lang` (e.g. "BE-VLG" -> "Vlaanderen", "IT-25" -> "Lombardia");
        the code when unknown."""
        return self._lookup("regions", code.upper(), lang) or self._iso_name(code, lang)

    @staticmethod
    def language_name(code: str) -> str:
        """A language's name in that language (e.g. "de" -> "Deutsch")."""
        return LANGUAGE_NAMES.get(_base_language(code), code)

    def _iso_name(self, code: str, lang: str) -> str:
        """pycountry's name of a place the locale tables lack, in `lang` where its catalogue
        has one (else the English or local name); the code itself when ISO has no such code."""
        if not code or code.upper() in ("EU", "INT"):
            return code
        try:
            return self._place_names.name(code, _base_language(lang)) or code
        except LookupError:  # pycountry refuses codes of the wrong shape ("X-")
            return code

    def _lookup(self, table: str, code: str, lang: str) -> str | None:
        for language in (_base_language(lang), REFERENCE_LANGUAGE):
            names = self._tables.get(language, {}).get(table)
            if isinstance(names, dict) and isinstance(names.get(code), str):
                return str(names[code])
        return None


def placeholders(template: str) -> set[str]:
    """The `{names}` a text expects, for checking translations against English."""
    return {field for _, field, _, _ in Formatter().parse(template) if field is not None}
