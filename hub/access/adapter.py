"""A Casbin adapter that keeps the rules in the ``casbin_rule`` table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from casbin.persist.adapter import load_policy_line
from casbin.persist.adapters.asyncio import AsyncAdapter
from tortoise.transactions import in_transaction

from hub.access.models import CasbinRule
from hub.access.policy_files import Rule

FIELDS = ("v0", "v1", "v2", "v3", "v4", "v5")


def _columns(ptype: str, rule: Sequence[str]) -> dict[str, str]:
    if len(rule) > len(FIELDS):
        raise ValueError(f"a rule has at most {len(FIELDS)} fields: {list(rule)}")
    values = {name: "" for name in FIELDS}
    values.update(zip(FIELDS, rule, strict=False))
    return {"ptype": ptype, **values}


async def load_rules() -> list[Rule]:
    """Every stored rule, in the order it was added."""
    rows = await CasbinRule.all().order_by("id").values_list("ptype", *FIELDS)
    return [Rule(str(row[0]), _trimmed(row[1:])) for row in rows]


def _trimmed(values: tuple[object, ...]) -> tuple[str, ...]:
    """The rule's fields without the empty trailing ones."""
    fields = [str(v) for v in values]
    while fields and fields[-1] == "":
        fields.pop()
    return tuple(fields)


class TortoiseAdapter(AsyncAdapter):  # type: ignore[misc]
    async def load_policy(self, model: Any) -> None:
        for rule in await load_rules():
            if rule.ptype in ("p", "p2", "g"):
                load_policy_line(str(rule), model)

    async def save_policy(self, model: Any) -> bool:
        async with in_transaction():
            await CasbinRule.all().delete()
            for sec in ("p", "g"):
                for ptype, assertion in model.model.get(sec, {}).items():
                    for rule in assertion.policy:
                        await CasbinRule(**_columns(ptype, rule)).save()
        return True

    async def add_policy(self, sec: str, ptype: str, rule: Sequence[str]) -> None:
        columns = _columns(ptype, rule)
        if not await CasbinRule.filter(**columns).exists():
            await CasbinRule(**columns).save()

    async def add_policies(self, sec: str, ptype: str, rules: Sequence[Sequence[str]]) -> None:
        async with in_transaction():
            for rule in rules:
                await self.add_policy(sec, ptype, rule)

    async def remove_policy(self, sec: str, ptype: str, rule: Sequence[str]) -> bool:
        deleted = await CasbinRule.filter(**_columns(ptype, rule)).delete()
        return deleted > 0

    async def remove_policies(self, sec: str, ptype: str, rules: Sequence[Sequence[str]]) -> None:
        async with in_transaction():
            for rule in rules:
                await self.remove_policy(sec, ptype, rule)

    async def remove_filtered_policy(
        self, sec: str, ptype: str, field_index: int, *field_values: str
    ) -> bool:
        filters: dict[str, str] = {"ptype": ptype}
        for offset, value in enumerate(field_values):
            if value:
                filters[FIELDS[field_index + offset]] = value
        deleted = await CasbinRule.filter(**filters).delete()
        return deleted > 0
