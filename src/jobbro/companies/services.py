"""Writes about companies; each function is one user action in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobbro.organisations import access
from jobbro.organisations.models import Cooperation, JobCentre, Municipality, User
from jobbro.organisations.selectors import home_job_centre, job_centres_of
from jobbro.taxonomy.models import Occupation

from .models import (
    Company,
    ContactPerson,
    Industry,
    Interaction,
    InteractionKind,
    RecruitmentAgreement,
)

# What an edit may change; the cooperation and timestamps are not the user's to set.
COMPANY_EDITABLE_FIELDS = (
    "cvr",
    "p_number",
    "name",
    "street",
    "postcode",
    "city",
    "municipality",
    "industry",
    "phone",
    "email",
    "website",
    "contact_consultant",
    "is_ambassador",
    "notes",
)


def normalise_cvr(value: str) -> str:
    """People paste CVR numbers as "DK 1000 0009"; store the eight digits."""
    value = "".join(value.split()).upper()
    return value.removeprefix("DK")


def _duplicate_cvr_error(company: Company) -> ValidationError:
    existing = (
        Company.objects.filter(cooperation_id=company.cooperation_id, cvr=company.cvr)
        .exclude(pk=company.pk)
        .first()
    )
    name = existing.name if existing else company.cvr
    return ValidationError(
        {
            "cvr": ValidationError(
                _("A company with CVR number %(cvr)s is already registered: %(name)s."),
                code="duplicate_cvr",
                params={"cvr": company.cvr, "name": name},
            )
        }
    )


def _save_company(company: Company) -> Company:
    company.cvr = normalise_cvr(company.cvr)
    duplicate = (
        Company.objects.filter(cooperation_id=company.cooperation_id, cvr=company.cvr)
        .exclude(pk=company.pk)
        .exists()
    )
    if duplicate:
        raise _duplicate_cvr_error(company)
    company.full_clean()
    try:
        # A savepoint, so a concurrent insert of the same CVR becomes a form error, not a 500.
        with transaction.atomic():
            company.save()
    except IntegrityError as error:
        if Company.objects.filter(cooperation_id=company.cooperation_id, cvr=company.cvr).exists():
            raise _duplicate_cvr_error(company) from error
        raise
    return company


@transaction.atomic
def company_create(
    *,
    actor: User,
    cooperation: Cooperation,
    cvr: str,
    name: str,
    street: str,
    postcode: str,
    city: str,
    municipality: Municipality,
    industry: Industry,
    p_number: str = "",
    phone: str = "",
    email: str = "",
    website: str = "",
    contact_consultant: User | None = None,
    is_ambassador: bool = False,
    notes: str = "",
) -> Company:
    """Register a company; whoever registers it is its contact consultant unless named."""
    company = Company(
        cooperation=cooperation,
        cvr=cvr,
        p_number=p_number,
        name=name,
        street=street,
        postcode=postcode,
        city=city,
        municipality=municipality,
        industry=industry,
        phone=phone,
        email=email,
        website=website,
        contact_consultant=contact_consultant or actor,
        is_ambassador=is_ambassador,
        notes=notes,
    )
    return _save_company(company)


@transaction.atomic
def company_update(*, actor: User, company: Company, **fields: Any) -> Company:
    unknown = set(fields) - set(COMPANY_EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"company_update() cannot set {sorted(unknown)}")
    for field, value in fields.items():
        setattr(company, field, value)
    return _save_company(company)


@transaction.atomic
def contact_person_create(
    *,
    actor: User,
    company: Company,
    name: str,
    title: str = "",
    email: str = "",
    phone: str = "",
    is_primary: bool = False,
) -> ContactPerson:
    contact = ContactPerson(
        company=company, name=name, title=title, email=email, phone=phone, is_primary=is_primary
    )
    contact.full_clean()
    if is_primary:
        # One primary contact per company: the newest one takes over.
        company.contacts.filter(is_primary=True).update(is_primary=False)
    contact.save()
    return contact


def acting_job_centre(actor: User, company: Company) -> JobCentre:
    """The job centre the actor works for here: the company's home centre if they are there."""
    centres = job_centres_of(actor, access.COMPANY_EDITORS).filter(
        cooperation_id=company.cooperation_id
    )
    home = home_job_centre(company.municipality, company.cooperation)
    if home is not None and centres.filter(pk=home.pk).exists():
        return home
    centre = centres.order_by("name").first()
    if centre is None:
        raise ValidationError(
            _("You are not a consultant at a job centre in this company's cooperation."),
            code="no_job_centre",
        )
    return centre


@transaction.atomic
def interaction_create(
    *,
    actor: User,
    company: Company,
    kind: str,
    summary: str,
    outcome: str = "",
    follow_up_on: dt.date | None = None,
    contact: ContactPerson | None = None,
    occurred_at: dt.datetime | None = None,
) -> Interaction:
    """Register one contact with the company, on behalf of the actor's job centre."""
    if kind not in InteractionKind.values:
        raise ValidationError({"kind": _("Choose how you were in contact.")})
    if contact is not None and contact.company_id != company.pk:
        raise ValidationError({"contact": _("The contact person works for another company.")})
    if follow_up_on is not None and follow_up_on < timezone.localdate():
        raise ValidationError({"follow_up_on": _("The follow-up date cannot be in the past.")})
    interaction = Interaction(
        company=company,
        kind=kind,
        occurred_at=occurred_at or timezone.now(),
        consultant=actor,
        job_centre=acting_job_centre(actor, company),
        contact=contact,
        summary=summary.strip(),
        outcome=outcome.strip(),
        follow_up_on=follow_up_on,
    )
    interaction.full_clean()
    interaction.save()
    return interaction


@transaction.atomic
def agreement_create(
    *,
    actor: User,
    company: Company,
    start_date: dt.date,
    end_date: dt.date,
    occupations: Iterable[Occupation] = (),
    expected_hires: int = 0,
    job_guarantee: bool = False,
    terms: str = "",
) -> RecruitmentAgreement:
    """A recruitment agreement, signed by the actor for their job centre."""
    agreement = RecruitmentAgreement(
        company=company,
        job_centre=acting_job_centre(actor, company),
        signed_by=actor,
        start_date=start_date,
        end_date=end_date,
        expected_hires=expected_hires,
        job_guarantee=job_guarantee,
        terms=terms,
    )
    if end_date < start_date:
        raise ValidationError({"end_date": _("The end date must not be before the start date.")})
    agreement.full_clean()
    agreement.save()
    agreement.occupations.set(list(occupations))
    return agreement
