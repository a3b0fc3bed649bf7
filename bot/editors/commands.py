"""Editors' operations on the command line: `guidebot ingest`, `kb`, `gaps`, `replay`,
`translations`.

The same operations as `/reindex`, `/kb` and `/gaps` in Telegram, through the same code:
`ingest` is the gated reindex (first build: no gate; `--force` skips it; `--full` rebuilds).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
from pathlib import Path
from typing import Any, Literal

from bot.config import Settings

INGEST = """Reindex the knowledge folder beside the live index, then make the new index live only
if the regression gate passes: both indexes answer the evaluation file (EVAL_FILE) and the new
one must keep decision accuracy and key-fact recall within GATE_TOLERANCE. The first build has
no gate; --force skips it (logged as forced from the command line).

After a change of embedding model (EMBEDDINGS), the new index is built in full with the new
model, and the gate evaluates the live index with the model that built it (e5 or use, or the
same OpenAI endpoint). If that model cannot be loaded here, the gate refuses and says so:
check the new index with `guidebot eval`, then use --force. A running bot on the old model
keeps its index until restarted with the new EMBEDDINGS."""


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    """The gated reindex; exit 1 with --strict when a file failed or the gate refused."""
    from bot.services import reindex
    from ingest.versions import IndexBusy

    try:
        result = reindex(settings, full=args.full, force=args.force)
    except IndexBusy as exc:
        print(f"{exc}: try again when it has finished.", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps(result.as_dict(), indent=1, ensure_ascii=False))
    else:
        print(result.report.summary())
        print(result.details())
    if result.outcome == "refused":
        print(
            "The new index was refused; the live index is unchanged (--force makes it live).",
            file=sys.stderr,
        )
    problems = bool(result.report.failed) or result.outcome == "refused"
    return 1 if problems and args.strict else 0


def cmd_kb(args: argparse.Namespace, settings: Settings) -> int:
    """The live index: built when and how, documents per country, stale and volatile ones."""
    from bot.editors.kb import overview
    from bot.editors.translations import coverage_report, describe_coverage
    from bot.indexes import live_index
    from bot.services import knowledge_folder

    view = overview(live_index(settings), settings.stale_after_days)
    table = coverage_report(knowledge_folder(settings))
    if args.json:
        print(json.dumps({**view.as_dict(), "translations": table}, indent=1))
    else:
        print(view.describe())
        print("\nTranslations (current / needed):")
        print("\n".join(describe_coverage(table)))
    return 0 if view.version else 1


async def _gaps(settings: Settings) -> list[Any]:
    from bot.store import Store

    store = await Store.open(settings.database_path)
    try:
        return await store.answers.gaps()
    finally:
        await store.close()


def cmd_gaps(args: argparse.Namespace, settings: Settings) -> int:
    """The last 30 days' unanswered questions, grouped by meaning, most frequent first."""
    from bot.editors.gaps import SAME_NEED, describe_groups, group_gaps
    from bot.services import build_embeddings

    gaps = asyncio.run(_gaps(settings))
    embeddings = build_embeddings(settings)
    groups = group_gaps(
        gaps,
        lambda texts: [embeddings.embed_query(text) for text in texts],
        SAME_NEED.get(settings.embeddings, 0.8),
    )
    if args.json:
        print(json.dumps([g.as_dict() for g in groups], indent=1, ensure_ascii=False))
    else:
        print(describe_groups(groups, 30, limit=args.limit))
    return 0


async def _replay(settings: Settings, kind: str, number: int) -> list[Any]:
    from bot.store import Store

    store = await Store.open(settings.database_path)
    try:
        if kind == "case":
            return list(await store.answers.by_case(number))
        found = await store.answers.by_turn(number)
        return [found] if found else []
    finally:
        await store.close()


def cmd_replay(args: argparse.Namespace, settings: Settings) -> int:
    """What the bot said for a turn (or before a case opened), from which sources and index."""
    match = re.fullmatch(r"(?:(turn|case)[:#]?)?(\d+)", args.ref.strip().lower())
    if not match:
        print("Give a turn id (123 or turn:123) or a case id (case:45).", file=sys.stderr)
        return 2
    kind, number = match.group(1) or "turn", int(match.group(2))
    records = asyncio.run(_replay(settings, kind, number))
    if not records:
        print(f"No answer logged for {kind} {number} (or it was purged).", file=sys.stderr)
        return 1
    if args.json:
        print(json.dumps([r.as_dict() for r in records], indent=1, ensure_ascii=False))
    else:
        print("\n\n---\n\n".join(r.describe() for r in records))
    return 0


