"""The `guidebot` command: run, chat, ask, ingest, kb, gaps, replay, eval, courses, cases.

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
from bot.editors.commands import add_parsers as add_editor_commands
from bot.ops.logs import setup_logging

log = logging.getLogger("guidebot")


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
            "The knowledge base is not indexed for this embedding model (or chunker) yet: "
            "run `guidebot ingest` first (`--force` if the gate refuses the rebuild)."
        )
    return build_services(settings, embeddings=embeddings)


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


def cmd_courses(args: argparse.Namespace, settings: Settings) -> int:
    """Search the course catalogue, or check it (`--check`): it needs no document index."""
    from bot.channels.plain import render_plain, reply_as_dict
    from bot.courses.catalogue import load_catalogue
    from bot.courses.geo import Gazetteer
    from bot.guidance.language import Strings
    from bot.guidance.places import PlaceFinder
    from bot.services import build_course_finder, build_embeddings

    if args.check:
        catalogue = load_catalogue(settings.knowledge_dir / "courses", Gazetteer().coordinates)
        print(catalogue.summary())
        return 1 if catalogue.problems or not catalogue.courses else 0
    strings = Strings()
    finder = build_course_finder(settings, build_embeddings(settings), strings, PlaceFinder())
    if finder is None:
        print(f"No course catalogue in {settings.knowledge_dir / 'courses'}", file=sys.stderr)
        return 1
    lang = args.language or "en"
    query = finder.query_for(" ".join(args.text), _profile(args), near=args.near)
    reply = finder.answer(query, lang, (max(args.page, 1) - 1) * finder.page_size, anywhere=True)
    if args.json:
        print(json.dumps(reply_as_dict(reply), ensure_ascii=False, indent=1))
    else:
        print(render_plain(reply, strings))
    return 0


def cmd_cases(args: argparse.Namespace, settings: Settings) -> int:
    """List or export counsellor cases; message texts only with --with-text."""
    from bot.handoff.records import as_csv, as_json, as_table, export_cases
    from bot.store import Store

    if not settings.database_path.exists():
        print(f"No database at {settings.database_path}", file=sys.stderr)
        return 1

    async def load() -> list[dict[str, Any]]:
        store = await Store.open(settings.database_path)
        try:
            return await export_cases(store.cases, args.status, args.with_text)
        finally:
            await store.close()

    render = {"table": as_table, "csv": as_csv, "json": as_json}[args.format]
    print(render(asyncio.run(load())), end="")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="guidebot", description=__doc__)
    parser.add_argument("-v", "--verbose", action="store_true", help="debug logging")
    sub = parser.add_subparsers(dest="command", required=True)

    add_editor_commands(sub)  # ingest (gated reindex), kb, gaps, replay

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

    p = sub.add_parser("courses", help="search the course catalogue (no document index needed)")
    p.add_argument("text", nargs="*", help='what to look for, e.g. "evening English course"')
    p.add_argument("--near", metavar="TOWN", help="search around this town")
    p.add_argument("--country", help="learner's country, ISO code: preferred for online courses")
    p.add_argument("--language", help="language of the reply (e.g. fr)")
    p.add_argument("--page", type=int, default=1, help="page of results (5 a page)")
    p.add_argument("--json", action="store_true", help="print the reply as JSON")
    p.add_argument("--check", action="store_true", help="check the catalogue, report bad rows")
    p.set_defaults(func=cmd_courses)

    p = sub.add_parser("cases", help="list or export counsellor cases (table, CSV, JSON)")
    p.add_argument("--format", choices=["table", "csv", "json"], default="table")
    p.add_argument("--status", choices=["open", "claimed", "closed", "returned"])
    p.add_argument(
        "--with-text", action="store_true", help="add learners' ids, summaries, message texts"
    )
    p.set_defaults(func=cmd_cases)

    p = sub.add_parser("eval", help="evaluate decisions and answers on a question file")
    p.add_argument("file", help="JSON lines in the format of questions-dev.jsonl")
    p.add_argument("--json", action="store_true", help="print the report as JSON")
    p.add_argument("--min-accuracy", type=float, default=0.0)
    p.add_argument("--min-escalation-recall", type=float, default=0.0)
    p.add_argument("--min-key-fact-recall", type=float, default=0.0)
    p.add_argument("--min-answer-first", type=float, default=0.0)
    p.set_defaults(func=cmd_eval)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    settings = Settings()
    setup_logging(settings.log_level, settings.log_format, verbose=args.verbose)
    try:
        return int(args.func(args, settings))
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
