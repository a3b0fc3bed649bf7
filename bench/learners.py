"""The simulated learners of the Telegram load benchmark: their conversation scripts, how each
plays one against the Bot API test server's client endpoints, and how their replies are judged
against the reference pass (lost, duplicated, incomplete, different, error apologies).
"""

from __future__ import annotations

import asyncio
import html
import math
import random
import time
from dataclasses import dataclass, field
from typing import Any

import httpx

TOKEN = "123456:bench-token"  # the bot's token on the test server


@dataclass(frozen=True)
class Script:
    """A learner's conversation: their app's language and the messages they type, in order."""

    name: str
    language_code: str
    messages: tuple[str, ...]


SCRIPTS = (
    Script("cpf", "fr", (
        "Hi!",
        "hi how much money do i get on my CPF each year? i work full time in lyon",
        "and if I have no CAP or BEP?",
        "Bonjour, pourquoi on me demande de payer 103 euros alors que j'ai 2000€ sur mon CPF ?? "
        "c'est une arnaque ?",
        "thanks!",
    )),
    Script("bildungsurlaub", "de", (
        "Hallo",
        "Wie viele Tage Bildungsurlaub habe ich in Köln?",
        "Und wer bezahlt das Seminar?",
        "How many days of Bildungsurlaub do I get if I work in Hamburg?",
        "Danke!",
    )),
    Script("vov", "nl", (
        "Hello",
        "What is VOV? I work in Gent, how many hours do I get?",
        "Does VOV also cover online courses?",
        "Je travaille à Namur. Combien d'heures de congé-éducation payé pour mon CESS ?",
        "ok thanks",
    )),
    Script("clarify", "en", (
        "how many days of training leave do I get per year?",
        "I work in Hamburg",
        "Do I get paid during training leave or not?",
        "is there free money for courses if you're unemployed?",
        "What is Upskilling Pathways? I left school at 15 and I'm 38. Can it help me?",
    )),
    Script("mixed", "en", (
        "Sweden - my employer says they can just refuse my study leave. is that true?",
        "what's the best crypto to put my training budget into so it grows?",
        "I paid 1,800€ from my CPF to a training provider, they cancelled the course two weeks "
        "before the start and now they don't answer. What can I do?",
        "Bonjour",
        "SkillsFuture question: I'm 42, how much credit do I have and can I use it for any "
        "course?",
    )),
)  # fmt: skip


@dataclass
class Exchange:
    """One learner message and what the bot sent for it."""

    chat_id: int
    script: str
    step: int
    text: str
    sent_wall: float  # time.time() just before POST /sendMessage
    sent_mono: float
    seen_mono: float | None = None  # when polling first returned a bot message
    messages: list[dict[str, Any]] = field(default_factory=list)  # attributed afterwards

    def latency_ms(self) -> float | None:
        """Send → the server storing the bot's first message (server timestamp, ms)."""
        if not self.messages:
            return None
        return min(m["time"] for m in self.messages) - self.sent_wall * 1000

    def texts(self) -> list[str]:
        return [str(m["message"].get("text", "")) for m in self.messages]


def _has_keyboard(entry: dict[str, Any]) -> bool:
    markup = entry["message"].get("reply_markup")
    return isinstance(markup, dict) and bool(markup.get("inline_keyboard"))


class Player:
    """Plays learners through the test server's client endpoints."""

    def __init__(
        self,
        http: httpx.AsyncClient,
        poll_interval: float,
        reply_timeout: float,
        quiet: float,
        think: float = 0.0,
    ) -> None:
        self.http = http
        self.poll_interval = poll_interval
        self.reply_timeout = reply_timeout
        self.quiet = quiet
        self.think = think
        self.received: dict[int, list[dict[str, Any]]] = {}

    async def _post(self, path: str, body: dict[str, Any]) -> Any:
        response = await self.http.post(path, json=body)
        response.raise_for_status()
        return response.json()["result"]

    async def poll(self, chat_id: int) -> list[dict[str, Any]]:
        """The bot messages for this chat the learner has not seen yet."""
        batch = await self._post("/getUpdates", {"token": TOKEN, "chatId": chat_id})
        self.received.setdefault(chat_id, []).extend(batch)
        return list(batch)

    async def exchange(
        self, chat_id: int, script: Script, step: int, expected: int | None
    ) -> Exchange:
        """Send one message and wait until its reply is complete (or lost)."""
        user = {"id": chat_id, "is_bot": False, "first_name": "Learner",
                "language_code": script.language_code}  # fmt: skip
        chat = {"id": chat_id, "type": "private", "first_name": "Learner"}
        text = script.messages[step % len(script.messages)]
        sent = Exchange(chat_id, script.name, step, text, time.time(), time.perf_counter())
        body = {"botToken": TOKEN, "from": user, "chat": chat, "date": int(sent.sent_wall),
                "text": text}  # fmt: skip
        await self._post("/sendMessage", body)
        got: list[dict[str, Any]] = []
        last_new = sent.sent_mono
        while True:
            batch = await self.poll(chat_id)
            now = time.perf_counter()
            if batch:
                got += batch
                last_new = now
                if sent.seen_mono is None:
                    sent.seen_mono = now
            if now - sent.sent_mono >= 3 * self.reply_timeout:
                break  # a bot that keeps sending: never wait for ever
            if got:
                if expected is not None and len(got) >= expected:
                    break
                if expected is None and _has_keyboard(got[-1]):
                    break
                if now - last_new >= self.quiet:
                    break
            elif now - sent.sent_mono >= self.reply_timeout:
                break
            await asyncio.sleep(self.poll_interval)
        return sent

    async def conversation(
        self,
        chat_id: int,
        script: Script,
        count: int,
        expected: dict[tuple[str, int], int] | None,
    ) -> list[Exchange]:
        done = []
        pauses = random.Random(chat_id)
        for step in range(count):
            if self.think:
                # Reading the reply and typing: 0.5x to 1.5x `think` seconds (also before the
                # first message, so that the learners do not all start at once).
                await asyncio.sleep(self.think * pauses.uniform(0.5, 1.5))
            want = None if expected is None else expected.get((script.name, step))
            exchange = await self.exchange(chat_id, script, step, want)
            done.append(exchange)
            if exchange.seen_mono is None:
                break  # lost: later replies could not be told apart; stop this learner
        return done


