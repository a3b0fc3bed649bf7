"""Triage precision: how well each layer tells messages for a counsellor from the rest.

`python -m bench triage`, or `python -m bench.triage [FILE]` (default
`knowledge/_eval/triage-precision.jsonl`, a held-out set), runs every message through the live
index as `guidebot eval` does and reports escalation precision and recall for three readings of
the same message: the learned check alone
(probability at or above its threshold), the triage verdict (signals, example phrases and the
learned check, before retrieval), and the engine's final decision. It also lists, per kind of
message when the file says (`kind`), how many were handed over.
"""

from __future__ import annotations

import asyncio
import json
from collections import defaultdict
from pathlib import Path
from typing import Any

from bot.config import PROJECT_ROOT, Settings
from bot.guidance.learned import THRESHOLD
from bot.guidance.types import Profile
from bot.services import build_services

DEFAULT = PROJECT_ROOT / "knowledge" / "_eval" / "triage-precision.jsonl"


def _scores(pairs: list[tuple[bool, bool]]) -> dict[str, Any]:
    """Precision and recall of `escalate` from (expected, predicted) pairs."""
    hit = sum(1 for want, got in pairs if want and got)
    predicted = sum(1 for _, got in pairs if got)
    wanted = sum(1 for want, _ in pairs if want)
    return {
        "precision": round(hit / predicted, 3) if predicted else None,
        "recall": round(hit / wanted, 3) if wanted else None,
        "handed_over": predicted,
        "correct_handovers": hit,
        "should_hand_over": wanted,
    }


def run(path: Path = DEFAULT) -> dict[str, Any]:
    settings = Settings()
    services = build_services(settings)
    engine = services.engine
    triage = engine._triage  # measuring its layers one by one is the point here
    items = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    layers: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    kinds: dict[str, list[bool]] = defaultdict(list)
    rows = []
    for item in items:
        u = engine.understand(item["text"], Profile())
        vector = engine.retriever.embed_query(u.text)
        signal = triage.signal(u.text, countries=u.countries)
        verdict = triage.classify(signal, vector, u.text)
        probability = triage.learned_probability(vector) or 0.0
        reply = asyncio.run(engine.reply(item["text"], Profile()))
        want = item["expect"] == "escalate"
        layers["learned_check"].append((want, probability >= THRESHOLD))
        layers["triage_verdict"].append((want, verdict.decision == "escalate"))
        layers["engine_decision"].append((want, reply.decision == "escalate"))
        kinds[str(item.get("kind", item["expect"]))].append(reply.decision == "escalate")
        rows.append(
            {
                "id": item["id"],
                "expect": item["expect"],
                "learned_p": round(probability, 2),
                "triage": verdict.decision,
                "engine": reply.decision,
                "reason": reply.reason,
            }
        )
    services.close()
    return {
        "file": str(path),
        "messages": len(items),
        "threshold": THRESHOLD,
        **{name: _scores(pairs) for name, pairs in layers.items()},
        "handed_over_by_kind": {k: f"{sum(v)}/{len(v)}" for k, v in sorted(kinds.items())},
        "rows": rows,
    }


if __name__ == "__main__":
    import sys

    result = run(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
    print(json.dumps(result, indent=1, ensure_ascii=False))
