"""Who is calling."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID


@dataclass(frozen=True, slots=True)
class Principal:
    user_id: UUID
    email: str
    name: str
    home_tenant_id: UUID | None
    # A development token may name the tenant that requests default to.
    token_tenant: str | None = None

    @property
    def subject(self) -> str:
        """The Casbin subject for this caller."""
        return self.email
