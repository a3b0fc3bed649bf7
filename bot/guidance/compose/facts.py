"""What each fact of an index is about: its place, its label and which questions it answers.

The knowledge base writes each fact so it stands alone: a label naming the place and scheme,
then the statement ("Germany, Saxony, Bildungsurlaub: ... from 2027."). `FactIndex` reads every
chunk of an index once: the countries and regions its label (or its table row) names, falling
back to its document's; the kinds of question it answers (`intents`); and which places the
knowledge base covers at all, so a reply never presents one place's rules as another's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any, Protocol

from bot.guidance.compose.fact_intents import fact_intents
from bot.guidance.compose.lasting import fact_lasting
from bot.guidance.compose.levels import levels
from bot.guidance.compose.names import listed_names, name_pattern, spelt_out, uses_name
from bot.guidance.compose.numbers import figures
from bot.guidance.compose.situations import fact_ages, fact_situations
from bot.guidance.compose.staff import fact_staff
from bot.guidance.compose.tenure import required_tenure
from bot.guidance.folding import fold
from bot.guidance.retrieval import Hit

GLOBAL = ("EU", "INT", "")
# "Germany, NRW, Bildungsurlaub (AWbG): you get ...": a label is short and holds no sentence.
_LABEL = re.compile(r"^([^:.!?\n]{2,90}?)\s*:\s+(?=\S)")


def split_label(text: str) -> tuple[str, str]:
    """(label, statement) of a fact; ("", text) when it has no label."""
    found = _LABEL.match(text)
    if not found or "; " in found.group(1):
        return "", text
    return found.group(1).strip(), text[found.end() :].strip()


def topics(meta: Mapping[str, Any]) -> set[str]:
    """The topics a chunk's document lists ("training_leave", "help", ...)."""
    return set(str(meta.get("topics", "")).split(","))


# Abbreviations a sentence does not end with, in the bot's languages ("w 2012 r. UE poprosiła",
# "z. B. Hessen", "art. 131.º").
_ABBREVIATION = re.compile(
    r"(?:\b(?:r|ok|np|tj|art|ust|nr|pkt|z|bzw|ca|vgl|bv|es|ex|ej|p|no|n|st|dr|mr|mrs|ms))\.$",
    re.IGNORECASE,
)


def sentences(text: str) -> list[str]:
    """The sentences of a paragraph (in any of the bot's languages)."""
    parts = re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-ÖØ-ÞĀ-Ž¿¡\"“„«(])", text.strip())
    merged: list[str] = []
    for part in parts:
        if merged and _continues(merged[-1]):
            merged[-1] = f"{merged[-1]} {part}"
        else:
            merged.append(part)
    return merged


def _continues(piece: str) -> bool:
    """The piece ends with an abbreviation, not a sentence. ("r.", the Polish year, ends many
    sentences: "... do 2018 r." does; only a piece as short as "W 2012 r." goes on.)"""
    found = _ABBREVIATION.search(piece)
    if found is None:
        return False
    return found.group(0).lower() != "r." or len(piece.split()) <= 4


def first_sentences(text: str, count: int = 2, limit: int = 320) -> str:
    """The first `count` sentences of a paragraph, at most about `limit` characters."""
    parts = sentences(text)
    kept = parts[0]
    for sentence in parts[1:count]:
        if len(kept) + len(sentence) + 1 > limit:
            break
        kept = f"{kept} {sentence}"
    return kept


def _intents(body: str) -> frozenset[str]:
    """What a fact answers, read from its statement: "Singapore, SkillsFuture Credit: it can
    be used only for selected courses" says nothing about how much. Its label says only
    whether it is an aside ("Slovenia, help: ask your employer in writing ...")."""
    label, statement = split_label(body)
    return fact_intents(statement) | (fact_intents(label) & {"help"})


