"""Editors in Telegram: uploads checked, completed and indexed after confirmation (or taken out
again), also across a restart; /reindex with progress and result; /kb; /gaps; the scheduled
reindex and the index watcher; non-editors refused; learners' replies logged for replay.

The engine is the real one over a writable copy of the small knowledge base (`fresh_services`);
the Bot API is the recording transport, which here also serves the uploaded files.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import io
import logging
import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from pydantic import SecretStr
from tg_factories import Learner, RecordingRequest, Texts, button_data

from bot.channels.telegram import build_application, editors
from bot.channels.telegram.deps import GuideContext
from bot.editors.desk import EditorDesk
from bot.editors.uploads import open_draft, prepare
from bot.guidance.types import Profile
from bot.services import reindex
from bot.store import Store
from tests.test_gate import SWEDEN, SWEDISH_QUESTION
from tests.test_ingest import make_pdf

EDITOR = 7
CAPTION = """title: "EU: Validation of prior learning"
url: https://europass.europa.eu/en
country: EU
topics: [validation]
language: en
"""
FULL_CAPTION = CAPTION + "updated: 2026-02-28\nauthority: agency\n"
VALIDATION = "Validation of prior learning has four stages in every EU country"


class FileServer(RecordingRequest):
    """Also answers getFile and serves the files' bytes, as the Bot API's file server does;
    `before[method](params)` runs as a call to `method` is made."""

    def __init__(self) -> None:
        super().__init__()
        self.files: dict[str, bytes] = {}
        self.before: dict[str, Callable[[dict[str, Any]], None]] = {}

    async def do_request(
        self, url: str, method: str, request_data: Any = None, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:
            file_id = url.rsplit("/", 1)[-1]
            self.calls.append(("download", {"file_id": file_id}))
            return 200, self.files[file_id]
        if hook := self.before.get(url.rsplit("/", 1)[-1]):
            hook(request_data.parameters if request_data else {})
        return await super().do_request(url, method, request_data, *args, **kwargs)

    def _result(self, name: str, params: dict[str, Any]) -> Any:
        if name == "getFile":
            file_id = params["file_id"]
            size, path = len(self.files[file_id]), f"documents/{file_id}"
            return {
                "file_id": file_id,
                "file_unique_id": file_id,
                "file_size": size,
                "file_path": path,
            }
        return super()._result(name, params)


@pytest.fixture
def request_() -> FileServer:
    return FileServer()


@pytest.fixture
def settings(fresh_services):  # type: ignore[no-untyped-def]
    settings = fresh_services.settings.model_copy(
        update={
            "telegram_bot_token": SecretStr("1:T"),
            "editor_ids": [EDITOR],
            "max_upload_mb": 1.0,
            "rate_limit_per_minute": 30,
        }
    )
    fresh_services.settings = settings
    return settings


@pytest.fixture
def engine(fresh_services):  # type: ignore[no-untyped-def]
    return fresh_services.engine


@pytest.fixture
def desk(fresh_services, settings) -> EditorDesk:  # type: ignore[no-untyped-def]
    return EditorDesk(fresh_services)


@pytest.fixture
async def app(settings, engine, store, strings, request_, desk) -> AsyncIterator[Any]:  # type: ignore[no-untyped-def]
    application = build_application(
        settings, engine=engine, store=store, strings=strings, request=request_, desk=desk
    )
    await application.initialize()
    request_.clear()
    yield application
    await application.shutdown()


@pytest.fixture
def editor(app) -> Learner:  # type: ignore[no-untyped-def]
    return Learner(app, user_id=EDITOR)


def knowledge_files(settings) -> set[str]:  # type: ignore[no-untyped-def]
    root: Path = settings.knowledge_dir
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def last_buttons(request_: RecordingRequest) -> list[str]:
    with_buttons = [p for n, p in request_.calls if n == "sendMessage" and p.get("reply_markup")]
    return button_data(with_buttons[-1])


async def test_a_valid_pdf_is_indexed_after_confirmation(
    app, editor: Learner, request_: FileServer, desk: EditorDesk, settings, fresh_services
) -> None:
    before = knowledge_files(settings)
    pdf = make_pdf("Validation of prior learning has four stages in every EU country")
    request_.files["pdf1"] = pdf

    await editor.send_document("Validation Guide.pdf", "pdf1", len(pdf), caption=CAPTION)

    assert request_.sent("getFile")[0]["file_id"] == "pdf1"
    assert "The updated is missing" in request_.texts()[-1]
    await editor.send("2026-02-28")
    assert "The authority is missing" in request_.texts()[-1]
    await editor.tap(last_buttons(request_)[2], on=request_.sent()[-1])  # "agency"
    ready = request_.sent()[-1]
    assert ready["text"].startswith("Ready: «EU: Validation of prior learning», 1 chunks")
    assert "knowledge/eu/validation-guide.pdf" in ready["text"]
    assert knowledge_files(settings) == before  # nothing saved before the editor confirms
    confirm = button_data(ready)[0]
    assert confirm.startswith("ed:ok:")

    request_.clear()
    await editor.tap(confirm, on=ready)
    assert desk.task is not None
    result = await desk.task

    assert result is not None
    assert result.outcome == "live", result.details()
    assert knowledge_files(settings) - before == {
        "eu/validation-guide.pdf",
        "eu/validation-guide.pdf.meta.yml",
    }
    texts = request_.texts()
    assert texts[0] == "Saved as knowledge/eu/validation-guide.pdf."
    assert texts[1] == "Reindex: starting…"
    final = texts[-1]
    assert "Gate passed" in final
    assert "added (1): eu/validation-guide.pdf" in final
    progress = request_.sent()[0]
    assert progress["text"] == "Reindex: starting…"
    # The result replaces the progress message.
    assert request_.sent("editMessageText")[-1]["message_id"] == progress["message_id"]
    # The running engine answers from the new document at once.
    reply = await fresh_services.engine.reply(
        "How many stages does validation of prior learning have?", Profile(country="FR")
    )
    assert "EU: Validation of prior learning" in [s.title for s in reply.sources]


@pytest.mark.parametrize(
    ("name", "content", "size", "error"),
    [
        ("big.pdf", b"%PDF-1.4", 2 * 1024 * 1024, "The file is 2.0 MB; the limit is 1 MB."),
        ("fake.pdf", b"<html>not a pdf</html>", None, "The file is not a PDF"),
        ("notes.docx", b"plain text", None, "The file is not a DOCX document"),
        ("broken.md", b"---\ntitle: [unclosed\n---\nbody\n", None, "not valid YAML"),
        (
            "photo.jpg",
            b"\xff\xd8\xff",
            None,
            ".jpg is not accepted: send Markdown, HTML, PDF or DOCX",
        ),
    ],
)
async def test_an_oversized_or_malformed_file_gets_a_clear_error_and_changes_nothing(
    app,
    editor: Learner,
    request_: FileServer,
    desk: EditorDesk,
    settings,
    name,
    content,
    size,
    error,
) -> None:
    before = knowledge_files(settings)
    request_.files["f1"] = content

    await editor.send_document(name, "f1", size if size is not None else len(content))

    (reply,) = request_.texts()
    assert reply.startswith("Not accepted: ")
    assert error in reply
    assert "Nothing was changed." in reply
    assert knowledge_files(settings) == before
    assert desk.drafts == {}
    assert not (desk.uploads_dir / str(EDITOR)).exists()
    if size and size > 1024 * 1024:
        assert request_.sent("getFile") == []  # refused before downloading


async def test_a_markdown_upload_with_front_matter_goes_straight_to_confirmation(
    app, editor: Learner, request_: FileServer, desk: EditorDesk
) -> None:
    text = Path(__file__).parents[1] / "fixtures" / "kb" / "es" / "permiso.md"
    request_.files["md1"] = text.read_bytes()

    await editor.send_document("permiso.md", "md1", None)
    ready = request_.sent()[-1]
    assert "knowledge/es/permiso.md (replaces the file there now)" in ready["text"]

    await editor.tap(button_data(ready)[1], on=ready)  # Cancel
    assert request_.texts()[-1] == "Upload cancelled: nothing was changed."
    assert desk.drafts == {}


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


@pytest.fixture
async def scheduled(  # type: ignore[no-untyped-def]
    settings, engine, store, strings, request_, fresh_services
) -> AsyncIterator[Any]:
    """The application with a scheduled reindex every 6 hours."""
    fresh_services.settings = settings.model_copy(update={"reindex_every": "6h"})
    application = build_application(
        fresh_services.settings,
        engine=engine,
        store=store,
        strings=strings,
        request=request_,
        desk=EditorDesk(fresh_services),
    )
    await application.initialize()
    yield application
    await application.shutdown()


def job(application: Any, name: str) -> Any:
    return next(j for j in application.job_queue.jobs() if j.name == name)


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


BROKEN = "---\ntitle: [unclosed\n---\nbody\n"


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


def make_docx(heading: str, text: str) -> bytes:
    document = docx.Document()
    document.add_heading(heading, level=1)
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content"),
    [
        (
            "Validation Guide.html",
            f"<html><head><title>Validation</title></head><body><h1>Validation</h1>"
            f"<p>{VALIDATION}: identification, documentation, assessment and certification."
            f"</p></body></html>".encode(),
        ),
        ("Validation Guide.docx", make_docx("Validation", VALIDATION)),
    ],
)
async def test_html_and_docx_uploads_are_indexed_after_confirmation(
    app, editor: Learner, request_: FileServer, desk: EditorDesk, settings, name, content
) -> None:
    before = knowledge_files(settings)
    request_.files["f1"] = content

    await editor.send_document(name, "f1", len(content), caption=FULL_CAPTION)
    ready = request_.sent()[-1]
    assert ready["text"].startswith("Ready: «EU: Validation of prior learning»")
    await editor.tap(button_data(ready)[0], on=ready)
    result = await desk.task  # type: ignore[misc]

    suffix = name.rsplit(".", 1)[1]
    assert result.outcome == "live", result.details()
    assert result.report.added == [f"eu/validation-guide.{suffix}"]
    assert knowledge_files(settings) - before == {
        f"eu/validation-guide.{suffix}",
        f"eu/validation-guide.{suffix}.meta.yml",
    }


async def test_an_upload_the_gate_refuses_is_taken_out_and_the_old_file_restored(
    app, editor: Learner, request_: FileServer, desk: EditorDesk, settings
) -> None:
    cpf = settings.knowledge_dir / "fr" / "cpf.md"
    original = cpf.read_bytes()
    front = original.decode().split("---")[1]
    request_.files["md1"] = f"---{front}---\n# France\n- See the official site.\n".encode()

    await editor.send_document("cpf.md", "md1", None)
    ready = request_.sent()[-1]
    assert "knowledge/fr/cpf.md (replaces the file there now)" in ready["text"]
    await editor.tap(button_data(ready)[0], on=ready)
    result = await desk.task  # type: ignore[misc]

    assert result.outcome == "refused"
    assert cpf.read_bytes() == original
    final = request_.texts()[-1]
    assert "Gate REFUSED" in final
    assert "t1: answer" in final  # the diff: the CPF question lost its source
    assert "The upload fr/cpf.md was taken out again: nothing changed." in final
    assert not (desk.uploads_dir / "backups").exists() or not any(
        (desk.uploads_dir / "backups").iterdir()
    )


async def test_a_scheduled_reindex_cannot_slip_in_between_saving_an_upload_and_indexing_it(
    app, editor: Learner, request_: FileServer, desk: EditorDesk, settings
) -> None:
    """The scheduled job fires while the bot says "Saved as…" (the first await after the
    upload is installed): the upload's own reindex must already hold the slot."""
    request_.files["md1"] = SWEDEN.encode()
    await editor.send_document("study-leave.md", "md1", None)
    ready = request_.sent()[-1]
    fired = []

    def scheduled_job_fires(params: dict[str, Any]) -> None:
        if params["text"].startswith("Saved as") and not desk.busy:  # the job's own check
            desk.task = asyncio.ensure_future(editors.run_reindex(app.bot, desk, [], None))
            fired.append(desk.task)

    request_.before["editMessageText"] = scheduled_job_fires
    await editor.tap(button_data(ready)[0], on=ready)
    result = await desk.task  # type: ignore[misc]

    assert fired == []
    assert result.outcome == "live", result.details()
    assert result.report.added == ["se/study-leave.md"]
    assert not any("already running" in text for text in request_.texts())


def test_a_restart_takes_out_an_upload_a_crash_interrupted_unless_it_went_live(
    desk: EditorDesk, settings, fresh_services
) -> None:
    cpf = settings.knowledge_dir / "fr" / "cpf.md"
    original = cpf.read_text(encoding="utf-8")

    def install_upload() -> None:
        staged = desk.staging(EDITOR) / "cpf.md"
        staged.write_text(original.replace("€500 a year", "€500 per year"), encoding="utf-8")
        draft = open_draft(staged, "cpf.md", None)
        prepare(draft)
        desk.install(draft)
        assert "€500 per year" in cpf.read_text(encoding="utf-8")

    install_upload()  # ... and the bot dies before the reindex switched the index
    EditorDesk(fresh_services)  # the restart
    assert cpf.read_text(encoding="utf-8") == original
    assert not desk.uploads_dir.exists()

    install_upload()
    assert desk.reindex().went_live  # ... and the bot dies before cleaning up
    EditorDesk(fresh_services)
    assert "€500 per year" in cpf.read_text(encoding="utf-8")  # it is in the live index
    assert not desk.uploads_dir.exists()
