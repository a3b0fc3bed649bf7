"""Index versions: the CURRENT pointer, the layout before versions, pruning, the reindex lock."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.versions import LEGACY, IndexBusy, IndexVersions


def build(versions: IndexVersions, base=None, files: int = 1):  # type: ignore[no-untyped-def]
    version = versions.create(base)
    manifest = {"model_id": "m", "files": {f"f{i}.md": {} for i in range(files)}}
    (version.path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    (version.path / "chroma").mkdir(exist_ok=True)
    (version.path / "chroma" / "data.bin").write_bytes(b"x" * files)
    return version


def test_nothing_built_means_no_live_version(tmp_path: Path) -> None:
    assert IndexVersions(tmp_path / "index").live() is None


def test_switch_makes_a_version_live_and_a_new_one_starts_from_a_copy(tmp_path: Path) -> None:
    versions = IndexVersions(tmp_path / "index")
    first = build(versions)
    versions.switch(first)
    assert versions.live() == first

    second = versions.create(first)
    assert (second.path / "chroma" / "data.bin").read_bytes() == b"x"
    (second.path / "chroma" / "data.bin").write_bytes(b"changed")
    assert (first.path / "chroma" / "data.bin").read_bytes() == b"x"  # a copy, not a link
    assert versions.live() == first  # not live before the switch
    versions.switch(second)
    assert versions.live() == second
    assert (tmp_path / "index" / "CURRENT").read_text().strip() == second.name
    assert not list((tmp_path / "index").glob(".CURRENT*"))  # no temporary file left


def test_an_index_built_before_versions_is_live_until_the_first_switch(tmp_path: Path) -> None:
    root = tmp_path / "index"
    (root / "chroma").mkdir(parents=True)
    (root / "manifest.json").write_text("{}", encoding="utf-8")
    versions = IndexVersions(root)
    legacy = versions.live()
    assert legacy is not None
    assert legacy.name == LEGACY
    new = versions.create(legacy)
    assert (new.path / "manifest.json").exists()
    versions.switch(new)
    assert versions.live() == new
    assert versions.prune(keep=1) == [LEGACY]
    assert not (root / "chroma").exists()
    assert not (root / "manifest.json").exists()


def test_prune_keeps_the_newest_and_never_the_live_one(tmp_path: Path) -> None:
    versions = IndexVersions(tmp_path / "index")
    built = [build(versions) for _ in range(5)]
    versions.switch(built[1])  # e.g. a rollback to an older version
    removed = versions.prune(keep=3)
    assert removed == [built[0].name]
    assert [v.name for v in versions.versions()] == [v.name for v in built[1:]]
    assert versions.live() == built[1]


def test_a_pointer_to_a_missing_version_falls_back_to_the_newest(tmp_path: Path, caplog) -> None:
    versions = IndexVersions(tmp_path / "index")
    newest = [build(versions) for _ in range(2)][-1]
    (tmp_path / "index" / "CURRENT").write_text("20000101-000000-000000\n", encoding="utf-8")
    assert versions.live() == newest
    assert "missing index version" in caplog.text


def test_only_one_reindex_at_a_time(tmp_path: Path) -> None:
    versions = IndexVersions(tmp_path / "index")
    with versions.lock(), pytest.raises(IndexBusy), IndexVersions(tmp_path / "index").lock():
        pass
    with versions.lock():  # released
        pass
