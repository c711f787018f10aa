"""The per-request context that resolvers and services receive."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from starlette.requests import Request

from hub.core.config import Settings

if TYPE_CHECKING:
    # Types only: the context is filled in by the layers above, which import this module.
    from hub.access.decisions import Decisions
    from hub.core.principal import Principal
    from hub.results.cache import ResultCache
    from hub.tenancy.models import Tenant


@dataclass
class Context:
    request: Request
    settings: Settings
    principal: Principal
    tenant: Tenant
    decisions: Decisions
    request_id: str
    # Per-request caches (DataLoaders and the like), keyed by their class.
    loaders: dict[type, Any] = field(default_factory=dict)
    # The language codes to look for, in order, by the `lang` argument a field was given.
    text_languages: dict[str | None, tuple[str, ...]] = field(default_factory=dict)
    # Where a read operation's result may be kept and found (HTTP requests only).
    result_cache: ResultCache | None = None
