"""Hybrid search over the index: dense (Chroma) fused with lexical (BM25), filtered by place.

The whole corpus (ids, texts, metadata; not vectors) is read once from the vector store into
memory when the retriever is built, and again on `refresh()` after a reindex: the lexical index
and the grouping of chunks into sections (all chunks under one heading) need it, and a knowledge
base of this kind is small. Dense search always goes to Chroma, embedded or a server.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Protocol, TypeVar

import numpy as np

log = logging.getLogger(__name__)

T = TypeVar("T")

RRF_K = 60
CANDIDATES = 30
GLOBAL = ("EU", "INT")


class SearchableStore(Protocol):
    def nearest(
        self, vector: list[float], k: int, where: dict[str, Any] | None = None
    ) -> list[tuple[str, float]]: ...

    def get(self, *args: Any, **kwargs: Any) -> dict[str, Any]: ...


@dataclass(frozen=True, slots=True)
class Hit:
    id: str
    body: str
    meta: dict[str, Any]
    score: float  # fused rank score (higher is better)
    similarity: float  # cosine similarity from the dense search (0 when lexical only)


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    text: str  # all bullets of the section, in document order
    meta: dict[str, Any]
    score: float


@dataclass(frozen=True, slots=True)
class SearchResult:
    hits: list[Hit]
    sections: list[Section]

    @property
    def top_similarity(self) -> float:
        return max((h.similarity for h in self.hits), default=0.0)

    def countries(self, n: int = 8) -> list[str]:
        return [str(h.meta.get("country", "")) for h in self.hits[:n]]

    def merged(self, other: SearchResult) -> SearchResult:
        """These hits, then those of `other` not among them (sections likewise). A hit found
        by both keeps its place here and the closeness the other search measured, if only that
        one's dense search reached it."""
        theirs = {h.id: h for h in other.hits}
        keys = {s.key for s in self.sections}
        ours = [
            replace(h, similarity=found.similarity)
            if (found := theirs.get(h.id)) is not None and found.similarity > h.similarity
            else h
            for h in self.hits
        ]
        seen = {h.id for h in self.hits}
        return SearchResult(
            [*ours, *(h for h in other.hits if h.id not in seen)],
            [*self.sections, *(s for s in other.sections if s.key not in keys)],
        )


_WORD = re.compile(r"[\w€$%]+(?:[.,]\d+)*", re.UNICODE)


