"""The composition root: builds the real objects from `Settings` once, and closes them.

Nothing else in the project constructs embeddings, vector stores, chat models or the engine;
channels and commands receive them from here.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, get_args

from langchain_core.embeddings import Embeddings

from bot.config import PROJECT_ROOT, EmbeddingsBackend, Settings
from bot.guidance.compose import LLMComposer, Prompts
from bot.guidance.embeddings import E5Embeddings, UseEmbeddings, model_id_of, openai_embeddings
from bot.guidance.pipeline import Engine
from bot.guidance.retrieval import Retriever
from bot.guidance.thresholds import THRESHOLDS
from bot.guidance.triage import Triage
from bot.indexes import (  # noqa: F401 - build_vector_store, index_is_current: public here
    ChromaIndexes,
    build_vector_store,
    index_is_current,
    live_index,
)
from ingest.indexer import IngestReport, read_manifest
from ingest.isolated import Bounds
from ingest.limits import MB, Limits
from ingest.translations import FOLDER as TRANSLATIONS
from ingest.translations import KnowledgeFolder, Translations, translations_fingerprint
from ingest.versions import IndexVersions, Version

if TYPE_CHECKING:
    from bot.courses.finder import CourseFinder
    from bot.editors.reindex import Progress, Reindexer, ReindexResult
    from bot.speech.service import Speech
    from bot.speech.types import Transcriber, Voice

log = logging.getLogger(__name__)

PROMPTS_DIR = PROJECT_ROOT / "prompts"


def build_embeddings(settings: Settings) -> Embeddings:
    if settings.embeddings == "use":
        return UseEmbeddings()
    if settings.embeddings == "openai":
        key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else None
        return openai_embeddings(settings.embeddings_model, key, settings.openai_base_url)
    return E5Embeddings()


def settings_for_model(settings: Settings, model_id: str) -> Settings | None:
    """`settings` with the EMBEDDINGS backend that embeds with `model_id`; None when this
    configuration has none (e.g. another OpenAI endpoint). Models load on first use only."""
    backends: tuple[EmbeddingsBackend, ...] = get_args(EmbeddingsBackend)
    for backend in backends:
        candidate = settings.model_copy(update={"embeddings": backend})
        if model_id_of(build_embeddings(candidate)) == model_id:
            return candidate
    return None


def document_limits(settings: Settings) -> Limits:
    """What one document may cost to read, for uploads and the knowledge folder alike."""
    return Limits(
        file_bytes=int(settings.doc_max_file_mb * MB),
        expanded_bytes=int(settings.doc_max_expanded_mb * MB),
        member_bytes=int(settings.doc_max_part_mb * MB),
        zip_members=settings.doc_max_parts,
        pages=settings.doc_max_pages,
        depth=settings.doc_max_depth,
        text_chars=settings.doc_max_text_chars,
    )


def knowledge_folder(settings: Settings) -> KnowledgeFolder:
    """The knowledge folder, read within the document limits, with its translations."""
    return KnowledgeFolder(settings.knowledge_dir, document_limits(settings))


def parse_bounds(settings: Settings) -> Bounds:
    """The time and memory of the worker process that reads documents."""
    return Bounds(seconds=settings.parse_timeout, memory_bytes=settings.parse_memory_mb * MB)


def build_reindexer(
    settings: Settings,
    embeddings: Embeddings,
    engine: Callable[[], Engine],
    on_live: Callable[[Version, Any, Retriever], None] | None = None,
    live_engine: Callable[[str], Engine | None] | None = None,
) -> Reindexer:
    from bot.editors.reindex import Reindexer

    return Reindexer(
        settings.knowledge_dir,
        IndexVersions(settings.index_dir),
        ChromaIndexes(settings, embeddings),
        embeddings,
        engine=engine,
        eval_path=settings.eval_path,
        tolerance=settings.gate_tolerance,
        limits=document_limits(settings),
        bounds=parse_bounds(settings),
        on_live=on_live,
        live_engine=live_engine,
    )


def reindex(
    settings: Settings,
    *,
    full: bool = False,
    force: bool = False,
    embeddings: Embeddings | None = None,
    services: Services | None = None,
    progress: Progress | None = None,
    by: str = "the command line",
) -> ReindexResult:
    """The gated reindex (`bot.editors.reindex`). With `services`, their engine switches to
    the new index; without, the engine the gate needs is built only if there is a gate. When
    the live index was built with another embedding model, the gate builds services on that
    model to evaluate it (closed afterwards). `by`: who asked, logged when forced."""
    embeddings = embeddings or (services.embeddings if services else build_embeddings(settings))
    built: list[Services] = []

    def engine() -> Engine:
        if services is not None:
            return services.engine
        if not built:
            built.append(build_services(settings, embeddings=embeddings))
        return built[0].engine

    def live_engine(model_id: str) -> Engine | None:
        own = settings_for_model(settings, model_id)
        if own is None:
            return None
        built.append(build_services(own))
        return built[-1].engine

    on_live = services.adopt if services is not None else None
    try:
        return build_reindexer(settings, embeddings, engine, on_live, live_engine).run(
            full=full, force=force, progress=progress, by=by
        )
    finally:
        for extra in built:
            extra.close()


def run_ingest(
    settings: Settings,
    *,
    full: bool = False,
    force: bool = False,
    embeddings: Embeddings | None = None,
) -> IngestReport:
    """Bring the live index in line with the knowledge folder, through the gate (incremental
    unless `full`); returns the ingest report."""
    return reindex(settings, full=full, force=force, embeddings=embeddings).report


def build_chat_model(settings: Settings, *, max_retries: int = 1) -> Any | None:
    """The chat model at the configured OpenAI-compatible endpoint, or None offline."""
    if not settings.llm_enabled:
        return None
    from langchain_openai import ChatOpenAI

    key = settings.openai_api_key.get_secret_value() if settings.openai_api_key else "unused"
    return ChatOpenAI(
        model=settings.llm_model,
        api_key=key,
        base_url=settings.openai_base_url,
        timeout=settings.llm_timeout,
        max_retries=max_retries,
        temperature=0.1,
    )


def build_llm(settings: Settings, detector: Any = None) -> LLMComposer | None:
    """The LLM composer when an endpoint is configured; `detector` (a `LanguageDetector`)
    makes it refuse answers written in another language than the learner's."""
    model = build_chat_model(settings)
    if model is None:
        return None
    detect = (lambda text, lang: detector.detect(text, fallback=lang)) if detector else None
    return LLMComposer(model, Prompts.load(PROMPTS_DIR), detect)


