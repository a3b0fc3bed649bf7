"""Ingest: formats, chunking, incremental runs, broken files, model changes."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

from bot.services import build_vector_store, live_index, run_ingest
from ingest.documents import chunk_document, load_document, markdown_blocks, section_country
from ingest.indexer import discover, read_manifest
from tests.conftest import LIMITS, copy_kb, make_settings
from tests.hostile import classic_pdf

NEW_DOC = """---
title: "Sweden: study leave"
url: https://www.csn.se/
country: SE
topics: [training_leave]
language: en
updated: 2026-02-28
authority: law
---
# Sweden
- Sweden, study leave: the employer cannot refuse, but can postpone up to 6 months.
"""

META = """title: "Guide"
url: https://example.org/guide
country: EU
topics: [guidance]
language: en
updated: 2026-01-31
authority: ngo
"""


def make_pdf(text: str) -> bytes:
    """A valid one-page PDF showing `text`, with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R"
        b"/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    return classic_pdf(objects)


PDF = make_pdf("Validation has four stages")


@pytest.fixture
def kb(tmp_path: Path) -> Path:
    return copy_kb(tmp_path / "knowledge")


def live_dir(settings) -> Path:  # type: ignore[no-untyped-def]
    live = live_index(settings)
    assert live is not None
    return live.path


def ids_in_store(settings, embeddings) -> set[str]:  # type: ignore[no-untyped-def]
    store = build_vector_store(settings, embeddings, live_dir(settings))
    return set(store.get()["ids"])


def test_markdown_chunks_keep_heading_path_and_table_rows() -> None:
    blocks = markdown_blocks(
        "# Title\n\n## Section A\n\n- first **fact**\n  continued\n- second\n\n"
        "### Deeper\n\n| Land | Days |\n|---|---|\n| NRW | 5 |\n| Bavaria | none |\n\n"
        "## Section B\n\nA paragraph\nover two lines.\n"
    )
    assert [(b.headings, b.text) for b in blocks] == [
        (("Title", "Section A"), "first fact continued"),
        (("Title", "Section A"), "second"),
        (("Title", "Section A", "Deeper"), "Land: NRW; Days: 5"),
        (("Title", "Section A", "Deeper"), "Land: Bavaria; Days: none"),
        (("Title", "Section B"), "A paragraph over two lines."),
    ]


def test_sections_of_a_multi_country_document_belong_to_their_country(tmp_path: Path) -> None:
    assert section_country(("For providers", "Belgium, Flanders: VOV")) == "BE"
    assert section_country(("For providers", "France: CPF", "Caps")) == "FR"
    assert section_country(("For providers", "General advice")) is None
    path = tmp_path / "providers.md"
    path.write_text(
        "---\n" + META + "---\n# For providers\n## General\n- Tell learners early.\n"
        "## France: CPF\n- France, CPF: the co-payment applies.\n",
        encoding="utf-8",
    )
    chunks = chunk_document("providers.md", load_document(path, LIMITS))
    assert [c.metadata["country"] for c in chunks] == ["EU", "FR"]
    # A national document keeps its country whatever its headings say.
    national = path.read_text(encoding="utf-8").replace("country: EU", "country: SE")
    path.write_text(national, encoding="utf-8")
    chunks = chunk_document("providers.md", load_document(path, LIMITS))
    assert {c.metadata["country"] for c in chunks} == {"SE"}


def test_each_piece_of_a_long_block_keeps_its_kind(tmp_path: Path) -> None:
    # A long "Also called" line is cut in pieces; none may become a fact a reply quotes.
    names = ", ".join(f'"name number {i} of the scheme"' for i in range(40))
    path = tmp_path / "long.md"
    path.write_text(
        "---\n" + META + "---\n# Guide\n\nAlso called: " + names + ". More: " + names
        + ".\n\n- EU, guide: a fact.\n",
        encoding="utf-8",
    )
    chunks = chunk_document("long.md", load_document(path, LIMITS))
    kinds = [c.metadata["kind"] for c in chunks]
    assert kinds.count("alias") >= 2
    assert kinds.count("fact") == 1


def test_first_run_indexes_everything_then_nothing_changes(kb, tmp_path, embeddings) -> None:
    settings = make_settings(tmp_path, kb)
    first = run_ingest(settings, embeddings=embeddings)
    assert sorted(first.added) == sorted(p.relative_to(kb).as_posix() for p in discover(kb))
    assert first.chunks_total == first.chunks_written > 0
    second = run_ingest(settings, embeddings=embeddings)  # nothing to change: no gate
    assert (second.added, second.updated, second.removed) == ([], [], [])
    assert len(second.unchanged) == len(first.added)
    assert second.chunks_written == 0
    assert len(ids_in_store(settings, embeddings)) == first.chunks_total


