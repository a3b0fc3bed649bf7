"""Run the Telegram bot: `python -m bot.channels.telegram`.

It builds the real services, as `guidebot run` does. Settings come from the environment
(TELEGRAM_BOT_TOKEN, TELEGRAM_API_BASE_URL, DATA_DIR, KNOWLEDGE_DIR, POLL_INTERVAL, ...).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence

from bot.channels.telegram.app import run_with
from bot.config import Settings
from bot.guidance.language import Strings
from bot.ops.logs import setup_logging


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.channels.telegram", description=__doc__)
    parser.parse_args(argv)
    settings = Settings(**{})  # every value from the environment and .env
    setup_logging(settings.log_level, settings.log_format)
    from bot.editors.desk import EditorDesk
    from bot.services import build_services

    services = build_services(settings)
    asyncio.run(
        run_with(
            settings,
            services.engine,
            Strings(),
            EditorDesk(services),
            index_version=lambda: services.index_version,
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
