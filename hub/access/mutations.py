"""Access mutations: role grants and policy rules, for remote administration scripts."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from enum import StrEnum

import strawberry

from hub.access import admin
from hub.access.permissions import guarded
from hub.access.policy_files import Rule
from hub.access.resources import Action, Resource
from hub.core.context import Context
from hub.graphql.enums import described_enum
from hub.graphql.mutation_inputs import optional
from hub.graphql.payloads import ADMIN_REFUSALS, payload_or_errors
from hub.graphql.resolver_types import Info, Input
from hub.graphql.user_errors import UserError, input_errors
from hub.tenancy.models import Tenant

MANAGE = (
    "Only in this tenant and the tenants below it; you may grant the roles the policy lets "
    "you grant there (rules on role:NAME with the action grant)."
)


@strawberry.input(description="A role for a person in a tenant (and the tenants below it).")
class RoleGrantInput:
    email: str = strawberry.field(description="The person; created if new.")
    role: str = strawberry.field(description="A role named by the policies.")
    tenant: str | None = optional("Tenant slug; this request's tenant if omitted.")


@strawberry.type(description="A role held by a person in a tenant.")
class RoleGrant:
    email: str = strawberry.field(description="The person.")
    role: str = strawberry.field(description="The role.")
    tenant_path: str = strawberry.field(description="Where it was granted; reaches below.")


@strawberry.type(description="Result of grantRole and revokeRole.")
class RoleGrantPayload:
    grant: RoleGrant | None = strawberry.field(description="The grant concerned.")
    changed: bool = strawberry.field(description="False when there was nothing to change.")
    errors: list[UserError] = input_errors()


class PolicyEffect(StrEnum):
    ALLOW = "allow"
    DENY = "deny"


described_enum(
    PolicyEffect,
    "Whether a rule allows or denies; a deny wins over any allow.",
    {PolicyEffect.ALLOW: "The rule allows the action.", PolicyEffect.DENY: "The rule denies it."},
)


@strawberry.input(description="A permission rule for a role.")
class PolicyRuleInput:
    role: str = strawberry.field(
        description="The role the rule is for (one the policy declares), an email or org:ID."
    )
    tenant: str | None = optional(
        "Tenant slug (the rule reaches below it), or * for every tenant (from "
        "the root tenant only); this request's tenant if omitted."
    )
    object: str = strawberry.field(
        description="e.g. work_stream, work_stream:restricted, or role:NAME with the action grant."
    )
    action: str = strawberry.field(description="e.g. read, create, update, grant.")
    effect: PolicyEffect = strawberry.field(default=PolicyEffect.ALLOW, description="Effect.")


@strawberry.type(description="Result of addPolicyRule and removePolicyRule.")
class PolicyRulePayload:
    rule: str | None = strawberry.field(description="The rule, as `hub policy list` prints it.")
    changed: bool = strawberry.field(description="False when there was nothing to change.")
    errors: list[UserError] = input_errors()


def _grant(input: RoleGrantInput, path: str) -> RoleGrant:
    return RoleGrant(email=input.email.strip().lower(), role=input.role, tenant_path=path)


def _grant_refused(errors: list[UserError]) -> RoleGrantPayload:
    return RoleGrantPayload(grant=None, changed=False, errors=errors)


async def _change_grant(
    input: RoleGrantInput, change: Awaitable[tuple[Tenant, bool]]
) -> RoleGrantPayload:
    def done(result: tuple[Tenant, bool]) -> RoleGrantPayload:
        tenant, changed = result
        return RoleGrantPayload(grant=_grant(input, tenant.path), changed=changed, errors=[])

    return await payload_or_errors(change, done, _grant_refused, refusing=ADMIN_REFUSALS)


async def _granted(ctx: Context, input: RoleGrantInput) -> tuple[Tenant, bool]:
    # grantRole answers changed: true even when the person held the role already.
    return await admin.grant(ctx, input.email, input.role, input.tenant), True


RuleChange = Callable[[Context, str, str | None, str, str, bool], Awaitable[tuple[Rule, bool]]]


def _rule_changed(result: tuple[Rule, bool]) -> PolicyRulePayload:
    rule, changed = result
    return PolicyRulePayload(rule=str(rule), changed=changed, errors=[])


def _rule_refused(errors: list[UserError]) -> PolicyRulePayload:
    return PolicyRulePayload(rule=None, changed=False, errors=errors)


async def _change_rule(
    change: RuleChange,
    ctx: Context,
    input: PolicyRuleInput,
) -> PolicyRulePayload:
    deny = input.effect is PolicyEffect.DENY
    return await payload_or_errors(
        change(ctx, input.role, input.tenant, input.object, input.action, deny),
        _rule_changed,
        _rule_refused,
        refusing=ADMIN_REFUSALS,
    )


@strawberry.type
class AccessMutation:
    @strawberry.mutation(
        **guarded(Resource.POLICY, Action.MANAGE_POLICY, f"Give a person a role. {MANAGE}")
    )
    async def grant_role(
        self,
        info: Info,
        input: Input[RoleGrantInput],
    ) -> RoleGrantPayload | None:
        return await _change_grant(input, _granted(info.context, input))

    @strawberry.mutation(
        **guarded(Resource.POLICY, Action.MANAGE_POLICY, f"Take a role away. {MANAGE}")
    )
    async def revoke_role(
        self,
        info: Info,
        input: Input[RoleGrantInput],
    ) -> RoleGrantPayload | None:
        return await _change_grant(
            input, admin.revoke(info.context, input.email, input.role, input.tenant)
        )

    @strawberry.mutation(
        **guarded(Resource.POLICY, Action.MANAGE_POLICY, f"Add a permission rule. {MANAGE}")
    )
    async def add_policy_rule(
        self,
        info: Info,
        input: Input[PolicyRuleInput],
    ) -> PolicyRulePayload | None:
        return await _change_rule(admin.add_rule, info.context, input)

    @strawberry.mutation(
        **guarded(Resource.POLICY, Action.MANAGE_POLICY, f"Remove a permission rule. {MANAGE}")
    )
    async def remove_policy_rule(
        self,
        info: Info,
        input: Input[PolicyRuleInput],
    ) -> PolicyRulePayload | None:
        return await _change_rule(admin.remove_rule, info.context, input)
