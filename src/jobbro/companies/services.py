"""Writes about companies; each function is one user action in one transaction."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from jobbro.organisations.models import Cooperation, Municipality, Role, User
from jobbro.organisations.selectors import has_role_at
from jobbro.taxonomy.models import Occupation
from jobbro.updates import model_update

from .models import (
    AllianceCommitment,
    Company,
    ContactPerson,
    Industry,
    Interaction,
    InteractionKind,
    InteractionOutcome,
    RecruitmentAgreement,
)
from .selectors import (
    acting_for,
    contact_consultant_choices,
    held_by_secretariat,
    may_edit_agreement,
    may_manage_company,
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
    "is_ambassador",
    "notes",
)
AGREEMENT_EDITABLE_FIELDS = (
    "start_date",
    "end_date",
    "occupations",
    "expected_hires",
    "job_guarantee",
    "guarantee_terms",
    "terms",
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
                params={"cvr": company.cvr, "name": name, "pk": existing.pk if existing else None},
            )
        }
    )


def _check_cvr(company: Company) -> None:
    company.cvr = normalise_cvr(company.cvr)
    duplicate = (
        Company.objects.filter(cooperation_id=company.cooperation_id, cvr=company.cvr)
        .exclude(pk=company.pk)
        .exists()
    )
    if duplicate:
        raise _duplicate_cvr_error(company)


@contextmanager
def _cvr_race(company: Company) -> Iterator[None]:
    """A savepoint, so a concurrent insert of the same CVR becomes a form error, not a 500."""
    try:
        with transaction.atomic():
            yield
    except IntegrityError as error:
        if Company.objects.filter(cooperation_id=company.cooperation_id, cvr=company.cvr).exists():
            raise _duplicate_cvr_error(company) from error
        raise


def _save_company(company: Company) -> Company:
    _check_cvr(company)
    company.full_clean()
    with _cvr_race(company):
        company.save()
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
    """Register a company. A business consultant of its home job centre who registers it
    becomes its contact consultant unless another is named; a company outside the member
    municipalities goes to the secretariat, whose staff member registering it becomes the
    contact (`contact_consultant_choices`), not to the registering consultant's centre."""
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
        is_ambassador=is_ambassador,
        notes=notes,
    )
    if contact_consultant is not None:
        _check_contact_consultant(actor, company, contact_consultant)
        company.contact_consultant = contact_consultant
    elif contact_consultant_choices(company).filter(pk=actor.pk).exists():
        company.contact_consultant = actor
    return _save_company(company)


@transaction.atomic
def company_update(*, actor: User, company: Company, **fields: Any) -> Company:
    """Change the company's facts; the contact consultant has its own action."""
    # A ModelForm has already written its values into `company`: check and change what is
    # stored, so a move cannot grant the right to make it.
    stored = Company.objects.select_related("cooperation", "municipality").get(pk=company.pk)
    if not may_manage_company(actor, stored):
        raise ValidationError(
            _(
                "Only a business consultant of the company's home job centre or the "
                "secretariat may change the company's master data."
            ),
            code="not_home",
        )
    home_municipality = stored.municipality_id

    def settle(edited: Company) -> None:
        # A new home job centre names its own contact.
        consultant = edited.contact_consultant
        if (
            edited.municipality_id != home_municipality
            and consultant is not None
            and not contact_consultant_choices(edited).filter(pk=consultant.pk).exists()
        ):
            edited.contact_consultant = None
        _check_cvr(edited)

    with _cvr_race(stored):
        model_update(
            instance=stored, fields=COMPANY_EDITABLE_FIELDS, data=fields, before_save=settle
        )
    return stored


def _check_contact_consultant(actor: User, company: Company, consultant: User) -> None:
    if not may_manage_company(actor, company):
        raise ValidationError(
            _(
                "Only a business consultant of the company's home job centre or the "
                "secretariat may name its contact consultant."
            ),
            code="not_home",
        )
    if not contact_consultant_choices(company).filter(pk=consultant.pk).exists():
        message = (
            _("The contact must be on the secretariat's staff, which holds the company.")
            if held_by_secretariat(company)
            else _(
                "The contact consultant must be a business consultant of the company's "
                "home job centre."
            )
        )
        raise ValidationError({"contact_consultant": message}, code="not_home_consultant")


