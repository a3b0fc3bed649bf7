"""Editors in Telegram: /reindex with progress and result, /kb, /gaps, the scheduled reindex and
the index watcher; non-editors refused; learners' replies logged for replay."""

from __future__ import annotations

import asyncio
import datetime as dt
import logging
import re

from editing import BROKEN, EDITOR, FileServer, job, knowledge_files
from tg_factories import Learner, Texts, button_data

from bot.channels.telegram import editors
from bot.channels.telegram.deps import GuideContext
from bot.editors.desk import EditorDesk
from bot.guidance.types import Profile
from bot.services import reindex
from bot.store import Store
from tests.test_gate import SWEDEN, SWEDISH_QUESTION
from tests.test_ingest import make_pdf


async def test_a_non_editor_cannot_use_editor_commands_and_a_document_gets_the_learner_reply(
    app, request_: FileServer, desk: EditorDesk, settings, tr: Texts, caplog
) -> None:
    """Commands and buttons get "editors only"; a document gets the learners' "I read text"
    reply (a learner sending a file is not trying to edit), is not downloaded, and is logged
    without its name. Nothing changes."""
    learner = Learner(app, user_id=42)
    before = knowledge_files(settings)
    request_.files["pdf1"] = make_pdf("Anything")

    with caplog.at_level(logging.INFO):
        for command in ("reindex", "kb", "gaps"):
            await learner.command(command)
        await learner.send_document("guide.pdf", "pdf1", 500)
        await learner.tap("ed:ok:abcd")

    assert request_.texts() == [tr("editors_only")] * 3 + [tr("non_text")]
    assert request_.sent("getFile") == []
    assert desk.task is None
    assert knowledge_files(settings) == before
    refusals = [r.getMessage() for r in caplog.records if "not an editor" in r.getMessage()]
    assert len(refusals) == 5  # three commands, the document, the button
    assert "guide.pdf" not in caplog.text


async def test_reindex_shows_progress_then_what_changed(
    app, editor: Learner, request_: FileServer, desk: EditorDesk, settings, monkeypatch
) -> None:
    monkeypatch.setattr(editors, "PROGRESS_EVERY", 0.01)
    await editor.command("reindex")
    await desk.task  # type: ignore[misc]
    assert "Nothing changed" in request_.texts()[-1]

    request_.clear()
    cpf = settings.knowledge_dir / "fr" / "cpf.md"
    cpf.write_text(
        cpf.read_text(encoding="utf-8").replace("€500 a year", "€500 per year"), "utf-8"
    )
    await editor.command("reindex")
    await editor.command("reindex")  # while one runs
    result = await desk.task  # type: ignore[misc]

    assert result.outcome == "live"
    texts = request_.texts()
    # The run announces itself from its task: the refusal of the second may come first.
    assert texts[0] == "Reindex: starting…" or texts[1] == "Reindex: starting…"
    assert any("A reindex is already running" in text for text in texts[:2])
    progress = [text for text in texts[2:-1] if text.startswith("Reindex: ")]
    assert any("evaluating the live and the new index on 6 questions" in t for t in progress)
    final = texts[-1]
    assert final.startswith("<pre>Gate passed")
    expected = ("changed (1): fr/cpf.md", "failed (0): -", "5 embedded", "time: ")
    for line in (*expected, "decision_accuracy: 1.000 → 1.000"):
        assert line in final
    # What /metrics shows of it.
    registry = app.bot_data["deps"].metrics.registry
    runs = {o: registry.get_sample_value("guidebot_reindex_runs_total", {"outcome": o})
            for o in ("unchanged", "live", "refused")}  # fmt: skip
    assert runs == {"unchanged": 1, "live": 1, "refused": 0}
    assert registry.get_sample_value("guidebot_gate_verdicts_total", {"verdict": "passed"}) == 1


async def test_kb_shows_the_live_index_and_documents_to_check(
    app, editor: Learner, request_: FileServer, fresh_services
) -> None:
    await editor.command("kb")

    (text,) = request_.texts()
    assert f"Live index {fresh_services.index_version}" in text
    assert "5 documents" in text
    assert re.search(r"FR\s+1 / 5", text)
    assert "Volatile (facts that change often): 1" in text
    assert "fr/cpf.md (FR, checked" in text


async def test_gaps_groups_unanswered_questions_most_frequent_first(
    app, editor: Learner, learner: Learner, request_: FileServer, store: Store
) -> None:
    await store.save_profile(42, Profile(language="en", country="SE"))
    for question in (
        "Do I get paid study leave in Sweden?",
        "Is study leave in Sweden paid?",
        "Can I take paid study leave in Sweden?",
        "How do I recognise my foreign diploma in Austria?",
    ):
        await learner.send(question)
    answers = await store.answers._rows("SELECT * FROM answers")
    assert len(answers) == 4
    assert all(row["index_version"] for row in answers)
    request_.clear()

    await editor.command("gaps")

    (text,) = request_.texts()
    groups = text.split("\n\n")
    assert "4 question(s) in 2 group(s)" in groups[0]
    assert groups[1].startswith("×3 «")
    assert "Sweden" in groups[1]
    assert "Austria" in groups[2]
    assert "42" not in text


