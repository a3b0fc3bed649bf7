"""Editors' side of the knowledge base's translations: coverage, export for a translator,
import back.

`coverage_report` says per language how many units are current, stale, missing or orphaned and
how many fail the check (`guidebot translations status`, `/kb`). `export_language` writes the
missing and stale units of one language as a PO file (for Poedit, Weblate, ...; a stale unit
comes marked fuzzy, with its old English and old translation) or a CSV file (for a
spreadsheet). `import_file` reads such a file back: each entry is checked (a known unit, a
translation, the same figures as the English, not still marked fuzzy) and written to
`_translations/<lang>/`; refused entries are listed with their line and reason, and every good
one is kept.
"""

from __future__ import annotations

import csv
import difflib
import io
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import polib

from bot.editors import texts
from bot.editors.texts import Count, Note, Say
from ingest.translation_check import check_text
from ingest.translations import (
    STALE_SIMILARITY,
    DocStatus,
    Entry,
    KnowledgeDoc,
    KnowledgeFolder,
    coverage,
    needs_translation,
    normalise,
    read_file,
    translation_path,
    write_file,
)

Format = Literal["po", "csv"]
CSV_COLUMNS = ("key", "english", "translation", "previous_english", "status")


def translation_languages(knowledge: KnowledgeFolder) -> list[str]:
    """The languages that have a translations folder (not English, whose file holds table rows
    written as sentences)."""
    return [lang for lang in knowledge.languages() if lang != "en"]


def coverage_report(
    knowledge: KnowledgeFolder, languages: list[str] | None = None
) -> dict[str, dict[str, int]]:
    """Per language (English: its table rows written as sentences), where translations stand."""
    languages = languages if languages is not None else translation_languages(knowledge)
    return coverage(knowledge.status(["en", *languages]))


def describe_coverage(table: dict[str, dict[str, int]]) -> list[str]:
    """One line per language: "de 1046/1046 current (stale 0, missing 0, ...)"."""
    lines = []
    for lang, row in sorted(table.items()):
        lines.append(
            f"  {lang:3} {row['fresh']}/{row['needed']} current (stale {row['stale']}, "
            f"missing {row['missing']}, orphaned {row['orphaned']}, failing {row['problems']})"
        )
    return lines


# --- Export -----------------------------------------------------------------------------------


def _todo(statuses: list[DocStatus]) -> list[tuple[str, str, str, str, str]]:
    """(key, English, current translation, previous English, status) of what needs work."""
    rows = []
    for status in statuses:
        for unit in status.missing:
            rows.append((f"{status.source}#{unit.key}", unit.text, "", "", "missing"))
        for unit, old in status.stale:
            rows.append((f"{status.source}#{unit.key}", unit.text, old.text, old.source, "stale"))
        for problem in status.problems:  # its translation fails the check: send it again
            tokens = " ".join(problem.tokens)
            rows.append((f"{status.source}#{problem.key}", "", "", "", f"failing: {tokens}"))
    return rows


def export_language(knowledge: KnowledgeFolder, lang: str, fmt: Format = "po") -> str:
    """The units of `lang` that are missing, stale or failing, as a PO or CSV text."""
    docs = knowledge.documents()
    statuses = knowledge.status([lang], docs)
    units = {(d.source, u.key): u.text for d in docs for u in d.units}
    rows = []
    for key, english, current, previous, status in _todo(statuses):
        source, _, unit_key = key.rpartition("#")
        english = english or units.get((source, unit_key), "")
        if status.startswith("failing"):
            path = translation_path(knowledge.translations, lang, source)
            current = read_file(path)[2][unit_key].text if path.exists() else ""
        rows.append((key, english, current, previous, status))
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(CSV_COLUMNS)
        writer.writerows(rows)
        return out.getvalue()
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": "guidebot knowledge base",
        "Language": lang,
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
    }
    for key, english, current, previous, status in rows:
        entry = polib.POEntry(msgctxt=key, msgid=english, msgstr=current, comment=status)
        if status != "missing":
            entry.flags.append("fuzzy")
            if previous:
                entry.previous_msgid = previous
        po.append(entry)
    return str(po)


# --- Import -----------------------------------------------------------------------------------


@dataclass
class ImportReport:
    lang: str
    accepted: int = 0
    refused: list[tuple[int, str, Note]] = field(default_factory=list)  # line, key, reason
    files: set[str] = field(default_factory=set)

    def describe(self, say: Say | None = None) -> str:
        """What was saved and each line refused, in the editor's language (`say`)."""
        say = say or texts.english()
        lines = [
            say(
                "editor_import_result",
                code=self.lang,
                accepted=Count(self.accepted),
                files=Count(len(self.files)),
                refused=Count(len(self.refused)),
            )
        ]
        lines += [
            say("editor_import_line", n=Count(n), item=key, reason=why.said(say))
            for n, key, why in self.refused
        ]
        return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class _Row:
    line: int
    key: str
    english: str
    text: str
    fuzzy: bool = False


