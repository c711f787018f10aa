"""Whether a tenant runs any document or only registered (trusted) ones."""

from __future__ import annotations

from enum import StrEnum


class TrustedDocumentsMode(StrEnum):
    # Any document runs: development, and tenants whose clients are scripts and explorers.
    OFF = "off"
    # Only documents registered with `hub schema operations register` run, sent by their
    # id or as their full text.
    REQUIRED = "required"


def effective_mode(
    global_mode: TrustedDocumentsMode, tenant_mode: TrustedDocumentsMode | None
) -> TrustedDocumentsMode:
    """A tenant's own setting wins over the global one, in both directions."""
    return tenant_mode if tenant_mode is not None else global_mode
