"""The `guidebot` command: run, chat, ask, ingest, eval.

Errors become short messages and exit codes here, at the edge; nothing below prints.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import sys
from collections.abc import Sequence
from typing import Any

from bot.config import Settings

log = logging.getLogger("guidebot")


def _setup_logging(settings: Settings, verbose: bool = False) -> None:
    logging.basicConfig(
        level=logging.DEBUG if verbose else getattr(logging, settings.log_level.upper(), 20),
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    for noisy in ("httpx", "chromadb", "telegram.ext", "httpcore", "bm25s"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def _profile(args: argparse.Namespace) -> Any:
    from bot.guidance.types import Profile

    return Profile(
        language=getattr(args, "language", None),
        country=getattr(args, "country", None),
        region=getattr(args, "region", None),
        role=getattr(args, "role", "learner") or "learner",
    )


def _services(settings: Settings) -> Any:
    from bot.services import build_embeddings, build_services, index_is_current

    embeddings = build_embeddings(settings)
    if not index_is_current(settings, embeddings):
        raise SystemExit(
            "The knowledge base is not indexed for this embedding model yet: "
            "run `guidebot ingest` first."
        )
    return build_services(settings, embeddings=embeddings)


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from bot.services import run_ingest

    report = run_ingest(settings, full=args.full)
    if args.json:
        print(json.dumps(report.as_dict(), indent=1))
    else:
        print(report.summary())
    return 1 if report.failed and args.strict else 0


async def _ask_batch(engine: Any, lines: Sequence[str], profile: Any) -> None:
    from bot.channels.plain import reply_as_dict

    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            text = str(item["text"])
        except (json.JSONDecodeError, KeyError, TypeError) as exc:
            print(
                json.dumps({"id": None, "line": number, "error": f"bad input line: {exc}"}),
                flush=True,
            )
            continue
        item_profile = profile.with_(
            **{
                k: item[k]
                for k in ("country", "region", "language")
                if isinstance(item.get(k), str)
            }
        )
        reply = await engine.reply(text, item_profile)
        print(
            json.dumps({"id": item.get("id"), **reply_as_dict(reply)}, ensure_ascii=False),
            flush=True,
        )


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    from bot.channels.plain import render_plain, reply_as_dict

    services = _services(settings)
    engine = services.engine
    if args.jsonl:
        asyncio.run(_ask_batch(engine, sys.stdin.readlines(), _profile(args)))
        return 0
    text = " ".join(args.text) if args.text else ""
    reply = asyncio.run(engine.reply(text, _profile(args)))
    if args.json:
        print(json.dumps(reply_as_dict(reply), ensure_ascii=False, indent=1))
    else:
        print(render_plain(reply, engine.strings))
    return 0


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    from bot.channels.terminal import chat

    services = _services(settings)
    asyncio.run(
        chat(services.engine, profile=_profile(args), history_turns=settings.history_turns)
    )
    return 0


def cmd_run(args: argparse.Namespace, settings: Settings) -> int:
    if settings.telegram_bot_token is None:
        print(
            "TELEGRAM_BOT_TOKEN is not set: starting a chat in the terminal instead.\n",
            file=sys.stderr,
        )
        return cmd_chat(args, settings)
    from bot.channels.telegram import run_bot

    services = _services(settings)
    run_bot(services)
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from bot.evaluation import run_eval_command

    services = _services(settings)
    return run_eval_command(services.engine, args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guidebot", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="index the knowledge folder (incremental)")
    p.add_argument("--full", action="store_true", help="rebuild the index from scratch")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--strict", action="store_true", help="exit 1 when a file failed")
    p.set_defaults(func=cmd_ingest)

    for name, func, help_text in (
        ("ask", cmd_ask, "answer one question (or JSON lines with --jsonl)"),
        ("chat", cmd_chat, "talk to the bot in the terminal"),
        ("run", cmd_run, "start the Telegram bot (terminal chat without a token)"),
    ):
        p = sub.add_parser(name, help=help_text)
        p.add_argument("--country", help="learner's country, ISO code (e.g. FR)")
        p.add_argument("--region", help="learner's region (e.g. DE-BY, BE-VLG)")
        p.add_argument("--language", help="learner's language (e.g. fr)")
        p.set_defaults(func=func)
        if name == "ask":
            p.add_argument("text", nargs="*", help="the question")
            p.add_argument("--json", action="store_true", help="print the reply as JSON")
            p.add_argument(
                "--jsonl",
                action="store_true",
                help='read {"id", "text"} JSON lines from stdin, write one per line',
            )
            p.add_argument("--role", choices=["learner", "provider"], default="learner")

    p = sub.add_parser("eval", help="evaluate decisions and answers on a question file")
    p.add_argument("file", help="JSON lines in the format of questions-dev.jsonl")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--min-accuracy", type=float, default=0.0)
    p.add_argument("--min-escalation-recall", type=float, default=0.0)
    p.add_argument("--min-key-fact-recall", type=float, default=0.0)
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings()
    _setup_logging(settings, args.verbose)
    try:
        return int(args.func(args, settings))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
