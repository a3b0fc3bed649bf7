"""What the Telegram handlers need, and the one place they get it from.

`build_application` puts a `Deps` in `application.bot_data["deps"]`; handlers receive a
`GuideContext` whose `deps` property returns it, typed. The engine and the interface strings are
described as protocols so the real implementations (and small test doubles) drop in.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, cast

from telegram import Update, User
from telegram.ext import Application, CallbackContext, ExtBot

from bot.channels.telegram.ratelimit import SlidingWindowLimiter
from bot.channels.telegram.send import TYPING_AFTER
from bot.config import Settings
from bot.guidance.types import Profile, Reply, Turn
from bot.ops.metrics import Metrics
from bot.store import Store

if TYPE_CHECKING:
    from bot.editors.desk import EditorDesk
    from bot.speech.service import Speech

FALLBACK_LANGUAGE = "en"


class Engine(Protocol):
    """The guidance engine (`bot.guidance.pipeline.Engine`)."""

    async def reply(
        self, message: str, profile: Profile, history: Sequence[Turn] = (), /
    ) -> Reply: ...


class Strings(Protocol):
    """Localised interface strings (`bot.guidance.language.Strings`)."""

    def get(self, key: str, lang: str, **params: Any) -> str: ...

    def country_name(self, code: str, lang: str) -> str: ...

    def region_name(self, code: str, lang: str) -> str: ...

    def language_name(self, code: str) -> str: ...

    def languages(self) -> Sequence[str]: ...


@dataclass
class Deps:
    """Services shared by all handlers of one application."""

    settings: Settings
    engine: Engine
    store: Store
    strings: Strings
    limiter: SlidingWindowLimiter
    # Languages whose command menu was registered with Telegram during this run.
    menus: set[str] = field(default_factory=set)
    # Editors' tools (reindex, uploads, /kb, /gaps); None when the bot runs without them.
    editors: EditorDesk | None = None
    # Seconds the engine works on a reply before the learner sees "typing…".
    typing_after: float = TYPING_AFTER
    # What /metrics shows; handlers move it (e.g. `metrics.spoken_message("in", lang)`).
    metrics: Metrics = field(default_factory=Metrics)
    # Voice notes to text and spoken answers (`bot.speech`); None when both are off.
    speech: Speech | None = None

    def text(self, key: str, lang: str, **params: Any) -> str:
        """A localised string ready for Telegram's HTML parse mode."""
        return html.escape(self.strings.get(key, lang, **params), quote=False)

    async def language_of(self, update: Update) -> str:
        """The language to talk to the person behind `update` in."""
        user = update.effective_user
        profile = await self.store.get_profile(user.id) if user else Profile()
        return self.language_for(profile, user)

    def language_for(self, profile: Profile, user: User | None) -> str:
        """The learner's chosen language, else their Telegram app's, else English."""
        known = set(self.strings.languages())
        if profile.language in known:
            return cast(str, profile.language)
        code = ((user.language_code if user else None) or "").split("-")[0].lower()
        return code if code in known else FALLBACK_LANGUAGE


class GuideContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """Callback context exposing the application's `Deps`."""

    @property
    def deps(self) -> Deps:
        return cast(Deps, self.bot_data["deps"])


GuideApplication = Application[
    ExtBot[Any], GuideContext, dict[Any, Any], dict[Any, Any], dict[Any, Any], Any
]


def user_id_of(update: Update) -> int:
    """The id of the person behind an update handled in a private chat."""
    user = update.effective_user
    if user is None:  # handlers are registered for updates that come from a person
        raise ValueError("update without a user")
    return user.id
