"""Test doubles for the Telegram side: a recording Bot API transport and a learner that sends
updates through `application.process_update` (no network, no sockets)."""

from __future__ import annotations

import html
import itertools
import json
import time
from typing import Any

from telegram import Update
from telegram.request import BaseRequest, RequestData

from bot.guidance.language import Strings

BOT = {"id": 1, "is_bot": True, "first_name": "Guide", "username": "guide_bot"}


class RecordingRequest(BaseRequest):
    """Records every Bot API call as (method, params) and answers Bot-API-shaped JSON.

    `fail` maps methods to an HTTP error status to answer (500 is what the test server answers
    for the methods it lacks); `retry_after` maps a method to a number of 429 answers to give
    first; `fail_next` maps a method to a number of 400 answers to give first; `results` maps a
    method to the result to answer instead of the default one.
    """

    ERRORS = {
        400: "Bad Request: the chat is not a forum",
        403: "Forbidden: bot was blocked by the user",
        500: "Internal Server Error: method not supported",
    }

    def __init__(self) -> None:
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.fail: dict[str, int] = {}
        self.retry_after: dict[str, int] = {}
        self.fail_next: dict[str, int] = {}
        self.results: dict[str, Any] = {}
        self._ids = itertools.count(1000)

    async def initialize(self) -> None:
        pass

    async def shutdown(self) -> None:
        pass

    @property
    def read_timeout(self) -> float:
        return 1.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = None,
        write_timeout: Any = None,
        connect_timeout: Any = None,
        pool_timeout: Any = None,
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        self.calls.append((name, params))
        if self.retry_after.get(name):
            self.retry_after[name] -= 1
            body = {"ok": False, "error_code": 429, "description": "Too Many Requests",
                    "parameters": {"retry_after": 0.01}}  # fmt: skip
            return 429, json.dumps(body).encode()
        if name in self.fail or self.fail_next.get(name):
            if self.fail_next.get(name):
                self.fail_next[name] -= 1
            status = self.fail.get(name, 400)
            body = {"ok": False, "error_code": status, "description": self.ERRORS[status]}
            return status, json.dumps(body).encode()
        result = self._result(name, params)
        if isinstance(result, dict) and "message_id" in result:
            params["message_id"] = result["message_id"]  # so tests can tap its buttons
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def _result(self, name: str, params: dict[str, Any]) -> Any:
        if name in self.results:
            return self.results[name]
        if name == "getMe":
            return BOT
        if name in ("sendMessage", "editMessageText", "editMessageReplyMarkup"):
            message_id = params.get("message_id") or next(self._ids)
            chat_id = int(params["chat_id"])
            message = {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "supergroup" if chat_id < 0 else "private"},
                "from": BOT,
                "text": params.get("text", "…"),
            }
            if "reply_markup" in params:
                message["reply_markup"] = params["reply_markup"]
            return message
        if name == "createForumTopic":
            return {"message_thread_id": next(self._ids), "name": params["name"],
                    "icon_color": 7322096}  # fmt: skip
        if name == "copyMessage":
            return {"message_id": next(self._ids)}
        if name == "getChatAdministrators":
            return []
        return True

    # What the tests look at.

    def sent(self, method: str = "sendMessage") -> list[dict[str, Any]]:
        return [params for name, params in self.calls if name == method]

    def texts(self) -> list[str]:
        """Texts the learner saw: sent messages and edits, in order."""
        return [
            params["text"]
            for name, params in self.calls
            if name in ("sendMessage", "editMessageText")
        ]

    def texts_in(self, chat_id: int) -> list[str]:
        """Texts sent to (or edited in) one chat, in order."""
        return [
            params["text"]
            for name, params in self.calls
            if name in ("sendMessage", "editMessageText") and int(params["chat_id"]) == chat_id
        ]

    def clear(self) -> None:
        self.calls.clear()


def buttons(params: dict[str, Any]) -> list[dict[str, Any]]:
    """The inline buttons of a sent message, flattened."""
    markup = params.get("reply_markup") or {}
    return [button for row in markup.get("inline_keyboard", []) for button in row]


def button_data(params: dict[str, Any]) -> list[str]:
    return [button["callback_data"] for button in buttons(params)]


class Learner:
    """A person writing to the bot; each call builds an update and lets the application run it."""

    _update_ids = itertools.count(1)

    def __init__(
        self,
        application: Any,
        user_id: int = 42,
        language_code: str | None = "en",
        chat_type: str = "private",
        chat_id: int | None = None,
    ) -> None:
        self.app = application
        self.user = {"id": user_id, "is_bot": False, "first_name": "Ana"}
        if language_code:
            self.user["language_code"] = language_code
        chat_id = chat_id if chat_id is not None else user_id
        self.chat: dict[str, Any] = {"id": chat_id, "type": chat_type}
        if chat_type != "private":
            self.chat["title"] = "A group"
        self._message_ids = itertools.count(1)

    def _message(self, **fields: Any) -> dict[str, Any]:
        return {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self.chat,
            "from": self.user,
            **fields,
        }

    async def _process(self, data: dict[str, Any]) -> None:
        update = Update.de_json({"update_id": next(self._update_ids), **data}, self.app.bot)
        await self.app.process_update(update)

    async def send(self, text: str) -> None:
        await self._process({"message": self._message(text=text)})

    async def command(self, name: str, args: str = "") -> None:
        text = f"/{name} {args}".strip()
        entity = {"type": "bot_command", "offset": 0, "length": len(name) + 1}
        await self._process({"message": self._message(text=text, entities=[entity])})

    async def send_attachment(self, kind: str) -> None:
        samples: dict[str, Any] = {
            "voice": {"file_id": "v", "file_unique_id": "v", "duration": 3},
            "photo": [{"file_id": "p", "file_unique_id": "p", "width": 9, "height": 9}],
            "sticker": {"file_id": "s", "file_unique_id": "s", "type": "regular",
                        "width": 9, "height": 9, "is_animated": False, "is_video": False},
            "document": {"file_id": "d", "file_unique_id": "d", "file_name": "cv.pdf"},
            "location": {"latitude": 48.85, "longitude": 2.35},
        }  # fmt: skip
        await self._process({"message": self._message(**{kind: samples[kind]})})

    async def send_document(
        self, file_name: str, file_id: str, size: int | None, caption: str | None = None
    ) -> None:
        """Send a file (the transport must answer getFile and the download for `file_id`)."""
        document: dict[str, Any] = {"file_id": file_id, "file_unique_id": file_id,
                                    "file_name": file_name}  # fmt: skip
        if size is not None:
            document["file_size"] = size
        fields: dict[str, Any] = {"document": document}
        if caption is not None:
            fields["caption"] = caption
        await self._process({"message": self._message(**fields)})

    async def tap(self, data: str, on: dict[str, Any] | None = None) -> None:
        """Tap the inline button carrying `data` under a message the bot sent (`on`)."""
        message_id = int(on.get("message_id", 1)) if on else 1
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self.chat,
            "from": BOT,
            "text": (on or {}).get("text", "…"),
        }
        query = {
            "id": str(next(self._update_ids)),
            "from": self.user,
            "chat_instance": "ci",
            "message": message,
            "data": data,
        }
        await self._process({"callback_query": query})


class Texts:
    """The real localised texts as the bot sends them (HTML-escaped, like `Deps.text`)."""

    def __init__(self, strings: Strings) -> None:
        self.strings = strings

    def __call__(self, key: str, lang: str = "en", **params: Any) -> str:
        return html.escape(self.strings.get(key, lang, **params), quote=False)
