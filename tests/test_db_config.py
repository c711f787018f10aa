"""The Tortoise configuration: PostgreSQL through the hub's engine, with a server's bounds."""

from __future__ import annotations

from hub.core.db import PG_ENGINE, WaitBounds, tortoise_config

BOUNDS = WaitBounds(
    pool_size=10, acquire_timeout_seconds=5, statement_timeout_ms=15_000, lock_timeout_ms=5_000
)


def _connection(url: str, bounds: WaitBounds | None = BOUNDS) -> object:
    return tortoise_config(url, bounds)["connections"]["default"]


def test_a_postgres_url_runs_on_the_hubs_engine_with_the_bounds() -> None:
    connection = _connection("postgres://hub@db.example.org:5432/hub")
    assert isinstance(connection, dict)
    assert connection["engine"] == PG_ENGINE
    credentials = connection["credentials"]
    assert (credentials["maxsize"], credentials["minsize"]) == (10, 1)
    assert credentials["acquire_timeout"] == 5
    assert credentials["server_settings"] == {"statement_timeout": "15000", "lock_timeout": "5000"}


def test_the_urls_own_pool_sizes_win_and_stay_consistent() -> None:
    connection = _connection("postgres://hub@db:5432/hub?maxsize=20&minsize=30")
    assert isinstance(connection, dict)
    assert (connection["credentials"]["maxsize"], connection["credentials"]["minsize"]) == (20, 20)


def test_without_bounds_nothing_is_bounded_and_sqlite_is_left_as_it_is() -> None:
    connection = _connection("postgres://hub@db:5432/hub", bounds=None)
    assert isinstance(connection, dict)
    assert not {"acquire_timeout", "server_settings"} & set(connection["credentials"])
    assert _connection("sqlite://var/hub.sqlite3") == "sqlite://var/hub.sqlite3"