@transaction.atomic
def contact_consultant_set(*, actor: User, company: Company, consultant: User) -> Company:
    """Name the one consultant the company deals with, whatever job centre hires for it."""
    _check_contact_consultant(actor, company, consultant)
    company.contact_consultant = consultant
    company.save(update_fields=["contact_consultant", "updated_at"])
    return company


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
    if is_primary:
        # One primary contact per company (a constraint): the newest one takes over, so the
        # old one steps down first; a refusal below rolls this back.
        company.contacts.filter(is_primary=True).update(is_primary=False)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def interaction_create(
    *,
    actor: User,
    company: Company,
    kind: str,
    summary: str = "",
    outcome_code: str = "",
    outcome: str = "",
    follow_up_on: dt.date | None = None,
    contact: ContactPerson | None = None,
    occurred_at: dt.datetime | None = None,
) -> Interaction:
    """Register one contact with the company, on behalf of the actor's job centre or the
    secretariat (`acting_for`)."""
    if kind not in InteractionKind.values:
        raise ValidationError({"kind": _("Choose how you were in contact.")})
    if outcome_code and outcome_code not in InteractionOutcome.values:
        raise ValidationError({"outcome_code": _("Choose one of the outcomes.")})
    if occurred_at is not None and occurred_at > timezone.now() + dt.timedelta(minutes=5):
        raise ValidationError({"occurred_at": _("A contact cannot lie in the future.")})
    if contact is not None and contact.company_id != company.pk:
        raise ValidationError({"contact": _("The contact person works for another company.")})
    if follow_up_on is not None and follow_up_on < timezone.localdate():
        raise ValidationError({"follow_up_on": _("The follow-up date cannot be in the past.")})
    acting = acting_for(actor, company)
    interaction = Interaction(
        company=company,
        kind=kind,
        occurred_at=occurred_at or timezone.now(),
        consultant=actor,
        job_centre=acting.job_centre,
        by_secretariat=acting.by_secretariat,
        contact=contact,
        summary=summary.strip(),
        outcome_code=outcome_code,
        outcome=outcome.strip(),
        follow_up_on=follow_up_on,
    )
    interaction.full_clean()
    interaction.save()
    return interaction


def _check_follow_up(actor: User, interaction: Interaction) -> None:
    """A follow-up is the consultant's; colleagues at the same job centre, or in the
    secretariat for the secretariat's contacts, may stand in."""
    own = interaction.consultant_id == actor.pk
    colleagues = [Role.SECRETARIAT if interaction.by_secretariat else Role.BUSINESS_CONSULTANT]
    if not own and not has_role_at(actor, interaction.job_centre, colleagues):
        raise ValidationError(
            _("Only the consultant or a colleague at the same job centre may do this."),
            code="not_yours",
        )
    if interaction.follow_up_on is None or interaction.follow_up_done_at is not None:
        raise ValidationError(_("There is no open follow-up on this contact."), code="no_follow_up")


@transaction.atomic
def follow_up_done(*, actor: User, interaction: Interaction) -> Interaction:
    interaction = Interaction.objects.select_for_update().get(pk=interaction.pk)
    _check_follow_up(actor, interaction)
    interaction.follow_up_done_at = timezone.now()
    interaction.follow_up_done_by = actor
    interaction.save(update_fields=["follow_up_done_at", "follow_up_done_by"])
    return interaction


@transaction.atomic
def follow_up_reschedule(
    *, actor: User, interaction: Interaction, follow_up_on: dt.date
) -> Interaction:
    interaction = Interaction.objects.select_for_update().get(pk=interaction.pk)
    _check_follow_up(actor, interaction)
    if follow_up_on < timezone.localdate():
        raise ValidationError({"follow_up_on": _("The follow-up date cannot be in the past.")})
    interaction.follow_up_on = follow_up_on
    interaction.save(update_fields=["follow_up_on"])
    return interaction


