"""Hostile uploads in Telegram: each is refused with a message naming the file and the limit,
in the editor's language; the knowledge folder, the live index and every other draft stay as
they were; learners keep getting answers while such a file is read.

The real application and engine (the small test index), the real worker process, generated
files (tests/hostile.py); only the Bot API is recorded.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from editing import CAPTION, EDITOR, VALIDATION, FileServer, knowledge_files, make_docx
from pydantic import SecretStr
from tg_factories import Learner, button_data

from bot.editors.desk import EditorDesk
from bot.indexes import live_index
from tests import hostile
from tests.test_gate import SWEDEN
from tests.test_ingest import make_pdf

OTHER_EDITOR = 8
NNBSP = "\u202f"  # the narrow no-break space French and Polish group digits with


@pytest.fixture
def settings(fresh_services):  # type: ignore[no-untyped-def]
    """Production limits and upload size; two editors."""
    settings = fresh_services.settings.model_copy(
        update={
            "telegram_bot_token": SecretStr("1:T"),
            "editor_ids": [EDITOR, OTHER_EDITOR],
            "rate_limit_per_minute": 30,
        }
    )
    fresh_services.settings = settings
    return settings


def files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


def state(settings: Any, desk: EditorDesk) -> tuple[set[str], str | None, dict[str, bytes]]:
    """What must not change: the knowledge folder, the live index, the manifest."""
    live = live_index(settings)
    assert live is not None
    manifest = {p.name: p.read_bytes() for p in live.path.glob("*.json")}
    return knowledge_files(settings), live.name, manifest


HOSTILE: dict[str, tuple[Callable[[], bytes], str]] = {
    "bomb.docx": (
        lambda: hostile.zip_bomb_docx(expanded_mb=1024),
        "One part of «bomb.docx» (word/document.xml) would take 1,024 MB once unpacked. "
        "The limit for one part is 50 MB.",
    ),
    "parts.docx": (
        lambda: hostile.many_parts_docx(parts=3, part_mb=40),
        "«parts.docx» would take 121 MB once unpacked (a .docx file is a compressed "
        "archive). The limit is 100 MB.",
    ),
    "entities.docx": (
        hostile.entity_expansion_docx,
        "«entities.docx» contains XML declarations that Word never writes (a DTD in "
        "word/document.xml). Such files can be used to attack the bot, so it is refused.",
    ),
    "pages.pdf": (
        lambda: hostile.many_pages_pdf(20_000),
        "«pages.pdf» has 20,000 pages. The limit is 1,000 pages.",
    ),
    "deep.html": (
        lambda: hostile.nested_html(500_000),  # a million tags
        "«deep.html» has elements nested more than 200 levels deep; at most 200 levels are "
        "allowed.",
    ),
    "guide.pdf": (
        lambda: make_docx("Validation", VALIDATION),
        "«guide.pdf» is not really a PDF: its content is something else (for example a "
        "renamed Word or ZIP file).",
    ),
    "empty.md": (lambda: b"", "«empty.md» is empty."),
}


@pytest.mark.parametrize("name", list(HOSTILE))
async def test_a_hostile_upload_is_refused_naming_the_file_and_the_limit(
    app, editor: Learner, request_: FileServer, desk: EditorDesk, settings, name: str
) -> None:
    # Another editor's upload waits for a metadata field; this editor's earlier one too.
    other = Learner(app, user_id=OTHER_EDITOR)
    request_.files["good"] = make_pdf(VALIDATION)
    await other.send_document("other.pdf", "good", None, caption=CAPTION)
    await editor.send_document("mine.pdf", "good", None, caption=CAPTION)
    waiting = {user: (d.id, d.staged, dict(d.meta)) for user, d in desk.drafts.items()}
    assert set(waiting) == {EDITOR, OTHER_EDITOR}
    before = state(settings, desk)
    make, expected = HOSTILE[name]
    request_.files["bad"] = make()
    request_.clear()

    await editor.send_document(name, "bad", len(request_.files["bad"]))

    (reply,) = request_.texts()
    assert reply.startswith(f"Not accepted: {expected}"), reply
    assert reply.endswith(
        "Nothing was changed: the knowledge base and your other uploads are as they were.\n"
        "Your earlier upload «mine.pdf» is still waiting for your answer."
    )
    assert state(settings, desk) == before
    assert {user: (d.id, d.staged, d.meta) for user, d in desk.drafts.items()} == waiting
    assert all(staged.is_file() for _, staged, _ in waiting.values())
    assert len(list((desk.uploads_dir / str(EDITOR)).iterdir())) == 1  # the bad one is gone
    assert desk.task is None  # no reindex was started


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("de", "Nicht angenommen: «pages.pdf» hat 20.000 Seiten. Die Grenze ist 1.000 Seiten."),
        ("fr", f"Non accepté : « pages.pdf » a 20{NNBSP}000 pages. La limite est de 1{NNBSP}000"),
        ("pl", f"Nie przyjęto: «pages.pdf» ma 20{NNBSP}000 stron. Limit to 1{NNBSP}000 stron."),
        ("it", "Non accettato: «pages.pdf» ha 20.000 pagine. Il limite è 1.000 pagine."),
    ],
)
async def test_a_refusal_is_in_the_editors_telegram_language(
    app, request_: FileServer, settings, lang: str, expected: str
) -> None:
    editor = Learner(app, user_id=EDITOR, language_code=lang)
    request_.files["bad"] = hostile.many_pages_pdf(20_000)

    await editor.send_document("pages.pdf", "bad", None)

    (reply,) = request_.texts()
    assert reply.startswith(expected), reply


async def test_a_file_name_with_path_traversal_and_control_characters_is_made_safe(
    app, editor: Learner, request_: FileServer, desk: EditorDesk, settings, tmp_path: Path
) -> None:
    files_before = files_under(tmp_path)
    request_.files["md"] = SWEDEN.encode()
    name = "..\\../../bot/config/Études\x00\x1b[2J guide\u202e\r\n.md"

    await editor.send_document(name, "md", None)

    draft = desk.drafts[EDITOR]
    assert draft.name == "études-2j-guide.md"
    assert draft.staged.parent.parent == desk.uploads_dir / str(EDITOR)
    ready = request_.sent()[-1]
    assert "to be saved as knowledge/se/études-2j-guide.md." in ready["text"]
    for shown in request_.texts():
        assert not any(ord(c) < 32 and c != "\n" or c == "\u202e" for c in shown), shown
    created = files_under(tmp_path) - files_before
    created = {p for p in created if not p.name.startswith(settings.database_path.name)}
    assert all(desk.uploads_dir in p.parents for p in created), created

    await editor.tap(button_data(ready)[0], on=ready)
    result = await desk.task  # type: ignore[misc]
    assert result.report.added == ["se/études-2j-guide.md"], result.details()
    assert (settings.knowledge_dir / "se" / "études-2j-guide.md").is_file()

    request_.clear()
    await editor.send_document("\x00\x1b../..\u202e.pdf", "md", None)
    (reply,) = request_.texts()
    assert reply.startswith("Not accepted: «...pdf» needs a name that says what it is about")


async def test_a_learner_is_answered_while_a_hostile_upload_is_being_read(
    app, editor: Learner, request_: FileServer, desk: EditorDesk, settings
) -> None:
    """The upload's parser never finishes (text extraction of one page of five million
    operations); it is read by the worker process while the learner's question is answered
    by the same application, and is stopped at its time bound."""
    # Room in memory, so that the time bound is the one that stops it.
    desk.settings = settings.model_copy(update={"parse_timeout": 15.0, "parse_memory_mb": 1024})
    request_.files["slow"] = hostile.endless_page_pdf()
    before = state(settings, desk)

    upload = asyncio.create_task(editor.send_document("slow.pdf", "slow", None))
    # Until the worker is reading it (the desk offers no event to wait on).
    while not desk.reading.locked() and not upload.done():  # noqa: ASYNC110
        await asyncio.sleep(0.01)
    learner = Learner(app, user_id=42)
    await learner.send("How much money do I get on my CPF each year in France?")

    assert not upload.done()  # still being read when the answer went out
    (answer,) = request_.texts_in(42)
    assert "€500" in answer  # the fact from fr/cpf.md, with its source
    assert "moncompteformation" in answer
    await upload
    (refusal,) = request_.texts_in(EDITOR)
    # Stopped at its time bound, or by pypdf's own token limit where the machine is fast
    # enough to reach it first: refused either way, and nothing changed.
    assert refusal.startswith("Not accepted: ")
    assert "«slow.pdf»" in refusal
    assert state(settings, desk) == before