class _NoIndex:
    """The store of a bot started before the first build: empty until `sync_index`."""

    def get(self, *args: Any, **kwargs: Any) -> dict[str, Any]:
        return {"ids": [], "documents": [], "metadatas": []}

    def nearest(self, *args: Any, **kwargs: Any) -> list[tuple[str, float]]:
        return []


@dataclass
class Services:
    settings: Settings
    embeddings: Embeddings
    store: Any
    engine: Engine
    # Stores of earlier versions, closed one swap later (an answer may still be using one).
    retired: list[Any] = field(default_factory=list)
    _swap: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _foreign: str = ""  # a live version built with another embedding model, not adopted
    _translations_seen: tuple[int, int] = (0, 0)

    @property
    def index_version(self) -> str:
        return self.engine.retriever.version

    def adopt(self, version: Version, store: Any, retriever: Retriever) -> None:
        """Answer from `version` from now on, without a restart."""
        with self._swap:
            self.engine.retriever = retriever
            backend = ChromaIndexes(self.settings, self.embeddings)
            for old in self.retired:
                backend.close(old)
            self.retired = [self.store] if not isinstance(self.store, _NoIndex) else []
            self.store = store
        log.info("answering from index version %s", version.name)

    def sync_index(self) -> bool:
        """Adopt the live version if another process switched it; True when it did."""
        live = live_index(self.settings)
        if live is None or live.name in (self.index_version, self._foreign):
            return False
        built_with = read_manifest(live.path).get("model_id")
        if built_with not in (None, model_id_of(self.embeddings)):
            # Searching it with this model would fail on every question: keep the old one.
            log.error(
                "index version %s was built with %s, this bot embeds with %s: not adopted; "
                "restart the bot with that model's EMBEDDINGS setting",
                live.name,
                built_with,
                model_id_of(self.embeddings),
            )
            self._foreign = live.name
            return False
        store = ChromaIndexes(self.settings, self.embeddings).open(live)
        self.adopt(live, store, self.engine.retriever.sibling(store, live.name))
        return True

    def sync_translations(self) -> bool:
        """Answer with the knowledge base's translations as they are on disk now, if an editor
        changed them (`guidebot translations import`); True when they were reloaded."""
        folder = self.settings.knowledge_dir / TRANSLATIONS
        if (seen := translations_fingerprint(folder)) == self._translations_seen:
            return False
        self._translations_seen = seen
        translations = Translations.load(folder)
        with self._swap:
            retriever = self.engine.retriever
            self.engine.retriever = retriever.sibling(self.store, retriever.version, translations)
        log.info("translations changed on disk: reloaded (each language on first use)")
        return True

    def close(self) -> None:
        backend = ChromaIndexes(self.settings, self.embeddings)
        for store in [self.store, *self.retired]:
            if not isinstance(store, _NoIndex):
                backend.close(store)
        self.retired = []


