"""Running CLI commands: async work on the database, the exit codes every command shares,
and records printed as text or as one JSON document.

Exit codes, the same for every command (the README lists them):

- 0: success, or a yes (allowed, no difference, intact);
- 1: a negative answer (denied, differs, mismatch, a broken chain), raised as ``Negative``;
- 2: bad usage or input (click's own usage errors, ``BadInput``, a bad setting);
- 3: an operational error: the database cannot be reached or refuses (``OperationalError``).
"""

from __future__ import annotations

import asyncio
import getpass
import os
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any, Protocol, TypeVar

import click
import orjson
from pydantic import ValidationError
from tortoise.exceptions import BaseORMException

from hub.core.config import ConfigurationError, Settings
from hub.core.db import close_orm, init_orm
from hub.core.errors import HubError

T = TypeVar("T")

EXIT_NEGATIVE = 1
EXIT_BAD_INPUT = 2
EXIT_OPERATIONAL = 3


class Negative(click.ClickException):
    """A well-formed question answered no; the message is the answer."""

    exit_code = EXIT_NEGATIVE


class BadInput(click.ClickException):
    """The command's arguments, files or settings are wrong; nothing was changed."""

    exit_code = EXIT_BAD_INPUT


class OperationalError(click.ClickException):
    """The command could not do its work: the database is missing, down or refusing."""

    exit_code = EXIT_OPERATIONAL


json_option = click.option(
    "--json", "as_json", is_flag=True, help="Print one JSON document on stdout instead of text."
)


def echo_json(document: object) -> None:
    """One JSON document on stdout: what ``--json`` prints."""
    click.echo(orjson.dumps(document, option=orjson.OPT_INDENT_2, default=_jsonable).decode())


def _jsonable(value: Any) -> Any:
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    if isinstance(value, Path):
        return str(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


class Report(Protocol):
    """What a command that changes things reports: a record for ``--json``, lines for text."""

    def as_json(self) -> dict[str, object]: ...

    def lines(self) -> list[str]: ...


def echo_report(report: Report, as_json: bool) -> None:
    if as_json:
        echo_json(report.as_json())
        return
    for line in report.lines():
        click.echo(line)


def echo_listing(
    records: Callable[[], Awaitable[list[dict[str, object]]]],
    lines: Callable[[], Awaitable[list[str]]],
    as_json: bool,
    empty: str,
) -> None:
    """A listing read from the database: its records for ``--json``, else its lines, or
    ``empty`` where there is nothing to list."""
    if as_json:
        echo_json(run_with_db(records))
        return
    text = run_with_db(lines)
    click.echo("\n".join(text) if text else empty)


def cli_actor() -> str:
    """Who the audit log says made a change from the command line."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no name for this uid, e.g. in a bare container
        return f"cli:uid {os.getuid()}"


def _validation_message(exc: ValidationError) -> str:
    """One line per wrong setting, named by its environment variable."""
    lines = []
    for error in exc.errors():
        name = "HUB_" + "_".join(str(part) for part in error["loc"]).upper()
        given = error.get("input")
        lines.append(f"{name}={given!s}: {error['msg']}" if given is not None else name)
    return "; ".join(lines) or str(exc)


def settings() -> Settings:
    try:
        current = Settings()
        current.check()
    except ValidationError as exc:
        raise BadInput(f"bad setting: {_validation_message(exc)}") from exc
    except (ConfigurationError, ValueError) as exc:
        raise BadInput(str(exc)) from exc
    return current


def _sqlite_file(database_url: str) -> Path | None:
    prefix = "sqlite://"
    if not database_url.startswith(prefix):
        return None
    path = database_url[len(prefix) :].split("?", 1)[0]
    return None if not path or path == ":memory:" else Path(path)


def require_existing_database(database_url: str) -> None:
    """Refuse to open an SQLite file that does not exist: opening would create it empty."""
    path = _sqlite_file(database_url)
    if path is not None and not path.is_file():
        raise OperationalError(
            f"no database at {path.resolve()}: create one with `hub migrate` "
            "(or set HUB_DATABASE_URL to an existing database)"
        )


def run_with_db(work: Callable[[], Awaitable[T]]) -> T:
    """Open the database, run ``work``, close the database.

    Only ``hub migrate`` creates a database: every other command refuses to run where no
    SQLite file exists yet instead of leaving an empty one behind. A ``HubError`` from the
    work is bad input (exit 2); a database that cannot be reached or refuses is an
    operational error (exit 3).
    """
    url = settings().database_url
    require_existing_database(url)

    async def main() -> T:
        await init_orm(url)
        try:
            return await work()
        finally:
            await close_orm()

    try:
        return asyncio.run(main())
    except click.ClickException:
        raise
    except HubError as exc:
        raise BadInput(exc.message) from exc
    except (BaseORMException, OSError) as exc:
        raise OperationalError(f"database error: {exc}") from exc
    except Exception as exc:
        # asyncpg's own errors (a refused login, a missing database) are not OSErrors.
        if type(exc).__module__.startswith("asyncpg"):
            raise OperationalError(f"database error: {exc}") from exc
        raise


def fail_unless(ok: bool, message: str) -> None:
    """Exit 1 with ``message`` on stderr when a check answered no."""
    if not ok:
        raise Negative(message)
