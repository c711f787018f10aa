"""``hub serve``."""

from __future__ import annotations

import click
import uvicorn

from hub.cli.runner import run_with_db, settings
from hub.migration_check import PendingMigrations, refuse_pending_migrations


@click.command()
@click.option("--host", default=None, help="Address to bind (default HUB_HOST or 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default HUB_PORT or 8000).")
def serve(host: str | None, port: int | None) -> None:
    """Serve the GraphQL API."""
    current = settings()
    # The app's lifespan refuses too, but through uvicorn that reads as a traceback.
    try:
        run_with_db(lambda: refuse_pending_migrations(current.database_url))
    except PendingMigrations as exc:
        raise click.ClickException(str(exc)) from exc
    uvicorn.run(
        "hub.app:create_app",
        factory=True,
        host=host or current.host,
        port=port or current.port,
        log_level="info",
        lifespan="on",
    )
