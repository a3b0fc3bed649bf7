"""Hostile documents against the loaders (every format, within `Limits`) and the worker process
that reads them bounded in time and memory (`ingest.isolated`); and a knowledge folder holding
such files, indexed with `guidebot ingest`'s code: the bad files fail alone.

The files are generated here (tests/hostile.py), never stored.
"""

from __future__ import annotations

import dataclasses
import os
import zipfile
from pathlib import Path

import pytest

from bot.services import run_ingest
from ingest.documents import extract, load_document
from ingest.isolated import Bounds, IsolatedLoader
from ingest.limits import MB, LimitExceeded, LoadError
from tests import hostile
from tests.conftest import BOUNDS, LIMITS, copy_kb, make_settings
from tests.test_ingest import META, make_pdf

GOOD_PDF = make_pdf("Validation of prior learning has four stages in every EU country")
TABLE_MD = """# Leave by Land

Days of paid training leave in two Länder.

| Land | Days |
|---|---|
| Hessen | 5 days per year |
| Berlin | 10 days in 2 years |
"""


def write(folder: Path, name: str, data: bytes) -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def refusal(path: Path, limits=LIMITS) -> LoadError:  # type: ignore[no-untyped-def]
    with pytest.raises(LoadError) as caught:
        extract(path, limits)
    return caught.value


