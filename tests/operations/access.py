"""Run cases for schema/operations/access.graphql."""

from __future__ import annotations

from tests.operations.runner import Operations, nodes, runs

FILE = "access.graphql"
AUDITOR = "auditor@network.example.org"
ADMIN = "admin@network.example.org"
NEWCOMER = "newcomer@network.example.org"


@runs(FILE, "AuditLog")
async def audit_log(ops: Operations) -> None:
    data = await ops.data(FILE, "AuditLog", user=AUDITOR)
    grants = await ops.data(FILE, "AuditLog", {"filter": {"action": "role.grant"}}, user=AUDITOR)

    assert data["auditLog"]["totalCount"] > 0
    assert {e["action"] for e in nodes(grants["auditLog"])} <= {"role.grant"}


async def _grant(ops: Operations) -> dict[str, object]:
    data = await ops.data(
        FILE,
        "GrantRole",
        {"input": {"email": NEWCOMER, "role": "national_team_member", "tenant": "spain"}},
        user=ADMIN,
    )
    assert data["grantRole"]["errors"] == []
    return dict(data["grantRole"])


@runs(FILE, "GrantRole")
async def grant_role(ops: Operations) -> None:
    granted = await _grant(ops)

    assert granted["changed"] is True


@runs(FILE, "RevokeRole")
async def revoke_role(ops: Operations) -> None:
    await _grant(ops)

    data = await ops.data(
        FILE,
        "RevokeRole",
        {"input": {"email": NEWCOMER, "role": "national_team_member", "tenant": "spain"}},
        user=ADMIN,
    )

    assert data["revokeRole"]["errors"] == []
    assert data["revokeRole"]["changed"] is True
