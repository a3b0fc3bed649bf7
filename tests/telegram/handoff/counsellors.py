"""What the counsellor handoff tests share: the group, a Telegram that can be down for a chat,
a counsellor writing in the group, and shortcuts through a case."""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from tg_factories import BOT, Learner, RecordingRequest, Texts, button_data

from bot.channels.telegram import build_application
from bot.guidance.types import Profile
from bot.store import Store

GROUP = -100500
TOPIC = 5000  # the first forum topic the fake Telegram creates
CPF = "How much money do I get on my CPF each year?"
CPF_500 = "gets €500 a year"
LAWYER = "My employer refuses, do I need a lawyer?"
LEAVE = "How many days of paid training leave do I get?"
SPAIN_HOURS = "an employee has 20 hours of paid training leave a year"  # LEAVE, in Spain
LEGAL = "legal action against an employer or provider"  # why the engine hands over


class FlakyRequest(RecordingRequest):
    """Also answers an HTTP error for every message to a chat listed in `down`, and 400
    TOPIC_CLOSED for every message into a forum topic listed in `closed_topics`; those calls
    are kept in `refused`, not in `calls` (which holds what Telegram accepted)."""

    def __init__(self) -> None:
        super().__init__()
        self.down: dict[int, int] = {}
        self.closed_topics: set[int] = set()
        self.refused: list[tuple[str, dict[str, Any]]] = []
        self.topics = itertools.count(TOPIC)

    def _result(self, name: str, params: dict[str, Any]) -> Any:
        if name == "createForumTopic" and name not in self.results:
            return {"message_thread_id": next(self.topics), "name": params["name"],
                    "icon_color": 7322096}  # fmt: skip
        return super()._result(name, params)

    async def do_request(self, url: str, method: str, request_data: Any = None, *args: Any,
                         **kwargs: Any) -> tuple[int, bytes]:  # fmt: skip
        name = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        status = self.down.get(int(params.get("chat_id") or 0))
        if status and name in ("sendMessage", "copyMessage", "createForumTopic"):
            self.refused.append((name, params))
            body = {"ok": False, "error_code": status, "description": self.ERRORS[status]}
            return status, json.dumps(body).encode()
        if name in ("sendMessage", "copyMessage") and (
            params.get("message_thread_id") in self.closed_topics
        ):
            self.refused.append((name, params))
            body = {"ok": False, "error_code": 400, "description": "Bad Request: TOPIC_CLOSED"}
            return 400, json.dumps(body).encode()
        return await super().do_request(url, method, request_data, *args, **kwargs)


class Counsellor(Learner):
    """Someone writing in the counsellors' group, in a case's topic or replying to a message."""

    def __init__(self, app: Any, user_id: int = 7, first_name: str = "Marie") -> None:
        super().__init__(app, user_id=user_id, chat_type="supergroup", chat_id=GROUP)
        self.user["first_name"] = first_name

    def message(self, thread: int | None = None, reply_to: dict | None = None, **fields: Any):
        if thread is not None:
            fields |= {"message_thread_id": thread, "is_topic_message": True}
        if reply_to is not None:
            fields["reply_to_message"] = {"message_id": reply_to["message_id"], "from": BOT,
                                          "date": int(time.time()), "chat": self.chat,
                                          "text": reply_to.get("text", "…")}  # fmt: skip
        return self._message(**fields)

    async def say(self, text: str | None = None, **where: Any) -> dict[str, Any]:
        fields = {"text": text} if text is not None else {}
        message = self.message(**(where | fields))
        await self._process({"message": message})
        return message

    async def command(self, name: str, args: str = "", **where: Any) -> None:  # type: ignore[override]
        text = f"/{name} {args}".strip()
        entity = {"type": "bot_command", "offset": 0, "length": len(name) + 1}
        await self._process({"message": self.message(**where, text=text, entities=[entity])})


async def run_job(app: Any, name: str) -> None:
    (job,) = app.job_queue.get_jobs_by_name(name)
    await job.run(app)


def group_messages(request_: RecordingRequest) -> list[dict[str, Any]]:
    return [params for params in request_.sent() if int(params["chat_id"]) == GROUP]


def card_of(request_: RecordingRequest) -> dict[str, Any]:
    return next(p for p in group_messages(request_) if "case:close:1" in button_data(p))


async def open_case(learner: Learner, store: Store) -> None:
    """Ana, in France, asks a question, then hands over (the engine escalates)."""
    await store.save_profile(42, Profile(language="en", country="FR"))
    await learner.send(CPF)
    await learner.send(LAWYER)


def opened(tr: Texts, wait: str | None = None) -> str:
    """What the learner reads when case 1 opens (during office hours, by default)."""
    return tr("case_opened", n=1) + "\n\n" + (wait or tr("case_wait_open", minutes=30))


def relayed_to_learner(tr: Texts, text: str) -> str:
    return f"<b>{tr('case_counsellor_label')}:</b>\n{text}"


def relayed_to_team(tr: Texts, text: str) -> str:
    return f"<b>{tr('team_from_learner', n=1)}</b>\n{text}"


@asynccontextmanager
async def started(settings: Any, request: RecordingRequest, **parts: Any) -> AsyncIterator[Any]:
    """Another bot process on the same store (a restart): `parts` are engine, store, strings."""
    application = build_application(settings, request=request, **parts)
    await application.initialize()
    try:
        yield application
    finally:
        await application.shutdown()
