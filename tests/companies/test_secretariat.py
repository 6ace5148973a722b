"""The secretariat acts for itself, not for the job centre hosting it: contacts it logs and
agreements it signs say so, count apart from the host centre's, and are the secretariat's
to edit and follow up."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from jobbro.companies import selectors, services
from jobbro.companies.models import Interaction, RecruitmentAgreement
from jobbro.organisations.models import JobCentre, Role, User
from tests.factories import MembershipFactory, staff

pytestmark = pytest.mark.django_db
backfill = importlib.import_module("jobbro.companies.migrations.0006_by_secretariat")


@pytest.fixture
def host(job_centre) -> JobCentre:
    """The company's home job centre, which also hosts the cooperation's secretariat."""
    cooperation = job_centre.cooperation
    cooperation.secretariat = job_centre
    cooperation.save()
    return job_centre


@pytest.fixture
def secretary(host) -> User:
    return staff(Role.SECRETARIAT, host, first_name="Sara", last_name="Sekretær")


def _agreement(company, actor) -> RecruitmentAgreement:
    today = timezone.localdate()
    return services.agreement_create(
        actor=actor,
        company=company,
        start_date=today - dt.timedelta(days=10),
        end_date=today + dt.timedelta(days=100),
        expected_hires=2,  # a target, so the row shows a progress bar with the agreement's id
    )


def test_secretariat_staff_act_for_the_secretariat(company, host, secretary) -> None:
    interaction = services.interaction_create(actor=secretary, company=company, kind="call")
    agreement = _agreement(company, secretary)

    assert (interaction.job_centre, interaction.by_secretariat) == (host, True)
    assert (agreement.job_centre, agreement.by_secretariat) == (host, True)


def test_a_business_consultant_in_the_secretariat_acts_for_the_centre(
    company, host, other_job_centre
) -> None:
    user = staff(Role.BUSINESS_CONSULTANT, other_job_centre)
    MembershipFactory(user=user, job_centre=host, role=Role.SECRETARIAT)

    assert selectors.acting_for(user, company) == selectors.Acting(other_job_centre, False)
    agreement = _agreement(company, user)
    assert (agreement.job_centre, agreement.by_secretariat) == (other_job_centre, False)


def test_a_manager_acts_for_nobody(company, host) -> None:
    with pytest.raises(ValidationError):
        services.interaction_create(actor=staff(Role.MANAGER, host), company=company, kind="call")
    assert not Interaction.objects.exists()


def test_only_the_secretariat_edits_what_the_secretariat_signed(
    company, host, secretary, consultant
) -> None:
    signed = _agreement(company, secretary)
    own = _agreement(company, consultant)
    colleague = staff(Role.SECRETARIAT, host)

    for user, allowed in ((consultant, {own.pk}), (colleague, {own.pk, signed.pk})):
        assert selectors.editable_agreements(user, [signed, own]) == allowed
        assert selectors.may_edit_agreement(user, signed) == (signed.pk in allowed)
        assert selectors.may_edit_agreement(user, own)
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        services.agreement_update(actor=consultant, agreement=signed, expected_hires=3)
    assert refused.value.messages == [
        "Only the secretariat may change an agreement the secretariat signed."
    ]
    services.agreement_update(actor=colleague, agreement=signed, expected_hires=3)
    signed.refresh_from_db()
    assert (signed.expected_hires, signed.updated_by) == (3, colleague)


def test_the_secretariats_follow_ups_are_the_secretariats(
    company, host, secretary, consultant
) -> None:
    interaction = services.interaction_create(
        actor=secretary, company=company, kind="call", follow_up_on=timezone.localdate()
    )

    with pytest.raises(ValidationError):
        services.follow_up_done(actor=consultant, interaction=interaction)
    done = services.follow_up_done(actor=staff(Role.SECRETARIAT, host), interaction=interaction)
    assert done.follow_up_done_at is not None


def test_overview_filters_the_secretariat_apart_from_its_host(
    company, host, secretary, consultant, client_for
) -> None:
    by_secretariat = _agreement(company, secretary)
    by_host = _agreement(company, consultant)
    client = client_for(consultant)
    url = reverse("companies:agreements")

    def rows(choice: str) -> str:
        return client.get(url, {"job_centre": choice}, HTTP_HX_REQUEST="true").content.decode()

    page = client.get(url, headers={"accept-language": "da"}).content.decode()
    assert '<option value="secretariat">Sekretariatet</option>' in page
    assert page.count('data-testid="agreement-row"') == 2
    assert f'id="progress-{by_host.pk}"' in rows(str(host.pk))
    assert f'id="progress-{by_secretariat.pk}"' not in rows(str(host.pk))
    assert f'id="progress-{by_secretariat.pk}"' in rows("secretariat")
    assert f'id="progress-{by_host.pk}"' not in rows("secretariat")
    assert rows("nonsense").count('data-testid="agreement-row"') == 2  # unknown: all


def test_no_secretariat_choice_without_a_secretariat(consultant, client_for) -> None:
    page = client_for(consultant).get(reverse("companies:agreements")).content.decode()

    assert 'value="secretariat"' not in page


@pytest.mark.parametrize(
    ("language", "label"), [("da", "Sekretariatet"), ("en", "The secretariat")]
)
def test_contact_log_and_agreements_name_the_secretariat(
    company, host, secretary, client_for, language, label
) -> None:
    services.interaction_create(actor=secretary, company=company, kind="call")
    _agreement(company, secretary)
    client = client_for(secretary)
    client.cookies["django_language"] = language

    page = client.get(reverse("companies:detail", args=[company.pk])).content.decode()

    assert f"Sara Sekretær · {label}</p>" in page  # the quick log's "Logged by … · …"
    assert page.count(f'<span class="small-text">{label}</span>') == 1  # the contact log
    assert f"<td>{label}<br>" in page  # the agreement table
    assert "Jobcenter Herlev" not in page.split('id="interactions"', 1)[1]


def test_backfill_marks_what_secretariat_only_staff_recorded(
    company, host, secretary, consultant
) -> None:
    both = staff(Role.BUSINESS_CONSULTANT, host)
    MembershipFactory(user=both, job_centre=host, role=Role.SECRETARIAT)
    for user in (secretary, consultant, both):
        services.interaction_create(actor=user, company=company, kind="call")
        _agreement(company, user)
    Interaction.objects.update(by_secretariat=False)
    RecruitmentAgreement.objects.update(by_secretariat=False)

    backfill.mark_secretariat_rows(apps, None)

    assert list(
        Interaction.objects.filter(by_secretariat=True).values_list("consultant", flat=True)
    ) == [secretary.pk]
    assert list(
        RecruitmentAgreement.objects.filter(by_secretariat=True).values_list("signed_by", flat=True)
    ) == [secretary.pk]