@transaction.atomic
def alliance_commitment_create(
    *,
    actor: User,
    company: Company,
    alliance: str,
    commitment: str,
    start_date: dt.date,
    end_date: dt.date | None = None,
) -> AllianceCommitment:
    """Mark what the company has promised in an alliance or partnership."""
    acting_for(actor, company)  # refuses users outside the company's cooperation
    if end_date is not None and end_date < start_date:
        raise ValidationError({"end_date": _("The end date must not be before the start date.")})
    mark = AllianceCommitment(
        company=company,
        alliance=" ".join(alliance.split()),
        commitment=commitment.strip(),
        start_date=start_date,
        end_date=end_date,
        recorded_by=actor,
    )
    mark.full_clean()
    mark.save()
    return mark


@transaction.atomic
def alliance_commitment_end(
    *, actor: User, commitment: AllianceCommitment, end_date: dt.date
) -> AllianceCommitment:
    """End a running commitment; those who manage the company do, and it says who and when."""
    commitment = AllianceCommitment.objects.select_for_update().get(pk=commitment.pk)
    if not may_manage_company(actor, commitment.company):
        raise ValidationError(
            _(
                "Only a business consultant of the company's home job centre or the "
                "secretariat may end its commitments."
            ),
            code="not_home",
        )
    over = commitment.end_date is not None and commitment.end_date < timezone.localdate()
    if commitment.ended_at is not None or over:
        raise ValidationError(_("The commitment has ended already."), code="ended")
    if end_date < commitment.start_date:
        raise ValidationError({"end_date": _("The end date must not be before the start date.")})
    if commitment.end_date is not None and end_date > commitment.end_date:
        # Ending shortens a commitment; a longer one is a new promise, recorded as such.
        message = _("The commitment runs until %(date)s; it cannot end later.") % {
            "date": date_format(commitment.end_date, "SHORT_DATE_FORMAT")
        }
        raise ValidationError({"end_date": ValidationError(message, code="later_end")})
    commitment.end_date = end_date
    commitment.ended_by = actor
    commitment.ended_at = timezone.now()
    commitment.full_clean()
    commitment.save(update_fields=["end_date", "ended_by", "ended_at"])
    return commitment


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
    guarantee_terms: str = "",
    terms: str = "",
) -> RecruitmentAgreement:
    """A recruitment agreement, signed by the actor for their job centre or the secretariat."""
    acting = acting_for(actor, company)
    agreement = RecruitmentAgreement(
        company=company,
        job_centre=acting.job_centre,
        by_secretariat=acting.by_secretariat,
        signed_by=actor,
        start_date=start_date,
        end_date=end_date,
        expected_hires=expected_hires,
        job_guarantee=job_guarantee,
        guarantee_terms=guarantee_terms.strip(),
        terms=terms.strip(),
    )
    _settle_agreement(agreement)
    agreement.full_clean()
    agreement.save()
    agreement.occupations.set(list(occupations))
    return agreement


def _settle_agreement(agreement: RecruitmentAgreement) -> None:
    if agreement.end_date < agreement.start_date:
        raise ValidationError({"end_date": _("The end date must not be before the start date.")})
    if agreement.job_guarantee and not agreement.guarantee_terms:
        raise ValidationError({"guarantee_terms": _("Describe the terms of the job guarantee.")})
    if not agreement.job_guarantee:
        agreement.guarantee_terms = ""


@transaction.atomic
def agreement_update(
    *, actor: User, agreement: RecruitmentAgreement, **fields: Any
) -> RecruitmentAgreement:
    # A ModelForm has already written its values into `agreement`: change what is stored.
    stored = RecruitmentAgreement.objects.select_related("job_centre").get(pk=agreement.pk)
    if not may_edit_agreement(actor, stored):
        message = (
            _("Only the secretariat may change an agreement the secretariat signed.")
            if stored.by_secretariat
            else _(
                "Only the signing job centre's business consultants or the secretariat "
                "may change the agreement."
            )
        )
        raise ValidationError(message, code="not_signer")

    def settle(edited: RecruitmentAgreement) -> None:
        edited.updated_by = actor
        _settle_agreement(edited)

    model_update(instance=stored, fields=AGREEMENT_EDITABLE_FIELDS, data=fields, before_save=settle)
    return stored
