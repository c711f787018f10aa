"""The GraphiQL page: only the hub's own files, a first query and the bearer token header
prefilled, so that a newcomer can press run and see the demo network."""

from __future__ import annotations

import html
import json
from datetime import timedelta

from hub.api.ide.assets import SCRIPTS, STYLESHEETS, IdeAssets
from hub.auth.tokens import issue_dev_token
from hub.core.config import DEFAULT_SECRET_KEY, Settings
from hub.demo import DEMO_USERS

DEMO_TOKEN_LIFETIME = timedelta(hours=8)
TOKEN_PLACEHOLDER = "<paste a token printed by: hub demo tokens>"

DEFAULT_QUERY = """\
# The Network Engagement Hub. Press the run button
# (or Ctrl-Enter) to see the work streams you may read.
# "Headers" below says who calls: `hub demo tokens`
# prints a token for every demo user.
query WorkStreams {
  viewer { email roles tenant { slug path } }
  workStreams(first: 5) {
    totalCount
    edges { node { id title classification } }
  }
}
"""

# Nothing but the hub itself: a page that tried to reach a CDN would fail here, visibly,
# rather than work only on a machine that happens to be online.
CONTENT_SECURITY_POLICY = "; ".join(
    (
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
    )
)


def demo_token(settings: Settings) -> str | None:
    """A token for the first demo user (the network coordinator), or ``None``.

    Only under the development secret key: anyone who has read this code can sign tokens
    with it anyway, so handing one to whoever opens the page gives nothing away. Under a
    secret key of its own a hub hands out no tokens.
    """
    if settings.is_production or settings.secret_key != DEFAULT_SECRET_KEY:
        return None
    return issue_dev_token(settings.secret_key, DEMO_USERS[0].email, None, DEMO_TOKEN_LIFETIME)


def default_headers(token: str | None) -> str:
    return json.dumps({"Authorization": f"Bearer {token or TOKEN_PLACEHOLDER}"}, indent=2)


def _script_json(value: object) -> str:
    """JSON that cannot end the ``<script>`` element it sits in."""
    text = json.dumps(value)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_page(
    assets: IdeAssets, *, headers: str, tenant: str | None = None, root_path: str = ""
) -> str:
    title = "GraphiQL · Network Engagement Hub" + (f" · {tenant}" if tenant else "")
    config = {"defaultQuery": DEFAULT_QUERY, "defaultHeaders": headers}
    links = "\n".join(
        f'<link rel="stylesheet" href="{html.escape(assets.url(name, root_path))}">'
        for name in STYLESHEETS
    )
    scripts = "\n".join(
        f'<script src="{html.escape(assets.url(name, root_path))}"></script>' for name in SCRIPTS
    )
    return f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<link rel="icon" href="data:,">
<title>{html.escape(title)}</title>
{links}
</head>
<body>
<div id="graphiql">Loading GraphiQL…</div>
<script id="hub-ide-config" type="application/json">{_script_json(config)}</script>
{scripts}
</body>
</html>
"""
