"""Whether a tenant runs any document or only registered (trusted) ones."""

from __future__ import annotations

from hub.core.config import TrustedDocumentsMode

__all__ = ["TrustedDocumentsMode", "effective_mode"]


def effective_mode(
    global_mode: TrustedDocumentsMode, tenant_mode: TrustedDocumentsMode | None
) -> TrustedDocumentsMode:
    """A tenant's own setting wins over the global one, in both directions."""
    return tenant_mode if tenant_mode is not None else global_mode
