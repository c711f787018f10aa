"""Settings that would be unsafe to serve with are refused before anything starts."""

from __future__ import annotations

import pytest

from hub.app import create_app
from hub.core.config import DEFAULT_SECRET_KEY, ConfigurationError, Settings, is_loopback


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("LOCALHOST", True),
        ("::ffff:127.0.0.1", True),
        ("0.0.0.0", False),
        ("::", False),
        ("", False),
        ("192.168.1.20", False),
        ("10.0.0.1", False),
        ("hub.example.org", False),
        ("localhost.example.org", False),
    ],
)
def test_loopback_addresses(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "hub.example.org"])
def test_the_default_secret_key_refuses_an_address_beyond_this_machine(host: str) -> None:
    settings = Settings(host=host, secret_key=DEFAULT_SECRET_KEY)
    with pytest.raises(ConfigurationError, match="HUB_SECRET_KEY=") as refused:
        settings.check()
    assert "secrets.token_urlsafe(32)" in str(refused.value)
    # and so does the application, however it is started (uvicorn, the image, the chart)
    with pytest.raises(ConfigurationError):
        create_app(settings, manage_orm=False)


def test_an_address_given_to_the_server_is_checked_too() -> None:
    settings = Settings(host="127.0.0.1", secret_key=DEFAULT_SECRET_KEY)
    settings.check()
    settings.check_bind("localhost")
    with pytest.raises(ConfigurationError, match=r"serve on 0\.0\.0\.0 "):
        settings.check_bind("0.0.0.0")


def test_a_secret_key_of_its_own_may_serve_any_address() -> None:
    Settings(host="0.0.0.0", secret_key="s" * 32).check()
