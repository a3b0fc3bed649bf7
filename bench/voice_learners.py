"""Learners on the Telegram test server for the voice benchmark (`bench.voice`): they send voice
notes and typed questions and read the bot's answers, timed by the server's own stamps."""

from __future__ import annotations

import base64
import time
from typing import Any

import httpx

from bench.learners import TOKEN


class Client:
    """Learners on the test server: voice notes and typed questions, timed by its stamps."""

    def __init__(self, server: str) -> None:
        self.http = httpx.Client(base_url=server, timeout=30, trust_env=False)

    def close(self) -> None:
        self.http.close()

    def post(self, path: str, body: dict[str, Any]) -> Any:
        response = self.http.post(path, json=body)
        response.raise_for_status()
        return response.json()["result"]

    def common(self, chat_id: int) -> dict[str, Any]:
        user = {"id": chat_id, "is_bot": False, "first_name": "L", "language_code": "en"}
        return {"botToken": TOKEN, "from": user, "chat": {"id": chat_id, "type": "private"},
                "date": int(time.time())}  # fmt: skip

    def send_voice(self, chat_id: int, data: bytes, seconds: float) -> float:
        """Upload and send a voice note; returns the wall time just before sending (s)."""
        file = self.post("/files", {"data": base64.b64encode(data).decode()})
        voice = {"file_id": file["file_id"], "file_unique_id": file["file_unique_id"],
                 "duration": round(seconds), "mime_type": "audio/ogg",
                 "file_size": file["file_size"]}  # fmt: skip
        sent = time.time()
        self.post("/sendMessage", {**self.common(chat_id), "voice": voice})
        return sent

    def send_text(self, chat_id: int, text: str) -> float:
        sent = time.time()
        self.post("/sendMessage", {**self.common(chat_id), "text": text})
        return sent

    def new_messages(self, chat_id: int) -> list[dict[str, Any]]:
        return list(self.post("/getUpdates", {"token": TOKEN, "chatId": chat_id}))


def voice_reply(client: Client, chat_id: int, sent: float, timeout: float = 120) -> dict:
    """Wait for the text answer and the spoken one to a voice note; latencies in ms."""
    text_at = voice_at = None
    heard = ""
    deadline = time.monotonic() + timeout
    while (text_at is None or voice_at is None) and time.monotonic() < deadline:
        for entry in client.new_messages(chat_id):
            message = entry.get("message") or {}
            if message.get("voice"):
                voice_at = voice_at or entry["time"]
            elif (message.get("text") or "").startswith("🎤"):
                heard = message["text"]
            elif heard and text_at is None:
                text_at = entry["time"]
            elif not heard:  # a refusal ("I could not hear any words")
                return {"error": message.get("text", "")[:80]}
        # The server stamps each message as it stores it, so a slow poll loses no precision,
        # and five fast pollers would take the CPU the bot is being measured on.
        time.sleep(0.25)
    return {
        "text_ms": round(text_at - sent * 1000) if text_at else None,
        "voice_ms": round(voice_at - sent * 1000) if voice_at else None,
        "heard": heard,
    }


def typed_latency(client: Client, chat_id: int, text: str, timeout: float = 30) -> float | None:
    sent = client.send_text(chat_id, text)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        batch = client.new_messages(chat_id)
        if batch:
            return float(min(e["time"] for e in batch) - sent * 1000)
        time.sleep(0.01)
    return None


def drain(client: Client, chat_id: int, quiet: float = 1.0) -> None:
    """Read what is still coming to the chat (the rest of a multi-part answer)."""
    last = time.monotonic()
    while time.monotonic() - last < quiet:
        if client.new_messages(chat_id):
            last = time.monotonic()
        time.sleep(0.05)
