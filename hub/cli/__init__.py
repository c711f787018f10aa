"""The ``hub`` command."""

from __future__ import annotations

import click

from hub.cli.audit import audit
from hub.cli.database import demo, migrate
from hub.cli.policy import policy, users
from hub.cli.schema import schema
from hub.cli.serve import serve
from hub.cli.tenants import tenants
from hub.cli.tokens import tokens


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="network-engagement-hub", prog_name="hub")
def main() -> None:
    """Network Engagement Hub: serve the GraphQL API and administer tenants and access."""


for command in (serve, migrate, demo, tenants, policy, users, tokens, audit, schema):
    main.add_command(command)
