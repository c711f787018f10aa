"""Managing access over GraphQL, and every way of reaching beyond one's own rights."""

from __future__ import annotations

from hub.access.models import CasbinRule
from hub.access.service import grant_role
from hub.audit.models import AuditEntry
from hub.auth.service import create_api_token
from tests.conftest import Client

GRANT = """
mutation Grant($input: RoleGrantInput!) {
  grantRole(input: $input) {
    grant { email role tenantPath } changed errors { field code message }
  }
}
"""
REVOKE = """
mutation Revoke($input: RoleGrantInput!) {
  revokeRole(input: $input) { changed errors { code } }
}
"""
ADD_RULE = """
mutation Add($input: PolicyRuleInput!) {
  addPolicyRule(input: $input) { rule changed errors { field code message } }
}
"""
REMOVE_RULE = """
mutation Remove($input: PolicyRuleInput!) {
  removePolicyRule(input: $input) { rule changed errors { code } }
}
"""
ROLES = "{ viewer { roles } }"
ADMIN = "admin@network.example.org"
REGIONAL_ADMIN = "admin.asia-pacific@network.example.org"
NEWCOMER = "newcomer@example.org"


async def _grants(email: str) -> list[tuple[str, str]]:
    rows = await CasbinRule.filter(ptype="g", v0=email).order_by("v1")
    return [(r.v1, r.v2) for r in rows]


async def _regional_admin() -> None:
    for role in ("tenant_admin", "regional_focal_point"):
        await grant_role(REGIONAL_ADMIN, role, "asia-pacific", actor="test")


async def test_admin_grants_a_role_the_policy_lets_it_grant_and_it_takes_effect(
    client: Client,
) -> None:
    # when the admin grants a role it does not hold, which the baseline lets it grant
    reply = await client.gql(
        GRANT,
        {"input": {"email": NEWCOMER, "role": "regional_focal_point", "tenant": "spain"}},
        user=ADMIN,
    )
    # then
    assert reply.data["grantRole"] == {
        "grant": {
            "email": NEWCOMER,
            "role": "regional_focal_point",
            "tenantPath": "/global/europe-central-asia/spain",
        },
        "changed": True,
        "errors": [],
    }
    newcomer = await client.gql(ROLES, user=NEWCOMER)
    assert newcomer.data == {"viewer": {"roles": ["regional_focal_point"]}}
    entry = await AuditEntry.all().order_by("-id").first()
    assert entry is not None
    assert (entry.actor, entry.action) == (ADMIN, "role.grant")


async def test_revoke_takes_the_role_away(client: Client) -> None:
    # given
    await grant_role(NEWCOMER, "network_coordinator", "spain", actor="test")
    await client.reload_policies()
    # when
    reply = await client.gql(
        REVOKE,
        {"input": {"email": NEWCOMER, "role": "network_coordinator", "tenant": "spain"}},
        user=ADMIN,
    )
    # then
    assert reply.data["revokeRole"] == {"changed": True, "errors": []}
    assert (await client.gql(ROLES, user=NEWCOMER)).status == 403


async def test_nobody_grants_a_role_the_policy_does_not_let_them_grant(client: Client) -> None:
    # the admin holds network_coordinator, but holding a role is not leave to grant it
    for role in ("auditor", "network_coordinator"):
        reply = await client.gql(
            GRANT, {"input": {"email": NEWCOMER, "role": role, "tenant": "spain"}}, user=ADMIN
        )
        assert reply.codes == ["FORBIDDEN"]
    assert await _grants(NEWCOMER) == []


async def test_a_regional_admin_delegates_the_listed_roles_without_holding_them(
    client: Client,
) -> None:
    # given an admin of Asia-Pacific who holds no other role
    await grant_role(REGIONAL_ADMIN, "tenant_admin", "asia-pacific", actor="test")
    await client.reload_policies()
    # when
    team = await client.gql(
        GRANT,
        {"input": {"email": NEWCOMER, "role": "national_team_member", "tenant": "bangladesh"}},
        user=REGIONAL_ADMIN,
    )
    beyond = await client.gql(
        GRANT,
        {"input": {"email": NEWCOMER, "role": "advocacy_officer", "tenant": "bangladesh"}},
        user=REGIONAL_ADMIN,
    )
    itself = await client.gql(
        GRANT,
        {"input": {"email": REGIONAL_ADMIN, "role": "regional_focal_point"}},
        user=REGIONAL_ADMIN,
    )
    widened = await client.gql(
        ADD_RULE,
        {
            "input": {
                "role": "tenant_admin",
                "tenant": "bangladesh",
                "action": "grant",
                "object": "role:advocacy_officer",
            }
        },
        user=REGIONAL_ADMIN,
    )
    # then
    assert team.data["grantRole"]["changed"] is True
    assert beyond.codes == itself.codes == widened.codes == ["FORBIDDEN"]
    assert await _grants(NEWCOMER) == [("national_team_member", "/global/asia-pacific/bangladesh")]
    assert await _grants(REGIONAL_ADMIN) == [("tenant_admin", "/global/asia-pacific")]


