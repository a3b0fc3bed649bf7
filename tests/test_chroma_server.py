"""The index on a Chroma server (CHROMA_HOST/CHROMA_PORT) instead of the embedded store: the real
server (`chroma run`, shipped with the chromadb package) on 127.0.0.1, the real e5 model."""

from __future__ import annotations

import asyncio
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from bot.guidance.types import Profile
from bot.services import build_services, reindex
from tests.conftest import copy_kb, make_settings
from tests.e2e.processes import free_port, stop
from tests.test_gate import SWEDEN, SWEDISH_QUESTION, titles

CHROMA = Path(sys.executable).parent / "chroma"


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    port = free_port()
    folder = tmp_path_factory.mktemp("chroma-server")
    log = (folder / "server.log").open("wb")
    process = subprocess.Popen(
        [str(CHROMA), "run", "--path", str(folder / "db"), "--host", "127.0.0.1",
         "--port", str(port)],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v2/heartbeat", timeout=1).is_success:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            pytest.fail("chroma run did not start:\n" + (folder / "server.log").read_text())
        time.sleep(0.2)
    yield "127.0.0.1", port
    stop(process)
    log.close()


async def test_ingest_search_and_a_gated_change_on_a_chroma_server(
    tmp_path: Path, chroma_server: tuple[str, int], embeddings
) -> None:
    host, port = chroma_server
    settings = make_settings(
        tmp_path, copy_kb(tmp_path / "knowledge"), chroma_host=host, chroma_port=port
    )
    first = await asyncio.to_thread(reindex, settings, embeddings=embeddings)
    assert first.outcome == "first", first.details()
    assert first.report.chunks_total > 0
    # The vectors are on the server: no embedded Chroma under the index folder.
    assert not list(settings.index_dir.rglob("chroma.sqlite3"))

    services = build_services(settings, embeddings=embeddings)
    reply = await services.engine.reply(
        "How much money do I get on my CPF each year?", Profile(country="FR")
    )
    assert reply.decision == "answer"
    assert "€500" in reply.text
    assert reply.index_version == first.version

    # A change builds a new collection beside the live one, passes the gate, goes live.
    (settings.knowledge_dir / "se").mkdir()
    (settings.knowledge_dir / "se" / "study-leave.md").write_text(SWEDEN, encoding="utf-8")
    second = await asyncio.to_thread(reindex, settings, services=services)

    assert second.outcome == "live", second.details()
    assert second.report.chunks_written == 1  # the rest was copied on the server
    after = await services.engine.reply(SWEDISH_QUESTION, Profile(country="SE"))
    assert after.index_version == second.version
    assert "Sweden: study leave" in titles(after)
    services.close()
