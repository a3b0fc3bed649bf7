"""Run the Telegram bot: `python -m bot.channels.telegram [--engine module:factory]`.

Without `--engine` it builds the real services, as `guidebot run` does. With it,
`factory(settings)` supplies the engine (the end-to-end tests use a scripted one). Settings come
from the environment (TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL, DATA_DIR, POLL_INTERVAL, ...).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import logging
import sys
from collections.abc import Sequence

from bot.channels.telegram.app import run_with
from bot.config import Settings
from bot.guidance.language import Strings


def _load(spec: str) -> object:
    module_name, _, attribute = spec.partition(":")
    return getattr(importlib.import_module(module_name), attribute or "build")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.channels.telegram", description=__doc__)
    parser.add_argument("--engine", help="module:factory returning an engine for the settings")
    args = parser.parse_args(argv)
    settings = Settings(**{})  # every value from the environment and .env
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines hold the bot token
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    if args.engine:
        factory = _load(args.engine)
        assert callable(factory)
        engine, desk = factory(settings), None
    else:
        from bot.editors.desk import EditorDesk
        from bot.services import build_services

        services = build_services(settings)
        engine, desk = services.engine, EditorDesk(services)
    asyncio.run(run_with(settings, engine, Strings(), desk))
    return 0


if __name__ == "__main__":
    sys.exit(main())
