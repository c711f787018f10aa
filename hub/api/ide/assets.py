"""The IDE's static files, served by the hub itself so that it works without internet:
GraphiQL and React as vendored by ``scripts/vendor-graphiql``, and the page's own script
and stylesheet.

Each file's URL carries the start of its SHA-256 (``/ide/<digest>/graphiql.min.js``), so a
browser may keep it for a year: a new version is a new URL.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from hub.core.errors import NotFound, error_body

ASSET_ROUTE = "/ide/{digest}/{name}"
CACHE_FOR_A_YEAR = "public, max-age=31536000, immutable"
DIGEST_LENGTH = 16
CONTENT_TYPES = {".js": "text/javascript", ".css": "text/css"}

# In the order the page loads them: GraphiQL's UMD build expects React and ReactDOM globals.
SCRIPTS = ("react.production.min.js", "react-dom.production.min.js", "graphiql.min.js", "ide.js")
STYLESHEETS = ("graphiql.min.css", "ide.css")
OWN_FILES = ("ide.js", "ide.css")


@dataclass(frozen=True, slots=True)
class Asset:
    name: str
    body: bytes
    digest: str

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES[self.name[self.name.rfind(".") :]]

    @property
    def path(self) -> str:
        return ASSET_ROUTE.format(digest=self.digest, name=self.name)


def vendor_manifest() -> dict[str, Any]:
    """The manifest written by ``scripts/vendor-graphiql``: package, version, size and
    SHA-256 of every vendored file."""
    text = resources.files("hub.api.ide").joinpath("vendor", "manifest.json").read_text()
    manifest: dict[str, Any] = json.loads(text)
    return manifest


def _asset(name: str, body: bytes) -> Asset:
    return Asset(name, body, hashlib.sha256(body).hexdigest()[:DIGEST_LENGTH])


class IdeAssets:
    """The files read once, when the app is built; they are about 1.5 MB."""

    def __init__(self) -> None:
        package = resources.files("hub.api.ide")
        assets = [
            _asset(name, package.joinpath("vendor", name).read_bytes())
            for name in vendor_manifest()["files"]
        ]
        assets += [
            _asset(name, package.joinpath("static", name).read_bytes()) for name in OWN_FILES
        ]
        self._by_name = {asset.name: asset for asset in assets}

    def url(self, name: str, root_path: str = "") -> str:
        return root_path + self._by_name[name].path

    async def endpoint(self, request: Request) -> Response:
        asset = self._by_name.get(request.path_params["name"])
        if asset is None or asset.digest != request.path_params["digest"]:
            # An old digest must not be answered with new content the browser then keeps.
            error = NotFound("No such IDE file; reload the IDE page.")
            return JSONResponse(error_body(error), status_code=error.http_status)
        return Response(
            asset.body,
            media_type=asset.content_type,
            headers={"Cache-Control": CACHE_FOR_A_YEAR, "X-Content-Type-Options": "nosniff"},
        )
