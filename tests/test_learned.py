"""The learned escalation check, trained on the shipped labelled messages with the real model."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from bot.config import PROJECT_ROOT
from bot.guidance.embeddings import E5Embeddings
from bot.guidance.learned import THRESHOLD, EscalationModel
from bot.guidance.pipeline import Engine
from bot.guidance.types import Profile

LABELLED = PROJECT_ROOT / "knowledge" / "_triage" / "labelled-messages.jsonl"


class CountingQueries:
    def __init__(self, embeddings: E5Embeddings) -> None:
        self.embeddings = embeddings
        self.calls = 0

    def __call__(self, text: str) -> list[float]:
        self.calls += 1
        return self.embeddings.embed_query(text)


@pytest.fixture(scope="module")
def model(embeddings: E5Embeddings, tmp_path_factory: pytest.TempPathFactory) -> EscalationModel:
    cache = tmp_path_factory.mktemp("cache")
    counting = CountingQueries(embeddings)
    built = EscalationModel.from_file(LABELLED, counting, cache, "e5")
    assert built is not None
    assert counting.calls == len(LABELLED.read_text(encoding="utf-8").splitlines())
    again = EscalationModel.from_file(LABELLED, counting, cache, "e5")
    assert again is not None
    assert counting.calls == len(LABELLED.read_text(encoding="utf-8").splitlines())  # cached
    return built


@pytest.mark.parametrize(
    ("text", "needs_person"),
    [
        ("My team leader mocked me in front of everyone and now blocks my study days.", True),
        ("Le centre de formation a pris mon argent et ne répond plus.", True),
        ("How many days of Bildungsurlaub do I get in Hessen?", False),
        ("Wat is het STAP-budget?", False),
    ],
)
def test_it_tells_messages_for_a_person_from_questions(
    model: EscalationModel, embeddings: E5Embeddings, text: str, needs_person: bool
) -> None:
    probability = model.probability(embeddings.embed_query(text))
    assert (probability >= THRESHOLD) == needs_person, probability


def test_without_both_kinds_of_message_there_is_no_model(tmp_path: Path) -> None:
    only = tmp_path / "labelled.jsonl"
    only.write_text(json.dumps({"text": "hi", "expect": "answer"}) + "\n", encoding="utf-8")
    assert EscalationModel.from_file(only, lambda text: [1.0, 0.0]) is None


async def test_the_engine_hands_over_what_only_the_learned_check_sees(engine: Engine) -> None:
    text = (
        "My team leader laughed at me in front of everyone when I said I want to study. "
        "Now my request is 'on hold' forever."
    )
    assert engine._triage.signal(text) is None
    reply = await engine.reply(text, Profile(country="IE"))
    assert reply.decision == "escalate"
    assert reply.reason.startswith("like the messages a counsellor takes")


# Long personal stories (age, years in the job, no diploma, a body that is wearing out) that end
# in an ordinary question, one per language. The 402 messages the check first learned from were
# all under 150 characters, and the German and French stories here came out above the
# threshold; the long stories added since teach it that the telling does not decide.
LONG_STORIES = [
    "Hi, I'm 49 and I've cleaned offices in Vienna for 18 years, mostly nights. My shoulders "
    "hurt a lot now and I never finished school. Is there money from the AMS if I want to train "
    "for something else?",
    "Guten Abend, ich bin 57, seit 35 Jahren Koch in Saarbrücken und die Knie wollen nicht mehr. "
    "Ich habe keinen Abschluss außer der Lehre. Gibt es im Saarland Bildungsurlaub für einen "
    "Kurs, damit ich umsatteln kann?",
    "Bonjour, j'ai 46 ans, je suis agent d'entretien dans un lycée à Dijon depuis 20 ans, sans "
    "diplôme. J'ai mal au dos et je voudrais devenir secrétaire. Combien j'ai sur mon CPF à peu "
    "près et est-ce que ça suffit ?",
    "Ik ben 53 en werk al 30 jaar als poetsvrouw in Mechelen, mijn schouders zijn op. Ik heb "
    "geen diploma. Hoeveel uren Vlaams opleidingsverlof kan ik krijgen voor een cursus "
    "administratie?",
    "Ho 50 anni, sono magazziniere a Genova da 22 anni e ho la licenza media. Le ginocchia mi "
    "fanno male e vorrei fare un corso per lavorare in ufficio. Quanti giorni di permesso posso "
    "chiedere per studiare?",
    "Tengo 48 años y llevo 25 limpiando en un colegio de Córdoba. Me duelen mucho las manos y no "
    "tengo estudios. ¿Cuántas horas de formación pagada tengo al año para hacer un curso de "
    "informática?",
    "Mam 55 lat, od 30 lat pracuję jako murarz w Radomiu i bolą mnie plecy. Nie mam matury. Ile "
    "dni urlopu szkoleniowego dostanę, jeśli pójdę do szkoły wieczorowej?",
    "Tenho 52 anos, sou costureira numa fábrica em Guimarães há 28 anos e tenho dores nas mãos. "
    "Só tenho a 4.ª classe. Quantas horas de formação tenho direito para fazer um curso de "
    "informática?",
]

# Long stories of being treated worse since asking for training, with no word a signal reads.
LONG_HANDOVERS = [
    "I've worked in this hotel in Dublin for 8 years. Since I told my manager about my evening "
    "degree, she keeps giving me the worst rota and laughs about it with the others. I don't "
    "know how long I can take this.",
    "Ich arbeite seit 10 Jahren in einer Kita in Kassel. Seit ich die Weiterbildung angesprochen "
    "habe, redet meine Chefin nicht mehr mit mir und lädt mich nicht mehr zu Besprechungen ein. "
    "Was soll ich tun?",
    "Je suis aide-soignante à Nancy depuis 12 ans. Depuis que j'ai parlé de ma formation, ma "
    "cadre me met tous les week-ends et me rabaisse devant l'équipe. Je ne sais plus quoi faire.",
    "Ik werk al 9 jaar in een supermarkt in Gent. Sinds ik over mijn avondopleiding begon, "
    "negeert mijn chef me en krijg ik de slechtste uren. Ik weet niet meer wat ik moet doen.",
    "Lavoro da 11 anni in una mensa a Bari. Da quando ho parlato del corso serale, la "
    "responsabile non mi saluta più e mi dà sempre i turni peggiori. Non so più cosa fare.",
    "Llevo 7 años en una fábrica de Vigo. Desde que dije que quería estudiar, mi jefe me ignora "
    "y me pone los peores turnos delante de todos. Ya no sé qué hacer.",
    "Pracuję od 9 lat w sklepie w Lublinie. Odkąd powiedziałam o studiach, kierowniczka mnie "
    "ignoruje i daje mi najgorsze zmiany. Nie wiem już, co robić.",
    "Trabalho há 10 anos numa cantina em Setúbal. Desde que falei do curso à noite, a minha "
    "chefe não me fala e dá-me sempre os piores turnos. Já não sei o que fazer.",
]


@pytest.mark.parametrize("text", LONG_STORIES)
def test_a_long_story_with_an_ordinary_question_is_not_handed_over(
    model: EscalationModel, embeddings: E5Embeddings, text: str
) -> None:
    probability = model.probability(embeddings.embed_query(text))
    assert probability < THRESHOLD, probability


@pytest.mark.parametrize("text", LONG_HANDOVERS)
def test_a_long_story_of_being_treated_worse_is_handed_over(
    model: EscalationModel, embeddings: E5Embeddings, text: str
) -> None:
    probability = model.probability(embeddings.embed_query(text))
    assert probability >= THRESHOLD, probability


def test_fitted_weights_are_cached_and_read_back(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(40, 8)).astype(np.float32)
    labels = [i % 3 == 0 for i in range(40)]
    first = EscalationModel(vectors, labels, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("learned-*.npy"))) == 1
    again = EscalationModel(vectors, labels, cache_dir=tmp_path)
    assert len(list(tmp_path.glob("learned-*.npy"))) == 1
    probe = rng.normal(size=8).tolist()
    assert again.probability(probe) == pytest.approx(first.probability(probe))
    # other labels are another model, fitted and cached apart
    EscalationModel(vectors, [not label for label in labels], cache_dir=tmp_path)
    assert len(list(tmp_path.glob("learned-*.npy"))) == 2
