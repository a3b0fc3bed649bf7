"""Editors in Telegram: uploads checked, completed and indexed after confirmation, or taken out
again, also across a restart.

The engine is the real one over a writable copy of the small knowledge base; the Bot API is the
recording transport, which here also serves the uploaded files.
"""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from editing import (
    CAPTION,
    EDITOR,
    FULL_CAPTION,
    VALIDATION,
    FileServer,
    knowledge_files,
    last_buttons,
    make_docx,
)
from tg_factories import Learner, button_data

from bot.channels.telegram import editors
from bot.editors.desk import EditorDesk
from bot.editors.uploads import open_draft, prepare
from bot.guidance.types import Profile
from ingest.isolated import IsolatedLoader
from tests.conftest import BOUNDS, FIXTURE_KB, LIMITS
from tests.test_gate import SWEDEN
from tests.test_ingest import make_pdf


async def test_a_valid_pdf_is_indexed_after_confirmation(
    app, editor: Learner, request_: FileServer, desk: EditorDesk, settings, fresh_services
) -> None:
    before = knowledge_files(settings)
    pdf = make_pdf("Validation of prior learning has four stages in every EU country")
    request_.files["pdf1"] = pdf

    await editor.send_document("Validation Guide.pdf", "pdf1", len(pdf), caption=CAPTION)

    assert request_.sent("getFile")[0]["file_id"] == "pdf1"
    assert "The date checked is missing" in request_.texts()[-1]
    await editor.send("2026-02-28")
    assert "The publisher type is missing" in request_.texts()[-1]
    await editor.tap(last_buttons(request_)[2], on=request_.sent()[-1])  # "agency"
    ready = request_.sent()[-1]
    assert ready["text"].startswith("Ready: «EU: Validation of prior learning», 1 chunk(s)")
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
        ("big.pdf", b"%PDF-1.4", 2 * 1024 * 1024, "«big.pdf» is 2.0 MB. The limit is 1.0 MB."),
        ("fake.pdf", b"<html>not a pdf</html>", None, "«fake.pdf» is not really a PDF"),
        ("notes.docx", b"plain text", None, "«notes.docx» is not a Word document (.docx)"),
        ("broken.md", b"---\ntitle: [unclosed\n---\nbody\n", None, "of «broken.md» (the part"),
        (
            "photo.jpg",
            b"\xff\xd8\xff",
            None,
            "«photo.jpg» is a .jpg file. Please send Markdown, HTML, PDF or DOCX.",
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
    assert "Nothing was changed: the knowledge base and your other uploads" in reply
    assert knowledge_files(settings) == before
    assert desk.drafts == {}
    assert not (desk.uploads_dir / str(EDITOR)).exists()
    if size and size > 1024 * 1024:
        assert request_.sent("getFile") == []  # refused before downloading


async def test_a_markdown_upload_with_front_matter_goes_straight_to_confirmation(
    app, editor: Learner, request_: FileServer, desk: EditorDesk
) -> None:
    text = FIXTURE_KB / "es" / "permiso.md"
    request_.files["md1"] = text.read_bytes()

    await editor.send_document("permiso.md", "md1", None)
    ready = request_.sent()[-1]
    assert "knowledge/es/permiso.md.\nIt replaces the file that is there now." in ready["text"]

    await editor.tap(button_data(ready)[1], on=ready)  # Cancel
    assert request_.texts()[-1] == "Upload cancelled: nothing was changed."
    assert desk.drafts == {}


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
    assert "knowledge/fr/cpf.md.\nIt replaces the file that is there now." in ready["text"]
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
        with IsolatedLoader(LIMITS, BOUNDS) as reader:
            draft = open_draft(staged, "cpf.md", None, reader)
            prepare(draft, reader)
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