def build_services(settings: Settings, *, embeddings: Embeddings | None = None) -> Services:
    """Everything the channels need, built once at start-up."""
    # Imported here so that `guidebot ingest` does not load the language models.
    from bot.guidance.language import LanguageDetector, Strings
    from bot.guidance.places import PlaceFinder

    embeddings = embeddings or build_embeddings(settings)
    strings, places, detector = Strings(), PlaceFinder(), LanguageDetector()
    live = live_index(settings)
    store = ChromaIndexes(settings, embeddings).open(live) if live else _NoIndex()
    folder = settings.knowledge_dir / TRANSLATIONS
    seen = translations_fingerprint(folder)
    retriever = Retriever(
        store,
        embeddings,
        version=live.name if live else "",
        translations=Translations.load(folder),
        languages=tuple(strings.languages()),
    )
    triage = Triage(
        settings.knowledge_dir / "_triage",
        embeddings.embed_documents,
        THRESHOLDS[settings.embeddings],
        cache_dir=settings.data_dir / "cache",
        model_id=model_id_of(embeddings),
        embed_query=embeddings.embed_query,
    )
    engine = Engine(
        retriever,
        strings,
        detector,
        places,
        triage,
        llm=build_llm(settings, detector),
        max_chars=settings.max_message_chars,
        courses=build_course_finder(settings, embeddings, strings, places),
    )
    return Services(settings, embeddings, store, engine, _translations_seen=seen)


def build_course_finder(
    settings: Settings, embeddings: Embeddings, strings: Any, places: Any
) -> CourseFinder | None:
    """The course finder over `knowledge/courses/`; None when there is no catalogue."""
    from bot.courses.catalogue import load_catalogue
    from bot.courses.finder import CourseFinder
    from bot.courses.geo import Gazetteer
    from bot.courses.search import RELEVANCE, CourseIndex, Relevance
    from bot.courses.texts import CourseTexts
    from bot.courses.vectors import course_vectors

    folder = settings.knowledge_dir / "courses"
    if not folder.is_dir():
        return None
    gazetteer = Gazetteer()
    catalogue = load_catalogue(folder, gazetteer.coordinates)
    if not catalogue.courses:
        return None
    vectors = course_vectors(
        catalogue.courses,
        embeddings.embed_documents,
        cache_dir=settings.data_dir / "cache",
        model_id=model_id_of(embeddings),
    )
    relevance = RELEVANCE.get(settings.embeddings, Relevance(margin=0.05, floor=0.0))
    return CourseFinder(
        CourseIndex(catalogue.courses, vectors, relevance),
        places=places,
        gazetteer=gazetteer,
        texts=CourseTexts(strings),
        embed_query=embeddings.embed_query,
    )


def build_speech(settings: Settings, languages: Iterable[str]) -> Speech | None:
    """Voice notes to text and spoken answers (`bot.speech`); None when both are off. Nothing
    loads here: the models load on the first voice note or spoken answer."""
    from bot.speech.service import Speech

    transcriber: Transcriber | None = None
    if settings.speech_to_text == "whisper":
        from functools import partial

        from bot.speech.whisper import WhisperTranscriber
        from bot.speech.worker import ProcessTranscriber

        # In a process of its own: Whisper's Python loop then never holds the bot's GIL.
        whisper = partial(
            WhisperTranscriber,
            settings.data_dir / "models",
            settings.speech_model,
            threads=settings.speech_threads,
            short_context=settings.speech_short_context,
        )
        transcriber = ProcessTranscriber(whisper, whisper().name)
    elif settings.speech_to_text == "openai":
        from bot.speech.remote import OpenAITranscriber

        key = settings.speech_api_key or settings.openai_api_key
        transcriber = OpenAITranscriber(
            settings.speech_api_model,
            api_key=key.get_secret_value() if key else None,
            base_url=settings.speech_api_base_url or settings.openai_base_url,
            timeout=settings.speech_timeout,
        )
    voice: Voice | None = None
    if settings.text_to_speech == "espeak":
        from bot.speech.espeak import ESpeakVoice

        voice = ESpeakVoice()
    if transcriber is None and voice is None:
        return None
    return Speech(
        transcriber,
        voice,
        languages=frozenset(languages),
        max_seconds=settings.voice_max_seconds,
        timeout=settings.speech_timeout,
        queue_size=settings.speech_queue,
    )