def _summary_intents(body: str) -> frozenset[str]:
    """What a summary answers: what its first two sentences say, which a reply shows; that
    something ended or still exists, wherever it says so (a reply then shows that sentence).
    ("... you must pay a fixed amount yourself. In 2026 this amount is €103.20. You do not
    have to pay it if ..." does not answer "can my employer force me?".)"""
    statement = split_label(body)[1]
    return fact_intents(first_sentences(statement)) | (
        fact_intents(statement) & {"ended", "exists"}
    )


class Finder(Protocol):
    def find(self, text: str) -> Any: ...


# "... but work in Brussels, you use ...": where the fact's commuter works
_WORKS_IN = re.compile(r"\bbut (?:mainly )?works? in ([^,;.]+)")


@dataclass(frozen=True, slots=True)
class FactInfo:
    countries: tuple[str, ...]  # countries the fact is about ("EU" for EU-wide rules)
    regions: tuple[str, ...]  # regions it is about; empty for a whole country
    intents: frozenset[str]
    label: str  # the English label, "" when the fact has none
    named: bool  # the place comes from the fact's own label, not only from its document
    mentions: tuple[str, ...] = ()  # regions its statement names ("in Baden-Württemberg ...")
    mentioned: tuple[str, ...] = ()  # countries its statement names (a list of gaps, say)
    position: int = 0  # its place in its section: writers put the main rule first
    section: int = 0  # its section's place in its document: the main case first, exceptions after
    situations: frozenset[str] = frozenset()  # who it is about: jobseekers, part-timers, ...
    # whom its label says it is for ("Austria, Weiterbildungszeit, graduates: ..."): the rule of
    # that group, not a statement that mentions it
    group: frozenset[str] = frozenset()
    # whom its section's heading says its rules are for ("Employees without a basic
    # qualification: €800 a year"): the statements under it need not say so again
    heading_group: frozenset[str] = frozenset()
    figures: frozenset[str] = frozenset()  # the figures it quotes ("250" for "250 hours")
    ages: tuple[int, int] | None = None  # the ages it is for ("under 25": (0, 24))
    # where one who lives elsewhere works, for the fact to be theirs ("if you live in Flanders
    # but work in Brussels, ...": BE-BRU); empty when it does not say
    works_in: tuple[str, ...] = ()
    staff: tuple[int, int] | None = None  # the firm sizes it is for ("fewer than 10": (1, 9))
    # the course lengths, in months, it is for ("an absence of 6 months or more": (6, inf))
    lasting: tuple[float, float] | None = None
    # the qualification levels it is for ("NFQ level 7–9 courses": ((7, 9),))
    levels: tuple[tuple[int, int], ...] = ()
    tenure: float | None = None  # the months with the employer it asks for (compose.tenure)


@dataclass(frozen=True, slots=True)
class Place:
    """Where the learner's question is about."""

    country: str | None = None
    region: str | None = None


