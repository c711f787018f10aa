"""Stakeholder mutations."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry import relay

from hub.access.resources import Action, Resource
from hub.core.classification import Classification
from hub.directory.models import EcosocStatus, OrganisationKind
from hub.graphql.mutation_inputs import optional
from hub.graphql.node import node_id_of
from hub.graphql.payloads import MutationPayload
from hub.graphql.resolver_types import Info, Input
from hub.graphql.service_input import from_input
from hub.shared.guarded_mutation import guarded_mutation
from hub.shared.input_fields import sensitivity
from hub.shared.target_mutations import MutationTarget
from hub.stakeholders import service
from hub.stakeholders.types import Contact, Organisation
from hub.themes.taxonomy import Theme


@strawberry.input(description="A new organisation, recorded in the request's tenant.")
class CreateOrganisationInput:
    name: str = strawberry.field(description="Its name.")
    kind: OrganisationKind = strawberry.field(description="Kind of stakeholder.")
    ecosoc_status: EcosocStatus = strawberry.field(
        default=EcosocStatus.NONE, description="ECOSOC status; NONE is fine."
    )
    country: str = strawberry.field(default="", description="ISO country code.")
    region: str = strawberry.field(default="", description="Region.")
    themes: list[Theme] = strawberry.field(default_factory=list, description="Themes.")
    classification: Classification = sensitivity(Classification.NETWORK)
    distinct: bool = strawberry.field(
        default=False,
        description="True when an organisation of the same name and country that you may "
        "see is another one; otherwise the input is refused as DUPLICATE, naming it.",
    )


@strawberry.type(description="Result of createOrganisation.")
class CreateOrganisationPayload(MutationPayload, present=Organisation.from_model):
    organisation: Organisation | None = strawberry.field(description="The new organisation.")


@strawberry.input(description="A new contact person at an organisation you may see.")
class CreateContactInput:
    organisation: relay.GlobalID = strawberry.field(description="Their organisation.")
    name: str = strawberry.field(description="Their name.")
    position: str = strawberry.field(default="", description="Their position.")
    email: str = strawberry.field(default="", description="Email address.")
    phone: str = strawberry.field(default="", description="Phone number.")
    consent_to_contact: bool = strawberry.field(
        default=False, description="They agreed to be contacted."
    )
    consent_given_on: date | None = optional("When they agreed; required with consent.")
    classification: Classification = sensitivity(Classification.NETWORK)


@strawberry.type(description="Result of createContact.")
class CreateContactPayload(MutationPayload, present=Contact.from_model):
    contact: Contact | None = strawberry.field(description="The new contact.")


@strawberry.input(description="A person gave, or withdrew, consent to be contacted.")
class ChangeContactConsentInput:
    id: relay.GlobalID = strawberry.field(description="The contact.")
    consent_to_contact: bool = strawberry.field(description="Whether they agree now.")
    consent_given_on: date | None = optional("When they agreed; required when they do.")


@strawberry.type(description="Result of changeContactConsent.")
class ChangeContactConsentPayload(MutationPayload, present=Contact.from_model):
    contact: Contact | None = strawberry.field(description="The contact, as it is now.")


@strawberry.type
class StakeholderMutation:
    @guarded_mutation(Resource.ORGANISATION, Action.CREATE, "Record an organisation.")
    async def create_organisation(
        self,
        info: Info,
        input: Input[CreateOrganisationInput],
    ) -> CreateOrganisationPayload | None:
        return await CreateOrganisationPayload.answer(
            service.OrganisationService(info.context).create(
                from_input(service.NewOrganisation, input)
            )
        )

    @guarded_mutation(Resource.CONTACT, Action.CREATE, "Record a contact person.")
    async def create_contact(
        self,
        info: Info,
        input: Input[CreateContactInput],
    ) -> CreateContactPayload | None:
        new = from_input(
            service.NewContact,
            input,
            organisation_id=node_id_of(input.organisation, "Organisation"),
        )
        return await CreateContactPayload.answer(service.ContactService(info.context).create(new))

    @guarded_mutation(
        Resource.CONTACT,
        Action.UPDATE,
        "Record that a person gave or withdrew consent; without it, their email and phone "
        "are hidden from all but admins from the next request on.",
    )
    async def change_contact_consent(
        self,
        info: Info,
        input: Input[ChangeContactConsentInput],
    ) -> ChangeContactConsentPayload | None:
        return await ChangeContactConsentPayload.answer(
            service.ContactService(info.context).change_consent(
                node_id_of(input.id, "Contact"), input.consent_to_contact, input.consent_given_on
            )
        )


@strawberry.input(description="Changes to an organisation; omitted fields stay as they are.")
class UpdateOrganisationInput:
    id: relay.GlobalID = strawberry.field(description="The organisation.")
    name: str | None = optional("Name.")
    kind: OrganisationKind | None = optional("Kind.")
    ecosoc_status: EcosocStatus | None = optional("ECOSOC status.")
    country: str | None = optional("ISO country code.")
    region: str | None = optional("Region.")
    themes: list[Theme] | None = optional("Themes (replaces the list).")


@strawberry.type(description="Result of an organisation mutation.")
class OrganisationPayload(MutationPayload, present=Organisation.from_model):
    organisation: Organisation | None = strawberry.field(description="As it now is.")


ORGANISATION = MutationTarget(
    Resource.ORGANISATION, service.OrganisationService, "Organisation", OrganisationPayload
)


@strawberry.input(description="Changes to a contact person; omitted fields stay as they are.")
class UpdateContactInput:
    id: relay.GlobalID = strawberry.field(description="The contact.")
    name: str | None = optional("Name.")
    position: str | None = optional("Position.")
    email: str | None = optional("Email; empty to remove.")
    phone: str | None = optional("Phone; empty to remove.")


@strawberry.type(description="Result of a contact mutation.")
class ContactPayload(MutationPayload, present=Contact.from_model):
    contact: Contact | None = strawberry.field(description="As it now is.")


CONTACT = MutationTarget(Resource.CONTACT, service.ContactService, "Contact", ContactPayload)


@strawberry.type
class StakeholderChangeMutation:
    update_organisation = ORGANISATION.update_mutation(
        "Change an organisation.",
        UpdateOrganisationInput,
        lambda input: from_input(service.OrganisationChanges, input),
    )
    archive_organisation = ORGANISATION.archive_mutation(
        "Archive an organisation: it leaves lists; its history stays."
    )
    update_contact = CONTACT.update_mutation(
        "Change a contact person.",
        UpdateContactInput,
        lambda input: from_input(service.ContactChanges, input),
    )

    erase_contact = CONTACT.act_mutation(
        Action.ERASE,
        "Erase a person's data at their request: name and contact details are removed "
        "for good; their organisation's participation history stays. Audited.",
        lambda contacts, raw_id: contacts.erase(raw_id),
    )