async def test_a_rule_narrows_what_an_admin_may_grant(client: Client) -> None:
    # given a deny on granting team members in Spain
    await client.gql(
        ADD_RULE,
        {
            "input": {
                "role": "tenant_admin",
                "tenant": "spain",
                "action": "grant",
                "object": "role:national_team_member",
                "effect": "DENY",
            }
        },
        user=ADMIN,
    )
    # when
    spain = await client.gql(
        GRANT,
        {"input": {"email": NEWCOMER, "role": "national_team_member", "tenant": "spain"}},
        user=ADMIN,
    )
    # then
    assert spain.codes == ["FORBIDDEN"]
    assert await _grants(NEWCOMER) == []


async def test_nobody_changes_their_own_roles(client: Client) -> None:
    for mutation in (GRANT, REVOKE):
        reply = await client.gql(
            mutation,
            {"input": {"email": ADMIN, "role": "tenant_admin", "tenant": "spain"}},
            user=ADMIN,
        )
        assert reply.codes == ["FORBIDDEN"]
    assert await _grants(ADMIN) == [("network_coordinator", "/global"), ("tenant_admin", "/global")]


async def test_a_regional_admin_stays_inside_its_subtree(client: Client) -> None:
    # given
    await _regional_admin()
    await client.reload_policies()
    # when
    below = await client.gql(
        GRANT,
        {"input": {"email": NEWCOMER, "role": "regional_focal_point", "tenant": "bangladesh"}},
        user=REGIONAL_ADMIN,
    )
    beside = await client.gql(
        GRANT,
        {"input": {"email": NEWCOMER, "role": "regional_focal_point", "tenant": "spain"}},
        user=REGIONAL_ADMIN,
    )
    above = await client.gql(
        GRANT,
        {"input": {"email": NEWCOMER, "role": "regional_focal_point", "tenant": "global"}},
        user=REGIONAL_ADMIN,
    )
    everywhere = await client.gql(
        ADD_RULE,
        {
            "input": {
                "role": "regional_focal_point",
                "tenant": "*",
                "object": "work_stream",
                "action": "archive",
            }
        },
        user=REGIONAL_ADMIN,
    )
    # then
    assert below.data["grantRole"]["changed"] is True
    assert beside.codes == above.codes == everywhere.codes == ["FORBIDDEN"]
    assert await _grants(NEWCOMER) == [("regional_focal_point", "/global/asia-pacific/bangladesh")]


async def test_without_manage_policy_nothing_is_changed(client: Client) -> None:
    before = await CasbinRule.all().count()
    for user in ("coordinator@network.example.org", "auditor@network.example.org"):
        for mutation, variables in (
            (GRANT, {"input": {"email": NEWCOMER, "role": "auditor"}}),
            (ADD_RULE, {"input": {"role": "auditor", "object": "work_stream", "action": "read"}}),
        ):
            reply = await client.gql(mutation, variables, user=user)
            assert reply.codes == ["FORBIDDEN"]
            assert list(reply.data.values()) == [None]
    assert await CasbinRule.all().count() == before


async def test_a_deny_rule_added_over_the_api_applies_at_once(client: Client) -> None:
    # given
    rule = {
        "role": "national_team_member",
        "tenant": "bangladesh",
        "object": "work_stream:network",
        "action": "read",
        "effect": "DENY",
    }
    query = "{ workStreams { totalCount } }"
    before = await client.gql(query, user="team.bangladesh@network.example.org")
    # when
    added = await client.gql(ADD_RULE, {"input": rule}, user=ADMIN)
    after = await client.gql(query, user="team.bangladesh@network.example.org")
    removed = await client.gql(REMOVE_RULE, {"input": rule}, user=ADMIN)
    restored = await client.gql(query, user="team.bangladesh@network.example.org")
    # then
    assert added.data["addPolicyRule"] == {
        "rule": "p, national_team_member, /global/asia-pacific/bangladesh, "
        "work_stream:network, read, deny",
        "changed": True,
        "errors": [],
    }
    assert after.data["workStreams"]["totalCount"] < before.data["workStreams"]["totalCount"]
    assert removed.data["removePolicyRule"] == {"changed": True, "errors": []} | {
        "rule": added.data["addPolicyRule"]["rule"]
    }
    assert restored.data == before.data