class FactIndex:
    """Places and intents of every chunk of one index, and the places it covers."""

    def __init__(self, info: dict[str, FactInfo], metas: dict[str, dict[str, Any]]) -> None:
        self._info = info
        self._metas = metas
        self.countries: set[str] = set()  # countries with national rules in the index
        self.regions: dict[str, set[str]] = {}  # country -> regions with rules of their own
        regional_docs: dict[str, set[str]] = {}
        national_docs: dict[str, set[str]] = {}
        for chunk_id, fact in info.items():
            meta = metas[chunk_id]
            if "help" in topics(meta):
                continue  # where to get help says nothing about a place's rules
            # Only a country's own documents (or sections) cover it: a line about Czechia in
            # the EU-wide ILO document is not Czech law.
            country = str(meta.get("country", ""))
            if country in GLOBAL:
                continue
            self.countries.add(country)
            docs = regional_docs if meta.get("region") else national_docs
            docs.setdefault(country, set()).add(str(meta.get("source", "")))
            for region in fact.regions:
                if region.startswith(f"{country}-"):
                    self.regions.setdefault(country, set()).add(region)
        # Regions decide only where most rules are regional (German Länder, Belgian regions),
        # not where one region adds a scheme to national rules (Upper Austria's Bildungskonto).
        self.regions = {
            country: regions
            for country, regions in self.regions.items()
            if len(regional_docs.get(country, ())) >= len(national_docs.get(country, ()))
        }
        self._groups: dict[str, list[str]] = {}  # group -> EU-wide facts labelled for it
        for chunk_id, fact in info.items():
            meta = metas[chunk_id]
            if meta.get("kind", "fact") == "fact" and meta.get("country", "") in GLOBAL:
                for group in fact.group:
                    self._groups.setdefault(group, []).append(chunk_id)
        # country -> the summary chunk of its "where to get help" document
        self.help_summary: dict[str, str] = {}
        self._summaries: dict[str, str] = {}  # document -> its summary chunk
        self._documents: dict[str, list[str]] = {}  # document -> its chunks, in order
        self._schemes: dict[str, list[str]] = {}  # label -> its facts, in any document
        # acronym -> its names written out in the index ("PIF": "permiso individual de ...")
        self.spelt: dict[str, set[str]] = {}
        for meta in metas.values():
            for acronym, names in spelt_out(str(meta.get("body", ""))).items():
                self.spelt.setdefault(acronym, set()).update(names)
        for chunk_id, meta in sorted(metas.items(), key=lambda m: int(m[1].get("order", 0))):
            self._documents.setdefault(str(meta.get("source", "")), []).append(chunk_id)
            if meta.get("kind", "fact") == "fact" and chunk_id in info and info[chunk_id].label:
                self._schemes.setdefault(info[chunk_id].label, []).append(chunk_id)
        # document -> the names of its scheme, as its "Also called" line writes them (not who
        # can help: "Betriebsrat", "sindicato")
        self._doc_names: dict[str, set[str]] = {}
        # (country, regional) -> the names of its schemes: "Qualifizierungsgeld" is Germany's
        # wherever one works there; "Bildungsurlaub" is each Land's
        scheme_names: dict[tuple[str, bool], set[str]] = {}
        # documents of a scheme of a whole country whose other rules are regional
        self._national: set[str] = set()
        for source, ids in self._documents.items():
            first = metas[ids[0]]
            if "help" in topics(first):
                continue
            for chunk_id in ids:
                if metas[chunk_id].get("kind") == "alias":
                    body = str(metas[chunk_id].get("body", ""))
                    self._doc_names.setdefault(source, set()).update(listed_names(body))
            country = str(first.get("country", ""))
            if country in GLOBAL or source not in self._doc_names:
                continue
            regional = bool(first.get("region")) or any(
                info[c].regions or info[c].mentions for c in ids if c in info
            )
            scheme_names.setdefault((country, regional), set()).update(
                fold(name) for name in self._doc_names[source]
            )
            if not regional and country in self.regions:
                self._national.add(source)
        self._scheme_names = {
            key: [re.compile(rf"\b{re.escape(name)}\b") for name in names]
            for key, names in scheme_names.items()
        }
        # names another document's names contain, folded: kinds of scheme, not one ("training
        # leave", in "Flemish training leave"; "Bildungsurlaub", every Land's)
        by_doc = {doc: {fold(n) for n in names} for doc, names in self._doc_names.items()}
        self._shared = {
            name
            for doc, names in by_doc.items()
            for name in names
            for other, theirs in by_doc.items()
            if other != doc and any(re.search(rf"\b{re.escape(name)}\b", t) for t in theirs)
        }
        # document -> its names of its own, compiled (`named_documents`)
        self._own_names = {
            doc: [name_pattern(n) for n in names if fold(n) not in self._shared]
            for doc, names in self._doc_names.items()
        }
        for chunk_id, meta in metas.items():
            if meta.get("kind") != "summary":
                continue
            self._summaries.setdefault(str(meta.get("source", "")), chunk_id)
            country = str(meta.get("country", ""))
            if "help" in topics(meta) and country not in GLOBAL:
                self.help_summary.setdefault(country, chunk_id)

    @classmethod
    def build(cls, rows: Iterable[tuple[str, str, dict[str, Any]]], places: Finder) -> FactIndex:
        """From (chunk id, body, metadata) rows; `places` reads the labels."""
        info: dict[str, FactInfo] = {}
        metas: dict[str, dict[str, Any]] = {}
        labels: dict[str, Any] = {}  # labels repeat: read each once
        for chunk_id, body, meta in rows:
            metas[chunk_id] = meta
            kind = meta.get("kind", "fact")
            label = body.split(";", 1)[0] if kind == "row" else split_label(body)[0]
            hint: Any = None
            if label and kind != "summary":
                if label not in labels:
                    labels[label] = places.find(label)
                hint = labels[label]
            doc_country = str(meta.get("country", ""))
            doc_region = str(meta.get("region", "") or "")
            named = bool(hint is not None and (hint.countries or hint.regions))
            if named and hint is not None:
                countries = tuple(c for c in hint.countries if c not in GLOBAL) or (doc_country,)
                regions = tuple(hint.regions)
            else:
                countries, regions = (doc_country,), ((doc_region,) if doc_region else ())
            mentions: tuple[str, ...] = ()
            mentioned: tuple[str, ...] = ()
            works_in: tuple[str, ...] = ()
            if kind in ("fact", "row"):
                said = places.find(split_label(body)[1])
                mentions = () if regions else tuple(said.regions)
                mentioned = tuple(c for c in said.countries if c not in GLOBAL)
                if work := _WORKS_IN.search(body):
                    there = places.find(work.group(1))
                    works_in = tuple(there.regions or there.countries)
            info[chunk_id] = FactInfo(
                countries,
                regions,
                _summary_intents(body) if kind == "summary" else _intents(body),
                label,
                named,
                mentions,
                mentioned,
                situations=fact_situations(body),
                group=fact_situations(label) if kind == "fact" else frozenset(),
                heading_group=(
                    fact_situations(str(meta.get("headings", "")).split(" › ")[-1])
                    if kind == "fact" and " › " in str(meta.get("headings", ""))
                    else frozenset()
                ),
                figures=frozenset(figures(body)),
                ages=fact_ages(body),
                works_in=works_in,
                # (a table row or a summary names firm sizes among all its other rules)
                staff=fact_staff(body) if kind == "fact" else None,
                lasting=fact_lasting(body) if kind == "fact" else None,
                levels=levels(body) if kind == "fact" else (),
                tenure=required_tenure(body) if kind == "fact" else None,
            )
        sections: dict[str, list[str]] = {}
        for chunk_id, meta in metas.items():
            sections.setdefault(str(meta.get("section", chunk_id)), []).append(chunk_id)
        by_document: dict[str, list[list[str]]] = {}
        for ids in sections.values():
            ids.sort(key=lambda c: int(metas[c].get("order", 0)))
            by_document.setdefault(str(metas[ids[0]].get("source", "")), []).append(ids)
        for document in by_document.values():
            document.sort(key=lambda ids: int(metas[ids[0]].get("order", 0)))
            for section, ids in enumerate(document):
                for position, chunk_id in enumerate(ids):
                    info[chunk_id] = replace(info[chunk_id], position=position, section=section)
        return cls(info, metas)

    def summary(self, source: str) -> Hit | None:
        """The "In short" paragraph of a document, as a hit."""
        chunk_id = self._summaries.get(source)
        if chunk_id is None:
            return None
        meta = self._metas[chunk_id]
        return Hit(chunk_id, str(meta.get("body", "")), meta, 0.0, 0.0)

    def statements(self, source: str, section: str | None = None) -> list[Hit]:
        """The facts (not summaries, rows or aliases) of a document, or of one of its sections,
        in its order, as hits."""
        return [
            Hit(chunk_id, str(meta.get("body", "")), meta, 0.0, 0.0)
            for chunk_id in self._documents.get(source, ())
            if (meta := self._metas[chunk_id]).get("kind", "fact") == "fact"
            and (section is None or meta.get("section") == section)
        ]

    def of_scheme(self, label: str) -> list[Hit]:
        """The facts labelled `label` ("Netherlands, Levenlanglerenkrediet"), in any document."""
        return [
            Hit(chunk_id, str(self._metas[chunk_id].get("body", "")), self._metas[chunk_id], 0, 0)
            for chunk_id in self._schemes.get(label, ())
        ]

    def for_group(self, situation: str) -> list[Hit]:
        """EU-wide and international facts whose label says they are for one group ("Europe,
        self-employed people: ..."), as hits."""
        return [
            Hit(chunk_id, str(self._metas[chunk_id].get("body", "")), self._metas[chunk_id], 0, 0)
            for chunk_id in self._groups.get(situation, ())
        ]

    def names_scheme(self, country: str | None, text: str, regional: bool = False) -> bool:
        """The message names a scheme of the whole country ("Qualifizierungsgeld"), or with
        `regional` one of a region's ("Bildungsurlaub"), in any case."""
        names = self._scheme_names.get((country or "", regional), ())
        message = fold(text) if names else ""
        return any(name.search(message) for name in names)

    def named_documents(self, text: str, sources: Iterable[str]) -> list[str]:
        """Those of `sources` (in order) whose scheme the message names by a name no other
        document's names contain ("curriculum europeo": Europass; not "Bildungsurlaub", every
        Land's)."""
        folded = fold(text)
        return [
            source
            for source in dict.fromkeys(sources)
            if any(uses_name(text, folded, p) for p in self._own_names.get(source, ()))
        ]

    def national_scheme(self, country: str | None, text: str) -> bool:
        """The message names a scheme of the whole country and none of a region's: its rules
        are the same wherever one works there."""
        return self.names_scheme(country, text) and not self.names_scheme(country, text, True)

    def nationwide(self, hit: Hit) -> bool:
        """The fact is of a scheme of the whole country where other rules are regional
        (Germany's Qualifizierungsgeld): the same wherever in the country one works."""
        return str(hit.meta.get("source", "")) in self._national

    def info(self, chunk_id: str) -> FactInfo | None:
        return self._info.get(chunk_id)

    def covers(self, place: Place) -> bool:
        """Whether the index has rules of the place itself (a region only matters where the
        index has rules by region, as for German Länder)."""
        if place.country is None or place.country in GLOBAL:
            return True
        if place.country not in self.countries:
            return False
        regional = self.regions.get(place.country)
        return not (place.region and regional and place.region not in regional)

    def applies(self, chunk_id: str, place: Place) -> bool:
        """False when the fact is about another country or region than the learner's."""
        fact = self._info.get(chunk_id)
        if fact is None:
            return True
        national = [c for c in fact.countries if c not in GLOBAL]
        if place.country and national and place.country not in national:
            return False
        return not (place.region and fact.regions and place.region not in fact.regions)

    def elsewhere(self, chunk_id: str, place: Place) -> bool:
        """The fact's statement is about other regions than the learner's ("Saxony passed a
        law ..." in a national document, for a learner in Hesse)."""
        fact = self._info.get(chunk_id)
        return bool(fact and fact.mentions and place.region not in fact.mentions)

    def same(self, a: str, b: str) -> bool:
        """Two facts about the same place (same countries and regions)."""
        fa, fb = self._info.get(a), self._info.get(b)
        return bool(fa and fb and (fa.countries, fa.regions) == (fb.countries, fb.regions))

    def names(self, chunk_id: str, place: Place) -> bool:
        """The fact's label or statement names the place itself: its region, for a region;
        else its country."""
        fact = self._info.get(chunk_id)
        if fact is None or not place.country:
            return False
        if place.region:
            return place.region in fact.regions or place.region in fact.mentions
        return place.country in fact.countries or place.country in fact.mentioned

    def specific(self, chunk_id: str, place: Place) -> int:
        """How closely a fact fits the place: 2 its region, 1 its country, 0 EU-wide/unknown."""
        fact = self._info.get(chunk_id)
        if fact is None:
            return 0
        # A statement about one or two regions is about them; a list of six is about none.
        about = fact.regions or (fact.mentions if len(fact.mentions) <= 2 else ())
        if place.region and place.region in about:
            return 2
        return 1 if place.country and place.country in fact.countries else 0
