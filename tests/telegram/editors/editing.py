"""What the editors' Telegram tests share: the editor, the upload captions, a Bot API that
also serves uploaded files, and small readers of what the bot sent."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
from tg_factories import RecordingRequest, button_data

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
        self.uploaded: dict[str, bytes] = {}  # files the bot sent, by file name

    async def do_request(
        self, url: str, method: str, request_data: Any = None, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        if "/file/bot" in url:
            file_id = url.rsplit("/", 1)[-1]
            self.calls.append(("download", {"file_id": file_id}))
            return 200, self.files[file_id]
        if hook := self.before.get(url.rsplit("/", 1)[-1]):
            hook(request_data.parameters if request_data else {})
        parts = (request_data.multipart_data or {}) if request_data else {}
        for name, content, _ in parts.values():
            self.uploaded[name] = content
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
        if name == "sendDocument":
            return {
                "message_id": 999,
                "date": 0,
                "chat": {"id": int(params["chat_id"]), "type": "private"},
                "document": {"file_id": "sent", "file_unique_id": "sent"},
            }
        return super()._result(name, params)


def knowledge_files(settings) -> set[str]:  # type: ignore[no-untyped-def]
    root: Path = settings.knowledge_dir
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def last_buttons(request_: RecordingRequest) -> list[str]:
    with_buttons = [p for n, p in request_.calls if n == "sendMessage" and p.get("reply_markup")]
    return button_data(with_buttons[-1])


def job(application: Any, name: str) -> Any:
    return next(j for j in application.job_queue.jobs() if j.name == name)


BROKEN = "---\ntitle: [unclosed\n---\nbody\n"


def make_docx(heading: str, text: str) -> bytes:
    document = docx.Document()
    document.add_heading(heading, level=1)
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
