"""Reads and writes of organisations and contacts: scope, checks, validation, audit."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from hub.access.listing import ListFilter, any_of, containing
from hub.access.resources import Action, Resource
from hub.access.scoped import FilteredService, RecordNames, set_given
from hub.core.classification import Classification
from hub.core.lookup import parse_id, rows_by_ids
from hub.core.pagination import Listing
from hub.core.validation import (
    InvalidInput,
    Problem,
    check_country,
    check_email,
    check_text,
    raise_if_any,
)
from hub.directory.models import Contact, EcosocStatus, Organisation, OrganisationKind
from hub.themes.service import ThemedFilter, ThemedService
from hub.themes.taxonomy import Theme, stored

TAG_SUBJECT = "organisation"


@dataclass(frozen=True)
class OrganisationFilter(ThemedFilter):
    kinds: Sequence[OrganisationKind] = ()
    ecosoc_statuses: Sequence[EcosocStatus] = ()
    country: str | None = None


@dataclass(frozen=True)
class NewOrganisation:
    name: str
    kind: OrganisationKind
    ecosoc_status: EcosocStatus = EcosocStatus.NONE
    country: str = ""
    region: str = ""
    themes: Sequence[Theme] = field(default_factory=list)
    classification: Classification = Classification.NETWORK
    # The caller knows of an organisation of the same name and country that it may see,
    # and says this one is another.
    distinct: bool = False


def same_name(name: str) -> str:
    """A name as two registrations of one organisation would both write it: accents, case,
    punctuation and spacing aside."""
    letters = unicodedata.normalize("NFKD", name).casefold()
    plain = "".join(c for c in letters if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^\w]+", " ", plain).split())


class OrganisationService(ThemedService[Organisation, OrganisationFilter]):
    model = Organisation
    resource = Resource.ORGANISATION
    tag_subject = TAG_SUBJECT
    names = RecordNames("organisation", "organisations")

    def search(self, flt: OrganisationFilter) -> Listing[Organisation] | None:
        return self._listed(
            flt,
            any_of("kind", flt.kinds),
            any_of("ecosoc_status", flt.ecosoc_statuses),
            self._tagged(flt.themes),
            Q(country=flt.country.strip().upper()) if flt.country else None,
            containing(flt.search, "name"),
        )

    async def create(self, new: NewOrganisation) -> Organisation:
        problems: list[Problem] = []
        name = check_text(problems, "name", new.name, max_length=300, allow_blank=False)
        country = check_country(problems, new.country)
        region = check_text(problems, "region", new.region, max_length=100)
        if name is not None and not problems and not new.distinct:
            problems += await self._registered(name, country)
        raise_if_any(problems)
        self._require(
            new.classification,
            Action.CREATE,
            refusal=f"You may not create {new.classification} organisation records here.",
        )
        async with in_transaction():
            row = await Organisation.create(
                tenant=self.ctx.tenant,
                name=name,
                kind=new.kind,
                ecosoc_status=new.ecosoc_status,
                country=country,
                region=region or "",
                themes=stored(list(new.themes)),
                classification=new.classification,
            )
            return await self._created(row, new.themes)

    async def _registered(self, name: str, country: str) -> list[Problem]:
        """DUPLICATE, naming it, when an organisation of this name and country that the
        caller may see is registered already, in its tenant or one it reaches."""
        visible = self.visible(network=True)
        if visible is None:
            return []
        wanted = same_name(name)
        for row in await visible.filter(country=country, archived_at__isnull=True):
            if same_name(row.name) == wanted:
                return [
                    Problem(
                        "name",
                        "DUPLICATE",
                        f"{row.name} ({country or 'no country'}) is registered already: link "
                        "to it, or say the new one is distinct.",
                        existing=("Organisation", str(row.id)),
                    )
                ]
        return []

    async def update(self, raw_id: str, changes: OrganisationChanges) -> Organisation:
        problems: list[Problem] = []
        name = check_text(problems, "name", changes.name, max_length=300, allow_blank=False)
        country = None if changes.country is None else check_country(problems, changes.country)
        region = check_text(problems, "region", changes.region, max_length=100)
        raise_if_any(problems)
        async with in_transaction():
            row = await self._locked(raw_id, Action.UPDATE)
            self._unless_archived(row, "The organisation is archived.")
            set_given(
                row,
                name=name,
                kind=changes.kind,
                ecosoc_status=changes.ecosoc_status,
                country=country,
                region=region,
            )
            return await self._updated(row, changes.themes)

    async def archive(self, raw_id: str) -> Organisation:
        """Leave lists; what the organisation did (proposals, participation) stays."""
        return await self._archive(raw_id)


@dataclass(frozen=True)
class OrganisationChanges:
    name: str | None = None
    kind: OrganisationKind | None = None
    ecosoc_status: EcosocStatus | None = None
    country: str | None = None
    region: str | None = None
    themes: Sequence[Theme] | None = None


@dataclass(frozen=True)
class ContactChanges:
    name: str | None = None
    position: str | None = None
    email: str | None = None
    phone: str | None = None


ERASED_NAME = "Erased contact"


@dataclass(frozen=True)
class ContactFilter(ListFilter):
    """Contacts are not archived: erased people are left out of every list instead."""

    organisation_id: str | None = None


@dataclass(frozen=True)
class NewContact:
    organisation_id: str
    name: str
    position: str = ""
    email: str = ""
    phone: str = ""
    consent_to_contact: bool = False
    consent_given_on: date | None = None
    classification: Classification = Classification.NETWORK


class ContactService(FilteredService[Contact, ContactFilter]):
    model = Contact
    resource = Resource.CONTACT
    names = RecordNames("contact", "contact records")

    def visible(
        self, action: Action = Action.READ, *, network: bool = False
    ) -> QuerySet[Contact] | None:
        queryset = super().visible(action, network=network)
        return None if queryset is None else queryset.select_related("tenant")

    def search(self, flt: ContactFilter) -> Listing[Contact] | None:
        of_organisation = None
        if flt.organisation_id is not None:
            of_organisation = Q(organisation_id=parse_id(flt.organisation_id))
        return self._filtered(
            flt.network,
            flt.tenant_slug,
            # Erased people stay only where history needs them (e.g. as participants).
            Q(erased_at__isnull=True),
            of_organisation,
            containing(flt.search, "name"),
        )

    def may_see_details(self, contact: Contact) -> bool:
        """A contact's email and phone: with their consent, or for those allowed without."""
        return contact.consent_to_contact or self.ctx.decisions.allows(
            str(Resource.CONTACT_DETAILS), Action.READ, contact.tenant.path
        )

    async def create(self, new: NewContact) -> Contact:
        problems: list[Problem] = []
        name = check_text(problems, "name", new.name, max_length=200, allow_blank=False)
        position = check_text(problems, "position", new.position, max_length=200)
        email = check_email(problems, "email", new.email) or ""
        phone = check_text(problems, "phone", new.phone, max_length=50)
        if new.consent_to_contact and new.consent_given_on is None:
            problems.append(Problem("consentGivenOn", "REQUIRED", "Say when consent was given."))
        if new.consent_given_on and new.consent_given_on > date.today():
            problems.append(Problem("consentGivenOn", "INVALID", "Consent cannot be future."))
        organisations = OrganisationService(self.ctx).visible(network=True)
        org_id = parse_id(new.organisation_id)
        organisation = (
            await organisations.get_or_none(id=org_id)
            if organisations is not None and org_id is not None
            else None
        )
        if organisation is None:
            problems.append(Problem("organisation", "NOT_FOUND", "No such organisation."))
        if problems or organisation is None:
            raise InvalidInput(problems)
        self._require(new.classification, Action.CREATE)
        contact = await self._create(
            Contact,
            tenant=self.ctx.tenant,
            organisation=organisation,
            name=name,
            position=position or "",
            email=email,
            phone=phone or "",
            consent_to_contact=new.consent_to_contact,
            consent_given_on=new.consent_given_on if new.consent_to_contact else None,
            classification=new.classification,
        )
        contact.tenant = self.ctx.tenant
        return contact

    async def change_consent(
        self, contact_id: str, consent: bool, given_on: date | None
    ) -> Contact:
        """Record that a person gave or withdrew consent to be contacted."""
        problems: list[Problem] = []
        if consent and given_on is None:
            problems.append(Problem("consentGivenOn", "REQUIRED", "Say when consent was given."))
        if given_on and given_on > date.today():
            problems.append(Problem("consentGivenOn", "INVALID", "Consent cannot be future."))
        raise_if_any(problems)
        async with in_transaction():
            contact = await self._writable(
                contact_id, Action.UPDATE, "You may not change this contact."
            )
            contact.consent_to_contact = consent
            contact.consent_given_on = given_on if consent else None
            await contact.save(update_fields=["consent_to_contact", "consent_given_on"])
            await self._audit("update", contact)
        return contact

    async def _writable(self, raw_id: str, action: Action, refusal: str | None = None) -> Contact:
        """The visible contact with this id that the caller may take ``action`` on."""
        [contact] = await rows_by_ids(self.visible(), [raw_id])
        return self._found(
            contact, action, refusal=refusal or f"You may not {action} this contact."
        )

    async def update(self, raw_id: str, changes: ContactChanges) -> Contact:
        problems: list[Problem] = []
        name = check_text(problems, "name", changes.name, max_length=200, allow_blank=False)
        position = check_text(problems, "position", changes.position, max_length=200)
        email = check_email(problems, "email", changes.email)
        phone = check_text(problems, "phone", changes.phone, max_length=50)
        raise_if_any(problems)
        async with in_transaction():
            contact = await self._writable(raw_id, Action.UPDATE)
            if contact.erased_at is not None:
                raise InvalidInput([Problem("id", "ERASED", "The contact has been erased.")])
            set_given(contact, name=name, position=position, email=email, phone=phone)
            await contact.save()
            await self._audit("update", contact)
        return contact

    async def erase(self, raw_id: str) -> Contact:
        """Anonymise a person at their request: their name and how to reach them go, the
        organisation's participation history stays. The audit log names only the row."""
        async with in_transaction():
            contact = await self._writable(raw_id, Action.ERASE)
            if contact.erased_at is None:
                contact.name = ERASED_NAME
                contact.position = contact.email = contact.phone = ""
                contact.consent_to_contact = False
                contact.consent_given_on = None
                contact.erased_at = datetime.now(UTC)
                await contact.save()
                await self._record("erase", contact)
        return contact
