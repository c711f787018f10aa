"""The protection settings as the environment gives them."""

from __future__ import annotations

import click
import pytest

from hub.cli.runner import settings as cli_settings
from hub.core.config import Settings


def test_the_environment_sets_every_switch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUB_CORS_ORIGINS", "https://app.example.org,http://localhost:3000")
    monkeypatch.setenv("HUB_CSRF_CHECK", "true")
    monkeypatch.setenv("HUB_RATE_LIMIT_PER_TOKEN", "100")
    monkeypatch.setenv("HUB_RATE_LIMIT_PER_IP", "0")
    monkeypatch.setenv("HUB_RATE_LIMIT_REDIS_URL", "redis://127.0.0.1:6379/0")

    settings = Settings()

    assert settings.allowed_origins == {"https://app.example.org", "http://localhost:3000"}
    assert settings.effective_csrf_check is True
    assert settings.effective_rate_limit_per_token == 100
    assert settings.effective_rate_limit_per_ip == 0
    assert settings.rate_limit_redis_url == "redis://127.0.0.1:6379/0"


def test_development_turns_everything_off(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CORS_ORIGINS", "CSRF_CHECK", "RATE_LIMIT_PER_TOKEN", "RATE_LIMIT_PER_IP"):
        monkeypatch.delenv(f"HUB_{name}", raising=False)
    monkeypatch.setenv("HUB_ENVIRONMENT", "development")

    settings = Settings()

    assert settings.allowed_origins == frozenset()
    assert settings.effective_csrf_check is False
    assert settings.effective_rate_limit_per_token == 0
    assert settings.effective_rate_limit_per_ip == 0


def test_a_negative_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HUB_RATE_LIMIT_PER_TOKEN", "-1")

    with pytest.raises(ValueError, match="rate_limit_per_token"):
        Settings()


def test_the_cli_names_a_bad_origin_without_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("HUB_CORS_ORIGINS", "https://app.example.org, *")

    with pytest.raises(click.ClickException, match="HUB_CORS_ORIGINS: '\\*' is not an origin"):
        cli_settings()
