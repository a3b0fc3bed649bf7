"""Translations of the knowledge base: keyed to their source text, checked by machine.

The English documents are the source of truth, and editors keep writing English. Everything a
reply can show from a document is a *unit*: its title and the text of each chunk except the
"Also called" lines. A translation lives in `_translations/<lang>/<source>.yml`, one file per
document and language (never indexed as a document of its own):

    source: de/bildungsurlaub-nrw.md
    language: de
    units:
      5f0c2a9d13b7:        # the first 12 hex digits of the SHA-256 of the normalised source text
        source: "Germany, NRW, Bildungsurlaub (AWbG): you get 5 days ... per year."
        text: "Deutschland, NRW, Bildungsurlaub (AWbG): Sie bekommen 5 Tage ... pro Jahr."

Because the key is the source text's hash, a changed English unit has a new key: its old
translation becomes *stale* (an entry whose key is gone but whose source is close to a unit
without a translation), the translation of a removed unit *orphaned*, a new unit *missing*.
Table rows ("Land: Hessen; Days: 5 days per year; ...") are written as sentences in every
language, English included (`_translations/en/`), so a reply never shows table syntax.

`check_text` (`ingest.translation_check`) is the mechanical check of each translation.
"""

from __future__ import annotations

import difflib
import hashlib
import json
import logging
import re
import threading
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ingest.documents import LoadedDoc, LoadError, chunk_document, load_document
from ingest.limits import Limits
from ingest.translation_check import check_text

log = logging.getLogger(__name__)

FOLDER = "_translations"
# libyaml's safe loader when PyYAML was built with it: reading every file at start-up is 15
# times faster than with the pure-Python one.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
SOURCE_LANGUAGE = "en"
STALE_SIMILARITY = 0.5  # how close an orphaned entry's source must be to count as stale


@dataclass(frozen=True, slots=True)
class Unit:
    """One text of a document that a reply can show."""

    key: str
    text: str
    kind: str  # title | summary | fact | row


@dataclass(frozen=True, slots=True)
class Entry:
    """One translated unit: the source text it was made from and the translation."""

    key: str
    source: str
    text: str


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def unit_key(text: str) -> str:
    return hashlib.sha256(normalise(text).encode("utf-8")).hexdigest()[:12]


def document_units(source: str, doc: LoadedDoc) -> list[Unit]:
    """The title, then every chunk's text a reply may quote, in document order, each once."""
    units = [Unit(unit_key(doc.meta.title), normalise(doc.meta.title), "title")]
    seen = {units[0].key}
    for chunk in chunk_document(source, doc):
        kind = str(chunk.metadata.get("kind", "fact"))
        key = unit_key(chunk.body)
        if kind != "alias" and key not in seen:
            seen.add(key)
            units.append(Unit(key, normalise(chunk.body), kind))
    return units


def needs_translation(unit: Unit, lang: str, doc_language: str) -> bool:
    """Every unit in another language; in the document's own language only table rows, which
    are rewritten as sentences."""
    return lang != doc_language[:2] or unit.kind == "row"


# --- Files ------------------------------------------------------------------------------------


def translation_path(folder: Path, lang: str, source: str) -> Path:
    return folder / lang / f"{source}.yml"


def read_file(path: Path) -> tuple[str, str, dict[str, Entry]]:
    """(source document, language, entries by key) of one translation file."""
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER) or {}  # noqa: S506
    if not isinstance(data, dict) or not isinstance(data.get("units") or {}, dict):
        raise ValueError(f"{path}: not a translation file (source, language, units)")
    entries = {}
    for key, value in (data.get("units") or {}).items():
        if not isinstance(value, dict):
            raise ValueError(f"{path}: unit {key} must have source and text")
        source, text = (normalise(str(value.get(k) or "")) for k in ("source", "text"))
        entries[str(key)] = Entry(str(key), source, text)
    return str(data.get("source", "")), str(data.get("language", "")), entries


def write_file(path: Path, source: str, lang: str, entries: Iterable[Entry]) -> None:
    """Write one translation file; strings are JSON-quoted, which YAML reads as they are."""
    lines = [
        f"# {lang} text of {source}: edit `text` only; keys and `source` belong to the English.",
        "# See knowledge/README.md, 'Translations'.",
        f"source: {json.dumps(source, ensure_ascii=False)}",
        f"language: {lang}",
        "units:",
    ]
    for entry in entries:
        lines += [
            f"  {json.dumps(entry.key)}:",
            f"    source: {json.dumps(entry.source, ensure_ascii=False)}",
            f"    text: {json.dumps(entry.text, ensure_ascii=False)}",
        ]
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".yml.tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tmp.replace(path)