def forbid_unpacking(monkeypatch: pytest.MonkeyPatch) -> None:
    """From now on, fail the test if any zip member is opened (decompressed)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a zip member was read")

    monkeypatch.setattr(zipfile.ZipFile, "open", refuse)


def test_a_zip_bomb_docx_is_refused_from_its_directory_before_anything_is_unpacked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bomb = write(tmp_path, "bomb.docx", hostile.zip_bomb_docx(expanded_mb=1024))
    assert bomb.stat().st_size < 2 * MB  # a gigabyte of XML in about a megabyte
    forbid_unpacking(monkeypatch)

    error = refusal(bomb)

    assert isinstance(error, LimitExceeded)
    assert (error.limit, error.part) == ("member_bytes", "word/document.xml")
    assert error.found is not None
    assert error.found > 1024 * MB
    assert error.maximum == LIMITS.member_bytes


def test_parts_each_under_the_part_limit_are_refused_together(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    docx = write(tmp_path, "parts.docx", hostile.many_parts_docx(parts=3, part_mb=40))
    forbid_unpacking(monkeypatch)
    error = refusal(docx)
    assert isinstance(error, LimitExceeded)
    assert error.limit == "expanded_bytes"
    assert error.found is not None
    assert error.found > 120 * MB

    few = dataclasses.replace(LIMITS, zip_members=5)
    error = refusal(docx, few)
    assert isinstance(error, LimitExceeded)
    assert (error.limit, error.maximum) == ("zip_members", 5)


@pytest.mark.parametrize(
    "make", [hostile.entity_expansion_docx, hostile.external_entity_docx], ids=["lol", "xxe"]
)
def test_xml_with_entity_declarations_inside_a_docx_is_refused_unexpanded(
    tmp_path: Path, make
) -> None:  # type: ignore[no-untyped-def]
    docx = write(tmp_path, "entities.docx", make())
    error = refusal(docx)
    assert not isinstance(error, LimitExceeded)
    assert (error.reason, error.detail) == ("dtd", "word/document.xml")


def test_xml_nested_too_deeply_inside_a_docx_is_refused(tmp_path: Path) -> None:
    docx = write(tmp_path, "deep.docx", hostile.deep_xml_docx(depth=5000))
    error = refusal(docx)
    assert isinstance(error, LimitExceeded)
    assert (error.limit, error.maximum, error.part) == ("depth", LIMITS.depth, "word/document.xml")


def test_a_20000_page_pdf_is_refused_by_its_page_count(tmp_path: Path) -> None:
    pdf = write(tmp_path, "pages.pdf", hostile.many_pages_pdf(20_000))
    error = refusal(pdf)
    assert isinstance(error, LimitExceeded)
    assert (error.limit, error.found, error.maximum) == ("pages", 20_000, LIMITS.pages)


def test_a_pdf_whose_page_tree_lies_about_its_count_is_counted_page_by_page(
    tmp_path: Path,
) -> None:
    pdf = write(tmp_path, "liar.pdf", hostile.many_pages_pdf(1_500, declared=1, compact=True))
    error = refusal(pdf)
    assert isinstance(error, LimitExceeded)
    assert (error.limit, error.found, error.maximum) == ("pages", None, LIMITS.pages)
    # Counted right: under a higher limit its 1,500 blank pages are read, and found empty.
    assert refusal(pdf, dataclasses.replace(LIMITS, pages=2_000)).reason == "no_text"


def test_deeply_nested_html_is_refused(tmp_path: Path) -> None:
    html = write(tmp_path, "deep.html", hostile.nested_html(1_000_000))
    error = refusal(html)
    assert isinstance(error, LimitExceeded)
    assert (error.limit, error.maximum) == ("depth", LIMITS.depth)
    shallow = write(tmp_path, "shallow.html", hostile.nested_html(20))
    assert "four stages" in extract(shallow, LIMITS).blocks[0].text


def test_a_pdf_that_is_really_a_zip_is_refused_as_not_a_pdf(tmp_path: Path) -> None:
    fake = write(tmp_path, "guide.pdf", hostile.word_docx("Four stages."))
    assert refusal(fake).reason == "not_pdf"


@pytest.mark.parametrize("name", ["empty.md", "empty.html", "empty.pdf", "empty.docx"])
def test_an_empty_file_is_refused_as_empty(tmp_path: Path, name: str) -> None:
    assert refusal(write(tmp_path, name, b"")).reason == "empty"


def test_text_and_file_size_limits_hold_for_every_format(tmp_path: Path) -> None:
    small = dataclasses.replace(LIMITS, text_chars=1_000)
    long_text = "Validation of prior learning has four stages. " * 100
    cases = {
        "long.md": f"---\ntitle: Long\n---\n{long_text}".encode(),
        "long.html": f"<html><body><p>{long_text}</p></body></html>".encode(),
        "long.docx": hostile.word_docx(long_text),
        "long.pdf": make_pdf(long_text[:1_100]),
    }
    for name, data in cases.items():
        error = refusal(write(tmp_path, name, data), small)
        assert isinstance(error, LimitExceeded), name
        assert (error.limit, error.maximum) == ("text_chars", 1_000), name
    tiny = dataclasses.replace(LIMITS, file_bytes=100)
    error = refusal(tmp_path / "long.md", tiny)
    assert isinstance(error, LimitExceeded)
    assert error.limit == "file_bytes"


def test_the_shipped_formats_still_load_within_the_default_limits(tmp_path: Path) -> None:
    write(tmp_path, "guide.docx", hostile.word_docx("Four stages."))
    write(tmp_path, "guide.pdf", GOOD_PDF)
    for name in ("guide.docx", "guide.pdf"):
        (tmp_path / f"{name}.meta.yml").write_text(META, encoding="utf-8")
        assert load_document(tmp_path / name, LIMITS).blocks


# --- the worker process ----------------------------------------------------------------------


def test_the_worker_reads_what_the_loaders_read_and_refuses_what_they_refuse(
    tmp_path: Path,
) -> None:
    good = write(tmp_path, "guide.pdf", GOOD_PDF)
    (tmp_path / "guide.pdf.meta.yml").write_text(META, encoding="utf-8")
    table = write(tmp_path, "table.md", f"---\n{META}---\n{TABLE_MD}".encode())
    bomb = write(tmp_path, "bomb.docx", hostile.zip_bomb_docx(expanded_mb=200))
    with IsolatedLoader(LIMITS, BOUNDS) as loader:
        assert loader.load(good) == load_document(good, LIMITS)
        # a table's rows stay rows (replies turn them into sentences, never quote them raw)
        rows = loader.load(table)
        assert rows == load_document(table, LIMITS)
        assert [b.row for b in rows.blocks] == [False, True, True]
        with pytest.raises(LimitExceeded) as caught:
            loader.extract(bomb)
        assert (caught.value.limit, caught.value.part) == ("member_bytes", "word/document.xml")
        assert loader.extract(good).blocks == extract(good, LIMITS).blocks  # the same worker


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_parser_that_does_not_finish_is_stopped_at_the_time_bound(tmp_path: Path) -> None:
    endless = write(tmp_path, "endless.pdf", hostile.endless_page_pdf())
    good = write(tmp_path, "guide.pdf", GOOD_PDF)
    (tmp_path / "guide.pdf.meta.yml").write_text(META, encoding="utf-8")
    # (The parser's memory grows too, some 75 MB a second here: room for four times what it
    # takes within the time bound, so that on a fast machine time, not memory, stops it.)
    bounds = Bounds(seconds=2, memory_bytes=1 << 30)
    with IsolatedLoader(LIMITS, bounds) as loader:
        with pytest.raises(LimitExceeded) as caught:
            loader.extract(endless)
        assert (caught.value.limit, caught.value.maximum) == ("seconds", 2)
        assert loader.pid is None  # the worker was killed ...
        assert "four stages" in loader.load(good).blocks[0].text  # ... and a new one reads on
        pid = loader.pid
        assert pid is not None
    assert not alive(pid)


def test_a_parser_that_allocates_without_end_is_stopped_at_the_memory_bound(
    tmp_path: Path,
) -> None:
    """Without the document limits, python-docx would read the bomb's 400 MB document part
    whole: the worker's address-space limit stops it."""
    bomb = write(tmp_path, "bomb.docx", hostile.zip_bomb_docx(expanded_mb=400))
    unlimited = dataclasses.replace(
        LIMITS, member_bytes=10**12, expanded_bytes=10**12, file_bytes=10**12
    )
    bounds = Bounds(seconds=120, memory_bytes=256 * MB)
    with IsolatedLoader(unlimited, bounds) as loader, pytest.raises(LoadError) as caught:
        loader.extract(bomb)
    error = caught.value
    assert isinstance(error, LimitExceeded), error
    assert (error.limit, error.maximum) == ("memory_bytes", 256 * MB)


