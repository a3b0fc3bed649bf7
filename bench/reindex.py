"""Reindexing cost: a full build and a one-document change on a knowledge base 20× the shipped one.

The 20× base is generated: every shipped document copied 20 times into its own folder, with the
copy number in its title (so no two chunks are identical). It is embedded with the USE backend
(`EMBEDDINGS=use`, about 140 chunks/s here): with e5 (about 10 chunks/s) the 20× build alone
would take some 35 minutes; the one-document change costs nearly the same with either, since it
embeds one document. Each phase runs in its own process, so its peak memory (max RSS) is its own:

- full: the first build (no gate: nothing to compare with);
- noop: a reindex with nothing changed (hashing every file against the manifest);
- change: one document edited, then the gated reindex as the running bot does it (copy of the
  live version, incremental ingest, both indexes answer the evaluation file, switch); the
  engine the bot already has is built first and timed apart.

Also the no-op reindex on the shipped knowledge base itself. Run: `python -m bench reindex`
(once wired) or `python -m bench.reindex`.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from bot.config import PROJECT_ROOT, Settings

COPIES = 20
BACKEND = "use"
CHANGED = "copy01/fr/cpf-how-much-you-get.md"


def generate(source: Path, target: Path, copies: int = COPIES) -> int:
    """Write `copies` copies of the knowledge base under `target`; returns the documents."""
    from ingest.indexer import discover

    documents = list(discover(source))
    for n in range(1, copies + 1):
        for path in documents:
            rel = path.relative_to(source)
            out = target / f"copy{n:02d}" / rel
            out.parent.mkdir(parents=True, exist_ok=True)
            text = path.read_text(encoding="utf-8")
            out.write_text(text.replace('\ntitle: "', f'\ntitle: "#{n} ', 1), encoding="utf-8")
    for folder in ("_triage", "_eval"):
        shutil.copytree(source / folder, target / folder)
    return len(documents) * copies


def _settings(data: Path, knowledge: Path) -> Settings:
    return Settings(_env_file=None, data_dir=data, knowledge_dir=knowledge, embeddings=BACKEND)  # type: ignore[call-arg]


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def phase(name: str, data: Path, knowledge: Path) -> dict[str, Any]:
    """One measured phase, in this process."""
    from bot.editors.texts import english
    from bot.services import build_services, reindex

    settings = _settings(data, knowledge)
    stages: dict[str, float] = {}
    started = time.perf_counter()
    say = english()

    def progress(key: str, /, **params: object) -> None:
        text = say(key, **params)
        stages.setdefault(text.split(":")[0].split("…")[0], time.perf_counter() - started)

    out: dict[str, Any] = {}
    if name == "change":
        path = knowledge / CHANGED
        path.write_text(path.read_text(encoding="utf-8").replace("€500", "€ 500"), "utf-8")
        built = time.perf_counter()
        services = build_services(settings)
        out["engine_build_s"] = round(time.perf_counter() - built, 2)
        started = time.perf_counter()
        result = reindex(settings, services=services, progress=progress)
    else:
        result = reindex(settings, progress=progress)
    report = result.report
    out.update(
        outcome=result.outcome,
        seconds=round(time.perf_counter() - started, 2),
        ingest_s=round(report.seconds, 2),
        documents=len(report.added) + len(report.updated) + len(report.unchanged),
        chunks_total=report.chunks_total,
        chunks_embedded=report.chunks_written,
        stage_start_s={k: round(v, 2) for k, v in stages.items()},
        peak_rss_mb=_peak_mb(),
    )
    if result.verdict is not None:
        out["gate"] = {"passed": result.verdict.passed, **result.verdict.new}
    if report.chunks_written and name == "full":
        out["chunks_per_s"] = round(report.chunks_written / report.seconds, 1)
    return out


def _child(name: str, data: Path, knowledge: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.reindex", name, str(data), str(knowledge)],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"phase {name} failed:\n{done.stderr[-3000:]}")
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def run() -> dict[str, Any]:
    """Generate the 20× base, measure each phase; also the shipped base's no-op reindex."""
    results: dict[str, Any] = {"backend": BACKEND, "copies": COPIES}
    with tempfile.TemporaryDirectory(prefix="guidebot-reindex-") as tmp:
        root = Path(tmp)
        results["documents"] = generate(PROJECT_ROOT / "knowledge", root / "kb20")
        for name in ("full", "noop", "change"):
            results[name] = _child(name, root / "data20", root / "kb20")
        shipped = PROJECT_ROOT / "knowledge"
        _child("full", root / "data1", shipped)
        results["shipped_noop"] = _child("noop", root / "data1", shipped)
    return results


if __name__ == "__main__":
    if len(sys.argv) == 4:
        print(json.dumps(phase(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))))
    else:
        print(json.dumps(run(), indent=1))