def attribute(exchanges: list[Exchange], received: dict[int, list[dict[str, Any]]]) -> None:
    """Give every bot message to the last message its chat sent before the server stored it."""
    by_chat: dict[int, list[Exchange]] = {}
    for exchange in exchanges:
        by_chat.setdefault(exchange.chat_id, []).append(exchange)
    for chat_id, sent in by_chat.items():
        sent.sort(key=lambda e: e.sent_wall)
        for exchange in sent:
            exchange.messages = []
        for entry in received.get(chat_id, []):
            owner = None
            for exchange in sent:
                if entry["time"] >= math.floor(exchange.sent_wall * 1000):
                    owner = exchange
            if owner is not None:
                owner.messages.append(entry)
        for exchange in sent:
            exchange.messages.sort(key=lambda m: (m["time"], m["messageId"]))


async def play(
    server: str,
    plan: list[tuple[int, Script]],
    count: int,
    expected: dict[tuple[str, int], int] | None,
    *,
    sequential: bool,
    poll_interval: float,
    reply_timeout: float,
    quiet: float,
    settle: float,
    think: float = 0.0,
) -> tuple[list[Exchange], float]:
    """Play every (chat id, script) of `plan`; returns the exchanges and the wall time."""
    limits = httpx.Limits(max_connections=len(plan) + 8, max_keepalive_connections=len(plan) + 8)
    async with httpx.AsyncClient(
        base_url=server, timeout=10, limits=limits, trust_env=False
    ) as http:
        player = Player(http, poll_interval, reply_timeout, quiet, think)
        started = time.perf_counter()
        if sequential:
            results = [await player.conversation(c, s, count, expected) for c, s in plan]
        else:
            results = await asyncio.gather(
                *(player.conversation(c, s, count, expected) for c, s in plan)
            )
        wall = time.perf_counter() - started
        # Late or extra messages: wait, then collect what is left for every chat.
        await asyncio.sleep(settle)
        for chat_id, _ in plan:
            await player.poll(chat_id)
    exchanges = [exchange for result in results for exchange in result]
    attribute(exchanges, player.received)
    return exchanges, wall


def apologies() -> set[str]:
    """The bot's "Sorry, something went wrong" message in every language (its error handler)."""
    from bot.guidance.language import Strings

    strings = Strings()
    return {strings.get("error_apology", lang) for lang in strings.languages()}


def judge(
    exchanges: list[Exchange],
    reference: dict[tuple[str, int], list[str]],
    reply_timeout: float,
    failed: set[str] | None = None,
) -> dict[str, Any]:
    lost = late = duplicated = extra = incomplete = differs = errors = 0
    examples: list[str] = []
    for e in exchanges:
        latency = e.latency_ms()
        if latency is None or latency > reply_timeout * 1000:
            lost += 1
            late += latency is not None
            examples.append(f"lost: chat {e.chat_id} step {e.step} {e.text[:30]!r}")
            continue
        texts = e.texts()
        want = reference.get((e.script, e.step))
        if failed and any(html.unescape(text) in failed for text in texts):
            errors += 1
            examples.append(f"error reply: chat {e.chat_id} step {e.step} {e.text[:30]!r}")
            continue
        repeated = len(texts) != len(set(texts))
        surplus = max(len(texts) - len(want) if want is not None else 0, 0)
        if surplus or repeated:
            duplicated += 1
            extra += max(surplus, len(texts) - len(set(texts)))
            examples.append(f"duplicated: chat {e.chat_id} step {e.step}: {len(texts)} messages")
        elif want is not None and len(texts) < len(want):
            incomplete += 1
            examples.append(f"incomplete: chat {e.chat_id} step {e.step}")
        elif want is not None and texts != want:
            differs += 1
            got = next(a for a, b in zip(texts, want, strict=False) if a != b)
            examples.append(
                f"differs from reference: chat {e.chat_id} step {e.step} {e.text[:30]!r}: "
                f"got {got[:70]!r}"
            )
    return {
        "lost_replies": lost,
        "error_replies": errors,
        "late_replies_after_timeout": late,
        "duplicated_replies": duplicated,
        "extra_messages": extra,
        "incomplete_replies": incomplete,
        "replies_differing_from_reference": differs,
        "problems": examples[:10],
    }
