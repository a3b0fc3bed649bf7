"""Speech recognition at an OpenAI-compatible transcription endpoint: the real `openai` client
against a small real HTTP server on 127.0.0.1 that answers `/v1/audio/transcriptions`."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from bot.services import build_speech
from bot.speech.remote import OpenAITranscriber
from bot.speech.types import Silent, UnsupportedLanguage
from tests.conftest import make_settings
from tests.speech_audio import CPF_QUESTION, spoken


class Endpoint(BaseHTTPRequestHandler):
    """Answers what `answers` holds next; keeps each request's form fields and file."""

    answers: list[dict[str, Any]] = []
    received: list[dict[str, Any]] = []

    def do_POST(self) -> None:  # noqa: N802 - the http.server API
        body = self.rfile.read(int(self.headers["Content-Length"]))
        boundary = self.headers["Content-Type"].split("boundary=")[1].encode()
        fields: dict[str, Any] = {"path": self.path}
        for part in body.split(b"--" + boundary)[1:-1]:
            head, _, value = part.partition(b"\r\n\r\n")
            name = head.split(b'name="')[1].split(b'"')[0].decode()
            fields[name] = value[:-2] if b"filename=" in head else value[:-2].decode()
        Endpoint.received.append(fields)
        payload = json.dumps(Endpoint.answers.pop(0)).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[str]:
    Endpoint.answers, Endpoint.received = [], []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Endpoint)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


async def test_a_voice_note_is_transcribed_at_the_configured_endpoint(
    endpoint: str, tmp_path: Path
) -> None:
    settings = make_settings(
        tmp_path, tmp_path, speech_to_text="openai", speech_api_base_url=endpoint,
        speech_api_key="secret", speech_api_model="whisper-large-v3",
    )  # fmt: skip
    speech = build_speech(settings, ["en", "de", "fr"])
    assert speech is not None
    assert isinstance(speech.transcriber, OpenAITranscriber)
    Endpoint.answers.append({"text": f" {CPF_QUESTION} ", "language": "english"})
    try:
        heard = await speech.transcribe(spoken(CPF_QUESTION), "en")
    finally:
        speech.close()
    assert (heard.text, heard.language) == (CPF_QUESTION, "en")
    sent = Endpoint.received[0]
    assert sent["path"] == "/v1/audio/transcriptions"
    assert sent["model"] == "whisper-large-v3"
    assert sent["language"] == "en"  # the learner's language as a hint
    assert sent["file"][:4] == b"RIFF"  # the decoded note, as WAV


def test_the_endpoints_language_and_empty_answers(endpoint: str) -> None:
    import numpy as np

    transcriber = OpenAITranscriber("whisper-1", api_key=None, base_url=endpoint, timeout=10)
    audio = np.zeros(16_000, dtype=np.float32)
    ours = frozenset(["en", "de"])
    Endpoint.answers += [
        {"text": "Merhaba", "language": "turkish"},
        {"text": "", "language": "en"},
        {"text": "Wie viele Tage?", "language": "de"},
    ]
    with pytest.raises(UnsupportedLanguage):
        transcriber.transcribe(audio, None, ours)
    with pytest.raises(Silent):
        transcriber.transcribe(audio, None, ours)
    assert transcriber.transcribe(audio, None, ours).language == "de"
    assert "language" not in Endpoint.received[0]  # no hint: the endpoint detects
