"""Translations of the knowledge base: keys, the mechanical check, stale/missing/orphaned, and
the whole shipped knowledge base in every language."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.config import PROJECT_ROOT
from bot.editors.translations import export_language, import_file, prune
from ingest.translation_check import check_text
from ingest.translations import (
    Entry,
    KnowledgeFolder,
    Translations,
    document_units,
    read_file,
    translation_path,
    unit_key,
    write_file,
)
from tests.conftest import LIMITS

KNOWLEDGE = PROJECT_ROOT / "knowledge"
LANGUAGES = ("de", "fr", "nl", "it", "es", "pl", "pt")
FIXTURE_KB = Path(__file__).parent / "fixtures" / "kb"
NEW_FACT = "Germany, North Rhine-Westphalia: firms with fewer than 10 employees need not give it."
NRW = "Germany, North Rhine-Westphalia: employees get 5 days of paid Bildungsurlaub a year after 6 months in the job."  # noqa: E501


@pytest.fixture
def kb(tmp_path: Path) -> KnowledgeFolder:
    """A writable copy of the small test knowledge base with its translations."""
    return KnowledgeFolder(Path(shutil.copytree(FIXTURE_KB, tmp_path / "kb")), LIMITS)


def test_a_key_depends_on_the_text_only_not_its_spacing() -> None:
    assert unit_key("a  b\nc ") == unit_key("a b c")
    assert unit_key("a b c") != unit_key("a b d")


def test_units_are_the_title_and_every_quotable_text_never_the_alias_line() -> None:
    docs = {d.source: d for d in KnowledgeFolder(FIXTURE_KB, LIMITS).documents()}
    units = docs["fr/cpf.md"].units
    assert units[0].kind == "title"
    assert units[0].text == "France: CPF amounts"
    assert not any("Also called" in u.text for u in units)
    assert len(units) == 5


def test_table_rows_are_units_of_their_own_kind(tmp_path: Path) -> None:
    from ingest.documents import load_document

    doc = tmp_path / "t.md"
    doc.write_text(
        "---\ntitle: Table\nurl: https://x.org/a\ncountry: DE\ntopics: [x]\nlanguage: en\n"
        "updated: 2026-02-28\nauthority: law\n---\n| Land | Days |\n|---|---|\n| Hessen | 5 |\n",
        encoding="utf-8",
    )
    units = document_units("t.md", load_document(doc, LIMITS))
    assert [(u.kind, u.text) for u in units[1:]] == [("row", "Land: Hessen; Days: 5")]


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("€5,000 and €103.20 from 2 May 2024", "5.000 € und 103,20 € ab 2. Mai 2024"),
        ("€5,000 a year", "5 000 € par an"),
        ("1–2% of employees (DE-HE)", "1–2 % der Beschäftigten (DE-HE)"),
        ("see https://www.example.org/a.", "siehe https://www.example.org/a"),
        ("art. 103¹–103² of the Labour Code", "art. 103¹–103² Kodeksu pracy"),
    ],
)
def test_localised_number_formats_pass_the_check(source: str, translation: str) -> None:
    assert check_text(source, translation) == []


@pytest.mark.parametrize(
    ("source", "translation", "differences"),
    [
        ("€5,000 a year", "500 € pro Jahr", ["-5000", "+500"]),
        ("after 6 months", "nach sechs Monaten", ["-6"]),
        ("in region DE-HE", "in der Region DE-NW", ["-code:DE-HE", "+code:DE-NW"]),
        ("write to a@b.org", "écrivez à x@b.org", ["-email:a@b.org", "+email:x@b.org"]),
        ("see https://a.org/x", "voir https://a.org/y", ["-url:https://a.org/x", "+url:https://a.org/y"]),
        ("10 days", "10 Tage, 10 Tage", ["+10"]),
    ],
)
def test_a_changed_figure_link_or_code_is_caught_by_name(
    source: str, translation: str, differences: list[str]
) -> None:
    assert check_text(source, translation) == differences


def test_a_planted_wrong_figure_is_named_with_document_key_and_language(
    kb: KnowledgeFolder,
) -> None:
    path = translation_path(kb.translations, "de", "de/nrw.md")
    source, lang, entries = read_file(path)
    key = unit_key(NRW)
    entries[key] = Entry(key, entries[key].source, entries[key].text.replace("5 Tage", "7 Tage"))
    write_file(path, source, lang, list(entries.values()))
    problems = kb.problems()
    assert [str(p) for p in problems] == [f"de/nrw.md {key} [de]: figures differ -5 +7"]
    # ... and the bot never shows it: the German fact falls back to English.
    assert Translations.load(kb.translations).get("de", "de/nrw.md", NRW) is None


def test_each_language_is_read_when_first_needed_and_a_broken_file_spoils_only_its_own(
    kb: KnowledgeFolder,
) -> None:
    broken = translation_path(kb.translations, "fr", "de/nrw.md")
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_text("units: [not, a, mapping\n", encoding="utf-8")
    texts = Translations.load(kb.translations)
    german = texts.get("de", "de/nrw.md", NRW)
    assert german is not None
    assert "5 Tage" in german
    assert texts.get("fr", "de/nrw.md", NRW) is None
    assert [r for r in texts.rejected if r.startswith(broken.name)] != []
    assert len(texts) >= 1


def test_a_changed_english_text_makes_its_translation_stale_a_new_one_missing(
    kb: KnowledgeFolder,
) -> None:
    doc = kb.path / "de" / "nrw.md"
    text = doc.read_text(encoding="utf-8")
    doc.write_text(
        text.replace("6 weeks before the course.", "6 weeks before the course starts.")
        + f"- {NEW_FACT}\n",
        encoding="utf-8",
    )
    (status,) = [s for s in kb.status(["de"]) if s.source == "de/nrw.md"]
    assert [u.text.split(": ")[1] for u, _ in status.stale] == [
        "tell your employer at least 6 weeks before the course starts."
    ]
    assert [u.text for u in status.missing] == [NEW_FACT]
    assert status.orphaned == []
    assert status.fresh == 2
    # The stale translation is never shown for the new English.
    texts = Translations.load(kb.translations)
    assert texts.get("de", "de/nrw.md", status.stale[0][0].text) is None


def test_a_removed_english_text_leaves_an_orphan_that_prune_removes(kb: KnowledgeFolder) -> None:
    doc = kb.path / "de" / "bw.md"
    text = doc.read_text(encoding="utf-8")
    doc.write_text("\n".join(line for line in text.splitlines() if "4 weeks" not in line), "utf-8")
    (status,) = [s for s in kb.status(["de"]) if s.source == "de/bw.md"]
    assert len(status.orphaned) == 1
    assert "4 Wochen" in status.orphaned[0].text
    assert prune(kb, ["de"]) == 1
    (status,) = [s for s in kb.status(["de"]) if s.source == "de/bw.md"]
    assert status.orphaned == []
    assert status.fresh == status.needed == 2


def test_sync_lists_what_is_left_to_translate_and_keeps_what_is_done(kb: KnowledgeFolder) -> None:
    assert kb.sync("de") == 3  # es/permiso, eu/upskilling, fr/cpf
    _, _, entries = read_file(translation_path(kb.translations, "de", "fr/cpf.md"))
    assert len(entries) == 5
    assert all(not e.text for e in entries.values())
    _, _, done = read_file(translation_path(kb.translations, "de", "de/nrw.md"))
    assert all(e.text for e in done.values())
    assert kb.sync("de") == 0  # nothing changed: nothing written


def test_an_export_filled_in_by_a_translator_is_imported_line_by_line(kb: KnowledgeFolder) -> None:
    po = export_language(kb, "de", "po")
    assert 'msgctxt "es/permiso.md#' in po
    assert "Spain, Estatuto de los Trabajadores" in po
    import polib

    catalogue = polib.pofile(po)
    good = next(e for e in catalogue if e.msgid.startswith("Spain,"))
    good.msgstr = (
        "Spanien, Estatuto de los Trabajadores: Nach 1 Jahr im Betrieb haben Beschäftigte 20 "
        "Stunden bezahlte Freistellung pro Jahr, die sie über 5 Jahre ansparen können (100 "
        "Stunden)."
    )
    wrong = next(e for e in catalogue if e.msgid.startswith("EU, Upskilling Pathways: it is"))
    wrong.msgstr = "EU, Upskilling Pathways: für Erwachsene ab 25 mit geringen Kompetenzen."
    report = import_file(kb, str(catalogue), "po")
    assert report.lang == "de"
    assert report.accepted == 1
    reasons = {(key.split("#")[0], why) for _, key, why in report.refused}
    assert ("eu/upskilling.md", "the figures differ from the English: +25") in reasons
    assert {why for _, why in reasons} == {
        "the figures differ from the English: +25",
        "no translation",
    }
    texts = Translations.load(kb.translations)
    spanish = next(d for d in kb.documents() if d.source == "es/permiso.md")
    assert texts.get("de", "es/permiso.md", spanish.units[1].text) == good.msgstr


def test_a_csv_export_round_trips_and_unknown_keys_are_refused(kb: KnowledgeFolder) -> None:
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(export_language(kb, "de", "csv"))))
    row = next(r for r in rows if r["english"] == "EU: Upskilling Pathways")
    row["translation"] = "EU: Weiterbildungspfade (Upskilling Pathways)"
    bogus = {**row, "key": "eu/gone.md#000000000000"}
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(row))
    writer.writeheader()
    writer.writerows([row, bogus])
    report = import_file(kb, out.getvalue(), "csv", "de")
    assert report.accepted == 1
    assert report.refused == [
        (3, bogus["key"], "there is no document eu/gone.md in the knowledge base")
    ]


def test_a_stale_entry_exported_fuzzy_is_refused_until_reviewed(kb: KnowledgeFolder) -> None:
    doc = kb.path / "de" / "nrw.md"
    doc.write_text(
        doc.read_text(encoding="utf-8").replace("before the course.", "before the course starts."),
        encoding="utf-8",
    )
    po = export_language(kb, "de", "po")
    assert "#, fuzzy" in po
    assert "#| msgid" in po
    assert import_file(kb, po, "po").refused[0][2].startswith("still marked fuzzy")
    reviewed = po.replace("#, fuzzy\n", "").replace("vor dem Kurs.", "vor Kursbeginn.")
    assert import_file(kb, reviewed, "po").accepted == 1
    (status,) = [s for s in kb.status(["de"]) if s.source == "de/nrw.md"]
    assert (status.fresh, status.stale, status.orphaned) == (3, [], [])


# -- the shipped knowledge base -----------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> list:  # type: ignore[type-arg]
    return KnowledgeFolder(KNOWLEDGE, LIMITS).status(["en", *LANGUAGES])


def test_every_shipped_translation_carries_the_figures_of_its_english(shipped: list) -> None:  # type: ignore[type-arg]
    assert [str(p) for s in shipped for p in s.problems] == []


def test_every_shipped_text_is_translated_in_all_seven_languages(shipped: list) -> None:  # type: ignore[type-arg]
    missing = {(s.lang, s.source, u.key) for s in shipped for u in s.missing}
    stale = {(s.lang, s.source, u.key) for s in shipped for u, _ in s.stale}
    orphaned = {(s.lang, s.source, e.key) for s in shipped for e in s.orphaned}
    assert (missing, stale, orphaned) == (set(), set(), set())
    assert {s.lang for s in shipped} == {"en", *LANGUAGES}
