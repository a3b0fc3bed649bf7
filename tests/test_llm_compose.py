"""The LLM composer against a real OpenAI-compatible test server (fakellm on 127.0.0.1)."""

from __future__ import annotations

import logging
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.config import Settings
from bot.guidance.compose import numbers_in, unsupported_numbers
from bot.guidance.pipeline import Engine
from bot.guidance.types import Profile
from bot.services import Services, build_llm

# One event loop for the module: langchain-openai keeps one async HTTP client per endpoint for
# the whole process, and a client made in one test's loop fails in the next one's ("Event loop
# is closed"), which a test expecting a fallback would not notice.
one_loop = pytest.mark.asyncio(loop_scope="module")

RULES = """
version: 1
defaults:
  fallback: deterministic_echo
rules:
  - name: grounded
    when: {messages_contain: "co-payment grounded"}
    respond: {content: "Yes. Each CPF purchase has a co-payment of €103.20 in 2026 [1]."}
  - name: invented_amount
    when: {messages_contain: "co-payment invented"}
    respond: {content: "The co-payment is €250 per purchase [1]."}
  - name: invented_citation
    when: {messages_contain: "co-payment citation"}
    respond: {content: "The co-payment is €103.20 [9]."}
  - name: eu_steps
    when: {messages_contain: "Upskilling steps grounded"}
    respond:
      content: "Upskilling Pathways has three steps: a skills assessment, a tailored learning
        offer and validation of the skills gained [1]."
  - name: failing
    when: {messages_contain: "co-payment failing"}
    respond: {status: 500, error: "upstream exploded (mock)"}
  - name: german_in_english
    when: {messages_contain: "Eigenbeteiligung englisch"}
    respond:
      content: "Each CPF purchase has a co-payment of €103.20 in 2026 [1]. Jobseekers do not
        pay it [1]."
  - name: told_to_write_german
    when: {messages_contain: 'Answer in Deutsch (ISO code "de")'}
    respond:
      content: "Jeder Kauf mit dem CPF kostet 2026 eine Eigenbeteiligung von 103,20 € [1].
        Arbeitsuchende zahlen sie nicht [1]."
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def fakellm_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("fakellm")
    config = folder / "fakellm.yaml"
    config.write_text(RULES, encoding="utf-8")
    port = free_port()
    exe = Path(sys.executable).with_name("fakellm")
    process = subprocess.Popen(
        [str(exe), "serve", "--host", "127.0.0.1", "--port", str(port), "--config", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                if httpx.get(f"{url}/_fakellm/stats", timeout=0.5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline or process.poll() is not None:
                raise RuntimeError("fakellm did not start")
            time.sleep(0.1)
        yield f"{url}/v1"
    finally:
        process.terminate()
        process.wait(timeout=10)


def engine_with_llm(services: Services, base_url: str) -> Engine:
    """The same engine as the other tests, composing through the LLM at `base_url`."""
    settings = Settings(_env_file=None, openai_base_url=base_url, llm_timeout=3.0)  # type: ignore[call-arg]
    base = services.engine
    return Engine(
        base.retriever,
        base.strings,
        base._detector,
        base._places,
        base._triage,
        llm=build_llm(settings, base._detector),
    )


async def ask(engine: Engine, text: str):  # type: ignore[no-untyped-def]
    return await engine.reply(text, Profile(country="FR", language="en"))


@one_loop
async def test_grounded_llm_answer_is_used(small_services, fakellm_url) -> None:
    reply = await ask(
        engine_with_llm(small_services, fakellm_url), "CPF co-payment grounded: how much do I pay?"
    )
    assert reply.decision == "answer"
    assert reply.composer == "llm"
    assert reply.text == "Yes. Each CPF purchase has a co-payment of €103.20 in 2026 [1]."
    assert reply.sources[0].n == 1
    assert "moncompteformation" in reply.sources[0].url


@one_loop
async def test_an_llm_answer_says_the_learners_country_has_no_rules_of_ours(
    small_services, fakellm_url
) -> None:
    engine = engine_with_llm(small_services, fakellm_url)
    reply = await engine.reply(
        "I live in Prague. EU Upskilling steps grounded: what are they?", Profile()
    )
    assert reply.composer == "llm"
    assert reply.text.startswith("Upskilling Pathways has three steps")
    missing = engine.strings.get("coverage_missing", "en", place="Czechia")
    assert reply.text.endswith(f"\n\n{missing}")


@one_loop
@pytest.mark.parametrize("marker", ["invented", "citation", "failing"])
async def test_rejected_or_failed_generation_falls_back_to_extractive(
    small_services, fakellm_url, marker, caplog
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.guidance.compose")
    reply = await ask(
        engine_with_llm(small_services, fakellm_url),
        f"CPF co-payment {marker}: how much do I pay?",
    )
    assert reply.decision == "answer"
    assert reply.composer == "extractive"
    assert "250" not in reply.text
    assert "[9]" not in reply.text
    assert "103.20" in reply.text
    assert caplog.records, "the fallback must leave a log line"


@one_loop
async def test_unreachable_endpoint_falls_back_with_a_log_line(small_services, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="bot.guidance.compose")
    engine = engine_with_llm(small_services, f"http://127.0.0.1:{free_port()}/v1")
    reply = await ask(engine, "How much is the CPF co-payment?")
    assert reply.composer == "extractive"
    assert "103.20" in reply.text
    assert any("LLM unavailable" in r.getMessage() for r in caplog.records)


@one_loop
async def test_the_model_is_told_the_learners_language_and_must_answer_in_it(
    small_services, fakellm_url, caplog
) -> None:
    caplog.set_level(logging.WARNING, logger="bot.guidance.compose")
    engine = engine_with_llm(small_services, fakellm_url)
    german = Profile(country="FR", language="de")
    written = await engine.reply(
        "Wie hoch ist die CPF Eigenbeteiligung deutsch, muss ich das zahlen?", german
    )
    # Only a prompt that tells the model to write German gets the German answer.
    assert written.composer == "llm"
    assert written.text.startswith("Jeder Kauf mit dem CPF")
    english = await engine.reply(
        "Wie hoch ist die CPF Eigenbeteiligung englisch, muss ich das zahlen?", german
    )
    assert english.composer == "extractive"
    assert english.language == "de"
    assert any("written in en" in r.getMessage() for r in caplog.records)


def test_numbers_compare_across_formats() -> None:
    assert numbers_in("€5,000 and 5 000 and 5.000 [2]") == {"5000"}
    assert numbers_in("€103.20 in 2026") == {"10320", "2026"}
    assert unsupported_numbers("You pay €103.2 [1]", "co-payment €103.20") == set()
    assert unsupported_numbers("You get 30 days", "5 days a year") == {"30"}
    assert unsupported_numbers("2 years", "2 years within 5 years") == set()