async def test_nobody_allows_what_they_may_not_do_themselves(client: Client) -> None:
    # given a regional admin, who may not read the audit log
    await _regional_admin()
    await client.reload_policies()
    # when
    reply = await client.gql(
        ADD_RULE,
        {"input": {"role": "regional_focal_point", "object": "audit_log", "action": "read"}},
        user=REGIONAL_ADMIN,
    )
    # then
    assert reply.codes == ["FORBIDDEN"]


async def test_invalid_rules_and_roles_are_reported_in_the_payload(client: Client) -> None:
    bad_action = await client.gql(
        ADD_RULE,
        {"input": {"role": "auditor", "object": "work_stream", "action": "fly"}},
        user=ADMIN,
    )
    bad_email = await client.gql(
        GRANT, {"input": {"email": "not an email", "role": "tenant_admin"}}, user=ADMIN
    )
    assert bad_action.data["addPolicyRule"]["errors"][0]["code"] == "UNKNOWN"
    assert "unknown action 'fly'" in bad_action.data["addPolicyRule"]["errors"][0]["message"]
    assert bad_email.data["grantRole"]["errors"][0]["code"] == "INVALID"


async def test_unknown_names_in_a_rule_are_errors_in_the_payload_and_nothing_is_written(
    client: Client,
) -> None:
    # given
    before = await CasbinRule.all().count()
    rule = {"role": "auditor", "tenant": "bangladesh", "object": "work_stream", "action": "read"}
    cases = [
        ({"role": "national_team_membr"}, "role", "known roles: national_team_member, "),
        ({"object": "work_steam"}, "object", "known resources: work_stream, "),
        ({"object": "proposl:restricted"}, "object", "known resources: proposal, "),
        ({"object": "work_stream:restricte"}, "object", "known classifications: restricted, "),
        ({"tenant": "bangladsh"}, "tenant", "known tenants: bangladesh, "),
        ({"action": "work_stream", "object": "read"}, "action", "the action comes before"),
    ]
    for change, field, message in cases:
        # when
        reply = await client.gql(ADD_RULE, {"input": rule | change}, user=ADMIN)
        # then
        payload = reply.data["addPolicyRule"]
        assert (payload["rule"], payload["changed"]) == (None, False), change
        [error] = payload["errors"]
        assert error["field"] == field, change
        assert error["code"] in ("UNKNOWN", "INVALID")
        assert message in error["message"], change
    unknown_role = await client.gql(
        GRANT, {"input": {"email": NEWCOMER, "role": "auditr", "tenant": "spain"}}, user=ADMIN
    )
    assert unknown_role.data["grantRole"]["errors"] == [
        {
            "field": "role",
            "code": "UNKNOWN",
            "message": unknown_role.data["grantRole"]["errors"][0]["message"],
        }
    ]
    assert "known roles: auditor, " in unknown_role.data["grantRole"]["errors"][0]["message"]
    revoked = await client.gql(
        REVOKE,
        {
            "input": {
                "email": "team.bangladesh@network.example.org",
                "role": "national_team_membr",
                "tenant": "bangladesh",
            }
        },
        user=ADMIN,
    )
    assert revoked.data["revokeRole"] == {"changed": False, "errors": [{"code": "UNKNOWN"}]}
    assert await CasbinRule.all().count() == before


async def test_a_script_manages_access_with_an_api_token(client: Client) -> None:
    # given
    _, token = await create_api_token(ADMIN, "access script", None)
    # when
    reply = await client.gql(
        GRANT,
        {"input": {"email": NEWCOMER, "role": "tenant_admin", "tenant": "dhaka"}},
        token=token,
    )
    # then
    assert reply.data["grantRole"]["changed"] is True
    assert await _grants(NEWCOMER) == [("tenant_admin", "/global/asia-pacific/bangladesh/dhaka")]