def translation_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """(language, file) of every translation file under the folder."""
    if not folder.is_dir():
        return
    for lang_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        for path in sorted(lang_dir.rglob("*.yml")):
            yield lang_dir.name, path


def translations_fingerprint(folder: Path) -> tuple[int, int]:
    """(files, newest change in ns): changes when an editor adds or edits a translation."""
    stamps = [path.stat().st_mtime_ns for _, path in translation_files(folder)]
    return len(stamps), max(stamps, default=0)


# --- What the replies read ----------------------------------------------------------------------


class Translations:
    """Translated units in memory, looked up by (language, document, source text).

    Entries whose source no longer matches, or whose figures differ from their source, are never
    returned: the reply shows the English and says so. Loaded from a folder, each language is
    read and checked the first time a reply needs it, so that start-up does not pay for
    languages nobody has written in yet.
    """

    def __init__(
        self,
        entries: dict[tuple[str, str, str], Entry] | None = None,
        folder: Path | None = None,
    ) -> None:
        self._entries = dict(entries or {})
        self._folder = folder
        self._loaded: set[str] = set()
        self._rejected: list[str] = []
        self._lock = threading.Lock()

    @classmethod
    def load(cls, folder: Path) -> Translations:
        """The translations under `folder` (`<lang>/<document>.yml`), read on first use."""
        return cls(folder=folder)

    def _read(self, lang: str) -> None:
        """Read and check `lang`'s files, once."""
        if self._folder is None or lang in self._loaded:
            return
        with self._lock:
            if lang in self._loaded:
                return
            count, before = 0, len(self._rejected)
            for path in sorted((self._folder / lang).rglob("*.yml")):
                try:
                    source, _, units = read_file(path)
                except (ValueError, yaml.YAMLError) as exc:
                    self._rejected.append(f"{path.name}: {str(exc).splitlines()[0]}")
                    continue
                for key, entry in units.items():
                    if not entry.text:
                        continue
                    if unit_key(entry.source) != key or check_text(entry.source, entry.text):
                        self._rejected.append(f"{lang} {source} {key}")
                        continue
                    self._entries[(lang, source, key)] = entry
                    count += 1
            self._loaded.add(lang)
            if set_aside := len(self._rejected) - before:
                log.warning(
                    "%d %s translations set aside: `guidebot translations check`", set_aside, lang
                )
        log.info("translations loaded: %s, %d units", lang, count)

    def _read_all(self) -> None:
        if self._folder is not None and self._folder.is_dir():
            for lang_dir in sorted(p for p in self._folder.iterdir() if p.is_dir()):
                self._read(lang_dir.name)

    @property
    def rejected(self) -> list[str]:
        """Entries set aside by the check, in every language ("<lang> <document> <key>")."""
        self._read_all()
        return list(self._rejected)

    def __len__(self) -> int:
        self._read_all()
        return len(self._entries)

    def get(self, lang: str, source: str, text: str) -> str | None:
        """The translation of `text` (a unit of document `source`) into `lang`, if current."""
        lang = lang[:2]
        self._read(lang)
        entry = self._entries.get((lang, source, unit_key(text)))
        return entry.text if entry is not None else None


# --- Status, for editors and the checks ----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Problem:
    """A translation that fails the check, named so an editor can find and fix it."""

    source: str
    key: str
    lang: str
    tokens: tuple[str, ...]  # what differs, e.g. ("-5000", "+500")
    what: str = "figures differ"

    def __str__(self) -> str:
        return f"{self.source} {self.key} [{self.lang}]: {self.what} {' '.join(self.tokens)}"


@dataclass(slots=True)
class DocStatus:
    """Where one document stands in one language."""

    source: str
    lang: str
    needed: int = 0
    fresh: int = 0
    missing: list[Unit] = field(default_factory=list)
    stale: list[tuple[Unit, Entry]] = field(default_factory=list)  # (new unit, old entry)
    orphaned: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def _match_stale(missing: list[Unit], gone: list[Entry]) -> list[tuple[Unit, Entry]]:
    """Pair units without a translation with entries whose key is gone, closest first."""
    pairs = []
    for unit in missing:
        for entry in gone:
            ratio = difflib.SequenceMatcher(None, unit.text, entry.source).ratio()
            if ratio >= STALE_SIMILARITY:
                pairs.append((ratio, unit, entry))
    matched: list[tuple[Unit, Entry]] = []
    used_units: set[str] = set()
    used_entries: set[str] = set()
    for _, unit, entry in sorted(pairs, key=lambda p: -p[0]):
        if unit.key not in used_units and entry.key not in used_entries:
            matched.append((unit, entry))
            used_units.add(unit.key)
            used_entries.add(entry.key)
    return matched


