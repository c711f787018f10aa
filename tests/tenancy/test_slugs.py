"""What a tenant's slug may be."""

from __future__ import annotations

import pytest

from hub.core.tenant_naming import is_slug


@pytest.mark.parametrize("slug", ["global", "asia-pacific", "a", "x9", "a" * 63])
def test_slugs(slug: str) -> None:
    assert is_slug(slug)


@pytest.mark.parametrize(
    "value",
    ["", "-a", "a-", "Asia", "a_b", "a b", "a\n", "a\x00", "\xff", "a" * 64, "é"],
)
def test_not_slugs(value: str) -> None:
    assert not is_slug(value)
