"""`python -m bench [engine courses reindex telegram hostile voice retrieval triage]`: run,
print and save figures."""

from __future__ import annotations

import json
import logging
import platform
import sys
import time
from pathlib import Path

OUT = Path(__file__).parent / "out"


def main(argv: list[str]) -> int:
    logging.basicConfig(level=logging.WARNING)
    # Default: everything the issues ask for; `retrieval` (the embedding-backend comparison,
    # two full index builds) and `triage` (precision on a held-out set, not a speed) run only
    # when asked.
    wanted = set(argv) or {"engine", "courses", "reindex", "telegram", "hostile", "voice"}
    results: dict[str, object] = {
        "when": time.strftime("%Y-%m-%d %H:%M:%S"),
        "machine": f"{platform.machine()}, {platform.python_version()}",
    }
    if "engine" in wanted:
        from bench.engine import run_all

        results["engine"] = run_all()
    if "retrieval" in wanted:
        from bench.retrieval import compare

        results["retrieval"] = compare()
    if "triage" in wanted:
        from bench.triage import run as run_triage

        results["triage"] = run_triage()
    if "courses" in wanted:
        from bench.courses import run as run_courses

        results["courses"] = run_courses()
    if "reindex" in wanted:
        from bench.reindex import run as run_reindex

        results["reindex"] = run_reindex()
    if "telegram" in wanted:
        from bench.telegram import run

        results["telegram"] = run()
    if "hostile" in wanted:
        from bench.hostile import run as run_hostile

        results["hostile"] = run_hostile()
    if "voice" in wanted:
        from bench.voice import run as run_voice

        results["voice"] = run_voice()
    if "places" in wanted:  # alone, in a fresh process: it times loading pycountry's names
        from bench.places import run as run_places

        results["places"] = run_places()
    OUT.mkdir(exist_ok=True)
    (OUT / "results.json").write_text(json.dumps(results, indent=1), encoding="utf-8")
    print(json.dumps(results, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