def tokenize(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return [t.replace(",", "") for t in _WORD.findall(folded) if len(t) > 1 or t.isdigit()]


def place_filter(
    country: str | None, region: str | None, only_region: bool = False
) -> dict[str, Any] | None:
    """Chroma `where`: the learner's country plus EU-wide documents; other regions left out
    (`only_region`: the region's own documents alone; with region "", those of no region)."""
    clauses: list[dict[str, Any]] = []
    if country:
        clauses.append({"country": {"$in": [country, *GLOBAL]}})
    if region or only_region:
        clauses.append({"region": region} if only_region else {"region": {"$in": ["", region]}})
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def _allowed(
    meta: dict[str, Any], country: str | None, region: str | None, only_region: bool = False
) -> bool:
    if country and meta.get("country") not in (country, *GLOBAL):
        return False
    allowed = (region,) if only_region else ("", region)
    return not ((region or only_region) and meta.get("region", "") not in allowed)


class Translated(Protocol):
    """Translations of the knowledge base (`ingest.translations.Translations`)."""

    def get(self, lang: str, source: str, text: str) -> str | None: ...


class _NoTranslations:
    def get(self, lang: str, source: str, text: str) -> str | None:
        return None


class Retriever:
    """Searches one index; `refresh()` after the index changed.

    `translations` of the chunks feed the lexical side (one index per language, searched in the
    question's), so a German question meets German words; each chunk is still embedded once, in
    English, since the model matches across languages. Replies quote them in the learner's
    language.
    """

    def __init__(
        self,
        store: SearchableStore,
        embeddings: Any,
        *,
        lexical: bool = True,
        version: str = "",
        translations: Translated | None = None,
        languages: tuple[str, ...] = (),
    ) -> None:
        self._store = store
        self._embeddings = embeddings
        self._lexical = lexical
        self.version = version  # the index version searched, recorded with each answer
        # `is None`, not `or`: the translations' length would read every language.
        self.translations: Translated = (
            translations if translations is not None else _NoTranslations()
        )
        self._languages = languages
        self._bm25_lock = threading.Lock()
        self.refresh()

    def sibling(
        self, store: SearchableStore, version: str, translations: Translated | None = None
    ) -> Retriever:
        """A retriever over another index (version) with the same models and translations."""
        return Retriever(
            store,
            self._embeddings,
            lexical=self._lexical,
            version=version,
            translations=translations if translations is not None else self.translations,
            languages=self._languages,
        )

    def refresh(self) -> None:
        data = self._store.get(include=["documents", "metadatas"])
        self._ids: list[str] = list(data["ids"])
        self._texts: list[str] = list(data["documents"] or [])
        self._metas: list[dict[str, Any]] = [dict(m or {}) for m in data["metadatas"] or []]
        self._by_id = {cid: i for i, cid in enumerate(self._ids)}
        self._memo: dict[str, Any] = {}
        sections: dict[str, list[int]] = defaultdict(list)
        for i, meta in enumerate(self._metas):
            sections[str(meta.get("section", self._ids[i]))].append(i)
        self._sections = {
            key: sorted(rows, key=lambda i: int(self._metas[i].get("order", 0)))
            for key, rows in sections.items()
        }
        # One lexical index per language, built on the first question in it: the chunks' text
        # plus their translation into it, so a question meets the words of its own language
        # and not those of seven others.
        self._bm25: dict[str, Any] = {}
        if self._lexical and self._texts:
            self._lexical_index("")
        log.info("retriever loaded %d chunks in %d sections", len(self._ids), len(sections))

    def _lexical_index(self, lang: str) -> Any:
        """The BM25 index of one language (the English one for a language we do not know)."""
        if lang not in ("", *self._languages):
            lang = ""
        with self._bm25_lock:
            if lang not in self._bm25:
                import bm25s

                # bm25s sets its own logger to DEBUG when imported; leave the level to the app.
                logging.getLogger("bm25s").setLevel(logging.NOTSET)
                bm25 = bm25s.BM25()
                bm25.index([tokenize(t) for t in self._lexical_texts(lang)], show_progress=False)
                self._bm25[lang] = bm25
            return self._bm25[lang]

    def _lexical_texts(self, lang: str) -> list[str]:
        texts = []
        for text, meta in zip(self._texts, self._metas, strict=True):
            source, body = str(meta.get("source", "")), str(meta.get("body", ""))
            extra = self.translations.get(lang, source, body) if lang and body else None
            texts.append(f"{text} {extra}" if extra else text)
        return texts

    @property
    def size(self) -> int:
        return len(self._ids)

    def rows(self) -> Iterator[tuple[str, str, dict[str, Any]]]:
        """(chunk id, body, metadata) of every chunk of the index."""
        for i, chunk_id in enumerate(self._ids):
            yield chunk_id, str(self._metas[i].get("body", self._texts[i])), self._metas[i]

    def memo(self, name: str, build: Callable[[Retriever], T]) -> T:
        """What `build` derives from this index, built once (until the next `refresh`)."""
        if name not in self._memo:
            self._memo[name] = build(self)
        found: T = self._memo[name]
        return found

    def embed_query(self, text: str) -> list[float]:
        return list(self._embeddings.embed_query(text))

    def search(
        self,
        query: str,
        vector: list[float],
        *,
        country: str | None = None,
        region: str | None = None,
        k: int = 8,
        sections: int = 5,
        lang: str = "",
        only_region: bool = False,
        source: str | None = None,
    ) -> SearchResult:
        """Rank chunks by reciprocal rank fusion of dense and lexical results (`only_region`:
        among the region's own documents alone; `source`: within one document)."""
        if not self._ids:
            return SearchResult([], [])
        fused: dict[str, float] = defaultdict(float)
        similarity: dict[str, float] = {}
        where = {"source": source} if source else place_filter(country, region, only_region)
        dense = self._store.nearest(vector, min(CANDIDATES, len(self._ids)), where)
        for rank, (cid, distance) in enumerate(dense):
            fused[cid] += 1.0 / (RRF_K + rank)
            similarity[cid] = 1.0 - float(distance)
        lexical = self._lexical_rows(query, country, region, lang, only_region)
        if source:
            lexical = [row for row in lexical if self._metas[row].get("source") == source]
        for rank, row in enumerate(lexical):
            fused[self._ids[row]] += 1.0 / (RRF_K + rank)
        ranked = sorted(fused.items(), key=lambda kv: kv[1], reverse=True)
        hits = [
            Hit(
                cid,
                str(self._metas[i].get("body", self._texts[i])),
                self._metas[i],
                score,
                similarity.get(cid, 0.0),
            )
            for cid, score in ranked
            if (i := self._by_id.get(cid)) is not None
        ]
        return SearchResult(hits[:k], self._rank_sections(hits, sections))

    def _lexical_rows(
        self,
        query: str,
        country: str | None,
        region: str | None,
        lang: str = "",
        only_region: bool = False,
    ) -> list[int]:
        if not self._bm25:
            return []
        bm25 = self._lexical_index(lang)
        if bm25 is None:
            return []
        tokens = tokenize(query)
        if not tokens:
            return []
        scores = np.asarray(bm25.get_scores(tokens))
        order = np.argsort(-scores)
        rows: list[int] = []
        for row in order:
            if scores[row] <= 0 or len(rows) >= CANDIDATES:
                break
            if _allowed(self._metas[row], country, region, only_region):
                rows.append(int(row))
        return rows

    def _rank_sections(self, hits: list[Hit], limit: int) -> list[Section]:
        scores: dict[str, list[float]] = defaultdict(list)
        for hit in hits:
            scores[str(hit.meta.get("section", hit.id))].append(hit.score)
        ranked = sorted(
            scores.items(), key=lambda kv: sum(sorted(kv[1], reverse=True)[:3]), reverse=True
        )
        return [
            self.section(key, score=sum(sorted(s, reverse=True)[:3])) for key, s in ranked[:limit]
        ]

    def cited_sections(self, chunk_ids: Sequence[str]) -> tuple[str, ...]:
        """The whole sections the cited chunks come from, for evaluation and counsellors."""
        keys: list[str] = []
        for chunk_id in chunk_ids:
            found = self.chunk(chunk_id)
            if found and (key := str(found[1].get("section", ""))) not in keys:
                keys.append(key)
        return tuple(self.section(key).text for key in keys)

    def section(self, key: str, score: float = 0.0) -> Section:
        rows = self._sections.get(key, [])
        meta = self._metas[rows[0]] if rows else {}
        body = "\n".join(f"- {self._metas[i].get('body', self._texts[i])}" for i in rows)
        heading = str(meta.get("headings", ""))
        title = str(meta.get("title", ""))
        return Section(
            key,
            title,
            f"{title} › {heading}\n{body}" if heading else f"{title}\n{body}",
            meta,
            score,
        )

    def chunk(self, chunk_id: str) -> tuple[str, dict[str, Any]] | None:
        i = self._by_id.get(chunk_id)
        if i is None:
            return None
        return str(self._metas[i].get("body", self._texts[i])), self._metas[i]