def _read_rows(content: str, fmt: Format) -> tuple[str, list[_Row]]:
    """(language, rows) of an exported file filled in by a translator."""
    if fmt == "csv":
        reader = csv.DictReader(io.StringIO(content))
        missing = set(CSV_COLUMNS[:3]) - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"the CSV file lacks the column(s) {', '.join(sorted(missing))}")
        rows = [
            _Row(n, r["key"] or "", r["english"] or "", r["translation"] or "")
            for n, r in enumerate(reader, 2)
        ]
        return "", rows
    try:
        po = polib.pofile(content)
    except (OSError, ValueError) as exc:
        raise ValueError(f"not a PO file: {exc}") from None
    rows = [
        _Row(e.linenum, e.msgctxt or "", e.msgid, e.msgstr, "fuzzy" in e.flags) for e in po
    ]
    return str(po.metadata.get("Language", "")), rows


def import_file(
    knowledge: KnowledgeFolder, content: str, fmt: Format, lang: str = ""
) -> ImportReport:
    """Check each entry of a translator's file and save the good ones; `lang` is read from the
    PO header when not given."""
    found_lang, rows = _read_rows(content, fmt)
    lang = lang or found_lang
    if not lang or lang == "en" or "/" in lang or lang.startswith("."):
        raise ValueError("say which language the file is in (e.g. --lang de)")
    docs = {d.source: d for d in knowledge.documents()}
    report = ImportReport(lang)
    accepted: dict[str, dict[str, Entry]] = {}
    for row in rows:
        reason, doc, entry = _check_row(row, docs, lang)
        if doc is None or entry is None:
            report.refused.append((row.line, row.key, reason))
            continue
        accepted.setdefault(doc.source, {})[entry.key] = entry
        report.accepted += 1
    for source, entries in accepted.items():
        _save(knowledge.translations, lang, docs[source], entries)
        report.files.add(source)
    return report


def _check_row(
    row: _Row, docs: dict[str, KnowledgeDoc], lang: str
) -> tuple[Note, KnowledgeDoc | None, Entry | None]:
    source, _, key = row.key.rpartition("#")
    doc = docs.get(source)
    if doc is None:
        return Note("editor_import_no_document", source=source or "-"), None, None
    unit = next((u for u in doc.units if u.key == key), None)
    if unit is None or not needs_translation(unit, lang, doc.language):
        return Note("editor_import_gone"), None, None
    if row.english and normalise(row.english) != unit.text:
        return Note("editor_import_changed"), None, None
    if row.fuzzy:
        return Note("editor_import_fuzzy"), None, None
    text = normalise(row.text)
    if not text:
        return Note("editor_import_empty"), None, None
    if differences := check_text(unit.text, text):
        return Note("editor_import_figures", tokens=" ".join(differences)), None, None
    return Note("editor_import_ok"), doc, Entry(key, unit.text, text)


def _save(folder: Path, lang: str, doc: KnowledgeDoc, new: dict[str, Entry]) -> None:
    """Write accepted entries into the document's file; the stale entries they replace go."""
    path = translation_path(folder, lang, doc.source)
    entries = read_file(path)[2] if path.exists() else {}
    current = {u.key for u in doc.units}
    replaced = {
        old.key
        for old in entries.values()
        if old.key not in current
        and any(check_same(old.source, n.source) for n in new.values())
    }
    merged = {k: e for k, e in entries.items() if k not in replaced}
    merged.update(new)
    order = {u.key: i for i, u in enumerate(doc.units)}
    ordered = sorted(merged.values(), key=lambda e: order.get(e.key, len(order)))
    write_file(path, doc.source, lang, ordered)


def check_same(old: str, new: str) -> bool:
    """Whether an orphaned entry's English is an earlier version of a new unit's."""
    return difflib.SequenceMatcher(None, old, new).ratio() >= STALE_SIMILARITY


def prune(knowledge: KnowledgeFolder, languages: list[str]) -> int:
    """Remove orphaned entries (and files of documents that are gone); returns how many."""
    folder = knowledge.translations
    removed = 0
    for status in knowledge.status(languages):
        if not status.orphaned:
            continue
        path = translation_path(folder, status.lang, status.source)
        gone = {e.key for e in status.orphaned}
        entries = read_file(path)[2]
        kept = [e for k, e in entries.items() if k not in gone]
        removed += len(gone)
        if kept:
            write_file(path, status.source, status.lang, kept)
        else:
            path.unlink()
    return removed