def cmd_translations(args: argparse.Namespace, settings: Settings) -> int:
    """Coverage, checks, export and import of the knowledge base's translations."""
    from bot.editors import translations as tr
    from bot.services import knowledge_folder

    folder = knowledge_folder(settings)
    languages = [args.lang] if getattr(args, "lang", None) else tr.translation_languages(folder)
    if args.action == "status":
        table = tr.coverage_report(folder, languages)
        lines = tr.describe_coverage(table)
        print(json.dumps(table, indent=1) if args.json else "\n".join(lines))
        return 0
    if args.action == "check":
        failures = 0
        for status in folder.status(["en", *languages]):
            for problem in status.problems:
                print(problem)
            for entry in status.orphaned:
                print(f"{status.source} {entry.key} [{status.lang}]: orphaned (English removed)")
            for unit, _ in status.stale:
                print(f"{status.source} {unit.key} [{status.lang}]: stale (English changed)")
            failures += len(status.problems) + len(status.orphaned)
        print("\n".join(tr.describe_coverage(tr.coverage_report(folder, languages))))
        return 1 if failures else 0
    if args.action == "export":
        text = tr.export_language(folder, args.lang, args.format)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return 0
    if args.action == "import":
        path = Path(args.file)
        fmt: Literal["po", "csv"] = "csv" if path.suffix.lower() == ".csv" else "po"
        try:
            report = tr.import_file(folder, path.read_text(encoding="utf-8"), fmt, args.lang or "")
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            print(f"{path.name}: {exc}", file=sys.stderr)
            return 2
        print(report.describe())
        print("A running bot picks the new translations up within a minute.")
        return 1 if report.refused else 0
    if args.action == "sync":
        for lang in languages:
            print(f"{lang}: {folder.sync(lang)} file(s) written")
        return 0
    print(f"{tr.prune(folder, languages)} orphaned translation(s) removed")
    return 0


TRANSLATIONS = """The knowledge base's translations (knowledge/_translations/<lang>/): English
stays the source; each translated text is keyed to the English it was made from.

  status            coverage per language: current, stale, missing, orphaned, failing
  check             also list each failing, stale or orphaned text; exit 1 on failing/orphaned
  export LANG       the missing and stale texts of one language, for a translator (PO or CSV)
  import FILE       read a filled-in export back: good lines are saved, bad ones listed
  sync [LANG]       list every text still to translate in the YAML files (empty `text`)
  prune [LANG]      remove translations of English texts that no longer exist"""


def add_parsers(sub: Any) -> None:
    """`ingest`, `kb`, `gaps`, `replay` and `translations` on the `guidebot` parser."""
    p = sub.add_parser(
        "translations",
        help="translations of the knowledge base: status, check, export, import",
        description=TRANSLATIONS,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    actions = p.add_subparsers(dest="action", required=True)
    for name in ("status", "check", "sync", "prune"):
        q = actions.add_parser(name)
        q.add_argument("lang", nargs="?", help="one language (all by default)")
        q.add_argument("--json", action="store_true", help="print it as JSON")
    q = actions.add_parser("export")
    q.add_argument("lang", help="the language to export, e.g. de")
    q.add_argument("--format", choices=("po", "csv"), default="po")
    q.add_argument("-o", "--output", help="write to this file instead of the screen")
    q = actions.add_parser("import")
    q.add_argument("file", help="a filled-in export (.po or .csv)")
    q.add_argument("--lang", help="its language (read from a PO file's header otherwise)")
    p.set_defaults(func=cmd_translations)

    p = sub.add_parser(
        "ingest",
        help="reindex the knowledge folder, through the regression gate",
        description=INGEST,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--full", action="store_true", help="rebuild the index from scratch")
    p.add_argument("--force", action="store_true", help="make it live without the gate (logged)")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.add_argument(
        "--strict", action="store_true", help="exit 1 when a file failed or the gate refused"
    )
    p.set_defaults(func=cmd_ingest)

    p = sub.add_parser("kb", help="the live index: documents per country, stale and volatile")
    p.add_argument("--json", action="store_true", help="print it as JSON")
    p.set_defaults(func=cmd_kb)

    p = sub.add_parser("gaps", help="questions of the last 30 days the knowledge base missed")
    p.add_argument("--json", action="store_true", help="print the groups as JSON")
    p.add_argument("--limit", type=int, default=20, help="groups to show (most frequent first)")
    p.set_defaults(func=cmd_gaps)

    p = sub.add_parser("replay", help="what the bot answered, from which sources and index")
    p.add_argument("ref", help="a turn id (123, turn:123) or a case id (case:45)")
    p.add_argument("--json", action="store_true", help="print the answer(s) as JSON")
    p.set_defaults(func=cmd_replay)