def test_add_change_and_delete_files(kb, tmp_path, embeddings) -> None:
    settings = make_settings(tmp_path, kb)
    run_ingest(settings, embeddings=embeddings)
    before = read_manifest(live_dir(settings))["files"]

    (kb / "se").mkdir()
    (kb / "se" / "study-leave.md").write_text(NEW_DOC, encoding="utf-8")
    cpf = kb / "fr" / "cpf.md"
    cpf.write_text(cpf.read_text().replace("€500 a year", "€500 each year"), encoding="utf-8")
    (kb / "es" / "permiso.md").unlink()

    # The ingest mechanics are tested here; the regression gate in test_gate.py.
    report = run_ingest(settings, embeddings=embeddings, force=True)
    assert report.added == ["se/study-leave.md"]
    assert report.updated == ["fr/cpf.md"]
    assert report.removed == ["es/permiso.md"]
    ids = ids_in_store(settings, embeddings)
    assert not ids & set(before["es/permiso.md"]["chunks"])
    assert not ids & (
        set(before["fr/cpf.md"]["chunks"])
        - set(read_manifest(live_dir(settings))["files"]["fr/cpf.md"]["chunks"])
    )
    assert len(ids) == report.chunks_total


def test_broken_file_is_reported_and_the_rest_indexes(kb, tmp_path, embeddings) -> None:
    (kb / "broken.md").write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    (kb / "no-meta.md").write_text("# Just a heading\n\n- a bullet\n", encoding="utf-8")
    (kb / "bad-url.md").write_text(NEW_DOC.replace("https://www.csn.se/", "csn"), "utf-8")
    (kb / "binary.txt").write_bytes(b"\xff\xfe\x00garbage")
    (kb / "binary.txt.meta.yml").write_text(META, encoding="utf-8")
    settings = make_settings(tmp_path, kb)
    report = run_ingest(settings, embeddings=embeddings)
    failed = dict(report.failed)
    assert set(failed) == {"broken.md", "no-meta.md", "bad-url.md", "binary.txt"}
    assert "YAML" in failed["broken.md"]
    assert "no front matter" in failed["no-meta.md"]
    assert "url" in failed["bad-url.md"]
    assert "UTF-8" in failed["binary.txt"]
    assert "fr/cpf.md" in report.added
    assert "FAILED broken.md" in report.summary()


def test_a_previously_indexed_file_that_breaks_keeps_its_chunks(kb, tmp_path, embeddings):
    settings = make_settings(tmp_path, kb)
    run_ingest(settings, embeddings=embeddings)
    chunks = read_manifest(live_dir(settings))["files"]["es/permiso.md"]["chunks"]
    (kb / "es" / "permiso.md").write_text("---\ncountry: [\n---\n", encoding="utf-8")
    report = run_ingest(settings, embeddings=embeddings)  # nothing to change: no new version
    assert [path for path, _ in report.failed] == ["es/permiso.md"]
    assert set(chunks) <= ids_in_store(settings, embeddings)


def test_other_formats_take_metadata_from_a_sidecar(kb, tmp_path, embeddings) -> None:
    folder = kb / "more"
    folder.mkdir()
    (folder / "page.html").write_text(
        "<html><head><title>T</title></head><body><h1>Europass</h1>"
        "<p>Europass is a free EU platform to write a CV in 29 languages and store "
        "certificates, with a digital skills self-test.</p></body></html>",
        encoding="utf-8",
    )
    (folder / "notes.txt").write_text("ESCO lists 2,942 occupations.\n\nIt is free.", "utf-8")
    (folder / "guide.pdf").write_bytes(PDF)
    document = docx.Document()
    document.add_heading("Validation", level=1)
    document.add_paragraph("Validation has four stages: identification and documentation.")
    document.save(str(folder / "guide.docx"))
    for name in ("page.html", "notes.txt", "guide.pdf", "guide.docx"):
        (folder / f"{name}.meta.yml").write_text(META, encoding="utf-8")
    (folder / "orphan.pdf").write_bytes(PDF)

    assert load_document(folder / "guide.docx", LIMITS).blocks[0].headings == ("Validation",)
    assert "four stages" in load_document(folder / "guide.pdf", LIMITS).blocks[0].text
    report = run_ingest(make_settings(tmp_path, kb), embeddings=embeddings)
    assert {"more/page.html", "more/notes.txt", "more/guide.pdf", "more/guide.docx"} <= set(
        report.added
    )
    assert dict(report.failed) == {
        "more/orphan.pdf": "front matter: no metadata: add orphan.pdf.meta.yml with title, "
        "url, country, ..."
    }


def test_readme_and_triage_data_are_not_indexed(kb) -> None:
    (kb / "README.md").write_text("# Editors' guide\n", encoding="utf-8")
    found = {p.relative_to(kb).as_posix() for p in discover(kb)}
    assert "README.md" not in found
    assert not any(p.startswith("_triage") for p in found)


def test_a_different_embedding_model_forces_a_full_rebuild(kb, tmp_path, embeddings) -> None:
    settings = make_settings(tmp_path, kb)
    run_ingest(settings, embeddings=embeddings)

    class Renamed(type(embeddings)):  # type: ignore[misc]
        model_id = "another-model"

    report = run_ingest(settings, embeddings=Renamed(), force=True)
    assert report.full
    assert len(report.added) == len(list(discover(kb)))
    assert read_manifest(live_dir(settings))["model_id"] == "another-model"
    assert len(ids_in_store(settings, embeddings)) == report.chunks_total
