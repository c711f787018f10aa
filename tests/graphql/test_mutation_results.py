"""A refused or failed mutation nulls only itself: the other mutations of the same document
keep their answers, so that a client learns what was written and does not send it again."""

from __future__ import annotations

from graphql import GraphQLNonNull, GraphQLObjectType

from hub.api.schema import schema
from hub.workplan.models import WorkStream
from tests.conftest import Client

TEAM = "team.bangladesh@network.example.org"
THREE_MUTATIONS = """
mutation Three {
  first: createWorkStream(input: {title: "Decent work for migrant domestic workers"}) {
    workStream { title } errors { code }
  }
  refused: addPolicyRule(input: {role: "national_team_member", object: "fund", action: "read"}) {
    rule changed errors { code }
  }
  third: createWorkStream(input: {title: "Skills partnerships with Gulf employers"}) {
    workStream { title } errors { code }
  }
}
"""


def test_every_mutation_field_is_nullable() -> None:
    mutation = schema._schema.mutation_type
    assert isinstance(mutation, GraphQLObjectType)
    required = [
        name for name, field in mutation.fields.items() if isinstance(field.type, GraphQLNonNull)
    ]
    assert required == []


async def test_a_refused_mutation_in_the_middle_nulls_only_itself(client: Client) -> None:
    # when a member of a national team sends three mutations, the second beyond its roles
    reply = await client.gql(THREE_MUTATIONS, user=TEAM)

    # then the first and the third answer with what they wrote, the second is null
    assert reply.status == 200
    assert reply.data == {
        "first": {
            "workStream": {"title": "Decent work for migrant domestic workers"},
            "errors": [],
        },
        "refused": None,
        "third": {"workStream": {"title": "Skills partnerships with Gulf employers"}, "errors": []},
    }
    (error,) = reply.errors
    assert error["path"] == ["refused"]
    assert error["extensions"]["code"] == "FORBIDDEN"
    # and both writes are stored, once each
    for title in (
        "Decent work for migrant domestic workers",
        "Skills partnerships with Gulf employers",
    ):
        assert await WorkStream.filter(title=title).count() == 1
