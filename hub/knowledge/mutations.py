"""Knowledge platform mutations: sharing, changes, archiving."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry import relay

from hub.access.resources import Action, Resource
from hub.core.classification import Classification
from hub.graphql.mutation_inputs import optional
from hub.graphql.payloads import MutationPayload
from hub.graphql.resolver_types import Info, Input
from hub.graphql.service_input import from_input, id_or_none
from hub.i18n.languages import Language
from hub.i18n.types import TranslationInput
from hub.knowledge.models import KnowledgeKind
from hub.knowledge.service import KnowledgeChanges, KnowledgeService, NewKnowledgeResource
from hub.knowledge.types import KnowledgeResource
from hub.shared.guarded_mutation import guarded_mutation
from hub.shared.input_fields import TitleChangesInput, TitledInput
from hub.shared.target_mutations import MutationTarget
from hub.themes.taxonomy import Theme


@strawberry.input(description="A resource shared with the network, in the request's tenant.")
class ShareKnowledgeResourceInput(TitledInput):
    kind: KnowledgeKind = strawberry.field(description="What kind of resource it is.")
    url: str = strawberry.field(description="Where to find it: an http(s) URL.")
    shared_by: relay.GlobalID | None = optional(
        "The organisation sharing it: one you belong to, unless you hold "
        "`review` on knowledge resources. Leave it out to share in no organisation's name."
    )
    description: list[TranslationInput] = strawberry.field(
        default_factory=list, description="What it holds, in one or more UN languages."
    )
    languages: list[Language] = strawberry.field(
        default_factory=list, description="The languages the resource is available in."
    )
    themes: list[Theme] = strawberry.field(default_factory=list, description="Themes.")
    published_on: date | None = optional("When it was published, if known.")
    classification: Classification = strawberry.field(
        default=Classification.PUBLIC,
        description="Sensitivity; PUBLIC unless said otherwise, the platform is open.",
    )


@strawberry.input(description="Changes to a knowledge resource; omitted fields stay.")
class UpdateKnowledgeResourceInput(TitleChangesInput):
    id: relay.GlobalID = strawberry.field(description="The resource.")
    description: list[TranslationInput] | None = optional(
        "Descriptions to set, by language; others stay."
    )
    kind: KnowledgeKind | None = optional("Its kind.")
    url: str | None = optional("An http(s) URL.")
    languages: list[Language] | None = optional(
        "The languages it is available in, replacing the previous."
    )
    themes: list[Theme] | None = optional("Themes, replacing the previous ones.")
    published_on: date | None = optional("When it was published.")
    classification: Classification | None = optional(
        "Sensitivity; you need `update` at the old and the new one."
    )


@strawberry.input(description="The knowledge resource to archive.")
class ArchiveKnowledgeResourceInput:
    id: relay.GlobalID = strawberry.field(description="The resource.")


@strawberry.type(description="Result of a knowledge resource mutation.")
class KnowledgeResourcePayload(MutationPayload, present=KnowledgeResource.from_model):
    knowledge_resource: KnowledgeResource | None = strawberry.field(description="As it now is.")


KNOWLEDGE_RESOURCE = MutationTarget(
    Resource.KNOWLEDGE_RESOURCE, KnowledgeService, "KnowledgeResource", KnowledgeResourcePayload
)


@strawberry.type
class KnowledgeMutation:
    @guarded_mutation(
        Resource.KNOWLEDGE_RESOURCE,
        Action.CREATE,
        "Share a document or link with the network on its knowledge platform.",
    )
    async def share_knowledge_resource(
        self,
        info: Info,
        input: Input[ShareKnowledgeResourceInput],
    ) -> KnowledgeResourcePayload | None:
        new = from_input(
            NewKnowledgeResource, input, shared_by_id=id_or_none(input.shared_by, "Organisation")
        )
        return await KnowledgeResourcePayload.answer(KnowledgeService(info.context).share(new))

    update_knowledge_resource = KNOWLEDGE_RESOURCE.update_mutation(
        "Change a knowledge resource: its texts, link, languages, themes.",
        UpdateKnowledgeResourceInput,
        lambda input: from_input(KnowledgeChanges, input),
    )
    archive_knowledge_resource = KNOWLEDGE_RESOURCE.archive_mutation(
        "Archive a knowledge resource: it leaves lists, and nothing of it is deleted.",
        input=ArchiveKnowledgeResourceInput,
    )