# --- `guidebot ingest` ------------------------------------------------------------------------


def test_ingest_of_a_knowledge_folder_with_hostile_files_indexes_the_others(
    tmp_path: Path, embeddings
) -> None:  # type: ignore[no-untyped-def]
    kb = copy_kb(tmp_path / "kb")
    folder = kb / "eu"
    files = {
        "bomb.docx": hostile.zip_bomb_docx(expanded_mb=1024),
        "entities.docx": hostile.entity_expansion_docx(),
        "pages.pdf": hostile.many_pages_pdf(20_000),
        "deep.html": hostile.nested_html(100_000),
        "zip.pdf": hostile.word_docx("Four stages."),
        "empty.pdf": b"",
        "guide.pdf": GOOD_PDF,
    }
    for name, data in files.items():
        write(folder, name, data)
        (folder / f"{name}.meta.yml").write_text(META, encoding="utf-8")

    report = run_ingest(make_settings(tmp_path, kb), embeddings=embeddings)

    failed = dict(report.failed)
    assert set(failed) == {f"eu/{name}" for name in files if name != "guide.pdf"}
    assert "word/document.xml would take 1024.0 MB; the limit is 50.0 MB" in failed["eu/bomb.docx"]
    assert "document type (DTD)" in failed["eu/entities.docx"]
    assert failed["eu/pages.pdf"] == "it has 20000 pages; the limit is 1000"
    assert "nested more than 200 levels" in failed["eu/deep.html"]
    assert failed["eu/zip.pdf"].startswith("not a PDF")
    assert failed["eu/empty.pdf"] == "the file is empty"
    assert "eu/guide.pdf" in report.added
    assert {"fr/cpf.md", "es/permiso.md"} <= set(report.added)
