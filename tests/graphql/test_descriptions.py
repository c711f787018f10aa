"""The schema documents itself: every element has a description, and every field that
needs a permission names it."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLInputObjectType,
    GraphQLInterfaceType,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLScalarType,
    specified_scalar_types,
)
from strawberry.permission import PermissionExtension

from hub.access.permissions import Can, rule_text
from hub.api.schema import schema

SCHEMA = schema._schema


def _own_types() -> Iterator[GraphQLNamedType]:
    for name, named in sorted(SCHEMA.type_map.items()):
        if name.startswith("__") or name in specified_scalar_types:
            continue
        yield named


def undescribed() -> Iterator[str]:
    """Every type, field, argument, input field and enum value without a description."""
    for named in _own_types():
        if not named.description:
            yield named.name
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in named.fields.items():
                if not field.description:
                    yield f"{named.name}.{field_name}"
                for arg_name, arg in field.args.items():
                    if not arg.description:
                        yield f"{named.name}.{field_name}({arg_name}:)"
        elif isinstance(named, GraphQLInputObjectType):
            for field_name, input_field in named.fields.items():
                if not input_field.description:
                    yield f"{named.name}.{field_name}"
        elif isinstance(named, GraphQLEnumType):
            for value_name, value in named.values.items():
                if not value.description:
                    yield f"{named.name}.{value_name}"


def _fields() -> Iterator[tuple[str, GraphQLField]]:
    for named in _own_types():
        if isinstance(named, GraphQLObjectType | GraphQLInterfaceType):
            for field_name, field in named.fields.items():
                yield f"{named.name}.{field_name}", field


def _permissions(field: GraphQLField) -> list[Can]:
    definition = field.extensions.get("strawberry-definition")
    found: list[Can] = []
    for extension in getattr(definition, "extensions", ()):
        if isinstance(extension, PermissionExtension):
            found += [p for p in extension.permissions if isinstance(p, Can)]
    return found


def test_every_schema_element_has_a_description() -> None:
    missing = list(undescribed())

    assert missing == [], "add a description to: " + ", ".join(missing)


def test_the_walk_sees_every_kind_of_element() -> None:
    # The walk above would pass on an empty schema: check it reaches each kind.
    kinds = (
        GraphQLObjectType,
        GraphQLInterfaceType,
        GraphQLInputObjectType,
        GraphQLEnumType,
        GraphQLScalarType,
    )
    fields = dict(_fields())
    theme = SCHEMA.type_map["Theme"]

    for kind in kinds:
        assert any(isinstance(named, kind) for named in _own_types()), kind
    assert "Query.workStreams" in fields
    assert "Mutation.reviewProposal" in fields
    assert "lang" in fields["WorkStream.title"].args
    assert isinstance(theme, GraphQLEnumType)
    assert theme.values["GENDER"].description == "Gender"


def test_fields_that_need_a_permission_say_so() -> None:
    guarded = {name: (field, _permissions(field)) for name, field in _fields()}
    guarded = {name: found for name, found in guarded.items() if found[1]}
    silent = [
        name
        for name, (field, permissions) in guarded.items()
        for permission in permissions
        if rule_text(permission.resource, permission.action) not in (field.description or "")
    ]

    assert len(guarded) > 40, sorted(guarded)
    assert "Fund.pledges" in guarded
    assert "Mutation.recordPledge" in guarded
    assert silent == [], "name the permission in the description of: " + ", ".join(silent)