def document_status(
    source: str, units: list[Unit], doc_language: str, lang: str, entries: dict[str, Entry]
) -> DocStatus:
    status = DocStatus(source, lang)
    needed = [u for u in units if needs_translation(u, lang, doc_language)]
    by_key = {u.key: u for u in needed}
    status.needed = len(needed)
    for unit in needed:
        entry = entries.get(unit.key)
        if entry is None or not entry.text:
            status.missing.append(unit)
            continue
        if tokens := check_text(unit.text, entry.text):
            status.problems.append(Problem(source, unit.key, lang, tuple(tokens)))
        else:
            status.fresh += 1
    gone = [e for key, e in entries.items() if key not in by_key and e.text]
    status.stale = _match_stale(status.missing, gone)
    stale_units = {u.key for u, _ in status.stale}
    stale_entries = {e.key for _, e in status.stale}
    status.missing = [u for u in status.missing if u.key not in stale_units]
    status.orphaned = [e for e in gone if e.key not in stale_entries]
    status.orphaned += [e for key, e in entries.items() if key not in by_key and not e.text]
    return status


@dataclass(frozen=True, slots=True)
class KnowledgeDoc:
    source: str  # path relative to the knowledge folder, e.g. "de/bildungsurlaub-nrw.md"
    language: str
    units: list[Unit]


@dataclass(frozen=True, slots=True)
class KnowledgeFolder:
    """A knowledge folder seen through its translations: its documents' units (read within the
    same limits as the ingest) and where each language stands."""

    path: Path
    limits: Limits

    @property
    def translations(self) -> Path:
        return self.path / FOLDER

    def languages(self) -> list[str]:
        """The languages that have a folder of translations (English: its table rows)."""
        folder = self.translations
        return sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []

    def documents(self) -> list[KnowledgeDoc]:
        """Every indexable document's units (a file that does not load is left to the ingest,
        which reports it)."""
        from ingest.indexer import discover

        docs = []
        for path in discover(self.path):
            source = path.relative_to(self.path).as_posix()
            try:
                loaded = load_document(path, self.limits)
            except LoadError:
                continue
            docs.append(KnowledgeDoc(source, loaded.meta.language, document_units(source, loaded)))
        return docs

    def status(
        self, languages: Iterable[str], docs: list[KnowledgeDoc] | None = None
    ) -> list[DocStatus]:
        """Every document in every language, plus files of documents that no longer exist."""
        folder = self.translations
        docs = self.documents() if docs is None else docs
        known = {d.source for d in docs}
        languages = list(languages)
        statuses = []
        for lang in languages:
            for doc in docs:
                path = translation_path(folder, lang, doc.source)
                entries = read_file(path)[2] if path.exists() else {}
                statuses.append(
                    document_status(doc.source, doc.units, doc.language, lang, entries)
                )
        for lang, path in translation_files(folder):
            source = path.relative_to(folder / lang).as_posix().removesuffix(".yml")
            if source not in known and lang in languages:
                orphaned = DocStatus(source, lang)
                orphaned.orphaned = list(read_file(path)[2].values())
                statuses.append(orphaned)
        return statuses

    def problems(self) -> list[Problem]:
        """Every translation, in every language with a folder, that fails the check."""
        return [p for s in self.status(self.languages()) for p in s.problems]

    def sync(self, lang: str, docs: list[KnowledgeDoc] | None = None) -> int:
        """Give every document a translation file in `lang` listing each unit it still needs
        (with an empty text), in document order; existing entries are kept. Returns the files
        written."""
        written = 0
        for doc in self.documents() if docs is None else docs:
            path = translation_path(self.translations, lang, doc.source)
            entries = read_file(path)[2] if path.exists() else {}
            needed = [u for u in doc.units if needs_translation(u, lang, doc.language)]
            if not needed and not entries:
                continue
            ordered = [entries.get(u.key) or Entry(u.key, u.text, "") for u in needed]
            keys = {e.key for e in ordered}
            ordered += [e for key, e in entries.items() if key not in keys]
            if ordered != list(entries.values()) or not path.exists():
                write_file(path, doc.source, lang, ordered)
                written += 1
        return written


def coverage(statuses: Iterable[DocStatus]) -> dict[str, dict[str, int]]:
    """Per language: units needed, current, stale, missing, orphaned, failing the check."""
    table: dict[str, dict[str, int]] = {}
    for s in statuses:
        row = table.setdefault(
            s.lang,
            {"needed": 0, "fresh": 0, "stale": 0, "missing": 0, "orphaned": 0, "problems": 0},
        )
        row["needed"] += s.needed
        row["fresh"] += s.fresh
        row["stale"] += len(s.stale)
        row["missing"] += len(s.missing)
        row["orphaned"] += len(s.orphaned)
        row["problems"] += len(s.problems)
    return table
