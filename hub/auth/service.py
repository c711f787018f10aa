"""Authentication and the management of users and API tokens."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from uuid import UUID

from hub.audit import log as audit
from hub.auth.models import ApiToken, User
from hub.auth.oidc import ALGORITHMS as OIDC_ALGORITHMS
from hub.auth.oidc import OidcVerifier, token_algorithm
from hub.auth.tokens import (
    hash_api_token,
    is_api_token,
    issue_dev_token,
    new_api_token,
    shown_prefix,
    verify_dev_token,
)
from hub.core.db import atomic
from hub.core.errors import BadUserInput, NotFound, Unauthenticated
from hub.core.principal import Principal
from hub.results.directory import Lookups
from hub.tenancy.domains import ANY_DOMAIN
from hub.tenancy.models import Tenant

# Active users by email, as principals (frozen): None for an unknown or inactive one.
_active_users: Lookups[str, Principal | None] = Lookups()


def _principal(user: User, token_tenant: str | None = None) -> Principal:
    return Principal(
        user_id=user.id,
        email=user.email,
        name=user.name,
        home_tenant_id=user.home_tenant_id,  # type: ignore[arg-type]
        token_tenant=token_tenant,
    )


async def authenticate(
    authorization: str | None, secret_key: str, oidc: OidcVerifier | None = None
) -> Principal:
    """Turn an ``Authorization`` header into a principal, or raise ``Unauthenticated``.

    The token says which kind it is: ``hub_...`` API tokens, HS256 development tokens
    signed with the secret key, and RS256/ES256 tokens of the identity provider.
    """
    if not authorization:
        raise Unauthenticated("A bearer token is required.")
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthenticated("The Authorization header must be 'Bearer <token>'.")
    if is_api_token(token):
        return await _authenticate_api_token(token)
    tenant = None
    if oidc is not None and token_algorithm(token) in OIDC_ALGORITHMS:
        email = await oidc.verify(token)
    else:
        claims = verify_dev_token(secret_key, token)
        email, tenant = claims.email, claims.tenant
    found = await _active_users.get(email, lambda: _active_user(email))
    if found is None:
        raise Unauthenticated("The bearer token names no active user.")
    return dataclasses.replace(found, token_tenant=tenant)


async def principal_of(email: str) -> Principal:
    """The active user with this email, as a principal (for a command acting as them)."""
    found = await _active_user(normalise_email(email))
    if found is None:
        raise NotFound(f"No active user has the email {email}.")
    return found


async def _active_user(email: str) -> Principal | None:
    user = await User.get_or_none(email=email, is_active=True)
    return _principal(user) if user is not None else None


async def _authenticate_api_token(token: str) -> Principal:
    row = await ApiToken.filter(secret_hash=hash_api_token(token)).select_related("user").first()
    if row is None or row.revoked_at is not None:
        raise Unauthenticated("The API token is unknown or revoked.")
    if row.expires_at is not None and row.expires_at <= datetime.now(UTC):
        raise Unauthenticated("The API token has expired.")
    if not row.user.is_active:
        raise Unauthenticated("The API token's user is not active.")
    return _principal(row.user)


async def get_user(email: str) -> User:
    user = await User.get_or_none(email=normalise_email(email))
    if user is None:
        raise NotFound(f"No user has the email {email}.")
    return user


def normalise_email(email: str) -> str:
    email = email.strip().lower()
    local, _, domain = email.partition("@")
    if not local or "." not in domain or " " in email:
        raise BadUserInput(f"'{email}' is not an email address.")
    return email


async def ensure_user(email: str, name: str = "", home_tenant: Tenant | None = None) -> User:
    """Create the user if needed; fill in a missing name or home tenant."""
    user, created = await User.get_or_create(
        email=normalise_email(email), defaults={"name": name, "home_tenant": home_tenant}
    )
    changed = False
    if not created and name and not user.name:
        user.name, changed = name, True
    if not created and home_tenant is not None and user.home_tenant_id is None:
        user.home_tenant, changed = home_tenant, True
    if changed:
        await user.save()
    return user


async def issue_token(secret_key: str, email: str, tenant: str | None, lifetime: timedelta) -> str:
    user = await get_user(email)
    if tenant is not None and not await Tenant.exists(slug=tenant):
        raise NotFound(f"No tenant has the slug {tenant}.")
    return issue_dev_token(secret_key, user.email, tenant, lifetime)


async def create_api_token(
    email: str, name: str, lifetime: timedelta | None, *, actor: str = audit.UNNAMED_ACTOR
) -> tuple[ApiToken, str]:
    """A new API token; its secret is returned once and only its hash is kept, with the
    prefix that lists show. The creation is audited in the same transaction."""
    user = await get_user(email)
    secret = new_api_token()
    expires = datetime.now(UTC) + lifetime if lifetime else None
    async with atomic():
        row = await ApiToken.create(
            user=user,
            name=name,
            secret_hash=hash_api_token(secret),
            prefix=shown_prefix(secret),
            expires_at=expires,
        )
        row.user = user
        await audit.append([await _token_entry(actor, "token.create", row)])
    return row, secret


async def find_api_token(id_or_secret: str) -> ApiToken:
    """The token with this id, or whose secret this is (a leaked one, to revoke)."""
    if is_api_token(id_or_secret):
        row = await ApiToken.filter(secret_hash=hash_api_token(id_or_secret)).first()
        if row is None:
            # Never repeat the secret: messages end up in terminals' scrollback and logs.
            raise NotFound(f"No API token has the secret {shown_prefix(id_or_secret)}...")
        return row
    try:
        found = await ApiToken.get_or_none(id=UUID(id_or_secret))
    except ValueError:
        found = None
    if found is None:
        raise NotFound(f"No API token has the id {id_or_secret}.")
    return found


async def revoke_api_token(
    id_or_secret: str, *, actor: str = audit.UNNAMED_ACTOR
) -> tuple[ApiToken, bool]:
    """Revoke a token named by its id or its secret; False when it was revoked already.

    A revocation is audited in the same transaction; revoking again changes nothing.
    """
    async with atomic():
        row = await find_api_token(id_or_secret)
        await row.fetch_related("user")
        if row.revoked_at is not None:
            return row, False
        row.revoked_at = datetime.now(UTC)
        await row.save(update_fields=["revoked_at"])
        await audit.append([await _token_entry(actor, "token.revoke", row)])
    return row, True


async def _token_entry(actor: str, action: str, row: ApiToken) -> audit.AuditRecord:
    """Filed under the user's home tenant, whose auditors answer for the user; a user
    without one under every tenant, which only the root tenant's auditors read."""
    home = await Tenant.get_or_none(id=row.user.home_tenant_id) if row.user.home_tenant_id else None
    expires = row.expires_at.isoformat(timespec="seconds") if row.expires_at else "never"
    described = (
        f"api_token:{row.id} user={row.user.email} name={row.name!r} "
        f"prefix={row.prefix or '-'} expires={expires}"
    )
    return audit.applied(actor, home.path if home else ANY_DOMAIN, action, described)
