"""``hub serve``."""

from __future__ import annotations

import click
import uvicorn

from hub.cli.runner import settings


@click.command()
@click.option("--host", default=None, help="Address to bind (default HUB_HOST or 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default HUB_PORT or 8000).")
def serve(host: str | None, port: int | None) -> None:
    """Serve the GraphQL API."""
    current = settings()
    uvicorn.run(
        "hub.app:create_app",
        factory=True,
        host=host or current.host,
        port=port or current.port,
        log_level="info",
        lifespan="on",
    )
