"""A real HTTP server on this machine answering every GET with JSON, for the tests that
need one (an identity provider's key set)."""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Callable, Iterator, Mapping
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

# Given the request's headers (names in lower case), the JSON document to answer with.
Answer = Callable[[Mapping[str, str]], object]


@contextlib.contextmanager
def serving_json(answer: Answer) -> Iterator[str]:
    """The server, for the length of the block; its base URL (``http://127.0.0.1:PORT``)."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = json.dumps(answer({k.lower(): v for k, v in self.headers.items()})).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    # Polling often lets shutdown return at once.
    thread = threading.Thread(target=server.serve_forever, args=(0.01,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
