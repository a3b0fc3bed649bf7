"""Run the Telegram bot: `python -m bot.channels.telegram`.

It builds the real services, as `guidebot run` does. Settings come from the environment
(TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL, DATA_DIR, KNOWLEDGE_DIR, POLL_INTERVAL, ...).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from collections.abc import Sequence

from bot.channels.telegram.app import run_with
from bot.config import Settings
from bot.guidance.language import Strings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.channels.telegram", description=__doc__)
    parser.parse_args(argv)
    settings = Settings(**{})  # every value from the environment and .env
    logging.basicConfig(
        level=settings.log_level.upper(),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    logging.getLogger("httpx").setLevel(logging.WARNING)  # its INFO lines hold the bot token
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    from bot.editors.desk import EditorDesk
    from bot.services import build_services

    services = build_services(settings)
    asyncio.run(run_with(settings, services.engine, Strings(), EditorDesk(services)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
