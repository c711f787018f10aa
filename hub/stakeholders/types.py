"""GraphQL types for stakeholders."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import strawberry
from strawberry import relay
from strawberry.permission import BasePermission, PermissionExtension

from hub.access.resources import Action, Resource
from hub.core.errors import ErrorCode
from hub.core.pagination import OrderDirection, Ordering
from hub.directory import models
from hub.graphql.enums import described_enum
from hub.graphql.filters import TenantFilter, any_of, condition, service_filter_of, switch
from hub.graphql.inputs import SortField, sort_fields, sort_order
from hub.graphql.list_fields import ListOf
from hub.graphql.model_types import ModelMap, ModelNode, column, get_many
from hub.graphql.record_fields import Recorded, when_archived
from hub.graphql.related import row_named_in
from hub.stakeholders import service
from hub.stakeholders.loaders import OrganisationByIdLoader
from hub.stakeholders.service import ContactService, OrganisationService
from hub.tenancy.types import TenantRecord
from hub.themes.taxonomy import Theme, parse_themes

K = models.OrganisationKind
described_enum(
    K,
    "What kind of stakeholder it is.",
    {
        K.CIVIL_SOCIETY: "A civil-society organisation.",
        K.TRADE_UNION: "A trade union or federation of unions.",
        K.PRIVATE_SECTOR: "A company or business association.",
        K.NATIONAL_HUMAN_RIGHTS_INSTITUTION: "A national human-rights institution.",
        K.RED_CROSS_RED_CRESCENT: "A part of the Red Cross and Red Crescent movement.",
        K.UN_AGENCY: "A UN agency, fund or programme.",
        K.UN_SPECIAL_PROCEDURE: "A special procedure of the Human Rights Council.",
        K.LOCAL_AUTHORITY: "A city or other local authority.",
        K.ACADEMIA: "A university or research institute.",
        K.MIGRANT_OR_DIASPORA: "An organisation of migrants or a diaspora.",
        K.DONOR_GOVERNMENT: "A government that funds the network's work.",
        K.MEMBER_STATE: "A UN member state.",
    },
)
described_enum(
    models.EcosocStatus,
    "ECOSOC consultative status; NONE is valid: the network works with all.",
    {
        models.EcosocStatus.NONE: "No consultative status with ECOSOC.",
        models.EcosocStatus.GENERAL: "General consultative status.",
        models.EcosocStatus.SPECIAL: "Special consultative status.",
        models.EcosocStatus.ROSTER: "On the roster.",
    },
)


@strawberry.type(description="An organisation the network works with.")
class Organisation(TenantRecord, Recorded, ModelNode[models.Organisation]):
    id: relay.NodeID[str]
    row: strawberry.Private[models.Organisation]
    name: str = strawberry.field(description="Its name.")
    kind: models.OrganisationKind = strawberry.field(description="Kind of stakeholder.")
    ecosoc_status: models.EcosocStatus = strawberry.field(description="ECOSOC status.")
    country: str = strawberry.field(description="ISO country code, if national.")
    region: str = strawberry.field(description="Region it works in, if any.")
    themes: list[Theme] = strawberry.field(description="Themes it works on.")
    archived_at: datetime | None = when_archived("organisations")

    model_map = ModelMap(
        models.Organisation,
        themes=column("themes", convert=parse_themes),
        fetch=get_many(OrganisationService),
    )


def organisation_in(column: str, description: str) -> Any:
    """A field showing the organisation whose id the type's ``row`` holds in ``column``;
    null when it holds none or the caller may not see that organisation."""

    return row_named_in(
        Organisation,
        OrganisationByIdLoader,
        column,
        description,
        rows=lambda ctx: OrganisationService(ctx).visible(network=True),
    )


class ConsentOrPermission(BasePermission):
    """A contact's details: with the person's consent, or with ``contact_details`` read."""

    message = "Contact details are shown only with the person's consent, or to admins."
    error_extensions = {"code": str(ErrorCode.FORBIDDEN)}

    def has_permission(self, source: Any, info: strawberry.Info[Any, Any], **kwargs: Any) -> bool:
        return ContactService(info.context).may_see_details(source.row)


DETAILS_RULE = (
    f" Shown when the person consented to be contacted, or with permission "
    f"`{Action.READ}` on `{Resource.CONTACT_DETAILS}`; otherwise null with a FORBIDDEN error."
)


def _details(description: str) -> Any:
    return strawberry.field(
        description=description + DETAILS_RULE,
        extensions=[PermissionExtension([ConsentOrPermission()], use_directives=False)],
    )


@strawberry.type(description="A contact person at an organisation.")
class Contact(TenantRecord, ModelNode[models.Contact]):
    id: relay.NodeID[str]
    name: str = strawberry.field(description="Their name.")
    position: str = strawberry.field(description="Their position.")
    consent_to_contact: bool = strawberry.field(description="They agreed to be contacted.")
    consent_given_on: date | None = strawberry.field(description="When they agreed.")
    erased_at: datetime | None = strawberry.field(
        description="When the person's data was erased at their request; the record of "
        "their organisation's participation stays."
    )
    row: strawberry.Private[models.Contact]

    @_details("Email address.")
    def email(self) -> str | None:
        return self.row.email or None

    @_details("Phone number.")
    def phone(self) -> str | None:
        return self.row.phone or None

    organisation = organisation_in(
        "organisation_id", "Their organisation; null if you may not see it."
    )

    model_map = ModelMap(models.Contact, fetch=get_many(ContactService))


@sort_fields("Fields organisations can be sorted by.")
class OrganisationOrderField(SortField):
    NAME = "name", "By name."
    CREATED_AT = "created_at", "By when it was recorded."


OrganisationOrder = sort_order(OrganisationOrderField, "Sort order of an organisation list.")


@strawberry.input(description="Narrows an organisation list; all given conditions apply.")
class OrganisationFilter(TenantFilter):
    kind: list[models.OrganisationKind] | None = any_of("kinds", "Any of these kinds.")
    ecosoc_status: list[models.EcosocStatus] | None = any_of(
        "ecosoc_statuses", "Any of these ECOSOC statuses (NONE: without accreditation)."
    )
    theme: list[Theme] | None = any_of("themes", "Organisations working on any of these themes.")
    country: str | None = condition("ISO country code.")
    search: str | None = condition("Text in the name.")
    include_archived: bool = switch("Include archived organisations.")

    service_filter = service_filter_of(service.OrganisationFilter)


@strawberry.input(description="Narrows a contact list.")
class ContactFilter(TenantFilter):
    organisation: relay.GlobalID | None = condition("Only contacts of this organisation.")
    search: str | None = condition("Text in the name.")


@sort_fields("Fields contacts can be sorted by.")
class ContactOrderField(SortField):
    NAME = "name", "By name."
    CREATED_AT = "created_at", "By when they were recorded."


ContactOrder = sort_order(ContactOrderField, "Sort order of a contact list.")


BY_NAME = Ordering("name", OrderDirection.ASC)
ORGANISATIONS = ListOf(Organisation, OrganisationFilter, BY_NAME, OrganisationOrder)
CONTACTS = ListOf(Contact, ContactFilter, BY_NAME, ContactOrder)
