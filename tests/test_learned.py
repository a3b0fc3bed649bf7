"""The learned escalation check, trained on the shipped labelled messages with the real model."""

from __future__ import annotations

import json
from pathlib import Path

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
