"""``hub federation``: what this hub shares with the network's other hubs and holds of
theirs, on PostgreSQL's logical replication (docs/federation.md)."""

from __future__ import annotations

import os
import re

import click

from hub.access.enforcer import AccessControl
from hub.cli.runner import (
    BadInput,
    Negative,
    echo_json,
    json_option,
    run_with_db,
    settings,
)
from hub.federation.plan import Peer, Plan, apply, plan
from hub.federation.resync import resync
from hub.federation.status import missing_tenants, status


def _hub() -> str:
    current = settings()
    if not current.database_url.startswith(("postgres://", "postgresql://")):
        raise BadInput(
            "federation runs on PostgreSQL (logical replication); the SQLite default is one "
            "hub and needs none"
        )
    return current.federation_name


def peer_variable(name: str) -> str:
    """The environment variable that may hold the connection string of the peer ``name``,
    so that a secret need not be written on a command line."""
    return "HUB_FEDERATION_PEER_" + re.sub(r"[^A-Z0-9]", "_", name.upper())


def _peers(given: tuple[str, ...]) -> list[Peer]:
    peers = []
    for item in given:
        name, separator, dsn = item.partition("=")
        if not separator:
            dsn = os.environ.get(peer_variable(name), "")
        if not name or not dsn:
            raise BadInput(
                f"--peer takes NAME=CONNINFO, e.g. global='host=... dbname=...', or NAME with "
                f"the connection string in {peer_variable(name or 'NAME')}: {item!r}"
            )
        peers.append(Peer(name, dsn))
    return peers


_PEER = click.option(
    "--peer",
    "peers",
    multiple=True,
    metavar="NAME[=CONNINFO]",
    help=(
        "A hub to hold copies of, and how to reach its database (a libpq connection string; "
        "without it, from HUB_FEDERATION_PEER_NAME)."
    ),
)


@click.group()
def federation() -> None:
    """This hub among the network's hubs: what it owns and shares, and what it holds of
    the others, as read-only copies (HUB_FEDERATION_NAME names it)."""


async def _planned(hub: str, peers: list[Peer]) -> Plan:
    """The plan under the policy as the database holds it now."""
    access = AccessControl(settings().policy_model)
    await access.load()
    return await plan(hub, access, peers)


@federation.command("plan")
@_PEER
def federation_plan(peers: tuple[str, ...]) -> None:
    """Print the SQL that `apply` would send: what the policy lets travel and the rows it
    marks, the publication of this hub's own tenants, the guard of the copies, and the
    subscriptions to --peer hubs."""
    hub, wanted = _hub(), _peers(peers)
    made = run_with_db(lambda: _planned(hub, wanted))
    click.echo("\n".join(made.lines()))


@federation.command("apply")
@_PEER
def federation_apply(peers: tuple[str, ...]) -> None:
    """Make the plan so; applying it again changes nothing that is already so. Run it
    after a change of policy or of the tenant tree: what travels follows."""
    hub, wanted = _hub(), _peers(peers)

    async def work() -> int:
        made = await _planned(hub, wanted)
        await apply(made)
        return len(made.outside)

    subscribed = run_with_db(work)
    click.echo(f"hub {hub}: publication applied, {subscribed} subscription(s) created")


@federation.command("resync")
@_PEER
def federation_resync(peers: tuple[str, ...]) -> None:
    """Start the links from --peer hubs again from a first copy: after this hub or a peer
    was restored from a backup, or a peer was away longer than its WAL is kept. This
    hub's copies of the peer leave until the first copy brings them back."""
    hub, wanted = _hub(), _peers(peers)
    if not wanted:
        raise BadInput("name the hubs to copy again: --peer NAME=CONNINFO")

    async def work() -> list[str]:
        lines = []
        for peer in wanted:
            done = await resync(hub, peer)
            slot = "dropped" if done.slot_dropped else "not found or unreachable"
            lines.append(
                f"hub {hub}: copies of hub {peer.name} dropped ({sum(done.dropped.values())} "
                f"rows), its old slot {slot}, first copy started"
            )
        return lines

    click.echo("\n".join(run_with_db(work)))


@federation.command("wait")
@click.option(
    "--tenant",
    "slugs",
    multiple=True,
    required=True,
    help="A tenant that another hub owns and shares (repeat for several).",
)
@click.option("--timeout", type=click.FloatRange(min=0), default=600.0, show_default=True)
def federation_wait(slugs: tuple[str, ...], timeout: float) -> None:
    """Wait until --tenant tenants have arrived from the hubs that own them: a regional
    hub, newly subscribed, waits for the global tenant before applying its own below it."""
    hub = _hub()
    missing = run_with_db(lambda: missing_tenants(slugs, timeout))
    if missing:
        raise Negative(
            f"hub {hub}: after {timeout:g} s, no copy of {', '.join(missing)} has arrived; "
            "see `hub federation status` for the links"
        )
    click.echo(f"hub {hub}: {', '.join(slugs)} arrived")


@federation.command("status")
@json_option
def federation_status(as_json: bool) -> None:
    """What this hub owns, what it holds copies of, what it shares and keeps home and
    why, and how its links stand: the last change received, the changes refused, the lag."""
    hub = _hub()
    found = run_with_db(lambda: status(hub, sharing=True))
    if as_json:
        echo_json(found.as_json())
    else:
        click.echo("\n".join(found.lines()))
