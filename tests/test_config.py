"""Settings: every knob documented in .env.example, parsed from the environment."""

from __future__ import annotations

import re

import pytest

from bot.config import PROJECT_ROOT, Settings


def test_env_example_documents_every_setting_with_a_comment() -> None:
    text = (PROJECT_ROOT / ".env.example").read_text(encoding="utf-8")
    lines = text.splitlines()
    documented = {}
    for i, line in enumerate(lines):
        if m := re.match(r"^([A-Z_]+)=", line):
            documented[m.group(1)] = lines[i - 1].startswith("#") or lines[i - 2].startswith("#")
    expected = {name.upper() for name in Settings.model_fields}
    assert set(documented) == expected
    assert all(documented.values())


def test_ids_and_secrets_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COUNSELLOR_IDS", "12, 34")
    monkeypatch.setenv("EDITOR_IDS", "5")
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.counsellor_ids == [12, 34]
    assert settings.editor_ids == [5]
    assert settings.llm_enabled
    assert "sk-test" not in repr(settings)


def test_empty_values_mean_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "CHROMA_HOST", "COUNSELLOR_CHAT_ID"):
        monkeypatch.setenv(name, "")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert not settings.llm_enabled
    assert settings.chroma_host is None


def test_files_come_from_the_configured_bot_api_server() -> None:
    def file_url(**values: str) -> str:
        return Settings(_env_file=None, **values).file_base_url  # type: ignore[call-arg, arg-type]

    assert file_url() == "https://api.telegram.org/file/bot"
    assert file_url(telegram_api_base_url="http://127.0.0.1:8081/bot/") == (
        "http://127.0.0.1:8081/file/bot"
    )
    assert file_url(telegram_file_base_url="http://files.local/file/bot") == (
        "http://files.local/file/bot"
    )