async def test_an_answer_is_logged_with_its_chunks_and_a_thumbs_down_makes_a_gap(
    app, learner: Learner, request_: FileServer, store: Store, fresh_services
) -> None:
    await store.save_profile(42, Profile(language="en", country="FR"))
    await learner.send("How much money do I get on my CPF each year?")
    answer = request_.sent()[-1]
    thumbs_down = button_data(answer)[1]
    turn_id = int(thumbs_down.split(":")[2])

    record = await store.answers.by_turn(turn_id)
    assert record is not None
    assert record.decision == "answer"
    assert record.index_version == fresh_services.index_version
    assert any("€500 a year" in text for _, text in record.chunks)
    assert await store.answers.gaps() == []

    await learner.tap(thumbs_down, on=answer)
    (gap,) = await store.answers.gaps()
    assert (gap.question, gap.reason, gap.country) == (
        "How much money do I get on my CPF each year?",
        "unhelpful",
        "FR",
    )


async def test_the_scheduled_reindex_is_gated_and_tells_the_editors(
    scheduled, settings, request_: FileServer, fresh_services
) -> None:
    assert {"watch-index", "reindex"} <= {j.name for j in scheduled.job_queue.jobs()}
    context = GuideContext(scheduled)

    await editors.scheduled_reindex(context)  # nothing changed: nobody is bothered
    assert request_.texts() == []
    live = fresh_services.index_version
    (settings.knowledge_dir / "fr" / "cpf.md").unlink()
    await editors.scheduled_reindex(context)

    (report,) = request_.texts()
    assert report.startswith("<pre>Scheduled reindex:\nGate REFUSED")
    assert request_.sent()[0]["chat_id"] == EDITOR
    assert fresh_services.index_version == live


async def test_a_scheduled_reindex_tells_the_editors_about_a_broken_file_alone(
    scheduled, settings, request_: FileServer, fresh_services
) -> None:
    live = fresh_services.index_version
    (settings.knowledge_dir / "fr" / "broken.md").write_text(BROKEN, encoding="utf-8")

    await job(scheduled, "reindex").run(scheduled)

    (report,) = request_.texts()
    assert report.startswith("<pre>Scheduled reindex:\nNothing changed")
    assert re.search(r"failed \(1\):\n  fr/broken\.md: \S", report)
    assert request_.sent()[0]["chat_id"] == EDITOR
    assert fresh_services.index_version == live


async def test_the_index_watch_job_answers_from_an_index_another_process_switched(
    scheduled, settings, fresh_services
) -> None:
    (settings.knowledge_dir / "se").mkdir()
    (settings.knowledge_dir / "se" / "study-leave.md").write_text(SWEDEN, encoding="utf-8")
    # `guidebot ingest --force` in another process: it switches CURRENT, not this bot's engine.
    other = await asyncio.to_thread(reindex, fresh_services.settings, force=True)
    assert fresh_services.index_version == other.previous

    await job(scheduled, "watch-index").run(scheduled)  # one tick of the 30 s job

    assert fresh_services.index_version == other.version
    reply = await fresh_services.engine.reply(SWEDISH_QUESTION, Profile(country="SE"))
    assert "Sweden: study leave" in [s.title for s in reply.sources]


async def test_a_file_that_fails_is_shown_with_its_reason_in_the_reindex_result(
    app, editor: Learner, request_: FileServer, desk: EditorDesk, settings
) -> None:
    (settings.knowledge_dir / "fr" / "broken.md").write_text(BROKEN, encoding="utf-8")

    await editor.command("reindex")
    result = await desk.task  # type: ignore[misc]

    assert result.report.failed[0][0] == "fr/broken.md"
    reason = result.report.failed[0][1]
    assert reason
    assert f"failed (1):\n  fr/broken.md: {reason}" in request_.texts()[-1]


async def test_a_forced_reindex_logs_which_editor_forced_it(
    app, editor: Learner, desk: EditorDesk, settings, caplog
) -> None:
    (settings.knowledge_dir / "fr" / "cpf.md").unlink()

    with caplog.at_level(logging.WARNING):
        await editor.command("reindex", "force")
        result = await desk.task  # type: ignore[misc]

    assert result.outcome == "forced"
    assert f"reindex: the regression gate was skipped (--force) by editor {EDITOR}" in (
        caplog.messages
    )


async def test_kb_lists_documents_older_than_stale_after_days_as_stale(
    app, editor: Learner, request_: FileServer, desk: EditorDesk, settings, fresh_services
) -> None:
    today = dt.date.today()
    cpf = settings.knowledge_dir / "fr" / "cpf.md"
    cpf.write_text(
        re.sub(r"updated: \S+", f"updated: {today - dt.timedelta(days=400)}", cpf.read_text()),
        encoding="utf-8",
    )
    (settings.knowledge_dir / "se").mkdir()
    (settings.knowledge_dir / "se" / "study-leave.md").write_text(
        SWEDEN.replace("2026-02-28", str(today - dt.timedelta(days=10))), encoding="utf-8"
    )
    assert reindex(settings, services=fresh_services, force=True).went_live

    for limit, stale in ((180, True), (500, False)):
        desk.settings = settings.model_copy(update={"stale_after_days": limit})
        request_.clear()
        await editor.command("kb")
        (text,) = request_.texts()
        section = text.split(f"Stale (checked more than {limit} days ago): ")[1]
        section = section.split("Volatile")[0]
        assert ("fr/cpf.md (FR, checked 400 days ago)" in section) is stale
        assert "se/study-leave.md" not in section  # checked 10 days ago
