"""``hub serve``."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from types import FrameType

import click
import uvicorn

from hub.cli.runner import BadInput, OperationalError, run_with_db, settings
from hub.core.config import ConfigurationError
from hub.core.migration_check import PendingMigrations, refuse_pending_migrations
from hub.observability.logs import configure_logging

# uvicorn's exit status when the application fails to start.
STARTUP_FAILURE = 3


@click.command()
@click.option("--host", default=None, help="Address to bind (default HUB_HOST or 127.0.0.1).")
@click.option("--port", type=int, default=None, help="Port (default HUB_PORT or 8000).")
def serve(host: str | None, port: int | None) -> None:
    """Serve the GraphQL API."""
    current = settings()
    if host is not None:
        try:
            current.check_bind(host)
        except ConfigurationError as exc:
            raise BadInput(str(exc)) from exc
        # The application factory reads its settings afresh: it checks the same address.
        os.environ["HUB_HOST"] = host
    configure_logging(current.effective_log_format)
    # The app's lifespan refuses too, but through uvicorn that reads as a traceback.
    try:
        run_with_db(lambda: refuse_pending_migrations(current.database_url))
    except PendingMigrations as exc:
        raise OperationalError(str(exc)) from exc
    server = uvicorn.Server(
        uvicorn.Config(
            "hub.app:create_app",
            factory=True,
            host=host or current.host,
            port=port or current.port,
            log_config=None,  # configure_logging's handler formats uvicorn's records too
            log_level="info",
            lifespan="on",
            # Subscriptions need WebSockets; this is the implementation `websockets` keeps.
            ws="websockets-sansio",
            timeout_graceful_shutdown=current.shutdown_grace_seconds,
        )
    )

    def on_sigterm(signum: int, frame: FrameType | None) -> None:
        # uvicorn handles SIGTERM itself (stop accepting, drain, shut down) and then raises
        # it again to reach the previous handler, this one. After such a shutdown the exit
        # is a clean one; before uvicorn took over there was nothing to drain.
        if not server.should_exit:
            sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, on_sigterm)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C, raised again the same way
        server.run()
    if not server.started:
        sys.exit(STARTUP_FAILURE)
