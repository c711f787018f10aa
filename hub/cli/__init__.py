"""The ``hub`` command.

Each command's module is imported when that command runs, not at start-up: an
administrator's `hub tokens list` should not wait for the GraphQL schema or the demo data
to load.
"""

from __future__ import annotations

import importlib

import click

# Command name -> "module:attribute", in the order `hub --help` lists them.
COMMANDS = {
    "serve": "hub.cli.serve:serve",
    "migrate": "hub.cli.database:migrate",
    "demo": "hub.cli.database:demo",
    "tenants": "hub.cli.tenants:tenants",
    "policy": "hub.cli.policy:policy",
    "users": "hub.cli.policy:users",
    "tokens": "hub.cli.tokens:tokens",
    "audit": "hub.cli.audit:audit",
    "export": "hub.cli.export:export",
    "mail": "hub.cli.mail:mail",
    "federation": "hub.cli.federation:federation",
    "schema": "hub.cli.schema:schema",
}


class _Commands(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        target = COMMANDS.get(cmd_name)
        if target is None:
            return None
        module, _, attribute = target.partition(":")
        command = getattr(importlib.import_module(module), attribute)
        assert isinstance(command, click.Command)
        return command


@click.group(cls=_Commands, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="network-engagement-hub", prog_name="hub")
def main() -> None:
    """Network Engagement Hub: serve the GraphQL API and administer tenants and access."""
